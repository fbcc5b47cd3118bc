// race_curves.cpp — see race_curves.h.
#include "ui/optimizers/race_curves.h"

#include <algorithm>
#include <cmath>

#include "ui/plot.h"
#include "ui/widgets.h"

namespace nnplay::ui {
namespace {

struct Series {
  std::vector<PlotSeries> train, val, acc;
};

// Every lane's history; the validation curves start at the initial weights' loss.
Series lane_series(const train::Race& race, const std::vector<std::string>& labels, bool by_step, bool smooth) {
  Series out;
  float x_max = 1.0f;
  for (int i = 0; i < race.size(); ++i) {
    const char* name = labels[static_cast<size_t>(i)].c_str();
    PlotSeries a{name, lane_color(i), {}}, b{name, lane_color(i), {}}, c{name, lane_color(i), {}};
    for (const train::MetricPoint& p : race.lane(i).trainer().history()) {
      const float x = by_step ? static_cast<float>(p.step) : static_cast<float>(p.epoch);
      a.points.emplace_back(x, p.loss_train);
      b.points.emplace_back(x, p.loss_val);
      if (std::isfinite(p.acc_val)) c.points.emplace_back(x, p.acc_val);  // NaN: a regression set
      x_max = std::max(x_max, x);
    }
    if (std::isfinite(race.loss_init(i))) {
      b.points.insert(b.points.begin(), ImVec2(0.0f, race.loss_init(i)));
      if (std::isfinite(race.acc_init(i))) c.points.insert(c.points.begin(), ImVec2(0.0f, race.acc_init(i)));
    }
    out.train.push_back(std::move(a));
    out.val.push_back(std::move(b));
    out.acc.push_back(std::move(c));
  }
  if (smooth) {
    const float tau = std::max(1e-3f, x_max / 80.0f);
    for (auto* list : {&out.train, &out.val})
      for (PlotSeries& ps : *list)
        if (ps.points.size() > 8) ps.points = smooth_ema(std::move(ps.points), tau);
  }
  return out;
}

}  // namespace

void RaceCurves::options() {
  ImGui::Checkbox("log-scale loss", &log);
  ImGui::SameLine();
  ImGui::Checkbox("smooth", &smooth);
  ImGui::SameLine();
  ImGui::Checkbox("x = steps", &by_step);
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("steps instead of epochs on the x axis (differs when batch sizes differ)");
}

// Three plots in a row when the column is wide, else stacked; both loss plots share their axes.
void RaceCurves::draw(const train::Race& race, float height) {
  labels_.clear();
  for (int i = 0; i < race.size(); ++i) labels_.push_back(race.lane_label(i));
  const Series s = lane_series(race, labels_, by_step, smooth);
  const char* x_label = by_step ? "step" : "epoch";
  std::vector<PlotSeries> losses = s.train;
  losses.insert(losses.end(), s.val.begin(), s.val.end());
  PlotAxes train_axes = loss_axes(losses, log, x_label, "Training loss");
  PlotAxes val_axes = train_axes;
  val_axes.y_label = "Validation loss";
  const PlotAxes acc_axes = accuracy_axes(s.acc, x_label, "Validation accuracy");
  const float fs = ImGui::GetFontSize(), gap = ImGui::GetStyle().ItemSpacing.x;
  const float w = ImGui::GetContentRegionAvail().x;
  const bool row = w > fs * 42.0f;
  const float plot_w = row ? (w - 2 * gap) / 3.0f : w;
  const float room = height > 0 ? height : ImGui::GetContentRegionAvail().y;
  const float h = std::max(fs * 11.0f, row ? room - 4.0f : (room - 3 * gap) / 3.0f);
  line_plot("race_train", train_axes, s.train, ImVec2(plot_w, h));
  if (row) ImGui::SameLine();
  line_plot("race_val", val_axes, s.val, ImVec2(plot_w, h));
  if (row) ImGui::SameLine();
  line_plot("race_acc", acc_axes, s.acc, ImVec2(plot_w, h));
}

}  // namespace nnplay::ui
