// mlp_editor.cpp — the MLP's hidden layers (editors.h).
#include <algorithm>

#include "imgui.h"
#include "nn/activation.h"
#include "nn/model_spec.h"
#include "ui/network/editors.h"
#include "ui/widgets.h"

namespace nnplay::ui {
namespace {

constexpr nn::Activation kActs[] = {nn::Activation::ReLU, nn::Activation::Tanh, nn::Activation::Sigmoid,
                                    nn::Activation::Linear};

void apply_layers(Ctx& ctx, const std::vector<nn::HiddenLayer>& layers) {
  ctx.set("layers", nn::format_hidden_layers(layers));
}

// One row: "Hidden i" | units (applies on Enter or when it loses focus) | activation | ×.
void layer_row(Ctx& ctx, const std::vector<nn::HiddenLayer>& layers, size_t i, float label_w, float units_w, float act_w) {
  ImGui::PushID(static_cast<int>(i));
  ImGui::AlignTextToFramePadding();
  ImGui::Text("Hidden %zu", i + 1);
  ImGui::SameLine(label_w);
  std::string units;
  if (commit_input("##units", std::to_string(layers[i].units), &units, units_w)) {
    std::vector<nn::HiddenLayer> next = layers;
    next[i].units = std::atoi(units.c_str());
    apply_layers(ctx, next);  // a refused width (0, 100000) leaves the old one and says why
  }
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("units (neurons) in this layer, 1 to %d; Enter applies", nn::kMaxHiddenUnits);
  ImGui::SameLine();
  ImGui::SetNextItemWidth(act_w);
  if (ImGui::BeginCombo("##act", nn::activation_key(layers[i].activation))) {
    for (nn::Activation a : kActs)
      if (ImGui::Selectable(nn::activation_key(a), a == layers[i].activation)) {
        std::vector<nn::HiddenLayer> next = layers;
        next[i].activation = a;
        apply_layers(ctx, next);
      }
    ImGui::EndCombo();
  }
  ImGui::SameLine();
  if (ImGui::Button("×")) {
    std::vector<nn::HiddenLayer> next = layers;
    next.erase(next.begin() + static_cast<std::ptrdiff_t>(i));
    apply_layers(ctx, next);
  }
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("remove this layer");
  ImGui::PopID();
}

void output_line(const data::Dataset* ds) {
  if (!ds) return;
  if (ds->dense()) note("Output: per-pixel classes need a U-Net or FCN (Model above)");
  else if (ds->regression()) note("Output: 1 value (regression: no sigmoid, MSE on the targets)");
  else if (ds->outputs() == 1) note("Output: 1 logit → sigmoid (2 classes)");
  else notef("Output: %d logits → softmax", ds->outputs());
}

}  // namespace

void mlp_editor(Ctx& ctx) {
  const std::vector<nn::HiddenLayer>& layers = ctx.config().layers;
  const ImGuiStyle& style = ImGui::GetStyle();
  const float fs = ImGui::GetFontSize();
  const float label_w = ImGui::CalcTextSize("Hidden 16").x + style.ItemSpacing.x;
  const float remove_w = ImGui::CalcTextSize("×").x + style.FramePadding.x * 2;
  const float row_w = ImGui::GetContentRegionAvail().x;
  const float act_w = std::clamp((row_w - label_w - remove_w) * 0.42f, fs * 4.0f, fs * 5.5f);
  const float units_w = std::max(fs * 3.0f, row_w - label_w - remove_w - act_w - style.ItemSpacing.x * 3);
  for (size_t i = 0; i < layers.size(); ++i) layer_row(ctx, layers, i, label_w, units_w, act_w);
  ImGui::BeginDisabled(static_cast<int>(layers.size()) >= nn::kMaxHiddenLayers);
  if (ImGui::Button("+ Add layer")) {
    std::vector<nn::HiddenLayer> next = layers;
    next.push_back(next.empty() ? nn::HiddenLayer{8, nn::Activation::Tanh} : next.back());
    apply_layers(ctx, next);
  }
  ImGui::EndDisabled();
  ImGui::SameLine();
  ImGui::TextDisabled("%zu hidden layer%s", layers.size(), layers.size() == 1 ? "" : "s");
  output_line(ctx.dataset());
  // The stack as text (the URL/CLI form): Enter or leaving the field applies.
  ImGui::SetNextItemWidth(-label_space("Layers"));
  std::string text;
  if (commit_input("Layers", nn::format_hidden_layers(layers), &text)) ctx.set("layers", text);
  help_marker("Hidden layers as width:activation, comma separated, e.g. 128:relu,64:relu. Enter applies.");
}

}  // namespace nnplay::ui
