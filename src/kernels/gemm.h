// gemm.h — the matrix products training needs, single-precision, row-major.
//
//   gemm_f32_nn: C(M,N) = A(M,K)   · B(K,N)   + beta·C   (Linear dx = dy·W; conv forward via im2col)
//   gemm_f32_nt: C(M,N) = A(M,K)   · B(N,K)ᵀ  + beta·C   (Linear forward: x·Wᵀ)
//   gemm_f32_tn: C(M,N) = A(K,M)ᵀ  · B(K,N)   + beta·C   (Linear dW = dyᵀ·x)
//
// beta is 0 (overwrite) or 1 (accumulate, the layer contract's +=); other
// values work but cost an extra pass over C. All matrices are dense with
// leading dimension equal to their column count.
//
// Implementations (kernels/gemm_f32__<isa>.cpp, naming of ARCHITECTURE 2.6):
// packed, register-blocked kernels for wasmsimd (4x8 tile, 8 f32x4
// accumulators), sse2, avx2 (FMA) and avx512, a plain-loop scalar
// reference, and Eigen. Which ones exist is decided at build time by file
// name (src/CMakeLists.txt); natively the fastest one the CPU supports is
// picked at run time, so one desktop binary uses AVX2/FMA where available
// and still runs on SSE2-only machines.
#pragma once

#include <span>
#include <string_view>

namespace nnplay::kernels {

void gemm_f32_nn(int M, int N, int K, const float* A, const float* B, float* C, float beta);
void gemm_f32_nt(int M, int N, int K, const float* A, const float* B, float* C, float beta);
void gemm_f32_tn(int M, int N, int K, const float* A, const float* B, float* C, float beta);

/// C (=|+=) op(A)·op(B) with `accumulate` meaning beta = 1.
using GemmFn = void (*)(int M, int N, int K, const float* A, const float* B, float* C, bool accumulate);

/// One implementation of the three forms.
struct GemmKernels {
  const char* isa;   // "avx512", "avx2", "sse2", "wasmsimd", "scalar", "eigen"
  const char* tile;  // register tile MR x NR ("4x8"), or "-" for scalar/Eigen
  GemmFn nn, nt, tn;
};

/// The implementations compiled into this build that this CPU can run,
/// fastest first (tests compare each against "scalar"; the benchmark times each).
std::span<const GemmKernels> gemm_kernels();
/// The implementation gemm_f32_* call: the first of gemm_kernels() unless selected.
const GemmKernels& gemm_active();
/// Routes gemm_f32_* to the implementation named `isa` (e.g. "sse2" on an
/// AVX2 machine, to measure it). Returns false and changes nothing when that
/// implementation is not available.
bool gemm_select(std::string_view isa);

}  // namespace nnplay::kernels
