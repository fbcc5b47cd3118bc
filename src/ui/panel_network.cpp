// panel_network.cpp — the network editor: which model (the MLP's hidden-layer
// editor, a zoo network with its switches, or a custom network as text),
// what it costs (parameters, multiply-adds, receptive field) and the model
// file (save / load). Every edit builds the new value of a config key
// ("layers", "model", "network") and applies it as one Command; the session
// keeps the weights of the layers an edit did not change and marks the curves.
//
// The zoo's switches are generated from the zoo table (nn::zoo_entries()):
// each argument of an entry's example becomes a checkbox (true/false), a
// choice (the entry's `choices`), an integer or a number, showing the value
// in the current model text.
#include <algorithm>
#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <map>

#include "core/args.h"
#include "imgui.h"
#include "nn/activation.h"
#include "nn/model_spec.h"
#include "nn/receptive_field.h"
#include "nn/registry.h"
#include "nn/zoo.h"
#include "platform/platform.h"
#include "ui/app.h"
#include "ui/views.h"
#include "ui/widgets.h"

namespace nnplay::ui {
namespace {

const nn::ZooEntry* find_zoo(const std::string& name) {
  for (const nn::ZooEntry& e : nn::zoo_entries())
    if (name == e.name) return &e;
  return nullptr;
}

std::string call_name(const std::string& text) {
  auto c = parse_call(text);
  return c.ok() ? c.value().first : text.substr(0, text.find('('));
}

/// Argument names of a call text in the order written ("a(x=1,y=2)" -> x, y).
std::vector<std::string> arg_order(const std::string& text) {
  std::vector<std::string> out;
  const size_t open = text.find('(');
  if (open == std::string::npos) return out;
  size_t pos = open + 1;
  while (pos < text.size()) {
    const size_t eq = text.find('=', pos);
    if (eq == std::string::npos) break;
    out.push_back(text.substr(pos, eq - pos));
    const size_t comma = text.find(',', eq);
    if (comma == std::string::npos) break;
    pos = comma + 1;
  }
  return out;
}

enum class ArgKind { Bool, Int, Float, Text };

ArgKind kind_of(const std::string& def) {
  if (def == "true" || def == "false") return ArgKind::Bool;
  if (def.empty()) return ArgKind::Text;
  bool digits = true, dot = false;
  for (size_t i = 0; i < def.size(); ++i) {
    const char c = def[i];
    if (c == '.') dot = true;
    else if (!(std::isdigit(static_cast<unsigned char>(c)) || (i == 0 && c == '-'))) digits = false;
  }
  if (!digits) return ArgKind::Text;
  return dot ? ArgKind::Float : ArgKind::Int;
}

bool as_bool(const std::string& v) { return v == "1" || v == "true" || v == "True"; }

/// Labels a student reads; the argument's name stays in the tooltip.
const char* arg_label(const std::string& name) {
  static const std::map<std::string, const char*> kLabels = {
      {"skip", "skip connections"}, {"bn", "batch norm"},      {"se", "squeeze-excitation"},
      {"dropout", "dropout p"},     {"depth", "depth"},        {"width", "width"},
      {"act", "activation"},        {"pool", "pooling"},       {"k", "width factor k"},
      {"growth", "growth rate"},    {"layers", "layers/block"}, {"blocks", "dense blocks"},
      {"alpha", "width α"},         {"rho", "resolution ρ"},   {"t", "expansion t"},
      {"base", "base channels"},    {"hidden", "hidden units"}};
  auto it = kLabels.find(name);
  return it == kLabels.end() ? name.c_str() : it->second;
}

/// A starting value for an argument a new layer requires (the editor's "insert layer").
std::string placeholder(const std::string& arg) {
  static const std::map<std::string, std::string> kValues = {
      {"out_features", "64"}, {"out_channels", "16"}, {"kernel_size", "3"}, {"hidden_size", "32"},
      {"num_groups", "4"},    {"output_size", "1"},   {"scale_factor", "2"}};
  auto it = kValues.find(arg);
  return it == kValues.end() ? "?" : it->second;
}

/// "Conv2d(out_channels=16,kernel_size=3)" from the registry's argument list
/// ("out_channels, kernel_size, stride=1, ..."): the required ones, filled in.
std::string layer_template(const nn::LayerType& t) {
  std::string args;
  const std::string list = t.args;
  size_t pos = 0;
  while (pos < list.size()) {
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

int outputs_for(const data::Dataset& ds) { return (ds.num_classes == 2 && !ds.dense()) ? 1 : ds.num_classes; }

bool input_text(const char* label, std::string* s, ImGuiInputTextFlags flags = 0) {
  char buf[1024];
  std::snprintf(buf, sizeof buf, "%s", s->c_str());
  const bool hit = ImGui::InputText(label, buf, sizeof buf, flags);
  if (hit) *s = buf;
  return hit;
}

}  // namespace

void App::panel_network() {
  const train::Config& cfg = session_.config();
  const data::Dataset* ds = session_.dataset();
  NetViews& v = *views_;
  const float fs = ImGui::GetFontSize();
  section("Network");

  // Input
  if (ds && ds->is_image()) ImGui::TextDisabled("Input: %d×%d pixels", ds->sample_shape[2], ds->sample_shape[3]);
  else if (ds && ds->sample_shape.rank == 3)
    ImGui::TextDisabled("Input: sequences of %d steps × %d symbols", ds->sample_shape[1], ds->sample_shape[2]);
  else ImGui::TextDisabled("Input: 2 features (x₁, x₂)");

  // Which network: MLP, a zoo entry (greyed out where it does not fit the data), or custom text.
  const bool is_mlp = cfg.model == "mlp", is_custom = cfg.model == "custom";
  const nn::ZooEntry* zoo = is_mlp || is_custom ? nullptr : find_zoo(call_name(cfg.model));
  if (ds && v.fits_key != cfg.dataset) {  // which zoo networks fit this data (once per dataset)
    v.fits_key = cfg.dataset;
    v.zoo_unfit.clear();
    for (const nn::ZooEntry& e : nn::zoo_entries()) {
      auto spec = nn::zoo_spec(e.example, ds->sample_shape, outputs_for(*ds));
      std::string why = spec.ok() ? "" : spec.status().message();
      if (spec.ok()) {
        nn::Model probe;
        Status st = probe.build(spec.value(), ds->sample_shape, 1);
        if (st.ok()) st = train::check_output(probe.output_shape(), *ds);
        if (!st.ok()) why = ds->dense() ? "a classifier: the shapes set needs per-pixel outputs (U-Net, FCN)"
                                        : "its output does not fit this dataset's labels (" + st.message() + ")";
      }
      v.zoo_unfit.push_back(why);
    }
  }
  const std::string current_label = is_mlp      ? "MLP (hidden layers)"
                                    : is_custom ? "Custom (network text)"
                                    : zoo       ? std::string(zoo->name) + " — from the zoo"
                                                : cfg.model;
  ImGui::SetNextItemWidth(-label_space("Model"));
  if (ImGui::BeginCombo("Model", current_label.c_str())) {
    if (ImGui::Selectable("MLP (hidden layers)", is_mlp)) set("model", "mlp");
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("fully connected layers: edit their widths and activations");
    ImGui::Separator();
    ImGui::TextDisabled("zoo (the lecture's networks)");
    const auto& entries = nn::zoo_entries();
    for (size_t i = 0; i < entries.size(); ++i) {
      const nn::ZooEntry& e = entries[i];
      const bool unfit = i < v.zoo_unfit.size() && !v.zoo_unfit[i].empty();
      ImGui::BeginDisabled(unfit);
      if (ImGui::Selectable(e.name, zoo == &e)) {
        // Keep the switches when re-picking the same network.
        if (zoo != &e) set("model", std::string(e.name));
      }
      ImGui::EndDisabled();
      if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled))
        ImGui::SetTooltip("%s%s%s", e.about, unfit ? "\nnot for this dataset: " : "",
                          unfit ? v.zoo_unfit[i].c_str() : "");
      ImGui::SameLine(fs * 7.5f);
      ImGui::TextDisabled("%s", e.about);
    }
    ImGui::Separator();
    if (ImGui::Selectable("Custom (network text)", is_custom)) {
      // Start from the network being trained, written as text, unless there is an edit in progress.
      if (v.custom_text.empty()) {
        nn::ModelSpec spec = session_.spec();
        if (!spec.layers.empty())
          for (const char* k : {"out_features", "out_channels"})
            if (spec.layers.back().args.count(k)) spec.layers.back().args[k] = "classes";
        v.custom_text = nn::format_model_spec(spec);
        for (size_t p = 0; (p = v.custom_text.find("; ", p)) != std::string::npos;) v.custom_text.replace(p, 2, "\n");
      }
      train::Command cmd;
      cmd.set = {{"model", "custom"}, {"network", v.custom_text}};
      Status st = session_.apply(cmd);
      v.custom_error = st.ok() ? "" : st.message();
      if (!st.ok()) ui_error_ = st.to_string();
    }
    if (ImGui::IsItemHovered())
      ImGui::SetTooltip("write the network as text, one layer per line; starts from the current network");
    ImGui::EndCombo();
  }
  help_marker(config_help("model"));

  if (is_mlp) {
    // Hidden layers: width | activation | remove
    static const nn::Activation kActs[] = {nn::Activation::ReLU, nn::Activation::Tanh, nn::Activation::Sigmoid,
                                           nn::Activation::Linear};
    const std::vector<nn::HiddenLayer>& layers = cfg.layers;
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
      if (ds->dense()) ImGui::TextDisabled("Output: per-pixel classes need a U-Net or FCN (Model above)");
      else if (ds->num_classes == 2) ImGui::TextDisabled("Output: 1 logit → sigmoid (2 classes)");
      else ImGui::TextDisabled("Output: %d logits → softmax", ds->num_classes);
    }

    // The stack as text (the URL/CLI form), editable: Enter applies.
    char buf[512];
    std::snprintf(buf, sizeof buf, "%s", nn::format_hidden_layers(layers).c_str());
    ImGui::SetNextItemWidth(-label_space("Layers"));
    if (ImGui::InputText("Layers", buf, sizeof buf, ImGuiInputTextFlags_EnterReturnsTrue)) set("layers", buf);
    help_marker("Hidden layers as width:activation, comma separated, e.g. 128:relu,64:relu. Press Enter to apply.");
  } else if (is_custom) {
    panel_custom_network();
  } else if (zoo) {
    panel_zoo_args();
  }

  // What it costs, and how far its convolutions see.
  const train::SessionStatus s = session_.status();
  if (is_mlp) ImGui::Text("%s  ·  %s parameters", s.architecture.c_str(), format_count(s.num_params).c_str());
  else ImGui::Text("%s parameters", format_count(s.num_params).c_str());
  if (ImGui::IsItemHovered())
    ImGui::SetTooltip("%s multiply-adds per sample; the Network tab lists every layer",
                      format_count(s.macs_per_sample).c_str());
  ImGui::SameLine();
  ImGui::TextDisabled("·  %s MACs", format_macs(s.macs_per_sample).c_str());
  if (ds && ds->is_image()) {
    const auto& nodes = session_.model().nodes();
    std::vector<Shape> shapes;
    for (const nn::Node& n : nodes) shapes.push_back(n.shape);
    auto rf = nn::receptive_fields(session_.spec(), shapes);
    if (rf.ok()) {
      // The deepest spatial map that is still local (before global pooling or a Flatten).
      int best = -1;
      for (size_t i = 1; i < rf.value().size(); ++i)
        if (rf.value()[i].spatial && !rf.value()[i].global) best = static_cast<int>(i);
      if (best > 0) {
        const nn::ReceptiveField& r = rf.value()[static_cast<size_t>(best)];
        ImGui::TextDisabled("Receptive field: %d×%d px at %s", r.size[0], r.size[1],
                            nodes[static_cast<size_t>(best)].name.c_str());
        if (ImGui::IsItemHovered())
          ImGui::SetTooltip("input pixels one value of the last local feature map depends on\n"
                            "(r grows by (k−1)·dilation·jump per conv or pool; the image is %d×%d)",
                            ds->sample_shape[2], ds->sample_shape[3]);
      }
    }
  }

  // The lecture's experiment, one click away: a ResNet on Fashion-MNIST.
  if (ds && !ds->is_image() && ds->sample_shape.rank == 2) {
    if (ImGui::SmallButton("Try a ResNet on Fashion-MNIST →")) {
      train::Command cmd;
      cmd.set = {{"dataset", "fashion_mnist"}, {"model", "resnet(depth=8)"}};
      cmd.action = train::Action::Train;
      apply(cmd);
    }
    if (ImGui::IsItemHovered())
      ImGui::SetTooltip("loads Fashion-MNIST and trains ResNet-8; then switch its skip connections off and on");
  } else if (ds && ds->is_image() && !ds->dense() && is_mlp) {
    if (ImGui::SmallButton("Try a ResNet →")) set("model", "resnet(depth=8)");
    if (ImGui::IsItemHovered())
      ImGui::SetTooltip("ResNet-8 from the zoo; then switch its skip connections off and on and watch the curves");
  }

  panel_model_file();
}

// The zoo entry's switches, generated from its example (types, defaults),
// its choices, and the current model text (values).
void App::panel_zoo_args() {
  const train::Config& cfg = session_.config();
  NetViews& v = *views_;
  const nn::ZooEntry* zoo = find_zoo(call_name(cfg.model));
  if (!zoo) return;
  auto example = parse_call(zoo->example);
  auto current = parse_call(cfg.model);
  if (!example.ok() || !current.ok()) return;
  const std::map<std::string, std::string>& defaults = example.value().second.values();
  const std::map<std::string, std::string>& given = current.value().second.values();
  const auto choices = nn::zoo_choices(*zoo);
  const float fs = ImGui::GetFontSize();

  ImGui::PushTextWrapPos(0.0f);
  ImGui::TextDisabled("%s", zoo->about);
  ImGui::PopTextWrapPos();

  // Applies name(args) with `key` set to `value`, writing only what differs from the defaults.
  auto apply_arg = [&](const std::string& key, const std::string& value) {
    std::map<std::string, std::string> next = given;
    next[key] = value;
    std::map<std::string, std::string> shown;
    for (const auto& [k, val] : next) {
      auto d = defaults.find(k);
      bool same = d != defaults.end() && d->second == val;
      if (d != defaults.end() && kind_of(d->second) == ArgKind::Bool) same = as_bool(d->second) == as_bool(val);
      if (d != defaults.end() && (kind_of(d->second) == ArgKind::Float || kind_of(d->second) == ArgKind::Int))
        same = std::atof(d->second.c_str()) == std::atof(val.c_str());
      if (!same) shown[k] = val;
    }
    set("model", format_call(zoo->name, Args(zoo->name, shown)));
  };

  // Switches first (checkboxes flow in rows), then the numbers and choices.
  const std::vector<std::string> order = arg_order(zoo->example);
  const float avail = ImGui::GetContentRegionAvail().x;
  float row_x = 0;
  bool any_bool = false;
  for (const std::string& key : order) {
    const std::string& def = defaults.at(key);
    if (kind_of(def) != ArgKind::Bool) continue;
    auto it = given.find(key);
    bool on = as_bool(it == given.end() ? def : it->second);
    const char* label = arg_label(key);
    const float w = ImGui::CalcTextSize(label).x + ImGui::GetFrameHeight() + fs * 1.2f;
    if (any_bool && row_x + w < avail) ImGui::SameLine();
    else row_x = 0;
    row_x += w;
    any_bool = true;
    ImGui::PushID(key.c_str());
    if (key == "skip") ImGui::PushStyleColor(ImGuiCol_CheckMark, ImVec4(0.05f, 0.45f, 0.75f, 1.0f));
    if (ImGui::Checkbox(label, &on)) apply_arg(key, on ? "1" : "0");
    if (key == "skip") ImGui::PopStyleColor();
    if (ImGui::IsItemHovered())
      ImGui::SetTooltip("%s=%s (default %s)%s", key.c_str(), on ? "1" : "0", as_bool(def) ? "1" : "0",
                        key == "skip" ? "\nswitching keeps every trained weight; the curves get a marker" : "");
    ImGui::PopID();
  }
  ImGui::PushItemWidth(-label_space("base channels"));
  for (const std::string& key : order) {
    const std::string& def = defaults.at(key);
    const ArgKind kind = kind_of(def);
    if (kind == ArgKind::Bool) continue;
    auto it = given.find(key);
    const std::string value = it == given.end() ? def : it->second;
    ImGui::PushID(key.c_str());
    auto ch = choices.find(key);
    if (ch != choices.end()) {
      if (ImGui::BeginCombo(arg_label(key), value.c_str())) {
        for (const std::string& c : ch->second) {
          const bool sel = kind == ArgKind::Text ? c == value : std::atof(c.c_str()) == std::atof(value.c_str());
          if (ImGui::Selectable(c.c_str(), sel) && !sel) apply_arg(key, c);
        }
        ImGui::EndCombo();
      }
    } else if (kind == ArgKind::Int) {
      int n = std::atoi(value.c_str());
      if (ImGui::InputInt(arg_label(key), &n)) apply_arg(key, std::to_string(n));
    } else if (kind == ArgKind::Float) {
      float f = static_cast<float>(std::atof(value.c_str()));
      if (ImGui::InputFloat(arg_label(key), &f, 0.1f, 0.0f, "%.2f", ImGuiInputTextFlags_EnterReturnsTrue)) {
        char buf[32];
        std::snprintf(buf, sizeof buf, "%g", static_cast<double>(f));
        apply_arg(key, buf);
      }
    } else {
      std::string t = value;
      if (input_text(arg_label(key), &t, ImGuiInputTextFlags_EnterReturnsTrue)) apply_arg(key, t);
    }
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s (default %s)", key.c_str(), def.c_str());
    ImGui::PopID();
  }
  // The whole model text, as the URL and the CLI write it; Enter applies.
  std::string text = cfg.model;
  if (input_text("as text", &text, ImGuiInputTextFlags_EnterReturnsTrue)) set("model", text);
  ImGui::PopItemWidth();
  help_marker("The model key as the URL and the CLI write it, e.g. resnet(depth=14,skip=0). Press Enter to apply.");
  (void)v;
}

// A custom network as text: one layer per line, "[name:]Type(arg=value,...,in=a,b)".
void App::panel_custom_network() {
  const train::Config& cfg = session_.config();
  NetViews& v = *views_;
  if (v.custom_synced != cfg.network) {  // the network changed elsewhere (link, API, load): show it
    v.custom_synced = cfg.network;
    v.custom_text = cfg.network;
    for (size_t p = 0; (p = v.custom_text.find("; ", p)) != std::string::npos;) v.custom_text.replace(p, 2, "\n");
  }
  static char buf[8192];
  std::snprintf(buf, sizeof buf, "%s", v.custom_text.c_str());
  const float h = ImGui::GetTextLineHeight() * 9 + ImGui::GetStyle().FramePadding.y * 2;
  if (ImGui::InputTextMultiline("##network", buf, sizeof buf, ImVec2(-1, h), ImGuiInputTextFlags_AllowTabInput))
    v.custom_text = buf;
  const bool edited = v.custom_text != v.custom_synced;
  ImGui::BeginDisabled(!edited);
  if (ImGui::Button("Apply network")) {
    std::string one_line = v.custom_text;
    train::Command cmd;
    cmd.set = {{"network", one_line}};
    Status st = session_.apply(cmd);
    v.custom_error = st.ok() ? "" : st.message();
    if (st.ok()) v.custom_synced.clear();  // re-sync from the config (the canonical text)
  }
  ImGui::EndDisabled();
  ImGui::SameLine();
  ImGui::SetNextItemWidth(ImGui::GetContentRegionAvail().x - ImGui::CalcTextSize("(?)").x - 12.0f);
  if (ImGui::BeginCombo("##insert", "insert a layer…")) {
    for (const nn::LayerType& t : nn::layer_types()) {
      if (ImGui::Selectable(t.name)) {
        if (!v.custom_text.empty() && v.custom_text.back() != '\n') v.custom_text += "\n";
        v.custom_text += layer_template(t);
      }
      if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s(%s)\n%s", t.name, t.args, t.about);
    }
    ImGui::EndCombo();
  }
  help_marker(
      "One layer per line (or ';'): [name:]Type(arg=value,...). A layer reads the previous one; in=a,b names "
      "other inputs (node names or numbers, 0 = the input), e.g. a residual block:\n"
      "c1:Conv2d(out_channels=16,kernel_size=3,padding=1)\nReLU\nc2:Conv2d(out_channels=16,kernel_size=3,padding=1)\n"
      "Add(in=c2,0)\n'classes' stands for the dataset's number of outputs. Layers whose name, type and shape stay "
      "the same keep their weights.");
  if (edited) ImGui::TextDisabled("edited — Apply network to train it");
  if (!v.custom_error.empty()) {
    ImGui::PushTextWrapPos(0.0f);
    ImGui::PushStyleColor(ImGuiCol_Text, kErrorText);
    ImGui::TextUnformatted(v.custom_error.c_str());
    ImGui::PopStyleColor();
    ImGui::PopTextWrapPos();
  }
}

// Save / load the network (settings, weights, BatchNorm statistics) as one
// file through the platform: a download and the file chooser on the web, a
// path (or a file dropped on the window) on the desktop.
void App::panel_model_file() {
  NetViews& v = *views_;
  ImGui::Spacing();
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted("Model file");
  ImGui::SameLine();
  if (ImGui::Button("Save")) {
    const std::vector<uint8_t> bytes = session_.save();
    const std::string name = platform::has_file_chooser() ? "nnplay-model.nnp" : v.model_path;
    auto where = platform::save_user_file(name, bytes);
    v.file_error = !where.ok();
    v.file_message = where.ok() ? "Saved " + format_bytes(static_cast<double>(bytes.size())) + " to " + where.value()
                                : where.status().message();
  }
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("the settings, every weight and the batch-norm statistics, in one file");
  ImGui::SameLine();
  if (ImGui::Button(platform::has_file_chooser() ? "Load…" : "Load")) {
    platform::open_user_file(v.model_path, ".nnp",
                             [this](Status st, std::string name, std::vector<uint8_t> bytes) { on_user_file(st, name, bytes); });
  }
  if (ImGui::IsItemHovered())
    ImGui::SetTooltip(platform::has_file_chooser() ? "choose a .nnp file (or drop one on the page)"
                                                   : "load the path below (or drop a .nnp file on the window)");
  if (!platform::has_file_chooser()) {
    ImGui::SetNextItemWidth(-label_space("path"));
    input_text("path", &v.model_path);
  }
  if (!v.file_message.empty()) {
    ImGui::PushTextWrapPos(0.0f);
    if (v.file_error) ImGui::PushStyleColor(ImGuiCol_Text, kErrorText);
    else ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
    ImGui::TextUnformatted(v.file_message.c_str());
    ImGui::PopStyleColor();
    ImGui::PopTextWrapPos();
  }
}

void App::on_user_file(Status st, const std::string& name, const std::vector<uint8_t>& bytes) {
  NetViews& v = *views_;
  const std::string base = name.substr(name.find_last_of('/') == std::string::npos ? 0 : name.find_last_of('/') + 1);
  if (st.ok()) st = session_.load(bytes, base);
  v.file_error = !st.ok();
  if (!st.ok()) {
    v.file_message = "Not loaded (nothing changed): " + st.message();
    ui_error_ = v.file_message;
    return;
  }
  if (ui_error_.rfind("Not loaded", 0) == 0) ui_error_.clear();  // an earlier failed load's banner
  v.custom_synced = "\x01";  // show the loaded network's text if it is custom
  v.file_message = "Loaded " + base + ": " + session_.config().model + " on " + session_.config().dataset +
                   (session_.loading() ? " (loading the dataset…)" : "");
}

}  // namespace nnplay::ui
