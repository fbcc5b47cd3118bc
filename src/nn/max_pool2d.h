// max_pool2d.h — MaxPool2d (PyTorch's nn.MaxPool2d): the largest value in
// each window (lecture "Key operations in a CNN"; "small max pooling (e.g.,
// 2×2)" under "Hyperparameter Choice").
//
// Legend: N = batch, C = channels, H/W = height/width, k = kernel, s = stride
// (default = kernel_size), p = padding (implicit −∞, at most k/2 as PyTorch
// requires), d = dilation.
//   x: (N, C, H, W)  ->  y: (N, C, H_out, W_out),  H_out = floor((H + 2p − d·(k − 1) − 1) / s) + 1
//   ceil_mode=true (PyTorch's): ceil instead of floor, less one when the last
//   window would start past the input and its left padding ((H_out − 1)·s ≥ H + p);
//   such a window covers fewer rows (the out-of-bounds ones are −∞).
//   y[n, c, h, w] = max_{i,j} x[n, c, h·s − p + i·d, w·s − p + j·d]
//   backward: the gradient goes to the arg-max only (the first one on ties,
//   as PyTorch): dx[n, c, argmax] += dy[n, c, h, w].
// The arg-max indices are cached by forward (sized for max_batch in setup).
// No parameters, no train/eval difference.
#pragma once

#include <array>
#include <vector>

#include "nn/layer.h"
#include "nn/layer_args.h"

namespace nnplay::nn {

class MaxPool2d final : public Layer {
 public:
  /// kernel_size, stride=kernel_size, padding=0, dilation=1, ceil_mode=false.
  static Result<std::unique_ptr<Layer>> from_args(const LayerArgs& args);

  const char* type_name() const override { return "MaxPool2d"; }
  std::string describe() const override;
  Status setup(std::span<const Shape> in, Shape* out) override;
  void forward(std::span<const Tensor* const> x, Tensor& y, Context& ctx) override;
  void backward(std::span<const Tensor* const> x, const Tensor& y, const Tensor& dy,
                std::span<Tensor* const> dx) override;
  int64_t macs_per_sample() const override;

 private:
  std::array<int, 2> kernel_{1, 1}, stride_{1, 1}, padding_{0, 0}, dilation_{1, 1};
  bool ceil_mode_ = false;
  int channels_ = 0, in_h_ = 0, in_w_ = 0, out_h_ = 0, out_w_ = 0;
  std::vector<int32_t> argmax_;  // per output element: index into its (H, W) plane
};

}  // namespace nnplay::nn
