// toy2d.h — the 2D classification sets of TensorFlow Playground (circle, XOR,
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

}  // namespace nnplay::data
