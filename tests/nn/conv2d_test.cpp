// Conv2d: closed-form forward, a direct (seven-loop) reference on odd
// configurations, shape rules and errors, and the shared gradient checker
// over stride/dilation that differ per axis, padding "same" with an even
// kernel, groups (depthwise), pointwise, no bias and batch 1.
#include "nn/conv2d.h"

#include <gtest/gtest.h>

#include "layer_test_util.h"
#include "core/parallel.h"

namespace nnplay::nn {
namespace {

// Direct definition of a grouped, strided, dilated, zero-padded convolution.
Tensor direct_conv2d(const Tensor& x, const Tensor& w, const Tensor* b, int groups, std::array<int, 2> stride,
                     std::array<int, 2> pad, std::array<int, 2> dil, int out_h, int out_w) {
  const int N = x.dim(0), C = x.dim(1), H = x.dim(2), W = x.dim(3);
  const int O = w.dim(0), Cg = w.dim(1), kh = w.dim(2), kw = w.dim(3), Og = O / groups;
  Tensor y(Shape{N, O, out_h, out_w});
  for (int n = 0; n < N; ++n)
    for (int o = 0; o < O; ++o)
      for (int oh = 0; oh < out_h; ++oh)
        for (int ow = 0; ow < out_w; ++ow) {
          double s = b ? (*b)[o] : 0.0;
          for (int c = 0; c < Cg; ++c)
            for (int i = 0; i < kh; ++i)
              for (int j = 0; j < kw; ++j) {
                const int ih = oh * stride[0] - pad[0] + i * dil[0], iw = ow * stride[1] - pad[1] + j * dil[1];
                if (ih < 0 || ih >= H || iw < 0 || iw >= W) continue;
                const int ci = (o / Og) * Cg + c;
                s += double(w[((o * Cg + c) * kh + i) * kw + j]) * x[((n * C + ci) * H + ih) * W + iw];
              }
          y[((n * O + o) * out_h + oh) * out_w + ow] = static_cast<float>(s);
        }
  return y;
}

TEST(Conv2d, ClosedFormBoxFilter) {
  // 3x3 input 1..9, one 2x2 kernel of ones, bias 0.5: each output is a 2x2 window sum + 0.5.
  auto layer = test::make("Conv2d", {{"out_channels", "1"}, {"kernel_size", "2"}});
  Tensor x(Shape{1, 1, 3, 3}, {1, 2, 3, 4, 5, 6, 7, 8, 9});
  Shape out;
  ASSERT_TRUE(test::setup(*layer, {x}, &out).ok());
  auto& conv = static_cast<Conv2d&>(*layer);
  conv.weight().fill(1.0f);
  conv.bias().fill(0.5f);
  Tensor y = test::forward(*layer, {x}, Mode::Train, 1, /*keep_params=*/true);
  ASSERT_EQ(y.shape(), (Shape{1, 1, 2, 2}));
  EXPECT_FLOAT_EQ(y[0], 1 + 2 + 4 + 5 + 0.5f);
  EXPECT_FLOAT_EQ(y[1], 2 + 3 + 5 + 6 + 0.5f);
  EXPECT_FLOAT_EQ(y[2], 4 + 5 + 7 + 8 + 0.5f);
  EXPECT_FLOAT_EQ(y[3], 5 + 6 + 8 + 9 + 0.5f);
}

struct RefCase {
  std::map<std::string, std::string> args;
  Shape x;
  int groups;
  std::array<int, 2> stride, pad, dil;
  Shape y;
};

TEST(Conv2d, MatchesTheDirectDefinition) {
  const RefCase cases[] = {
      {{{"out_channels", "4"}, {"kernel_size", "3,2"}, {"stride", "2,1"}, {"padding", "1,0"}, {"dilation", "1,2"}},
       Shape{2, 3, 7, 6}, 1, {2, 1}, {1, 0}, {1, 2}, Shape{2, 4, 4, 4}},
      {{{"out_channels", "6"}, {"kernel_size", "3"}, {"groups", "2"}, {"padding", "2"}, {"stride", "3"}},
       Shape{1, 4, 5, 8}, 2, {3, 3}, {2, 2}, {1, 1}, Shape{1, 6, 3, 4}},
      {{{"out_channels", "3"}, {"kernel_size", "3"}, {"groups", "3"}, {"padding", "1"}},
       Shape{2, 3, 4, 5}, 3, {1, 1}, {1, 1}, {1, 1}, Shape{2, 3, 4, 5}},  // depthwise
      {{{"out_channels", "5"}, {"kernel_size", "1"}}, Shape{3, 2, 3, 3}, 1, {1, 1}, {0, 0}, {1, 1},
       Shape{3, 5, 3, 3}},  // pointwise
  };
  for (const RefCase& c : cases) {
    auto layer = test::make("Conv2d", c.args);
    const Tensor x = test::random_tensor(c.x, 3);
    Tensor y = test::forward(*layer, {x});
    ASSERT_EQ(y.shape(), c.y) << layer->describe();
    auto& conv = static_cast<Conv2d&>(*layer);
    const Tensor expected =
        direct_conv2d(x, conv.weight(), &conv.bias(), c.groups, c.stride, c.pad, c.dil, c.y[2], c.y[3]);
    EXPECT_TENSOR_NEAR(y, expected, 1e-5, 1e-5);
  }
}

TEST(Conv2d, SamePaddingKeepsTheSizeWithEvenKernelsLikePyTorch) {
  // kernel 4, dilation 2: total padding 6 -> 3 before, 3 after; kernel 2: 0 before, 1 after.
  auto layer = test::make("Conv2d", {{"out_channels", "2"}, {"kernel_size", "4,2"}, {"padding", "same"},
                                     {"dilation", "2,1"}});
  const Tensor x = test::random_tensor(Shape{2, 3, 5, 6}, 4);
  Tensor y = test::forward(*layer, {x});
  ASSERT_EQ(y.shape(), (Shape{2, 2, 5, 6}));
  auto& conv = static_cast<Conv2d&>(*layer);
  // Pad (3 top, 3 bottom) x (0 left, 1 right): the direct form with leading pads (3, 0).
  EXPECT_TENSOR_NEAR(y, direct_conv2d(x, conv.weight(), &conv.bias(), 1, {1, 1}, {3, 0}, {2, 1}, 5, 6), 1e-5, 1e-5);
}

TEST(Conv2d, SamePaddingAtStrideTwoFollowsTensorFlow) {
  // PyTorch refuses 'same' at stride > 1; TensorFlow's rule: out = ceil(in / 2),
  // H 5 -> 3 with total padding (3 − 1)·2 + 3 − 5 = 2 (1 before), W 6 -> 3 with
  // total 1: none before, the extra column after.
  auto layer = test::make("Conv2d", {{"out_channels", "2"}, {"kernel_size", "3"}, {"padding", "same"}, {"stride", "2"}});
  const Tensor x = test::random_tensor(Shape{2, 3, 5, 6}, 5);
  Tensor y = test::forward(*layer, {x});
  ASSERT_EQ(y.shape(), (Shape{2, 2, 3, 3}));
  auto& conv = static_cast<Conv2d&>(*layer);
  EXPECT_TENSOR_NEAR(y, direct_conv2d(x, conv.weight(), &conv.bias(), 1, {2, 2}, {1, 0}, {1, 1}, 3, 3), 1e-5, 1e-5);
}

TEST(Conv2d, RejectsBadArgumentsAndShapes) {
  EXPECT_EQ(test::make_status("Conv2d", {{"out_channels", "2"}}).code(), ErrorCode::INVALID_ARGUMENT);  // no kernel
  EXPECT_EQ(test::make_status("Conv2d", {{"out_channels", "2"}, {"kernal_size", "3"}}).code(),
            ErrorCode::INVALID_ARGUMENT);
  EXPECT_EQ(test::make_status("Conv2d", {{"out_channels", "3"}, {"kernel_size", "3"}, {"groups", "2"}}).code(),
            ErrorCode::INVALID_ARGUMENT);
  EXPECT_EQ(test::make_status("Conv2d", {{"out_channels", "3"}, {"kernel_size", "3,3,3"}}).code(),
            ErrorCode::INVALID_ARGUMENT);
  Shape out;
  auto small = test::make("Conv2d", {{"out_channels", "2"}, {"kernel_size", "5"}});
  EXPECT_EQ(test::setup(*small, {Tensor(Shape{1, 1, 4, 4})}, &out).code(), ErrorCode::SHAPE_MISMATCH);
  EXPECT_EQ(test::setup(*small, {Tensor(Shape{1, 16})}, &out).code(), ErrorCode::SHAPE_MISMATCH);
  auto grouped = test::make("Conv2d", {{"out_channels", "4"}, {"kernel_size", "1"}, {"groups", "2"}});
  EXPECT_EQ(test::setup(*grouped, {Tensor(Shape{1, 3, 4, 4})}, &out).code(), ErrorCode::INVALID_ARGUMENT);
  auto named = test::make("Conv2d", {{"in_channels", "3"}, {"out_channels", "4"}, {"kernel_size", "1"}});
  EXPECT_EQ(test::setup(*named, {Tensor(Shape{1, 2, 4, 4})}, &out).code(), ErrorCode::SHAPE_MISMATCH);
}

TEST(Conv2d, DescribeAndCost) {
  auto layer = test::make("Conv2d", {{"out_channels", "8"}, {"kernel_size", "3"}, {"stride", "2,1"}, {"groups", "2"}});
  Shape out;
  ASSERT_TRUE(test::setup(*layer, {Tensor(Shape{1, 4, 9, 9})}, &out).ok());
  EXPECT_EQ(layer->describe(), "Conv2d(4\u21928, k=3, s=(2, 1), groups=2)");
  EXPECT_EQ(out, (Shape{1, 8, 4, 7}));
  EXPECT_EQ(layer->macs_per_sample(), 8 * 4 * 7 * (2 * 3 * 3));
}

TEST(Conv2d, GradientsMatchFiniteDifferences) {
  using C = test::GradCase;
  test::check_cases({
      C{"Conv2d", {{"out_channels", "1"}, {"kernel_size", "3"}}, {Shape{1, 1, 5, 5}}},
      C{"Conv2d",
        {{"out_channels", "3"}, {"kernel_size", "3,2"}, {"stride", "2,1"}, {"padding", "1,0"}, {"dilation", "1,2"}},
        {Shape{2, 2, 7, 6}}},
      C{"Conv2d", {{"out_channels", "2"}, {"kernel_size", "4,3"}, {"padding", "same"}, {"dilation", "1,2"}},
        {Shape{2, 2, 5, 7}}},
      C{"Conv2d", {{"out_channels", "4"}, {"kernel_size", "3"}, {"groups", "2"}, {"stride", "3,2"}, {"padding", "2"}},
        {Shape{1, 4, 6, 5}}},
      C{"Conv2d", {{"out_channels", "6"}, {"kernel_size", "3"}, {"groups", "3"}, {"padding", "1"}},
        {Shape{2, 3, 4, 5}}},  // depthwise with multiplier 2
      C{"Conv2d", {{"out_channels", "3"}, {"kernel_size", "1"}, {"bias", "false"}}, {Shape{3, 4, 3, 2}}},
      C{"Conv2d", {{"out_channels", "2"}, {"kernel_size", "2"}, {"stride", "3"}}, {Shape{2, 3, 7, 5}}},
      // batch 1 = max_batch: forward keeps the padded image for backward (the wide-row path's cache)
      C{"Conv2d", {{"out_channels", "3"}, {"kernel_size", "5"}, {"padding", "2"}}, {Shape{1, 2, 6, 7}}},
      C{"Conv2d", {{"out_channels", "5"}, {"kernel_size", "3"}, {"groups", "1"}}, {Shape{1, 3, 8, 9}}},
      // 8 or more outputs per group: the weight gradient computed transposed
      // (conv_plan.h's dweight_an), 9 padded to 16 columns, and per group
      C{"Conv2d", {{"out_channels", "9"}, {"kernel_size", "3"}, {"padding", "1"}}, {Shape{2, 2, 5, 6}}},
      C{"Conv2d", {{"out_channels", "16"}, {"kernel_size", "3"}, {"groups", "2"}, {"bias", "false"}}, {Shape{2, 4, 5, 5}}},
  });
}

TEST(Conv2d, ThreadsSplitTheBatchWithTheSameResults) {
  // Padded stride-1 convolution (the wide-rows path, which splits samples
  // between threads): 7 samples over 2 and 3 parts (uneven shares), large
  // enough for forward and backward to be split (2.3M and 4.6M
  // multiply-adds, over kParallelMacs = 2.1M). That the work was split is
  // read from the thread team's record (one run() of `threads` parts per
  // pass), not from the numbers: per-sample outputs and input gradients are
  // computed by the same code whichever part runs them, so equal bit for
  // bit; dW sums the parts' shares in part order, so equal to rounding
  // (which may or may not change a bit).
  if (!parallel::threads_available()) GTEST_SKIP() << "this build has no threads";
  const std::map<std::string, std::string> args = {{"out_channels", "16"}, {"kernel_size", "3"}, {"padding", "1"}};
  const Tensor x = test::random_tensor(Shape{7, 9, 16, 16}, 5);
  const Tensor dy = test::random_tensor(Shape{7, 16, 16, 16}, 6);
  struct Out {
    Tensor y, dx, dw;
  };
  auto run = [&](int threads) {
    EXPECT_TRUE(parallel::set_num_threads(threads).ok());
    auto layer = test::make("Conv2d", args);
    auto& conv = static_cast<Conv2d&>(*layer);
    Out o;
    const int64_t runs = parallel::run_count();
    o.y = test::forward(*layer, {x});
    EXPECT_EQ(conv.plan().algo, kernels::ConvAlgo::WideRows);
    if (threads > 1) {
      EXPECT_EQ(parallel::run_count() - runs, 1) << threads << " threads: forward";
      EXPECT_EQ(parallel::last_run_parts(), threads) << "forward";
    }
    o.dx = Tensor(x.shape());
    o.dx.zero();
    const Tensor* xs[] = {&x};
    Tensor* dxs[] = {&o.dx};
    auto params = layer->params();
    for (ParamRef& p : params) p.grad->zero();
    layer->backward(xs, o.y, dy, dxs);
    if (threads > 1) {
      EXPECT_EQ(parallel::run_count() - runs, 2) << threads << " threads: backward";
      EXPECT_EQ(parallel::last_run_parts(), threads) << "backward";
    } else {
      EXPECT_EQ(parallel::run_count(), runs) << "one thread runs inline, without the team";
    }
    o.dw = *params[0].grad;  // weight
    if (threads == 1)
      EXPECT_TENSOR_NEAR(o.y, direct_conv2d(x, conv.weight(), &conv.bias(), 1, {1, 1}, {1, 1}, {1, 1}, 16, 16), 1e-5, 1e-5);
    return o;
  };
  const Out one = run(1);
  for (int threads : {2, 3}) {
    const Out many = run(threads);
    for (int64_t i = 0; i < one.y.numel(); ++i) ASSERT_EQ(one.y[i], many.y[i]) << threads << " threads, y[" << i << "]";
    for (int64_t i = 0; i < one.dx.numel(); ++i) ASSERT_EQ(one.dx[i], many.dx[i]) << threads << " threads, dx[" << i << "]";
    EXPECT_TENSOR_NEAR(many.dw, one.dw, 1e-5, 1e-5);
  }
  ASSERT_TRUE(parallel::set_num_threads(1).ok());
}

TEST(Conv2d, SmallConvolutionsStayOnOneThread) {
  // Under kParallelMacs per call (LeNet's second convolution on a batch of
  // 2: 0.48M) waking the team costs more than it saves: no run() at all.
  if (!parallel::threads_available()) GTEST_SKIP() << "this build has no threads";
  ASSERT_TRUE(parallel::set_num_threads(2).ok());
  auto layer = test::make("Conv2d", {{"out_channels", "16"}, {"kernel_size", "5"}});
  const Tensor x = test::random_tensor(Shape{2, 6, 14, 14}, 7);
  const int64_t runs = parallel::run_count();
  const Tensor y = test::forward(*layer, {x});
  ASSERT_EQ(static_cast<Conv2d&>(*layer).plan().algo, kernels::ConvAlgo::WideRows);
  Tensor dx(x.shape());
  dx.zero();
  const Tensor* xs[] = {&x};
  Tensor* dxs[] = {&dx};
  layer->backward(xs, y, test::random_tensor(y.shape(), 8), dxs);
  EXPECT_EQ(parallel::run_count(), runs);
  ASSERT_TRUE(parallel::set_num_threads(1).ok());
}

}  // namespace
}  // namespace nnplay::nn
