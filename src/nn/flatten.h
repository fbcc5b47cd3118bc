// flatten.h — Flatten (PyTorch's nn.Flatten): merges dimensions start_dim..end_dim
// into one, e.g. the (N, C, H, W) feature maps of a CNN into (N, C·H·W) for
// the fully connected classifier (lecture "LeNet-5", "AlexNet": conv layers,
// then fully-connected layers).
//
//   x: (N, d1, ..., dk)  ->  y: (N, d1, ..., d_start·...·d_end, ..., dk)
//   The data is unchanged (row-major), so forward copies and backward adds dy.
// Defaults start_dim=1, end_dim=-1: (N, C, H, W) -> (N, C·H·W). start_dim must
// be >= 1 (the batch is never merged). No parameters, no train/eval difference.
#pragma once

#include "nn/layer.h"
#include "nn/layer_args.h"

namespace nnplay::nn {

class Flatten final : public Layer {
 public:
  /// start_dim=1, end_dim=-1.
  static Result<std::unique_ptr<Layer>> from_args(const LayerArgs& args);

  const char* type_name() const override { return "Flatten"; }
  Status setup(std::span<const Shape> in, Shape* out) override;
  void forward(std::span<const Tensor* const> x, Tensor& y, Context& ctx) override;
  void backward(std::span<const Tensor* const> x, const Tensor& y, const Tensor& dy,
                std::span<Tensor* const> dx) override;

 private:
  int start_dim_ = 1, end_dim_ = -1;
  Shape out_;  // per-sample output shape
};

}  // namespace nnplay::nn
