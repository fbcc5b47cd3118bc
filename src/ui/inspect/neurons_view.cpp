// neurons_view.cpp — TF Playground's network picture, for any width and
// depth: every unit of an MLP on 2D points drawn as a small heatmap of what
// it computes over the plane [-6, 6]² (blue positive, orange negative, white
// zero; each tile scaled to its own largest |value|), one column per layer
// from the inputs (or the chosen input features) to the last hidden layer,
// joined by links coloured by the weight's sign and as thick as its size.
// Hovering a unit shows its picture large. The output is the Boundary tab.
//
// On images, the same diagram for the first convolution layers of a CNN
// (train::conv_neuron_maps): a validation image (the shared pick,
// ctx.picks.sample), its channels, then each Conv2d layer's channels for it
// after their activation, linked by the sum of each kernel (blue positive,
// orange negative, thicker: larger).
//
// The engine computes the pictures when the weights change, at most every
// ~150 ms while training (every 500 ms for a CNN: a forward pass); they are
// drawn from one texture atlas.
#include <algorithm>
#include <cmath>
#include <cstdio>

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

constexpr int kGrid = 24;       // grid points per axis of a unit's picture
constexpr int kMaxUnits = 16;   // units shown per layer (the first ones)
constexpr int kMaxTile = 32;    // atlas pixels per side of a CNN's channel tile (maps are scaled to it)

// Diverging colour for v in [-1, 1]: orange (negative) - white - blue (positive).
ImU32 diverging(float v) {
  const ImU32 end = v < 0 ? kOrange : kBlue;
  const float t = std::min(1.0f, std::fabs(v));
  auto mix = [&](int shift) {
    const float c = static_cast<float>((end >> shift) & 0xFF);
    return static_cast<ImU32>(std::lround(255.0f + (c - 255.0f) * t)) << shift;
  };
  return mix(IM_COL32_R_SHIFT) | mix(IM_COL32_G_SHIFT) | mix(IM_COL32_B_SHIFT) | IM_COL32_A_MASK;
}

class NeuronsView : public View {
 public:
  void draw(Ctx& ctx) override {
    const data::Dataset* ds = ctx.dataset();
    image_ = ds && ds->sample_shape.rank == 4;
    section(image_ ? "Channels" : "Neurons");
    ImGui::SameLine();
    if (image_) {
      help_marker("The network's first convolution layers on one image. Each square is one channel: its map for "
                  "this image after the layer's activation (blue positive, orange negative, white zero; the input "
                  "in grey). A link joins an input channel to an output channel: blue when the kernel between them "
                  "adds up to a positive weight, orange when negative, thicker when larger. Watch the channels "
                  "become edge and stroke detectors as the network trains. Hover a channel to enlarge it.");
      if (!image_controls(ctx)) return;
    } else {
      help_marker("Each square is one unit: what it outputs for every point of the plane (blue positive, orange "
                "negative, white zero). The first column is the input features; each later unit mixes the previous "
                "column through the links (blue: positive weight, orange: negative, thicker: larger). Watch the "
                "units turn from simple half-planes into curved regions as the network trains. Hover a unit to "
                "enlarge it; the network's output is the Boundary tab.");
    }
    extent_ = ctx.plane_extent();
    update(ctx);
    if (!error_.empty()) {
      ImGui::TextWrapped("%s", error_.c_str());
      return;
    }
    if (maps_.columns.empty()) return;
    ImGui::BeginChild("neurons", ImVec2(0, 0), false);
    const Geometry g = layout();
    links(g);
    tiles(g);
    ImGui::Dummy(ImVec2(g.width, g.height));
    ImGui::EndChild();
  }

 private:
  float extent_ = 6.0f;  // the plane: [-extent_, extent_]² (Ctx::plane_extent)
  struct Geometry {
    ImVec2 origin;
    float tile = 0, col_gap = 0, row_gap = 0, width = 0, height = 0, label_h = 0;
    int rows = 1;  // units in the tallest column
  };

  // Which validation image (the pick the Images and Feature maps tabs share),
  // and how many convolution layers. False when there is no image to show.
  bool image_controls(Ctx& ctx) {
    const std::vector<int32_t>& val = ctx.session().trainer().val_indices();
    if (val.empty()) {
      ImGui::TextDisabled("no validation images yet");
      return false;
    }
    int& pos = ctx.picks.sample;
    pos = std::clamp(pos, 0, static_cast<int>(val.size()) - 1);
    if (ImGui::ArrowButton("##prev", ImGuiDir_Left)) pos = std::max(0, pos - 1);
    ImGui::SameLine();
    if (ImGui::ArrowButton("##next", ImGuiDir_Right)) pos = std::min(static_cast<int>(val.size()) - 1, pos + 1);
    ImGui::SameLine();
    ImGui::AlignTextToFramePadding();
    ImGui::Text("validation image %d of %d", pos + 1, static_cast<int>(val.size()));
    const float w = ImGui::CalcTextSize("3 conv layers").x + ImGui::GetFrameHeight() + ImGui::GetStyle().FramePadding.x * 2;
    same_line_if_fits(w);
    ImGui::SetNextItemWidth(w);
    char cur[32];
    std::snprintf(cur, sizeof cur, "%d conv layer%s", layers_, layers_ == 1 ? "" : "s");
    if (ImGui::BeginCombo("##convs", cur)) {
      for (int k = 1; k <= 3; ++k) {
        std::snprintf(cur, sizeof cur, "%d conv layer%s", k, k == 1 ? "" : "s");
        if (ImGui::Selectable(cur, k == layers_)) layers_ = k;
      }
      ImGui::EndCombo();
    }
    sample_ = val[static_cast<size_t>(pos)];
    return true;
  }

  void update(Ctx& ctx) {
    const double now = ctx.now_ms();
    const train::SessionVersion v = ctx.session().version();
    const std::string options = image_ ? std::to_string(sample_) + "|" + std::to_string(layers_) : "";
    if (!refresh_.due(v, options, now, image_ ? 500.0 : 150.0)) return;
    const Status st = image_ ? train::conv_neuron_maps(ctx.session(), sample_, kMaxUnits, layers_, &maps_)
                             : train::neuron_maps(ctx.session(), kGrid, extent_, kMaxUnits, &maps_);
    error_ = st.ok()   ? ""
             : image_ ? st.message() + ". Choose a CNN (Network → Model: LeNet-5 or one from the zoo) to see its channels."
                      : st.message() + ". Choose a 2D dataset (Data) and an MLP (Network → Model) to see its units.";
    if (st.ok()) paint();
    refresh_.drawn(v, options, now, ctx.now_ms() - now);
  }

  // One tile per unit, each scaled to its own largest |value| (the input
  // image in grey, from its lowest to its highest value). A channel's map is
  // scaled to the atlas tile by nearest neighbour.
  void paint() {
    const int units = static_cast<int>(maps_.values.size());
    int side = kGrid;
    if (!maps_.plane) {
      side = 1;
      for (const train::NeuronColumn& c : maps_.columns) side = std::max({side, c.h, c.w});
      side = std::min(side, kMaxTile);
    }
    atlas_ = Atlas(units, std::max(1, std::min(units, 16)), side, side);
    for (const train::NeuronColumn& c : maps_.columns)
      for (int u = c.first; u < c.first + c.units; ++u) {
        const std::vector<float>& vals = maps_.values[static_cast<size_t>(u)];
        if (maps_.plane) {
          float top = 1e-6f;
          for (float x : vals) top = std::max(top, std::fabs(x));
          for (int j = 0; j < kGrid; ++j)
            for (int i = 0; i < kGrid; ++i)  // grid row 0 is the bottom of the plane
              atlas_.color(u, i, kGrid - 1 - j, diverging(vals[static_cast<size_t>(j * kGrid + i)] / top));
          continue;
        }
        if (vals.empty() || c.h < 1 || c.w < 1) continue;
        const auto [lo, hi] = std::minmax_element(vals.begin(), vals.end());
        const float top = std::max({1e-6f, std::fabs(*lo), std::fabs(*hi)});
        for (int y = 0; y < side; ++y)
          for (int x = 0; x < side; ++x) {
            const float v = vals[static_cast<size_t>((y * c.h / side) * c.w + x * c.w / side)];
            if (c.node == 0) atlas_.grey(u, x, y, (v - *lo) / std::max(1e-6f, *hi - *lo));
            else atlas_.color(u, x, y, diverging(v / top));
          }
      }
    atlas_.upload(texture_, !maps_.plane);
  }

  Geometry layout() const {
    Geometry g;
    const float fs = ImGui::GetFontSize();
    const ImVec2 avail = ImGui::GetContentRegionAvail();
    for (const train::NeuronColumn& c : maps_.columns) g.rows = std::max(g.rows, c.units);
    const int rows = g.rows;
    const float cols = static_cast<float>(maps_.columns.size());
    g.label_h = ImGui::GetTextLineHeightWithSpacing();
    const float by_h = (avail.y - g.label_h) / (static_cast<float>(rows) * 1.25f);
    const float by_w = avail.x / (cols * 2.6f);
    g.tile = std::clamp(std::min(by_h, by_w), fs * 1.6f, fs * 4.5f);
    g.row_gap = g.tile * 0.25f;
    g.col_gap = cols > 1 ? std::max(g.tile * 1.2f, (avail.x - cols * g.tile) / (cols - 1.0f)) : 0.0f;
    g.col_gap = std::min(g.col_gap, g.tile * 4.0f);
    g.width = cols * g.tile + (cols - 1.0f) * g.col_gap;
    g.height = g.label_h + static_cast<float>(rows) * (g.tile + g.row_gap);
    const ImVec2 cur = ImGui::GetCursorScreenPos();
    g.origin = ImVec2(cur.x + std::max(0.0f, (avail.x - g.width) * 0.5f), cur.y);
    return g;
  }

  // Top-left corner of unit u of column c (units centred vertically).
  ImVec2 tile_pos(const Geometry& g, size_t c, int u) const {
    const float offset = static_cast<float>(g.rows - maps_.columns[c].units) * (g.tile + g.row_gap) * 0.5f;
    return ImVec2(g.origin.x + static_cast<float>(c) * (g.tile + g.col_gap),
                  g.origin.y + g.label_h + offset + static_cast<float>(u) * (g.tile + g.row_gap));
  }

  void links(const Geometry& g) const {
    ImDrawList* dl = ImGui::GetWindowDrawList();
    for (size_t c = 1; c < maps_.columns.size(); ++c) {
      const train::NeuronColumn& to = maps_.columns[c];
      const train::NeuronColumn& from = maps_.columns[c - 1];
      const Tensor* w = &to.weights;
      if (w->rank() != 2 || w->dim(1) < from.units || w->dim(0) < to.units) continue;
      float top = 1e-6f;
      for (int64_t k = 0; k < w->numel(); ++k) top = std::max(top, std::fabs((*w)[k]));
      const int in = w->dim(1);
      for (int b = 0; b < to.units; ++b)
        for (int a = 0; a < from.units; ++a) {
          const float v = (*w)[b * in + a] / top;
          const ImVec2 pa = tile_pos(g, c - 1, a), pb = tile_pos(g, c, b);
          const ImU32 col = (v < 0 ? kOrange : kBlue) & 0x00FFFFFFu;
          const auto alpha = static_cast<ImU32>(std::lround(60.0f + 160.0f * std::fabs(v)));
          dl->AddLine(ImVec2(pa.x + g.tile, pa.y + g.tile * 0.5f), ImVec2(pb.x, pb.y + g.tile * 0.5f),
                      col | (alpha << IM_COL32_A_SHIFT), 0.5f + 3.0f * std::fabs(v));
        }
    }
  }

  void tiles(const Geometry& g) const {
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImVec2 mouse = ImGui::GetIO().MousePos;
    for (size_t c = 0; c < maps_.columns.size(); ++c) {
      const train::NeuronColumn& col = maps_.columns[c];
      const ImVec2 head = tile_pos(g, c, 0);
      char label[64];
      std::snprintf(label, sizeof label, "%s", col.title.c_str());
      dl->AddText(ImVec2(head.x, g.origin.y), ImGui::GetColorU32(ImGuiCol_TextDisabled), label);
      for (int u = 0; u < col.units; ++u) {
        const ImVec2 p = tile_pos(g, c, u), q(p.x + g.tile, p.y + g.tile);
        atlas_.draw(dl, texture_, col.first + u, p, q);
        dl->AddRect(p, q, IM_COL32(120, 120, 120, 255));
        if (ImGui::IsWindowHovered() && mouse.x >= p.x && mouse.x < q.x && mouse.y >= p.y && mouse.y < q.y)
          enlarged(col, u);
      }
    }
  }

  void enlarged(const train::NeuronColumn& col, int u) const {
    ImGui::BeginTooltip();
    ImGui::Text("%s, %s %d", col.title.c_str(), maps_.plane ? "unit" : "channel", u + 1);
    const float side = ImGui::GetFontSize() * 10.0f;
    const ImVec2 p = ImGui::GetCursorScreenPos();
    atlas_.draw(ImGui::GetWindowDrawList(), texture_, col.first + u, p, ImVec2(p.x + side, p.y + side));
    ImGui::Dummy(ImVec2(side, side));
    if (maps_.plane) notef("x₁ → right, x₂ → up, over [-%g, %g]²", static_cast<double>(extent_), static_cast<double>(extent_));
    else notef("its %d × %d map for this image", col.h, col.w);
    ImGui::EndTooltip();
  }

  bool image_ = false;  // images: a CNN's channels (else units over the plane)
  int32_t sample_ = 0;  // the image shown (a dataset index)
  int layers_ = 2;      // convolution layers shown
  train::NeuronMaps maps_;
  Atlas atlas_;
  gfx::Texture texture_;
  Refresh refresh_;
  std::string error_;
};

}  // namespace

std::unique_ptr<View> make_neurons_view() { return std::make_unique<NeuronsView>(); }

}  // namespace nnplay::ui
