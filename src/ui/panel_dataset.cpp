// panel_dataset.cpp — which data: the dataset, and for the 2D sets the noise
// and number of points; the validation share for all. Every edit is a
// Command (keys dataset, noise, samples, val_fraction).
#include <cstdio>

#include "data/catalog.h"
#include "imgui.h"
#include "ui/app.h"
#include "ui/widgets.h"

namespace nnplay::ui {
namespace {
std::string fmt(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.6g", v);
  return buf;
}
}  // namespace

void App::panel_dataset() {
  const train::Config& cfg = session_.config();
  const data::DatasetInfo* cur = data::find_dataset(cfg.dataset);
  section("Data");
  ImGui::PushItemWidth(-label_space("Validation"));

  if (ImGui::BeginCombo("Dataset", cur ? cur->title : cfg.dataset.c_str())) {
    for (const data::DatasetInfo& d : data::dataset_catalog()) {
      const bool selected = cfg.dataset == d.key;
      if (ImGui::Selectable(d.title, selected)) set("dataset", d.key);
      if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", d.about);
      if (selected) ImGui::SetItemDefaultFocus();
    }
    ImGui::EndCombo();
  }
  if (cur) help_marker(cur->about);

  if (cur && !cur->image) {
    float noise = cfg.noise;
    if (ImGui::SliderFloat("Noise", &noise, 0.0f, 0.5f, "%.2f")) set("noise", fmt(noise));
    help_marker(config_help("noise"));
    int samples = cfg.samples;
    if (ImGui::SliderInt("Points", &samples, 20, 5000, "%d", ImGuiSliderFlags_Logarithmic))
      set("samples", std::to_string(samples));
    help_marker(config_help("samples"));
  }
  float val_pct = cfg.val_fraction * 100.0f;
  if (ImGui::SliderFloat("Validation", &val_pct, 5.0f, 90.0f, "%.0f%%")) set("val_fraction", fmt(val_pct / 100.0f));
  help_marker(config_help("val_fraction"));
  ImGui::PopItemWidth();

  const train::SessionStatus s = session_.status();
  const data::Dataset* ds = session_.dataset();
  panel_augment();  // image sets: flips, crops, rotations, noise (panel_augment.cpp)
  if (ds) {
    ImGui::TextDisabled("%s train · %s validation · %d classes", format_count(s.train_size).c_str(),
                        format_count(s.val_size).c_str(), ds->num_classes);
    if (const data::Dataset* test = session_.test_set())
      ImGui::TextDisabled("test split: %s images", format_count(test->size()).c_str());
  }
}

}  // namespace nnplay::ui
