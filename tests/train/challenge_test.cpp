// A challenge from a link: parsing (every error names the item) and judging
// (met at the first point that reaches the bound under the constraints;
// kept; the best value under the constraints), with statuses made by hand.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "train/challenge.h"
#include "train/playground.h"

namespace nnplay::train {
namespace {

SessionStatus point(int64_t step, float acc_val, int64_t params = 105) {
  SessionStatus s;
  s.step = step;
  s.acc_val = acc_val;
  s.loss_val = 1.0f - acc_val;
  s.has_metrics = true;
  s.num_params = params;
  s.architecture = "2-8-8-1";
  return s;
}

TEST(Challenge, ParsesGoalsAndConstraints) {
  auto c = parse_challenge({"goal=acc_val%3E%3D0.9", "max_params=200", "max_steps=3000", "challenge=Fit%20it", "hint=More+units"});
  ASSERT_TRUE(c.ok()) << c.status().to_string();
  EXPECT_EQ(c.value().metric, "acc_val");
  EXPECT_TRUE(c.value().at_least);
  EXPECT_DOUBLE_EQ(c.value().target, 0.9);
  EXPECT_EQ(c.value().max_params, 200);
  EXPECT_EQ(c.value().max_steps, 3000);
  EXPECT_EQ(c.value().text, "Fit it");
  EXPECT_EQ(c.value().hint, "More units");
  EXPECT_EQ(c.value().goal_text(), "validation accuracy ≥ 0.9 with at most 200 parameters within 3,000 steps");
  auto l = parse_challenge({"goal=loss_val<=0.1"});
  ASSERT_TRUE(l.ok());
  EXPECT_FALSE(l.value().at_least);
  EXPECT_FALSE(parse_challenge({"dataset=xor"}).value().active()) << "no goal, no challenge";
}

TEST(Challenge, RefusesBadItemsNamingThem) {
  for (const char* item : {"goal=acc_val>0.9", "goal=accuracy>=0.9", "goal=acc_val>=high", "goal=acc_val>=90",
                           "goal=loss_val<=-1", "max_params=-3", "max_steps=1.5", "max_params=lots"}) {
    auto c = parse_challenge({"goal=acc_val>=0.9", item});
    ASSERT_FALSE(c.ok()) << item;
    EXPECT_NE(c.status().message().find(item), std::string::npos) << c.status().message();
  }
  auto orphan = parse_challenge({"max_steps=100"});
  ASSERT_FALSE(orphan.ok());
  EXPECT_NE(orphan.status().message().find("needs a goal"), std::string::npos);
}

TEST(Challenge, IsMetAtTheFirstPointThatReachesTheBoundAndStaysMet) {
  const Challenge c = parse_challenge({"goal=acc_val>=0.9"}).value();
  ChallengeProgress p;
  observe(c, point(100, 0.7f), p);
  EXPECT_FALSE(p.met);
  EXPECT_FLOAT_EQ(static_cast<float>(p.best), 0.7f);
  observe(c, point(200, 0.92f), p);
  ASSERT_TRUE(p.met);
  EXPECT_EQ(p.met_step, 200);
  EXPECT_EQ(p.met_network, "2-8-8-1 (105 parameters)");
  observe(c, point(300, 0.5f), p);
  EXPECT_TRUE(p.met) << "a met goal stays met";
  EXPECT_EQ(p.met_step, 200);
  EXPECT_FLOAT_EQ(static_cast<float>(p.best), 0.92f) << "the best is kept";
  // A loss goal: lower is better.
  const Challenge l = parse_challenge({"goal=loss_val<=0.2"}).value();
  ChallengeProgress q;
  observe(l, point(10, 0.7f), q);  // loss 0.3
  observe(l, point(20, 0.75f), q);  // 0.25
  EXPECT_FALSE(q.met);
  EXPECT_NEAR(q.best, 0.25, 1e-6);
  observe(l, point(30, 0.85f), q);  // 0.15
  EXPECT_TRUE(q.met);
}

TEST(Challenge, ConstraintsDecideWhetherAPointCounts) {
  const Challenge c = parse_challenge({"goal=acc_val>=0.9", "max_params=100", "max_steps=500"}).value();
  ChallengeProgress p;
  observe(c, point(100, 0.95f, 105), p);
  EXPECT_FALSE(p.met) << "105 parameters > 100";
  EXPECT_FALSE(p.has_best);
  EXPECT_NE(p.blocked.find("105 parameters"), std::string::npos) << p.blocked;
  observe(c, point(600, 0.95f, 90), p);
  EXPECT_FALSE(p.met) << "step 600 > 500";
  EXPECT_NE(p.blocked.find("500 steps"), std::string::npos) << p.blocked;
  observe(c, point(400, 0.95f, 90), p);  // after a reset, within both
  EXPECT_TRUE(p.met);
  EXPECT_TRUE(p.blocked.empty());
  // A status without metrics (before the first curve point) changes nothing.
  ChallengeProgress fresh;
  SessionStatus none = point(50, 0.99f, 90);
  none.has_metrics = false;
  observe(c, none, fresh);
  EXPECT_FALSE(fresh.met);
}

TEST(Challenge, ALinkSetsOneThatTheStatusReportsAndTrainingMeets) {
  // XOR with a 2-8-8-1 tanh net (105 parameters) reaches 80% validation
  // accuracy within a few hundred steps; the status says when, and with what.
  Playground p;
  const LinkReport r = p.apply_link("dataset=xor&goal=acc_val%3E%3D0.8&max_params=200&challenge=Solve%20XOR&action=train");
  ASSERT_TRUE(r.ok()) << r.summary();
  nlohmann::json s = nlohmann::json::parse(p.status_json());
  ASSERT_TRUE(s["challenge"].is_object()) << s.dump();
  EXPECT_EQ(s["challenge"]["goal"], "validation accuracy ≥ 0.8 with at most 200 parameters");
  EXPECT_EQ(s["challenge"]["text"], "Solve XOR");
  EXPECT_FALSE(s["challenge"]["met"].get<bool>());
  for (int i = 0; i < 2000 && !p.challenge_progress().met; ++i) (void)p.run_for(5.0);
  s = nlohmann::json::parse(p.status_json());
  ASSERT_TRUE(s["challenge"]["met"].get<bool>()) << s.dump();
  EXPECT_GE(s["challenge"]["met_value"].get<double>(), 0.8);
  EXPECT_EQ(s["challenge"]["met_network"], "2-8-8-1 (105 parameters)");
  // A bad challenge is reported like any setting the link could not apply; no challenge then.
  Playground q;
  const LinkReport bad = q.apply_link("dataset=xor&goal=acc_val>=2");
  EXPECT_FALSE(bad.ok());
  EXPECT_NE(bad.summary().find("goal=acc_val>=2"), std::string::npos) << bad.summary();
  EXPECT_TRUE(nlohmann::json::parse(q.status_json())["challenge"].is_null());
}

}  // namespace
}  // namespace nnplay::train
