// lessons_cnn.cpp — the CNN building-block and zoo lessons (lessons.h; shared measuring in lesson_kit.h).
//
// [SECTION] CNN blocks       stacked 3×3, dilation, depthwise separable (exact counts)
// [SECTION] the zoo          skip connections (a deep net with and without them)
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

// ===================================================== [SECTION] the zoo

// A deep MLP of `blocks` blocks of two Linear(width) layers after a
// Linear(width) stem: plain, or with each block's input added to its output
// (F(x) + x, ResNet's basic block without convolutions or BN).
std::string deep_mlp(int blocks, int width, bool skip) {
  const std::string lin = "Linear(out_features=" + std::to_string(width) + ")";
  std::string s = lin + "; r0:ReLU";
  for (int b = 0; b < blocks; ++b) {
    const std::string i = std::to_string(b), next = std::to_string(b + 1);
    s += "; " + lin + "; ReLU; f" + i + ":" + lin;
    if (skip) s += "; Add(in=f" + i + ",r" + i + ")";
    s += "; r" + next + ":ReLU";
  }
  return s + "; Linear(out_features=classes)";
}

Verdict judge_skip_connections(Playground& p) {
  const double plain = evaluate(p, 0, true).loss, res = evaluate(p, 1, true).loss;
  Verdict v;
  v.holds = res <= 0.5 * plain;
  v.numbers = {{"plain training loss", plain}, {"residual training loss", res}};
  v.outcome = "After " + std::to_string(p.race().budget()) + " steps the 20-layer net with skip connections has a "
              "training loss of " + num(res) + ", its plain twin " + num(plain) + " (ln 2 = 0.693 is chance)" +
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
  l.push_back({"skip-connections", "The network zoo", "Skip connections make deep networks trainable (ResNet)",
               "A residual block learns F(x) and outputs F(x) + x: the identity path carries the signal forward and "
               "the gradient back through every block, so a deep net trains where its plain twin (the same layers "
               "without the additions) degrades: higher training error with more layers.",
               "Race tab: the residual lane's loss falls within a hundred steps while the plain lane stays near "
               "ln 2 = 0.693 (chance). Network › Graph shows the Add nodes; Network › Layers the gradient per layer.",
               "race", "the residual net's training loss ≤ ½ of the plain net's after 400 steps",
               "20 Linear layers of 16 units on the spiral (a stem and 9 blocks of two, Adam 0.003) rather than the "
               "CNNs plain-20 and ResNet-20 on images: the same claim in seconds instead of a minute. The zoo's "
               "resnet(depth=20,width=8,skip=0|1) with batch norm shows it on Fashion-MNIST too, more weakly (validation "
               "loss after 189 steps 1.10 plain, 0.99 residual), because batch norm keeps the plain twin trainable.",
               {{"dataset", "spiral"}, {"samples", "1000"}, {"model", "custom"}, {"network", deep_mlp(9, 16, false)},
                {"optimizer", "adam"}, {"lr", "0.003"}, {"batch_size", "32"}, {"init", "xavier_uniform"}, {"speed", "60"}},
               {{"plain", {{"network", deep_mlp(9, 16, false)}}}, {"residual", {{"network", deep_mlp(9, 16, true)}}}},
               400, judge_skip_connections});
  return l;
}

}  // namespace nnplay::train
