// sgd.h — stochastic gradient descent, torch.optim.SGD, and the lecture's
// exponential-moving-average momentum as its own optimizer.
//
// SGD:
//   g ← ∇θ + penalties
//   momentum > 0:  b ← g (first step), else b ← momentum·b + (1 − dampening)·g
//                  g ← g + momentum·b (nesterov) or g ← b
//   θ ← θ − lr·g
// Lecture slide "Adaptive Learning Rate Optimization": "Momentum: v ← αv − εĝ
// then θ ← θ + v" is this update with v = −lr·b (dampening 0); Nesterov's
// look-ahead gradient is the nesterov form above (Sutskever et al. 2013).
//
// EmaMomentum — lecture slide "Momentum":
//   v ← λ·v − (1 − λ)·g;   θ ← θ + η·v      (λ = momentum, η = lr; v starts at 0)
// v is a moving average of −g, so the step size does not grow with λ as SGD
// momentum's does (that one is ≈ lr/(1−λ) on a steady gradient).
// Full-batch GD, SGD (batch 1) and mini-batch SGD differ only in the batch
// size the trainer feeds.
#pragma once

#include <string>
#include <vector>

#include "optim/optimizer.h"

namespace nnplay::optim {

class SGD final : public Optimizer {
 public:
  const char* type_name() const override { return "SGD"; }
  std::vector<std::string> state_names() const override { return {"momentum_buffer"}; }
  void update(std::span<ParamRef> params) override;
  void configure(const OptimizerConfig& c) override;

  float momentum = 0.0f;
  float dampening = 0.0f;
  bool nesterov = false;
};

class EmaMomentum final : public Optimizer {
 public:
  const char* type_name() const override { return "EmaMomentum"; }
  std::vector<std::string> state_names() const override { return {"velocity"}; }
  void update(std::span<ParamRef> params) override;
  void configure(const OptimizerConfig& c) override;

  float momentum = 0.9f;  // λ
};

}  // namespace nnplay::optim
