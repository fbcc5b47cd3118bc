// surface_view.cpp — the loss-surface view, two pictures (surface_parts.h):
//
//  * Test functions (train/surfaces.h): a ravine, Rosenbrock, a saddle and
//    Beale, drawn as a colour map of log f with contour lines, and the path
//    of every chosen optimizer from the same start, animated step by step
//    (test_functions.cpp).
//  * The network's loss along two random directions through its current
//    weights, with the path of the training session (and of the race lanes
//    on the same network) projected onto that plane as training continues
//    (loss_slice.cpp).
//
// This file switches between them and holds what both draw with.
#include <algorithm>
#include <cmath>
#include <cstdio>

#include "imgui.h"
#include "ui/context.h"
#include "ui/optimizers/surface_parts.h"
#include "ui/widgets.h"

namespace nnplay::ui {

std::vector<uint8_t> contour_rgba(const std::vector<float>& values, int w, int h, int levels) {
  // Viridis stops blended 45 % with white: light enough for coloured paths on top.
  static constexpr float kStops[5][3] = {
      {152, 115, 161}, {147, 160, 191}, {133, 195, 192}, {167, 225, 169}, {254, 242, 135}};
  float lo = INFINITY, hi = -INFINITY;
  for (float x : values)
    if (std::isfinite(x)) lo = std::min(lo, x), hi = std::max(hi, x);
  const float range = hi > lo ? hi - lo : 1.0f;
  std::vector<int> level(values.size(), -1);
  for (size_t i = 0; i < values.size(); ++i)
    if (std::isfinite(values[i]))
      level[i] = std::min(levels - 1, static_cast<int>((values[i] - lo) / range * static_cast<float>(levels)));
  const size_t row = static_cast<size_t>(w);
  std::vector<uint8_t> px(row * static_cast<size_t>(h) * 4);
  for (int r = 0; r < h; ++r)
    for (int c = 0; c < w; ++c) {
      const size_t i = static_cast<size_t>(r) * row + static_cast<size_t>(c);
      uint8_t* p = &px[i * 4];
      p[3] = 255;
      if (level[i] < 0) {
        p[0] = p[1] = p[2] = 225;
        continue;
      }
      const float t = std::clamp((values[i] - lo) / range, 0.0f, 1.0f) * 4.0f;
      const int k = std::min(3, static_cast<int>(t));
      const float f = t - static_cast<float>(k);
      // A contour where the level changes towards the right or lower neighbour.
      const bool edge = (c + 1 < w && level[i + 1] >= 0 && level[i + 1] != level[i]) ||
                        (r + 1 < h && level[i + row] >= 0 && level[i + row] != level[i]);
      const float shade = edge ? 0.72f : 1.0f;
      for (int j = 0; j < 3; ++j) {
        const float v = kStops[k][j] + (kStops[k + 1][j] - kStops[k][j]) * f;
        p[j] = static_cast<uint8_t>(std::lround(v * shade));
      }
    }
  return px;
}

void plane_ticks(const PlaneRect& p, const char* format, float label_w) {
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const ImU32 tick_col = ImGui::GetColorU32(ImGuiCol_TextDisabled);
  const float fs = ImGui::GetFontSize();
  for (int k = 0; k <= 4; ++k) {
    char buf[16];
    const float f = static_cast<float>(k) / 4.0f;
    const float x = p.x0 + (p.x1 - p.x0) * f, y = p.y0 + (p.y1 - p.y0) * f;
    std::snprintf(buf, sizeof buf, format, static_cast<double>(x));
    ImVec2 ts = ImGui::CalcTextSize(buf);
    const ImVec2 px = p.to_screen(x, p.y0);
    dl->AddText(ImVec2(std::clamp(px.x - ts.x * 0.5f, p.a.x - label_w, p.b.x - ts.x), p.b.y + 2), tick_col, buf);
    std::snprintf(buf, sizeof buf, format, static_cast<double>(y));
    ts = ImGui::CalcTextSize(buf);
    const ImVec2 py = p.to_screen(p.x0, y);
    dl->AddText(ImVec2(p.a.x - ts.x - fs * 0.3f, std::clamp(py.y - ts.y * 0.5f, p.a.y, p.b.y - ts.y)), tick_col, buf);
  }
}

void path_line(ImDrawList* dl, const std::vector<ImVec2>& pts, ImU32 color, ImVec2 head, bool dots) {
  const float fs = ImGui::GetFontSize();
  if (pts.size() > 1) {
    dl->AddPolyline(pts.data(), static_cast<int>(pts.size()), IM_COL32(255, 255, 255, 200), 0, 4.0f);
    dl->AddPolyline(pts.data(), static_cast<int>(pts.size()), color, 0, 2.0f);
  }
  if (dots && pts.size() < 200)
    for (size_t k = 1; k + 1 < pts.size(); ++k) dl->AddCircleFilled(pts[k], 2.0f, color);
  dl->AddCircleFilled(head, fs * 0.38f, IM_COL32(255, 255, 255, 255));
  dl->AddCircleFilled(head, fs * 0.28f, color);
}

namespace {

class SurfaceView : public View {
 public:
  void draw(Ctx& ctx) override {
    section("Loss surface");
    if (ImGui::RadioButton("Test functions", !network_)) network_ = false;
    ImGui::SameLine();
    if (ImGui::RadioButton("Your network's loss", network_)) network_ = true;
    (network_ ? *slice_ : *functions_).draw(ctx);
  }

 private:
  bool network_ = false;  // false: test functions, true: the network's loss slice
  std::unique_ptr<View> functions_ = make_test_functions();
  std::unique_ptr<View> slice_ = make_loss_slice();
};

}  // namespace

std::unique_ptr<View> make_surface_view() { return std::make_unique<SurfaceView>(); }

}  // namespace nnplay::ui
