// lessons_train.cpp — lessons on how training behaves: batch normalisation,
// schedules, batch size, reading the curves
// (lessons.h; shared measuring in lesson_kit.h).
//
// [SECTION] normalisation    batch norm: faster, a higher rate tolerated, eval on running statistics
// [SECTION] schedules        1/t decay steadies SGD; a cut on a plateau gives a late boost
// [SECTION] batch size       larger mini-batches, less noise, more cost per update
// [SECTION] reading curves   a big gap is overfitting, no gap at a high loss underfitting
// [SECTION] the table
#include "train/lesson_kit.h"

#include <algorithm>
#include <cmath>

#include "train/curve_reading.h"
#include "train/playground.h"

namespace nnplay::train {
namespace {

using namespace kit;

// =============================================== [SECTION] normalisation

// `depth` hidden layers Linear(width) [+ BatchNorm1d] + ReLU, then the logits.
std::string mlp_text(int depth, int width, bool bn) {
  std::string s;
  for (int i = 0; i < depth; ++i)
    s += "Linear(out_features=" + std::to_string(width) + "); " + (bn ? "BatchNorm1d; " : "") + "ReLU; ";
  return s + "Linear(out_features=classes)";
}

// The largest difference between lane `lane`'s eval-mode logits for the
// first `n` validation samples predicted as one batch and one at a time: 0
// when batch norm uses its running statistics, not the batch's.
Result<double> batch_dependence(Playground& p, int lane, int n) {
  auto batch = predict_validation(p, lane, n);
  if (!batch.ok()) return batch.status();
  const ValBatch& b = batch.value();
  const int64_t c = b.logits.numel() / static_cast<int64_t>(b.idx.size());
  Tensor one_x, one_logits;
  double worst = 0;
  for (size_t i = 0; i < b.idx.size(); ++i) {
    b.data->gather(b.idx.subspan(i, 1), one_x);
    NNP_RETURN_IF_ERROR(b.session->predict(one_x, &one_logits));
    for (int64_t j = 0; j < c; ++j)
      worst = std::max(worst, static_cast<double>(std::fabs(one_logits[j] - b.logits[static_cast<int64_t>(i) * c + j])));
  }
  return worst;
}

Verdict judge_batch_norm(Playground& p) {
  // Lanes: plain η 0.1, BN η 0.1, plain η 1, BN η 1.
  double loss[4];
  for (int i = 0; i < 4; ++i) loss[i] = evaluate(p, i, true).loss;
  // Steps to a training loss of 0.3 (never: budget + 1).
  auto to_target = [&](int lane) {
    const int64_t s = steps_to_loss(p.race().lane(lane), 0.3);
    return static_cast<double>(s < 0 ? p.race().budget() + 1 : s);
  };
  const double steps_plain = to_target(0), steps_bn = to_target(1);
  const bool plain_fast_failed = !p.race().lane(2).status().last_error.empty() || !(loss[2] < 0.69);
  auto dep = batch_dependence(p, 1, 16);
  if (!dep.ok()) return failed(dep.status());
  Verdict v;
  v.holds = steps_bn <= 0.5 * steps_plain && loss[1] < loss[0] && plain_fast_failed && loss[3] < 0.6 && p.race().lane(3).status().last_error.empty() &&
            dep.value() < 1e-5;
  v.numbers = {{"plain η 0.1: steps to loss 0.3", steps_plain}, {"BN η 0.1: steps to loss 0.3", steps_bn},
               {"plain η 0.1: training loss", loss[0]}, {"BN η 0.1: training loss", loss[1]},
               {"plain η 1: training loss", loss[2]}, {"BN η 1: training loss", loss[3]},
               {"BN eval: batch vs one-by-one logits", dep.value()}};
  const std::string fast = p.race().lane(2).status().last_error.empty()
                               ? "ends at " + num(loss[2])
                               : "diverged (the run paused at step " + std::to_string(p.race().lane(2).trainer().step_count()) + ")";
  auto steps = [&](double s) {
    return s > static_cast<double>(p.race().budget()) ? "not within " + std::to_string(p.race().budget()) + " steps"
                                                      : "in " + num(s) + " steps";
  };
  v.outcome = "At η 0.1 the 8-layer net with batch norm reaches a training loss of 0.3 " + steps(steps_bn) +
              " and ends at " + num(loss[1]) + ", without batch norm " + steps(steps_plain) + " (it ends at " +
              num(loss[0]) + "); at η 1 the plain net " + fast +
              " while the batch-norm net reaches " + num(loss[3]) + ". In evaluation batch norm uses its running "
              "statistics: a sample's logits are the same alone or in a batch (largest difference " + num(dep.value()) +
              ")" + conclude(v.holds);
  return v;
}

// =================================================== [SECTION] schedules

Verdict judge_lr_decay(Playground& p) {
  const Spread c = late_val_loss(p.race().lane(0), 0.5), d = late_val_loss(p.race().lane(1), 0.5);
  Verdict v;
  v.holds = d.std <= 0.5 * c.std && d.mean <= 1.15 * c.mean;
  v.numbers = {{"constant η: validation loss, late mean", c.mean}, {"constant η: late std", c.std},
               {"decayed η: validation loss, late mean", d.mean}, {"decayed η: late std", d.std}};
  v.outcome = "Over the second half of " + std::to_string(p.race().budget()) + " steps the validation loss with a "
              "constant rate jitters by ±" + num(c.std) + " around " + num(c.mean) + "; with η decaying as k/(k + t) by ±" +
              num(d.std) + " around " + num(d.mean) + conclude(v.holds);
  return v;
}

// The step at which lane `s`'s learning rate first fell below its base rate
// (-1: it never did), from the rate recorded at each metric point.
int64_t first_cut(const Session& s) {
  const auto& h = s.trainer().history();
  if (h.empty()) return -1;
  const float base = h.front().lr;
  for (const MetricPoint& m : h)
    if (m.lr < 0.99f * base) return m.step;
  return -1;
}

Verdict judge_plateau(Playground& p) {
  // Lanes: a constant rate, and the same rate cut ÷5 whenever the validation
  // loss stops improving (ReduceLROnPlateau). Where each settled: the mean
  // validation loss over the last quarter of the run.
  const Spread c = late_val_loss(p.race().lane(0), 0.25), d = late_val_loss(p.race().lane(1), 0.25);
  const int64_t cut = first_cut(p.race().lane(1));
  const float lr_end = p.race().lane(1).trainer().history().back().lr;
  Verdict v;
  v.holds = cut > 0 && d.mean <= 0.9 * c.mean;
  v.numbers = {{"constant η: validation loss, last quarter", c.mean},
               {"plateau schedule: validation loss, last quarter", d.mean},
               {"first cut at step", static_cast<double>(cut)},
               {"η at the end", lr_end}};
  v.outcome = "Over the last quarter of " + std::to_string(p.race().budget()) + " steps the validation loss averages " +
              num(c.mean) + " with a constant η and " + num(d.mean) + " with the plateau schedule, which first cut η at step " +
              std::to_string(cut) + " and ended at η = " + num(lr_end) + conclude(v.holds);
  return v;
}

// ================================================== [SECTION] batch size

// How far a lane's validation loss travels over the run (Σ|Δ| between metric
// points `every` steps apart) per unit of net descent: 1 for a path that only
// goes down, more the more it jumps up and down on the way.
double path_ratio(const Session& s, int64_t every) {
  const auto& h = s.trainer().history();
  std::vector<float> loss;
  for (const MetricPoint& m : h)
    if (loss.empty() || m.step >= every * static_cast<int64_t>(loss.size())) loss.push_back(m.loss_val);
  if (loss.size() < 2) return std::nan("");
  double travelled = 0;
  for (size_t k = 1; k < loss.size(); ++k) travelled += std::fabs(loss[k] - loss[k - 1]);
  return travelled / std::fabs(loss.front() - loss.back());
}

Verdict judge_batch_size(Playground& p) {
  // Lanes: batch 1 (SGD), batch 8, the whole training split (GD); the same η and steps.
  // Compared at the same spacing: the batch-1 lane's points are the sparsest.
  const auto& sgd = p.race().lane(0).trainer().history();
  const int64_t every = sgd.size() >= 2 ? sgd[1].step - sgd[0].step : 1;
  double r[3];
  for (int i = 0; i < 3; ++i) r[i] = path_ratio(p.race().lane(i), every);
  const int full = p.race().lane(2).config().batch_size;
  Verdict v;
  v.holds = r[0] >= 1.5 * r[1] && r[1] > r[2] && r[2] < 1.05;
  v.numbers = {{"batch 1: path / descent", r[0]}, {"batch 8: path / descent", r[1]}, {"full batch: path / descent", r[2]}};
  v.outcome = "On its way down the validation loss travels " + num(r[0]) + "× its net descent with batch 1, " +
              num(r[1]) + "× with batch 8 and " + num(r[2]) + "× with the whole set (1 = straight down; each full-batch "
              "update costs " + std::to_string(full) + " samples' gradients, an SGD update one)" + conclude(v.holds);
  return v;
}

// ============================================== [SECTION] reading curves

Verdict judge_reading_curves(Playground& p) {
  // Lane 0: a large net on few noisy points; lane 1: a linear model (no hidden layer).
  const Session& big = p.race().lane(0);
  const Session& small = p.race().lane(1);
  const CurveReading rb = read_curves(big.trainer().history(), big.status().epoch, big.trainer().chance_loss());
  const CurveReading rs = read_curves(small.trainer().history(), small.status().epoch, small.trainer().chance_loss());
  Verdict v;
  v.holds = rb.verdict == CurveVerdict::Overfitting && rs.verdict == CurveVerdict::Underfitting && rb.gap > rs.gap + 0.05 &&
            big.status().reading == rb.text && small.status().reading == rs.text;
  v.numbers = {{"large net: training loss", rb.loss_train}, {"large net: validation loss", rb.loss_val},
               {"large net: gap", rb.gap}, {"linear: training loss", rs.loss_train}, {"linear: validation loss", rs.loss_val},
               {"linear: gap", rs.gap}};
  v.outcome = "The large net's curves end " + num(rb.gap) + " apart (training " + num(rb.loss_train) + ", validation " +
              num(rb.loss_val) + "), and the app reads: \"" + rb.text + "\" The linear model's end " + num(rs.gap) +
              " apart at a high loss (" + num(rs.loss_train) + "): \"" + rs.text + "\"" + conclude(v.holds);
  return v;
}

// ================================================== [SECTION] the table

const std::string kBig = "Linear(out_features=128); ReLU; Linear(out_features=128); ReLU; Linear(out_features=classes)";

}  // namespace

std::vector<Lesson> training_lessons() {
  std::vector<Lesson> l;
  l.push_back({"batch-norm", "Normalisation", "Batch norm trains faster and tolerates a higher learning rate",
               "Batch normalisation x̂ = (x − μ_B)/√(σ²_B + ε), y = γx̂ + β reduces internal covariate shift: each "
               "layer sees inputs of a steady scale, so training is faster and a higher learning rate is tolerated. "
               "Training uses the batch's μ_B, σ²_B; evaluation the running averages (running_mean, running_var).",
               "Race tab: at η 0.1 the batch-norm lane's loss falls faster; at η 1 the plain lane diverges and "
               "pauses while the batch-norm lane trains. Network › Layers shows running_mean and running_var.",
               "race", "at η 0.1 BN reaches a training loss of 0.3 in ≤ ½ the plain net's steps and ends lower; at η 1 "
               "the plain net diverges (or stays at chance) while BN's loss ends < 0.6 (chance: 0.693); BN's eval logits equal alone and in a batch (< 1e-5)",
               "8 hidden layers of 32 ReLU units on the spiral with plain SGD, so the learning rate alone decides; "
               "four lanes instead of two to show both halves of the claim (speed and a higher rate).",
               {{"dataset", "spiral"}, {"samples", "1000"}, {"model", "custom"}, {"network", mlp_text(8, 32, false)},
                {"optimizer", "sgd"}, {"batch_size", "32"}, {"init", "kaiming_uniform"}, {"speed", "60"}},
               {{"plain η 0.1", {{"network", mlp_text(8, 32, false)}, {"lr", "0.1"}}},
                {"BN η 0.1", {{"network", mlp_text(8, 32, true)}, {"lr", "0.1"}}},
                {"plain η 1", {{"network", mlp_text(8, 32, false)}, {"lr", "1"}}},
                {"BN η 1", {{"network", mlp_text(8, 32, true)}, {"lr", "1"}}}},
               400, judge_batch_norm});
  l.push_back({"lr-decay", "Schedules", "A decaying learning rate steadies SGD",
               "α is a learning rate that should decay as a function of t, e.g. α_t = α₀·1000/(1000 + t): early steps "
               "move far, late ones settle instead of jumping around the minimum.",
               "Race tab: both lanes fall alike at first; then the constant-rate lane's validation loss keeps jumping "
               "while the decayed lane's curve flattens. The Run panel shows η falling.",
               "race", "over the second half of the run the decayed lane's validation loss varies ≤ ½ as much (standard "
               "deviation) as the constant lane's, at a mean no more than 15% higher",
               "SGD with batch 1 on noisy two gaussians instead of the perceptron, and k = 100 instead of 1000 so the "
               "rate falls within the lesson's steps (the lecture's t counts epochs; the schedule's, steps).",
               {{"dataset", "gauss"}, {"noise", "0.2"}, {"layers", "4:tanh"}, {"optimizer", "sgd"}, {"lr", "0.3"},
                {"batch_size", "1"}, {"speed", "300"}},
               {{"constant η", {{"schedule", ""}}}, {"η·k/(k + t)", {{"schedule", "InverseTimeLR(k=100)"}}}}, 3000,
               judge_lr_decay});
  l.push_back({"plateau-schedule", "Schedules", "Cutting the rate when the loss stops falling gives a late boost",
               "Reduce the learning rate on a plateau: when the validation loss stops improving for a while, divide "
               "the rate by 2 (or by 5); the loss, stuck at the level the step size allows, falls again.",
               "Race tab: both lanes fall alike, then flatten; each time the schedule cuts η (the Run panel shows η) "
               "its curves step down, while the constant lane keeps bouncing at its level.",
               "race", "over the last quarter of the run the scheduled lane's mean validation loss is ≤ 0.9× the "
               "constant lane's, and the schedule did cut η",
               "Noisy moons with 2,500 training points, so the network cannot overfit within the run and the "
               "plateau is SGD's: batch 4 at η 0.5 bounces around the minimum at a level set by the step size.",
               {{"dataset", "moons"}, {"noise", "0.3"}, {"samples", "5000"}, {"layers", "32:relu,32:relu"},
                {"optimizer", "sgd"}, {"lr", "0.5"}, {"batch_size", "4"}, {"speed", "500"}},
               {{"constant η", {{"schedule", ""}}},
                {"÷5 on a plateau", {{"schedule", "ReduceLROnPlateau(factor=0.2,patience=10,min_lr=0.001)"}}}},
               5000, judge_plateau});
  l.push_back({"batch-size-noise", "Optimizers", "Larger mini-batches give less noisy steps, at a higher cost per step",
               "SGD's gradient estimate ĝ from one sample is noisy; a mini-batch of m samples averages m of them "
               "(variance ∝ 1/m); GD uses all N: stable but each update costs N gradients.",
               "Race tab: the batch-1 lane's curves jump, batch 8's wobble, the full batch's are smooth; the samples/s "
               "and epochs columns show what each update costs.",
               "race", "the validation loss's path length per unit of descent (at the same spacing of steps) is ≥ 1.5× "
               "larger with batch 1 than with 8, larger with 8 than with the full set, which goes nearly straight "
               "down (< 1.05)",
               "The noise is measured on the curve a student sees: how far the validation loss travels up and down "
               "per unit it descends.",
               {{"dataset", "circle"}, {"noise", "0.1"}, {"samples", "500"}, {"layers", "8:tanh"}, {"optimizer", "sgd"}, {"lr", "0.3"},
                {"speed", "100"}},
               {{"batch 1 (SGD)", {{"batch_size", "1"}}}, {"batch 8", {{"batch_size", "8"}}},
                {"full batch (GD)", {{"batch_size", "250"}}}},
               1000, judge_batch_size});
  l.push_back({"reading-curves", "Reading curves", "Read the training curves: a big gap is overfitting, no gap means more capacity",
               "Monitor your training curve: big gap = overfitting ⇒ increase regularization strength; no gap ⇒ "
               "increase model capacity.",
               "Race tab: the large net's training loss falls to almost 0 while its validation loss turns up; the "
               "linear model's two curves lie on each other, high. The Run panel's \"Reading the curves\" line says "
               "which is which (it reads any run, not only this lesson's).",
               "race", "the app reads the large net as overfitting and the linear model as underfitting, and the large "
               "net's gap exceeds the linear model's by > 0.05",
               "One data set for both (200 noisy training points of the two moons, 800 for validation so the gap is measured well), so only the network differs: "
               "two 128-unit layers overfit it, a linear model (no hidden layer) cannot bend around the moons.",
               {{"dataset", "moons"}, {"noise", "0.3"}, {"samples", "1000"}, {"val_fraction", "0.8"}, {"model", "custom"}, {"network", kBig},
                {"optimizer", "adam"}, {"lr", "0.01"}, {"speed", "200"}},
               {{"128-128 net", {{"network", kBig}}}, {"linear model", {{"network", "Linear(out_features=classes)"}}}},
               2000, judge_reading_curves});
  return l;
}

}  // namespace nnplay::train
