#include "optim/clip.h"

#include <algorithm>
#include <cmath>

namespace nnplay::optim {

double clip_grad_norm_(std::span<ParamRef> params, double max_norm) {
  double sq = 0;
  for (const ParamRef& p : params) {
    const float* g = p.grad->data();
    for (int64_t i = 0; i < p.grad->numel(); ++i) sq += static_cast<double>(g[i]) * g[i];
  }
  const double norm = std::sqrt(sq);
  const double coef = max_norm / (norm + 1e-6);
  if (coef < 1.0) {
    const auto c = static_cast<float>(coef);
    for (ParamRef& p : params) p.grad->vec() *= c;
  }
  return norm;
}

void clip_grad_value_(std::span<ParamRef> params, float clip_value) {
  for (ParamRef& p : params) {
    float* g = p.grad->data();
    for (int64_t i = 0; i < p.grad->numel(); ++i) g[i] = std::clamp(g[i], -clip_value, clip_value);
  }
}

}  // namespace nnplay::optim
