// Optimizer race: same seed ⇒ identical initial weights and batch order in
// every lane; lanes stay level; commands validate before changing anything;
// the JSON form (race_json.h); the loss-slice job leaves training untouched.
#include "train/race.h"

#include <gtest/gtest.h>

#include <cmath>
#include <nlohmann/json.hpp>

#include "train/loss_slice_job.h"
#include "train/race_json.h"

namespace nnplay::train {
namespace {

RaceCommand lanes(std::vector<Settings> l, Action a = Action::None, int steps = 1) {
  RaceCommand c;
  c.lanes = RaceCommand::Lanes::Set;
  c.lane_settings = std::move(l);
  c.action = a;
  c.steps = steps;
  return c;
}

RaceCommand act(Action a, int steps = 1) {
  RaceCommand c;
  c.action = a;
  c.steps = steps;
  return c;
}

bool same_weights(const nn::Model& a, const nn::Model& b) {
  auto pa = a.params();
  auto pb = b.params();
  if (pa.size() != pb.size()) return false;
  for (size_t k = 0; k < pa.size(); ++k) {
    if (pa[k].value->shape() != pb[k].value->shape()) return false;
    for (int64_t i = 0; i < pa[k].value->numel(); ++i)
      if ((*pa[k].value)[i] != (*pb[k].value)[i]) return false;
  }
  return true;
}

Config spiral() {
  Config c;
  c.dataset = "spiral";
  c.layers = {{8, nn::Activation::Tanh}, {8, nn::Activation::Tanh}};
  c.seed = 7;
  return c;
}

TEST(Race, LanesStartFromIdenticalWeightsAndSeeTheSameBatches) {
  Race race;
  ASSERT_TRUE(race.apply(lanes({{{"optimizer", "sgd"}, {"lr", "0.1"}},
                                {{"optimizer", "adam"}, {"lr", "0.01"}},
                                {{"optimizer", "sgd"}, {"lr", "0.1"}}}),
                         spiral())
                  .ok());
  ASSERT_EQ(race.size(), 3);
  EXPECT_TRUE(same_weights(race.lane(0).model(), race.lane(1).model()));
  EXPECT_TRUE(same_weights(race.lane(0).model(), race.lane(2).model()));
  EXPECT_EQ(race.lane(1).config().optimizer.kind, optim::OptimizerKind::Adam);
  EXPECT_EQ(race.lane(1).config().dataset, "spiral");
  ASSERT_FALSE(std::isnan(race.loss_init(0)));
  EXPECT_EQ(race.loss_init(0), race.loss_init(1));
  EXPECT_EQ(race.loss_init(0), race.loss_init(2));

  // Step 1: the loss of the first batch is computed before any update, so it
  // is the same in every lane iff the weights and the first batch are.
  ASSERT_TRUE(race.apply(act(Action::Step, 1), spiral()).ok());
  EXPECT_EQ(race.lane(0).trainer().last_batch_loss(), race.lane(1).trainer().last_batch_loss());
  EXPECT_FALSE(same_weights(race.lane(0).model(), race.lane(1).model()));  // SGD and Adam moved differently

  // Lanes 0 and 2 have the same settings: identical runs, point for point
  // (same batch order over several epochs: 250 samples / 10 = 25 steps an epoch).
  ASSERT_TRUE(race.apply(act(Action::Step, 80), spiral()).ok());
  const auto& h0 = race.lane(0).trainer().history();
  const auto& h2 = race.lane(2).trainer().history();
  ASSERT_EQ(h0.size(), h2.size());
  ASSERT_GT(h0.size(), 20u);
  for (size_t i = 0; i < h0.size(); ++i) {
    EXPECT_EQ(h0[i].loss_train, h2[i].loss_train) << i;
    EXPECT_EQ(h0[i].loss_val, h2[i].loss_val) << i;
  }
  EXPECT_TRUE(same_weights(race.lane(0).model(), race.lane(2).model()));
  EXPECT_NE(h0.back().loss_train, race.lane(1).trainer().history().back().loss_train);

  // Reset puts every lane back on the same initial weights.
  Race fresh;
  ASSERT_TRUE(fresh.apply(lanes({{{"optimizer", "sgd"}}, {{"optimizer", "rmsprop"}}}), spiral()).ok());
  ASSERT_TRUE(race.apply(act(Action::Reset), spiral()).ok());
  for (int i = 0; i < race.size(); ++i) {
    EXPECT_TRUE(same_weights(race.lane(i).model(), fresh.lane(0).model())) << i;
    EXPECT_EQ(race.lane(i).trainer().step_count(), 0);
  }
}

TEST(Race, SameSeedSameRunAsASingleSession) {
  // A lane is an ordinary session: lane 1 reproduces a session with its settings.
  Race race;
  ASSERT_TRUE(race.apply(lanes({{{"optimizer", "sgd"}}, {{"optimizer", "rmsprop"}, {"lr", "0.01"}}}, Action::Step, 40),
                         spiral())
                  .ok());
  Config c = spiral();
  c.optimizer.kind = optim::OptimizerKind::RMSprop;
  c.optimizer.lr = 0.01f;
  Session solo(c);
  Command step;
  step.action = Action::Step;
  step.steps = 40;
  ASSERT_TRUE(solo.apply(step).ok());
  EXPECT_TRUE(same_weights(race.lane(1).model(), solo.model()));
}

TEST(Race, RunForKeepsLanesLevelAndEveryLossFalls) {
  Race race;
  Config base = spiral();
  base.dataset = "circle";
  ASSERT_TRUE(race.apply(lanes({{{"optimizer", "sgd"}, {"lr", "0.1"}, {"momentum", "0.9"}},
                                {{"optimizer", "adam"}, {"lr", "0.01"}},
                                {{"optimizer", "sgd"}, {"lr", "0.03"}, {"batch_size", "1"}}},
                               Action::Train),
                         base)
                  .ok());
  EXPECT_TRUE(race.running());
  // A zero budget runs one work unit of the lane furthest behind per call,
  // so the race ends at the same point on any machine (a time budget gave a
  // slow machine fewer epochs than the checks below need).
  auto slowest = [&] {
    double e = 1e9;
    for (int i = 0; i < race.size(); ++i) e = std::min(e, race.lane(i).trainer().epoch_progress());
    return e;
  };
  for (int call = 0; call < 100000 && slowest() < 20.0; ++call) ASSERT_TRUE(race.run_for(0.0).ok());
  double lo = 1e9, hi = 0;
  for (int i = 0; i < race.size(); ++i) {
    const double e = race.lane(i).trainer().epoch_progress();
    lo = std::min(lo, e);
    hi = std::max(hi, e);
    const SessionStatus s = race.lane(i).status();
    ASSERT_TRUE(s.has_metrics) << i;
    EXPECT_LT(s.loss_val, 0.7 * race.loss_init(i)) << i;
  }
  EXPECT_GE(lo, 20.0);
  EXPECT_LT(hi - lo, 0.2);  // level within a fraction of an epoch (per sample seen, batch 1 vs 10)
  ASSERT_TRUE(race.apply(act(Action::Pause), base).ok());
  EXPECT_FALSE(race.running());
}

TEST(Race, BadCommandsChangeNothing) {
  Race race;
  EXPECT_EQ(race.apply(lanes({}), spiral()).code(), ErrorCode::INVALID_ARGUMENT);  // no lanes
  EXPECT_EQ(race.apply(act(Action::Train), spiral()).code(), ErrorCode::NOT_READY);                       // no lanes
  ASSERT_TRUE(race.apply(lanes({{{"optimizer", "sgd"}}, {{"optimizer", "adam"}}}), spiral()).ok());
  // A lane may not change what must be shared.
  Status st = race.apply(lanes({{{"optimizer", "sgd"}}, {{"seed", "3"}}}), spiral());
  EXPECT_EQ(st.code(), ErrorCode::INVALID_ARGUMENT);
  EXPECT_NE(st.message().find("seed"), std::string::npos) << st.message();
  EXPECT_EQ(race.size(), 2);
  EXPECT_EQ(race.lane(1).config().optimizer.kind, optim::OptimizerKind::Adam);
  RaceCommand edit;
  edit.lane = 1;
  edit.set = {{"beta2", "2"}};
  EXPECT_EQ(race.apply(edit, spiral()).code(), ErrorCode::INVALID_ARGUMENT);
  edit.set = {{"beta2", "0.99"}};
  ASSERT_TRUE(race.apply(edit, spiral()).ok());
  EXPECT_FLOAT_EQ(race.lane(1).config().optimizer.beta2, 0.99f);
  EXPECT_FLOAT_EQ(race.lane(0).config().optimizer.beta2, 0.999f);
  edit.lane = 5;
  EXPECT_EQ(race.apply(edit, spiral()).code(), ErrorCode::INVALID_ARGUMENT);
  // A shared setting goes to every lane.
  RaceCommand shared;
  shared.set = {{"layers", "4:relu"}};
  ASSERT_TRUE(race.apply(shared, spiral()).ok());
  EXPECT_EQ(race.lane(0).status().layers, "4:relu");
  EXPECT_EQ(race.lane(1).status().layers, "4:relu");
  shared.set = {{"layers", "4:wiggle"}};
  EXPECT_FALSE(race.apply(shared, spiral()).ok());
  EXPECT_EQ(race.lane(1).status().layers, "4:relu");
}

TEST(Race, LanesMayDifferInAnySettingButTheData) {
  // A comparison of activations: the lanes differ in their networks, share
  // the data, split and batch order (the training indices are the same).
  Race race;
  RaceCommand c = lanes({{{"layers", "8:relu,8:relu"}}, {{"layers", "8:sigmoid,8:sigmoid"}}});
  c.lane_labels = {"ReLU", "sigmoid"};
  ASSERT_TRUE(race.apply(c, spiral()).ok());
  EXPECT_EQ(race.lane(0).status().layers, "8:relu,8:relu");
  EXPECT_EQ(race.lane(1).status().layers, "8:sigmoid,8:sigmoid");
  EXPECT_EQ(race.lane_label(1), "sigmoid");
  EXPECT_EQ(race.lane(0).trainer().train_indices(), race.lane(1).trainer().train_indices());
  // The same network in two lanes starts from the same weights whatever else differs.
  ASSERT_TRUE(race.apply(lanes({{{"layers", "8:relu"}, {"batch_size", "1"}}, {{"layers", "8:relu"}, {"loss", "mse"}}}),
                         spiral())
                  .ok());
  EXPECT_TRUE(same_weights(race.lane(0).model(), race.lane(1).model()));
  EXPECT_EQ(race.lane_label(0), "lane 1");  // new lanes without labels
}

TEST(Race, ASharedSettingIsCheckedOnEveryLaneBeforeAnyTakesIt) {
  // Lane 1's custom network names a layer the new dataset's labels cannot
  // feed (3 logits for 2 classes is refused on the spiral, too): a shared
  // setting lane 0 accepts but lane 1 refuses must change neither.
  Race race;
  ASSERT_TRUE(race.apply(lanes({{{"model", "mlp"}},
                                {{"model", "custom"}, {"network", "h:Linear(out_features=4); Tanh; Linear(out_features=classes)"}}}),
                         spiral())
                  .ok());
  RaceCommand shared;
  shared.set = {{"network", "Linear(out_features=3)"}};  // fine for lane 0 (an MLP ignores it), not for lane 1
  const Status st = race.apply(shared, spiral());
  EXPECT_EQ(st.code(), ErrorCode::SHAPE_MISMATCH) << st.to_string();
  EXPECT_EQ(race.lane(0).config().network, "");
  EXPECT_EQ(race.lane(1).config().network, "h:Linear(out_features=4); Tanh; Linear(out_features=classes)");
}

TEST(Race, ABudgetStopsEveryLaneAfterItsSteps) {
  Race race;
  RaceCommand c = lanes({{{"batch_size", "1"}}, {{"batch_size", "25"}}}, Action::Train);
  c.budget = 40;
  ASSERT_TRUE(race.apply(c, spiral()).ok());
  EXPECT_FALSE(race.finished());
  for (int i = 0; i < 100000 && race.running(); ++i) ASSERT_TRUE(race.run_for(0.0).ok());
  EXPECT_TRUE(race.finished());
  for (int i = 0; i < race.size(); ++i) {
    EXPECT_EQ(race.lane(i).trainer().step_count(), 40) << i;  // exactly: a lane stops at its budget
    EXPECT_FALSE(race.lane(i).status().running) << i;
  }
}

TEST(RaceJson, CommandAndStatus) {
  auto c = race_command_from_json(
      R"({"race":[{"optimizer":"sgd","lr":0.1},{"optimizer":"adam","lr":0.01,"beta1":0.8}],"dataset":"xor","action":"step","steps":3})");
  ASSERT_TRUE(c.ok()) << c.status().to_string();
  EXPECT_EQ(c.value().lanes, RaceCommand::Lanes::Set);
  ASSERT_EQ(c.value().lane_settings.size(), 2u);
  EXPECT_EQ(c.value().lane_settings[1].size(), 3u);
  EXPECT_EQ(c.value().action, Action::Step);
  EXPECT_EQ(c.value().steps, 3);
  ASSERT_EQ(c.value().set.size(), 1u);
  EXPECT_EQ(c.value().set[0].first, "dataset");
  EXPECT_TRUE(is_race_command(R"({"race":true,"action":"pause"})"));
  EXPECT_FALSE(is_race_command(R"({"action":"pause"})"));
  EXPECT_EQ(race_command_from_json(R"({"race":false})").value().lanes, RaceCommand::Lanes::Clear);
  auto edit = race_command_from_json(R"({"race":true,"lane":1,"eps":1e-6})");
  ASSERT_TRUE(edit.ok());
  EXPECT_EQ(edit.value().lane, 1);
  EXPECT_EQ(race_command_from_json(R"({"race":true,"lane":0,"dataset":"xor"})").status().code(),
            ErrorCode::INVALID_ARGUMENT);
  EXPECT_EQ(race_command_from_json(R"({"race":[{"optimizer":"sgd","action":"train"}]})").status().code(),
            ErrorCode::INVALID_ARGUMENT);
  EXPECT_EQ(race_command_from_json(R"({"race":[{"lr":-1}]})").status().code(), ErrorCode::INVALID_ARGUMENT);
  EXPECT_EQ(race_command_from_json(R"({"race":7})").status().code(), ErrorCode::PARSE_ERROR);

  Race race;
  EXPECT_EQ(race_status_to_json(race), "null");
  ASSERT_TRUE(race.apply(c.value(), spiral()).ok());
  auto j = nlohmann::json::parse(with_race_status(R"({"step":0})", race), nullptr, false);
  ASSERT_FALSE(j.is_discarded());
  EXPECT_EQ(j["step"], 0);
  ASSERT_EQ(j["race"]["lanes"].size(), 2u);
  EXPECT_EQ(j["race"]["dataset"], "xor");
  EXPECT_EQ(j["race"]["lanes"][1]["optimizer"], "adam");
  EXPECT_EQ(j["race"]["lanes"][1]["settings"]["beta1"], "0.8");
  EXPECT_EQ(j["race"]["lanes"][0]["step"], 3);
  EXPECT_EQ(j["race"]["lanes"][0]["loss_init"], j["race"]["lanes"][1]["loss_init"]);
}

TEST(LossSliceJob, GridOnACopyLeavesTrainingUntouched) {
  Session a(spiral()), b(spiral());
  Command step;
  step.action = Action::Step;
  step.steps = 30;
  ASSERT_TRUE(a.apply(step).ok());
  ASSERT_TRUE(b.apply(step).ok());
  LossSliceJob job;
  ASSERT_TRUE(job.start(a, 9, 0.5f, 3, 64).ok());
  for (int i = 0; i < 1000 && !job.done(); ++i) ASSERT_TRUE(job.run_for(1.0).ok());
  ASSERT_TRUE(job.done());
  const std::vector<float>& v = job.values();
  ASSERT_EQ(v.size(), 81u);
  EXPECT_NEAR(v[40], job.origin_loss(), 1e-6);  // centre of the 9x9 grid = origin
  for (float x : v) EXPECT_TRUE(std::isfinite(x));
  EXPECT_NEAR(job.project(a.model())[0], 0.0f, 1e-5);
  // Training continues exactly as in the twin session that never had a slice.
  ASSERT_TRUE(a.apply(step).ok());
  ASSERT_TRUE(b.apply(step).ok());
  EXPECT_TRUE(same_weights(a.model(), b.model()));
  EXPECT_EQ(a.trainer().history().back().loss_train, b.trainer().history().back().loss_train);
  const auto ab = job.project(a.model());
  EXPECT_GT(std::abs(ab[0]) + std::abs(ab[1]), 0.0f);  // the path moved on the plane
}

}  // namespace
}  // namespace nnplay::train
