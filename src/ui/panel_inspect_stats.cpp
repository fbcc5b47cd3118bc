// panel_inspect_stats.cpp — the health of every layer while it trains, from
// the trainer's layer trace (trainer().layer_trace(): per metric point and
// node, activation mean/std, share of exact zeros, ‖∂L/∂θ‖ and RMS ∂L/∂y):
//   over time   one line per layer, coloured from the input (blue) to the
//               output (red); log scale for gradients, so a deep sigmoid MLP's
//               vanishing gradients show as decades between the lines
//   per layer   the latest point as bars (gradients) or mean ± std
// and, for networks with batch norm, each BN layer's running mean and
// variance per channel (its buffers, what eval mode normalises with).
#include <algorithm>
#include <cmath>
#include <cstdio>

#include "imgui.h"
#include "ui/app.h"
#include "ui/views.h"
#include "ui/widgets.h"

namespace nnplay::ui {
namespace {

/// Input side blue → output side red.
ImU32 depth_color(float t, int alpha = 255) {
  float r, g, b;
  ImGui::ColorConvertHSVtoRGB(0.62f * (1.0f - t), 0.8f, 0.85f - 0.1f * t, r, g, b);
  return IM_COL32(static_cast<int>(r * 255), static_cast<int>(g * 255), static_cast<int>(b * 255), alpha);
}

bool is_activation(const std::string& t) {
  return t == "ReLU" || t == "Sigmoid" || t == "Tanh" || t == "LeakyReLU" || t == "ELU" || t == "GELU";
}

struct Bar {
  float value = 0, lo = 0, hi = 0;  // hi > lo: an error bar from lo to hi
  ImU32 color = 0;
  std::string tip;
};

/// Bars (or dots with error bars) along x, with a y axis (log: decades).
void bar_chart(const char* id, const std::vector<Bar>& bars, bool ylog, bool error_bars, const char* y_label, ImVec2 size) {
  ImGui::PushID(id);
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const float fs = ImGui::GetFontSize();
  const ImVec2 p0 = ImGui::GetCursorScreenPos();
  ImGui::InvisibleButton("##bars", size);
  const bool hovered = ImGui::IsItemHovered();
  float lo = INFINITY, hi = -INFINITY;
  for (const Bar& b : bars) {
    for (float v : {b.value, error_bars ? b.lo : b.value, error_bars ? b.hi : b.value}) {
      if (!std::isfinite(v) || (ylog && v <= 0)) continue;
      lo = std::min(lo, v);
      hi = std::max(hi, v);
    }
  }
  if (!std::isfinite(lo)) lo = ylog ? 1e-3f : 0.0f, hi = ylog ? 1.0f : 1.0f;
  double y0, y1;
  if (ylog) {
    y0 = std::floor(std::log10(lo));
    y1 = std::ceil(std::log10(hi));
    if (y1 <= y0) y1 = y0 + 1;
  } else {
    y0 = std::min(0.0f, lo);
    y1 = std::max(0.0f, hi);
    if (y1 <= y0) y1 = y0 + 1;
    const double pad = 0.05 * (y1 - y0);
    y0 -= y0 < 0 ? pad : 0;
    y1 += pad;
  }
  char buf[32];
  const float label_w = ImGui::CalcTextSize(ylog ? "1e-10" : "-0.000").x;
  const ImVec2 a(p0.x + label_w + fs * 0.6f, p0.y + fs + 4), b(p0.x + size.x - 4, p0.y + size.y - 4);
  auto sy = [&](float v) {
    const double t = ylog ? std::log10(std::max(v, 1e-30f)) : v;
    return b.y - static_cast<float>((t - y0) / (y1 - y0)) * (b.y - a.y);
  };
  dl->AddRectFilled(a, b, IM_COL32(255, 255, 255, 255));
  dl->AddText(p0, ImGui::GetColorU32(ImGuiCol_Text), y_label);
  // ticks: decades (log) or 4 steps
  const int steps = ylog ? static_cast<int>(y1 - y0) : 4;
  for (int k = 0; k <= steps; ++k) {
    const double t = y0 + (y1 - y0) * k / steps;
    const float y = b.y - static_cast<float>((t - y0) / (y1 - y0)) * (b.y - a.y);
    if (ylog) std::snprintf(buf, sizeof buf, "1e%d", static_cast<int>(std::lround(t)));
    else std::snprintf(buf, sizeof buf, "%.3g", t);
    dl->AddLine(ImVec2(a.x, y), ImVec2(b.x, y), IM_COL32(0, 0, 0, 25));
    const ImVec2 ts = ImGui::CalcTextSize(buf);
    dl->AddText(ImVec2(a.x - ts.x - 4, y - ts.y * 0.5f), ImGui::GetColorU32(ImGuiCol_TextDisabled), buf);
  }
  if (!ylog && y0 < 0 && y1 > 0) dl->AddLine(ImVec2(a.x, sy(0)), ImVec2(b.x, sy(0)), IM_COL32(0, 0, 0, 90));
  const float w = (b.x - a.x) / static_cast<float>(std::max<size_t>(1, bars.size()));
  const ImVec2 m = ImGui::GetIO().MousePos;
  int hover = -1;
  for (size_t i = 0; i < bars.size(); ++i) {
    const Bar& bar = bars[i];
    const float x0 = a.x + w * static_cast<float>(i) + std::min(1.0f, w * 0.15f), x1 = a.x + w * static_cast<float>(i + 1) - std::min(1.0f, w * 0.15f);
    const float xc = (x0 + x1) * 0.5f;
    if (error_bars) {
      if (bar.hi > bar.lo) {
        dl->AddRectFilled(ImVec2(x0 + w * 0.2f, sy(bar.hi)), ImVec2(x1 - w * 0.2f, sy(bar.lo)), (bar.color & ~IM_COL32_A_MASK) | IM_COL32(0, 0, 0, 90));
      }
      if (std::isfinite(bar.value) && (!ylog || bar.value > 0))
        dl->AddLine(ImVec2(x0, sy(bar.value)), ImVec2(x1, sy(bar.value)), bar.color, 2.0f);
    } else if (std::isfinite(bar.value) && (!ylog || bar.value > 0)) {
      const float base = ylog ? b.y : sy(0.0f);
      dl->AddRectFilled(ImVec2(x0, std::min(base, sy(bar.value))), ImVec2(x1, std::max(base, sy(bar.value))), bar.color);
    }
    if (hovered && m.x >= x0 - 0.5f && m.x < x1 + 0.5f) hover = static_cast<int>(i);
    (void)xc;
  }
  dl->AddRect(a, b, IM_COL32(0, 0, 0, 90));
  if (hover >= 0) {
    dl->AddRect(ImVec2(a.x + w * static_cast<float>(hover), a.y), ImVec2(a.x + w * static_cast<float>(hover + 1), b.y), IM_COL32(0, 0, 0, 120));
    ImGui::SetTooltip("%s", bars[static_cast<size_t>(hover)].tip.c_str());
  }
  ImGui::PopID();
}

}  // namespace

void App::panel_layer_stats() {
  NetViews& v = *views_;
  const train::LayerTrace& tr = session_.trainer().layer_trace();
  const auto& nodes = session_.model().nodes();
  const float fs = ImGui::GetFontSize();
  static const char* kMetrics[] = {"gradient norm ‖∂L/∂θ‖ (weights)", "gradient reaching the output, RMS ∂L/∂y",
                                   "activation mean ± std", "dead share (exact zeros)"};
  static const char* kFilters[] = {"layers with weights", "activation layers", "all layers"};
  ImGui::SetNextItemWidth(fs * 15.0f);
  ImGui::Combo("##metric", &v.stat_metric, kMetrics, 4);
  const int auto_filter = v.stat_metric == 0 ? 0 : v.stat_metric == 1 ? 2 : 1;
  int filter = v.stat_filter < 0 ? auto_filter : v.stat_filter;
  ImGui::SameLine();
  ImGui::SetNextItemWidth(fs * 9.5f);
  if (ImGui::Combo("##filter", &filter, kFilters, 3)) v.stat_filter = filter;
  ImGui::SameLine();
  help_marker("Recorded at every metric point from the last training step's batch. A deep sigmoid net shows "
              "vanishing gradients: the lines of the layers near the input (blue) sit decades below those near "
              "the output (red). ReLU nets show dead units as a dead share near 1.");

  // Which nodes: trace names are nodes 1..n of the current network.
  std::vector<size_t> cols;  // indices into tr.names
  for (size_t j = 0; j < tr.names.size() && j + 1 < nodes.size(); ++j) {
    const nn::Node& n = nodes[j + 1];
    const bool weights = !n.layer->params().empty();
    const bool act = is_activation(n.layer->type_name());
    if ((filter == 0 && weights) || (filter == 1 && act) || filter == 2) cols.push_back(j);
  }
  if (tr.steps.empty() || cols.empty()) {
    ImGui::TextWrapped(tr.steps.empty() ? "No points yet: train for a moment (the trace starts again when the network is "
                                          "edited)."
                                        : "No layer of this kind in the network.");
  }
  if (session_.config().model == "mlp") {
    bool deep_sigmoid = session_.config().layers.size() >= 6;
    for (const nn::HiddenLayer& l : session_.config().layers) deep_sigmoid = deep_sigmoid && l.activation == nn::Activation::Sigmoid;
    if (!deep_sigmoid) {
      if (ImGui::SmallButton("Try: 8 sigmoid layers (vanishing gradients)")) {
        train::Command cmd;
        cmd.set = {{"layers", "16:sigmoid,16:sigmoid,16:sigmoid,16:sigmoid,16:sigmoid,16:sigmoid,16:sigmoid,16:sigmoid"}};
        cmd.action = train::Action::Train;
        apply(cmd);
        v.stat_metric = 0;
      }
      if (ImGui::IsItemHovered()) ImGui::SetTooltip("the MLP becomes 8 hidden layers of 16 sigmoid units; watch the gradient norms");
    }
  }
  if (tr.steps.empty() || cols.empty()) {
    panel_batchnorm();
    return;
  }

  const bool grad = v.stat_metric <= 1;
  const size_t L = tr.names.size();
  auto stat = [&](size_t row, size_t j) -> const train::LayerStats& { return tr.stats[row * L + j]; };
  auto metric = [&](const train::LayerStats& s) {
    switch (v.stat_metric) {
      case 0: return s.grad_norm;
      case 1: return s.dy_rms;
      case 2: return s.act_mean;
      default: return s.frac_zero;
    }
  };

  // Over time: one line per layer (mean ± std as thin lines in the same colour).
  std::vector<PlotSeries> series;
  float y_lo = INFINITY, y_hi = -INFINITY;
  for (size_t k = 0; k < cols.size(); ++k) {
    const size_t j = cols[k];
    const float t = cols.size() == 1 ? 0.0f : static_cast<float>(k) / static_cast<float>(cols.size() - 1);
    PlotSeries main{k == 0 ? "input side" : k + 1 == cols.size() ? "output side" : "", depth_color(t), {}, 1.6f};
    PlotSeries up{"", depth_color(t, 90), {}, 1.0f}, down{"", depth_color(t, 90), {}, 1.0f};
    for (size_t r = 0; r < tr.steps.size(); ++r) {
      const train::LayerStats& s = stat(r, j);
      const float x = static_cast<float>(tr.steps[r]);
      const float y = metric(s);
      main.points.emplace_back(x, y);
      if (std::isfinite(y) && (!grad || y > 0)) y_lo = std::min(y_lo, y), y_hi = std::max(y_hi, y);
      if (v.stat_metric == 2) {
        up.points.emplace_back(x, s.act_mean + s.act_std);
        down.points.emplace_back(x, s.act_mean - s.act_std);
        y_lo = std::min(y_lo, s.act_mean - s.act_std);
        y_hi = std::max(y_hi, s.act_mean + s.act_std);
      }
    }
    if (v.stat_metric == 2) {
      series.push_back(std::move(up));
      series.push_back(std::move(down));
    }
    series.push_back(std::move(main));
  }
  PlotAxes axes;
  axes.x_label = "step";
  axes.y_label = kMetrics[v.stat_metric];
  axes.x_min = static_cast<float>(tr.steps.front());
  axes.x_max = static_cast<float>(std::max(tr.steps.back(), tr.steps.front() + 1));
  if (!std::isfinite(y_lo)) y_lo = 0, y_hi = 1;
  if (grad) {
    axes.y_log = true;
    axes.y_min = std::pow(10.0f, std::floor(std::log10(std::max(y_lo, 1e-12f))));
    axes.y_max = std::pow(10.0f, std::ceil(std::log10(std::max(y_hi, axes.y_min * 10.0f))));
  } else if (v.stat_metric == 3) {
    axes.y_min = 0, axes.y_max = 1.05f, axes.y_percent = true;
  } else {
    const float pad = 0.05f * std::max(1e-6f, y_hi - y_lo);
    axes.y_min = y_lo - pad, axes.y_max = y_hi + pad;
  }
  const float avail_h = ImGui::GetContentRegionAvail().y;
  const float plot_h = std::max(fs * 10.0f, avail_h * 0.42f);
  line_plot("trace", axes, series, ImVec2(ImGui::GetContentRegionAvail().x, plot_h));

  // Per layer at the latest point.
  const size_t last = tr.steps.size() - 1;
  std::vector<Bar> bars;
  for (size_t k = 0; k < cols.size(); ++k) {
    const size_t j = cols[k];
    const train::LayerStats& s = stat(last, j);
    Bar b;
    b.value = metric(s);
    b.color = depth_color(cols.size() == 1 ? 0.0f : static_cast<float>(k) / static_cast<float>(cols.size() - 1));
    if (v.stat_metric == 2) b.lo = s.act_mean - s.act_std, b.hi = s.act_mean + s.act_std;
    char tip[256];
    std::snprintf(tip, sizeof tip, "%s (%s)\nactivation mean %.3g ± %.3g · zeros %.0f%%\n‖∂L/∂θ‖ %.3g · RMS ∂L/∂y %.3g",
                  tr.names[j].c_str(), nodes[j + 1].layer->type_name(), static_cast<double>(s.act_mean),
                  static_cast<double>(s.act_std), 100.0 * static_cast<double>(s.frac_zero), static_cast<double>(s.grad_norm),
                  static_cast<double>(s.dy_rms));
    b.tip = tip;
    bars.push_back(b);
  }
  char title[96];
  std::snprintf(title, sizeof title, "per layer at step %lld, input → output", static_cast<long long>(tr.steps[last]));
  bar_chart("latest", bars, grad, v.stat_metric == 2, title,
            ImVec2(ImGui::GetContentRegionAvail().x, std::max(fs * 8.0f, avail_h * 0.3f)));
  if (grad && bars.size() >= 2 && bars.front().value > 0 && bars.back().value > 0) {
    const double ratio = static_cast<double>(bars.back().value / bars.front().value);
    if (ratio > 10.0)
      ImGui::TextColored(ImVec4(0.65f, 0.2f, 0.1f, 1.0f), "the first layer gets %.0f× less gradient than the last: vanishing gradients", ratio);
    else ImGui::TextDisabled("first vs last layer: %.2g× (no vanishing gradients here)", 1.0 / ratio);
  }
  panel_batchnorm();
}

void App::panel_batchnorm() {
  NetViews& v = *views_;
  const auto& nodes = session_.model().nodes();
  const float fs = ImGui::GetFontSize();
  std::vector<int> bns;
  for (size_t i = 1; i < nodes.size(); ++i) {
    const std::string t = nodes[i].layer->type_name();
    if (t == "BatchNorm2d" || t == "BatchNorm1d") bns.push_back(static_cast<int>(i));
  }
  if (bns.empty()) return;
  if (!ImGui::CollapsingHeader("Batch norm: running mean and variance", ImGuiTreeNodeFlags_DefaultOpen)) return;
  if (std::find(bns.begin(), bns.end(), v.bn_node) == bns.end()) v.bn_node = bns.front();
  const nn::Node& node = nodes[static_cast<size_t>(v.bn_node)];
  ImGui::SetNextItemWidth(fs * 12.0f);
  if (ImGui::BeginCombo("##bn", node.name.c_str())) {
    for (int i : bns)
      if (ImGui::Selectable(nodes[static_cast<size_t>(i)].name.c_str(), i == v.bn_node)) v.bn_node = i;
    ImGui::EndCombo();
  }
  ImGui::SameLine();
  ImGui::TextDisabled("%zu batch-norm layers", bns.size());
  help_marker("Training normalises each channel with the batch's mean and variance and keeps a running average "
              "of them (momentum 0.1); evaluation (validation, test, these views) uses the running values.");
  const Tensor* mean = nullptr;
  const Tensor* var = nullptr;
  for (const BufferRef& b : node.layer->buffers()) {
    if (std::string(b.name) == "running_mean") mean = b.value;
    if (std::string(b.name) == "running_var") var = b.value;
  }
  if (!mean || !var || mean->numel() != var->numel()) {
    ImGui::TextDisabled("this layer keeps no running statistics");
    return;
  }
  std::vector<Bar> bars;
  for (int64_t c = 0; c < mean->numel(); ++c) {
    Bar b;
    const float m = (*mean)[c], sd = std::sqrt(std::max(0.0f, (*var)[c]));
    b.value = m;
    b.lo = m - sd;
    b.hi = m + sd;
    b.color = IM_COL32(200, 120, 0, 255);
    char tip[128];
    std::snprintf(tip, sizeof tip, "channel %lld\nrunning mean %.4g\nrunning var %.4g (std %.3g)", static_cast<long long>(c),
                  static_cast<double>(m), static_cast<double>((*var)[c]), static_cast<double>(sd));
    b.tip = tip;
    bars.push_back(b);
  }
  bar_chart("bn", bars, false, true, "running mean ± √running var, per channel",
            ImVec2(ImGui::GetContentRegionAvail().x, std::max(fs * 8.0f, ImGui::GetContentRegionAvail().y - 4.0f)));
}

}  // namespace nnplay::ui
