// AdaptiveAvgPool2d: global average pooling, PyTorch's overlapping bins when
// the size does not divide, and the shared gradient checker.
#include "nn/adaptive_avg_pool2d.h"

#include <gtest/gtest.h>

#include "layer_test_util.h"

namespace nnplay::nn {
namespace {

TEST(AdaptiveAvgPool2d, GlobalAveragePooling) {
  auto layer = test::make("AdaptiveAvgPool2d", {{"output_size", "1"}});
  const Tensor x = test::random_tensor(Shape{2, 3, 5, 7}, 1);
  Tensor y = test::forward(*layer, {x});
  ASSERT_EQ(y.shape(), (Shape{2, 3, 1, 1}));
  for (int nc = 0; nc < 6; ++nc) {
    double s = 0;
    for (int i = 0; i < 35; ++i) s += x[nc * 35 + i];
    EXPECT_NEAR(y[nc], s / 35, 1e-6);
  }
}

TEST(AdaptiveAvgPool2d, OverlappingBinsLikePyTorch) {
  // H = 5 into 3 bins: [0, 2), [1, 4), [3, 5).
  auto layer = test::make("AdaptiveAvgPool2d", {{"output_size", "3,1"}});
  Tensor x(Shape{1, 1, 5, 1}, {1, 2, 3, 4, 5});
  Tensor y = test::forward(*layer, {x});
  ASSERT_EQ(y.shape(), (Shape{1, 1, 3, 1}));
  EXPECT_FLOAT_EQ(y[0], 1.5f);
  EXPECT_FLOAT_EQ(y[1], 3.0f);
  EXPECT_FLOAT_EQ(y[2], 4.5f);
  EXPECT_EQ(test::make_status("AdaptiveAvgPool2d", {}).code(), ErrorCode::INVALID_ARGUMENT);
}

TEST(AdaptiveAvgPool2d, GradientsMatchFiniteDifferences) {
  using C = test::GradCase;
  test::check_cases({
      C{"AdaptiveAvgPool2d", {{"output_size", "1"}}, {Shape{1, 2, 3, 3}}},
      C{"AdaptiveAvgPool2d", {{"output_size", "3,2"}}, {Shape{2, 2, 5, 7}}},
      C{"AdaptiveAvgPool2d", {{"output_size", "4"}}, {Shape{2, 1, 3, 6}}},  // more bins than rows
  });
}

}  // namespace
}  // namespace nnplay::nn
