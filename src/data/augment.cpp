#include "data/augment.h"

#include <algorithm>
#include <cmath>
#include <vector>

namespace nnplay::data {

void augment_batch(Tensor& x, const AugmentConfig& cfg, Rng& rng, std::vector<float>& scratch) {
  if (!cfg.any() || x.rank() != 4) return;
  const int n = x.dim(0), c = x.dim(1), h = x.dim(2), w = x.dim(3);
  const size_t plane = static_cast<size_t>(h) * static_cast<size_t>(w);
  if (scratch.size() < plane) scratch.resize(plane);
  for (int i = 0; i < n; ++i) {
    // Draw this sample's transform once; apply it to every channel.
    const bool flip = cfg.hflip && (rng.next_u32() & 1u);
    int dx = 0, dy = 0;
    if (cfg.crop_padding > 0) {
      const auto span = static_cast<uint32_t>(2 * cfg.crop_padding + 1);
      dx = static_cast<int>(rng.below(span)) - cfg.crop_padding;
      dy = static_cast<int>(rng.below(span)) - cfg.crop_padding;
    }
    const float angle = cfg.rotate_degrees > 0 ? rng.uniform(-cfg.rotate_degrees, cfg.rotate_degrees) * 0.017453293f : 0.0f;
    const float ca = std::cos(angle), sa = std::sin(angle);
    const float cx = 0.5f * static_cast<float>(w - 1), cy = 0.5f * static_cast<float>(h - 1);
    for (int ch = 0; ch < c; ++ch) {
      float* img = x.data() + (static_cast<int64_t>(i) * c + ch) * static_cast<int64_t>(plane);
      std::copy(img, img + plane, scratch.begin());
      for (int yy = 0; yy < h; ++yy)
        for (int xx = 0; xx < w; ++xx) {
          // Output pixel (xx, yy) samples the source at the inverse transform.
          float sx = static_cast<float>(xx - dx), sy = static_cast<float>(yy - dy);
          if (flip) sx = static_cast<float>(w - 1) - sx;
          float v;
          if (angle != 0.0f) {
            const float rx = ca * (sx - cx) + sa * (sy - cy) + cx;
            const float ry = -sa * (sx - cx) + ca * (sy - cy) + cy;
            const int x0 = static_cast<int>(std::floor(rx)), y0 = static_cast<int>(std::floor(ry));
            const float fx = rx - static_cast<float>(x0), fy = ry - static_cast<float>(y0);
            auto at = [&](int px, int py) {
              return (px < 0 || py < 0 || px >= w || py >= h) ? 0.0f : scratch[static_cast<size_t>(py * w + px)];
            };
            v = (1 - fy) * ((1 - fx) * at(x0, y0) + fx * at(x0 + 1, y0)) + fy * ((1 - fx) * at(x0, y0 + 1) + fx * at(x0 + 1, y0 + 1));
          } else {
            const int px = static_cast<int>(sx), py = static_cast<int>(sy);
            v = (px < 0 || py < 0 || px >= w || py >= h) ? 0.0f : scratch[static_cast<size_t>(py * w + px)];
          }
          img[yy * w + xx] = v;
        }
      if (cfg.noise_std > 0)
        for (size_t k = 0; k < plane; ++k) img[k] += cfg.noise_std * rng.normal();
    }
  }
}

}  // namespace nnplay::data
