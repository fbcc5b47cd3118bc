// Losses against closed forms and finite differences.
#include "loss/loss.h"

#include <gtest/gtest.h>

#include <cmath>

#include "support/gradcheck.h"

namespace nnplay::loss {
namespace {

TEST(CrossEntropy, UniformLogitsGiveLogC) {
  Tensor z(Shape{2, 4});
  z.zero();
  const int32_t t[] = {1, 3};
  Tensor dz;
  auto r = compute_loss(LossKind::CrossEntropy, z, t, &dz);
  ASSERT_TRUE(r.ok());
  EXPECT_NEAR(r.value().loss, std::log(4.0), 1e-6);
  // dz = (softmax − onehot) / N = (1/4 − [j == t]) / 2
  EXPECT_NEAR(dz[0], 0.125, 1e-7);
  EXPECT_NEAR(dz[1], -0.375, 1e-7);
  EXPECT_NEAR(dz[7], -0.375, 1e-7);
}

TEST(CrossEntropy, StableForExtremeLogits) {
  Tensor z(Shape{2, 3}, {1000, 0, -1000, -1000, 1000, 0});
  const int32_t right[] = {0, 1};
  const int32_t wrong[] = {1, 2};
  Tensor dz;
  auto r = compute_loss(LossKind::CrossEntropy, z, right, &dz);
  ASSERT_TRUE(r.ok());
  EXPECT_NEAR(r.value().loss, 0.0, 1e-12);
  EXPECT_EQ(r.value().correct, 2);
  EXPECT_TRUE(all_finite(dz));
  auto w = compute_loss(LossKind::CrossEntropy, z, wrong, &dz);
  // −log softmax: sample 0 target 1: 1000 − 0; sample 1 target 2: 1000 − 0.
  EXPECT_NEAR(w.value().loss, 1000.0, 1e-9);
  EXPECT_EQ(w.value().correct, 0);
  EXPECT_TRUE(all_finite(dz));
}

TEST(BinaryCrossEntropy, ClosedForms) {
  Tensor z(Shape{3, 1}, {0, 100, -100});
  const int32_t t[] = {1, 0, 0};
  auto r = compute_loss(LossKind::CrossEntropy, z, t, nullptr);
  ASSERT_TRUE(r.ok());
  // (log 2 + 100 + ~0) / 3
  EXPECT_NEAR(r.value().loss, (std::log(2.0) + 100.0) / 3.0, 1e-9);
  EXPECT_EQ(r.value().correct, 1);  // z=0 predicts class 0 (z > 0 is class 1)
  EXPECT_NEAR(binary_score(LossKind::CrossEntropy, 0.0f), 0.5f, 1e-7);
}

TEST(MSE, ClosedForms) {
  Tensor z(Shape{1, 3}, {0.5f, 0.0f, 1.0f});
  const int32_t t[] = {2};
  Tensor dz;
  auto r = compute_loss(LossKind::MSE, z, t, &dz);
  ASSERT_TRUE(r.ok());
  // targets (0, 0, 1): (0.25 + 0 + 0) / 3
  EXPECT_NEAR(r.value().loss, 0.25 / 3, 1e-7);
  EXPECT_NEAR(dz[0], 2 * 0.5 / 3, 1e-7);
  Tensor b(Shape{2, 1}, {0.7f, 0.2f});
  const int32_t tb[] = {1, 1};
  auto rb = compute_loss(LossKind::MSE, b, tb, nullptr);
  EXPECT_NEAR(rb.value().loss, (0.09 + 0.64) / 2, 1e-6);
  EXPECT_EQ(rb.value().correct, 1);  // 0.7 > 0.5, 0.2 is not
}

TEST(Loss, GradientsMatchFiniteDifferences) {
  for (LossKind kind : {LossKind::CrossEntropy, LossKind::MSE}) {
    for (int c : {1, 2, 5}) {
      Tensor z = test::random_tensor(Shape{4, c}, 5 + static_cast<uint64_t>(c), 2.0f);
      const int classes = c == 1 ? 2 : c;
      std::vector<int32_t> t = {0, classes - 1, 1 % classes, 0};
      Tensor dz;
      ASSERT_TRUE(compute_loss(kind, z, t, &dz).ok());
      std::vector<test::Probe> probes{{"logits", &z, dz}};
      auto f = [&]() { return compute_loss(kind, z, t, nullptr).value().loss; };
      test::GradCheckOptions opt;
      opt.tol_abs = 1e-4;
      auto rep = test::compare_with_finite_differences(f, probes, opt);
      EXPECT_TRUE(rep.ok) << loss_key(kind) << " C=" << c << "\n" << rep.failures;
    }
  }
}

TEST(Loss, RejectsTargetsOutOfRangeNamingTheSample) {
  Tensor z(Shape{2, 3});
  z.zero();
  const int32_t t[] = {0, 3};
  auto r = compute_loss(LossKind::CrossEntropy, z, t, nullptr);
  EXPECT_EQ(r.status().code(), ErrorCode::INVALID_ARGUMENT);
  EXPECT_NE(r.status().message().find("sample 1"), std::string::npos);
}

// Regression MSE on real targets: ℓ = mean (z − y)², dz = 2 (z − y) / (N·K).
TEST(RegressionMSE, ClosedForm) {
  Tensor z(Shape{3, 1}, {0.5f, -1.0f, 2.0f});
  const float y[] = {1.5f, -1.0f, 0.0f};
  Tensor dz;
  auto r = mse_loss(z, y, &dz);
  ASSERT_TRUE(r.ok()) << r.status().to_string();
  // differences −1, 0, 2: (1 + 0 + 4) / 3
  EXPECT_NEAR(r.value().loss, 5.0 / 3.0, 1e-7);
  EXPECT_EQ(r.value().count, 3);
  EXPECT_EQ(r.value().correct, 0);  // no accuracy for real targets
  ASSERT_EQ(dz.shape(), z.shape());
  EXPECT_NEAR(dz[0], 2.0 * -1.0 / 3.0, 1e-7);
  EXPECT_NEAR(dz[1], 0.0, 1e-7);
  EXPECT_NEAR(dz[2], 2.0 * 2.0 / 3.0, 1e-7);
  // Several outputs per sample: the mean runs over N·K values, as torch's MSELoss.
  Tensor w(Shape{2, 2}, {1.0f, 2.0f, 3.0f, 4.0f});
  const float yw[] = {0.0f, 0.0f, 0.0f, 0.0f};
  EXPECT_NEAR(mse_loss(w, yw, nullptr).value().loss, (1.0 + 4.0 + 9.0 + 16.0) / 4.0, 1e-6);
}

TEST(RegressionMSE, GradientMatchesFiniteDifferences) {
  for (int k : {1, 3}) {
    Tensor z = test::random_tensor(Shape{5, k}, 11 + static_cast<uint64_t>(k), 2.0f);
    const Tensor y = test::random_tensor(Shape{5, k}, 29 + static_cast<uint64_t>(k), 1.5f);
    const std::span<const float> target(y.data(), static_cast<size_t>(y.numel()));
    Tensor dz;
    ASSERT_TRUE(mse_loss(z, target, &dz).ok());
    std::vector<test::Probe> probes{{"outputs", &z, dz}};
    auto f = [&]() { return mse_loss(z, target, nullptr).value().loss; };
    test::GradCheckOptions opt;
    opt.tol_abs = 1e-4;
    auto rep = test::compare_with_finite_differences(f, probes, opt);
    EXPECT_TRUE(rep.ok) << "K=" << k << "\n" << rep.failures;
  }
}

TEST(RegressionMSE, RejectsWrongCountsAndNonFiniteTargets) {
  Tensor z(Shape{2, 1}, {0.0f, 0.0f});
  const float three[] = {1.0f, 2.0f, 3.0f};
  EXPECT_EQ(mse_loss(z, three, nullptr).status().code(), ErrorCode::SHAPE_MISMATCH);
  const float bad[] = {1.0f, std::nanf("")};
  auto r = mse_loss(z, bad, nullptr);
  EXPECT_EQ(r.status().code(), ErrorCode::INVALID_ARGUMENT);
  EXPECT_NE(r.status().message().find("sample 1"), std::string::npos) << r.status().message();
  Tensor img(Shape{1, 1, 2, 2});
  img.zero();
  const float four[] = {0, 0, 0, 0};
  EXPECT_EQ(mse_loss(img, four, nullptr).status().code(), ErrorCode::SHAPE_MISMATCH);
}

}  // namespace
}  // namespace nnplay::loss
