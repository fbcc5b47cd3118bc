// panel_optimizer.cpp — how to train: optimizer and its hyperparameters,
// batch size, loss, weight initialisation and seed. Hyperparameters apply from
// the next step (weights kept); loss, init and seed rebuild the model.
#include <cstdio>

#include "imgui.h"
#include "loss/loss.h"
#include "nn/init.h"
#include "optim/optimizer.h"
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

void App::panel_optimizer() {
  const train::Config& cfg = session_.config();
  const optim::OptimizerConfig& oc = cfg.optimizer;
  section("Training");
  ImGui::PushItemWidth(-label_space("Learning rate"));

  if (ImGui::BeginCombo("Optimizer", oc.kind == optim::OptimizerKind::SGD ? "SGD" : "Adam")) {
    if (ImGui::Selectable("SGD", oc.kind == optim::OptimizerKind::SGD)) set("optimizer", "sgd");
    if (ImGui::Selectable("Adam", oc.kind == optim::OptimizerKind::Adam)) set("optimizer", "adam");
    ImGui::EndCombo();
  }
  help_marker(config_help("optimizer"));

  float lr = oc.lr;
  if (ImGui::SliderFloat("Learning rate", &lr, 1e-5f, 10.0f, "%.5g",
                         ImGuiSliderFlags_Logarithmic | ImGuiSliderFlags_NoRoundToFormat))
    set("lr", fmt(lr));
  help_marker("Step size η (> 0, at most 10). Ctrl+click to type a value. Try 10 to see a run diverge.");

  if (oc.kind == optim::OptimizerKind::SGD) {
    float m = oc.momentum;
    if (ImGui::SliderFloat("Momentum", &m, 0.0f, 0.99f, "%.2f")) set("momentum", fmt(m));
    help_marker(config_help("momentum"));
    bool nesterov = oc.nesterov;
    if (ImGui::Checkbox("Nesterov", &nesterov)) set("nesterov", nesterov ? "1" : "0");
  } else {
    float b1 = oc.beta1, b2 = oc.beta2;
    if (ImGui::SliderFloat("β₁", &b1, 0.0f, 0.999f, "%.3f")) set("beta1", fmt(b1));
    help_marker(config_help("beta1"));
    if (ImGui::SliderFloat("β₂", &b2, 0.9f, 0.9999f, "%.4f")) set("beta2", fmt(b2));
    help_marker(config_help("beta2"));
  }
  float wd = oc.weight_decay;
  if (ImGui::SliderFloat("Weight decay", &wd, 0.0f, 0.1f, "%.4g", ImGuiSliderFlags_Logarithmic))
    set("weight_decay", fmt(wd));
  help_marker(config_help("weight_decay"));

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

  if (ImGui::BeginCombo("Init", nn::init_key(cfg.init))) {
    for (nn::InitScheme s : {nn::InitScheme::PyTorchDefault, nn::InitScheme::XavierUniform,
                             nn::InitScheme::XavierNormal, nn::InitScheme::KaimingUniform,
                             nn::InitScheme::KaimingNormal, nn::InitScheme::Zeros})
      if (ImGui::Selectable(nn::init_key(s), s == cfg.init)) set("init", nn::init_key(s));
    ImGui::EndCombo();
  }
  help_marker(config_help("init"));

  int seed = static_cast<int>(cfg.seed);
  if (ImGui::InputInt("Seed", &seed, 1, 10) && seed >= 0) set("seed", std::to_string(seed));
  help_marker(config_help("seed"));
  ImGui::PopItemWidth();
}

}  // namespace nnplay::ui
