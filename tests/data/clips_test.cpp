// The moving-dots clips: shape, ranges and balance; the label is the motion
// read off the frames (frame t + 1 is frame t shifted one pixel, wrapping, in
// the labelled direction, and in no other); no single frame tells the
// direction (dot positions spread alike for every label); noise; determinism
// per seed; the catalog entry.
#include "data/clips.h"

#include <gtest/gtest.h>

#include <cmath>
#include <string>

#include "data/catalog.h"

namespace nnplay::data {
namespace {

constexpr int T = 8, S = 16;  // the documented clip: 8 frames of 16×16

// Pixel (x, y) of frame t of sample i, in [0, 1].
float px(const Dataset& ds, int i, int t, int x, int y) {
  return static_cast<float>(ds.x_u8[static_cast<size_t>(((i * T + t) * S + y) * S + x)]) / 255.0f;
}

// Σ over the clip's frame pairs of (frame t+1 − frame t shifted by (dx, dy), wrapping)².
double shift_error(const Dataset& ds, int i, int dx, int dy) {
  double e = 0;
  for (int t = 0; t + 1 < T; ++t)
    for (int y = 0; y < S; ++y)
      for (int x = 0; x < S; ++x) {
        const double d = px(ds, i, t + 1, (x + dx + S) % S, (y + dy + S) % S) - px(ds, i, t, x, y);
        e += d * d;
      }
  return e;
}

// The direction the frames show: the name of the one-pixel shift that best
// maps each frame onto the next (y grows downwards), and the error of the
// second best shift (including standing still).
std::string motion(const Dataset& ds, int i, double* best_error, double* second_error) {
  struct Shift {
    int dx, dy;
    const char* name;
  };
  const Shift shifts[] = {{1, 0, "right"}, {-1, 0, "left"}, {0, 1, "down"}, {0, -1, "up"}, {0, 0, "still"}};
  std::string best;
  *best_error = *second_error = 1e30;
  for (const Shift& s : shifts) {
    const double e = shift_error(ds, i, s.dx, s.dy);
    if (e < *best_error) {
      *second_error = *best_error;
      *best_error = e;
      best = s.name;
    } else if (e < *second_error) {
      *second_error = e;
    }
  }
  return best;
}

TEST(MovingDots, ShapeRangeAndBalance) {
  const Dataset ds = make_moving_dots(800, 0.0f, 1);
  ASSERT_EQ(ds.size(), 800);
  EXPECT_EQ(ds.sample_shape, (Shape{1, 1, T, S, S}));  // NCDHW: one channel, depth = time
  EXPECT_EQ(ds.num_classes, 4);
  EXPECT_EQ(ds.x_u8.size(), size_t{800} * T * S * S);
  int count[4] = {};
  for (int32_t y : ds.y) {
    ASSERT_GE(y, 0);
    ASSERT_LT(y, 4);
    ++count[y];
  }
  for (int c : count) EXPECT_NEAR(c, 200, 50);  // 4 directions equally likely: sd ≈ 12
}

TEST(MovingDots, NoiselessFramesMoveExactlyOnePixelInTheLabelledDirection) {
  const Dataset ds = make_moving_dots(300, 0.0f, 2);
  for (int i = 0; i < ds.size(); ++i) {
    double best = 0, second = 0;
    const std::string m = motion(ds, i, &best, &second);
    EXPECT_EQ(m, ds.class_name(ds.y[static_cast<size_t>(i)])) << "sample " << i;
    EXPECT_EQ(best, 0.0) << "sample " << i << ": frame t + 1 is frame t shifted exactly";
    EXPECT_GT(second, 1.0) << "sample " << i << ": no other shift (nor standing still) explains the frames";
  }
}

TEST(MovingDots, WithNoiseTheLabelIsStillTheMotion) {
  const Dataset ds = make_moving_dots(200, 0.1f, 3);
  const Dataset clean = make_moving_dots(200, 0.0f, 3);
  EXPECT_NE(ds.x_u8, clean.x_u8);
  for (int i = 0; i < ds.size(); ++i) {
    double best = 0, second = 0;
    EXPECT_EQ(motion(ds, i, &best, &second), ds.class_name(ds.y[static_cast<size_t>(i)])) << "sample " << i;
  }
}

// Where the dots are in one frame does not depend on the direction: per label,
// the share of bright pixels in each quadrant of frame 0 and of the last frame
// is about a quarter (the frame wraps around, so no edge gives the motion away).
TEST(MovingDots, ASingleFrameDoesNotTellTheDirection) {
  const Dataset ds = make_moving_dots(4000, 0.0f, 4);
  for (int t : {0, T - 1}) {
    double quad[4][4] = {}, total[4] = {};
    for (int i = 0; i < ds.size(); ++i) {
      const int label = ds.y[static_cast<size_t>(i)];
      for (int y = 0; y < S; ++y)
        for (int x = 0; x < S; ++x)
          if (px(ds, i, t, x, y) > 0.5f) {
            quad[label][(y >= S / 2) * 2 + (x >= S / 2)] += 1;
            total[label] += 1;
          }
    }
    for (int label = 0; label < 4; ++label) {
      ASSERT_GT(total[label], 0);
      for (int q = 0; q < 4; ++q)
        EXPECT_NEAR(quad[label][q] / total[label], 0.25, 0.04) << "frame " << t << ", label " << label << ", quadrant " << q;
    }
  }
}

TEST(MovingDots, SameSeedSameClips) {
  const Dataset a = make_moving_dots(50, 0.2f, 9), b = make_moving_dots(50, 0.2f, 9), c = make_moving_dots(50, 0.2f, 10);
  EXPECT_EQ(a.x_u8, b.x_u8);
  EXPECT_EQ(a.y, b.y);
  EXPECT_NE(a.x_u8, c.x_u8);
}

TEST(MovingDots, IsInTheCatalogAsClips) {
  const DatasetInfo* d = find_dataset("moving_dots");
  ASSERT_NE(d, nullptr);
  EXPECT_EQ(d->family, Family::Clips);
  EXPECT_FALSE(d->image);  // generated from the seed, no files
  const Dataset ds = make_moving_dots(10, 0.0f, 1);
  EXPECT_EQ(d->sample_shape, ds.sample_shape);
  EXPECT_EQ(d->outputs(), ds.outputs());
  for (int c = 0; c < 4; ++c) EXPECT_EQ(d->class_names[static_cast<size_t>(c)], ds.class_names[static_cast<size_t>(c)]);
}

}  // namespace
}  // namespace nnplay::data
