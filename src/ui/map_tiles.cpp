#include "ui/map_tiles.h"

#include <algorithm>
#include <cmath>

#include "imgui.h"

namespace nnplay::ui {
namespace {

// The channel's range and the tile enlarged.
void tile_tooltip(const MapBlock& b, const gfx::Texture& tex, int k, const char* name) {
  const float fs = ImGui::GetFontSize();
  const float lo = b.lo[static_cast<size_t>(k)], hi = b.hi[static_cast<size_t>(k)];
  ImGui::BeginTooltip();
  ImGui::Text("%s, channel %d: %.3g … %.3g", name, k, lo, hi);
  if (hi == 0.0f && lo == 0.0f) ImGui::TextDisabled("all zero for this image (a dead or silent channel)");
  ImGui::Image(tex.imgui_id(), ImVec2(fs * 10.0f, fs * 10.0f), b.atlas.uv0(k), b.atlas.uv1(k));
  ImGui::EndTooltip();
}

}  // namespace

// The tiles of output t (false: not shown).
bool shape_block(const Tensor& t, int channels, MapBlock* b) {
  if (t.rank() == 4) {
    b->channels = t.dim(1);
    b->tiles = std::min(b->channels, channels);
    b->tile_h = t.dim(2);
    b->tile_w = t.dim(3);
  } else if (t.rank() == 2 || t.rank() == 3) {
    b->vector = true;
    b->channels = b->tiles = 1;
    b->tile_w = std::min(t.rank() == 2 ? t.dim(1) : t.dim(2), kMapMaxWidth);
    b->tile_h = t.rank() == 2 ? 1 : std::min(t.dim(1), kMapMaxSteps);
  } else {
    return false;
  }
  return b->tiles > 0 && b->tile_w > 0 && b->tile_h > 0 && b->tile_w <= kMapMaxWidth;
}

// Tile k: channel k of a map, or the first tile_h × tile_w values of a
// vector/sequence, scaled to its own range.
void fill_block(MapBlock& b, const Tensor& t) {
  b.atlas = Atlas(b.tiles, std::max(1, std::min(b.tiles, (kMapMaxWidth + 1) / (b.tile_w + 1))), b.tile_w, b.tile_h, 1);
  b.lo.assign(static_cast<size_t>(b.tiles), 0.0f);
  b.hi.assign(static_cast<size_t>(b.tiles), 0.0f);
  const int64_t plane = static_cast<int64_t>(b.tile_w) * b.tile_h;
  const int64_t row_len = b.vector ? (t.rank() == 2 ? t.dim(1) : t.dim(2)) : b.tile_w;
  for (int k = 0; k < b.tiles; ++k) {
    const float* base = t.data() + (b.vector ? 0 : static_cast<int64_t>(k) * plane);
    auto value = [&](int y, int x) { return base[static_cast<int64_t>(y) * row_len + x]; };
    float lo = INFINITY, hi = -INFINITY;
    for (int y = 0; y < b.tile_h; ++y)
      for (int x = 0; x < b.tile_w; ++x)
        if (const float f = value(y, x); std::isfinite(f)) lo = std::min(lo, f), hi = std::max(hi, f);
    if (!(lo <= hi)) lo = hi = 0.0f;
    b.lo[static_cast<size_t>(k)] = lo;
    b.hi[static_cast<size_t>(k)] = hi;
    const float range = hi - lo;
    for (int y = 0; y < b.tile_h; ++y)
      for (int x = 0; x < b.tile_w; ++x) {
        const float f = value(y, x);
        // A flat channel: black when it is all zero (dead), mid grey otherwise.
        const float g = !std::isfinite(f) ? 0.0f : range > 1e-12f ? (f - lo) / range : (hi == 0.0f ? 0.0f : 0.5f);
        b.atlas.grey(k, x, y, g);
      }
  }
}

void upload_blocks(const std::vector<MapBlock>& blocks, std::vector<std::unique_ptr<gfx::Texture>>* tex) {
  tex->resize(blocks.size());
  for (size_t k = 0; k < blocks.size(); ++k) {
    if (!(*tex)[k]) (*tex)[k] = std::make_unique<gfx::Texture>();
    blocks[k].atlas.upload(*(*tex)[k]);
  }
}

// A map: one tile per channel, as many per row as fit.
void tiles(const MapBlock& b, const gfx::Texture& tex, const char* name) {
  const float fs = ImGui::GetFontSize(), avail = ImGui::GetContentRegionAvail().x, gap = 3.0f;
  const float d = std::max(fs * 2.4f, std::min(static_cast<float>(b.tile_h), fs * 3.5f));
  const int cols = std::max(1, static_cast<int>((avail + gap) / (d + gap)));
  const int rows = (b.tiles + cols - 1) / cols;
  const float block_h = static_cast<float>(rows) * (d + gap);
  const ImVec2 p0 = ImGui::GetCursorScreenPos();
  if (ImGui::IsRectVisible(p0, ImVec2(p0.x + avail, p0.y + block_h))) {
    ImDrawList* dl = ImGui::GetWindowDrawList();
    for (int k = 0; k < b.tiles; ++k) {
      const ImVec2 q(p0.x + static_cast<float>(k % cols) * (d + gap), p0.y + static_cast<float>(k / cols) * (d + gap));
      const ImVec2 q1(q.x + d, q.y + d);
      b.atlas.draw(dl, tex, k, q, q1);
      const bool hover = ImGui::IsMouseHoveringRect(q, q1) && ImGui::IsWindowHovered();
      dl->AddRect(q, q1, hover ? IM_COL32(200, 40, 140, 255) : IM_COL32(0, 0, 0, 40));
      if (hover) tile_tooltip(b, tex, k, name);
    }
  }
  ImGui::Dummy(ImVec2(avail - 4.0f, block_h));
}

}  // namespace nnplay::ui
