// avg_pool2d.h — AvgPool2d (PyTorch's nn.AvgPool2d): the mean of each window
// (lecture "LeNet-5": average pooling).
//
// Legend: N = batch, C = channels, H/W = height/width, k = kernel, s = stride
// (default = kernel_size), p = zero padding (at most k/2, as PyTorch).
//   x: (N, C, H, W)  ->  y: (N, C, H_out, W_out),  H_out = floor((H + 2p − k) / s) + 1
//   y[n, c, h, w] = (1 / divisor) · Σ_{window ∩ input} x
//   divisor = kH·kW when count_include_pad (PyTorch's default: padding counts
//   as zeros), else the number of window elements inside the input.
//   backward: dx[window] += dy / divisor.
// No parameters, no train/eval difference.
#pragma once

#include <array>

#include "nn/layer.h"
#include "nn/layer_args.h"

namespace nnplay::nn {

class AvgPool2d final : public Layer {
 public:
  /// kernel_size, stride=kernel_size, padding=0, count_include_pad=true.
  static Result<std::unique_ptr<Layer>> from_args(const LayerArgs& args);

  const char* type_name() const override { return "AvgPool2d"; }
  std::string describe() const override;
  Status setup(std::span<const Shape> in, Shape* out) override;
  void forward(std::span<const Tensor* const> x, Tensor& y, Context& ctx) override;
  void backward(std::span<const Tensor* const> x, const Tensor& y, const Tensor& dy,
                std::span<Tensor* const> dx) override;
  int64_t macs_per_sample() const override;

 private:
  // The clipped window of output (oh, ow) and its divisor (PyTorch's avg_pool2d formula).
  struct Window {
    int h0, h1, w0, w1;
    float inv_divisor;
  };
  Window window(int oh, int ow) const;

  std::array<int, 2> kernel_{1, 1}, stride_{1, 1}, padding_{0, 0};
  bool count_include_pad_ = true;
  int channels_ = 0, in_h_ = 0, in_w_ = 0, out_h_ = 0, out_w_ = 0;
};

}  // namespace nnplay::nn
