// perceptron.h — Rosenblatt's perceptron and its learning rule, exactly as
// the lecture's "Perceptron training algorithm" slide states it:
//
//   y' = sgn(w·x + b)             (labels y ∈ {−1, +1}; class 1 ↔ +1)
//   on a mistake:  w ← w + α_t (y − y')·x,   b ← b + α_t (y − y')
//   α_t = α₀ · 1000 / (1000 + t), t = epoch (the slide's decaying rate)
// Examples are visited in a new random order every epoch (Shuffle stream).
// On linearly separable data the number of mistakes per epoch reaches 0
// (Novikoff 1962); on XOR it never does.
//
//   x: (N, D) features of a Dataset (float or image)
#pragma once

#include <cstdint>
#include <vector>

#include "core/rng.h"
#include "core/status.h"
#include "data/dataset.h"

namespace nnplay::train {

class Perceptron {
 public:
  /// Zero weights (the rule needs no random start), rate α₀, seed for the order.
  Status reset(int num_features, float alpha0, uint64_t seed);
  /// One pass over `idx` of `ds` (binary labels 0/1); returns the mistakes made.
  Result<int> fit_epoch(const data::Dataset& ds, const std::vector<int32_t>& idx);
  /// sgn(w·x + b) as a class (1 for +1, 0 for −1); x has num_features values.
  int predict(const float* x) const;
  /// Fraction of `idx` classified right.
  double accuracy(const data::Dataset& ds, const std::vector<int32_t>& idx) const;

  const std::vector<float>& weight() const { return w_; }
  float bias() const { return b_; }
  int epoch() const { return epoch_; }
  float alpha() const;  // rate of the next epoch
  const std::vector<int>& mistakes_per_epoch() const { return mistakes_; }

 private:
  std::vector<float> w_;
  float b_ = 0;
  float alpha0_ = 1;
  int epoch_ = 0;
  Rng rng_;
  std::vector<int32_t> order_;
  std::vector<float> x_;
  std::vector<int> mistakes_;
};

}  // namespace nnplay::train
