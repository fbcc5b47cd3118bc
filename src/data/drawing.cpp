#include "data/drawing.h"

#include <algorithm>
#include <cmath>

namespace nnplay::data {

void Drawing::stroke(float x0, float y0, float x1, float y1, float radius) {
  const float n = static_cast<float>(kPadSize);
  const float ax = x0 * n, ay = y0 * n, bx = x1 * n, by = y1 * n, r = radius * n;
  const int lo_x = std::max(0, static_cast<int>(std::floor(std::min(ax, bx) - r - 1)));
  const int hi_x = std::min(kPadSize - 1, static_cast<int>(std::ceil(std::max(ax, bx) + r + 1)));
  const int lo_y = std::max(0, static_cast<int>(std::floor(std::min(ay, by) - r - 1)));
  const int hi_y = std::min(kPadSize - 1, static_cast<int>(std::ceil(std::max(ay, by) + r + 1)));
  const float dx = bx - ax, dy = by - ay, len2 = dx * dx + dy * dy;
  for (int y = lo_y; y <= hi_y; ++y)
    for (int x = lo_x; x <= hi_x; ++x) {
      const float px = static_cast<float>(x) + 0.5f, py = static_cast<float>(y) + 0.5f;
      // Distance from the pixel centre to the segment.
      const float t = len2 > 0 ? std::clamp(((px - ax) * dx + (py - ay) * dy) / len2, 0.0f, 1.0f) : 0.0f;
      const float ex = ax + t * dx - px, ey = ay + t * dy - py;
      const float d = std::sqrt(ex * ex + ey * ey);
      const float cover = std::clamp(r - d + 0.5f, 0.0f, 1.0f);  // one pixel of soft edge
      float& v = ink_[static_cast<size_t>(y) * kPadSize + static_cast<size_t>(x)];
      v = std::max(v, cover);
    }
}

void Drawing::clear() { std::fill(ink_.begin(), ink_.end(), 0.0f); }

bool Drawing::empty() const {
  return std::none_of(ink_.begin(), ink_.end(), [](float v) { return v > 0.0f; });
}

namespace {

// Renders the pad into size × size: output pixel (u, v) shows the pad around
// pad point ((u + 0.5 − ox) / s, (v + 0.5 − oy) / s), each output pixel the
// mean of 4 × 4 samples (bilinear in the pad) over its area.
void render(const Drawing& d, float s, float ox, float oy, int size, std::vector<float>* out) {
  constexpr int kSub = 4;
  const int n = Drawing::kPadSize;
  out->assign(static_cast<size_t>(size) * static_cast<size_t>(size), 0.0f);
  for (int v = 0; v < size; ++v)
    for (int u = 0; u < size; ++u) {
      float sum = 0;
      for (int j = 0; j < kSub; ++j)
        for (int i = 0; i < kSub; ++i) {
          const float px = (static_cast<float>(u) + (static_cast<float>(i) + 0.5f) / kSub - ox) / s;
          const float py = (static_cast<float>(v) + (static_cast<float>(j) + 0.5f) / kSub - oy) / s;
          // Bilinear between pad pixel centres (outside the pad: no ink).
          const float fx = px - 0.5f, fy = py - 0.5f;
          const int x = static_cast<int>(std::floor(fx)), y = static_cast<int>(std::floor(fy));
          const float tx = fx - static_cast<float>(x), ty = fy - static_cast<float>(y);
          auto ink = [&](int xx, int yy) { return xx >= 0 && yy >= 0 && xx < n && yy < n ? d.at(xx, yy) : 0.0f; };
          sum += (1 - ty) * ((1 - tx) * ink(x, y) + tx * ink(x + 1, y)) +
                 ty * ((1 - tx) * ink(x, y + 1) + tx * ink(x + 1, y + 1));
        }
      (*out)[static_cast<size_t>(v) * static_cast<size_t>(size) + static_cast<size_t>(u)] =
          std::min(1.0f, sum / (kSub * kSub));
    }
}

}  // namespace

std::vector<float> Drawing::to_image(DrawingFit fit, int size) const {
  const int n = kPadSize;
  int x0 = n, y0 = n, x1 = -1, y1 = -1;
  for (int y = 0; y < n; ++y)
    for (int x = 0; x < n; ++x)
      if (at(x, y) > 0.0f) x0 = std::min(x0, x), x1 = std::max(x1, x), y0 = std::min(y0, y), y1 = std::max(y1, y);
  if (x1 < 0) return std::vector<float>(static_cast<size_t>(size) * static_cast<size_t>(size), 0.0f);
  const float w = static_cast<float>(x1 - x0 + 1), h = static_cast<float>(y1 - y0 + 1);
  const float box = fit == DrawingFit::Digit ? static_cast<float>(size) * 20.0f / 28.0f : static_cast<float>(size);
  const float s = box / std::max(w, h);
  const float centre = static_cast<float>(size) * 0.5f;
  // The bounding box centred first.
  float ox = centre - (static_cast<float>(x0) + w * 0.5f) * s;
  float oy = centre - (static_cast<float>(y0) + h * 0.5f) * s;
  std::vector<float> img;
  render(*this, s, ox, oy, size, &img);
  // Then, for a digit, moved so that the ink's centre of mass is the centre
  // (again after the move: resampling shifts the mass a little).
  for (int pass = 0; pass < 3 && fit == DrawingFit::Digit; ++pass) {
    double m = 0, mx = 0, my = 0;
    for (int v = 0; v < size; ++v)
      for (int u = 0; u < size; ++u) {
        const double a = img[static_cast<size_t>(v) * static_cast<size_t>(size) + static_cast<size_t>(u)];
        m += a;
        mx += a * (u + 0.5);
        my += a * (v + 0.5);
      }
    const float dx = centre - static_cast<float>(mx / m), dy = centre - static_cast<float>(my / m);
    if (!(m > 0) || (std::fabs(dx) < 0.01f && std::fabs(dy) < 0.01f)) break;
    ox += dx;
    oy += dy;
    render(*this, s, ox, oy, size, &img);
  }
  return img;
}

}  // namespace nnplay::data
