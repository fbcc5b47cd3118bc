// loss_slice_job.h — the real network's loss over a 2D slice of weight space
// (train::LossSlice, Li et al. 2018) computed a few grid points at a time
// inside a frame budget, for the loss-surface view.
//
// start() copies a session's network and weights into a model of its own and
// fixes a batch of training samples, so computing the grid never touches the
// session's training (weights, RNG streams, curves stay exactly as without it).
// The plane goes through the weights at start(), along two random
// filter-normalised directions; project() places any model with the same
// network on it, which is how the optimizer's path is drawn as training goes on.
//
//   values(): n × n losses, row-major, row = b (bottom row b = −span),
//             column = a (left column a = −span); NaN where not computed yet.
#pragma once

#include <array>
#include <cstdint>
#include <vector>

#include "core/status.h"
#include "nn/model.h"
#include "train/analysis.h"
#include "train/session.h"

namespace nnplay::train {

class LossSliceJob {
 public:
  /// Copies the session's network, draws the plane (seed) and queues the
  /// n × n grid over [-span, span]² on the first `batch` training samples.
  Status start(const Session& session, int n, float span, uint64_t seed, int batch = 256);
  /// Computes grid points for about budget_ms (at least one).
  Status run_for(double budget_ms);

  bool ready() const { return slice_.ready(); }
  bool done() const { return ready() && next_ >= values_.size(); }
  float progress() const {
    return values_.empty() ? 0.0f : static_cast<float>(next_) / static_cast<float>(values_.size());
  }
  int n() const { return n_; }
  float span() const { return span_; }
  const std::vector<float>& values() const { return values_; }
  /// Loss at the origin (the weights at start()).
  float origin_loss() const { return origin_loss_; }
  /// True when `model` has this network's parameter shapes (so project() applies).
  bool fits(const nn::Model& model) const;
  /// (a, b) of `model`'s weights on the plane; (0, 0) unless fits(model).
  std::array<float, 2> project(const nn::Model& model) const {
    return fits(model) ? slice_.project(model) : std::array<float, 2>{0, 0};
  }
  /// The session step the origin was taken at.
  int64_t origin_step() const { return origin_step_; }

 private:
  nn::Model model_;
  LossSlice slice_;
  loss::LossKind loss_ = loss::LossKind::CrossEntropy;
  Tensor x_;
  BatchTargets y_;  // the batch's labels or real targets
  std::vector<float> values_;
  size_t next_ = 0;
  int n_ = 0;
  float span_ = 1.0f;
  float origin_loss_ = 0;
  int64_t origin_step_ = 0;
};

}  // namespace nnplay::train
