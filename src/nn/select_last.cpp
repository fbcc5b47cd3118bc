#include "nn/select_last.h"

#include <algorithm>

namespace nnplay::nn {

Status SelectLast::setup(std::span<const Shape> in, Shape* out) {
  const Shape& s = in[0];
  if (s.rank != 3) return Error(ErrorCode::SHAPE_MISMATCH, "SelectLast expects input (N, T, H), got " + s.str());
  steps_ = s[1];
  features_ = s[2];
  *out = Shape{1, features_};
  return Status::Ok();
}

void SelectLast::forward(std::span<const Tensor* const> x, Tensor& y, Context&) {
  const int N = x[0]->dim(0);
  y.resize({N, features_});
  for (int n = 0; n < N; ++n) {
    const float* src = x[0]->data() + (int64_t{n} * steps_ + steps_ - 1) * features_;
    std::copy(src, src + features_, y.data() + int64_t{n} * features_);
  }
}

void SelectLast::backward(std::span<const Tensor* const>, const Tensor&, const Tensor& dy,
                          std::span<Tensor* const> dx) {
  if (!dx[0]) return;
  const int N = dy.dim(0);
  for (int n = 0; n < N; ++n) {
    float* d = dx[0]->data() + (int64_t{n} * steps_ + steps_ - 1) * features_;
    const float* g = dy.data() + int64_t{n} * features_;
    for (int j = 0; j < features_; ++j) d[j] += g[j];
  }
}

}  // namespace nnplay::nn
