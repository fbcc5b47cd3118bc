// GEMM kernels against a naive triple loop in double, on sizes that are not
// multiples of any tile (1, 3, 5, 17, 63, 65), for all three forms and both
// beta values.
#include "kernels/gemm.h"

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "core/rng.h"

namespace nnplay::kernels {
namespace {

std::vector<float> random_vec(size_t n, uint64_t seed) {
  Rng rng(seed);
  std::vector<float> v(n);
  for (float& x : v) x = rng.uniform(-1.0f, 1.0f);
  return v;
}

enum class Form { NN, NT, TN };

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

class GemmTest : public ::testing::TestWithParam<std::tuple<int, int, int>> {};

TEST_P(GemmTest, AllFormsMatchNaiveReference) {
  const auto [M, N, K] = GetParam();
  for (Form form : {Form::NN, Form::NT, Form::TN}) {
    for (float beta : {0.0f, 1.0f}) {
      const auto A = random_vec(static_cast<size_t>(M * K), 1);
      const auto B = random_vec(static_cast<size_t>(K * N), 2);
      auto C = random_vec(static_cast<size_t>(M * N), 3);
      std::vector<double> ref(C.size());
      for (size_t i = 0; i < C.size(); ++i) ref[i] = beta == 0.0f ? 0.0 : C[i];
      naive(form, M, N, K, A, B, ref);
      if (form == Form::NN) gemm_f32_nn(M, N, K, A.data(), B.data(), C.data(), beta);
      if (form == Form::NT) gemm_f32_nt(M, N, K, A.data(), B.data(), C.data(), beta);
      if (form == Form::TN) gemm_f32_tn(M, N, K, A.data(), B.data(), C.data(), beta);
      for (size_t i = 0; i < C.size(); ++i)
        ASSERT_NEAR(C[i], ref[i], 1e-5 * K + 1e-6) << "form " << static_cast<int>(form) << " beta " << beta << " at " << i;
    }
  }
}

INSTANTIATE_TEST_SUITE_P(AwkwardSizes, GemmTest,
                         ::testing::Values(std::make_tuple(1, 1, 1), std::make_tuple(3, 5, 17), std::make_tuple(17, 3, 5),
                                           std::make_tuple(63, 65, 1), std::make_tuple(65, 63, 17),
                                           std::make_tuple(5, 1, 63), std::make_tuple(64, 128, 784)));

}  // namespace
}  // namespace nnplay::kernels
