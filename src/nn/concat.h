// concat.h — Concat (torch.cat(inputs, dim=1) as a layer): joins two or more
// inputs along the channel dimension (lecture "Densely Connected Convolutional
// Networks (DenseNet), 2017" — each layer sees the concatenation of all
// earlier feature maps; "U-Net, 2015" — skip features concatenated into the
// expanding path).
//
//   x_k: (N, C_k, ...) with equal other dimensions  ->  y: (N, Σ C_k, ...)
//   (dim=1 by default; any dim >= 1, or negative from the end)
//   backward: each dx_k += its slice of dy.
// Takes as many inputs as the ModelSpec node lists (at least two:
// variadic_inputs()). No parameters, no train/eval difference.
#pragma once

#include <vector>

#include "nn/layer.h"
#include "nn/layer_args.h"

namespace nnplay::nn {

class Concat final : public Layer {
 public:
  /// dim=1.
  static Result<std::unique_ptr<Layer>> from_args(const LayerArgs& args);

  const char* type_name() const override { return "Concat"; }
  int num_inputs() const override { return 2; }
  bool variadic_inputs() const override { return true; }
  Status setup(std::span<const Shape> in, Shape* out) override;
  void forward(std::span<const Tensor* const> x, Tensor& y, Context& ctx) override;
  void backward(std::span<const Tensor* const> x, const Tensor& y, const Tensor& dy,
                std::span<Tensor* const> dx) override;

 private:
  int dim_ = 1;
  // Per sample the output is outer_ blocks; block o holds, for each input k,
  // a run of chunk_[k] elements (its slice along dim times the inner size).
  int64_t outer_per_sample_ = 1, out_chunk_ = 0;
  std::vector<int64_t> chunk_;
  Shape out_;
};

}  // namespace nnplay::nn
