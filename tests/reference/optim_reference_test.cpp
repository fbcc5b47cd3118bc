// Every optimizer and LR schedule against torch.optim / torch.optim.lr_scheduler
// (tests/reference/gen_optim.py -> optim.json): the same start weights and 25
// gradients, parameters compared after every step; schedules compared over 60
// steps. Optimizer settings go through the app's config table
// (train::set_config_value), the same path as the UI, URL and CLI.
#include <gtest/gtest.h>

#include <cmath>

#include "optim/lr_scheduler.h"
#include "optim/optimizer.h"
#include "support/golden.h"
#include "train/config.h"
#include "train/optim_case.h"

namespace nnplay {
namespace {

using nlohmann::json;

std::string text_of(const json& v) {
  if (v.is_boolean()) return v.get<bool>() ? "1" : "0";
  if (v.is_string()) return v.get<std::string>();
  char buf[40];
  std::snprintf(buf, sizeof buf, "%.9g", v.get<double>());
  return buf;
}

TEST(OptimReference, TrajectoriesMatchTorchOptim) {
  auto golden = test::load_golden("optim.json");
  ASSERT_TRUE(golden.ok()) << golden.status().to_string();
  const json& g = golden.value();
  ASSERT_GE(g["optimizers"].size(), 14u);
  for (const json& c : g["optimizers"]) {
    const std::string name = c["name"].get<std::string>();
    SCOPED_TRACE(name);
    train::Config cfg;
    for (auto it = c["config"].begin(); it != c["config"].end(); ++it) {
      Status st = train::set_config_value(cfg, it.key(), text_of(it.value()));
      ASSERT_TRUE(st.ok()) << st.to_string();
    }
    auto opt = optim::make_optimizer(cfg.optimizer);
    Tensor w = test::tensor_from_json(g["start"][0], "w").take();
    Tensor b = test::tensor_from_json(g["start"][1], "b").take();
    Tensor gw(w.shape()), gb(b.shape());
    ParamRef params[] = {{{1, "weight"}, &w, &gw, 1.0f}, {{1, "bias"}, &b, &gb, 0.0f}};
    const json& traj = c["trajectory"];
    ASSERT_EQ(traj.size(), g["grads"].size());
    double max_err = 0;
    for (size_t s = 0; s < traj.size(); ++s) {
      gw.vec() = test::tensor_from_json(g["grads"][s][0], "gw").value().vec();
      gb.vec() = test::tensor_from_json(g["grads"][s][1], "gb").value().vec();
      opt->step(params);
      const Tensor ew = test::tensor_from_json(traj[s][0], "w").take();
      const Tensor eb = test::tensor_from_json(traj[s][1], "b").take();
      for (int64_t i = 0; i < w.numel(); ++i) max_err = std::max(max_err, std::abs(double(w[i]) - ew[i]));
      for (int64_t i = 0; i < b.numel(); ++i) max_err = std::max(max_err, std::abs(double(b[i]) - eb[i]));
      SCOPED_TRACE("step " + std::to_string(s + 1));
      EXPECT_TENSOR_NEAR(w, ew, 2e-5, 1e-4);
      EXPECT_TENSOR_NEAR(b, eb, 2e-5, 1e-4);
      if (HasFailure()) return;
    }
    RecordProperty(name, std::to_string(max_err));
  }
}

TEST(OptimReference, SchedulesMatchTorchLrScheduler) {
  auto golden = test::load_golden("optim.json");
  ASSERT_TRUE(golden.ok()) << golden.status().to_string();
  for (const json& c : golden.value()["schedules"]) {
    const std::string text = c["schedule"].get<std::string>();
    SCOPED_TRACE(text);
    auto sched = optim::make_scheduler(text);
    ASSERT_TRUE(sched.ok()) << sched.status().to_string();
    const double base = c["lr"].get<double>();
    const json& lrs = c["lrs"];
    for (size_t t = 0; t < lrs.size(); ++t) {
      EXPECT_NEAR(sched.value()->lr(static_cast<int64_t>(t), base), lrs[t].get<double>(), 1e-9 + 1e-7 * base)
          << "at step " << t;
      if (!c["metrics"].is_null()) sched.value()->observe(c["metrics"][t].get<double>(), base);
    }
  }
}

// The same goldens through nnplay-op's optimizer case (train/optim_case.h):
// the JSON a user would write reproduces torch.optim step by step, and its
// "lr" per step follows torch.optim.lr_scheduler.
TEST(OptimReference, OptimizerCasesReproduceTheGoldens) {
  auto golden = test::load_golden("optim.json");
  ASSERT_TRUE(golden.ok()) << golden.status().to_string();
  const json& g = golden.value();
  auto grads = json::array();
  for (const json& step : g["grads"]) grads.push_back({{"weight", step[0]}, {"bias", step[1]}});
  for (const json& c : g["optimizers"]) {
    SCOPED_TRACE(c["name"].get<std::string>());
    const json oc = {{"optimizer", c["config"]},
                     {"params", {{"weight", g["start"][0]}, {"bias", g["start"][1]}}},
                     {"grads", grads}};
    auto r = train::run_optim_case(oc);
    ASSERT_TRUE(r.ok()) << r.status().to_string();
    const json& steps = r.value()["steps"];
    ASSERT_EQ(steps.size(), c["trajectory"].size());
    for (size_t s = 0; s < steps.size(); ++s) {
      SCOPED_TRACE("step " + std::to_string(s + 1));
      EXPECT_TENSOR_NEAR(test::tensor_from_json(steps[s]["params"]["weight"], "w").take(),
                         test::tensor_from_json(c["trajectory"][s][0], "w").take(), 2e-5, 1e-4);
      EXPECT_TENSOR_NEAR(test::tensor_from_json(steps[s]["params"]["bias"], "b").take(),
                         test::tensor_from_json(c["trajectory"][s][1], "b").take(), 2e-5, 1e-4);
      if (HasFailure()) return;
    }
  }
  for (const json& c : g["schedules"]) {
    SCOPED_TRACE(c["schedule"].get<std::string>());
    const size_t n = c["lrs"].size();
    json sgrads = json::array();
    for (size_t s = 0; s < n; ++s) sgrads.push_back({{"weight", {{"shape", {1}}, {"data", {0.0}}}}});
    json oc = {{"optimizer", {{"optimizer", "sgd"}, {"lr", c["lr"]}}},
               {"schedule", c["schedule"]},
               {"params", {{"weight", {{"shape", {1}}, {"data", {1.0}}}}}},
               {"grads", sgrads}};
    if (!c["metrics"].is_null()) oc["metrics"] = c["metrics"];
    auto r = train::run_optim_case(oc);
    ASSERT_TRUE(r.ok()) << r.status().to_string();
    const double base = c["lr"].get<double>();
    for (size_t s = 0; s < n; ++s)
      EXPECT_NEAR(r.value()["steps"][s]["lr"].get<double>(), c["lrs"][s].get<double>(), 1e-9 + 1e-7 * base)
          << "at step " << s;
  }
}

TEST(OptimCase, BadInputNamesTheProblem) {
  const json w = {{"shape", {2}}, {"data", {1.0, 2.0}}};
  auto msg = [](const json& c) {
    auto r = train::run_optim_case(c);
    return r.ok() ? std::string("ok") : r.status().message();
  };
  EXPECT_NE(msg({{"optimizer", {{"optimizer", "adamx"}}}, {"params", {{"w", w}}}, {"grads", {{{"w", w}}}}}).find("adamx"),
            std::string::npos);
  EXPECT_NE(msg({{"optimizer", {{"lr", -1}}}, {"params", {{"w", w}}}, {"grads", {{{"w", w}}}}}).find("lr"),
            std::string::npos);
  EXPECT_NE(msg({{"optimizer", json::object()}, {"params", {{"w", w}}}, {"grads", {{{"v", w}}}}}).find("no gradient for 'w'"),
            std::string::npos);
  const json w3 = {{"shape", {3}}, {"data", {1.0, 2.0, 3.0}}};
  EXPECT_NE(msg({{"optimizer", json::object()}, {"params", {{"w", w}}}, {"grads", {{{"w", w3}}}}}).find("shape"),
            std::string::npos);
  EXPECT_NE(msg({{"optimizer", json::object()}, {"params", {{"w", w}}}, {"grads", {{{"w", w}}}}, {"lr", 1}}).find("unknown key 'lr'"),
            std::string::npos);
  EXPECT_NE(msg({{"optimizer", json::object()}, {"schedule", "StepLR"}, {"params", {{"w", w}}}, {"grads", {{{"w", w}}}}})
                .find("step_size"),
            std::string::npos);
}

TEST(Schedules, BadTextNamesTheProblem) {
  EXPECT_NE(optim::make_scheduler("StepLR").status().message().find("step_size"), std::string::npos);
  EXPECT_NE(optim::make_scheduler("StepLR(step_size=5,gama=0.5)").status().message().find("gama"), std::string::npos);
  EXPECT_NE(optim::make_scheduler("WarmupLR").status().message().find("unknown schedule"), std::string::npos);
  EXPECT_TRUE(optim::make_scheduler("").ok());
}

}  // namespace
}  // namespace nnplay
