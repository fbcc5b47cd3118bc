// race.h — the race: one dataset trained with 2–4 settings at once, from the
// same seed, so the same data, split and batch order (and, for lanes with
// the same network, the same initial weights). It began as the optimizer
// race; a lane may differ in any setting but the data's (dataset, function,
// noise, samples, seq_len, val_fraction, train_limit, classes, seed), so a lesson compares
// activations, depth, batch norm, skip connections, init, batch size,
// optimizers or schedules the same way.
//
// Each lane is a plain train::Session with its own settings on top of the
// shared ones. Same seed ⇒ the Init stream gives the same initial weights
// to the same network and the Shuffle stream the same batch order in every
// lane (tests/train/race_test.cpp checks both), so differences between the
// curves come from the lanes' settings alone.
//
// Stepping: run_for() gives the budget to the lane that is furthest behind
// (fewest epochs, then fewest steps), one work unit at a time, so lanes stay
// level at any frame rate, and a lane with a batch of 1 (SGD) and one with
// the whole set (GD) compare per sample seen, the way the lecture's "GD
// versus SGD" slide compares them. With a step budget each lane stops after
// that many steps (a lesson's run). A lane that diverges stops alone (its
// status shows why).
//
// Commands come from the same one path as the session's (race_json.h maps
// window.nnplay.command's {"race": [...]} form); a bad command changes nothing:
// a shared setting is checked on every lane before any lane applies it.
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "core/status.h"
#include "train/config.h"
#include "train/session.h"

namespace nnplay::train {

using Settings = std::vector<std::pair<std::string, std::string>>;

struct RaceCommand {
  enum class Lanes { Keep, Set, Clear };
  Lanes lanes = Lanes::Keep;
  /// Lanes::Set: each lane's own settings (lane keys only), kMinLanes..kMaxLanes lanes.
  std::vector<Settings> lane_settings;
  /// Lanes::Set: each lane's name in legends ("ReLU"); empty: "lane 1", ...
  std::vector<std::string> lane_labels;
  /// >= 0: `set` goes to that lane (lane keys only); -1: to every lane (any key:
  /// shared settings; with Lanes::Set they change the base the lanes start from).
  int lane = -1;
  Settings set;
  Action action = Action::None;
  int steps = 1;  // Action::Step
  /// Steps each lane trains before it stops: > 0 sets it, 0 removes it, -1 keeps it.
  int64_t budget = -1;
};

/// The keys every lane shares: the data's (dataset, function, noise, samples,
/// seq_len, val_fraction, train_limit, classes) and the seed, so every lane sees the same data,
/// split and batches.
bool is_data_key(const std::string& key);
/// A key a lane may set on its own: any setting but the data's.
inline bool is_lane_key(const std::string& key) { return !is_data_key(key); }

class Race {
 public:
  static constexpr int kMinLanes = 1, kMaxLanes = 4;  // one lane: a lesson's single run

  /// Applies `cmd`. New lanes (Lanes::Set) start from `base` (the app passes
  /// its main session's config) plus the command's shared settings plus each
  /// lane's own; `user_data` (the main session, or null) lends each new lane
  /// the student's own data (a loaded CSV, loaded images), so a race can run
  /// on it. Actions (train, pause, step, reset) go to every lane; reset puts
  /// every lane back on the same initial weights.
  Status apply(const RaceCommand& cmd, const Config& base, const Session* user_data = nullptr);
  /// Transfer learning for lane `lane` (Session::init_from): it starts from a
  /// model file's matching tensors, keeps its settings and the race's data,
  /// and its initial loss is measured again. The other lanes keep theirs, so
  /// a lane from scratch and a pretrained one share the seed and batch order.
  /// A later reset puts the lane back on the seed's fresh weights. Errors,
  /// changing nothing: INVALID_ARGUMENT for a lane that does not exist, else
  /// init_from's.
  Result<Transfer> init_lane_from(int lane, std::span<const uint8_t> bytes, const std::string& file, bool head = true);
  /// Trains the running lanes for about budget_ms (see the file comment).
  Status run_for(double budget_ms);

  bool active() const { return !lanes_.empty(); }
  int size() const { return static_cast<int>(lanes_.size()); }
  /// True while any lane trains.
  bool running() const;
  /// True while any lane waits for data files.
  bool loading() const;
  const Session& lane(int i) const { return *lanes_[static_cast<size_t>(i)].session; }
  /// Lane i's session, to predict with (its views); training goes through apply() and run_for().
  Session& lane_session(int i) { return *lanes_[static_cast<size_t>(i)].session; }
  /// Lane i's own settings (its lane keys, as last set).
  const Settings& lane_settings(int i) const { return lanes_[static_cast<size_t>(i)].own; }
  /// Lane i's name for legends: its label, else "lane i+1".
  std::string lane_label(int i) const;
  /// Steps per lane before it stops (0: no budget).
  int64_t budget() const { return budget_; }
  /// True when every lane has used its budget or stopped on an error (false without a budget).
  bool finished() const;
  /// Validation loss and accuracy of lane i's weights before its first step
  /// (NaN while not measured: loading, or no validation split).
  float loss_init(int i) const { return lanes_[static_cast<size_t>(i)].loss_init; }
  float acc_init(int i) const { return lanes_[static_cast<size_t>(i)].acc_init; }

  // --- data loading protocol (Session's), forwarded to every lane that waits
  std::vector<std::string> wanted_files() const;
  void provide_file(const std::string& file, const std::vector<uint8_t>& bytes);
  void fail_file(const std::string& file, const std::string& message);
  void file_progress(const std::string& file, int64_t loaded, int64_t total);

 private:
  struct Lane {
    std::unique_ptr<Session> session;
    Settings own;
    std::string label;
    float loss_init = 0, acc_init = 0;
  };
  static Status check_lane_settings(const Settings& s, const std::string& where);
  static Result<std::unique_ptr<Session>> make_lane(const Config& base, const Settings& shared, const Settings& own,
                                                    const Session* user_data);
  /// Measures loss_init / acc_init of lanes that are at step 0 and loaded.
  void measure_initial();

  /// Sets `shared` on every lane, checked on all of them first.
  Status apply_shared(const Settings& shared);
  /// Pauses lanes that have used the budget; true when one was paused.
  void stop_at_budget();

  std::vector<Lane> lanes_;
  int64_t budget_ = 0;
};

}  // namespace nnplay::train
