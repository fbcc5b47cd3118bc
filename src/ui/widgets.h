// widgets.h — the small pieces every view uses, written once: the palette,
// headings and help markers, number formats, the editors of a setting (read
// from the config table's type, range and choices), a text field that applies
// on Enter or when it loses focus, and curve smoothing.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/tensor.h"
#include "imgui.h"
#include "train/config.h"

namespace nnplay::ui {

class Ctx;

// ------------------------------------------------------------------ palette
// TensorFlow Playground's class colours.
inline constexpr ImU32 kOrange = IM_COL32(245, 147, 34, 255);  // class 0
inline constexpr ImU32 kBlue = IM_COL32(8, 119, 189, 255);     // class 1
inline constexpr ImU32 kTrainCurve = IM_COL32(40, 40, 40, 255);
inline constexpr ImU32 kValCurve = IM_COL32(220, 70, 50, 255);
// Right and wrong marks: blue and vermillion, apart for every kind of colour
// vision (green and red merge for 1 in 12 men); the text says which, too.
inline constexpr ImU32 kRight = IM_COL32(0, 114, 178, 255);  // a right prediction
inline constexpr ImU32 kWrong = IM_COL32(213, 94, 0, 255);   // a wrong one
inline const ImVec4 kErrorText = ImVec4(0.80f, 0.05f, 0.05f, 1.0f);
/// One colour per race lane / optimizer path (Okabe-Ito; lane_colors() of them, then they repeat).
ImU32 lane_color(int i);
/// One colour per class of a segmentation mask (0 = background, light grey; class_colors() of them).
ImU32 class_color(int c);
int lane_colors();
int class_colors();

// ----------------------------------------------------------------- headings
/// A panel heading: the title in the accent colour over a separator.
void section(const char* title);
/// A "(?)" on the same line that shows `text` when hovered (imgui_demo.cpp's HelpMarker).
void help_marker(const char* text);
/// Wrapped grey text: an explanation under a picture or control.
void note(const char* text);
/// note() with printf formatting.
void notef(const char* fmt, ...) IM_FMTARGS(1);
/// Wrapped text in the error colour.
void error_text(const std::string& text);
/// Puts the next item on the current line when `width` fits beside the last
/// item, else leaves it for the next line (labels never clip at 800×600).
void same_line_if_fits(float width);
/// The session's ▶ Train / ▮▮ Pause button (disabled while data loads).
void train_pause_button(Ctx& ctx, ImVec2 size = ImVec2(0, 0));
/// The run controls: Train/Pause, Step (held: repeats), Reset, then the state
/// ("training", "paused", "stopped", "loading…") on the same line when it fits.
/// `height` in font sizes (2 in the Run panel).
void run_buttons(Ctx& ctx, float height = 2.0f);
/// Width to leave for a label as long as `longest` plus a help marker
/// (use as PushItemWidth(-label_space("Learning rate"))).
float label_space(const char* longest);

// ------------------------------------------------------------------ numbers
/// "12,345".
std::string format_count(int64_t n);
/// "1.2 MB", "340 kB".
std::string format_bytes(double bytes);
/// "6.1 M", "612 k", "840": multiply-adds.
std::string format_macs(int64_t n);
/// A per-sample shape without its batch dimension: "16×14×14", "10".
std::string format_shape(const Shape& s);

// ----------------------------------------------------------------- settings
/// The setting's help with its valid range, for a tooltip.
std::string setting_tooltip(const train::ConfigField& f);
/// The setting `key` of `cfg` as text / as a number (through the config table).
std::string setting_text(const train::Config& cfg, const char* key);
double setting_number(const train::Config& cfg, const char* key);

struct EditOptions {
  const char* label = nullptr;  // nullptr: the field's label; "" : none (a table cell)
  bool help = true;             // a (?) with the help and range after the widget
};
/// Draws the editor of setting `key` showing its value in `cfg`: a checkbox
/// (Bool), a menu (Choice), a slider with a number field (Int/Float over the
/// table's typical range) or a number field with ÷/× steps on a log scale
/// (log settings: a finger or a keyboard can reach 0.001 and 10 without a
/// jumpy drag). Returns true with the new value's text when the user changed
/// it; number fields apply on Enter or when they lose focus.
bool edit_setting(const char* key, const train::Config& cfg, std::string* value, const EditOptions& opt = {});
/// The value after `v` on the setting's ÷/× ladder (…0.01, 0.03, 0.1, 0.3…;
/// integers double), within its range; `up` = larger.
double ladder_step(const train::ConfigField& f, double v, bool up);

// -------------------------------------------------------------- text fields
/// A one-line text field showing `current` that applies on Enter or when it
/// loses focus: returns true with the typed text in *out then. While it is
/// being typed in it keeps the typed text; a refused value is simply
/// replaced by `current` again.
bool commit_input(const char* id, const std::string& current, std::string* out, float width = 0.0f,
                  const char* hint = nullptr);

// ------------------------------------------------------------------- curves
/// An exponential moving average over x of points (x increasing), debiased
/// at the start like TensorBoard's, with time constant tau in x units;
/// non-finite y values are kept as they are.
std::vector<ImVec2> smooth_ema(std::vector<ImVec2> points, float tau);

}  // namespace nnplay::ui
