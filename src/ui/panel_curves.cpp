// panel_curves.cpp — loss and accuracy over epochs, training vs validation,
// from the trainer's metric history (a point every ~1/10 epoch; the trainer
// halves the history when it is full, so long runs stay cheap to draw).
#include <algorithm>
#include <cmath>
#include <utility>

#include "imgui.h"
#include "ui/app.h"
#include "ui/widgets.h"

namespace nnplay::ui {

void App::panel_curves() {
  const std::vector<train::MetricPoint>& h = session_.trainer().history();
  section("Curves");
  ImGui::Checkbox("log-scale loss", &log_loss_);
  ImGui::SameLine();
  ImGui::Checkbox("smooth", &smooth_);
  if (ImGui::IsItemHovered())
    ImGui::SetTooltip("moving average over the points, raw points faint behind (display only)");
  ImGui::SameLine();
  ImGui::TextDisabled("%zu points", h.size());

  PlotSeries loss_tr{"training", kTrainCurve, {}}, loss_va{"validation", kValCurve, {}};
  PlotSeries acc_tr{"training", kTrainCurve, {}}, acc_va{"validation", kValCurve, {}};
  float x_max = 1.0f, l_min = INFINITY, l_max = 0.0f, a_min = 1.0f;
  for (const train::MetricPoint& p : h) {
    const float x = static_cast<float>(p.epoch);
    loss_tr.points.emplace_back(x, p.loss_train);
    loss_va.points.emplace_back(x, p.loss_val);
    acc_tr.points.emplace_back(x, p.acc_train);
    acc_va.points.emplace_back(x, p.acc_val);
    x_max = std::max(x_max, x);
    for (float l : {p.loss_train, p.loss_val})
      if (std::isfinite(l)) {
        l_max = std::max(l_max, l);
        if (l > 0) l_min = std::min(l_min, l);
      }
    for (float a : {p.acc_train, p.acc_val}) a_min = std::min(a_min, a);
  }

  // Smoothing (display only): the raw points stay as faint lines behind an
  // exponential moving average over epochs, with a time constant of 1/80 of
  // the run. It is defined in x (not per point) because the trainer thins old
  // points when its history is full, so points are denser at the end; it is
  // debiased at the start like TensorBoard's.
  std::vector<PlotSeries> loss_series, acc_series;
  const float tau = std::max(1e-3f, x_max / 80.0f);
  auto add = [&](std::vector<PlotSeries>& out, PlotSeries ps) {
    if (smooth_ && ps.points.size() > 8) {
      PlotSeries raw{"", (ps.color & ~IM_COL32_A_MASK) | IM_COL32(0, 0, 0, 60), ps.points, 1.0f};
      out.push_back(std::move(raw));
      float s = 0.0f, norm = 0.0f, prev_x = ps.points.front().x;
      for (ImVec2& p : ps.points) {
        if (!std::isfinite(p.y)) continue;
        const float w = std::exp(-std::max(0.0f, p.x - prev_x) / tau);
        prev_x = p.x;
        s = w * s + (1.0f - w) * p.y;
        norm = w * norm + (1.0f - w);
        if (norm > 0.0f) p.y = s / norm;
        else s = p.y, norm = 1.0f;  // first point: start from it
      }
    }
    out.push_back(std::move(ps));
  };
  add(loss_series, std::move(loss_tr));
  add(loss_series, std::move(loss_va));
  add(acc_series, std::move(acc_tr));
  add(acc_series, std::move(acc_va));

  PlotAxes loss_axes;
  loss_axes.x_label = "epoch";
  loss_axes.y_label = "Loss";
  loss_axes.x_max = x_max;
  if (log_loss_ && std::isfinite(l_min)) {
    loss_axes.y_log = true;
    loss_axes.y_min = std::pow(10.0f, std::floor(std::log10(l_min)));
    loss_axes.y_max = std::pow(10.0f, std::ceil(std::log10(std::max(l_max, l_min * 1.01f))));
  } else {
    loss_axes.y_min = 0.0f;
    loss_axes.y_max = l_max > 0 ? l_max * 1.05f : 1.0f;
  }
  PlotAxes acc_axes;
  acc_axes.x_label = "epoch";
  acc_axes.y_label = "Accuracy";
  acc_axes.x_max = x_max;
  acc_axes.y_percent = true;
  // Zoom in once every point is above 50 %, always showing at least 10 %.
  acc_axes.y_min = h.empty() || a_min < 0.5f ? 0.0f : std::min(0.9f, std::floor(a_min * 10.0f) / 10.0f);
  acc_axes.y_max = 1.0f + 0.03f * (1.0f - acc_axes.y_min);  // headroom: a line at 100 % stays visible

  // Network edits (a skip switch flipped, a layer added) as markers, at the
  // epoch of their step (interpolated between the metric points).
  std::vector<PlotMarker> markers;
  for (const auto& [step, text] : session_.trainer().events()) {
    auto it = std::lower_bound(h.begin(), h.end(), step, [](const train::MetricPoint& p, int64_t s) { return p.step < s; });
    float x = static_cast<float>(session_.trainer().epoch_progress());
    if (it != h.end() && it != h.begin() && it->step > (it - 1)->step) {
      const auto& p0 = *(it - 1);
      const double f = static_cast<double>(step - p0.step) / static_cast<double>(it->step - p0.step);
      x = static_cast<float>(p0.epoch + f * (it->epoch - p0.epoch));
    } else if (it != h.end()) {
      x = static_cast<float>(it->epoch);
    }
    markers.push_back({x, "step " + std::to_string(step) + ": " + text});
  }

  const float w = ImGui::GetContentRegionAvail().x;
  // The learning rate each step used (panel_schedule.cpp), when a schedule or an edit changes it.
  const float lr_h = lr_plot_wanted() ? ImGui::GetFontSize() * 7.0f : 0.0f;
  const float each = std::max(ImGui::GetFontSize() * 9.0f, (ImGui::GetContentRegionAvail().y - 8.0f - lr_h) * 0.5f);
  line_plot("loss", loss_axes, loss_series, ImVec2(w, each), markers);
  line_plot("acc", acc_axes, acc_series, ImVec2(w, each), markers);
  if (lr_h > 0) lr_plot(w, lr_h);
}

}  // namespace nnplay::ui
