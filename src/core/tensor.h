// tensor.h — float32 tensors for the engine.
//
// Layout: contiguous, row-major, NCHW for images (N = batch, C = channels,
// H/W = height/width) and (N, D) for feature vectors. Dimension 0 is always
// the batch. Storage is a std::vector<float> whose capacity is planned once
// (Tensor::reserve); resize() within capacity never allocates, which is how a
// training step stays allocation-free after warm-up.
//
// Eigen views: mat() maps the tensor as a row-major (shape[0], numel/shape[0])
// matrix, vec() as a flat vector. No copy.
#pragma once

#include <Eigen/Core>
#include <array>
#include <cstdint>
#include <initializer_list>
#include <string>
#include <vector>

namespace nnplay {

using MatrixRM = Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
using MatMap = Eigen::Map<MatrixRM>;
using ConstMatMap = Eigen::Map<const MatrixRM>;
using VecMap = Eigen::Map<Eigen::VectorXf>;
using ConstVecMap = Eigen::Map<const Eigen::VectorXf>;

/// Up to 5 dimensions (N, C, D, H, W is the largest we plan: Conv3d clips).
struct Shape {
  static constexpr int kMaxRank = 5;
  std::array<int, kMaxRank> dims{};
  int rank = 0;

  Shape() = default;
  Shape(std::initializer_list<int> d);

  int operator[](int i) const { return dims[static_cast<size_t>(i)]; }
  int& operator[](int i) { return dims[static_cast<size_t>(i)]; }
  int64_t numel() const;
  /// Elements per batch item: numel() / dims[0] (1 for rank 0).
  int64_t per_sample() const;
  /// Same shape with dims[0] replaced by n.
  Shape with_batch(int n) const;
  /// "(64, 784)".
  std::string str() const;
  bool operator==(const Shape& o) const;
  bool operator!=(const Shape& o) const { return !(*this == o); }
};

class Tensor {
 public:
  Tensor() = default;
  explicit Tensor(const Shape& s) { resize(s); }
  Tensor(const Shape& s, std::vector<float> values);

  const Shape& shape() const { return shape_; }
  int dim(int i) const { return shape_[i]; }
  int rank() const { return shape_.rank; }
  int64_t numel() const { return static_cast<int64_t>(data_.size()); }
  float* data() { return data_.data(); }
  const float* data() const { return data_.data(); }
  float& operator[](int64_t i) { return data_[static_cast<size_t>(i)]; }
  float operator[](int64_t i) const { return data_[static_cast<size_t>(i)]; }

  /// Sets the shape; keeps capacity, so no allocation when it fits.
  /// New elements are zero; old ones keep their (now meaningless) values.
  void resize(const Shape& s);
  /// Plans capacity for `n` elements so later resizes up to n do not allocate.
  void reserve(int64_t n) { data_.reserve(static_cast<size_t>(n)); }
  int64_t capacity() const { return static_cast<int64_t>(data_.capacity()); }
  void fill(float v);
  void zero() { fill(0.0f); }

  /// Row-major (dims[0], per_sample) matrix view.
  MatMap mat();
  ConstMatMap mat() const;
  VecMap vec() { return VecMap(data_.data(), static_cast<Eigen::Index>(data_.size())); }
  ConstVecMap vec() const { return ConstVecMap(data_.data(), static_cast<Eigen::Index>(data_.size())); }

  std::vector<float>& storage() { return data_; }
  const std::vector<float>& storage() const { return data_; }

 private:
  Shape shape_;
  std::vector<float> data_;
};

/// True when every element is finite (no NaN, no Inf).
bool all_finite(const Tensor& t);

}  // namespace nnplay
