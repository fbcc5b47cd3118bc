// panel_segmentation.cpp — the first tab for the two dense / sequence families:
//   Masks      (shapes) image, true mask and predicted mask (argmax over the
//              (1, C, H, W) logits per pixel) for a few validation samples,
//              pixel accuracy each, and the colour legend
//   Sequences  (memory) a few sequences as T × K one-hot grids with the first
//              symbol (the label) framed, true and predicted symbol
// Predictions refresh at most once a second while the weights change.
#include <algorithm>
#include <cmath>
#include <cstdio>

#include "imgui.h"
#include "loss/loss.h"
#include "platform/platform.h"
#include "ui/app.h"
#include "ui/views.h"
#include "ui/widgets.h"

namespace nnplay::ui {
namespace {

constexpr int kSegSamples = 6;
constexpr int kSeqSamples = 8;

ImU32 class_color(int c) {
  static const ImU32 kPalette[] = {IM_COL32(236, 236, 236, 255), kOrange, kBlue, IM_COL32(46, 160, 67, 255),
                                   IM_COL32(200, 50, 120, 255), IM_COL32(120, 80, 200, 255), IM_COL32(30, 170, 170, 255),
                                   IM_COL32(150, 110, 40, 255)};
  return kPalette[static_cast<size_t>(c) % std::size(kPalette)];
}

void put(std::vector<uint8_t>& rgba, int aw, int x, int y, ImU32 c) {
  uint8_t* p = &rgba[(static_cast<size_t>(y) * static_cast<size_t>(aw) + static_cast<size_t>(x)) * 4];
  p[0] = static_cast<uint8_t>(c >> IM_COL32_R_SHIFT);
  p[1] = static_cast<uint8_t>(c >> IM_COL32_G_SHIFT);
  p[2] = static_cast<uint8_t>(c >> IM_COL32_B_SHIFT);
  p[3] = 255;
}

const char* cls(const data::Dataset& ds, int c) {
  return c >= 0 && c < static_cast<int>(ds.class_names.size()) ? ds.class_names[static_cast<size_t>(c)].c_str() : "?";
}

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
    ImGui::TextUnformatted(cls(ds, c));
  }
}

}  // namespace

void App::panel_segmentation() {
  const data::Dataset* ds = session_.dataset();
  NetViews& v = *views_;
  if (!ds || !ds->dense() || !ds->is_image()) return;
  const float fs = ImGui::GetFontSize();
  const std::vector<int32_t>& val = session_.trainer().val_indices();
  const int h = ds->sample_shape[2], w = ds->sample_shape[3];
  const int n = static_cast<int>(std::min<size_t>(kSegSamples, val.size()));
  if (n == 0) return;

  const std::string key = session_.config().dataset + "|" + std::to_string(val[0]) + "|" + std::to_string(val.size());
  const std::string step_key = key + "|" + std::to_string(session_.status().step) + "|" + session_.config().model;
  const double now = platform::now_ms();
  const bool fresh = v.seg_key.rfind(key + "|", 0) != 0;
  if (fresh || (v.seg_key != step_key && now - v.seg_time > 1000.0)) {
    v.seg_key = step_key;
    v.seg_time = now;
    v.seg_idx.assign(val.begin(), val.begin() + n);
    ds->gather(v.seg_idx, v.x);
    const bool have = session_.predict(v.x, &v.logits).ok() && v.logits.rank() == 4 && v.logits.dim(2) == h &&
                      v.logits.dim(3) == w;
    const int aw = 3 * (w + 1), ah = n * (h + 1);
    std::vector<uint8_t> rgba(static_cast<size_t>(aw) * static_cast<size_t>(ah) * 4, 255);
    v.seg_acc.assign(static_cast<size_t>(n), -1.0f);
    for (int k = 0; k < n; ++k) {
      const int32_t idx = v.seg_idx[static_cast<size_t>(k)];
      int right = 0;
      for (int y = 0; y < h; ++y)
        for (int x = 0; x < w; ++x) {
          const int ty = k * (h + 1) + y;
          const auto g = static_cast<int>(std::clamp(ds->feature(idx, y * w + x), 0.0f, 1.0f) * 255.0f + 0.5f);
          put(rgba, aw, x, ty, IM_COL32(g, g, g, 255));
          const int truth = ds->y_dense[static_cast<size_t>(idx) * static_cast<size_t>(h * w) + static_cast<size_t>(y * w + x)];
          put(rgba, aw, (w + 1) + x, ty, class_color(truth));
          if (have) {
            const int C = v.logits.dim(1);
            const float* z = v.logits.data() + static_cast<int64_t>(k) * C * h * w + y * w + x;
            int best = 0;
            for (int c = 1; c < C; ++c)
              if (z[static_cast<int64_t>(c) * h * w] > z[static_cast<int64_t>(best) * h * w]) best = c;
            put(rgba, aw, 2 * (w + 1) + x, ty, class_color(best));
            right += best == truth;
          } else {
            put(rgba, aw, 2 * (w + 1) + x, ty, IM_COL32(255, 255, 255, 255));
          }
        }
      if (have) v.seg_acc[static_cast<size_t>(k)] = static_cast<float>(right) / static_cast<float>(h * w);
    }
    v.seg_tex.upload_rgba(aw, ah, rgba.data(), true);
  }

  section("Validation images: segmentation");
  legend(*ds);
  const float avail = ImGui::GetContentRegionAvail().x;
  const float text_w = fs * 5.5f, gap = fs * 0.5f;
  const float head = ImGui::GetTextLineHeightWithSpacing();
  const float by_h = (ImGui::GetContentRegionAvail().y - head - fs * 2.0f) / static_cast<float>(n) - gap;
  const float d = std::clamp(std::min((avail - text_w - 3 * gap) / 3.0f, by_h), fs * 2.5f, fs * 8.0f);
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const ImVec2 p0 = ImGui::GetCursorScreenPos();
  const char* heads[] = {"image", "true mask", "predicted"};
  for (int c = 0; c < 3; ++c) dl->AddText(ImVec2(p0.x + static_cast<float>(c) * (d + gap), p0.y), ImGui::GetColorU32(ImGuiCol_TextDisabled), heads[c]);
  const float aw = static_cast<float>(v.seg_tex.width()), ah = static_cast<float>(v.seg_tex.height());
  for (int k = 0; k < static_cast<int>(v.seg_idx.size()) && k < n; ++k) {
    const float y = p0.y + head + static_cast<float>(k) * (d + gap);
    for (int c = 0; c < 3; ++c) {
      const ImVec2 q(p0.x + static_cast<float>(c) * (d + gap), y);
      const ImVec2 uv0(static_cast<float>(c * (w + 1)) / aw, static_cast<float>(k * (h + 1)) / ah);
      const ImVec2 uv1(uv0.x + static_cast<float>(w) / aw, uv0.y + static_cast<float>(h) / ah);
      dl->AddImage(v.seg_tex.imgui_id(), q, ImVec2(q.x + d, q.y + d), uv0, uv1);
      dl->AddRect(q, ImVec2(q.x + d, q.y + d), IM_COL32(0, 0, 0, 60));
    }
    char acc[48];
    const float a = k < static_cast<int>(v.seg_acc.size()) ? v.seg_acc[static_cast<size_t>(k)] : -1.0f;
    if (a >= 0) std::snprintf(acc, sizeof acc, "%.1f%% of pixels", 100.0 * static_cast<double>(a));
    else std::snprintf(acc, sizeof acc, "…");
    dl->AddText(ImVec2(p0.x + 3 * (d + gap), y + d * 0.5f - fs * 0.5f),
                a >= 0.95f ? IM_COL32(20, 120, 40, 255) : ImGui::GetColorU32(ImGuiCol_Text), acc);
  }
  ImGui::Dummy(ImVec2(avail, head + static_cast<float>(n) * (d + gap)));
  ImGui::TextDisabled("predicted = the class with the largest logit at each pixel (eval mode)");
}

void App::panel_sequences() {
  const data::Dataset* ds = session_.dataset();
  NetViews& v = *views_;
  if (!ds || ds->sample_shape.rank != 3) return;
  const float fs = ImGui::GetFontSize();
  const std::vector<int32_t>& val = session_.trainer().val_indices();
  const int T = ds->sample_shape[1], K = ds->sample_shape[2];
  const int n = static_cast<int>(std::min<size_t>(kSeqSamples, val.size()));
  if (n == 0) return;
  const std::string key = session_.config().dataset + "|" + std::to_string(val[0]) + "|" + std::to_string(T);
  const std::string step_key = key + "|" + std::to_string(session_.status().step) + "|" + session_.config().model;
  const double now = platform::now_ms();
  if (v.seq_key.rfind(key + "|", 0) != 0 || (v.seq_key != step_key && now - v.seq_time > 1000.0)) {
    v.seq_key = step_key;
    v.seq_time = now;
    std::vector<int32_t> idx(val.begin(), val.begin() + n);
    ds->gather(idx, v.x);
    v.seq_pred.assign(static_cast<size_t>(n), -1);
    v.seq_conf.assign(static_cast<size_t>(n), 0.0f);
    if (session_.predict(v.x, &v.logits).ok() && v.logits.rank() == 2) {
      const int C = v.logits.dim(1);
      for (int k = 0; k < n; ++k) {
        v.seq_pred[static_cast<size_t>(k)] = loss::predict_class(session_.config().loss, v.logits, k);
        if (C > 1) {  // softmax probability of the predicted symbol
          const float* z = v.logits.data() + static_cast<int64_t>(k) * C;
          const float mx = *std::max_element(z, z + C);
          float sum = 0;
          for (int c = 0; c < C; ++c) sum += std::exp(z[c] - mx);
          v.seq_conf[static_cast<size_t>(k)] = std::exp(z[v.seq_pred[static_cast<size_t>(k)]] - mx) / sum;
        }
      }
    }
  }

  section("Validation sequences");
  ImGui::PushTextWrapPos(0.0f);
  ImGui::TextDisabled("Each sequence: %d steps (columns) of one of %d symbols (rows). The label is the FIRST symbol "
                      "(framed); the other %d are distractors, so the network must remember it to the end. A plain "
                      "RNN forgets over long sequences; an LSTM's gates keep it.",
                      T, K, T - 1);
  ImGui::PopTextWrapPos();
  const float text_w = fs * 9.0f;
  const float avail = ImGui::GetContentRegionAvail().x;
  const float cell = std::clamp((avail - text_w - fs * 1.5f) / static_cast<float>(T), 3.0f, fs * 0.9f);
  ImDrawList* dl = ImGui::GetWindowDrawList();
  for (int k = 0; k < n; ++k) {
    const int32_t idx = val[static_cast<size_t>(k)];
    const ImVec2 p = ImGui::GetCursorScreenPos();
    // symbol letters on the left
    for (int s = 0; s < K; ++s)
      dl->AddText(ImVec2(p.x, p.y + static_cast<float>(s) * cell + (cell - fs) * 0.5f), ImGui::GetColorU32(ImGuiCol_TextDisabled),
                  cls(*ds, s));
    const float gx = p.x + fs * 1.2f;
    for (int t = 0; t < T; ++t)
      for (int s = 0; s < K; ++s) {
        const float f = ds->feature(idx, static_cast<int64_t>(t) * K + s);
        const ImVec2 a(gx + static_cast<float>(t) * cell, p.y + static_cast<float>(s) * cell);
        dl->AddRectFilled(a, ImVec2(a.x + cell - 1, a.y + cell - 1),
                          f > 0.5f ? (t == 0 ? kOrange : IM_COL32(60, 60, 60, 255)) : IM_COL32(238, 238, 238, 255));
      }
    dl->AddRect(ImVec2(gx - 1.5f, p.y - 1.5f), ImVec2(gx + cell + 0.5f, p.y + static_cast<float>(K) * cell + 0.5f), kOrange, 0.0f, 0,
                2.0f);
    const int truth = ds->y[static_cast<size_t>(idx)];
    const int pred = v.seq_pred.empty() ? -1 : v.seq_pred[static_cast<size_t>(k)];
    char line[96];
    if (pred >= 0)
      std::snprintf(line, sizeof line, "true %s · predicted %s (%.0f%%)", cls(*ds, truth), cls(*ds, pred),
                    100.0 * static_cast<double>(v.seq_conf[static_cast<size_t>(k)]));
    else std::snprintf(line, sizeof line, "true %s", cls(*ds, truth));
    const float tx = gx + static_cast<float>(T) * cell + fs * 0.6f;
    dl->AddText(ImVec2(tx, p.y + static_cast<float>(K) * cell * 0.5f - fs * 0.5f),
                pred < 0 ? ImGui::GetColorU32(ImGuiCol_Text) : pred == truth ? IM_COL32(20, 120, 40, 255) : IM_COL32(200, 20, 20, 255),
                line);
    ImGui::Dummy(ImVec2(avail, static_cast<float>(K) * cell + fs * 0.6f));
  }
  ImGui::TextDisabled("noise = chance that a label was replaced by a random symbol");
}

}  // namespace nnplay::ui
