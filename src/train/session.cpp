#include "train/session.h"

#include <algorithm>
#include <cstdio>

#include "core/parallel.h"
#include "data/catalog.h"
#include "data/idx.h"
#include "data/sequence.h"
#include "data/shapes.h"
#include "data/toy2d.h"
#include "nn/zoo.h"

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
bool data_differs(const Config& a, const Config& b) {
  return a.dataset != b.dataset || a.noise != b.noise || a.samples != b.samples || a.val_fraction != b.val_fraction ||
         a.train_limit != b.train_limit || a.seed != b.seed || a.seq_len != b.seq_len;
}
bool model_differs(const Config& a, const Config& b) {
  return a.layers != b.layers || a.loss != b.loss || a.model != b.model || a.network != b.network;
}
// A new init scheme means new initial weights everywhere: a fresh start, like new data.
bool init_differs(const Config& a, const Config& b) {
  return a.init != b.init || a.init_scale != b.init_scale;
}
bool from_files(const std::string& key) {
  const data::DatasetInfo* d = data::find_dataset(key);
  return d && d->image;
}
data::Family family_of(const std::string& key) {
  const data::DatasetInfo* d = data::find_dataset(key);
  return d ? d->family : data::Family::Points;
}
}  // namespace

Session::Session() : Session(Config{}) {}

Session::Session(const Config& initial) {
  Status st = activate(initial, true, true);
  if (!st.ok()) {  // an image default without data: fall back to the circle set
    Config c;
    last_error_ = st.message();
    (void)activate(c, true, true);
  }
}

Status Session::apply(const Command& cmd) {
  const Config& base = pending_ ? pending_->config : config_;
  Config next = base;
  // The dataset goes first: a family switch brings defaults the rest may override.
  for (const auto& [key, value] : cmd.set)
    if (key == "dataset") {
      NNP_RETURN_IF_ERROR(set_config_value(next, key, value));
      if (family_of(next.dataset) != family_of(base.dataset)) apply_family_defaults(next, family_of(next.dataset));
    }
  for (const auto& [key, value] : cmd.set)
    if (key != "dataset") NNP_RETURN_IF_ERROR(set_config_value(next, key, value));
  if (cmd.action == Action::Step && (cmd.steps < 1 || cmd.steps > 100000))
    return Error(ErrorCode::INVALID_ARGUMENT, "steps must be from 1 to 100000, got " + std::to_string(cmd.steps));

  const bool data_changed = data_differs(next, config_);
  const bool fresh_start = data_changed || init_differs(next, config_);
  const bool needs_files = data_changed && from_files(next.dataset) && !cache_.count(next.dataset);
  if (needs_files) {
    if (!pending_ || pending_->config.dataset != next.dataset) {
      pending_ = std::make_unique<Pending>();
      const data::DatasetInfo* info = data::find_dataset(next.dataset);
      pending_->files = info->files;
      pending_->progress.files_total = static_cast<int>(info->files.size());
    }
    pending_->config = next;
    if (cmd.action != Action::None) pending_->after = cmd.action;
    running_ = false;
    return Status::Ok();
  }
  pending_.reset();  // e.g. switched back to a loaded dataset while loading
  NNP_RETURN_IF_ERROR(activate(next, fresh_start, model_differs(next, config_)));
  return do_action(cmd.action, cmd.steps);
}

data::Dataset Session::generate(const Config& c) {
  switch (family_of(c.dataset)) {
    case data::Family::Sequences: return data::make_memory_task(c.samples, c.seq_len, 4, c.noise, c.seed);
    case data::Family::Segmentation: return data::make_shapes(c.samples, c.noise, c.seed);
    default: break;
  }
  data::Toy2D kind{};
  data::parse_toy2d(c.dataset, &kind);
  return data::make_toy2d(kind, c.samples, c.noise, c.seed);
}

Result<nn::ModelSpec> Session::model_spec_for(const Config& c, const Shape& input, int outputs) const {
  if (c.model == "mlp") return nn::mlp_spec(c.layers, outputs);
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

Status Session::build_model(const nn::ModelSpec& spec, const Shape& input, const Config& c, nn::Model* model,
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
  nn::Model probe;
  NNP_RETURN_IF_ERROR(probe.build(spec, input, 1));
  const int64_t per_sample = std::max<int64_t>(1, probe.activation_floats_per_sample());
  *eval_chunk = static_cast<int>(std::clamp<int64_t>((int64_t{16} << 20) / per_sample, 8, 256));
  // Estimate before the real build: parameters with gradients and two
  // optimizer moments, activations and their gradients for the largest batch.
  const double rows = static_cast<double>(std::max(c.batch_size, *eval_chunk));
  const double bytes = 4.0 * (4.0 * static_cast<double>(probe.num_params()) + 2.0 * static_cast<double>(per_sample) * rows);
  if (bytes > memory_budget_)
    return too_big(c, bytes, memory_budget_, std::to_string(probe.num_params()) + " parameters, " + std::to_string(per_sample) +
                                 " activation values per sample");
  NNP_RETURN_IF_ERROR(model->build(spec, input, std::max(c.batch_size, *eval_chunk)));
  model->reset_parameters(c.seed, c.init, c.init_scale);
  return Status::Ok();
}

std::string Session::describe_change(const Config& a, const Config& b) {
  std::string s;
  for (const ConfigField& f : config_fields()) {
    const std::string va = f.get(a), vb = f.get(b);
    if (va != vb) s += (s.empty() ? "" : ", ") + std::string(f.key) + "=" + (vb.empty() ? "\"\"" : vb);
  }
  return s.empty() ? "rebuilt" : s;
}

Status Session::activate(const Config& c, bool data_changed, bool model_changed) {
  const data::DatasetInfo* info = data::find_dataset(c.dataset);
  if (!info) return Error(ErrorCode::INVALID_ARGUMENT, "unknown dataset '" + c.dataset + "'");
  // 1. Build everything new into locals; commit only when all succeeded.
  std::unique_ptr<data::Dataset> toy;
  const data::Dataset* pool = active_;
  if (data_changed) {
    if (info->image) {
      auto it = cache_.find(c.dataset);
      if (it == cache_.end()) return Error(ErrorCode::NOT_READY, "dataset " + c.dataset + " is not loaded");
      pool = it->second.get();
    } else {
      toy = std::make_unique<data::Dataset>(generate(c));
      pool = toy.get();
    }
  }
  if (pool->dense() && c.loss != loss::LossKind::CrossEntropy)
    return Error(ErrorCode::UNSUPPORTED, "dataset " + c.dataset + " labels every pixel: use loss cross_entropy, not mse");
  const int outputs = (pool->num_classes == 2 && !pool->dense()) ? 1 : pool->num_classes;
  auto spec = model_spec_for(c, pool->sample_shape, outputs);
  if (!spec.ok()) return spec.status();
  if (data_changed || !model_.built()) {
    std::vector<int32_t> train_idx, val_idx;
    data::split_indices(pool->size(), c.val_fraction, c.seed, &train_idx, &val_idx);
    if (c.train_limit > 0 && static_cast<int>(train_idx.size()) > c.train_limit)
      train_idx.resize(static_cast<size_t>(c.train_limit));
    nn::Model model;
    TrainerConfig tc;
    tc.batch_size = c.batch_size;
    tc.loss = c.loss;
    tc.seed = c.seed;
    tc.augment = c.augment;
    NNP_RETURN_IF_ERROR(build_model(spec.value(), pool->sample_shape, c, &model, &tc.eval_chunk));
    auto opt = optim::make_optimizer(c.optimizer);
    auto schedule = optim::make_scheduler(c.schedule);
    if (!schedule.ok()) return schedule.status();
    // 2. Commit.
    if (toy) toy_ = std::move(toy);
    active_ = pool;
    model_ = std::move(model);
    spec_ = spec.take();
    opt_ = std::move(opt);
    schedule_ = schedule.take();
    config_ = c;
    trainer_.set_schedule(schedule_.get(), c.optimizer.lr);
    Status st = trainer_.setup(&model_, opt_.get(), active_, std::move(train_idx), std::move(val_idx), tc);
    if (!st.ok()) return st;  // unreachable in practice: shapes were derived from the pool
    running_ = false;
    last_error_.clear();
    return Status::Ok();
  }
  if (model_changed) {
    // A network edit on the same data: new layers start from the seed's init,
    // unchanged layers keep their weights (and, by stable uid, their optimizer
    // state); training progress and curves continue, marked with an event.
    nn::Model model;
    int eval_chunk = 0;
    NNP_RETURN_IF_ERROR(build_model(spec.value(), pool->sample_shape, c, &model, &eval_chunk));
    NNP_RETURN_IF_ERROR(trainer_.finish_eval());
    const int kept = model.copy_matching_from(model_);
    model_ = std::move(model);
    spec_ = spec.take();
    NNP_RETURN_IF_ERROR(trainer_.rebind_model(c.loss, eval_chunk));
    trainer_.add_event(describe_change(config_, c) + " (" + std::to_string(kept) + " of " +
                       std::to_string(model_.params().size()) + " tensors kept)");
  }
  // Non-structural changes keep weights and progress.
  if (c.optimizer.kind != config_.optimizer.kind) {
    opt_ = optim::make_optimizer(c.optimizer);  // a new optimizer starts with fresh state
    trainer_.set_optimizer(opt_.get());
  } else {
    opt_->configure(c.optimizer);
  }
  if (c.batch_size != config_.batch_size) NNP_RETURN_IF_ERROR(trainer_.set_batch_size(c.batch_size));
  if (c.schedule != config_.schedule) {
    auto schedule = optim::make_scheduler(c.schedule);
    if (!schedule.ok()) return schedule.status();
    schedule_ = schedule.take();
  }
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
          last_error_ = st.message();
          return st;
        }
      }
      Status st = trainer_.finish_eval();
      if (!st.ok()) last_error_ = st.message();
      return st;
    }
    case Action::Reset:
      running_ = false;
      last_error_.clear();
      model_.reset_parameters(config_.seed, config_.init, config_.init_scale);
      opt_->reset_state();
      trainer_.reset_progress();
      return Status::Ok();
  }
  return Status::Ok();
}

Status Session::run_for(double budget_ms) {
  if (pending_) return Status::Ok();
  Status st = trainer_.run_for(budget_ms, running_);
  if (!st.ok()) {
    running_ = false;
    last_error_ = st.message();
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
  if (pending_) s.progress = pending_->progress;
  s.last_error = last_error_;
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
    if (!st.ok()) last_error_ = st.message();
  }
}

void Session::fail_file(const std::string& file, const std::string& message) {
  if (!pending_) return;
  last_error_ = "could not load " + file + ": " + message + " (kept dataset " + config_.dataset + ")";
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
  NNP_RETURN_IF_ERROR(activate(p->config, true, true));
  if (p->weights) NNP_RETURN_IF_ERROR(load_weights(*p->weights, model_));
  return do_action(p->after, 1);
}

std::vector<uint8_t> Session::save() const { return write_checkpoint(config_, model_, trainer_.step_count()); }

Status Session::load(std::span<const uint8_t> bytes, const std::string& file) {
  auto ck = read_checkpoint(bytes, file);
  if (!ck.ok()) return ck.status();
  Config c;
  Command cmd;
  for (const auto& [key, value] : ck.value().config) {
    Status st = set_config_value(c, key, value);
    if (!st.ok()) return Error(st.code(), file + ": " + st.message());
  }
  for (const ConfigField& f : config_fields()) cmd.set.emplace_back(f.key, f.get(c));
  // Check the weights against the network the settings describe before changing anything.
  const data::DatasetInfo* info = data::find_dataset(c.dataset);
  const int outputs = (info->num_classes == 2 && info->family != data::Family::Segmentation) ? 1 : info->num_classes;
  auto spec = model_spec_for(c, ck.value().input, outputs);
  if (!spec.ok()) return Error(spec.status().code(), file + ": " + spec.status().message());
  nn::Model probe;
  Status st = probe.build(spec.value(), ck.value().input, 1);
  if (st.ok()) st = load_weights(ck.value(), probe);
  if (!st.ok()) return Error(st.code(), file + ": " + st.message());
  NNP_RETURN_IF_ERROR(apply(cmd));
  if (pending_) {
    pending_->weights = std::make_unique<Checkpoint>(ck.take());
    return Status::Ok();
  }
  NNP_RETURN_IF_ERROR(load_weights(ck.value(), model_));
  opt_->reset_state();
  trainer_.reset_progress();
  running_ = false;
  return Status::Ok();
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

Result<Session::Confusion> Session::confusion(int max_wrong) {
  NNP_RETURN_IF_ERROR(trainer_.finish_eval());
  const data::Dataset& ds = *active_;
  Confusion cm;
  cm.classes = ds.num_classes;
  cm.counts.assign(static_cast<size_t>(cm.classes * cm.classes), 0);
  const std::vector<int32_t>& val = trainer_.val_indices();
  const size_t chunk = 64;
  std::vector<int32_t> labels;
  Tensor x, logits;
  for (size_t i = 0; i < val.size(); i += chunk) {
    const std::span<const int32_t> part(val.data() + i, std::min(chunk, val.size() - i));
    ds.gather(part, x);
    ds.gather_labels(part, labels);
    NNP_RETURN_IF_ERROR(predict(x, &logits));
    if (ds.dense()) {
      const int c = logits.dim(1);
      const int64_t hw = static_cast<int64_t>(logits.dim(2)) * logits.dim(3);
      for (size_t k = 0; k < part.size(); ++k)
        for (int64_t p = 0; p < hw; ++p) {
          const float* z = logits.data() + static_cast<int64_t>(k) * c * hw + p;
          int best = 0;
          for (int j = 1; j < c; ++j)
            if (z[j * hw] > z[best * hw]) best = j;
          const int t = labels[k * static_cast<size_t>(hw) + static_cast<size_t>(p)];
          ++cm.counts[static_cast<size_t>(t * cm.classes + best)];
        }
      continue;
    }
    for (size_t k = 0; k < part.size(); ++k) {
      const int pred = loss::predict_class(config_.loss, logits, static_cast<int>(k));
      const int t = labels[k];
      ++cm.counts[static_cast<size_t>(t * cm.classes + pred)];
      if (pred != t && static_cast<int>(cm.wrong.size()) < max_wrong) {
        cm.wrong.push_back(part[k]);
        cm.wrong_predicted.push_back(pred);
      }
    }
  }
  return cm;
}

Result<loss::LossOutput> Session::evaluate_test() {
  const data::Dataset* test = test_set();
  if (!test) return Error(ErrorCode::NOT_FOUND, "dataset " + config_.dataset + " has no test split");
  std::vector<int32_t> idx(static_cast<size_t>(test->size()));
  for (int i = 0; i < test->size(); ++i) idx[static_cast<size_t>(i)] = i;
  return trainer_.evaluate(*test, idx);
}

}  // namespace nnplay::train
