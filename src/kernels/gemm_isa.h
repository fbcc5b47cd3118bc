// gemm_isa.h — the per-ISA entry points behind gemm.h. Only kernels/gemm.cpp
// (the dispatcher) and the gemm_f32__<isa>.cpp files include this; everyone
// else goes through gemm.h or its gemm_kernels() list.
#pragma once

namespace nnplay::kernels {

#define NNP_GEMM_DECLARE(isa)                                                                             \
  void gemm_f32_nn__##isa(int M, int N, int K, const float* A, const float* B, float* C, bool accumulate); \
  void gemm_f32_nt__##isa(int M, int N, int K, const float* A, const float* B, float* C, bool accumulate); \
  void gemm_f32_tn__##isa(int M, int N, int K, const float* A, const float* B, float* C, bool accumulate);

NNP_GEMM_DECLARE(scalar)
NNP_GEMM_DECLARE(eigen)
NNP_GEMM_DECLARE(wasmsimd)
NNP_GEMM_DECLARE(sse2)
NNP_GEMM_DECLARE(avx2)
NNP_GEMM_DECLARE(avx512)

// Defines the three entry points of `isa` from a TiledGemm instantiation.
#define NNP_GEMM_DEFINE(isa, Impl)                                                                          \
  void gemm_f32_nn__##isa(int M, int N, int K, const float* A, const float* B, float* C, bool accumulate) { \
    Impl::nn(M, N, K, A, B, C, accumulate);                                                                 \
  }                                                                                                         \
  void gemm_f32_nt__##isa(int M, int N, int K, const float* A, const float* B, float* C, bool accumulate) { \
    Impl::nt(M, N, K, A, B, C, accumulate);                                                                 \
  }                                                                                                         \
  void gemm_f32_tn__##isa(int M, int N, int K, const float* A, const float* B, float* C, bool accumulate) { \
    Impl::tn(M, N, K, A, B, C, accumulate);                                                                 \
  }

}  // namespace nnplay::kernels
