// clips_view.cpp — for the clips (data/clips.h): a few validation clips, one
// per row, their frames left to right and then a trail (every frame at once,
// older frames fainter) that shows the motion in one picture; the true and
// the predicted direction with the network's confidence
// (validation_samples.h); a wrong prediction in red. Predictions refresh at
// most 4 times a second.
#include <algorithm>
#include <cstdio>

#include "gfx/texture.h"
#include "imgui.h"
#include "ui/context.h"
#include "ui/data/validation_samples.h"
#include "ui/images.h"
#include "ui/view.h"
#include "ui/widgets.h"

namespace nnplay::ui {
namespace {

constexpr int kClips = 6;

class ClipsView : public View {
 public:
  void draw(Ctx& ctx) override {
    const data::Dataset* ds = ctx.dataset();
    if (!ds || ds->sample_shape.rank != 5) return;  // (1, C, T, H, W)
    section("Validation clips");
    const int T = ds->sample_shape[2];
    char text[360];
    std::snprintf(text, sizeof text,
                  "Each row is one clip: its %d frames left to right, then the trail (all frames at once, older ones "
                  "fainter). Any single frame shows where the dots are, not where they go: the direction is only in "
                  "how the frames follow each other, which a 3D convolution sees and a 2D one on one frame cannot.",
                  T);
    note(text);
    if (samples_.update(ctx, kClips, 250.0).samples) make_atlas(*ds);
    for (size_t k = 0; k < samples_.indices().size(); ++k) row(*ds, k);
    note("Beside each clip: the predicted direction (green when right, red when wrong) and the true one. "
         "noise = standard deviation of the pixel noise on every frame.");
  }

 private:
  // Tiles k·(T + 1) + t: frame t of clip k; tile k·(T + 1) + T: its trail.
  void make_atlas(const data::Dataset& ds) {
    const int C = ds.sample_shape[1], T = ds.sample_shape[2], H = ds.sample_shape[3], W = ds.sample_shape[4];
    const int n = static_cast<int>(samples_.indices().size());
    atlas_ = Atlas(n * (T + 1), T + 1, W, H);
    for (int k = 0; k < n; ++k) {
      const int32_t i = samples_.indices()[static_cast<size_t>(k)];
      for (int y = 0; y < H; ++y)
        for (int x = 0; x < W; ++x) {
          float trail = 0.0f;
          for (int t = 0; t < T; ++t) {
            float v = 0.0f;  // the channels' mean (the clips have one)
            for (int c = 0; c < C; ++c) v += ds.feature(i, ((static_cast<int64_t>(c) * T + t) * H + y) * W + x);
            v /= static_cast<float>(C);
            atlas_.grey(k * (T + 1) + t, x, y, v);
            trail = std::max(trail, v * (0.25f + 0.75f * static_cast<float>(t + 1) / static_cast<float>(T)));
          }
          atlas_.grey(k * (T + 1) + T, x, y, trail);
        }
    }
    atlas_.upload(tex_);
  }

  // One clip: its frames, a gap, the trail, then the true and predicted direction.
  void row(const data::Dataset& ds, size_t k) const {
    const float fs = ImGui::GetFontSize();
    const int T = ds.sample_shape[2];
    const float avail = ImGui::GetContentRegionAvail().x;
    const float text_w = fs * 8.5f;
    const float gap = std::max(2.0f, fs * 0.15f);
    const float cell = std::clamp((avail - text_w - gap * static_cast<float>(T + 2)) / static_cast<float>(T + 1),
                                  fs * 0.8f, fs * 3.5f);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImVec2 p = ImGui::GetCursorScreenPos();
    for (int t = 0; t <= T; ++t) {
      const float x = p.x + static_cast<float>(t) * (cell + gap) + (t == T ? gap * 3 : 0.0f);
      atlas_.draw(dl, tex_, static_cast<int>(k) * (T + 1) + t, ImVec2(x, p.y), ImVec2(x + cell, p.y + cell));
      dl->AddRect(ImVec2(x - 1, p.y - 1), ImVec2(x + cell + 1, p.y + cell + 1),
                  t == T ? kOrange : IM_COL32(0, 0, 0, 40));
    }
    const int32_t idx = samples_.indices()[k];
    const train::Predictions& preds = samples_.predictions();
    const int truth = ds.y[static_cast<size_t>(idx)];
    const int pred = k < preds.classes.size() ? preds.classes[k] : -1;
    char line1[64], line2[64];
    if (pred >= 0 && k < preds.confidence.size())
      std::snprintf(line1, sizeof line1, "%s (%.0f%%)", ds.class_name(pred), 100.0 * static_cast<double>(preds.confidence[k]));
    else std::snprintf(line1, sizeof line1, "…");
    std::snprintf(line2, sizeof line2, "true: %s", ds.class_name(truth));
    const float tx = p.x + static_cast<float>(T + 1) * (cell + gap) + gap * 4;
    const float ty = p.y + std::max(0.0f, cell * 0.5f - ImGui::GetTextLineHeight());
    dl->AddText(ImVec2(tx, ty), pred < 0 ? ImGui::GetColorU32(ImGuiCol_TextDisabled) : pred == truth ? kRight : kWrong, line1);
    dl->AddText(ImVec2(tx, ty + ImGui::GetTextLineHeight()), ImGui::GetColorU32(ImGuiCol_TextDisabled), line2);
    const float text_end = tx + std::max(ImGui::CalcTextSize(line1).x, ImGui::CalcTextSize(line2).x);
    const float h = std::max(cell, 2.0f * ImGui::GetTextLineHeight());
    ImGui::Dummy(ImVec2(std::max(1.0f, std::min(avail, text_end - p.x)), h + fs * 0.5f));
  }

  ValidationSamples samples_;
  Atlas atlas_;
  gfx::Texture tex_;
};

}  // namespace

std::unique_ptr<View> make_clips_view() { return std::make_unique<ClipsView>(); }

}  // namespace nnplay::ui
