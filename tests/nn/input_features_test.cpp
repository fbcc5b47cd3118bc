// InputFeatures: the values of TF Playground's features at hand-picked
// points, gradients by finite differences, and the argument errors.
#include "nn/input_features.h"

#include <gtest/gtest.h>

#include <cmath>

#include "layer_test_util.h"
#include "support/gradcheck.h"

namespace nnplay::nn {
namespace {

TEST(InputFeatures, ComputesEachFeatureInTheOrderGiven) {
  auto layer = test::make("InputFeatures", {{"features", "sinx2,x1x2,x2sq,x1,x1sq,sinx1,x2"}});
  const Tensor x(Shape{2, 2}, {3.0f, -2.0f, 0.5f, 1.5f});
  const Tensor y = test::forward(*layer, {x});
  ASSERT_EQ(y.shape(), (Shape{2, 7}));
  const float want[2][7] = {{std::sin(-2.0f), -6.0f, 4.0f, 3.0f, 9.0f, std::sin(3.0f), -2.0f},
                            {std::sin(1.5f), 0.75f, 2.25f, 0.5f, 0.25f, std::sin(0.5f), 1.5f}};
  for (int n = 0; n < 2; ++n)
    for (int k = 0; k < 7; ++k) EXPECT_FLOAT_EQ(y[n * 7 + k], want[n][k]) << "sample " << n << " feature " << k;
}

TEST(InputFeatures, GradientsMatchFiniteDifferences) {
  auto layer = test::make("InputFeatures", {{"features", "x1,x2,x1sq,x2sq,x1x2,sinx1,sinx2"}});
  const auto rep = test::check_layer(*layer, {test::random_tensor(Shape{5, 2}, 3, 2.0f)});
  EXPECT_TRUE(rep.ok) << rep.failures;
  EXPECT_GT(rep.checked, 0);
}

TEST(InputFeatures, RefusesUnknownRepeatedOrMissingFeaturesAndNon2DInputs) {
  EXPECT_EQ(test::make_status("InputFeatures", {{"features", "x1,x3"}}).code(), ErrorCode::INVALID_ARGUMENT);
  EXPECT_EQ(test::make_status("InputFeatures", {{"features", "x1,x1"}}).code(), ErrorCode::INVALID_ARGUMENT);
  EXPECT_EQ(test::make_status("InputFeatures", {}).code(), ErrorCode::INVALID_ARGUMENT);
  auto layer = test::make("InputFeatures", {{"features", "x1"}});
  Shape out;
  const Shape three{1, 3};
  EXPECT_EQ(layer->setup(std::span<const Shape>(&three, 1), &out).code(), ErrorCode::SHAPE_MISMATCH);
  auto parsed = parse_input_features("x1sq, x2sq");
  ASSERT_TRUE(parsed.ok());
  EXPECT_EQ(format_input_features(parsed.value()), "x1sq,x2sq");
}

}  // namespace
}  // namespace nnplay::nn
