// Lessons (train/lessons.h): the table is well formed (every setting valid,
// lanes within the race's limits, sections from the lecture's list), a
// lesson set up through the command path runs its lanes to the budget and is
// judged, and a judge can say no: with the lanes' difference removed the
// claim does not show. The claims themselves are checked by
// `nnplay-lesson --all` (ctest label "lessons").
#include "train/lessons.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <set>

#include "data/clips.h"
#include "data/function1d.h"
#include "data/sequence.h"
#include "data/shapes.h"
#include "data/toy2d.h"
#include "train/config.h"
#include "train/playground.h"

namespace nnplay::train {
namespace {

TEST(Lessons, TheTableIsWellFormed) {
  std::set<std::string> ids;
  for (const Lesson& l : lessons()) {
    EXPECT_TRUE(ids.insert(l.id).second) << l.id;
    EXPECT_NE(std::find_if(lesson_sections().begin(), lesson_sections().end(),
                           [&](const char* s) { return std::string(s) == l.section; }),
              lesson_sections().end())
        << l.id << ": section " << l.section;
    EXPECT_TRUE(*l.title && *l.claim && *l.watch && *l.view && *l.check && l.judge) << l.id;
    Config probe;
    for (const auto& [key, value] : l.shared) EXPECT_TRUE(set_config_value(probe, key, value).ok()) << l.id << " " << key;
    EXPECT_LE(l.lanes.size(), static_cast<size_t>(Race::kMaxLanes)) << l.id;
    EXPECT_EQ(l.lanes.empty(), l.steps == 0) << l.id << ": a run needs a budget, a measurement none";
    for (const LessonLane& lane : l.lanes)
      for (const auto& [key, value] : lane.own) {
        EXPECT_TRUE(is_lane_key(key)) << l.id << " lane " << lane.label << ": " << key;
        EXPECT_TRUE(set_config_value(probe, key, value).ok()) << l.id << " lane " << lane.label << ": " << key;
      }
  }
}

TEST(Lessons, EachLaneShowsTheViewItsDataCanDraw) {
  // Auto: the picture the data suggests; a view the data cannot draw falls
  // back to it; the per-layer views draw any network.
  const data::Dataset circle = data::make_toy2d(data::Toy2D::Circle, 40, 0.1f, 1);
  const data::Dataset sine = data::make_function1d(data::Function1D::Sin, 40, 0.0f, 1);
  const data::Dataset shapes = data::make_shapes(4, 0.0f, 1);
  const data::Dataset recall = data::make_recall_task(4, 20, 4, 0.0f, 1);
  const data::Dataset clips = data::make_moving_dots(4, 0.0f, 1);
  data::Dataset digits;  // 2 images of 4×4, 10 classes
  digits.sample_shape = Shape{1, 1, 4, 4};
  digits.num_classes = 10;
  digits.x_f32.assign(32, 0.5f);
  digits.y = {3, 7};
  EXPECT_EQ(resolve_lane_view(LaneView::Auto, circle), LaneView::Boundary);
  EXPECT_EQ(resolve_lane_view(LaneView::Auto, sine), LaneView::Function);
  EXPECT_EQ(resolve_lane_view(LaneView::Auto, shapes), LaneView::Masks);
  EXPECT_EQ(resolve_lane_view(LaneView::Auto, digits), LaneView::Samples);
  EXPECT_EQ(resolve_lane_view(LaneView::Auto, recall), LaneView::Gradients);
  EXPECT_EQ(resolve_lane_view(LaneView::Auto, clips), LaneView::Gradients);
  EXPECT_EQ(resolve_lane_view(LaneView::Boundary, digits), LaneView::Samples);
  EXPECT_EQ(resolve_lane_view(LaneView::Samples, shapes), LaneView::Masks);
  EXPECT_EQ(resolve_lane_view(LaneView::Function, circle), LaneView::Boundary);
  for (LaneView any : {LaneView::Gradients, LaneView::Activations})
    for (const data::Dataset* ds : std::vector<const data::Dataset*>{&circle, &sine, &shapes, &digits, &recall, &clips})
      EXPECT_EQ(resolve_lane_view(any, *ds), any);
  EXPECT_EQ(find_lesson("relu-vs-sigmoid")->lane_view, LaneView::Gradients);  // the claim is about gradients
}

nlohmann::json status(const Playground& p) { return nlohmann::json::parse(p.status_json()); }

void run_to_verdict(Playground& p) {
  for (int i = 0; i < 1000000 && !p.verdict(); ++i) ASSERT_TRUE(p.run_for(0.0).ok());
}

TEST(Lessons, ACommandSetsTheLessonUpAndItsRunIsJudged) {
  Playground p;
  ASSERT_TRUE(p.command(R"({"lesson":"relu-vs-sigmoid","action":"train"})").ok());
  const Lesson& l = *find_lesson("relu-vs-sigmoid");
  EXPECT_EQ(p.lesson(), &l);
  ASSERT_EQ(p.race().size(), 2);
  EXPECT_EQ(p.race().lane_label(0), "sigmoid");
  EXPECT_EQ(p.race().budget(), l.steps);
  EXPECT_EQ(p.session().config().dataset, "circle");
  EXPECT_EQ(p.verdict(), nullptr) << "judged before its run";
  EXPECT_EQ(p.race().lane(0).config().speed, 100) << "paced for a student to watch";
  ASSERT_TRUE(p.command(R"({"race":true,"speed":0})").ok());  // as fast as possible: the steps are the same
  run_to_verdict(p);
  for (int i = 0; i < 2; ++i) EXPECT_EQ(p.race().lane(i).trainer().step_count(), l.steps);
  const nlohmann::json s = status(p);
  EXPECT_EQ(s["lesson"]["id"], "relu-vs-sigmoid");
  EXPECT_TRUE(s["lesson"]["finished"].get<bool>());
  EXPECT_TRUE(s["lesson"]["holds"].get<bool>()) << s["lesson"].dump();
  // Running again clears the verdict until the new run ends.
  RaceCommand again;
  again.action = Action::Reset;
  ASSERT_TRUE(p.apply(again).ok());
  again.action = Action::Train;
  ASSERT_TRUE(p.apply(again).ok());
  ASSERT_TRUE(p.run_for(0.0).ok());
  EXPECT_EQ(p.verdict(), nullptr);
}

TEST(Lessons, AJudgeSaysNoWhenTheDifferenceIsGone) {
  // Both lanes ReLU: the "sigmoid" lane is no slower, so the claim must not show.
  Playground p;
  ASSERT_TRUE(p.start_lesson("relu-vs-sigmoid", 1, false, /*paced=*/false).ok());
  RaceCommand same;
  same.lane = 0;
  same.set = {{"layers", "16:relu,16:relu,16:relu,16:relu,16:relu,16:relu,16:relu,16:relu"}, {"init", "kaiming_uniform"}};
  ASSERT_TRUE(p.apply(same).ok());
  RaceCommand train;
  train.action = Action::Train;
  ASSERT_TRUE(p.apply(train).ok());
  run_to_verdict(p);
  ASSERT_NE(p.verdict(), nullptr);
  EXPECT_FALSE(p.verdict()->holds) << p.verdict()->outcome;
}

TEST(Lessons, AMeasurementLessonIsJudgedAtOnceAndALinkStartsALesson) {
  Playground p;
  ASSERT_TRUE(p.command(R"({"lesson":"stacked-3x3"})").ok());
  ASSERT_NE(p.verdict(), nullptr);
  EXPECT_TRUE(p.verdict()->holds) << p.verdict()->outcome;
  const LinkReport r = p.apply_link("lesson=dropout");
  EXPECT_TRUE(r.ok()) << r.summary();
  EXPECT_EQ(p.lesson(), find_lesson("dropout"));
  EXPECT_FALSE(p.race().running()) << "a link sets the lesson up; the student starts it";
  EXPECT_TRUE(p.apply_link("lesson=dropout&action=train").ok());
  EXPECT_TRUE(p.race().running()) << "an instructor's link with action=train runs it at once";
  EXPECT_EQ(p.command(R"({"lesson":"nope"})").code(), ErrorCode::INVALID_ARGUMENT);
  EXPECT_EQ(p.lesson(), find_lesson("dropout")) << "a refused lesson changes nothing";
}

TEST(Lessons, ALessonOnAnImageSetRacesOnThatSetWhileItsFilesLoad) {
  // The session heads to MNIST but holds the circle until the files arrive:
  // the lanes must be built for MNIST, not for the data still shown.
  Playground p;
  ASSERT_TRUE(p.command(R"({"lesson":"augmentation"})").ok());
  EXPECT_TRUE(p.session().loading());
  ASSERT_EQ(p.race().size(), 3);
  for (int i = 0; i < 3; ++i) EXPECT_EQ(p.race().lane(i).target_config().dataset, "mnist") << "lane " << i;
  EXPECT_EQ(p.race().lane(1).target_config().augment.crop_padding, 2);
}

}  // namespace
}  // namespace nnplay::train
