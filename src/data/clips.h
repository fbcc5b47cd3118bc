// clips.h — generated video clips for 3D convolution (lecture "3D
// Convolutional Network (3D CNN), 2011": 3D filters take temporal coherence
// into account).
//
// "moving_dots": each sample is a clip of kClipFrames grey frames of
// kClipSize × kClipSize pixels in which 1–3 dots (2×2 pixels, brightness
// 0.6–1, over a background of 0.1) all move one pixel per frame in the same
// one of four directions; the label is that direction:
//   0 right (+x), 1 down (+y: rows grow downwards), 2 left (−x), 3 up (−y).
// The frame wraps around (a dot leaving one edge re-enters at the opposite
// one), so any single frame shows dots at uniformly random places whatever
// the direction: the direction is only in how the frames follow each other.
//   x: (N, 1, T, H, W) = (N, 1, 8, 16, 16) in [0, 1] (uint8 storage), NCDHW
//      as Conv3d (nn/conv3d.h) reads it: one channel, depth = time
//   y: direction in [0, 4)
// noise in [0, 0.5] is the standard deviation of gaussian pixel noise added
// to every frame independently (clamped to [0, 1]); at noise 0 frame t + 1 is
// frame t shifted by one pixel (with wrap-around) in the labelled direction.
#pragma once

#include "data/dataset.h"

namespace nnplay::data {

inline constexpr int kClipFrames = 8;
inline constexpr int kClipSize = 16;
/// The directions' (dx, dy) per frame, by label: right, down, left, up.
inline constexpr int kClipDirections[4][2] = {{1, 0}, {0, 1}, {-1, 0}, {0, -1}};

Dataset make_moving_dots(int num_samples, float noise, uint64_t seed);

}  // namespace nnplay::data
