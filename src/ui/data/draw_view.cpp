// draw_view.cpp — the draw pad, for the 28×28 grey image sets (MNIST,
// Fashion-MNIST): a student draws a digit or a garment with the mouse or a
// finger and sees, live, the image the network is given (data/drawing.h fits
// the drawing as the dataset's images were made), the network's class
// probabilities for it, and its first feature maps. While training runs they
// follow the weights (at most every 250 ms).
//
// The probabilities are the softmax of the logits (a sigmoid for one logit),
// from Session::predict in eval mode: the pad never disturbs training. What
// the network read is also in Ctx::drawing, for the page's screen-reader text
// and the browser test (App::api_ui).
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <memory>

#include "data/drawing.h"
#include "gfx/texture.h"
#include "imgui.h"
#include "ui/context.h"
#include "ui/images.h"
#include "ui/map_tiles.h"
#include "ui/refresh.h"
#include "ui/view.h"
#include "ui/widgets.h"

namespace nnplay::ui {
namespace {

constexpr int kMapNodes = 2;      // spatial layers shown under the pad
constexpr int kMapChannels = 16;  // channels shown per layer

class DrawView : public View {
 public:
  void draw(Ctx& ctx) override {
    const data::Dataset* ds = ctx.dataset();
    if (!ds) return;
    const bool garment = ctx.config().dataset == "fashion_mnist";
    section(garment ? "Draw a garment" : "Draw a digit");
    note(garment ? "Draw with the mouse or a finger. Like Fashion-MNIST's photos, the drawing is scaled to fill the "
                   "28×28 frame and centred before the network sees it."
                 : "Draw with the mouse or a finger. Like MNIST's digits, the drawing is scaled into a 20×20 box and "
                   "centred by its mass in 28×28 before the network sees it.");
    const float fs = ImGui::GetFontSize();
    const ImVec2 avail = ImGui::GetContentRegionAvail();
    const bool side_by_side = avail.x >= fs * 26.0f;
    const float side = std::clamp(side_by_side ? avail.x * 0.45f : avail.x - fs, fs * 8.0f, fs * 18.0f);
    const ImVec2 top = ImGui::GetCursorScreenPos();
    pad(ctx, side);
    if (ImGui::Button("Clear")) {
      pad_.clear();
      strokes_.clear();
      ++pad_version_;
    }
    ImGui::SameLine();
    ImGui::SetNextItemWidth(fs * 7.0f);
    ImGui::SliderFloat("brush", &radius_, 0.02f, 0.08f, "%.2f");
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("the stroke's radius, as a share of the pad's side");
    update(ctx, garment ? data::DrawingFit::Garment : data::DrawingFit::Digit);
    const ImVec2 after_pad = ImGui::GetCursorScreenPos();
    if (side_by_side) {
      ImGui::SetCursorScreenPos(ImVec2(top.x + side + fs * 1.5f, top.y));
      ImGui::BeginGroup();
      reading(*ds);
      ImGui::EndGroup();
      ImGui::SetCursorScreenPos(ImVec2(after_pad.x, std::max(after_pad.y, ImGui::GetItemRectMax().y) + fs * 0.5f));
    } else {
      reading(*ds);
    }
    maps(ctx);
  }

 private:
  // 1. The pad: black, the strokes in white; a press draws a dot, a drag a stroke.
  void pad(Ctx& ctx, float side) {
    const ImVec2 p0 = ImGui::GetCursorScreenPos(), p1(p0.x + side, p0.y + side);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddRectFilled(p0, p1, IM_COL32(0, 0, 0, 255));
    ImGui::InvisibleButton("pad", ImVec2(side, side));
    ctx.regions["pad"] = {p0.x, p0.y, side, side};
    const ImVec2 m = ImGui::GetIO().MousePos;
    const ImVec2 at(std::clamp((m.x - p0.x) / side, 0.0f, 1.0f), std::clamp((m.y - p0.y) / side, 0.0f, 1.0f));
    if (ImGui::IsItemActivated()) {
      strokes_.push_back({{at}, radius_});
      pad_.stroke(at.x, at.y, at.x, at.y, radius_);
      ++pad_version_;
    } else if (ImGui::IsItemActive() && !strokes_.empty()) {
      const ImVec2 last = strokes_.back().points.back();
      if (std::hypot(at.x - last.x, at.y - last.y) >= 0.004f) {
        strokes_.back().points.push_back(at);
        pad_.stroke(last.x, last.y, at.x, at.y, radius_);
        ++pad_version_;
      }
    }
    dl->PushClipRect(p0, p1, true);
    for (const Stroke& stroke : strokes_) {
      const float r = stroke.radius * side;
      const std::vector<ImVec2>& pts = stroke.points;
      auto screen = [&](ImVec2 q) { return ImVec2(p0.x + q.x * side, p0.y + q.y * side); };
      for (size_t i = 0; i < pts.size(); ++i) {
        dl->AddCircleFilled(screen(pts[i]), r, IM_COL32_WHITE);
        if (i > 0) dl->AddLine(screen(pts[i - 1]), screen(pts[i]), IM_COL32_WHITE, 2.0f * r);
      }
    }
    dl->PopClipRect();
    if (strokes_.empty()) {
      const char* hint = "draw here";
      const ImVec2 ts = ImGui::CalcTextSize(hint);
      dl->AddText(ImVec2(p0.x + (side - ts.x) * 0.5f, p0.y + (side - ts.y) * 0.5f), IM_COL32(150, 150, 150, 255), hint);
    }
    dl->AddRect(p0, p1, IM_COL32(0, 0, 0, 120));
  }

  // 2. The network's reading: when the drawing changed, and as the weights train.
  void update(Ctx& ctx, data::DrawingFit fit) {
    const train::SessionVersion v = ctx.session().version();
    const std::string options = std::to_string(pad_version_) + (fit == data::DrawingFit::Digit ? "d" : "g");
    const double now = ctx.now_ms();
    if (!refresh_.due(v, options, now, 250.0)) return;
    probs_.clear();
    blocks_.clear();
    ctx.drawing = {};
    if (!pad_.empty()) {
      const std::vector<float> img = pad_.to_image(fit);
      x_.resize(Shape{1, 1, 28, 28});
      std::copy(img.begin(), img.end(), x_.data());
      if (ctx.session().predict(x_, &logits_).ok()) {
        softmax();
        build_maps(ctx.session().model());
      }
      input_ = Atlas(1, 1, 28, 28);
      fill_images(input_, x_);
      input_.upload(input_tex_);
      ctx.drawing.probs = probs_;
      ctx.drawing.predicted =
          probs_.empty() ? -1 : static_cast<int>(std::max_element(probs_.begin(), probs_.end()) - probs_.begin());
    }
    ++ctx.drawing.version;
    refresh_.drawn(v, options, now, ctx.now_ms() - now);
  }

  void softmax() {
    const int64_t n = logits_.numel();
    const float* z = logits_.data();
    if (n == 1) {  // one logit: two classes through a sigmoid
      const float p = 1.0f / (1.0f + std::exp(-z[0]));
      probs_ = {1.0f - p, p};
      return;
    }
    const float mx = *std::max_element(z, z + n);
    probs_.resize(static_cast<size_t>(n));
    float sum = 0;
    for (int64_t i = 0; i < n; ++i) sum += probs_[static_cast<size_t>(i)] = std::exp(z[i] - mx);
    for (float& p : probs_) p /= sum;
  }

  // The first spatial layers after the input, from the forward pass predict just ran.
  void build_maps(const nn::Model& model) {
    const auto& nodes = model.nodes();
    for (size_t i = 1; i < nodes.size() && static_cast<int>(blocks_.size()) < kMapNodes; ++i) {
      const Tensor& t = nodes[i].y;
      if (t.rank() != 4) continue;
      MapBlock b;
      b.node = static_cast<int>(i);
      if (!shape_block(t, kMapChannels, &b)) continue;
      fill_block(b, t);
      blocks_.push_back(std::move(b));
    }
    upload_blocks(blocks_, &tex_);
  }

  // 3. What the network sees, and its probabilities, most likely first.
  void reading(const data::Dataset& ds) {
    const float fs = ImGui::GetFontSize();
    if (pad_.empty()) {
      ImGui::TextDisabled("The network's reading appears here.");
      return;
    }
    ImGui::TextUnformatted("The network sees");
    ImGui::Image(input_tex_.imgui_id(), ImVec2(fs * 5.0f, fs * 5.0f), input_.uv0(0), input_.uv1(0));
    if (probs_.empty()) {
      ImGui::TextDisabled("no prediction (the network does not take this image)");
      return;
    }
    std::vector<int> order(probs_.size());
    for (size_t i = 0; i < order.size(); ++i) order[i] = static_cast<int>(i);
    std::stable_sort(order.begin(), order.end(), [&](int a, int b) { return probs_[static_cast<size_t>(a)] > probs_[static_cast<size_t>(b)]; });
    ImGui::Text("It reads: %s (%.0f%%)", ds.class_name(order[0]), 100.0f * probs_[static_cast<size_t>(order[0])]);
    const float name_w = fs * 6.0f, bar_w = std::max(fs * 6.0f, std::min(fs * 12.0f, ImGui::GetContentRegionAvail().x - name_w));
    for (size_t k = 0; k < order.size(); ++k) {
      const int c = order[k];
      const float p = probs_[static_cast<size_t>(c)];
      ImGui::AlignTextToFramePadding();
      ImGui::TextUnformatted(ds.class_name(c));
      ImGui::SameLine(name_w);
      char pct[16];
      std::snprintf(pct, sizeof pct, "%.1f%%", 100.0f * p);
      ImGui::PushStyleColor(ImGuiCol_PlotHistogram, k == 0 ? ImGui::ColorConvertU32ToFloat4(kRight)
                                                            : ImGui::GetStyleColorVec4(ImGuiCol_PlotHistogram));
      ImGui::ProgressBar(p, ImVec2(bar_w, fs * 1.1f), pct);
      ImGui::PopStyleColor();
    }
  }

  // 4. The first feature maps for the drawing.
  void maps(Ctx& ctx) {
    if (blocks_.empty()) return;
    ImGui::Spacing();
    ImGui::TextUnformatted("First feature maps for your drawing");
    const auto& nodes = ctx.session().model().nodes();
    for (size_t k = 0; k < blocks_.size(); ++k) {
      const MapBlock& b = blocks_[k];
      if (static_cast<size_t>(b.node) >= nodes.size()) break;
      const nn::Node& n = nodes[static_cast<size_t>(b.node)];
      ImGui::TextDisabled("%s  %s%s", n.name.c_str(), n.layer->type_name(),
                          b.tiles < b.channels ? "  (first channels)" : "");
      tiles(b, *tex_[k], n.name.c_str());
    }
  }

  data::Drawing pad_;
  struct Stroke {
    std::vector<ImVec2> points;  // pad coordinates in [0, 1]
    float radius = 0;            // its brush, in pad sides
  };
  std::vector<Stroke> strokes_;  // as drawn (pad_ holds their ink)
  float radius_ = 0.045f;                     // the brush, in pad sides
  uint64_t pad_version_ = 0;
  Refresh refresh_;
  Tensor x_, logits_;
  std::vector<float> probs_;
  Atlas input_;
  gfx::Texture input_tex_;
  std::vector<MapBlock> blocks_;
  std::vector<std::unique_ptr<gfx::Texture>> tex_;
};

}  // namespace

std::unique_ptr<View> make_draw_view() { return std::make_unique<DrawView>(); }

}  // namespace nnplay::ui
