// panel_network.cpp — the multilayer perceptron: one row per hidden layer
// (width, activation, remove), add a layer, the whole stack as text, and what
// it costs (parameters, multiply-adds per sample). Each edit builds the new
// "layers" value from the current config and applies it as one Command.
#include <algorithm>
#include <cstdio>

#include "imgui.h"
#include "nn/activation.h"
#include "nn/model_spec.h"
#include "ui/app.h"
#include "ui/widgets.h"

namespace nnplay::ui {

void App::panel_network() {
  const train::Config& cfg = session_.config();
  const data::Dataset* ds = session_.dataset();
  const float fs = ImGui::GetFontSize();
  section("Network");

  // Input
  if (ds && ds->is_image()) ImGui::TextDisabled("Input: %d×%d pixels", ds->sample_shape[2], ds->sample_shape[3]);
  else ImGui::TextDisabled("Input: 2 features (x₁, x₂)");

  // Hidden layers: width | activation | remove
  static const nn::Activation kActs[] = {nn::Activation::ReLU, nn::Activation::Tanh, nn::Activation::Sigmoid,
                                         nn::Activation::Linear};
  const std::vector<nn::HiddenLayer>& layers = cfg.layers;
  // Row widths follow the column: label | units (with -/+) | activation | remove.
  const ImGuiStyle& style = ImGui::GetStyle();
  const float label_w = ImGui::CalcTextSize("Hidden 16").x + style.ItemSpacing.x;
  const float remove_w = ImGui::CalcTextSize("×").x + style.FramePadding.x * 2;
  const float row_w = ImGui::GetContentRegionAvail().x;
  const float act_w = std::clamp((row_w - label_w - remove_w) * 0.42f, fs * 4.0f, fs * 5.5f);
  const float units_w = std::max(fs * 4.5f, row_w - label_w - remove_w - act_w - style.ItemSpacing.x * 2);
  for (size_t i = 0; i < layers.size(); ++i) {
    ImGui::PushID(static_cast<int>(i));
    ImGui::AlignTextToFramePadding();
    ImGui::Text("Hidden %zu", i + 1);
    ImGui::SameLine(label_w);
    int units = layers[i].units;
    ImGui::SetNextItemWidth(units_w);
    if (ImGui::InputInt("##units", &units, 1, 8)) {
      std::vector<nn::HiddenLayer> next = layers;
      next[i].units = units;
      set("layers", nn::format_hidden_layers(next));
    }
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("units (neurons) in this layer, 1 to %d", nn::kMaxHiddenUnits);
    ImGui::SameLine();
    ImGui::SetNextItemWidth(act_w);
    if (ImGui::BeginCombo("##act", nn::activation_key(layers[i].activation))) {
      for (nn::Activation a : kActs) {
        if (ImGui::Selectable(nn::activation_key(a), a == layers[i].activation)) {
          std::vector<nn::HiddenLayer> next = layers;
          next[i].activation = a;
          set("layers", nn::format_hidden_layers(next));
        }
      }
      ImGui::EndCombo();
    }
    ImGui::SameLine();
    if (ImGui::Button("×")) {
      std::vector<nn::HiddenLayer> next = layers;
      next.erase(next.begin() + static_cast<std::ptrdiff_t>(i));
      set("layers", nn::format_hidden_layers(next));
    }
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("remove this layer");
    ImGui::PopID();
  }
  ImGui::BeginDisabled(static_cast<int>(layers.size()) >= nn::kMaxHiddenLayers);
  if (ImGui::Button("+ Add layer")) {
    std::vector<nn::HiddenLayer> next = layers;
    next.push_back(next.empty() ? nn::HiddenLayer{8, nn::Activation::Tanh} : next.back());
    set("layers", nn::format_hidden_layers(next));
  }
  ImGui::EndDisabled();
  ImGui::SameLine();
  ImGui::TextDisabled("%zu hidden layer%s", layers.size(), layers.size() == 1 ? "" : "s");

  // Output
  if (ds) {
    if (ds->num_classes == 2) ImGui::TextDisabled("Output: 1 logit → sigmoid (2 classes)");
    else ImGui::TextDisabled("Output: %d logits → softmax", ds->num_classes);
  }

  // The stack as text (the URL/CLI form), editable: Enter applies.
  char buf[512];
  std::snprintf(buf, sizeof buf, "%s", nn::format_hidden_layers(layers).c_str());
  ImGui::SetNextItemWidth(-label_space("Layers"));
  if (ImGui::InputText("Layers", buf, sizeof buf, ImGuiInputTextFlags_EnterReturnsTrue)) set("layers", buf);
  help_marker("Hidden layers as width:activation, comma separated, e.g. 128:relu,64:relu. Press Enter to apply.");

  const train::SessionStatus s = session_.status();
  ImGui::Text("%s  ·  %s parameters", s.architecture.c_str(), format_count(s.num_params).c_str());
  if (ImGui::IsItemHovered())
    ImGui::SetTooltip("layer widths from input to output; %s multiply-adds per sample",
                      format_count(s.macs_per_sample).c_str());
}

}  // namespace nnplay::ui
