// Reading training curves (train/curve_reading.h): hand-made histories whose
// verdict follows from the stated thresholds, and the reading a live session
// reports through status().
#include "train/curve_reading.h"

#include <gtest/gtest.h>

#include <cmath>
#include <functional>

#include "train/session.h"

namespace nnplay::train {
namespace {

const double kChance = std::log(2.0);

// 40 points, one per step; train(k) and val(k) give the losses at point k.
std::vector<MetricPoint> history(const std::function<double(int)>& train, const std::function<double(int)>& val) {
  std::vector<MetricPoint> h;
  for (int k = 0; k < 40; ++k) {
    MetricPoint m;
    m.step = k + 1;
    m.loss_train = static_cast<float>(train(k));
    m.loss_val = static_cast<float>(val(k));
    h.push_back(m);
  }
  return h;
}

TEST(CurveReading, ABigGapIsOverfitting) {
  // Window (last 10 points): train 0.05, val 0.5: gap 0.45 > 0.1 and 0.5 > 1.5 × 0.05.
  const CurveReading r = read_curves(history([](int) { return 0.05; }, [](int) { return 0.5; }), 5.0, kChance);
  EXPECT_EQ(r.verdict, CurveVerdict::Overfitting);
  EXPECT_NEAR(r.gap, 0.45, 1e-6);
  EXPECT_NE(r.text.find("overfits"), std::string::npos) << r.text;
}

TEST(CurveReading, NoGapAtAHighLossIsUnderfitting) {
  // train 0.40, val 0.42: gap 0.02 < 0.05 + 0.2 × 0.4 and 0.4 > 0.25 ln 2.
  const CurveReading r = read_curves(history([](int) { return 0.40; }, [](int) { return 0.42; }), 5.0, kChance);
  EXPECT_EQ(r.verdict, CurveVerdict::Underfitting);
  EXPECT_NE(r.text.find("capacity"), std::string::npos) << r.text;
}

TEST(CurveReading, AFallingTrainingLossIsStillLearning) {
  // The window's training loss halves from its first half to its second: < 0.9×.
  auto train = [](int k) { return k < 35 ? 0.6 : 0.3; };
  const CurveReading r = read_curves(history(train, [&](int k) { return train(k) + 0.02; }), 5.0, kChance);
  EXPECT_EQ(r.verdict, CurveVerdict::StillLearning);
}

TEST(CurveReading, ASmallGapAtALowLossIsFine) {
  const CurveReading r = read_curves(history([](int) { return 0.05; }, [](int) { return 0.07; }), 5.0, kChance);
  EXPECT_EQ(r.verdict, CurveVerdict::Fine);
}

TEST(CurveReading, NothingIsReadBeforeAnEpochOrWithFewPoints) {
  EXPECT_EQ(read_curves(history([](int) { return 0.05; }, [](int) { return 0.5; }), 0.9, kChance).verdict,
            CurveVerdict::TooEarly);
  std::vector<MetricPoint> few(history([](int) { return 0.05; }, [](int) { return 0.5; }));
  few.resize(19);  // a window of 4 points
  EXPECT_EQ(read_curves(few, 5.0, kChance).verdict, CurveVerdict::TooEarly);
  EXPECT_TRUE(read_curves(few, 5.0, kChance).text.empty());
}

TEST(CurveReading, WithoutAChanceLevelNothingIsCalledUnderfitting) {
  // MSE or an unknown number of classes: "high" has no yardstick.
  const CurveReading r = read_curves(history([](int) { return 0.40; }, [](int) { return 0.42; }), 5.0, 0.0);
  EXPECT_EQ(r.verdict, CurveVerdict::Fine);
}

TEST(CurveReading, ASessionReportsItsReading) {
  // A linear model on the circle cannot leave chance level: no gap, a high loss.
  Command c;
  c.set = {{"dataset", "circle"}, {"layers", ""}, {"optimizer", "adam"}, {"lr", "0.03"}};
  Session s;
  ASSERT_TRUE(s.apply(c).ok());
  EXPECT_TRUE(s.status().reading.empty()) << "nothing to read before training";
  Command step;
  step.action = Action::Step;
  step.steps = 500;
  ASSERT_TRUE(s.apply(step).ok());
  for (int i = 0; i < 1000 && s.status().step < 500; ++i) ASSERT_TRUE(s.run_for(1000.0).ok());
  const CurveReading r = read_curves(s.trainer().history(), s.status().epoch, kChance);
  EXPECT_EQ(r.verdict, CurveVerdict::Underfitting) << r.text;
  EXPECT_EQ(s.status().reading, r.text);
}

}  // namespace
}  // namespace nnplay::train
