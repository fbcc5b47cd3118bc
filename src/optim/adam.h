// adam.h — Adam (Kingma & Ba 2015), torch.optim.Adam, and AdamW
// (Loshchilov & Hutter 2019, torch.optim.AdamW: decoupled weight decay).
//
//   t ← t + 1
//   Adam:  g ← ∇θ + weight_decay·θ (+ L1)     AdamW: θ ← θ·(1 − lr·weight_decay), g ← ∇θ (+ L1)
//   m ← β1·m + (1 − β1)·g          (lecture: s ← ρ1 s + (1 − ρ1) ĝ)
//   v ← β2·v + (1 − β2)·g²         (lecture: r ← ρ2 r + (1 − ρ2) ĝ⊙ĝ)
//   θ ← θ − lr · (m / (1 − β1ᵗ)) / (√(v / (1 − β2ᵗ)) + eps)   (bias correction: ŝ, r̂)
// State: exp_avg (m), exp_avg_sq (v).
#pragma once

#include <string>
#include <vector>

#include "optim/optimizer.h"

namespace nnplay::optim {

class Adam final : public Optimizer {
 public:
  explicit Adam(bool decoupled = false) : decoupled_weight_decay(decoupled) {}
  const char* type_name() const override { return decoupled_weight_decay ? "AdamW" : "Adam"; }
  std::vector<std::string> state_names() const override { return {"exp_avg", "exp_avg_sq"}; }
  void update(std::span<ParamRef> params) override;
  void configure(const OptimizerConfig& c) override;

  float beta1 = 0.9f;
  float beta2 = 0.999f;
  float eps = 1e-8f;
  bool decoupled_weight_decay = false;  // true = AdamW
};

}  // namespace nnplay::optim
