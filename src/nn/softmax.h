// softmax.h — Softmax as a layer (PyTorch's nn.Softmax(dim=1)): turns scores
// into probabilities along one dimension (lecture "AlexNet": "softmax
// classifier"; "MobileNet (v1)" table: Softmax / s1). For training a
// classifier keep the loss on the logits (CrossEntropyLoss applies a stable
// log-softmax itself); this layer is for attention maps and outputs shown as
// probabilities.
//
// Legend: x: (N, C) or (N, C, ...) with dim = 1 by default (any dim >= 1, or
// negative from the end); y: same shape.
//   y_i = exp(x_i − max_j x_j) / Σ_j exp(x_j − max_j x_j)     (max subtracted for stability)
//   backward: dx_i += y_i · (dy_i − Σ_j dy_j y_j)
// No parameters, no train/eval difference.
#pragma once

#include "nn/layer.h"
#include "nn/layer_args.h"

namespace nnplay::nn {

class Softmax final : public Layer {
 public:
  /// dim=1.
  static Result<std::unique_ptr<Layer>> from_args(const LayerArgs& args);

  const char* type_name() const override { return "Softmax"; }
  std::string describe() const override { return "Softmax(dim=" + std::to_string(dim_) + ")"; }
  Status setup(std::span<const Shape> in, Shape* out) override;
  void forward(std::span<const Tensor* const> x, Tensor& y, Context& ctx) override;
  void backward(std::span<const Tensor* const> x, const Tensor& y, const Tensor& dy,
                std::span<Tensor* const> dx) override;

 private:
  int dim_ = 1;
  // The softmax axis has `size_` elements `inner_` apart; `outer_per_sample_`
  // independent blocks per sample.
  int64_t size_ = 0, inner_ = 1, outer_per_sample_ = 1;
};

}  // namespace nnplay::nn
