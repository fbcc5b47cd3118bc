#include "optim/sgd.h"

#include "kernels/elementwise.h"

namespace nnplay::optim {

void SGD::configure(const OptimizerConfig& c) {
  Optimizer::configure(c);
  momentum = c.momentum;
  dampening = c.dampening;
  nesterov = c.nesterov;
}

void SGD::update(std::span<ParamRef> params) {
  for (ParamRef& p : params) {
    float* w = p.value->data();
    const float* g0 = p.grad->data();
    const int64_t n = p.value->numel();
    if (momentum == 0.0f && l1 == 0.0f) {  // the common case, vectorised
      kernels::sgd_update_f32(n, w, g0, lr, weight_decay * p.weight_decay_mul);
      continue;
    }
    if (momentum == 0.0f) {
      for (int64_t i = 0; i < n; ++i) w[i] -= lr * penalized(p, w, g0, i);
      continue;
    }
    State& s = state_for(p, 1);
    float* b = s.buf[0].data();
    const bool first = s.step == 0;
    for (int64_t i = 0; i < n; ++i) {
      const float g = penalized(p, w, g0, i);
      b[i] = first ? g : momentum * b[i] + (1.0f - dampening) * g;
      w[i] -= lr * (nesterov ? g + momentum * b[i] : b[i]);
    }
    ++s.step;
  }
}

void EmaMomentum::configure(const OptimizerConfig& c) {
  Optimizer::configure(c);
  momentum = c.momentum;
}

void EmaMomentum::update(std::span<ParamRef> params) {
  for (ParamRef& p : params) {
    State& s = state_for(p, 1);
    float* w = p.value->data();
    float* v = s.buf[0].data();
    const float* g0 = p.grad->data();
    const int64_t n = p.value->numel();
    for (int64_t i = 0; i < n; ++i) {
      v[i] = momentum * v[i] - (1.0f - momentum) * penalized(p, w, g0, i);
      w[i] += lr * v[i];
    }
    ++s.step;
  }
}

}  // namespace nnplay::optim
