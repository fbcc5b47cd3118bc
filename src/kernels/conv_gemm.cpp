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
                            float* c, int ldc, const float* bias, bool accumulate);
void conv_gemm_nt_f32__avx2(int M, int N, int L, const float* a, int lda, const float* b, int ldb, float* c, int ldc);
void row_sums_f32__avx2(int rows, int cols, const float* x, int ld, float* out);
#endif

namespace {

void nn4(int M, int N, int K, const float* a, int a_rs, int a_cs, const float* b, int ldb, float* c, int ldc,
         const float* bias, bool accumulate) {
  ConvGemm<Simd4>::nn(M, N, K, a, a_rs, a_cs, b, ldb, c, ldc, bias, accumulate);
}
void nt4(int M, int N, int L, const float* a, int lda, const float* b, int ldb, float* c, int ldc) {
  ConvGemm<Simd4>::nt(M, N, L, a, lda, b, ldb, c, ldc);
}
void row_sums4(int rows, int cols, const float* x, int ld, float* out) {
  ConvGemm<Simd4>::row_sums(rows, cols, x, ld, out);
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
    l.k[l.n++] = {"avx2", conv_gemm_nn_f32__avx2, conv_gemm_nt_f32__avx2, row_sums_f32__avx2};
#endif
  l.k[l.n++] = {NNP_SIMD_ISA, nn4, nt4, row_sums4};
  return l;
}

const List& list() {
  static const List l = make_list();
  return l;
}

}  // namespace

std::span<const ConvGemmKernels> conv_gemm_kernels() { return {list().k, static_cast<size_t>(list().n)}; }

void conv_gemm_nn_f32(int M, int N, int K, const float* a, int a_rs, int a_cs, const float* b, int ldb, float* c,
                      int ldc, const float* bias, bool accumulate) {
#if defined(__wasm_simd128__)
  nn4(M, N, K, a, a_rs, a_cs, b, ldb, c, ldc, bias, accumulate);
#else
  list().k[0].nn(M, N, K, a, a_rs, a_cs, b, ldb, c, ldc, bias, accumulate);
#endif
}

void conv_gemm_nt_f32(int M, int N, int L, const float* a, int lda, const float* b, int ldb, float* c, int ldc) {
#if defined(__wasm_simd128__)
  nt4(M, N, L, a, lda, b, ldb, c, ldc);
#else
  list().k[0].nt(M, N, L, a, lda, b, ldb, c, ldc);
#endif
}

void row_sums_f32(int rows, int cols, const float* x, int ld, float* out) {
#if defined(__wasm_simd128__)
  row_sums4(rows, cols, x, ld, out);
#else
  list().k[0].row_sums(rows, cols, x, ld, out);
#endif
}

}  // namespace nnplay::kernels
