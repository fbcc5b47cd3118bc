// gemm_eigen.cpp — the three products through Eigen 3.4: SSE2 natively (no
// -m flags), auto-vectorised scalar code in wasm (TOOLCHAIN.md quirk 6).
// Kept as a second reference and as the benchmark's "what Eigen gives" row.
#include <Eigen/Core>

#include "kernels/gemm_isa.h"

namespace nnplay::kernels {
namespace {
using Mat = Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
using CMap = Eigen::Map<const Mat>;
using Map = Eigen::Map<Mat>;
}  // namespace

void gemm_f32_nn__eigen(int M, int N, int K, const float* A, const float* B, float* C, bool accumulate) {
  CMap a(A, M, K);
  CMap b(B, K, N);
  Map c(C, M, N);
  if (!accumulate) c.noalias() = a * b;
  else c.noalias() += a * b;
}

void gemm_f32_nt__eigen(int M, int N, int K, const float* A, const float* B, float* C, bool accumulate) {
  CMap a(A, M, K);
  CMap b(B, N, K);
  Map c(C, M, N);
  if (!accumulate) c.noalias() = a * b.transpose();
  else c.noalias() += a * b.transpose();
}

void gemm_f32_tn__eigen(int M, int N, int K, const float* A, const float* B, float* C, bool accumulate) {
  CMap a(A, K, M);
  CMap b(B, K, N);
  Map c(C, M, N);
  if (!accumulate) c.noalias() = a.transpose() * b;
  else c.noalias() += a.transpose() * b;
}

}  // namespace nnplay::kernels
