// The 1D regression sets: targets are f(x) (each f written again here, from
// its definition in function1d.h), the noise is gaussian with the asked
// standard deviation, sizes and seeds are honoured, and the set says it has
// real targets and no classes.
#include "data/function1d.h"

#include <gtest/gtest.h>

#include <cmath>

namespace nnplay::data {
namespace {

// The functions, from their definitions (double precision, no shared code).
double expected(Function1D f, double x) {
  const double pi = 3.14159265358979323846;
  switch (f) {
    case Function1D::Sin: return std::sin(2.0 * pi * x);
    case Function1D::Step: return x >= 0.0 ? 1.0 : -1.0;
    case Function1D::Abs: return x >= 0.0 ? 2.0 * x - 1.0 : -2.0 * x - 1.0;
    case Function1D::Sawtooth: return x >= 0.0 ? 2.0 * x - 1.0 : 2.0 * (x + 1.0) - 1.0;  // x in [-1, 1)
  }
  return 0.0;
}

TEST(Function1D, NoiselessTargetsAreTheFunction) {
  for (Function1D f : kFunctions1D) {
    const Dataset ds = make_function1d(f, 300, 0.0f, 3);
    ASSERT_EQ(ds.size(), 300) << function1d_key(f);
    ASSERT_EQ(ds.targets.size(), 300u);
    EXPECT_TRUE(ds.regression());
    EXPECT_TRUE(ds.y.empty());
    EXPECT_EQ(ds.num_classes, 0);
    EXPECT_EQ(ds.outputs(), 1);
    EXPECT_EQ(ds.sample_shape, (Shape{1, 1}));
    for (int i = 0; i < ds.size(); ++i) {
      const float x = ds.feature(i, 0);
      ASSERT_GE(x, -1.0f);
      ASSERT_LT(x, 1.0f);
      EXPECT_NEAR(ds.targets[static_cast<size_t>(i)], expected(f, x), 2e-5) << function1d_key(f) << " x = " << x;
    }
  }
}

TEST(Function1D, NoiseIsGaussianWithTheAskedStd) {
  const int n = 5000;
  const float noise = 0.3f;
  const Dataset ds = make_function1d(Function1D::Sin, n, noise, 7);
  double sum = 0, sum2 = 0, beyond_2sd = 0;
  for (int i = 0; i < n; ++i) {
    const double r = ds.targets[static_cast<size_t>(i)] - expected(Function1D::Sin, ds.feature(i, 0));
    sum += r;
    sum2 += r * r;
    beyond_2sd += std::fabs(r) > 2.0 * noise;
  }
  const double mean = sum / n, sd = std::sqrt(sum2 / n - mean * mean);
  EXPECT_NEAR(mean, 0.0, 4.0 * noise / std::sqrt(n));  // 4 standard errors
  EXPECT_NEAR(sd, noise, 0.015);                         // 5 standard errors of a sd (0.3/√(2n) = 0.003)
  EXPECT_NEAR(beyond_2sd / n, 0.0455, 0.015);            // a gaussian's share beyond 2σ
}

TEST(Function1D, XCoversTheIntervalUniformly) {
  const Dataset ds = make_function1d(Function1D::Abs, 4000, 0.0f, 5);
  int quarter[4] = {};
  for (int i = 0; i < ds.size(); ++i) ++quarter[std::min(3, static_cast<int>((ds.feature(i, 0) + 1.0f) * 2.0f))];
  for (int q : quarter) EXPECT_NEAR(q, 1000, 120);  // binomial sd ≈ 27
}

TEST(Function1D, SeedsAndSizesAreHonoured) {
  const Dataset a = make_function1d(Function1D::Step, 50, 0.2f, 9), b = make_function1d(Function1D::Step, 50, 0.2f, 9);
  const Dataset c = make_function1d(Function1D::Step, 50, 0.2f, 10);
  EXPECT_EQ(a.x_f32, b.x_f32);
  EXPECT_EQ(a.targets, b.targets);
  EXPECT_NE(a.x_f32, c.x_f32);
  EXPECT_EQ(make_function1d(Function1D::Sin, 20, 0.0f, 1).size(), 20);
  EXPECT_EQ(make_function1d(Function1D::Sin, 1234, 0.0f, 1).size(), 1234);
}

TEST(Function1D, GatherTargetsFollowsTheIndices) {
  const Dataset ds = make_function1d(Function1D::Sawtooth, 10, 0.1f, 2);
  const int32_t idx[] = {7, 0, 7, 3};
  std::vector<float> out;
  ds.gather_targets(idx, out);
  ASSERT_EQ(out.size(), 4u);
  EXPECT_EQ(out[0], ds.targets[7]);
  EXPECT_EQ(out[1], ds.targets[0]);
  EXPECT_EQ(out[2], ds.targets[7]);
  EXPECT_EQ(out[3], ds.targets[3]);
}

TEST(Function1D, KeysParseAndUnknownOnesAreRefused) {
  for (Function1D f : kFunctions1D) {
    auto r = parse_function1d(function1d_key(f));
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(r.value(), f);
  }
  auto bad = parse_function1d("cosine");
  EXPECT_EQ(bad.status().code(), ErrorCode::INVALID_ARGUMENT);
  EXPECT_NE(bad.status().message().find("sawtooth"), std::string::npos);
}

}  // namespace
}  // namespace nnplay::data
