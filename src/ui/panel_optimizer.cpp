// panel_optimizer.cpp — how to train: optimizer and its main hyperparameters,
// learning rate, batch size, loss, weight initialisation and seed, then an
// "All settings" section listing every key of the config table
// (train/config.h) as text, so settings without a dedicated control (schedule,
// clipping, L1, ...) are reachable too. Values are read through the table's
// printers and written as Commands through its keys, so this panel needs no
// knowledge of the structs behind them.
#include <cstdio>
#include <cstdlib>
#include <string>

#include "imgui.h"
#include "loss/loss.h"
#include "nn/init.h"
#include "optim/optimizer.h"
#include "train/config.h"
#include "ui/app.h"
#include "ui/widgets.h"

namespace nnplay::ui {
namespace {

std::string fmt(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.6g", v);
  return buf;
}

std::string value_of(const train::Config& cfg, const char* key) {
  const train::ConfigField* f = train::find_field(key);
  return f ? f->get(cfg) : std::string();
}

float float_of(const train::Config& cfg, const char* key) {
  return static_cast<float>(std::atof(value_of(cfg, key).c_str()));
}

struct Choice {
  const char* key;
  const char* title;
};
// Only the entries the engine accepts are shown (checked with its parsers).
constexpr Choice kOptimizers[] = {{"sgd", "SGD"},         {"ema_momentum", "EMA momentum"}, {"adagrad", "AdaGrad"},
                                  {"rmsprop", "RMSprop"}, {"adam", "Adam"},                 {"adamw", "AdamW"}};
constexpr const char* kInits[] = {"default", "xavier_uniform", "xavier_normal", "kaiming_uniform", "kaiming_normal",
                                  "zeros",   "constant",       "normal",        "uniform"};

}  // namespace

void App::panel_optimizer() {
  const train::Config& cfg = session_.config();
  section("Training");
  ImGui::PushItemWidth(-label_space("Learning rate"));

  // Optimizer
  const std::string opt = value_of(cfg, "optimizer");
  const char* opt_title = opt.c_str();
  for (const Choice& c : kOptimizers)
    if (opt == c.key) opt_title = c.title;
  if (ImGui::BeginCombo("Optimizer", opt_title)) {
    for (const Choice& c : kOptimizers) {
      if (!optim::parse_optimizer(c.key).ok()) continue;
      if (ImGui::Selectable(c.title, opt == c.key)) set("optimizer", c.key);
    }
    ImGui::EndCombo();
  }
  help_marker(config_help("optimizer"));

  float lr = float_of(cfg, "lr");
  if (ImGui::SliderFloat("Learning rate", &lr, 1e-5f, 10.0f, "%.5g",
                         ImGuiSliderFlags_Logarithmic | ImGuiSliderFlags_NoRoundToFormat))
    set("lr", fmt(lr));
  help_marker("Step size η (> 0, at most 10). Ctrl+click to type a value. Too large a rate makes the loss jump around or diverge: try 10 with momentum 0.99 (the run pauses and names the layer that went non-finite).");

  // The hyperparameters that matter most for the chosen optimizer.
  auto slider = [&](const char* key, const char* label, float lo, float hi, const char* format) {
    float v = float_of(cfg, key);
    if (ImGui::SliderFloat(label, &v, lo, hi, format)) set(key, fmt(v));
    help_marker(config_help(key));
  };
  auto checkbox = [&](const char* key, const char* label) {
    bool v = value_of(cfg, key) == "1";
    if (ImGui::Checkbox(label, &v)) set(key, v ? "1" : "0");
    help_marker(config_help(key));
  };
  if (opt == "sgd") {
    slider("momentum", "Momentum", 0.0f, 0.99f, "%.2f");
    checkbox("nesterov", "Nesterov");
  } else if (opt == "ema_momentum") {
    slider("momentum", "λ (momentum)", 0.0f, 0.99f, "%.2f");
  } else if (opt == "rmsprop") {
    slider("rho", "ρ (decay)", 0.5f, 0.9999f, "%.4f");
    slider("momentum", "Momentum", 0.0f, 0.99f, "%.2f");
  } else if (opt == "adam" || opt == "adamw") {
    slider("beta1", "β₁", 0.0f, 0.999f, "%.3f");
    slider("beta2", "β₂", 0.9f, 0.9999f, "%.4f");
  }
  float wd = float_of(cfg, "weight_decay");
  if (ImGui::SliderFloat("Weight decay", &wd, 0.0f, 0.1f, "%.4g", ImGuiSliderFlags_Logarithmic))
    set("weight_decay", fmt(wd));
  help_marker(config_help("weight_decay"));

  panel_schedule();  // panel_schedule.cpp: the schedule menu, its arguments and a preview

  int batch = cfg.batch_size;
  if (ImGui::SliderInt("Batch size", &batch, 1, 1024, "%d", ImGuiSliderFlags_Logarithmic))
    set("batch_size", std::to_string(batch));
  help_marker(config_help("batch_size"));

  if (ImGui::BeginCombo("Loss", loss::loss_key(cfg.loss))) {
    for (loss::LossKind k : {loss::LossKind::CrossEntropy, loss::LossKind::MSE})
      if (ImGui::Selectable(loss::loss_key(k), k == cfg.loss)) set("loss", loss::loss_key(k));
    ImGui::EndCombo();
  }
  help_marker(config_help("loss"));

  const std::string init = value_of(cfg, "init");
  if (ImGui::BeginCombo("Init", init.c_str())) {
    for (const char* k : kInits) {
      if (!nn::parse_init(k).ok()) continue;
      if (ImGui::Selectable(k, init == k)) set("init", k);
    }
    ImGui::EndCombo();
  }
  help_marker(config_help("init"));
  if (ImGui::SmallButton("Reset to the same initial weights")) act(train::Action::Reset);
  if (ImGui::IsItemHovered())
    ImGui::SetTooltip("Reset: the seed gives the same initial weights and batch order again, so runs with different "
                      "settings start from the same place (the Init tab compares the schemes)");

  int seed = static_cast<int>(cfg.seed);
  if (ImGui::InputInt("Seed", &seed, 1, 10) && seed >= 0) set("seed", std::to_string(seed));
  help_marker(config_help("seed"));
  ImGui::PopItemWidth();

  // Every setting of the table, as text (Enter applies): the same keys as the
  // URL, window.nnplay.command and nnplay-train's flags.
  ImGui::Spacing();
  if (ImGui::CollapsingHeader("All settings")) {
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
    ImGui::TextWrapped("Enter applies · the same keys as the URL, window.nnplay.command and the CLI");
    ImGui::PopStyleColor();
    ImGui::PushItemWidth(-label_space("initial_accumulator_value"));
    for (const train::ConfigField& f : train::config_fields()) {
      char buf[256];
      std::snprintf(buf, sizeof buf, "%s", f.get(cfg).c_str());
      if (ImGui::InputText(f.key, buf, sizeof buf, ImGuiInputTextFlags_EnterReturnsTrue)) set(f.key, buf);
      if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", f.help);
    }
    ImGui::PopItemWidth();
  }
}

}  // namespace nnplay::ui
