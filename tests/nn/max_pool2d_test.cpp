// MaxPool2d: closed form, ties go to the first maximum (PyTorch), padding
// never wins, errors, and the shared gradient checker (kinks at near-ties are
// detected and skipped by the checker).
#include "nn/max_pool2d.h"

#include <gtest/gtest.h>

#include "layer_test_util.h"

namespace nnplay::nn {
namespace {

TEST(MaxPool2d, ClosedFormAndGradientRouting) {
  auto layer = test::make("MaxPool2d", {{"kernel_size", "2"}});
  Tensor x(Shape{1, 1, 4, 4}, {1, 5, 2, 0,  //
                               3, 4, 7, 7,  // tie (7, 7): the first wins
                               -1, -2, 0, 0,  //
                               -3, -4, 0, 9});
  Tensor y = test::forward(*layer, {x});
  ASSERT_EQ(y.shape(), (Shape{1, 1, 2, 2}));
  EXPECT_EQ(y[0], 5);
  EXPECT_EQ(y[1], 7);
  EXPECT_EQ(y[2], -1);
  EXPECT_EQ(y[3], 9);
  Tensor dy(Shape{1, 1, 2, 2}, {1, 2, 3, 4});
  Tensor dx(x.shape());
  const Tensor* xs[] = {&x};
  Tensor* dxs[] = {&dx};
  layer->backward(xs, y, dy, dxs);
  const float expected[] = {0, 1, 0, 0, 0, 0, 2, 0, 3, 0, 0, 0, 0, 0, 0, 4};
  for (int i = 0; i < 16; ++i) EXPECT_EQ(dx[i], expected[i]) << i;
}

TEST(MaxPool2d, PaddingIsMinusInfinityAndStrideDefaultsToKernel) {
  auto layer = test::make("MaxPool2d", {{"kernel_size", "3"}, {"stride", "2"}, {"padding", "1"}});
  Tensor x(Shape{1, 1, 3, 3}, {-9, -8, -7, -6, -5, -4, -3, -2, -1});
  Tensor y = test::forward(*layer, {x});
  ASSERT_EQ(y.shape(), (Shape{1, 1, 2, 2}));
  EXPECT_EQ(y[0], -5);  // all-negative window next to the padding: padding never wins
  EXPECT_EQ(y[3], -1);
  Shape out;
  auto def = test::make("MaxPool2d", {{"kernel_size", "2,3"}});
  ASSERT_TRUE(test::setup(*def, {Tensor(Shape{1, 2, 7, 7})}, &out).ok());
  EXPECT_EQ(out, (Shape{1, 2, 3, 2}));
  EXPECT_EQ(test::make_status("MaxPool2d", {{"kernel_size", "2"}, {"padding", "2"}}).code(), ErrorCode::INVALID_ARGUMENT);
  EXPECT_EQ(test::make_status("MaxPool2d", {}).code(), ErrorCode::INVALID_ARGUMENT);
  EXPECT_EQ(test::setup(*def, {Tensor(Shape{1, 2, 1, 7})}, &out).code(), ErrorCode::SHAPE_MISMATCH);
}

TEST(MaxPool2d, GradientsMatchFiniteDifferences) {
  using C = test::GradCase;
  test::check_cases({
      C{"MaxPool2d", {{"kernel_size", "2"}}, {Shape{1, 1, 4, 4}}},
      C{"MaxPool2d", {{"kernel_size", "3,2"}, {"stride", "2,1"}, {"padding", "1,1"}}, {Shape{2, 3, 7, 5}}},
      C{"MaxPool2d", {{"kernel_size", "2"}, {"stride", "3,2"}, {"dilation", "2,1"}}, {Shape{2, 2, 8, 5}}},
      C{"MaxPool2d", {{"kernel_size", "3"}, {"stride", "1"}}, {Shape{3, 1, 5, 4}}},  // overlapping windows
  });
}

}  // namespace
}  // namespace nnplay::nn
