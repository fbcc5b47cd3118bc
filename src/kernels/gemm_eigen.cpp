// gemm_eigen.cpp — GEMM through Eigen (native SSE/AVX; auto-vectorised scalar
// path in wasm, TOOLCHAIN.md quirk 6). The reference every faster kernel is
// tested against.
#include <Eigen/Core>

#include "kernels/gemm.h"

namespace nnplay::kernels {
namespace {
using Mat = Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
using CMap = Eigen::Map<const Mat>;
using Map = Eigen::Map<Mat>;
}  // namespace

void gemm_f32_nn(int M, int N, int K, const float* A, const float* B, float* C, float beta) {
  CMap a(A, M, K);
  CMap b(B, K, N);
  Map c(C, M, N);
  if (beta == 0.0f) c.noalias() = a * b;
  else c.noalias() += a * b;
}

void gemm_f32_nt(int M, int N, int K, const float* A, const float* B, float* C, float beta) {
  CMap a(A, M, K);
  CMap b(B, N, K);
  Map c(C, M, N);
  if (beta == 0.0f) c.noalias() = a * b.transpose();
  else c.noalias() += a * b.transpose();
}

void gemm_f32_tn(int M, int N, int K, const float* A, const float* B, float* C, float beta) {
  CMap a(A, K, M);
  CMap b(B, K, N);
  Map c(C, M, N);
  if (beta == 0.0f) c.noalias() = a.transpose() * b;
  else c.noalias() += a.transpose() * b;
}

}  // namespace nnplay::kernels
