// maps_view.cpp — what an image network computes: one validation image (the
// shared pick, ctx.picks.sample) through the network in eval mode
// (train::predict_samples), then every node's output model().nodes()[i].y:
// each channel as a small grey tile scaled to its own range; vectors (after
// Flatten / Linear) as one strip, sequences as a T × D grid.
//
// Each node's tiles go into one atlas, made again when the image, the
// channel count or the network changes, and at most every 2 s while the
// weights train: a forward pass per refresh, never per frame.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <memory>

#include "gfx/texture.h"
#include "imgui.h"
#include "train/inspect.h"
#include "ui/context.h"
#include "ui/images.h"
#include "ui/refresh.h"
#include "ui/view.h"
#include "ui/widgets.h"

namespace nnplay::ui {
namespace {

constexpr int kMaxWidth = 1024;          // widest map or vector shown (a vector: its first values)
constexpr int kMaxSteps = 256;           // time steps of a sequence shown
constexpr int64_t kMaxPixels = 1 << 22;  // all atlases together (nodes past it are left out)
constexpr int kChannelChoices[] = {8, 16, 32, 64};

// One node's picture: `tiles` channels of tile_w × tile_h, or one tile for a
// whole vector / sequence.
struct Block {
  int node = 0;
  int tiles = 0, channels = 0;  // tiles shown, channels the node has
  int tile_w = 0, tile_h = 0;
  bool vector = false;          // (1, D) or (1, T, D): one tile for all of it
  std::vector<float> lo, hi;    // per tile value range (for the tooltip)
  Atlas atlas;
};

class MapsView : public View {
 public:
  void draw(Ctx& ctx) override {
    const data::Dataset* ds = ctx.dataset();
    const std::vector<int32_t>& val = ctx.session().trainer().val_indices();
    if (!ds || !ds->is_image() || val.empty()) return;
    ctx.picks.sample = std::clamp(ctx.picks.sample, 0, static_cast<int>(val.size()) - 1);
    controls(ctx, static_cast<int>(val.size()));
    const int32_t sample = val[static_cast<size_t>(ctx.picks.sample)];
    update(ctx, *ds, sample);
    truth_line(*ds, sample);
    if (blocks_.empty()) {
      ImGui::TextDisabled("no feature maps yet");
      return;
    }
    note("Every layer's output for this image (eval mode). Each tile is one channel scaled to its own range: "
         "white = its highest value, black = its lowest. Hover a tile to enlarge it.");
    ImGui::BeginChild("maps", ImVec2(0, 0), false);
    const auto& nodes = ctx.session().model().nodes();
    for (size_t k = 0; k < blocks_.size(); ++k) {
      const Block& b = blocks_[k];
      if (static_cast<size_t>(b.node) >= nodes.size()) break;
      const char* name = b.node == 0 ? "input" : nodes[static_cast<size_t>(b.node)].name.c_str();
      heading(ctx, b, nodes[static_cast<size_t>(b.node)], name);
      if (b.vector) strip(b, *tex_[k]);
      else tiles(b, *tex_[k], name);
    }
    ImGui::EndChild();
  }

 private:
  // 1. Which image, how many channels.
  void controls(Ctx& ctx, int count) {
    int& pos = ctx.picks.sample;
    if (ImGui::ArrowButton("##prev", ImGuiDir_Left)) pos = std::max(0, pos - 1);
    ImGui::SameLine();
    if (ImGui::ArrowButton("##next", ImGuiDir_Right)) pos = std::min(count - 1, pos + 1);
    ImGui::SameLine();
    ImGui::AlignTextToFramePadding();
    ImGui::Text("validation image %d of %d", pos + 1, count);
    const float combo_w = ImGui::CalcTextSize("64 channels").x + ImGui::GetFrameHeight() + ImGui::GetStyle().FramePadding.x * 2;
    same_line_if_fits(combo_w);
    ImGui::SetNextItemWidth(combo_w);
    char cur[32];
    std::snprintf(cur, sizeof cur, "%d channels", channels_);
    if (ImGui::BeginCombo("##ch", cur)) {
      for (int c : kChannelChoices) {
        std::snprintf(cur, sizeof cur, "%d channels", c);
        if (ImGui::Selectable(cur, c == channels_)) channels_ = c;
      }
      ImGui::EndCombo();
    }
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("channels shown per layer (the first ones)");
  }

  // 2. The forward pass and the atlases: at once when the image, the channel
  //    count or the network changed, every 2 s while training.
  void update(Ctx& ctx, const data::Dataset& ds, int32_t sample) {
    const train::SessionVersion v = ctx.session().version();
    const std::string options = std::to_string(sample) + "|" + std::to_string(channels_);
    const double now = ctx.now_ms();
    if (!refresh_.due(v, options, now, 2000.0)) return;
    blocks_.clear();
    prediction_ = -1;
    const int32_t one[1] = {sample};
    if (train::predict_samples(ctx.session(), one, &pred_, &x_, &logits_).ok()) {
      if (!ds.dense() && !pred_.classes.empty()) prediction_ = pred_.classes[0];
      build(ctx.session().model());
    }
    refresh_.drawn(v, options, now, ctx.now_ms() - now);
  }

  // One block per node whose output is a map, a vector or a sequence; the
  // node outputs are those of the forward pass predict_samples just ran.
  void build(const nn::Model& model) {
    const auto& nodes = model.nodes();
    int64_t pixels = 0;
    for (size_t i = 0; i < nodes.size(); ++i) {
      const Tensor& t = i == 0 ? x_ : nodes[i].y;
      Block b;
      b.node = static_cast<int>(i);
      if (!shape_block(t, channels_, &b)) continue;
      b.atlas = Atlas(b.tiles, std::max(1, std::min(b.tiles, (kMaxWidth + 1) / (b.tile_w + 1))), b.tile_w, b.tile_h, 1);
      pixels += static_cast<int64_t>(b.atlas.width()) * b.atlas.height();
      if (pixels > kMaxPixels) break;
      fill_block(b, t);
      blocks_.push_back(std::move(b));
    }
    tex_.resize(blocks_.size());
    for (size_t k = 0; k < blocks_.size(); ++k) {
      if (!tex_[k]) tex_[k] = std::make_unique<gfx::Texture>();
      blocks_[k].atlas.upload(*tex_[k]);
    }
  }

  // The tiles of output t (false: not shown).
  static bool shape_block(const Tensor& t, int channels, Block* b) {
    if (t.rank() == 4) {
      b->channels = t.dim(1);
      b->tiles = std::min(b->channels, channels);
      b->tile_h = t.dim(2);
      b->tile_w = t.dim(3);
    } else if (t.rank() == 2 || t.rank() == 3) {
      b->vector = true;
      b->channels = b->tiles = 1;
      b->tile_w = std::min(t.rank() == 2 ? t.dim(1) : t.dim(2), kMaxWidth);
      b->tile_h = t.rank() == 2 ? 1 : std::min(t.dim(1), kMaxSteps);
    } else {
      return false;
    }
    return b->tiles > 0 && b->tile_w > 0 && b->tile_h > 0 && b->tile_w <= kMaxWidth;
  }

  // Tile k: channel k of a map, or the first tile_h × tile_w values of a
  // vector/sequence, scaled to its own range.
  static void fill_block(Block& b, const Tensor& t) {
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

  // 3. The image's true and predicted class.
  void truth_line(const data::Dataset& ds, int32_t sample) const {
    if (ds.dense()) return;
    const int truth = ds.y[static_cast<size_t>(sample)];
    ImGui::Text("true: %s", ds.class_name(truth));
    ImGui::SameLine();
    const ImVec4 color = prediction_ < 0        ? ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled)
                         : prediction_ == truth ? ImGui::ColorConvertU32ToFloat4(kRight)
                                                : ImGui::ColorConvertU32ToFloat4(kWrong);
    ImGui::TextColored(color, "· predicted: %s", prediction_ >= 0 ? ds.class_name(prediction_) : "…");
  }

  // 4. The blocks: a heading (the selected node in magenta, scrolled to once
  //    after a double-click in the graph), then the tiles or the strip.
  static void heading(Ctx& ctx, const Block& b, const nn::Node& n, const char* name) {
    const bool selected = b.node == ctx.picks.node;
    if (selected && ctx.picks.scroll_to_node) {
      ImGui::SetScrollHereY(0.0f);
      ctx.picks.scroll_to_node = false;
    }
    const std::string shape = format_shape(n.shape);
    ImGui::PushStyleColor(ImGuiCol_Text,
                          selected ? ImVec4(0.75f, 0.2f, 0.55f, 1.0f) : ImGui::GetStyleColorVec4(ImGuiCol_Text));
    ImGui::TextUnformatted(name);
    ImGui::PopStyleColor();
    ImGui::SameLine();
    if (b.node == 0) ImGui::TextDisabled("%s", shape.c_str());
    else if (b.tiles < b.channels)
      ImGui::TextDisabled("%s  %s  (first %d of %d channels)", n.layer->type_name(), shape.c_str(), b.tiles, b.channels);
    else ImGui::TextDisabled("%s  %s", n.layer->type_name(), shape.c_str());
  }

  // A vector: one strip (or a T × D grid for sequences), stretched to the width.
  static void strip(const Block& b, const gfx::Texture& tex) {
    const float fs = ImGui::GetFontSize(), avail = ImGui::GetContentRegionAvail().x;
    const float h = b.tile_h == 1 ? fs * 0.9f : std::min(fs * 6.0f, static_cast<float>(b.tile_h) * 3.0f);
    const ImVec2 p0 = ImGui::GetCursorScreenPos(), p1(p0.x + avail - 4.0f, p0.y + h);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    b.atlas.draw(dl, tex, 0, p0, p1);
    dl->AddRect(p0, p1, IM_COL32(0, 0, 0, 60));
    ImGui::Dummy(ImVec2(avail - 4.0f, h));
    if (ImGui::IsItemHovered())
      ImGui::SetTooltip("%d values, from %.3g (black) to %.3g (white)", b.tile_w * b.tile_h, b.lo[0], b.hi[0]);
    ImGui::Spacing();
  }

  // A map: one tile per channel, as many per row as fit.
  static void tiles(const Block& b, const gfx::Texture& tex, const char* name) {
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

  // The channel's range and the tile enlarged.
  static void tile_tooltip(const Block& b, const gfx::Texture& tex, int k, const char* name) {
    const float fs = ImGui::GetFontSize();
    const float lo = b.lo[static_cast<size_t>(k)], hi = b.hi[static_cast<size_t>(k)];
    ImGui::BeginTooltip();
    ImGui::Text("%s, channel %d: %.3g … %.3g", name, k, lo, hi);
    if (hi == 0.0f && lo == 0.0f) ImGui::TextDisabled("all zero for this image (a dead or silent channel)");
    ImGui::Image(tex.imgui_id(), ImVec2(fs * 10.0f, fs * 10.0f), b.atlas.uv0(k), b.atlas.uv1(k));
    ImGui::EndTooltip();
  }

  int channels_ = 16;  // channels shown per node
  Refresh refresh_;
  std::vector<Block> blocks_;
  std::vector<std::unique_ptr<gfx::Texture>> tex_;  // one per block
  int prediction_ = -1;
  train::Predictions pred_;
  Tensor x_, logits_;
};

}  // namespace

std::unique_ptr<View> make_maps_view() { return std::make_unique<MapsView>(); }

}  // namespace nnplay::ui
