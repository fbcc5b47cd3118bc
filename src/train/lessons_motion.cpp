// lessons_motion.cpp — the lesson on clips and 3D convolutions (lessons.h;
// shared measuring in lesson_kit.h; the clips in data/clips.h).
//
// [SECTION] 3D convolution   conv3d-motion: a 3D CNN tells the direction of motion, a 2D CNN on one frame cannot
// [SECTION] the table
#include "train/lesson_kit.h"

#include "train/playground.h"

namespace nnplay::train {
namespace {

using namespace kit;

// ================================================== [SECTION] 3D convolution

// Both read (N, 1, 8, 16, 16) clips, have 8 filters of 3×3 (the 3D ones also
// span 3 frames), a ReLU, global average pooling and one linear layer: the
// only difference is whether the filters see time.
const std::string k2d =
    "Select(dim=2,index=0); Conv2d(out_channels=8,kernel_size=3,padding=1); ReLU; AdaptiveAvgPool2d(output_size=1); "
    "Flatten; Linear(out_features=classes)";
const std::string k3d =
    "Conv3d(out_channels=8,kernel_size=3,padding=1); ReLU; Flatten(start_dim=1,end_dim=2); "
    "AdaptiveAvgPool2d(output_size=1); Flatten; Linear(out_features=classes)";
constexpr int64_t kMotionSteps = 200;
constexpr double kSolved = 0.9;  // validation accuracy the 3D CNN reaches
constexpr double kChance = 0.4;  // at most this for the 2D CNN: 4 directions, chance 25%

Verdict judge_conv3d_motion(Playground& p) {
  const loss::LossOutput flat = evaluate(p, 0, false), deep = evaluate(p, 1, false);
  const double a2 = accuracy(flat), a3 = accuracy(deep);
  Verdict v;
  v.holds = a3 >= kSolved && a2 <= kChance;
  v.numbers = {{"2D CNN (one frame): validation accuracy", a2}, {"3D CNN (8 frames): validation accuracy", a3},
               {"validation clips", static_cast<double>(deep.count)}};
  v.outcome = "After " + std::to_string(kMotionSteps) + " steps the 3D CNN tells the direction of " + percent(a3) +
              " of " + std::to_string(deep.count) + " validation clips, the 2D CNN that sees the first frame " +
              percent(a2) + " (chance: 25%)" + conclude(v.holds);
  return v;
}

// ================================================== [SECTION] the table

}  // namespace

std::vector<Lesson> motion_lessons() {
  std::vector<Lesson> l;
  l.push_back({"conv3d-motion", "CNN building blocks", "3D convolutions see motion; a 2D CNN on one frame cannot",
               "3D Convolutional Network (3D CNN), 2011: going from 2D convolutional filters to 3D filters, to take "
               "temporal coherence into consideration. A 3×3×3 filter spans three frames, so it can respond to a dot "
               "that moves one way and not the other; a 2D filter sees one frame.",
               "Race tab: the 3D CNN's validation accuracy climbs to about 100% while the single-frame 2D CNN stays "
               "at chance (25%). Clips tab (dataset moving_dots): any frame alone looks the same whatever the "
               "direction; the trail at the end of each row shows the motion.",
               "race", "3D CNN ≥ 90% validation accuracy, 2D CNN on the first frame ≤ 40% (chance 25%), after 200 steps",
               "Moving dots (1–3 dots moving one pixel per frame in one of 4 directions, 8 frames of 16×16): the "
               "frame wraps around, so a single frame says nothing about the direction, not even through a dot near "
               "an edge. Both nets have 8 filters of 3×3, global average pooling and a linear layer; the 3D filters "
               "also span 3 frames. A 2D CNN given all 8 frames as channels could learn motion too (early fusion); "
               "the claim is about what one frame holds and what filters through time see.",
               {{"dataset", "moving_dots"}, {"samples", "2000"}, {"noise", "0"}, {"val_fraction", "0.2"},
                {"model", "custom"}, {"network", k3d}, {"optimizer", "adam"}, {"lr", "0.02"}, {"batch_size", "32"},
                {"speed", "100"}},
               {{"2D CNN, first frame", {{"network", k2d}}}, {"3D CNN, 8 frames", {{"network", k3d}}}}, kMotionSteps,
               judge_conv3d_motion});
  return l;
}

}  // namespace nnplay::train
