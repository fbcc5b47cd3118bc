// dataset.h — an in-memory labelled dataset and the operations the trainer
// needs (split, gather a batch). data/ owns no file I/O: parsers take bytes.
//
// Samples are stored as float32 (2D sets) or uint8 (images, scaled by 1/255
// when gathered; 60,000 Fashion-MNIST images take 47 MB as uint8 instead of
// 188 MB as float — it matters in a browser tab).
//   sample_shape: (1, 2) for 2D points, (1, 1, 28, 28) for 28x28 grey images (NCHW)
//   y: class index per sample, in [0, num_classes); y_dense: per-pixel classes (segmentation)
//   targets: regression sets (data/function1d.h) instead of y: one real target
//   per sample; such a set has num_classes 0, no class names and y empty
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "core/rng.h"
#include "core/status.h"
#include "core/tensor.h"

namespace nnplay::data {

/// Logits a network must produce for labels of `num_classes` classes: one
/// logit (through a sigmoid) for two classes, else one per class; for
/// per-pixel labels (segmentation) one per class at every pixel; for no
/// classes (num_classes 0: a regression set) one real output.
inline int num_outputs(int num_classes, bool per_pixel) {
  if (num_classes == 0) return 1;
  return num_classes == 2 && !per_pixel ? 1 : num_classes;
}

struct Dataset {
  std::string name;
  Shape sample_shape;
  int num_classes = 0;
  std::vector<std::string> class_names;
  std::vector<float> x_f32;    // size() * per_sample, or empty
  std::vector<uint8_t> x_u8;   // size() * per_sample, or empty
  std::vector<int32_t> y;
  std::vector<uint8_t> y_dense;  // segmentation: one class per pixel, size() * H * W (else empty)
  std::vector<float> targets;    // regression: one real target per sample (then y is empty)

  int size() const { return static_cast<int>(regression() ? targets.size() : y.size()); }
  bool dense() const { return !y_dense.empty(); }
  /// True for a regression set: real targets, no classes (no accuracy, no
  /// confusion matrix, no predicted classes).
  bool regression() const { return !targets.empty(); }
  /// Logits per sample (per pixel when dense()): see num_outputs().
  int outputs() const { return num_outputs(num_classes, dense()); }
  /// Labels per sample: 1, or H·W for segmentation.
  int64_t labels_per_sample() const { return dense() ? sample_shape[2] * int64_t{sample_shape[3]} : 1; }
  /// Writes the labels of samples idx[0..n) into out (n · labels_per_sample()).
  void gather_labels(std::span<const int32_t> idx, std::vector<int32_t>& out) const;
  /// Writes the real targets of samples idx[0..n) into out (n values; regression sets).
  void gather_targets(std::span<const int32_t> idx, std::vector<float>& out) const;
  int64_t per_sample() const { return sample_shape.per_sample(); }
  bool is_image() const { return sample_shape.rank == 4; }
  /// Writes samples idx[0..n) into out, resized to (n, sample...). No
  /// allocation when out's capacity suffices.
  void gather(std::span<const int32_t> idx, Tensor& out) const;
  /// Sample i's features as float (for drawing).
  float feature(int i, int64_t j) const;
  /// The name of class c ("Sneaker", "7"), "?" when out of range.
  const char* class_name(int c) const {
    return c >= 0 && c < static_cast<int>(class_names.size()) ? class_names[static_cast<size_t>(c)].c_str() : "?";
  }
};

/// A random split of [0, n) into train and validation index lists; the
/// validation part has round(n · val_fraction) samples (at least 1 of each
/// when n >= 2 and 0 < val_fraction < 1).
void split_indices(int n, float val_fraction, uint64_t seed, std::vector<int32_t>* train,
                   std::vector<int32_t>* val);

}  // namespace nnplay::data
