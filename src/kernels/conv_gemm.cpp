// conv_gemm.cpp — conv_gemm.h for f32x4 (wasm SIMD128 under Emscripten, SSE2
// natively) and the dispatch to the AVX2 copy (conv_gemm__avx2.cpp).
#include "kernels/conv_gemm.h"

#include "kernels/conv_gemm_tiled.h"

#if defined(__x86_64__) || defined(__i386__)
#define NNP_CONV_GEMM_X86 1
#endif

namespace nnplay::kernels {

#if defined(NNP_CONV_GEMM_X86)
void conv_gemm_nn_f32__avx2(int M, int N, int K, const float* a, int a_rs, int a_cs, const float* b, int ldb,
                            const int* koff, float* c, int ldc, const float* bias, bool accumulate);
void conv_gemm_nt_f32__avx2(int M, int N, int L, const float* a, int lda, const float* b, int ldb, const int* koff,
                            float* c, int ldc);
void conv_gemm_an_f32__avx2(int M, int N, int L, const float* a, const int* aoff, const float* b, int ldb, float* c,
                            int ldc);
void add_rows_f32__avx2(int K, int N, const float* src, int ld, const int* koff, float* dst);
void row_sums_f32__avx2(int rows, int cols, const float* x, int ld, float* out);
#endif

namespace {

void nn4(int M, int N, int K, const float* a, int a_rs, int a_cs, const float* b, int ldb, const int* koff, float* c,
         int ldc, const float* bias, bool accumulate) {
  ConvGemm<Simd4>::nn(M, N, K, a, a_rs, a_cs, b, ldb, koff, c, ldc, bias, accumulate);
}
void nt4(int M, int N, int L, const float* a, int lda, const float* b, int ldb, const int* koff, float* c, int ldc) {
  ConvGemm<Simd4>::nt(M, N, L, a, lda, b, ldb, koff, c, ldc);
}
void an4(int M, int N, int L, const float* a, const int* aoff, const float* b, int ldb, float* c, int ldc) {
  ConvGemm<Simd4>::nn_aoff(M, N, L, a, aoff, b, ldb, c, ldc);
}
void add_rows4(int K, int N, const float* src, int ld, const int* koff, float* dst) {
  opaque<&ConvGemm<Simd4>::add_rows>()(K, N, src, ld, koff, dst);
}
void row_sums4(int rows, int cols, const float* x, int ld, float* out) {
  opaque<&ConvGemm<Simd4>::row_sums>()(rows, cols, x, ld, out);
}

struct List {
  ConvGemmKernels k[2];
  int n = 0;
};

List make_list() {
  List l;
#if defined(NNP_CONV_GEMM_X86)
  __builtin_cpu_init();
  if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma"))
    l.k[l.n++] = {"avx2",           conv_gemm_nn_f32__avx2, conv_gemm_nt_f32__avx2, conv_gemm_an_f32__avx2,
                      add_rows_f32__avx2, row_sums_f32__avx2};
#endif
  l.k[l.n++] = {NNP_SIMD_ISA, nn4, nt4, an4, add_rows4, row_sums4};
  return l;
}

const List& list() {
  static const List l = make_list();
  return l;
}

}  // namespace

std::span<const ConvGemmKernels> conv_gemm_kernels() { return {list().k, static_cast<size_t>(list().n)}; }

// Under Emscripten there is one implementation: called directly, no table.
#if defined(__wasm_simd128__)
#define NNP_CONV_GEMM_CALL(fn4, field) fn4
#else
#define NNP_CONV_GEMM_CALL(fn4, field) list().k[0].field
#endif

void conv_gemm_nn_f32(int M, int N, int K, const float* a, int a_rs, int a_cs, const float* b, int ldb,
                      const int* koff, float* c, int ldc, const float* bias, bool accumulate) {
  NNP_CONV_GEMM_CALL(nn4, nn)(M, N, K, a, a_rs, a_cs, b, ldb, koff, c, ldc, bias, accumulate);
}

void conv_gemm_nt_f32(int M, int N, int L, const float* a, int lda, const float* b, int ldb, const int* koff, float* c,
                      int ldc) {
  NNP_CONV_GEMM_CALL(nt4, nt)(M, N, L, a, lda, b, ldb, koff, c, ldc);
}

void conv_gemm_an_f32(int M, int N, int L, const float* a, const int* aoff, const float* b, int ldb, float* c, int ldc) {
  NNP_CONV_GEMM_CALL(an4, an)(M, N, L, a, aoff, b, ldb, c, ldc);
}

void add_rows_f32(int K, int N, const float* src, int ld, const int* koff, float* dst) {
  NNP_CONV_GEMM_CALL(add_rows4, add_rows)(K, N, src, ld, koff, dst);
}

void row_sums_f32(int rows, int cols, const float* x, int ld, float* out) {
  NNP_CONV_GEMM_CALL(row_sums4, row_sums)(rows, cols, x, ld, out);
}

// Rows are short (28 and 10 floats in LeNet): simd.h's line helpers.
void copy_2d_f32(int rows, int n, const float* src, int lds, float* dst, int ldd) {
  for (int r = 0; r < rows; ++r, src += lds, dst += ldd) copy_line_f32(src, n, dst);
}

void add_2d_f32(int rows, int n, const float* src, int lds, float* dst, int ldd) {
  for (int r = 0; r < rows; ++r, src += lds, dst += ldd) add_line_f32(src, n, dst);
}

void transpose_2d_f32(int rows, int cols, const float* src, int lds, float* dst, int ldd, bool accumulate) {
  for (int r = 0; r < rows; ++r, src += lds)
    for (int c = 0; c < cols; ++c) {
      float& d = dst[int64_t{c} * ldd + r];
      d = accumulate ? d + src[c] : src[c];
    }
}

}  // namespace nnplay::kernels
