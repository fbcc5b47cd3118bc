// filters_view.cpp — the weights of a convolution (the first by default),
// one grey tile per filter and input channel, grey = 0, each filter scaled
// to its largest |w|: the first layer's filters are edge and blob detectors
// a student can read. One atlas texture, made again when the layer or the
// network changes and at most every second while the weights train.
#include <algorithm>
#include <cmath>
#include <cstdio>

#include "gfx/texture.h"
#include "imgui.h"
#include "ui/context.h"
#include "ui/images.h"
#include "ui/refresh.h"
#include "ui/view.h"
#include "ui/widgets.h"

namespace nnplay::ui {
namespace {

constexpr int kMaxOut = 64, kMaxIn = 16;  // filters and input channels shown (the first ones)

std::vector<int> conv_nodes(const std::vector<nn::Node>& nodes) {
  std::vector<int> convs;
  for (size_t i = 1; i < nodes.size(); ++i)
    if (std::string(nodes[i].layer->type_name()) == "Conv2d") convs.push_back(static_cast<int>(i));
  return convs;
}

const Tensor* weight_of(const nn::Node& node) {
  const Tensor* w = nullptr;
  for (const ParamRef& p : node.layer->params())
    if (std::string(p.id.name) == "weight") w = p.value;
  return w && w->rank() == 4 ? w : nullptr;
}

class FiltersView : public View {
 public:
  void draw(Ctx& ctx) override {
    const auto& nodes = ctx.session().model().nodes();
    const std::vector<int> convs = conv_nodes(nodes);
    if (convs.empty()) {
      ImGui::TextWrapped("This network has no convolution. Pick a CNN in Network → Model (LeNet-5, ResNet, …) to see "
                         "what its first layer learns.");
      return;
    }
    if (std::find(convs.begin(), convs.end(), node_) == convs.end()) node_ = convs.front();
    pick_layer(nodes, convs);
    const Tensor* w = weight_of(nodes[static_cast<size_t>(node_)]);
    if (!w) return;
    update(ctx, *w);
    explain(*w);
    ImGui::BeginChild("filters", ImVec2(0, 0), false);
    grid();
    ImGui::EndChild();
  }

 private:
  // 1. Which convolution.
  void pick_layer(const std::vector<nn::Node>& nodes, const std::vector<int>& convs) {
    const nn::Node& node = nodes[static_cast<size_t>(node_)];
    ImGui::SetNextItemWidth(-label_space("Layer"));
    if (ImGui::BeginCombo("Layer", (node.name + "  " + node.layer->describe()).c_str())) {
      for (int i : convs) {
        const nn::Node& n = nodes[static_cast<size_t>(i)];
        if (ImGui::Selectable((n.name + "  " + n.layer->describe()).c_str(), i == node_)) node_ = i;
      }
      ImGui::EndCombo();
    }
    help_marker("The first convolution looks at pixels: its filters are edge and blob detectors you can read. Deeper "
                "ones combine feature maps (one tile per output × input channel).");
  }

  // 2. The atlas: one tile per (output, input) channel pair; with one input
  //    channel the filters wrap into a grid of 16 per row.
  void update(Ctx& ctx, const Tensor& w) {
    const train::SessionVersion v = ctx.session().version();
    const std::string options = std::to_string(node_);
    const double now = ctx.now_ms();
    if (!refresh_.due(v, options, now, 1000.0)) return;
    const int out = w.dim(0), in = w.dim(1), kh = w.dim(2), kw = w.dim(3);
    out_ = std::min(out, kMaxOut);
    in_ = std::min(in, kMaxIn);
    atlas_ = Atlas(in_ == 1 ? out_ : out_ * in_, in_ == 1 ? std::min(out_, 16) : in_, kw, kh, 1);
    for (int o = 0; o < out_; ++o) {
      const float* f = w.data() + static_cast<int64_t>(o) * in * kh * kw;
      float m = 0.0f;
      for (int64_t j = 0; j < static_cast<int64_t>(in) * kh * kw; ++j)
        if (std::isfinite(f[j])) m = std::max(m, std::fabs(f[j]));
      for (int c = 0; c < in_; ++c) {
        const int t = in_ == 1 ? o : o * in_ + c;
        for (int y = 0; y < kh; ++y)
          for (int x = 0; x < kw; ++x) {
            const float val = f[(static_cast<int64_t>(c) * kh + y) * kw + x];
            atlas_.grey(t, x, y, m > 0 && std::isfinite(val) ? 0.5f + 0.5f * val / m : 0.5f);
          }
      }
    }
    atlas_.upload(tex_);
    refresh_.drawn(v, options, now, ctx.now_ms() - now);
  }

  void explain(const Tensor& w) const {
    const int out = w.dim(0), in = w.dim(1), kh = w.dim(2), kw = w.dim(3);
    char text[320];
    std::snprintf(text, sizeof text,
                  "%d filters of %d×%d over %d input channel%s%s. White = positive weight, black = negative, "
                  "grey = 0 (each filter scaled to its largest |w|).",
                  out, kh, kw, in, in == 1 ? "" : "s", out > out_ || in > in_ ? " (the first ones shown)" : "");
    note(text);
  }

  // 3. The tiles: a grid of filters (one input channel), or output rows ×
  //    input columns.
  void grid() const {
    const float fs = ImGui::GetFontSize(), avail = ImGui::GetContentRegionAvail().x;
    const int tiles = atlas_.tiles();
    if (tiles == 0) return;
    const int cols = in_ == 1 ? std::min(tiles, std::max(1, static_cast<int>(avail / (fs * 3.2f)))) : in_;
    const float gap = in_ == 1 ? 6.0f : 2.0f;
    const float d = std::clamp((avail - gap * static_cast<float>(cols)) / static_cast<float>(cols), 6.0f, fs * 5.0f);
    const ImVec2 p0 = ImGui::GetCursorScreenPos();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    for (int t = 0; t < tiles; ++t) {
      const ImVec2 q(p0.x + static_cast<float>(t % cols) * (d + gap), p0.y + static_cast<float>(t / cols) * (d + gap));
      const ImVec2 q1(q.x + d, q.y + d);
      atlas_.draw(dl, tex_, t, q, q1);
      dl->AddRect(q, q1, IM_COL32(0, 0, 0, 50));
      if (ImGui::IsMouseHoveringRect(q, q1) && ImGui::IsWindowHovered()) tile_tooltip(t);
    }
    const int rows = (tiles + cols - 1) / cols;
    ImGui::Dummy(ImVec2(avail, static_cast<float>(rows) * (d + gap)));
    if (in_ > 1) ImGui::TextDisabled("rows: output channels · columns: input channels");
  }

  void tile_tooltip(int t) const {
    const float fs = ImGui::GetFontSize();
    const int o = in_ == 1 ? t : t / in_, c = in_ == 1 ? 0 : t % in_;
    ImGui::BeginTooltip();
    ImGui::Text("filter %d, input channel %d", o, c);
    ImGui::Image(tex_.imgui_id(), ImVec2(fs * 8.0f, fs * 8.0f), atlas_.uv0(t), atlas_.uv1(t));
    ImGui::EndTooltip();
  }

  int node_ = -1;          // node index of the conv layer shown (-1 = the first)
  int out_ = 0, in_ = 0;   // filters and input channels in the atlas
  Refresh refresh_;
  Atlas atlas_;
  gfx::Texture tex_;
};

}  // namespace

std::unique_ptr<View> make_filters_view() { return std::make_unique<FiltersView>(); }

}  // namespace nnplay::ui
