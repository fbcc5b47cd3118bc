// masks_view.cpp — for the segmentation set (shapes): image, true mask and
// predicted mask (the engine's per-pixel argmax, validation_samples.h) for
// a few validation samples, the pixel accuracy of each, and the colour
// legend. Predictions refresh at most once a second while the weights change.
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

constexpr int kSamples = 6;

void legend(const data::Dataset& ds) {
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const float fs = ImGui::GetFontSize();
  for (int c = 0; c < ds.num_classes; ++c) {
    if (c) ImGui::SameLine(0, fs * 0.9f);
    const ImVec2 p = ImGui::GetCursorScreenPos();
    dl->AddRectFilled(ImVec2(p.x, p.y + 2), ImVec2(p.x + fs * 0.9f, p.y + fs * 0.9f + 2), class_color(c));
    dl->AddRect(ImVec2(p.x, p.y + 2), ImVec2(p.x + fs * 0.9f, p.y + fs * 0.9f + 2), IM_COL32(0, 0, 0, 80));
    ImGui::Dummy(ImVec2(fs * 1.0f, fs));
    ImGui::SameLine(0, 2);
    ImGui::TextUnformatted(ds.class_name(c));
  }
}

class MasksView : public View {
 public:
  void draw(Ctx& ctx) override {
    const data::Dataset* ds = ctx.dataset();
    if (!ds || !ds->dense() || !ds->is_image()) return;
    const ValidationSamples::Changed changed = samples_.update(ctx, kSamples, 1000.0);
    if (samples_.indices().empty()) return;
    if (changed.samples || changed.predictions) make_picture(*ds);
    section("Validation images: segmentation");
    legend(*ds);
    rows(*ds);
    ImGui::TextDisabled("predicted = the class with the largest logit at each pixel (eval mode)");
  }

 private:
  // One atlas row per sample: image, true mask, predicted mask.
  void make_picture(const data::Dataset& ds) {
    const int h = ds.sample_shape[2], w = ds.sample_shape[3];
    const std::vector<int32_t>& idx = samples_.indices();
    const train::Predictions& pred = samples_.predictions();
    const int n = static_cast<int>(idx.size());
    const bool have = pred.classes.size() == static_cast<size_t>(n * h * w);
    atlas_ = Atlas(3 * n, 3, w, h, 1);
    for (int k = 0; k < n; ++k) {
      const size_t base = static_cast<size_t>(idx[static_cast<size_t>(k)]) * static_cast<size_t>(h * w);
      for (int y = 0; y < h; ++y)
        for (int x = 0; x < w; ++x) {
          const size_t p = static_cast<size_t>(y * w + x);
          atlas_.grey(3 * k, x, y, ds.feature(idx[static_cast<size_t>(k)], y * w + x));
          atlas_.color(3 * k + 1, x, y, class_color(ds.y_dense[base + p]));
          if (have) atlas_.color(3 * k + 2, x, y, class_color(pred.classes[static_cast<size_t>(k * h * w) + p]));
        }
    }
    atlas_.upload(tex_);
  }

  void rows(const data::Dataset&) {
    const float fs = ImGui::GetFontSize();
    const int n = static_cast<int>(samples_.indices().size());
    const std::vector<float>& acc_of = samples_.predictions().pixel_accuracy;
    const float avail = ImGui::GetContentRegionAvail().x;
    const float text_w = fs * 5.5f, gap = fs * 0.5f;
    const float head = ImGui::GetTextLineHeightWithSpacing();
    const float by_h = (ImGui::GetContentRegionAvail().y - head - fs * 2.0f) / static_cast<float>(n) - gap;
    const float d = std::clamp(std::min((avail - text_w - 3 * gap) / 3.0f, by_h), fs * 2.5f, fs * 8.0f);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImVec2 p0 = ImGui::GetCursorScreenPos();
    const char* heads[] = {"image", "true mask", "predicted"};
    for (int c = 0; c < 3; ++c)
      dl->AddText(ImVec2(p0.x + static_cast<float>(c) * (d + gap), p0.y), ImGui::GetColorU32(ImGuiCol_TextDisabled), heads[c]);
    for (int k = 0; k < n && 3 * k + 2 < atlas_.tiles(); ++k) {
      const float y = p0.y + head + static_cast<float>(k) * (d + gap);
      for (int c = 0; c < 3; ++c) {
        const ImVec2 q(p0.x + static_cast<float>(c) * (d + gap), y);
        atlas_.draw(dl, tex_, 3 * k + c, q, ImVec2(q.x + d, q.y + d));
        dl->AddRect(q, ImVec2(q.x + d, q.y + d), IM_COL32(0, 0, 0, 60));
      }
      const float a = static_cast<size_t>(k) < acc_of.size() ? acc_of[static_cast<size_t>(k)] : -1.0f;
      char acc[48];
      if (a >= 0) std::snprintf(acc, sizeof acc, "%.1f%% of pixels", 100.0 * static_cast<double>(a));
      else std::snprintf(acc, sizeof acc, "…");
      dl->AddText(ImVec2(p0.x + 3 * (d + gap), y + d * 0.5f - fs * 0.5f), a >= 0.95f ? kRight : ImGui::GetColorU32(ImGuiCol_Text), acc);
    }
    ImGui::Dummy(ImVec2(avail, head + static_cast<float>(n) * (d + gap)));
  }

  ValidationSamples samples_;
  Atlas atlas_;
  gfx::Texture tex_;
};

}  // namespace

std::unique_ptr<View> make_masks_view() { return std::make_unique<MasksView>(); }

}  // namespace nnplay::ui
