#include "nn/select.h"

#include <algorithm>

namespace nnplay::nn {

Result<std::unique_ptr<Layer>> Select::from_args(const LayerArgs& args) {
  NNP_RETURN_IF_ERROR(args.check_known({"dim", "index"}));
  auto dim = args.get_int("dim", -Shape::kMaxRank, Shape::kMaxRank - 1);
  if (!dim.ok()) return dim.status();
  auto index = args.get_int("index", -(1 << 20), 1 << 20);
  if (!index.ok()) return index.status();
  if (dim.value() == 0) return Error(ErrorCode::INVALID_ARGUMENT, "Select: dim=0 would select samples of the batch");
  auto layer = std::make_unique<Select>();
  layer->dim_ = dim.value();
  layer->index_ = index.value();
  return std::unique_ptr<Layer>(std::move(layer));
}

Status Select::setup(std::span<const Shape> in, Shape* out) {
  const Shape& s = in[0];
  const int d = dim_ < 0 ? s.rank + dim_ : dim_;
  if (d < 1 || d >= s.rank)
    return Error(ErrorCode::SHAPE_MISMATCH, describe() + " does not fit input " + s.str() +
                                                " (dim must name one of its dimensions after the batch)");
  const int n = s[d];
  const int at = index_ < 0 ? n + index_ : index_;
  if (at < 0 || at >= n)
    return Error(ErrorCode::SHAPE_MISMATCH, describe() + ": index out of range for input " + s.str() + " (dimension " +
                                                std::to_string(d) + " has " + std::to_string(n) + ")");
  outer_ = 1;
  inner_ = 1;
  for (int i = 1; i < d; ++i) outer_ *= s[i];
  for (int i = d + 1; i < s.rank; ++i) inner_ *= s[i];
  size_ = n;
  at_ = at;
  Shape o;
  for (int i = 0; i < s.rank; ++i)
    if (i != d) o.dims[static_cast<size_t>(o.rank++)] = s[i];
  out_ = o;
  *out = o;
  return Status::Ok();
}

void Select::forward(std::span<const Tensor* const> x, Tensor& y, Context&) {
  const int N = x[0]->dim(0);
  y.resize(out_.with_batch(N));
  const int64_t blocks = int64_t{N} * outer_;
  for (int64_t b = 0; b < blocks; ++b) {
    const float* src = x[0]->data() + (b * size_ + at_) * inner_;
    std::copy(src, src + inner_, y.data() + b * inner_);
  }
}

void Select::backward(std::span<const Tensor* const>, const Tensor&, const Tensor& dy,
                      std::span<Tensor* const> dx) {
  if (!dx[0]) return;
  const int64_t blocks = int64_t{dy.dim(0)} * outer_;
  for (int64_t b = 0; b < blocks; ++b) {
    float* d = dx[0]->data() + (b * size_ + at_) * inner_;
    const float* g = dy.data() + b * inner_;
    for (int64_t j = 0; j < inner_; ++j) d[j] += g[j];
  }
}

}  // namespace nnplay::nn
