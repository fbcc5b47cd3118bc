// panel_confusion.cpp — which classes the network confuses: counts of (true,
// predicted) over the whole validation split (per pixel for segmentation), in
// eval mode, and the misclassified samples as clickable thumbnails (a click
// shows that image's feature maps).
//
// The same counts as Session::confusion(), but computed in slices of a few
// milliseconds per frame through Session::predict(): a ResNet over 6,000
// validation images takes seconds in a browser, which must not freeze the
// page. The last finished matrix stays on screen while the next is computed
// (on demand, or every 10 s while training when "auto" is on).
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

constexpr double kSliceMs = 6.0;       // prediction time per frame
constexpr double kAutoEveryMs = 10000.0;
constexpr int kMaxWrong = 512;
constexpr int kThumbs = 40;

const char* cls(const data::Dataset& ds, int c) {
  return c >= 0 && c < static_cast<int>(ds.class_names.size()) ? ds.class_names[static_cast<size_t>(c)].c_str() : "?";
}

}  // namespace

void App::step_confusion() {
  NetViews::Confusion& cm = views_->cm;
  const data::Dataset* ds = session_.dataset();
  if (!cm.running || !ds) return;
  NetViews& v = *views_;
  std::vector<int32_t> labels;
  const double t0 = platform::now_ms();
  while (cm.next < cm.val.size() && platform::now_ms() - t0 < kSliceMs) {
    const size_t n = static_cast<size_t>(std::clamp(kSliceMs / std::max(0.01, cm.per_sample_ms), 1.0, 64.0));
    const std::span<const int32_t> part(cm.val.data() + cm.next, std::min(n, cm.val.size() - cm.next));
    const double c0 = platform::now_ms();
    ds->gather(part, v.x);
    ds->gather_labels(part, labels);
    if (!session_.predict(v.x, &v.logits).ok()) {
      cm.running = false;
      return;
    }
    cm.per_sample_ms = 0.7 * cm.per_sample_ms + 0.3 * (platform::now_ms() - c0) / static_cast<double>(part.size());
    if (ds->dense()) {
      const int c = v.logits.dim(1);
      const int64_t hw = static_cast<int64_t>(v.logits.dim(2)) * v.logits.dim(3);
      for (size_t k = 0; k < part.size(); ++k)
        for (int64_t p = 0; p < hw; ++p) {
          const float* z = v.logits.data() + static_cast<int64_t>(k) * c * hw + p;
          int best = 0;
          for (int j = 1; j < c; ++j)
            if (z[j * hw] > z[best * hw]) best = j;
          const int t = labels[k * static_cast<size_t>(hw) + static_cast<size_t>(p)];
          ++cm.counts[static_cast<size_t>(t * cm.classes + best)];
        }
    } else {
      for (size_t k = 0; k < part.size(); ++k) {
        const int pred = loss::predict_class(session_.config().loss, v.logits, static_cast<int>(k));
        const int t = labels[k];
        ++cm.counts[static_cast<size_t>(t * cm.classes + pred)];
        if (pred != t && static_cast<int>(cm.wrong.size()) < kMaxWrong) {
          cm.wrong.push_back(part[k]);
          cm.wrong_pred.push_back(pred);
        }
      }
    }
    cm.next += part.size();
  }
  cm.step_to = session_.status().step;
  if (cm.next >= cm.val.size()) {
    cm.running = false;
    cm.done_time = platform::now_ms();
    v.cm_done = cm;
    v.cm_done.val.clear();
    v.wrong_key.clear();
  }
}

void App::panel_confusion() {
  NetViews& v = *views_;
  const data::Dataset* ds = session_.dataset();
  if (!ds) return;
  const float fs = ImGui::GetFontSize();
  const std::vector<int32_t>& val = session_.trainer().val_indices();
  const train::Config& cfg = session_.config();
  const std::string key = cfg.dataset + "|" + std::to_string(val.size()) + "|" + (val.empty() ? "" : std::to_string(val[0])) +
                          "|" + std::to_string(ds->num_classes) + "|" + cfg.model + "|" + cfg.network + "|" +
                          nn::format_hidden_layers(cfg.layers);
  const int64_t step = session_.status().step;
  auto start = [&]() {
    NetViews::Confusion& cm = v.cm;
    const double cost = cm.per_sample_ms;
    cm = NetViews::Confusion{};
    cm.key = key;
    cm.per_sample_ms = cost;
    cm.running = true;
    cm.val = val;
    cm.classes = ds->num_classes;
    cm.counts.assign(static_cast<size_t>(cm.classes * cm.classes), 0);
    cm.step_from = cm.step_to = step;
  };
  if (v.cm.key != key) {  // another dataset or split: the old matrix means nothing
    v.cm_done = NetViews::Confusion{};
    v.cm_filter_true = v.cm_filter_pred = -1;
    start();
  }
  const double now = platform::now_ms();
  if (!v.cm.running && v.cm_auto && step != v.cm_done.step_to && now - v.cm_done.done_time > kAutoEveryMs) start();

  if (ImGui::Button(v.cm.running ? "Restart" : "Recompute")) start();
  ImGui::SameLine();
  ImGui::Checkbox("auto every 10 s while training", &v.cm_auto);
  step_confusion();
  if (v.cm.running) {
    char label[96];
    std::snprintf(label, sizeof label, "evaluating %s of %s validation samples", format_count(static_cast<int64_t>(v.cm.next)).c_str(),
                  format_count(static_cast<int64_t>(v.cm.val.size())).c_str());
    ImGui::ProgressBar(static_cast<float>(v.cm.next) / static_cast<float>(std::max<size_t>(1, v.cm.val.size())), ImVec2(-1, 0), label);
  }
  const NetViews::Confusion& cm = v.cm_done;
  if (cm.classes == 0) return;
  int64_t total = 0, right = 0;
  for (int t = 0; t < cm.classes; ++t)
    for (int p = 0; p < cm.classes; ++p) {
      total += cm.counts[static_cast<size_t>(t * cm.classes + p)];
      if (t == p) right += cm.counts[static_cast<size_t>(t * cm.classes + p)];
    }
  ImGui::Text("%s %s · %.2f%% right", format_count(total).c_str(), ds->dense() ? "pixels" : "samples",
              total ? 100.0 * static_cast<double>(right) / static_cast<double>(total) : 0.0);
  ImGui::SameLine();
  if (cm.step_from == cm.step_to) ImGui::TextDisabled("(eval mode, step %lld)", static_cast<long long>(cm.step_to));
  else
    ImGui::TextDisabled("(eval mode, steps %lld–%lld: it trained meanwhile)", static_cast<long long>(cm.step_from),
                        static_cast<long long>(cm.step_to));

  // The matrix: rows = true class, columns = predicted; colour = share of the row.
  const int C = cm.classes;
  float label_w = 0;
  for (int c = 0; c < C; ++c) label_w = std::max(label_w, ImGui::CalcTextSize(cls(*ds, c)).x);
  label_w = std::min(label_w, fs * 7.0f) + fs * 0.5f;
  const float avail = ImGui::GetContentRegionAvail().x;
  const float cell = std::clamp((avail - label_w - fs) / static_cast<float>(C), fs * 1.2f, fs * 3.0f);
  ImDrawList* dl = ImGui::GetWindowDrawList();
  ImVec2 p0 = ImGui::GetCursorScreenPos();
  const float head = ImGui::GetTextLineHeight() + 4.0f;
  // column header: predicted class numbers
  for (int c = 0; c < C; ++c) {
    char b[16];
    std::snprintf(b, sizeof b, "%d", c);
    const ImVec2 ts = ImGui::CalcTextSize(b);
    dl->AddText(ImVec2(p0.x + label_w + cell * (static_cast<float>(c) + 0.5f) - ts.x * 0.5f, p0.y), ImGui::GetColorU32(ImGuiCol_TextDisabled), b);
  }
  p0.y += head;
  ImGui::InvisibleButton("##cm", ImVec2(label_w + cell * static_cast<float>(C), cell * static_cast<float>(C) + head));
  const bool hovered = ImGui::IsItemHovered();
  const bool clicked = ImGui::IsItemClicked();
  const ImVec2 m = ImGui::GetIO().MousePos;
  for (int t = 0; t < C; ++t) {
    int64_t row = 0;
    for (int p = 0; p < C; ++p) row += cm.counts[static_cast<size_t>(t * C + p)];
    char name[64];
    std::snprintf(name, sizeof name, "%d %s", t, cls(*ds, t));
    const ImVec4 clip(p0.x, p0.y, p0.x + label_w - 4, p0.y + cell * static_cast<float>(C));
    dl->AddText(nullptr, 0.0f, ImVec2(p0.x, p0.y + cell * static_cast<float>(t) + (cell - fs) * 0.5f), ImGui::GetColorU32(ImGuiCol_Text), name,
                nullptr, 0.0f, &clip);
    for (int p = 0; p < C; ++p) {
      const int64_t n = cm.counts[static_cast<size_t>(t * C + p)];
      const float share = row ? static_cast<float>(n) / static_cast<float>(row) : 0.0f;
      const ImVec2 a(p0.x + label_w + cell * static_cast<float>(p), p0.y + cell * static_cast<float>(t));
      const ImVec2 b(a.x + cell - 1, a.y + cell - 1);
      const float k = t == p ? share : std::min(1.0f, share * 4.0f);  // errors are rarer: brighten them
      const ImU32 col = t == p ? IM_COL32(255 - static_cast<int>(205 * k), 255 - static_cast<int>(140 * k), 255 - static_cast<int>(40 * k), 255)
                               : IM_COL32(255 - static_cast<int>(30 * k), 255 - static_cast<int>(190 * k), 255 - static_cast<int>(190 * k), 255);
      dl->AddRectFilled(a, b, n ? col : IM_COL32(250, 250, 250, 255));
      const bool sel = v.cm_filter_true == t && v.cm_filter_pred == p;
      if (sel) dl->AddRect(a, b, IM_COL32(0, 0, 0, 255), 0.0f, 0, 2.0f);
      if (n && cell >= fs * 1.6f) {
        char num[32];
        if (n >= 10000) std::snprintf(num, sizeof num, "%.0fk", static_cast<double>(n) / 1000.0);
        else std::snprintf(num, sizeof num, "%lld", static_cast<long long>(n));
        const ImVec2 ts = ImGui::CalcTextSize(num);
        if (ts.x < cell - 2)
          dl->AddText(ImVec2(a.x + (cell - ts.x) * 0.5f, a.y + (cell - ts.y) * 0.5f),
                      k > 0.6f ? IM_COL32(255, 255, 255, 255) : IM_COL32(30, 30, 30, 255), num);
      }
      if (hovered && m.x >= a.x && m.x < b.x + 1 && m.y >= a.y && m.y < b.y + 1) {
        ImGui::SetTooltip("true %s, predicted %s: %lld (%.1f%% of the %s)%s", cls(*ds, t), cls(*ds, p), static_cast<long long>(n),
                          100.0 * static_cast<double>(share), cls(*ds, t),
                          t != p && !ds->dense() ? "\nclick: list these mistakes" : "");
        if (clicked && !ds->dense()) {
          if (sel) v.cm_filter_true = v.cm_filter_pred = -1;
          else v.cm_filter_true = t, v.cm_filter_pred = p;
          v.wrong_key.clear();
        }
      }
    }
  }
  ImGui::TextDisabled("rows: true class · columns: predicted · blue: right, red: confused (share of the row)");

  if (ds->dense()) return;
  // The misclassified samples (optionally only one cell's).
  std::vector<size_t> pick;
  for (size_t i = 0; i < cm.wrong.size(); ++i) {
    const int t = ds->y[static_cast<size_t>(cm.wrong[i])];
    if (v.cm_filter_true >= 0 && (t != v.cm_filter_true || cm.wrong_pred[i] != v.cm_filter_pred)) continue;
    pick.push_back(i);
  }
  ImGui::Spacing();
  if (v.cm_filter_true >= 0) {
    ImGui::Text("%zu %s predicted as %s", pick.size(), cls(*ds, v.cm_filter_true), cls(*ds, v.cm_filter_pred));
    ImGui::SameLine();
    if (ImGui::SmallButton("show all mistakes")) v.cm_filter_true = v.cm_filter_pred = -1, v.wrong_key.clear();
  } else {
    ImGui::Text("Misclassified: %zu%s", pick.size(), cm.wrong.size() >= static_cast<size_t>(kMaxWrong) ? "+ (first ones listed)" : "");
  }
  if (pick.empty()) return;
  const bool image = ds->is_image();
  if (!image) {  // sequences: a list
    for (size_t k = 0; k < std::min<size_t>(pick.size(), 30); ++k) {
      const size_t i = pick[k];
      ImGui::BulletText("sample %d: true %s, predicted %s", cm.wrong[i], cls(*ds, ds->y[static_cast<size_t>(cm.wrong[i])]),
                        cls(*ds, cm.wrong_pred[i]));
    }
    return;
  }
  const int h = ds->sample_shape[2], w = ds->sample_shape[3];
  const int n = static_cast<int>(std::min<size_t>(pick.size(), kThumbs));
  const std::string wkey = std::to_string(cm.done_time) + "|" + std::to_string(v.cm_filter_true) + "|" + std::to_string(v.cm_filter_pred);
  if (v.wrong_key != wkey) {
    v.wrong_key = wkey;
    v.wrong_tex_idx.clear();
    const int cols = 8, rows = (n + cols - 1) / cols;
    const int aw = cols * w, ah = std::max(1, rows) * h;
    std::vector<uint8_t> rgba(static_cast<size_t>(aw) * static_cast<size_t>(ah) * 4, 255);
    for (int k = 0; k < n; ++k) {
      const int32_t idx = cm.wrong[pick[static_cast<size_t>(k)]];
      v.wrong_tex_idx.push_back(static_cast<int32_t>(pick[static_cast<size_t>(k)]));
      const int tx = (k % cols) * w, ty = (k / cols) * h;
      for (int yy = 0; yy < h; ++yy)
        for (int xx = 0; xx < w; ++xx) {
          const auto g = static_cast<uint8_t>(std::clamp(ds->feature(idx, yy * w + xx), 0.0f, 1.0f) * 255.0f + 0.5f);
          uint8_t* px = &rgba[(static_cast<size_t>(ty + yy) * static_cast<size_t>(aw) + static_cast<size_t>(tx + xx)) * 4];
          px[0] = px[1] = px[2] = g;
        }
    }
    v.wrong_tex.upload_rgba(aw, ah, rgba.data(), true);
  }
  const float d = fs * 2.8f, gap = fs * 0.35f, text_h = ImGui::GetTextLineHeight();
  const int cols = std::max(1, static_cast<int>((ImGui::GetContentRegionAvail().x + gap) / (d + gap)));
  const ImVec2 q0 = ImGui::GetCursorScreenPos();
  const float aw = static_cast<float>(v.wrong_tex.width()), ah = static_cast<float>(v.wrong_tex.height());
  for (int k = 0; k < static_cast<int>(v.wrong_tex_idx.size()); ++k) {
    const size_t i = static_cast<size_t>(v.wrong_tex_idx[static_cast<size_t>(k)]);
    const int32_t idx = cm.wrong[i];
    const ImVec2 q(q0.x + static_cast<float>(k % cols) * (d + gap), q0.y + static_cast<float>(k / cols) * (d + text_h + gap));
    const ImVec2 uv0(static_cast<float>((k % 8) * w) / aw, static_cast<float>((k / 8) * h) / ah);
    const ImVec2 uv1(uv0.x + static_cast<float>(w) / aw, uv0.y + static_cast<float>(h) / ah);
    ImGui::SetCursorScreenPos(q);
    ImGui::PushID(k);
    if (ImGui::InvisibleButton("##w", ImVec2(d, d))) {
      const auto it = std::find(val.begin(), val.end(), idx);
      if (it != val.end()) {
        v.fm_pos = static_cast<int>(it - val.begin());
        v.select = ViewTab::Maps, v.select_frames = 4;
      }
    }
    const bool hov = ImGui::IsItemHovered();
    ImGui::PopID();
    dl->AddImage(v.wrong_tex.imgui_id(), q, ImVec2(q.x + d, q.y + d), uv0, uv1);
    dl->AddRect(ImVec2(q.x - 1, q.y - 1), ImVec2(q.x + d + 1, q.y + d + 1), hov ? IM_COL32(0, 0, 0, 255) : IM_COL32(220, 20, 20, 255), 0.0f,
                0, hov ? 2.5f : 1.5f);
    const char* pred = cls(*ds, cm.wrong_pred[i]);
    const ImVec4 clip(q.x, q.y + d, q.x + d + gap, q.y + d + text_h);
    dl->AddText(nullptr, 0.0f, ImVec2(q.x, q.y + d + 1), IM_COL32(200, 20, 20, 255), pred, nullptr, 0.0f, &clip);
    if (hov)
      ImGui::SetTooltip("sample %d\ntrue: %s\npredicted: %s\nclick: its feature maps", idx, cls(*ds, ds->y[static_cast<size_t>(idx)]), pred);
  }
  const int rows = (static_cast<int>(v.wrong_tex_idx.size()) + cols - 1) / cols;
  ImGui::SetCursorScreenPos(q0);
  ImGui::Dummy(ImVec2(ImGui::GetContentRegionAvail().x, static_cast<float>(rows) * (d + text_h + gap)));
}

}  // namespace nnplay::ui
