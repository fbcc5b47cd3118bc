// BatchNorm1d/2d: train mode normalises each channel over the batch (mean 0,
// biased variance 1), moves running statistics by PyTorch's convention
// (new = 0.9·old + 0.1·batch, unbiased running_var, num_batches_tracked += 1);
// eval mode is the closed-form affine map from the running statistics and
// leaves them alone; momentum=None is a cumulative average; and the shared
// gradient checker in both modes ((N, C), (N, C, L), (N, C, H, W), batch 1
// with positions, no affine, no tracking). PyTorch goldens pin the same
// numbers in tests/reference/layers_norm.json.
#include "nn/batch_norm.h"

#include <gtest/gtest.h>

#include <cmath>

#include "layer_test_util.h"

namespace nnplay::nn {
namespace {

TEST(BatchNorm, TrainNormalisesAndUpdatesRunningStatsLikePyTorch) {
  auto layer = test::make("BatchNorm2d", {});
  const int N = 3, C = 2, S = 5;
  Tensor x = test::random_tensor(Shape{N, C, 1, S}, 1, 2.0f);
  for (int64_t i = 0; i < x.numel(); ++i) x[i] += 1.5f;
  Tensor y = test::forward(*layer, {x});
  auto& bn = static_cast<BatchNorm2d&>(*layer);
  for (int c = 0; c < C; ++c) {
    double s = 0, s2 = 0, xs = 0, xs2 = 0;
    for (int n = 0; n < N; ++n)
      for (int i = 0; i < S; ++i) {
        const int at = (n * C + c) * S + i;
        s += y[at], s2 += double(y[at]) * y[at];
        xs += x[at], xs2 += double(x[at]) * x[at];
      }
    const double m = N * S, mean = xs / m, var = xs2 / m - mean * mean;
    EXPECT_NEAR(s / m, 0.0, 1e-6);
    EXPECT_NEAR(s2 / m, var / (var + 1e-5), 1e-5);
    EXPECT_NEAR(bn.running_mean()[c], 0.1 * mean, 1e-5);
    EXPECT_NEAR(bn.running_var()[c], 0.9 + 0.1 * var * m / (m - 1), 1e-5);  // unbiased
  }
  EXPECT_EQ(bn.num_batches_tracked()[0], 1.0f);
  ASSERT_EQ(layer->buffers().size(), 3u);
  EXPECT_STREQ(layer->buffers()[0].name, "running_mean");
  EXPECT_EQ(layer->params()[0].weight_decay_mul, 0.0f);
}

TEST(BatchNorm, EvalUsesRunningStatsAndDoesNotUpdateThem) {
  auto layer = test::make("BatchNorm1d", {{"eps", "0.001"}});
  Tensor x = test::random_tensor(Shape{4, 3}, 2);
  Shape out;
  ASSERT_TRUE(test::setup(*layer, {x}, &out).ok());
  auto& bn = static_cast<BatchNorm1d&>(*layer);
  const float rm[] = {0.5f, -1, 2}, rv[] = {4, 0.25f, 1}, g[] = {2, 1, -1}, b[] = {0, 1, 0.5f};
  for (int c = 0; c < 3; ++c) {
    bn.running_mean()[c] = rm[c], bn.running_var()[c] = rv[c];
    bn.weight()[c] = g[c], bn.bias()[c] = b[c];
  }
  Tensor y = test::forward(*layer, {x}, Mode::Eval, 1, /*keep_params=*/true);
  for (int n = 0; n < 4; ++n)
    for (int c = 0; c < 3; ++c)
      EXPECT_NEAR(y[n * 3 + c], (x[n * 3 + c] - rm[c]) / std::sqrt(rv[c] + 0.001) * g[c] + b[c], 1e-5);
  EXPECT_EQ(bn.running_mean()[0], 0.5f);
  EXPECT_EQ(bn.num_batches_tracked()[0], 0.0f);
}

TEST(BatchNorm, CumulativeMomentumNoneAndNoTracking) {
  auto cum = test::make("BatchNorm1d", {{"momentum", "None"}});
  Tensor a(Shape{2, 1}, {0, 2}), b(Shape{2, 1}, {4, 6});  // batch means 1 and 5
  test::forward(*cum, {a});
  test::forward(*cum, {b}, Mode::Train, 1, true);
  EXPECT_NEAR(static_cast<BatchNorm1d&>(*cum).running_mean()[0], 3.0, 1e-6);  // (1 + 5) / 2
  auto untracked = test::make("BatchNorm1d", {{"track_running_stats", "false"}});
  Tensor e = test::forward(*untracked, {a}, Mode::Eval);
  EXPECT_NEAR(e[0], -1.0, 1e-4);  // batch statistics even in eval
  EXPECT_TRUE(untracked->buffers().empty());
  Shape out;
  EXPECT_EQ(test::setup(*cum, {Tensor(Shape{2, 3, 4, 4})}, &out).code(), ErrorCode::SHAPE_MISMATCH);
  auto bn2 = test::make("BatchNorm2d", {{"num_features", "3"}});
  EXPECT_EQ(test::setup(*bn2, {Tensor(Shape{2, 4, 2, 2})}, &out).code(), ErrorCode::SHAPE_MISMATCH);
  EXPECT_EQ(test::make_status("BatchNorm2d", {{"momentum", "2"}}).code(), ErrorCode::INVALID_ARGUMENT);
}

TEST(BatchNorm, GradientsMatchFiniteDifferences) {
  using C = test::GradCase;
  test::check_cases({
      C{"BatchNorm1d", {}, {Shape{5, 3}}, Mode::Train},
      C{"BatchNorm1d", {}, {Shape{3, 2, 4}}, Mode::Train},
      C{"BatchNorm1d", {}, {Shape{5, 3}}, Mode::Eval},
      C{"BatchNorm2d", {}, {Shape{2, 3, 3, 2}}, Mode::Train},
      C{"BatchNorm2d", {}, {Shape{1, 2, 3, 3}}, Mode::Train},  // batch of 1: statistics over positions
      C{"BatchNorm2d", {}, {Shape{2, 3, 2, 2}}, Mode::Eval},
      C{"BatchNorm2d", {{"affine", "false"}}, {Shape{3, 2, 2, 3}}, Mode::Train},
      C{"BatchNorm2d", {{"track_running_stats", "false"}}, {Shape{3, 2, 2, 2}}, Mode::Eval},
  });
}

}  // namespace
}  // namespace nnplay::nn
