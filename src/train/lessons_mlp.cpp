// lessons_mlp.cpp — the perceptron, activations, dropout and initialisation lessons (lessons.h; shared measuring in lesson_kit.h).
//
// [SECTION] perceptron       the rule on separable data and on XOR
// [SECTION] approximation    one hidden layer of N units fits a function better as N grows
// [SECTION] activations      ReLU vs sigmoid in a deep net
// [SECTION] regularisation   dropout and the train/validation gap
// [SECTION] initialisation   zero init keeps units identical; He keeps the scale
// [SECTION] the table
#include "train/lesson_kit.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "train/analysis.h"
#include "train/perceptron.h"
#include "train/playground.h"

namespace nnplay::train {
namespace {

using namespace kit;

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

// =============================================== [SECTION] approximation

// Lane i has one hidden layer of kApproxUnits[i] tanh units; each lane's fit
// is the lowest training MSE it reached (full-batch Adam near its floor
// spikes now and then, and where a spike falls differs between native and
// WebAssembly float rounding). While the units limit the fit, each lane's MSE
// is at most kApproxFall × the one before (2 → 4); sin(2πx) is fitted to
// Adam's precision (~1e-5) by 16 units, so 16 and 64 cannot differ by a
// margin: both must fit far better than 4 (≤ kApproxFitted × its MSE).
constexpr int kApproxUnits[] = {2, 4, 16, 64};
constexpr double kApproxFall = 0.1;
constexpr double kApproxFitted = 0.1;

double best_training_loss(const Session& s) {
  double best = std::numeric_limits<double>::infinity();
  for (const MetricPoint& m : s.trainer().history()) best = std::min(best, static_cast<double>(m.loss_train));
  return best;
}

// The lane of `units` hidden tanh units.
LessonLane approx_lane(int units) {
  static const std::string labels[] = {"2 units", "4 units", "16 units", "64 units"};
  for (size_t i = 0; i < 4; ++i)
    if (kApproxUnits[i] == units) return {labels[i].c_str(), {{"layers", std::to_string(units) + ":tanh"}}};
  return {"?", {}};
}

Verdict judge_universal_approximation(Playground& p) {
  double mse[4];
  Verdict v;
  for (int i = 0; i < 4; ++i) {
    mse[i] = best_training_loss(p.race().lane(i));
    v.numbers.push_back({std::to_string(kApproxUnits[i]) + " units: best training MSE", mse[i]});
  }
  v.holds = mse[1] <= kApproxFall * mse[0] && mse[2] <= kApproxFitted * mse[1] && mse[3] <= kApproxFitted * mse[1];
  v.outcome = "Within " + std::to_string(p.race().budget()) + " steps one hidden tanh layer fits y = sin(2πx) down to a "
              "training MSE of " + num(mse[0]) + " with 2 units, " + num(mse[1]) + " with 4, " + num(mse[2]) +
              " with 16 and " + num(mse[3]) + " with 64 (past about 16 units the optimizer, not the number of units, "
              "limits the fit)" + conclude(v.holds);
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

const std::string kPlain = "Linear(out_features=128); ReLU; Linear(out_features=128); ReLU; Linear(out_features=classes)";
const std::string kDropout =
    "Linear(out_features=128); ReLU; Dropout(p=0.5); Linear(out_features=128); ReLU; Dropout(p=0.5); "
    "Linear(out_features=classes)";


}  // namespace

std::vector<Lesson> mlp_lessons() {
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
  l.push_back({"universal-approximation", "MLP and activations", "One hidden layer fits a function better with more units",
               "Universal approximation: a network with one hidden layer of N units approximates any continuous "
               "function on a bounded interval as closely as we like, for N large enough.",
               "Race tab: four lanes fit y = sin(2πx) on [-1, 1]; the more units, the lower the loss curve ends, "
               "until the fit is as close as the optimizer gets. Function tab (dataset function): the network's "
               "curve y(x) bends to the points while it trains.",
               "race", "the lowest training MSE with 4 units ≤ 0.1× that with 2, and with 16 and with 64 units each ≤ "
               "0.1× that with 4",
               "sin(2πx) (two periods) rather than a step: a tanh unit makes a step of any steepness alone, so a "
               "step's error depends on the weights' size, not on N. Full-batch Adam from PyTorch's default init "
               "(it spreads the units' kinks over the interval). 16 units already fit sin(2πx) to Adam's precision "
               "(~1e-5), so 64 cannot show a lower error by a margin that seed noise cannot flip; the check asserts "
               "that it fits as well, and the fall where the units are what limits the fit.",
               {{"dataset", "function"}, {"function", "sin"}, {"noise", "0"}, {"samples", "250"},
                {"val_fraction", "0.2"}, {"layers", "16:tanh"}, {"init", "default"}, {"optimizer", "adam"},
                {"lr", "0.01"}, {"batch_size", "200"}, {"speed", "500"}},
               {approx_lane(2), approx_lane(4), approx_lane(16), approx_lane(64)}, 4000,
               judge_universal_approximation});
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
               500, judge_relu_vs_sigmoid, std::nullopt, LaneView::Gradients});
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
  l.push_back({"init-symmetry", "Initialisation", "All-zero init fails; small random works; He init keeps the scale for ReLU",
               "With all weights 0 every unit of a layer computes the same thing and gets the same update: they stay "
               "identical. He init, Var(w) = 2/fan_in, keeps the activations' variance through ReLU layers.",
               "Race tab: the zero-init lane stays at ln 2. Init tab: the activation scale per layer for each scheme.",
               "race", "the zero-init units stay exactly identical and He's loss is < ½ of zero init's; He keeps the "
               "scale over 10 layers (×0.5–2), N(0, 0.01²) loses it (< ×0.001)",
               "", {{"dataset", "circle"}, {"layers", layers_of("16:relu", 3)}, {"optimizer", "sgd"}, {"lr", "0.1"}, {"speed", "100"}},
               {{"zeros", {{"init", "zeros"}}}, {"N(0, 0.01²)", {{"init", "normal"}, {"init_scale", "0.01"}}},
                {"He", {{"init", "kaiming_normal"}}}},
               500, judge_init, std::nullopt, LaneView::Activations});
  return l;
}

}  // namespace nnplay::train
