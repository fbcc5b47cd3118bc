#include "train/session.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>

#include "core/parallel.h"
#include "data/catalog.h"
#include "data/clips.h"
#include "data/function1d.h"
#include "data/idx.h"
#include "data/point_edits.h"
#include "data/sequence.h"
#include "data/shapes.h"
#include "data/toy2d.h"
#include "core/check.h"
#include "nn/zoo.h"
#include "train/curve_reading.h"
#include "train/import_onnx.h"

namespace nnplay::train {

const char* action_key(Action a) {
  switch (a) {
    case Action::None: return "none";
    case Action::Train: return "train";
    case Action::Pause: return "pause";
    case Action::Step: return "step";
    case Action::Reset: return "reset";
  }
  return "?";
}

Result<Action> parse_action(const std::string& key) {
  for (Action a : {Action::None, Action::Train, Action::Pause, Action::Step, Action::Reset})
    if (key == action_key(a)) return a;
  return Error(ErrorCode::INVALID_ARGUMENT, "unknown action '" + key + "' (expected train, pause, step or reset)");
}

namespace {
data::Family family_of(const std::string& key) {
  const data::DatasetInfo* d = data::find_dataset(key);
  return d ? d->family : data::Family::Points;
}
bool data_differs(const Config& a, const Config& b) {
  return a.dataset != b.dataset || a.noise != b.noise || a.samples != b.samples || a.val_fraction != b.val_fraction ||
         a.train_limit != b.train_limit || a.classes != b.classes || a.seed != b.seed || a.seq_len != b.seq_len ||
         (a.function != b.function && family_of(b.dataset) == data::Family::Functions);
}
// The `classes` setting's list, checked against a dataset of `num_classes` classes.
Result<std::vector<int>> classes_of(const Config& c, int num_classes) {
  auto list = class_list(c.classes);
  if (!list.ok()) return list.status();
  if (!list.value().empty() && list.value().back() >= num_classes)
    return Error(ErrorCode::INVALID_ARGUMENT, "classes='" + c.classes + "': dataset " + c.dataset + " has classes 0-" +
                                                  std::to_string(num_classes - 1));
  return list;
}
// The `classes` setting: only samples of those classes stay in the split (labels unchanged).
Status keep_classes(const data::Dataset& pool, const Config& c, std::vector<int32_t>* train_idx,
                    std::vector<int32_t>* val_idx) {
  if (c.classes.empty()) return Status::Ok();
  if (pool.regression() || pool.dense() || pool.num_classes == 0)
    return Error(ErrorCode::UNSUPPORTED, "classes='" + c.classes + "': dataset " + c.dataset +
                                             " has no class per sample to choose by");
  auto list = classes_of(c, pool.num_classes);
  if (!list.ok()) return list.status();
  std::vector<bool> keep(static_cast<size_t>(pool.num_classes), false);
  for (int k : list.value()) keep[static_cast<size_t>(k)] = true;
  for (std::vector<int32_t>* idx : {train_idx, val_idx})
    std::erase_if(*idx, [&](int32_t i) { return !keep[static_cast<size_t>(pool.y[static_cast<size_t>(i)])]; });
  return Status::Ok();
}

// `next` has just been given a new dataset `to` (it had `was`): a family
// switch brings that family's defaults; within a family (the 2D sets, a CSV
// file), classes and regression (plane) differ in their loss.
void dataset_defaults(Config& next, const data::DatasetInfo* to, const data::DatasetInfo* was) {
  if (!to || !was) return;
  if (to->family != was->family) apply_family_defaults(next, to->family);
  if (to->regression() != was->regression())
    next.loss = to->regression() ? loss::LossKind::MSE : loss::LossKind::CrossEntropy;
}

bool model_differs(const Config& a, const Config& b) {
  return a.layers != b.layers || a.loss != b.loss || a.model != b.model || a.network != b.network ||
         a.features != b.features;
}
// A new init scheme means new initial weights everywhere: a fresh start, like new data.
bool init_differs(const Config& a, const Config& b) {
  return a.init != b.init || a.init_scale != b.init_scale;
}
// Sets that are not generated from the seed: downloaded files, the user's CSV (both kept in the cache).
bool from_files(const std::string& key) {
  const data::DatasetInfo* d = data::find_dataset(key);
  return d && (d->image || d->user);
}
Status no_user_data_yet(const std::string& key) {
  if (key == data::kImagesKey)
    return Error(ErrorCode::NOT_FOUND, "dataset images: no images are loaded yet (drop a .zip with one folder per "
                                       "class, or image files, on the page; choose them with Load images…; or run "
                                       "nnplay-train --data FOLDER or FILE.zip)");
  return Error(ErrorCode::NOT_FOUND, "dataset csv: no CSV file is loaded yet (drop a .csv on the page, choose one "
                                     "with Load CSV…, or run nnplay-train --data FILE.csv)");
}
}  // namespace

Session::Session() : Session(Config{}) {}

Session::Session(const Config& initial) {
  // A first commit has no work in progress to finish, so it cannot fail.
  auto plan = make_plan(initial);
  if (plan.ok()) {
    const Status st = commit(plan.take(), initial);
    NNP_ASSERT(st.ok());
    return;
  }
  // An image default without data: fall back to the circle set.
  const Config c;
  auto fallback = make_plan(c);
  NNP_ASSERT(fallback.ok());
  const Status st = commit(fallback.take(), c);
  NNP_ASSERT(st.ok());
  record_error(plan.status());
}

Result<Config> Session::next_config(const Command& cmd) const {
  const Config& base = target_config();
  Config next = base;
  // The dataset goes first: a family switch brings defaults the rest may override.
  for (const auto& [key, value] : cmd.set)
    if (key == "dataset") {
      NNP_RETURN_IF_ERROR(set_config_value(next, key, value));
      dataset_defaults(next, dataset_info(next.dataset), dataset_info(base.dataset));
    }
  for (const auto& [key, value] : cmd.set)
    if (key != "dataset") NNP_RETURN_IF_ERROR(set_config_value(next, key, value));
  // Edits name samples of one generated set: another set starts without them
  // (unless the same command brings its own, as a link does).
  const bool sets_points = std::any_of(cmd.set.begin(), cmd.set.end(), [](const auto& kv) { return kv.first == "points"; });
  if (!sets_points && data_differs(next, base)) next.points.clear();
  if (cmd.action == Action::Step && (cmd.steps < 1 || cmd.steps > kMaxSteps))
    return Error(ErrorCode::INVALID_ARGUMENT,
                 "steps must be from 1 to " + std::to_string(kMaxSteps) + ", got " + std::to_string(cmd.steps));
  return next;
}

Status Session::check(const Command& cmd) const {
  auto next = next_config(cmd);
  if (!next.ok()) return next.status();
  const Config& c = next.value();
  if (data_differs(c, config_) && from_files(c.dataset) && !cache_.count(c.dataset))
    return dataset_info(c.dataset)->user ? no_user_data_yet(c.dataset) : check_before_data(c);
  return make_plan(c).status();
}

Status Session::apply(const Command& cmd) {
  auto next_r = next_config(cmd);
  if (!next_r.ok()) return next_r.status();
  const Config& next = next_r.value();
  const bool data_changed = data_differs(next, config_);
  const bool needs_files = data_changed && from_files(next.dataset) && !cache_.count(next.dataset);
  if (needs_files) {
    if (dataset_info(next.dataset)->user) return no_user_data_yet(next.dataset);
    NNP_RETURN_IF_ERROR(check_before_data(next));
    if (!pending_ || pending_->config.dataset != next.dataset) {
      auto p = std::make_unique<Pending>();
      const data::DatasetInfo* info = data::find_dataset(next.dataset);
      p->files = info->files;
      p->progress.files_total = static_cast<int>(info->files.size());
      pending_ = std::move(p);
    }
    pending_->config = next;
    if (cmd.action != Action::None) pending_->after = cmd.action;
    running_ = false;
    return Status::Ok();
  }
  // Everything the new settings need is built and checked first; only a
  // complete plan is committed, so a refused command changes nothing (and a
  // load in progress goes on).
  auto plan = make_plan(next);
  if (!plan.ok()) return plan.status();
  NNP_RETURN_IF_ERROR(commit(plan.take(), next));
  pending_.reset();  // e.g. switched back to a loaded dataset while another was loading
  return do_action(cmd.action, cmd.steps);
}

data::Dataset Session::generate(const Config& c) {
  switch (family_of(c.dataset)) {
    case data::Family::Sequences:
      if (c.dataset == "recall") return data::make_recall_task(c.samples, c.seq_len, 4, c.noise, c.seed);
      return data::make_memory_task(c.samples, c.seq_len, 4, c.noise, c.seed);
    case data::Family::Segmentation: return data::make_shapes(c.samples, c.noise, c.seed);
    case data::Family::Clips: return data::make_moving_dots(c.samples, c.noise, c.seed);
    case data::Family::Functions: {
      auto f = data::parse_function1d(c.function);  // the config table only stores valid keys
      return data::make_function1d(f.ok() ? f.value() : data::Function1D::Sin, c.samples, c.noise, c.seed);
    }
    default: break;
  }
  if (data::Regress2D r{}; data::parse_regress2d(c.dataset, &r)) return data::make_regress2d(r, c.samples, c.noise, c.seed);
  data::Toy2D kind{};
  data::parse_toy2d(c.dataset, &kind);
  return data::make_toy2d(kind, c.samples, c.noise, c.seed);
}

Result<nn::ModelSpec> Session::model_spec_for(const Config& c, const Shape& input, int outputs) const {
  if (c.model == "mlp") {
    nn::ModelSpec spec = nn::mlp_spec(c.layers, outputs);
    // TF Playground's input features, on 2D points only (other data: the key has no effect).
    if (c.features != Config{}.features && input == Shape{1, 2})
      spec.layers.insert(spec.layers.begin(), nn::LayerSpec{"InputFeatures", {{"features", c.features}}, {}});
    return spec;
  }
  if (c.model == "custom") return nn::parse_model_spec(c.network, outputs);
  return nn::zoo_spec(c.model, input, outputs);
}

namespace {

// Memory a network may plan unless the front end says otherwise (the web
// app sets 1.25 GiB: a tab's WebAssembly heap ends at 2 GiB).
double g_default_memory_budget = 16.0 * 1024 * 1024 * 1024;

std::string gib(double bytes) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.2f GiB", bytes / (1024.0 * 1024 * 1024));
  return buf;
}

Status too_big(const Config& c, double bytes, double budget, const std::string& what) {
  return Error(ErrorCode::RESOURCE_EXHAUSTED,
               "model=" + c.model +
                   (c.model == "mlp" ? " (" + std::to_string(c.layers.size()) + " hidden layers)" : std::string()) +
                   " with batch_size=" + std::to_string(c.batch_size) + " would need about " + gib(bytes) + " (" +
                   what + "); the limit here is " + gib(budget) +
                   ": choose fewer or narrower layers, a smaller width or a smaller batch size");
}

}  // namespace

double Session::default_memory_budget() { return g_default_memory_budget; }
void Session::set_default_memory_budget(double bytes) { g_default_memory_budget = bytes; }

Status Session::check_budget(const nn::ModelSpec& spec, const Shape& input, const Config& c, nn::Model* probe,
                             int* eval_chunk) const {
  // An MLP's parameter count is known before anything is allocated: refuse
  // one whose weights alone (value, gradient, two optimizer moments) do not fit.
  if (c.model == "mlp") {
    double params = 0;
    int64_t width = input.per_sample();
    for (const nn::HiddenLayer& h : c.layers) {
      params += static_cast<double>(width + 1) * h.units;
      width = h.units;
    }
    if (4.0 * 4.0 * params > memory_budget_)
      return too_big(c, 16.0 * params, memory_budget_, std::to_string(static_cast<int64_t>(params)) + " parameters");
  }
  // Plan for the training batch and an evaluation chunk whose activations fit
  // ~64 MB (a ResNet keeps ~2 MB of activations per 28x28 image).
  NNP_RETURN_IF_ERROR(probe->build(spec, input, 1));
  const int64_t per_sample = std::max<int64_t>(1, probe->activation_floats_per_sample());
  *eval_chunk = static_cast<int>(std::clamp<int64_t>((int64_t{16} << 20) / per_sample, 8, 256));
  // Parameters with gradients and two optimizer moments, activations and
  // their gradients for the largest batch.
  const double rows = static_cast<double>(std::max(c.batch_size, *eval_chunk));
  const double bytes = 4.0 * (4.0 * static_cast<double>(probe->num_params()) + 2.0 * static_cast<double>(per_sample) * rows);
  if (bytes > memory_budget_)
    return too_big(c, bytes, memory_budget_, std::to_string(probe->num_params()) + " parameters, " +
                                                 std::to_string(per_sample) + " activation values per sample");
  return Status::Ok();
}

Status Session::build_model(const nn::ModelSpec& spec, const Shape& input, const Config& c, nn::Model* model,
                            int* eval_chunk) const {
  nn::Model probe;
  NNP_RETURN_IF_ERROR(check_budget(spec, input, c, &probe, eval_chunk));
  return model->build(spec, input, std::max(c.batch_size, *eval_chunk));
}

std::string Session::describe_change(const Config& a, const Config& b) {
  std::string s;
  for (const ConfigField& f : config_fields()) {
    const std::string va = f.get(a), vb = f.get(b);
    if (va != vb) s += (s.empty() ? "" : ", ") + std::string(f.key) + "=" + (vb.empty() ? "\"\"" : vb);
  }
  return s.empty() ? "rebuilt" : s;
}

Result<Session::Plan> Session::make_plan(const Config& c, bool new_data) const {
  const data::DatasetInfo* info = dataset_info(c.dataset);
  if (!info) return Error(ErrorCode::INVALID_ARGUMENT, "unknown dataset '" + c.dataset + "'");
  Plan p;
  // New data or a new init scheme is a fresh start (new initial weights everywhere).
  p.fresh = !model_.built() || new_data || data_differs(c, config_) || init_differs(c, config_);
  p.rebuild = p.fresh || model_differs(c, config_);
  p.pool = active_;
  if (!c.points.empty() && !data::takes_point_edits(*info))
    return Error(ErrorCode::UNSUPPORTED, "points: dataset " + c.dataset +
                                             " is not a generated 2D set (points are added to circle, xor, gauss, "
                                             "spiral, moons, plane and multi_gaussian)");
  p.redata = !p.fresh && c.points != config_.points;
  data::PointEdits edits;
  if (!c.points.empty()) edits = data::parse_point_edits(c.points).take();  // the config table stored it checked
  if (p.fresh || p.redata) {
    if (info->image || info->user) {
      auto it = cache_.find(c.dataset);
      if (it == cache_.end())
        return info->user ? no_user_data_yet(c.dataset) : Error(ErrorCode::NOT_READY, "dataset " + c.dataset + " is not loaded");
      p.pool = it->second.get();
    } else {
      p.toy = std::make_unique<data::Dataset>(generate(c));
      p.generated = p.toy->size();
      NNP_RETURN_IF_ERROR(data::apply_point_edits(edits, p.generated, p.toy.get()));
      p.pool = p.toy.get();
    }
  }
  const data::Dataset& pool = *p.pool;
  if (pool.dense() && c.loss != loss::LossKind::CrossEntropy)
    return Error(ErrorCode::UNSUPPORTED, "dataset " + c.dataset + " labels every pixel: use loss cross_entropy, not mse");
  if (pool.regression() && c.loss != loss::LossKind::MSE)
    return Error(ErrorCode::UNSUPPORTED, "dataset " + c.dataset +
                                             " has real-valued targets (regression): use loss mse, not cross_entropy");
  auto spec = model_spec_for(c, pool.sample_shape, pool.outputs());
  if (!spec.ok()) return spec.status();
  p.spec = spec.take();
  if (p.rebuild) {
    NNP_RETURN_IF_ERROR(build_model(p.spec, pool.sample_shape, c, &p.model, &p.eval_chunk));
    NNP_RETURN_IF_ERROR(check_output(p.model.output_shape(), pool));
  } else if (c.batch_size != config_.batch_size) {
    nn::Model probe;  // a larger batch needs more activation memory: the same budget applies
    NNP_RETURN_IF_ERROR(check_budget(p.spec, pool.sample_shape, c, &probe, &p.eval_chunk));
  }
  if (p.fresh || p.redata) {
    // The split is drawn over the generated samples, so edits keep it; then the edits.
    const int generated = p.toy ? p.generated : pool.size();
    data::split_indices(generated, c.val_fraction, c.seed, &p.train_idx, &p.val_idx);
    NNP_RETURN_IF_ERROR(keep_classes(pool, c, &p.train_idx, &p.val_idx));
    if (c.train_limit > 0 && static_cast<int>(p.train_idx.size()) > c.train_limit)
      p.train_idx.resize(static_cast<size_t>(c.train_limit));
    data::edit_split(edits, generated, &p.train_idx, &p.val_idx);
    if (p.train_idx.empty())
      return Error(ErrorCode::INVALID_ARGUMENT, "dataset " + c.dataset + ": this split leaves no training samples");
    if (p.val_idx.empty() && !edits.removed.empty())
      return Error(ErrorCode::INVALID_ARGUMENT, "points: the removed samples leave no validation samples");
  }
  if (p.fresh || c.schedule != config_.schedule) {
    auto schedule = optim::make_scheduler(c.schedule);
    if (!schedule.ok()) return schedule.status();
    p.schedule = schedule.take();
  }
  return p;
}

Status Session::check_before_data(const Config& c) const {
  const data::DatasetInfo* info = data::find_dataset(c.dataset);
  data::Dataset shape_only;  // what the files will hold, as far as a network cares
  shape_only.name = c.dataset;
  shape_only.sample_shape = info->sample_shape;
  shape_only.num_classes = info->num_classes;
  if (!c.classes.empty()) NNP_RETURN_IF_ERROR(classes_of(c, info->num_classes).status());
  auto spec = model_spec_for(c, info->sample_shape, info->outputs());
  if (!spec.ok()) return spec.status();
  nn::Model probe;
  int eval_chunk = 0;
  NNP_RETURN_IF_ERROR(check_budget(spec.value(), info->sample_shape, c, &probe, &eval_chunk));
  return check_output(probe.output_shape(), shape_only);
}

Status Session::commit(Plan p, const Config& c) {
  // Work already begun (a half-done step, a queued evaluation) finishes on
  // the old network first; it is the only step here that can fail.
  if (model_.built() && (p.rebuild || p.redata)) NNP_RETURN_IF_ERROR(trainer_.finish_eval());
  if (model_.built() && c.batch_size != config_.batch_size) NNP_RETURN_IF_ERROR(trainer_.finish_unit());
  // From here on nothing fails: the checks above covered every error.
  if (p.fresh) {
    if (p.toy) toy_ = std::move(p.toy);
    active_ = p.pool;
    model_ = std::move(p.model);
    model_.reset_parameters(c.seed, c.init, c.init_scale);
    spec_ = std::move(p.spec);
    opt_ = optim::make_optimizer(c.optimizer);
    schedule_ = std::move(p.schedule);
    config_ = c;
    TrainerConfig tc;
    tc.batch_size = c.batch_size;
    tc.loss = c.loss;
    tc.seed = c.seed;
    tc.augment = c.augment;
    tc.eval_chunk = p.eval_chunk;
    trainer_.set_schedule(schedule_.get(), c.optimizer.lr);
    const Status st = trainer_.setup(&model_, opt_.get(), active_, std::move(p.train_idx), std::move(p.val_idx), tc);
    NNP_ASSERT(st.ok());  // shapes, split and batch were checked by make_plan
    (void)st;
    running_ = false;
    last_error_.clear();
    transfer_.clear();
    ++version_.network;
    ++version_.weights;
    return Status::Ok();
  }
  if (p.rebuild) {
    // A network edit on the same data: new layers start from the seed's init,
    // unchanged layers keep their weights (and, by stable uid, their optimizer
    // state); training progress and curves continue, marked with an event.
    p.model.reset_parameters(c.seed, c.init, c.init_scale);
    const int kept = p.model.copy_matching_from(model_);
    model_ = std::move(p.model);
    spec_ = std::move(p.spec);
    const Status st = trainer_.rebind_model(c.loss, p.eval_chunk);
    NNP_ASSERT(st.ok());  // make_plan checked the output shape
    (void)st;
    trainer_.add_event(describe_change(config_, c) + " (" + std::to_string(kept) + " of " +
                       std::to_string(model_.params().size()) + " tensors kept)");
    ++version_.network;
    ++version_.weights;
  }
  if (p.redata) {
    // Clicked points: the same weights and progress go on training on the edited set.
    toy_ = std::move(p.toy);
    active_ = toy_.get();
    trainer_.replace_data(active_, std::move(p.train_idx), std::move(p.val_idx));
    ++version_.weights;  // what the views drew of the data is out of date
  }
  // Non-structural changes keep weights and progress.
  if (c.optimizer.kind != config_.optimizer.kind) {
    opt_ = optim::make_optimizer(c.optimizer);  // a new optimizer starts with fresh state
    trainer_.set_optimizer(opt_.get());
  } else {
    opt_->configure(c.optimizer);
  }
  if (c.batch_size != config_.batch_size) {
    const Status st = trainer_.set_batch_size(c.batch_size);  // the unit in progress was finished above
    NNP_ASSERT(st.ok());
    (void)st;
  }
  if (p.schedule) schedule_ = std::move(p.schedule);
  trainer_.set_schedule(schedule_.get(), c.optimizer.lr);
  trainer_.set_augment(c.augment);
  config_ = c;
  return Status::Ok();
}

Status Session::do_action(Action a, int steps) {
  switch (a) {
    case Action::None: return Status::Ok();
    case Action::Train:
      running_ = true;
      last_error_.clear();
      return Status::Ok();
    case Action::Pause:
      running_ = false;
      return Status::Ok();
    case Action::Step: {
      running_ = false;
      for (int i = 0; i < steps; ++i) {
        Status st = trainer_.step();
        if (!st.ok()) {
          record_error(st);
          return st;
        }
      }
      Status st = trainer_.finish_eval();
      if (!st.ok()) record_error(st);
      return st;
    }
    case Action::Reset:
      running_ = false;
      last_error_.clear();
      model_.reset_parameters(config_.seed, config_.init, config_.init_scale);
      opt_->reset_state();
      trainer_.reset_progress();
      ++version_.weights;
      transfer_.clear();
      return Status::Ok();
  }
  return Status::Ok();
}

namespace {
double clock_ms() {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now().time_since_epoch()).count();
}
}  // namespace

void Session::record_error(const Status& st) {
  last_error_ = st.message();
  last_error_code_ = st.code();
}

bool Session::throttled() const { return running_ && config_.speed > 0 && speed_credit_ < 1.0; }

void Session::pace() {
  if (!running_ || config_.speed <= 0) {
    speed_clock_ms_ = -1;
    speed_credit_ = 1.0;
    return;
  }
  const double now = clock_ms();
  if (speed_clock_ms_ < 0) speed_credit_ = 1.0;  // pacing starts with a step
  else speed_credit_ = std::min(std::max(1.0, config_.speed * 0.1), speed_credit_ + config_.speed * (now - speed_clock_ms_) / 1000.0);
  speed_clock_ms_ = now;
}

Status Session::run_for(double budget_ms) {
  if (pending_) return Status::Ok();
  // `speed` paces the steps (a student watches them); it never changes which steps run.
  pace();
  const int64_t allowed = running_ && config_.speed > 0 ? static_cast<int64_t>(speed_credit_) : INT64_MAX;
  const int64_t before = trainer_.step_count();
  Status st = trainer_.run_for(budget_ms, running_, allowed);
  if (allowed != INT64_MAX) speed_credit_ -= static_cast<double>(trainer_.step_count() - before);
  if (!st.ok()) {
    running_ = false;
    record_error(st);
  }
  return st;
}

SessionStatus Session::status() const {
  SessionStatus s;
  s.dataset = config_.dataset;
  s.layers = nn::format_hidden_layers(config_.layers);
  s.model = config_.model;
  s.events = trainer_.events();
  const auto& nodes = model_.nodes();
  if (config_.model != "mlp") {
    s.architecture = config_.model == "custom" ? "custom (" + std::to_string(nodes.size() - 1) + " nodes)" : config_.model;
  } else if (!nodes.empty()) {
    s.architecture = std::to_string(nodes[0].shape.per_sample());
    for (size_t i = 1; i < nodes.size(); ++i)
      if (std::string(nodes[i].layer->type_name()) == "Linear")
        s.architecture += "-" + std::to_string(nodes[i].shape.per_sample());
  }
  s.optimizer = optim::optimizer_key(config_.optimizer.kind);
  s.lr = config_.optimizer.lr;
  s.lr_now = trainer_.current_lr();
  s.schedule = config_.schedule;
  s.batch_size = config_.batch_size;
  s.step = trainer_.step_count();
  s.epoch = trainer_.epoch_progress();
  if (const MetricPoint* p = trainer_.last_point()) {
    s.has_metrics = true;
    s.loss_train = p->loss_train;
    s.acc_train = p->acc_train;
    s.loss_val = p->loss_val;
    s.acc_val = p->acc_val;
  }
  s.samples_per_sec = trainer_.samples_per_sec();
  s.threads = parallel::num_threads();
  s.running = running_;
  s.loading = pending_ != nullptr;
  if (pending_)
    for (const ConfigField& f : config_fields()) s.target[f.key] = f.get(pending_->config);
  if (pending_) s.progress = pending_->progress;
  s.last_error = last_error_;
  s.diverged = !last_error_.empty() && (last_error_code_ == ErrorCode::NON_FINITE || last_error_code_ == ErrorCode::DIVERGED);
  s.init_from = transfer_;
  s.diagnosis = trainer_.diagnosis();
  s.reading = read_curves(trainer_.history(), s.epoch, trainer_.chance_loss()).text;
  s.num_params = model_.num_params();
  s.macs_per_sample = model_.macs_per_sample();
  s.train_size = static_cast<int>(trainer_.train_indices().size());
  s.val_size = static_cast<int>(trainer_.val_indices().size());
  return s;
}

std::vector<std::pair<std::string, std::string>> Session::config_delta() const {
  Config defaults;
  if (family_of(config_.dataset) != data::Family::Points) apply_family_defaults(defaults, family_of(config_.dataset));
  std::vector<std::pair<std::string, std::string>> out;
  for (const ConfigField& f : config_fields()) {
    const std::string v = f.get(config_);
    if (std::string(f.key) == "dataset" || v != f.get(defaults)) out.emplace_back(f.key, v);
  }
  return out;
}

std::vector<std::string> Session::wanted_files() const {
  std::vector<std::string> out;
  if (!pending_) return out;
  for (const std::string& f : pending_->files)
    if (!pending_->received.count(f)) out.push_back(f);
  return out;
}

void Session::file_progress(const std::string& file, int64_t loaded, int64_t total) {
  if (!pending_) return;
  pending_->progress.file = file;
  pending_->progress.loaded = loaded;
  pending_->progress.total = total;
}

void Session::provide_file(const std::string& file, std::vector<uint8_t> bytes) {
  if (!pending_ || std::find(pending_->files.begin(), pending_->files.end(), file) == pending_->files.end()) return;
  pending_->received[file] = std::move(bytes);
  pending_->progress.files_done = static_cast<int>(pending_->received.size());
  if (pending_->received.size() == pending_->files.size()) {
    Status st = finish_pending();
    if (!st.ok()) record_error(st);
  }
}

void Session::fail_file(const std::string& file, const std::string& message) {
  if (!pending_) return;
  last_error_ = "could not load " + file + ": " + message + " (kept dataset " + config_.dataset + ")";
  last_error_code_ = ErrorCode::IO_ERROR;
  pending_.reset();
}

Status Session::finish_pending() {
  std::unique_ptr<Pending> p = std::move(pending_);
  const data::DatasetInfo* info = data::find_dataset(p->config.dataset);
  auto load_pair = [&](size_t i, const std::string& suffix) -> Status {
    const std::string& fi = info->files[i];
    const std::string& fl = info->files[i + 1];
    auto images = data::parse_idx(p->received[fi], fi);
    if (!images.ok()) return images.status();
    auto labels = data::parse_idx(p->received[fl], fl);
    if (!labels.ok()) return labels.status();
    auto ds = data::make_image_dataset(info->key, images.value(), fi, labels.value(), fl, info->num_classes,
                                       info->class_names);
    if (!ds.ok()) return ds.status();
    cache_[std::string(info->key) + suffix] = std::make_unique<data::Dataset>(ds.take());
    return Status::Ok();
  };
  Status st = load_pair(0, "");
  if (st.ok() && info->files.size() >= 4) st = load_pair(2, "#test");
  if (!st.ok()) {
    cache_.erase(info->key);
    cache_.erase(std::string(info->key) + "#test");
    return Error(st.code(), st.message() + " (kept dataset " + config_.dataset + ")");
  }
  auto plan = make_plan(p->config);
  if (!plan.ok()) return Error(plan.status().code(), plan.status().message() + " (kept dataset " + config_.dataset + ")");
  NNP_RETURN_IF_ERROR(commit(plan.take(), p->config));
  if (p->weights) {
    NNP_RETURN_IF_ERROR(load_weights(*p->weights, model_));
    ++version_.weights;
  }
  if (p->init) (void)start_from(*p->init, p->init_file, p->init_head);
  return do_action(p->after, 1);
}

std::vector<uint8_t> Session::save() const {
  // Mid-step (run_for left a step half done) the forward pass has moved the
  // running statistics but the update has not happened: the file takes the
  // statistics from before the step, to match the weights and step count.
  return write_checkpoint(config_, model_, trainer_.step_count(), trainer_.buffers_at_step_start());
}

Result<Checkpoint> Session::read_model(std::span<const uint8_t> bytes, const std::string& file) const {
  if (!looks_like_onnx(bytes, file)) return read_checkpoint(bytes, file);
  auto im = import_onnx(bytes, file);
  if (!im.ok()) return im.status();
  const OnnxImport& m = im.value();
  // The dataset: this one if its samples fit the model's input and outputs, else the first that does.
  const Config& now = target_config();
  auto fits = [&](const data::DatasetInfo& d) {
    // File sets know their shape up front; generated sets: the current one's, else 2D points (1, 2).
    Shape shape = d.sample_shape;
    if (active_ && d.key == now.dataset) shape = active_->sample_shape;
    else if (shape.rank == 0 && d.family == data::Family::Points) shape = Shape{1, 2};
    return shape == m.input && (m.outputs == 0 || d.outputs() == m.outputs);
  };
  std::string dataset;
  if (const data::DatasetInfo* cur = dataset_info(now.dataset); cur && fits(*cur)) dataset = cur->key;
  for (const data::DatasetInfo& d : data::dataset_catalog())
    if (dataset.empty() && !d.user && fits(d)) dataset = d.key;
  if (dataset.empty())
    return Error(ErrorCode::SHAPE_MISMATCH, file + ": the model takes samples of shape " + m.input.str() +
                                                (m.outputs ? " and makes " + std::to_string(m.outputs) + " outputs" : "") +
                                                "; no dataset of nnplay fits (see the Data menu)");
  // This session's settings on that dataset (as a dataset switch would set them), with the model's network.
  Config c = now;
  c.dataset = dataset;
  dataset_defaults(c, dataset_info(c.dataset), dataset_info(now.dataset));
  c.model = "custom";
  c.network = m.network;
  Checkpoint ck;
  for (const ConfigField& f : config_fields()) ck.config.emplace_back(f.key, f.get(c));
  ck.input = m.input;
  ck.tensors = m.tensors;
  return ck;
}

Status Session::load(std::span<const uint8_t> bytes, const std::string& file) {
  auto ck = read_model(bytes, file);
  if (!ck.ok()) return ck.status();
  Config c;
  Command cmd;
  for (const auto& [key, value] : ck.value().config) {
    Status st = set_config_value(c, key, value);
    if (!st.ok()) return Error(st.code(), file + ": " + st.message());
  }
  for (const ConfigField& f : config_fields()) cmd.set.emplace_back(f.key, f.get(c));
  // Check the weights against the network the settings describe before changing anything.
  const data::DatasetInfo* info = dataset_info(c.dataset);
  const int outputs = info->outputs();
  auto spec = model_spec_for(c, ck.value().input, outputs);
  if (!spec.ok()) return Error(spec.status().code(), file + ": " + spec.status().message());
  nn::Model probe;
  Status st = probe.build(spec.value(), ck.value().input, 1);
  if (st.ok()) st = load_weights(ck.value(), probe);
  if (!st.ok()) return Error(st.code(), file + ": " + st.message());
  NNP_RETURN_IF_ERROR(apply(cmd));
  if (pending_) {
    pending_->weights = std::make_unique<Checkpoint>(ck.take());
    pending_->init.reset();
    return Status::Ok();
  }
  NNP_RETURN_IF_ERROR(load_weights(ck.value(), model_));
  ++version_.weights;
  opt_->reset_state();
  trainer_.reset_progress();
  running_ = false;
  transfer_.clear();
  return Status::Ok();
}

Status Session::heading_network(nn::Model* probe) const {
  const Config& c = target_config();
  const data::DatasetInfo* info = dataset_info(c.dataset);
  auto spec = model_spec_for(c, info->sample_shape, info->outputs());
  if (!spec.ok()) return spec.status();
  return probe->build(spec.value(), info->sample_shape, 1);
}

Result<Transfer> Session::init_from(std::span<const uint8_t> bytes, const std::string& file, bool head) {
  auto ck = read_model(bytes, file);
  if (!ck.ok()) return ck.status();
  nn::Model probe;
  if (pending_) {
    Status st = heading_network(&probe);
    if (!st.ok()) return Error(st.code(), file + ": " + st.message());
  }
  Transfer t = count_matching_weights(ck.value(), pending_ ? probe : model_, head);
  t.file = file;
  if (t.taken == 0)
    return Error(ErrorCode::SHAPE_MISMATCH, file + ": none of its " + std::to_string(ck.value().tensors.size()) +
                                                " tensors fits this network (no node with the same name, tensor and "
                                                "shape); nothing changed");
  if (pending_) {
    pending_->weights.reset();  // the latest choice of weights wins
    pending_->init = std::make_unique<Checkpoint>(ck.take());
    pending_->init_file = file;
    pending_->init_head = head;
    return t;
  }
  return start_from(ck.value(), file, head);
}

Transfer Session::start_from(const Checkpoint& ck, const std::string& file, bool head) {
  running_ = false;
  last_error_.clear();
  model_.reset_parameters(config_.seed, config_.init, config_.init_scale);
  Transfer t = copy_matching_weights(ck, model_, head);
  t.file = file;
  opt_->reset_state();
  trainer_.reset_progress();
  ++version_.weights;
  transfer_ = t.text();
  return t;
}

const data::Dataset* Session::test_set() const {
  auto it = cache_.find(config_.dataset + "#test");
  return it == cache_.end() ? nullptr : it->second.get();
}

Status Session::predict(const Tensor& x, Tensor* logits) {
  if (x.rank() < 1 || x.shape().with_batch(1) != model_.nodes()[0].shape)
    return Error(ErrorCode::SHAPE_MISMATCH, "predict: input " + x.shape().str() + " does not fit the model input " +
                                                model_.nodes()[0].shape.str());
  NNP_RETURN_IF_ERROR(trainer_.finish_unit());  // its forward below would overwrite a half-done step's caches
  model_.eval();
  const Tensor& y = model_.forward(x);
  model_.train();
  logits->resize(y.shape());
  logits->vec() = y.vec();
  return Status::Ok();
}

Result<loss::LossOutput> Session::evaluate_split(bool training, size_t max_samples) {
  const std::vector<int32_t>& all = training ? trainer_.train_indices() : trainer_.val_indices();
  const std::vector<int32_t> idx(all.begin(), all.begin() + static_cast<std::ptrdiff_t>(std::min(max_samples, all.size())));
  if (idx.empty()) return Error(ErrorCode::NOT_FOUND, std::string(training ? "training" : "validation") + " split is empty");
  return trainer_.evaluate(*active_, idx);
}

Result<loss::LossOutput> Session::evaluate_test() {
  const data::Dataset* test = test_set();
  if (!test) return Error(ErrorCode::NOT_FOUND, "dataset " + config_.dataset + " has no test split");
  std::vector<int32_t> idx(static_cast<size_t>(test->size()));
  for (int i = 0; i < test->size(); ++i) idx[static_cast<size_t>(i)] = i;
  return trainer_.evaluate(*test, idx);
}

// ------------------------------------------------------------ user data

const data::DatasetInfo* Session::dataset_info(const std::string& key) const {
  if (auto it = user_.find(key); it != user_.end()) return &it->second->info;
  return data::find_dataset(key);
}

const data::CsvData* Session::csv() const {
  auto it = user_.find(data::kCsvKey);
  return it == user_.end() ? nullptr : &it->second->csv;
}

const Session::ImagesInfo* Session::images() const {
  auto it = user_.find(data::kImagesKey);
  return it == user_.end() ? nullptr : &it->second->images;
}

Status Session::set_csv_target(const std::string& target) {
  auto it = user_.find(data::kCsvKey);
  if (it == user_.end()) return no_user_data_yet(data::kCsvKey);
  const std::string text = it->second->csv_text, file = it->second->file;  // load_csv replaces the entry
  return load_csv(text, file, target);
}

Status Session::load_csv(std::string_view text, const std::string& file, const std::string& target) {
  data::CsvOptions options;
  options.target = target;
  options.name = data::kCsvKey;
  auto parsed = data::parse_csv_dataset(text, options);
  if (!parsed.ok()) return Error(parsed.status().code(), file + ": " + parsed.status().message());
  auto next = std::make_unique<UserData>();
  next->file = file;
  next->csv_text = std::string(text);
  next->csv = parsed.take();
  auto data = std::make_unique<data::Dataset>(std::move(next->csv.dataset));
  next->csv.dataset = {};
  const int features = static_cast<int>(next->csv.feature_names.size());
  next->about = std::to_string(data->size()) + " rows, " + std::to_string(features) + " feature" +
                (features == 1 ? "" : "s") + ", target '" + next->csv.target_name + "' (" +
                (data->regression() ? std::string("real values: regression")
                                    : std::to_string(data->num_classes) + " classes") +
                ")";
  return install_user_data(data::kCsvKey, std::move(next), std::move(data));
}

Status Session::copy_user_data(const Session& from, const std::string& key) {
  auto it = from.user_.find(key);
  if (it == from.user_.end()) return no_user_data_yet(key);
  const UserData& u = *it->second;
  if (key == data::kCsvKey) return load_csv(u.csv_text, u.file, u.csv.target_name);
  return load_images(u.image_files, u.file, u.images.channels, u.images.size);
}

Status Session::set_image_format(int channels, int size) {
  auto it = user_.find(data::kImagesKey);
  if (it == user_.end()) return no_user_data_yet(data::kImagesKey);
  std::vector<data::ImageFile> files = it->second->image_files;  // load_images replaces the entry
  return load_images(std::move(files), it->second->file, channels, size);
}

Status Session::load_images(std::vector<data::ImageFile> files, const std::string& label, int channels, int size) {
  data::ImageSetOptions options;
  options.channels = channels;
  options.size = size;
  options.name = data::kImagesKey;
  auto parsed = data::parse_image_set(files, options);
  if (!parsed.ok()) return Error(parsed.status().code(), label + ": " + parsed.status().message());
  data::ImageSetData set = parsed.take();
  auto next = std::make_unique<UserData>();
  next->file = label;
  next->images = {label, static_cast<int>(files.size()), set.ignored, set.ignored_example, channels, size};
  next->image_files = std::move(files);
  auto data = std::make_unique<data::Dataset>(std::move(set.dataset));
  std::string counts;
  for (int k = 0; k < data->num_classes; ++k)
    counts += (k ? ", " : "") + std::to_string(std::count(data->y.begin(), data->y.end(), k)) + " " +
              data->class_names[static_cast<size_t>(k)];
  next->about = std::to_string(data->size()) + " images (" + counts + "), read as " +
                (channels == 1 ? "grey " : "RGB ") + std::to_string(size) + "x" + std::to_string(size) +
                (set.ignored ? "; " + std::to_string(set.ignored) + " other file" + (set.ignored == 1 ? "" : "s") +
                                   " skipped (" + set.ignored_example + ")"
                             : "");
  return install_user_data(data::kImagesKey, std::move(next), std::move(data));
}

Status Session::install_user_data(const std::string& key, std::unique_ptr<UserData> user,
                                  std::unique_ptr<data::Dataset> data) {
  data::DatasetInfo& info = user->info;
  info = *data::find_dataset(key);
  info.title = user->file.c_str();
  info.about = user->about.c_str();
  info.num_classes = data->regression() ? 0 : data->num_classes;
  info.class_names = data->class_names;
  info.sample_shape = data->sample_shape;

  // Switch as a dataset switch would (from the data the session heads to),
  // with the new data in place; put the old one back if the plan fails.
  const Config& base = target_config();
  const data::DatasetInfo was = *dataset_info(base.dataset);
  Config c = base;
  c.dataset = key;
  c.classes.clear();  // class numbers of another set mean nothing here
  dataset_defaults(c, &info, &was);
  const std::string file = user->file;
  std::unique_ptr<UserData> old;
  if (auto it = user_.find(key); it != user_.end()) old = std::move(it->second);
  std::unique_ptr<data::Dataset> old_data;
  if (auto it = cache_.find(key); it != cache_.end()) old_data = std::move(it->second);
  user_[key] = std::move(user);
  cache_[key] = std::move(data);
  auto plan = make_plan(c, /*new_data=*/true);
  Status st = plan.ok() ? commit(plan.take(), c) : plan.status();
  if (!st.ok()) {
    if (old) user_[key] = std::move(old);
    else user_.erase(key);
    if (old_data) cache_[key] = std::move(old_data);
    else cache_.erase(key);
    return Error(st.code(), file + ": " + st.message() + " (kept dataset " + config_.dataset + ")");
  }
  pending_.reset();  // a download in progress is dropped: the user's data is what they chose last
  running_ = false;
  return Status::Ok();
}

}  // namespace nnplay::train
