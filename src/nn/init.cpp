#include "nn/init.h"

#include <cmath>

namespace nnplay::nn {

const char* init_key(InitScheme s) {
  switch (s) {
    case InitScheme::PyTorchDefault: return "default";
    case InitScheme::XavierUniform: return "xavier_uniform";
    case InitScheme::XavierNormal: return "xavier_normal";
    case InitScheme::KaimingUniform: return "kaiming_uniform";
    case InitScheme::KaimingNormal: return "kaiming_normal";
    case InitScheme::Zeros: return "zeros";
    case InitScheme::Constant: return "constant";
    case InitScheme::Normal: return "normal";
    case InitScheme::Uniform: return "uniform";
  }
  return "?";
}

Result<InitScheme> parse_init(const std::string& key) {
  for (InitScheme s : kInitSchemes)
    if (key == init_key(s)) return s;
  return Error(ErrorCode::INVALID_ARGUMENT, "unknown init '" + key +
                                                "' (expected default, xavier_uniform, xavier_normal, kaiming_uniform, "
                                                "kaiming_normal, zeros, constant, normal or uniform)");
}

void compute_fans(const Shape& w, int* fan_in, int* fan_out) {
  int receptive = 1;
  for (int i = 2; i < w.rank; ++i) receptive *= w[i];
  *fan_in = (w.rank >= 2 ? w[1] : w[0]) * receptive;
  *fan_out = w[0] * receptive;
}

void init_weight(Tensor& weight, InitScheme scheme, Rng& rng, float gain, float scale) {
  int fan_in = 0, fan_out = 0;
  compute_fans(weight.shape(), &fan_in, &fan_out);
  const auto fi = static_cast<float>(fan_in), fo = static_cast<float>(fan_out);
  float* w = weight.data();
  const int64_t n = weight.numel();
  switch (scheme) {
    case InitScheme::PyTorchDefault: return;
    case InitScheme::Zeros:
      for (int64_t i = 0; i < n; ++i) w[i] = 0.0f;
      return;
    case InitScheme::Constant:
      for (int64_t i = 0; i < n; ++i) w[i] = scale;
      return;
    case InitScheme::Normal:
      for (int64_t i = 0; i < n; ++i) w[i] = scale * rng.normal();
      return;
    case InitScheme::Uniform:
      for (int64_t i = 0; i < n; ++i) w[i] = rng.uniform(-scale, scale);
      return;
    case InitScheme::XavierUniform: {
      const float a = gain * std::sqrt(6.0f / (fi + fo));
      for (int64_t i = 0; i < n; ++i) w[i] = rng.uniform(-a, a);
      return;
    }
    case InitScheme::XavierNormal: {
      const float s = gain * std::sqrt(2.0f / (fi + fo));
      for (int64_t i = 0; i < n; ++i) w[i] = s * rng.normal();
      return;
    }
    case InitScheme::KaimingUniform: {
      const float b = std::sqrt(6.0f / fi);
      for (int64_t i = 0; i < n; ++i) w[i] = rng.uniform(-b, b);
      return;
    }
    case InitScheme::KaimingNormal: {
      const float s = std::sqrt(2.0f / fi);
      for (int64_t i = 0; i < n; ++i) w[i] = s * rng.normal();
      return;
    }
  }
}

}  // namespace nnplay::nn
