// instance_norm.h — InstanceNorm2d (PyTorch's nn.InstanceNorm2d; Ulyanov et
// al. 2016; lecture "Many Normalization Schemes...": each (sample, channel)
// plane normalised on its own, as used for style transfer).
//
// Legend: N = batch, C = channels, H/W = height/width, S = H·W.
//   x: (N, C, H, W)  ->  y: same shape
//   per (n, c): μ = Σ x / S, σ² = Σ (x − μ)² / S, y = γ[c] (x − μ)/√(σ² + eps) + β[c]
//   (γ, β only with affine=true — PyTorch's default is affine=false).
//   backward per (n, c): dx += (γ/√(σ²+eps)) · (dy − mean(dy) − x̂ · mean(dy · x̂)).
// track_running_stats=false (PyTorch's default): instance statistics in train
//   and eval alike, no buffers.
// track_running_stats=true: train mode also moves running_mean/running_var
//   ((C,), momentum 0.1, PyTorch's convention) by the batch average of the
//   per-instance mean and unbiased variance; eval mode normalises with them
//   (a fixed affine map per channel, dx += dy · γ/√(running_var + eps)).
//   Buffers running_mean, running_var, num_batches_tracked (the last stays 0:
//   PyTorch's InstanceNorm never counts batches).
#pragma once

#include "nn/layer.h"
#include "nn/layer_args.h"

namespace nnplay::nn {

class InstanceNorm2d final : public Layer {
 public:
  /// num_features (optional), eps=1e-5, momentum=0.1, affine=false, track_running_stats=false.
  static Result<std::unique_ptr<Layer>> from_args(const LayerArgs& args);

  const char* type_name() const override { return "InstanceNorm2d"; }
  std::string describe() const override;
  Status setup(std::span<const Shape> in, Shape* out) override;
  void reset_parameters(Rng& rng) override;
  void forward(std::span<const Tensor* const> x, Tensor& y, Context& ctx) override;
  void backward(std::span<const Tensor* const> x, const Tensor& y, const Tensor& dy,
                std::span<Tensor* const> dx) override;
  std::vector<ParamRef> params() override;
  std::vector<BufferRef> buffers() override;

  Tensor& weight() { return weight_; }
  Tensor& bias() { return bias_; }

 private:
  int num_features_ = 0;
  double eps_ = 1e-5, momentum_ = 0.1;
  bool affine_ = false, track_ = false;
  int channels_ = 0;
  int64_t spatial_ = 0;
  Tensor weight_, bias_, dweight_, dbias_;
  Tensor running_mean_, running_var_, num_batches_tracked_;
  Tensor mean_, rstd_;  // per (n, c) of the last forward (running values in eval)
  bool instance_stats_ = true;
};

}  // namespace nnplay::nn
