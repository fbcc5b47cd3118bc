#include "nn/squeeze_excitation.h"

#include <algorithm>
#include <cmath>

namespace nnplay::nn {

Result<std::unique_ptr<Layer>> SqueezeExcitation::from_args(const LayerArgs& args) {
  NNP_RETURN_IF_ERROR(args.check_known({"reduction", "squeeze_channels"}));
  auto r = args.get_int("reduction", 1, 1 << 16, 16);
  auto sq = args.get_int("squeeze_channels", 1, 1 << 16, 0);
  if (!r.ok()) return r.status();
  if (!sq.ok()) return sq.status();
  auto layer = std::make_unique<SqueezeExcitation>();
  layer->reduction_ = r.value();
  layer->squeeze_channels_ = sq.value();
  return std::unique_ptr<Layer>(std::move(layer));
}

std::string SqueezeExcitation::describe() const {
  return "SqueezeExcitation(" + std::to_string(channels_) + "\u2192" + std::to_string(hidden_) + "\u2192" +
         std::to_string(channels_) + ")";
}

Status SqueezeExcitation::setup(std::span<const Shape> in, Shape* out) {
  const Shape& s = in[0];
  if (s.rank != 4)
    return Error(ErrorCode::SHAPE_MISMATCH, "SqueezeExcitation expects input (N, C, H, W), got " + s.str());
  channels_ = s[1];
  spatial_ = int64_t{s[2]} * s[3];
  hidden_ = squeeze_channels_ > 0 ? squeeze_channels_ : std::max(1, channels_ / reduction_);
  if (fc1_.out_features() != hidden_ || fc2_.out_features() != channels_) {
    fc1_ = Linear(hidden_);
    fc2_ = Linear(channels_);
  }
  Shape o;
  const Shape c_shape[] = {Shape{1, channels_}}, h_shape[] = {Shape{1, hidden_}};
  NNP_RETURN_IF_ERROR(fc1_.setup(c_shape, &o));
  NNP_RETURN_IF_ERROR(fc2_.setup(h_shape, &o));
  const int64_t nb = max_batch();
  for (Tensor* t : {&pooled_, &a_, &da_, &dpooled_}) t->reserve(nb * channels_);
  for (Tensor* t : {&z_, &dz_}) t->reserve(nb * hidden_);
  *out = s;
  return Status::Ok();
}

void SqueezeExcitation::reset_parameters(Rng& rng) {
  fc1_.reset_parameters(rng);
  fc2_.reset_parameters(rng);
}

void SqueezeExcitation::forward(std::span<const Tensor* const> x, Tensor& y, Context& ctx) {
  const Tensor& in = *x[0];
  const int N = in.dim(0), C = channels_;
  const int64_t S = spatial_;
  y.resize(in.shape());
  pooled_.resize({N, C});
  for (int64_t nc = 0; nc < int64_t{N} * C; ++nc) {
    const float* p = in.data() + nc * S;
    double sum = 0;
    for (int64_t i = 0; i < S; ++i) sum += p[i];
    pooled_[nc] = static_cast<float>(sum / static_cast<double>(S));
  }
  const Tensor* s_in[] = {&pooled_};
  fc1_.forward(s_in, z_, ctx);
  z_.vec() = z_.vec().cwiseMax(0.0f);
  const Tensor* z_in[] = {&z_};
  fc2_.forward(z_in, a_, ctx);
  for (int64_t i = 0; i < a_.numel(); ++i) a_[i] = 1.0f / (1.0f + std::exp(-a_[i]));
  for (int64_t nc = 0; nc < int64_t{N} * C; ++nc) {
    const float g = a_[nc];
    const float* p = in.data() + nc * S;
    float* q = y.data() + nc * S;
    for (int64_t i = 0; i < S; ++i) q[i] = p[i] * g;
  }
}

void SqueezeExcitation::backward(std::span<const Tensor* const> x, const Tensor&, const Tensor& dy,
                                 std::span<Tensor* const> dx) {
  const Tensor& in = *x[0];
  const int N = in.dim(0), C = channels_;
  const int64_t S = spatial_;
  // da = Σ_hw dy ⊙ x, then through σ': da ⊙ a (1 − a). dx += dy ⊙ a.
  da_.resize({N, C});
  for (int64_t nc = 0; nc < int64_t{N} * C; ++nc) {
    const float* p = in.data() + nc * S;
    const float* g = dy.data() + nc * S;
    double sum = 0;
    for (int64_t i = 0; i < S; ++i) sum += static_cast<double>(g[i]) * p[i];
    const float a = a_[nc];
    da_[nc] = static_cast<float>(sum) * a * (1.0f - a);
    if (dx[0]) {
      float* d = dx[0]->data() + nc * S;
      for (int64_t i = 0; i < S; ++i) d[i] += g[i] * a;
    }
  }
  dz_.resize({N, hidden_});
  dz_.zero();
  const Tensor* z_in[] = {&z_};
  Tensor* dz_out[] = {&dz_};
  fc2_.backward(z_in, a_, da_, dz_out);
  dz_.vec().array() *= (z_.vec().array() > 0.0f).cast<float>();
  dpooled_.resize({N, C});
  dpooled_.zero();
  const Tensor* s_in[] = {&pooled_};
  Tensor* ds_out[] = {dx[0] ? &dpooled_ : nullptr};
  fc1_.backward(s_in, z_, dz_, ds_out);
  if (!dx[0]) return;
  const auto inv_s = static_cast<float>(1.0 / static_cast<double>(S));
  for (int64_t nc = 0; nc < int64_t{N} * C; ++nc) {
    const float g = dpooled_[nc] * inv_s;
    float* d = dx[0]->data() + nc * S;
    for (int64_t i = 0; i < S; ++i) d[i] += g;
  }
}

std::vector<ParamRef> SqueezeExcitation::params() {
  auto p1 = fc1_.params(), p2 = fc2_.params();
  return {{{uid(), "fc1.weight"}, p1[0].value, p1[0].grad, 1.0f},
          {{uid(), "fc1.bias"}, p1[1].value, p1[1].grad, 0.0f},
          {{uid(), "fc2.weight"}, p2[0].value, p2[0].grad, 1.0f},
          {{uid(), "fc2.bias"}, p2[1].value, p2[1].grad, 0.0f}};
}

int64_t SqueezeExcitation::macs_per_sample() const {
  return int64_t{channels_} * spatial_ * 2 + 2 * int64_t{channels_} * hidden_;
}

}  // namespace nnplay::nn
