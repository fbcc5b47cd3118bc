// zoo_editor.cpp — a zoo network's switches (editors.h): each argument of
// the entry's example (nn::zoo_args) becomes a checkbox (true/false), a
// choice (the entry's `choices`), an integer or a number field, showing the
// value in the current model text; the model text itself is editable too.
#include <map>

#include "core/args.h"
#include "imgui.h"
#include "nn/zoo.h"
#include "ui/network/editors.h"
#include "ui/widgets.h"

namespace nnplay::ui {
namespace {

using Values = std::map<std::string, std::string>;

/// Labels a student reads; the argument's name stays in the tooltip.
const char* arg_label(const std::string& name) {
  static const std::map<std::string, const char*> kLabels = {
      {"skip", "skip connections"}, {"bn", "batch norm"},       {"se", "squeeze-excitation"},
      {"dropout", "dropout p"},     {"depth", "depth"},         {"width", "width"},
      {"act", "activation"},        {"pool", "pooling"},        {"k", "width factor k"},
      {"growth", "growth rate"},    {"layers", "layers/block"}, {"blocks", "dense blocks"},
      {"alpha", "width α"},         {"rho", "resolution ρ"},    {"t", "expansion t"},
      {"base", "base channels"},    {"hidden", "hidden units"}};
  auto it = kLabels.find(name);
  return it == kLabels.end() ? name.c_str() : it->second;
}

bool switch_on(const std::string& v) { return v == "1" || v == "true" || v == "True"; }

void apply(Ctx& ctx, const nn::ZooEntry& zoo, Values given, const std::string& key, const std::string& value) {
  given[key] = value;
  ctx.set("model", nn::zoo_text(zoo, given));
}

// Switches first: checkboxes flowing in rows.
void switches(Ctx& ctx, const nn::ZooEntry& zoo, const std::vector<nn::ZooArg>& args, const Values& given) {
  const float fs = ImGui::GetFontSize(), avail = ImGui::GetContentRegionAvail().x;
  float row_x = 0;
  bool any = false;
  for (const nn::ZooArg& a : args) {
    if (a.kind != nn::ZooArg::Bool) continue;
    auto it = given.find(a.name);
    bool on = switch_on(it == given.end() ? a.def : it->second);
    const char* label = arg_label(a.name);
    const float w = ImGui::CalcTextSize(label).x + ImGui::GetFrameHeight() + fs * 1.2f;
    if (any && row_x + w < avail) ImGui::SameLine();
    else row_x = 0;
    row_x += w;
    any = true;
    ImGui::PushID(a.name.c_str());
    const bool skip = a.name == "skip";
    if (skip) ImGui::PushStyleColor(ImGuiCol_CheckMark, ImVec4(0.05f, 0.45f, 0.75f, 1.0f));
    if (ImGui::Checkbox(label, &on)) apply(ctx, zoo, given, a.name, on ? "1" : "0");
    if (skip) ImGui::PopStyleColor();
    if (ImGui::IsItemHovered())
      ImGui::SetTooltip("%s=%s (default %s)%s", a.name.c_str(), on ? "1" : "0", switch_on(a.def) ? "1" : "0",
                        skip ? "\nswitching keeps every trained weight; the curves get a marker" : "");
    ImGui::PopID();
  }
}

// Then the numbers and choices.
void values(Ctx& ctx, const nn::ZooEntry& zoo, const std::vector<nn::ZooArg>& args, const Values& given) {
  for (const nn::ZooArg& a : args) {
    if (a.kind == nn::ZooArg::Bool) continue;
    auto it = given.find(a.name);
    const std::string value = it == given.end() ? a.def : it->second;
    ImGui::PushID(a.name.c_str());
    if (!a.choices.empty()) {
      if (ImGui::BeginCombo(arg_label(a.name), value.c_str())) {
        for (const std::string& c : a.choices) {
          const bool sel = a.kind == nn::ZooArg::Text ? c == value : std::atof(c.c_str()) == std::atof(value.c_str());
          if (ImGui::Selectable(c.c_str(), sel) && !sel) apply(ctx, zoo, given, a.name, c);
        }
        ImGui::EndCombo();
      }
    } else {
      std::string typed;
      if (commit_input(arg_label(a.name), value, &typed)) apply(ctx, zoo, given, a.name, typed);
    }
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s (default %s)", a.name.c_str(), a.def.c_str());
    ImGui::PopID();
  }
}

}  // namespace

void zoo_editor(Ctx& ctx) {
  const std::string& model = ctx.config().model;
  auto current = parse_call(model);
  const nn::ZooEntry* zoo = current.ok() ? nn::find_zoo(current.value().first) : nullptr;
  if (!zoo) return;
  const Values& given = current.value().second.values();
  const std::vector<nn::ZooArg> args = nn::zoo_args(*zoo);
  note(zoo->about);
  switches(ctx, *zoo, args, given);
  ImGui::PushItemWidth(-label_space("base channels"));
  values(ctx, *zoo, args, given);
  // The whole model text, as the URL and the CLI write it.
  std::string text;
  if (commit_input("as text", model, &text)) ctx.set("model", text);
  ImGui::PopItemWidth();
  help_marker("The model key as the URL and the CLI write it, e.g. resnet(depth=14,skip=0). Enter applies.");
}

}  // namespace nnplay::ui
