// pool.cpp — see pool.h. The 2x2/stride-2 window is unrolled: no bounds
// checks, no loop over taps (the general loop in MaxPool2d was 25% of a wasm
// LeNet-5 training step), and four outputs at a time are one f32x4
// each of the window's four taps (even/odd lanes of two input rows).
#include "kernels/pool.h"

#include "kernels/simd.h"

namespace nnplay::kernels {
namespace {

// One output row: y[ow], argmax[ow] for ow in [0, out_w); r0/r1 the two input
// rows, base = index of r0[0] within the plane. The vector path keeps each
// lane's argmax as a float (the plane offset of the tap taken; exact below
// 2^24, which the caller checks) and converts four at once.
NNP_KERNEL_NOINLINE void pool_row(const float* r0, const float* r1, int out_w, int in_w, int32_t base, bool vector_ok,
                                  float* y, int32_t* argmax) {
  int ow = 0;
  if (vector_ok) {
    const f32x4 off1 = f32x4_splat(1.0f), off2 = f32x4_splat(static_cast<float>(in_w)),
                off3 = f32x4_splat(static_cast<float>(in_w + 1)), step = f32x4_splat(8.0f);
    alignas(16) const float lane0[4] = {0.0f, 2.0f, 4.0f, 6.0f};
    f32x4 at = f32x4_add(f32x4_splat(static_cast<float>(base)), f32x4_load(lane0));  // r0[2·ow] of each lane
    for (; ow + 4 <= out_w; ow += 4, at = f32x4_add(at, step)) {
      const int c = 2 * ow;
      const f32x4 a0 = f32x4_load(r0 + c), a1 = f32x4_load(r0 + c + 4);
      const f32x4 b0 = f32x4_load(r1 + c), b1 = f32x4_load(r1 + c + 4);
      // Window order (row-major): r0 even, r0 odd, r1 even, r1 odd; the offset of the tap taken.
      f32x4 best = f32x4_even(a0, a1), off = f32x4_zero();
      const f32x4 taps[3] = {f32x4_odd(a0, a1), f32x4_even(b0, b1), f32x4_odd(b0, b1)};
      const f32x4 offs[3] = {off1, off2, off3};
      for (int t = 0; t < 3; ++t) {
        const f32x4 v = taps[t];
        // v > best || v is NaN: the first maximum wins ties, a NaN is taken (the last one)
        const f32x4 take = f32x4_or(f32x4_gt(v, best), f32x4_ne(v, v));
        best = f32x4_select(take, v, best);
        off = f32x4_select(take, offs[t], off);
      }
      f32x4_store(y + ow, best);
      f32x4_store_i32(argmax + ow, f32x4_add(at, off));
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
  const bool vector_ok = plane < (int64_t{1} << 24);  // float offsets are exact
  for (int64_t p = 0; p < planes; ++p) {
    const float* xp = x + p * plane;
    for (int oh = 0; oh < out_h; ++oh) {
      const float* r0 = xp + int64_t{2 * oh} * in_w;
      pool_row(r0, r0 + in_w, out_w, in_w, 2 * oh * in_w, vector_ok, y, argmax);
      y += out_w;
      argmax += out_w;
    }
  }
}

}  // namespace nnplay::kernels
