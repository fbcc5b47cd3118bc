// augment_panel.cpp — data augmentation for the image sets (lecture: AlexNet's
// flips, crops and rotations; input noise "a special kind of augmentation"):
// the four settings (hflip, crop_padding, rotate, input_noise), the lecture's
// label-preserving warning for digits, and a preview: one training image
// augmented six ways, redrawn every 1.5 s with the engine's own
// data::augment_batch (display only: the preview has its own random stream
// and never touches training).
#include <algorithm>

#include "core/rng.h"
#include "data/augment.h"
#include "gfx/texture.h"
#include "imgui.h"
#include "ui/context.h"
#include "ui/images.h"
#include "ui/view.h"
#include "ui/widgets.h"

namespace nnplay::ui {
namespace {

constexpr int kPreview = 6;

class AugmentPanel : public View {
 public:
  void draw(Ctx& ctx) override {
    const data::Dataset* ds = ctx.dataset();
    const data::AugmentConfig& a = ctx.config().augment;
    if (!ds || !ds->is_image() || ds->dense()) return;
    if (!ImGui::TreeNodeEx("Augmentation (training batches)", a.any() ? ImGuiTreeNodeFlags_DefaultOpen : 0)) return;
    settings(ctx);
    if (a.any() && !ctx.session().trainer().train_indices().empty()) preview(ctx, *ds);
    ImGui::TreePop();
  }

 private:
  void settings(Ctx& ctx) {
    const train::Config& cfg = ctx.config();
    std::string value;
    if (edit_setting("hflip", cfg, &value)) ctx.set("hflip", value);
    if (cfg.dataset == "mnist") {
      if (cfg.augment.hflip)
        error_text("Careful: a mirrored digit is not always the same digit (the lecture's 6/9 and b/d). "
                   "Flips are not label-preserving here.");
      else note("Off for digits: mirroring does not preserve every label (6/9, b/d).");
    }
    ImGui::PushItemWidth(-label_space("Crop padding"));
    for (const char* key : {"crop_padding", "rotate", "input_noise"})
      if (edit_setting(key, cfg, &value)) ctx.set(key, value);
    ImGui::PopItemWidth();
  }

  // The same training image, augmented six times.
  void preview(Ctx& ctx, const data::Dataset& ds) {
    const std::vector<int32_t>& train_idx = ctx.session().trainer().train_indices();
    const data::AugmentConfig& a = ctx.config().augment;
    const double now = ctx.now_ms();
    const std::string key = ctx.config().dataset + "|" + setting_text(ctx.config(), "hflip") + "|" +
                            setting_text(ctx.config(), "crop_padding") + "|" + setting_text(ctx.config(), "rotate") +
                            "|" + setting_text(ctx.config(), "input_noise");
    if (key != key_ || now - time_ > 1500.0) {
      key_ = key;
      time_ = now;
      ++draws_;
      const int32_t sample = train_idx[static_cast<size_t>(draws_ / 4) % std::min<size_t>(train_idx.size(), 50)];
      const std::vector<int32_t> idx(kPreview, sample);
      ds.gather(idx, x_);
      Rng rng(draws_, 99);
      data::augment_batch(x_, a, rng, scratch_);
      atlas_ = Atlas(kPreview, kPreview, ds.sample_shape[3], ds.sample_shape[2], 1);
      fill_images(atlas_, x_);
      atlas_.upload(tex_);
    }
    const float fs = ImGui::GetFontSize(), avail = ImGui::GetContentRegionAvail().x, gap = 3.0f;
    const float d = std::min(fs * 3.0f, (avail - gap * (kPreview - 1)) / kPreview);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImVec2 p0 = ImGui::GetCursorScreenPos();
    for (int k = 0; k < kPreview; ++k) {
      const ImVec2 q(p0.x + static_cast<float>(k) * (d + gap), p0.y);
      atlas_.draw(dl, tex_, k, q, ImVec2(q.x + d, q.y + d));
      dl->AddRect(q, ImVec2(q.x + d, q.y + d), IM_COL32(0, 0, 0, 50));
    }
    ImGui::Dummy(ImVec2(avail, d));
    ImGui::TextDisabled("one training image, augmented six ways (preview)");
  }

  std::string key_;
  double time_ = -1e9;
  uint64_t draws_ = 0;
  Tensor x_;
  std::vector<float> scratch_;
  Atlas atlas_;
  gfx::Texture tex_;
};

}  // namespace

std::unique_ptr<View> make_augment_panel() { return std::make_unique<AugmentPanel>(); }

}  // namespace nnplay::ui
