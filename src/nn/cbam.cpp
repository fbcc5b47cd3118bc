#include "nn/cbam.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace nnplay::nn {
namespace {

ConvOptions spatial_options(int k) {
  ConvOptions o;
  o.rank = 2;
  o.out_channels = 1;
  o.kernel_size = {1, k, k};
  o.bias = false;
  o.padding.same = true;
  resolve_same<3>(o.padding, o.kernel_size, o.dilation);
  return o;
}

float sigmoid(float v) { return v >= 0.0f ? 1.0f / (1.0f + std::exp(-v)) : std::exp(v) / (1.0f + std::exp(v)); }

}  // namespace

CBAM::CBAM(int reduction, int kernel_size)
    : reduction_(reduction), kernel_size_(kernel_size), spatial_(spatial_options(kernel_size)) {}

Result<std::unique_ptr<Layer>> CBAM::from_args(const LayerArgs& args) {
  NNP_RETURN_IF_ERROR(args.check_known({"reduction", "kernel_size"}));
  auto r = args.get_int("reduction", 1, 1 << 16, 16);
  auto k = args.get_int("kernel_size", 1, 31, 7);
  if (!r.ok()) return r.status();
  if (!k.ok()) return k.status();
  return std::unique_ptr<Layer>(new CBAM(r.value(), k.value()));
}

std::string CBAM::describe() const {
  return "CBAM(" + std::to_string(channels_) + "\u2192" + std::to_string(hidden_) + ", k=" +
         std::to_string(kernel_size_) + ")";
}

Status CBAM::setup(std::span<const Shape> in, Shape* out) {
  const Shape& s = in[0];
  if (s.rank != 4) return Error(ErrorCode::SHAPE_MISMATCH, "CBAM expects input (N, C, H, W), got " + s.str());
  channels_ = s[1], height_ = s[2], width_ = s[3];
  hidden_ = std::max(1, channels_ / reduction_);
  if (fc1_.out_features() != hidden_ || fc2_.out_features() != channels_) {
    fc1_ = Linear(hidden_);
    fc2_ = Linear(channels_);
  }
  Shape o;
  const Shape c_shape[] = {Shape{1, channels_}}, h_shape[] = {Shape{1, hidden_}};
  const Shape pool_shape[] = {Shape{1, 2, height_, width_}};
  NNP_RETURN_IF_ERROR(fc1_.setup(c_shape, &o));
  NNP_RETURN_IF_ERROR(fc2_.setup(h_shape, &o));
  NNP_RETURN_IF_ERROR(spatial_.setup(pool_shape, &o));
  const int64_t nb = max_batch(), C = channels_, HW = int64_t{height_} * width_;
  for (Tensor* t : {&pooled_, &mlp_out_, &dmlp_out_, &dpooled_}) t->reserve(2 * nb * C);
  for (Tensor* t : {&hidden_act_, &dhidden_}) t->reserve(2 * nb * hidden_);
  mc_.reserve(nb * C);
  for (Tensor* t : {&f1_, &df1_}) t->reserve(nb * C * HW);
  for (Tensor* t : {&spool_, &dspool_}) t->reserve(nb * 2 * HW);
  for (Tensor* t : {&ms_, &dms_}) t->reserve(nb * HW);
  argmax_hw_.reserve(static_cast<size_t>(nb * C));
  argmax_c_.reserve(static_cast<size_t>(nb * HW));
  *out = s;
  return Status::Ok();
}

void CBAM::reset_parameters(Rng& rng) {
  fc1_.reset_parameters(rng);
  fc2_.reset_parameters(rng);
  spatial_.reset_parameters(rng);
}

void CBAM::forward(std::span<const Tensor* const> x, Tensor& y, Context& ctx) {
  const Tensor& in = *x[0];
  const int N = in.dim(0), C = channels_;
  const int64_t HW = int64_t{height_} * width_;
  y.resize(in.shape());
  // Channel attention: average and max over (H, W), one shared MLP on both.
  pooled_.resize({2 * N, C});
  argmax_hw_.resize(static_cast<size_t>(N * C));
  for (int64_t nc = 0; nc < int64_t{N} * C; ++nc) {
    const float* p = in.data() + nc * HW;
    double sum = 0;
    float mx = p[0];
    int32_t arg = 0;
    for (int64_t i = 0; i < HW; ++i) {
      sum += p[i];
      if (p[i] > mx) mx = p[i], arg = static_cast<int32_t>(i);
    }
    pooled_[nc] = static_cast<float>(sum / static_cast<double>(HW));
    pooled_[int64_t{N} * C + nc] = mx;
    argmax_hw_[static_cast<size_t>(nc)] = arg;
  }
  const Tensor* pooled_in[] = {&pooled_};
  fc1_.forward(pooled_in, hidden_act_, ctx);
  hidden_act_.vec() = hidden_act_.vec().cwiseMax(0.0f);
  const Tensor* hidden_in[] = {&hidden_act_};
  fc2_.forward(hidden_in, mlp_out_, ctx);
  mc_.resize({N, C});
  for (int64_t nc = 0; nc < int64_t{N} * C; ++nc) mc_[nc] = sigmoid(mlp_out_[nc] + mlp_out_[int64_t{N} * C + nc]);
  f1_.resize(in.shape());
  for (int64_t nc = 0; nc < int64_t{N} * C; ++nc) {
    const float m = mc_[nc];
    const float* p = in.data() + nc * HW;
    float* q = f1_.data() + nc * HW;
    for (int64_t i = 0; i < HW; ++i) q[i] = p[i] * m;
  }
  // Spatial attention: mean and max over channels, k×k conv, σ.
  spool_.resize({N, 2, height_, width_});
  argmax_c_.resize(static_cast<size_t>(N * HW));
  for (int n = 0; n < N; ++n) {
    const float* f = f1_.data() + int64_t{n} * C * HW;
    float* avg = spool_.data() + int64_t{n} * 2 * HW;
    float* mx = avg + HW;
    int32_t* arg = argmax_c_.data() + int64_t{n} * HW;
    for (int64_t i = 0; i < HW; ++i) {
      avg[i] = 0.0f;
      mx[i] = -std::numeric_limits<float>::infinity();
      arg[i] = 0;
    }
    for (int c = 0; c < C; ++c)
      for (int64_t i = 0; i < HW; ++i) {
        const float v = f[c * HW + i];
        avg[i] += v;
        if (v > mx[i]) mx[i] = v, arg[i] = c;
      }
    for (int64_t i = 0; i < HW; ++i) avg[i] /= static_cast<float>(C);
  }
  const Tensor* spool_in[] = {&spool_};
  spatial_.forward(spool_in, ms_, ctx);
  for (int64_t i = 0; i < ms_.numel(); ++i) ms_[i] = sigmoid(ms_[i]);
  for (int64_t nc = 0; nc < int64_t{N} * C; ++nc) {
    const float* f = f1_.data() + nc * HW;
    const float* m = ms_.data() + (nc / C) * HW;
    float* q = y.data() + nc * HW;
    for (int64_t i = 0; i < HW; ++i) q[i] = f[i] * m[i];
  }
}

void CBAM::backward(std::span<const Tensor* const> x, const Tensor&, const Tensor& dy,
                    std::span<Tensor* const> dx) {
  const Tensor& in = *x[0];
  const int N = in.dim(0), C = channels_;
  const int64_t HW = int64_t{height_} * width_;
  // y = F' ⊙ M_s:  dF' = dy ⊙ M_s;  dM_s = Σ_c dy ⊙ F', then through σ'.
  df1_.resize(in.shape());
  dms_.resize(ms_.shape());
  dms_.zero();
  for (int64_t nc = 0; nc < int64_t{N} * C; ++nc) {
    const float* g = dy.data() + nc * HW;
    const float* f = f1_.data() + nc * HW;
    const float* m = ms_.data() + (nc / C) * HW;
    float* dm = dms_.data() + (nc / C) * HW;
    float* df = df1_.data() + nc * HW;
    for (int64_t i = 0; i < HW; ++i) {
      df[i] = g[i] * m[i];
      dm[i] += g[i] * f[i];
    }
  }
  for (int64_t i = 0; i < dms_.numel(); ++i) dms_[i] *= ms_[i] * (1.0f - ms_[i]);
  // Through the k×k conv to the channel-pooled maps, then to F'.
  dspool_.resize(spool_.shape());
  dspool_.zero();
  const Tensor* spool_in[] = {&spool_};
  Tensor* dspool_out[] = {&dspool_};
  spatial_.backward(spool_in, ms_, dms_, dspool_out);
  for (int n = 0; n < N; ++n) {
    const float* davg = dspool_.data() + int64_t{n} * 2 * HW;
    const float* dmax = davg + HW;
    const int32_t* arg = argmax_c_.data() + int64_t{n} * HW;
    float* df = df1_.data() + int64_t{n} * C * HW;
    const float inv_c = 1.0f / static_cast<float>(C);
    for (int c = 0; c < C; ++c)
      for (int64_t i = 0; i < HW; ++i) df[c * HW + i] += davg[i] * inv_c;
    for (int64_t i = 0; i < HW; ++i) df[arg[i] * HW + i] += dmax[i];
  }
  // F' = M_c ⊙ x:  dx += dF' ⊙ M_c;  dM_c = Σ_hw dF' ⊙ x, then through σ'
  // into both MLP branches (they were summed before σ).
  dmlp_out_.resize({2 * N, C});
  for (int64_t nc = 0; nc < int64_t{N} * C; ++nc) {
    const float* df = df1_.data() + nc * HW;
    const float* p = in.data() + nc * HW;
    const float m = mc_[nc];
    double sum = 0;
    for (int64_t i = 0; i < HW; ++i) sum += static_cast<double>(df[i]) * p[i];
    const float dpre = static_cast<float>(sum) * m * (1.0f - m);
    dmlp_out_[nc] = dpre;
    dmlp_out_[int64_t{N} * C + nc] = dpre;
    if (dx[0]) {
      float* d = dx[0]->data() + nc * HW;
      for (int64_t i = 0; i < HW; ++i) d[i] += df[i] * m;
    }
  }
  dhidden_.resize(hidden_act_.shape());
  dhidden_.zero();
  const Tensor* hidden_in[] = {&hidden_act_};
  Tensor* dhidden_out[] = {&dhidden_};
  fc2_.backward(hidden_in, mlp_out_, dmlp_out_, dhidden_out);
  dhidden_.vec().array() *= (hidden_act_.vec().array() > 0.0f).cast<float>();
  dpooled_.resize(pooled_.shape());
  dpooled_.zero();
  const Tensor* pooled_in[] = {&pooled_};
  Tensor* dpooled_out[] = {dx[0] ? &dpooled_ : nullptr};
  fc1_.backward(pooled_in, hidden_act_, dhidden_, dpooled_out);
  if (!dx[0]) return;
  const auto inv_hw = static_cast<float>(1.0 / static_cast<double>(HW));
  for (int64_t nc = 0; nc < int64_t{N} * C; ++nc) {
    float* d = dx[0]->data() + nc * HW;
    const float g = dpooled_[nc] * inv_hw;
    for (int64_t i = 0; i < HW; ++i) d[i] += g;
    d[argmax_hw_[static_cast<size_t>(nc)]] += dpooled_[int64_t{N} * C + nc];
  }
}

std::vector<ParamRef> CBAM::params() {
  auto p1 = fc1_.params(), p2 = fc2_.params(), p3 = spatial_.params();
  return {{{uid(), "channel.fc1.weight"}, p1[0].value, p1[0].grad, 1.0f},
          {{uid(), "channel.fc1.bias"}, p1[1].value, p1[1].grad, 0.0f},
          {{uid(), "channel.fc2.weight"}, p2[0].value, p2[0].grad, 1.0f},
          {{uid(), "channel.fc2.bias"}, p2[1].value, p2[1].grad, 0.0f},
          {{uid(), "spatial.weight"}, p3[0].value, p3[0].grad, 1.0f}};
}

int64_t CBAM::macs_per_sample() const {
  const int64_t HW = int64_t{height_} * width_;
  return 4 * int64_t{channels_} * hidden_ + 4 * int64_t{channels_} * HW + spatial_.macs_per_sample();
}

}  // namespace nnplay::nn
