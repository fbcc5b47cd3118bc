// rmsprop.h — RMSProp (Hinton, Coursera lecture 6e), torch.optim.RMSprop,
// with optional momentum and the centered variant (Graves 2013).
//
//   g ← ∇θ + penalties
//   r ← ρ·r + (1 − ρ)·g²                 (lecture: r ← ρ r + (1 − ρ) ĝ ⊙ ĝ; torch calls ρ alpha)
//   centered: a ← ρ·a + (1 − ρ)·g;  d ← √(r − a²) + eps   else d ← √r + eps
//   momentum > 0: b ← momentum·b + g/d;  θ ← θ − lr·b
//   else:         θ ← θ − lr·g/d           (lecture: Δθ ← −ε/(δ + √r) ⊙ ĝ)
// State: square_avg (r), momentum_buffer (b), grad_avg (a).
#pragma once

#include <string>
#include <vector>

#include "optim/optimizer.h"

namespace nnplay::optim {

class RMSprop final : public Optimizer {
 public:
  const char* type_name() const override { return "RMSprop"; }
  std::vector<std::string> state_names() const override { return {"square_avg", "momentum_buffer", "grad_avg"}; }
  void update(std::span<ParamRef> params) override;
  void configure(const OptimizerConfig& c) override;

  float rho = 0.99f;
  float eps = 1e-8f;
  float momentum = 0.0f;
  bool centered = false;
};

}  // namespace nnplay::optim
