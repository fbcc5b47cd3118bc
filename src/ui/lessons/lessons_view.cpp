// lessons_view.cpp — the lecture's claims as experiments (train/lessons.h):
// the lessons by the lecture's sections on the left; on the right the chosen
// lesson's claim in the lecture's words, its setup, one button that runs it
// (its lanes from the same seed, for its budget of steps), the lanes' curves
// while they train with each lane's key picture side by side (lane_views.h:
// boundaries, fitted functions, masks, images, per-layer gradients or
// activations), and when the run ends the outcome in numbers, with what
// to watch and a button to the view that shows it. A student may change any
// lane's settings in the Race tab and run the lesson again.
#include <algorithm>
#include <cstdio>
#include <cstdlib>

#include "imgui.h"
#include "train/lessons.h"
#include "ui/context.h"
#include "ui/lessons/lane_views.h"
#include "ui/optimizers/race_curves.h"
#include "ui/view.h"
#include "ui/widgets.h"

namespace nnplay::ui {
namespace {

// "dataset=circle · layers=16:relu×8 · ...": a lesson's settings in short.
std::string settings_text(const train::Settings& s) {
  std::string out;
  for (const auto& [key, value] : s) {
    std::string v = value.empty() ? "none" : value.size() > 48 ? value.substr(0, 45) + "…" : value;  // schedule "" = none
    out += (out.empty() ? "" : " · ") + key + " " + v;
  }
  return out;
}

class LessonsView : public View {
 public:
  void draw(Ctx& ctx) override {
    const train::Lesson* active = ctx.play().lesson();
    if (!browsing_) browsing_ = active ? active : &train::lessons().front();
    if (active && active != shown_active_) browsing_ = shown_active_ = active;  // a link or a command chose one
    const float fs = ImGui::GetFontSize();
    if (ImGui::GetContentRegionAvail().x < fs * 34.0f) {  // a phone: the list becomes a menu above the lesson
      menu(ctx);
      ImGui::BeginChild("lesson", ImVec2(0, 0), false);
      lesson(ctx, *browsing_);
      ImGui::EndChild();
      return;
    }
    const float list_w = std::clamp(ImGui::GetContentRegionAvail().x * 0.3f, fs * 12.0f, fs * 20.0f);
    ImGui::BeginChild("lesson_list", ImVec2(list_w, 0), true);
    list(ctx);
    ImGui::EndChild();
    ImGui::SameLine();
    ImGui::BeginChild("lesson", ImVec2(0, 0), false);
    lesson(ctx, *browsing_);
    ImGui::EndChild();
  }

 private:
  // A lesson's title with its verdict mark when it is the one that ran.
  static std::string marked_title(Ctx& ctx, const train::Lesson& l) {
    const train::Verdict* v = &l == ctx.play().lesson() ? ctx.play().verdict() : nullptr;
    return std::string(v ? (v->holds ? "✓ " : "✗ ") : "") + l.title;
  }

  // Narrow windows: the lessons as a menu, by the lecture's sections.
  void menu(Ctx& ctx) {
    ImGui::SetNextItemWidth(-1);
    if (!ImGui::BeginCombo("##lessons", marked_title(ctx, *browsing_).c_str(), ImGuiComboFlags_HeightLarge)) return;
    for (const char* section : train::lesson_sections()) {
      bool header = false;
      for (const train::Lesson& l : train::lessons()) {
        if (std::string(l.section) != section) continue;
        if (!header) ImGui::TextDisabled("%s", section), header = true;
        if (ImGui::Selectable(marked_title(ctx, l).c_str(), browsing_ == &l)) browsing_ = &l;
      }
    }
    ImGui::EndCombo();
  }

  // The lessons under the lecture's sections (sections without lessons yet are left out).
  void list(Ctx& ctx) {
    for (const char* section : train::lesson_sections()) {
      bool header = false;
      for (const train::Lesson& l : train::lessons()) {
        if (std::string(l.section) != section) continue;
        if (!header) section_heading(section), header = true;
        if (wrapped_selectable(l.id, marked_title(ctx, l), browsing_ == &l)) browsing_ = &l;
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("#lesson=%s", l.id);
      }
    }
  }

  // A selectable row whose text wraps (lesson titles are sentences).
  static bool wrapped_selectable(const char* id, const std::string& text, bool selected) {
    const float w = ImGui::GetContentRegionAvail().x;
    const ImVec2 size = ImGui::CalcTextSize(text.c_str(), nullptr, false, w);
    const ImVec2 at = ImGui::GetCursorPos();
    ImGui::PushID(id);
    const bool clicked = ImGui::Selectable("##row", selected, ImGuiSelectableFlags_AllowItemOverlap, ImVec2(w, size.y));
    ImGui::PopID();
    const ImVec2 after = ImGui::GetCursorPos();
    ImGui::SetCursorPos(at);
    ImGui::PushTextWrapPos(at.x + w);
    ImGui::TextUnformatted(text.c_str());
    ImGui::PopTextWrapPos();
    ImGui::SetCursorPos(after);
    return clicked;
  }

  static void section_heading(const char* title) {
    ImGui::Spacing();
    section(title);
  }

  void lesson(Ctx& ctx, const train::Lesson& l) {
    const bool active = ctx.play().lesson() == &l;
    section(l.title);
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextUnformatted(l.claim);
    ImGui::PopTextWrapPos();
    ImGui::Spacing();
    setup(l);
    run_controls(ctx, l, active);
    if (active) outcome(ctx, l);
    if (active && !l.lanes.empty() && ctx.play().race().active()) curves(ctx, l);  // the run first, then the notes
    ImGui::Spacing();
    ImGui::TextDisabled("What to watch");
    note(l.watch);
    ImGui::TextDisabled("The check");
    note(l.check);
    if (*l.setup) {
      ImGui::TextDisabled("Why this setup");
      note(l.setup);
    }
  }

  static void setup(const train::Lesson& l) {
    if (!l.shared.empty()) notef("Setup: %s", settings_text(l.shared).c_str());
    for (size_t i = 0; i < l.lanes.size(); ++i) {
      const train::LessonLane& lane = l.lanes[i];
      ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(lane_color(static_cast<int>(i))), "■");
      ImGui::SameLine();
      notef("%s%s%s", lane.label, lane.own.empty() ? "" : ": ", settings_text(lane.own).c_str());
    }
    int speed = 0;
    for (const auto& [key, value] : l.shared)
      if (key == "speed") speed = std::atoi(value.c_str());
    if (!l.lanes.empty() && speed > 0)
      notef("Every lane from the same seed, data and batch order, %lld steps each at %d steps a second: about %.0f s.",
            static_cast<long long>(l.steps), speed, static_cast<double>(l.steps) / speed);
    else if (!l.lanes.empty())
      notef("Every lane from the same seed, data and batch order, %lld steps each.", static_cast<long long>(l.steps));
    if (l.pretrain)
      notef("First a source run: the same network %lld steps on %s (%s); its weights then start lane %d%s.",
            static_cast<long long>(l.pretrain->steps), l.pretrain->label, settings_text(l.pretrain->settings).c_str(),
            l.pretrain->lanes.empty() ? 0 : l.pretrain->lanes.front() + 1,
            l.pretrain->head ? "" : ", its output layer fresh");
    else if (l.lanes.empty()) note("Measured on the networks' structure or a test function: no training run.");
  }

  void run_controls(Ctx& ctx, const train::Lesson& l, bool active) {
    const float fs = ImGui::GetFontSize();
    const train::Race& race = ctx.play().race();
    const train::Session* source = active ? ctx.play().lesson_source() : nullptr;
    const bool running = active && (race.running() || source);
    ImGui::BeginDisabled(running);
    ImGui::PushStyleColor(ImGuiCol_Button, ImVec4(0.13f, 0.55f, 0.13f, 1.0f));
    ImGui::PushStyleColor(ImGuiCol_ButtonHovered, ImVec4(0.18f, 0.65f, 0.18f, 1.0f));
    ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(1, 1, 1, 1));
    const char* label = l.lanes.empty() ? "▶ Measure" : active && ctx.play().verdict() ? "▶ Run again" : "▶ Run the lesson";
    if (ImGui::Button(label, ImVec2(fs * 9.0f, fs * 1.8f))) {
      // Again: keeps the lanes' settings a student changed; a lesson with a source run makes it anew.
      if (active && !l.lanes.empty() && race.active() && !l.pretrain) rerun(ctx);
      else ctx.start_lesson(l.id, true);
    }
    ImGui::PopStyleColor(3);
    ImGui::EndDisabled();
    ImGui::SameLine();
    const std::string open = std::string("Open ") + l.view;
    if (ImGui::Button(open.c_str(), ImVec2(0, fs * 1.8f))) {
      if (!active) ctx.start_lesson(l.id, false);
      ctx.select_view(l.view);
    }
    if (source) source_progress(*source, *l.pretrain);
    else if (active && running) progress(race);
    if (active && !ctx.play().pretrain_note().empty()) notef("Source run: %s.", ctx.play().pretrain_note().c_str());
  }

  // The lesson's source run (transfer learning) before its race.
  static void source_progress(const train::Session& s, const train::LessonPretrain& pre) {
    char label[160];
    if (s.loading())
      std::snprintf(label, sizeof label, "source run: loading its data");
    else
      std::snprintf(label, sizeof label, "source run on %s: %lld of %lld steps", pre.label,
                    static_cast<long long>(s.trainer().step_count()), static_cast<long long>(pre.steps));
    const float done = pre.steps > 0 ? static_cast<float>(s.trainer().step_count()) / static_cast<float>(pre.steps) : 0;
    ImGui::ProgressBar(done, ImVec2(-1, 0), label);
  }

  // Every lane back to its initial weights, then train to the budget again.
  static void rerun(Ctx& ctx) {
    train::RaceCommand c;
    c.action = train::Action::Reset;
    if (!ctx.apply(c)) return;
    c.action = train::Action::Train;
    ctx.apply(c);
  }

  static void progress(const train::Race& race) {
    int64_t least = race.budget();
    for (int i = 0; i < race.size(); ++i) least = std::min(least, race.lane(i).trainer().step_count());
    char label[64];
    std::snprintf(label, sizeof label, "%lld of %lld steps", static_cast<long long>(least),
                  static_cast<long long>(race.budget()));
    ImGui::ProgressBar(race.budget() > 0 ? static_cast<float>(least) / static_cast<float>(race.budget()) : 0.0f,
                       ImVec2(-1, 0), label);
  }

  // The verdict, green when the claim held, red when it did not.
  static void outcome(Ctx& ctx, const train::Lesson& l) {
    const train::Verdict* v = ctx.play().verdict();
    if (!v) {
      if (!l.lanes.empty() && !ctx.play().race().running()) note("Run the lesson: its outcome appears here when it ends.");
      return;
    }
    ImGui::PushStyleColor(ImGuiCol_ChildBg, v->holds ? ImVec4(0.90f, 0.97f, 0.90f, 1.0f) : ImVec4(1.0f, 0.93f, 0.92f, 1.0f));
    const float wrap = ImGui::GetContentRegionAvail().x - ImGui::GetStyle().WindowPadding.x * 2;
    const float h = ImGui::CalcTextSize(v->outcome.c_str(), nullptr, false, wrap).y + ImGui::GetStyle().WindowPadding.y * 2 +
                    ImGui::GetTextLineHeightWithSpacing();
    ImGui::BeginChild("verdict", ImVec2(0, h), true, ImGuiWindowFlags_NoScrollbar);
    ImGui::TextColored(v->holds ? ImVec4(0.1f, 0.45f, 0.1f, 1.0f) : kErrorText, "%s",
                       v->holds ? "The claim holds here" : "The claim does not show here");
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextUnformatted(v->outcome.c_str());
    ImGui::PopTextWrapPos();
    ImGui::EndChild();
    ImGui::PopStyleColor();
  }

  // Each lane's key picture beside the others', then the lanes' curves overlaid.
  void curves(Ctx& ctx, const train::Lesson& l) {
    train::Race& race = ctx.play().race();
    ImGui::Spacing();
    if (race.size() && race.lane(0).dataset())
      lanes_.draw(ctx, race, train::resolve_lane_view(l.lane_view, *race.lane(0).dataset()));
    ImGui::Spacing();
    curves_.options();
    curves_.draw(race, ImGui::GetFontSize() * 11.0f);
  }

  const train::Lesson* browsing_ = nullptr;      // the lesson shown on the right
  const train::Lesson* shown_active_ = nullptr;  // the playground's lesson last seen (a new one is shown)
  RaceCurves curves_;
  LaneViews lanes_;
};

}  // namespace

std::unique_ptr<View> make_lessons_view() { return std::make_unique<LessonsView>(); }

}  // namespace nnplay::ui
