#include "data/shapes.h"

#include <algorithm>
#include <cmath>

namespace nnplay::data {

Dataset make_shapes(int num_samples, float noise, uint64_t seed) {
  Rng rng(seed, RngStream::Data);
  const int S = kShapesSize;
  Dataset ds;
  ds.name = "shapes";
  ds.sample_shape = Shape{1, 1, S, S};
  ds.num_classes = 4;
  ds.class_names = {"background", "disc", "square", "triangle"};
  ds.x_u8.resize(static_cast<size_t>(num_samples * S * S));
  ds.y_dense.resize(static_cast<size_t>(num_samples * S * S));
  ds.y.resize(static_cast<size_t>(num_samples));
  const float sigma = 0.05f + 0.5f * noise;
  std::vector<float> img(static_cast<size_t>(S * S));
  for (int i = 0; i < num_samples; ++i) {
    uint8_t* mask = ds.y_dense.data() + static_cast<size_t>(i * S * S);
    std::fill(mask, mask + S * S, uint8_t{0});
    for (float& v : img) v = 0.2f + sigma * rng.normal();
    const int count = 1 + static_cast<int>(rng.below(3));
    int last_class = 0;
    for (int k = 0; k < count; ++k) {
      const int cls = 1 + static_cast<int>(rng.below(3));
      const float r = rng.uniform(4.0f, 8.0f);
      const float cx = rng.uniform(r, static_cast<float>(S) - r), cy = rng.uniform(r, static_cast<float>(S) - r);
      const float bright = rng.uniform(0.6f, 1.0f);
      for (int y = 0; y < S; ++y)
        for (int x = 0; x < S; ++x) {
          const float px = static_cast<float>(x) + 0.5f - cx, py = static_cast<float>(y) + 0.5f - cy;
          bool inside = false;
          if (cls == 1) inside = px * px + py * py <= r * r;
          if (cls == 2) inside = std::abs(px) <= r * 0.8f && std::abs(py) <= r * 0.8f;
          if (cls == 3) inside = py <= r * 0.7f && py >= -r && std::abs(px) <= (py + r) * 0.6f;  // apex up
          if (inside) {
            img[static_cast<size_t>(y * S + x)] = bright + sigma * rng.normal();
            mask[y * S + x] = static_cast<uint8_t>(cls);
          }
        }
      last_class = cls;
    }
    uint8_t* dst = ds.x_u8.data() + static_cast<size_t>(i * S * S);
    for (int p = 0; p < S * S; ++p)
      dst[p] = static_cast<uint8_t>(std::lround(std::clamp(img[static_cast<size_t>(p)], 0.0f, 1.0f) * 255.0f));
    ds.y[static_cast<size_t>(i)] = last_class;  // the top shape, for browsing; training uses the mask
  }
  return ds;
}

}  // namespace nnplay::data
