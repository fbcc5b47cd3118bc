// targets.h — a batch's targets as its dataset has them: class labels
// (classification, per-pixel classes for segmentation) or real values (a
// regression set, data/function1d.h), and the loss of a network's outputs
// against them. Every place that scores a network on a dataset (the
// trainer, the race's initial loss, the loss slice) goes through here, so
// none of them assumes classes.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "core/status.h"
#include "core/tensor.h"
#include "data/dataset.h"
#include "loss/loss.h"

namespace nnplay::train {

struct BatchTargets {
  bool regression = false;
  std::vector<int32_t> labels;  // classification: n · labels_per_sample() classes
  std::vector<float> values;    // regression: n real targets

  /// Reserves room for n samples of `ds` (no allocation in gather() afterwards).
  void reserve(const data::Dataset& ds, int n);
  /// The targets of samples idx[0..n) of `ds`.
  void gather(const data::Dataset& ds, std::span<const int32_t> idx);
  /// Loss of `output` against these targets: loss::compute_loss for labels,
  /// loss::mse_loss for real values (UNSUPPORTED unless `kind` is MSE: a
  /// regression set has no classes to take a cross-entropy over). `doutput`
  /// as in compute_loss (null: loss only). No accuracy for real targets
  /// (correct = 0).
  Result<loss::LossOutput> loss(loss::LossKind kind, const Tensor& output, Tensor* doutput) const;
};

}  // namespace nnplay::train
