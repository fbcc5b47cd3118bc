// layer_norm.h — LayerNorm (PyTorch's nn.LayerNorm; Ba, Kiros & Hinton 2016;
// lecture "Many Normalization Schemes...": one sample's features share one
// mean and variance, independent of the batch).
//
// Legend: N = batch, L = elements normalised together (the product of
// normalized_shape: by default every non-batch dimension).
//   x: (N, ...)  ->  y: same shape. Each sample is split into rows of L
//   trailing elements (normalized_shape "D" over (N, T, D) gives N·T rows).
//   per row: μ = Σ x / L, σ² = Σ (x − μ)² / L, x̂ = (x − μ)/√(σ² + eps),
//   y = γ ⊙ x̂ + β with γ, β of shape normalized_shape (elementwise_affine=true;
//   weight_decay_mul 0).  backward (llm.c layernorm_backward):
//   dx += (1/√(σ²+eps)) · (dx̂ − mean(dx̂) − x̂ · mean(dx̂ · x̂)), dx̂ = dy ⊙ γ;
//   dγ += Σ_rows dy ⊙ x̂;  dβ += Σ_rows dy.
// The same in train and eval (no running statistics). Per-row μ and 1/σ are
// cached for backward, sized for max_batch in setup.
#pragma once

#include <vector>

#include "nn/layer.h"
#include "nn/layer_args.h"

namespace nnplay::nn {

class LayerNorm final : public Layer {
 public:
  /// normalized_shape (optional "D" or "C,H,W": trailing dims; default all
  /// non-batch dims), eps=1e-5, elementwise_affine=true.
  static Result<std::unique_ptr<Layer>> from_args(const LayerArgs& args);

  const char* type_name() const override { return "LayerNorm"; }
  std::string describe() const override;
  Status setup(std::span<const Shape> in, Shape* out) override;
  void reset_parameters(Rng& rng) override;
  void forward(std::span<const Tensor* const> x, Tensor& y, Context& ctx) override;
  void backward(std::span<const Tensor* const> x, const Tensor& y, const Tensor& dy,
                std::span<Tensor* const> dx) override;
  std::vector<ParamRef> params() override;

  Tensor& weight() { return weight_; }
  Tensor& bias() { return bias_; }

 private:
  std::vector<int> normalized_shape_;  // empty = all non-batch dims
  double eps_ = 1e-5;
  bool affine_ = true;
  int64_t len_ = 0, rows_per_sample_ = 0;
  Tensor weight_, bias_, dweight_, dbias_;
  Tensor mean_, rstd_;  // per row of the last forward
};

}  // namespace nnplay::nn
