#include "train/perceptron.h"

#include <utility>

namespace nnplay::train {

Status Perceptron::reset(int num_features, float alpha0, uint64_t seed) {
  if (num_features < 1) return Error(ErrorCode::INVALID_ARGUMENT, "perceptron: needs at least one feature");
  if (!(alpha0 > 0)) return Error(ErrorCode::INVALID_ARGUMENT, "perceptron: the learning rate must be > 0");
  w_.assign(static_cast<size_t>(num_features), 0.0f);
  x_.assign(static_cast<size_t>(num_features), 0.0f);
  b_ = 0;
  alpha0_ = alpha0;
  epoch_ = 0;
  rng_.reseed(seed, static_cast<uint64_t>(RngStream::Shuffle));
  mistakes_.clear();
  return Status::Ok();
}

float Perceptron::alpha() const { return alpha0_ * 1000.0f / (1000.0f + static_cast<float>(epoch_)); }

int Perceptron::predict(const float* x) const {
  double s = b_;
  for (size_t j = 0; j < w_.size(); ++j) s += static_cast<double>(w_[j]) * x[j];
  return s > 0 ? 1 : 0;  // sgn(0) counts as −1
}

Result<int> Perceptron::fit_epoch(const data::Dataset& ds, const std::vector<int32_t>& idx) {
  if (ds.per_sample() != static_cast<int64_t>(w_.size()))
    return Error(ErrorCode::SHAPE_MISMATCH, "perceptron: dataset " + ds.name + " has " +
                                                std::to_string(ds.per_sample()) + " features, the perceptron " +
                                                std::to_string(w_.size()));
  if (ds.num_classes != 2)
    return Error(ErrorCode::UNSUPPORTED, "perceptron: needs two classes, " + ds.name + " has " +
                                             std::to_string(ds.num_classes));
  order_ = idx;
  for (size_t i = order_.size(); i > 1; --i) std::swap(order_[i - 1], order_[rng_.below(static_cast<uint32_t>(i))]);
  const float a = alpha();
  int mistakes = 0;
  for (int32_t i : order_) {
    for (size_t j = 0; j < w_.size(); ++j) x_[j] = ds.feature(i, static_cast<int64_t>(j));
    const int y = ds.y[static_cast<size_t>(i)] == 1 ? 1 : -1;
    const int y_hat = predict(x_.data()) == 1 ? 1 : -1;
    if (y != y_hat) {
      ++mistakes;
      const float step = a * static_cast<float>(y - y_hat);
      for (size_t j = 0; j < w_.size(); ++j) w_[j] += step * x_[j];
      b_ += step;
    }
  }
  ++epoch_;
  mistakes_.push_back(mistakes);
  return mistakes;
}

double Perceptron::accuracy(const data::Dataset& ds, const std::vector<int32_t>& idx) const {
  if (idx.empty()) return 0;
  std::vector<float> x(w_.size());
  int right = 0;
  for (int32_t i : idx) {
    for (size_t j = 0; j < w_.size(); ++j) x[j] = ds.feature(i, static_cast<int64_t>(j));
    right += predict(x.data()) == ds.y[static_cast<size_t>(i)];
  }
  return static_cast<double>(right) / static_cast<double>(idx.size());
}

}  // namespace nnplay::train
