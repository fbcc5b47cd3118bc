// panel_boundary.cpp — for the 2D sets: what the network predicts over the
// plane [-6, 6]², as a heatmap under the data points (TF Playground's main
// picture).
//
// Every few frames, when the weights or settings changed, the model's output
// on a kGrid x kGrid grid goes through session().predict() (eval mode, no
// effect on training) and loss::binary_score() into [0, 1]; gfx::Heatmap
// colours it on the GPU (shaders/boundary.frag.glsl). Points: orange = class
// 0, blue = class 1; training points with a white rim, validation points with
// a dark rim. Each point is one textured quad from a small sprite atlas made at
// the drawn size: two triangles instead of ~50 for two anti-aliased circles,
// which keeps software renderers (Mesa llvmpipe, SwiftShader) fast.
#include <algorithm>
#include <cmath>
#include <cstdio>

#include "imgui.h"
#include "loss/loss.h"
#include "platform/platform.h"
#include "ui/app.h"
#include "ui/widgets.h"

namespace nnplay::ui {
namespace {

constexpr float kExtent = 6.0f;  // the plane shown is [-kExtent, kExtent]^2
constexpr int kChunk = 256;      // predict() batch (the model plans for 256)

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

float grid_coord(int i, int n) { return -kExtent + 2.0f * kExtent * (static_cast<float>(i) + 0.5f) / static_cast<float>(n); }

}  // namespace

void App::panel_boundary() {
  const data::Dataset* ds = session_.dataset();
  if (!ds) return;
  const train::SessionStatus s = session_.status();
  const float fs = ImGui::GetFontSize();
  section("Decision boundary");

  // 1. Recompute the scores when the model changed, at most every ~80 ms and
  //    never more than ~10% of the time (large networks are slow to evaluate).
  const double now = platform::now_ms();
  const std::string key = std::to_string(s.step) + "|" + url_query_ + "|" + s.dataset;
  if (key != grid_key_ && now - grid_time_ms_ >= std::max(80.0, 10.0 * grid_cost_ms_)) {
    const int n = kGrid * kGrid;
    if (grid_x_.numel() != static_cast<int64_t>(n) * 2) {
      grid_x_.resize(Shape{n, 2});
      for (int j = 0; j < kGrid; ++j)
        for (int i = 0; i < kGrid; ++i) {
          grid_x_[(j * kGrid + i) * 2 + 0] = grid_coord(i, kGrid);
          grid_x_[(j * kGrid + i) * 2 + 1] = grid_coord(j, kGrid);
        }
    }
    grid_scores_.resize(static_cast<size_t>(n));
    Tensor chunk;
    bool ok = true;
    for (int k = 0; k < n && ok; k += kChunk) {
      const int m = std::min(kChunk, n - k);
      chunk.resize(Shape{m, 2});
      std::copy(grid_x_.data() + k * 2, grid_x_.data() + (k + m) * 2, chunk.data());
      ok = session_.predict(chunk, &grid_logits_).ok();
      for (int r = 0; r < m && ok; ++r)
        grid_scores_[static_cast<size_t>(k + r)] = loss::binary_score(session_.config().loss, grid_logits_[r]);
    }
    if (ok) heatmap_.set_scores(kGrid, grid_scores_);
    grid_key_ = key;
    grid_time_ms_ = platform::now_ms();
    grid_cost_ms_ = grid_time_ms_ - now;
  }

  // 2. Layout: a square picture with tick labels left and below.
  const float label_w = ImGui::CalcTextSize("-6").x + fs * 0.4f;
  const float controls_h = ImGui::GetFrameHeightWithSpacing() * 2.2f;
  const ImVec2 avail = ImGui::GetContentRegionAvail();
  const float side = std::max(fs * 6.0f, std::min(avail.x - label_w - fs * 0.5f, avail.y - controls_h - fs * 1.6f));
  const ImVec2 cur = ImGui::GetCursorScreenPos();
  const float ox = cur.x + std::max(label_w, (avail.x - side) * 0.5f);
  const ImVec2 a(ox, cur.y), b(ox + side, cur.y + side);

  ImGui::SetCursorScreenPos(a);
  const float scale = ImGui::GetIO().DisplayFramebufferScale.x;
  heatmap_.render(static_cast<int>(side * (scale > 0 ? scale : 1.0f)), discretize_);
  if (heatmap_.ready() && heatmap_.imgui_id())
    ImGui::Image(heatmap_.imgui_id(), ImVec2(side, side), ImVec2(0, 1), ImVec2(1, 0));
  else ImGui::Dummy(ImVec2(side, side));
  const bool hovered = ImGui::IsItemHovered();

  ImDrawList* dl = ImGui::GetWindowDrawList();
  auto to_screen = [&](float x, float y) {
    return ImVec2(a.x + (x + kExtent) / (2 * kExtent) * side, a.y + (kExtent - y) / (2 * kExtent) * side);
  };
  // ticks
  const ImU32 tick_col = ImGui::GetColorU32(ImGuiCol_TextDisabled);
  for (int v = -6; v <= 6; v += 2) {
    char buf[8];
    std::snprintf(buf, sizeof buf, "%d", v);
    const ImVec2 ts = ImGui::CalcTextSize(buf);
    const ImVec2 px = to_screen(static_cast<float>(v), -kExtent);
    dl->AddText(ImVec2(px.x - ts.x * 0.5f, b.y + 2), tick_col, buf);
    const ImVec2 py = to_screen(-kExtent, static_cast<float>(v));
    dl->AddText(ImVec2(a.x - ts.x - fs * 0.3f, py.y - ts.y * 0.5f), tick_col, buf);
  }
  // points (clipped to the picture), as sprites made at the drawn size in device pixels
  const int total = ds->size();
  const float r = std::clamp(side / 130.0f, 2.0f, 4.5f) * (total > 2000 ? 0.75f : 1.0f);
  const float dev = scale > 0 ? scale : 1.0f;
  const int tile = static_cast<int>(std::ceil(2.0f * (r + 1.2f) * dev)) + 2;
  if (tile != sprite_tile_) {
    sprite_tile_ = tile;
    const std::vector<uint8_t> px = make_point_sprites(tile, r * dev, 1.2f * dev);
    point_sprites_.upload_rgba(tile * 2, tile * 2, px.data(), false);
  }
  dl->PushClipRect(a, b, true);
  dl->PushTextureID(point_sprites_.imgui_id());
  const float half = static_cast<float>(tile) * 0.5f / dev;
  auto draw_points = [&](const std::vector<int32_t>& idx, int rim) {
    dl->PrimReserve(static_cast<int>(idx.size()) * 6, static_cast<int>(idx.size()) * 4);
    for (int32_t i : idx) {
      const ImVec2 p = to_screen(ds->feature(i, 0), ds->feature(i, 1));
      const float u = ds->y[static_cast<size_t>(i)] == 1 ? 0.5f : 0.0f, v = rim ? 0.5f : 0.0f;
      dl->PrimRectUV(ImVec2(p.x - half, p.y - half), ImVec2(p.x + half, p.y + half), ImVec2(u, v),
                     ImVec2(u + 0.5f, v + 0.5f), IM_COL32_WHITE);
    }
  };
  draw_points(session_.trainer().train_indices(), 0);
  if (show_val_points_) draw_points(session_.trainer().val_indices(), 1);
  dl->PopTextureID();
  dl->PopClipRect();
  dl->AddRect(a, b, IM_COL32(0, 0, 0, 90));

  // hover: the coordinates and the network's score there
  if (hovered && !grid_scores_.empty()) {
    const ImVec2 m = ImGui::GetIO().MousePos;
    const float x = (m.x - a.x) / side * 2 * kExtent - kExtent;
    const float y = kExtent - (m.y - a.y) / side * 2 * kExtent;
    const float gi = std::clamp((x + kExtent) / (2 * kExtent) * kGrid - 0.5f, 0.0f, kGrid - 1.0f);
    const float gj = std::clamp((y + kExtent) / (2 * kExtent) * kGrid - 0.5f, 0.0f, kGrid - 1.0f);
    const float p = grid_scores_[static_cast<size_t>(std::lround(gj) * kGrid + std::lround(gi))];
    ImGui::SetTooltip("x₁ = %.2f, x₂ = %.2f\nP(blue) = %.3f", x, y, p);
  }

  // 3. Controls and legend below the picture (the legend wraps to its own line when narrow)
  ImGui::SetCursorScreenPos(ImVec2(cur.x, b.y + fs * 1.5f));
  ImGui::Checkbox("validation points", &show_val_points_);
  ImGui::SameLine();
  ImGui::Checkbox("discretize", &discretize_);
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("colour only the predicted class (P > 0.5)");
  const float legend_w = ImGui::CalcTextSize("class 0").x * 2 + fs * 3.0f;
  const float right_edge = ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x;
  if (right_edge - ImGui::GetItemRectMax().x - ImGui::GetStyle().ItemSpacing.x > legend_w) ImGui::SameLine();
  const ImVec2 lp = ImGui::GetCursorScreenPos();
  const float cy = lp.y + ImGui::GetFrameHeight() * 0.5f;
  dl->AddCircleFilled(ImVec2(lp.x + fs * 0.5f, cy), fs * 0.3f, kOrange);
  ImGui::SetCursorScreenPos(ImVec2(lp.x + fs, lp.y));
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted(ds->class_names.size() > 0 ? "class 0" : "");
  ImGui::SameLine();
  const ImVec2 lq = ImGui::GetCursorScreenPos();
  dl->AddCircleFilled(ImVec2(lq.x + fs * 0.5f, cy), fs * 0.3f, kBlue);
  ImGui::SetCursorScreenPos(ImVec2(lq.x + fs, lq.y));
  ImGui::TextUnformatted("class 1");
  ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
  ImGui::TextWrapped("white rim: training (%d) · dark rim: validation (%d) · line: P(blue) = 0.5", s.train_size,
                     s.val_size);
  ImGui::PopStyleColor();
}

}  // namespace nnplay::ui
