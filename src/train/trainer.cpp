#include "train/trainer.h"

#include <algorithm>
#include <chrono>
#include <cmath>

#include "core/check.h"

namespace nnplay::train {
namespace {
using Clock = std::chrono::steady_clock;
}  // namespace

Status check_output(const Shape& out, const data::Dataset& ds) {
  std::string want;
  if (ds.regression()) {
    if (out == Shape{1, 1}) return Status::Ok();
    want = "(1, 1) (one real value per sample: it is a regression set)";
  } else if (ds.dense()) {
    const Shape expected{1, ds.num_classes, ds.sample_shape[2], ds.sample_shape[3]};
    if (out == expected) return Status::Ok();
    want = expected.str() + " (a score per class and pixel)";
  } else {
    const int64_t n = out.per_sample();
    if (out.rank == 2 && (n == ds.num_classes || (ds.num_classes == 2 && n == 1))) return Status::Ok();
    want = ds.num_classes == 2 ? "(1, 1) or (1, 2)" : "(1, " + std::to_string(ds.num_classes) + ")";
  }
  return Error(ErrorCode::SHAPE_MISMATCH, "the network's output is " + out.str() + " but dataset " + ds.name +
                                              " needs " + want + ": make the last layer produce that");
}

Status Trainer::setup(nn::Model* model, optim::Optimizer* opt, const data::Dataset* pool,
                      std::vector<int32_t> train_idx, std::vector<int32_t> val_idx, const TrainerConfig& cfg) {
  if (!model || !model->built()) return Error(ErrorCode::NOT_READY, "trainer: the model is not built");
  if (train_idx.empty()) return Error(ErrorCode::INVALID_ARGUMENT, "trainer: the training split is empty");
  if (cfg.batch_size < 1)
    return Error(ErrorCode::INVALID_ARGUMENT, "batch_size must be at least 1, got " + std::to_string(cfg.batch_size));
  if (model->nodes()[0].shape != pool->sample_shape)
    return Error(ErrorCode::SHAPE_MISMATCH, "trainer: the model expects input " + model->nodes()[0].shape.str() +
                                                " but dataset " + pool->name + " has samples " + pool->sample_shape.str());
  NNP_RETURN_IF_ERROR(check_output(model->output_shape(), *pool));
  model_ = model;
  opt_ = opt;
  pool_ = pool;
  train_idx_ = std::move(train_idx);
  val_idx_ = std::move(val_idx);
  cfg_ = cfg;
  model_->set_piece_macs(cfg_.piece_macs);
  plan();
  reset_progress();
  return Status::Ok();
}

void Trainer::plan() {
  const int max_batch = std::max(cfg_.batch_size, cfg_.eval_chunk);
  xb_.reserve(pool_->per_sample() * max_batch);
  dlogits_.reserve(model_->output_shape().per_sample() * max_batch);
  yb_.reserve(*pool_, max_batch);
  history_.reserve(cfg_.max_points + 1);
  augment_scratch_.reserve(static_cast<size_t>(pool_->per_sample()));
  epochs_.reserve(1024);  // grows (rarely) only after 1024 epochs
  // The model's own tensors were planned by Model::build(max_batch); a larger
  // batch grows them once on the first step (warm-up), never again.
}

Status Trainer::rebind_model(loss::LossKind loss, int eval_chunk) {
  if (model_->nodes()[0].shape != pool_->sample_shape)
    return Error(ErrorCode::SHAPE_MISMATCH, "trainer: the rebuilt model does not take dataset " + pool_->name + "'s input");
  NNP_RETURN_IF_ERROR(check_output(model_->output_shape(), *pool_));
  cfg_.loss = loss;
  cfg_.eval_chunk = eval_chunk;
  plan();
  reset_trace();  // the layers changed
  return Status::Ok();
}

Status Trainer::set_batch_size(int batch_size) {
  if (batch_size < 1)
    return Error(ErrorCode::INVALID_ARGUMENT, "batch_size must be at least 1, got " + std::to_string(batch_size));
  NNP_RETURN_IF_ERROR(finish_unit());  // the step in progress keeps its batch
  cfg_.batch_size = batch_size;
  plan();
  return Status::Ok();
}

void Trainer::replace_data(const data::Dataset* pool, std::vector<int32_t> train_idx, std::vector<int32_t> val_idx) {
  NNP_ASSERT(work_ == Work::None && !eval_.active);
  const size_t n = static_cast<size_t>(pool->size());
  std::vector<char> in_train(n, 0), in_order(n, 0);
  for (int32_t i : train_idx) in_train[static_cast<size_t>(i)] = 1;
  const bool epoch_over = cursor_ >= order_.size();
  std::vector<int32_t> order;
  order.reserve(train_idx.size());
  size_t cursor = 0;
  for (size_t k = 0; k < order_.size(); ++k) {
    const int32_t i = order_[k];
    if (static_cast<size_t>(i) < n && in_train[static_cast<size_t>(i)]) {
      order.push_back(i);
      in_order[static_cast<size_t>(i)] = 1;
    }
    if (k + 1 == cursor_) cursor = order.size();  // samples of this epoch already trained on
  }
  for (int32_t i : train_idx)
    if (!in_order[static_cast<size_t>(i)]) order.push_back(i);
  pool_ = pool;
  train_idx_ = std::move(train_idx);
  val_idx_ = std::move(val_idx);
  order_ = std::move(order);
  cursor_ = epoch_over ? order_.size() : cursor;
  // A clicked point the network gets wrong raises the loss by orders of
  // magnitude (a fitted set's 1e-6 to 10) each time its batch comes round
  // until the network has met it: new data, not divergence. The divergence
  // check waits two epochs and measures from there (non-finite values still
  // stop the run at once; watch() drops the old baseline).
  quiet_until_ = step_ + 2 * static_cast<int64_t>(steps_per_epoch());
}

void Trainer::reset_progress() {
  shuffle_rng_.reseed(cfg_.seed, static_cast<uint64_t>(RngStream::Shuffle));
  dropout_rng_.reseed(cfg_.seed, static_cast<uint64_t>(RngStream::Dropout));
  augment_rng_.reseed(cfg_.seed, static_cast<uint64_t>(RngStream::Augment));
  order_ = train_idx_;
  cursor_ = order_.size();  // forces a shuffle before the first step
  step_ = 0;
  epoch_ = 0;
  pt_loss_ = ep_loss_ = 0;
  pt_correct_ = pt_count_ = ep_correct_ = ep_count_ = pt_preds_ = ep_preds_ = 0;
  ep_train_seconds_ = 0;
  samples_per_sec_ = 0;
  last_batch_loss_ = 0;
  last_lr_ = 0;
  if (schedule_) schedule_->reset();
  eval_ = EvalJob{};
  work_ = Work::None;  // a step or evaluation in progress is dropped
  work_seconds_ = 0;
  history_.clear();
  epochs_.clear();
  events_.clear();
  points_seen_ = 0;
  point_stride_ = 1;
  has_last_point_ = false;
  diagnosis_.clear();
  first_loss_ = best_loss_ = 0;
  quiet_until_ = 0;
  chance_since_ = -1;
  reset_trace();
}

float Trainer::current_lr() const {
  if (!schedule_) return opt_ ? opt_->lr : 0.0f;
  return static_cast<float>(schedule_->lr(step_, base_lr_));
}

int Trainer::steps_per_epoch() const {
  return static_cast<int>((train_idx_.size() + static_cast<size_t>(cfg_.batch_size) - 1) / static_cast<size_t>(cfg_.batch_size));
}

double Trainer::epoch_progress() const {
  if (order_.empty()) return 0;
  const size_t done = cursor_ >= order_.size() ? 0 : cursor_;
  return epoch_ + static_cast<double>(done) / static_cast<double>(order_.size());
}

Status Trainer::step() {
  NNP_RETURN_IF_ERROR(finish_eval());
  const auto t = Clock::now();
  begin_step();
  Status st = finish_unit();
  if (st.ok()) account(Work::TrainForward, std::chrono::duration<double>(Clock::now() - t).count());
  return st;
}

std::span<const Tensor> Trainer::buffers_at_step_start() const {
  if (work_ != Work::TrainForward && work_ != Work::TrainBackward) return {};
  return step_buffers_;
}

void Trainer::begin_step() {
  // Tiny (a BatchNorm's statistics are 2C+1 floats) and allocation-free after
  // the first step: same shapes, same storage.
  const std::span<const BufferRef> bufs = model_->buffers();
  if (step_buffers_.size() != bufs.size()) step_buffers_.resize(bufs.size());
  for (size_t i = 0; i < bufs.size(); ++i) {
    step_buffers_[i].resize(bufs[i].value->shape());
    std::copy(bufs[i].value->data(), bufs[i].value->data() + bufs[i].value->numel(), step_buffers_[i].data());
  }
  if (cursor_ >= order_.size()) {  // new epoch: Fisher-Yates shuffle
    for (size_t i = order_.size() - 1; i > 0; --i)
      std::swap(order_[i], order_[shuffle_rng_.below(static_cast<uint32_t>(i + 1))]);
    cursor_ = 0;
  }
  const size_t n = std::min(static_cast<size_t>(cfg_.batch_size), order_.size() - cursor_);
  const std::span<const int32_t> idx(order_.data() + cursor_, n);
  pool_->gather(idx, xb_);
  yb_.gather(*pool_, idx);
  if (pool_->is_image()) {
    // Per-pixel labels would have to move with the pixels: segmentation gets the noise only.
    data::AugmentConfig aug = cfg_.augment;
    if (pool_->dense()) aug = data::AugmentConfig{false, 0, 0.0f, aug.noise_std};
    data::augment_batch(xb_, aug, augment_rng_, augment_scratch_);
  }
  model_->train();
  model_->begin_forward(xb_, &dropout_rng_);
  work_ = Work::TrainForward;
  work_n_ = n;
  work_seconds_ = 0;
}

Status Trainer::end_forward() {
  auto res = yb_.loss(cfg_.loss, model_->output(), &dlogits_);
  if (!res.ok()) {
    work_ = Work::None;
    return res.status();
  }
  const double batch_loss = res.value().loss;
  if (!std::isfinite(batch_loss)) {
    work_ = Work::None;
    const int bad = model_->first_non_finite_node();
    std::string where = bad >= 0 ? "; first non-finite output: node " + model_->nodes()[static_cast<size_t>(bad)].name
                                 : "; every layer output is finite, the loss itself overflowed";
    return diverged(std::string("loss is ") + (std::isnan(batch_loss) ? "NaN" : "infinite") + where, step_ + 1);
  }
  // Batch statistics can overflow into a running statistic while the batch
  // itself normalises to a finite loss: training would go on and every
  // evaluation would be NaN.
  if (const std::string buf = model_->first_non_finite_buffer(); !buf.empty()) {
    work_ = Work::None;
    return diverged("the running statistic " + buf + " became NaN or infinite (its batch statistics overflowed)", step_ + 1);
  }
  work_loss_ = res.value();
  model_->zero_grad();
  model_->begin_backward(dlogits_);
  work_ = Work::TrainBackward;
  return Status::Ok();
}

Status Trainer::diverged(const std::string& what, int64_t step) const {
  return Error(ErrorCode::NON_FINITE, "training diverged at step " + std::to_string(step) + ": " + what +
                                          ". Lower the learning rate and press Reset.");
}

Status Trainer::end_step() {
  work_ = Work::None;
  // A finite loss can still have an infinite gradient (|dL/dθ| past 3.4e38):
  // the step is refused, so the weights stay those of the last good step.
  if (const std::string g = model_->first_non_finite_param(true); !g.empty())
    return diverged("the gradient of " + g + " is NaN or infinite; the weights were not updated", step_ + 1);
  if (schedule_) opt_->lr = current_lr();
  last_lr_ = opt_->lr;
  opt_->step(model_->params());

  const size_t n = work_n_;
  const double batch_loss = work_loss_.loss;
  cursor_ += n;
  ++step_;
  last_batch_loss_ = static_cast<float>(batch_loss);
  pt_loss_ += batch_loss * static_cast<double>(n);
  ep_loss_ += batch_loss * static_cast<double>(n);
  pt_correct_ += work_loss_.correct;
  ep_correct_ += work_loss_.correct;
  pt_preds_ += work_loss_.count;
  ep_preds_ += work_loss_.count;
  pt_count_ += static_cast<int64_t>(n);
  ep_count_ += static_cast<int64_t>(n);

  const bool epoch_end = cursor_ >= order_.size();
  if (epoch_end) ++epoch_;

  // The update happened and is counted (its epoch too); what it left
  // non-finite pauses the run before an evaluation or the next step uses it.
  // (Adam's exp_avg_sq at +inf would make every later update of that weight
  // 0 without a NaN anywhere.)
  std::string state;
  if (const int k = opt_->first_non_finite_state(model_->params(), &state); k >= 0)
    return diverged(std::string(opt_->type_name()) + "'s " + state + " of " +
                        model_->param_name(model_->params()[static_cast<size_t>(k)].id) + " became NaN or infinite",
                    step_);
  if (const std::string w = model_->first_non_finite_param(false); !w.empty())
    return diverged("the update made " + w + " NaN or infinite", step_);

  if (epoch_end) begin_eval(true);
  else if (step_ % steps_per_point() == 0) begin_eval(false);
  return Status::Ok();
}

int Trainer::steps_per_point() const {
  const int64_t batch = std::max(1, cfg_.batch_size);
  const double train_macs = 3.0 * static_cast<double>(std::max<int64_t>(1, model_->macs_per_sample()));
  const int64_t by_macs = static_cast<int64_t>(cfg_.max_macs_per_point / train_macs);
  const int64_t samples = std::max<int64_t>(batch, std::min<int64_t>(std::max(1, cfg_.max_samples_per_point), by_macs));
  const int64_t cap = (samples + batch - 1) / batch;
  return static_cast<int>(std::max<int64_t>(1, std::min<int64_t>(cap, steps_per_epoch() / std::max(1, cfg_.eval_points_per_epoch))));
}

int Trainer::in_epoch_val_samples() const {
  // Forward only: 1/3 of a training sample's MACs. At most a sixth of a
  // point's MAC budget, and at most the work of the training since the last
  // point (3 forward passes per sample): a small training set with a large
  // validation split would otherwise spend most of its time validating.
  const double macs = static_cast<double>(std::max<int64_t>(1, model_->macs_per_sample()));
  const int64_t affordable = static_cast<int64_t>(cfg_.max_macs_per_point / 6.0 / macs);
  const int64_t like_training = 3LL * steps_per_point() * std::max(1, cfg_.batch_size);
  return static_cast<int>(
      std::min<int64_t>(cfg_.val_subset, std::max<int64_t>(cfg_.min_val_subset, std::min(affordable, like_training))));
}

void Trainer::begin_eval_chunk() {
  const size_t n = std::min(static_cast<size_t>(cfg_.eval_chunk), eval_.end - eval_.next);
  const std::span<const int32_t> idx(val_idx_.data() + eval_.next, n);
  pool_->gather(idx, xb_);
  yb_.gather(*pool_, idx);
  model_->eval();
  model_->begin_forward(xb_);
  work_ = Work::EvalForward;
  work_n_ = n;
  work_seconds_ = 0;
}

Status Trainer::advance_node() {
  switch (work_) {
    case Work::None: return Status::Ok();
    case Work::TrainForward:
      if (!model_->forward_next()) return end_forward();
      return Status::Ok();
    case Work::TrainBackward:
      if (!model_->backward_next()) return end_step();
      return Status::Ok();
    case Work::EvalForward:
      if (!model_->forward_next()) return end_eval_chunk();
      return Status::Ok();
  }
  return Status::Ok();
}

Status Trainer::finish_unit() {
  while (work_ != Work::None) NNP_RETURN_IF_ERROR(advance_node());
  return Status::Ok();
}

void Trainer::account(Work kind, double seconds) {
  work_seconds_ += seconds;
  if (work_ != Work::None) return;  // the unit continues in a later slice
  const double s = work_seconds_;
  work_seconds_ = 0;
  double& ema = kind == Work::EvalForward ? eval_seconds_ : step_seconds_;
  ema = ema == 0 ? s : 0.8 * ema + 0.2 * s;
  if (kind == Work::EvalForward) return;
  ep_train_seconds_ += s;
  if (s > 0) {
    const double rate = static_cast<double>(work_n_) / s;
    samples_per_sec_ = samples_per_sec_ == 0 ? rate : 0.95 * samples_per_sec_ + 0.05 * rate;
  }
}

void Trainer::begin_eval(bool full) {
  capture_layer_stats();
  eval_ = EvalJob{};
  eval_.active = true;
  eval_.full = full;
  eval_.next = 0;
  eval_.end = full ? val_idx_.size() : std::min(val_idx_.size(), static_cast<size_t>(in_epoch_val_samples()));
  MetricPoint& p = eval_.point;
  p.step = step_;
  p.lr = last_lr_;
  p.epoch = full ? static_cast<double>(epoch_) : epoch_progress();
  p.full_val = full;
  // Every point's training numbers cover the steps since the previous point
  // (so the curve has no jump at epoch ends); the epoch record averages the epoch.
  auto mean = [](double sum, int64_t n) { return n ? static_cast<float>(sum / static_cast<double>(n)) : 0.0f; };
  // A regression set has no accuracy: NaN (null in the status JSON), never a made-up 0.
  auto accuracy = [&](double right, int64_t n) { return pool_->regression() ? kNoAccuracy : mean(right, n); };
  p.loss_train = mean(pt_loss_, pt_count_);
  p.acc_train = accuracy(static_cast<double>(pt_correct_), pt_preds_);
  eval_.epoch_loss_train = mean(ep_loss_, ep_count_);
  eval_.epoch_acc_train = accuracy(static_cast<double>(ep_correct_), ep_preds_);
  pt_loss_ = 0;
  pt_correct_ = pt_count_ = pt_preds_ = 0;
  if (eval_.end == 0) {  // no validation split: record the point right away
    eval_.active = false;
    record(p);
  }
}

void Trainer::reset_trace() {
  const auto& nodes = model_->nodes();
  trace_ = LayerTrace{};
  node_params_.assign(nodes.size(), {});
  auto params = model_->params();
  for (size_t i = 1; i < nodes.size(); ++i) {
    trace_.names.push_back(nodes[i].name);
    for (size_t k = 0; k < params.size(); ++k)
      if (params[k].id.layer_uid == nodes[i].layer->uid()) node_params_[i].push_back(k);
  }
  constexpr size_t kMaxRows = 1024;
  trace_.steps.reserve(kMaxRows + 1);
  trace_.stats.reserve((kMaxRows + 1) * trace_.names.size());
  staged_stats_.assign(trace_.names.size(), LayerStats{});
  trace_stride_ = 1;
  trace_seen_ = 0;
}

namespace {
// f(v) for every value of t, or for kLayerStatsSample of them when t is
// larger: 64 contiguous runs spread evenly over it (whole cache lines: a
// plain stride touched a new line per value and cost as much as reading all).
// Returns how many values f saw.
template <class F>
int64_t for_stats_sample(const Tensor& t, F&& f) {
  const int64_t n = t.numel();
  const float* x = t.data();
  if (n <= kLayerStatsSample) {
    for (int64_t k = 0; k < n; ++k) f(x[k]);
    return n;
  }
  constexpr int64_t kRuns = 64, kRun = kLayerStatsSample / kRuns;
  for (int64_t r = 0; r < kRuns; ++r) {
    const int64_t start = r * (n - kRun) / (kRuns - 1);
    for (int64_t k = start; k < start + kRun; ++k) f(x[k]);
  }
  return kLayerStatsSample;
}
}  // namespace

void Trainer::capture_layer_stats() {
  const auto& nodes = model_->nodes();
  auto params = model_->params();
  for (size_t i = 1; i < nodes.size() && i - 1 < staged_stats_.size(); ++i) {
    const Tensor& y = nodes[i].y;
    const Tensor& dy = nodes[i].dy;
    LayerStats& st = staged_stats_[i - 1];
    double s = 0, s2 = 0;
    int64_t zeros = 0;
    const int64_t count = for_stats_sample(y, [&](float v) {
      s += v;
      s2 += static_cast<double>(v) * v;
      zeros += v == 0.0f;
    });
    const double n = count ? static_cast<double>(count) : 1.0;
    st.act_mean = static_cast<float>(s / n);
    st.act_std = static_cast<float>(std::sqrt(std::max(0.0, s2 / n - (s / n) * (s / n))));
    st.frac_zero = static_cast<float>(static_cast<double>(zeros) / n);
    double g2 = 0;
    for (size_t k : node_params_[i]) g2 += static_cast<double>(params[k].grad->vec().squaredNorm());
    st.grad_norm = static_cast<float>(std::sqrt(g2));
    double d2 = 0;
    const int64_t dn = for_stats_sample(dy, [&](float v) { d2 += static_cast<double>(v) * v; });
    st.dy_rms = dn ? static_cast<float>(std::sqrt(d2 / static_cast<double>(dn))) : 0.0f;
  }
  // Keep the trace at even density, like the history.
  if (trace_seen_++ % trace_stride_ != 0) return;
  if (trace_.steps.size() >= 1024) {
    const size_t w = trace_.names.size();
    size_t out = 0;
    for (size_t r = 0; r < trace_.steps.size(); r += 2, ++out) {
      trace_.steps[out] = trace_.steps[r];
      for (size_t c = 0; c < w; ++c) trace_.stats[out * w + c] = trace_.stats[r * w + c];
    }
    trace_.steps.resize(out);
    trace_.stats.resize(out * w);
    trace_stride_ *= 2;
  }
  trace_.steps.push_back(step_);
  trace_.stats.insert(trace_.stats.end(), staged_stats_.begin(), staged_stats_.end());
}

void Trainer::record(const MetricPoint& p) {
  last_point_ = p;
  has_last_point_ = true;
  // Keep the whole run visible at even density: when the history is full,
  // drop every other point and from then on keep every other new point.
  if (points_seen_++ % point_stride_ != 0) return;
  if (history_.size() >= cfg_.max_points) {
    size_t w = 0;
    for (size_t r = 0; r < history_.size(); r += 2) history_[w++] = history_[r];
    history_.resize(w);
    point_stride_ *= 2;
  }
  history_.push_back(p);
}

double Trainer::chance_loss() const {
  if (cfg_.loss != loss::LossKind::CrossEntropy || !pool_ || pool_->regression()) return 0.0;
  return std::log(static_cast<double>(std::max(2, pool_->num_classes)));
}

Status Trainer::watch(const MetricPoint& p) {
  if (!std::isfinite(p.loss_train)) return Status::Ok();  // NaN/inf: the step itself reports it
  if (first_loss_ == 0) first_loss_ = best_loss_ = p.loss_train;
  best_loss_ = std::min(best_loss_, p.loss_train);
  const int classes = std::max(2, pool_->num_classes);
  const double chance = chance_loss();
  char buf[320];
  if (p.step < quiet_until_) first_loss_ = best_loss_ = 0;  // new data: the baseline starts after it settled
  else if (p.loss_train > 10.0 * std::max<double>(first_loss_, chance) && p.loss_train > 100.0 * best_loss_) {
    std::snprintf(buf, sizeof buf,
                  "training diverged at step %lld: the training loss rose from %.3g (its lowest) to %.3g, %.0f× "
                  "higher, though every value stayed finite: the learning rate (now %.3g) is probably too high. "
                  "Lower it and press Reset.",
                  static_cast<long long>(p.step), static_cast<double>(best_loss_), static_cast<double>(p.loss_train),
                  static_cast<double>(p.loss_train / best_loss_), static_cast<double>(p.lr));
    return Error(ErrorCode::DIVERGED, buf);
  }
  // Far above chance, but not exploding: the steps overshoot.
  if (chance > 0 && p.loss_val > 3.0 * chance && p.loss_train > 3.0 * chance) {
    std::snprintf(buf, sizeof buf,
                  "The loss is far above chance level (validation %.3g, training %.3g; a guess would give ln %d = "
                  "%.3f): the steps overshoot, so the learning rate (now %.3g) is probably too high.",
                  static_cast<double>(p.loss_val), static_cast<double>(p.loss_train), classes, chance,
                  static_cast<double>(p.lr));
    diagnosis_ = buf;
    chance_since_ = -1;
    return Status::Ok();
  }
  const bool at_chance = chance > 0 && std::fabs(p.loss_val - chance) < 0.03 * chance;
  if (!at_chance) {
    chance_since_ = -1;
    diagnosis_.clear();
    return Status::Ok();
  }
  if (chance_since_ < 0) chance_since_ = p.step;
  const int64_t stuck = p.step - chance_since_;
  if (stuck >= std::max<int64_t>(300, 3LL * steps_per_epoch())) {
    std::snprintf(buf, sizeof buf,
                  "The validation loss has stayed at chance level (ln %d = %.3f) for %lld steps: the network is not "
                  "learning (yet). Some need a while (an LSTM on the memory task); else try another learning rate, "
                  "init or activation, or fewer layers.",
                  classes, chance, static_cast<long long>(stuck));
    diagnosis_ = buf;
  }
  return Status::Ok();
}

Status Trainer::end_eval_chunk() {
  work_ = Work::None;
  model_->train();
  const size_t n = work_n_;
  auto res = yb_.loss(cfg_.loss, model_->output(), nullptr);
  if (!res.ok()) return res.status();
  eval_.loss_sum += res.value().loss * static_cast<double>(n);
  eval_.correct += res.value().correct;
  eval_.preds += res.value().count;
  eval_.count += static_cast<int64_t>(n);
  eval_.next += n;
  if (eval_.next >= eval_.end) {
    MetricPoint p = eval_.point;
    p.loss_val = static_cast<float>(eval_.loss_sum / static_cast<double>(eval_.count));
    p.acc_val = pool_->regression() ? kNoAccuracy
                                    : static_cast<float>(static_cast<double>(eval_.correct) / static_cast<double>(eval_.preds));
    eval_.active = false;
    if (schedule_) schedule_->observe(p.loss_val, base_lr_);
    record(p);
    NNP_RETURN_IF_ERROR(watch(p));
    if (p.full_val) {
      EpochRecord e;
      e.epoch = epoch_;
      e.loss_train = eval_.epoch_loss_train;
      e.acc_train = eval_.epoch_acc_train;
      e.loss_val = p.loss_val;
      e.acc_val = p.acc_val;
      e.samples_per_sec = ep_train_seconds_ > 0 ? static_cast<double>(ep_count_) / ep_train_seconds_ : 0;
      epochs_.push_back(e);
      ep_loss_ = 0;
      ep_correct_ = ep_count_ = ep_preds_ = 0;
      ep_train_seconds_ = 0;
    }
  }
  return Status::Ok();
}

Status Trainer::finish_eval() {
  const Work kind = work_;
  const auto t = Clock::now();
  NNP_RETURN_IF_ERROR(finish_unit());  // a step in progress may queue the evaluation
  if (kind != Work::None) account(kind, std::chrono::duration<double>(Clock::now() - t).count());
  while (eval_.active) {
    begin_eval_chunk();
    NNP_RETURN_IF_ERROR(finish_unit());
  }
  return Status::Ok();
}

// One clock read per piece of work: each piece starts at the previous
// reading (in WebAssembly every read is a call out to JS, performance.now /
// hrtime, which cost ~9% of a 2-8-8-1 step in a profile). A unit (training step
// or evaluation chunk) that took under whole_unit_ms last time runs
// whole; a longer one runs a node at a time, so a ResNet step (~400 ms in
// the browser) spreads over frames and the page keeps drawing.
Status Trainer::run_for(double budget_ms, bool train, int64_t max_steps) {
  const double whole_unit_s = cfg_.whole_unit_ms / 1000.0;
  const auto t0 = Clock::now();
  auto t = t0;
  int64_t begun = 0;
  for (;;) {
    if (work_ == Work::None) {
      if (eval_.active) begin_eval_chunk();
      else if (train && begun < max_steps) begin_step(), ++begun;
      else break;
    }
    const Work kind = work_;
    const double ema = kind == Work::EvalForward ? eval_seconds_ : step_seconds_;
    Status st = ema > 0 && ema < whole_unit_s ? finish_unit() : advance_node();
    const auto now = Clock::now();
    if (!st.ok()) return st;
    account(kind, std::chrono::duration<double>(now - t).count());
    t = now;
    if (std::chrono::duration<double>(t - t0).count() * 1000.0 >= budget_ms) break;
  }
  return Status::Ok();
}

Result<loss::LossOutput> Trainer::evaluate(const data::Dataset& ds, const std::vector<int32_t>& idx) {
  NNP_RETURN_IF_ERROR(finish_unit());  // forward() below would overwrite a step's caches
  loss::LossOutput total;
  double loss_sum = 0;
  for (size_t i = 0; i < idx.size(); i += static_cast<size_t>(cfg_.eval_chunk)) {
    const size_t n = std::min(static_cast<size_t>(cfg_.eval_chunk), idx.size() - i);
    const std::span<const int32_t> part(idx.data() + i, n);
    ds.gather(part, xb_);
    yb_.gather(ds, part);
    model_->eval();
    const Tensor& logits = model_->forward(xb_);
    model_->train();
    auto res = yb_.loss(cfg_.loss, logits, nullptr);
    if (!res.ok()) return res.status();
    loss_sum += res.value().loss * static_cast<double>(n);
    total.correct += res.value().correct;
    total.count += res.value().count;
  }
  total.loss = idx.empty() ? 0 : loss_sum / static_cast<double>(idx.size());
  return total;
}

}  // namespace nnplay::train
