// race.h — the optimizer race: one network and dataset trained
// with 2–4 optimizer settings at once, from identical initial weights and the
// identical batch order.
//
// Each lane is a plain train::Session. All lanes share every setting (data,
// network, init, seed, ...) except their own lane keys (the optimizer, its
// hyperparameters, the schedule and the batch size). Same seed ⇒ the Init
// stream gives the same initial weights and the Shuffle stream the same batch
// order in every lane (tests/train/race_test.cpp checks both), so differences
// between the curves come from the optimizers alone.
//
// Stepping: run_for() gives the budget to the lane that is furthest behind
// (fewest epochs, then fewest steps), one work unit at a time, so lanes stay
// level at any frame rate, and a lane with a batch of 1 (SGD) and one with the
// whole set (GD) compare per sample seen, the way the lecture's "GD versus SGD"
// slide compares them. A lane that diverges stops alone (its status shows why).
//
// Commands come from the same one path as the session's (race_json.h maps
// window.nnplay.command's {"race": [...]} form); a bad command changes nothing.
#pragma once

#include <cstdint>
#include <memory>
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
  /// >= 0: `set` goes to that lane (lane keys only); -1: to every lane (any key:
  /// shared settings; with Lanes::Set they change the base the lanes start from).
  int lane = -1;
  Settings set;
  Action action = Action::None;
  int steps = 1;  // Action::Step
};

/// The keys a lane may set on its own: optimizer, lr, schedule, the optimizer
/// hyperparameters, penalties, clipping and batch_size. The rest are shared.
bool is_lane_key(const std::string& key);
/// The lane keys, for messages and menus.
const std::vector<std::string>& lane_keys();

class Race {
 public:
  static constexpr int kMinLanes = 2, kMaxLanes = 4;

  /// Applies `cmd`. New lanes (Lanes::Set) start from `base` (the app passes
  /// its main session's config) plus the command's shared settings plus each
  /// lane's own. Actions (train, pause, step, reset) go to every lane; reset
  /// puts every lane back on the same initial weights.
  Status apply(const RaceCommand& cmd, const Config& base);
  /// Trains the running lanes for about budget_ms (see the file comment).
  Status run_for(double budget_ms);

  bool active() const { return !lanes_.empty(); }
  int size() const { return static_cast<int>(lanes_.size()); }
  /// True while any lane trains.
  bool running() const;
  /// True while any lane waits for data files.
  bool loading() const;
  const Session& lane(int i) const { return *lanes_[static_cast<size_t>(i)].session; }
  /// Lane i's own settings (its lane keys, as last set).
  const Settings& lane_settings(int i) const { return lanes_[static_cast<size_t>(i)].own; }
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
    float loss_init = 0, acc_init = 0;
  };
  static Status check_lane_settings(const Settings& s, const std::string& where);
  static Result<std::unique_ptr<Session>> make_lane(const Config& base, const Settings& shared, const Settings& own);
  /// Measures loss_init / acc_init of lanes that are at step 0 and loaded.
  void measure_initial();

  std::vector<Lane> lanes_;
};

}  // namespace nnplay::train
