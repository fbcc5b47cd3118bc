// surface_parts.h — the loss-surface view's two modes (surface_view.cpp
// switches between them) and the pieces both draw with: a plane on screen,
// its tick labels, a contour picture of a scalar field, and a path with a head.
//   test_functions.cpp  2D test functions with animated optimizer paths
//   loss_slice.cpp      the network's loss on a slice through its weights
#pragma once

#include <cstdint>
#include <memory>
#include <vector>

#include "imgui.h"
#include "ui/view.h"

namespace nnplay::ui {

std::unique_ptr<View> make_test_functions();
std::unique_ptr<View> make_loss_slice();

/// An RGBA picture of a scalar field (row 0 = top): a light colour map of the
/// values (already on the scale to show, e.g. log) with `levels` contour lines.
/// NaN values are drawn grey. Returns w*h*4 bytes.
std::vector<uint8_t> contour_rgba(const std::vector<float>& values, int w, int h, int levels);

/// The rectangle [x0, x1] × [y0, y1] of a plane drawn from a (top left) to b on screen.
struct PlaneRect {
  ImVec2 a, b;
  float x0, x1, y0, y1;
  ImVec2 to_screen(float x, float y) const {
    return ImVec2(a.x + (x - x0) / (x1 - x0) * (b.x - a.x), a.y + (y1 - y) / (y1 - y0) * (b.y - a.y));
  }
  /// The plane's point under screen position p.
  ImVec2 to_plane(ImVec2 p) const {
    return ImVec2(x0 + (p.x - a.x) / (b.x - a.x) * (x1 - x0), y1 - (p.y - a.y) / (b.y - a.y) * (y1 - y0));
  }
};

/// Tick labels at the ends and quarters of both axes, below and left of the
/// picture (`format`: "%g"), kept inside [a.x − label_w, b.x] and [a.y, b.y].
void plane_ticks(const PlaneRect& p, const char* format, float label_w);

/// A path as a line in `color` on a white rim, with a round head at `head`;
/// with `dots`, a dot at every inner point while there are few.
void path_line(ImDrawList* dl, const std::vector<ImVec2>& pts, ImU32 color, ImVec2 head, bool dots = false);

}  // namespace nnplay::ui
