// dataset_panel.cpp — which data: the dataset, and for the generated sets the
// noise, number of samples (and the memory task's sequence length); the
// validation share for all; then the sizes of the splits.
#include "imgui.h"
#include "ui/context.h"
#include "ui/view.h"
#include "ui/widgets.h"

namespace nnplay::ui {
namespace {

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
    if (info.regression() && edit_setting("function", cfg, &value)) ctx.set("function", value);
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
