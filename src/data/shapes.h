// shapes.h — a generated segmentation set ("shapes on noise") for FCN/U-Net
// (lecture: "pixel-to-pixel prediction tasks, e.g. image segmentation").
//
// Each 32x32 grey image holds 1–3 filled shapes (disc, square, triangle) of
// random size, position and brightness over Gaussian noise; the label is a
// mask with one class per pixel: 0 background, 1 disc, 2 square, 3 triangle
// (a later shape covers an earlier one).
//   x: (N, 1, 32, 32) in [0, 1]    y_dense: (N, 32, 32) classes
// noise in [0, 0.5] scales the background noise (σ = 0.05 + 0.5·noise).
#pragma once

#include "data/dataset.h"

namespace nnplay::data {

inline constexpr int kShapesSize = 32;
Dataset make_shapes(int num_samples, float noise, uint64_t seed);

}  // namespace nnplay::data
