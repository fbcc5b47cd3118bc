// norm_rows.h — the shared arithmetic of LayerNorm, GroupNorm and
// InstanceNorm2d: standardise contiguous rows of a tensor (llm.c's
// layernorm_forward/backward, generalised to any row length).
//
//   row r of length L: mean_r = Σ x / L,  var_r = Σ (x − mean_r)² / L (biased),
//   rstd_r = 1 / √(var_r + eps),  x̂ = (x − mean_r) · rstd_r
//   backward with dx̂ = dy · γ (γ per element of the row, 1 without affine):
//   dx += rstd_r · (dx̂ − mean(dx̂) − x̂ · mean(dx̂ · x̂))
// Statistics: two passes, f32x4 block sums added in double (kernels/elementwise.h).
#pragma once

#include <cmath>
#include <cstdint>

#include "kernels/elementwise.h"

namespace nnplay::nn {

/// mean and 1/√(var + eps) of one row; also returns the unbiased variance in *var_unbiased.
inline void row_moments(const float* x, int64_t len, double eps, float* mean, float* rstd,
                        double* var_unbiased = nullptr) {
  const double m = kernels::sum_f32(len, x) / static_cast<double>(len);
  const double ss = kernels::sum_sq_dev_f32(len, x, static_cast<float>(m));
  const double var = ss / static_cast<double>(len);
  *mean = static_cast<float>(m);
  *rstd = static_cast<float>(1.0 / std::sqrt(var + eps));
  if (var_unbiased) *var_unbiased = len > 1 ? ss / static_cast<double>(len - 1) : ss;
}

/// dx += rstd · (dx̂ − mean(dx̂) − x̂ · mean(dx̂ · x̂)) for one row, dx̂_i = dy_i · gamma(i).
template <class Gamma>
void row_norm_backward(const float* x, const float* dy, int64_t len, float mean, float rstd, Gamma gamma, float* dx) {
  double sum_dxhat = 0, sum_dxhat_xhat = 0;
  for (int64_t i = 0; i < len; ++i) {
    const double dxhat = static_cast<double>(dy[i]) * gamma(i);
    sum_dxhat += dxhat;
    sum_dxhat_xhat += dxhat * (x[i] - mean) * rstd;
  }
  const double inv_len = 1.0 / static_cast<double>(len);
  const double a = sum_dxhat * inv_len, b = sum_dxhat_xhat * inv_len;
  for (int64_t i = 0; i < len; ++i) {
    const double xhat = (static_cast<double>(x[i]) - mean) * rstd;
    dx[i] += static_cast<float>(rstd * (static_cast<double>(dy[i]) * gamma(i) - a - xhat * b));
  }
}

}  // namespace nnplay::nn
