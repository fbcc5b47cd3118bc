// curves_panel.cpp — loss and accuracy over epochs, training vs validation,
// from the trainer's metric history (a point every ~1/10 epoch; the trainer
// halves the history when it is full, so long runs stay cheap to draw), the
// network edits as markers, and the learning rate when it changes.
#include <algorithm>
#include <cmath>
#include <utility>

#include "imgui.h"
#include "ui/context.h"
#include "ui/plot.h"
#include "ui/training/schedule_editor.h"
#include "ui/view.h"
#include "ui/widgets.h"

namespace nnplay::ui {
namespace {

// Smoothing (display only): the raw points stay as faint lines behind an
// exponential moving average over epochs with a time constant of 1/80 of the
// run (in x, not per point: the trainer thins old points when its history is
// full, so points are denser at the end).
void add_series(std::vector<PlotSeries>& out, PlotSeries ps, bool smooth, float x_max) {
  if (smooth && ps.points.size() > 8) {
    out.push_back(PlotSeries{"", (ps.color & ~IM_COL32_A_MASK) | IM_COL32(0, 0, 0, 60), ps.points, 1.0f});
    ps.points = smooth_ema(std::move(ps.points), std::max(1e-3f, x_max / 80.0f));
  }
  out.push_back(std::move(ps));
}

// Network edits (a skip switch flipped, a layer added) at the epoch of their
// step, interpolated between the metric points.
std::vector<PlotMarker> edit_markers(const train::Trainer& t) {
  const std::vector<train::MetricPoint>& h = t.history();
  std::vector<PlotMarker> markers;
  for (const auto& [step, text] : t.events()) {
    auto it = std::lower_bound(h.begin(), h.end(), step, [](const train::MetricPoint& p, int64_t s) { return p.step < s; });
    float x = static_cast<float>(t.epoch_progress());
    if (it != h.end() && it != h.begin() && it->step > (it - 1)->step) {
      const auto& p0 = *(it - 1);
      const double f = static_cast<double>(step - p0.step) / static_cast<double>(it->step - p0.step);
      x = static_cast<float>(p0.epoch + f * (it->epoch - p0.epoch));
    } else if (it != h.end()) {
      x = static_cast<float>(it->epoch);
    }
    markers.push_back({x, "step " + std::to_string(step) + ": " + text});
  }
  return markers;
}

class CurvesPanel : public View {
 public:
  void draw(Ctx& ctx) override {
    const train::Trainer& t = ctx.session().trainer();
    const std::vector<train::MetricPoint>& h = t.history();
    section("Curves");
    ImGui::Checkbox("log-scale loss", &log_loss_);
    ImGui::SameLine();
    ImGui::Checkbox("smooth", &smooth_);
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("moving average over the points, raw points faint behind (display only)");
    ImGui::SameLine();
    ImGui::TextDisabled("%zu points", h.size());

    PlotSeries loss_tr{"training", kTrainCurve, {}}, loss_va{"validation", kValCurve, {}};
    PlotSeries acc_tr{"training", kTrainCurve, {}}, acc_va{"validation", kValCurve, {}};
    for (const train::MetricPoint& p : h) {
      const float x = static_cast<float>(p.epoch);
      loss_tr.points.emplace_back(x, p.loss_train);
      loss_va.points.emplace_back(x, p.loss_val);
      if (std::isfinite(p.acc_train)) acc_tr.points.emplace_back(x, p.acc_train);  // NaN: a regression set
      if (std::isfinite(p.acc_val)) acc_va.points.emplace_back(x, p.acc_val);
    }
    const float x_max = h.empty() ? 1.0f : std::max(1.0f, static_cast<float>(h.back().epoch));
    std::vector<PlotSeries> loss_series, acc_series;
    add_series(loss_series, std::move(loss_tr), smooth_, x_max);
    add_series(loss_series, std::move(loss_va), smooth_, x_max);
    add_series(acc_series, std::move(acc_tr), smooth_, x_max);
    add_series(acc_series, std::move(acc_va), smooth_, x_max);
    const std::vector<PlotMarker> markers = edit_markers(t);

    const float w = ImGui::GetContentRegionAvail().x;
    const bool lr = lr_plot_wanted(ctx.session());
    const float lr_h = lr ? ImGui::GetFontSize() * 7.0f : 0.0f;
    // A regression set has no accuracy: its loss (MSE) takes the whole height.
    const data::Dataset* ds = ctx.session().dataset();
    const bool regression = ds && ds->regression();
    const float plots = regression ? 1.0f : 2.0f;
    const float each = std::max(ImGui::GetFontSize() * 9.0f, (ImGui::GetContentRegionAvail().y - 8.0f - lr_h) / plots);
    line_plot("loss", loss_axes(loss_series, log_loss_, "epoch", regression ? "Loss (MSE)" : "Loss"), loss_series,
              ImVec2(w, each), markers);
    if (!regression)
      line_plot("acc", accuracy_axes(acc_series, "epoch", "Accuracy"), acc_series, ImVec2(w, each), markers);
    if (lr) lr_plot(ctx.session(), w, lr_h);
  }

 private:
  bool log_loss_ = false;
  bool smooth_ = true;
};

}  // namespace

std::unique_ptr<View> make_curves_panel() { return std::make_unique<CurvesPanel>(); }

}  // namespace nnplay::ui
