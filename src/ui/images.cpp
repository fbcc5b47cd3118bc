// images.cpp — see images.h.
#include "ui/images.h"

#include <algorithm>

namespace nnplay::ui {

Atlas::Atlas(int tiles, int cols, int tile_w, int tile_h, int gap, ImU32 background)
    : tiles_(tiles), cols_(std::max(1, cols)), tw_(tile_w), th_(tile_h), gap_(gap) {
  const int rows = std::max(1, (tiles + cols_ - 1) / cols_);
  w_ = std::max(1, cols_ * (tw_ + gap_));
  h_ = std::max(1, rows * (th_ + gap_));
  rgba_.resize(static_cast<size_t>(w_) * static_cast<size_t>(h_) * 4);
  for (size_t i = 0; i < rgba_.size(); i += 4) {
    rgba_[i] = static_cast<uint8_t>(background >> IM_COL32_R_SHIFT);
    rgba_[i + 1] = static_cast<uint8_t>(background >> IM_COL32_G_SHIFT);
    rgba_[i + 2] = static_cast<uint8_t>(background >> IM_COL32_B_SHIFT);
    rgba_[i + 3] = static_cast<uint8_t>(background >> IM_COL32_A_SHIFT);
  }
}

void Atlas::color(int k, int x, int y, ImU32 c) {
  const int px = (k % cols_) * (tw_ + gap_) + x, py = (k / cols_) * (th_ + gap_) + y;
  uint8_t* p = &rgba_[(static_cast<size_t>(py) * static_cast<size_t>(w_) + static_cast<size_t>(px)) * 4];
  p[0] = static_cast<uint8_t>(c >> IM_COL32_R_SHIFT);
  p[1] = static_cast<uint8_t>(c >> IM_COL32_G_SHIFT);
  p[2] = static_cast<uint8_t>(c >> IM_COL32_B_SHIFT);
  p[3] = 255;
}

void Atlas::grey(int k, int x, int y, float v) {
  const int g = static_cast<int>(std::clamp(v, 0.0f, 1.0f) * 255.0f + 0.5f);
  color(k, x, y, IM_COL32(g, g, g, 255));
}

ImVec2 Atlas::uv0(int k) const {
  return ImVec2(static_cast<float>((k % cols_) * (tw_ + gap_)) / static_cast<float>(w_),
                static_cast<float>((k / cols_) * (th_ + gap_)) / static_cast<float>(h_));
}

ImVec2 Atlas::uv1(int k) const {
  const ImVec2 a = uv0(k);
  return ImVec2(a.x + static_cast<float>(tw_) / static_cast<float>(w_), a.y + static_cast<float>(th_) / static_cast<float>(h_));
}

void Atlas::upload(gfx::Texture& tex, bool nearest) const { tex.upload_rgba(w_, h_, rgba_.data(), nearest); }

void Atlas::draw(ImDrawList* dl, const gfx::Texture& tex, int k, ImVec2 p0, ImVec2 p1) const {
  dl->AddImage(tex.imgui_id(), p0, p1, uv0(k), uv1(k));
}

void fill_samples(Atlas& atlas, const data::Dataset& ds, std::span<const int32_t> idx) {
  const int h = ds.sample_shape[2], w = ds.sample_shape[3];
  for (size_t k = 0; k < idx.size() && static_cast<int>(k) < atlas.tiles(); ++k)
    for (int y = 0; y < h; ++y)
      for (int x = 0; x < w; ++x) atlas.grey(static_cast<int>(k), x, y, ds.feature(idx[k], y * w + x));
}

void fill_images(Atlas& atlas, const Tensor& x) {
  const int n = x.dim(0), h = x.dim(2), w = x.dim(3);
  for (int k = 0; k < n && k < atlas.tiles(); ++k)
    for (int y = 0; y < h; ++y)
      for (int xx = 0; xx < w; ++xx) atlas.grey(k, xx, y, x.data()[(static_cast<int64_t>(k) * h + y) * w + xx]);
}

}  // namespace nnplay::ui
