// sgd.h — stochastic gradient descent with momentum, torch.optim.SGD.
//
//   g ← ∇θ + weight_decay·θ
//   momentum > 0:  b ← g (first step), else b ← momentum·b + (1 − dampening)·g
//                  g ← g + momentum·b (nesterov) or g ← b
//   θ ← θ − lr·g
// Lecture: "Momentum: v ← αv − εĝ then θ ← θ + v" is the same update with
// v = −lr·b (dampening 0). Full-batch GD, SGD (batch 1) and mini-batch SGD
// differ only in the batch size the trainer feeds.
#pragma once

#include "optim/optimizer.h"

namespace nnplay::optim {

class SGD final : public Optimizer {
 public:
  const char* type_name() const override { return "SGD"; }
  void step(std::span<ParamRef> params) override;
  void configure(const OptimizerConfig& c) override;

  float momentum = 0.0f;
  float dampening = 0.0f;
  bool nesterov = false;
};

}  // namespace nnplay::optim
