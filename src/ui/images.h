// images.h — pictures made on the CPU for one texture: an atlas of equal
// tiles (sample images, feature-map channels, filters, masks), each tile's
// texture coordinates, and the grey images of dataset samples.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "data/dataset.h"
#include "gfx/texture.h"
#include "imgui.h"

namespace nnplay::ui {

class Atlas {
 public:
  Atlas() = default;
  /// `tiles` tiles of tile_w × tile_h pixels, `cols` per row, `gap` pixels
  /// between them (filled with `background`).
  Atlas(int tiles, int cols, int tile_w, int tile_h, int gap = 0, ImU32 background = IM_COL32(255, 255, 255, 255));
  int width() const { return w_; }
  int height() const { return h_; }
  int tiles() const { return tiles_; }
  /// Pixel (x, y) of tile k: grey level v in [0, 1] (clamped), or a colour.
  void grey(int k, int x, int y, float v);
  void color(int k, int x, int y, ImU32 c);
  /// Texture coordinates of tile k's corners.
  ImVec2 uv0(int k) const;
  ImVec2 uv1(int k) const;
  /// Uploads the pixels (nearest filtering keeps 28×28 pixels crisp).
  void upload(gfx::Texture& tex, bool nearest = true) const;
  /// Draws tile k of `tex` (uploaded from this atlas) into the rectangle p0–p1.
  void draw(ImDrawList* dl, const gfx::Texture& tex, int k, ImVec2 p0, ImVec2 p1) const;

 private:
  int tiles_ = 0, cols_ = 1, tw_ = 0, th_ = 0, gap_ = 0, w_ = 0, h_ = 0;
  std::vector<uint8_t> rgba_;
};

/// Tile k = the grey image of sample idx[k] of an image dataset.
void fill_samples(Atlas& atlas, const data::Dataset& ds, std::span<const int32_t> idx);
/// Tile k = image k of a (n, 1, H, W) tensor with values in [0, 1].
void fill_images(Atlas& atlas, const Tensor& x);

}  // namespace nnplay::ui
