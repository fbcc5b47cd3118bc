// custom_editor.cpp — a network written as text (editors.h): one layer per
// line, "[name:]Type(arg=value,...,in=a,b)" (nn/model_spec.h); the draft
// applies on "Apply network" and a refused one stays in the editor with the
// reason under it.
#include <cstdio>
#include <map>

#include "imgui.h"
#include "nn/model_spec.h"
#include "nn/registry.h"
#include "ui/network/editors.h"
#include "ui/widgets.h"

namespace nnplay::ui {
namespace {

/// A starting value for an argument a new layer requires (the editor's "insert layer").
std::string placeholder(const std::string& arg) {
  static const std::map<std::string, std::string> kValues = {
      {"out_features", "64"}, {"out_channels", "16"}, {"kernel_size", "3"}, {"hidden_size", "32"},
      {"num_groups", "4"},    {"output_size", "1"},   {"scale_factor", "2"},
      {"dim", "2"},           {"index", "0"}};  // Select: the first frame of a clip (N, C, T, H, W)
  auto it = kValues.find(arg);
  return it == kValues.end() ? "?" : it->second;
}

/// "Conv2d(out_channels=16,kernel_size=3)" from the registry's argument list
/// ("out_channels, kernel_size, stride=1, ..."): the required ones, filled in.
std::string layer_template(const nn::LayerType& t) {
  std::string args;
  const std::string list = t.args;
  for (size_t pos = 0; pos < list.size();) {
    size_t end = list.find(',', pos);
    if (end == std::string::npos) end = list.size();
    std::string item = list.substr(pos, end - pos);
    pos = end + 1;
    item.erase(0, item.find_first_not_of(' '));
    if (item.empty() || item.find('=') != std::string::npos) continue;
    args += (args.empty() ? "" : ",") + item + "=" + placeholder(item);
  }
  return std::string(t.name) + (args.empty() ? "" : "(" + args + ")");
}

/// The one-line form ("a; b; c") as one layer per line.
std::string as_lines(std::string text) {
  for (size_t p = 0; (p = text.find("; ", p)) != std::string::npos;) text.replace(p, 2, "\n");
  return text;
}

constexpr const char* kHelp =
    "One layer per line (or ';'): [name:]Type(arg=value,...). A layer reads the previous one; in=a,b names other "
    "inputs (node names or numbers, 0 = the input), e.g. a residual block:\n"
    "c1:Conv2d(out_channels=16,kernel_size=3,padding=1)\nReLU\nc2:Conv2d(out_channels=16,kernel_size=3,padding=1)\n"
    "Add(in=c2,0)\n'classes' stands for the dataset's number of outputs. Layers whose name, type and shape stay the "
    "same keep their weights.";

}  // namespace

void CustomEditor::start_from_current(Ctx& ctx) {
  if (draft_.empty()) {  // an edit in progress stays
    nn::ModelSpec spec = ctx.session().spec();
    if (!spec.layers.empty())
      for (const char* k : {"out_features", "out_channels"})
        if (spec.layers.back().args.count(k)) spec.layers.back().args[k] = "classes";
    draft_ = as_lines(nn::format_model_spec(spec));
  }
  train::Command cmd;
  cmd.set = {{"model", "custom"}, {"network", draft_}};
  const bool ok = ctx.apply(cmd);
  error_ = ok ? "" : ctx.error();
}

void CustomEditor::draw(Ctx& ctx) {
  const std::string& network = ctx.config().network;
  if (synced_ != network) {  // the network changed elsewhere (link, API, load): show it
    synced_ = network;
    draft_ = as_lines(network);
  }
  static char buf[8192];
  std::snprintf(buf, sizeof buf, "%s", draft_.c_str());
  const float h = ImGui::GetTextLineHeight() * 9 + ImGui::GetStyle().FramePadding.y * 2;
  if (ImGui::InputTextMultiline("##network", buf, sizeof buf, ImVec2(-1, h), ImGuiInputTextFlags_AllowTabInput))
    draft_ = buf;
  const bool edited = draft_ != as_lines(synced_);
  ImGui::BeginDisabled(!edited);
  if (ImGui::Button("Apply network")) {
    const bool ok = ctx.set("network", draft_);
    error_ = ok ? "" : ctx.error();
    if (ok) synced_.clear();  // re-sync from the config (the canonical text)
  }
  ImGui::EndDisabled();
  ImGui::SameLine();
  ImGui::SetNextItemWidth(ImGui::GetContentRegionAvail().x - ImGui::CalcTextSize("(?)").x - 12.0f);
  if (ImGui::BeginCombo("##insert", "insert a layer…")) {
    for (const nn::LayerType& t : nn::layer_types()) {
      if (ImGui::Selectable(t.name)) {
        if (!draft_.empty() && draft_.back() != '\n') draft_ += "\n";
        draft_ += layer_template(t);
      }
      if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s(%s)\n%s", t.name, t.args, t.about);
    }
    ImGui::EndCombo();
  }
  help_marker(kHelp);
  if (edited) ImGui::TextDisabled("edited — Apply network to train it");
  if (!error_.empty()) error_text(error_);
}

}  // namespace nnplay::ui
