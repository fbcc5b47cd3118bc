// group_norm.h — GroupNorm (PyTorch's nn.GroupNorm; Wu & He 2018; lecture
// "Many Normalization Schemes...": channels are split into groups, each
// (sample, group) normalised on its own — independent of the batch size).
//
// Legend: N = batch, C = channels, G = num_groups, S = positions per channel.
//   x: (N, C, ...)  ->  y: same shape; C must be divisible by G.
//   per (n, g) over its C/G·S elements: μ, σ² (biased), x̂ = (x − μ)/√(σ² + eps)
//   y[n, c, ...] = γ[c] · x̂ + β[c]   (affine=true: γ, β of shape (C,); weight_decay_mul 0)
//   backward: dx += (1/√(σ²+eps)) · (dx̂ − mean(dx̂) − x̂ · mean(dx̂ · x̂)) per (n, g),
//   dx̂ = dy · γ[c];  dγ[c] += Σ dy · x̂;  dβ[c] += Σ dy.
// G = 1 is LayerNorm over (C, ...) with per-channel affine; G = C is
// InstanceNorm with affine. Same in train and eval.
#pragma once

#include "nn/layer.h"
#include "nn/layer_args.h"

namespace nnplay::nn {

class GroupNorm final : public Layer {
 public:
  /// num_groups, num_channels (optional, checked), eps=1e-5, affine=true.
  static Result<std::unique_ptr<Layer>> from_args(const LayerArgs& args);

  const char* type_name() const override { return "GroupNorm"; }
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
  int num_groups_ = 1, num_channels_ = 0;
  double eps_ = 1e-5;
  bool affine_ = true;
  int channels_ = 0;
  int64_t spatial_ = 1;
  Tensor weight_, bias_, dweight_, dbias_;
  Tensor mean_, rstd_;  // per (n, g) of the last forward
};

}  // namespace nnplay::nn
