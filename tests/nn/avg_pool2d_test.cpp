// AvgPool2d: closed forms with count_include_pad true (PyTorch's default)
// and false, shapes, errors, and the shared gradient checker.
#include "nn/avg_pool2d.h"

#include <gtest/gtest.h>

#include "layer_test_util.h"

namespace nnplay::nn {
namespace {

TEST(AvgPool2d, ClosedFormWithAndWithoutPaddingInTheCount) {
  Tensor x(Shape{1, 1, 2, 2}, {1, 2, 3, 4});
  auto with = test::make("AvgPool2d", {{"kernel_size", "2"}, {"stride", "1"}, {"padding", "1"}});
  auto without = test::make("AvgPool2d", {{"kernel_size", "2"}, {"stride", "1"}, {"padding", "1"},
                                          {"count_include_pad", "false"}});
  Tensor a = test::forward(*with, {x}), b = test::forward(*without, {x});
  ASSERT_EQ(a.shape(), (Shape{1, 1, 3, 3}));
  // Corner (0, 0) sees only x[0, 0] = 1: 1/4 counting padding, 1/1 without.
  EXPECT_FLOAT_EQ(a[0], 0.25f);
  EXPECT_FLOAT_EQ(b[0], 1.0f);
  // Edge (0, 1) sees 1 and 2: 3/4 vs 3/2. Centre sees all four: 10/4 either way.
  EXPECT_FLOAT_EQ(a[1], 0.75f);
  EXPECT_FLOAT_EQ(b[1], 1.5f);
  EXPECT_FLOAT_EQ(a[4], 2.5f);
  EXPECT_FLOAT_EQ(b[4], 2.5f);
}

TEST(AvgPool2d, ShapesAndErrors) {
  auto layer = test::make("AvgPool2d", {{"kernel_size", "3,2"}});
  Shape out;
  ASSERT_TRUE(test::setup(*layer, {Tensor(Shape{1, 4, 7, 5})}, &out).ok());
  EXPECT_EQ(out, (Shape{1, 4, 2, 2}));
  EXPECT_EQ(layer->describe(), "AvgPool2d(k=(3, 2))");
  EXPECT_EQ(test::make_status("AvgPool2d", {{"kernel_size", "2"}, {"dilation", "2"}}).code(),
            ErrorCode::INVALID_ARGUMENT);  // not an AvgPool2d argument
  EXPECT_EQ(test::make_status("AvgPool2d", {{"kernel_size", "3"}, {"padding", "2"}}).code(),
            ErrorCode::INVALID_ARGUMENT);
}

TEST(AvgPool2d, GradientsMatchFiniteDifferences) {
  using C = test::GradCase;
  test::check_cases({
      C{"AvgPool2d", {{"kernel_size", "2"}}, {Shape{1, 1, 4, 4}}},
      C{"AvgPool2d", {{"kernel_size", "3,2"}, {"stride", "2,1"}, {"padding", "1"}}, {Shape{2, 3, 7, 5}}},
      C{"AvgPool2d", {{"kernel_size", "3"}, {"stride", "2"}, {"padding", "1"}, {"count_include_pad", "false"}},
        {Shape{2, 2, 6, 5}}},
  });
}

}  // namespace
}  // namespace nnplay::nn
