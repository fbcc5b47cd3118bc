// toy2d.h — the 2D classification and regression sets of TensorFlow Playground (circle, XOR,
// two gaussians, spiral; github.com/tensorflow/playground src/dataset.ts,
// re-derived here) plus two moons (sklearn's make_moons shape), generated
// from a seed. Points lie in [-6, 6]²; class 1 is Playground's "+1" (blue),
// class 0 its "−1" (orange).
//
// noise in [0, 0.5] as in Playground's slider (its 0..50 %).
#pragma once

#include <string>

#include "data/dataset.h"

namespace nnplay::data {

enum class Toy2D { Circle, Xor, Gauss, Spiral, Moons };

const char* toy2d_key(Toy2D t);  // "circle", "xor", "gauss", "spiral", "moons"
bool parse_toy2d(const std::string& key, Toy2D* out);

/// num_samples points (half per class, rounded down for odd counts), seeded.
Dataset make_toy2d(Toy2D kind, int num_samples, float noise, uint64_t seed);

/// TensorFlow Playground's 2D regression sets (src/dataset.ts regressPlane,
/// regressGaussian), points uniform in [-6, 6]², one real target each:
///   plane:          y = (x₁ + x₂) / 10                       (in [-1.2, 1.2])
///   multi_gaussian: six bumps of radius 2 at (−4|0|4, ±2.5) with signs
///                   +,−,+ above and −,+,− below: each gives s·max(0, 1 − d/2)
///                   for the distance d to its centre, and y is the one of
///                   largest magnitude (in [-1, 1]).
/// The target is computed before the noise moves the point, as Playground does
/// (noise·U(−6, 6) on each coordinate).
enum class Regress2D { Plane, MultiGaussian };
const char* regress2d_key(Regress2D r);  // "plane", "multi_gaussian"
bool parse_regress2d(const std::string& key, Regress2D* out);
Dataset make_regress2d(Regress2D kind, int num_samples, float noise, uint64_t seed);
/// The noise-free target at (x₁, x₂).
float regress2d_value(Regress2D kind, float x1, float x2);

}  // namespace nnplay::data
