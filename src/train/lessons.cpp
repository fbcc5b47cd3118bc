// lessons.cpp — the lessons (lessons.h): the registry, in the lecture's
// order, and setting one up. Each area's setups and judges live in
// lessons_<area>.cpp (lesson_kit.h).
#include "train/lessons.h"

#include <algorithm>

#include "train/lesson_kit.h"
#include "train/playground.h"

namespace nnplay::train {
namespace {

// Every area's lessons, stably ordered by the lecture's sections.
std::vector<Lesson> make_lessons() {
  std::vector<Lesson> all;
  for (auto area : {mlp_lessons, cnn_lessons, optimizer_lessons, training_lessons, motion_lessons, rnn_lessons,
                    transfer_lessons})
    for (Lesson& l : area()) all.push_back(std::move(l));
  auto section_index = [](const Lesson& l) {
    const auto& s = lesson_sections();
    return std::find_if(s.begin(), s.end(), [&](const char* name) { return std::string(name) == l.section; }) - s.begin();
  };
  std::stable_sort(all.begin(), all.end(),
                   [&](const Lesson& a, const Lesson& b) { return section_index(a) < section_index(b); });
  return all;
}

}  // namespace

const std::vector<Lesson>& lessons() {
  static const std::vector<Lesson> kLessons = make_lessons();
  return kLessons;
}

const Lesson* find_lesson(const std::string& id) {
  for (const Lesson& l : lessons())
    if (id == l.id) return &l;
  return nullptr;
}

std::string lesson_ids() {
  std::string s;
  for (const Lesson& l : lessons()) s += (s.empty() ? "" : ", ") + std::string(l.id);
  return s;
}

const std::vector<const char*>& lesson_sections() {
  static const std::vector<const char*> kSections = {
      "Perceptron",    "MLP and activations", "Backpropagation", "CNN building blocks", "The network zoo", "RNN and LSTM",
      "Optimizers",    "Normalisation",       "Initialisation",  "Schedules",           "Reading curves"};
  return kSections;
}

namespace {

bool supports(LaneView v, const data::Dataset& ds) {
  const bool points2d = ds.sample_shape == Shape{1, 2};
  const bool image = ds.is_image() && ds.sample_shape[1] == 1;
  switch (v) {
    case LaneView::Auto: return false;
    case LaneView::Boundary: return points2d && !ds.regression() && ds.num_classes == 2;
    case LaneView::Function: return ds.regression() && ds.sample_shape == Shape{1, 1};
    case LaneView::Masks: return image && ds.dense();
    case LaneView::Samples: return image && !ds.dense() && !ds.regression();
    case LaneView::Gradients:
    case LaneView::Activations: return true;
  }
  return false;
}

}  // namespace

LaneView resolve_lane_view(LaneView v, const data::Dataset& ds) {
  if (supports(v, ds)) return v;
  for (LaneView auto_v : {LaneView::Boundary, LaneView::Function, LaneView::Masks, LaneView::Samples})
    if (supports(auto_v, ds)) return auto_v;
  return LaneView::Gradients;
}

const char* lane_view_title(LaneView v) {
  switch (v) {
    case LaneView::Auto: return "";
    case LaneView::Boundary: return "decision boundary";
    case LaneView::Function: return "the fitted function";
    case LaneView::Masks: return "predicted masks";
    case LaneView::Samples: return "validation images, right or wrong";
    case LaneView::Gradients: return "gradient norm ‖∂L/∂θ‖ per layer";
    case LaneView::Activations: return "activation std per layer";
  }
  return "";
}

Status start_lesson(Playground& play, const Lesson& lesson, uint64_t seed, bool train, bool paced) {
  Command setup;  // a fresh start: the lesson's settings, its seed's initial weights, no curves yet
  for (const auto& kv : lesson.shared)
    if (paced || kv.first != "speed") setup.set.push_back(kv);
  if (!paced) setup.set.emplace_back("speed", "0");
  setup.set.emplace_back("seed", std::to_string(seed));
  setup.action = Action::Reset;
  NNP_RETURN_IF_ERROR(play.session().check(setup));
  RaceCommand race;
  if (!lesson.lanes.empty()) {
    race.lanes = RaceCommand::Lanes::Set;
    for (const LessonLane& lane : lesson.lanes) {
      race.lane_settings.push_back(lane.own);
      race.lane_labels.push_back(lane.label);
    }
    race.budget = lesson.steps;
    if (train && !lesson.pretrain) race.action = Action::Train;  // else after the source run (Playground)
  }
  NNP_RETURN_IF_ERROR(play.session().apply(setup));
  if (lesson.lanes.empty()) return play.race().apply(RaceCommand{.lanes = RaceCommand::Lanes::Clear}, play.session().target_config());
  // The config the session heads to: a lesson on an image set races on it while its files load.
  return play.race().apply(race, play.session().target_config(), &play.session());
}

Result<std::unique_ptr<Session>> make_pretrain_session(const Lesson& lesson, uint64_t seed) {
  auto s = std::make_unique<Session>();
  Command setup;
  for (const auto& kv : lesson.shared)
    if (kv.first != "speed") setup.set.push_back(kv);
  if (lesson.pretrain)
    for (const auto& kv : lesson.pretrain->settings) setup.set.push_back(kv);
  setup.set.emplace_back("speed", "0");
  setup.set.emplace_back("seed", std::to_string(seed));
  NNP_RETURN_IF_ERROR(s->apply(setup));
  return s;
}

}  // namespace nnplay::train
