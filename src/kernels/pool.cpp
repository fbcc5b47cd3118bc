// pool.cpp — see pool.h. The 2x2/stride-2 window is unrolled: no bounds
// checks, no loop over taps (the general loop in MaxPool2d was 25% of a wasm
// LeNet-5 training step, issue 5), and four outputs at a time are one f32x4
// each of the window's four taps (even/odd lanes of two input rows).
#include "kernels/pool.h"

#include "kernels/simd.h"

namespace nnplay::kernels {
namespace {

// One output row: y[ow], argmax[ow] for ow in [0, out_w); r0/r1 the two input
// rows, base = index of r0[0] within the plane.
NNP_KERNEL_NOINLINE void pool_row(const float* r0, const float* r1, int out_w, int in_w, int32_t base, float* y,
                                  int32_t* argmax) {
  int ow = 0;
  const f32x4 one = f32x4_splat(1.0f), two = f32x4_splat(2.0f), three = f32x4_splat(3.0f);
  for (; ow + 4 <= out_w; ow += 4) {
    const int c = 2 * ow;
    const f32x4 a0 = f32x4_load(r0 + c), a1 = f32x4_load(r0 + c + 4);
    const f32x4 b0 = f32x4_load(r1 + c), b1 = f32x4_load(r1 + c + 4);
    // Window order (row-major): r0 even, r0 odd, r1 even, r1 odd; the code of the tap taken.
    f32x4 best = f32x4_even(a0, a1), code = f32x4_zero();
    const f32x4 taps[3] = {f32x4_odd(a0, a1), f32x4_even(b0, b1), f32x4_odd(b0, b1)};
    const f32x4 codes[3] = {one, two, three};
    for (int t = 0; t < 3; ++t) {
      const f32x4 v = taps[t];
      // v > best || v is NaN: the first maximum wins ties, a NaN is taken (the last one)
      const f32x4 take = f32x4_or(f32x4_gt(v, best), f32x4_ne(v, v));
      best = f32x4_select(take, v, best);
      code = f32x4_select(take, codes[t], code);
    }
    f32x4_store(y + ow, best);
    alignas(16) float k[4];
    f32x4_store(k, code);
    for (int q = 0; q < 4; ++q) {
      const int32_t kc = static_cast<int32_t>(k[q]);
      argmax[ow + q] = base + 2 * (ow + q) + (kc & 1) + (kc >> 1) * in_w;
    }
  }
  for (; ow < out_w; ++ow) {
    const int c = 2 * ow;
    const int32_t at = base + c;
    float best = r0[c];
    int32_t arg = at;
    float v = r0[c + 1];
    if (v > best || v != v) {
      best = v;
      arg = at + 1;
    }
    v = r1[c];
    if (v > best || v != v) {
      best = v;
      arg = at + in_w;
    }
    v = r1[c + 1];
    if (v > best || v != v) {
      best = v;
      arg = at + in_w + 1;
    }
    y[ow] = best;
    argmax[ow] = arg;
  }
}

}  // namespace

void max_pool2d_2x2_f32(int64_t planes, int in_h, int in_w, const float* x, float* y, int32_t* argmax) {
  const int out_h = in_h / 2, out_w = in_w / 2;
  const int64_t plane = int64_t{in_h} * in_w;
  for (int64_t p = 0; p < planes; ++p) {
    const float* xp = x + p * plane;
    for (int oh = 0; oh < out_h; ++oh) {
      const float* r0 = xp + int64_t{2 * oh} * in_w;
      pool_row(r0, r0 + in_w, out_w, in_w, 2 * oh * in_w, y, argmax);
      y += out_w;
      argmax += out_w;
    }
  }
}

}  // namespace nnplay::kernels
