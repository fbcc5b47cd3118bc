// The 2D sets: sizes, balance, ranges, the labelling rules of TF Playground
// (at noise 0 they are exact), and determinism per seed.
#include "data/toy2d.h"

#include <gtest/gtest.h>

#include <cmath>

namespace nnplay::data {
namespace {

TEST(Toy2D, EverySetHasBalancedLabelsInRange) {
  for (Toy2D kind : {Toy2D::Circle, Toy2D::Xor, Toy2D::Gauss, Toy2D::Spiral, Toy2D::Moons}) {
    const Dataset ds = make_toy2d(kind, 400, 0.1f, 1);
    ASSERT_EQ(ds.size(), 400) << toy2d_key(kind);
    EXPECT_EQ(ds.sample_shape, (Shape{1, 2}));
    int ones = 0;
    for (int i = 0; i < ds.size(); ++i) {
      ones += ds.y[static_cast<size_t>(i)];
      EXPECT_LE(std::abs(ds.feature(i, 0)), 7.0f) << toy2d_key(kind);
      EXPECT_LE(std::abs(ds.feature(i, 1)), 7.0f) << toy2d_key(kind);
    }
    EXPECT_NEAR(ones, 200, 40) << toy2d_key(kind);
  }
}

TEST(Toy2D, NoiselessLabelsFollowTheDefiningRule) {
  const Dataset circle = make_toy2d(Toy2D::Circle, 300, 0.0f, 2);
  for (int i = 0; i < circle.size(); ++i) {
    const float r = std::hypot(circle.feature(i, 0), circle.feature(i, 1));
    EXPECT_EQ(circle.y[static_cast<size_t>(i)], r < 2.5f ? 1 : 0) << "r = " << r;
  }
  const Dataset x = make_toy2d(Toy2D::Xor, 300, 0.0f, 2);
  for (int i = 0; i < x.size(); ++i)
    EXPECT_EQ(x.y[static_cast<size_t>(i)], x.feature(i, 0) * x.feature(i, 1) >= 0 ? 1 : 0);
  const Dataset g = make_toy2d(Toy2D::Gauss, 2000, 0.0f, 2);
  double mx1 = 0;
  int n1 = 0;
  for (int i = 0; i < g.size(); ++i)
    if (g.y[static_cast<size_t>(i)] == 1) {
      mx1 += g.feature(i, 0);
      ++n1;
    }
  EXPECT_NEAR(mx1 / n1, 2.0, 0.1);  // class 1 centred at (2, 2); sd √0.5/√1000 ≈ 0.02
}

TEST(Toy2D, SameSeedSameData) {
  const Dataset a = make_toy2d(Toy2D::Spiral, 100, 0.3f, 9), b = make_toy2d(Toy2D::Spiral, 100, 0.3f, 9),
                c = make_toy2d(Toy2D::Spiral, 100, 0.3f, 10);
  EXPECT_EQ(a.x_f32, b.x_f32);
  EXPECT_NE(a.x_f32, c.x_f32);
}

TEST(Split, SizesAndDisjointness) {
  std::vector<int32_t> train, val;
  split_indices(100, 0.3f, 1, &train, &val);
  EXPECT_EQ(val.size(), 30u);
  EXPECT_EQ(train.size(), 70u);
  std::vector<int> seen(100, 0);
  for (int32_t i : train) ++seen[static_cast<size_t>(i)];
  for (int32_t i : val) ++seen[static_cast<size_t>(i)];
  for (int s : seen) EXPECT_EQ(s, 1);
}

TEST(Dataset, GatherScalesImagesToUnitRange) {
  Dataset ds;
  ds.sample_shape = Shape{1, 1, 1, 2};
  ds.x_u8 = {0, 255, 51, 102};
  ds.y = {0, 1};
  Tensor out;
  const int32_t idx[] = {1, 0};
  ds.gather(idx, out);
  EXPECT_EQ(out.shape(), (Shape{2, 1, 1, 2}));
  EXPECT_FLOAT_EQ(out[0], 0.2f);
  EXPECT_FLOAT_EQ(out[1], 0.4f);
  EXPECT_FLOAT_EQ(out[3], 1.0f);
}

}  // namespace
}  // namespace nnplay::data

namespace nnplay::data {
namespace {

TEST(Regress2D, TargetsFollowPlaygroundsFormulas) {
  EXPECT_FLOAT_EQ(regress2d_value(Regress2D::Plane, 3.0f, 2.0f), 0.5f);
  EXPECT_FLOAT_EQ(regress2d_value(Regress2D::Plane, -6.0f, -6.0f), -1.2f);
  // Bumps: +1 at (4, 2.5), −1 at (0, 2.5), half way down 1 away from (−4, −2.5) (sign −), none 2+ away from all.
  EXPECT_FLOAT_EQ(regress2d_value(Regress2D::MultiGaussian, 4.0f, 2.5f), 1.0f);
  EXPECT_FLOAT_EQ(regress2d_value(Regress2D::MultiGaussian, 0.0f, 2.5f), -1.0f);
  EXPECT_FLOAT_EQ(regress2d_value(Regress2D::MultiGaussian, -4.0f, -1.5f), -0.5f);
  EXPECT_FLOAT_EQ(regress2d_value(Regress2D::MultiGaussian, 6.0f, 6.0f), 0.0f);
}

TEST(Regress2D, NoiselessSetsAreTheFormulaAtEachPoint) {
  for (Regress2D r : {Regress2D::Plane, Regress2D::MultiGaussian}) {
    const Dataset ds = make_regress2d(r, 300, 0.0f, 5);
    ASSERT_TRUE(ds.regression());
    ASSERT_EQ(ds.size(), 300);
    EXPECT_EQ(ds.sample_shape, (Shape{1, 2}));
    for (int i = 0; i < ds.size(); ++i) {
      EXPECT_LE(std::fabs(ds.feature(i, 0)), 6.0f);
      EXPECT_FLOAT_EQ(ds.targets[static_cast<size_t>(i)], regress2d_value(r, ds.feature(i, 0), ds.feature(i, 1)));
    }
    Regress2D back{};
    ASSERT_TRUE(parse_regress2d(regress2d_key(r), &back));
    EXPECT_EQ(back, r);
  }
}

}  // namespace
}  // namespace nnplay::data
