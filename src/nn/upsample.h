// upsample.h — Upsample (PyTorch's nn.Upsample, 2D): enlarges feature maps by
// scale_factor, by nearest neighbour or bilinear interpolation (lecture
// "U-Net, 2015" / "FCN": the expanding path upsamples before it concatenates).
//
// Legend: N = batch, C = channels, H/W = input, OH/OW = output.
//   x: (N, C, H, W)  ->  y: (N, C, OH, OW),  OH = floor(H · scale_h)  (likewise W)
//   nearest:  y[.., i, j] = x[.., min(floor(i / scale_h), H − 1), ...]   (PyTorch's "nearest")
//   bilinear, align_corners=false (PyTorch's default): source coordinate
//     s = max(0, (i + 0.5) / scale_h − 0.5); h0 = floor(s), h1 = min(h0 + 1, H − 1),
//     λ = s − h0; y = Σ of the four neighbours weighted (1 − λ_h)(1 − λ_w), ...
//   bilinear, align_corners=true: s = i · (H − 1) / (OH − 1).
//   backward: the transpose: each dy is scattered to the taps with the same weights.
// Index and weight tables are built in setup. No parameters, no train/eval difference.
#pragma once

#include <array>
#include <vector>

#include "nn/layer.h"
#include "nn/layer_args.h"

namespace nnplay::nn {

class Upsample final : public Layer {
 public:
  /// scale_factor ("2" or "h,w"; numbers > 0), mode=nearest|bilinear, align_corners=false (bilinear only).
  static Result<std::unique_ptr<Layer>> from_args(const LayerArgs& args);

  const char* type_name() const override { return "Upsample"; }
  std::string describe() const override;
  Status setup(std::span<const Shape> in, Shape* out) override;
  void forward(std::span<const Tensor* const> x, Tensor& y, Context& ctx) override;
  void backward(std::span<const Tensor* const> x, const Tensor& y, const Tensor& dy,
                std::span<Tensor* const> dx) override;

 private:
  // One output coordinate along an axis: y uses (1 − lambda)·x[i0] + lambda·x[i1].
  struct Tap {
    int i0, i1;
    float lambda;
  };
  std::vector<Tap> axis_taps(int in, int out, double scale) const;

  std::array<double, 2> scale_factor_{1, 1};
  bool bilinear_ = false, align_corners_ = false;
  int channels_ = 0, in_h_ = 0, in_w_ = 0, out_h_ = 0, out_w_ = 0;
  std::vector<Tap> taps_h_, taps_w_;
};

}  // namespace nnplay::nn
