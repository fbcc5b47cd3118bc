// The loss-surface view's engine: exact gradients (finite differences) and the
// lecture's claims about optimizers, observed on the test functions.
#include "train/surfaces.h"

#include <gtest/gtest.h>

#include <cmath>

namespace nnplay::train {
namespace {

TEST(Surfaces, GradientsMatchFiniteDifferences) {
  const double h = 1e-6;
  for (const SurfaceInfo& s : surfaces())
    for (double x : {-1.3, 0.2, 2.1})
      for (double y : {-0.7, 0.4, 1.9}) {
        const auto g = surface_grad(s.kind, x, y);
        const double nx = (surface_value(s.kind, x + h, y) - surface_value(s.kind, x - h, y)) / (2 * h);
        const double ny = (surface_value(s.kind, x, y + h) - surface_value(s.kind, x, y - h)) / (2 * h);
        EXPECT_NEAR(g[0], nx, 1e-4 * (1 + std::abs(nx))) << s.key;
        EXPECT_NEAR(g[1], ny, 1e-4 * (1 + std::abs(ny))) << s.key;
      }
  for (const SurfaceInfo& s : surfaces()) {
    const auto g = surface_grad(s.kind, s.minimum[0], s.minimum[1]);
    EXPECT_NEAR(g[0], 0, 1e-9) << s.key;
    EXPECT_NEAR(g[1], 0, 1e-9) << s.key;
  }
}

double distance_to_min(const std::vector<std::array<float, 2>>& path, const SurfaceInfo& s) {
  return std::hypot(path.back()[0] - s.minimum[0], path.back()[1] - s.minimum[1]);
}

TEST(Surfaces, MomentumCrossesTheRavineFasterThanPlainGD) {
  const SurfaceInfo& r = *find_surface("ravine");
  optim::OptimizerConfig gd, mom;
  gd.lr = mom.lr = 0.035f;  // just below 2/κ = 0.04: GD is stable but crawls along x
  mom.momentum = 0.9f;
  const auto p_gd = optimizer_path(r.kind, r.start, gd, 60), p_mom = optimizer_path(r.kind, r.start, mom, 60);
  EXPECT_LT(distance_to_min(p_mom, r), 0.2 * distance_to_min(p_gd, r));
}

TEST(Surfaces, AdaGradStepsShrinkOnASteadySlope) {
  // The accumulated r only grows, so AdaGrad's steps shrink (lecture: "might
  // shrink the learning rate too aggressively").
  optim::OptimizerConfig ada;
  ada.kind = optim::OptimizerKind::AdaGrad;
  ada.lr = 0.1f;
  const auto q = optimizer_path(Surface::Rosenbrock, {-1.5f, 2.0f}, ada, 50);
  const double first = std::hypot(q[1][0] - q[0][0], q[1][1] - q[0][1]);
  const double late = std::hypot(q[50][0] - q[49][0], q[50][1] - q[49][1]);
  EXPECT_LT(late, 0.5 * first);
  // AdaGrad's first step moves each coordinate by exactly lr (g/√g²).
  EXPECT_NEAR(std::abs(q[1][0] - q[0][0]), 0.1, 1e-4);
  EXPECT_NEAR(std::abs(q[1][1] - q[0][1]), 0.1, 1e-4);
}

TEST(Surfaces, AdamsBiasCorrectionMakesTheFirstStepLr) {
  optim::OptimizerConfig adam;
  adam.kind = optim::OptimizerKind::Adam;
  adam.lr = 0.05f;
  const auto p = optimizer_path(Surface::Beale, {1.0f, 1.5f}, adam, 1);
  EXPECT_NEAR(std::abs(p[1][0] - p[0][0]), 0.05, 1e-4);
  EXPECT_NEAR(std::abs(p[1][1] - p[0][1]), 0.05, 1e-4);
}

TEST(Surfaces, DivergingPathStops) {
  optim::OptimizerConfig gd;
  gd.lr = 0.5f;  // > 2/κ on the ravine: |1 − 0.5·50| = 24, blows up
  const auto p = optimizer_path(Surface::Ravine, {-5.0f, 1.5f}, gd, 1000);
  EXPECT_LT(p.size(), 1000u);
}

}  // namespace
}  // namespace nnplay::train
