// Initialisation schemes against their formulas (torch.nn.init), checked by
// sample statistics with tolerances of several standard errors.
#include "nn/init.h"

#include <gtest/gtest.h>

#include <cmath>

namespace nnplay::nn {
namespace {

void moments(const Tensor& t, double* mean, double* var, float* maxabs) {
  double s = 0, s2 = 0;
  *maxabs = 0;
  for (int64_t i = 0; i < t.numel(); ++i) {
    s += t[i];
    s2 += static_cast<double>(t[i]) * t[i];
    *maxabs = std::max(*maxabs, std::abs(t[i]));
  }
  *mean = s / static_cast<double>(t.numel());
  *var = s2 / static_cast<double>(t.numel()) - *mean * *mean;
}

TEST(Init, FansCountTheReceptiveField) {
  int fi = 0, fo = 0;
  compute_fans(Shape{128, 784}, &fi, &fo);
  EXPECT_EQ(fi, 784);
  EXPECT_EQ(fo, 128);
  compute_fans(Shape{16, 6, 5, 5}, &fi, &fo);
  EXPECT_EQ(fi, 150);
  EXPECT_EQ(fo, 400);
}

TEST(Init, VariancesMatchTheFormulas) {
  const int out = 256, in = 512;  // 131072 samples: relative s.e. of a variance ≈ 0.4 %
  Rng rng(5);
  Tensor w(Shape{out, in});
  struct Case {
    InitScheme s;
    double var;
    float bound;  // 0 = unbounded
  } cases[] = {
      {InitScheme::XavierUniform, 2.0 / (in + out), static_cast<float>(std::sqrt(6.0 / (in + out)))},
      {InitScheme::XavierNormal, 2.0 / (in + out), 0},
      {InitScheme::KaimingUniform, 2.0 / in, static_cast<float>(std::sqrt(6.0 / in))},
      {InitScheme::KaimingNormal, 2.0 / in, 0},
  };
  for (const Case& c : cases) {
    init_weight(w, c.s, rng);
    double mean = 0, var = 0;
    float maxabs = 0;
    moments(w, &mean, &var, &maxabs);
    EXPECT_NEAR(mean, 0.0, 5 * std::sqrt(c.var / w.numel())) << init_key(c.s);
    EXPECT_NEAR(var / c.var, 1.0, 0.03) << init_key(c.s);
    if (c.bound > 0) EXPECT_LE(maxabs, c.bound) << init_key(c.s);
  }
  // The lecture's small random init: normal N(0, 0.01²) and uniform U(−0.01, 0.01) (variance 0.01²/3).
  init_weight(w, InitScheme::Normal, rng, 1.0f, 0.01f);
  double m = 0, v = 0;
  float mx = 0;
  moments(w, &m, &v, &mx);
  EXPECT_NEAR(v / 1e-4, 1.0, 0.03);
  init_weight(w, InitScheme::Uniform, rng, 1.0f, 0.01f);
  moments(w, &m, &v, &mx);
  EXPECT_NEAR(v / (1e-4 / 3), 1.0, 0.03);
  EXPECT_LE(mx, 0.01f);
  init_weight(w, InitScheme::Constant, rng, 1.0f, 0.5f);
  moments(w, &m, &v, &mx);
  EXPECT_DOUBLE_EQ(m, 0.5);
  init_weight(w, InitScheme::Zeros, rng);
  double mean = 0, var = 0;
  float maxabs = 0;
  moments(w, &mean, &var, &maxabs);
  EXPECT_EQ(maxabs, 0.0f);
}

TEST(Init, KeysRoundTrip) {
  for (InitScheme s : kInitSchemes) {
    auto back = parse_init(init_key(s));
    ASSERT_TRUE(back.ok());
    EXPECT_EQ(back.value(), s);
  }
  EXPECT_FALSE(parse_init("orthogonal").ok());
}

}  // namespace
}  // namespace nnplay::nn
