// panel_race.cpp — the optimizer race (train/race.h): 2–4 lanes train the
// same network on the same data from the same initial weights, each with its
// own optimizer settings; their curves are overlaid, one colour per lane.
// Every control is a train::RaceCommand through App::apply_race(), the same
// path as window.nnplay.command({race: ...}); values are read back from the
// lanes' configs each frame.
#include <algorithm>
#include <cfloat>
#include <cmath>
#include <cstdio>
#include <cstdlib>

#include "imgui.h"
#include "ui/app.h"
#include "ui/optim_views.h"
#include "ui/widgets.h"

namespace nnplay::ui {

namespace {

train::RaceCommand lane_set(int lane, const char* key, const std::string& value) {
  train::RaceCommand c;
  c.lane = lane;
  c.set = {{key, value}};
  return c;
}

train::RaceCommand race_action(train::Action a, int steps = 1) {
  train::RaceCommand c;
  c.action = a;
  c.steps = steps;
  return c;
}

// The default race: the lecture's progression, plain SGD to Adam.
const std::vector<train::Settings>& default_lanes() {
  static const std::vector<train::Settings> kLanes = {
      {{"optimizer", "sgd"}, {"lr", "0.03"}},
      {{"optimizer", "sgd"}, {"lr", "0.03"}, {"momentum", "0.9"}},
      {{"optimizer", "rmsprop"}, {"lr", "0.01"}},
      {{"optimizer", "adam"}, {"lr", "0.01"}},
  };
  return kLanes;
}

// Exponential moving average over x (display only), as panel_curves does.
std::vector<ImVec2> smoothed(std::vector<ImVec2> pts, float tau) {
  float s = 0.0f, norm = 0.0f, prev_x = pts.empty() ? 0.0f : pts.front().x;
  for (ImVec2& p : pts) {
    if (!std::isfinite(p.y)) continue;
    const float w = std::exp(-std::max(0.0f, p.x - prev_x) / tau);
    prev_x = p.x;
    s = w * s + (1.0f - w) * p.y;
    norm = w * norm + (1.0f - w);
    if (norm > 0.0f) p.y = s / norm;
    else s = p.y, norm = 1.0f;
  }
  return pts;
}

}  // namespace

// ================================================================ panel

void App::apply_race(const train::RaceCommand& cmd) {
  Status st = race_.apply(cmd, session_.config());
  ui_error_ = st.ok() ? "" : st.to_string();
}

void App::panel_race() {
  OptimViews& v = *optim_;
  const float fs = ImGui::GetFontSize();
  if (!race_.active()) {
    // First visit: the default race on the current settings, paused.
    train::RaceCommand c;
    c.lanes = train::RaceCommand::Lanes::Set;
    c.lane_settings = default_lanes();
    apply_race(c);
    if (!race_.active()) {
      ImGui::TextWrapped("No race on these settings: %s", ui_error_.c_str());
      return;
    }
  }
  const int n = race_.size();
  const train::Config& shared = race_.lane(0).config();
  const train::SessionStatus s0 = race_.lane(0).status();

  section("Optimizer race");
  ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
  ImGui::TextWrapped("%s · %s · init %s · seed %llu · %d training / %d validation samples. Every lane starts from the "
                     "same initial weights and sees the same batches; only the optimizer settings differ.",
                     shared.dataset.c_str(), s0.architecture.c_str(), config_text(shared, "init").c_str(),
                     static_cast<unsigned long long>(shared.seed), s0.train_size, s0.val_size);
  ImGui::PopStyleColor();

  // Run control
  const bool running = race_.running(), loading = race_.loading();
  const ImVec2 big(fs * 6.5f, fs * 1.8f);
  ImGui::BeginDisabled(loading);
  if (!running) {
    ImGui::PushStyleColor(ImGuiCol_Button, ImVec4(0.13f, 0.55f, 0.13f, 1.0f));
    ImGui::PushStyleColor(ImGuiCol_ButtonHovered, ImVec4(0.18f, 0.65f, 0.18f, 1.0f));
    ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(1, 1, 1, 1));
    if (ImGui::Button("▶ Train all", big)) apply_race(race_action(train::Action::Train));
    ImGui::PopStyleColor(3);
  } else if (ImGui::Button("▮▮ Pause all", big)) {
    apply_race(race_action(train::Action::Pause));
  }
  ImGui::SameLine();
  if (ImGui::Button("Step", ImVec2(0, big.y))) apply_race(race_action(train::Action::Step, 1));
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("one mini-batch step in every lane");
  ImGui::SameLine();
  if (ImGui::Button("Reset all", ImVec2(0, big.y))) apply_race(race_action(train::Action::Reset));
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("every lane back to the same initial weights (same seed), step 0");
  ImGui::EndDisabled();
  ImGui::SameLine();
  if (ImGui::Button("Use current settings", ImVec2(0, big.y))) {
    train::RaceCommand c;
    c.lanes = train::RaceCommand::Lanes::Set;
    for (int i = 0; i < n; ++i) c.lane_settings.push_back(race_.lane_settings(i));
    apply_race(c);
  }
  if (ImGui::IsItemHovered())
    ImGui::SetTooltip("rebuild the lanes on the dataset, network, init and seed now chosen in the left column "
                      "(keeps each lane's optimizer settings, restarts the race)");
  ImGui::SameLine();
  ImGui::BeginDisabled(n >= train::Race::kMaxLanes);
  if (ImGui::Button("+ lane", ImVec2(0, big.y))) {
    train::RaceCommand c;
    c.lanes = train::RaceCommand::Lanes::Set;
    for (int i = 0; i < n; ++i) c.lane_settings.push_back(race_.lane_settings(i));
    c.lane_settings.push_back({{"optimizer", "adagrad"}, {"lr", "0.1"}});
    apply_race(c);
  }
  ImGui::EndDisabled();
  if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled)) ImGui::SetTooltip("add an AdaGrad lane (restarts the race)");
  ImGui::SameLine();
  ImGui::BeginDisabled(n <= train::Race::kMinLanes);
  if (ImGui::Button("− lane", ImVec2(0, big.y))) {
    train::RaceCommand c;
    c.lanes = train::RaceCommand::Lanes::Set;
    for (int i = 0; i + 1 < n; ++i) c.lane_settings.push_back(race_.lane_settings(i));
    apply_race(c);
  }
  ImGui::EndDisabled();
  if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled)) ImGui::SetTooltip("remove the last lane (restarts the race)");
  if (loading) {
    ImGui::SameLine();
    ImGui::TextDisabled("loading data…");
  }
  if (race_.lane(0).config().dataset != session_.config().dataset ||
      race_.lane(0).status().architecture != session_.status().architecture) {
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
    ImGui::TextWrapped("The race runs on %s · %s; the left column now shows %s · %s. \"Use current settings\" "
                       "moves the race there.",
                       race_.lane(0).config().dataset.c_str(), s0.architecture.c_str(),
                       session_.config().dataset.c_str(), session_.status().architecture.c_str());
    ImGui::PopStyleColor();
  }

  // Lanes: one column each, one row per setting (rows a lane's optimizer does not use show "–").
  using K = optim::OptimizerKind;
  auto uses = [&](auto pred) {
    for (int i = 0; i < n; ++i)
      if (pred(race_.lane(i).config().optimizer.kind)) return true;
    return false;
  };
  const ImGuiTableFlags tflags = ImGuiTableFlags_BordersInnerV | ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingStretchSame;
  ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, ImVec2(ImGui::GetStyle().FramePadding.x, 1.0f));
  ImGui::PushStyleVar(ImGuiStyleVar_CellPadding, ImVec2(ImGui::GetStyle().CellPadding.x, 1.0f));
  if (ImGui::BeginTable("lanes", n + 1, tflags)) {
    ImGui::TableSetupColumn("", ImGuiTableColumnFlags_WidthFixed, ImGui::CalcTextSize("Weight decay").x + fs * 0.6f);
    for (int i = 0; i < n; ++i) ImGui::TableSetupColumn("", ImGuiTableColumnFlags_WidthStretch);
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    for (int i = 0; i < n; ++i) {
      ImGui::TableNextColumn();
      const ImVec2 p = ImGui::GetCursorScreenPos();
      ImGui::GetWindowDrawList()->AddRectFilled(ImVec2(p.x, p.y + fs * 0.2f), ImVec2(p.x + fs * 1.4f, p.y + fs * 0.8f),
                                                lane_color(i), 2.0f);
      ImGui::SetCursorScreenPos(ImVec2(p.x + fs * 1.8f, p.y));
      ImGui::Text("Lane %d", i + 1);
    }
    // One row: label, then per lane a widget (or "–" when `applies` is false).
    auto row = [&](const char* label, const char* help, auto applies, auto widget) {
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      ImGui::AlignTextToFramePadding();
      ImGui::TextUnformatted(label);
      if (help && ImGui::IsItemHovered()) ImGui::SetTooltip("%s", help);
      for (int i = 0; i < n; ++i) {
        ImGui::TableNextColumn();
        ImGui::PushID(i);
        ImGui::PushID(label);
        ImGui::SetNextItemWidth(-FLT_MIN);
        const train::Config& c = race_.lane(i).config();
        if (applies(c.optimizer.kind)) widget(i, c);
        else {
          ImGui::AlignTextToFramePadding();
          ImGui::TextDisabled("–");
        }
        ImGui::PopID();
        ImGui::PopID();
      }
    };
    auto all = [](K) { return true; };
    auto slider = [&](const char* key, float lo, float hi, const char* format, bool log) {
      return [=, this](int i, const train::Config& c) {
        float x = config_float(c, key);
        const ImGuiSliderFlags f = ImGuiSliderFlags_NoRoundToFormat | (log ? ImGuiSliderFlags_Logarithmic : 0);
        if (ImGui::SliderFloat("##v", &x, lo, hi, format, f)) apply_race(lane_set(i, key, number_text(x)));
      };
    };
    row("Optimizer", train::find_field("optimizer")->help, all, [&](int i, const train::Config& c) {
      const std::string cur = config_text(c, "optimizer");
      if (ImGui::BeginCombo("##opt", optimizer_title(cur))) {
        for (const OptimizerChoice& o : optimizer_choices())
          if (ImGui::Selectable(o.title, cur == o.key)) apply_race(lane_set(i, "optimizer", o.key));
        ImGui::EndCombo();
      }
    });
    row("Learning rate", "η (the lecture's ε): the step size", all, slider("lr", 1e-4f, 10.0f, "%.4g", true));
    if (uses([](K k) { return k == K::SGD || k == K::EmaMomentum || k == K::RMSprop; }))
      row("Momentum", "SGD/RMSprop momentum μ; the lecture's λ for EMA momentum (v ← λv − (1−λ)g)",
          [](K k) { return k == K::SGD || k == K::EmaMomentum || k == K::RMSprop; },
          slider("momentum", 0.0f, 0.99f, "%.2f", false));
    if (uses([](K k) { return k == K::SGD; }))
      row("Nesterov", "look-ahead gradient (SGD with momentum)", [](K k) { return k == K::SGD; },
          [&](int i, const train::Config& c) {
            bool on = c.optimizer.nesterov;
            if (ImGui::Checkbox("##n", &on)) apply_race(lane_set(i, "nesterov", on ? "1" : "0"));
          });
    if (uses([](K k) { return k == K::Adam || k == K::AdamW; })) {
      row("β₁", "Adam's first-moment decay (the lecture's ρ₁)", [](K k) { return k == K::Adam || k == K::AdamW; },
          slider("beta1", 0.0f, 0.999f, "%.3f", false));
      row("β₂", "Adam's second-moment decay (the lecture's ρ₂)", [](K k) { return k == K::Adam || k == K::AdamW; },
          slider("beta2", 0.9f, 0.9999f, "%.4f", false));
    }
    if (uses([](K k) { return k == K::RMSprop; }))
      row("ρ", "RMSprop's decay of the squared-gradient average", [](K k) { return k == K::RMSprop; },
          slider("rho", 0.5f, 0.9999f, "%.4f", false));
    if (uses([](K k) { return k != K::SGD && k != K::EmaMomentum; }))
      row("ε", "added to √r before dividing (the lecture's δ)", [](K k) { return k != K::SGD && k != K::EmaMomentum; },
          slider("eps", 1e-10f, 1.0f, "%.0e", true));
    row("Weight decay", train::find_field("weight_decay")->help, all, slider("weight_decay", 0.0f, 0.1f, "%.4g", true));
    row("Batch size", "samples per step: 1 = SGD, all = full-batch GD (lanes stay level per sample seen)", all,
        [&](int i, const train::Config& c) {
          int b = c.batch_size;
          const int hi = std::max(2, race_.lane(i).status().train_size);
          if (ImGui::SliderInt("##b", &b, 1, hi, "%d", ImGuiSliderFlags_Logarithmic))
            apply_race(lane_set(i, "batch_size", std::to_string(b)));
        });
    row("Schedule", "learning-rate schedule, e.g. StepLR(step_size=500,gamma=0.5) (Enter applies)", all,
        [&](int i, const train::Config& c) {
          char buf[128];
          std::snprintf(buf, sizeof buf, "%s", c.schedule.c_str());
          if (ImGui::InputTextWithHint("##s", "constant", buf, sizeof buf, ImGuiInputTextFlags_EnterReturnsTrue))
            apply_race(lane_set(i, "schedule", buf));
        });
    // Live numbers
    auto text_row = [&](const char* label, const char* help, auto text) {
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      ImGui::TextDisabled("%s", label);
      if (help && ImGui::IsItemHovered()) ImGui::SetTooltip("%s", help);
      for (int i = 0; i < n; ++i) {
        ImGui::TableNextColumn();
        text(i, race_.lane(i).status());
      }
    };
    text_row("Epoch · step", nullptr, [](int, const train::SessionStatus& s) {
      ImGui::Text("%.2f · %lld", s.epoch, static_cast<long long>(s.step));
    });
    text_row("Val. loss", "validation loss: at the initial weights (the same in every lane) → now",
             [&](int i, const train::SessionStatus& s) {
               const float l0 = race_.loss_init(i);
               char start[32] = "–";
               if (std::isfinite(l0)) std::snprintf(start, sizeof start, "%.4f", l0);
               if (!s.last_error.empty()) {
                 ImGui::TextColored(kErrorText, "%s → stopped", start);
                 if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", s.last_error.c_str());
               } else if (s.has_metrics) {
                 ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(lane_color(i)), "%s → %.4f", start, s.loss_val);
               } else {
                 ImGui::Text("%s", start);
               }
             });
    text_row("Val. accuracy", nullptr, [](int, const train::SessionStatus& s) {
      if (s.has_metrics) ImGui::Text("%.1f%%", s.acc_val * 100.0f);
      else ImGui::TextDisabled("–");
    });
    ImGui::EndTable();
  }
  ImGui::PopStyleVar(2);

  // Curves
  ImGui::Spacing();
  ImGui::Checkbox("log-scale loss", &v.race_log);
  ImGui::SameLine();
  ImGui::Checkbox("smooth", &v.race_smooth);
  ImGui::SameLine();
  ImGui::Checkbox("x = steps", &v.race_by_step);
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("steps instead of epochs on the x axis (differs when batch sizes differ)");
  ImGui::SameLine();
  ImGui::TextDisabled("What to look for (?)");
  if (ImGui::IsItemHovered()) {
    ImGui::BeginTooltip();
    ImGui::PushTextWrapPos(fs * 30.0f);
    ImGui::TextUnformatted(
        "• Momentum keeps moving where the gradient is small but consistent, and damps zig-zags.\n"
        "• RMSprop and Adam divide each step by a running RMS of the gradient: every weight moves at about the "
        "learning rate, whatever the scale of its gradient.\n"
        "• Adam's bias correction makes its first steps full-sized instead of tiny.\n"
        "• Batch size 1 is SGD (noisy, many small steps); the whole training set is GD (one smooth step per epoch). "
        "Lanes stay level per sample seen, so the x axis in epochs compares them fairly.\n"
        "• Too large a learning rate makes a lane diverge: it stops alone and says why.");
    ImGui::PopTextWrapPos();
    ImGui::EndTooltip();
  }

  std::vector<PlotSeries> tr, va, ac;
  float x_max = 1.0f, l_min = INFINITY, l_max = 0.0f;
  static const char* kNames[] = {"lane 1", "lane 2", "lane 3", "lane 4"};
  for (int i = 0; i < n; ++i) {
    const auto& h = race_.lane(i).trainer().history();
    PlotSeries a{kNames[i], lane_color(i), {}}, b{kNames[i], lane_color(i), {}}, c{kNames[i], lane_color(i), {}};
    for (const train::MetricPoint& p : h) {
      const float x = v.race_by_step ? static_cast<float>(p.step) : static_cast<float>(p.epoch);
      a.points.emplace_back(x, p.loss_train);
      b.points.emplace_back(x, p.loss_val);
      c.points.emplace_back(x, p.acc_val);
      x_max = std::max(x_max, x);
      for (float l : {p.loss_train, p.loss_val})
        if (std::isfinite(l)) {
          l_max = std::max(l_max, l);
          if (l > 0) l_min = std::min(l_min, l);
        }
    }
    // The start: every lane's validation loss before its first step (identical).
    if (std::isfinite(race_.loss_init(i))) {
      b.points.insert(b.points.begin(), ImVec2(0.0f, race_.loss_init(i)));
      c.points.insert(c.points.begin(), ImVec2(0.0f, race_.acc_init(i)));
      l_max = std::max(l_max, race_.loss_init(i));
    }
    tr.push_back(std::move(a));
    va.push_back(std::move(b));
    ac.push_back(std::move(c));
  }
  if (v.race_smooth) {
    const float tau = std::max(1e-3f, x_max / 80.0f);
    for (auto* list : {&tr, &va})
      for (PlotSeries& ps : *list)
        if (ps.points.size() > 8) ps.points = smoothed(std::move(ps.points), tau);
  }
  PlotAxes loss_axes;
  loss_axes.x_label = v.race_by_step ? "step" : "epoch";
  loss_axes.x_max = x_max;
  if (v.race_log && std::isfinite(l_min)) {
    loss_axes.y_log = true;
    loss_axes.y_min = std::pow(10.0f, std::floor(std::log10(l_min)));
    loss_axes.y_max = std::pow(10.0f, std::ceil(std::log10(std::max(l_max, l_min * 1.01f))));
  } else {
    loss_axes.y_max = l_max > 0 ? l_max * 1.05f : 1.0f;
  }
  PlotAxes acc_axes;
  acc_axes.x_label = loss_axes.x_label;
  acc_axes.x_max = x_max;
  acc_axes.y_percent = true;
  acc_axes.y_max = 1.03f;

  // Three plots in a row when the column is wide, else stacked.
  const float w = ImGui::GetContentRegionAvail().x;
  const float gap = ImGui::GetStyle().ItemSpacing.x;
  const bool row = w > fs * 42.0f;
  const float plot_w = row ? (w - 2 * gap) / 3.0f : w;
  const float h = std::max(fs * 11.0f, row ? ImGui::GetContentRegionAvail().y - 4.0f
                                           : (ImGui::GetContentRegionAvail().y - 3 * gap) / 3.0f);
  PlotAxes a1 = loss_axes, a2 = loss_axes;
  a1.y_label = "Training loss";
  a2.y_label = "Validation loss";
  acc_axes.y_label = "Validation accuracy";
  line_plot("race_train", a1, tr, ImVec2(plot_w, h));
  if (row) ImGui::SameLine();
  line_plot("race_val", a2, va, ImVec2(plot_w, h));
  if (row) ImGui::SameLine();
  line_plot("race_acc", acc_axes, ac, ImVec2(plot_w, h));
}

}  // namespace nnplay::ui
