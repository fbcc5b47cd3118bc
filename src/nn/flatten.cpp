#include "nn/flatten.h"

namespace nnplay::nn {

Result<std::unique_ptr<Layer>> Flatten::from_args(const LayerArgs& args) {
  NNP_RETURN_IF_ERROR(args.check_known({"start_dim", "end_dim"}));
  auto s = args.get_int("start_dim", 1, Shape::kMaxRank - 1, 1);
  auto e = args.get_int("end_dim", -Shape::kMaxRank, Shape::kMaxRank - 1, -1);
  if (!s.ok()) return s.status();
  if (!e.ok()) return e.status();
  auto layer = std::make_unique<Flatten>();
  layer->start_dim_ = s.value();
  layer->end_dim_ = e.value();
  return std::unique_ptr<Layer>(std::move(layer));
}

Status Flatten::setup(std::span<const Shape> in, Shape* out) {
  const Shape& s = in[0];
  const int end = end_dim_ < 0 ? s.rank + end_dim_ : end_dim_;
  if (start_dim_ >= s.rank || end < start_dim_ || end >= s.rank)
    return Error(ErrorCode::SHAPE_MISMATCH, "Flatten(start_dim=" + std::to_string(start_dim_) +
                                                ", end_dim=" + std::to_string(end_dim_) + ") does not fit input " +
                                                s.str());
  Shape o;
  for (int i = 0; i < start_dim_; ++i) o.dims[static_cast<size_t>(o.rank++)] = s[i];
  int merged = 1;
  for (int i = start_dim_; i <= end; ++i) merged *= s[i];
  o.dims[static_cast<size_t>(o.rank++)] = merged;
  for (int i = end + 1; i < s.rank; ++i) o.dims[static_cast<size_t>(o.rank++)] = s[i];
  out_ = o;
  *out = o;
  return Status::Ok();
}

void Flatten::forward(std::span<const Tensor* const> x, Tensor& y, Context&) {
  y.resize(out_.with_batch(x[0]->dim(0)));
  y.vec() = x[0]->vec();
}

void Flatten::backward(std::span<const Tensor* const>, const Tensor&, const Tensor& dy,
                       std::span<Tensor* const> dx) {
  if (dx[0]) dx[0]->vec() += dy.vec();
}

}  // namespace nnplay::nn
