// panel_samples.cpp — for the image sets: a grid of validation images with
// the network's prediction and the true class (catalog class names); wrong
// predictions get a red frame and red text.
//
// The images go into one RGBA atlas texture (made once per dataset/split);
// predictions are refreshed through session().predict() every few frames
// while the weights change.
#include <algorithm>
#include <cstdio>

#include "imgui.h"
#include "loss/loss.h"
#include "platform/platform.h"
#include "ui/app.h"
#include "ui/views.h"
#include "ui/widgets.h"

namespace nnplay::ui {
namespace {
constexpr int kCount = 24;      // images shown
constexpr int kAtlasCols = 6;   // atlas layout (independent of the on-screen grid)
}  // namespace

void App::panel_samples() {
  const data::Dataset* ds = session_.dataset();
  if (!ds || !ds->is_image() || ds->dense()) return;  // per-pixel labels: panel_segmentation.cpp
  const train::SessionStatus s = session_.status();
  const float fs = ImGui::GetFontSize();
  section("Validation images");

  // 1. Which images: the first kCount of the validation split.
  const std::vector<int32_t>& val = session_.trainer().val_indices();
  const std::string key = s.dataset + "|" + std::to_string(val.size()) + "|" + (val.empty() ? "" : std::to_string(val[0]));
  const int h = ds->sample_shape[2], w = ds->sample_shape[3];
  if (key != samples_key_) {
    samples_key_ = key;
    samples_pred_key_.clear();
    sample_idx_.assign(val.begin(), val.begin() + std::min<std::ptrdiff_t>(kCount, static_cast<std::ptrdiff_t>(val.size())));
    sample_pred_.assign(sample_idx_.size(), -1);
    const int rows = (kCount + kAtlasCols - 1) / kAtlasCols;
    const int aw = kAtlasCols * w, ah = rows * h;
    std::vector<uint8_t> rgba(static_cast<size_t>(aw) * static_cast<size_t>(ah) * 4, 0);
    for (size_t k = 0; k < sample_idx_.size(); ++k) {
      const int tx = static_cast<int>(k) % kAtlasCols * w, ty = static_cast<int>(k) / kAtlasCols * h;
      for (int y = 0; y < h; ++y)
        for (int x = 0; x < w; ++x) {
          const float v = ds->feature(sample_idx_[k], y * w + x);
          const auto g = static_cast<uint8_t>(std::clamp(v, 0.0f, 1.0f) * 255.0f + 0.5f);
          uint8_t* px = &rgba[(static_cast<size_t>(ty + y) * static_cast<size_t>(aw) + static_cast<size_t>(tx + x)) * 4];
          px[0] = px[1] = px[2] = g;
          px[3] = 255;
        }
    }
    samples_tex_.upload_rgba(aw, ah, rgba.data(), true);
  }
  if (sample_idx_.empty()) return;

  // 2. Predictions, refreshed when the weights changed: at most ~4 per second,
  // and no more than ~5% of the time (24 images through a CNN cost tens of ms).
  const double now = platform::now_ms();
  const std::string pkey = std::to_string(s.step) + "|" + url_query_;
  double& cost = views_->samples_cost_ms;
  if (pkey != samples_pred_key_ && now - samples_time_ms_ > std::max(250.0, 20.0 * cost)) {
    samples_pred_key_ = pkey;
    samples_time_ms_ = now;
    ds->gather(sample_idx_, sample_x_);
    if (session_.predict(sample_x_, &sample_logits_).ok())
      for (size_t k = 0; k < sample_idx_.size(); ++k)
        sample_pred_[k] = loss::predict_class(session_.config().loss, sample_logits_, static_cast<int>(k));
    cost = platform::now_ms() - now;
  }

  // 3. The grid: as many columns as fit (3 to 6), image above two lines of text.
  const ImVec2 avail = ImGui::GetContentRegionAvail();
  const float gap = fs * 0.6f;
  const int cols = std::clamp(static_cast<int>(avail.x / (fs * 7.0f)), 3, 6);
  const int rows = (static_cast<int>(sample_idx_.size()) + cols - 1) / cols;
  const float text_h = ImGui::GetTextLineHeight() * 2 + 4;
  const float tile_w = (avail.x - gap * static_cast<float>(cols - 1)) / static_cast<float>(cols);
  const float by_height = (avail.y - fs * 2.0f) / static_cast<float>(rows) - text_h - gap;
  const float img = std::max(fs * 2.0f, std::min(tile_w, by_height));
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  int wrong = 0, known = 0;
  for (size_t k = 0; k < sample_idx_.size(); ++k) {
    const int c = static_cast<int>(k) % cols, r = static_cast<int>(k) / cols;
    const ImVec2 p(origin.x + static_cast<float>(c) * (tile_w + gap) + (tile_w - img) * 0.5f,
                   origin.y + static_cast<float>(r) * (img + text_h + gap));
    const int ac = static_cast<int>(k) % kAtlasCols, ar = static_cast<int>(k) / kAtlasCols;
    const float u0 = static_cast<float>(ac * w) / static_cast<float>(samples_tex_.width());
    const float v0 = static_cast<float>(ar * h) / static_cast<float>(samples_tex_.height());
    const float u1 = u0 + static_cast<float>(w) / static_cast<float>(samples_tex_.width());
    const float v1 = v0 + static_cast<float>(h) / static_cast<float>(samples_tex_.height());
    dl->AddImage(samples_tex_.imgui_id(), p, ImVec2(p.x + img, p.y + img), ImVec2(u0, v0), ImVec2(u1, v1));

    const int truth = ds->y[static_cast<size_t>(sample_idx_[k])];
    const int pred = sample_pred_[k];
    const bool is_wrong = pred >= 0 && pred != truth;
    if (pred >= 0) ++known;
    if (is_wrong) ++wrong;
    dl->AddRect(ImVec2(p.x - 2, p.y - 2), ImVec2(p.x + img + 2, p.y + img + 2),
                is_wrong ? IM_COL32(220, 20, 20, 255) : IM_COL32(0, 0, 0, 40), 0.0f, 0, is_wrong ? 3.0f : 1.0f);
    auto name = [&](int cls) {
      return cls >= 0 && cls < static_cast<int>(ds->class_names.size()) ? ds->class_names[static_cast<size_t>(cls)].c_str()
                                                                         : "?";
    };
    char line1[64], line2[64];
    std::snprintf(line1, sizeof line1, "%s", pred >= 0 ? name(pred) : "…");
    std::snprintf(line2, sizeof line2, "true: %s", name(truth));
    const ImU32 c1 = pred < 0 ? ImGui::GetColorU32(ImGuiCol_TextDisabled)
                              : is_wrong ? IM_COL32(200, 20, 20, 255) : IM_COL32(20, 120, 40, 255);
    const float tx = origin.x + static_cast<float>(c) * (tile_w + gap);
    const ImVec4 clip(tx, p.y, tx + tile_w, p.y + img + text_h);
    const float l1 = ImGui::CalcTextSize(line1).x, l2 = ImGui::CalcTextSize(line2).x;
    dl->AddText(nullptr, 0.0f, ImVec2(tx + std::max(0.0f, (tile_w - l1) * 0.5f), p.y + img + 3), c1, line1, nullptr,
                0.0f, &clip);
    dl->AddText(nullptr, 0.0f, ImVec2(tx + std::max(0.0f, (tile_w - l2) * 0.5f), p.y + img + 3 + ImGui::GetTextLineHeight()),
                ImGui::GetColorU32(ImGuiCol_TextDisabled), line2, nullptr, 0.0f, &clip);
  }
  ImGui::Dummy(ImVec2(avail.x, static_cast<float>(rows) * (img + text_h + gap)));
  if (known > 0)
    ImGui::TextDisabled("%d of %d shown predicted wrong (red frame) · green = right", wrong, known);
}

}  // namespace nnplay::ui
