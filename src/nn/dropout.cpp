#include "nn/dropout.h"

#include <cstdio>

#include "core/check.h"

namespace nnplay::nn {

Result<std::unique_ptr<Layer>> Dropout::from_args(const LayerArgs& args) {
  NNP_RETURN_IF_ERROR(args.check_known({"p"}));
  auto p = args.get_double("p", 0.0, 1.0, 0.5);
  if (!p.ok()) return p.status();
  return std::unique_ptr<Layer>(new Dropout(static_cast<float>(p.value())));
}

std::string Dropout::describe() const {
  char buf[48];
  std::snprintf(buf, sizeof buf, "Dropout(p=%g)", static_cast<double>(p_));
  return buf;
}

Status Dropout::setup(std::span<const Shape> in, Shape* out) {
  if (!(p_ >= 0.0f && p_ <= 1.0f))
    return Error(ErrorCode::INVALID_ARGUMENT, "Dropout: p must be in [0, 1], got " + std::to_string(p_));
  mask_.reserve(in[0].per_sample() * max_batch());
  *out = in[0];
  return Status::Ok();
}

void Dropout::forward(std::span<const Tensor* const> x, Tensor& y, Context& ctx) {
  y.resize(x[0]->shape());
  last_train_ = ctx.mode == Mode::Train && p_ > 0.0f;
  if (!last_train_) {
    y.vec() = x[0]->vec();
    return;
  }
  // The trainer always passes its dropout stream; a missing one is a wiring bug.
  NNP_ASSERT(ctx.rng != nullptr);
  mask_.resize(x[0]->shape());
  const float keep_scale = p_ < 1.0f ? 1.0f / (1.0f - p_) : 0.0f;
  const float* in = x[0]->data();
  float* out = y.data();
  float* m = mask_.data();
  for (int64_t i = 0; i < y.numel(); ++i) {
    m[i] = ctx.rng->uniform() < p_ ? 0.0f : keep_scale;
    out[i] = in[i] * m[i];
  }
}

void Dropout::backward(std::span<const Tensor* const>, const Tensor&, const Tensor& dy,
                       std::span<Tensor* const> dx) {
  if (!dx[0]) return;
  if (!last_train_) {
    dx[0]->vec() += dy.vec();
    return;
  }
  dx[0]->vec().array() += dy.vec().array() * mask_.vec().array();
}

}  // namespace nnplay::nn
