// model_panel.cpp — the Network panel: which model (the MLP's hidden-layer
// editor, a zoo network with its switches, or a custom network as text; the
// zoo networks that cannot take this data are greyed out with the engine's
// reason, train::zoo_unfit), what it costs (parameters, multiply-adds,
// receptive field), the lecture's next experiment one click away, and the
// model file. The editors are in editors.h.
#include <algorithm>

#include "core/args.h"
#include "imgui.h"
#include "nn/receptive_field.h"
#include "nn/zoo.h"
#include "train/inspect.h"
#include "ui/network/editors.h"
#include "nn/input_features.h"
#include "ui/view.h"
#include "ui/widgets.h"

namespace nnplay::ui {
namespace {

const nn::ZooEntry* current_zoo(const std::string& model) {
  auto call = parse_call(model);
  return call.ok() ? nn::find_zoo(call.value().first) : nullptr;
}

void input_line(const data::Dataset* ds, const train::Config& cfg) {
  if (ds && ds->is_image()) notef("Input: %d×%d pixels", ds->sample_shape[2], ds->sample_shape[3]);
  else if (ds && ds->sample_shape.rank == 3)
    notef("Input: sequences of %d steps × %d symbols", ds->sample_shape[1], ds->sample_shape[2]);
  else if (ds && ds->sample_shape.rank == 5)
    notef("Input: clips of %d frames × %d×%d pixels", ds->sample_shape[2], ds->sample_shape[3], ds->sample_shape[4]);
  else if (ds && ds->sample_shape == Shape{1, 1}) note("Input: 1 feature (x)");
  else if (cfg.model != "mlp" || cfg.features == train::Config{}.features) note("Input: 2 features (x₁, x₂)");
  else {
    std::string list;
    const auto f = nn::parse_input_features(cfg.features);
    for (nn::InputFeature x : f.ok() ? f.value() : std::vector<nn::InputFeature>{})
      list += (list.empty() ? "" : ", ") + std::string(nn::input_feature_label(x));
    notef("Input: %s (the chosen features of x₁, x₂)", list.c_str());
  }
}

// The deepest spatial map that is still local (before global pooling or a Flatten).
void receptive_field_line(Ctx& ctx, const data::Dataset& ds) {
  const auto& nodes = ctx.session().model().nodes();
  std::vector<Shape> shapes;
  for (const nn::Node& n : nodes) shapes.push_back(n.shape);
  auto rf = nn::receptive_fields(ctx.session().spec(), shapes);
  if (!rf.ok()) return;
  int best = -1;
  for (size_t i = 1; i < rf.value().size(); ++i)
    if (rf.value()[i].spatial && !rf.value()[i].global) best = static_cast<int>(i);
  if (best <= 0) return;
  const nn::ReceptiveField& r = rf.value()[static_cast<size_t>(best)];
  notef("Receptive field: %d×%d px at %s", r.size[0], r.size[1], nodes[static_cast<size_t>(best)].name.c_str());
  if (ImGui::IsItemHovered())
    ImGui::SetTooltip("input pixels one value of the last local feature map depends on\n"
                      "(r grows by (k−1)·dilation·jump per conv or pool; the image is %d×%d)",
                      ds.sample_shape[2], ds.sample_shape[3]);
}

void cost_lines(Ctx& ctx) {
  const train::SessionStatus s = ctx.session().status();
  if (ctx.config().model == "mlp") ImGui::Text("%s  ·  %s parameters", s.architecture.c_str(), format_count(s.num_params).c_str());
  else ImGui::Text("%s parameters", format_count(s.num_params).c_str());
  if (ImGui::IsItemHovered())
    ImGui::SetTooltip("%s multiply-adds per sample; the Network tab lists every layer", format_count(s.macs_per_sample).c_str());
  ImGui::SameLine();
  ImGui::TextDisabled("·  %s MACs", format_macs(s.macs_per_sample).c_str());
  if (ctx.dataset() && ctx.dataset()->is_image()) receptive_field_line(ctx, *ctx.dataset());
}

// The lecture's experiment, one click away: a ResNet on Fashion-MNIST.
void next_experiment(Ctx& ctx) {
  const data::Dataset* ds = ctx.dataset();
  if (!ds) return;
  if (!ds->is_image() && ds->sample_shape.rank == 2) {
    if (ImGui::SmallButton("Try ResNet on Fashion-MNIST →")) {
      train::Command cmd;
      cmd.set = {{"dataset", "fashion_mnist"}, {"model", "resnet(depth=8)"}};
      cmd.action = train::Action::Train;
      ctx.apply(cmd);
    }
    if (ImGui::IsItemHovered())
      ImGui::SetTooltip("loads Fashion-MNIST and trains ResNet-8; then switch its skip connections off and on");
  } else if (ds->is_image() && !ds->dense() && ctx.config().model == "mlp") {
    if (ImGui::SmallButton("Try a ResNet →")) ctx.set("model", "resnet(depth=8)");
    if (ImGui::IsItemHovered())
      ImGui::SetTooltip("ResNet-8 from the zoo; then switch its skip connections off and on and watch the curves");
  }
}

class ModelPanel : public View {
 public:
  void draw(Ctx& ctx) override {
    section("Network");
    input_line(ctx.dataset(), ctx.config());
    model_menu(ctx);
    const std::string& model = ctx.config().model;
    if (model == "mlp") mlp_editor(ctx);
    else if (model == "custom") custom_.draw(ctx);
    else zoo_editor(ctx);
    cost_lines(ctx);
    next_experiment(ctx);
    file_.draw(ctx);
  }

 private:
  void model_menu(Ctx& ctx) {
    const std::string& model = ctx.config().model;
    const nn::ZooEntry* zoo = current_zoo(model);
    const std::string label = model == "mlp"      ? "MLP (hidden layers)"
                              : model == "custom" ? "Custom (network text)"
                              : zoo               ? std::string(zoo->name) + " — from the zoo"
                                                  : model;
    ImGui::SetNextItemWidth(-label_space("Model"));
    if (ImGui::BeginCombo("Model", label.c_str())) {
      if (ImGui::Selectable("MLP (hidden layers)", model == "mlp")) ctx.set("model", "mlp");
      if (ImGui::IsItemHovered()) ImGui::SetTooltip("fully connected layers: edit their widths and activations");
      ImGui::Separator();
      ImGui::TextDisabled("zoo (the lecture's networks)");
      zoo_items(ctx, zoo);
      ImGui::Separator();
      if (ImGui::Selectable("Custom (network text)", model == "custom")) custom_.start_from_current(ctx);
      if (ImGui::IsItemHovered())
        ImGui::SetTooltip("write the network as text, one layer per line; starts from the current network");
      ImGui::EndCombo();
    }
    help_marker(train::find_field("model")->help);
  }

  // Every zoo network, greyed out with the reason when it cannot take this data.
  void zoo_items(Ctx& ctx, const nn::ZooEntry* current) {
    if (ctx.dataset() && (ctx.dataset() != unfit_for_ || ctx.config().dataset != unfit_name_)) {
      unfit_for_ = ctx.dataset();
      unfit_name_ = ctx.config().dataset;
      unfit_ = train::zoo_unfit(*ctx.dataset());
    }
    const auto& entries = nn::zoo_entries();
    for (size_t i = 0; i < entries.size(); ++i) {
      const nn::ZooEntry& e = entries[i];
      const bool unfit = i < unfit_.size() && !unfit_[i].empty();
      ImGui::BeginDisabled(unfit);
      if (ImGui::Selectable(e.name, current == &e) && current != &e) ctx.set("model", e.name);  // re-picking keeps the switches
      ImGui::EndDisabled();
      if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled))
        ImGui::SetTooltip("%s%s%s", e.about, unfit ? "\nnot for this dataset: " : "", unfit ? unfit_[i].c_str() : "");
      ImGui::SameLine(ImGui::GetFontSize() * 7.5f);
      ImGui::TextDisabled("%s", e.about);
    }
  }

  CustomEditor custom_;
  ModelFile file_;
  const data::Dataset* unfit_for_ = nullptr;  // the dataset unfit_ describes
  std::string unfit_name_;
  std::vector<std::string> unfit_;            // per zoo entry: "" = fits, else why not
};

}  // namespace

std::unique_ptr<View> make_model_panel() { return std::make_unique<ModelPanel>(); }

}  // namespace nnplay::ui
