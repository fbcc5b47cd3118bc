#include "nn/group_norm.h"

#include "nn/norm_rows.h"

namespace nnplay::nn {

Result<std::unique_ptr<Layer>> GroupNorm::from_args(const LayerArgs& args) {
  NNP_RETURN_IF_ERROR(args.check_known({"num_groups", "num_channels", "eps", "affine"}));
  auto g = args.get_int("num_groups", 1, 1 << 16);
  auto c = args.get_int("num_channels", 1, 1 << 20, 0);
  auto eps = args.get_double("eps", 0.0, 1.0, 1e-5);
  auto affine = args.get_bool("affine", true);
  if (!g.ok()) return g.status();
  if (!c.ok()) return c.status();
  if (!eps.ok()) return eps.status();
  if (!affine.ok()) return affine.status();
  auto layer = std::make_unique<GroupNorm>();
  layer->num_groups_ = g.value();
  layer->num_channels_ = c.value();
  layer->eps_ = eps.value();
  layer->affine_ = affine.value();
  return std::unique_ptr<Layer>(std::move(layer));
}

std::string GroupNorm::describe() const {
  return "GroupNorm(" + std::to_string(num_groups_) + ", " + std::to_string(channels_) +
         (affine_ ? "" : ", affine=False") + ")";
}

Status GroupNorm::setup(std::span<const Shape> in, Shape* out) {
  const Shape& s = in[0];
  if (s.rank < 2) return Error(ErrorCode::SHAPE_MISMATCH, "GroupNorm expects input (N, C, ...), got " + s.str());
  const int C = s[1];
  if (num_channels_ > 0 && C != num_channels_)
    return Error(ErrorCode::SHAPE_MISMATCH, "GroupNorm: num_channels=" + std::to_string(num_channels_) +
                                                " but the input has " + std::to_string(C) + " channels");
  if (C % num_groups_ != 0)
    return Error(ErrorCode::INVALID_ARGUMENT, "GroupNorm: " + std::to_string(C) +
                                                  " channels are not divisible by num_groups=" +
                                                  std::to_string(num_groups_));
  if (affine_ && C != channels_) {
    for (Tensor* t : {&weight_, &bias_, &dweight_, &dbias_}) t->resize({C});
    weight_.fill(1.0f);
    bias_.zero();
  }
  channels_ = C;
  spatial_ = s.per_sample() / C;
  mean_.reserve(int64_t{num_groups_} * max_batch());
  rstd_.reserve(int64_t{num_groups_} * max_batch());
  *out = s;
  return Status::Ok();
}

void GroupNorm::reset_parameters(Rng&) {
  weight_.fill(1.0f);
  bias_.zero();
}

void GroupNorm::forward(std::span<const Tensor* const> x, Tensor& y, Context&) {
  const Tensor& in = *x[0];
  y.resize(in.shape());
  const int rows = in.dim(0) * num_groups_, cg = channels_ / num_groups_;
  const int64_t len = cg * spatial_;
  mean_.resize({rows});
  rstd_.resize({rows});
  for (int r = 0; r < rows; ++r) {
    const float* p = in.data() + r * len;
    float* q = y.data() + r * len;
    row_moments(p, len, eps_, &mean_[r], &rstd_[r]);
    const float mu = mean_[r], rs = rstd_[r];
    for (int k = 0; k < cg; ++k) {
      const int c = (r % num_groups_) * cg + k;
      const float g = affine_ ? weight_[c] : 1.0f, b = affine_ ? bias_[c] : 0.0f;
      for (int64_t i = k * spatial_; i < (k + 1) * spatial_; ++i) q[i] = (p[i] - mu) * rs * g + b;
    }
  }
}

void GroupNorm::backward(std::span<const Tensor* const> x, const Tensor&, const Tensor& dy,
                         std::span<Tensor* const> dx) {
  const Tensor& in = *x[0];
  const int rows = in.dim(0) * num_groups_, cg = channels_ / num_groups_;
  const int64_t len = cg * spatial_, S = spatial_;
  for (int r = 0; r < rows; ++r) {
    const float* p = in.data() + r * len;
    const float* g = dy.data() + r * len;
    const float mu = mean_[r], rs = rstd_[r];
    const int c0 = (r % num_groups_) * cg;
    if (affine_)
      for (int k = 0; k < cg; ++k) {
        double sw = 0, sb = 0;
        for (int64_t i = k * S; i < (k + 1) * S; ++i) {
          sw += g[i] * (p[i] - mu) * rs;
          sb += g[i];
        }
        dweight_[c0 + k] += static_cast<float>(sw);
        dbias_[c0 + k] += static_cast<float>(sb);
      }
    if (!dx[0]) continue;
    float* d = dx[0]->data() + r * len;
    if (affine_) row_norm_backward(p, g, len, mu, rs, [&](int64_t i) { return weight_[c0 + i / S]; }, d);
    else row_norm_backward(p, g, len, mu, rs, [](int64_t) { return 1.0f; }, d);
  }
}

std::vector<ParamRef> GroupNorm::params() {
  if (!affine_) return {};
  return {{{uid(), "weight"}, &weight_, &dweight_, 0.0f}, {{uid(), "bias"}, &bias_, &dbias_, 0.0f}};
}

}  // namespace nnplay::nn
