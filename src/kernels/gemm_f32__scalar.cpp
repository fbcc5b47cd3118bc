// gemm_f32__scalar.cpp — the reference every GEMM kernel is tested against:
// plain loops in the textbook order, no blocking, no SIMD intrinsics (the
// compiler may still vectorise the j loops, which does not change any sum's
// order). Built for every target.
#include "kernels/gemm_isa.h"

namespace nnplay::kernels {
namespace {
void prepare(int M, int N, float* C, bool accumulate) {
  if (!accumulate)
    for (int i = 0; i < M * N; ++i) C[i] = 0.0f;
}
}  // namespace

void gemm_f32_nn__scalar(int M, int N, int K, const float* A, const float* B, float* C, bool accumulate) {
  prepare(M, N, C, accumulate);
  for (int i = 0; i < M; ++i)
    for (int k = 0; k < K; ++k) {
      const float a = A[i * K + k];
      for (int j = 0; j < N; ++j) C[i * N + j] += a * B[k * N + j];
    }
}

void gemm_f32_nt__scalar(int M, int N, int K, const float* A, const float* B, float* C, bool accumulate) {
  prepare(M, N, C, accumulate);
  for (int i = 0; i < M; ++i)
    for (int j = 0; j < N; ++j) {
      float s = 0.0f;
      for (int k = 0; k < K; ++k) s += A[i * K + k] * B[j * K + k];
      C[i * N + j] += s;
    }
}

void gemm_f32_tn__scalar(int M, int N, int K, const float* A, const float* B, float* C, bool accumulate) {
  prepare(M, N, C, accumulate);
  for (int k = 0; k < K; ++k)
    for (int i = 0; i < M; ++i) {
      const float a = A[k * M + i];
      for (int j = 0; j < N; ++j) C[i * N + j] += a * B[k * N + j];
    }
}

}  // namespace nnplay::kernels
