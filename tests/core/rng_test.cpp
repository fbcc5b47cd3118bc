#include "core/rng.h"

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

namespace nnplay {

// Reference output of the PCG reference implementation's pcg32-demo
// (pcg32_srandom_r(&rng, 42u, 54u), "Round 1"), from pcg-random.org.
TEST(Rng, MatchesThePcg32ReferenceSequence) {
  Rng rng(42, 54);
  const uint32_t expected[] = {0xa15c02b7u, 0x7b47f409u, 0xba1d3330u, 0x83d2f293u, 0xbfa4784bu, 0xcbed606eu};
  for (uint32_t e : expected) EXPECT_EQ(rng.next_u32(), e);
}

TEST(Rng, SameSeedSameStreamGivesSameNumbers) {
  Rng a(7, RngStream::Init), b(7, RngStream::Init), c(7, RngStream::Shuffle);
  int differs = 0;
  for (int i = 0; i < 100; ++i) {
    const uint32_t x = a.next_u32();
    EXPECT_EQ(x, b.next_u32());
    differs += x != c.next_u32();
  }
  EXPECT_GT(differs, 95);  // streams are independent
}

TEST(Rng, BelowIsInRangeAndRoughlyUniform) {
  Rng rng(3);
  std::vector<int> counts(7, 0);
  const int n = 70000;
  for (int i = 0; i < n; ++i) {
    const uint32_t v = rng.below(7);
    ASSERT_LT(v, 7u);
    ++counts[v];
  }
  // Each count ~ Binomial(n, 1/7): sd ≈ 92; allow 5 sd.
  for (int c : counts) EXPECT_NEAR(c, n / 7.0, 460);
}

TEST(Rng, UniformAndNormalMoments) {
  Rng rng(11);
  const int n = 200000;
  double su = 0, su2 = 0, sn = 0, sn2 = 0;
  for (int i = 0; i < n; ++i) {
    const double u = rng.uniform();
    ASSERT_GE(u, 0.0);
    ASSERT_LT(u, 1.0);
    su += u;
    su2 += u * u;
    const double z = rng.normal();
    sn += z;
    sn2 += z * z;
  }
  // U(0,1): mean 1/2, variance 1/12. N(0,1): mean 0, variance 1. Tolerances ≈ 5 standard errors.
  EXPECT_NEAR(su / n, 0.5, 5 * std::sqrt(1.0 / 12 / n));
  EXPECT_NEAR(su2 / n - (su / n) * (su / n), 1.0 / 12, 0.002);
  EXPECT_NEAR(sn / n, 0.0, 5 / std::sqrt(n));
  EXPECT_NEAR(sn2 / n, 1.0, 5 * std::sqrt(2.0 / n));
}

}  // namespace nnplay
