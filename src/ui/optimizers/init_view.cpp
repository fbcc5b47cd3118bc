// init_view.cpp — the weight-init view: how the spread of the activations
// changes layer by layer at initialisation, for each scheme, in a deep MLP
// fed N(0, 1) inputs (train::activation_stats_at_init). He (kaiming) keeps
// ReLU activations at a constant scale, Xavier suits tanh, small random
// N(0, 0.01²) weights make them vanish, zeros make every unit of a layer
// identical (the lecture's "Terribly Wrong!"). One scheme is measured per
// frame, so the view never stalls the app. Below: the init of the network
// being trained and "reset to the same initial weights".
#include <algorithm>
#include <cmath>
#include <cstdio>

#include "imgui.h"
#include "nn/init.h"
#include "train/analysis.h"
#include "ui/context.h"
#include "ui/plot.h"
#include "ui/view.h"
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

ImU32 scheme_color(size_t i) {
  return i + 1 == std::size(kSchemes) ? IM_COL32(90, 90, 90, 255) : lane_color(static_cast<int>(i));
}

// One scheme's measurement: the variance of every hidden layer's output.
struct Curve {
  std::vector<double> variance;
  std::string error;
};

class InitView : public View {
 public:
  void draw(Ctx& ctx) override {
    section("Weight initialisation");
    note("Spread of every hidden layer's output at initialisation, before any training, in a deep MLP fed "
         "N(0, 1) inputs. A good scheme keeps it roughly constant from layer to layer, so signals (and, "
         "backwards, gradients) neither vanish nor explode.");
    controls();
    measure(ctx.config().seed);
    const ImVec2 avail = ImGui::GetContentRegionAvail();
    const float fs = ImGui::GetFontSize();
    const float table_h = ImGui::GetTextLineHeightWithSpacing() * (static_cast<float>(std::size(kSchemes)) + 1.6f);
    const float bottom_h = ImGui::GetFrameHeightWithSpacing() * 3.5f + fs;
    plot(ImVec2(avail.x, std::max(fs * 12.0f, avail.y - table_h - bottom_h)));
    table();
    your_network(ctx);
  }

 private:
  double shown(double variance) const { return variance_ ? variance : std::sqrt(variance); }

  void controls() {
    const float fs = ImGui::GetFontSize();
    const ImGuiSliderFlags no_input = ImGuiSliderFlags_NoInput;
    ImGui::SetNextItemWidth(fs * 7.0f);
    ImGui::SliderInt("##depth", &depth_, 2, 30, "%d layers", no_input);
    ImGui::SameLine();
    ImGui::SetNextItemWidth(fs * 7.0f);
    ImGui::SliderInt("##width", &width_, 16, 1024, "%d units", ImGuiSliderFlags_Logarithmic | no_input);
    ImGui::SameLine();
    if (ImGui::RadioButton("ReLU", !tanh_)) tanh_ = false;
    ImGui::SameLine();
    if (ImGui::RadioButton("tanh", tanh_)) tanh_ = true;
    ImGui::SameLine();
    ImGui::SetNextItemWidth(fs * 6.5f);
    ImGui::SliderFloat("##small", &small_, 0.001f, 1.0f, "σ %.3g", ImGuiSliderFlags_Logarithmic | no_input);
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("σ of the small random init (the lecture's 0.01)");
    ImGui::SameLine();
    ImGui::Checkbox("variance", &variance_);
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("plot the variance instead of the standard deviation");
  }

  // Again when a choice (or the seed) changed; one scheme per frame.
  void measure(uint64_t seed) {
    const std::string key = std::to_string(depth_) + "|" + std::to_string(width_) + "|" + (tanh_ ? "tanh" : "relu") +
                            "|" + train::number_text(static_cast<double>(small_)) + "|" + std::to_string(seed);
    if (key != key_) {
      curves_.clear();
      key_ = key;
    }
    if (curves_.size() >= std::size(kSchemes)) return;
    const Scheme& s = kSchemes[curves_.size()];
    Curve c;
    const nn::Activation act = tanh_ ? nn::Activation::Tanh : nn::Activation::ReLU;
    auto scheme = nn::parse_init(s.key);
    auto r = scheme.ok() ? train::activation_stats_at_init(depth_, width_, act, scheme.value(), small_, seed)
                         : Result<std::vector<train::LayerStat>>(scheme.status());
    if (r.ok())
      for (const train::LayerStat& l : r.value()) c.variance.push_back(std::max(0.0, l.variance));
    else c.error = r.status().to_string();
    curves_.push_back(std::move(c));
  }

  // One line per scheme over the layers (log y); zeros sit on the floor.
  void plot(ImVec2 size) const {
    double lo = INFINITY, hi = 0;
    for (const Curve& c : curves_)
      for (double var : c.variance)
        if (shown(var) > 0) lo = std::min(lo, shown(var)), hi = std::max(hi, shown(var));
    if (!std::isfinite(lo)) lo = 1e-3, hi = 1;
    lo = std::max(lo, 1e-30);
    PlotAxes ax;
    ax.x_label = "hidden layer";
    ax.y_label = variance_ ? "activation variance (log)" : "activation standard deviation (log)";
    ax.x_min = 1;
    ax.x_max = static_cast<float>(depth_);
    ax.y_log = true;
    ax.y_min = static_cast<float>(std::pow(10.0, std::floor(std::log10(lo)) - 0.3));
    ax.y_max = static_cast<float>(std::pow(10.0, std::ceil(std::log10(hi * 1.01))));
    std::vector<PlotSeries> series;
    for (size_t i = 0; i < curves_.size(); ++i) {
      PlotSeries ps{kSchemes[i].title, scheme_color(i), {}, 2.0f};
      const std::vector<double>& v = curves_[i].variance;
      for (size_t k = 0; k < v.size(); ++k)
        ps.points.emplace_back(static_cast<float>(k + 1),
                               static_cast<float>(std::max(shown(v[k]), static_cast<double>(ax.y_min) * 1.05)));
      series.push_back(std::move(ps));
    }
    line_plot("init_std", ax, series, size);
  }

  // First and last layer, and what happens.
  void table() const {
    if (!ImGui::BeginTable("init_table", 4, ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingStretchProp)) return;
    ImGui::TableSetupColumn("scheme");
    ImGui::TableSetupColumn(variance_ ? "layer 1 var" : "layer 1 std");
    ImGui::TableSetupColumn(variance_ ? "last layer var" : "last layer std");
    ImGui::TableSetupColumn("what happens");
    ImGui::TableHeadersRow();
    for (size_t i = 0; i < curves_.size(); ++i) {
      const Curve& c = curves_[i];
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(scheme_color(i)), "%s", kSchemes[i].title);
      if (!c.error.empty() || c.variance.empty()) {
        ImGui::TableNextColumn();
        ImGui::TextColored(kErrorText, "%s", c.error.c_str());
        continue;
      }
      ImGui::TableNextColumn();
      ImGui::Text("%.3g", shown(c.variance.front()));
      ImGui::TableNextColumn();
      ImGui::Text("%.3g", shown(c.variance.back()));
      ImGui::TableNextColumn();
      verdict(c);
    }
    ImGui::EndTable();
  }

  void verdict(const Curve& c) const {
    const double first = shown(c.variance.front()), last = shown(c.variance.back());
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
    else if (tanh_ && last > 0.85) ImGui::TextWrapped("tanh saturates near ±1");
    else if (per_layer < 0.9)
      ImGui::TextWrapped("fades: std ×%.2f per layer (%.2g× over %d layers)", per_layer, ratio, depth_);
    else if (per_layer > 1.1)
      ImGui::TextWrapped("grows: std ×%.2f per layer (%.2g× over %d layers)", per_layer, ratio, depth_);
    else ImGui::TextWrapped("keeps its scale (%.2g× over %d layers)", ratio, depth_);
  }

  // The network being trained: its init, the same initial weights again, and Train / Pause.
  static void your_network(Ctx& ctx) {
    const float fs = ImGui::GetFontSize();
    ImGui::Spacing();
    ImGui::TextDisabled("The network you train (left column)");
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted("Init");
    ImGui::SameLine();
    ImGui::SetNextItemWidth(fs * 10.0f);
    std::string value;
    if (edit_setting("init", ctx.config(), &value, {.label = "", .help = false})) ctx.set("init", value);
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", setting_tooltip(*train::find_field("init")).c_str());
    ImGui::SameLine();
    if (ImGui::Button("Reset to the same initial weights")) ctx.act(train::Action::Reset);
    if (ImGui::IsItemHovered())
      ImGui::SetTooltip("Reset: the same seed (%llu) gives the same initial weights and batch order, so runs with "
                        "different settings start from the same place",
                        static_cast<unsigned long long>(ctx.config().seed));
    ImGui::SameLine();
    train_pause_button(ctx);
    note("Try zeros on a hidden layer and train: the loss hardly moves, because the units of each layer stay "
         "identical (Network › Layers shows their statistics).");
  }

  int depth_ = 10;
  int width_ = 256;
  bool tanh_ = false;
  float small_ = 0.01f;     // std of the "small random" normal init
  bool variance_ = false;   // plot variance instead of std
  std::vector<Curve> curves_;  // filled one scheme per frame
  std::string key_;            // the choices curves_ were measured for
};

}  // namespace

std::unique_ptr<View> make_init_view() { return std::make_unique<InitView>(); }

}  // namespace nnplay::ui
