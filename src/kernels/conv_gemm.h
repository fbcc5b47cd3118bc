// conv_gemm.h — the skinny matrix products of a convolution (nn/conv2d.h),
// without packing: W·col + bias (forward), Wᵀ·dy (input gradient) and
// dy·colᵀ (weight gradient), plus the bias gradient's row sums.
//
//   conv_gemm_nn_f32: C(M,N) = [C +] [bias(M) broadcast over columns +] A(M,K)·B(K,N)
//                     A(r, k) = a[r·a_rs + k·a_cs] (so Wᵀ is a_rs = 1, a_cs = M);
//                     B(k, j) = b[k·ldb + j], or b[koff[k] + j] when koff is
//                     not null (rows anywhere: shifted views of one padded
//                     image, the implicit im2col of nn/conv2d.cpp); C with ldc.
//   conv_gemm_nt_f32: C(M,N) += A(M,L)·B(N,L)ᵀ, rows of A and B contiguous;
//                     row j of B at b + j·ldb, or at b + koff[j].
//   conv_gemm_an_f32: C(M,N) = A(M,L)·B(L,N), overwritten, with row r of A at
//                     a + aoff[r] (rows of the implicit im2col: the weight
//                     gradient computed transposed, col·dyᵀ, so that its long
//                     sum runs in registers instead of ending in horizontal
//                     adds), B(l, j) = b[l·ldb + j]; C with ldc.
//   add_rows_f32:     dst[koff[k] + j] += src[k·ld + j], k < K, j < N (rows may
//                     overlap in dst: the implicit col2im).
//   row_sums_f32:     out[r] += Σ_j x[r·ld + j], j < cols.
//
// For products with a small dimension (a convolution's channel counts, its
// kernel volume) these beat the packed GEMM of gemm.h, which is built for
// large square-ish products (see conv_gemm_tiled.h). f32x4 (wasm SIMD128,
// SSE2) everywhere; natively AVX2+FMA where the CPU has it, picked at the
// first call. tests/kernels/conv_gemm_test.cpp compares every implementation
// with plain loops on awkward sizes.
#pragma once

#include <span>

namespace nnplay::kernels {

void conv_gemm_nn_f32(int M, int N, int K, const float* a, int a_rs, int a_cs, const float* b, int ldb,
                      const int* koff, float* c, int ldc, const float* bias, bool accumulate);
void conv_gemm_nt_f32(int M, int N, int L, const float* a, int lda, const float* b, int ldb, const int* koff, float* c,
                      int ldc);
void conv_gemm_an_f32(int M, int N, int L, const float* a, const int* aoff, const float* b, int ldb, float* c, int ldc);
void add_rows_f32(int K, int N, const float* src, int ld, const int* koff, float* dst);
void row_sums_f32(int rows, int cols, const float* x, int ld, float* out);

/// dst[r·ldd + j] = src[r·lds + j] and dst[r·ldd + j] += src[r·lds + j], r < rows, j < n
/// (padding an image, compacting rows, scattering a padded gradient back). f32x4.
void copy_2d_f32(int rows, int n, const float* src, int lds, float* dst, int ldd);
void add_2d_f32(int rows, int n, const float* src, int lds, float* dst, int ldd);
/// dst[c·ldd + r] = src[r·lds + c] (or += when `accumulate`), r < rows, c < cols:
/// a transpose (the weight gradients computed transposed, conv and Linear).
void transpose_2d_f32(int rows, int cols, const float* src, int lds, float* dst, int ldd, bool accumulate);

/// One implementation of the five (for tests and the benchmark).
struct ConvGemmKernels {
  const char* isa;  // "wasmsimd", "sse2", "avx2" or "scalar" (the 4-float struct fallback)
  void (*nn)(int, int, int, const float*, int, int, const float*, int, const int*, float*, int, const float*, bool);
  void (*nt)(int, int, int, const float*, int, const float*, int, const int*, float*, int);
  void (*an)(int, int, int, const float*, const int*, const float*, int, float*, int);
  void (*add_rows)(int, int, const float*, int, const int*, float*);
  void (*row_sums)(int, int, const float*, int, float*);
};
/// The implementations this build has and this CPU runs, the one in use first.
std::span<const ConvGemmKernels> conv_gemm_kernels();

}  // namespace nnplay::kernels
