// activation.h — elementwise nonlinearities (lecture "Training of multi-layer
// networks": sigmoid g(t) = 1/(1+e^{-t}), ReLU g(t) = max(0, t); tanh).
//
//   x: any shape (N, ...)   y: same shape
//   ReLU:    y = max(0, x)            dx += dy · [x > 0]   (derivative 0 at x = 0, as PyTorch)
//   Sigmoid: y = 1 / (1 + e^{-x})     dx += dy · y (1 − y)
//   Tanh:    y = tanh(x)              dx += dy · (1 − y²)
// No parameters, no train/eval difference.
#pragma once

#include "nn/layer.h"

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

/// A new layer for `a` (nullptr for Activation::Linear).
std::unique_ptr<Layer> make_activation(Activation a);

}  // namespace nnplay::nn
