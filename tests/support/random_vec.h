// random_vec.h — seeded uniform test data for the kernel tests (one helper
// instead of a copy per test file).
#pragma once

#include <cstdint>
#include <vector>

#include "core/rng.h"

namespace nnplay::test {

/// n floats drawn from U(lo, hi) by Rng(seed).
inline std::vector<float> random_vec(size_t n, uint64_t seed, float lo = -1.0f, float hi = 1.0f) {
  Rng rng(seed);
  std::vector<float> v(n);
  for (float& x : v) x = rng.uniform(lo, hi);
  return v;
}

}  // namespace nnplay::test
