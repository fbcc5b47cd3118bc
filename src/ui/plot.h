// plot.h — line plots and bar charts drawn with ImDrawList (ImPlot is not
// available; the line plot copies ImPlot's anatomy: frame, grid, tick labels,
// axis labels, legend, hover read-out, event markers).
#pragma once

#include <span>
#include <string>
#include <vector>

#include "imgui.h"

namespace nnplay::ui {

struct PlotSeries {
  const char* label = "";      // "" = not in the legend or the hover read-out
  ImU32 color = 0;
  std::vector<ImVec2> points;  // (x, y), x increasing
  float thickness = 2.0f;      // >= 1.5: a main line (smoothed per pixel column); thinner: raw points
};

struct PlotAxes {
  const char* x_label = "";
  const char* y_label = "";
  float x_min = 0, x_max = 1;
  float y_min = 0, y_max = 1;
  bool y_log = false;      // log10 y axis (y_min > 0)
  bool y_percent = false;  // tick labels as percentages

  /// A log y axis over whole decades around [lo, hi] (lo > 0).
  void set_log_range(float lo, float hi);
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

/// A loss plot's and an accuracy plot's axes over the given series (x from
/// 0): the loss axis linear from 0 or log over whole decades; the accuracy
/// axis in percent, zoomed to whole tenths once every point is above 50 %.
PlotAxes loss_axes(std::span<const PlotSeries> series, bool log, const char* x_label, const char* y_label);
PlotAxes accuracy_axes(std::span<const PlotSeries> series, const char* x_label, const char* y_label);

/// The 2D sets' plane [-extent, extent]² drawn in a square on screen (the
/// decision boundary, the perceptron): a is the top-left corner (x = −extent,
/// y = +extent), b the bottom-right.
struct PlaneSquare {
  ImVec2 a, b;
  float side = 0;
  float extent = 6.0f;
  ImVec2 to_screen(float x, float y) const {
    return ImVec2(a.x + (x + extent) / (2 * extent) * side, a.y + (extent - y) / (2 * extent) * side);
  }
  /// The plane's point under screen position p.
  ImVec2 to_plane(ImVec2 p) const {
    return ImVec2((p.x - a.x) / side * 2 * extent - extent, extent - (p.y - a.y) / side * 2 * extent);
  }
  /// Tick labels every `every` units, left of and below the square.
  void ticks(ImDrawList* dl, int every) const;
};

struct Bar {
  float value = 0, lo = 0, hi = 0;  // hi > lo: an error bar from lo to hi
  ImU32 color = 0;
  std::string tip;
};
/// Bars (or, with error_bars, a line and a band from lo to hi) along x, with a
/// y axis (log: decades), filling `size`. The y range covers `scale` (empty:
/// `bars`): charts side by side pass all their bars to share one axis.
void bar_chart(const char* id, const std::vector<Bar>& bars, bool ylog, bool error_bars, const char* y_label,
               ImVec2 size, std::span<const Bar> scale = {});

}  // namespace nnplay::ui
