#include "core/tensor.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

namespace nnplay {

TEST(Shape, NumelPerSampleAndText) {
  Shape s{64, 1, 28, 28};
  EXPECT_EQ(s.rank, 4);
  EXPECT_EQ(s.numel(), 64 * 784);
  EXPECT_EQ(s.per_sample(), 784);
  EXPECT_EQ(s.with_batch(1), (Shape{1, 1, 28, 28}));
  EXPECT_EQ(s.str(), "(64, 1, 28, 28)");
  EXPECT_EQ(Shape{3}.str(), "(3,)");
  EXPECT_NE((Shape{2, 3}), (Shape{3, 2}));
}

TEST(Tensor, ResizeWithinCapacityKeepsTheBuffer) {
  Tensor t;
  t.reserve(1000);
  const float* before = nullptr;
  t.resize({10, 100});
  before = t.data();
  t.resize({3, 100});
  EXPECT_EQ(t.data(), before);
  t.resize({10, 100});
  EXPECT_EQ(t.data(), before);
  EXPECT_EQ(t.numel(), 1000);
}

TEST(Tensor, MatrixViewIsRowMajorBatchByFeatures) {
  Tensor t(Shape{2, 3}, {1, 2, 3, 4, 5, 6});
  auto m = t.mat();
  EXPECT_EQ(m.rows(), 2);
  EXPECT_EQ(m.cols(), 3);
  EXPECT_EQ(m(0, 2), 3.0f);
  EXPECT_EQ(m(1, 0), 4.0f);
  Tensor img(Shape{2, 1, 2, 2}, {1, 2, 3, 4, 5, 6, 7, 8});
  EXPECT_EQ(img.mat().cols(), 4);
  EXPECT_EQ(img.mat()(1, 3), 8.0f);
}

TEST(Tensor, AllFiniteDetectsNanAndInf) {
  Tensor t(Shape{3}, {0, 1, 2});
  EXPECT_TRUE(all_finite(t));
  t[1] = std::numeric_limits<float>::quiet_NaN();
  EXPECT_FALSE(all_finite(t));
  t[1] = std::numeric_limits<float>::infinity();
  EXPECT_FALSE(all_finite(t));
}

}  // namespace nnplay
