// dataset_panel.cpp — which data: the dataset, and for the generated sets the
// noise, number of samples (and the memory task's sequence length); the
// validation share for all; then the sizes of the splits.
#include <algorithm>

#include "imgui.h"
#include "nn/input_features.h"
#include "ui/context.h"
#include "ui/restrictions.h"
#include "ui/view.h"
#include "ui/widgets.h"

namespace nnplay::ui {
namespace {

// TF Playground's input switches: one checkbox per feature, flowing onto
// the next line when the panel is narrow (a phone); at least one stays on.
void input_features(Ctx& ctx, const train::Config& cfg) {
  if (restrictions().hides("features")) return;
  const auto parsed = nn::parse_input_features(cfg.features);
  const std::vector<nn::InputFeature> on = parsed.ok() ? parsed.value() : std::vector<nn::InputFeature>{};
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted("Inputs");
  help_marker("what the network reads of each point (TF Playground's features): with x₁² and x₂² even a network "
              "without hidden layers separates the circle; an extra feature is a first layer you chose by hand");
  ImGui::BeginDisabled(restrictions().locks("features"));
  const float right = ImGui::GetCursorScreenPos().x + ImGui::GetContentRegionAvail().x;
  for (nn::InputFeature f : nn::kInputFeatures) {
    bool checked = std::find(on.begin(), on.end(), f) != on.end();
    const float w = ImGui::GetFrameHeight() + ImGui::GetStyle().ItemInnerSpacing.x + ImGui::CalcTextSize(nn::input_feature_label(f)).x;
    ImGui::SameLine();
    if (ImGui::GetCursorScreenPos().x + w > right) ImGui::NewLine();
    ImGui::PushID(static_cast<int>(f));
    if (ImGui::Checkbox(nn::input_feature_label(f), &checked) && !(on.size() == 1 && !checked)) {
      std::vector<nn::InputFeature> next;
      for (nn::InputFeature g : nn::kInputFeatures)
        if (g == f ? checked : std::find(on.begin(), on.end(), g) != on.end()) next.push_back(g);
      ctx.set("features", nn::format_input_features(next));
    }
    ImGui::PopID();
  }
  ImGui::EndDisabled();
}

class DatasetPanel : public View {
 public:
  void draw(Ctx& ctx) override {
    const train::Config& cfg = ctx.config();
    const data::DatasetInfo& info = ctx.data_info();
    section("Data");
    ImGui::PushItemWidth(-label_space("Validation"));
    std::string value;
    // The menu shows what the session is heading to while a dataset loads.
    if (edit_setting("dataset", ctx.session().target_config(), &value, {.help = false})) ctx.set("dataset", value);
    help_marker(info.about);
    if (!info.image) {
      if (edit_setting("noise", cfg, &value)) ctx.set("noise", value);
      if (edit_setting("samples", cfg, &value)) ctx.set("samples", value);
    }
    if (info.family == data::Family::Sequences && edit_setting("seq_len", cfg, &value)) ctx.set("seq_len", value);
    if (info.family == data::Family::Points && cfg.model == "mlp") input_features(ctx, cfg);
    if (info.family == data::Family::Functions && edit_setting("function", cfg, &value)) ctx.set("function", value);
    if (edit_setting("val_fraction", cfg, &value)) ctx.set("val_fraction", value);
    ImGui::PopItemWidth();

    const train::SessionStatus s = ctx.session().status();
    if (const data::Dataset* ds = ctx.dataset()) {
      if (ds->regression())
        notef("%s train · %s validation · real targets (regression)", format_count(s.train_size).c_str(),
              format_count(s.val_size).c_str());
      else
        notef("%s train · %s validation · %d classes", format_count(s.train_size).c_str(),
              format_count(s.val_size).c_str(), ds->num_classes);
      if (const data::Dataset* test = ctx.session().test_set())
        notef("test split: %s images", format_count(test->size()).c_str());
    }
  }
};

}  // namespace

std::unique_ptr<View> make_dataset_panel() { return std::make_unique<DatasetPanel>(); }

}  // namespace nnplay::ui
