// Augmentations by construction: each transform checked on images where the
// expected result is known exactly.
#include "data/augment.h"

#include <gtest/gtest.h>

#include <cmath>

namespace nnplay::data {
namespace {

Tensor ramp(int n) {  // (n, 1, 3, 4): value = column index + 10 * row
  Tensor x(Shape{n, 1, 3, 4});
  for (int i = 0; i < n; ++i)
    for (int r = 0; r < 3; ++r)
      for (int c = 0; c < 4; ++c) x[(i * 3 + r) * 4 + c] = static_cast<float>(c + 10 * r);
  return x;
}

TEST(Augment, FlipMirrorsAboutHalfOfTheSamples) {
  Tensor x = ramp(400);
  Rng rng(1);
  std::vector<float> scratch;
  augment_batch(x, {.hflip = true}, rng, scratch);
  int flipped = 0;
  for (int i = 0; i < 400; ++i) {
    const float* s = x.data() + i * 12;
    const bool f = s[0] == 3.0f;
    flipped += f;
    for (int r = 0; r < 3; ++r)
      for (int c = 0; c < 4; ++c) ASSERT_EQ(s[r * 4 + c], static_cast<float>((f ? 3 - c : c) + 10 * r));
  }
  EXPECT_NEAR(flipped, 200, 50);  // Binomial(400, 1/2): sd 10
}

TEST(Augment, CropIsAShiftWithZeroFill) {
  Tensor x = ramp(300);
  Rng rng(2);
  std::vector<float> scratch;
  augment_batch(x, {.crop_padding = 1}, rng, scratch);
  int shifted = 0;
  for (int i = 0; i < 300; ++i) {
    const float* s = x.data() + i * 12;
    // Find the shift that explains the sample.
    bool explained = false;
    for (int dy = -1; dy <= 1 && !explained; ++dy)
      for (int dx = -1; dx <= 1 && !explained; ++dx) {
        bool ok = true;
        for (int r = 0; r < 3; ++r)
          for (int c = 0; c < 4; ++c) {
            const int sr = r - dy, sc = c - dx;
            const float want = (sr < 0 || sc < 0 || sr >= 3 || sc >= 4) ? 0.0f : static_cast<float>(sc + 10 * sr);
            ok = ok && s[r * 4 + c] == want;
          }
        if (ok) {
          explained = true;
          shifted += dx != 0 || dy != 0;
        }
      }
    ASSERT_TRUE(explained) << "sample " << i;
  }
  EXPECT_NEAR(shifted, 300 * 8 / 9, 30);
}

TEST(Augment, RotationByZeroRangeIsIdentityAndRotationKeepsTheCentre) {
  Tensor x(Shape{50, 1, 5, 5});
  x.zero();
  for (int i = 0; i < 50; ++i) x[i * 25 + 12] = 1.0f;  // centre pixel
  Rng rng(3);
  std::vector<float> scratch;
  augment_batch(x, {.rotate_degrees = 30}, rng, scratch);
  for (int i = 0; i < 50; ++i) EXPECT_FLOAT_EQ(x[i * 25 + 12], 1.0f);  // the centre maps to itself
  Tensor y = ramp(2);
  const Tensor y0 = y;
  augment_batch(y, {}, rng, scratch);
  for (int64_t k = 0; k < y.numel(); ++k) EXPECT_EQ(y[k], y0[k]);
}

TEST(Augment, NoiseHasTheRequestedSpread) {
  Tensor x(Shape{100, 1, 10, 10});
  x.fill(0.5f);
  Rng rng(4);
  std::vector<float> scratch;
  augment_batch(x, {.noise_std = 0.1f}, rng, scratch);
  double s = 0, s2 = 0;
  for (int64_t k = 0; k < x.numel(); ++k) {
    s += x[k] - 0.5;
    s2 += (x[k] - 0.5) * (x[k] - 0.5);
  }
  EXPECT_NEAR(s / x.numel(), 0.0, 0.005);
  EXPECT_NEAR(std::sqrt(s2 / x.numel()), 0.1, 0.005);
}

}  // namespace
}  // namespace nnplay::data
