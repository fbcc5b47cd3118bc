// dropout.h — Dropout (PyTorch's nn.Dropout): inverted dropout (Srivastava et
// al. 2014; lecture "Dropout" and "Dropout: A Stochastic Ensemble": a fresh
// random binary mask per minibatch, typical p = 0.5 for hidden units).
//
//   x: any shape (N, ...)  ->  y: same shape
//   train: m_i ~ Bernoulli(1 − p) from ctx.rng (one uniform draw per element,
//          in order), y = x · m / (1 − p);  backward dx += dy · m / (1 − p).
//          Scaling at train time keeps E[y] = x, so eval needs no rescaling
//          (the tiny-dnn/convnetjs bugs scale in the wrong place or forget
//          1/(1 − p) in backward). p = 1 drops everything (y = 0).
//   eval:  y = x (identity); backward dx += dy.
// The mask (as the per-element factor m / (1 − p)) is cached for backward,
// sized for max_batch in setup. No parameters.
#pragma once

#include "nn/layer.h"
#include "nn/layer_args.h"

namespace nnplay::nn {

class Dropout final : public Layer {
 public:
  explicit Dropout(float p = 0.5f) : p_(p) {}
  /// p=0.5 in [0, 1].
  static Result<std::unique_ptr<Layer>> from_args(const LayerArgs& args);

  const char* type_name() const override { return "Dropout"; }
  std::string describe() const override;
  Status setup(std::span<const Shape> in, Shape* out) override;
  void forward(std::span<const Tensor* const> x, Tensor& y, Context& ctx) override;
  void backward(std::span<const Tensor* const> x, const Tensor& y, const Tensor& dy,
                std::span<Tensor* const> dx) override;

  float p() const { return p_; }

 private:
  float p_;
  bool last_train_ = false;  // mode of the last forward: backward follows it
  Tensor mask_;              // m / (1 − p) per element of the last train forward
};

}  // namespace nnplay::nn
