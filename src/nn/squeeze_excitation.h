// squeeze_excitation.h — SqueezeExcitation (Hu, Shen & Sun 2018,
// "Squeeze-and-Excitation Networks"; lecture "Squeeze and Excitement": a
// channel attention that recalibrates channel responses by modelling
// inter-channel dependencies; torchvision.ops.SqueezeExcitation).
//
// Legend: N = batch, C = channels (inferred), H/W = height/width,
// C_r = squeeze_channels (default max(1, C / reduction), reduction = 16).
//   x: (N, C, H, W)  ->  y: same shape
//   squeeze:    s = mean_{h,w} x                    (N, C)   global average pooling
//   excitation: z = ReLU(s·W1ᵀ + b1)                 (N, C_r)  fc1.weight (C_r, C), fc1.bias (C_r,)
//               a = σ(z·W2ᵀ + b2)                    (N, C)    fc2.weight (C, C_r), fc2.bias (C,)
//   scale:      y[n, c, h, w] = a[n, c] · x[n, c, h, w]
//   backward: da = Σ_{h,w} dy ⊙ x;  dx += dy ⊙ a  +  (ds / (H·W)) broadcast,
//   with ds from da through σ', fc2, ReLU', fc1 (each by its own chain rule).
// The two FCs are Linear layers (PyTorch's default init U(±1/√fan_in));
// torchvision writes them as 1x1 convolutions with weights (C_r, C, 1, 1):
// same numbers. No train/eval difference.
#pragma once

#include "nn/layer.h"
#include "nn/layer_args.h"
#include "nn/linear.h"

namespace nnplay::nn {

class SqueezeExcitation final : public Layer {
 public:
  /// reduction=16, squeeze_channels (optional; overrides reduction).
  static Result<std::unique_ptr<Layer>> from_args(const LayerArgs& args);

  const char* type_name() const override { return "SqueezeExcitation"; }
  std::string describe() const override;
  Status setup(std::span<const Shape> in, Shape* out) override;
  void reset_parameters(Rng& rng) override;
  void forward(std::span<const Tensor* const> x, Tensor& y, Context& ctx) override;
  void backward(std::span<const Tensor* const> x, const Tensor& y, const Tensor& dy,
                std::span<Tensor* const> dx) override;
  std::vector<ParamRef> params() override;
  int64_t macs_per_sample() const override;

  /// The channel weights a (N, C) of the last forward, each in (0, 1): how
  /// much of each channel this layer let through for each sample.
  const Tensor& gates() const { return a_; }
  Linear& fc1() { return fc1_; }
  Linear& fc2() { return fc2_; }

 private:
  int reduction_ = 16, squeeze_channels_ = 0;
  int channels_ = 0, hidden_ = 0;
  int64_t spatial_ = 0;
  Linear fc1_{1}, fc2_{1};
  // Caches of the last forward and backward scratch, sized for max_batch.
  Tensor pooled_, z_, a_;       // s (N, C), z (N, C_r) after ReLU, a (N, C) after σ
  Tensor da_, dz_, dpooled_;    // gradients of the same
};

}  // namespace nnplay::nn
