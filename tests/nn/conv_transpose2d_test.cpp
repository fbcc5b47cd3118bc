// ConvTranspose2d: its forward is Conv2d's input gradient with the same
// weights (the defining adjoint property), the output-size formula with
// output_padding, errors, and the shared gradient checker over stride,
// padding, output_padding, dilation and groups.
#include "nn/conv_transpose2d.h"

#include <gtest/gtest.h>

#include "layer_test_util.h"
#include "nn/conv2d.h"

namespace nnplay::nn {
namespace {

TEST(ConvTranspose2d, IsTheInputGradientOfConv2d) {
  // Conv2d(6 -> 4, groups 2) maps t (2, 6, 7, 6) to x (2, 4, 4, 4). ConvTranspose2d(4 -> 6) with the
  // same hyperparameters and the same weight memory maps g (2, 4, 4, 4) back to (2, 6, 7, 6) and must
  // equal the Conv2d's input gradient for upstream gradient g.
  const std::map<std::string, std::string> conv_args = {
      {"out_channels", "4"}, {"kernel_size", "3,2"}, {"stride", "2,1"}, {"padding", "1,0"}, {"dilation", "1,2"},
      {"groups", "2"}, {"bias", "false"}};
  auto conv = test::make("Conv2d", conv_args);
  const Tensor t = test::random_tensor(Shape{2, 6, 7, 6}, 7);
  Tensor xc = test::forward(*conv, {t});
  ASSERT_EQ(xc.shape(), (Shape{2, 4, 4, 4}));
  // H: (4 − 1)·2 − 2 + 2 + 1 = 7 with output_padding 0; W: 3 − 0 + 2 + 1 = 6.
  auto tconv = test::make("ConvTranspose2d", {{"out_channels", "6"}, {"kernel_size", "3,2"}, {"stride", "2,1"},
                                              {"padding", "1,0"}, {"dilation", "1,2"}, {"groups", "2"},
                                              {"bias", "false"}});
  const Tensor g = test::random_tensor(xc.shape(), 8);
  Shape out;
  ASSERT_TRUE(test::setup(*tconv, {g}, &out).ok());
  ASSERT_EQ(out, (Shape{1, 6, 7, 6}));
  // Conv weight (C_out=4, C_in/G=3, kh, kw) is, per group, the transpose of
  // ConvTranspose's (C_in=4, C_out/G=3, kh, kw): identical memory.
  auto& cw = static_cast<Conv2d&>(*conv).weight();
  auto& tw = static_cast<ConvTranspose2d&>(*tconv).weight();
  ASSERT_EQ(cw.numel(), tw.numel());
  tw.vec() = cw.vec();
  Tensor y = test::forward(*tconv, {g}, Mode::Train, 1, /*keep_params=*/true);
  Tensor dt(t.shape());
  dt.zero();
  const Tensor* xs[] = {&t};
  Tensor* dxs[] = {&dt};
  conv->backward(xs, xc, g, dxs);
  EXPECT_TENSOR_NEAR(y, dt, 1e-5, 1e-5);
}

TEST(ConvTranspose2d, OutputPaddingSizesAndErrors) {
  auto layer = test::make("ConvTranspose2d", {{"out_channels", "2"}, {"kernel_size", "3"}, {"stride", "2"},
                                              {"padding", "1"}, {"output_padding", "1"}});
  Shape out;
  ASSERT_TRUE(test::setup(*layer, {Tensor(Shape{1, 3, 4, 5})}, &out).ok());
  EXPECT_EQ(out, (Shape{1, 2, 8, 10}));  // (4−1)·2 − 2 + 2 + 1 + 1 = 8: exactly doubles
  EXPECT_EQ(test::make_status("ConvTranspose2d", {{"out_channels", "2"}, {"kernel_size", "3"}, {"output_padding", "1"}})
                .code(),
            ErrorCode::INVALID_ARGUMENT);  // output_padding must be < stride or dilation
  EXPECT_EQ(test::make_status("ConvTranspose2d", {{"out_channels", "3"}, {"kernel_size", "3"}, {"groups", "2"}}).code(),
            ErrorCode::INVALID_ARGUMENT);
  EXPECT_EQ(layer->describe(), "ConvTranspose2d(3\u21922, k=3, s=2, p=1, op=1)");
}

TEST(ConvTranspose2d, ClosedFormScatter) {
  // One input pixel of value 2 at (0, 0), kernel of ones 2x2, stride 2: a 2x2 block of 2s (+ bias 1).
  auto layer = test::make("ConvTranspose2d", {{"out_channels", "1"}, {"kernel_size", "2"}, {"stride", "2"}});
  Tensor x(Shape{1, 1, 2, 2}, {2, 0, 0, 3});
  Shape out;
  ASSERT_TRUE(test::setup(*layer, {x}, &out).ok());
  static_cast<ConvTranspose2d&>(*layer).weight().fill(1.0f);
  static_cast<ConvTranspose2d&>(*layer).bias().fill(1.0f);
  Tensor y = test::forward(*layer, {x}, Mode::Train, 1, true);
  ASSERT_EQ(y.shape(), (Shape{1, 1, 4, 4}));
  const float expected[] = {3, 3, 1, 1, 3, 3, 1, 1, 1, 1, 4, 4, 1, 1, 4, 4};
  for (int i = 0; i < 16; ++i) EXPECT_FLOAT_EQ(y[i], expected[i]) << i;
}

TEST(ConvTranspose2d, GradientsMatchFiniteDifferences) {
  using C = test::GradCase;
  test::check_cases({
      C{"ConvTranspose2d", {{"out_channels", "1"}, {"kernel_size", "3"}}, {Shape{1, 1, 3, 3}}},
      C{"ConvTranspose2d",
        {{"out_channels", "3"}, {"kernel_size", "3,2"}, {"stride", "2,3"}, {"padding", "1,0"},
         {"output_padding", "1,2"}},
        {Shape{2, 2, 3, 4}}},
      C{"ConvTranspose2d", {{"out_channels", "4"}, {"kernel_size", "2"}, {"dilation", "2,1"}, {"groups", "2"}},
        {Shape{2, 4, 3, 3}}},
      C{"ConvTranspose2d", {{"out_channels", "2"}, {"kernel_size", "1"}, {"bias", "false"}}, {Shape{3, 3, 2, 3}}},
  });
}

}  // namespace
}  // namespace nnplay::nn
