// Softmax: rows sum to one along dim (1 by default, also inner and negative
// dims), stable for huge logits, and the shared gradient checker.
#include "nn/softmax.h"

#include <gtest/gtest.h>

#include <cmath>

#include "layer_test_util.h"

namespace nnplay::nn {
namespace {

TEST(Softmax, ClosedFormAndStability) {
  auto layer = test::make("Softmax", {});
  Tensor x(Shape{2, 3}, {1, 2, 3, 1000, 1000, -1000});
  Tensor y = test::forward(*layer, {x});
  const double z = std::exp(1.0) + std::exp(2.0) + std::exp(3.0);
  EXPECT_NEAR(y[0], std::exp(1.0) / z, 1e-7);
  EXPECT_NEAR(y[2], std::exp(3.0) / z, 1e-7);
  EXPECT_FLOAT_EQ(y[3], 0.5f);
  EXPECT_EQ(y[5], 0.0f);
}

TEST(Softmax, ChannelDimOfImagesSumsToOne) {
  auto layer = test::make("Softmax", {{"dim", "1"}});
  Tensor y = test::forward(*layer, {test::random_tensor(Shape{2, 4, 3, 2}, 1, 3.0f)});
  for (int n = 0; n < 2; ++n)
    for (int p = 0; p < 6; ++p) {
      double s = 0;
      for (int c = 0; c < 4; ++c) s += y[(n * 4 + c) * 6 + p];
      EXPECT_NEAR(s, 1.0, 1e-6);
    }
  auto last = test::make("Softmax", {{"dim", "-1"}});
  Shape out;
  ASSERT_TRUE(test::setup(*last, {Tensor(Shape{2, 4, 3})}, &out).ok());
  EXPECT_EQ(test::make_status("Softmax", {{"dim", "0"}}).code(), ErrorCode::INVALID_ARGUMENT);
  auto far = test::make("Softmax", {{"dim", "3"}});
  EXPECT_EQ(test::setup(*far, {Tensor(Shape{2, 4, 3})}, &out).code(), ErrorCode::SHAPE_MISMATCH);
}

TEST(Softmax, GradientsMatchFiniteDifferences) {
  using C = test::GradCase;
  test::check_cases({
      C{"Softmax", {}, {Shape{1, 5}}},
      C{"Softmax", {}, {Shape{3, 4, 2, 2}}},
      C{"Softmax", {{"dim", "-1"}}, {Shape{2, 3, 4}}},
      C{"Softmax", {{"dim", "2"}}, {Shape{2, 2, 3, 2}}},
  });
}

}  // namespace
}  // namespace nnplay::nn
