#include "data/function1d.h"

#include <algorithm>
#include <cmath>

namespace nnplay::data {

const char* function1d_key(Function1D f) {
  switch (f) {
    case Function1D::Sin: return "sin";
    case Function1D::Step: return "step";
    case Function1D::Abs: return "abs";
    case Function1D::Sawtooth: return "sawtooth";
  }
  return "?";
}

const char* function1d_title(Function1D f) {
  switch (f) {
    case Function1D::Sin: return "sin(2πx)";
    case Function1D::Step: return "step at 0 (±1)";
    case Function1D::Abs: return "2|x| − 1";
    case Function1D::Sawtooth: return "sawtooth 2(x − floor x) − 1";
  }
  return "?";
}

Result<Function1D> parse_function1d(const std::string& key) {
  std::string keys;
  for (Function1D f : kFunctions1D) {
    if (key == function1d_key(f)) return f;
    keys += (keys.empty() ? "" : ", ") + std::string(function1d_key(f));
  }
  return Error(ErrorCode::INVALID_ARGUMENT, "function='" + key + "': expected one of " + keys);
}

float function1d_value(Function1D f, float x) {
  constexpr float kTwoPi = 6.28318530717959f;
  switch (f) {
    case Function1D::Sin: return std::sin(kTwoPi * x);
    case Function1D::Step: return x < 0.0f ? -1.0f : 1.0f;
    case Function1D::Abs: return 2.0f * std::fabs(x) - 1.0f;
    case Function1D::Sawtooth: return 2.0f * (x - std::floor(x)) - 1.0f;
  }
  return 0.0f;
}

Dataset make_function1d(Function1D f, int num_samples, float noise, uint64_t seed) {
  Rng rng(seed, RngStream::Data);
  Dataset ds;
  ds.name = "function";
  ds.sample_shape = Shape{1, 1};
  ds.num_classes = 0;
  const size_t n = static_cast<size_t>(std::max(0, num_samples));
  ds.x_f32.reserve(n);
  ds.targets.reserve(n);
  for (size_t i = 0; i < n; ++i) {
    const float x = rng.uniform(-1.0f, 1.0f);
    const float y = function1d_value(f, x) + (noise > 0.0f ? noise * rng.normal() : 0.0f);
    ds.x_f32.push_back(x);
    ds.targets.push_back(y);
  }
  return ds;
}

}  // namespace nnplay::data
