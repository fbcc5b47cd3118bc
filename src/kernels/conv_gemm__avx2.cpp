// conv_gemm__avx2.cpp — conv_gemm.h with f32x8 and FMA (compiled with -mavx2
// -mfma; kernels/conv_gemm.cpp calls it only when the CPU has both).
#include "kernels/conv_gemm_tiled.h"

namespace nnplay::kernels {

void conv_gemm_nn_f32__avx2(int M, int N, int K, const float* a, int a_rs, int a_cs, const float* b, int ldb,
                            const int* koff, float* c, int ldc, const float* bias, bool accumulate) {
  ConvGemm<Simd8>::nn(M, N, K, a, a_rs, a_cs, b, ldb, koff, c, ldc, bias, accumulate);
}
void conv_gemm_nt_f32__avx2(int M, int N, int L, const float* a, int lda, const float* b, int ldb, const int* koff,
                            float* c, int ldc) {
  ConvGemm<Simd8>::nt(M, N, L, a, lda, b, ldb, koff, c, ldc);
}
void conv_gemm_an_f32__avx2(int M, int N, int L, const float* a, const int* aoff, const float* b, int ldb, float* c,
                            int ldc) {
  ConvGemm<Simd8>::nn_aoff(M, N, L, a, aoff, b, ldb, c, ldc);
}
void add_rows_f32__avx2(int K, int N, const float* src, int ld, const int* koff, float* dst) {
  ConvGemm<Simd8>::add_rows(K, N, src, ld, koff, dst);
}
void row_sums_f32__avx2(int rows, int cols, const float* x, int ld, float* out) {
  ConvGemm<Simd8>::row_sums(rows, cols, x, ld, out);
}

}  // namespace nnplay::kernels
