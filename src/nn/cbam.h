// cbam.h — CBAM, the Convolutional Block Attention Module (Woo, Park, Lee &
// Kweon 2018; lecture "Spatial and Channel Attention"): channel attention,
// then spatial attention, each a learned mask multiplied onto the features.
//
// Legend: N = batch, C = channels (inferred), H/W = height/width,
// C_r = max(1, C / reduction) (reduction = 16), k = kernel_size (7).
//   x: (N, C, H, W)  ->  y: same shape
//   channel attention (paper eq. 2), one MLP shared by both poolings:
//     MLP(v) = W2·ReLU(W1·v + b1) + b2     channel.fc1.weight (C_r, C), channel.fc2.weight (C, C_r), biases
//     M_c = σ(MLP(AvgPool_hw(x)) + MLP(MaxPool_hw(x)))     (N, C)
//     F' = M_c ⊙ x
//   spatial attention (paper eq. 3):
//     M_s = σ(f^{k×k}([AvgPool_c(F'); MaxPool_c(F')]))    (N, 1, H, W); spatial.weight (1, 2, k, k),
//     a Conv2d with padding "same" and no bias
//     y = M_s ⊙ F'
// backward: the exact chain rule through both masks (max pools route their
// gradient to the arg-max; the shared MLP collects both poolings' gradients).
// The official code adds a BatchNorm after the 7x7 conv; the paper's formula,
// used here, has none. No train/eval difference.
#pragma once

#include <vector>

#include "nn/conv2d.h"
#include "nn/layer.h"
#include "nn/layer_args.h"
#include "nn/linear.h"

namespace nnplay::nn {

class CBAM final : public Layer {
 public:
  /// reduction=16, kernel_size=7.
  static Result<std::unique_ptr<Layer>> from_args(const LayerArgs& args);
  CBAM(int reduction, int kernel_size);

  const char* type_name() const override { return "CBAM"; }
  std::string describe() const override;
  Status setup(std::span<const Shape> in, Shape* out) override;
  void reset_parameters(Rng& rng) override;
  void forward(std::span<const Tensor* const> x, Tensor& y, Context& ctx) override;
  void backward(std::span<const Tensor* const> x, const Tensor& y, const Tensor& dy,
                std::span<Tensor* const> dx) override;
  std::vector<ParamRef> params() override;
  int64_t macs_per_sample() const override;

 private:
  int reduction_, kernel_size_;
  int channels_ = 0, hidden_ = 0, height_ = 0, width_ = 0;
  Linear fc1_{1}, fc2_{1};
  Conv2d spatial_;
  // Caches of the last forward (sized for max_batch in setup).
  Tensor pooled_;                 // (2N, C): rows 0..N−1 average, N..2N−1 max over (H, W)
  std::vector<int32_t> argmax_hw_;  // (N, C): where each channel's max is
  Tensor hidden_act_, mlp_out_;   // (2N, C_r) after ReLU, (2N, C)
  Tensor mc_;                     // (N, C) channel mask
  Tensor f1_;                     // (N, C, H, W) = M_c ⊙ x
  Tensor spool_;                  // (N, 2, H, W): mean and max over channels of F'
  std::vector<int32_t> argmax_c_;  // (N, H·W): channel of each position's max
  Tensor ms_;                     // (N, 1, H, W) spatial mask (σ of the conv output)
  // Backward scratch.
  Tensor dms_, dspool_, df1_, dmlp_out_, dhidden_, dpooled_;
};

}  // namespace nnplay::nn
