// images_view.cpp — for the image sets: a grid of validation images with the
// network's prediction and the true class (catalog class names); wrong
// predictions get a red frame and red text.
//
// The images go into one atlas texture (made once per dataset/split);
// predictions (validation_samples.h) are refreshed when the weights change,
// at most ~4 times a second while training and never costing more than a
// tenth of the time.
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

constexpr int kCount = 24;     // images shown
constexpr int kAtlasCols = 6;  // atlas layout (independent of the on-screen grid)

class ImagesView : public View {
 public:
  void draw(Ctx& ctx) override {
    const data::Dataset* ds = ctx.dataset();
    if (!ds || !ds->is_image() || ds->dense()) return;
    section("Validation images");
    // The first kCount of the validation split, as one texture; predictions at most 4 times a second.
    if (samples_.update(ctx, kCount, 250.0).samples) {
      atlas_ = Atlas(kCount, kAtlasCols, ds->sample_shape[3], ds->sample_shape[2]);
      fill_samples(atlas_, *ds, samples_.indices());
      atlas_.upload(tex_);
    }
    if (samples_.indices().empty()) return;
    grid(*ds);
  }

 private:
  // 3. The grid: as many columns as fit (3 to 6), each image above two lines of text.
  void grid(const data::Dataset& ds) {
    const float fs = ImGui::GetFontSize();
    const ImVec2 avail = ImGui::GetContentRegionAvail();
    const float gap = fs * 0.6f;
    const int cols = std::clamp(static_cast<int>(avail.x / (fs * 7.0f)), 3, 6);
    const int rows = (static_cast<int>(samples_.indices().size()) + cols - 1) / cols;
    const float text_h = ImGui::GetTextLineHeight() * 2 + 4;
    const float tile_w = (avail.x - gap * static_cast<float>(cols - 1)) / static_cast<float>(cols);
    const float by_height = (avail.y - fs * 2.0f) / static_cast<float>(rows) - text_h - gap;
    const float img = std::max(fs * 2.0f, std::min(tile_w, by_height));
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    int wrong = 0;
    for (size_t k = 0; k < samples_.indices().size(); ++k) {
      const int c = static_cast<int>(k) % cols, r = static_cast<int>(k) / cols;
      const float tx = origin.x + static_cast<float>(c) * (tile_w + gap);
      const ImVec2 p(tx + (tile_w - img) * 0.5f, origin.y + static_cast<float>(r) * (img + text_h + gap));
      wrong += tile(ds, k, p, img, tx, tile_w, text_h);
    }
    ImGui::Dummy(ImVec2(avail.x, static_cast<float>(rows) * (img + text_h + gap)));
    if (!samples_.predictions().classes.empty())
      ImGui::TextDisabled("%d of %zu shown predicted wrong (red frame) · green = right", wrong, samples_.indices().size());
  }

  // One image with its frame, prediction and truth; returns 1 when predicted wrong.
  int tile(const data::Dataset& ds, size_t k, ImVec2 p, float img, float tx, float tile_w, float text_h) {
    ImDrawList* dl = ImGui::GetWindowDrawList();
    atlas_.draw(dl, tex_, static_cast<int>(k), p, ImVec2(p.x + img, p.y + img));
    const int truth = ds.y[static_cast<size_t>(samples_.indices()[k])];
    const int pred = k < samples_.predictions().classes.size() ? samples_.predictions().classes[k] : -1;
    const bool wrong = pred >= 0 && pred != truth;
    dl->AddRect(ImVec2(p.x - 2, p.y - 2), ImVec2(p.x + img + 2, p.y + img + 2), wrong ? kWrong : IM_COL32(0, 0, 0, 40),
                0.0f, 0, wrong ? 3.0f : 1.0f);
    char line1[64], line2[64];
    std::snprintf(line1, sizeof line1, "%s", pred >= 0 ? ds.class_name(pred) : "…");
    std::snprintf(line2, sizeof line2, "true: %s", ds.class_name(truth));
    const ImU32 c1 = pred < 0 ? ImGui::GetColorU32(ImGuiCol_TextDisabled) : wrong ? kWrong : kRight;
    const ImVec4 clip(tx, p.y, tx + tile_w, p.y + img + text_h);
    const float l1 = ImGui::CalcTextSize(line1).x, l2 = ImGui::CalcTextSize(line2).x;
    dl->AddText(nullptr, 0.0f, ImVec2(tx + std::max(0.0f, (tile_w - l1) * 0.5f), p.y + img + 3), c1, line1, nullptr,
                0.0f, &clip);
    dl->AddText(nullptr, 0.0f, ImVec2(tx + std::max(0.0f, (tile_w - l2) * 0.5f), p.y + img + 3 + ImGui::GetTextLineHeight()),
                ImGui::GetColorU32(ImGuiCol_TextDisabled), line2, nullptr, 0.0f, &clip);
    return wrong ? 1 : 0;
  }

  ValidationSamples samples_;
  Atlas atlas_;
  gfx::Texture tex_;
};

}  // namespace

std::unique_ptr<View> make_images_view() { return std::make_unique<ImagesView>(); }

}  // namespace nnplay::ui
