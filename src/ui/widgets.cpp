// widgets.cpp — see widgets.h.
#include "ui/widgets.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "train/config.h"

namespace nnplay::ui {

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

float label_space(const char* longest) {
  const ImGuiStyle& st = ImGui::GetStyle();
  return ImGui::CalcTextSize(longest).x + ImGui::CalcTextSize("(?)").x + st.ItemInnerSpacing.x + st.ItemSpacing.x + 4.0f;
}

const char* config_help(const char* key) {
  const train::ConfigField* f = train::find_field(key);
  return f ? f->help : "";
}

std::string format_bytes(double bytes) {
  char buf[32];
  if (bytes >= 1e6) std::snprintf(buf, sizeof buf, "%.1f MB", bytes / 1e6);
  else if (bytes >= 1e3) std::snprintf(buf, sizeof buf, "%.0f kB", bytes / 1e3);
  else std::snprintf(buf, sizeof buf, "%.0f B", bytes);
  return buf;
}

std::string format_count(int64_t n) {
  std::string digits = std::to_string(n < 0 ? -n : n);
  std::string out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return n < 0 ? "-" + out : out;
}

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

}  // namespace

void line_plot(const char* id, const PlotAxes& axes, std::span<const PlotSeries> series, ImVec2 size,
               std::span<const PlotMarker> markers) {
  ImGui::PushID(id);
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const ImVec2 p0 = ImGui::GetCursorScreenPos();
  size.x = std::max(size.x, 120.0f);
  size.y = std::max(size.y, 80.0f);
  ImGui::InvisibleButton("##plot", size);
  const bool hovered = ImGui::IsItemHovered();
  const float fs = ImGui::GetFontSize();
  const ImU32 text_col = ImGui::GetColorU32(ImGuiCol_Text);
  const ImU32 dim_col = ImGui::GetColorU32(ImGuiCol_TextDisabled);

  // y range (log: in decades)
  const bool ylog = axes.y_log && axes.y_min > 0 && axes.y_max > axes.y_min;
  double y0 = ylog ? std::log10(axes.y_min) : axes.y_min;
  double y1 = ylog ? std::log10(axes.y_max) : axes.y_max;
  if (!(y1 > y0)) y1 = y0 + 1.0;
  double x0 = axes.x_min, x1 = axes.x_max;
  if (!(x1 > x0)) x1 = x0 + 1.0;

  // y ticks
  std::vector<std::pair<double, std::string>> yt;  // (axis value, label)
  char buf[32];
  if (ylog) {
    const bool fine = (y1 - y0) < 2.5;
    // Every decade when it fits, else every 2nd/3rd/... so labels never overlap.
    const int fit = std::max(2, static_cast<int>(size.y / (fs * 1.6f)));
    const double every = std::max(1.0, std::ceil((std::ceil(y1) - std::floor(y0) + 1.0) / fit));
    for (double k = std::floor(y0); k <= std::ceil(y1); k += every)
      for (double m : {1.0, 2.0, 5.0}) {
        if (m != 1.0 && !fine) continue;
        const double v = m * std::pow(10.0, k);
        const double a = std::log10(v);
        if (a < y0 - 1e-9 || a > y1 + 1e-9) continue;
        std::snprintf(buf, sizeof buf, "%g", v);
        yt.emplace_back(a, buf);
      }
  } else {
    const double step = nice_step(y1 - y0, std::max(2, static_cast<int>(size.y / (fs * 2.2f))));
    for (double v = std::ceil(y0 / step) * step; v <= y1 + step * 1e-6; v += step) {
      format_tick(buf, sizeof buf, v, step, axes.y_percent);
      yt.emplace_back(v, buf);
    }
  }
  float label_w = 0;
  for (const auto& t : yt) label_w = std::max(label_w, ImGui::CalcTextSize(t.second.c_str()).x);

  // plot area: y label on top, tick labels left, x ticks + x label below
  const float pad = fs * 0.4f;
  const ImVec2 a(p0.x + label_w + pad * 2, p0.y + fs + pad);
  const ImVec2 b(p0.x + size.x - pad, p0.y + size.y - 2 * fs - pad * 2);
  if (b.x - a.x < 20 || b.y - a.y < 20) {
    ImGui::PopID();
    return;
  }
  auto sx = [&](double x) { return a.x + static_cast<float>((x - x0) / (x1 - x0)) * (b.x - a.x); };
  auto sy = [&](double y) {
    const double v = ylog ? std::log10(std::max(y, 1e-30)) : y;
    return b.y - static_cast<float>((v - y0) / (y1 - y0)) * (b.y - a.y);
  };

  dl->AddRectFilled(a, b, IM_COL32(255, 255, 255, 255));
  dl->AddText(ImVec2(p0.x, p0.y), text_col, axes.y_label);
  for (const auto& t : yt) {
    const float y = ylog ? b.y - static_cast<float>((t.first - y0) / (y1 - y0)) * (b.y - a.y) : sy(t.first);
    dl->AddLine(ImVec2(a.x, y), ImVec2(b.x, y), IM_COL32(0, 0, 0, 28));
    const ImVec2 ts = ImGui::CalcTextSize(t.second.c_str());
    dl->AddText(ImVec2(a.x - pad - ts.x, y - ts.y * 0.5f), dim_col, t.second.c_str());
  }
  // x ticks
  const double xstep = nice_step(x1 - x0, std::max(2, static_cast<int>((b.x - a.x) / (fs * 4.0f))));
  for (double v = std::ceil(x0 / xstep) * xstep; v <= x1 + xstep * 1e-6; v += xstep) {
    const float x = sx(v);
    dl->AddLine(ImVec2(x, a.y), ImVec2(x, b.y), IM_COL32(0, 0, 0, 28));
    format_tick(buf, sizeof buf, v, xstep, false);
    const ImVec2 ts = ImGui::CalcTextSize(buf);
    dl->AddText(ImVec2(x - ts.x * 0.5f, b.y + pad * 0.5f), dim_col, buf);
  }
  {
    const ImVec2 ts = ImGui::CalcTextSize(axes.x_label);
    dl->AddText(ImVec2((a.x + b.x - ts.x) * 0.5f, b.y + fs + pad), text_col, axes.x_label);
  }
  dl->AddRect(a, b, IM_COL32(0, 0, 0, 90));

  // lines
  dl->PushClipRect(a, b, true);
  // Long runs have more points than pixels. Per pixel column, thin (raw)
  // lines keep the first, lowest, highest and last point in their order, so
  // spikes survive; thick (main) lines keep the column's mean, so they stay
  // smooth. Either way a fraction of the triangles is drawn.
  std::vector<ImVec2> pts;
  for (const PlotSeries& s : series) {
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
      const ImVec2 q(sx(p.x), sy(p.y));
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
    if (pts.size() == 1) dl->AddCircleFilled(pts[0], 3.0f, s.color);
    else if (pts.size() > 1) dl->AddPolyline(pts.data(), static_cast<int>(pts.size()), s.color, 0, s.thickness);
  }
  // event markers: a dashed vertical line and a flag at the top
  const PlotMarker* near_marker = nullptr;
  const ImVec2 mouse = ImGui::GetIO().MousePos;
  for (const PlotMarker& mk : markers) {
    if (!(mk.x >= x0 && mk.x <= x1)) continue;
    const float x = sx(mk.x);
    const ImU32 col = IM_COL32(120, 60, 170, 200);
    for (float y = a.y; y < b.y; y += 6.0f) dl->AddLine(ImVec2(x, y), ImVec2(x, std::min(b.y, y + 3.5f)), col, 1.5f);
    dl->AddTriangleFilled(ImVec2(x, a.y), ImVec2(x + fs * 0.55f, a.y + fs * 0.3f), ImVec2(x, a.y + fs * 0.6f), col);
    if (hovered && std::fabs(mouse.x - x) <= 5.0f && mouse.y >= a.y && mouse.y <= b.y) near_marker = &mk;
  }
  dl->PopClipRect();

  // legend: inside, top right, or bottom right when the lines run along the top
  {
    float w = 0;
    int entries = 0;
    for (const PlotSeries& s : series)
      if (*s.label) {
        w = std::max(w, ImGui::CalcTextSize(s.label).x);
        ++entries;
      }
    if (entries > 0) {  // unlabeled series (the surface view's side plots): no empty box
      const float sw = fs * 1.2f;
      const float lw = w + sw + pad * 3, lh = static_cast<float>(entries) * (fs + 2) + pad;
      int top = 0, bottom = 0;
      for (const PlotSeries& s : series)
        for (const ImVec2& p : s.points) {
          const float px = sx(p.x), py = sy(p.y);
          if (px < b.x - lw - pad) continue;
          if (py < a.y + lh + pad * 2) ++top;
          else if (py > b.y - lh - pad * 2) ++bottom;
        }
      const float ly = top > bottom ? b.y - lh - pad : a.y + pad;
      const ImVec2 l0(b.x - lw, ly);
      const ImVec2 l1(b.x - pad, ly + lh);
      dl->AddRectFilled(l0, l1, IM_COL32(255, 255, 255, 225), 3.0f);
      dl->AddRect(l0, l1, IM_COL32(0, 0, 0, 60), 3.0f);
      float y = l0.y + pad * 0.5f;
      for (const PlotSeries& s : series) {
        if (!*s.label) continue;
        dl->AddLine(ImVec2(l0.x + pad, y + fs * 0.55f), ImVec2(l0.x + pad + sw, y + fs * 0.55f), s.color, 3.0f);
        dl->AddText(ImVec2(l0.x + pad * 2 + sw, y), text_col, s.label);
        y += fs + 2;
      }
    }
  }

  // hover read-out: nearest point of each series at the mouse's x
  const ImVec2 m = ImGui::GetIO().MousePos;
  if (hovered && m.x >= a.x && m.x <= b.x && m.y >= a.y && m.y <= b.y) {
    const double xm = x0 + (m.x - a.x) / (b.x - a.x) * (x1 - x0);
    dl->AddLine(ImVec2(m.x, a.y), ImVec2(m.x, b.y), IM_COL32(0, 0, 0, 80));
    ImGui::BeginTooltip();
    if (near_marker) {
      ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(0.45f, 0.2f, 0.65f, 1.0f));
      ImGui::PushTextWrapPos(fs * 24.0f);
      ImGui::TextUnformatted(near_marker->text.c_str());
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
  ImGui::PopID();
}

}  // namespace nnplay::ui
