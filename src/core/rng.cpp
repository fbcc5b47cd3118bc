#include "core/rng.h"

#include <cmath>

namespace nnplay {

void Rng::reseed(uint64_t seed, uint64_t stream) {
  // pcg32_srandom_r from the PCG reference implementation.
  state_ = 0;
  inc_ = (stream << 1u) | 1u;
  next_u32();
  state_ += seed;
  next_u32();
  has_spare_ = false;
}

uint32_t Rng::next_u32() {
  const uint64_t old = state_;
  state_ = old * 6364136223846793005ULL + inc_;
  const auto xorshifted = static_cast<uint32_t>(((old >> 18u) ^ old) >> 27u);
  const auto rot = static_cast<uint32_t>(old >> 59u);
  return (xorshifted >> rot) | (xorshifted << ((32u - rot) & 31u));
}

uint32_t Rng::below(uint32_t n) {
  uint64_t m = static_cast<uint64_t>(next_u32()) * n;
  auto low = static_cast<uint32_t>(m);
  if (low < n) {
    const uint32_t threshold = (0u - n) % n;
    while (low < threshold) {
      m = static_cast<uint64_t>(next_u32()) * n;
      low = static_cast<uint32_t>(m);
    }
  }
  return static_cast<uint32_t>(m >> 32u);
}

float Rng::uniform() {
  // 24 random bits -> exactly representable floats in [0, 1).
  return static_cast<float>(next_u32() >> 8u) * (1.0f / 16777216.0f);
}

float Rng::normal() {
  if (has_spare_) {
    has_spare_ = false;
    return spare_;
  }
  // u1 in (0, 1] so log(u1) is finite.
  const double u1 = (static_cast<double>(next_u32() >> 8u) + 1.0) / 16777216.0;
  const double u2 = static_cast<double>(next_u32() >> 8u) / 16777216.0;
  const double r = std::sqrt(-2.0 * std::log(u1));
  const double theta = 6.283185307179586 * u2;
  spare_ = static_cast<float>(r * std::sin(theta));
  has_spare_ = true;
  return static_cast<float>(r * std::cos(theta));
}

}  // namespace nnplay
