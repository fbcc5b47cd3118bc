// panel_augment.cpp — data augmentation for the image sets (lecture: AlexNet's
// flips, crops and rotations; input noise "a special kind of augmentation"):
// the four switches of the config table (hflip, crop_padding, rotate,
// input_noise) as Commands, the lecture's label-preserving warning for digits,
// and a preview: one training image augmented six ways, redrawn every 1.5 s
// with the engine's own data::augment_batch (display only: the preview has its
// own random stream and never touches training).
#include <algorithm>
#include <cstdio>

#include "core/rng.h"
#include "data/augment.h"
#include "data/catalog.h"
#include "imgui.h"
#include "platform/platform.h"
#include "ui/app.h"
#include "ui/views.h"
#include "ui/widgets.h"

namespace nnplay::ui {
namespace {
constexpr int kPreview = 6;
std::string fmt(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.6g", v);
  return buf;
}
}  // namespace

void App::panel_augment() {
  const train::Config& cfg = session_.config();
  const data::Dataset* ds = session_.dataset();
  NetViews& v = *views_;
  const data::AugmentConfig& a = cfg.augment;
  const float fs = ImGui::GetFontSize();
  if (!ds || !ds->is_image() || ds->dense()) return;
  if (!ImGui::TreeNodeEx("Augmentation (training batches)", a.any() ? ImGuiTreeNodeFlags_DefaultOpen : 0)) return;

  bool flip = a.hflip;
  if (ImGui::Checkbox("Horizontal flip", &flip)) set("hflip", flip ? "1" : "0");
  help_marker(config_help("hflip"));
  const bool digits = cfg.dataset == "mnist";
  if (digits) {
    ImGui::PushTextWrapPos(0.0f);
    ImGui::PushStyleColor(ImGuiCol_Text, flip ? kErrorText : ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
    ImGui::TextUnformatted(flip ? "Careful: a mirrored digit is not always the same digit (the lecture's 6/9 and b/d). "
                                  "Flips are not label-preserving here."
                                : "Off for digits: mirroring does not preserve every label (6/9, b/d).");
    ImGui::PopStyleColor();
    ImGui::PopTextWrapPos();
  }
  ImGui::PushItemWidth(-label_space("Crop padding"));
  int pad = a.crop_padding;
  if (ImGui::SliderInt("Crop padding", &pad, 0, 8, pad ? "%d px" : "off")) set("crop_padding", std::to_string(pad));
  help_marker(config_help("crop_padding"));
  float rot = a.rotate_degrees;
  if (ImGui::SliderFloat("Rotation", &rot, 0.0f, 45.0f, rot > 0 ? "±%.0f°" : "off")) set("rotate", fmt(rot));
  help_marker(config_help("rotate"));
  float noise = a.noise_std;
  if (ImGui::SliderFloat("Input noise", &noise, 0.0f, 0.5f, noise > 0 ? "σ %.2f" : "off")) set("input_noise", fmt(noise));
  help_marker(config_help("input_noise"));
  ImGui::PopItemWidth();

  // Preview: the same training image, augmented six times.
  const std::vector<int32_t>& train_idx = session_.trainer().train_indices();
  if (a.any() && !train_idx.empty()) {
    const int h = ds->sample_shape[2], w = ds->sample_shape[3];
    const double now = platform::now_ms();
    const std::string key = cfg.dataset + "|" + std::to_string(train_idx[0]) + "|" + std::to_string(a.hflip) + "|" +
                            std::to_string(a.crop_padding) + "|" + fmt(a.rotate_degrees) + "|" + fmt(a.noise_std);
    if (key != v.aug_key || now - v.aug_time > 1500.0) {
      v.aug_key = key;
      v.aug_time = now;
      ++v.aug_draw;
      const int32_t sample = train_idx[static_cast<size_t>(v.aug_draw / 4) % std::min<size_t>(train_idx.size(), 50)];
      std::vector<int32_t> idx(kPreview, sample);
      Tensor x;
      ds->gather(idx, x);
      Rng rng(v.aug_draw, 99);
      std::vector<float> scratch;
      data::augment_batch(x, a, rng, scratch);
      const int aw = kPreview * (w + 1), ah = h;
      std::vector<uint8_t> rgba(static_cast<size_t>(aw) * static_cast<size_t>(ah) * 4, 255);
      for (int k = 0; k < kPreview; ++k)
        for (int yy = 0; yy < h; ++yy)
          for (int xx = 0; xx < w; ++xx) {
            const float f = x.data()[static_cast<int64_t>(k) * h * w + yy * w + xx];
            const auto g = static_cast<uint8_t>(std::clamp(f, 0.0f, 1.0f) * 255.0f + 0.5f);
            uint8_t* p = &rgba[(static_cast<size_t>(yy) * static_cast<size_t>(aw) + static_cast<size_t>(k * (w + 1) + xx)) * 4];
            p[0] = p[1] = p[2] = g;
          }
      v.aug_tex.upload_rgba(aw, ah, rgba.data(), true);
    }
    const float avail = ImGui::GetContentRegionAvail().x;
    const float gap = 3.0f;
    const float d = std::min(fs * 3.0f, (avail - gap * (kPreview - 1)) / kPreview);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImVec2 p0 = ImGui::GetCursorScreenPos();
    const float tw = static_cast<float>(v.aug_tex.width());
    for (int k = 0; k < kPreview; ++k) {
      const ImVec2 q(p0.x + static_cast<float>(k) * (d + gap), p0.y);
      const float u0 = static_cast<float>(k * (w + 1)) / tw;
      dl->AddImage(v.aug_tex.imgui_id(), q, ImVec2(q.x + d, q.y + d), ImVec2(u0, 0), ImVec2(u0 + static_cast<float>(w) / tw, 1));
      dl->AddRect(q, ImVec2(q.x + d, q.y + d), IM_COL32(0, 0, 0, 50));
    }
    ImGui::Dummy(ImVec2(avail, d));
    ImGui::TextDisabled("one training image, augmented six ways (preview)");
  }
  ImGui::TreePop();
}

}  // namespace nnplay::ui
