#include "nn/batch_norm.h"

#include "kernels/elementwise.h"

#include <cmath>

namespace nnplay::nn {

Result<BatchNorm::Options> BatchNorm::parse(const LayerArgs& args) {
  NNP_RETURN_IF_ERROR(args.check_known({"num_features", "eps", "momentum", "affine", "track_running_stats"}));
  Options o;
  auto nf = args.get_int("num_features", 1, 1 << 20, 0);
  auto eps = args.get_double("eps", 0.0, 1.0, 1e-5);
  auto affine = args.get_bool("affine", true);
  auto track = args.get_bool("track_running_stats", true);
  if (!nf.ok()) return nf.status();
  if (!eps.ok()) return eps.status();
  if (!affine.ok()) return affine.status();
  if (!track.ok()) return track.status();
  o.num_features = nf.value();
  o.eps = eps.value();
  o.affine = affine.value();
  o.track_running_stats = track.value();
  const std::string m = args.get_text("momentum", "0.1");
  if (m == "None" || m == "none") {
    o.cumulative = true;
  } else {
    auto mom = args.get_double("momentum", 0.0, 1.0, 0.1);
    if (!mom.ok()) return mom.status();
    o.momentum = mom.value();
  }
  return o;
}

Result<std::unique_ptr<Layer>> BatchNorm1d::from_args(const LayerArgs& args) {
  auto o = parse(args);
  if (!o.ok()) return o.status();
  return std::unique_ptr<Layer>(new BatchNorm1d(o.value()));
}

Result<std::unique_ptr<Layer>> BatchNorm2d::from_args(const LayerArgs& args) {
  auto o = parse(args);
  if (!o.ok()) return o.status();
  return std::unique_ptr<Layer>(new BatchNorm2d(o.value()));
}

std::string BatchNorm::describe() const {
  std::string s = std::string(type_name()) + "(" + std::to_string(channels_);
  if (!opt_.affine) s += ", affine=False";
  if (!opt_.track_running_stats) s += ", track_running_stats=False";
  return s + ")";
}

Status BatchNorm::setup(std::span<const Shape> in, Shape* out) {
  const Shape& s = in[0];
  if (s.rank < min_rank_ || s.rank > max_rank_)
    return Error(ErrorCode::SHAPE_MISMATCH, std::string(type_name()) + " expects input " +
                                                (max_rank_ == 4 ? "(N, C, H, W)" : "(N, C) or (N, C, L)") + ", got " +
                                                s.str());
  const int C = s[1];
  if (opt_.num_features > 0 && C != opt_.num_features)
    return Error(ErrorCode::SHAPE_MISMATCH, std::string(type_name()) + ": num_features=" +
                                                std::to_string(opt_.num_features) + " but the input has " +
                                                std::to_string(C) + " channels");
  if (C != channels_) {  // new shape: fresh parameters and statistics
    channels_ = C;
    if (opt_.affine) {
      for (Tensor* t : {&weight_, &bias_, &dweight_, &dbias_}) t->resize({C});
      weight_.fill(1.0f);
      bias_.zero();
    }
    if (opt_.track_running_stats) {
      running_mean_.resize({C});
      running_var_.resize({C});
      num_batches_tracked_.resize({1});
      running_mean_.zero();
      running_var_.fill(1.0f);
      num_batches_tracked_.zero();
    }
    mean_.resize({C});
    invstd_.resize({C});
  }
  *out = s;
  return Status::Ok();
}

void BatchNorm::reset_parameters(Rng&) {
  // PyTorch: reset_running_stats(); weight = 1, bias = 0.
  weight_.fill(1.0f);
  bias_.zero();
  running_mean_.zero();
  running_var_.fill(1.0f);
  num_batches_tracked_.zero();
}

void BatchNorm::forward(std::span<const Tensor* const> x, Tensor& y, Context& ctx) {
  const Tensor& in = *x[0];
  y.resize(in.shape());
  const int N = in.dim(0), C = channels_;
  const int64_t S = in.shape().per_sample() / C, m = int64_t{N} * S;
  batch_stats_ = ctx.mode == Mode::Train || !opt_.track_running_stats;
  const bool update = ctx.mode == Mode::Train && opt_.track_running_stats;
  double factor = opt_.momentum;
  if (update) {
    num_batches_tracked_[0] += 1.0f;
    if (opt_.cumulative) factor = 1.0 / static_cast<double>(num_batches_tracked_[0]);
  }
  for (int c = 0; c < C; ++c) {
    if (batch_stats_) {
      double s = 0;
      for (int n = 0; n < N; ++n) s += kernels::sum_f32(S, in.data() + (int64_t{n} * C + c) * S);
      const double mu = s / static_cast<double>(m);
      double ss = 0;
      for (int n = 0; n < N; ++n)
        ss += kernels::sum_sq_dev_f32(S, in.data() + (int64_t{n} * C + c) * S, static_cast<float>(mu));
      const double var = ss / static_cast<double>(m);
      mean_[c] = static_cast<float>(mu);
      invstd_[c] = static_cast<float>(1.0 / std::sqrt(var + opt_.eps));
      if (update) {
        // PyTorch raises for m == 1 in training; we keep the biased value instead.
        const double unbiased = m > 1 ? ss / static_cast<double>(m - 1) : var;
        running_mean_[c] = static_cast<float>((1.0 - factor) * running_mean_[c] + factor * mu);
        running_var_[c] = static_cast<float>((1.0 - factor) * running_var_[c] + factor * unbiased);
      }
    } else {
      mean_[c] = running_mean_[c];
      invstd_[c] = static_cast<float>(1.0 / std::sqrt(static_cast<double>(running_var_[c]) + opt_.eps));
    }
    const float g = opt_.affine ? weight_[c] : 1.0f, b = opt_.affine ? bias_[c] : 0.0f;
    const float scale = g * invstd_[c], shift = b - mean_[c] * scale;
    for (int n = 0; n < N; ++n) {
      const int64_t at = (int64_t{n} * C + c) * S;
      const float* p = in.data() + at;
      float* q = y.data() + at;
      for (int64_t i = 0; i < S; ++i) q[i] = p[i] * scale + shift;
    }
  }
}

void BatchNorm::backward(std::span<const Tensor* const> x, const Tensor&, const Tensor& dy,
                         std::span<Tensor* const> dx) {
  const Tensor& in = *x[0];
  const int N = in.dim(0), C = channels_;
  const int64_t S = in.shape().per_sample() / C, m = int64_t{N} * S;
  for (int c = 0; c < C; ++c) {
    const float mu = mean_[c];
    const double istd = invstd_[c];
    double sum_dy = 0, sum_dy_dev = 0;  // Σ dy, Σ dy·(x − mean)
    for (int n = 0; n < N; ++n) {
      const int64_t at = (int64_t{n} * C + c) * S;
      kernels::sum_dy_dev_f32(S, dy.data() + at, in.data() + at, mu, &sum_dy, &sum_dy_dev);
    }
    const double sum_dy_xhat = sum_dy_dev * istd;
    if (opt_.affine) {
      dweight_[c] += static_cast<float>(sum_dy_xhat);
      dbias_[c] += static_cast<float>(sum_dy);
    }
    if (!dx[0]) continue;
    const double g = opt_.affine ? weight_[c] : 1.0;
    float* d = dx[0]->data();
    if (!batch_stats_) {
      const auto k = static_cast<float>(g * istd);
      for (int n = 0; n < N; ++n) {
        const int64_t at = (int64_t{n} * C + c) * S;
        for (int64_t i = 0; i < S; ++i) d[at + i] += dy[at + i] * k;
      }
      continue;
    }
    const double mean_dy = sum_dy / static_cast<double>(m), mean_dy_xhat = sum_dy_xhat / static_cast<double>(m);
    // dx += γ·istd·(dy − mean(dy) − x̂·mean(dy·x̂)) = a·dy + b + c·(x − mean), in float (vectorises)
    const auto a = static_cast<float>(g * istd), b = static_cast<float>(-g * istd * mean_dy),
               cdev = static_cast<float>(-g * istd * istd * mean_dy_xhat);
    for (int n = 0; n < N; ++n) {
      const int64_t at = (int64_t{n} * C + c) * S;
      const float* dyp = dy.data() + at;
      const float* xp = in.data() + at;
      float* dp = d + at;
      for (int64_t i = 0; i < S; ++i) dp[i] += a * dyp[i] + b + cdev * (xp[i] - mu);
    }
  }
}

std::vector<ParamRef> BatchNorm::params() {
  if (!opt_.affine) return {};
  return {{{uid(), "weight"}, &weight_, &dweight_, 0.0f}, {{uid(), "bias"}, &bias_, &dbias_, 0.0f}};
}

std::vector<BufferRef> BatchNorm::buffers() {
  if (!opt_.track_running_stats) return {};
  return {{"running_mean", &running_mean_}, {"running_var", &running_var_},
          {"num_batches_tracked", &num_batches_tracked_}};
}

}  // namespace nnplay::nn
