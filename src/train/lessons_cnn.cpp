// lessons_cnn.cpp — the CNN building-block and zoo lessons (lessons.h; shared measuring in lesson_kit.h).
//
// [SECTION] CNN blocks       stacked 3×3, dilation, depthwise separable (exact counts)
// [SECTION] the table
#include "train/lesson_kit.h"

#include <cmath>

#include "train/playground.h"

namespace nnplay::train {
namespace {

using namespace kit;

// ================================================== [SECTION] CNN blocks

const Shape kMap{1, 16, 28, 28};  // C = 16 channels, 28×28

Verdict judge_stacked_3x3(Playground&) {
  auto two = build("Conv2d(out_channels=16,kernel_size=3,padding=1,bias=false); Conv2d(out_channels=16,kernel_size=3,padding=1,bias=false)", kMap);
  auto one = build("Conv2d(out_channels=16,kernel_size=5,padding=2,bias=false)", kMap);
  if (!two.ok()) return failed(two.status());
  if (!one.ok()) return failed(one.status());
  const int rf2 = two.value().rf.back().size[0], rf1 = one.value().rf.back().size[0];
  const int64_t w2 = two.value().weights, w1 = one.value().weights;
  Verdict v;
  v.holds = rf2 == 5 && rf1 == 5 && w2 == 18 * 16 * 16 && w1 == 25 * 16 * 16;
  v.numbers = {{"3x3+3x3 receptive field", rf2}, {"5x5 receptive field", rf1}, {"3x3+3x3 weights", static_cast<double>(w2)},
               {"5x5 weights", static_cast<double>(w1)}};
  v.outcome = "With C = 16 channels two stacked 3×3 convolutions see " + std::to_string(rf2) + "×" + std::to_string(rf2) +
              " pixels with " + std::to_string(w2) + " weights (18C²), one 5×5 sees " + std::to_string(rf1) + "×" +
              std::to_string(rf1) + " with " + std::to_string(w1) + " (25C²)" + conclude(v.holds);
  return v;
}

Verdict judge_dilated(Playground&) {
  Verdict v;
  v.holds = true;
  std::string text;
  int64_t w0 = -1;
  int prev_rf = 0;
  for (int d : {1, 2, 3}) {
    const std::string c = "Conv2d(out_channels=16,kernel_size=3,padding=same,dilation=" + std::to_string(d) + ")";
    auto b = build(c + "; " + c, kMap);
    if (!b.ok()) return failed(b.status());
    const int rf = b.value().rf.back().size[0];
    if (w0 < 0) w0 = b.value().weights;
    v.holds = v.holds && rf == 1 + 4 * d && b.value().weights == w0 && rf > prev_rf;
    prev_rf = rf;
    v.numbers.push_back({"dilation " + std::to_string(d) + " receptive field", rf});
    text += (text.empty() ? "" : ", ") + std::string("dilation ") + std::to_string(d) + ": " + std::to_string(rf) +
            "×" + std::to_string(rf);
  }
  v.numbers.push_back({"weights (each)", static_cast<double>(w0)});
  v.outcome = "Two stacked 3×3 convolutions see " + text + " pixels, each with the same " + std::to_string(w0) +
              " weights" + conclude(v.holds);
  return v;
}

Verdict judge_depthwise(Playground&) {
  // M = 32 input channels to N = 64 outputs with 3×3 kernels.
  const Shape in{1, 32, 28, 28};
  auto full = build("Conv2d(out_channels=64,kernel_size=3,padding=1,bias=false)", in);
  auto sep = build("Conv2d(out_channels=32,kernel_size=3,padding=1,groups=32,bias=false); "
                   "Conv2d(out_channels=64,kernel_size=1,bias=false)", in);
  if (!full.ok()) return failed(full.status());
  if (!sep.ok()) return failed(sep.status());
  const double ratio = static_cast<double>(sep.value().weights) / static_cast<double>(full.value().weights);
  const double formula = 1.0 / 64 + 1.0 / 9;  // 1/N + 1/D_K²
  Verdict v;
  v.holds = std::fabs(ratio - formula) < 1e-12 && sep.value().rf.back().size[0] == full.value().rf.back().size[0];
  v.numbers = {{"standard weights", static_cast<double>(full.value().weights)},
               {"depthwise separable weights", static_cast<double>(sep.value().weights)},
               {"ratio", ratio}, {"1/N + 1/D_K^2", formula}};
  v.outcome = "From M = 32 to N = 64 channels, a 3×3 convolution has " + std::to_string(full.value().weights) +
              " weights (D_K²·M·N), depthwise + pointwise " + std::to_string(sep.value().weights) +
              " (D_K²·M + M·N): " + num(ratio) + " of them, the lecture's 1/N + 1/D_K² = " + num(formula) +
              conclude(v.holds);
  return v;
}

// ================================================== [SECTION] the table


}  // namespace

std::vector<Lesson> cnn_lessons() {
  std::vector<Lesson> l;
  l.push_back({"stacked-3x3", "CNN building blocks", "Two stacked 3×3 convolutions see 5×5 with fewer weights (VGG)",
               "Two 3×3 layers have the receptive field of one 5×5 layer, with 2·3²·C² = 18C² weights instead of "
               "5²·C² = 25C², and one more nonlinearity.",
               "Network › Graph: the receptive field column grows by 2 per 3×3 layer.", "graph",
               "receptive fields equal (5×5), weights exactly 18C² and 25C² for C = 16",
               "Measured on the networks' structure (exact counts); the accuracy part of the claim is left to the race.",
               {}, {}, 0, judge_stacked_3x3});
  l.push_back({"dilated-conv", "CNN building blocks", "Dilated convolutions grow the receptive field without more weights",
               "A 3×3 kernel with dilation d covers (2d + 1)×(2d + 1) input pixels with the same 9 weights per channel "
               "pair.",
               "Network › Graph: the receptive field column for dilation 1, 2, 3.", "graph",
               "two stacked 3×3 layers see 5, 9, 13 pixels for dilation 1, 2, 3, with equal weight counts", "", {}, {}, 0,
               judge_dilated});
  l.push_back({"depthwise-separable", "The network zoo", "Depthwise separable convolutions need far fewer weights (MobileNet)",
               "A standard convolution has D_K²·M·N weights; depthwise (D_K²·M) plus pointwise (M·N) has 1/N + 1/D_K² "
               "of them.",
               "Network › Graph of mobilenet: the depthwise layers' parameters and multiply-adds.", "graph",
               "the weight ratio equals 1/N + 1/D_K² exactly (M = 32, N = 64, D_K = 3)", "", {}, {}, 0, judge_depthwise});
  return l;
}

}  // namespace nnplay::train
