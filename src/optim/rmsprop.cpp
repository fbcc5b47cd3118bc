#include "optim/rmsprop.h"

#include <cmath>

namespace nnplay::optim {

void RMSprop::configure(const OptimizerConfig& c) {
  Optimizer::configure(c);
  rho = c.rho;
  eps = c.eps;
  momentum = c.momentum;
  centered = c.centered;
}

void RMSprop::update(std::span<ParamRef> params) {
  for (ParamRef& p : params) {
    State& s = state_for(p, 3);
    ++s.step;
    float* w = p.value->data();
    float* r = s.buf[0].data();
    float* b = s.buf[1].data();
    float* a = s.buf[2].data();
    const float* g0 = p.grad->data();
    const int64_t n = p.value->numel();
    for (int64_t i = 0; i < n; ++i) {
      const float g = penalized(p, w, g0, i);
      r[i] = rho * r[i] + (1.0f - rho) * g * g;
      float d;
      if (centered) {
        a[i] = rho * a[i] + (1.0f - rho) * g;
        d = std::sqrt(r[i] - a[i] * a[i]) + eps;
      } else {
        d = std::sqrt(r[i]) + eps;
      }
      if (momentum > 0.0f) {
        b[i] = momentum * b[i] + g / d;
        w[i] -= lr * b[i];
      } else {
        w[i] -= lr * g / d;
      }
    }
  }
}

}  // namespace nnplay::optim
