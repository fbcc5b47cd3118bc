// lessons.h — the lecture's claims as experiments a student starts with one
// click and the tests check (../LESSONS.md lists the claims).
//
// A lesson is a setup and a judge. Most claims are comparisons: the lesson
// runs 2–4 lanes of the race (race.h) from the same seed — the same data,
// split and batch order — each with its own settings, for a budget of steps,
// and its judge measures the lanes (losses on the training split, gradient
// norms per layer, ...) and states what happened with the numbers. Claims
// about structure (parameter counts, receptive fields) or about the
// perceptron are measured directly, without a run. The app (the Lessons
// view), `{lesson: id}`, `#lesson=id` and `nnplay-lesson --check` all run
// the same code: start(), the race's run, judge().
//
// A judge asserts the claim's direction with a margin large enough that seed
// noise cannot flip it; nnplay-lesson checks it over several seeds. A claim
// that does not show with an honest setup is not faked: its lesson says so.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/status.h"
#include "train/race.h"

namespace nnplay::train {

class Playground;

/// What a lesson's run showed.
struct Verdict {
  bool holds = false;
  std::string outcome;  // "with ReLU the training loss after 500 steps is 0.004, with sigmoid 0.61: …"
  std::vector<std::pair<std::string, double>> numbers;  // the measurements, named ("relu loss", 0.004)
};

struct LessonLane {
  const char* label;  // "ReLU"
  Settings own;       // this lane's settings on top of the shared ones
};

/// A source run before a lesson's race (transfer learning): a session with
/// the lesson's shared settings, then `settings`, from the lesson's seed,
/// trained `steps` steps; its saved weights then start `lanes`
/// (Race::init_lane_from). The Playground runs it between frames, its data
/// loading through the same wanted-files protocol; the race trains after it.
struct LessonPretrain {
  const char* label = "";  // "MNIST digits": what the source network learnt
  Settings settings;       // the source task (any key, data keys included)
  int64_t steps = 0;
  std::vector<int> lanes;  // the lanes that start from its weights
  bool head = true;        // false: their output layer starts fresh (a new task's classifier)
};

/// What the Lessons view draws for each lane, side by side under the lanes'
/// overlaid curves: the key picture of the claim, the same for every lane.
enum class LaneView {
  Auto,         // chosen from the data (resolve_lane_view)
  Boundary,     // 2D two-class sets: each lane's decision boundary (boundary_scores)
  Function,     // 1D regression: each lane's curve over the training points (function_curve)
  Masks,        // segmentation: each lane's predicted masks of the same validation images
  Samples,      // image classification: the same validation images, right or wrong in each lane
  Gradients,    // any network: ‖∂L/∂θ‖ per layer with weights, each lane's latest trace point
  Activations,  // any network: the std of each activation layer's output and its share of exact zeros
};

struct Lesson {
  const char* id;       // "relu-vs-sigmoid": #lesson=relu-vs-sigmoid
  const char* section;  // the lecture's section: "MLP and activations"
  const char* title;    // "ReLU trains deep nets faster than sigmoid"
  const char* claim;    // the lecture's words and notation
  const char* watch;    // what to watch, in which view
  const char* view;     // the view that shows it ("race", "perceptron", "layers", ...)
  const char* check;    // what the judge asserts, with its margin
  const char* setup;    // why this setup (where it departs from LESSONS.md), "" if as proposed
  Settings shared;      // every lane's settings (and the session's): dataset, network, optimizer, ...
  std::vector<LessonLane> lanes;  // the compared runs (empty: measured without a run)
  int64_t steps = 0;              // each lane's budget
  Verdict (*judge)(Playground& play) = nullptr;
  std::optional<LessonPretrain> pretrain = std::nullopt;  // a source run before the race (transfer learning)
  LaneView lane_view = LaneView::Auto;                    // what each lane shows beside the others
};

/// The lane view to draw on `ds`: `v` when the data supports it, else the
/// one the data suggests (Auto, or a view that cannot draw this data):
/// Boundary for 2D points with one logit (two classes), Function for a 1D
/// regression set, Masks for segmentation, Samples for image classification
/// (N, 1, H, W), Gradients otherwise (sequences, clips, other regression).
LaneView resolve_lane_view(LaneView v, const data::Dataset& ds);
/// "decision boundary", "gradient norm per layer", ...: the view's name for a heading.
const char* lane_view_title(LaneView v);

/// Every lesson, in the lecture's order.
const std::vector<Lesson>& lessons();
/// nullptr when no lesson has this id.
const Lesson* find_lesson(const std::string& id);
/// "perceptron-separable, perceptron-xor, ...".
std::string lesson_ids();
/// The lecture's sections in order, each lesson's `section` one of them.
const std::vector<const char*>& lesson_sections();

/// Sets the lesson up: its shared settings (and `seed`) on the session, its
/// lanes as a race with the step budget, training when `train`. A lesson
/// without lanes is judged at once (Playground::verdict()). `paced`: at the
/// lesson's speed (steps per second, for a student to watch); else as fast
/// as possible (the checks).
/// A lesson with a pretrain step sets its source run up here and its race
/// without training; the Playground trains the source, gives the lanes its
/// weights and then starts the race (when `train`).
Status start_lesson(Playground& play, const Lesson& lesson, uint64_t seed, bool train, bool paced = true);
/// The session of a lesson's source run: the shared settings, the pretrain
/// settings and `seed` (paused; its files may still be wanted).
Result<std::unique_ptr<Session>> make_pretrain_session(const Lesson& lesson, uint64_t seed);

}  // namespace nnplay::train
