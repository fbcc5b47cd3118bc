#include "nn/activation.h"

#include <cmath>
#include <cstdio>

#include "kernels/elementwise.h"

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
  kernels::relu_f32(y.numel(), x[0]->data(), y.data());
}

void ReLU::backward(std::span<const Tensor* const> x, const Tensor&, const Tensor& dy,
                    std::span<Tensor* const> dx) {
  if (!dx[0]) return;
  kernels::relu_backward_f32(dy.numel(), x[0]->data(), dy.data(), dx[0]->data());
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
  kernels::tanh_f32(y.numel(), x[0]->data(), y.data());  // vectorised; |error| < 3.5e-7
}

void Tanh::backward(std::span<const Tensor* const>, const Tensor& y, const Tensor& dy,
                    std::span<Tensor* const> dx) {
  if (!dx[0]) return;
  kernels::tanh_backward_f32(dy.numel(), y.data(), dy.data(), dx[0]->data());
}

namespace {
std::string with_number(const char* fmt, float v) {
  char buf[64];
  std::snprintf(buf, sizeof buf, fmt, static_cast<double>(v));
  return buf;
}
}  // namespace

Result<std::unique_ptr<Layer>> LeakyReLU::from_args(const LayerArgs& args) {
  NNP_RETURN_IF_ERROR(args.check_known({"negative_slope"}));
  auto slope = args.get_double("negative_slope", -1e6, 1e6, 0.01);
  if (!slope.ok()) return slope.status();
  return std::unique_ptr<Layer>(new LeakyReLU(static_cast<float>(slope.value())));
}

std::string LeakyReLU::describe() const { return with_number("LeakyReLU(%g)", negative_slope_); }

void LeakyReLU::forward(std::span<const Tensor* const> x, Tensor& y, Context&) {
  y.resize(x[0]->shape());
  const float* in = x[0]->data();
  float* out = y.data();
  for (int64_t i = 0; i < y.numel(); ++i) out[i] = in[i] > 0.0f ? in[i] : in[i] * negative_slope_;
}

void LeakyReLU::backward(std::span<const Tensor* const> x, const Tensor&, const Tensor& dy,
                         std::span<Tensor* const> dx) {
  if (!dx[0]) return;
  const float* in = x[0]->data();
  float* d = dx[0]->data();
  for (int64_t i = 0; i < dy.numel(); ++i) d[i] += in[i] > 0.0f ? dy[i] : dy[i] * negative_slope_;
}

Result<std::unique_ptr<Layer>> ELU::from_args(const LayerArgs& args) {
  NNP_RETURN_IF_ERROR(args.check_known({"alpha"}));
  auto alpha = args.get_double("alpha", -1e6, 1e6, 1.0);
  if (!alpha.ok()) return alpha.status();
  return std::unique_ptr<Layer>(new ELU(static_cast<float>(alpha.value())));
}

std::string ELU::describe() const { return with_number("ELU(alpha=%g)", alpha_); }

void ELU::forward(std::span<const Tensor* const> x, Tensor& y, Context&) {
  y.resize(x[0]->shape());
  const float* in = x[0]->data();
  float* out = y.data();
  for (int64_t i = 0; i < y.numel(); ++i) out[i] = in[i] > 0.0f ? in[i] : alpha_ * std::expm1(in[i]);
}

void ELU::backward(std::span<const Tensor* const> x, const Tensor& y, const Tensor& dy,
                   std::span<Tensor* const> dx) {
  if (!dx[0]) return;
  const float* in = x[0]->data();
  float* d = dx[0]->data();
  // For x <= 0: d/dx α(eˣ − 1) = αeˣ = y + α.
  for (int64_t i = 0; i < dy.numel(); ++i) d[i] += in[i] > 0.0f ? dy[i] : dy[i] * (y[i] + alpha_);
}

Result<std::unique_ptr<Layer>> GELU::from_args(const LayerArgs& args) {
  NNP_RETURN_IF_ERROR(args.check_known({"approximate"}));
  const std::string a = args.get_text("approximate", "none");
  if (a != "none" && a != "tanh")
    return Error(ErrorCode::INVALID_ARGUMENT, "GELU: approximate='" + a + "', expected none or tanh");
  return std::unique_ptr<Layer>(new GELU(a == "tanh"));
}

std::string GELU::describe() const { return tanh_ ? "GELU(approximate='tanh')" : "GELU"; }

namespace {
constexpr double kSqrt2 = 1.41421356237309504880;
constexpr double kInvSqrt2Pi = 0.39894228040143267794;  // 1/√(2π)
constexpr double kSqrt2OverPi = 0.79788456080286535588;  // √(2/π)
constexpr double kGeluCubic = 0.044715;
}  // namespace

void GELU::forward(std::span<const Tensor* const> x, Tensor& y, Context&) {
  y.resize(x[0]->shape());
  const float* in = x[0]->data();
  float* out = y.data();
  for (int64_t i = 0; i < y.numel(); ++i) {
    const double v = in[i];
    const double r = tanh_ ? 0.5 * v * (1.0 + std::tanh(kSqrt2OverPi * (v + kGeluCubic * v * v * v)))
                           : 0.5 * v * (1.0 + std::erf(v / kSqrt2));
    out[i] = static_cast<float>(r);
  }
}

void GELU::backward(std::span<const Tensor* const> x, const Tensor&, const Tensor& dy,
                    std::span<Tensor* const> dx) {
  if (!dx[0]) return;
  const float* in = x[0]->data();
  float* d = dx[0]->data();
  for (int64_t i = 0; i < dy.numel(); ++i) {
    const double v = in[i];
    double grad = 0;
    if (tanh_) {
      const double u = kSqrt2OverPi * (v + kGeluCubic * v * v * v);
      const double t = std::tanh(u);
      const double du = kSqrt2OverPi * (1.0 + 3.0 * kGeluCubic * v * v);
      grad = 0.5 * (1.0 + t) + 0.5 * v * (1.0 - t * t) * du;
    } else {
      const double cdf = 0.5 * (1.0 + std::erf(v / kSqrt2));
      const double pdf = kInvSqrt2Pi * std::exp(-0.5 * v * v);
      grad = cdf + v * pdf;
    }
    d[i] += static_cast<float>(dy[i] * grad);
  }
}

}  // namespace nnplay::nn
