// GEMM kernels against a naive triple loop in double: every implementation
// this build contains and this CPU runs (gemm_kernels(): the SIMD kernels,
// the scalar reference and Eigen), all three forms, both beta values, on
// sizes that are not multiples of any tile or block (1, 3, 5, 17, 63, 65 and
// sizes that cross the KC/MC/NC cache blocks). With beta = 0 the output
// starts as NaN (it must be overwritten, not scaled), and guard elements
// after C must stay untouched (edge tiles write only inside C).
#include "kernels/gemm.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <string>
#include <tuple>
#include <vector>

#include "support/random_vec.h"

namespace nnplay::kernels {
namespace {

using test::random_vec;


enum class Form { NN, NT, TN };
const char* form_name(Form f) { return f == Form::NN ? "nn" : f == Form::NT ? "nt" : "tn"; }

// C(M,N) += op(A)·op(B) computed naively in double.
void naive(Form form, int M, int N, int K, const std::vector<float>& A, const std::vector<float>& B,
           std::vector<double>& C) {
  for (int i = 0; i < M; ++i)
    for (int j = 0; j < N; ++j) {
      double s = 0;
      for (int k = 0; k < K; ++k) {
        const double a = form == Form::TN ? A[static_cast<size_t>(k * M + i)] : A[static_cast<size_t>(i * K + k)];
        const double b = form == Form::NT ? B[static_cast<size_t>(j * K + k)] : B[static_cast<size_t>(k * N + j)];
        s += a * b;
      }
      C[static_cast<size_t>(i * N + j)] += s;
    }
}

constexpr int kGuard = 37;
constexpr float kSentinel = 12345.0f;

// Runs `kernels` on one problem and checks it against the double reference.
void check(const GemmKernels& kernels, Form form, int M, int N, int K, bool accumulate) {
  const auto A = random_vec(static_cast<size_t>(M * K), 1 + static_cast<uint64_t>(M));
  const auto B = random_vec(static_cast<size_t>(K * N), 2 + static_cast<uint64_t>(N));
  auto C = random_vec(static_cast<size_t>(M * N) + kGuard, 3);
  std::vector<double> ref(static_cast<size_t>(M * N));
  for (size_t i = 0; i < ref.size(); ++i) {
    ref[i] = accumulate ? C[i] : 0.0;
    if (!accumulate) C[i] = std::numeric_limits<float>::quiet_NaN();
  }
  for (int g = 0; g < kGuard; ++g) C[static_cast<size_t>(M * N + g)] = kSentinel;
  naive(form, M, N, K, A, B, ref);
  const GemmFn fn = form == Form::NN ? kernels.nn : form == Form::NT ? kernels.nt : kernels.tn;
  fn(M, N, K, A.data(), B.data(), C.data(), accumulate);
  const double tol = 2e-6 * K + 1e-6;
  for (size_t i = 0; i < ref.size(); ++i)
    ASSERT_NEAR(C[i], ref[i], tol) << kernels.isa << " gemm_f32_" << form_name(form) << " M=" << M << " N=" << N
                                   << " K=" << K << " accumulate=" << accumulate << " at (" << i / static_cast<size_t>(N)
                                   << ", " << i % static_cast<size_t>(N) << ")";
  for (int g = 0; g < kGuard; ++g)
    ASSERT_EQ(C[static_cast<size_t>(M * N + g)], kSentinel)
        << kernels.isa << " gemm_f32_" << form_name(form) << " wrote past C (M=" << M << " N=" << N << ")";
}

TEST(GemmKernels, ListHasTheScalarReferenceAndAnActiveKernel) {
  bool scalar = false;
  for (const GemmKernels& k : gemm_kernels()) scalar = scalar || std::string(k.isa) == "scalar";
  EXPECT_TRUE(scalar);
  EXPECT_STREQ(gemm_active().isa, gemm_kernels()[0].isa);
  // A build with any SIMD kernel (wasm, x86) uses one by default.
  if (gemm_kernels().size() > 2) {
    EXPECT_STRNE(gemm_active().isa, "scalar");
    EXPECT_STRNE(gemm_active().isa, "eigen");
  }
}

class GemmAwkward : public ::testing::TestWithParam<std::tuple<int, int>> {};

// All M x N from the awkward list, for a few K, for every implementation.
TEST_P(GemmAwkward, EveryKernelMatchesTheReference) {
  const auto [M, N] = GetParam();
  for (const GemmKernels& k : gemm_kernels())
    for (int K : {1, 3, 17, 65, 300})
      for (Form form : {Form::NN, Form::NT, Form::TN})
        for (bool accumulate : {false, true}) {
          check(k, form, M, N, K, accumulate);
          if (HasFatalFailure()) return;
        }
}

INSTANTIATE_TEST_SUITE_P(Sizes, GemmAwkward,
                         ::testing::Combine(::testing::Values(1, 3, 5, 17, 63, 65),
                                            ::testing::Values(1, 3, 5, 17, 63, 65)));

// Shapes that cross every cache block (KC 256, MC 120/128, NC 1024) and the
// MLP's real shapes.
TEST(GemmBlocks, EveryKernelMatchesTheReferenceAcrossBlocks) {
  const std::tuple<int, int, int> shapes[] = {{130, 1030, 37}, {7, 9, 513}, {250, 20, 260},
                                               {64, 128, 784}, {128, 784, 64}, {64, 784, 128}};
  for (const GemmKernels& k : gemm_kernels())
    for (const auto& [M, N, K] : shapes)
      for (Form form : {Form::NN, Form::NT, Form::TN})
        for (bool accumulate : {false, true}) {
          check(k, form, M, N, K, accumulate);
          if (HasFatalFailure()) return;
        }
}

// The public entry points: beta 0, 1 and (rarely used) other values, and
// routing through gemm_select.
TEST(GemmApi, BetaAndSelect) {
  const int M = 5, N = 7, K = 9;
  const auto A = random_vec(M * K, 4), B = random_vec(K * N, 5), C0 = random_vec(M * N, 6);
  for (const GemmKernels& k : gemm_kernels()) {
    ASSERT_TRUE(gemm_select(k.isa));
    EXPECT_STREQ(gemm_active().isa, k.isa);
    for (float beta : {0.0f, 1.0f, 0.5f}) {
      std::vector<double> ref(C0.size());
      for (size_t i = 0; i < ref.size(); ++i) ref[i] = beta * C0[i];
      naive(Form::NN, M, N, K, A, B, ref);
      auto C = C0;
      gemm_f32_nn(M, N, K, A.data(), B.data(), C.data(), beta);
      for (size_t i = 0; i < ref.size(); ++i) ASSERT_NEAR(C[i], ref[i], 1e-5) << k.isa << " beta " << beta;
    }
  }
  EXPECT_FALSE(gemm_select("no-such-isa"));
  ASSERT_TRUE(gemm_select(gemm_kernels()[0].isa));
}

}  // namespace
}  // namespace nnplay::kernels
