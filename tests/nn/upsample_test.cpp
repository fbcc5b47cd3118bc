// Upsample: nearest and bilinear (align_corners false/true) closed forms,
// non-integer and per-axis scale factors, errors, and the shared gradient checker.
#include "nn/upsample.h"

#include <gtest/gtest.h>

#include "layer_test_util.h"

namespace nnplay::nn {
namespace {

TEST(Upsample, NearestRepeatsPixels) {
  auto layer = test::make("Upsample", {{"scale_factor", "2,3"}});
  Tensor x(Shape{1, 1, 2, 2}, {1, 2, 3, 4});
  Tensor y = test::forward(*layer, {x});
  ASSERT_EQ(y.shape(), (Shape{1, 1, 4, 6}));
  const float row0[] = {1, 1, 1, 2, 2, 2}, row3[] = {3, 3, 3, 4, 4, 4};
  for (int j = 0; j < 6; ++j) {
    EXPECT_EQ(y[j], row0[j]);
    EXPECT_EQ(y[6 + j], row0[j]);
    EXPECT_EQ(y[18 + j], row3[j]);
  }
}

TEST(Upsample, BilinearHalfPixelCentresLikePyTorch) {
  // 1-D view: x = [0, 1] (H = 1 so only W interpolates), scale 2, align_corners=false:
  // source = max(0, (j + 0.5)/2 − 0.5) = 0, 0.25, 0.75, 1.25 -> clamped taps: 0, 0.25, 0.75, 1.
  auto layer = test::make("Upsample", {{"scale_factor", "1,2"}, {"mode", "bilinear"}});
  Tensor x(Shape{1, 1, 1, 2}, {0, 1});
  Tensor y = test::forward(*layer, {x});
  ASSERT_EQ(y.shape(), (Shape{1, 1, 1, 4}));
  const float expected[] = {0, 0.25f, 0.75f, 1};
  for (int j = 0; j < 4; ++j) EXPECT_FLOAT_EQ(y[j], expected[j]) << j;
  // align_corners=true: source = j·(W − 1)/(OW − 1) = j/3.
  auto corners = test::make("Upsample", {{"scale_factor", "2"}, {"mode", "bilinear"}, {"align_corners", "true"}});
  Tensor x2(Shape{1, 1, 2, 2}, {0, 1, 2, 3});
  Tensor y2 = test::forward(*corners, {x2});
  ASSERT_EQ(y2.shape(), (Shape{1, 1, 4, 4}));
  EXPECT_FLOAT_EQ(y2[1], 1.0f / 3);
  EXPECT_FLOAT_EQ(y2[15], 3.0f);
  EXPECT_NEAR(y2[5], 2.0f / 3 + 1.0f / 3, 1e-6);  // (1/3, 1/3): 2·(1/3) + 1·(1/3)
}

TEST(Upsample, NonIntegerScaleAndErrors) {
  auto layer = test::make("Upsample", {{"scale_factor", "1.5"}});
  Shape out;
  ASSERT_TRUE(test::setup(*layer, {Tensor(Shape{1, 2, 3, 5})}, &out).ok());
  EXPECT_EQ(out, (Shape{1, 2, 4, 7}));
  EXPECT_EQ(test::make_status("Upsample", {{"scale_factor", "2"}, {"mode", "bicubic"}}).code(),
            ErrorCode::INVALID_ARGUMENT);
  EXPECT_EQ(test::make_status("Upsample", {{"scale_factor", "2"}, {"align_corners", "true"}}).code(),
            ErrorCode::INVALID_ARGUMENT);  // nearest takes no align_corners, as PyTorch
  EXPECT_EQ(test::make_status("Upsample", {}).code(), ErrorCode::INVALID_ARGUMENT);
}

TEST(Upsample, GradientsMatchFiniteDifferences) {
  using C = test::GradCase;
  test::check_cases({
      C{"Upsample", {{"scale_factor", "2"}}, {Shape{1, 1, 2, 3}}},
      C{"Upsample", {{"scale_factor", "2,3"}, {"mode", "bilinear"}}, {Shape{2, 2, 3, 2}}},
      C{"Upsample", {{"scale_factor", "1.5"}, {"mode", "bilinear"}, {"align_corners", "true"}}, {Shape{1, 2, 3, 4}}},
      C{"Upsample", {{"scale_factor", "2.5,1.5"}}, {Shape{2, 1, 2, 3}}},
  });
}

}  // namespace
}  // namespace nnplay::nn
