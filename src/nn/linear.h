// linear.h — Linear (fully connected) layer, PyTorch's nn.Linear.
//
//   x: (N, D_in)   weight: (D_out, D_in)   bias: (D_out,)   y: (N, D_out)
//   forward:  y = x·Wᵀ + b
//   backward: dx += dy·W;  dW += dyᵀ·x;  db += Σ_n dy[n]        (chain rule,
//             lecture "Forward-Backward Propagation")
// Inputs of higher rank (N, C, H, W) are treated as flattened (N, C·H·W).
// Default init is PyTorch's: U(-1/√D_in, 1/√D_in) for weight and bias;
// nn/init.h applies Xavier/He instead. No train/eval difference.
// Threads (core/parallel.h): a product of at least kLinearParallelMacs
// multiply-adds splits between the team's parts: forward and dx by samples,
// dW and db by output features (over dyᵀ, transposed once per backward into
// a buffer reserved at setup for the largest batch), each part writing its
// own rows. One thread keeps the plain products.
#pragma once

#include "nn/layer.h"
#include "nn/layer_args.h"

namespace nnplay::nn {

/// A Linear product splits between threads from this many multiply-adds on,
/// 4x a convolution's threshold (kernels/conv_plan.h): each part packs the
/// whole weight matrix, which the optimizer rewrote on the other core, so
/// the MLP row's first layer (64x784x128, 6.4M) trained slower on 2 threads
/// (425 -> 541 us a step natively) while its products alone got faster.
inline constexpr int64_t kLinearParallelMacs = int64_t{1} << 23;

class Linear final : public Layer {
 public:
  explicit Linear(int out_features, bool bias = true) : out_features_(out_features), has_bias_(bias) {}
  /// out_features (required), bias (default true).
  static Result<std::unique_ptr<Layer>> from_args(const LayerArgs& args);

  const char* type_name() const override { return "Linear"; }
  std::string describe() const override;
  Status setup(std::span<const Shape> in, Shape* out) override;
  void reset_parameters(Rng& rng) override;
  void forward(std::span<const Tensor* const> x, Tensor& y, Context& ctx) override;
  void backward(std::span<const Tensor* const> x, const Tensor& y, const Tensor& dy,
                std::span<Tensor* const> dx) override;
  std::vector<ParamRef> params() override;
  int64_t macs_per_sample() const override { return int64_t{in_features_} * out_features_; }

  int in_features() const { return in_features_; }
  int out_features() const { return out_features_; }
  Tensor& weight() { return weight_; }
  Tensor& bias() { return bias_; }

 private:
  int in_features_ = 0;
  int out_features_;
  bool has_bias_;
  Tensor weight_, bias_, dweight_, dbias_;
  Tensor dyt_;  // dyᵀ (D_out, N) for the threaded weight gradient; reserved for max_batch()
};

}  // namespace nnplay::nn
