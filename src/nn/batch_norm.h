// batch_norm.h — BatchNorm1d and BatchNorm2d (PyTorch's nn.BatchNorm1d/2d;
// Ioffe & Szegedy 2015, Algorithm 1; lecture "Batch Normalization").
//
// Legend: N = batch, C = channels (num_features), S = positions per channel
// (1 for (N, C), L for (N, C, L), H·W for (N, C, H, W)); m = N·S.
//   BatchNorm1d: x (N, C) or (N, C, L);  BatchNorm2d: x (N, C, H, W);  y: same shape.
//   weight γ, bias β: (C,) (affine=true; weight_decay_mul 0).
//   buffers running_mean, running_var: (C,), num_batches_tracked: (1,) (track_running_stats=true).
// train mode: per channel μ = Σ x / m, σ² = Σ (x − μ)² / m (biased, for normalising),
//   x̂ = (x − μ) / √(σ² + eps), y = γ x̂ + β, and the running statistics move
//   with PyTorch's convention  new = (1 − momentum)·old + momentum·batch,
//   momentum = 0.1, using the UNBIASED variance σ²·m/(m − 1) for running_var;
//   num_batches_tracked += 1 (momentum=None: cumulative average, factor 1/num_batches_tracked).
//   backward (f depends on the whole batch through μ, σ²):
//   dx += γ/√(σ²+eps) · (dy − mean(dy) − x̂ · mean(dy · x̂)),  dγ += Σ dy·x̂,  dβ += Σ dy.
// eval mode: x̂ uses running_mean/running_var, a fixed affine map per channel:
//   dx += dy · γ / √(running_var + eps); the running statistics do not change.
// track_running_stats=false: batch statistics in both modes, no buffers.
#pragma once

#include "nn/layer.h"
#include "nn/layer_args.h"

namespace nnplay::nn {

class BatchNorm : public Layer {
 public:
  struct Options {
    int num_features = 0;  // 0 = inferred from the input's channels
    double eps = 1e-5;
    double momentum = 0.1;
    bool cumulative = false;  // momentum=None
    bool affine = true;
    bool track_running_stats = true;
  };
  BatchNorm(const Options& o, int min_rank, int max_rank) : opt_(o), min_rank_(min_rank), max_rank_(max_rank) {}
  /// num_features (optional), eps=1e-5, momentum=0.1 (or None), affine=true, track_running_stats=true.
  static Result<Options> parse(const LayerArgs& args);

  std::string describe() const override;
  Status setup(std::span<const Shape> in, Shape* out) override;
  void reset_parameters(Rng& rng) override;
  void forward(std::span<const Tensor* const> x, Tensor& y, Context& ctx) override;
  void backward(std::span<const Tensor* const> x, const Tensor& y, const Tensor& dy,
                std::span<Tensor* const> dx) override;
  std::vector<ParamRef> params() override;
  std::vector<BufferRef> buffers() override;

  Tensor& weight() { return weight_; }
  Tensor& bias() { return bias_; }
  Tensor& running_mean() { return running_mean_; }
  Tensor& running_var() { return running_var_; }
  Tensor& num_batches_tracked() { return num_batches_tracked_; }

 private:
  Options opt_;
  int min_rank_, max_rank_;
  int channels_ = 0;
  Tensor weight_, bias_, dweight_, dbias_;
  Tensor running_mean_, running_var_, num_batches_tracked_;
  // Statistics of the last forward (batch or running) and which they were.
  Tensor mean_, invstd_;
  bool batch_stats_ = true;
};

class BatchNorm1d final : public BatchNorm {
 public:
  explicit BatchNorm1d(const Options& o) : BatchNorm(o, 2, 3) {}
  static Result<std::unique_ptr<Layer>> from_args(const LayerArgs& args);
  const char* type_name() const override { return "BatchNorm1d"; }
};

class BatchNorm2d final : public BatchNorm {
 public:
  explicit BatchNorm2d(const Options& o) : BatchNorm(o, 4, 4) {}
  static Result<std::unique_ptr<Layer>> from_args(const LayerArgs& args);
  const char* type_name() const override { return "BatchNorm2d"; }
};

}  // namespace nnplay::nn
