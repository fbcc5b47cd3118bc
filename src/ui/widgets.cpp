// widgets.cpp — see widgets.h.
#include "ui/widgets.h"

#include <algorithm>
#include <cmath>
#include <cstdarg>
#include <cstdio>
#include <unordered_map>

#include "ui/context.h"
#include "ui/restrictions.h"

namespace nnplay::ui {

// The palettes follow Okabe & Ito's colour-blind-safe set (Wong, "Points of
// view: Color blindness", Nature Methods 8, 441 (2011)): every pair stays
// apart under simulated deuteranopia and protanopia (widgets_test.cpp
// measures it). The old red/green lanes merged for a colour-blind student.
ImU32 lane_color(int i) {
  static constexpr ImU32 kColors[] = {IM_COL32(0, 114, 178, 255),   IM_COL32(213, 94, 0, 255),
                                      IM_COL32(0, 158, 115, 255),   IM_COL32(204, 121, 167, 255),
                                      IM_COL32(60, 60, 60, 255),    IM_COL32(86, 180, 233, 255)};
  return kColors[static_cast<size_t>(i) % std::size(kColors)];
}

ImU32 class_color(int c) {
  static constexpr ImU32 kPalette[] = {IM_COL32(236, 236, 236, 255), kOrange, kBlue, IM_COL32(0, 158, 115, 255),
                                       IM_COL32(204, 121, 167, 255), IM_COL32(240, 228, 66, 255),
                                       IM_COL32(86, 180, 233, 255),  IM_COL32(120, 70, 20, 255)};
  return kPalette[static_cast<size_t>(c) % std::size(kPalette)];
}

int lane_colors() { return 6; }
int class_colors() { return 8; }

void section(const char* title) {
  ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(0.10f, 0.32f, 0.55f, 1.0f));
  ImGui::TextUnformatted(title);
  ImGui::PopStyleColor();
  ImGui::Separator();
}

void help_marker(const char* text) {
  ImGui::SameLine();
  ImGui::TextDisabled("(?)");
  if (ImGui::IsItemHovered()) {
    ImGui::BeginTooltip();
    ImGui::PushTextWrapPos(ImGui::GetFontSize() * 28.0f);
    ImGui::TextUnformatted(text);
    ImGui::PopTextWrapPos();
    ImGui::EndTooltip();
  }
}

void note(const char* text) {
  ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
  ImGui::PushTextWrapPos(0.0f);
  ImGui::TextUnformatted(text);
  ImGui::PopTextWrapPos();
  ImGui::PopStyleColor();
}

void notef(const char* fmt, ...) {
  char buf[512];
  va_list args;
  va_start(args, fmt);
  std::vsnprintf(buf, sizeof buf, fmt, args);
  va_end(args);
  note(buf);
}

void error_text(const std::string& text) {
  ImGui::PushStyleColor(ImGuiCol_Text, kErrorText);
  ImGui::PushTextWrapPos(0.0f);
  ImGui::TextUnformatted(text.c_str());
  ImGui::PopTextWrapPos();
  ImGui::PopStyleColor();
}

void same_line_if_fits(float width) {
  const float right_edge = ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x;
  if (right_edge - ImGui::GetItemRectMax().x - ImGui::GetStyle().ItemSpacing.x > width) ImGui::SameLine();
}

void train_pause_button(Ctx& ctx, ImVec2 size) {
  const train::SessionStatus s = ctx.session().status();
  ImGui::BeginDisabled(s.loading);
  if (!s.running) {
    ImGui::PushStyleColor(ImGuiCol_Button, ImVec4(0.13f, 0.55f, 0.13f, 1.0f));
    ImGui::PushStyleColor(ImGuiCol_ButtonHovered, ImVec4(0.18f, 0.65f, 0.18f, 1.0f));
    ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(1, 1, 1, 1));
    if (ImGui::Button("▶ Train", size)) ctx.act(train::Action::Train);
    ImGui::PopStyleColor(3);
  } else if (ImGui::Button("▮▮ Pause", size)) {
    ctx.act(train::Action::Pause);
  }
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("train or pause (key: Space)");
  ImGui::EndDisabled();
}

void run_buttons(Ctx& ctx, float height) {
  const train::SessionStatus s = ctx.session().status();
  const float fs = ImGui::GetFontSize();
  const ImVec2 big(fs * 5.5f, fs * height);
  train_pause_button(ctx, big);
  ImGui::SameLine();
  ImGui::BeginDisabled(s.loading);
  if (ImGui::Button("Step", ImVec2(fs * 4.0f, big.y))) ctx.act(train::Action::Step, 1);
  // Held down, Step repeats (after a moment, once a frame): a slow motion a student controls.
  if (ImGui::IsItemActive() && ImGui::GetIO().MouseDownDuration[0] > 0.4f) ctx.act(train::Action::Step, 1);
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("one mini-batch step, then pause; hold to keep stepping (key: S)");
  ImGui::SameLine();
  if (ImGui::Button("Reset", ImVec2(fs * 4.0f, big.y))) ctx.act(train::Action::Reset);
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("new initial weights from the seed; clears progress (key: R)");
  ImGui::EndDisabled();
  same_line_if_fits(ImGui::CalcTextSize("training").x);
  ImGui::AlignTextToFramePadding();
  if (s.loading) ImGui::TextDisabled("loading…");
  else if (s.running) ImGui::TextColored(ImVec4(0.1f, 0.5f, 0.1f, 1), "training");
  else if (!s.last_error.empty()) ImGui::TextColored(kErrorText, "stopped");
  else ImGui::TextDisabled("paused");
}

float label_space(const char* longest) {
  const ImGuiStyle& st = ImGui::GetStyle();
  return ImGui::CalcTextSize(longest).x + ImGui::CalcTextSize("(?)").x + st.ItemInnerSpacing.x + st.ItemSpacing.x + 4.0f;
}

// ------------------------------------------------------------------ numbers

std::string format_count(int64_t n) {
  std::string digits = std::to_string(n < 0 ? -n : n);
  std::string out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return n < 0 ? "-" + out : out;
}

std::string format_bytes(double bytes) {
  char buf[32];
  if (bytes >= 1e6) std::snprintf(buf, sizeof buf, "%.1f MB", bytes / 1e6);
  else if (bytes >= 1e3) std::snprintf(buf, sizeof buf, "%.0f kB", bytes / 1e3);
  else std::snprintf(buf, sizeof buf, "%.0f B", bytes);
  return buf;
}

std::string format_macs(int64_t n) {
  char buf[32];
  if (n >= 1000000) std::snprintf(buf, sizeof buf, "%.1f M", static_cast<double>(n) / 1e6);
  else if (n >= 10000) std::snprintf(buf, sizeof buf, "%.0f k", static_cast<double>(n) / 1e3);
  else std::snprintf(buf, sizeof buf, "%lld", static_cast<long long>(n));
  return buf;
}

std::string format_shape(const Shape& s) {
  std::string out;
  for (int i = 1; i < s.rank; ++i) out += (i > 1 ? "×" : "") + std::to_string(s[i]);
  return out.empty() ? "1" : out;
}

// ----------------------------------------------------------------- settings

std::string setting_tooltip(const train::ConfigField& f) {
  std::string s = f.help;
  if (f.type != train::FieldType::Text && f.type != train::FieldType::Choice) s += "\n(" + f.range_text() + ")";
  return s + "\nkey: " + f.key;
}

std::string setting_text(const train::Config& cfg, const char* key) {
  const train::ConfigField* f = train::find_field(key);
  return f ? f->get(cfg) : std::string();
}

double setting_number(const train::Config& cfg, const char* key) {
  const train::ConfigField* f = train::find_field(key);
  return f ? f->number(cfg) : 0.0;
}

double ladder_step(const train::ConfigField& f, double v, bool up) {
  const double typ_lo = f.typ_lo > 0 ? f.typ_lo : std::max(f.lo, f.type == train::FieldType::Int ? 1.0 : 1e-6);
  double next;
  if (f.type == train::FieldType::Int) {
    next = up ? std::max(v + 1, std::round(v * 2)) : std::floor(v / 2);
  } else if (!(v > 0)) {
    next = up ? typ_lo : v;
  } else {
    // The 1-3 ladder: ... 0.01, 0.03, 0.1, 0.3, 1, 3 ...
    const double k = std::floor(std::log10(v) + 1e-9);
    const double rungs[] = {std::pow(10.0, k - 1) * 3, std::pow(10.0, k), std::pow(10.0, k) * 3, std::pow(10.0, k + 1)};
    next = v;
    if (up) {
      for (double r : rungs)
        if (r > v * (1 + 1e-6)) {
          next = r;
          break;
        }
    } else {
      for (int i = 3; i >= 0; --i)
        if (rungs[i] < v * (1 - 1e-6)) {
          next = rungs[i];
          break;
        }
      if (next < typ_lo * (1 - 1e-6) && f.lo == 0 && !f.lo_open) next = 0;  // below the typical range: off
    }
  }
  const double lo = f.lo_open ? std::min(v, typ_lo) : f.lo;
  return std::clamp(next, lo, f.hi);
}

namespace {

// The typical range of a setting (its slider).
void typical(const train::ConfigField& f, double* lo, double* hi) {
  *lo = f.typ_lo != 0 || f.typ_hi != 0 ? f.typ_lo : f.lo;
  *hi = f.typ_hi != 0 ? f.typ_hi : f.hi;
}

bool choice_combo(const train::ConfigField& f, const train::Config& cfg, std::string* value, const char* id) {
  const std::string cur = f.get(cfg);
  const std::vector<train::Choice> choices = f.choices();
  std::string title = cur;
  for (const train::Choice& c : choices)
    if (c.key == cur) title = c.title;
  bool changed = false;
  if (ImGui::BeginCombo(id, title.c_str())) {
    for (const train::Choice& c : choices)
      if (ImGui::Selectable(c.title.c_str(), c.key == cur) && c.key != cur) {
        *value = c.key;
        changed = true;
      }
    ImGui::EndCombo();
  }
  return changed;
}

// [slider over the typical range][number field]
bool slider_field(const train::ConfigField& f, const train::Config& cfg, std::string* value, float width) {
  const float fs = ImGui::GetFontSize(), gap = ImGui::GetStyle().ItemInnerSpacing.x;
  const float field_w = std::min(fs * 4.2f, width * 0.45f);
  double lo, hi;
  typical(f, &lo, &hi);
  bool changed = false;
  ImGui::SetNextItemWidth(std::max(fs * 2.0f, width - field_w - gap));
  const ImGuiSliderFlags flags = ImGuiSliderFlags_NoInput | ImGuiSliderFlags_AlwaysClamp;
  if (f.type == train::FieldType::Int) {
    int v = static_cast<int>(f.number(cfg));
    if (ImGui::SliderInt("##slider", &v, static_cast<int>(lo), static_cast<int>(hi), "", flags)) {
      *value = std::to_string(v);
      changed = true;
    }
  } else {
    float v = static_cast<float>(f.number(cfg));
    if (ImGui::SliderFloat("##slider", &v, static_cast<float>(lo), static_cast<float>(hi), "", flags)) {
      *value = train::number_text(v);
      changed = true;
    }
  }
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s = %s", f.key, f.get(cfg).c_str());
  ImGui::SameLine(0, gap);
  std::string typed;
  if (commit_input("##field", f.get(cfg), &typed, field_w)) {
    *value = typed;
    changed = true;
  }
  return changed;
}

// [number field][−][+] on the setting's ladder
bool stepper_field(const train::ConfigField& f, const train::Config& cfg, std::string* value, float width) {
  const float gap = ImGui::GetStyle().ItemInnerSpacing.x;
  const float button_w = ImGui::GetFrameHeight();
  bool changed = false;
  std::string typed;
  if (commit_input("##field", f.get(cfg), &typed, std::max(button_w, width - 2 * (button_w + gap)))) {
    *value = typed;
    changed = true;
  }
  const double v = f.number(cfg);
  for (bool up : {false, true}) {
    ImGui::SameLine(0, gap);
    const double next = ladder_step(f, v, up);
    ImGui::BeginDisabled(next == v);
    if (ImGui::Button(up ? "+" : "\xe2\x88\x92", ImVec2(button_w, 0))) {  // "−"
      *value = f.type == train::FieldType::Int ? std::to_string(static_cast<long long>(next)) : train::number_text(next);
      changed = true;
    }
    ImGui::EndDisabled();
    if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled))
      ImGui::SetTooltip("%s %s", up ? "larger:" : "smaller:", train::number_text(next).c_str());
  }
  return changed;
}

}  // namespace

bool edit_setting(const char* key, const train::Config& cfg, std::string* value, const EditOptions& opt) {
  const train::ConfigField* f = train::find_field(key);
  if (!f || restrictions().hides(key)) return false;
  const bool locked = restrictions().locks(key);
  const char* label = opt.label ? opt.label : f->label;
  ImGui::PushID(key);
  ImGui::BeginDisabled(locked);
  bool changed = false;
  const float width = ImGui::CalcItemWidth();
  switch (f->type) {
    case train::FieldType::Bool: {
      bool on = f->number(cfg) != 0.0;
      if (ImGui::Checkbox(*label ? label : "##on", &on)) {
        *value = on ? "1" : "0";
        changed = true;
      }
      label = "";  // the checkbox carries it
      break;
    }
    case train::FieldType::Choice:
      ImGui::SetNextItemWidth(width);
      changed = choice_combo(*f, cfg, value, "##choice");
      break;
    case train::FieldType::Int:
    case train::FieldType::Float:
      changed = f->log ? stepper_field(*f, cfg, value, width) : slider_field(*f, cfg, value, width);
      break;
    case train::FieldType::Text: changed = commit_input("##text", f->get(cfg), value, width); break;
  }
  if (*label) {
    ImGui::SameLine(0, ImGui::GetStyle().ItemInnerSpacing.x);
    ImGui::TextUnformatted(label);
  }
  ImGui::EndDisabled();
  if (locked) {
    ImGui::SameLine();
    ImGui::TextDisabled("(?)");  // the help marker's place (label_space keeps room for it)
    if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled))
      ImGui::SetTooltip("%s is fixed by this exercise (the link locks it); it is greyed out", f->label);
  } else if (opt.help) {
    help_marker(setting_tooltip(*f).c_str());
  }
  ImGui::PopID();
  return changed && !locked;
}

// -------------------------------------------------------------- text fields

namespace {
// The text of the field being typed in, by ImGui id (only while it is active).
std::unordered_map<ImGuiID, std::string>& live_edits() {
  static std::unordered_map<ImGuiID, std::string> edits;
  return edits;
}
}  // namespace

bool commit_input(const char* id, const std::string& current, std::string* out, float width, const char* hint) {
  const ImGuiID gid = ImGui::GetID(id);
  auto& edits = live_edits();
  const auto it = edits.find(gid);
  char buf[1024];
  std::snprintf(buf, sizeof buf, "%s", it != edits.end() ? it->second.c_str() : current.c_str());
  if (width > 0) ImGui::SetNextItemWidth(width);
  // A click (or a tap) selects the whole value: typing replaces it.
  const ImGuiInputTextFlags flags = ImGuiInputTextFlags_AutoSelectAll;
  if (hint) ImGui::InputTextWithHint(id, hint, buf, sizeof buf, flags);
  else ImGui::InputText(id, buf, sizeof buf, flags);
  const bool commit = ImGui::IsItemDeactivatedAfterEdit();
  if (ImGui::IsItemActive()) edits[gid] = buf;
  else edits.erase(gid);
  if (!commit || current == buf) return false;
  *out = buf;
  return true;
}

// ------------------------------------------------------------------- curves

std::vector<ImVec2> smooth_ema(std::vector<ImVec2> points, float tau) {
  float s = 0.0f, norm = 0.0f, prev_x = points.empty() ? 0.0f : points.front().x;
  for (ImVec2& p : points) {
    if (!std::isfinite(p.y)) continue;
    const float w = std::exp(-std::max(0.0f, p.x - prev_x) / tau);
    prev_x = p.x;
    s = w * s + (1.0f - w) * p.y;
    norm = w * norm + (1.0f - w);
    if (norm > 0.0f) p.y = s / norm;
    else s = p.y, norm = 1.0f;  // first point: start from it
  }
  return points;
}

}  // namespace nnplay::ui
