#include "optim/sgd.h"

namespace nnplay::optim {

void SGD::configure(const OptimizerConfig& c) {
  Optimizer::configure(c);
  momentum = c.momentum;
  nesterov = c.nesterov;
}

void SGD::step(std::span<ParamRef> params) {
  for (ParamRef& p : params) {
    float* w = p.value->data();
    const float* g0 = p.grad->data();
    const int64_t n = p.value->numel();
    const float wd = weight_decay * p.weight_decay_mul;
    if (momentum == 0.0f) {
      for (int64_t i = 0; i < n; ++i) w[i] -= lr * (g0[i] + wd * w[i]);
      continue;
    }
    State& s = state_for(p, 1);
    float* b = s.a.data();
    const bool first = s.step == 0;
    for (int64_t i = 0; i < n; ++i) {
      const float g = g0[i] + wd * w[i];
      b[i] = first ? g : momentum * b[i] + (1.0f - dampening) * g;
      const float d = nesterov ? g + momentum * b[i] : b[i];
      w[i] -= lr * d;
    }
    ++s.step;
  }
}

}  // namespace nnplay::optim
