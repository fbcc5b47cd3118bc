// confusion_job.h — which classes a network confuses: counts of (true class,
// predicted class) over the validation split, in eval mode (per pixel for
// segmentation), and the validation samples predicted wrong.
//
// Computed a chunk at a time inside a frame budget, like LossSliceJob: a
// ResNet over 6,000 validation images takes seconds in a browser, which must
// not freeze the page. Session::confusion() runs the same job to the end, so
// the matrix the tests check is the one the app shows.
//
// While the session trains between chunks, later chunks see later weights:
// from and to say which versions the counts describe (equal when it did not
// train meanwhile).
#pragma once

#include <cstdint>
#include <vector>

#include "core/status.h"
#include "core/tensor.h"
#include "train/session.h"

namespace nnplay::train {

struct Confusion {
  int classes = 0;
  std::vector<int64_t> counts;            // classes × classes, row = true class, column = predicted
  std::vector<int32_t> wrong;             // dataset sample indices predicted wrong (not for dense), split order
  std::vector<int32_t> wrong_predicted;   // their predicted classes
  bool dense = false;                     // counts are pixels
  SessionVersion from, to;                // weights of the first and the last chunk
  int64_t total() const;
  int64_t right() const;                  // the diagonal
};

class ConfusionJob {
 public:
  /// Queues the session's validation split (its dataset and split at this
  /// moment); up to max_wrong mistakes are listed.
  void start(const Session& session, int max_wrong = 512);
  /// Predicts chunks for about budget_ms of wall time (at least one chunk).
  /// NOT_READY when the session's data or split changed since start();
  /// UNSUPPORTED on a regression set (real targets, no classes).
  Status run_for(Session& session, double budget_ms);
  /// Runs to the end.
  Status finish(Session& session) { return run_for(session, 1e300); }

  bool started() const { return !val_.empty() || done_; }
  bool done() const { return done_; }
  float progress() const;
  size_t evaluated() const { return next_; }
  size_t total() const { return val_.size(); }
  /// The counts so far (complete when done()).
  const Confusion& result() const { return cm_; }

 private:
  std::vector<int32_t> val_;
  const data::Dataset* data_ = nullptr;
  size_t next_ = 0;
  int max_wrong_ = 0;
  bool done_ = false;
  double per_sample_ms_ = 0.05;  // measured cost, sizes the chunks
  Confusion cm_;
  Tensor x_, logits_;
  std::vector<int32_t> labels_, pred_;
};

}  // namespace nnplay::train
