// pool.cpp — see pool.h. The 2x2/stride-2 window is unrolled: no bounds
// checks, no loop over taps (the general loop in MaxPool2d was 25% of a wasm
// LeNet-5 training step, issue 5).
#include "kernels/pool.h"

namespace nnplay::kernels {

void max_pool2d_2x2_f32(int64_t planes, int in_h, int in_w, const float* x, float* y, int32_t* argmax) {
  const int out_h = in_h / 2, out_w = in_w / 2;
  const int64_t plane = int64_t{in_h} * in_w;
  for (int64_t p = 0; p < planes; ++p) {
    const float* xp = x + p * plane;
    for (int oh = 0; oh < out_h; ++oh) {
      const float* r0 = xp + int64_t{2 * oh} * in_w;
      const float* r1 = r0 + in_w;
      for (int ow = 0; ow < out_w; ++ow) {
        const int c = 2 * ow;
        const int32_t base = 2 * oh * in_w + c;
        float best = r0[c];
        int32_t arg = base;
        float v = r0[c + 1];
        if (v > best || v != v) {
          best = v;
          arg = base + 1;
        }
        v = r1[c];
        if (v > best || v != v) {
          best = v;
          arg = base + in_w;
        }
        v = r1[c + 1];
        if (v > best || v != v) {
          best = v;
          arg = base + in_w + 1;
        }
        *y++ = best;
        *argmax++ = arg;
      }
    }
  }
}

}  // namespace nnplay::kernels
