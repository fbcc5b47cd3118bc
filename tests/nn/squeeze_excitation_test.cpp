// SqueezeExcitation: forward recomputed by hand from its parameters, the
// squeeze width rule, and the shared gradient checker.
#include "nn/squeeze_excitation.h"

#include <gtest/gtest.h>

#include <cmath>

#include "layer_test_util.h"

namespace nnplay::nn {
namespace {

TEST(SqueezeExcitation, ForwardByHand) {
  auto layer = test::make("SqueezeExcitation", {{"reduction", "2"}});
  const Tensor x = test::random_tensor(Shape{2, 4, 3, 2}, 1);
  Tensor y = test::forward(*layer, {x});
  auto& se = static_cast<SqueezeExcitation&>(*layer);
  ASSERT_EQ(se.fc1().weight().shape(), (Shape{2, 4}));
  const Tensor &w1 = se.fc1().weight(), &b1 = se.fc1().bias(), &w2 = se.fc2().weight(), &b2 = se.fc2().bias();
  for (int n = 0; n < 2; ++n) {
    double s[4], z[2];
    for (int c = 0; c < 4; ++c) {
      s[c] = 0;
      for (int i = 0; i < 6; ++i) s[c] += x[(n * 4 + c) * 6 + i] / 6.0;
    }
    for (int j = 0; j < 2; ++j) {
      z[j] = b1[j];
      for (int c = 0; c < 4; ++c) z[j] += w1[j * 4 + c] * s[c];
      z[j] = std::max(z[j], 0.0);
    }
    for (int c = 0; c < 4; ++c) {
      double a = b2[c];
      for (int j = 0; j < 2; ++j) a += w2[c * 2 + j] * z[j];
      a = 1 / (1 + std::exp(-a));
      for (int i = 0; i < 6; ++i) EXPECT_NEAR(y[(n * 4 + c) * 6 + i], a * x[(n * 4 + c) * 6 + i], 1e-6);
    }
  }
  EXPECT_EQ(layer->params().size(), 4u);
  EXPECT_STREQ(layer->params()[2].id.name, "fc2.weight");
  // Default reduction 16 on 8 channels keeps one squeeze channel; squeeze_channels overrides.
  Shape out;
  auto def = test::make("SqueezeExcitation", {});
  ASSERT_TRUE(test::setup(*def, {Tensor(Shape{1, 8, 2, 2})}, &out).ok());
  EXPECT_EQ(def->describe(), "SqueezeExcitation(8\u21921\u21928)");
  auto wide = test::make("SqueezeExcitation", {{"squeeze_channels", "3"}});
  ASSERT_TRUE(test::setup(*wide, {Tensor(Shape{1, 8, 2, 2})}, &out).ok());
  EXPECT_EQ(wide->describe(), "SqueezeExcitation(8\u21923\u21928)");
}

TEST(SqueezeExcitation, GradientsMatchFiniteDifferences) {
  using C = test::GradCase;
  test::check_cases({
      C{"SqueezeExcitation", {{"reduction", "2"}}, {Shape{1, 4, 3, 3}}},
      C{"SqueezeExcitation", {{"reduction", "3"}}, {Shape{3, 6, 2, 3}}},
      C{"SqueezeExcitation", {}, {Shape{2, 5, 1, 1}}},
  });
}

}  // namespace
}  // namespace nnplay::nn
