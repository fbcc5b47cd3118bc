// conv_gemm.h against plain loops, for every implementation this build and
// CPU have (f32x4; AVX2 natively), on awkward sizes around the tiles (rows
// 4/2/1, columns 8/4 lanes x 2/4 vectors, the scalar column and length tails),
// both A layouts (W and Wᵀ), with and without bias and accumulation.
#include "kernels/conv_gemm.h"

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "support/random_vec.h"

namespace nnplay::kernels {
namespace {

using test::random_vec;


const int kRows[] = {1, 2, 3, 4, 5, 6, 7, 16, 17};
const int kCols[] = {1, 3, 4, 5, 8, 17, 63, 65, 100};
const int kDepths[] = {1, 3, 5, 25, 65};

TEST(ConvGemm, ListHasAnImplementation) {
  ASSERT_GE(conv_gemm_kernels().size(), 1u);
}

TEST(ConvGemm, NnMatchesLoops) {
  for (const ConvGemmKernels& impl : conv_gemm_kernels())
    for (int M : kRows)
      for (int N : kCols)
        for (int K : kDepths)
          for (int variant = 0; variant < 8; ++variant) {
            const bool transposed = variant & 1, with_bias = variant & 2, accumulate = variant & 4;
            const int ldb = N + 3, ldc = N + 2;  // leading dimensions wider than the matrices
            const auto a = random_vec(static_cast<size_t>(M * K), 1), b = random_vec(static_cast<size_t>(K * ldb), 2),
                       bias = random_vec(static_cast<size_t>(M), 3);
            auto c = random_vec(static_cast<size_t>(M * ldc), 4);
            auto ref = c;
            const int a_rs = transposed ? 1 : K, a_cs = transposed ? M : 1;
            for (int r = 0; r < M; ++r)
              for (int j = 0; j < N; ++j) {
                double s = (accumulate ? ref[r * ldc + j] : 0.0) + (with_bias ? bias[r] : 0.0);
                for (int k = 0; k < K; ++k) s += double{a[r * a_rs + k * a_cs]} * b[k * ldb + j];
                ref[r * ldc + j] = static_cast<float>(s);
              }
            impl.nn(M, N, K, a.data(), a_rs, a_cs, b.data(), ldb, nullptr, c.data(), ldc,
                    with_bias ? bias.data() : nullptr, accumulate);
            for (int r = 0; r < M; ++r)
              for (int j = 0; j < ldc; ++j)
                ASSERT_NEAR(c[r * ldc + j], ref[r * ldc + j], 1e-5f * (K + 2))
                    << impl.isa << " M=" << M << " N=" << N << " K=" << K << " variant=" << variant << " at " << r
                    << "," << j;
          }
}

TEST(ConvGemm, NtAccumulatesLikeLoops) {
  const int lengths[] = {1, 3, 4, 5, 17, 63, 65, 784};
  const int ns[] = {1, 2, 3, 4, 5, 7, 25};
  for (const ConvGemmKernels& impl : conv_gemm_kernels())
    for (int M : kRows)
      for (int N : ns)
        for (int L : lengths) {
          const int lda = L + 1, ldb = L + 5, ldc = N + 1;
          const auto a = random_vec(static_cast<size_t>(M * lda), 5), b = random_vec(static_cast<size_t>(N * ldb), 6);
          auto c = random_vec(static_cast<size_t>(M * ldc), 7);
          auto ref = c;
          for (int i = 0; i < M; ++i)
            for (int j = 0; j < N; ++j) {
              double s = 0;
              for (int l = 0; l < L; ++l) s += double{a[i * lda + l]} * b[j * ldb + l];
              ref[i * ldc + j] += static_cast<float>(s);
            }
          impl.nt(M, N, L, a.data(), lda, b.data(), ldb, nullptr, c.data(), ldc);
          for (size_t q = 0; q < c.size(); ++q)
            ASSERT_NEAR(c[q], ref[q], 2e-6f * (L + 4)) << impl.isa << " M=" << M << " N=" << N << " L=" << L << " at " << q;
        }
}

// Rows of B given by offsets (overlapping, out of order): the implicit im2col.
std::vector<int> offsets(int rows, int seed) {
  std::vector<int> koff(static_cast<size_t>(rows));
  for (int k = 0; k < rows; ++k) koff[static_cast<size_t>(k)] = (k * 7 + seed) % 23;
  return koff;
}

TEST(ConvGemm, NnAndNtWithRowOffsets) {
  for (const ConvGemmKernels& impl : conv_gemm_kernels())
    for (int M : kRows)
      for (int N : kCols)
        for (int K : kDepths) {
          const auto koff = offsets(K, M);
          const auto a = random_vec(static_cast<size_t>(M * K), 11), b = random_vec(static_cast<size_t>(23 + N), 12),
                     bias = random_vec(static_cast<size_t>(M), 13);
          std::vector<float> c(static_cast<size_t>(M * N), 5.0f), ref(c.size());
          for (int r = 0; r < M; ++r)
            for (int j = 0; j < N; ++j) {
              double s = bias[r];
              for (int k = 0; k < K; ++k) s += double{a[r * K + k]} * b[koff[k] + j];
              ref[r * N + j] = static_cast<float>(s);
            }
          impl.nn(M, N, K, a.data(), K, 1, b.data(), 0, koff.data(), c.data(), N, bias.data(), false);
          for (size_t q = 0; q < c.size(); ++q)
            ASSERT_NEAR(c[q], ref[q], 1e-5f * (K + 2)) << impl.isa << " nn M=" << M << " N=" << N << " K=" << K;
          // nt: C(M, K) += A(M, N) · B(K, N)ᵀ with row k of B at b + koff[k]
          const auto a2 = random_vec(static_cast<size_t>(M * N), 14);
          std::vector<float> c2(static_cast<size_t>(M * K), 0.5f), ref2 = c2;
          for (int i = 0; i < M; ++i)
            for (int k = 0; k < K; ++k) {
              double s = 0;
              for (int l = 0; l < N; ++l) s += double{a2[i * N + l]} * b[koff[k] + l];
              ref2[i * K + k] += static_cast<float>(s);
            }
          impl.nt(M, K, N, a2.data(), N, b.data(), 0, koff.data(), c2.data(), K);
          for (size_t q = 0; q < c2.size(); ++q)
            ASSERT_NEAR(c2[q], ref2[q], 2e-6f * (N + 4)) << impl.isa << " nt M=" << M << " N=" << N << " K=" << K;
        }
}

TEST(ConvGemm, AnReadsRowsOfAAtOffsets) {
  // C(M, N) = A(M, L) · B(L, N) with row r of A at a + aoff[r] (overlapping,
  // out of order), overwriting C; N past the vector widths and with tails.
  const int lengths[] = {1, 3, 8, 17, 64};
  for (const ConvGemmKernels& impl : conv_gemm_kernels())
    for (int M : kRows)
      for (int N : kCols)
        for (int L : lengths) {
          const auto aoff = offsets(M, N);
          const int ldb = N + 3, ldc = N + 1;
          const auto a = random_vec(static_cast<size_t>(23 + L), 17), b = random_vec(static_cast<size_t>(L * ldb), 18);
          std::vector<float> c(static_cast<size_t>(M * ldc), 7.0f), ref = c;
          for (int r = 0; r < M; ++r)
            for (int j = 0; j < N; ++j) {
              double s = 0;
              for (int l = 0; l < L; ++l) s += double{a[aoff[r] + l]} * b[l * ldb + j];
              ref[r * ldc + j] = static_cast<float>(s);
            }
          impl.an(M, N, L, a.data(), aoff.data(), b.data(), ldb, c.data(), ldc);
          for (size_t q = 0; q < c.size(); ++q)
            ASSERT_NEAR(c[q], ref[q], 2e-6f * (L + 4)) << impl.isa << " an M=" << M << " N=" << N << " L=" << L << " at " << q;
        }
}

TEST(ConvGemm, Transpose2dWritesOrAddsTheTranspose) {
  // src (3, 5) with ld 7 into dst (5, 3) with ld 4: dst[c][r] = src[r][c], the
  // padding of dst untouched; then added once more (twice the values).
  std::vector<float> src(3 * 7), dst(5 * 4, -1.0f);
  for (int r = 0; r < 3; ++r)
    for (int c = 0; c < 7; ++c) src[static_cast<size_t>(r * 7 + c)] = static_cast<float>(10 * r + c);
  transpose_2d_f32(3, 5, src.data(), 7, dst.data(), 4, false);
  for (int c = 0; c < 5; ++c) {
    for (int r = 0; r < 3; ++r) EXPECT_EQ(dst[static_cast<size_t>(c * 4 + r)], 10.0f * r + c);
    EXPECT_EQ(dst[static_cast<size_t>(c * 4 + 3)], -1.0f);
  }
  transpose_2d_f32(3, 5, src.data(), 7, dst.data(), 4, true);
  for (int c = 0; c < 5; ++c)
    for (int r = 0; r < 3; ++r) EXPECT_EQ(dst[static_cast<size_t>(c * 4 + r)], 2.0f * (10.0f * r + c));
}

TEST(ConvGemm, AddRowsAccumulatesOverlappingRows) {
  for (const ConvGemmKernels& impl : conv_gemm_kernels())
    for (int N : kCols)
      for (int K : kDepths) {
        const auto koff = offsets(K, N);
        const int ld = N + 1;
        const auto src = random_vec(static_cast<size_t>(K * ld), 15);
        auto dst = random_vec(static_cast<size_t>(23 + N), 16);
        auto ref = dst;
        for (int k = 0; k < K; ++k)
          for (int j = 0; j < N; ++j) ref[koff[k] + j] += src[k * ld + j];
        impl.add_rows(K, N, src.data(), ld, koff.data(), dst.data());
        for (size_t q = 0; q < dst.size(); ++q)
          ASSERT_NEAR(dst[q], ref[q], 1e-5f) << impl.isa << " N=" << N << " K=" << K << " at " << q;
      }
}

TEST(ConvGemm, RowSumsAccumulate) {
  const int lengths[] = {0, 1, 3, 5, 17, 63, 65, 784};
  for (const ConvGemmKernels& impl : conv_gemm_kernels())
    for (int cols : lengths) {
      const int rows = 5, ld = cols + 3;
      const auto x = random_vec(static_cast<size_t>(rows * ld), 8);
      auto out = random_vec(rows, 9);
      auto ref = out;
      for (int r = 0; r < rows; ++r) {
        double s = 0;
        for (int j = 0; j < cols; ++j) s += x[r * ld + j];
        ref[r] += static_cast<float>(s);
      }
      impl.row_sums(rows, cols, x.data(), ld, out.data());
      for (int r = 0; r < rows; ++r) ASSERT_NEAR(out[r], ref[r], 1e-6f * (cols + 4)) << impl.isa << " cols=" << cols;
    }
}

}  // namespace
}  // namespace nnplay::kernels
