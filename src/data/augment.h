// augment.h — data augmentation for image batches (lecture: AlexNet's "data
// augmentation": horizontal flip, crop, rotate; "adding noise to the input:
// a special kind of augmentation"), applied to training batches only, with
// randomness from the Augment stream.
//
//   x: (N, C, H, W), values in [0, 1]; modified in place, per sample:
//   hflip          mirror left-right with probability 1/2. NOT label preserving
//                  for digits or letters (6/9, b/d: the lecture's warning), so
//                  it is off by default there
//   crop_padding p pad by p zeros on every side, crop a random H×W window
//                  (= shift by dx, dy ∈ [−p, p], zero fill)
//   rotate r       rotate by a uniform angle in [−r, r] degrees about the
//                  centre, bilinear, zero fill
//   noise σ        add N(0, σ²) to every pixel
#pragma once

#include "core/rng.h"
#include "core/tensor.h"

namespace nnplay::data {

struct AugmentConfig {
  bool hflip = false;
  int crop_padding = 0;
  float rotate_degrees = 0;
  float noise_std = 0;
  bool any() const { return hflip || crop_padding > 0 || rotate_degrees > 0 || noise_std > 0; }
};

/// Augments every sample of x in place. `scratch` is resized to one H×W
/// plane (planned once: no allocation per call after the first).
void augment_batch(Tensor& x, const AugmentConfig& cfg, Rng& rng, std::vector<float>& scratch);

}  // namespace nnplay::data
