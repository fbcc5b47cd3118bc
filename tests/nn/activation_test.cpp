#include "nn/activation.h"

#include <gtest/gtest.h>

#include <cmath>

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
