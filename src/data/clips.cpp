#include "data/clips.h"

#include <algorithm>
#include <cmath>

namespace nnplay::data {
namespace {

constexpr float kBackground = 0.1f;
constexpr int kDot = 2;  // a dot is kDot × kDot pixels

int wrap(int v) { return ((v % kClipSize) + kClipSize) % kClipSize; }

// One clip (T·S·S floats, frame-major) with `dots` dots moving by `dir`.
void draw_clip(Rng& rng, int dir, float* clip) {
  const int S = kClipSize;
  std::fill(clip, clip + kClipFrames * S * S, kBackground);
  const int dots = 1 + static_cast<int>(rng.below(3));
  for (int k = 0; k < dots; ++k) {
    const int x0 = static_cast<int>(rng.below(static_cast<uint32_t>(S))), y0 = static_cast<int>(rng.below(static_cast<uint32_t>(S)));
    const float bright = rng.uniform(0.6f, 1.0f);
    for (int t = 0; t < kClipFrames; ++t) {
      float* frame = clip + t * S * S;
      const int x = x0 + t * kClipDirections[dir][0], y = y0 + t * kClipDirections[dir][1];
      for (int a = 0; a < kDot; ++a)
        for (int b = 0; b < kDot; ++b) {
          float& p = frame[wrap(y + a) * S + wrap(x + b)];
          p = std::max(p, bright);
        }
    }
  }
}

}  // namespace

Dataset make_moving_dots(int num_samples, float noise, uint64_t seed) {
  Rng rng(seed, RngStream::Data);
  const int per = kClipFrames * kClipSize * kClipSize;
  Dataset ds;
  ds.name = "moving_dots";
  ds.sample_shape = Shape{1, 1, kClipFrames, kClipSize, kClipSize};
  ds.num_classes = 4;
  ds.class_names = {"right", "down", "left", "up"};
  ds.x_u8.resize(static_cast<size_t>(num_samples) * static_cast<size_t>(per));
  ds.y.resize(static_cast<size_t>(num_samples));
  std::vector<float> clip(static_cast<size_t>(per));
  for (int i = 0; i < num_samples; ++i) {
    const int dir = static_cast<int>(rng.below(4));
    draw_clip(rng, dir, clip.data());
    if (noise > 0)
      for (float& v : clip) v += noise * rng.normal();
    uint8_t* dst = ds.x_u8.data() + static_cast<size_t>(i) * static_cast<size_t>(per);
    for (int p = 0; p < per; ++p)
      dst[p] = static_cast<uint8_t>(std::lround(std::clamp(clip[static_cast<size_t>(p)], 0.0f, 1.0f) * 255.0f));
    ds.y[static_cast<size_t>(i)] = dir;
  }
  return ds;
}

}  // namespace nnplay::data
