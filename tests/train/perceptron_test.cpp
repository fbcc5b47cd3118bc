// The perceptron rule as the lecture states it: converges (zero mistakes in
// an epoch) on linearly separable data, never on XOR.
#include "train/perceptron.h"

#include <gtest/gtest.h>

#include "data/toy2d.h"

namespace nnplay::train {
namespace {

std::vector<int32_t> all(const data::Dataset& ds) {
  std::vector<int32_t> idx(static_cast<size_t>(ds.size()));
  for (int i = 0; i < ds.size(); ++i) idx[static_cast<size_t>(i)] = i;
  return idx;
}

TEST(Perceptron, OneUpdateByHand) {
  data::Dataset ds;
  ds.name = "one";
  ds.sample_shape = Shape{1, 2};
  ds.num_classes = 2;
  ds.x_f32 = {2.0f, -1.0f};
  ds.y = {1};
  Perceptron p;
  ASSERT_TRUE(p.reset(2, 0.5f, 1).ok());
  ASSERT_EQ(p.fit_epoch(ds, {0}).value(), 1);  // sgn(0) = −1 ≠ +1: w += 0.5·(1 − (−1))·x
  EXPECT_FLOAT_EQ(p.weight()[0], 2.0f);
  EXPECT_FLOAT_EQ(p.weight()[1], -1.0f);
  EXPECT_FLOAT_EQ(p.bias(), 1.0f);
  EXPECT_EQ(p.fit_epoch(ds, {0}).value(), 0);
  EXPECT_FLOAT_EQ(p.alpha(), 0.5f * 1000.0f / 1002.0f);
}

TEST(Perceptron, ConvergesOnSeparableData) {
  // Two gaussians at noise 0 (variance 0.5 around (±2, ±2)): separable in practice;
  // check separability first, independently, with the known line x + y = 0.
  const data::Dataset ds = data::make_toy2d(data::Toy2D::Gauss, 200, 0.0f, 3);
  for (int i = 0; i < ds.size(); ++i)
    ASSERT_EQ(ds.feature(i, 0) + ds.feature(i, 1) > 0, ds.y[static_cast<size_t>(i)] == 1) << "not separable at " << i;
  Perceptron p;
  ASSERT_TRUE(p.reset(2, 1.0f, 1).ok());
  int epochs = 0;
  while (epochs < 100 && p.fit_epoch(ds, all(ds)).value() > 0) ++epochs;
  EXPECT_LT(epochs, 100);
  EXPECT_EQ(p.mistakes_per_epoch().back(), 0);
  EXPECT_DOUBLE_EQ(p.accuracy(ds, all(ds)), 1.0);
}

TEST(Perceptron, NeverConvergesOnXor) {
  const data::Dataset ds = data::make_toy2d(data::Toy2D::Xor, 200, 0.0f, 3);
  Perceptron p;
  ASSERT_TRUE(p.reset(2, 1.0f, 1).ok());
  for (int e = 0; e < 100; ++e) EXPECT_GT(p.fit_epoch(ds, all(ds)).value(), 0) << "epoch " << e;
  EXPECT_LT(p.accuracy(ds, all(ds)), 0.75);
}

TEST(Perceptron, RejectsMismatchedData) {
  const data::Dataset ds = data::make_toy2d(data::Toy2D::Xor, 20, 0.0f, 3);
  Perceptron p;
  ASSERT_TRUE(p.reset(3, 1.0f, 1).ok());
  EXPECT_EQ(p.fit_epoch(ds, all(ds)).status().code(), ErrorCode::SHAPE_MISMATCH);
  EXPECT_FALSE(p.reset(2, 0.0f, 1).ok());
}

}  // namespace
}  // namespace nnplay::train
