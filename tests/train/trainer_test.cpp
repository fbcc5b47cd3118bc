// Trainer behaviour through the Session (the path every front end uses).
#include "train/trainer.h"
#include "support/session_util.h"

#include <gtest/gtest.h>

#include <cmath>

#include "data/toy2d.h"
#include "nn/model_spec.h"
#include "optim/optimizer.h"
#include "train/session.h"
#include "train/session_json.h"

namespace nnplay::train {
namespace {

using test::set;

std::vector<MetricPoint> run_steps(const Config& cfg, int steps) {
  Session s(cfg);
  EXPECT_TRUE(s.apply(set({}, Action::Step, steps)).ok());
  return s.trainer().history();
}

TEST(Trainer, SameSeedGivesTheSameCurveBitForBit) {
  Config cfg;
  cfg.dataset = "spiral";
  cfg.noise = 0.2f;
  cfg.optimizer.kind = optim::OptimizerKind::Adam;
  cfg.optimizer.lr = 0.01f;
  const auto a = run_steps(cfg, 300), b = run_steps(cfg, 300);
  ASSERT_GT(a.size(), 20u);
  ASSERT_EQ(a.size(), b.size());
  for (size_t i = 0; i < a.size(); ++i) {
    EXPECT_EQ(a[i].step, b[i].step);
    EXPECT_EQ(a[i].loss_train, b[i].loss_train) << "point " << i;
    EXPECT_EQ(a[i].loss_val, b[i].loss_val) << "point " << i;
    EXPECT_EQ(a[i].acc_val, b[i].acc_val) << "point " << i;
  }
  cfg.seed = 2;
  const auto c = run_steps(cfg, 300);
  int differ = 0;
  for (size_t i = 0; i < std::min(a.size(), c.size()); ++i) differ += a[i].loss_train != c[i].loss_train;
  EXPECT_GT(differ, static_cast<int>(a.size()) / 2);
}

TEST(Trainer, CurveDoesNotDependOnHowStepsAreSliced) {
  // run_for() slices by wall time; stepping one at a time must give the same history.
  Config cfg;
  Session one(cfg), many(cfg);
  for (int i = 0; i < 120; ++i) ASSERT_TRUE(one.apply(set({}, Action::Step, 1)).ok());
  ASSERT_TRUE(many.apply(set({}, Action::Step, 120)).ok());
  ASSERT_EQ(one.trainer().history().size(), many.trainer().history().size());
  for (size_t i = 0; i < one.trainer().history().size(); ++i)
    EXPECT_EQ(one.trainer().history()[i].loss_val, many.trainer().history()[i].loss_val);
}

TEST(Trainer, EpochsAndPointsAreCounted) {
  Config cfg;  // circle, 500 samples, val 0.5 -> 250 train, batch 10 -> 25 steps/epoch
  Session s(cfg);
  EXPECT_EQ(s.trainer().steps_per_epoch(), 25);
  ASSERT_TRUE(s.apply(set({}, Action::Step, 50)).ok());
  EXPECT_EQ(s.trainer().epoch(), 2);
  ASSERT_EQ(s.trainer().epochs().size(), 2u);
  const auto& h = s.trainer().history();
  // 10 points per epoch: at steps 2,4,...,24 (12 in-epoch points) + the epoch end.
  EXPECT_TRUE(h.back().full_val);
  EXPECT_EQ(h.back().step, 50);
  EXPECT_NEAR(h.back().epoch, 2.0, 1e-9);
}

TEST(Trainer, DivergenceIsAnErrorThatPausesAndNamesTheNode) {
  Config cfg;
  cfg.loss = loss::LossKind::MSE;
  cfg.layers = {{64, nn::Activation::ReLU}, {64, nn::Activation::ReLU}, {64, nn::Activation::ReLU}};
  cfg.optimizer.lr = 10.0f;
  Session s(cfg);
  ASSERT_TRUE(s.apply(set({}, Action::Train)).ok());
  // A zero budget runs one piece of work per call (a step, an evaluation
  // chunk or one node of either), so the loop ends at the step that diverges
  // however fast the machine is; the step cap only stops a run that never does.
  Status st;
  while (st.ok() && s.trainer().step_count() < 1000) st = s.run_for(0);
  ASSERT_EQ(st.code(), ErrorCode::NON_FINITE) << "no divergence in " << s.trainer().step_count() << " steps";
  EXPECT_FALSE(s.status().running);
  EXPECT_NE(s.status().last_error.find("diverged at step"), std::string::npos) << s.status().last_error;
  EXPECT_NE(s.status().last_error.find("Lower the learning rate"), std::string::npos);
  // status() says the pause is a divergence (an embedding page announces it).
  EXPECT_TRUE(s.status().diverged);
  EXPECT_NE(status_to_json(s.status()).find("\"diverged\":true"), std::string::npos);
  // Reset recovers with a sane learning rate.
  ASSERT_TRUE(s.apply(set({{"lr", "0.03"}}, Action::Reset)).ok());
  EXPECT_TRUE(s.status().last_error.empty());
  EXPECT_FALSE(s.status().diverged);
  EXPECT_NE(status_to_json(s.status()).find("\"diverged\":false"), std::string::npos);
  EXPECT_TRUE(s.apply(set({}, Action::Step, 20)).ok());
}

}  // namespace
}  // namespace nnplay::train

namespace nnplay::train {
namespace {

TEST(Trainer, LongRunsKeepEvenlySpacedPointsAndTheLatestStatus) {
  Config cfg;
  Session s(cfg);
  Command step;
  step.action = Action::Step;
  step.steps = 25 * 900;  // 900 epochs x 12 points = 10,800 points > 4096
  ASSERT_TRUE(s.apply(step).ok());
  const auto& h = s.trainer().history();
  ASSERT_LE(h.size(), 4096u);
  ASSERT_GT(h.size(), 1000u);
  // Spacing in steps is the same at the start and at the end of the run.
  const int64_t early = h[11].step - h[1].step, late = h[h.size() - 1].step - h[h.size() - 11].step;
  EXPECT_NEAR(static_cast<double>(late), static_cast<double>(early), 0.25 * static_cast<double>(early));
  // Status reports the very last point.
  EXPECT_EQ(s.trainer().last_point()->step, 25 * 900);
}

TEST(Trainer, EpochEndPointsDoNotJump) {
  // The point at an epoch end averages the steps since the previous point,
  // like every other point; the epoch record averages the whole epoch.
  Session s;
  Command step;
  step.action = Action::Step;
  step.steps = 25 * 3;
  ASSERT_TRUE(s.apply(step).ok());
  const auto& h = s.trainer().history();
  const MetricPoint& end = h.back();
  const MetricPoint& before = h[h.size() - 2];
  ASSERT_TRUE(end.full_val);
  EXPECT_LT(std::abs(end.loss_train - before.loss_train), 0.1f);
  EXPECT_NE(s.trainer().epochs().back().loss_train, end.loss_train);
}

// A trainer over 400 spiral points (300 train, 100 validation) with every
// kind of state a step carries between its passes: batch-norm statistics,
// dropout masks from the RNG, Adam moments, metric points with evaluations.
struct CutRun {
  data::Dataset ds = data::make_toy2d(data::Toy2D::Spiral, 400, 0.1f, 3);
  nn::Model model;
  std::unique_ptr<optim::Optimizer> opt;
  Trainer trainer;
  explicit CutRun(double whole_unit_ms) {
    auto spec = nn::parse_model_spec("Linear(out_features=16); BatchNorm1d; ReLU; Dropout(p=0.2); "
                                     "Linear(out_features=16); Tanh; Linear(out_features=1)");
    EXPECT_TRUE(spec.ok()) << spec.status().message();
    EXPECT_TRUE(model.build(spec.value(), ds.sample_shape, 64).ok());
    model.reset_parameters(5, nn::InitScheme::PyTorchDefault);
    optim::OptimizerConfig oc;
    oc.kind = optim::OptimizerKind::Adam;
    oc.lr = 0.01f;
    opt = optim::make_optimizer(oc);
    std::vector<int32_t> tr, va;
    data::split_indices(ds.size(), 0.25f, 7, &tr, &va);
    TrainerConfig tc;
    tc.batch_size = 16;
    tc.loss = loss::LossKind::CrossEntropy;  // one logit: binary
    tc.eval_chunk = 32;
    tc.whole_unit_ms = whole_unit_ms;
    EXPECT_TRUE(trainer.setup(&model, opt.get(), &ds, std::move(tr), std::move(va), tc).ok());
  }
};

TEST(Trainer, AStepCutIntoSingleNodesAcrossFramesGivesTheSameNumbers) {
  // whole_unit_ms = 0: every unit runs a node at a time; a zero budget stops
  // run_for after one node, so each call is one "frame" of a long step.
  CutRun whole(1e9), cut(0.0);
  constexpr int kSteps = 60;
  for (int i = 0; i < kSteps; ++i) ASSERT_TRUE(whole.trainer.step().ok());
  ASSERT_TRUE(whole.trainer.finish_eval().ok());
  int calls = 0, half_done = 0;
  const std::vector<int32_t> probe = {0, 1, 2, 3, 4, 5, 6, 7};
  while (cut.trainer.step_count() < kSteps || cut.trainer.unit_in_progress() || cut.trainer.eval_pending()) {
    ASSERT_TRUE(cut.trainer.run_for(0.0, cut.trainer.step_count() < kSteps).ok());
    ++calls;
    half_done += cut.trainer.unit_in_progress();
    // Between frames a panel may run the model (the test-set button): the
    // trainer finishes its step first instead of losing its caches.
    if (calls % 50 == 0) ASSERT_TRUE(cut.trainer.evaluate(cut.ds, probe).ok());
  }
  // 7 nodes forward + 7 backward per step: most calls leave a step half done.
  EXPECT_GT(calls, kSteps * 7);
  EXPECT_GT(half_done, kSteps * 5);
  const auto& a = whole.trainer.history();
  const auto& b = cut.trainer.history();
  ASSERT_EQ(a.size(), b.size());
  ASSERT_GT(a.size(), 5u);
  for (size_t i = 0; i < a.size(); ++i) {
    EXPECT_EQ(a[i].step, b[i].step);
    EXPECT_EQ(a[i].loss_train, b[i].loss_train) << "point " << i;
    EXPECT_EQ(a[i].loss_val, b[i].loss_val) << "point " << i;
  }
  auto pa = whole.model.params(), pb = cut.model.params();
  ASSERT_EQ(pa.size(), pb.size());
  for (size_t k = 0; k < pa.size(); ++k)
    for (int64_t j = 0; j < pa[k].value->numel(); ++j)
      ASSERT_EQ((*pa[k].value)[j], (*pb[k].value)[j]) << pa[k].id.name << "[" << j << "]";
}

TEST(Trainer, AHalfDoneStepFinishesWhenPausedAndBeforeAStep) {
  CutRun cut(0.0);
  ASSERT_TRUE(cut.trainer.run_for(0.0, true).ok());
  ASSERT_TRUE(cut.trainer.unit_in_progress());
  EXPECT_EQ(cut.trainer.step_count(), 0);
  // Paused (train = false): the step in progress still completes.
  while (cut.trainer.unit_in_progress()) ASSERT_TRUE(cut.trainer.run_for(0.0, false).ok());
  EXPECT_EQ(cut.trainer.step_count(), 1);
  // A step command with a unit half done (here the evaluation step 1 queued)
  // finishes it, then runs one whole step.
  ASSERT_TRUE(cut.trainer.run_for(0.0, true).ok());
  ASSERT_TRUE(cut.trainer.unit_in_progress());
  ASSERT_TRUE(cut.trainer.step().ok());
  EXPECT_FALSE(cut.trainer.unit_in_progress());
  EXPECT_EQ(cut.trainer.step_count(), 2);
  EXPECT_EQ(cut.trainer.history().size(), 1u);
}

}  // namespace
}  // namespace nnplay::train

namespace nnplay::train {
namespace {

TEST(Trainer, ACostlyNetworkGetsPointsByWorkDoneAndASmallerValidationSubset) {
  // Linear(2→16), ReLU, Linear(16→1): 2·16 + 16·1 = 48 MACs per sample
  // forward, 3·48 = 144 a training sample. A budget of 100 training samples'
  // MACs per point at batch 16 gives a point every ⌈100/16⌉ = 7 steps (the
  // 10-per-epoch rule alone would give 3000/16/10 → 18), and validation
  // affordable on 14400/6/48 = 50 samples, raised to min_val_subset = 64.
  data::Dataset ds = data::make_toy2d(data::Toy2D::Spiral, 4000, 0.1f, 3);
  nn::Model model;
  auto spec = nn::parse_model_spec("Linear(out_features=16); ReLU; Linear(out_features=1)");
  ASSERT_TRUE(spec.ok());
  ASSERT_TRUE(model.build(spec.value(), ds.sample_shape, 16).ok());
  model.reset_parameters(5, nn::InitScheme::PyTorchDefault);
  optim::OptimizerConfig oc;
  oc.lr = 0.1f;
  auto opt = optim::make_optimizer(oc);
  std::vector<int32_t> tr, va;
  data::split_indices(ds.size(), 0.25f, 7, &tr, &va);
  ASSERT_EQ(va.size(), 1000u);
  const std::vector<int32_t> val_all = va;
  TrainerConfig tc;
  tc.batch_size = 16;
  tc.max_macs_per_point = 144.0 * 100;
  tc.min_val_subset = 64;
  Trainer t;
  ASSERT_TRUE(t.setup(&model, opt.get(), &ds, std::move(tr), std::move(va), tc).ok());
  EXPECT_EQ(t.steps_per_point(), 7);
  EXPECT_EQ(t.in_epoch_val_samples(), 64);
  for (int i = 0; i < 7; ++i) ASSERT_TRUE(t.step().ok());
  ASSERT_TRUE(t.finish_eval().ok());
  ASSERT_EQ(t.history().size(), 1u);
  EXPECT_EQ(t.history()[0].step, 7);
  // The point's validation loss is the loss on exactly the first 64 validation samples.
  auto first = t.evaluate(ds, std::vector<int32_t>(val_all.begin(), val_all.begin() + 64));
  auto more = t.evaluate(ds, std::vector<int32_t>(val_all.begin(), val_all.begin() + 200));
  ASSERT_TRUE(first.ok() && more.ok());
  EXPECT_NEAR(t.history()[0].loss_val, first.value().loss, 1e-5);
  EXPECT_GT(std::abs(t.history()[0].loss_val - more.value().loss), 1e-4);
  for (int i = 0; i < 7; ++i) ASSERT_TRUE(t.step().ok());
  ASSERT_TRUE(t.finish_eval().ok());
  ASSERT_EQ(t.history().size(), 2u);
  EXPECT_EQ(t.history()[1].step, 14);
}

TEST(Trainer, ACheapNetworkKeepsTheTenPointsPerEpochAndTheFullSubset) {
  Config cfg;  // circle MLP: 25 steps per epoch, 250 validation samples
  Session s(cfg);
  EXPECT_EQ(s.trainer().steps_per_point(), 2);
  // 2 steps of 10 samples cost 60 forward passes: the floor of 256 covers all 250.
  EXPECT_EQ(s.trainer().in_epoch_val_samples(), 256);
  Config big = cfg;  // 2500 training samples: a point every 250 samples (25 steps) pays for 3 × 250
  big.samples = 5000;
  Session b(big);
  EXPECT_EQ(b.trainer().steps_per_point(), 25);
  EXPECT_EQ(b.trainer().in_epoch_val_samples(), 750);
}

TEST(Trainer, ASmallTrainingSetValidatesNoMoreThanItTrains) {
  // 120 training samples of 4000 (train_limit), batch 8: 15 steps per epoch,
  // a point every step; validating 1000 samples there would cost 42× the
  // 24 forward passes of training between two points.
  Config cfg;
  cfg.samples = 5000;
  cfg.train_limit = 120;
  cfg.batch_size = 8;
  Session s(cfg);
  EXPECT_EQ(s.trainer().steps_per_point(), 1);
  EXPECT_EQ(s.trainer().in_epoch_val_samples(), 256);
  EXPECT_GT(s.trainer().val_indices().size(), 1000u);
}

TEST(Trainer, ChanceLevelIsTheLossOfAUniformGuess) {
  // −ln(1/C) for cross-entropy over C classes; no yardstick for MSE or real targets.
  Config circle;  // 2 classes, one logit
  EXPECT_DOUBLE_EQ(Session(circle).trainer().chance_loss(), std::log(2.0));
  Session s;
  ASSERT_TRUE(s.apply(set({{"dataset", "memory"}})).ok());  // 4 symbols
  EXPECT_DOUBLE_EQ(s.trainer().chance_loss(), std::log(4.0));
  ASSERT_TRUE(s.apply(set({{"dataset", "shapes"}})).ok());  // per pixel: background + 3 shapes
  EXPECT_DOUBLE_EQ(s.trainer().chance_loss(), std::log(4.0));
  ASSERT_TRUE(s.apply(set({{"dataset", "circle"}, {"loss", "mse"}})).ok());
  EXPECT_EQ(s.trainer().chance_loss(), 0.0);
  ASSERT_TRUE(s.apply(set({{"dataset", "function"}})).ok());  // real targets
  EXPECT_EQ(s.trainer().chance_loss(), 0.0);
}

}  // namespace
}  // namespace nnplay::train
