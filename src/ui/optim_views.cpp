// optim_views.cpp — the issue-4 tabs in the middle column's tab bar, and the
// small helpers optim_views.h declares for their panels.
#include "ui/optim_views.h"

#include <cstdio>
#include <cstdlib>

#include "optim/optimizer.h"
#include "ui/app.h"

namespace nnplay::ui {

void App::draw_optim_tabs() {
  OptimViews& v = *optim_;
  const OptimTab select = v.select;
  v.select = OptimTab::None;
  v.shown = OptimTab::None;
  // Like the other tabs, each scrolls in its own child so the tab bar stays put.
  auto tab = [&](const char* label, OptimTab t) {
    if (!ImGui::BeginTabItem(label, nullptr, select == t ? ImGuiTabItemFlags_SetSelected : 0)) return false;
    v.shown = t;
    ImGui::BeginChild("tab", ImVec2(0, 0), false);
    return true;
  };
  auto end_tab = []() {
    ImGui::EndChild();
    ImGui::EndTabItem();
  };
  if (tab("Race", OptimTab::Race)) {
    panel_race();
    end_tab();
  }
  if (tab("Loss surface", OptimTab::Surface)) {
    panel_surface();
    end_tab();
  }
  if (tab("Init", OptimTab::Init)) {
    panel_init();
    end_tab();
  }
  if (tab("Perceptron", OptimTab::Perceptron)) {
    panel_perceptron();
    end_tab();
  }
}

ImU32 lane_color(int i) {
  static constexpr ImU32 kColors[] = {IM_COL32(31, 119, 180, 255), IM_COL32(214, 39, 40, 255),
                                      IM_COL32(44, 160, 44, 255), IM_COL32(148, 103, 189, 255),
                                      IM_COL32(140, 86, 75, 255), IM_COL32(23, 190, 207, 255)};
  return kColors[static_cast<size_t>(i) % (sizeof kColors / sizeof kColors[0])];
}

std::string config_text(const train::Config& cfg, const char* key) {
  const train::ConfigField* f = train::find_field(key);
  return f ? f->get(cfg) : std::string();
}

float config_float(const train::Config& cfg, const char* key) {
  return static_cast<float>(std::atof(config_text(cfg, key).c_str()));
}

std::string number_text(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.6g", v);
  return buf;
}

std::span<const OptimizerChoice> optimizer_choices() {
  static constexpr OptimizerChoice kChoices[] = {{"sgd", "SGD"},         {"ema_momentum", "EMA momentum"},
                                                 {"adagrad", "AdaGrad"}, {"rmsprop", "RMSprop"},
                                                 {"adam", "Adam"},       {"adamw", "AdamW"}};
  return kChoices;
}

const char* optimizer_title(const std::string& key) {
  for (const OptimizerChoice& c : optimizer_choices())
    if (key == c.key) return c.title;
  return "?";
}

std::string optimizer_summary(const optim::OptimizerConfig& c) {
  using K = optim::OptimizerKind;
  std::string s = optimizer_title(optim::optimizer_key(c.kind));
  char buf[96];
  std::snprintf(buf, sizeof buf, " η %.3g", c.lr);
  s += buf;
  buf[0] = '\0';
  if (c.kind == K::SGD && c.momentum > 0) std::snprintf(buf, sizeof buf, " μ %.2g%s", c.momentum, c.nesterov ? " Nesterov" : "");
  if (c.kind == K::EmaMomentum) std::snprintf(buf, sizeof buf, " λ %.2g", c.momentum);
  if (c.kind == K::RMSprop) std::snprintf(buf, sizeof buf, " ρ %.3g", c.rho);
  if (c.kind == K::Adam || c.kind == K::AdamW) std::snprintf(buf, sizeof buf, " β %.2g/%.3g", c.beta1, c.beta2);
  return s + buf;
}

}  // namespace nnplay::ui
