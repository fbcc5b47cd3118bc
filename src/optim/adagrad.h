// adagrad.h — AdaGrad (Duchi et al. 2011), torch.optim.Adagrad.
//
//   t ← t + 1;  g ← ∇θ + penalties
//   clr ← lr / (1 + (t − 1)·lr_decay)
//   r ← r + g²                          (lecture: r ← r + g ⊙ g, r starts at initial_accumulator_value)
//   θ ← θ − clr · g / (√r + eps)        (lecture: Δθ ← −ε/(δ + √r) ⊙ g)
// Parameters with large past gradients get ever smaller steps: the step
// shrinks over time even on a constant gradient (lecture: "might shrink the
// learning rate too aggressively"). State: sum (r).
#pragma once

#include <string>
#include <vector>

#include "optim/optimizer.h"

namespace nnplay::optim {

class AdaGrad final : public Optimizer {
 public:
  const char* type_name() const override { return "Adagrad"; }
  std::vector<std::string> state_names() const override { return {"sum"}; }
  void update(std::span<ParamRef> params) override;
  void configure(const OptimizerConfig& c) override;

  float lr_decay = 0.0f;
  float initial_accumulator_value = 0.0f;
  float eps = 1e-10f;
};

}  // namespace nnplay::optim
