// trainer.h — mini-batch training of a Model on a Dataset split, in whole
// steps, with interleaved validation, for a frame-budgeted caller.
//
// One step: gather a batch (indices from a per-epoch shuffle drawn from the
// Shuffle stream), forward in train mode, loss from logits, zero_grad,
// backward, optimizer step. The last batch of an epoch may be smaller
// (drop_last = false). Randomness advances per step, never per frame, so the
// same seed gives the same curve at any frame rate.
//
// Metrics: a point every ~1/10 epoch (eval_points_per_epoch), and at least
// every max_samples_per_point training samples and every max_macs_per_point
// multiply-accumulates of training (forward + backward ≈ 3 × the network's
// MACs per sample): so a slow network on a large set, a ResNet on
// Fashion-MNIST, still draws its curve every few seconds, and since the count
// is of work, not time, the points fall on the same steps on any machine.
// Each point has the mean train loss/accuracy of the steps since the previous
// point and validation loss/accuracy on a fixed subset (the first
// in_epoch_val_samples() of the split: val_subset, fewer for a costly
// network or a small training set, never fewer than min_val_subset); at each epoch end a
// point on the full validation set, also kept in `epochs`. Validation runs in
// chunks; training waits while an evaluation is pending, so a point at step s
// always describes the weights at step s.
//
// Frame budget: run_for() runs short units (steps, evaluation chunks) whole
// and long ones a node at a time, leaving a unit half done between calls
// (Model::begin_forward/forward_next), and a convolution's batch in pieces
// of samples (TrainerConfig::piece_macs). The numbers do not depend on where a
// unit was cut: the same nodes run in the same order with the same RNG, and
// a convolution's pieces give its whole result bit for bit.
//
// Allocation: setup() plans every tensor; steps allocate nothing afterwards
// (tests/train/alloc_test.cpp counts).
#pragma once

#include <chrono>
#include <string>
#include <cstdint>
#include <limits>
#include <span>
#include <vector>

#include "core/status.h"
#include "data/augment.h"
#include "data/dataset.h"
#include "loss/loss.h"
#include "nn/model.h"
#include "optim/lr_scheduler.h"
#include "optim/optimizer.h"
#include "train/targets.h"

namespace nnplay::train {

struct TrainerConfig {
  int batch_size = 10;
  loss::LossKind loss = loss::LossKind::CrossEntropy;
  uint64_t seed = 1;
  int eval_points_per_epoch = 10;
  int max_samples_per_point = 4096;  // cap on the training samples between two points
  double max_macs_per_point = 1.5e10;  // cap on the training MACs between two points
  int val_subset = 1000;   // samples used for the in-epoch points
  int min_val_subset = 256;  // ... at least this many, however costly the network
  int eval_chunk = 256;    // samples per evaluation work unit
  double whole_unit_ms = 2.0;  // run_for: units faster than this run whole, slower ones a node at a time
  // ... and a convolution over the batch in pieces of about this many
  // multiply-adds (nn::Model::set_piece_macs; bit for bit the same result):
  // ~2 ms in Chromium, so a ResNet's 3x3 convolutions never hold a frame.
  int64_t piece_macs = int64_t{1} << 24;
  size_t max_points = 4096;  // when full, every other point is dropped and the recording stride doubles
  data::AugmentConfig augment;  // applied to image training batches only
};

/// The accuracy of a point on a regression set, which has none.
inline constexpr float kNoAccuracy = std::numeric_limits<float>::quiet_NaN();

struct MetricPoint {
  int64_t step = 0;
  double epoch = 0.0;  // fractional epochs completed
  float loss_train = 0, acc_train = 0;  // accuracies: kNoAccuracy (NaN) on a regression set
  float loss_val = 0, acc_val = 0;
  float lr = 0;           // learning rate of the step that ended here
  bool full_val = false;  // true at epoch ends (whole validation set)
};

/// Per-layer health at a metric point, from the last training step's buffers:
/// what a student needs to see vanishing gradients in a deep sigmoid net or
/// dead ReLUs.
// act_mean, act_std, frac_zero and dy_rms read every value of a tensor of up
// to kLayerStatsSample values, and beyond that many in 64 contiguous runs
// spread evenly over it (a ResNet's batch of activations and gradients is
// ~100 MB: reading it all at every point held a frame for ~40 ms natively).
inline constexpr int64_t kLayerStatsSample = int64_t{1} << 16;
struct LayerStats {
  float act_mean = 0, act_std = 0;  // of the node's output over the batch
  float frac_zero = 0;              // share of exactly-zero outputs (dead ReLUs)
  float grad_norm = 0;              // ‖∂loss/∂θ‖₂ over the layer's parameters (0 if none)
  float dy_rms = 0;                 // RMS of ∂loss/∂y, the gradient reaching the layer's output
};

/// LayerStats of every node over time (reset when the network is edited).
struct LayerTrace {
  std::vector<std::string> names;    // node names, nodes 1..n
  std::vector<int64_t> steps;        // one row per recorded point
  std::vector<LayerStats> stats;     // steps.size() × names.size(), row-major
};

struct EpochRecord {
  int epoch = 0;  // 1-based
  float loss_train = 0, acc_train = 0, loss_val = 0, acc_val = 0;
  double samples_per_sec = 0;
};

/// OK when a network output (unit batch) fits the dataset's labels: (1, C)
/// logits (or (1, 1) for two classes), or (1, C, H, W) for segmentation.
Status check_output(const Shape& out, const data::Dataset& ds);

class Trainer {
 public:
  /// Binds the pieces; validates that the model's input fits the dataset and
  /// that the split is not empty. Does not change the model's weights.
  Status setup(nn::Model* model, optim::Optimizer* opt, const data::Dataset* pool, std::vector<int32_t> train_idx,
               std::vector<int32_t> val_idx, const TrainerConfig& cfg);
  /// Uses `opt` from the next step on (the session swaps optimizers mid-run).
  void set_optimizer(optim::Optimizer* opt) { opt_ = opt; }
  /// Learning rate of step t = schedule->lr(t, base_lr) (null: constant base_lr).
  /// The schedule observes the validation loss at every evaluation point.
  void set_schedule(optim::LRScheduler* schedule, float base_lr) {
    schedule_ = schedule;
    base_lr_ = base_lr;
  }
  /// Learning rate the next step will use.
  float current_lr() const;
  /// After the session swapped in a rebuilt model (same object, new layers):
  /// takes its loss and evaluation chunk, keeps progress and curves.
  Status rebind_model(loss::LossKind loss, int eval_chunk);
  /// Marks the curves at the current step ("skip connections off").
  void add_event(std::string text) { events_.push_back({step_, std::move(text)}); }
  const std::vector<std::pair<int64_t, std::string>>& events() const { return events_; }
  const LayerTrace& layer_trace() const { return trace_; }
  void set_augment(const data::AugmentConfig& a) { cfg_.augment = a; }
  /// Changes the batch size from the next step on (replans tensors).
  Status set_batch_size(int batch_size);
  /// Swaps in an edited dataset (a student's clicks, data/point_edits.h) and
  /// its split, keeping weights, progress and curves: the epoch in progress
  /// goes on with its shuffled order minus the samples no longer in
  /// `train_idx`, and the new ones at its end. The pool must have the same
  /// sample shape and kind of labels; no unit or evaluation may be in
  /// progress (finish_eval() first). The divergence check of finite losses
  /// waits two epochs, then measures from there (a new point the network
  /// gets wrong is not divergence).
  void replace_data(const data::Dataset* pool, std::vector<int32_t> train_idx, std::vector<int32_t> val_idx);
  /// Clears step/epoch counters, metrics and the shuffle stream.
  void reset_progress();

  /// One training step (finishing the unit in progress and any pending
  /// evaluation first). Returns NON_FINITE, naming the first non-finite
  /// node, when the loss diverges.
  Status step();
  /// Runs work units (training steps if `train`, pending evaluations always)
  /// until budget_ms of wall time is spent; budget_ms = 0 runs exactly one
  /// piece (a whole unit or one node), which tests use to be independent of
  /// the machine's speed. A unit that took over
  /// whole_unit_ms last time runs a node at a time and may be left half
  /// done, to continue at the next call (also with train = false): a long
  /// step never holds the caller's frame for more than about one layer.
  /// Returns the first error. At most `max_steps` new steps begin (pending
  /// evaluations and a step in progress always continue).
  Status run_for(double budget_ms, bool train, int64_t max_steps = INT64_MAX);
  /// Finishes the unit in progress, then evaluates until none is pending.
  Status finish_eval();
  /// Finishes the step or evaluation chunk in progress (if any). Call before
  /// anything else runs the model's forward or changes its layers.
  Status finish_unit();
  bool eval_pending() const { return eval_.active; }
  /// True while a step or evaluation chunk is half done (run_for left it).
  bool unit_in_progress() const { return work_ != Work::None; }
  /// While a training step is half done: the model's buffers (BatchNorm's
  /// running statistics, Model::buffers() order) as they were before it
  /// began, since its forward pass has already moved them and its update
  /// has not happened yet; empty otherwise. A model file written now takes
  /// these, so it holds one consistent state: the weights and statistics
  /// after step_count() steps.
  std::span<const Tensor> buffers_at_step_start() const;

  /// Evaluates the whole of `idx` now (eval mode), e.g. the test set.
  Result<loss::LossOutput> evaluate(const data::Dataset& ds, const std::vector<int32_t>& idx);

  int64_t step_count() const { return step_; }
  int epoch() const { return epoch_; }
  double epoch_progress() const;  // fractional epochs completed
  int steps_per_epoch() const;
  /// Training steps between two in-epoch points (see the file comment).
  int steps_per_point() const;
  /// Validation samples at an in-epoch point: val_subset, or fewer when that
  /// costs more than max_macs_per_point / 6 (a costly network) or more than
  /// the training since the last point (3 forward passes per sample: a small
  /// training set), but at least min_val_subset.
  int in_epoch_val_samples() const;
  double samples_per_sec() const { return samples_per_sec_; }
  const std::vector<MetricPoint>& history() const { return history_; }
  const std::vector<EpochRecord>& epochs() const { return epochs_; }
  /// The latest point (also when the history keeps only every other one).
  const MetricPoint* last_point() const { return has_last_point_ ? &last_point_ : nullptr; }
  /// Latest train-batch loss (for live display between points).
  float last_batch_loss() const { return last_batch_loss_; }
  /// The loss of a uniform guess, chance level: ln C for cross-entropy over
  /// C classes (ln 2 for one logit; per pixel for segmentation), 0 when there
  /// is none (MSE, a regression set).
  double chance_loss() const;
  /// A run that is not learning, in words ("" when fine): the validation loss
  /// has stayed at chance level (ln C for C classes) for a long while, or
  /// both losses are far (3×) above it.
  const std::string& diagnosis() const { return diagnosis_; }
  const std::vector<int32_t>& train_indices() const { return train_idx_; }
  const std::vector<int32_t>& val_indices() const { return val_idx_; }
  const TrainerConfig& config() const { return cfg_; }

 private:
  struct EvalJob {
    bool active = false;
    bool full = false;
    size_t next = 0, end = 0;
    double loss_sum = 0;
    int64_t correct = 0, count = 0, preds = 0;
    MetricPoint point;  // train part filled when queued
    float epoch_loss_train = 0, epoch_acc_train = 0;
  };
  void record(const MetricPoint& p);
  /// Watches a finished point: DIVERGED when the training loss exploded
  /// (10× above both its start and chance, 100× above its lowest); a
  /// diagnosis when the validation loss sits at chance level for long.
  Status watch(const MetricPoint& p);
  void capture_layer_stats();  // into staged_stats_, at the step that ends a point
  void reset_trace();
  // A unit of work (a training step or an evaluation chunk) runs in phases:
  // begin_* gathers the batch and starts the forward pass, advance_node()
  // runs one node and moves to the next phase when a pass ends.
  enum class Work { None, TrainForward, TrainBackward, EvalForward };
  void begin_step();
  Status end_forward();  // loss, divergence check, start of backward
  Status end_step();     // finite checks, optimizer step, counters, metric points
  /// NON_FINITE "training diverged at step <step>: <what>. <advice>" (the pause message).
  Status diverged(const std::string& what, int64_t step) const;
  void begin_eval_chunk();
  Status end_eval_chunk();
  Status advance_node();
  /// Adds the seconds of a piece of `kind` work; at a unit's end updates the
  /// unit time averages and, for a step, samples/s.
  void account(Work kind, double seconds);
  void begin_eval(bool full);
  void plan();

  nn::Model* model_ = nullptr;
  optim::Optimizer* opt_ = nullptr;
  optim::LRScheduler* schedule_ = nullptr;
  float base_lr_ = 0;
  const data::Dataset* pool_ = nullptr;
  std::vector<int32_t> train_idx_, val_idx_, order_;
  TrainerConfig cfg_;
  Rng shuffle_rng_, dropout_rng_, augment_rng_;
  std::vector<float> augment_scratch_;
  Tensor xb_, dlogits_;
  std::vector<Tensor> step_buffers_;  // buffers_at_step_start(), copied by begin_step()
  Work work_ = Work::None;
  size_t work_n_ = 0;              // samples in the unit in progress
  double work_seconds_ = 0;        // its compute time so far
  loss::LossOutput work_loss_;     // the step's batch loss (between its passes)
  double step_seconds_ = 0, eval_seconds_ = 0;  // recent unit times (EMA)
  BatchTargets yb_;  // the unit's labels or real targets
  size_t cursor_ = 0;  // position in order_
  int64_t step_ = 0;
  int epoch_ = 0;      // completed epochs
  // running sums since the last metric point / epoch start
  double pt_loss_ = 0, ep_loss_ = 0;
  int64_t pt_correct_ = 0, pt_count_ = 0, ep_correct_ = 0, ep_count_ = 0;
  int64_t pt_preds_ = 0, ep_preds_ = 0;  // predictions (samples, or pixels when dense) for accuracy
  double ep_train_seconds_ = 0;
  double samples_per_sec_ = 0;
  float last_batch_loss_ = 0;
  float last_lr_ = 0;
  EvalJob eval_;
  std::vector<MetricPoint> history_;
  std::vector<EpochRecord> epochs_;
  std::vector<std::pair<int64_t, std::string>> events_;
  LayerTrace trace_;
  std::vector<LayerStats> staged_stats_;
  std::vector<std::vector<size_t>> node_params_;  // indices into model params, per node
  int64_t trace_stride_ = 1, trace_seen_ = 0;
  std::string diagnosis_;
  float first_loss_ = 0, best_loss_ = 0;  // of the run's points (first_loss_ 0: no point yet)
  int64_t quiet_until_ = 0;  // no divergence check before this step (replace_data: new data settles)
  int64_t chance_since_ = -1;             // step since which the validation loss is at chance (-1: it is not)
  MetricPoint last_point_;
  bool has_last_point_ = false;
  int64_t points_seen_ = 0, point_stride_ = 1;
};

}  // namespace nnplay::train
