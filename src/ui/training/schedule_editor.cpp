// schedule_editor.cpp — see schedule_editor.h.
#include "ui/training/schedule_editor.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>

#include "core/args.h"
#include "imgui.h"
#include "optim/lr_scheduler.h"
#include "ui/plot.h"
#include "ui/widgets.h"

namespace nnplay::ui {
namespace {

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

using Values = std::map<std::string, std::string>;

// "StepLR(step_size=500,gamma=0.5)": every argument, given or its first value.
std::string schedule_text(const optim::ScheduleInfo& s, const Values& values) {
  if (s.args.empty()) return "";
  std::string t = std::string(s.name) + "(";
  for (size_t i = 0; i < s.args.size(); ++i) {
    auto it = values.find(s.args[i].name);
    t += (i ? "," : "") + std::string(s.args[i].name) + "=" + (it != values.end() ? it->second : s.args[i].start);
  }
  return t + ")";
}

void menu(Ctx& ctx, const std::string& name) {
  if (!ImGui::BeginCombo("LR schedule", name.c_str())) return;
  for (const optim::ScheduleInfo& s : optim::schedule_infos())
    if (ImGui::Selectable(s.name, name == s.name)) ctx.set("schedule", schedule_text(s, {}));
  ImGui::Separator();
  ImGui::TextDisabled("Presets");
  for (const Preset& p : kPresets)
    if (ImGui::Selectable(p.title, ctx.config().schedule == p.text)) ctx.set("schedule", p.text);
  ImGui::EndCombo();
}

// One argument's widget; true with the new value's text when it changed.
bool arg_widget(const optim::ScheduleArg& a, const std::string& cur, std::string* out) {
  if (a.type == optim::ScheduleArg::List) return commit_input(a.name, cur, out, ImGui::CalcItemWidth());
  const ImGuiSliderFlags flags = (a.log ? ImGuiSliderFlags_Logarithmic : 0) | ImGuiSliderFlags_NoRoundToFormat |
                                ImGuiSliderFlags_NoInput;  // typing goes to the text field below
  if (a.type == optim::ScheduleArg::Int) {
    int x = std::atoi(cur.c_str());
    if (!ImGui::SliderInt(a.name, &x, static_cast<int>(a.typ_lo), static_cast<int>(a.typ_hi), "%d", flags)) return false;
    *out = std::to_string(x);
    return true;
  }
  float x = static_cast<float>(std::atof(cur.c_str()));
  if (!ImGui::SliderFloat(a.name, &x, static_cast<float>(a.typ_lo), static_cast<float>(a.typ_hi), "%.4g", flags))
    return false;
  *out = train::number_text(x);
  return true;
}

void arguments(Ctx& ctx, const optim::ScheduleInfo& spec, const Values& values) {
  const float fs = ImGui::GetFontSize();
  ImGui::Indent(fs * 0.8f);
  for (const optim::ScheduleArg& a : spec.args) {
    ImGui::PushID(a.name);
    const auto it = values.find(a.name);
    std::string value;
    if (arg_widget(a, it != values.end() ? it->second : a.start, &value)) {
      Values next = values;
      next[a.name] = value;
      ctx.set("schedule", schedule_text(spec, next));
    }
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", a.help);
    ImGui::PopID();
  }
  ImGui::Unindent(fs * 0.8f);
}

// The rate over the coming steps (closed forms only; a plateau depends on the run).
void preview(Ctx& ctx, const std::string& name) {
  const train::Config& cfg = ctx.config();
  auto sched = optim::make_scheduler(cfg.schedule);
  if (cfg.schedule.empty() || !sched.ok()) return;
  if (name == "ReduceLROnPlateau") {
    note("The rate changes only when the validation loss stalls: watch the Learning-rate curve.");
    return;
  }
  const train::Trainer& t = ctx.session().trainer();
  const int64_t now = t.step_count();
  const int64_t horizon = std::max<int64_t>({2000, now * 2, 10LL * t.steps_per_epoch()});
  PlotSeries ps{"", IM_COL32(120, 60, 160, 255), {}, 1.6f};
  PlotSeries here{"", IM_COL32(0, 0, 0, 255), {}, 1.0f};
  float hi = 0;
  for (int k = 0; k <= 200; ++k) {
    const int64_t step = horizon * k / 200;
    const float lr = static_cast<float>(sched.value()->lr(step, cfg.optimizer.lr));
    ps.points.emplace_back(static_cast<float>(step), lr);
    hi = std::max(hi, lr);
  }
  here.points = {ImVec2(static_cast<float>(now), 0.0f), ImVec2(static_cast<float>(now), hi * 1.05f)};
  PlotAxes ax;
  ax.x_label = "step (preview; line: now)";
  ax.y_label = "learning rate";
  ax.x_max = static_cast<float>(horizon);
  ax.y_max = hi > 0 ? hi * 1.1f : 1.0f;
  const PlotSeries both[] = {ps, here};
  line_plot("lr_preview", ax, both, ImVec2(ImGui::GetContentRegionAvail().x, ImGui::GetFontSize() * 7.5f));
}

}  // namespace

void schedule_editor(Ctx& ctx) {
  const train::Config& cfg = ctx.config();
  std::string name = "Constant";
  Values values;
  if (!cfg.schedule.empty()) {
    auto call = parse_call(cfg.schedule);
    if (call.ok()) {
      name = call.value().first;
      values = call.value().second.values();
    }
  }
  const optim::ScheduleInfo* spec = optim::find_schedule(name);
  menu(ctx, name);
  help_marker(spec ? spec->help : train::find_field("schedule")->help);
  if (spec && !spec->args.empty()) arguments(ctx, *spec, values);
  std::string text;
  if (commit_input("Schedule text", cfg.schedule, &text, 0.0f, "constant")) ctx.set("schedule", text);
  help_marker("The schedule as text, the same as the URL's schedule=... (Enter applies). Any schedule of "
              "torch.optim.lr_scheduler listed in the menu, with PyTorch's argument names.");
  preview(ctx, name);
}

bool lr_plot_wanted(const train::Session& s) {
  if (!s.config().schedule.empty()) return true;
  const auto& h = s.trainer().history();
  for (size_t i = 1; i < h.size(); ++i)
    if (h[i].lr != h[0].lr) return true;  // the rate was changed by hand during the run
  return false;
}

void lr_plot(const train::Session& s, float width, float height) {
  const auto& h = s.trainer().history();
  PlotSeries ps{"rate used", IM_COL32(120, 60, 160, 255), {}, 2.0f};
  float lo = INFINITY, hi = 0, x_max = 1.0f;
  for (const train::MetricPoint& p : h) {
    ps.points.emplace_back(static_cast<float>(p.epoch), p.lr);
    if (p.lr > 0) lo = std::min(lo, p.lr), hi = std::max(hi, p.lr);
    x_max = std::max(x_max, static_cast<float>(p.epoch));
  }
  const float now = s.trainer().current_lr();
  hi = std::max(hi, now);
  if (now > 0) lo = std::min(lo, now);
  char label[64];
  std::snprintf(label, sizeof label, "Learning rate (now %.3g)", now);
  PlotAxes ax;
  ax.x_label = "epoch";
  ax.y_label = label;
  ax.x_max = x_max;
  if (std::isfinite(lo) && hi / lo > 20.0f) ax.set_log_range(lo, hi * 1.01f);
  else ax.y_max = hi > 0 ? hi * 1.15f : 1.0f;
  line_plot("lr_history", ax, std::span<const PlotSeries>(&ps, 1), ImVec2(width, height));
}

}  // namespace nnplay::ui
