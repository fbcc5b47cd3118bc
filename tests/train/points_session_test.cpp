// Clicked points in a session (the `points` setting, data/point_edits.h): an
// edit keeps the weights, the step count and the curves and trains on the
// edited set from the next step; a link that carries the edits rebuilds the
// same set and split; a new set drops them; other datasets refuse them. And
// what a student should see: blue points clicked into the circle's orange
// ring turn the prediction there blue, where the same training without them
// leaves it orange.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <vector>

#include "support/session_util.h"
#include "train/session.h"

namespace nnplay::train {
namespace {

using test::set;

std::vector<float> first_weights(const Session& s) {
  const Tensor& w = *s.model().params()[0].value;
  return std::vector<float>(w.data(), w.data() + w.numel());
}

TEST(PointsSession, AnEditKeepsWeightsAndProgressAndTrainsOnTheNewPoints) {
  Session s;
  ASSERT_TRUE(s.apply(set({{"dataset", "circle"}, {"samples", "100"}}, Action::Step, 7)).ok());
  const std::vector<int32_t> train0 = s.trainer().train_indices(), val0 = s.trainer().val_indices();
  const std::vector<float> w = first_weights(s);
  const Status st = s.apply(set({{"points", "4,4,1;-4.5,1,1;r" + std::to_string(val0[0]) + ";r" +
                                                std::to_string(train0[0])}}));
  ASSERT_TRUE(st.ok()) << st.to_string();
  EXPECT_EQ(s.trainer().step_count(), 7);
  EXPECT_EQ(first_weights(s), w);
  ASSERT_EQ(s.dataset()->size(), 102);
  EXPECT_EQ(s.dataset()->y[100], 1);
  EXPECT_EQ(s.dataset()->feature(101, 0), -4.5f);
  const auto& train = s.trainer().train_indices();
  const auto& val = s.trainer().val_indices();
  EXPECT_EQ(train.size(), train0.size() + 1);  // two added, one removed
  EXPECT_EQ(val.size(), val0.size() - 1);
  EXPECT_EQ(std::count(train.begin(), train.end(), 100), 1);
  EXPECT_EQ(std::count(train.begin(), train.end(), 101), 1);
  EXPECT_EQ(std::count(train.begin(), train.end(), train0[0]), 0);
  EXPECT_EQ(std::count(val.begin(), val.end(), val0[0]), 0);
  EXPECT_EQ(s.config().points, "4,4,1;-4.5,1,1;r" + std::to_string(std::min(val0[0], train0[0])) + ";r" +
                                   std::to_string(std::max(val0[0], train0[0])));
  // Training goes on: every training sample (the new ones too) is seen within the next epoch.
  ASSERT_TRUE(s.apply(set({}, Action::Step, 30)).ok());
  EXPECT_EQ(s.trainer().step_count(), 37);
  EXPECT_TRUE(std::isfinite(s.trainer().last_batch_loss()));
}

TEST(PointsSession, ALinkWithTheEditsRebuildsTheSameSetAndSplit) {
  Session edited;
  ASSERT_TRUE(edited.apply(set({{"dataset", "spiral"}, {"samples", "200"}, {"seed", "5"}})).ok());
  ASSERT_TRUE(edited.apply(set({{"points", "1,1,0;2,-2,1;r3;r150"}})).ok());
  Session linked;
  ASSERT_TRUE(
      linked.apply(set({{"dataset", "spiral"}, {"samples", "200"}, {"seed", "5"}, {"points", "r150;1,1,0;2,-2,1;r3"}}))
          .ok());
  EXPECT_EQ(linked.config().points, edited.config().points);
  EXPECT_EQ(linked.trainer().train_indices(), edited.trainer().train_indices());
  EXPECT_EQ(linked.trainer().val_indices(), edited.trainer().val_indices());
  EXPECT_EQ(linked.dataset()->x_f32, edited.dataset()->x_f32);
  EXPECT_EQ(linked.dataset()->y, edited.dataset()->y);
}

TEST(PointsSession, ANewSetDropsTheEditsAndOtherDataRefusesThem) {
  Session s;
  ASSERT_TRUE(s.apply(set({{"dataset", "xor"}, {"points", "1,1,0"}})).ok());
  ASSERT_TRUE(s.apply(set({{"noise", "0.2"}})).ok());
  EXPECT_EQ(s.config().points, "");
  EXPECT_EQ(s.dataset()->size(), s.config().samples);
  ASSERT_TRUE(s.apply(set({{"points", "1,1,0"}})).ok());
  ASSERT_TRUE(s.apply(set({{"dataset", "moons"}})).ok());
  EXPECT_EQ(s.config().points, "");

  const std::string before = s.config().points;
  Status st = s.apply(set({{"dataset", "memory"}, {"points", "1,1,0"}}));
  EXPECT_EQ(st.code(), ErrorCode::UNSUPPORTED);
  EXPECT_NE(st.message().find("not a generated 2D set"), std::string::npos) << st.message();
  EXPECT_EQ(s.config().dataset, "moons");
  st = s.apply(set({{"points", "r" + std::to_string(s.config().samples)}}));
  EXPECT_EQ(st.code(), ErrorCode::INVALID_ARGUMENT);
  EXPECT_NE(st.message().find("but the set has"), std::string::npos) << st.message();
  EXPECT_EQ(s.config().points, before);
}

TEST(PointsSession, RemovingEveryValidationSampleIsRefused) {
  Session s;
  ASSERT_TRUE(s.apply(set({{"samples", "20"}})).ok());
  std::string all;
  for (int32_t i : s.trainer().val_indices()) all += (all.empty() ? "r" : ";r") + std::to_string(i);
  const Status st = s.apply(set({{"points", all}}));
  EXPECT_EQ(st.code(), ErrorCode::INVALID_ARGUMENT);
  EXPECT_NE(st.message().find("no validation samples"), std::string::npos) << st.message();
  EXPECT_EQ(s.config().points, "");
}

// P(blue) at (4.5, 4.5), in the circle's orange ring, after `steps` steps.
float blue_at_corner(const std::string& points, int steps) {
  Session s;
  Command c = set({{"dataset", "circle"}, {"optimizer", "adam"}, {"lr", "0.03"}, {"layers", "8:tanh,8:tanh"}});
  if (!points.empty()) c.set.emplace_back("points", points);
  EXPECT_TRUE(s.apply(c).ok());
  EXPECT_TRUE(s.apply(set({}, Action::Step, steps)).ok());
  Tensor x(Shape{1, 2}, {4.5f, 4.5f});
  Tensor logits;
  EXPECT_TRUE(s.predict(x, &logits).ok());
  return 1.0f / (1.0f + std::exp(-logits.data()[0]));
}

TEST(PointsSession, ClickedBluePointsTurnTheRingBlueWhereTheyAre) {
  std::string cluster;
  for (int i = 0; i < 5; ++i)
    for (int j = 0; j < 5; ++j)
      cluster += (cluster.empty() ? "" : ";") + std::to_string(4.0 + 0.25 * i) + "," + std::to_string(4.0 + 0.25 * j) + ",1";
  const float without = blue_at_corner("", 1500);
  const float with = blue_at_corner(cluster, 1500);
  EXPECT_LT(without, 0.5f) << "the ring is orange";
  EXPECT_GT(with, 0.5f) << "25 blue points there";
}

}  // namespace
}  // namespace nnplay::train
