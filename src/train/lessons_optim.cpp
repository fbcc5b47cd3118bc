// lessons_optim.cpp — the optimizer lessons (lessons.h; shared measuring in lesson_kit.h).
//
// [SECTION] optimizers       momentum in a ravine, AdaGrad vs RMSprop and Adam
// [SECTION] the table
#include "train/lesson_kit.h"

#include <algorithm>
#include <array>
#include <cmath>

#include "train/playground.h"
#include "train/surfaces.h"

namespace nnplay::train {
namespace {

using namespace kit;

// ================================================== [SECTION] optimizers

// Steps until f ≤ target along an optimizer's path on a test function (steps + 1 if never).
int steps_to(Surface s, std::array<float, 2> start, const optim::OptimizerConfig& c, int steps, double target) {
  const auto path = optimizer_path(s, start, c, steps);
  for (size_t k = 0; k < path.size(); ++k)
    if (surface_value(s, path[k][0], path[k][1]) <= target) return static_cast<int>(k);
  return steps + 1;
}

optim::OptimizerConfig opt(optim::OptimizerKind kind, float lr, float momentum = 0.0f) {
  optim::OptimizerConfig c;
  c.kind = kind;
  c.lr = lr;
  c.momentum = momentum;
  return c;
}

Verdict judge_momentum_ravine(Playground&) {
  // The ravine f = ½(x² + 50y²) from (−5, 1.5), curvature 1 along and 50
  // across: plain GD is stable only for η < 2/50, so it crawls along the floor.
  using K = optim::OptimizerKind;
  const std::array<float, 2> start{-5.0f, 1.5f};
  const int gd = steps_to(Surface::Ravine, start, opt(K::SGD, 0.03f), 2000, 1e-3);
  const int gd_best = steps_to(Surface::Ravine, start, opt(K::SGD, 0.039f), 2000, 1e-3);  // just below 2/50
  const int mom = steps_to(Surface::Ravine, start, opt(K::SGD, 0.03f, 0.8f), 2000, 1e-3);
  Verdict v;
  v.holds = 2 * mom <= std::min(gd, gd_best);
  v.numbers = {{"GD η 0.03: steps to f < 0.001", gd}, {"GD η 0.039: steps", gd_best}, {"momentum 0.8, η 0.03: steps", mom}};
  v.outcome = "In the ravine ½(x² + 50y²) plain gradient descent needs " + std::to_string(gd) + " steps (η 0.03) or " +
              std::to_string(gd_best) + " (η 0.039, just under the 2/50 where it diverges) to bring f below 0.001; "
              "with momentum 0.8 it needs " + std::to_string(mom) + conclude(v.holds);
  return v;
}

// How an optimizer's effective rate ‖Δθ‖/‖∇f‖ changes along a path: its
// mean over the last 100 of `steps` steps over its mean over steps 10–30.
double rate_change(Surface surf, std::array<float, 2> start, const optim::OptimizerConfig& c, int steps) {
  const auto path = optimizer_path(surf, start, c, steps);
  auto mean_rate = [&](size_t a, size_t b) {
    double s = 0;
    size_t n = 0;
    for (size_t k = std::max<size_t>(a, 1); k < b && k < path.size(); ++k) {
      const auto g = surface_grad(surf, path[k - 1][0], path[k - 1][1]);
      const double gn = std::hypot(g[0], g[1]);
      if (gn <= 0) continue;
      s += std::hypot(path[k][0] - path[k - 1][0], path[k][1] - path[k - 1][1]) / gn;
      ++n;
    }
    return n ? s / static_cast<double>(n) : std::nan("");
  };
  return mean_rate(static_cast<size_t>(steps) - 100, static_cast<size_t>(steps)) / mean_rate(10, 30);
}

Verdict judge_adaptive(Playground&) {
  // Rosenbrock from (−1.5, 2), 1000 steps. AdaGrad divides by √Σg², which only
  // grows, so its effective rate only falls; RMSprop and Adam divide by a
  // decaying average, so theirs rises as the gradient gets small near the valley.
  using K = optim::OptimizerKind;
  const std::array<float, 2> start{-1.5f, 2.0f};
  optim::OptimizerConfig rms = opt(K::RMSprop, 0.01f);
  rms.rho = 0.9f;
  const optim::OptimizerConfig ada = opt(K::AdaGrad, 0.3f), adam = opt(K::Adam, 0.05f);
  auto f_end = [&](const optim::OptimizerConfig& c) {
    const auto path = optimizer_path(Surface::Rosenbrock, start, c, 1000);
    return surface_value(Surface::Rosenbrock, path.back()[0], path.back()[1]);
  };
  const double r_ada = rate_change(Surface::Rosenbrock, start, ada, 1000);
  const double r_rms = rate_change(Surface::Rosenbrock, start, rms, 1000);
  const double r_adam = rate_change(Surface::Rosenbrock, start, adam, 1000);
  const double f_ada = f_end(ada), f_rms = f_end(rms), f_adam = f_end(adam);
  Verdict v;
  v.holds = r_ada < 1.0 && std::min(r_rms, r_adam) > 2.0 * r_ada && f_ada > 10 * std::max(f_rms, f_adam);
  v.numbers = {{"AdaGrad effective rate late/early", r_ada}, {"RMSprop effective rate late/early", r_rms},
               {"Adam effective rate late/early", r_adam}, {"AdaGrad f after 1000", f_ada},
               {"RMSprop f after 1000", f_rms}, {"Adam f after 1000", f_adam}};
  v.outcome = "On Rosenbrock AdaGrad's effective rate ‖Δθ‖/‖∇f‖ falls to " + num(r_ada) +
              "× its start while RMSprop's grows " + num(r_rms) + "× and Adam's " + num(r_adam) +
              "×; after 1000 steps f is " + num(f_ada) + " (AdaGrad, stalled), " + num(f_rms) + " (RMSprop), " +
              num(f_adam) + " (Adam)" + conclude(v.holds);
  return v;
}

// ================================================== [SECTION] the table


}  // namespace

std::vector<Lesson> optimizer_lessons() {
  std::vector<Lesson> l;
  l.push_back({"momentum-ravine", "Optimizers", "Momentum speeds progress through ravines",
               "v ← μv − η∇f, θ ← θ + v: in a ravine (high curvature across, a small consistent slope along) the "
               "velocity builds up along the floor while the zig-zag across it cancels.",
               "Loss surface tab, preset \"Momentum through the ravine\": plain GD zig-zags and crawls, momentum runs "
               "along the floor.",
               "surface", "momentum (0.8) needs at most half the steps of plain GD at η 0.03 and at its best stable η",
               "Momentum 0.8 rather than 0.9: the ravine's condition number is 50, for which 0.8 is near the best "
               "heavy-ball setting; 0.9 is underdamped here and only 1.8× faster.", {}, {}, 0,
               judge_momentum_ravine});
  l.push_back({"adagrad-rmsprop-adam", "Optimizers",
               "AdaGrad's steps shrink too fast; RMSprop fixes it; Adam adds momentum and bias correction",
               "AdaGrad: r ← r + g², θ ← θ − ε g/(δ + √r): r only grows. RMSprop: r ← ρr + (1 − ρ)g². Adam: "
               "moments s, r with bias correction ŝ = s/(1 − ρ₁ᵗ), r̂ = r/(1 − ρ₂ᵗ).",
               "Loss surface tab, preset \"AdaGrad's step shrinking\": watch the step-length plot.", "surface",
               "AdaGrad's effective rate ‖Δθ‖/‖∇f‖ falls while RMSprop's and Adam's end at least twice as high "
               "relative to their start, and AdaGrad ends 10× higher on Rosenbrock", "", {}, {}, 0,
               judge_adaptive});
  return l;
}

}  // namespace nnplay::train
