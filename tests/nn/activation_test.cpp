#include "nn/activation.h"

#include <gtest/gtest.h>

#include <cmath>

#include "layer_test_util.h"
#include "support/gradcheck.h"

namespace nnplay::nn {
namespace {

Tensor run(Layer& layer, const Tensor& x) {
  Shape out;
  const Shape in[] = {x.shape().with_batch(1)};
  EXPECT_TRUE(layer.setup(in, &out).ok());
  Tensor y;
  Context ctx;
  const Tensor* xs[] = {&x};
  layer.forward(xs, y, ctx);
  return y;
}

TEST(Activation, ClosedForms) {
  Tensor x(Shape{1, 5}, {-100, -1, 0, 1, 100});
  ReLU relu;
  Sigmoid sigmoid;
  Tanh tanh_layer;
  Tensor r = run(relu, x), s = run(sigmoid, x), t = run(tanh_layer, x);
  const float relu_expected[] = {0, 0, 0, 1, 100};
  for (int i = 0; i < 5; ++i) {
    EXPECT_FLOAT_EQ(r[i], relu_expected[i]);
    EXPECT_NEAR(s[i], 1.0 / (1.0 + std::exp(-static_cast<double>(x[i]))), 1e-7);
    EXPECT_NEAR(t[i], std::tanh(static_cast<double>(x[i])), 1e-7);
  }
  EXPECT_FLOAT_EQ(s[2], 0.5f);
  EXPECT_TRUE(std::isfinite(s[0]));  // no exp overflow for very negative inputs
  EXPECT_EQ(s[0], s[0]);
}

TEST(Activation, GradientsMatchFiniteDifferences) {
  // Inputs drawn away from ReLU's kink at 0 by the checker's kink detection.
  for (int batch : {1, 4}) {
    ReLU relu;
    Sigmoid sigmoid;
    Tanh tanh_layer;
    for (Layer* l : std::initializer_list<Layer*>{&relu, &sigmoid, &tanh_layer}) {
      auto rep = test::check_layer(*l, {test::random_tensor(Shape{batch, 7}, 10 + static_cast<uint64_t>(batch), 2.0f)});
      EXPECT_TRUE(rep.ok) << l->type_name() << " batch " << batch << "\n" << rep.failures;
    }
  }
}

TEST(Activation, LeakyReluEluGeluClosedForms) {
  Tensor x(Shape{1, 5}, {-3, -0.5f, 0, 0.5f, 3});
  auto leaky = test::make("LeakyReLU", {});
  auto leaky2 = test::make("LeakyReLU", {{"negative_slope", "0.2"}});
  auto elu = test::make("ELU", {{"alpha", "1.5"}});
  auto gelu = test::make("GELU", {});
  auto gelu_tanh = test::make("GELU", {{"approximate", "tanh"}});
  Tensor l = test::forward(*leaky, {x}), l2 = test::forward(*leaky2, {x}), e = test::forward(*elu, {x}),
         g = test::forward(*gelu, {x}), gt = test::forward(*gelu_tanh, {x});
  for (int i = 0; i < 5; ++i) {
    const double v = x[i];
    EXPECT_FLOAT_EQ(l[i], static_cast<float>(v > 0 ? v : 0.01 * v));
    EXPECT_FLOAT_EQ(l2[i], static_cast<float>(v > 0 ? v : 0.2 * v));
    EXPECT_NEAR(e[i], v > 0 ? v : 1.5 * (std::exp(v) - 1), 1e-6);
    EXPECT_NEAR(g[i], 0.5 * v * (1 + std::erf(v / std::sqrt(2.0))), 1e-6);
    EXPECT_NEAR(gt[i], 0.5 * v * (1 + std::tanh(std::sqrt(2 / M_PI) * (v + 0.044715 * v * v * v))), 1e-6);
  }
  EXPECT_NEAR(g[4], 2.99595, 1e-5);  // GELU(3) = 3·Φ(3)
  EXPECT_EQ(test::make_status("GELU", {{"approximate", "sigmoid"}}).code(), ErrorCode::INVALID_ARGUMENT);
  EXPECT_EQ(test::make_status("LeakyReLU", {{"slope", "0.1"}}).code(), ErrorCode::INVALID_ARGUMENT);
  EXPECT_EQ(leaky2->describe(), "LeakyReLU(0.2)");
}

TEST(Activation, NewActivationsMatchFiniteDifferences) {
  using C = test::GradCase;
  test::check_cases({
      C{"LeakyReLU", {}, {Shape{1, 9}}, Mode::Train, 2.0f},
      C{"LeakyReLU", {{"negative_slope", "-0.3"}}, {Shape{3, 2, 2, 2}}, Mode::Train, 2.0f},
      C{"ELU", {}, {Shape{4, 7}}, Mode::Train, 2.0f},
      C{"ELU", {{"alpha", "0.5"}}, {Shape{2, 3, 2}}, Mode::Train, 2.0f},
      C{"GELU", {}, {Shape{1, 11}}, Mode::Train, 2.0f},
      C{"GELU", {{"approximate", "tanh"}}, {Shape{3, 5}}, Mode::Train, 2.0f},
  });
}

TEST(Activation, ParseAndPrintKeys) {
  for (Activation a : {Activation::ReLU, Activation::Sigmoid, Activation::Tanh, Activation::Linear}) {
    auto back = parse_activation(activation_key(a));
    ASSERT_TRUE(back.ok());
    EXPECT_EQ(back.value(), a);
  }
  EXPECT_EQ(parse_activation("softplus").status().code(), ErrorCode::INVALID_ARGUMENT);
}

}  // namespace
}  // namespace nnplay::nn
