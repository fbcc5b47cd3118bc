#include "core/tensor.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>

#include "core/check.h"

namespace nnplay {

Shape::Shape(std::initializer_list<int> d) {
  NNP_ASSERT(d.size() <= static_cast<size_t>(kMaxRank));
  for (int v : d) dims[static_cast<size_t>(rank++)] = v;
}

int64_t Shape::numel() const {
  if (rank == 0) return 0;
  int64_t n = 1;
  for (int i = 0; i < rank; ++i) n *= dims[static_cast<size_t>(i)];
  return n;
}

int64_t Shape::per_sample() const {
  int64_t n = 1;
  for (int i = 1; i < rank; ++i) n *= dims[static_cast<size_t>(i)];
  return n;
}

Shape Shape::with_batch(int n) const {
  Shape s = *this;
  if (s.rank > 0) s.dims[0] = n;
  return s;
}

std::string Shape::str() const {
  std::string s = "(";
  for (int i = 0; i < rank; ++i) {
    if (i) s += ", ";
    s += std::to_string(dims[static_cast<size_t>(i)]);
  }
  if (rank == 1) s += ",";
  return s + ")";
}

bool Shape::operator==(const Shape& o) const {
  if (rank != o.rank) return false;
  for (int i = 0; i < rank; ++i)
    if (dims[static_cast<size_t>(i)] != o.dims[static_cast<size_t>(i)]) return false;
  return true;
}

Tensor::Tensor(const Shape& s, std::vector<float> values) : shape_(s), data_(std::move(values)) {
  NNP_ASSERT(static_cast<int64_t>(data_.size()) == s.numel());
}

void Tensor::resize(const Shape& s) {
  shape_ = s;
  data_.resize(static_cast<size_t>(s.numel()));
}

void Tensor::fill(float v) {
  for (auto& x : data_) x = v;
}

MatMap Tensor::mat() {
  const Eigen::Index rows = shape_.rank ? shape_[0] : 0;
  const Eigen::Index cols = shape_.rank ? static_cast<Eigen::Index>(shape_.per_sample()) : 0;
  return MatMap(data_.data(), rows, cols);
}

ConstMatMap Tensor::mat() const {
  const Eigen::Index rows = shape_.rank ? shape_[0] : 0;
  const Eigen::Index cols = shape_.rank ? static_cast<Eigen::Index>(shape_.per_sample()) : 0;
  return ConstMatMap(data_.data(), rows, cols);
}

bool all_finite(const Tensor& t) {
  // An exponent of all ones is an infinity or a NaN. Integer tests in blocks
  // vectorise (the trainer checks every weight, gradient and optimizer state
  // each step), and a bad block still stops the scan early.
  const float* p = t.data();
  const int64_t n = t.numel();
  for (int64_t i0 = 0; i0 < n; i0 += 4096) {
    const int64_t i1 = std::min(n, i0 + 4096);
    uint32_t bad = 0;
    for (int64_t i = i0; i < i1; ++i) {
      uint32_t bits;
      std::memcpy(&bits, p + i, sizeof bits);
      bad |= static_cast<uint32_t>((bits & 0x7f800000u) == 0x7f800000u);
    }
    if (bad) return false;
  }
  return true;
}

}  // namespace nnplay
