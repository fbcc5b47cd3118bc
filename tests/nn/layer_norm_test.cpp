// LayerNorm: each sample (or each trailing row) standardised, elementwise
// affine over normalized_shape, identical in train and eval, errors, and the
// shared gradient checker.
#include "nn/layer_norm.h"

#include <gtest/gtest.h>

#include "layer_test_util.h"

namespace nnplay::nn {
namespace {

TEST(LayerNorm, StandardisesEachSample) {
  auto layer = test::make("LayerNorm", {});
  Tensor x = test::random_tensor(Shape{3, 2, 4}, 1, 3.0f);
  Tensor y = test::forward(*layer, {x});
  for (int n = 0; n < 3; ++n) {
    double s = 0, s2 = 0;
    for (int i = 0; i < 8; ++i) s += y[n * 8 + i], s2 += double(y[n * 8 + i]) * y[n * 8 + i];
    EXPECT_NEAR(s / 8, 0, 1e-6);
    EXPECT_NEAR(s2 / 8, 1, 1e-3);
  }
  EXPECT_EQ(static_cast<LayerNorm&>(*layer).weight().shape(), (Shape{2, 4}));
  Tensor e = test::forward(*layer, {x}, Mode::Eval);
  EXPECT_TENSOR_NEAR(e, y, 0, 0);
}

TEST(LayerNorm, TrailingNormalizedShapeAndErrors) {
  auto layer = test::make("LayerNorm", {{"normalized_shape", "4"}});
  Tensor x(Shape{1, 2, 4}, {1, 2, 3, 4, 10, 10, 10, 10});
  Tensor y = test::forward(*layer, {x});
  EXPECT_NEAR(y[0], -1.5 / std::sqrt(1.25 + 1e-5), 1e-5);
  EXPECT_NEAR(y[4], 0.0, 1e-6);  // a constant row maps to 0 (eps keeps it finite)
  Shape out;
  EXPECT_EQ(test::setup(*layer, {Tensor(Shape{1, 4, 3})}, &out).code(), ErrorCode::SHAPE_MISMATCH);
  auto no_affine = test::make("LayerNorm", {{"elementwise_affine", "false"}});
  ASSERT_TRUE(test::setup(*no_affine, {x}, &out).ok());
  EXPECT_TRUE(no_affine->params().empty());
}

TEST(LayerNorm, GradientsMatchFiniteDifferences) {
  using C = test::GradCase;
  test::check_cases({
      C{"LayerNorm", {}, {Shape{1, 7}}},
      C{"LayerNorm", {}, {Shape{3, 2, 3, 2}}},
      C{"LayerNorm", {{"normalized_shape", "5"}}, {Shape{2, 3, 5}}},
      C{"LayerNorm", {{"normalized_shape", "3,2"}, {"elementwise_affine", "false"}}, {Shape{2, 2, 3, 2}}},
  });
}

}  // namespace
}  // namespace nnplay::nn
