// InstanceNorm2d: each (sample, channel) plane standardised; by default
// (track_running_stats=false) the same in train and eval with no buffers; with
// tracking, running statistics follow PyTorch (batch average of per-instance
// mean and unbiased variance, momentum 0.1) and eval uses them; the shared
// gradient checker in both modes.
#include "nn/instance_norm.h"

#include <gtest/gtest.h>

#include <cmath>

#include "layer_test_util.h"

namespace nnplay::nn {
namespace {

TEST(InstanceNorm2d, StandardisesEachPlane) {
  auto layer = test::make("InstanceNorm2d", {});
  Tensor x = test::random_tensor(Shape{2, 3, 3, 4}, 1, 2.0f);
  Tensor y = test::forward(*layer, {x});
  for (int r = 0; r < 6; ++r) {
    double s = 0, s2 = 0;
    for (int i = 0; i < 12; ++i) s += y[r * 12 + i], s2 += double(y[r * 12 + i]) * y[r * 12 + i];
    EXPECT_NEAR(s / 12, 0, 1e-6);
    EXPECT_NEAR(s2 / 12, 1, 1e-3);
  }
  EXPECT_TRUE(layer->params().empty());
  EXPECT_TRUE(layer->buffers().empty());
  Tensor e = test::forward(*layer, {x}, Mode::Eval);
  EXPECT_TENSOR_NEAR(e, y, 0, 0);
}

TEST(InstanceNorm2d, TrackedRunningStatisticsLikePyTorch) {
  auto layer = test::make("InstanceNorm2d", {{"track_running_stats", "true"}, {"affine", "true"}});
  Tensor x = test::random_tensor(Shape{2, 2, 2, 3}, 2);
  test::forward(*layer, {x});
  auto bufs = layer->buffers();
  ASSERT_EQ(bufs.size(), 3u);
  for (int c = 0; c < 2; ++c) {
    double mean_avg = 0, var_avg = 0;
    for (int n = 0; n < 2; ++n) {
      double s = 0, s2 = 0;
      for (int i = 0; i < 6; ++i) s += x[(n * 2 + c) * 6 + i];
      const double m = s / 6;
      for (int i = 0; i < 6; ++i) s2 += (x[(n * 2 + c) * 6 + i] - m) * (x[(n * 2 + c) * 6 + i] - m);
      mean_avg += m / 2, var_avg += s2 / 5 / 2;
    }
    EXPECT_NEAR((*bufs[0].value)[c], 0.1 * mean_avg, 1e-6);
    EXPECT_NEAR((*bufs[1].value)[c], 0.9 + 0.1 * var_avg, 1e-6);
  }
  EXPECT_EQ((*bufs[2].value)[0], 0.0f);  // PyTorch's InstanceNorm does not count batches
  // Eval: the running statistics, a fixed per-channel map.
  Tensor e = test::forward(*layer, {x}, Mode::Eval, 1, true);
  const float rm = (*bufs[0].value)[1], rv = (*bufs[1].value)[1];
  EXPECT_NEAR(e[6], (x[6] - rm) / std::sqrt(rv + 1e-5), 1e-5);
}

TEST(InstanceNorm2d, GradientsMatchFiniteDifferences) {
  using C = test::GradCase;
  test::check_cases({
      C{"InstanceNorm2d", {}, {Shape{1, 1, 3, 3}}},
      C{"InstanceNorm2d", {{"affine", "true"}}, {Shape{2, 3, 2, 3}}},
      C{"InstanceNorm2d", {{"affine", "true"}, {"track_running_stats", "true"}}, {Shape{2, 2, 3, 2}}, Mode::Train},
      C{"InstanceNorm2d", {{"affine", "true"}, {"track_running_stats", "true"}}, {Shape{2, 2, 3, 2}}, Mode::Eval},
  });
}

}  // namespace
}  // namespace nnplay::nn
