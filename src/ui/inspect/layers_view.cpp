// layers_view.cpp — the health of every layer while it trains, from the
// trainer's layer trace (trainer().layer_trace(): per metric point and node,
// activation mean/std, share of exact zeros, ‖∂L/∂θ‖ and RMS ∂L/∂y):
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
#include "nn/activation.h"
#include "ui/context.h"
#include "ui/plot.h"
#include "ui/view.h"
#include "ui/widgets.h"

namespace nnplay::ui {
namespace {

const char* const kMetrics[] = {"gradient norm ‖∂L/∂θ‖ (weights)", "gradient reaching the output, RMS ∂L/∂y",
                                "activation mean ± std", "dead share (exact zeros)"};
const char* const kFilters[] = {"layers with weights", "activation layers", "all layers"};
constexpr const char* kDeepSigmoid = "16:sigmoid,16:sigmoid,16:sigmoid,16:sigmoid,16:sigmoid,16:sigmoid,16:sigmoid,16:sigmoid";

/// Input side blue → output side red.
ImU32 depth_color(float t, int alpha = 255) {
  float r, g, b;
  ImGui::ColorConvertHSVtoRGB(0.62f * (1.0f - t), 0.8f, 0.85f - 0.1f * t, r, g, b);
  return IM_COL32(static_cast<int>(r * 255), static_cast<int>(g * 255), static_cast<int>(b * 255), alpha);
}

/// Position k of n along the network, 0 (input side) to 1 (output side).
float depth(size_t k, size_t n) { return n <= 1 ? 0.0f : static_cast<float>(k) / static_cast<float>(n - 1); }

class LayersView : public View {
 public:
  void draw(Ctx& ctx) override {
    const train::LayerTrace& tr = ctx.session().trainer().layer_trace();
    const auto& nodes = ctx.session().model().nodes();
    const int filter = controls();
    const std::vector<size_t> cols = columns(tr, nodes, filter);
    const bool empty = tr.steps.empty() || cols.empty();
    if (empty)
      ImGui::TextWrapped("%s", tr.steps.empty() ? "No points yet: train for a moment (the trace starts again when the "
                                                  "network is edited)."
                                                : "No layer of this kind in the network.");
    sigmoid_button(ctx);
    if (!empty) {
      const float avail_h = ImGui::GetContentRegionAvail().y;
      trace_plot(tr, cols, avail_h);
      latest_bars(tr, nodes, cols, avail_h);
    }
    batchnorm(ctx);
  }

 private:
  // 1. Which number, of which layers; returns the layer filter in use.
  int controls() {
    const float fs = ImGui::GetFontSize();
    ImGui::SetNextItemWidth(fs * 15.0f);
    ImGui::Combo("##metric", &metric_, kMetrics, IM_ARRAYSIZE(kMetrics));
    const int auto_filter = metric_ == 0 ? 0 : metric_ == 1 ? 2 : 1;
    int filter = filter_ < 0 ? auto_filter : filter_;
    same_line_if_fits(fs * 9.5f);
    ImGui::SetNextItemWidth(fs * 9.5f);
    if (ImGui::Combo("##filter", &filter, kFilters, IM_ARRAYSIZE(kFilters))) filter_ = filter;
    help_marker("Recorded at every metric point from the last training step's batch. A deep sigmoid net shows "
                "vanishing gradients: the lines of the layers near the input (blue) sit decades below those near "
                "the output (red). ReLU nets show dead units as a dead share near 1.");
    return filter;
  }

  // The trace's columns (nodes 1..n of the current network) the filter keeps.
  static std::vector<size_t> columns(const train::LayerTrace& tr, const std::vector<nn::Node>& nodes, int filter) {
    std::vector<size_t> cols;
    for (size_t j = 0; j < tr.names.size() && j + 1 < nodes.size(); ++j) {
      const nn::Node& n = nodes[j + 1];
      const bool weights = !n.layer->params().empty();
      const bool act = nn::is_activation_layer(*n.layer);
      if ((filter == 0 && weights) || (filter == 1 && act) || filter == 2) cols.push_back(j);
    }
    return cols;
  }

  // The lecture's example: an MLP of 8 sigmoid layers, where gradients vanish.
  void sigmoid_button(Ctx& ctx) {
    const train::Config& cfg = ctx.config();
    if (cfg.model != "mlp") return;
    bool deep_sigmoid = cfg.layers.size() >= 6;
    for (const nn::HiddenLayer& l : cfg.layers) deep_sigmoid = deep_sigmoid && l.activation == nn::Activation::Sigmoid;
    if (deep_sigmoid) return;
    if (ImGui::SmallButton("Try: 8 sigmoid layers")) {
      train::Command cmd;
      cmd.set = {{"layers", kDeepSigmoid}};
      cmd.action = train::Action::Train;
      if (ctx.apply(cmd)) metric_ = 0;
    }
    if (ImGui::IsItemHovered())
      ImGui::SetTooltip("vanishing gradients: the MLP becomes 8 hidden layers of 16 sigmoid units; watch the gradient "
                        "norms");
  }

  float metric(const train::LayerStats& s) const {
    switch (metric_) {
      case 0: return s.grad_norm;
      case 1: return s.dy_rms;
      case 2: return s.act_mean;
      default: return s.frac_zero;
    }
  }

  // 2. Over time: one line per layer (mean ± std as thin lines in the same colour).
  void trace_plot(const train::LayerTrace& tr, const std::vector<size_t>& cols, float avail_h) const {
    const bool grad = metric_ <= 1;
    const size_t L = tr.names.size();
    std::vector<PlotSeries> series;
    float y_lo = INFINITY, y_hi = -INFINITY;
    for (size_t k = 0; k < cols.size(); ++k) {
      const float t = depth(k, cols.size());
      PlotSeries main{k == 0 ? "input side" : k + 1 == cols.size() ? "output side" : "", depth_color(t), {}, 1.6f};
      PlotSeries up{"", depth_color(t, 90), {}, 1.0f}, down{"", depth_color(t, 90), {}, 1.0f};
      for (size_t r = 0; r < tr.steps.size(); ++r) {
        const train::LayerStats& s = tr.stats[r * L + cols[k]];
        const float x = static_cast<float>(tr.steps[r]), y = metric(s);
        main.points.emplace_back(x, y);
        if (std::isfinite(y) && (!grad || y > 0)) y_lo = std::min(y_lo, y), y_hi = std::max(y_hi, y);
        if (metric_ != 2) continue;
        up.points.emplace_back(x, s.act_mean + s.act_std);
        down.points.emplace_back(x, s.act_mean - s.act_std);
        y_lo = std::min(y_lo, s.act_mean - s.act_std);
        y_hi = std::max(y_hi, s.act_mean + s.act_std);
      }
      if (metric_ == 2) {
        series.push_back(std::move(up));
        series.push_back(std::move(down));
      }
      series.push_back(std::move(main));
    }
    const float plot_h = std::max(ImGui::GetFontSize() * 10.0f, avail_h * 0.42f);
    line_plot("trace", trace_axes(tr, y_lo, y_hi), series, ImVec2(ImGui::GetContentRegionAvail().x, plot_h));
  }

  // Log decades for gradients, percent for the dead share, else the range padded.
  PlotAxes trace_axes(const train::LayerTrace& tr, float y_lo, float y_hi) const {
    PlotAxes axes;
    axes.x_label = "step";
    axes.y_label = kMetrics[metric_];
    axes.x_min = static_cast<float>(tr.steps.front());
    axes.x_max = static_cast<float>(std::max(tr.steps.back(), tr.steps.front() + 1));
    if (!std::isfinite(y_lo) || !std::isfinite(y_hi)) y_lo = 0, y_hi = 1;
    if (metric_ <= 1) {
      axes.y_log = true;
      axes.y_min = std::pow(10.0f, std::floor(std::log10(std::max(y_lo, 1e-12f))));
      axes.y_max = std::pow(10.0f, std::ceil(std::log10(std::max(y_hi, axes.y_min * 10.0f))));
    } else if (metric_ == 3) {
      axes.y_min = 0, axes.y_max = 1.05f, axes.y_percent = true;
    } else {
      const float pad = 0.05f * std::max(1e-6f, y_hi - y_lo);
      axes.y_min = y_lo - pad, axes.y_max = y_hi + pad;
    }
    return axes;
  }

  // 3. Per layer at the latest point, and whether the gradients vanish.
  void latest_bars(const train::LayerTrace& tr, const std::vector<nn::Node>& nodes, const std::vector<size_t>& cols,
                   float avail_h) const {
    const bool grad = metric_ <= 1;
    const size_t last = tr.steps.size() - 1, L = tr.names.size();
    std::vector<Bar> bars;
    for (size_t k = 0; k < cols.size(); ++k) {
      const size_t j = cols[k];
      const train::LayerStats& s = tr.stats[last * L + j];
      Bar b;
      b.value = metric(s);
      b.color = depth_color(depth(k, cols.size()));
      if (metric_ == 2) b.lo = s.act_mean - s.act_std, b.hi = s.act_mean + s.act_std;
      char tip[256];
      std::snprintf(tip, sizeof tip, "%s (%s)\nactivation mean %.3g ± %.3g · zeros %.0f%%\n‖∂L/∂θ‖ %.3g · RMS ∂L/∂y %.3g",
                    tr.names[j].c_str(), nodes[j + 1].layer->type_name(), static_cast<double>(s.act_mean),
                    static_cast<double>(s.act_std), 100.0 * static_cast<double>(s.frac_zero),
                    static_cast<double>(s.grad_norm), static_cast<double>(s.dy_rms));
      b.tip = tip;
      bars.push_back(b);
    }
    char title[96];
    std::snprintf(title, sizeof title, "per layer at step %lld, input → output", static_cast<long long>(tr.steps[last]));
    const float fs = ImGui::GetFontSize();
    bar_chart("latest", bars, grad, metric_ == 2, title,
              ImVec2(ImGui::GetContentRegionAvail().x, std::max(fs * 8.0f, avail_h * 0.3f)));
    if (!grad || bars.size() < 2 || !(bars.front().value > 0) || !(bars.back().value > 0)) return;
    const double ratio = static_cast<double>(bars.back().value / bars.front().value);
    if (ratio > 10.0) {
      char text[128];
      std::snprintf(text, sizeof text, "the first layer gets %.0f× less gradient than the last: vanishing gradients",
                    ratio);
      ImGui::PushTextWrapPos(0.0f);
      ImGui::TextColored(ImVec4(0.65f, 0.2f, 0.1f, 1.0f), "%s", text);
      ImGui::PopTextWrapPos();
    } else {
      char text[96];
      std::snprintf(text, sizeof text, "first vs last layer: %.2g× (no vanishing gradients here)", 1.0 / ratio);
      note(text);
    }
  }

  // 4. Batch norm: the chosen BN layer's running mean ± √running var per channel.
  void batchnorm(Ctx& ctx) {
    const auto& nodes = ctx.session().model().nodes();
    std::vector<int> bns;
    for (size_t i = 1; i < nodes.size(); ++i) {
      const std::string t = nodes[i].layer->type_name();
      if (t == "BatchNorm2d" || t == "BatchNorm1d") bns.push_back(static_cast<int>(i));
    }
    if (bns.empty()) return;
    if (!ImGui::CollapsingHeader("Batch norm: running mean and variance", ImGuiTreeNodeFlags_DefaultOpen)) return;
    if (std::find(bns.begin(), bns.end(), bn_node_) == bns.end()) bn_node_ = bns.front();
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 12.0f);
    if (ImGui::BeginCombo("##bn", nodes[static_cast<size_t>(bn_node_)].name.c_str())) {
      for (int i : bns)
        if (ImGui::Selectable(nodes[static_cast<size_t>(i)].name.c_str(), i == bn_node_)) bn_node_ = i;
      ImGui::EndCombo();
    }
    ImGui::SameLine();
    ImGui::TextDisabled("%zu batch-norm layers", bns.size());
    help_marker("Training normalises each channel with the batch's mean and variance and keeps a running average "
                "of them (momentum 0.1); evaluation (validation, test, these views) uses the running values.");
    bn_chart(nodes[static_cast<size_t>(bn_node_)]);
  }

  static void bn_chart(const nn::Node& node) {
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
      const float m = (*mean)[c], sd = std::sqrt(std::max(0.0f, (*var)[c]));
      char tip[128];
      std::snprintf(tip, sizeof tip, "channel %lld\nrunning mean %.4g\nrunning var %.4g (std %.3g)",
                    static_cast<long long>(c), static_cast<double>(m), static_cast<double>((*var)[c]),
                    static_cast<double>(sd));
      bars.push_back(Bar{m, m - sd, m + sd, IM_COL32(200, 120, 0, 255), tip});
    }
    const float fs = ImGui::GetFontSize();
    bar_chart("bn", bars, false, true, "running mean ± √running var, per channel",
              ImVec2(ImGui::GetContentRegionAvail().x, std::max(fs * 8.0f, ImGui::GetContentRegionAvail().y - 4.0f)));
  }

  int metric_ = 0;   // 0 grad norm, 1 ∂L/∂y RMS, 2 activation mean±std, 3 dead share
  int filter_ = -1;  // -1 auto (by metric), 0 layers with weights, 1 activations, 2 all
  int bn_node_ = -1;
};

}  // namespace

std::unique_ptr<View> make_layers_view() { return std::make_unique<LayersView>(); }

}  // namespace nnplay::ui
