// pool.h — pooling kernels for the common window shapes; nn/max_pool2d.cpp
// keeps the general (any kernel, stride, padding, dilation) loop.
//
// Shapes: x: (planes, in_h, in_w) with planes = N·C; y, argmax: (planes, out_h, out_w).
#pragma once

#include <cstdint>

namespace nnplay::kernels {

/// 2x2 max pooling, stride 2, no padding (LeNet's): out_h = in_h / 2,
/// out_w = in_w / 2 (a trailing odd row/column is skipped, as PyTorch).
/// argmax[o] = index within its input plane of the chosen element, with the
/// generic loop's rules: the first maximum in row-major window order wins
/// ties, and a NaN in the window is chosen (the last one if several).
void max_pool2d_2x2_f32(int64_t planes, int in_h, int in_w, const float* x, float* y, int32_t* argmax);

}  // namespace nnplay::kernels
