// gradcheck.h — the one finite-difference gradient checker for every layer,
// loss and whole model (ARCHITECTURE.md 2.8, after dlib's impl_test_layer,
// ggml's test-backend-ops and flashlight's jacobianTestImpl).
//
// Layers are checked through the scalar f = <forward(x), g> with a random
// Gaussian upstream gradient g (never all-ones, which hides sign and
// permutation bugs). Analytic gradients come from backward() into buffers
// pre-filled with a non-zero sentinel, and the increment is compared, so a
// backward that overwrites instead of accumulating fails.
//
// Numeric gradient: central difference (f(v+h) − f(v−h)) / 2h with
// h = max(h_min, h_rel·|v|), f accumulated in double. An element fails only
// if both |a − n| > tol_abs and |a − n| > tol_rel·max(|a|, |n|); the mean
// absolute error must also stay below tol_mean. Elements at a kink (the two
// one-sided differences disagree, e.g. ReLU at 0) are skipped and counted;
// more than max_kink_fraction of them fails the check.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "core/tensor.h"
#include "nn/layer.h"

namespace nnplay::test {

struct GradCheckOptions {
  double h_rel = 1e-3;
  double h_min = 1e-3;
  double tol_abs = 6e-3;  // dlib's numbers; documented per test when changed
  double tol_rel = 5e-2;
  double tol_mean = 3e-3;
  int max_elements = 256;  // per tensor; a seeded random subset above this
  double max_kink_fraction = 0.1;
  uint64_t seed = 7;
  nn::Mode mode = nn::Mode::Train;
};

struct GradCheckReport {
  bool ok = true;
  int checked = 0;
  int skipped_kinks = 0;
  double max_abs_err = 0;
  double mean_abs_err = 0;
  std::string failures;  // first few failing elements, "where: analytic vs numeric"
};

/// A tensor whose gradient is checked: `value` is perturbed in place and
/// `analytic` holds ∂f/∂value from the code under test.
struct Probe {
  std::string name;
  Tensor* value;
  Tensor analytic;
};

/// Compares each probe's analytic gradient with central differences of f.
GradCheckReport compare_with_finite_differences(const std::function<double()>& f, std::vector<Probe>& probes,
                                                const GradCheckOptions& opt);

/// Full layer check: setup on the inputs' shapes, reset_parameters, forward,
/// sentinel-prefilled backward, then finite differences over every input and
/// parameter. `inputs` carry the batch dimension. Fails with a message when
/// setup fails.
GradCheckReport check_layer(nn::Layer& layer, std::vector<Tensor> inputs, const GradCheckOptions& opt = {});

/// A tensor of `shape` with N(0, 1) entries from `seed`.
Tensor random_tensor(const Shape& shape, uint64_t seed, float scale = 1.0f);

}  // namespace nnplay::test
