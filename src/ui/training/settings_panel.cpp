// settings_panel.cpp — how to train: the optimizer and the hyperparameters
// that matter for it, learning rate and its schedule, weight decay, batch
// size, loss, initialisation and seed, then "All settings": every key of the
// config table as text, so settings without a dedicated control (clipping,
// L1, ...) are reachable too. Every editor comes from the config table
// (edit_setting), so this panel knows keys, not structs.
#include "imgui.h"
#include "ui/context.h"
#include "ui/training/schedule_editor.h"
#include "ui/view.h"
#include "ui/widgets.h"

namespace nnplay::ui {
namespace {

// The hyperparameters the chosen optimizer uses, beside lr.
std::vector<const char*> optimizer_keys(optim::OptimizerKind k) {
  using K = optim::OptimizerKind;
  switch (k) {
    case K::SGD: return {"momentum", "nesterov"};
    case K::EmaMomentum: return {"momentum"};
    case K::RMSprop: return {"rho", "momentum"};
    case K::Adam:
    case K::AdamW: return {"beta1", "beta2"};
    case K::AdaGrad: return {};
  }
  return {};
}

class SettingsPanel : public View {
 public:
  void draw(Ctx& ctx) override {
    const train::Config& cfg = ctx.config();
    section("Training");
    ImGui::PushItemWidth(-label_space("Learning rate"));
    edit(ctx, "optimizer");
    edit(ctx, "lr", cfg.optimizer.kind == optim::OptimizerKind::EmaMomentum ? "η (step size)" : nullptr);
    for (const char* key : optimizer_keys(cfg.optimizer.kind))
      edit(ctx, key, cfg.optimizer.kind == optim::OptimizerKind::EmaMomentum ? "λ (momentum)" : nullptr);
    edit(ctx, "weight_decay");
    schedule_editor(ctx);
    for (const char* key : {"batch_size", "loss", "init"}) edit(ctx, key);
    if (ImGui::SmallButton("Reset to the same initial weights")) ctx.act(train::Action::Reset);
    if (ImGui::IsItemHovered())
      ImGui::SetTooltip("Reset: the seed gives the same initial weights and batch order again, so runs with "
                        "different settings start from the same place (the Init tab compares the schemes)");
    edit(ctx, "seed");
    ImGui::PopItemWidth();
    all_settings(ctx);
  }

 private:
  static void edit(Ctx& ctx, const char* key, const char* label = nullptr) {
    std::string value;
    if (edit_setting(key, ctx.config(), &value, {.label = label})) ctx.set(key, value);
  }

  // Every setting of the table as text: the same keys as the URL,
  // window.nnplay.command and nnplay-train's flags.
  static void all_settings(Ctx& ctx) {
    ImGui::Spacing();
    if (!ImGui::CollapsingHeader("All settings")) return;
    note("Enter applies · the same keys as the URL, window.nnplay.command and the CLI");
    ImGui::PushItemWidth(-label_space("initial_accumulator_value"));
    for (const train::ConfigField& f : train::config_fields()) {
      std::string value;
      if (commit_input(f.key, f.get(ctx.config()), &value)) ctx.set(f.key, value);
      if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", setting_tooltip(f).c_str());
    }
    ImGui::PopItemWidth();
  }
};

}  // namespace

std::unique_ptr<View> make_settings_panel() { return std::make_unique<SettingsPanel>(); }

}  // namespace nnplay::ui
