// surfaces.h — 2D test functions for watching optimizers move (the app's
// loss-surface view), and an optimizer path on them.
//
// Each surface is f(x, y) with its exact gradient; the path runs any nnplay
// optimizer (optim/optimizer.h) on the 2-vector θ = (x, y), the same code that
// trains networks, so what a student sees here is what happens in training.
//   ravine      f = ½(x² + κ·y²), κ = 50 — ill-conditioned: plain GD zig-zags
//               across the valley, momentum runs along it (lecture "Momentum")
//   rosenbrock  f = (1 − x)² + 100(y − x²)², minimum (1, 1) in a curved valley
//   saddle      f = x² − y², a saddle at (0, 0) (gradient vanishes, not a minimum)
//   beale       f = (1.5 − x + xy)² + (2.25 − x + xy²)² + (2.625 − x + xy³)², minimum (3, 0.5)
#pragma once

#include <array>
#include <string>
#include <vector>

#include "core/status.h"
#include "optim/optimizer.h"

namespace nnplay::train {

enum class Surface { Ravine, Rosenbrock, Saddle, Beale };

struct SurfaceInfo {
  Surface kind;
  const char* key;         // "ravine"
  const char* title;       // "Ravine (ill-conditioned quadratic)"
  std::array<float, 4> view;   // x_min, x_max, y_min, y_max for plotting
  std::array<float, 2> start;  // a start that shows the surface's point
  std::array<float, 2> minimum;
};

const std::vector<SurfaceInfo>& surfaces();
const SurfaceInfo* find_surface(const std::string& key);

double surface_value(Surface s, double x, double y);
/// Exact ∂f/∂x, ∂f/∂y.
std::array<double, 2> surface_grad(Surface s, double x, double y);

/// Positions θ_0 .. θ_steps of `opt` started at `start` (stops early if θ
/// becomes non-finite, e.g. a too-large learning rate).
std::vector<std::array<float, 2>> optimizer_path(Surface s, std::array<float, 2> start, const optim::OptimizerConfig& opt,
                                                 int steps);

}  // namespace nnplay::train
