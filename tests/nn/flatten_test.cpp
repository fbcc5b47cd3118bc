// Flatten: shapes for start_dim/end_dim, data unchanged, gradient passes through.
#include "nn/flatten.h"

#include <gtest/gtest.h>

#include "layer_test_util.h"

namespace nnplay::nn {
namespace {

TEST(Flatten, ShapesAndData) {
  auto layer = test::make("Flatten", {});
  const Tensor x = test::random_tensor(Shape{2, 3, 4, 5}, 1);
  Tensor y = test::forward(*layer, {x});
  ASSERT_EQ(y.shape(), (Shape{2, 60}));
  for (int64_t i = 0; i < x.numel(); ++i) EXPECT_EQ(y[i], x[i]);
  Shape out;
  auto partial = test::make("Flatten", {{"start_dim", "2"}});
  ASSERT_TRUE(test::setup(*partial, {x}, &out).ok());
  EXPECT_EQ(out, (Shape{1, 3, 20}));
  auto middle = test::make("Flatten", {{"start_dim", "1"}, {"end_dim", "2"}});
  ASSERT_TRUE(test::setup(*middle, {x}, &out).ok());
  EXPECT_EQ(out, (Shape{1, 12, 5}));
  auto bad = test::make("Flatten", {{"start_dim", "3"}});
  EXPECT_EQ(test::setup(*bad, {Tensor(Shape{2, 3, 4})}, &out).code(), ErrorCode::SHAPE_MISMATCH);
  EXPECT_EQ(test::make_status("Flatten", {{"start_dim", "0"}}).code(), ErrorCode::INVALID_ARGUMENT);
}

TEST(Flatten, GradientsMatchFiniteDifferences) {
  test::check_cases({{"Flatten", {}, {Shape{2, 3, 2, 2}}}, {"Flatten", {{"start_dim", "2"}}, {Shape{1, 2, 3, 4}}}});
}

}  // namespace
}  // namespace nnplay::nn
