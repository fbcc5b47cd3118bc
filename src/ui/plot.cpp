// plot.cpp — see plot.h.
//
// [SECTION] line plot: frame and ticks, lines, markers, legend, hover
// [SECTION] axes for loss and accuracy
// [SECTION] bar chart
#include "ui/plot.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace nnplay::ui {
namespace {

double nice_step(double range, int max_ticks) {
  if (!(range > 0)) return 1.0;
  const double raw = range / std::max(1, max_ticks);
  const double mag = std::pow(10.0, std::floor(std::log10(raw)));
  const double r = raw / mag;
  const double s = r <= 1.0 ? 1.0 : r <= 2.0 ? 2.0 : r <= 5.0 ? 5.0 : 10.0;
  return s * mag;
}

void format_tick(char* buf, size_t n, double v, double step, bool percent) {
  if (percent) {
    std::snprintf(buf, n, "%.0f%%", v * 100.0);
    return;
  }
  if (std::fabs(v) < step * 1e-6) v = 0.0;
  const int decimals = step >= 1.0 ? 0 : std::min(6, static_cast<int>(std::ceil(-std::log10(step) - 1e-9)));
  if (std::fabs(v) >= 1e5 || (std::fabs(v) > 0 && std::fabs(v) < 1e-4)) std::snprintf(buf, n, "%.0e", v);
  else std::snprintf(buf, n, "%.*f", decimals, v);
}

// The plot's geometry: data range (y in decades when log) and the frame on screen.
struct Frame {
  double x0, x1, y0, y1;
  bool ylog;
  ImVec2 a, b;  // plot area corners
  float fs, pad;
  float sx(double x) const { return a.x + static_cast<float>((x - x0) / (x1 - x0)) * (b.x - a.x); }
  float sy_axis(double t) const { return b.y - static_cast<float>((t - y0) / (y1 - y0)) * (b.y - a.y); }
  float sy(double y) const { return sy_axis(ylog ? std::log10(std::max(y, 1e-30)) : y); }
};

using Ticks = std::vector<std::pair<double, std::string>>;  // (axis value, label)

Ticks y_ticks(const PlotAxes& axes, double y0, double y1, float height, float fs) {
  Ticks yt;
  char buf[32];
  if (axes.y_log && axes.y_min > 0 && axes.y_max > axes.y_min) {
    const bool fine = (y1 - y0) < 2.5;
    // Every decade when it fits, else every 2nd/3rd/... so labels never overlap.
    const int fit = std::max(2, static_cast<int>(height / (fs * 1.6f)));
    const double every = std::max(1.0, std::ceil((std::ceil(y1) - std::floor(y0) + 1.0) / fit));
    for (double k = std::floor(y0); k <= std::ceil(y1); k += every)
      for (double m : {1.0, 2.0, 5.0}) {
        if (m != 1.0 && !fine) continue;
        const double v = m * std::pow(10.0, k);
        const double t = std::log10(v);
        if (t < y0 - 1e-9 || t > y1 + 1e-9) continue;
        std::snprintf(buf, sizeof buf, "%g", v);
        yt.emplace_back(t, buf);
      }
    return yt;
  }
  const double step = nice_step(y1 - y0, std::max(2, static_cast<int>(height / (fs * 2.2f))));
  for (double v = std::ceil(y0 / step) * step; v <= y1 + step * 1e-6; v += step) {
    format_tick(buf, sizeof buf, v, step, axes.y_percent);
    yt.emplace_back(v, buf);
  }
  return yt;
}

// Frame, grid, tick labels and axis labels; returns false when the plot is too small to draw.
bool draw_frame(ImDrawList* dl, const PlotAxes& axes, ImVec2 p0, ImVec2 size, Frame* f) {
  const float fs = ImGui::GetFontSize();
  f->fs = fs;
  f->ylog = axes.y_log && axes.y_min > 0 && axes.y_max > axes.y_min;
  f->y0 = f->ylog ? std::log10(axes.y_min) : axes.y_min;
  f->y1 = f->ylog ? std::log10(axes.y_max) : axes.y_max;
  if (!(f->y1 > f->y0)) f->y1 = f->y0 + 1.0;
  f->x0 = axes.x_min;
  f->x1 = axes.x_max > axes.x_min ? axes.x_max : axes.x_min + 1.0;
  const Ticks yt = y_ticks(axes, f->y0, f->y1, size.y, fs);
  float label_w = 0;
  for (const auto& t : yt) label_w = std::max(label_w, ImGui::CalcTextSize(t.second.c_str()).x);
  // y label on top, tick labels left, x ticks and x label below
  f->pad = fs * 0.4f;
  f->a = ImVec2(p0.x + label_w + f->pad * 2, p0.y + fs + f->pad);
  f->b = ImVec2(p0.x + size.x - f->pad, p0.y + size.y - 2 * fs - f->pad * 2);
  if (f->b.x - f->a.x < 20 || f->b.y - f->a.y < 20) return false;
  const ImU32 text_col = ImGui::GetColorU32(ImGuiCol_Text), dim_col = ImGui::GetColorU32(ImGuiCol_TextDisabled);
  dl->AddRectFilled(f->a, f->b, IM_COL32(255, 255, 255, 255));
  dl->AddText(p0, text_col, axes.y_label);
  for (const auto& t : yt) {
    const float y = f->sy_axis(t.first);
    dl->AddLine(ImVec2(f->a.x, y), ImVec2(f->b.x, y), IM_COL32(0, 0, 0, 28));
    const ImVec2 ts = ImGui::CalcTextSize(t.second.c_str());
    dl->AddText(ImVec2(f->a.x - f->pad - ts.x, y - ts.y * 0.5f), dim_col, t.second.c_str());
  }
  char buf[32];
  const double xstep = nice_step(f->x1 - f->x0, std::max(2, static_cast<int>((f->b.x - f->a.x) / (fs * 4.0f))));
  for (double v = std::ceil(f->x0 / xstep) * xstep; v <= f->x1 + xstep * 1e-6; v += xstep) {
    const float x = f->sx(v);
    dl->AddLine(ImVec2(x, f->a.y), ImVec2(x, f->b.y), IM_COL32(0, 0, 0, 28));
    format_tick(buf, sizeof buf, v, xstep, false);
    const ImVec2 ts = ImGui::CalcTextSize(buf);
    dl->AddText(ImVec2(x - ts.x * 0.5f, f->b.y + f->pad * 0.5f), dim_col, buf);
  }
  const ImVec2 ts = ImGui::CalcTextSize(axes.x_label);
  dl->AddText(ImVec2((f->a.x + f->b.x - ts.x) * 0.5f, f->b.y + fs + f->pad), text_col, axes.x_label);
  dl->AddRect(f->a, f->b, IM_COL32(0, 0, 0, 90));
  return true;
}

// Long runs have more points than pixels. Per pixel column, thin (raw) lines
// keep the first, lowest, highest and last point in their order, so spikes
// survive; thick (main) lines keep the column's mean, so they stay smooth.
// Either way a fraction of the triangles is drawn.
void per_pixel(const PlotSeries& s, const Frame& f, std::vector<ImVec2>& pts) {
  pts.clear();
  struct Bucket {
    float col = -1e30f;
    ImVec2 first, lo, hi, last, sum;
    size_t i_lo = 0, i_hi = 0;
    int n = 0;
  } k;
  const bool mean = s.thickness >= 1.5f;
  auto flush = [&]() {
    if (k.n == 0) return;
    if (mean) {
      pts.emplace_back(k.sum.x / static_cast<float>(k.n), k.sum.y / static_cast<float>(k.n));
      return;
    }
    pts.push_back(k.first);
    if (k.n > 2) {
      const bool lo_first = k.i_lo <= k.i_hi;
      pts.push_back(lo_first ? k.lo : k.hi);
      pts.push_back(lo_first ? k.hi : k.lo);
    }
    if (k.n > 1) pts.push_back(k.last);
  };
  for (size_t i = 0; i < s.points.size(); ++i) {
    const ImVec2& p = s.points[i];
    if (!std::isfinite(p.x) || !std::isfinite(p.y)) continue;
    const ImVec2 q(f.sx(p.x), f.sy(p.y));
    if (std::floor(q.x) != k.col) {
      flush();
      k = Bucket{std::floor(q.x), q, q, q, q, q, i, i, 1};
      continue;
    }
    if (q.y < k.lo.y) k.lo = q, k.i_lo = i;
    if (q.y > k.hi.y) k.hi = q, k.i_hi = i;
    k.last = q;
    k.sum = ImVec2(k.sum.x + q.x, k.sum.y + q.y);
    ++k.n;
  }
  flush();
}

void draw_lines(ImDrawList* dl, std::span<const PlotSeries> series, const Frame& f) {
  std::vector<ImVec2> pts;
  for (const PlotSeries& s : series) {
    per_pixel(s, f, pts);
    if (pts.size() == 1) dl->AddCircleFilled(pts[0], 3.0f, s.color);
    else if (pts.size() > 1) dl->AddPolyline(pts.data(), static_cast<int>(pts.size()), s.color, 0, s.thickness);
  }
}

// Event markers: a dashed vertical line and a flag at the top; returns the one under the mouse.
const PlotMarker* draw_markers(ImDrawList* dl, std::span<const PlotMarker> markers, const Frame& f, bool hovered) {
  const PlotMarker* near = nullptr;
  const ImVec2 mouse = ImGui::GetIO().MousePos;
  const ImU32 col = IM_COL32(120, 60, 170, 200);
  for (const PlotMarker& mk : markers) {
    if (!(mk.x >= f.x0 && mk.x <= f.x1)) continue;
    const float x = f.sx(mk.x);
    for (float y = f.a.y; y < f.b.y; y += 6.0f) dl->AddLine(ImVec2(x, y), ImVec2(x, std::min(f.b.y, y + 3.5f)), col, 1.5f);
    dl->AddTriangleFilled(ImVec2(x, f.a.y), ImVec2(x + f.fs * 0.55f, f.a.y + f.fs * 0.3f), ImVec2(x, f.a.y + f.fs * 0.6f), col);
    if (hovered && std::fabs(mouse.x - x) <= 5.0f && mouse.y >= f.a.y && mouse.y <= f.b.y) near = &mk;
  }
  return near;
}

// The legend: inside, top right, or bottom right when the lines run along the top.
void draw_legend(ImDrawList* dl, std::span<const PlotSeries> series, const Frame& f) {
  float w = 0;
  int entries = 0;
  for (const PlotSeries& s : series)
    if (*s.label) w = std::max(w, ImGui::CalcTextSize(s.label).x), ++entries;
  if (entries == 0) return;  // unlabeled series (side plots): no empty box
  const float fs = f.fs, pad = f.pad, sw = fs * 1.2f;
  const float lw = w + sw + pad * 3, lh = static_cast<float>(entries) * (fs + 2) + pad;
  int top = 0, bottom = 0;
  for (const PlotSeries& s : series)
    for (const ImVec2& p : s.points) {
      const float px = f.sx(p.x), py = f.sy(p.y);
      if (px < f.b.x - lw - pad) continue;
      if (py < f.a.y + lh + pad * 2) ++top;
      else if (py > f.b.y - lh - pad * 2) ++bottom;
    }
  const float ly = top > bottom ? f.b.y - lh - pad : f.a.y + pad;
  const ImVec2 l0(f.b.x - lw, ly), l1(f.b.x - pad, ly + lh);
  dl->AddRectFilled(l0, l1, IM_COL32(255, 255, 255, 225), 3.0f);
  dl->AddRect(l0, l1, IM_COL32(0, 0, 0, 60), 3.0f);
  float y = l0.y + pad * 0.5f;
  for (const PlotSeries& s : series) {
    if (!*s.label) continue;
    dl->AddLine(ImVec2(l0.x + pad, y + fs * 0.55f), ImVec2(l0.x + pad + sw, y + fs * 0.55f), s.color, 3.0f);
    dl->AddText(ImVec2(l0.x + pad * 2 + sw, y), ImGui::GetColorU32(ImGuiCol_Text), s.label);
    y += fs + 2;
  }
}

// Hover read-out: a marker's text and the nearest point of each series at the mouse's x.
void hover_readout(ImDrawList* dl, const PlotAxes& axes, std::span<const PlotSeries> series, const Frame& f,
                   const PlotMarker* marker) {
  const ImVec2 m = ImGui::GetIO().MousePos;
  if (m.x < f.a.x || m.x > f.b.x || m.y < f.a.y || m.y > f.b.y) return;
  const double xm = f.x0 + (m.x - f.a.x) / (f.b.x - f.a.x) * (f.x1 - f.x0);
  dl->AddLine(ImVec2(m.x, f.a.y), ImVec2(m.x, f.b.y), IM_COL32(0, 0, 0, 80));
  ImGui::BeginTooltip();
  if (marker) {
    ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(0.45f, 0.2f, 0.65f, 1.0f));
    ImGui::PushTextWrapPos(f.fs * 24.0f);
    ImGui::TextUnformatted(marker->text.c_str());
    ImGui::PopTextWrapPos();
    ImGui::PopStyleColor();
  }
  ImGui::Text("%s %.2f", axes.x_label, xm);
  for (const PlotSeries& s : series) {
    if (s.points.empty() || !*s.label) continue;
    auto it = std::lower_bound(s.points.begin(), s.points.end(), static_cast<float>(xm),
                               [](const ImVec2& p, float x) { return p.x < x; });
    if (it == s.points.end()) --it;
    if (it != s.points.begin() && std::fabs((it - 1)->x - xm) < std::fabs(it->x - xm)) --it;
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(s.color));
    if (axes.y_percent) ImGui::Text("%s: %.2f%%", s.label, it->y * 100.0);
    else ImGui::Text("%s: %.4g", s.label, it->y);
    ImGui::PopStyleColor();
  }
  ImGui::EndTooltip();
}

}  // namespace

// ======================================================= [SECTION] line plot

void PlotAxes::set_log_range(float lo, float hi) {
  y_log = true;
  y_min = std::pow(10.0f, std::floor(std::log10(lo)));
  y_max = std::pow(10.0f, std::ceil(std::log10(std::max(hi, lo * 1.01f))));
}

void line_plot(const char* id, const PlotAxes& axes, std::span<const PlotSeries> series, ImVec2 size,
               std::span<const PlotMarker> markers) {
  ImGui::PushID(id);
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const ImVec2 p0 = ImGui::GetCursorScreenPos();
  size.x = std::max(size.x, 120.0f);
  size.y = std::max(size.y, 80.0f);
  ImGui::InvisibleButton("##plot", size);
  const bool hovered = ImGui::IsItemHovered();
  Frame f{};
  if (draw_frame(dl, axes, p0, size, &f)) {
    dl->PushClipRect(f.a, f.b, true);
    draw_lines(dl, series, f);
    const PlotMarker* marker = draw_markers(dl, markers, f, hovered);
    dl->PopClipRect();
    draw_legend(dl, series, f);
    if (hovered) hover_readout(dl, axes, series, f, marker);
  }
  ImGui::PopID();
}

// ============================================ [SECTION] axes for loss and accuracy

PlotAxes loss_axes(std::span<const PlotSeries> series, bool log, const char* x_label, const char* y_label) {
  float x_max = 1.0f, lo = INFINITY, hi = 0.0f;
  for (const PlotSeries& s : series)
    for (const ImVec2& p : s.points) {
      x_max = std::max(x_max, p.x);
      if (!std::isfinite(p.y)) continue;
      hi = std::max(hi, p.y);
      if (p.y > 0) lo = std::min(lo, p.y);
    }
  PlotAxes a;
  a.x_label = x_label;
  a.y_label = y_label;
  a.x_max = x_max;
  if (log && std::isfinite(lo)) a.set_log_range(lo, hi);
  else a.y_max = hi > 0 ? hi * 1.05f : 1.0f;
  return a;
}

PlotAxes accuracy_axes(std::span<const PlotSeries> series, const char* x_label, const char* y_label) {
  float x_max = 1.0f, lo = 1.0f;
  bool any = false;
  for (const PlotSeries& s : series)
    for (const ImVec2& p : s.points) {
      x_max = std::max(x_max, p.x);
      if (std::isfinite(p.y)) lo = std::min(lo, p.y), any = true;
    }
  PlotAxes a;
  a.x_label = x_label;
  a.y_label = y_label;
  a.x_max = x_max;
  a.y_percent = true;
  // Zoom in once every point is above 50 %, always showing at least 10 %.
  a.y_min = !any || lo < 0.5f ? 0.0f : std::min(0.9f, std::floor(lo * 10.0f) / 10.0f);
  a.y_max = 1.0f + 0.03f * (1.0f - a.y_min);  // headroom: a line at 100 % stays visible
  return a;
}

void PlaneSquare::ticks(ImDrawList* dl, int every) const {
  const ImU32 tick_col = ImGui::GetColorU32(ImGuiCol_TextDisabled);
  const float fs = ImGui::GetFontSize();
  const int e = static_cast<int>(extent);
  for (int t = -e; t <= e; t += every) {
    char buf[8];
    std::snprintf(buf, sizeof buf, "%d", t);
    const ImVec2 ts = ImGui::CalcTextSize(buf);
    const float v = static_cast<float>(t);
    const ImVec2 px = to_screen(v, -extent), py = to_screen(-extent, v);
    dl->AddText(ImVec2(px.x - ts.x * 0.5f, b.y + 2), tick_col, buf);
    dl->AddText(ImVec2(a.x - ts.x - fs * 0.3f, py.y - ts.y * 0.5f), tick_col, buf);
  }
}

// ======================================================= [SECTION] bar chart

namespace {

struct BarFrame {
  double y0, y1;
  bool ylog;
  ImVec2 a, b;
  float sy(float v) const {
    const double t = ylog ? std::log10(std::max(v, 1e-30f)) : v;
    return b.y - static_cast<float>((t - y0) / (y1 - y0)) * (b.y - a.y);
  }
};

// The y range over every bar (and error bar), in decades when log.
void bar_range(std::span<const Bar> bars, bool ylog, bool error_bars, BarFrame* f) {
  float lo = INFINITY, hi = -INFINITY;
  for (const Bar& b : bars)
    for (float v : {b.value, error_bars ? b.lo : b.value, error_bars ? b.hi : b.value}) {
      if (!std::isfinite(v) || (ylog && v <= 0)) continue;
      lo = std::min(lo, v);
      hi = std::max(hi, v);
    }
  if (!std::isfinite(lo)) lo = ylog ? 1e-3f : 0.0f, hi = 1.0f;
  f->ylog = ylog;
  if (ylog) {
    f->y0 = std::floor(std::log10(lo));
    f->y1 = std::max(static_cast<double>(std::ceil(std::log10(hi))), f->y0 + 1);
    return;
  }
  f->y0 = std::min(0.0f, lo);
  f->y1 = std::max(0.0f, hi);
  if (f->y1 <= f->y0) f->y1 = f->y0 + 1;
  const double pad = 0.05 * (f->y1 - f->y0);
  f->y0 -= f->y0 < 0 ? pad : 0;
  f->y1 += pad;
}

void bar_ticks(ImDrawList* dl, const BarFrame& f) {
  char buf[32];
  const int steps = f.ylog ? static_cast<int>(f.y1 - f.y0) : 4;
  for (int k = 0; k <= steps; ++k) {
    const double t = f.y0 + (f.y1 - f.y0) * k / steps;
    const float y = f.b.y - static_cast<float>((t - f.y0) / (f.y1 - f.y0)) * (f.b.y - f.a.y);
    if (f.ylog) std::snprintf(buf, sizeof buf, "1e%d", static_cast<int>(std::lround(t)));
    else std::snprintf(buf, sizeof buf, "%.3g", t);
    dl->AddLine(ImVec2(f.a.x, y), ImVec2(f.b.x, y), IM_COL32(0, 0, 0, 25));
    const ImVec2 ts = ImGui::CalcTextSize(buf);
    dl->AddText(ImVec2(f.a.x - ts.x - 4, y - ts.y * 0.5f), ImGui::GetColorU32(ImGuiCol_TextDisabled), buf);
  }
  if (!f.ylog && f.y0 < 0 && f.y1 > 0) dl->AddLine(ImVec2(f.a.x, f.sy(0)), ImVec2(f.b.x, f.sy(0)), IM_COL32(0, 0, 0, 90));
}

}  // namespace

void bar_chart(const char* id, const std::vector<Bar>& bars, bool ylog, bool error_bars, const char* y_label,
               ImVec2 size, std::span<const Bar> scale) {
  ImGui::PushID(id);
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const float fs = ImGui::GetFontSize();
  const ImVec2 p0 = ImGui::GetCursorScreenPos();
  ImGui::InvisibleButton("##bars", size);
  const bool hovered = ImGui::IsItemHovered();
  BarFrame f{};
  bar_range(scale.empty() ? std::span<const Bar>(bars) : scale, ylog, error_bars, &f);
  const float label_w = ImGui::CalcTextSize(ylog ? "1e-10" : "-0.000").x;
  f.a = ImVec2(p0.x + label_w + fs * 0.6f, p0.y + fs + 4);
  f.b = ImVec2(p0.x + size.x - 4, p0.y + size.y - 4);
  dl->AddRectFilled(f.a, f.b, IM_COL32(255, 255, 255, 255));
  dl->AddText(p0, ImGui::GetColorU32(ImGuiCol_Text), y_label);
  bar_ticks(dl, f);
  const float w = (f.b.x - f.a.x) / static_cast<float>(std::max<size_t>(1, bars.size()));
  const float mx = ImGui::GetIO().MousePos.x;
  int hover = -1;
  for (size_t i = 0; i < bars.size(); ++i) {
    const Bar& bar = bars[i];
    const float inset = std::min(1.0f, w * 0.15f);
    const float x0 = f.a.x + w * static_cast<float>(i) + inset, x1 = f.a.x + w * static_cast<float>(i + 1) - inset;
    const bool drawable = std::isfinite(bar.value) && (!ylog || bar.value > 0);
    if (error_bars) {
      if (bar.hi > bar.lo)
        dl->AddRectFilled(ImVec2(x0 + w * 0.2f, f.sy(bar.hi)), ImVec2(x1 - w * 0.2f, f.sy(bar.lo)),
                          (bar.color & ~IM_COL32_A_MASK) | IM_COL32(0, 0, 0, 90));
      if (drawable) dl->AddLine(ImVec2(x0, f.sy(bar.value)), ImVec2(x1, f.sy(bar.value)), bar.color, 2.0f);
    } else if (drawable) {
      const float base = ylog ? f.b.y : f.sy(0.0f);
      dl->AddRectFilled(ImVec2(x0, std::min(base, f.sy(bar.value))), ImVec2(x1, std::max(base, f.sy(bar.value))), bar.color);
    }
    if (hovered && mx >= x0 - 0.5f && mx < x1 + 0.5f) hover = static_cast<int>(i);
  }
  dl->AddRect(f.a, f.b, IM_COL32(0, 0, 0, 90));
  if (hover >= 0) {
    dl->AddRect(ImVec2(f.a.x + w * static_cast<float>(hover), f.a.y), ImVec2(f.a.x + w * static_cast<float>(hover + 1), f.b.y),
                IM_COL32(0, 0, 0, 120));
    ImGui::SetTooltip("%s", bars[static_cast<size_t>(hover)].tip.c_str());
  }
  ImGui::PopID();
}

}  // namespace nnplay::ui
