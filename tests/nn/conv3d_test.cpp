// Conv3d: a direct (nine-loop) reference, shapes and errors, and the shared
// gradient checker over kernels/strides/padding/dilation that differ per axis
// (depth included), padding "same", groups and batch 1.
#include "nn/conv3d.h"

#include <gtest/gtest.h>

#include "layer_test_util.h"

namespace nnplay::nn {
namespace {

Tensor direct_conv3d(const Tensor& x, const Tensor& w, const Tensor* b, int groups, std::array<int, 3> s,
                     std::array<int, 3> p, std::array<int, 3> d, Shape out) {
  const int N = x.dim(0), C = x.dim(1), D = x.dim(2), H = x.dim(3), W = x.dim(4);
  const int O = w.dim(0), Cg = w.dim(1), kd = w.dim(2), kh = w.dim(3), kw = w.dim(4), Og = O / groups;
  Tensor y(out);
  int64_t at = 0;
  for (int n = 0; n < N; ++n)
    for (int o = 0; o < O; ++o)
      for (int od = 0; od < out[2]; ++od)
        for (int oh = 0; oh < out[3]; ++oh)
          for (int ow = 0; ow < out[4]; ++ow, ++at) {
            double acc = b ? (*b)[o] : 0.0;
            for (int c = 0; c < Cg; ++c)
              for (int a = 0; a < kd; ++a)
                for (int i = 0; i < kh; ++i)
                  for (int j = 0; j < kw; ++j) {
                    const int id = od * s[0] - p[0] + a * d[0], ih = oh * s[1] - p[1] + i * d[1],
                              iw = ow * s[2] - p[2] + j * d[2];
                    if (id < 0 || id >= D || ih < 0 || ih >= H || iw < 0 || iw >= W) continue;
                    const int ci = (o / Og) * Cg + c;
                    acc += double(w[(((o * Cg + c) * kd + a) * kh + i) * kw + j]) *
                           x[(((n * C + ci) * D + id) * H + ih) * W + iw];
                  }
            y[at] = static_cast<float>(acc);
          }
  return y;
}

TEST(Conv3d, MatchesTheDirectDefinition) {
  auto layer = test::make("Conv3d", {{"out_channels", "4"}, {"kernel_size", "2,3,1"}, {"stride", "1,2,1"},
                                     {"padding", "1,0,1"}, {"dilation", "2,1,1"}, {"groups", "2"}});
  const Tensor x = test::random_tensor(Shape{2, 2, 4, 5, 3}, 5);
  Tensor y = test::forward(*layer, {x});
  // D: (4 + 2 − 2 − 1)/1 + 1 = 4; H: (5 − 3)/2 + 1 = 2; W: (3 + 2 − 1) + 1 = 5
  ASSERT_EQ(y.shape(), (Shape{2, 4, 4, 2, 5}));
  auto& conv = static_cast<Conv3d&>(*layer);
  EXPECT_EQ(conv.weight().shape(), (Shape{4, 1, 2, 3, 1}));
  EXPECT_TENSOR_NEAR(y, direct_conv3d(x, conv.weight(), &conv.bias(), 2, {1, 2, 1}, {1, 0, 1}, {2, 1, 1}, y.shape()),
                     1e-5, 1e-5);
  EXPECT_EQ(layer->describe(), "Conv3d(2\u21924, k=(2, 3, 1), s=(1, 2, 1), p=(1, 0, 1), d=(2, 1, 1), groups=2)");
}

TEST(Conv3d, SamePaddingAndErrors) {
  auto layer = test::make("Conv3d", {{"out_channels", "2"}, {"kernel_size", "3,2,3"}, {"padding", "same"}});
  Tensor y = test::forward(*layer, {test::random_tensor(Shape{1, 1, 3, 4, 5}, 6)});
  EXPECT_EQ(y.shape(), (Shape{1, 2, 3, 4, 5}));
  Shape out;
  EXPECT_EQ(test::setup(*layer, {Tensor(Shape{1, 1, 4, 4})}, &out).code(), ErrorCode::SHAPE_MISMATCH);
  EXPECT_EQ(test::make_status("Conv3d", {{"out_channels", "2"}, {"kernel_size", "3,3"}}).code(),
            ErrorCode::INVALID_ARGUMENT);
}

TEST(Conv3d, GradientsMatchFiniteDifferences) {
  using C = test::GradCase;
  test::check_cases({
      C{"Conv3d", {{"out_channels", "1"}, {"kernel_size", "2"}}, {Shape{1, 1, 3, 3, 3}}},
      C{"Conv3d",
        {{"out_channels", "3"}, {"kernel_size", "3,2,2"}, {"stride", "2,1,2"}, {"padding", "1,0,1"},
         {"dilation", "1,2,1"}},
        {Shape{2, 2, 5, 4, 5}}},
      C{"Conv3d", {{"out_channels", "2"}, {"kernel_size", "2,3,3"}, {"padding", "same"}}, {Shape{2, 2, 3, 4, 3}}},
      C{"Conv3d", {{"out_channels", "4"}, {"kernel_size", "1,3,3"}, {"groups", "2"}, {"bias", "false"}},
        {Shape{1, 4, 2, 4, 4}}},
  });
}

}  // namespace
}  // namespace nnplay::nn
