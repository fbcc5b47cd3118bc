// boundary_view.cpp — for the 2D sets: what the network predicts over the
// plane [-6, 6]² (a CSV's: as wide as its points), as a heatmap under the data points (TF Playground's main
// picture).
//
// When the weights change (at most every ~80 ms while training), the engine
// computes the network's score for class 1 on a kGrid × kGrid grid
// (train::boundary_scores); gfx::Heatmap colours it on the GPU
// (shaders/boundary.frag.glsl). Points: orange = class 0, blue = class 1;
// training points with a white rim, validation points with a dark rim. Each
// point is one textured quad from a small sprite atlas made at the drawn
// size: two triangles instead of ~50 for two anti-aliased circles, which
// keeps software renderers (Mesa llvmpipe, SwiftShader) fast.
//
// Clicks (the generated sets, ConvNetJS's 2D demo): a click or tap adds a
// point of the class chosen under the picture where it lands, a right-click
// or a long press (0.5 s, touch) removes the nearest point. Each edit is the
// `points` setting (data/point_edits.h) sent as one command, so training goes
// on with the same weights and the boundary moves towards the new points.
#include <algorithm>
#include <cmath>
#include <cstdio>

#include "data/point_edits.h"
#include "gfx/heatmap.h"
#include "gfx/texture.h"
#include "imgui.h"
#include "train/inspect.h"
#include "ui/context.h"
#include "ui/plot.h"
#include "ui/refresh.h"
#include "ui/view.h"
#include "ui/widgets.h"

namespace nnplay::ui {
namespace {

constexpr int kGrid = 64;        // scores grid

// 2x2 sprite atlas, tile = (fill class, rim kind): RGBA with straight alpha.
std::vector<uint8_t> make_point_sprites(int tile, float radius, float rim) {
  const int n = tile * 2;
  std::vector<uint8_t> px(static_cast<size_t>(n) * static_cast<size_t>(n) * 4, 0);
  const uint8_t fills[2][3] = {{245, 147, 34}, {8, 119, 189}};  // kOrange, kBlue
  const uint8_t rims[2][3] = {{255, 255, 255}, {30, 30, 30}};   // training, validation
  const float c = static_cast<float>(tile) * 0.5f;
  for (int ty = 0; ty < 2; ++ty)
    for (int tx = 0; tx < 2; ++tx)
      for (int y = 0; y < tile; ++y)
        for (int x = 0; x < tile; ++x) {
          const float dx = static_cast<float>(x) + 0.5f - c, dy = static_cast<float>(y) + 0.5f - c;
          const float d = std::sqrt(dx * dx + dy * dy);
          const float outer = std::clamp(radius + rim - d + 0.5f, 0.0f, 1.0f);
          const float inner = std::clamp(radius - d + 0.5f, 0.0f, 1.0f);
          uint8_t* p = &px[(static_cast<size_t>(ty * tile + y) * static_cast<size_t>(n) +
                            static_cast<size_t>(tx * tile + x)) * 4];
          for (int k = 0; k < 3; ++k)
            p[k] = static_cast<uint8_t>(std::lround(inner * fills[tx][k] + (1.0f - inner) * rims[ty][k]));
          p[3] = static_cast<uint8_t>(std::lround(outer * 255.0f));
        }
  return px;
}

using Plane = PlaneSquare;

class BoundaryView : public View {
 public:
  void draw(Ctx& ctx) override {
    const data::Dataset* ds = ctx.dataset();
    if (!ds) return;
    section(ds->regression() ? "Prediction over the plane" : "Decision boundary");
    if (!init_) {
      init_ = true;
      const Status st = heatmap_.init();
      if (!st.ok()) gfx_error_ = st.to_string();
    }
    if (!gfx_error_.empty()) error_text(gfx_error_);
    extent_ = ctx.plane_extent();
    update_scores(ctx);
    regression_ = ds->regression();
    editable_ = data::takes_point_edits(ctx.data_info());
    const ImVec2 cur = ImGui::GetCursorScreenPos();
    const Plane p = layout();
    picture(p);
    ctx.regions["plane"] = {p.a.x, p.a.y, p.side, p.side};
    if (editable_) {
      clicks(ctx, *ds, p);
      ds = ctx.dataset();  // an edit replaced the set: never draw the old one
      if (!ds) return;
    }
    p.ticks(ImGui::GetWindowDrawList(), 2);
    points(ctx, *ds, p);
    hover_readout(p);
    controls(ctx, cur, p);
  }

 private:
  float extent_ = 6.0f;  // the plane shown is [-extent_, extent_]² (Ctx::plane_extent)
  // 1. The scores, again when the weights changed (at most every 80 ms while training).
  void update_scores(Ctx& ctx) {
    const double now = ctx.now_ms();
    const train::SessionVersion v = ctx.session().version();
    if (!refresh_.due(v, "", now, 80.0)) return;
    if (train::boundary_scores(ctx.session(), kGrid, extent_, &scores_).ok()) heatmap_.set_scores(kGrid, scores_);
    else scores_.clear();
    refresh_.drawn(v, "", now, ctx.now_ms() - now);
  }

  // 2. A square picture with tick labels left and below, controls under it.
  Plane layout() const {
    const float fs = ImGui::GetFontSize();
    const float label_w = ImGui::CalcTextSize("-6").x + fs * 0.4f;
    const float controls_h = ImGui::GetFrameHeightWithSpacing() * (editable_ ? 3.3f : 2.2f);
    const ImVec2 avail = ImGui::GetContentRegionAvail();
    const float side = std::max(fs * 6.0f, std::min(avail.x - label_w - fs * 0.5f, avail.y - controls_h - fs * 1.6f));
    const ImVec2 cur = ImGui::GetCursorScreenPos();
    const float ox = cur.x + std::max(label_w, (avail.x - side) * 0.5f);
    return Plane{ImVec2(ox, cur.y), ImVec2(ox + side, cur.y + side), side, extent_};
  }

  void picture(const Plane& p) {
    ImGui::SetCursorScreenPos(p.a);
    const float scale = ImGui::GetIO().DisplayFramebufferScale.x;
    heatmap_.render(static_cast<int>(p.side * (scale > 0 ? scale : 1.0f)), discretize_);
    if (heatmap_.ready() && heatmap_.imgui_id())
      ImGui::Image(heatmap_.imgui_id(), ImVec2(p.side, p.side), ImVec2(0, 1), ImVec2(1, 0));
    else ImGui::Dummy(ImVec2(p.side, p.side));
    // One button over the picture takes the presses (so a drag never moves the window).
    ImGui::SetCursorScreenPos(p.a);
    ImGui::InvisibleButton("plane", ImVec2(p.side, p.side), ImGuiButtonFlags_MouseButtonLeft |
                                                              ImGuiButtonFlags_MouseButtonRight);
    hovered_ = ImGui::IsItemHovered();
  }

  // Clicks on the picture edit the set: add (click, tap), remove (right-click, long press).
  void clicks(Ctx& ctx, const data::Dataset& ds, const Plane& p) {
    const ImGuiIO& io = ImGui::GetIO();
    const float slop = ImGui::GetFontSize() * 0.5f;  // a press that moved further is no click
    if (ImGui::IsItemActivated()) long_done_ = false;
    const ImVec2 drag = ImGui::GetMouseDragDelta(ImGuiMouseButton_Left, slop);
    const bool still = drag.x == 0.0f && drag.y == 0.0f;
    if (ImGui::IsItemActive() && ImGui::IsMouseDown(ImGuiMouseButton_Left) && !long_done_ && still &&
        io.MouseDownDuration[ImGuiMouseButton_Left] >= 0.5f) {
      long_done_ = true;  // a long press removes, and its release adds nothing
      remove_near(ctx, ds, p, io.MouseClickedPos[ImGuiMouseButton_Left]);
    }
    if (ImGui::IsItemDeactivated() && ImGui::IsMouseReleased(ImGuiMouseButton_Left) && !long_done_ && still) {
      const ImVec2 at = p.to_plane(io.MouseClickedPos[ImGuiMouseButton_Left]);
      auto edits = current_edits(ctx);
      const float x1 = std::round(at.x * 100.0f) / 100.0f, x2 = std::round(at.y * 100.0f) / 100.0f;
      if (std::fabs(x1) <= data::kPointsExtent && std::fabs(x2) <= data::kPointsExtent) {
        edits.added.push_back({x1, x2, click_class_});
        ctx.set("points", data::format_point_edits(edits));
      }
    }
    if (hovered_ && ImGui::IsMouseClicked(ImGuiMouseButton_Right)) remove_near(ctx, ds, p, io.MousePos);
  }

  static data::PointEdits current_edits(const Ctx& ctx) {
    auto e = data::parse_point_edits(ctx.session().target_config().points);
    return e.ok() ? e.take() : data::PointEdits{};
  }

  // Removes the point drawn nearest to screen position `at` (within a point's reach).
  void remove_near(Ctx& ctx, const data::Dataset& ds, const Plane& p, ImVec2 at) {
    const ImVec2 q = p.to_plane(at);
    const float radius = ImGui::GetFontSize() * 0.8f / p.side * 2.0f * extent_;
    std::vector<int32_t> shown = ctx.session().trainer().train_indices();
    if (show_val_points_)
      shown.insert(shown.end(), ctx.session().trainer().val_indices().begin(),
                   ctx.session().trainer().val_indices().end());
    const int32_t i = data::nearest_sample(ds, shown, q.x, q.y, radius);
    if (i < 0) return;
    data::PointEdits edits = current_edits(ctx);
    const int32_t generated = ds.size() - static_cast<int32_t>(edits.added.size());
    if (i >= generated) {
      edits.added.erase(edits.added.begin() + (i - generated));
    } else {
      edits.removed.insert(std::upper_bound(edits.removed.begin(), edits.removed.end(), i), i);
    }
    ctx.set("points", data::format_point_edits(edits));
  }

  // Points (clipped to the picture), as sprites made at the drawn size in device pixels.
  void points(Ctx& ctx, const data::Dataset& ds, const Plane& p) {
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const float scale = ImGui::GetIO().DisplayFramebufferScale.x;
    const float dev = scale > 0 ? scale : 1.0f;
    const float r = std::clamp(p.side / 130.0f, 2.0f, 4.5f) * (ds.size() > 2000 ? 0.75f : 1.0f);
    const int tile = static_cast<int>(std::ceil(2.0f * (r + 1.2f) * dev)) + 2;
    if (tile != sprite_tile_) {
      sprite_tile_ = tile;
      const std::vector<uint8_t> px = make_point_sprites(tile, r * dev, 1.2f * dev);
      sprites_.upload_rgba(tile * 2, tile * 2, px.data(), false);
    }
    dl->PushClipRect(p.a, p.b, true);
    dl->PushTextureID(sprites_.imgui_id());
    const float half = static_cast<float>(tile) * 0.5f / dev;
    auto draw_points = [&](const std::vector<int32_t>& idx, int rim) {
      dl->PrimReserve(static_cast<int>(idx.size()) * 6, static_cast<int>(idx.size()) * 4);
      for (int32_t i : idx) {
        const ImVec2 q = p.to_screen(ds.feature(i, 0), ds.feature(i, 1));
        // Classes: orange / blue. Regression: the target's sign, fainter near 0.
        const float t = ds.regression() ? ds.targets[static_cast<size_t>(i)] : 0.0f;
        const bool blue = ds.regression() ? t >= 0.0f : ds.y[static_cast<size_t>(i)] == 1;
        const float u = blue ? 0.5f : 0.0f, v = rim ? 0.5f : 0.0f;
        const ImU32 tint = ds.regression()
                               ? IM_COL32(255, 255, 255, static_cast<int>(90.0f + 165.0f * std::min(1.0f, std::fabs(t))))
                               : IM_COL32_WHITE;
        dl->PrimRectUV(ImVec2(q.x - half, q.y - half), ImVec2(q.x + half, q.y + half), ImVec2(u, v),
                       ImVec2(u + 0.5f, v + 0.5f), tint);
      }
    };
    draw_points(ctx.session().trainer().train_indices(), 0);
    if (show_val_points_) draw_points(ctx.session().trainer().val_indices(), 1);
    dl->PopTextureID();
    dl->PopClipRect();
    dl->AddRect(p.a, p.b, IM_COL32(0, 0, 0, 90));
  }

  // Hover: the coordinates and the network's score there.
  void hover_readout(const Plane& p) const {
    if (!hovered_ || scores_.empty()) return;
    const ImVec2 at = p.to_plane(ImGui::GetIO().MousePos);
    const float x = at.x, y = at.y;
    const float gi = std::clamp((x + extent_) / (2 * extent_) * kGrid - 0.5f, 0.0f, kGrid - 1.0f);
    const float gj = std::clamp((y + extent_) / (2 * extent_) * kGrid - 0.5f, 0.0f, kGrid - 1.0f);
    const float score = scores_[static_cast<size_t>(std::lround(gj) * kGrid + std::lround(gi))];
    if (regression_) ImGui::SetTooltip("x₁ = %.2f, x₂ = %.2f\nprediction = %.3f", x, y, 2.0f * score - 1.0f);
    else ImGui::SetTooltip("x₁ = %.2f, x₂ = %.2f\nP(blue) = %.3f", x, y, score);
  }

  // 3. Controls and legend below the picture (the legend wraps to its own line when narrow).
  void controls(Ctx& ctx, ImVec2 cur, const Plane& p) {
    const float fs = ImGui::GetFontSize();
    ImGui::SetCursorScreenPos(ImVec2(cur.x, p.b.y + fs * 1.5f));
    ImGui::Checkbox("validation points", &show_val_points_);
    ImGui::SameLine();
    ImGui::Checkbox("discretize", &discretize_);
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("colour only the predicted class (P > 0.5)");
    // The classes by name: a CSV's own labels ("inner", "outer"), else class 0 / class 1.
    const data::Dataset* ds = ctx.dataset();
    const bool named = ds && ctx.data_info().user && ds->class_names.size() == 2;
    const std::string c0 = regression_ ? "y < 0" : named ? ds->class_names[0] : "class 0";
    const std::string c1 = regression_ ? "y > 0" : named ? ds->class_names[1] : "class 1";
    const float legend_w = ImGui::CalcTextSize(c0.c_str()).x + ImGui::CalcTextSize(c1.c_str()).x + fs * 3.0f;
    same_line_if_fits(legend_w);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImVec2 lp = ImGui::GetCursorScreenPos();
    const float cy = lp.y + ImGui::GetFrameHeight() * 0.5f;
    dl->AddCircleFilled(ImVec2(lp.x + fs * 0.5f, cy), fs * 0.3f, kOrange);
    ImGui::SetCursorScreenPos(ImVec2(lp.x + fs, lp.y));
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(c0.c_str());
    ImGui::SameLine();
    const ImVec2 lq = ImGui::GetCursorScreenPos();
    dl->AddCircleFilled(ImVec2(lq.x + fs * 0.5f, cy), fs * 0.3f, kBlue);
    ImGui::SetCursorScreenPos(ImVec2(lq.x + fs, lq.y));
    ImGui::TextUnformatted(c1.c_str());
    if (editable_) edit_controls(ctx);
    const train::SessionStatus s = ctx.session().status();
    char text[256];
    std::snprintf(text, sizeof text, "white rim: training (%d) · dark rim: validation (%d) · %s%s", s.train_size,
                  s.val_size, regression_ ? "heatmap: the prediction, orange −1 to blue +1" : "line: P(blue) = 0.5",
                  editable_ ? " · right-click or long press removes a point" : "");
    note(text);
  }

  // The class a click adds, and the edits so far with a way back.
  void edit_controls(Ctx& ctx) {
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted("Click adds");
    ImGui::SameLine();
    ImGui::RadioButton(regression_ ? "y = −1" : "orange", &click_class_, 0);
    ImGui::SameLine();
    ImGui::RadioButton(regression_ ? "y = +1" : "blue", &click_class_, 1);
    const data::PointEdits edits = current_edits(ctx);
    if (!edits.empty()) {
      char label[96];
      std::snprintf(label, sizeof label, "Undo clicks (%zu added, %zu removed)", edits.added.size(),
                    edits.removed.size());
      same_line_if_fits(ImGui::CalcTextSize(label).x + ImGui::GetStyle().FramePadding.x * 2);
      if (ImGui::Button(label)) ctx.set("points", "");
    }
  }

  gfx::Heatmap heatmap_;
  bool init_ = false;
  std::string gfx_error_;
  std::vector<float> scores_;
  Refresh refresh_;
  gfx::Texture sprites_;  // 2x2 atlas: class colour x rim (training / validation)
  int sprite_tile_ = 0;   // its tile size in device pixels (0 = not made yet)
  bool show_val_points_ = true;
  bool discretize_ = false;
  bool hovered_ = false;
  bool regression_ = false;  // plane, multi_gaussian: the heatmap is the prediction
  bool editable_ = false;    // a generated set: clicks add and remove points
  int click_class_ = 1;      // what a click adds: 0 orange, 1 blue
  bool long_done_ = false;   // the press in progress already removed a point
};

}  // namespace

std::unique_ptr<View> make_boundary_view() { return std::make_unique<BoundaryView>(); }

}  // namespace nnplay::ui
