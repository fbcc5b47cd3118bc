// refresh.h — when a view's picture (a texture, predictions) must be made
// again, keyed by the session's version (train::SessionVersion) and the
// view's own options instead of ad-hoc strings: at once when the network,
// the weights by an edit, reset or load, or the options changed; while
// training only moves the weights, at most every `every_ms` and never
// spending more than a tenth of the time on it.
#pragma once

#include <algorithm>
#include <string>

#include "train/session.h"

namespace nnplay::ui {

class Refresh {
 public:
  /// True when the picture is stale and may be made again now.
  bool due(const train::SessionVersion& v, const std::string& options, double now_ms, double every_ms) const {
    if (!valid_ || v.network != drawn_.network || v.weights != drawn_.weights || options != options_) return true;
    return v.step != drawn_.step && now_ms - time_ms_ >= std::max(every_ms, 10.0 * cost_ms_);
  }
  /// Records what was drawn and what it cost.
  void drawn(const train::SessionVersion& v, const std::string& options, double now_ms, double cost_ms) {
    valid_ = true;
    drawn_ = v;
    options_ = options;
    time_ms_ = now_ms;
    cost_ms_ = cost_ms;
  }
  void invalidate() { valid_ = false; }
  bool valid() const { return valid_; }
  const train::SessionVersion& version() const { return drawn_; }

 private:
  bool valid_ = false;
  train::SessionVersion drawn_;
  std::string options_;
  double time_ms_ = -1e9, cost_ms_ = 0;
};

}  // namespace nnplay::ui
