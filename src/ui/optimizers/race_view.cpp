// race_view.cpp — the optimizer race (train/race.h): 2–4 lanes train the
// same network on the same data from the same initial weights, each with its
// own optimizer settings; their curves are overlaid, one colour per lane.
// Every control is a train::RaceCommand through the Ctx, the same path as
// window.nnplay.command({race: ...}); values are read back from the lanes'
// configs each frame, and each cell of the lanes' table is the config
// table's own editor of that setting (edit_setting), so ranges are the
// table's.
#include <algorithm>
#include <cfloat>
#include <cmath>
#include <cstdio>

#include "imgui.h"
#include "ui/context.h"
#include "ui/optimizers/race_curves.h"
#include "ui/plot.h"
#include "ui/view.h"
#include "ui/widgets.h"

namespace nnplay::ui {
namespace {

using K = optim::OptimizerKind;

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

// New lanes: `lanes` as they are (optionally without the last), plus `extra`.
train::RaceCommand set_lanes(const train::Race& race, int keep, const std::vector<train::Settings>& extra = {}) {
  train::RaceCommand c;
  c.lanes = train::RaceCommand::Lanes::Set;
  for (int i = 0; i < keep; ++i) c.lane_settings.push_back(race.lane_settings(i));
  for (const train::Settings& s : extra) c.lane_settings.push_back(s);
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

const train::Settings kAdaGradLane = {{"optimizer", "adagrad"}, {"lr", "0.1"}};  // "+ lane"

// One row of the lanes' table: a lane key, its label and help (nullptr: the
// config table's), and which optimizers use it (other lanes show "–").
struct LaneRow {
  const char* key;
  const char* label;
  const char* help;
  bool (*applies)(K);
};

bool every(K) { return true; }
bool with_momentum(K k) { return k == K::SGD || k == K::EmaMomentum || k == K::RMSprop; }
bool sgd(K k) { return k == K::SGD; }
bool adam(K k) { return k == K::Adam || k == K::AdamW; }
bool rmsprop(K k) { return k == K::RMSprop; }
bool adaptive(K k) { return k != K::SGD && k != K::EmaMomentum; }

constexpr LaneRow kRows[] = {
    {"optimizer", "Optimizer", nullptr, every},
    {"lr", "Learning rate", "η (the lecture's ε): the step size", every},
    {"momentum", "Momentum", "SGD/RMSprop momentum μ; the lecture's λ for EMA momentum (v ← λv − (1−λ)g)",
     with_momentum},
    {"nesterov", "Nesterov", "look-ahead gradient (SGD with momentum)", sgd},
    {"beta1", "β₁", "Adam's first-moment decay (the lecture's ρ₁)", adam},
    {"beta2", "β₂", "Adam's second-moment decay (the lecture's ρ₂)", adam},
    {"rho", "ρ", "RMSprop's decay of the squared-gradient average", rmsprop},
    {"eps", "ε", "added to √r before dividing (the lecture's δ)", adaptive},
    {"weight_decay", "Weight decay", nullptr, every},
    {"batch_size", "Batch size", "samples per step: 1 = SGD, all = full-batch GD (lanes stay level per sample seen)",
     every},
    {"schedule", "Schedule", "learning-rate schedule, e.g. StepLR(step_size=500,gamma=0.5) (Enter applies)", every},
};

constexpr const char* kWhatToLookFor =
    "• Momentum keeps moving where the gradient is small but consistent, and damps zig-zags.\n"
    "• RMSprop and Adam divide each step by a running RMS of the gradient: every weight moves at about the "
    "learning rate, whatever the scale of its gradient.\n"
    "• Adam's bias correction makes its first steps full-sized instead of tiny.\n"
    "• Batch size 1 is SGD (noisy, many small steps); the whole training set is GD (one smooth step per epoch). "
    "Lanes stay level per sample seen, so the x axis in epochs compares them fairly.\n"
    "• Too large a learning rate makes a lane diverge: it stops alone and says why.";


class RaceView : public View {
 public:
  void draw(Ctx& ctx) override {
    if (!ensure_race(ctx)) return;
    const train::Race& race = ctx.play().race();
    header(race);
    run_controls(ctx, race);
    if (!race.active()) return;  // (a refused command changes nothing, but be safe)
    elsewhere_note(ctx, race);
    lanes_table(ctx, race);
    curve_options();
    curves_.draw(race);
  }

 private:
  // The default race on the current settings, paused, the first time the view shows.
  bool ensure_race(Ctx& ctx) {
    const train::Race& race = ctx.play().race();
    if (!race.active() && !tried_default_) {
      tried_default_ = true;
      train::RaceCommand c;
      c.lanes = train::RaceCommand::Lanes::Set;
      c.lane_settings = default_lanes();
      start_error_ = ctx.apply(c) ? "" : ctx.error();
    }
    if (race.active()) return true;
    section("Optimizer race");
    if (!start_error_.empty()) ImGui::TextWrapped("No race on these settings: %s", start_error_.c_str());
    if (ImGui::Button("Start the race"))
      start_error_ = ctx.apply(set_lanes(race, 0, default_lanes())) ? "" : ctx.error();
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("SGD, SGD with momentum, RMSprop and Adam on the current settings");
    return false;
  }

  static void header(const train::Race& race) {
    const train::Config& shared = race.lane(0).config();
    const train::SessionStatus s0 = race.lane(0).status();
    section("Race");
    char text[512];
    std::snprintf(text, sizeof text,
                  "%s · %s · init %s · seed %llu · %d training / %d validation samples. Every lane sees the same "
                  "data and batches (and, with the same network, starts from the same weights); only the lanes' "
                  "own settings differ.",
                  shared.dataset.c_str(), s0.architecture.c_str(), setting_text(shared, "init").c_str(),
                  static_cast<unsigned long long>(shared.seed), s0.train_size, s0.val_size);
    note(text);
    if (race.budget() > 0)
      notef("Each lane trains %lld steps%s.", static_cast<long long>(race.budget()), race.finished() ? " (done)" : "");
  }

  // Train / Pause all, Step, Reset all; then the lanes: rebuild, add, remove.
  static void run_controls(Ctx& ctx, const train::Race& race) {
    const float fs = ImGui::GetFontSize();
    const ImVec2 big(fs * 6.5f, fs * 1.8f);
    const bool loading = race.loading();
    ImGui::BeginDisabled(loading);
    if (!race.running()) {
      ImGui::PushStyleColor(ImGuiCol_Button, ImVec4(0.13f, 0.55f, 0.13f, 1.0f));
      ImGui::PushStyleColor(ImGuiCol_ButtonHovered, ImVec4(0.18f, 0.65f, 0.18f, 1.0f));
      ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(1, 1, 1, 1));
      if (ImGui::Button("▶ Train all", big)) ctx.apply(race_action(train::Action::Train));
      ImGui::PopStyleColor(3);
    } else if (ImGui::Button("▮▮ Pause all", big)) {
      ctx.apply(race_action(train::Action::Pause));
    }
    ImGui::SameLine();
    if (ImGui::Button("Step", ImVec2(0, big.y))) ctx.apply(race_action(train::Action::Step, 1));
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("one mini-batch step in every lane");
    ImGui::SameLine();
    if (ImGui::Button("Reset all", ImVec2(0, big.y))) ctx.apply(race_action(train::Action::Reset));
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("every lane back to the same initial weights (same seed), step 0");
    ImGui::EndDisabled();
    ImGui::SameLine();
    lane_buttons(ctx, race, big.y);
    if (loading) {
      ImGui::SameLine();
      ImGui::TextDisabled("loading data…");
    }
  }

  static void lane_buttons(Ctx& ctx, const train::Race& race, float h) {
    const int n = race.size();
    if (ImGui::Button("Use current settings", ImVec2(0, h))) ctx.apply(set_lanes(race, n));
    if (ImGui::IsItemHovered())
      ImGui::SetTooltip("rebuild the lanes on the dataset, network, init and seed now chosen in the left column "
                        "(keeps each lane's optimizer settings, restarts the race)");
    ImGui::SameLine();
    ImGui::BeginDisabled(n >= train::Race::kMaxLanes);
    if (ImGui::Button("+ lane", ImVec2(0, h))) ctx.apply(set_lanes(race, n, {kAdaGradLane}));
    ImGui::EndDisabled();
    if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled))
      ImGui::SetTooltip("add an AdaGrad lane (restarts the race)");
    ImGui::SameLine();
    ImGui::BeginDisabled(n <= train::Race::kMinLanes);
    if (ImGui::Button("− lane", ImVec2(0, h))) ctx.apply(set_lanes(race, n - 1));
    ImGui::EndDisabled();
    if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled))
      ImGui::SetTooltip("remove the last lane (restarts the race)");
  }

  // When the left column moved to other data or another network.
  static void elsewhere_note(Ctx& ctx, const train::Race& race) {
    const train::Config& lane = race.lane(0).config();
    const std::string lane_arch = race.lane(0).status().architecture;
    const std::string arch = ctx.session().status().architecture;
    if (lane.dataset == ctx.config().dataset && lane_arch == arch) return;
    char text[512];
    std::snprintf(text, sizeof text,
                  "The race runs on %s · %s; the left column now shows %s · %s. \"Use current settings\" moves the "
                  "race there.",
                  lane.dataset.c_str(), lane_arch.c_str(), ctx.config().dataset.c_str(), arch.c_str());
    note(text);
  }

  // Lanes: one column each, one row per setting, then the live numbers.
  static void lanes_table(Ctx& ctx, const train::Race& race) {
    const int n = race.size();
    const float fs = ImGui::GetFontSize();
    const ImGuiTableFlags flags =
        ImGuiTableFlags_BordersInnerV | ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingStretchSame;
    ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, ImVec2(ImGui::GetStyle().FramePadding.x, 1.0f));
    ImGui::PushStyleVar(ImGuiStyleVar_CellPadding, ImVec2(ImGui::GetStyle().CellPadding.x, 1.0f));
    if (ImGui::BeginTable("lanes", n + 1, flags)) {
      ImGui::TableSetupColumn("", ImGuiTableColumnFlags_WidthFixed, ImGui::CalcTextSize("Weight decay").x + fs * 0.6f);
      for (int i = 0; i < n; ++i) ImGui::TableSetupColumn("", ImGuiTableColumnFlags_WidthStretch);
      lane_heads(race, n);
      for (const LaneRow& row : kRows)
        if (row.applies == every || used(race, row.applies)) setting_row(ctx, race, row);
      for (const std::string& key : other_keys(race)) {
        const train::ConfigField* f = train::find_field(key);
        if (f) setting_row(ctx, race, LaneRow{f->key, f->label, nullptr, every});
      }
      live_numbers(race);
      ImGui::EndTable();
    }
    ImGui::PopStyleVar(2);
  }

  // Keys some lane sets on its own beyond the optimizer rows (a comparison of
  // activations, batch norm, init, ...), in the config table's order.
  static std::vector<std::string> other_keys(const train::Race& race) {
    std::vector<std::string> keys;
    for (const train::ConfigField& f : train::config_fields()) {
      bool in_rows = false, set = false;
      for (const LaneRow& r : kRows) in_rows = in_rows || std::string(r.key) == f.key;
      for (int i = 0; i < race.size(); ++i)
        for (const auto& kv : race.lane_settings(i)) set = set || kv.first == f.key;
      if (set && !in_rows) keys.push_back(f.key);
    }
    return keys;
  }

  static bool used(const train::Race& race, bool (*applies)(K)) {
    for (int i = 0; i < race.size(); ++i)
      if (applies(race.lane(i).config().optimizer.kind)) return true;
    return false;
  }

  static void lane_heads(const train::Race& race, int n) {
    const float fs = ImGui::GetFontSize();
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    for (int i = 0; i < n; ++i) {
      ImGui::TableNextColumn();
      const ImVec2 p = ImGui::GetCursorScreenPos();
      ImGui::GetWindowDrawList()->AddRectFilled(ImVec2(p.x, p.y + fs * 0.2f), ImVec2(p.x + fs * 1.4f, p.y + fs * 0.8f),
                                                lane_color(i), 2.0f);
      ImGui::SetCursorScreenPos(ImVec2(p.x + fs * 1.8f, p.y));
      ImGui::TextUnformatted(race.lane_label(i).c_str());
    }
  }

  // The label, then per lane the config table's editor of the key (or "–").
  static void setting_row(Ctx& ctx, const train::Race& race, const LaneRow& row) {
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(row.label);
    const train::ConfigField* field = train::find_field(row.key);
    if (ImGui::IsItemHovered() && (row.help || field)) ImGui::SetTooltip("%s", row.help ? row.help : field->help);
    for (int i = 0; i < race.size(); ++i) {
      ImGui::TableNextColumn();
      const train::Config& c = race.lane(i).config();
      if (!row.applies(c.optimizer.kind)) {
        ImGui::AlignTextToFramePadding();
        ImGui::TextDisabled("–");
        continue;
      }
      ImGui::PushID(i);
      ImGui::SetNextItemWidth(-FLT_MIN);
      std::string value;
      if (edit_setting(row.key, c, &value, {.label = "", .help = false})) ctx.apply(lane_set(i, row.key, value));
      ImGui::PopID();
    }
  }

  static void live_numbers(const train::Race& race) {
    text_row(race, "Epoch · step", nullptr, [&](int i, const train::SessionStatus& s) {
      ImGui::Text("%.2f · %lld", s.epoch, static_cast<long long>(s.step));
    });
    text_row(race, "Val. loss", "validation loss: at the initial weights (the same in every lane) → now",
             [&](int i, const train::SessionStatus& s) { val_loss_cell(race, i, s); });
    text_row(race, "Val. accuracy", nullptr, [&](int, const train::SessionStatus& s) {
      if (s.has_metrics && std::isfinite(s.acc_val)) ImGui::Text("%.1f%%", s.acc_val * 100.0f);
      else ImGui::TextDisabled("–");  // no point yet, or a regression set (no accuracy)
    });
  }

  template <typename Cell>
  static void text_row(const train::Race& race, const char* label, const char* help, Cell cell) {
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    ImGui::TextDisabled("%s", label);
    if (help && ImGui::IsItemHovered()) ImGui::SetTooltip("%s", help);
    for (int i = 0; i < race.size(); ++i) {
      ImGui::TableNextColumn();
      cell(i, race.lane(i).status());
    }
  }

  static void val_loss_cell(const train::Race& race, int i, const train::SessionStatus& s) {
    const float l0 = race.loss_init(i);
    char start[32] = "–";
    if (std::isfinite(l0)) std::snprintf(start, sizeof start, "%.4f", static_cast<double>(l0));
    if (!s.last_error.empty()) {
      ImGui::TextColored(kErrorText, "%s → stopped", start);
      if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", s.last_error.c_str());
    } else if (s.has_metrics) {
      ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(lane_color(i)), "%s → %.4f", start,
                         static_cast<double>(s.loss_val));
    } else {
      ImGui::Text("%s", start);
    }
  }

  void curve_options() {
    ImGui::Spacing();
    curves_.options();
    ImGui::SameLine();
    ImGui::TextDisabled("What to look for");
    help_marker(kWhatToLookFor);
  }

  RaceCurves curves_;
  bool tried_default_ = false;  // the default race was started once (a cleared race stays cleared)
  std::string start_error_;
};

}  // namespace

std::unique_ptr<View> make_race_view() { return std::make_unique<RaceView>(); }

}  // namespace nnplay::ui
