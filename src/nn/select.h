// select.h — Select (PyTorch's torch.select(x, dim, index), i.e. x[:, ..., index, ...]):
// one slice along a dimension, that dimension removed. For clips it hands a
// 2D CNN a single frame: (N, C, T, H, W) -> Select(dim=2, index=t) ->
// (N, C, H, W), frame t only (the 2D-vs-3D comparison of lecture "3D
// Convolutional Network (3D CNN)": a single frame holds no motion).
//
//   x: (N, d1, ..., dk, ..., dr)  ->  y: (N, d1, ..., dr) without dk (k = dim)
//   y[n, ..., i, ...] = x[n, ..., index, i, ...]
//   backward: dx[n, ..., index, ...] += dy[n, ...]; the other slices get no gradient.
// dim >= 1 (the batch cannot be selected) or negative from the end; index in
// [−dk, dk) (negative from the end: index=-1 is the last, like SelectLast).
// Errors: INVALID_ARGUMENT for dim=0 or a missing dim/index; SHAPE_MISMATCH
// in setup when dim or index is outside the input's shape.
// No parameters, no train/eval difference.
#pragma once

#include "nn/layer.h"
#include "nn/layer_args.h"

namespace nnplay::nn {

class Select final : public Layer {
 public:
  /// dim, index (both required).
  static Result<std::unique_ptr<Layer>> from_args(const LayerArgs& args);

  const char* type_name() const override { return "Select"; }
  std::string describe() const override {
    return "Select(dim=" + std::to_string(dim_) + ", index=" + std::to_string(index_) + ")";
  }
  Status setup(std::span<const Shape> in, Shape* out) override;
  void forward(std::span<const Tensor* const> x, Tensor& y, Context& ctx) override;
  void backward(std::span<const Tensor* const> x, const Tensor& y, const Tensor& dy,
                std::span<Tensor* const> dx) override;

 private:
  int dim_ = 1, index_ = 0;
  // Per sample, `outer_` blocks of `size_` slices of `inner_` values; slice `at_` is kept.
  int64_t outer_ = 1, size_ = 1, inner_ = 1, at_ = 0;
  Shape out_;
};

}  // namespace nnplay::nn
