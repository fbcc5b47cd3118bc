// panel_perceptron.cpp — Rosenblatt's perceptron (train/perceptron.h, the
// lecture's "Perceptron training algorithm") on the current 2D dataset:
// epoch by epoch, the line w·x + b = 0 over the training points, the two
// half-planes it predicts, and the mistakes of every epoch. It reaches zero
// mistakes on separable data (gauss) and never on XOR or the circle.
// The dataset is the app's (the same command as the Dataset panel); the
// perceptron trains on its training split, from zero weights.
#include <algorithm>
#include <cmath>
#include <cstdio>

#include "data/catalog.h"
#include "imgui.h"
#include "ui/app.h"
#include "ui/optim_views.h"
#include "ui/widgets.h"

namespace nnplay::ui {
namespace {

constexpr float kExtent = 6.0f;

// The part of the line w0·x + w1·y + b = 0 inside [-e, e]² (false if it misses).
bool clip_line(float w0, float w1, float b, float e, ImVec2* p, ImVec2* q) {
  std::vector<ImVec2> hits;
  if (std::fabs(w1) > 1e-12f)
    for (float x : {-e, e}) {
      const float y = -(w0 * x + b) / w1;
      if (y >= -e && y <= e) hits.emplace_back(x, y);
    }
  if (std::fabs(w0) > 1e-12f)
    for (float y : {-e, e}) {
      const float x = -(w1 * y + b) / w0;
      if (x >= -e && x <= e) hits.emplace_back(x, y);
    }
  if (hits.size() < 2) return false;
  *p = hits.front();
  *q = hits.back();
  return true;
}

}  // namespace

void App::panel_perceptron() {
  OptimViews& v = *optim_;
  const float fs = ImGui::GetFontSize();
  section("Perceptron");
  ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
  ImGui::TextWrapped("y' = sgn(w·x + b); on a mistake w ← w + α(y − y')x and b ← b + α(y − y'), with α = α₀·1000/(1000 + t) "
                     "at epoch t (the lecture's slide). One epoch visits every training point once, in a new random order.");
  ImGui::PopStyleColor();

  const data::Dataset* ds = session_.dataset();
  const data::DatasetInfo* info = data::find_dataset(session_.config().dataset);
  const bool points = ds && info && info->family == data::Family::Points && ds->per_sample() == 2 && ds->num_classes == 2;

  // Dataset (the app's: the same command as the Dataset panel)
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted("Data");
  ImGui::SameLine();
  for (const char* k : {"gauss", "xor", "circle", "moons", "spiral"}) {
    if (ImGui::RadioButton(k, session_.config().dataset == k)) set("dataset", k);
    ImGui::SameLine();
  }
  ImGui::NewLine();
  if (!points) {
    ImGui::TextWrapped("The perceptron view needs a 2D two-class dataset: pick one above.");
    return;
  }
  const train::Config& cfg = session_.config();
  const std::string key = cfg.dataset + "|" + number_text(cfg.noise) + "|" + std::to_string(cfg.samples) + "|" +
                          number_text(cfg.val_fraction) + "|" + std::to_string(cfg.seed) + "|" + number_text(v.perc_alpha);
  if (key != v.perc_key) {
    Status st = v.perceptron.reset(2, v.perc_alpha, cfg.seed);
    v.perc_error = st.ok() ? "" : st.to_string();
    v.perc_key = key;
    v.perc_due = 0;
  }
  const std::vector<int32_t>& train_idx = session_.trainer().train_indices();
  auto one_epoch = [&]() {
    auto r = v.perceptron.fit_epoch(*ds, train_idx);
    if (!r.ok()) {
      v.perc_error = r.status().to_string();
      v.perc_running = false;
    }
  };

  // Controls
  const std::vector<int>& mistakes = v.perceptron.mistakes_per_epoch();
  const bool converged = !mistakes.empty() && mistakes.back() == 0;
  if (ImGui::Button("Epoch")) one_epoch();
  ImGui::SameLine();
  if (!v.perc_running) {
    if (ImGui::Button("▶ Run")) {
      v.perc_running = true;
      v.perc_due = 0;
    }
  } else if (ImGui::Button("▮▮ Pause")) {
    v.perc_running = false;
  }
  ImGui::SameLine();
  if (ImGui::Button("Reset")) v.perc_key.clear();  // zero weights on the next frame
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("back to w = 0, b = 0, epoch 0");
  ImGui::SameLine();
  ImGui::SetNextItemWidth(fs * 6.5f);
  ImGui::SliderFloat("##alpha", &v.perc_alpha, 0.001f, 10.0f, "α₀ %.3g", ImGuiSliderFlags_Logarithmic);
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("initial rate α₀ (changing it resets the perceptron)");
  ImGui::SameLine();
  ImGui::SetNextItemWidth(fs * 7.0f);
  ImGui::SliderFloat("##speed", &v.perc_speed, 0.5f, 100.0f, "%.1f epochs/s", ImGuiSliderFlags_Logarithmic);
  ImGui::SameLine();
  ImGui::SetNextItemWidth(fs * 6.0f);
  ImGui::SliderInt("##max", &v.perc_max_epochs, 10, 1000, "stop at %d", ImGuiSliderFlags_Logarithmic);

  // Animation: epochs at the chosen speed until converged or the limit.
  if (v.perc_running) {
    v.perc_due += v.perc_speed * ImGui::GetIO().DeltaTime;
    while (v.perc_due >= 1.0 && v.perc_running) {
      v.perc_due -= 1.0;
      one_epoch();
      const auto& m = v.perceptron.mistakes_per_epoch();
      if ((!m.empty() && m.back() == 0) || v.perceptron.epoch() >= v.perc_max_epochs) v.perc_running = false;
    }
  }
  if (!v.perc_error.empty()) ImGui::TextColored(kErrorText, "%s", v.perc_error.c_str());

  // Picture: half-planes, line, points.
  const ImVec2 avail = ImGui::GetContentRegionAvail();
  const float label_w = ImGui::CalcTextSize("-6").x + fs * 0.4f;
  const float side = std::max(fs * 10.0f, std::min(avail.x * 0.55f - label_w, avail.y - fs * 2.0f));
  const ImVec2 cur = ImGui::GetCursorScreenPos();
  const ImVec2 a(cur.x + label_w, cur.y + fs * 0.3f), b(a.x + side, a.y + side);
  auto to_screen = [&](float x, float y) {
    return ImVec2(a.x + (x + kExtent) / (2 * kExtent) * side, a.y + (kExtent - y) / (2 * kExtent) * side);
  };
  ImGui::SetCursorScreenPos(a);
  ImGui::InvisibleButton("##perc", ImVec2(side, side));
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const float w0 = v.perceptron.weight().empty() ? 0.0f : v.perceptron.weight()[0];
  const float w1 = v.perceptron.weight().size() < 2 ? 0.0f : v.perceptron.weight()[1];
  const float bias = v.perceptron.bias();
  const ImU32 light_orange = IM_COL32(252, 226, 196, 255), light_blue = IM_COL32(200, 224, 240, 255);
  dl->PushClipRect(a, b, true);
  // Background: the predicted class of each cell (sgn(0) counts as −1, orange).
  const int cells = 48;
  const float cell = side / static_cast<float>(cells);
  for (int r = 0; r < cells; ++r)
    for (int c = 0; c < cells; ++c) {
      const float x = -kExtent + (static_cast<float>(c) + 0.5f) / cells * 2 * kExtent;
      const float y = kExtent - (static_cast<float>(r) + 0.5f) / cells * 2 * kExtent;
      const bool blue = w0 * x + w1 * y + bias > 0;
      const ImVec2 p0(a.x + static_cast<float>(c) * cell, a.y + static_cast<float>(r) * cell);
      dl->AddRectFilled(p0, ImVec2(p0.x + cell + 0.5f, p0.y + cell + 0.5f), blue ? light_blue : light_orange);
    }
  ImVec2 p, q;
  if (clip_line(w0, w1, bias, kExtent, &p, &q)) dl->AddLine(to_screen(p.x, p.y), to_screen(q.x, q.y), IM_COL32(30, 30, 30, 255), 2.5f);
  // Training points; a mistake has a red ring.
  float x2[2];
  int wrong = 0;
  for (int32_t i : train_idx) {
    x2[0] = ds->feature(i, 0);
    x2[1] = ds->feature(i, 1);
    const int y = ds->y[static_cast<size_t>(i)];
    const ImVec2 s = to_screen(x2[0], x2[1]);
    dl->AddCircleFilled(s, 3.5f, y == 1 ? kBlue : kOrange);
    if (v.perceptron.epoch() > 0 && v.perceptron.predict(x2) != y) {
      dl->AddCircle(s, 5.5f, IM_COL32(200, 0, 0, 255), 0, 1.5f);
      ++wrong;
    }
  }
  dl->PopClipRect();
  dl->AddRect(a, b, IM_COL32(0, 0, 0, 90));
  const ImU32 tick_col = ImGui::GetColorU32(ImGuiCol_TextDisabled);
  for (int t = -6; t <= 6; t += 3) {
    char buf[8];
    std::snprintf(buf, sizeof buf, "%d", t);
    const ImVec2 ts = ImGui::CalcTextSize(buf);
    const ImVec2 px = to_screen(static_cast<float>(t), -kExtent), py = to_screen(-kExtent, static_cast<float>(t));
    dl->AddText(ImVec2(px.x - ts.x * 0.5f, b.y + 2), tick_col, buf);
    dl->AddText(ImVec2(a.x - ts.x - fs * 0.3f, py.y - ts.y * 0.5f), tick_col, buf);
  }

  // Right: numbers and mistakes per epoch.
  ImGui::SetCursorScreenPos(ImVec2(b.x + fs, cur.y));
  ImGui::BeginChild("perc_side", ImVec2(0, side + fs * 1.5f), false);
  ImGui::Text("Epoch %d · α = %.4g", v.perceptron.epoch(), v.perceptron.alpha());
  ImGui::Text("w = (%.3f, %.3f), b = %.3f", w0, w1, bias);
  if (v.perceptron.epoch() > 0)
    ImGui::Text("Mistakes last epoch: %d · now wrong: %d of %zu", mistakes.back(), wrong, train_idx.size());
  ImGui::PushTextWrapPos(ImGui::GetContentRegionMax().x);
  if (converged)
    ImGui::TextColored(ImVec4(0.1f, 0.5f, 0.1f, 1), "Converged: a whole epoch without a mistake. The data is linearly "
                                                     "separable, and on such data the rule always gets there (Novikoff 1962).");
  else if (v.perceptron.epoch() >= v.perc_max_epochs)
    ImGui::TextColored(kErrorText, "Still %d mistakes after %d epochs: no line separates these classes (XOR, the circle), "
                                   "so the rule never settles. A hidden layer is needed: train a network on the same data.",
                       mistakes.back(), v.perceptron.epoch());
  ImGui::PopTextWrapPos();
  PlotSeries ms{"mistakes", IM_COL32(200, 40, 40, 255), {}, 2.0f};
  float m_max = 1.0f;
  for (size_t e = 0; e < mistakes.size(); ++e) {
    ms.points.emplace_back(static_cast<float>(e + 1), static_cast<float>(mistakes[e]));
    m_max = std::max(m_max, static_cast<float>(mistakes[e]));
  }
  PlotAxes ax;
  ax.x_label = "epoch";
  ax.y_label = "mistakes per epoch";
  ax.x_min = 0;
  ax.x_max = static_cast<float>(std::max(10, v.perceptron.epoch()));
  ax.y_max = m_max * 1.08f;
  const float w = ImGui::GetContentRegionAvail().x;
  line_plot("perc_mistakes", ax, std::span<const PlotSeries>(&ms, 1), ImVec2(w, std::max(fs * 9.0f, ImGui::GetContentRegionAvail().y)));
  ImGui::EndChild();
}

}  // namespace nnplay::ui
