// lessons.cpp — the lessons (lessons.h): each one a setup and a judge.
//
// [SECTION] measuring        losses of a lane, gradient norms, parameter counts, formats
// [SECTION] perceptron       the rule on separable data and on XOR
// [SECTION] activations      ReLU vs sigmoid in a deep net
// [SECTION] CNN blocks       stacked 3×3, dilation, depthwise separable (exact counts)
// [SECTION] optimizers       momentum in a ravine, AdaGrad vs RMSprop and Adam
// [SECTION] regularisation   dropout and the train/validation gap
// [SECTION] initialisation   zero init keeps units identical; He keeps the scale
// [SECTION] the table        every lesson, in the lecture's order
#include "train/lessons.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "nn/model.h"
#include "nn/model_spec.h"
#include "nn/receptive_field.h"
#include "train/analysis.h"
#include "train/perceptron.h"
#include "train/playground.h"
#include "train/surfaces.h"

namespace nnplay::train {
namespace {

// =================================================== [SECTION] measuring

std::string num(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.3g", v);
  return buf;
}

std::string percent(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f%%", 100.0 * v);
  return buf;
}

// The claim holds or not, in words after the numbers.
std::string conclude(bool holds) {
  return holds ? ": the lecture's claim holds here." : ": the lecture's claim does not show here.";
}

constexpr size_t kEvalSamples = 2000;  // training samples a judge evaluates (all of a small set)

// Loss and accuracy of lane i's network on its training or validation split (eval mode).
loss::LossOutput evaluate(Playground& p, int lane, bool training) {
  auto r = p.race().lane_session(lane).evaluate_split(training, kEvalSamples);
  if (!r.ok()) {
    loss::LossOutput nan;
    nan.loss = std::nan("");
    return nan;
  }
  return r.value();
}

double accuracy(const loss::LossOutput& o) {
  return o.count > 0 ? static_cast<double>(o.correct) / static_cast<double>(o.count) : 0.0;
}

// ‖∂L/∂θ‖ of the first over the last layer with weights, at the last metric
// point: how much of the gradient reaches the input side.
double first_over_last_gradient(const Session& s) {
  const LayerTrace& t = s.trainer().layer_trace();
  if (t.steps.empty()) return std::nan("");
  const LayerStats* row = &t.stats[(t.steps.size() - 1) * t.names.size()];
  double first = -1, last = -1;
  for (size_t j = 0; j < t.names.size(); ++j)
    if (row[j].grad_norm > 0) {
      if (first < 0) first = row[j].grad_norm;
      last = row[j].grad_norm;
    }
  return first > 0 && last > 0 ? first / last : std::nan("");
}

// A network's parameters without biases (the lecture counts weights: 18C² vs 25C²)
// and its nodes' receptive fields, built for a per-sample input shape.
struct Built {
  int64_t weights = 0;
  std::vector<nn::ReceptiveField> rf;
};
Result<Built> build(const std::string& network, const Shape& input) {
  auto spec = nn::parse_model_spec(network, 10);
  if (!spec.ok()) return spec.status();
  nn::Model m;
  NNP_RETURN_IF_ERROR(m.build(spec.value(), input, 1));
  Built b;
  for (const ParamRef& p : m.params())
    if (p.value->rank() >= 2) b.weights += p.value->numel();
  std::vector<Shape> shapes;
  for (const nn::Node& n : m.nodes()) shapes.push_back(n.shape);
  auto rf = nn::receptive_fields(spec.value(), shapes);
  if (!rf.ok()) return rf.status();
  b.rf = rf.take();
  return b;
}

Verdict failed(const Status& st) {
  Verdict v;
  v.outcome = "The lesson could not be measured: " + st.message();
  return v;
}

// ================================================== [SECTION] perceptron

// The perceptron rule on the session's training split, up to `epochs` epochs
// (it stops at an epoch without a mistake).
struct PerceptronRun {
  int epochs = 0;
  int last_mistakes = 0;
  double accuracy = 0;
};
Result<PerceptronRun> run_perceptron(Playground& p, int epochs) {
  const data::Dataset* ds = p.session().dataset();
  if (!ds || ds->sample_shape != Shape{1, 2}) return Error(ErrorCode::UNSUPPORTED, "the perceptron needs 2D points");
  Perceptron perc;
  NNP_RETURN_IF_ERROR(perc.reset(2, 1.0f, p.session().config().seed));
  const std::vector<int32_t>& idx = p.session().trainer().train_indices();
  PerceptronRun r;
  for (int e = 0; e < epochs; ++e) {
    auto m = perc.fit_epoch(*ds, idx);
    if (!m.ok()) return m.status();
    r.epochs = e + 1;
    r.last_mistakes = m.value();
    if (m.value() == 0) break;
  }
  r.accuracy = perc.accuracy(*ds, idx);
  return r;
}

Verdict judge_perceptron_separable(Playground& p) {
  auto r = run_perceptron(p, 100);
  if (!r.ok()) return failed(r.status());
  Verdict v;
  v.holds = r.value().accuracy == 1.0;
  v.numbers = {{"epochs", r.value().epochs}, {"training accuracy", r.value().accuracy}};
  v.outcome = "On the two gaussians the perceptron rule reached " + percent(r.value().accuracy) +
              " training accuracy after " + std::to_string(r.value().epochs) + " epochs" + conclude(v.holds);
  return v;
}

Verdict judge_perceptron_xor(Playground& p) {
  auto r = run_perceptron(p, 100);
  if (!r.ok()) return failed(r.status());
  const double mlp = accuracy(evaluate(p, 0, false));
  Verdict v;
  v.holds = r.value().accuracy <= 0.75 && mlp >= 0.95;
  v.numbers = {{"perceptron training accuracy", r.value().accuracy}, {"MLP validation accuracy", mlp}};
  v.outcome = "On XOR the perceptron still gets " + percent(1.0 - r.value().accuracy) +
              " of the training points wrong after 100 epochs (no line separates them), while the 2-8-1 MLP "
              "reaches " + percent(mlp) + " validation accuracy" + conclude(v.holds);
  return v;
}

// ================================================= [SECTION] activations

Verdict judge_relu_vs_sigmoid(Playground& p) {
  const double sig = evaluate(p, 0, true).loss, relu = evaluate(p, 1, true).loss;
  const double g_sig = first_over_last_gradient(p.race().lane(0)), g_relu = first_over_last_gradient(p.race().lane(1));
  Verdict v;
  v.holds = relu <= 0.5 * sig && g_sig < g_relu;
  v.numbers = {{"sigmoid training loss", sig}, {"ReLU training loss", relu},
               {"sigmoid first/last gradient", g_sig}, {"ReLU first/last gradient", g_relu}};
  v.outcome = "After " + std::to_string(p.race().budget()) + " steps the 8-layer ReLU net's training loss is " +
              num(relu) + ", the sigmoid net's " + num(sig) + "; the first layer gets " + num(g_sig) +
              " of the last layer's gradient with sigmoid, " + num(g_relu) + " with ReLU" + conclude(v.holds);
  return v;
}

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

// ================================================== [SECTION] optimizers

// Steps until f ≤ target along an optimizer's path on a test function (steps + 1 if never).
int steps_to(Surface s, std::array<float, 2> start, const optim::OptimizerConfig& c, int steps, double target) {
  const auto path = optimizer_path(s, start, c, steps);
  for (size_t k = 0; k < path.size(); ++k)
    if (surface_value(s, path[k][0], path[k][1]) <= target) return static_cast<int>(k);
  return steps + 1;
}

optim::OptimizerConfig opt(optim::OptimizerKind kind, float lr, float momentum = 0.0f) {
  optim::OptimizerConfig c;
  c.kind = kind;
  c.lr = lr;
  c.momentum = momentum;
  return c;
}

Verdict judge_momentum_ravine(Playground&) {
  // The ravine f = ½(x² + 50y²) from (−5, 1.5), curvature 1 along and 50
  // across: plain GD is stable only for η < 2/50, so it crawls along the floor.
  using K = optim::OptimizerKind;
  const std::array<float, 2> start{-5.0f, 1.5f};
  const int gd = steps_to(Surface::Ravine, start, opt(K::SGD, 0.03f), 2000, 1e-3);
  const int gd_best = steps_to(Surface::Ravine, start, opt(K::SGD, 0.039f), 2000, 1e-3);  // just below 2/50
  const int mom = steps_to(Surface::Ravine, start, opt(K::SGD, 0.03f, 0.8f), 2000, 1e-3);
  Verdict v;
  v.holds = 2 * mom <= std::min(gd, gd_best);
  v.numbers = {{"GD η 0.03: steps to f < 0.001", gd}, {"GD η 0.039: steps", gd_best}, {"momentum 0.8, η 0.03: steps", mom}};
  v.outcome = "In the ravine ½(x² + 50y²) plain gradient descent needs " + std::to_string(gd) + " steps (η 0.03) or " +
              std::to_string(gd_best) + " (η 0.039, just under the 2/50 where it diverges) to bring f below 0.001; "
              "with momentum 0.8 it needs " + std::to_string(mom) + conclude(v.holds);
  return v;
}

// How an optimizer's effective rate ‖Δθ‖/‖∇f‖ changes along a path: its
// mean over the last 100 of `steps` steps over its mean over steps 10–30.
double rate_change(Surface surf, std::array<float, 2> start, const optim::OptimizerConfig& c, int steps) {
  const auto path = optimizer_path(surf, start, c, steps);
  auto mean_rate = [&](size_t a, size_t b) {
    double s = 0;
    size_t n = 0;
    for (size_t k = std::max<size_t>(a, 1); k < b && k < path.size(); ++k) {
      const auto g = surface_grad(surf, path[k - 1][0], path[k - 1][1]);
      const double gn = std::hypot(g[0], g[1]);
      if (gn <= 0) continue;
      s += std::hypot(path[k][0] - path[k - 1][0], path[k][1] - path[k - 1][1]) / gn;
      ++n;
    }
    return n ? s / static_cast<double>(n) : std::nan("");
  };
  return mean_rate(static_cast<size_t>(steps) - 100, static_cast<size_t>(steps)) / mean_rate(10, 30);
}

Verdict judge_adaptive(Playground&) {
  // Rosenbrock from (−1.5, 2), 1000 steps. AdaGrad divides by √Σg², which only
  // grows, so its effective rate only falls; RMSprop and Adam divide by a
  // decaying average, so theirs rises as the gradient gets small near the valley.
  using K = optim::OptimizerKind;
  const std::array<float, 2> start{-1.5f, 2.0f};
  optim::OptimizerConfig rms = opt(K::RMSprop, 0.01f);
  rms.rho = 0.9f;
  const optim::OptimizerConfig ada = opt(K::AdaGrad, 0.3f), adam = opt(K::Adam, 0.05f);
  auto f_end = [&](const optim::OptimizerConfig& c) {
    const auto path = optimizer_path(Surface::Rosenbrock, start, c, 1000);
    return surface_value(Surface::Rosenbrock, path.back()[0], path.back()[1]);
  };
  const double r_ada = rate_change(Surface::Rosenbrock, start, ada, 1000);
  const double r_rms = rate_change(Surface::Rosenbrock, start, rms, 1000);
  const double r_adam = rate_change(Surface::Rosenbrock, start, adam, 1000);
  const double f_ada = f_end(ada), f_rms = f_end(rms), f_adam = f_end(adam);
  Verdict v;
  v.holds = r_ada < 1.0 && std::min(r_rms, r_adam) > 2.0 * r_ada && f_ada > 10 * std::max(f_rms, f_adam);
  v.numbers = {{"AdaGrad effective rate late/early", r_ada}, {"RMSprop effective rate late/early", r_rms},
               {"Adam effective rate late/early", r_adam}, {"AdaGrad f after 1000", f_ada},
               {"RMSprop f after 1000", f_rms}, {"Adam f after 1000", f_adam}};
  v.outcome = "On Rosenbrock AdaGrad's effective rate ‖Δθ‖/‖∇f‖ falls to " + num(r_ada) +
              "× its start while RMSprop's grows " + num(r_rms) + "× and Adam's " + num(r_adam) +
              "×; after 1000 steps f is " + num(f_ada) + " (AdaGrad, stalled), " + num(f_rms) + " (RMSprop), " +
              num(f_adam) + " (Adam)" + conclude(v.holds);
  return v;
}

// ============================================== [SECTION] regularisation

Verdict judge_dropout(Playground& p) {
  const loss::LossOutput tr0 = evaluate(p, 0, true), va0 = evaluate(p, 0, false);
  const loss::LossOutput tr1 = evaluate(p, 1, true), va1 = evaluate(p, 1, false);
  const double gap0 = va0.loss - tr0.loss, gap1 = va1.loss - tr1.loss;
  Verdict v;
  v.holds = gap1 < 0.7 * gap0 && va1.loss < va0.loss;
  v.numbers = {{"no dropout: training loss", tr0.loss}, {"no dropout: validation loss", va0.loss},
               {"dropout: training loss", tr1.loss}, {"dropout: validation loss", va1.loss}};
  v.outcome = "Without dropout the training loss is " + num(tr0.loss) + " and the validation loss " + num(va0.loss) +
              " (a gap of " + num(gap0) + "); with dropout 0.5 they are " + num(tr1.loss) + " and " + num(va1.loss) +
              " (a gap of " + num(gap1) + ")" + conclude(v.holds);
  return v;
}

// ============================================== [SECTION] initialisation

// The largest difference between any two units (weight rows) of the first hidden layer.
double unit_spread(const Session& s) {
  for (const ParamRef& prm : s.model().params()) {
    if (prm.value->rank() != 2) continue;
    const Tensor& w = *prm.value;
    const int rows = w.dim(0), cols = w.dim(1);
    double spread = 0;
    for (int r = 1; r < rows; ++r)
      for (int c = 0; c < cols; ++c) spread = std::max(spread, static_cast<double>(std::fabs(w[r * cols + c] - w[c])));
    return spread;
  }
  return std::nan("");
}

Verdict judge_init(Playground& p) {
  const double zeros_loss = evaluate(p, 0, true).loss, he_loss = evaluate(p, 2, true).loss;
  const double spread = unit_spread(p.race().lane(0));
  // At initialisation, 10 ReLU layers of 256 units: He keeps the activations' scale, N(0, 0.01²) loses it.
  auto scale = [](nn::InitScheme s) {
    auto st = activation_stats_at_init(10, 256, nn::Activation::ReLU, s, 0.01f, 1);
    return st.ok() ? std::sqrt(st.value().back().variance / st.value().front().variance) : std::nan("");
  };
  const double he = scale(nn::InitScheme::KaimingNormal), small = scale(nn::InitScheme::Normal);
  Verdict v;
  v.holds = spread == 0.0 && he_loss < 0.5 * zeros_loss && he > 0.5 && he < 2.0 && small < 1e-3;
  v.numbers = {{"zero init: unit spread", spread}, {"zero init: training loss", zeros_loss},
               {"He init: training loss", he_loss}, {"He: std layer 10 / layer 1", he},
               {"N(0,0.01²): std layer 10 / layer 1", small}};
  v.outcome = "After " + std::to_string(p.race().budget()) + " steps the zero-initialised net's hidden units are " +
              (spread == 0.0 ? "still identical" : "different (by " + num(spread) + ")") + " and its loss is " +
              num(zeros_loss) + ", He init's " + num(he_loss) + "; at initialisation He keeps the activations' scale over "
              "10 ReLU layers (×" + num(he) + "), N(0, 0.01²) shrinks it ×" + num(small) + conclude(v.holds);
  return v;
}

// ================================================== [SECTION] the table

std::string layers_of(const char* unit, int depth) {
  std::string s;
  for (int i = 0; i < depth; ++i) s += (i ? "," : "") + std::string(unit);
  return s;
}

const std::string kPlain = "Linear(out_features=128); ReLU; Linear(out_features=128); ReLU; Linear(out_features=classes)";
const std::string kDropout =
    "Linear(out_features=128); ReLU; Dropout(p=0.5); Linear(out_features=128); ReLU; Dropout(p=0.5); "
    "Linear(out_features=classes)";

std::vector<Lesson> make_lessons() {
  std::vector<Lesson> l;
  l.push_back({"perceptron-separable", "Perceptron", "The perceptron rule learns linearly separable data",
               "y' = sgn(w·x); on a mistake w ← w + α(y − y')x, with α = 1000/(1000 + t). On linearly separable data "
               "the rule stops making mistakes.",
               "Perceptron tab: press Run and watch the line turn until no point is on the wrong side; the mistakes "
               "per epoch fall to 0.",
               "perceptron", "the perceptron reaches 100% training accuracy within 100 epochs", "",
               {{"dataset", "gauss"}, {"noise", "0"}, {"samples", "200"}}, {}, 0, judge_perceptron_separable});
  l.push_back({"perceptron-xor", "Perceptron", "A perceptron cannot learn XOR; one hidden layer can",
               "How do we make nonlinear classifiers out of perceptrons? Build a multi-layer neural network.",
               "Perceptron tab: the line never stops moving on XOR. Boundary tab: the 2-8-1 MLP bends the boundary "
               "around the four quadrants.",
               "perceptron", "perceptron ≤ 75% training accuracy after 100 epochs, the 2-8-1 MLP ≥ 95% validation accuracy",
               "A 2-8-1 ReLU MLP rather than 2-4-1 tanh: the smaller net stops at 85–90% on some seeds (a local "
               "minimum), which is a lesson of its own, not this one's.",
               {{"dataset", "xor"}, {"samples", "200"}, {"layers", "8:relu"}, {"optimizer", "adam"}, {"lr", "0.03"}, {"speed", "300"}},
               {{"2-8-1 MLP", {}}}, 1500, judge_perceptron_xor});
  l.push_back({"relu-vs-sigmoid", "MLP and activations", "ReLU trains deep nets faster than sigmoid",
               "Sigmoid g(t) = 1/(1 + e^(−t)) saturates: its slope is at most ¼, so the gradient shrinks layer by "
               "layer (vanishing gradients). ReLU g(t) = max(0, t) passes it through.",
               "Race tab: the ReLU lane's loss falls while the sigmoid lane's stays near ln 2. Network › Layers "
               "(gradient norm) shows the first sigmoid layers decades below the last.",
               "race", "ReLU's training loss ≤ ½ of sigmoid's after 500 steps, and sigmoid's first layer gets a smaller share of the gradient",
               "The circle set rather than a harder one: with 8 layers of 16 units and Adam both activations get a "
               "fair optimizer, and the sigmoid net still stays at chance in every seed tried.",
               {{"dataset", "circle"}, {"optimizer", "adam"}, {"lr", "0.01"}, {"layers", layers_of("16:relu", 8)},
                {"speed", "100"}},
               {{"sigmoid", {{"layers", layers_of("16:sigmoid", 8)}, {"init", "xavier_uniform"}}},
                {"ReLU", {{"layers", layers_of("16:relu", 8)}, {"init", "kaiming_uniform"}}}},
               500, judge_relu_vs_sigmoid});
  l.push_back({"dropout", "MLP and activations", "Dropout narrows the gap between training and validation",
               "Dropout, a stochastic ensemble: each step drops hidden units with probability p (0.5 for hidden "
               "units), so no unit can rely on another; evaluation keeps them all.",
               "Race tab: without dropout the training loss goes to 0 while the validation loss climbs; with dropout "
               "the two stay close.",
               "race", "the validation − training loss gap with dropout < 0.7× the gap without, and a lower validation loss",
               "A noisy circle (noise 0.5) with 50 training points and 128-unit layers, so the plain net overfits.",
               {{"dataset", "circle"}, {"noise", "0.5"}, {"samples", "100"}, {"model", "custom"}, {"network", kPlain},
                {"optimizer", "adam"}, {"lr", "0.01"}, {"speed", "200"}},
               {{"no dropout", {{"network", kPlain}}}, {"dropout 0.5", {{"network", kDropout}}}}, 1000, judge_dropout});
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
  l.push_back({"momentum-ravine", "Optimizers", "Momentum speeds progress through ravines",
               "v ← μv − η∇f, θ ← θ + v: in a ravine (high curvature across, a small consistent slope along) the "
               "velocity builds up along the floor while the zig-zag across it cancels.",
               "Loss surface tab, preset \"Momentum through the ravine\": plain GD zig-zags and crawls, momentum runs "
               "along the floor.",
               "surface", "momentum (0.8) needs at most half the steps of plain GD at η 0.03 and at its best stable η",
               "Momentum 0.8 rather than 0.9: the ravine's condition number is 50, for which 0.8 is near the best "
               "heavy-ball setting; 0.9 is underdamped here and only 1.8× faster.", {}, {}, 0,
               judge_momentum_ravine});
  l.push_back({"adagrad-rmsprop-adam", "Optimizers",
               "AdaGrad's steps shrink too fast; RMSprop fixes it; Adam adds momentum and bias correction",
               "AdaGrad: r ← r + g², θ ← θ − ε g/(δ + √r): r only grows. RMSprop: r ← ρr + (1 − ρ)g². Adam: "
               "moments s, r with bias correction ŝ = s/(1 − ρ₁ᵗ), r̂ = r/(1 − ρ₂ᵗ).",
               "Loss surface tab, preset \"AdaGrad's step shrinking\": watch the step-length plot.", "surface",
               "AdaGrad's effective rate ‖Δθ‖/‖∇f‖ falls while RMSprop's and Adam's end at least twice as high "
               "relative to their start, and AdaGrad ends 10× higher on Rosenbrock", "", {}, {}, 0,
               judge_adaptive});
  l.push_back({"init-symmetry", "Initialisation", "All-zero init fails; small random works; He init keeps the scale for ReLU",
               "With all weights 0 every unit of a layer computes the same thing and gets the same update: they stay "
               "identical. He init, Var(w) = 2/fan_in, keeps the activations' variance through ReLU layers.",
               "Race tab: the zero-init lane stays at ln 2. Init tab: the activation scale per layer for each scheme.",
               "race", "the zero-init units stay exactly identical and He's loss is < ½ of zero init's; He keeps the "
               "scale over 10 layers (×0.5–2), N(0, 0.01²) loses it (< ×0.001)",
               "", {{"dataset", "circle"}, {"layers", layers_of("16:relu", 3)}, {"optimizer", "sgd"}, {"lr", "0.1"}, {"speed", "100"}},
               {{"zeros", {{"init", "zeros"}}}, {"N(0, 0.01²)", {{"init", "normal"}, {"init_scale", "0.01"}}},
                {"He", {{"init", "kaiming_normal"}}}},
               500, judge_init});
  return l;
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
    if (train) race.action = Action::Train;
  }
  NNP_RETURN_IF_ERROR(play.session().apply(setup));
  if (lesson.lanes.empty()) return play.race().apply(RaceCommand{.lanes = RaceCommand::Lanes::Clear}, play.session().config());
  return play.race().apply(race, play.session().config());
}

}  // namespace nnplay::train
