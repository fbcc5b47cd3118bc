// panel_init.cpp — the weight-init view (issue 4): how the spread of the
// activations changes layer by layer at initialisation, for each scheme, in
// a deep MLP fed N(0, 1) inputs (train::activation_stats_at_init). He
// (kaiming) keeps ReLU activations at a constant scale, Xavier suits tanh,
// small random N(0, 0.01²) weights make them vanish, zeros make every unit of
// a layer identical (the lecture's "Terribly Wrong!"). One scheme is measured
// per frame, so the view never stalls the app. Below: the init of the
// network being trained and "reset to the same initial weights".
#include <algorithm>
#include <cmath>
#include <cstdio>

#include "imgui.h"
#include "nn/init.h"
#include "train/analysis.h"
#include "ui/app.h"
#include "ui/optim_views.h"
#include "ui/widgets.h"

namespace nnplay::ui {
namespace {

struct Scheme {
  const char* key;
  const char* title;
};
constexpr Scheme kSchemes[] = {
    {"kaiming_normal", "He / kaiming normal"},  {"kaiming_uniform", "He / kaiming uniform"},
    {"xavier_normal", "Xavier / Glorot normal"}, {"xavier_uniform", "Xavier / Glorot uniform"},
    {"default", "PyTorch default"},              {"normal", "small random N(0, σ²)"},
    {"zeros", "zeros"},
};

ImU32 scheme_color(size_t i) { return i + 1 == std::size(kSchemes) ? IM_COL32(90, 90, 90, 255) : lane_color(static_cast<int>(i)); }

}  // namespace

void App::panel_init() {
  OptimViews& v = *optim_;
  const float fs = ImGui::GetFontSize();
  section("Weight initialisation");
  ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
  ImGui::TextWrapped("Spread of every hidden layer's output at initialisation, before any training, in a deep MLP fed "
                     "N(0, 1) inputs. A good scheme keeps it roughly constant from layer to layer, so signals (and, "
                     "backwards, gradients) neither vanish nor explode.");
  ImGui::PopStyleColor();

  // Controls
  ImGui::SetNextItemWidth(fs * 7.0f);
  ImGui::SliderInt("##depth", &v.init_depth, 2, 30, "%d layers");
  ImGui::SameLine();
  ImGui::SetNextItemWidth(fs * 7.0f);
  ImGui::SliderInt("##width", &v.init_width, 16, 1024, "%d units", ImGuiSliderFlags_Logarithmic);
  ImGui::SameLine();
  if (ImGui::RadioButton("ReLU", !v.init_tanh)) v.init_tanh = false;
  ImGui::SameLine();
  if (ImGui::RadioButton("tanh", v.init_tanh)) v.init_tanh = true;
  ImGui::SameLine();
  ImGui::SetNextItemWidth(fs * 6.5f);
  ImGui::SliderFloat("##small", &v.init_small, 0.001f, 1.0f, "σ %.3g", ImGuiSliderFlags_Logarithmic);
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("σ of the small random init (the lecture's 0.01)");
  ImGui::SameLine();
  ImGui::Checkbox("variance", &v.init_variance);
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("plot the variance instead of the standard deviation");

  const std::string key = std::to_string(v.init_depth) + "|" + std::to_string(v.init_width) + "|" +
                          (v.init_tanh ? "tanh" : "relu") + "|" + number_text(v.init_small);
  if (key != v.init_key) {
    v.init_curves.clear();
    v.init_key = key;
  }
  // One scheme per frame.
  if (v.init_curves.size() < std::size(kSchemes)) {
    const Scheme& s = kSchemes[v.init_curves.size()];
    OptimViews::InitCurve c;
    c.key = s.key;
    c.title = s.title;
    auto r = train::activation_stats_at_init(v.init_depth, v.init_width,
                                             v.init_tanh ? nn::Activation::Tanh : nn::Activation::ReLU,
                                             nn::parse_init(s.key).value(), v.init_small, session_.config().seed);
    if (r.ok())
      for (const train::LayerStat& l : r.value()) {
        c.mean.push_back(l.mean);
        c.variance.push_back(std::max(0.0, l.variance));
      }
    else c.error = r.status().to_string();
    v.init_curves.push_back(std::move(c));
  }

  // Plot: one line per scheme over the layers (log y); zeros sit on the floor.
  std::vector<PlotSeries> series;
  double lo = INFINITY, hi = 0;
  for (const OptimViews::InitCurve& c : v.init_curves)
    for (double var : c.variance) {
      const double y = v.init_variance ? var : std::sqrt(var);
      if (y > 0) lo = std::min(lo, y), hi = std::max(hi, y);
    }
  if (!std::isfinite(lo)) lo = 1e-3, hi = 1;
  lo = std::max(lo, 1e-30);
  PlotAxes ax;
  ax.x_label = "hidden layer";
  ax.y_label = v.init_variance ? "activation variance (log)" : "activation standard deviation (log)";
  ax.x_min = 1;
  ax.x_max = static_cast<float>(v.init_depth);
  ax.y_log = true;
  ax.y_min = static_cast<float>(std::pow(10.0, std::floor(std::log10(lo)) - 0.3));
  ax.y_max = static_cast<float>(std::pow(10.0, std::ceil(std::log10(hi * 1.01))));
  for (size_t i = 0; i < v.init_curves.size(); ++i) {
    const OptimViews::InitCurve& c = v.init_curves[i];
    PlotSeries ps{kSchemes[i].title, scheme_color(i), {}, 2.0f};
    for (size_t k = 0; k < c.variance.size(); ++k) {
      const double y = v.init_variance ? c.variance[k] : std::sqrt(c.variance[k]);
      ps.points.emplace_back(static_cast<float>(k + 1), static_cast<float>(std::max(y, static_cast<double>(ax.y_min) * 1.05)));
    }
    series.push_back(std::move(ps));
  }
  const ImVec2 avail = ImGui::GetContentRegionAvail();
  const float table_h = ImGui::GetTextLineHeightWithSpacing() * (static_cast<float>(std::size(kSchemes)) + 1.6f);
  const float bottom_h = ImGui::GetFrameHeightWithSpacing() * 3.5f + fs;
  const float plot_h = std::max(fs * 12.0f, avail.y - table_h - bottom_h);
  line_plot("init_std", ax, series, ImVec2(avail.x, plot_h));

  // Table: first and last layer, and what happens.
  if (ImGui::BeginTable("init_table", 4, ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingStretchProp)) {
    ImGui::TableSetupColumn("scheme");
    ImGui::TableSetupColumn(v.init_variance ? "layer 1 var" : "layer 1 std");
    ImGui::TableSetupColumn(v.init_variance ? "last layer var" : "last layer std");
    ImGui::TableSetupColumn("what happens");
    ImGui::TableHeadersRow();
    for (size_t i = 0; i < v.init_curves.size(); ++i) {
      const OptimViews::InitCurve& c = v.init_curves[i];
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(scheme_color(i)), "%s", kSchemes[i].title);
      if (!c.error.empty() || c.variance.empty()) {
        ImGui::TableNextColumn();
        ImGui::TextColored(kErrorText, "%s", c.error.c_str());
        ImGui::TableNextColumn();
        ImGui::TableNextColumn();
        continue;
      }
      auto val = [&](double var) { return v.init_variance ? var : std::sqrt(var); };
      const double first = val(c.variance.front()), last = val(c.variance.back());
      ImGui::TableNextColumn();
      ImGui::Text("%.3g", first);
      ImGui::TableNextColumn();
      ImGui::Text("%.3g", last);
      ImGui::TableNextColumn();
      const double ratio = first > 0 ? last / first : 0;
      // Judge by the change of the standard deviation per layer, so the
      // verdict does not depend on the depth chosen: He with ReLU keeps
      // it near 1, Xavier with ReLU halves the variance per layer (×0.71).
      const double std_ratio = c.variance.front() > 0 ? std::sqrt(c.variance.back() / c.variance.front()) : 0;
      const int steps = std::max(1, static_cast<int>(c.variance.size()) - 1);
      const double per_layer = std::pow(std_ratio, 1.0 / steps);
      if (last == 0 && first == 0)
        ImGui::TextWrapped("all 0: every unit of a layer computes the same thing and gets the same update");
      else if (ratio < 1e-3) ImGui::TextWrapped("vanishes: each layer shrinks the signal");
      else if (ratio > 1e3) ImGui::TextWrapped("explodes: each layer grows the signal");
      else if (v.init_tanh && last > 0.85) ImGui::TextWrapped("tanh saturates near ±1");
      else if (per_layer < 0.9)
        ImGui::TextWrapped("fades: std ×%.2f per layer (%.2g× over %d layers)", per_layer, ratio, v.init_depth);
      else if (per_layer > 1.1)
        ImGui::TextWrapped("grows: std ×%.2f per layer (%.2g× over %d layers)", per_layer, ratio, v.init_depth);
      else ImGui::TextWrapped("keeps its scale (%.2g× over %d layers)", ratio, v.init_depth);
    }
    ImGui::EndTable();
  }

  // The network being trained: its init, and the same initial weights again.
  ImGui::Spacing();
  ImGui::TextDisabled("The network you train (left column)");
  const std::string init = config_text(session_.config(), "init");
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted("Init");
  ImGui::SameLine();
  ImGui::SetNextItemWidth(fs * 10.0f);
  if (ImGui::BeginCombo("##cur_init", init.c_str())) {
    for (nn::InitScheme k : nn::kInitSchemes)
      if (ImGui::Selectable(nn::init_key(k), init == nn::init_key(k))) set("init", nn::init_key(k));
    ImGui::EndCombo();
  }
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", config_help("init"));
  ImGui::SameLine();
  if (ImGui::Button("Reset to the same initial weights")) act(train::Action::Reset);
  if (ImGui::IsItemHovered())
    ImGui::SetTooltip("Reset: the same seed (%llu) gives the same initial weights and batch order, so runs with "
                      "different settings start from the same place",
                      static_cast<unsigned long long>(session_.config().seed));
  ImGui::SameLine();
  ImGui::BeginDisabled(session_.loading());
  if (!session_.status().running) {
    if (ImGui::Button("▶ Train")) act(train::Action::Train);
  } else if (ImGui::Button("▮▮ Pause")) {
    act(train::Action::Pause);
  }
  ImGui::EndDisabled();
  ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
  ImGui::TextWrapped("Try zeros on a hidden layer and train: the loss hardly moves, because the units of each layer stay "
                     "identical (Network › Layers shows their statistics).");
  ImGui::PopStyleColor();
}

}  // namespace nnplay::ui
