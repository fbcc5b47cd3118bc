#include "nn/activation.h"

#include <cmath>

namespace nnplay::nn {

const char* activation_key(Activation a) {
  switch (a) {
    case Activation::ReLU: return "relu";
    case Activation::Sigmoid: return "sigmoid";
    case Activation::Tanh: return "tanh";
    case Activation::Linear: return "linear";
  }
  return "?";
}

Result<Activation> parse_activation(const std::string& key) {
  for (Activation a : {Activation::ReLU, Activation::Sigmoid, Activation::Tanh, Activation::Linear})
    if (key == activation_key(a)) return a;
  return Error(ErrorCode::INVALID_ARGUMENT,
               "unknown activation '" + key + "' (expected relu, sigmoid, tanh or linear)");
}

std::unique_ptr<Layer> make_activation(Activation a) {
  switch (a) {
    case Activation::ReLU: return std::make_unique<ReLU>();
    case Activation::Sigmoid: return std::make_unique<Sigmoid>();
    case Activation::Tanh: return std::make_unique<Tanh>();
    case Activation::Linear: return nullptr;
  }
  return nullptr;
}

void ReLU::forward(std::span<const Tensor* const> x, Tensor& y, Context&) {
  y.resize(x[0]->shape());
  y.vec() = x[0]->vec().cwiseMax(0.0f);
}

void ReLU::backward(std::span<const Tensor* const> x, const Tensor&, const Tensor& dy,
                    std::span<Tensor* const> dx) {
  if (!dx[0]) return;
  dx[0]->vec().array() += (x[0]->vec().array() > 0.0f).select(dy.vec().array(), 0.0f);
}

void Sigmoid::forward(std::span<const Tensor* const> x, Tensor& y, Context&) {
  y.resize(x[0]->shape());
  const float* in = x[0]->data();
  float* out = y.data();
  for (int64_t i = 0; i < y.numel(); ++i) {
    // Stable for large |x|: never computes exp of a large positive number.
    const float v = in[i];
    if (v >= 0.0f) {
      out[i] = 1.0f / (1.0f + std::exp(-v));
    } else {
      const float e = std::exp(v);
      out[i] = e / (1.0f + e);
    }
  }
}

void Sigmoid::backward(std::span<const Tensor* const>, const Tensor& y, const Tensor& dy,
                       std::span<Tensor* const> dx) {
  if (!dx[0]) return;
  dx[0]->vec().array() += dy.vec().array() * y.vec().array() * (1.0f - y.vec().array());
}

void Tanh::forward(std::span<const Tensor* const> x, Tensor& y, Context&) {
  y.resize(x[0]->shape());
  const float* in = x[0]->data();
  float* out = y.data();
  for (int64_t i = 0; i < y.numel(); ++i) out[i] = std::tanh(in[i]);
}

void Tanh::backward(std::span<const Tensor* const>, const Tensor& y, const Tensor& dy,
                    std::span<Tensor* const> dx) {
  if (!dx[0]) return;
  dx[0]->vec().array() += dy.vec().array() * (1.0f - y.vec().array().square());
}

}  // namespace nnplay::nn
