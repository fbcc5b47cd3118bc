#include "nn/instance_norm.h"

#include <cmath>

#include "nn/norm_rows.h"

namespace nnplay::nn {

Result<std::unique_ptr<Layer>> InstanceNorm2d::from_args(const LayerArgs& args) {
  NNP_RETURN_IF_ERROR(args.check_known({"num_features", "eps", "momentum", "affine", "track_running_stats"}));
  auto nf = args.get_int("num_features", 1, 1 << 20, 0);
  auto eps = args.get_double("eps", 0.0, 1.0, 1e-5);
  auto mom = args.get_double("momentum", 0.0, 1.0, 0.1);
  auto affine = args.get_bool("affine", false);
  auto track = args.get_bool("track_running_stats", false);
  if (!nf.ok()) return nf.status();
  if (!eps.ok()) return eps.status();
  if (!mom.ok()) return mom.status();
  if (!affine.ok()) return affine.status();
  if (!track.ok()) return track.status();
  auto layer = std::make_unique<InstanceNorm2d>();
  layer->num_features_ = nf.value();
  layer->eps_ = eps.value();
  layer->momentum_ = mom.value();
  layer->affine_ = affine.value();
  layer->track_ = track.value();
  return std::unique_ptr<Layer>(std::move(layer));
}

std::string InstanceNorm2d::describe() const {
  return "InstanceNorm2d(" + std::to_string(channels_) + (affine_ ? ", affine=True" : "") +
         (track_ ? ", track_running_stats=True" : "") + ")";
}

Status InstanceNorm2d::setup(std::span<const Shape> in, Shape* out) {
  const Shape& s = in[0];
  if (s.rank != 4)
    return Error(ErrorCode::SHAPE_MISMATCH, "InstanceNorm2d expects input (N, C, H, W), got " + s.str());
  const int C = s[1];
  if (num_features_ > 0 && C != num_features_)
    return Error(ErrorCode::SHAPE_MISMATCH, "InstanceNorm2d: num_features=" + std::to_string(num_features_) +
                                                " but the input has " + std::to_string(C) + " channels");
  if (C != channels_) {
    if (affine_) {
      for (Tensor* t : {&weight_, &bias_, &dweight_, &dbias_}) t->resize({C});
    }
    if (track_) {
      running_mean_.resize({C});
      running_var_.resize({C});
      num_batches_tracked_.resize({1});
    }
    channels_ = C;
    Rng unused;
    reset_parameters(unused);
  }
  spatial_ = int64_t{s[2]} * s[3];
  mean_.reserve(int64_t{C} * max_batch());
  rstd_.reserve(int64_t{C} * max_batch());
  *out = s;
  return Status::Ok();
}

void InstanceNorm2d::reset_parameters(Rng&) {
  weight_.fill(1.0f);
  bias_.zero();
  running_mean_.zero();
  running_var_.fill(1.0f);
  num_batches_tracked_.zero();
}

void InstanceNorm2d::forward(std::span<const Tensor* const> x, Tensor& y, Context& ctx) {
  const Tensor& in = *x[0];
  y.resize(in.shape());
  const int N = in.dim(0), C = channels_, rows = N * C;
  const int64_t S = spatial_;
  mean_.resize({rows});
  rstd_.resize({rows});
  instance_stats_ = ctx.mode == Mode::Train || !track_;
  if (instance_stats_) {
    const bool update = ctx.mode == Mode::Train && track_;
    for (int c = 0; c < C && update; ++c) {
      running_mean_[c] *= static_cast<float>(1.0 - momentum_);
      running_var_[c] *= static_cast<float>(1.0 - momentum_);
    }
    for (int r = 0; r < rows; ++r) {
      double var_unbiased = 0;
      row_moments(in.data() + r * S, S, eps_, &mean_[r], &rstd_[r], &var_unbiased);
      if (update) {
        // torch.instance_norm runs batch_norm on (1, N·C, H, W) with the running
        // statistics repeated N times, then averages them back over the batch.
        const int c = r % C;
        running_mean_[c] += static_cast<float>(momentum_ * mean_[r] / N);
        running_var_[c] += static_cast<float>(momentum_ * var_unbiased / N);
      }
    }
    // PyTorch's InstanceNorm keeps num_batches_tracked at 0 (only _BatchNorm counts).
  } else {
    for (int r = 0; r < rows; ++r) {
      const int c = r % C;
      mean_[r] = running_mean_[c];
      rstd_[r] = static_cast<float>(1.0 / std::sqrt(static_cast<double>(running_var_[c]) + eps_));
    }
  }
  for (int r = 0; r < rows; ++r) {
    const int c = r % C;
    const float g = affine_ ? weight_[c] : 1.0f, b = affine_ ? bias_[c] : 0.0f;
    const float mu = mean_[r], rs = rstd_[r];
    const float* p = in.data() + r * S;
    float* q = y.data() + r * S;
    for (int64_t i = 0; i < S; ++i) q[i] = (p[i] - mu) * rs * g + b;
  }
}

void InstanceNorm2d::backward(std::span<const Tensor* const> x, const Tensor&, const Tensor& dy,
                              std::span<Tensor* const> dx) {
  const Tensor& in = *x[0];
  const int C = channels_, rows = in.dim(0) * C;
  const int64_t S = spatial_;
  for (int r = 0; r < rows; ++r) {
    const int c = r % C;
    const float* p = in.data() + r * S;
    const float* g = dy.data() + r * S;
    const float mu = mean_[r], rs = rstd_[r];
    if (affine_) {
      double sw = 0, sb = 0;
      for (int64_t i = 0; i < S; ++i) {
        sw += g[i] * (p[i] - mu) * rs;
        sb += g[i];
      }
      dweight_[c] += static_cast<float>(sw);
      dbias_[c] += static_cast<float>(sb);
    }
    if (!dx[0]) continue;
    float* d = dx[0]->data() + r * S;
    const float gamma = affine_ ? weight_[c] : 1.0f;
    if (instance_stats_) {
      row_norm_backward(p, g, S, mu, rs, [gamma](int64_t) { return gamma; }, d);
    } else {
      const float k = gamma * rs;
      for (int64_t i = 0; i < S; ++i) d[i] += g[i] * k;
    }
  }
}

std::vector<ParamRef> InstanceNorm2d::params() {
  if (!affine_) return {};
  return {{{uid(), "weight"}, &weight_, &dweight_, 0.0f}, {{uid(), "bias"}, &bias_, &dbias_, 0.0f}};
}

std::vector<BufferRef> InstanceNorm2d::buffers() {
  if (!track_) return {};
  return {{"running_mean", &running_mean_}, {"running_var", &running_var_},
          {"num_batches_tracked", &num_batches_tracked_}};
}

}  // namespace nnplay::nn
