// map_tiles.h — a network node's output as a picture: each channel of a
// feature map as one grey tile scaled to its own range, a vector or a
// sequence as one strip; drawn as tiles with a tooltip that enlarges one.
// The feature-map view and the draw pad show activations this way.
#pragma once

#include <memory>
#include <vector>

#include "core/tensor.h"
#include "gfx/texture.h"
#include "ui/images.h"

namespace nnplay::ui {

inline constexpr int kMapMaxWidth = 1024;  // widest map or vector shown (a vector: its first values)
inline constexpr int kMapMaxSteps = 256;   // time steps of a sequence shown

// One node's picture: `tiles` channels of tile_w × tile_h, or one tile for a
// whole vector / sequence.
struct MapBlock {
  int node = 0;
  int tiles = 0, channels = 0;  // tiles shown, channels the node has
  int tile_w = 0, tile_h = 0;
  bool vector = false;          // (1, D) or (1, T, D): one tile for all of it
  std::vector<float> lo, hi;    // per tile value range (for the tooltip)
  Atlas atlas;
};

/// The tiles of output t (one sample: (1, C, H, W) maps, (1, D) vectors, (1, T, D)
/// sequences), at most `channels` of a map; false when t is not shown so.
bool shape_block(const Tensor& t, int channels, MapBlock* b);
/// Makes b's atlas; tile k: channel k of a map, or the first tile_h × tile_w
/// values of a vector/sequence, scaled to its own range.
void fill_block(MapBlock& b, const Tensor& t);
/// Uploads each block's atlas into its own texture (made as needed; (*tex)[k] for blocks[k]).
void upload_blocks(const std::vector<MapBlock>& blocks, std::vector<std::unique_ptr<gfx::Texture>>* tex);
/// A map: one tile per channel, as many per row as fit the width, each
/// between 2.4 and 3.5 font heights; hovering one enlarges it.
void tiles(const MapBlock& b, const gfx::Texture& tex, const char* name);

}  // namespace nnplay::ui
