// activation.h — elementwise nonlinearities (lecture "Training of multi-layer
// networks": sigmoid g(t) = 1/(1+e^{-t}), ReLU g(t) = max(0, t); tanh).
//
//   x: any shape (N, ...)   y: same shape
//   ReLU:    y = max(0, x)            dx += dy · [x > 0]   (derivative 0 at x = 0, as PyTorch)
//   Sigmoid: y = 1 / (1 + e^{-x})     dx += dy · y (1 − y)
//   Tanh:    y = tanh(x)              dx += dy · (1 − y²)
//   LeakyReLU: y = x (x > 0), negative_slope·x (x <= 0)   (Maas et al. 2013; default slope 0.01)
//   ELU:     y = x (x > 0), α(eˣ − 1) (x <= 0); dx += dy · (y + α) for x <= 0   (Clevert et al. 2016; α = 1)
//   GELU:    y = x·Φ(x) = ½x(1 + erf(x/√2)), dx += dy · (Φ(x) + x·φ(x))   (Hendrycks & Gimpel 2016;
//            PyTorch's exact default; approximate='tanh' uses ½x(1 + tanh(√(2/π)(x + 0.044715x³))))
// (lecture "Choice of Activation Functions"). No parameters, no train/eval difference.
#pragma once

#include "nn/layer.h"
#include "nn/layer_args.h"

namespace nnplay::nn {

enum class Activation { ReLU, Sigmoid, Tanh, Linear /* identity: no layer */ };

/// "relu", "sigmoid", "tanh", "linear" (lower case, as in the URL and CLI).
const char* activation_key(Activation a);
Result<Activation> parse_activation(const std::string& key);

class ElementwiseActivation : public Layer {
 public:
  Status setup(std::span<const Shape> in, Shape* out) override {
    *out = in[0];
    return Status::Ok();
  }
  int64_t macs_per_sample() const override { return 0; }
};

/// True for an elementwise activation layer (ReLU, Sigmoid, Tanh, LeakyReLU, ELU, GELU).
inline bool is_activation_layer(const Layer& layer) { return dynamic_cast<const ElementwiseActivation*>(&layer); }

class ReLU final : public ElementwiseActivation {
 public:
  const char* type_name() const override { return "ReLU"; }
  void forward(std::span<const Tensor* const> x, Tensor& y, Context& ctx) override;
  void backward(std::span<const Tensor* const> x, const Tensor& y, const Tensor& dy,
                std::span<Tensor* const> dx) override;
};

class Sigmoid final : public ElementwiseActivation {
 public:
  const char* type_name() const override { return "Sigmoid"; }
  void forward(std::span<const Tensor* const> x, Tensor& y, Context& ctx) override;
  void backward(std::span<const Tensor* const> x, const Tensor& y, const Tensor& dy,
                std::span<Tensor* const> dx) override;
};

class Tanh final : public ElementwiseActivation {
 public:
  const char* type_name() const override { return "Tanh"; }
  void forward(std::span<const Tensor* const> x, Tensor& y, Context& ctx) override;
  void backward(std::span<const Tensor* const> x, const Tensor& y, const Tensor& dy,
                std::span<Tensor* const> dx) override;
};

class LeakyReLU final : public ElementwiseActivation {
 public:
  explicit LeakyReLU(float negative_slope = 0.01f) : negative_slope_(negative_slope) {}
  /// negative_slope=0.01.
  static Result<std::unique_ptr<Layer>> from_args(const LayerArgs& args);
  const char* type_name() const override { return "LeakyReLU"; }
  std::string describe() const override;
  void forward(std::span<const Tensor* const> x, Tensor& y, Context& ctx) override;
  void backward(std::span<const Tensor* const> x, const Tensor& y, const Tensor& dy,
                std::span<Tensor* const> dx) override;

 private:
  float negative_slope_;
};

class ELU final : public ElementwiseActivation {
 public:
  explicit ELU(float alpha = 1.0f) : alpha_(alpha) {}
  /// alpha=1.0.
  static Result<std::unique_ptr<Layer>> from_args(const LayerArgs& args);
  const char* type_name() const override { return "ELU"; }
  std::string describe() const override;
  void forward(std::span<const Tensor* const> x, Tensor& y, Context& ctx) override;
  void backward(std::span<const Tensor* const> x, const Tensor& y, const Tensor& dy,
                std::span<Tensor* const> dx) override;

 private:
  float alpha_;
};

class GELU final : public ElementwiseActivation {
 public:
  explicit GELU(bool tanh_approximation = false) : tanh_(tanh_approximation) {}
  /// approximate='none' (exact erf form) or 'tanh'.
  static Result<std::unique_ptr<Layer>> from_args(const LayerArgs& args);
  const char* type_name() const override { return "GELU"; }
  std::string describe() const override;
  void forward(std::span<const Tensor* const> x, Tensor& y, Context& ctx) override;
  void backward(std::span<const Tensor* const> x, const Tensor& y, const Tensor& dy,
                std::span<Tensor* const> dx) override;

 private:
  bool tanh_;
};

/// A new layer for `a` (nullptr for Activation::Linear).
std::unique_ptr<Layer> make_activation(Activation a);

}  // namespace nnplay::nn
