#include "optim/adagrad.h"

#include <cmath>

namespace nnplay::optim {

void AdaGrad::configure(const OptimizerConfig& c) {
  Optimizer::configure(c);
  lr_decay = c.lr_decay;
  initial_accumulator_value = c.initial_accumulator_value;
  eps = c.eps;
}

void AdaGrad::update(std::span<ParamRef> params) {
  for (ParamRef& p : params) {
    State& s = state_for(p, 1, initial_accumulator_value);
    ++s.step;
    const float clr = lr / (1.0f + static_cast<float>(s.step - 1) * lr_decay);
    float* w = p.value->data();
    float* r = s.buf[0].data();
    const float* g0 = p.grad->data();
    const int64_t n = p.value->numel();
    for (int64_t i = 0; i < n; ++i) {
      const float g = penalized(p, w, g0, i);
      r[i] += g * g;
      w[i] -= clr * g / (std::sqrt(r[i]) + eps);
    }
  }
}

}  // namespace nnplay::optim
