// Dropout: the expectation test (mean train output equals the input within a
// statistical bound, kept units scaled by exactly 1/(1 − p)), eval = identity,
// the mask comes only from ctx.rng (same seed, same mask), p = 0 and p = 1,
// and the shared gradient checker in both modes (the checker reseeds ctx.rng
// before every forward, so the mask is frozen: a backward without 1/(1 − p)
// fails by that factor).
#include "nn/dropout.h"

#include <gtest/gtest.h>

#include <cmath>

#include "layer_test_util.h"

namespace nnplay::nn {
namespace {

TEST(Dropout, ExpectationAndScale) {
  const float p = 0.3f;
  auto layer = test::make("Dropout", {{"p", "0.3"}});
  const int n = 200000;
  Tensor x(Shape{n, 1});
  x.fill(2.0f);
  Tensor y = test::forward(*layer, {x}, Mode::Train, 5);
  double sum = 0;
  int kept = 0;
  for (int i = 0; i < n; ++i) {
    sum += y[i];
    if (y[i] != 0.0f) {
      ++kept;
      EXPECT_FLOAT_EQ(y[i], 2.0f / (1.0f - p));
    }
  }
  // E[y] = x = 2; sd of one element = 2·√(p/(1−p)) ≈ 1.31, of the mean ≈ 0.0029: allow 5 s.e.
  const double se = 2.0 * std::sqrt(p / (1.0 - p)) / std::sqrt(double(n));
  EXPECT_NEAR(sum / n, 2.0, 5 * se);
  EXPECT_NEAR(double(kept) / n, 1.0 - p, 5 * std::sqrt(p * (1 - p) / n));
}

TEST(Dropout, EvalIsIdentityAndTheMaskComesFromCtxRng) {
  auto layer = test::make("Dropout", {{"p", "0.5"}});
  const Tensor x = test::random_tensor(Shape{4, 33}, 2);
  Tensor e = test::forward(*layer, {x}, Mode::Eval);
  for (int64_t i = 0; i < x.numel(); ++i) EXPECT_EQ(e[i], x[i]);
  Tensor dy = test::random_tensor(x.shape(), 3), dx(x.shape());
  dx.zero();
  const Tensor* xs[] = {&x};
  Tensor* dxs[] = {&dx};
  layer->backward(xs, e, dy, dxs);
  for (int64_t i = 0; i < x.numel(); ++i) EXPECT_EQ(dx[i], dy[i]);
  Tensor a = test::forward(*layer, {x}, Mode::Train, 7), b = test::forward(*layer, {x}, Mode::Train, 7),
         c = test::forward(*layer, {x}, Mode::Train, 8);
  int differ = 0;
  for (int64_t i = 0; i < x.numel(); ++i) {
    EXPECT_EQ(a[i], b[i]);
    differ += a[i] != c[i];
  }
  EXPECT_GT(differ, 0);
}

TEST(Dropout, ZeroAndOneProbability) {
  const Tensor x = test::random_tensor(Shape{3, 5}, 4);
  auto keep = test::make("Dropout", {{"p", "0"}});
  auto drop = test::make("Dropout", {{"p", "1"}});
  Tensor k = test::forward(*keep, {x}), d = test::forward(*drop, {x});
  for (int64_t i = 0; i < x.numel(); ++i) {
    EXPECT_EQ(k[i], x[i]);
    EXPECT_EQ(d[i], 0.0f);
  }
  EXPECT_EQ(test::make_status("Dropout", {{"p", "1.5"}}).code(), ErrorCode::INVALID_ARGUMENT);
  EXPECT_EQ(keep->describe(), "Dropout(p=0)");
}

TEST(Dropout, GradientsMatchFiniteDifferences) {
  using C = test::GradCase;
  test::check_cases({
      C{"Dropout", {{"p", "0.5"}}, {Shape{1, 17}}, Mode::Train},
      C{"Dropout", {{"p", "0.2"}}, {Shape{3, 2, 3, 3}}, Mode::Train},
      C{"Dropout", {{"p", "0.5"}}, {Shape{3, 2, 3, 3}}, Mode::Eval},
  });
}

}  // namespace
}  // namespace nnplay::nn
