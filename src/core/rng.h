// rng.h — the single seeded random generator of nnplay.
//
// PCG32 (O'Neill 2014, pcg-random.org: XSH-RR output, 64-bit LCG state) with
// our own uniform and Box-Muller normal draws, so the same seed gives the same
// numbers natively (libstdc++) and in WebAssembly (libc++); std:: distributions
// differ between those libraries. Independent streams for each purpose (data,
// init, shuffle, dropout) come from the same seed with a different stream id,
// so changing, say, the batch order never changes the initial weights.
#pragma once

#include <cstdint>

namespace nnplay {

enum class RngStream : uint64_t { Data = 1, Init = 2, Shuffle = 3, Dropout = 4, Augment = 5 };

class Rng {
 public:
  explicit Rng(uint64_t seed = 0, uint64_t stream = 0) { reseed(seed, stream); }
  Rng(uint64_t seed, RngStream stream) : Rng(seed, static_cast<uint64_t>(stream)) {}
  void reseed(uint64_t seed, uint64_t stream = 0);

  /// Uniform 32-bit integer.
  uint32_t next_u32();
  /// Uniform integer in [0, n), unbiased (Lemire's rejection), n > 0.
  uint32_t below(uint32_t n);
  /// Uniform float in [0, 1).
  float uniform();
  /// Uniform float in [lo, hi).
  float uniform(float lo, float hi) { return lo + (hi - lo) * uniform(); }
  /// Standard normal N(0, 1) by Box-Muller (pairs cached).
  float normal();
  float normal(float mean, float stddev) { return mean + stddev * normal(); }

 private:
  uint64_t state_ = 0;
  uint64_t inc_ = 1;
  bool has_spare_ = false;
  float spare_ = 0.0f;
};

}  // namespace nnplay
