// gemm.h — the matrix products training needs, single-precision, row-major.
//
//   gemm_f32_nn: C(M,N) = A(M,K)   · B(K,N)   + beta·C   (forward of conv via im2col)
//   gemm_f32_nt: C(M,N) = A(M,K)   · B(N,K)ᵀ  + beta·C   (Linear forward: x·Wᵀ; dx = dy·W is nn)
//   gemm_f32_tn: C(M,N) = A(K,M)ᵀ  · B(K,N)   + beta·C   (Linear dW = dyᵀ·x)
//
// beta is 0 (overwrite) or 1 (accumulate, the layer contract's +=). All
// matrices are dense with leading dimension equal to their column count.
// The implementation is chosen at build time (kernels/ is the only place that
// knows the ISA); today it is Eigen on every target.
#pragma once

namespace nnplay::kernels {

void gemm_f32_nn(int M, int N, int K, const float* A, const float* B, float* C, float beta);
void gemm_f32_nt(int M, int N, int K, const float* A, const float* B, float* C, float beta);
void gemm_f32_tn(int M, int N, int K, const float* A, const float* B, float* C, float beta);

}  // namespace nnplay::kernels
