// Init statistics against the variance-propagation math, and the loss slice.
#include "train/analysis.h"

#include <gtest/gtest.h>

#include <cmath>

namespace nnplay::train {
namespace {

TEST(InitStats, KaimingKeepsReluVarianceSmallRandomCollapses) {
  // Kaiming normal with ReLU: Var(pre-activation) = 2·E[h²]... the second
  // moment of h stays ≈ 1 per layer (He et al. 2015, eq. 10). With N(0, 0.01²)
  // weights and width 256, each layer multiplies it by 256·1e-4/2 ≈ 0.0128.
  auto he = activation_stats_at_init(10, 256, nn::Activation::ReLU, nn::InitScheme::KaimingNormal, 0, 1);
  auto small = activation_stats_at_init(10, 256, nn::Activation::ReLU, nn::InitScheme::Normal, 0.01f, 1);
  ASSERT_TRUE(he.ok());
  ASSERT_TRUE(small.ok());
  ASSERT_EQ(he.value().size(), 10u);
  const auto second_moment = [](const LayerStat& s) { return s.variance + s.mean * s.mean; };
  // Per layer the gain is 1 in expectation but random for one finite network
  // (a multiplicative random walk, ±~10% per layer at width 256), so allow a band.
  for (const LayerStat& s : he.value()) {
    EXPECT_GT(second_moment(s), 0.4) << s.name;
    EXPECT_LT(second_moment(s), 2.5) << s.name;
  }
  EXPECT_LT(second_moment(small.value().back()), 1e-12);
  EXPECT_EQ(he.value()[0].name, "2.relu");
}

TEST(InitStats, XavierSuitsTanhBetterThanSmallRandom) {
  auto xavier = activation_stats_at_init(8, 128, nn::Activation::Tanh, nn::InitScheme::XavierNormal, 0, 2);
  auto small = activation_stats_at_init(8, 128, nn::Activation::Tanh, nn::InitScheme::Normal, 0.01f, 2);
  ASSERT_TRUE(xavier.ok() && small.ok());
  EXPECT_GT(xavier.value().back().variance, 0.05);  // stays in a usable range
  EXPECT_LT(small.value().back().variance, 1e-8);   // vanishes
}

TEST(LossSlice, CentreIsTheCurrentLossAndProjectionRecoversCoordinates) {
  nn::Model m;
  ASSERT_TRUE(m.build(nn::mlp_spec({{6, nn::Activation::Tanh}}, 3), Shape{1, 4}, 16).ok());
  m.reset_parameters(3, nn::InitScheme::XavierUniform);
  Tensor x(Shape{8, 4});
  Rng rng(4);
  for (int64_t i = 0; i < x.numel(); ++i) x[i] = rng.normal();
  const std::vector<int32_t> y = {0, 1, 2, 0, 1, 2, 0, 1};
  const double loss0 = loss::compute_loss(loss::LossKind::CrossEntropy, m.forward(x), y, nullptr).value().loss;
  LossSlice slice;
  slice.set_origin(m, 5);
  auto g = slice.grid(m, loss::LossKind::CrossEntropy, x, y, 5, 1.0f);
  ASSERT_TRUE(g.ok());
  EXPECT_NEAR(g.value()[12], loss0, 1e-6);  // the centre of a 5x5 grid is (a, b) = (0, 0)
  EXPECT_NE(g.value()[0], g.value()[24]);
  // Weights restored:
  EXPECT_NEAR(loss::compute_loss(loss::LossKind::CrossEntropy, m.forward(x), y, nullptr).value().loss, loss0, 1e-7);
  EXPECT_NEAR(slice.project(m)[0], 0.0f, 1e-6);
  // Weights at θ₀ + 0.3·d₁ − 0.2·d₂ project back to (0.3, −0.2), and the loss there is the grid's.
  slice.place(m, 0.3f, -0.2f);
  const auto ab = slice.project(m);
  EXPECT_NEAR(ab[0], 0.3f, 1e-4);
  EXPECT_NEAR(ab[1], -0.2f, 1e-4);
  slice.place(m, 1.0f, -1.0f);  // grid corner: row 0 is b = −span, last column a = +span
  EXPECT_NEAR(loss::compute_loss(loss::LossKind::CrossEntropy, m.forward(x), y, nullptr).value().loss, g.value()[4], 1e-5);
}

}  // namespace
}  // namespace nnplay::train
