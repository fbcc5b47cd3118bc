// function1d.h — 1D regression sets: x drawn uniformly from [-1, 1], the
// target y = f(x) + noise for a chosen function f, generated from a seed.
// Samples have shape (1, 1); targets are real (Dataset::targets), one per
// sample, and the set has no classes (num_classes 0, one network output).
//
//   sin       y = sin(2πx)                     one period, smooth
//   step      y = −1 for x < 0, +1 for x >= 0   a jump at 0
//   abs       y = 2|x| − 1                      a kink at 0
//   sawtooth  y = 2(x − ⌊x⌋) − 1                two ramps, a jump at 0
//
// noise: the standard deviation of gaussian noise added to every target
// (the `noise` setting, 0 to 0.5; the functions span [-1, 1]).
#pragma once

#include <cstdint>
#include <string>

#include "data/dataset.h"

namespace nnplay::data {

enum class Function1D { Sin, Step, Abs, Sawtooth };
inline constexpr Function1D kFunctions1D[] = {Function1D::Sin, Function1D::Step, Function1D::Abs,
                                              Function1D::Sawtooth};

const char* function1d_key(Function1D f);    // "sin", "step", "abs", "sawtooth"
const char* function1d_title(Function1D f);  // "sin(2πx)"
/// INVALID_ARGUMENT naming the choices when `key` names no function.
Result<Function1D> parse_function1d(const std::string& key);
/// f(x) without noise (the table above).
float function1d_value(Function1D f, float x);

/// num_samples points x ~ U[-1, 1) with targets f(x) + N(0, noise²), seeded
/// (the Data stream of `seed`). Dataset name "function".
Dataset make_function1d(Function1D f, int num_samples, float noise, uint64_t seed);

}  // namespace nnplay::data
