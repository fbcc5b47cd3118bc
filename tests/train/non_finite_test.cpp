// A run that goes non-finite pauses and says where, for every quantity a
// step writes: the loss (trainer_test), a gradient, a BatchNorm running
// statistic, an optimizer state and a weight after the update.
//
// Each case sets weights by hand so that exactly one quantity overflows
// float (max 3.4e38) while everything computed before it stays finite; the
// magnitudes below are chosen many orders of magnitude away from the limit,
// so the case does not depend on the random batch. Circle points lie within
// |x| <= 5 (data/toy2d.cpp).
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "data/toy2d.h"
#include "nn/model_spec.h"
#include "optim/optimizer.h"
#include "train/trainer.h"

namespace nnplay::train {
namespace {

struct Rig {
  data::Dataset ds = data::make_toy2d(data::Toy2D::Circle, 200, 0.0f, 3);
  nn::Model model;
  std::unique_ptr<optim::Optimizer> opt;
  Trainer trainer;

  Rig(const std::string& network, optim::OptimizerConfig oc) {
    auto spec = nn::parse_model_spec(network, ds.num_classes);
    EXPECT_TRUE(spec.ok()) << spec.status().message();
    EXPECT_TRUE(model.build(spec.value(), ds.sample_shape, 16).ok());
    model.reset_parameters(1, nn::InitScheme::XavierUniform);
    opt = optim::make_optimizer(oc);
    std::vector<int32_t> tr, va;
    data::split_indices(ds.size(), 0.5f, 7, &tr, &va);
    TrainerConfig tc;
    tc.loss = loss::LossKind::MSE;  // the loss (double) stays finite where float outputs would not
    tc.batch_size = 16;
    EXPECT_TRUE(trainer.setup(&model, opt.get(), &ds, std::move(tr), std::move(va), tc).ok());
  }
  /// Sets every element of parameter `name` ("1.linear.weight") to v.
  void fill(const std::string& name, float v) {
    for (ParamRef& p : model.params())
      if (model.param_name(p.id) == name) {
        p.value->fill(v);
        return;
      }
    ADD_FAILURE() << "no parameter " << name;
  }
  std::vector<std::vector<float>> weights() {
    std::vector<std::vector<float>> w;
    for (ParamRef& p : model.params()) w.emplace_back(p.value->data(), p.value->data() + p.value->numel());
    return w;
  }
};

optim::OptimizerConfig sgd(float lr) {
  optim::OptimizerConfig oc;
  oc.lr = lr;
  return oc;
}

TEST(NonFinite, AllFiniteSeesInfinitiesAndNaNsAnywhere) {
  // all_finite scans in blocks of 4096: a bad element in any block, at any
  // offset, is found; signed zeros, denormals and float max are finite.
  Tensor t(Shape{3 * 4096 + 5});
  t.fill(1.0f);
  EXPECT_TRUE(all_finite(t));
  t[0] = -0.0f;
  t[1] = 1e-45f;
  t[2] = 3.4028235e38f;
  EXPECT_TRUE(all_finite(t));
  for (int64_t i : {int64_t{3}, int64_t{4095}, int64_t{4096}, int64_t{3 * 4096 + 4}})
    for (float bad : {std::numeric_limits<float>::infinity(), -std::numeric_limits<float>::infinity(),
                      std::numeric_limits<float>::quiet_NaN()}) {
      const float keep = t[i];
      t[i] = bad;
      EXPECT_FALSE(all_finite(t)) << "element " << i << " = " << bad;
      t[i] = keep;
    }
}

TEST(NonFinite, AnInfiniteGradientRefusesTheStepAndKeepsTheWeights) {
  // h = 1e15 (x1 + x2) <= 1e16, y = 1e15 h <= 1e31: outputs finite, MSE
  // (double) ~1e62 finite; dW2 = sum dL/dy * h ~ 1e31 * 1e16 overflows.
  Rig r("Linear(out_features=1); Linear(out_features=classes)", sgd(0.01f));
  r.fill("1.linear.weight", 1e15f);
  r.fill("2.linear.weight", 1e15f);
  const auto before = r.weights();
  const Status st = r.trainer.step();
  ASSERT_EQ(st.code(), ErrorCode::NON_FINITE) << st.message();
  EXPECT_NE(st.message().find("the gradient of "), std::string::npos) << st.message();
  EXPECT_NE(st.message().find("linear.weight is NaN or infinite; the weights were not updated"), std::string::npos)
      << st.message();
  EXPECT_NE(st.message().find("at step 1:"), std::string::npos) << st.message();
  EXPECT_EQ(r.weights(), before);
  EXPECT_EQ(r.trainer.step_count(), 0);
}

TEST(NonFinite, AnOverflowingRunningVarianceNamesTheBatchNorm) {
  // h = 1e30 (x1 + x2): its batch variance ~1e60 overflows float, so
  // running_var = 0.9 + 0.1 * var is infinite; the normalised batch and the
  // loss stay finite, so without this check training would go on with every
  // evaluation NaN.
  Rig r("Linear(out_features=4); bn:BatchNorm1d; Linear(out_features=classes)", sgd(0.01f));
  r.fill("1.linear.weight", 1e30f);
  const Status st = r.trainer.step();
  ASSERT_EQ(st.code(), ErrorCode::NON_FINITE) << st.message();
  EXPECT_NE(st.message().find("the running statistic bn.running_var became NaN or infinite"), std::string::npos)
      << st.message();
}

TEST(NonFinite, AdamsSecondMomentOverflowIsNamedAlthoughTheWeightsStayFinite) {
  // y = 1e25 (x1 + x2) <= 1e26, g = dL/dW ~ 1e26 (finite) but g^2 ~ 1e52:
  // exp_avg_sq is +inf and the update m / (sqrt(v) + eps) is exactly 0, so
  // the weights stay finite and would never move again.
  optim::OptimizerConfig oc;
  oc.kind = optim::OptimizerKind::Adam;
  oc.lr = 0.01f;
  Rig r("Linear(out_features=classes)", oc);
  r.fill("1.linear.weight", 1e25f);
  const Status st = r.trainer.step();
  ASSERT_EQ(st.code(), ErrorCode::NON_FINITE) << st.message();
  EXPECT_NE(st.message().find("Adam's exp_avg_sq of 1.linear.weight became NaN or infinite"), std::string::npos)
      << st.message();
  EXPECT_TRUE(r.model.first_non_finite_param(false).empty()) << "the weights themselves stay finite";
  EXPECT_EQ(r.trainer.step_count(), 1) << "the update happened and is counted";
}

TEST(NonFinite, AnUpdateThatOverflowsAWeightIsNamed) {
  // y ~ 1e21, g ~ 1e22, lr * g ~ 1e42: the weight becomes -inf. (The app's
  // lr stops at 10; a schedule or a loaded model can still get here.)
  Rig r("Linear(out_features=classes)", sgd(1e20f));
  r.fill("1.linear.weight", 1e20f);
  const Status st = r.trainer.step();
  ASSERT_EQ(st.code(), ErrorCode::NON_FINITE) << st.message();
  EXPECT_NE(st.message().find("the update made 1.linear.weight NaN or infinite"), std::string::npos) << st.message();
}

TEST(NonFinite, FiniteStepsPassEveryCheck) {
  // The same rigs with ordinary weights train without a pause: the checks
  // do not fire on healthy runs.
  optim::OptimizerConfig oc;
  oc.kind = optim::OptimizerKind::Adam;
  oc.lr = 0.01f;
  Rig r("Linear(out_features=4); bn:BatchNorm1d; ReLU; Linear(out_features=classes)", oc);
  for (int i = 0; i < 50; ++i) ASSERT_TRUE(r.trainer.step().ok()) << "step " << i;
}

}  // namespace
}  // namespace nnplay::train
