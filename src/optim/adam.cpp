#include "optim/adam.h"

#include <cmath>

namespace nnplay::optim {

void Adam::configure(const OptimizerConfig& c) {
  Optimizer::configure(c);
  beta1 = c.beta1;
  beta2 = c.beta2;
  eps = c.eps;
}

void Adam::update(std::span<ParamRef> params) {
  for (ParamRef& p : params) {
    State& s = state_for(p, 2);
    ++s.step;
    const double t = static_cast<double>(s.step);
    const float bc1 = static_cast<float>(1.0 - std::pow(static_cast<double>(beta1), t));
    const float sqrt_bc2 = static_cast<float>(std::sqrt(1.0 - std::pow(static_cast<double>(beta2), t)));
    const float step_size = lr / bc1;
    float* w = p.value->data();
    const float* g0 = p.grad->data();
    float* m = s.buf[0].data();
    float* v = s.buf[1].data();
    const int64_t n = p.value->numel();
    const float decay = 1.0f - lr * weight_decay * p.weight_decay_mul;
    for (int64_t i = 0; i < n; ++i) {
      const float g = penalized(p, w, g0, i, /*with_l2=*/!decoupled_weight_decay);
      if (decoupled_weight_decay) w[i] *= decay;
      m[i] = beta1 * m[i] + (1.0f - beta1) * g;
      v[i] = beta2 * v[i] + (1.0f - beta2) * g * g;
      w[i] -= step_size * m[i] / (std::sqrt(v[i]) / sqrt_bc2 + eps);
    }
  }
}

}  // namespace nnplay::optim
