#include "data/toy2d.h"

#include <algorithm>
#include <cmath>

namespace nnplay::data {
namespace {

constexpr float kPi = 3.14159265358979f;

struct Builder {
  Dataset ds;
  void add(float x, float y, int label) {
    ds.x_f32.push_back(x);
    ds.x_f32.push_back(y);
    ds.y.push_back(label);
  }
};

}  // namespace

const char* toy2d_key(Toy2D t) {
  switch (t) {
    case Toy2D::Circle: return "circle";
    case Toy2D::Xor: return "xor";
    case Toy2D::Gauss: return "gauss";
    case Toy2D::Spiral: return "spiral";
    case Toy2D::Moons: return "moons";
  }
  return "?";
}

bool parse_toy2d(const std::string& key, Toy2D* out) {
  for (Toy2D t : {Toy2D::Circle, Toy2D::Xor, Toy2D::Gauss, Toy2D::Spiral, Toy2D::Moons})
    if (key == toy2d_key(t)) {
      *out = t;
      return true;
    }
  return false;
}

Dataset make_toy2d(Toy2D kind, int num_samples, float noise, uint64_t seed) {
  Rng rng(seed, RngStream::Data);
  Builder b;
  b.ds.name = toy2d_key(kind);
  b.ds.sample_shape = Shape{1, 2};
  b.ds.num_classes = 2;
  b.ds.class_names = {"orange (-1)", "blue (+1)"};
  const int half = num_samples / 2;
  switch (kind) {
    case Toy2D::Circle: {
      // Playground classifyCircleData: radius 5; label from the noisy point.
      const float radius = 5.0f;
      auto label = [&](float x, float y) { return std::sqrt(x * x + y * y) < radius * 0.5f ? 1 : 0; };
      for (int part = 0; part < 2; ++part)
        for (int i = 0; i < half; ++i) {
          const float r = part == 0 ? rng.uniform(0.0f, radius * 0.5f) : rng.uniform(radius * 0.7f, radius);
          const float angle = rng.uniform(0.0f, 2.0f * kPi);
          const float x = r * std::sin(angle), y = r * std::cos(angle);
          const float nx = rng.uniform(-radius, radius) * noise, ny = rng.uniform(-radius, radius) * noise;
          b.add(x, y, label(x + nx, y + ny));
        }
      break;
    }
    case Toy2D::Xor: {
      // Playground classifyXORData: uniform in [-5, 5]² pushed 0.3 away from the axes.
      const float padding = 0.3f;
      for (int i = 0; i < 2 * half; ++i) {
        float x = rng.uniform(-5.0f, 5.0f);
        x += x > 0 ? padding : -padding;
        float y = rng.uniform(-5.0f, 5.0f);
        y += y > 0 ? padding : -padding;
        const float nx = rng.uniform(-5.0f, 5.0f) * noise, ny = rng.uniform(-5.0f, 5.0f) * noise;
        b.add(x, y, (x + nx) * (y + ny) >= 0 ? 1 : 0);
      }
      break;
    }
    case Toy2D::Gauss: {
      // Playground classifyTwoGaussData: centres (2,2) and (-2,-2), variance 0.5..4 with noise.
      const float variance = 0.5f + (4.0f - 0.5f) * (noise / 0.5f);
      const float sd = std::sqrt(variance);
      for (int part = 0; part < 2; ++part)
        for (int i = 0; i < half; ++i) {
          const float c = part == 0 ? 2.0f : -2.0f;
          b.add(rng.normal(c, sd), rng.normal(c, sd), part == 0 ? 1 : 0);
        }
      break;
    }
    case Toy2D::Spiral: {
      // Playground classifySpiralData: two arms, r = 5 i/n, t = 1.75·2π i/n + Δt.
      for (int part = 0; part < 2; ++part)
        for (int i = 0; i < half; ++i) {
          const float r = static_cast<float>(i) / static_cast<float>(half) * 5.0f;
          const float t = 1.75f * static_cast<float>(i) / static_cast<float>(half) * 2.0f * kPi +
                          (part == 0 ? 0.0f : kPi);
          const float x = r * std::sin(t) + rng.uniform(-1.0f, 1.0f) * noise;
          const float y = r * std::cos(t) + rng.uniform(-1.0f, 1.0f) * noise;
          b.add(x, y, part == 0 ? 1 : 0);
        }
      break;
    }
    case Toy2D::Moons: {
      // make_moons: upper moon (cos t, sin t), lower (1 − cos t, 0.5 − sin t), t ∈ [0, π];
      // centred and scaled ×2.5 into Playground's range; gaussian noise ×2.5.
      for (int part = 0; part < 2; ++part)
        for (int i = 0; i < half; ++i) {
          const float t = rng.uniform(0.0f, kPi);
          float x = part == 0 ? std::cos(t) : 1.0f - std::cos(t);
          float y = part == 0 ? std::sin(t) : 0.5f - std::sin(t);
          x = (x - 0.5f) * 2.5f + rng.normal() * noise * 2.5f;
          y = (y - 0.25f) * 2.5f + rng.normal() * noise * 2.5f;
          b.add(x, y, part == 0 ? 1 : 0);
        }
      break;
    }
  }
  return std::move(b.ds);
}

const char* regress2d_key(Regress2D r) { return r == Regress2D::Plane ? "plane" : "multi_gaussian"; }

bool parse_regress2d(const std::string& key, Regress2D* out) {
  for (Regress2D r : {Regress2D::Plane, Regress2D::MultiGaussian})
    if (key == regress2d_key(r)) {
      *out = r;
      return true;
    }
  return false;
}

float regress2d_value(Regress2D kind, float x1, float x2) {
  if (kind == Regress2D::Plane) return (x1 + x2) / 10.0f;
  static const float kBumps[6][3] = {{-4, 2.5f, 1}, {0, 2.5f, -1}, {4, 2.5f, 1}, {-4, -2.5f, -1}, {0, -2.5f, 1}, {4, -2.5f, -1}};
  float y = 0.0f;
  for (const auto& b : kBumps) {
    const float d = std::sqrt((x1 - b[0]) * (x1 - b[0]) + (x2 - b[1]) * (x2 - b[1]));
    const float v = b[2] * std::max(0.0f, 1.0f - d / 2.0f);
    if (std::fabs(v) > std::fabs(y)) y = v;
  }
  return y;
}

Dataset make_regress2d(Regress2D kind, int num_samples, float noise, uint64_t seed) {
  Rng rng(seed, RngStream::Data);
  Dataset ds;
  ds.name = regress2d_key(kind);
  ds.sample_shape = Shape{1, 2};
  ds.num_classes = 0;
  const size_t n = static_cast<size_t>(std::max(0, num_samples));
  ds.x_f32.reserve(2 * n);
  ds.targets.reserve(n);
  for (size_t i = 0; i < n; ++i) {
    const float x = rng.uniform(-6.0f, 6.0f), y = rng.uniform(-6.0f, 6.0f);
    const float target = regress2d_value(kind, x, y);
    const float nx = rng.uniform(-6.0f, 6.0f) * noise, ny = rng.uniform(-6.0f, 6.0f) * noise;
    ds.x_f32.push_back(x + nx);
    ds.x_f32.push_back(y + ny);
    ds.targets.push_back(target);
  }
  return ds;
}

}  // namespace nnplay::data
