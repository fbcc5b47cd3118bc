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
#include "ui/map_tiles.h"
#include "ui/refresh.h"
#include "ui/view.h"
#include "ui/widgets.h"

namespace nnplay::ui {
namespace {

constexpr int64_t kMaxPixels = 1 << 22;  // all atlases together (nodes past it are left out)
constexpr int kChannelChoices[] = {8, 16, 32, 64};

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
      const MapBlock& b = blocks_[k];
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
      MapBlock b;
      b.node = static_cast<int>(i);
      if (!shape_block(t, channels_, &b)) continue;
      fill_block(b, t);
      pixels += static_cast<int64_t>(b.atlas.width()) * b.atlas.height();
      if (pixels > kMaxPixels) break;
      blocks_.push_back(std::move(b));
    }
    upload_blocks(blocks_, &tex_);
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
  static void heading(Ctx& ctx, const MapBlock& b, const nn::Node& n, const char* name) {
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
  static void strip(const MapBlock& b, const gfx::Texture& tex) {
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

  int channels_ = 16;  // channels shown per node
  Refresh refresh_;
  std::vector<MapBlock> blocks_;
  std::vector<std::unique_ptr<gfx::Texture>> tex_;  // one per block
  int prediction_ = -1;
  train::Predictions pred_;
  Tensor x_, logits_;
};

}  // namespace

std::unique_ptr<View> make_maps_view() { return std::make_unique<MapsView>(); }

}  // namespace nnplay::ui
