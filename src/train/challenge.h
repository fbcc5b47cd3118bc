// challenge.h — an instructor's challenge, set by a link's page keys:
//   goal=acc_val>=0.9         a metric (acc_val, acc_train, loss_val,
//                             loss_train) and a bound, >= or <=
//   max_params=200            at most this many parameters (optional)
//   max_steps=3000            reached within this many steps (optional)
//   challenge=Fit%20the%20spiral...   the task in words (optional)
//   hint=Try%20more%20units   a hint that unlocks after hint_after seconds
//   hint_after=60             (default 60)
// The dataset, its noise and anything else the task fixes are ordinary
// settings of the same link (lock= keeps a student from changing them).
// The goal is met at the first evaluation point (SessionStatus, which holds
// the latest curve point's metrics) where the metric reaches the bound while
// the network has at most max_params parameters and the step is at most
// max_steps; it stays met, with the network that met it. The best value
// seen under the constraints is kept too.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/status.h"
#include "train/session.h"

namespace nnplay::train {

struct Challenge {
  std::string metric;    // "acc_val", "acc_train", "loss_val", "loss_train"
  bool at_least = true;  // >= (accuracies) or <= (losses)
  double target = 0;
  int64_t max_params = 0;  // 0: no bound
  int64_t max_steps = 0;   // 0: no bound
  std::string text, hint;
  double hint_after_s = 60;
  bool active() const { return !metric.empty(); }
  /// "validation accuracy ≥ 0.9 with at most 200 parameters within 3,000 steps".
  std::string goal_text() const;
};

/// True for the page keys a challenge reads (goal, max_params, ...).
bool is_challenge_key(const std::string& key);
/// The challenge in a link's page items ("goal=acc_val%3E%3D0.9", ...; values
/// percent-encoded or not). No goal: an inactive challenge. Errors
/// (INVALID_ARGUMENT) name the item and what is wrong: an unknown metric, a
/// bound that is not a number (or outside [0, 1] for an accuracy), a
/// negative or non-integer limit, a constraint without a goal.
Result<Challenge> parse_challenge(const std::vector<std::string>& page_items);

struct ChallengeProgress {
  bool met = false;
  int64_t met_step = -1;
  double met_value = 0;
  std::string met_network;  // the architecture that met it, "2-8-8-1 (105 parameters)"
  bool has_best = false;
  double best = 0;          // the best value seen under the constraints
  std::string blocked;      // why the current run cannot count ("" if it can): too many parameters, past max_steps
};

/// Folds one status into the progress (call it as often as you like; the
/// metrics count only when the status has them).
void observe(const Challenge& c, const SessionStatus& s, ChallengeProgress& p);

}  // namespace nnplay::train
