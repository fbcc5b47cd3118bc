// GroupNorm: each (sample, group) standardised, per-channel affine, batch
// independence, errors, and the shared gradient checker.
#include "nn/group_norm.h"

#include <gtest/gtest.h>

#include "layer_test_util.h"

namespace nnplay::nn {
namespace {

TEST(GroupNorm, StandardisesEachGroupIndependentlyOfTheBatch) {
  auto layer = test::make("GroupNorm", {{"num_groups", "2"}});
  Tensor x = test::random_tensor(Shape{2, 4, 3, 3}, 1, 2.0f);
  Tensor y = test::forward(*layer, {x});
  for (int r = 0; r < 4; ++r) {  // (n, g) rows of 2 channels x 9 positions
    double s = 0, s2 = 0;
    for (int i = 0; i < 18; ++i) s += y[r * 18 + i], s2 += double(y[r * 18 + i]) * y[r * 18 + i];
    EXPECT_NEAR(s / 18, 0, 1e-6);
    EXPECT_NEAR(s2 / 18, 1, 1e-3);
  }
  // The first sample alone gives the same output (no batch statistics).
  Tensor x0(Shape{1, 4, 3, 3}, std::vector<float>(x.data(), x.data() + 36));
  Tensor y0 = test::forward(*layer, {x0});
  for (int i = 0; i < 36; ++i) EXPECT_EQ(y0[i], y[i]);
  Shape out;
  EXPECT_EQ(test::setup(*layer, {Tensor(Shape{1, 3, 2, 2})}, &out).code(), ErrorCode::INVALID_ARGUMENT);
  EXPECT_EQ(test::make_status("GroupNorm", {}).code(), ErrorCode::INVALID_ARGUMENT);  // num_groups required
}

TEST(GroupNorm, GradientsMatchFiniteDifferences) {
  using C = test::GradCase;
  test::check_cases({
      C{"GroupNorm", {{"num_groups", "1"}}, {Shape{1, 3, 2, 2}}},
      C{"GroupNorm", {{"num_groups", "2"}}, {Shape{2, 4, 3, 2}}},
      C{"GroupNorm", {{"num_groups", "3"}}, {Shape{2, 3, 5}}},  // (N, C, L)
      C{"GroupNorm", {{"num_groups", "2"}, {"affine", "false"}}, {Shape{3, 4, 2, 2}}},
  });
}

}  // namespace
}  // namespace nnplay::nn
