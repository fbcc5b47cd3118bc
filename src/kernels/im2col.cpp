#include "kernels/im2col.h"

#include <algorithm>
#include <cstdint>

#include "kernels/simd.h"

namespace nnplay::kernels {
namespace {

// Lines are short (out_w floats: 28 and 10 for LeNet): simd.h's vector line
// helpers, not std::copy/std::fill, which in wasm become calls into libc's
// byte-oriented memcpy/memmove/memset (~15% of a LeNet training step in a
// V8 profile).

// Output positions o in [0, out) whose input index o·stride + offset lies in
// [0, in): returns [lo, hi). offset = k·dilation − pad.
void valid_range(int out, int in, int stride, int offset, int* lo, int* hi) {
  // o·stride + offset >= 0  <=>  o >= ceil(−offset / stride)
  int l = offset >= 0 ? 0 : (-offset + stride - 1) / stride;
  // o·stride + offset <= in − 1  <=>  o <= floor((in − 1 − offset) / stride)
  int h = in - 1 - offset < 0 ? 0 : (in - 1 - offset) / stride + 1;
  l = std::min(l, out);
  h = std::clamp(h, l, out);
  *lo = l;
  *hi = h;
}

// Walks every (row, output depth, output height) line of col and calls
// line(col_line, x_line_or_null, ow_lo, ow_hi, w_offset) where x_line is the
// input row feeding it (null when that row lies in the padding).
template <class Line>
void for_each_line(const ConvGeometry& g, Line&& line) {
  const int64_t plane = int64_t{g.in_h} * g.in_w, volume = plane * g.in_d;
  const int64_t cols = g.col_cols();
  int64_t row = 0;
  for (int c = 0; c < g.channels; ++c) {
    for (int a = 0; a < g.kernel_d; ++a) {
      for (int i = 0; i < g.kernel_h; ++i) {
        for (int j = 0; j < g.kernel_w; ++j, ++row) {
          const int off_w = j * g.dilation_w - g.pad_w;
          int ow_lo = 0, ow_hi = 0;
          valid_range(g.out_w, g.in_w, g.stride_w, off_w, &ow_lo, &ow_hi);
          for (int od = 0; od < g.out_d; ++od) {
            const int id = od * g.stride_d - g.pad_d + a * g.dilation_d;
            for (int oh = 0; oh < g.out_h; ++oh) {
              const int ih = oh * g.stride_h - g.pad_h + i * g.dilation_h;
              const int64_t col_at = row * cols + (int64_t{od} * g.out_h + oh) * g.out_w;
              const bool inside = id >= 0 && id < g.in_d && ih >= 0 && ih < g.in_h;
              const int64_t x_at = inside ? c * volume + id * plane + int64_t{ih} * g.in_w : -1;
              line(col_at, x_at, ow_lo, ow_hi, off_w);
            }
          }
        }
      }
    }
  }
}

}  // namespace

bool ConvGeometry::is_pointwise() const {
  return kernel_volume() == 1 && stride_d == 1 && stride_h == 1 && stride_w == 1 && pad_d == 0 && pad_h == 0 &&
         pad_w == 0 && out_d == in_d && out_h == in_h && out_w == in_w;
}

int conv_out_size(int in, int kernel, int stride, int pad_total, int dilation) {
  const int span = in + pad_total - dilation * (kernel - 1) - 1;
  if (span < 0) return 0;
  return span / stride + 1;
}

void im2col_f32(const ConvGeometry& g, const float* x, float* col) {
  const int sw = g.stride_w, ow_n = g.out_w;
  for_each_line(g, [&](int64_t col_at, int64_t x_at, int lo, int hi, int off_w) {
    float* out = col + col_at;
    if (x_at < 0 || lo >= hi) {
      zero_line_f32(ow_n, out);
      return;
    }
    const float* in = x + x_at;
    if (lo > 0 || hi < ow_n) zero_line_f32(ow_n, out);  // padding at either end; the copy overwrites the rest
    if (sw == 1) {
      copy_line_f32(in + lo + off_w, hi - lo, out + lo);
    } else {
      for (int ow = lo; ow < hi; ++ow) out[ow] = in[ow * sw + off_w];
    }
  });
}

void col2im_f32(const ConvGeometry& g, const float* col, float* dx) {
  const int sw = g.stride_w;
  for_each_line(g, [&](int64_t col_at, int64_t x_at, int lo, int hi, int off_w) {
    if (x_at < 0) return;  // padding receives no gradient
    const float* in = col + col_at;
    float* out = dx + x_at;
    if (sw == 1) add_line_f32(in + lo, hi - lo, out + lo + off_w);
    else
      for (int ow = lo; ow < hi; ++ow) out[ow * sw + off_w] += in[ow];
  });
}

}  // namespace nnplay::kernels
