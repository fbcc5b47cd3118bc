// widgets.h — small drawing helpers shared by the panels: a help marker, the
// playground palette, and a line plot drawn with ImDrawList (ImPlot is not
// available; the plot copies ImPlot's anatomy: frame, grid, tick labels, axis
// labels, legend, hover read-out).
#pragma once

#include <span>
#include <string>
#include <vector>

#include "imgui.h"

namespace nnplay::ui {

// TensorFlow Playground's class colours.
inline constexpr ImU32 kOrange = IM_COL32(245, 147, 34, 255);  // class 0
inline constexpr ImU32 kBlue = IM_COL32(8, 119, 189, 255);     // class 1
inline constexpr ImU32 kTrainCurve = IM_COL32(40, 40, 40, 255);
inline constexpr ImU32 kValCurve = IM_COL32(220, 70, 50, 255);
inline const ImVec4 kErrorText = ImVec4(0.80f, 0.05f, 0.05f, 1.0f);

/// A panel heading: the title in the accent colour over a separator.
void section(const char* title);
/// A "(?)" that shows `text` when hovered (imgui_demo.cpp's HelpMarker).
void help_marker(const char* text);
/// Width to leave for a label as long as `longest` plus a help marker
/// (use as PushItemWidth(-label_space("Learning rate"))).
float label_space(const char* longest);
/// Help text of a config key (train/config.h's table), for tooltips.
const char* config_help(const char* key);

struct PlotSeries {
  const char* label = "";      // "" = not in the legend or the hover read-out
  ImU32 color = 0;
  std::vector<ImVec2> points;  // (x, y), x increasing
  float thickness = 2.0f;
};

struct PlotAxes {
  const char* x_label = "";
  const char* y_label = "";
  float x_min = 0, x_max = 1;
  float y_min = 0, y_max = 1;
  bool y_log = false;      // log10 y axis (y_min > 0)
  bool y_percent = false;  // tick labels as percentages
};

/// A vertical line at x with a flag; its text shows when the mouse is near it
/// (the trainer's events: "model=resnet(skip=0)").
struct PlotMarker {
  float x = 0;
  std::string text;
};

/// Draws a plot filling `size` at the cursor and advances the cursor.
void line_plot(const char* id, const PlotAxes& axes, std::span<const PlotSeries> series, ImVec2 size,
               std::span<const PlotMarker> markers = {});

/// "1.2 MB", "340 kB".
std::string format_bytes(double bytes);
/// "12,345".
std::string format_count(int64_t n);

}  // namespace nnplay::ui
