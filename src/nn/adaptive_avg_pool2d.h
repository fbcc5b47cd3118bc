// adaptive_avg_pool2d.h — AdaptiveAvgPool2d (PyTorch's nn.AdaptiveAvgPool2d):
// average pooling to a fixed output size whatever the input size;
// output_size=1 is global average pooling (Lin et al. 2013, "Network in
// Network"; lecture "MobileNet (v1)": Avg Pool 7×7 before the classifier).
//
// Legend: N = batch, C = channels, H/W = input, OH/OW = output_size.
//   x: (N, C, H, W)  ->  y: (N, C, OH, OW)
//   bin (i, j) covers rows [floor(i·H/OH), ceil((i+1)·H/OH)) and columns
//   [floor(j·W/OW), ceil((j+1)·W/OW)) (PyTorch's start_index/end_index;
//   bins may overlap when H is not a multiple of OH).
//   y[n, c, i, j] = mean of x over the bin;  backward: dx[bin] += dy / |bin|.
// No parameters, no train/eval difference.
#pragma once

#include <array>

#include "nn/layer.h"
#include "nn/layer_args.h"

namespace nnplay::nn {

class AdaptiveAvgPool2d final : public Layer {
 public:
  /// output_size: "1" (global average pooling) or "h,w".
  static Result<std::unique_ptr<Layer>> from_args(const LayerArgs& args);

  const char* type_name() const override { return "AdaptiveAvgPool2d"; }
  std::string describe() const override;
  Status setup(std::span<const Shape> in, Shape* out) override;
  void forward(std::span<const Tensor* const> x, Tensor& y, Context& ctx) override;
  void backward(std::span<const Tensor* const> x, const Tensor& y, const Tensor& dy,
                std::span<Tensor* const> dx) override;
  int64_t macs_per_sample() const override { return int64_t{channels_} * in_h_ * in_w_; }

 private:
  std::array<int, 2> output_size_{1, 1};
  int channels_ = 0, in_h_ = 0, in_w_ = 0;
};

}  // namespace nnplay::nn
