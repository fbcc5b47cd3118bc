#include "train/race.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <limits>

#include "loss/loss.h"

namespace nnplay::train {

namespace {
using Clock = std::chrono::steady_clock;
constexpr float kNaN = std::numeric_limits<float>::quiet_NaN();
}  // namespace

bool is_data_key(const std::string& key) {
  static const char* const kKeys[] = {"dataset",      "function",    "noise",   "samples", "seq_len",
                                      "val_fraction", "train_limit", "classes", "seed",    "speed",
                                      "points"};
  return std::find(std::begin(kKeys), std::end(kKeys), key) != std::end(kKeys);
}

std::string Race::lane_label(int i) const {
  const std::string& l = lanes_[static_cast<size_t>(i)].label;
  return l.empty() ? "lane " + std::to_string(i + 1) : l;
}

Status Race::check_lane_settings(const Settings& s, const std::string& where) {
  for (const auto& [key, value] : s) {
    if (is_data_key(key))
      return Error(ErrorCode::INVALID_ARGUMENT,
                   where + ": '" + key + "' is shared by every lane (the same data, split and seed in every lane, " +
                       "so they compare fairly); a lane may set any other setting");
    Config probe;
    Status st = set_config_value(probe, key, value);
    if (!st.ok()) return Error(st.code(), where + ": " + st.message());
  }
  return Status::Ok();
}

Result<std::unique_ptr<Session>> Race::make_lane(const Config& base, const Settings& shared, const Settings& own,
                                                 const Session* user_data) {
  auto s = std::make_unique<Session>();
  // The student's own data, when the lanes run on it (it is parsed again per lane).
  std::string dataset = base.dataset;
  for (const auto& [key, value] : shared)
    if (key == "dataset") dataset = value;
  if (user_data && user_data->has_user_data(dataset)) NNP_RETURN_IF_ERROR(s->copy_user_data(*user_data, dataset));
  Command all;
  for (const ConfigField& f : config_fields()) all.set.emplace_back(f.key, f.get(base));
  NNP_RETURN_IF_ERROR(s->apply(all));
  // Shared settings second: a dataset of another family brings its defaults
  // first (Session::apply), exactly as on the main session.
  if (!shared.empty()) {
    Command c;
    c.set = shared;
    NNP_RETURN_IF_ERROR(s->apply(c));
  }
  if (!own.empty()) {
    Command c;
    c.set = own;
    NNP_RETURN_IF_ERROR(s->apply(c));
  }
  return s;
}

namespace {
// Settings `add` merged into `into`: a key already present takes the new value.
void merge(Settings& into, const Settings& add) {
  for (const auto& kv : add) {
    auto it = std::find_if(into.begin(), into.end(), [&](const auto& e) { return e.first == kv.first; });
    if (it != into.end()) it->second = kv.second;
    else into.push_back(kv);
  }
}
}  // namespace

Status Race::apply(const RaceCommand& cmd, const Config& base, const Session* user_data) {
  if (cmd.budget > Session::kMaxSteps)
    return Error(ErrorCode::INVALID_ARGUMENT, "race: budget must be from 0 to " + std::to_string(Session::kMaxSteps) +
                                                  " steps, got " + std::to_string(cmd.budget));
  if (!cmd.lane_labels.empty() && cmd.lane_labels.size() != cmd.lane_settings.size())
    return Error(ErrorCode::INVALID_ARGUMENT, "race: " + std::to_string(cmd.lane_labels.size()) + " labels for " +
                                                  std::to_string(cmd.lane_settings.size()) + " lanes");
  if (cmd.action == Action::Step && (cmd.steps < 1 || cmd.steps > Session::kMaxSteps))
    return Error(ErrorCode::INVALID_ARGUMENT, "race: steps must be from 1 to " + std::to_string(Session::kMaxSteps) +
                                                  ", got " + std::to_string(cmd.steps));
  if (cmd.lanes == RaceCommand::Lanes::Clear) {
    lanes_.clear();
    return Status::Ok();
  }
  if (cmd.lanes == RaceCommand::Lanes::Set) {
    const int n = static_cast<int>(cmd.lane_settings.size());
    if (n < kMinLanes || n > kMaxLanes)
      return Error(ErrorCode::INVALID_ARGUMENT, "race: " + std::to_string(kMinLanes) + " to " +
                                                    std::to_string(kMaxLanes) + " lanes, got " + std::to_string(n));
    if (cmd.lane >= 0) return Error(ErrorCode::INVALID_ARGUMENT, "race: 'lane' edits an existing race, not new lanes");
    for (int i = 0; i < n; ++i)
      NNP_RETURN_IF_ERROR(check_lane_settings(cmd.lane_settings[static_cast<size_t>(i)], "race lane " + std::to_string(i)));
    std::vector<Lane> fresh;
    for (int i = 0; i < n; ++i) {
      auto s = make_lane(base, cmd.set, cmd.lane_settings[static_cast<size_t>(i)], user_data);
      if (!s.ok()) return Error(s.status().code(), "race lane " + std::to_string(i) + ": " + s.status().message());
      Lane lane;
      lane.session = s.take();
      lane.own = cmd.lane_settings[static_cast<size_t>(i)];
      if (static_cast<size_t>(i) < cmd.lane_labels.size()) lane.label = cmd.lane_labels[static_cast<size_t>(i)];
      lane.loss_init = lane.acc_init = kNaN;
      fresh.push_back(std::move(lane));
    }
    lanes_ = std::move(fresh);
  } else {
    if (lanes_.empty() && (!cmd.set.empty() || cmd.action != Action::None))
      return Error(ErrorCode::NOT_READY, "race: no lanes yet; start one with {\"race\": [{...}, {...}]}");
    if (cmd.lane >= size())
      return Error(ErrorCode::INVALID_ARGUMENT, "race: lane " + std::to_string(cmd.lane) + " does not exist (" +
                                                    std::to_string(size()) + " lanes)");
    if (!cmd.set.empty()) {
      Command c;
      c.set = cmd.set;
      if (cmd.lane >= 0) {
        NNP_RETURN_IF_ERROR(check_lane_settings(cmd.set, "race lane " + std::to_string(cmd.lane)));
        Lane& l = lanes_[static_cast<size_t>(cmd.lane)];
        NNP_RETURN_IF_ERROR(l.session->apply(c));
        merge(l.own, cmd.set);
      } else {
        NNP_RETURN_IF_ERROR(apply_shared(cmd.set));
      }
    }
  }
  if (cmd.budget >= 0) budget_ = cmd.budget;
  if (cmd.action != Action::None) {
    Command c;
    c.action = cmd.action;
    c.steps = cmd.steps;
    Status first = Status::Ok();
    for (size_t i = 0; i < lanes_.size(); ++i) {
      // A diverging lane reports its error and stops; the others carry on.
      Status st = lanes_[i].session->apply(c);
      if (!st.ok() && first.ok()) first = Error(st.code(), "race lane " + std::to_string(i) + ": " + st.message());
    }
    measure_initial();
    return first;
  }
  measure_initial();
  return Status::Ok();
}

Result<Transfer> Race::init_lane_from(int lane, std::span<const uint8_t> bytes, const std::string& file, bool head) {
  if (lane < 0 || lane >= size())
    return Error(ErrorCode::INVALID_ARGUMENT,
                 "race: lane " + std::to_string(lane) + " does not exist (" + std::to_string(size()) + " lanes)");
  Lane& l = lanes_[static_cast<size_t>(lane)];
  auto t = l.session->init_from(bytes, file, head);
  if (!t.ok()) return Error(t.status().code(), "race lane " + std::to_string(lane) + ": " + t.status().message());
  l.loss_init = l.acc_init = kNaN;
  measure_initial();
  return t;
}

Status Race::apply_shared(const Settings& shared) {
  Command c;
  c.set = shared;
  // Lanes differ in their own settings, so a shared setting one lane takes
  // another may refuse (a layer width on one lane's network): all first.
  for (size_t i = 0; i < lanes_.size(); ++i) {
    Status st = lanes_[i].session->check(c);
    if (!st.ok()) return i == 0 ? st : Error(st.code(), "race lane " + std::to_string(i) + ": " + st.message());
  }
  for (Lane& l : lanes_) {
    const Status st = l.session->apply(c);
    if (!st.ok()) return st;  // finishing a lane's work in progress failed: it shows the error
    bool structural = false;
    for (const auto& kv : shared) {
      auto own = std::find_if(l.own.begin(), l.own.end(), [&](const auto& e) { return e.first == kv.first; });
      if (own != l.own.end()) own->second = kv.second;  // the shared value replaces the lane's own
      structural = structural || is_data_key(kv.first) || kv.first == "model" || kv.first == "layers" ||
                   kv.first == "network" || kv.first == "init" || kv.first == "init_scale" || kv.first == "loss";
    }
    if (structural) l.loss_init = l.acc_init = kNaN;
  }
  return Status::Ok();
}

void Race::stop_at_budget() {
  if (budget_ <= 0) return;
  for (Lane& l : lanes_) {
    if (!l.session->status().running || l.session->trainer().step_count() < budget_) continue;
    Command pause;
    pause.action = Action::Pause;
    (void)l.session->apply(pause);
  }
}

bool Race::finished() const {
  if (budget_ <= 0 || lanes_.empty()) return false;
  for (const Lane& l : lanes_) {
    const Session& s = *l.session;
    if (s.trainer().step_count() < budget_ && s.status().last_error.empty()) return false;
  }
  return true;
}

void Race::measure_initial() {
  for (Lane& l : lanes_) {
    Session& s = *l.session;
    if (s.loading() || s.trainer().step_count() != 0 || !std::isnan(l.loss_init)) continue;
    const data::Dataset* ds = s.dataset();
    const std::vector<int32_t>& idx = s.trainer().val_indices();
    if (!ds || idx.empty()) continue;
    const size_t chunk = static_cast<size_t>(std::max(1, s.trainer().config().eval_chunk));
    Tensor x, logits;
    BatchTargets targets;
    double loss_sum = 0;
    int64_t correct = 0, count = 0;
    bool ok = true;
    for (size_t i = 0; i < idx.size() && ok; i += chunk) {
      const std::span<const int32_t> part(idx.data() + i, std::min(chunk, idx.size() - i));
      ds->gather(part, x);
      targets.gather(*ds, part);
      ok = s.predict(x, &logits).ok();
      if (!ok) break;
      auto r = targets.loss(s.config().loss, logits, nullptr);
      ok = r.ok();
      if (!ok) break;
      loss_sum += r.value().loss * static_cast<double>(part.size());
      correct += r.value().correct;
      count += r.value().count;
    }
    if (!ok || count == 0) continue;
    l.loss_init = static_cast<float>(loss_sum / static_cast<double>(idx.size()));
    l.acc_init = ds->regression() ? kNoAccuracy : static_cast<float>(static_cast<double>(correct) / static_cast<double>(count));
  }
}

bool Race::running() const {
  for (const Lane& l : lanes_)
    if (l.session->status().running) return true;
  return false;
}

bool Race::loading() const {
  for (const Lane& l : lanes_)
    if (l.session->loading()) return true;
  return false;
}

Status Race::run_for(double budget_ms) {
  if (lanes_.empty()) return Status::Ok();
  const auto t0 = Clock::now();
  // Lanes that are paused but still owe an evaluation point finish it first.
  std::vector<char> running(lanes_.size());
  for (size_t i = 0; i < lanes_.size(); ++i) {
    lanes_[i].session->pace();
    running[i] = lanes_[i].session->status().running && !lanes_[i].session->loading();
    if (!running[i] && lanes_[i].session->trainer().eval_pending()) (void)lanes_[i].session->run_for(0.0);
  }
  Status first = Status::Ok();
  for (;;) {
    // The lane furthest behind (epochs, then steps) does one work unit.
    int pick = -1;
    double best_epoch = 0;
    int64_t best_step = 0;
    for (size_t i = 0; i < lanes_.size(); ++i) {
      const Trainer& t = lanes_[i].session->trainer();
      // A lane its speed holds back waits, unless it has an evaluation to finish.
      if (!running[i] || (lanes_[i].session->throttled() && !t.eval_pending() && !t.unit_in_progress())) continue;
      const double e = t.epoch_progress();
      const int64_t st = t.step_count();
      if (pick < 0 || e < best_epoch || (e == best_epoch && st < best_step)) {
        pick = static_cast<int>(i);
        best_epoch = e;
        best_step = st;
      }
    }
    if (pick < 0) break;
    Session& s = *lanes_[static_cast<size_t>(pick)].session;
    Status st = s.run_for(0.0);  // one step or one evaluation chunk
    if (!st.ok()) {
      running[static_cast<size_t>(pick)] = 0;  // the session paused itself and keeps the error
      if (first.ok()) first = Error(st.code(), "race lane " + std::to_string(pick) + ": " + st.message());
    }
    if (budget_ > 0 && s.trainer().step_count() >= budget_ && !s.trainer().eval_pending()) {
      stop_at_budget();  // this lane used its budget (and finished its last evaluation)
      running[static_cast<size_t>(pick)] = 0;
    }
    if (std::chrono::duration<double, std::milli>(Clock::now() - t0).count() >= budget_ms) break;
  }
  return first;
}

std::vector<std::string> Race::wanted_files() const {
  std::vector<std::string> out;
  for (const Lane& l : lanes_)
    for (const std::string& f : l.session->wanted_files())
      if (std::find(out.begin(), out.end(), f) == out.end()) out.push_back(f);
  return out;
}

void Race::provide_file(const std::string& file, const std::vector<uint8_t>& bytes) {
  for (Lane& l : lanes_) {
    const auto want = l.session->wanted_files();
    if (std::find(want.begin(), want.end(), file) != want.end()) l.session->provide_file(file, bytes);
  }
  measure_initial();
}

void Race::fail_file(const std::string& file, const std::string& message) {
  for (Lane& l : lanes_) l.session->fail_file(file, message);
}

void Race::file_progress(const std::string& file, int64_t loaded, int64_t total) {
  for (Lane& l : lanes_) l.session->file_progress(file, loaded, total);
}

}  // namespace nnplay::train
