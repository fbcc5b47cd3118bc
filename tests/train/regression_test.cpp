// Regression on the 1D function set (dataset function): the session trains a
// network on real targets with MSE and its loss falls; the loss it reports is
// the mean squared error of its own predictions, computed here from the
// targets; accuracy is absent (null), not a made-up number; and what needs
// classes (cross-entropy, predicted classes, a confusion matrix, a decision
// boundary) is refused with a message instead of running on targets it would
// misread.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <nlohmann/json.hpp>

#include "data/function1d.h"
#include "support/session_util.h"
#include "train/confusion_job.h"
#include "train/inspect.h"
#include "train/session.h"
#include "train/session_json.h"

namespace nnplay::train {
namespace {

using test::set;

// The session switched to 200 points of sin(2πx) (family defaults: 16 tanh units, Adam, MSE).
void to_regression(Session& s) {
  ASSERT_TRUE(s.apply(set({{"dataset", "function"}, {"function", "sin"}, {"samples", "200"}})).ok());
}

TEST(Regression, SwitchingToTheFunctionSetBringsMseAndOneOutput) {
  Session s;
  to_regression(s);
  EXPECT_EQ(s.config().loss, loss::LossKind::MSE);
  EXPECT_EQ(s.model().output_shape(), (Shape{1, 1}));
  EXPECT_EQ(s.model().nodes()[0].shape, (Shape{1, 1}));
  ASSERT_TRUE(s.dataset()->regression());
  EXPECT_EQ(s.dataset()->size(), 200);
  // Back to a set of classes: cross-entropy again.
  ASSERT_TRUE(s.apply(set({{"dataset", "circle"}})).ok());
  EXPECT_EQ(s.config().loss, loss::LossKind::CrossEntropy);
}

TEST(Regression, TheReportedLossIsTheMeanSquaredErrorOfThePredictions) {
  Session s;
  to_regression(s);
  ASSERT_TRUE(s.apply(set({}, Action::Step, 50)).ok());
  const data::Dataset& ds = *s.dataset();
  const std::vector<int32_t>& idx = s.trainer().train_indices();
  Tensor x(Shape{static_cast<int>(idx.size()), 1}), y;
  for (size_t k = 0; k < idx.size(); ++k) x[static_cast<int64_t>(k)] = ds.x_f32[static_cast<size_t>(idx[k])];
  ASSERT_TRUE(s.predict(x, &y).ok());
  double sse = 0;
  for (size_t k = 0; k < idx.size(); ++k) {
    const double d = static_cast<double>(y[static_cast<int64_t>(k)]) - ds.targets[static_cast<size_t>(idx[k])];
    sse += d * d;
  }
  auto r = s.evaluate_split(/*training=*/true, idx.size());
  ASSERT_TRUE(r.ok()) << r.status().to_string();
  EXPECT_NEAR(r.value().loss, sse / static_cast<double>(idx.size()), 1e-5 * (1.0 + sse));
  EXPECT_EQ(r.value().correct, 0);
}

TEST(Regression, TheLossFallsAndAccuracyIsNull) {
  Session s;
  to_regression(s);
  ASSERT_TRUE(s.apply(set({{"init", "default"}, {"lr", "0.01"}, {"batch_size", "32"}}, Action::Step, 20)).ok());
  const float early = s.trainer().history().front().loss_train;
  ASSERT_TRUE(s.apply(set({}, Action::Step, 1500)).ok());
  const SessionStatus st = s.status();
  ASSERT_TRUE(st.has_metrics);
  // sin(2πx) has variance ½: a flat guess leaves ~0.5; 16 tanh units get far below.
  EXPECT_LT(st.loss_train, 0.25 * early) << "early " << early;
  EXPECT_LT(st.loss_val, 0.1);
  EXPECT_TRUE(std::isnan(st.acc_train));
  EXPECT_TRUE(std::isnan(st.acc_val));
  const nlohmann::json j = nlohmann::json::parse(status_to_json(st));
  EXPECT_TRUE(j["acc_train"].is_null());
  EXPECT_TRUE(j["acc_val"].is_null());
  EXPECT_TRUE(j["loss_val"].is_number());
  EXPECT_TRUE(j["last_error"].is_null());
  EXPECT_TRUE(st.diagnosis.empty()) << st.diagnosis;
}

TEST(Regression, TheFunctionSettingMakesNewData) {
  Session s;
  to_regression(s);
  const std::vector<float> sin_targets = s.dataset()->targets;
  ASSERT_TRUE(s.apply(set({{"function", "step"}})).ok());
  const data::Dataset& ds = *s.dataset();
  ASSERT_EQ(ds.targets.size(), sin_targets.size());
  EXPECT_NE(ds.targets, sin_targets);
  for (int i = 0; i < ds.size(); ++i) EXPECT_EQ(std::fabs(ds.targets[static_cast<size_t>(i)]), 1.0f);  // noise 0
}

TEST(Regression, CrossEntropyAndTwoOutputsAreRefused) {
  Session s;
  to_regression(s);
  Status st = s.apply(set({{"loss", "cross_entropy"}}));
  EXPECT_EQ(st.code(), ErrorCode::UNSUPPORTED);
  EXPECT_NE(st.message().find("use loss mse"), std::string::npos) << st.message();
  st = s.apply(set({{"model", "custom"}, {"network", "Linear(out_features=2)"}}));
  EXPECT_EQ(st.code(), ErrorCode::SHAPE_MISMATCH);
  EXPECT_NE(st.message().find("regression"), std::string::npos) << st.message();
  EXPECT_EQ(s.config().loss, loss::LossKind::MSE);
  EXPECT_EQ(s.config().model, "mlp");
}

TEST(Regression, ClassOnlyViewsOfTheEngineSayWhyNot) {
  Session s;
  to_regression(s);
  const std::vector<int32_t> idx = {0, 1, 2};
  Predictions pred;
  EXPECT_EQ(predict_samples(s, idx, &pred).code(), ErrorCode::UNSUPPORTED);
  std::vector<float> scores;
  EXPECT_EQ(boundary_scores(s, 8, 6.0f, &scores).code(), ErrorCode::UNSUPPORTED);
  ConfusionJob job;
  job.start(s);
  const Status st = job.finish(s);
  EXPECT_EQ(st.code(), ErrorCode::UNSUPPORTED);
  EXPECT_NE(st.message().find("real-valued"), std::string::npos) << st.message();
}

TEST(Regression, TheFunctionCurveIsTheNetworksOutputOnAGrid) {
  Session s;
  to_regression(s);
  ASSERT_TRUE(s.apply(set({}, Action::Step, 10)).ok());
  std::vector<float> ys;
  ASSERT_TRUE(function_curve(s, 5, -1.0f, 1.0f, &ys).ok());
  ASSERT_EQ(ys.size(), 5u);
  const float xs[] = {-1.0f, -0.5f, 0.0f, 0.5f, 1.0f};
  for (int i = 0; i < 5; ++i) {
    Tensor x(Shape{1, 1}, {xs[i]}), y;
    ASSERT_TRUE(s.predict(x, &y).ok());
    EXPECT_NEAR(ys[static_cast<size_t>(i)], y[0], 1e-6) << "x = " << xs[i];
  }
  EXPECT_EQ(function_curve(s, 1, -1.0f, 1.0f, &ys).code(), ErrorCode::INVALID_ARGUMENT);
  Session circle;
  EXPECT_EQ(function_curve(circle, 5, -1.0f, 1.0f, &ys).code(), ErrorCode::UNSUPPORTED);
}

TEST(Regression, AModelFileKeepsTheFunctionAndTheFit) {
  Session s;
  to_regression(s);
  ASSERT_TRUE(s.apply(set({{"function", "abs"}}, Action::Step, 200)).ok());
  const std::vector<uint8_t> bytes = s.save();
  Session t;
  ASSERT_TRUE(t.load(bytes, "fit.nnp").ok());
  EXPECT_EQ(t.config().dataset, "function");
  EXPECT_EQ(t.config().function, "abs");
  EXPECT_EQ(t.config().loss, loss::LossKind::MSE);
  EXPECT_EQ(t.dataset()->targets, s.dataset()->targets);  // the same seed, function and samples: the same data
  Tensor x(Shape{3, 1}, {-0.7f, 0.1f, 0.9f}), ys, yt;
  ASSERT_TRUE(s.predict(x, &ys).ok());
  ASSERT_TRUE(t.predict(x, &yt).ok());
  for (int i = 0; i < 3; ++i) EXPECT_EQ(ys[i], yt[i]);
}

}  // namespace
}  // namespace nnplay::train

namespace nnplay::train {
namespace {

TEST(Regression2D, PlaneSwitchesToMseAndALinearModelFitsIt) {
  Session s;
  ASSERT_TRUE(s.apply(test::set({{"dataset", "plane"}, {"layers", ""}, {"lr", "0.03"}}, Action::Step, 600)).ok());
  EXPECT_EQ(s.config().loss, loss::LossKind::MSE) << "a regression set brings its loss";
  EXPECT_LT(s.status().loss_val, 1e-3);
  // The heatmap is the prediction (x1 + x2)/10 mapped from [-1, 1] to [0, 1].
  std::vector<float> scores;
  ASSERT_TRUE(boundary_scores(s, 8, 6.0f, &scores).ok());
  for (int j = 0; j < 8; ++j)
    for (int i = 0; i < 8; ++i) {
      const float want = ((grid_coord(i, 8, 6.0f) + grid_coord(j, 8, 6.0f)) / 10.0f + 1.0f) * 0.5f;
      EXPECT_NEAR(scores[static_cast<size_t>(j * 8 + i)], std::clamp(want, 0.0f, 1.0f), 0.03f) << i << "," << j;
    }
  ASSERT_TRUE(s.apply(test::set({{"dataset", "circle"}})).ok());
  EXPECT_EQ(s.config().loss, loss::LossKind::CrossEntropy) << "and back to classes";
}

TEST(Regression2D, MultiGaussianTrainsWithAHiddenLayer) {
  Session s;
  ASSERT_TRUE(s.apply(test::set({{"dataset", "multi_gaussian"}, {"layers", "16:tanh,8:tanh"}, {"optimizer", "adam"},
                                 {"lr", "0.01"}},
                                Action::Step, 1500))
                  .ok());
  // The targets' variance is about 0.2 (most points are near a bump's rim); a fit is far below it.
  EXPECT_LT(s.status().loss_val, 0.05) << "loss_val " << s.status().loss_val;
}

}  // namespace
}  // namespace nnplay::train
