#include "nn/softmax.h"

#include <algorithm>
#include <cmath>

namespace nnplay::nn {

Result<std::unique_ptr<Layer>> Softmax::from_args(const LayerArgs& args) {
  NNP_RETURN_IF_ERROR(args.check_known({"dim"}));
  auto dim = args.get_int("dim", -Shape::kMaxRank, Shape::kMaxRank - 1, 1);
  if (!dim.ok()) return dim.status();
  if (dim.value() == 0) return Error(ErrorCode::INVALID_ARGUMENT, "Softmax: dim=0 would mix the samples of a batch");
  auto layer = std::make_unique<Softmax>();
  layer->dim_ = dim.value();
  return std::unique_ptr<Layer>(std::move(layer));
}

Status Softmax::setup(std::span<const Shape> in, Shape* out) {
  const Shape& s = in[0];
  const int d = dim_ < 0 ? s.rank + dim_ : dim_;
  if (d < 1 || d >= s.rank)
    return Error(ErrorCode::SHAPE_MISMATCH, describe() + " does not fit input " + s.str() +
                                                " (the batch dimension 0 cannot be normalised)");
  size_ = s[d];
  inner_ = 1;
  for (int i = d + 1; i < s.rank; ++i) inner_ *= s[i];
  outer_per_sample_ = s.per_sample() / (size_ * inner_);
  *out = s;
  return Status::Ok();
}

void Softmax::forward(std::span<const Tensor* const> x, Tensor& y, Context&) {
  y.resize(x[0]->shape());
  const int64_t outer = x[0]->dim(0) * outer_per_sample_;
  for (int64_t o = 0; o < outer; ++o)
    for (int64_t k = 0; k < inner_; ++k) {
      const float* p = x[0]->data() + o * size_ * inner_ + k;
      float* q = y.data() + o * size_ * inner_ + k;
      float mx = p[0];
      for (int64_t i = 1; i < size_; ++i) mx = std::max(mx, p[i * inner_]);
      double sum = 0;
      for (int64_t i = 0; i < size_; ++i) {
        q[i * inner_] = std::exp(p[i * inner_] - mx);
        sum += q[i * inner_];
      }
      const auto inv = static_cast<float>(1.0 / sum);
      for (int64_t i = 0; i < size_; ++i) q[i * inner_] *= inv;
    }
}

void Softmax::backward(std::span<const Tensor* const>, const Tensor& y, const Tensor& dy,
                       std::span<Tensor* const> dx) {
  if (!dx[0]) return;
  const int64_t outer = dy.dim(0) * outer_per_sample_;
  for (int64_t o = 0; o < outer; ++o)
    for (int64_t k = 0; k < inner_; ++k) {
      const int64_t at = o * size_ * inner_ + k;
      const float* yp = y.data() + at;
      const float* g = dy.data() + at;
      float* d = dx[0]->data() + at;
      double dot = 0;
      for (int64_t i = 0; i < size_; ++i) dot += static_cast<double>(g[i * inner_]) * yp[i * inner_];
      for (int64_t i = 0; i < size_; ++i)
        d[i * inner_] += static_cast<float>(yp[i * inner_] * (g[i * inner_] - dot));
    }
}

}  // namespace nnplay::nn
