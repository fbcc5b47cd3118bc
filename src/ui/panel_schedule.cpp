// panel_schedule.cpp — learning-rate schedules (optim/lr_scheduler.h):
//
//  * panel_schedule(): in the Training panel, a schedule menu whose arguments
//    are widgets (written back as the text form "StepLR(step_size=500,gamma=0.5)",
//    the `schedule` setting), the free text itself, lecture presets, and a
//    preview of the rate over the coming steps (closed-form schedules).
//  * lr_plot(): in the Curves panel, the rate every step actually used
//    (MetricPoint::lr in the trainer's history), beside the loss curves.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>

#include "core/args.h"
#include "imgui.h"
#include "optim/lr_scheduler.h"
#include "ui/app.h"
#include "ui/optim_views.h"
#include "ui/widgets.h"

namespace nnplay::ui {
namespace {

struct ArgSpec {
  const char* name;
  bool integer;
  bool text;  // free text (milestones)
  double lo, hi;
  const char* def;
  bool log;
  const char* help;
};
struct ScheduleSpec {
  const char* name;
  const char* help;
  std::vector<ArgSpec> args;
};

const std::vector<ScheduleSpec>& specs() {
  static const std::vector<ScheduleSpec> kSpecs = {
      {"Constant", "the same rate every step", {}},
      {"StepLR", "multiply the rate by gamma every step_size steps",
       {{"step_size", true, false, 1, 100000, "500", true, "steps between drops"},
        {"gamma", false, false, 0.01, 1, "0.5", false, "factor at each drop"}}},
      {"MultiStepLR", "multiply the rate by gamma at each milestone step",
       {{"milestones", false, true, 0, 0, "500,1000", false, "steps, comma separated"},
        {"gamma", false, false, 0.01, 1, "0.5", false, "factor at each milestone"}}},
      {"ExponentialLR", "multiply the rate by gamma every step",
       {{"gamma", false, false, 0.9, 1, "0.999", false, "factor per step"}}},
      {"InverseTimeLR", "the lecture's 1/t decay: α_t = α₀·k/(k + t)",
       {{"k", false, false, 1, 1e6, "1000", true, "the step at which the rate has halved"}}},
      {"CosineAnnealingWarmRestarts", "cosine from the rate down to eta_min over T_0 steps, then restart (SGDR)",
       {{"T_0", true, false, 1, 100000, "500", true, "steps of the first cycle"},
        {"T_mult", true, false, 1, 4, "1", false, "each cycle this many times longer"},
        {"eta_min", false, false, 0, 1, "0", false, "lowest rate"}}},
      {"CyclicLR", "triangular cycles between the rate and max_lr",
       {{"max_lr", false, false, 1e-4, 10, "0.3", true, "top of the cycle"},
        {"step_size_up", true, false, 1, 100000, "250", true, "steps from bottom to top"}}},
      {"LinearLR", "linear warm-up: the factor goes from start_factor to end_factor over total_iters steps",
       {{"start_factor", false, false, 0.001, 1, "0.1", true, "factor at step 0"},
        {"end_factor", false, false, 0, 1, "1", false, "factor from total_iters on"},
        {"total_iters", true, false, 1, 100000, "500", true, "steps of the warm-up"}}},
      {"ReduceLROnPlateau",
       "the lecture's advice: when the validation loss stops improving, divide the rate by 2 (factor 0.5) or 5 (0.2). "
       "Checked at every evaluation point (10 per epoch).",
       {{"factor", false, false, 0.01, 0.99, "0.5", false, "multiply the rate by this at a plateau"},
        {"patience", true, false, 0, 1000, "5", false, "evaluation points without improvement to wait"},
        {"threshold", false, false, 0, 0.1, "0.0001", false, "relative improvement that counts"},
        {"cooldown", true, false, 0, 1000, "0", false, "evaluation points to wait after a drop"},
        {"min_lr", false, false, 0, 1, "0", false, "never below this rate"}}},
  };
  return kSpecs;
}

const ScheduleSpec* find_spec(const std::string& name) {
  for (const ScheduleSpec& s : specs())
    if (name == s.name) return &s;
  return nullptr;
}

std::string schedule_text(const ScheduleSpec& s, const std::map<std::string, std::string>& values) {
  if (s.args.empty()) return "";
  std::string t = std::string(s.name) + "(";
  for (size_t i = 0; i < s.args.size(); ++i) {
    auto it = values.find(s.args[i].name);
    t += (i ? "," : "") + std::string(s.args[i].name) + "=" + (it != values.end() ? it->second : s.args[i].def);
  }
  return t + ")";
}

struct Preset {
  const char* title;
  const char* text;
};
constexpr Preset kPresets[] = {
    {"Constant", ""},
    {"Lecture: 1/t decay, α₀·1000/(1000+t)", "InverseTimeLR(k=1000)"},
    {"Lecture: halve on a plateau", "ReduceLROnPlateau(factor=0.5,patience=5)"},
    {"Lecture: divide by 5 on a plateau", "ReduceLROnPlateau(factor=0.2,patience=5)"},
    {"Step: halve every 500 steps", "StepLR(step_size=500,gamma=0.5)"},
    {"Warm-up over 200 steps", "LinearLR(start_factor=0.1,end_factor=1,total_iters=200)"},
    {"SGD restarts (cosine, 500 steps)", "CosineAnnealingWarmRestarts(T_0=500,T_mult=1,eta_min=0)"},
    {"Cyclical (triangular)", "CyclicLR(max_lr=0.3,step_size_up=250)"},
};

}  // namespace

void App::panel_schedule() {
  const train::Config& cfg = session_.config();
  const float fs = ImGui::GetFontSize();
  std::string name = "Constant";
  std::map<std::string, std::string> values;
  if (!cfg.schedule.empty()) {
    auto call = parse_call(cfg.schedule);
    if (call.ok()) {
      name = call.value().first;
      values = call.value().second.values();
    }
  }
  const ScheduleSpec* spec = find_spec(name);

  if (ImGui::BeginCombo("LR schedule", name.c_str())) {
    for (const ScheduleSpec& s : specs())
      if (ImGui::Selectable(s.name, name == s.name)) set("schedule", schedule_text(s, {}));
    ImGui::Separator();
    ImGui::TextDisabled("Presets");
    for (const Preset& p : kPresets)
      if (ImGui::Selectable(p.title, cfg.schedule == p.text)) set("schedule", p.text);
    ImGui::EndCombo();
  }
  help_marker(spec ? spec->help : config_help("schedule"));

  if (spec && !spec->args.empty()) {
    ImGui::Indent(fs * 0.8f);
    for (const ArgSpec& a : spec->args) {
      ImGui::PushID(a.name);
      const auto it = values.find(a.name);
      const std::string cur = it != values.end() ? it->second : a.def;
      std::map<std::string, std::string> next = values;
      bool changed = false;
      if (a.text) {
        char buf[128];
        std::snprintf(buf, sizeof buf, "%s", cur.c_str());
        if (ImGui::InputText(a.name, buf, sizeof buf, ImGuiInputTextFlags_EnterReturnsTrue)) {
          next[a.name] = buf;
          changed = true;
        }
      } else if (a.integer) {
        int x = std::atoi(cur.c_str());
        if (ImGui::SliderInt(a.name, &x, static_cast<int>(a.lo), static_cast<int>(a.hi), "%d",
                             a.log ? ImGuiSliderFlags_Logarithmic : 0)) {
          next[a.name] = std::to_string(x);
          changed = true;
        }
      } else {
        float x = static_cast<float>(std::atof(cur.c_str()));
        if (ImGui::SliderFloat(a.name, &x, static_cast<float>(a.lo), static_cast<float>(a.hi), "%.4g",
                               (a.log ? ImGuiSliderFlags_Logarithmic : 0) | ImGuiSliderFlags_NoRoundToFormat)) {
          next[a.name] = number_text(x);
          changed = true;
        }
      }
      if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", a.help);
      if (changed) set("schedule", schedule_text(*spec, next));
      ImGui::PopID();
    }
    ImGui::Unindent(fs * 0.8f);
  }
  {
    char buf[160];
    std::snprintf(buf, sizeof buf, "%s", cfg.schedule.c_str());
    if (ImGui::InputTextWithHint("Schedule text", "constant", buf, sizeof buf, ImGuiInputTextFlags_EnterReturnsTrue))
      set("schedule", buf);
    help_marker("The schedule as text, the same as the URL's schedule=... (Enter applies). Any schedule of "
                "torch.optim.lr_scheduler listed in the menu, with PyTorch's argument names.");
  }

  // Preview: the rate over the coming steps (closed forms only; a plateau depends on the run).
  if (cfg.schedule.empty()) return;
  auto sched = optim::make_scheduler(cfg.schedule);
  if (!sched.ok()) return;
  if (name == "ReduceLROnPlateau") {
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
    ImGui::TextWrapped("The rate changes only when the validation loss stalls: watch the Learning-rate curve.");
    ImGui::PopStyleColor();
    return;
  }
  const int64_t now = session_.trainer().step_count();
  const int64_t horizon = std::max<int64_t>({2000, now * 2, 10LL * session_.trainer().steps_per_epoch()});
  PlotSeries ps{"", IM_COL32(120, 60, 160, 255), {}, 1.6f};
  PlotSeries here{"", IM_COL32(0, 0, 0, 255), {}, 1.0f};
  float hi = 0;
  for (int k = 0; k <= 200; ++k) {
    const int64_t t = horizon * k / 200;
    const float lr = static_cast<float>(sched.value()->lr(t, cfg.optimizer.lr));
    ps.points.emplace_back(static_cast<float>(t), lr);
    hi = std::max(hi, lr);
  }
  here.points = {ImVec2(static_cast<float>(now), 0.0f), ImVec2(static_cast<float>(now), hi * 1.05f)};
  PlotAxes ax;
  ax.x_label = "step (preview; line: now)";
  ax.y_label = "learning rate";
  ax.x_max = static_cast<float>(horizon);
  ax.y_max = hi > 0 ? hi * 1.1f : 1.0f;
  const PlotSeries both[] = {ps, here};
  line_plot("lr_preview", ax, both, ImVec2(ImGui::GetContentRegionAvail().x, fs * 7.5f));
}

bool App::lr_plot_wanted() const {
  if (!session_.config().schedule.empty()) return true;
  const auto& h = session_.trainer().history();
  for (size_t i = 1; i < h.size(); ++i)
    if (h[i].lr != h[0].lr) return true;  // the rate was changed by hand during the run
  return false;
}

void App::lr_plot(float width, float height) {
  const auto& h = session_.trainer().history();
  PlotSeries ps{"rate used", IM_COL32(120, 60, 160, 255), {}, 2.0f};
  float lo = INFINITY, hi = 0, x_max = 1.0f;
  for (const train::MetricPoint& p : h) {
    ps.points.emplace_back(static_cast<float>(p.epoch), p.lr);
    if (p.lr > 0) lo = std::min(lo, p.lr), hi = std::max(hi, p.lr);
    x_max = std::max(x_max, static_cast<float>(p.epoch));
  }
  const train::SessionStatus s = session_.status();
  hi = std::max(hi, s.lr_now);
  if (s.lr_now > 0) lo = std::min(lo, s.lr_now);
  char label[64];
  std::snprintf(label, sizeof label, "Learning rate (now %.3g)", s.lr_now);
  PlotAxes ax;
  ax.x_label = "epoch";
  ax.y_label = label;
  ax.x_max = x_max;
  if (std::isfinite(lo) && hi / lo > 20.0f) {
    ax.y_log = true;
    ax.y_min = std::pow(10.0f, std::floor(std::log10(lo)));
    ax.y_max = std::pow(10.0f, std::ceil(std::log10(hi * 1.01f)));
  } else {
    ax.y_min = 0;
    ax.y_max = hi > 0 ? hi * 1.15f : 1.0f;
  }
  line_plot("lr_history", ax, std::span<const PlotSeries>(&ps, 1), ImVec2(width, height));
}

}  // namespace nnplay::ui
