#include "train/surfaces.h"

#include <cmath>

namespace nnplay::train {

namespace {
constexpr double kKappa = 50.0;
}

const std::vector<SurfaceInfo>& surfaces() {
  static const std::vector<SurfaceInfo> kSurfaces = {
      {Surface::Ravine, "ravine", "Ravine: 1/2 (x^2 + 50 y^2)", {-6, 6, -3, 3}, {-5.0f, 1.5f}, {0, 0}},
      {Surface::Rosenbrock, "rosenbrock", "Rosenbrock: (1-x)^2 + 100 (y-x^2)^2", {-2, 2, -1, 3}, {-1.5f, 2.0f}, {1, 1}},
      {Surface::Saddle, "saddle", "Saddle: x^2 - y^2", {-2, 2, -2, 2}, {-1.5f, 0.01f}, {0, 0}},
      {Surface::Beale, "beale", "Beale", {-4.5, 4.5, -4.5, 4.5}, {1.0f, 1.5f}, {3, 0.5}},
  };
  return kSurfaces;
}

const SurfaceInfo* find_surface(const std::string& key) {
  for (const SurfaceInfo& s : surfaces())
    if (key == s.key) return &s;
  return nullptr;
}

double surface_value(Surface s, double x, double y) {
  switch (s) {
    case Surface::Ravine: return 0.5 * (x * x + kKappa * y * y);
    case Surface::Rosenbrock: return (1 - x) * (1 - x) + 100 * (y - x * x) * (y - x * x);
    case Surface::Saddle: return x * x - y * y;
    case Surface::Beale: {
      const double a = 1.5 - x + x * y, b = 2.25 - x + x * y * y, c = 2.625 - x + x * y * y * y;
      return a * a + b * b + c * c;
    }
  }
  return 0;
}

std::array<double, 2> surface_grad(Surface s, double x, double y) {
  switch (s) {
    case Surface::Ravine: return {x, kKappa * y};
    case Surface::Rosenbrock: return {-2 * (1 - x) - 400 * x * (y - x * x), 200 * (y - x * x)};
    case Surface::Saddle: return {2 * x, -2 * y};
    case Surface::Beale: {
      const double a = 1.5 - x + x * y, b = 2.25 - x + x * y * y, c = 2.625 - x + x * y * y * y;
      return {2 * a * (y - 1) + 2 * b * (y * y - 1) + 2 * c * (y * y * y - 1),
              2 * a * x + 2 * b * 2 * x * y + 2 * c * 3 * x * y * y};
    }
  }
  return {0, 0};
}

std::vector<std::array<float, 2>> optimizer_path(Surface s, std::array<float, 2> start, const optim::OptimizerConfig& cfg,
                                                 int steps) {
  auto opt = optim::make_optimizer(cfg);
  Tensor theta(Shape{2}, {start[0], start[1]}), grad(Shape{2});
  // The point is a weight (decays like one) whose id keys the optimizer state.
  ParamRef p{{1, "weight"}, &theta, &grad, 1.0f};
  std::vector<std::array<float, 2>> path{start};
  for (int t = 0; t < steps; ++t) {
    const auto g = surface_grad(s, theta[0], theta[1]);
    grad[0] = static_cast<float>(g[0]);
    grad[1] = static_cast<float>(g[1]);
    opt->step({&p, 1});
    if (!std::isfinite(theta[0]) || !std::isfinite(theta[1])) break;
    path.push_back({theta[0], theta[1]});
  }
  return path;
}

}  // namespace nnplay::train
