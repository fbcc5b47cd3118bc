// panel_surface.cpp — the loss-surface view (issue 4), two pictures:
//
//  * Test functions (train/surfaces.h): a ravine, Rosenbrock, a saddle and
//    Beale, drawn as a colour map of log f with contour lines (a texture made
//    on the CPU: the functions are exact and cheap), and the path of every
//    chosen optimizer from the same start, animated step by step with a
//    moving head. Paths come from train::optimizer_path(), the optimizers
//    that train the networks. Presets set up the lecture's claims; a click on
//    the picture moves the start.
//  * The network's loss along two random directions through its current
//    weights (train::LossSliceJob: a copy of the network, a few grid points
//    per frame, only on request), with the path of the training session (and
//    of the race lanes on the same network) projected onto that plane as
//    training continues.
#include <algorithm>
#include <cfloat>
#include <cmath>
#include <cstdio>

#include "imgui.h"
#include "platform/platform.h"
#include "train/session_json.h"
#include "train/surfaces.h"
#include "ui/app.h"
#include "ui/optim_views.h"
#include "ui/widgets.h"

namespace nnplay::ui {

std::vector<uint8_t> contour_rgba(const std::vector<float>& values, int w, int h, int levels) {
  // Viridis stops blended 45 % with white: light enough for coloured paths on top.
  static constexpr float kStops[5][3] = {
      {152, 115, 161}, {147, 160, 191}, {133, 195, 192}, {167, 225, 169}, {254, 242, 135}};
  float lo = INFINITY, hi = -INFINITY;
  for (float x : values)
    if (std::isfinite(x)) lo = std::min(lo, x), hi = std::max(hi, x);
  const float range = hi > lo ? hi - lo : 1.0f;
  std::vector<int> level(values.size(), -1);
  for (size_t i = 0; i < values.size(); ++i)
    if (std::isfinite(values[i]))
      level[i] = std::min(levels - 1, static_cast<int>((values[i] - lo) / range * static_cast<float>(levels)));
  std::vector<uint8_t> px(static_cast<size_t>(w) * static_cast<size_t>(h) * 4);
  for (int r = 0; r < h; ++r)
    for (int c = 0; c < w; ++c) {
      const size_t i = static_cast<size_t>(r) * static_cast<size_t>(w) + static_cast<size_t>(c);
      uint8_t* p = &px[i * 4];
      p[3] = 255;
      if (level[i] < 0) {
        p[0] = p[1] = p[2] = 225;
        continue;
      }
      const float t = std::clamp((values[i] - lo) / range, 0.0f, 1.0f) * 4.0f;
      const int k = std::min(3, static_cast<int>(t));
      const float f = t - static_cast<float>(k);
      float rgb[3];
      for (int j = 0; j < 3; ++j) rgb[j] = kStops[k][j] + (kStops[k + 1][j] - kStops[k][j]) * f;
      // A contour where the level changes towards the right or lower neighbour.
      const bool edge = (c + 1 < w && level[i + 1] >= 0 && level[i + 1] != level[i]) ||
                        (r + 1 < h && level[i + static_cast<size_t>(w)] >= 0 && level[i + static_cast<size_t>(w)] != level[i]);
      const float shade = edge ? 0.72f : 1.0f;
      for (int j = 0; j < 3; ++j) p[j] = static_cast<uint8_t>(std::lround(rgb[j] * shade));
    }
  return px;
}

namespace {

using K = optim::OptimizerKind;

optim::OptimizerConfig opt(K kind, float lr, float momentum = 0.0f, bool nesterov = false) {
  optim::OptimizerConfig c;
  c.kind = kind;
  c.lr = lr;
  c.momentum = momentum;
  c.nesterov = nesterov;
  return c;
}

struct Preset {
  const char* title;
  const char* claim;  // what to look for
  const char* surface;
  std::array<float, 2> start;
  int steps;
  float speed;
  std::vector<optim::OptimizerConfig> opts;
};

const std::vector<Preset>& presets() {
  static const std::vector<Preset> kPresets = [] {
    optim::OptimizerConfig ema = opt(K::EmaMomentum, 0.15f, 0.8f);
    optim::OptimizerConfig rms9 = opt(K::RMSprop, 0.01f);
    rms9.rho = 0.9f;
    return std::vector<Preset>{
        {"Momentum through the ravine",
         "Plain GD (η just above 1/κ) zig-zags across the narrow valley and crawls along its floor; momentum "
         "builds speed along the floor and damps the zig-zag. The lecture's form v ← λv − (1−λ)g, θ ← θ + ηv is "
         "the same method with η(1−λ) as the step: λ 0.8, η 0.15 matches μ 0.8, η 0.03.",
         "ravine", {-5.0f, 1.5f}, 120, 15.0f,
         {opt(K::SGD, 0.03f), opt(K::SGD, 0.03f, 0.9f), opt(K::SGD, 0.015f, 0.9f, true), ema}},
        {"AdaGrad's step shrinking",
         "AdaGrad divides by the root of the SUM of all squared gradients so far: its steps only shrink, and it "
         "stalls long before the minimum at (1, 1) (watch the step-length plot). RMSprop and Adam use a decaying "
         "average instead and keep moving.",
         "rosenbrock", {-1.5f, 2.0f}, 400, 60.0f,
         {opt(K::AdaGrad, 0.3f), rms9, opt(K::Adam, 0.05f), opt(K::SGD, 0.001f, 0.9f)}},
        {"Adam's bias-corrected first steps",
         "Adam's moments start at 0; dividing by 1 − ρᵗ corrects that, so its first step moves each coordinate by "
         "exactly η (here 0.05). RMSprop has no correction: its first step is η/√(1−ρ) = 10η. Plain SGD's first "
         "step is η times the steep gradient.",
         "beale", {1.0f, 1.5f}, 300, 40.0f,
         {opt(K::Adam, 0.05f), opt(K::RMSprop, 0.05f), opt(K::SGD, 0.01f)}},
        {"Escaping a saddle",
         "At a saddle the gradient vanishes without a minimum. GD starting almost on the ridge slows to a crawl "
         "before it leaves; momentum leaves faster; Adam and RMSprop scale the tiny gradient up and leave at once.",
         "saddle", {-1.5f, 0.01f}, 60, 10.0f,
         {opt(K::SGD, 0.05f), opt(K::SGD, 0.05f, 0.9f), opt(K::Adam, 0.05f), opt(K::RMSprop, 0.05f)}},
    };
  }();
  return kPresets;
}

void apply_preset(OptimViews& v, int i) {
  const Preset& p = presets()[static_cast<size_t>(i)];
  v.surf_preset = i;
  for (size_t k = 0; k < train::surfaces().size(); ++k)
    if (std::string(train::surfaces()[k].key) == p.surface) v.surf_kind = static_cast<int>(k);
  v.surf_start = p.start;
  v.surf_start_set = true;
  v.surf_steps = p.steps;
  v.surf_speed = p.speed;
  v.surf_opts.clear();
  for (const optim::OptimizerConfig& c : p.opts) v.surf_opts.push_back({true, c});
  v.surf_t = 0.0f;
  v.surf_playing = true;
}

std::string paths_key(const OptimViews& v) {
  std::string k = std::to_string(v.surf_kind) + "|" + number_text(v.surf_start[0]) + "," + number_text(v.surf_start[1]) +
                  "|" + std::to_string(v.surf_steps);
  for (const OptimViews::PathOpt& o : v.surf_opts) {
    const optim::OptimizerConfig& c = o.cfg;
    char buf[160];
    std::snprintf(buf, sizeof buf, "|%d %g %g %d %g %g %g %g", static_cast<int>(c.kind), c.lr, c.momentum,
                  c.nesterov ? 1 : 0, c.beta1, c.beta2, c.eps, c.rho);
    k += buf;
  }
  return k;
}

// Widgets for one optimizer's settings (a row of the surface view's table).
bool optimizer_widgets(optim::OptimizerConfig& c, float fs) {
  bool changed = false;
  ImGui::SetNextItemWidth(fs * 7.5f);
  if (ImGui::BeginCombo("##kind", optimizer_title(optim::optimizer_key(c.kind)))) {
    for (const OptimizerChoice& o : optimizer_choices())
      if (ImGui::Selectable(o.title, o.key == std::string(optim::optimizer_key(c.kind)))) {
        c.kind = optim::parse_optimizer(o.key).value();
        changed = true;
      }
    ImGui::EndCombo();
  }
  ImGui::SameLine();
  ImGui::SetNextItemWidth(fs * 5.0f);
  changed |= ImGui::DragFloat("η##lr", &c.lr, c.lr * 0.01f, 1e-5f, 10.0f, "η %.4g", ImGuiSliderFlags_Logarithmic);
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("learning rate (drag, or double-click to type)");
  auto small = [&](const char* id, float* x, float lo, float hi, const char* format, const char* tip) {
    ImGui::SameLine();
    ImGui::SetNextItemWidth(fs * 4.6f);
    changed |= ImGui::SliderFloat(id, x, lo, hi, format);
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", tip);
  };
  switch (c.kind) {
    case K::SGD:
      small("##m", &c.momentum, 0.0f, 0.99f, "μ %.2f", "momentum");
      ImGui::SameLine();
      changed |= ImGui::Checkbox("Nesterov", &c.nesterov);
      break;
    case K::EmaMomentum: small("##m", &c.momentum, 0.0f, 0.99f, "λ %.2f", "the lecture's λ: v ← λv − (1−λ)g"); break;
    case K::RMSprop: small("##r", &c.rho, 0.5f, 0.999f, "ρ %.3f", "decay of the squared-gradient average"); break;
    case K::Adam:
    case K::AdamW:
      small("##b1", &c.beta1, 0.0f, 0.999f, "β₁ %.3f", "first-moment decay");
      small("##b2", &c.beta2, 0.9f, 0.9999f, "β₂ %.4f", "second-moment decay");
      break;
    case K::AdaGrad: break;
  }
  return changed;
}

float step_len(const std::vector<std::array<float, 2>>& p, size_t i) {
  if (i == 0 || i >= p.size()) return 0.0f;
  return std::hypot(p[i][0] - p[i - 1][0], p[i][1] - p[i - 1][1]);
}

}  // namespace

void App::panel_surface() {
  OptimViews& v = *optim_;
  section("Loss surface");
  if (ImGui::RadioButton("Test functions", !v.surf_network)) v.surf_network = false;
  ImGui::SameLine();
  if (ImGui::RadioButton("Your network's loss", v.surf_network)) v.surf_network = true;
  if (v.surf_network) surface_network();
  else surface_functions();
}

// ========================================================= 2D test functions

void App::surface_functions() {
  OptimViews& v = *optim_;
  const float fs = ImGui::GetFontSize();
  if (v.surf_opts.empty()) apply_preset(v, 0);
  const train::SurfaceInfo& info = train::surfaces()[static_cast<size_t>(v.surf_kind)];
  if (!v.surf_start_set) v.surf_start = info.start;

  // Controls
  ImGui::SetNextItemWidth(fs * 16.0f);
  if (ImGui::BeginCombo("##preset", v.surf_preset >= 0 ? presets()[static_cast<size_t>(v.surf_preset)].title
                                                       : "Preset: the lecture's claims")) {
    for (size_t i = 0; i < presets().size(); ++i)
      if (ImGui::Selectable(presets()[i].title, v.surf_preset == static_cast<int>(i))) apply_preset(v, static_cast<int>(i));
    ImGui::EndCombo();
  }
  ImGui::SameLine();
  ImGui::SetNextItemWidth(fs * 15.0f);
  if (ImGui::BeginCombo("##fn", info.title)) {
    for (size_t i = 0; i < train::surfaces().size(); ++i)
      if (ImGui::Selectable(train::surfaces()[i].title, v.surf_kind == static_cast<int>(i))) {
        v.surf_kind = static_cast<int>(i);
        v.surf_start_set = false;
        v.surf_preset = -1;
        v.surf_t = 0;
        v.surf_playing = true;
      }
    ImGui::EndCombo();
  }
  ImGui::SameLine();
  if (ImGui::Button(v.surf_playing ? "▮▮" : "▶", ImVec2(fs * 2.2f, 0))) {
    if (!v.surf_playing && v.surf_t >= static_cast<float>(v.surf_steps)) v.surf_t = 0;
    v.surf_playing = !v.surf_playing;
  }
  if (ImGui::IsItemHovered()) ImGui::SetTooltip(v.surf_playing ? "pause" : "play");
  ImGui::SameLine();
  if (ImGui::Button("↺", ImVec2(fs * 2.2f, 0))) {
    v.surf_t = 0;
    v.surf_playing = true;
  }
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("replay from the start");
  ImGui::SameLine();
  ImGui::SetNextItemWidth(fs * 7.0f);
  ImGui::SliderInt("##steps", &v.surf_steps, 10, 2000, "%d steps", ImGuiSliderFlags_Logarithmic);
  ImGui::SameLine();
  ImGui::SetNextItemWidth(fs * 7.0f);
  ImGui::SliderFloat("##speed", &v.surf_speed, 1.0f, 500.0f, "%.0f steps/s", ImGuiSliderFlags_Logarithmic);

  // Paths (cheap: recomputed whenever anything they depend on changes)
  const std::string key = paths_key(v);
  if (key != v.surf_paths_key) {
    v.surf_paths.clear();
    for (const OptimViews::PathOpt& o : v.surf_opts)
      v.surf_paths.push_back(train::optimizer_path(info.kind, v.surf_start, o.cfg, v.surf_steps));
    v.surf_paths_key = key;
  }
  if (v.surf_playing) {
    v.surf_t += v.surf_speed * ImGui::GetIO().DeltaTime;
    if (v.surf_t >= static_cast<float>(v.surf_steps)) {
      v.surf_t = static_cast<float>(v.surf_steps);
      v.surf_playing = false;
    }
  }
  v.surf_t = std::clamp(v.surf_t, 0.0f, static_cast<float>(v.surf_steps));
  const int t = static_cast<int>(v.surf_t);

  // Layout: the picture left (keeping the function's aspect), settings and plots right.
  const ImVec2 avail = ImGui::GetContentRegionAvail();
  const float vx0 = info.view[0], vx1 = info.view[1], vy0 = info.view[2], vy1 = info.view[3];
  const float aspect = (vx1 - vx0) / (vy1 - vy0);
  const float label_w = ImGui::CalcTextSize("-4.5").x + fs * 0.4f;
  float pw = std::min(avail.x * 0.5f - label_w, (avail.y - fs * 2.0f) * aspect);
  pw = std::max(pw, fs * 10.0f);
  const float ph = pw / aspect;
  const ImVec2 cur = ImGui::GetCursorScreenPos();
  const ImVec2 a(cur.x + label_w, cur.y + fs * 0.3f), b(a.x + pw, a.y + ph);
  auto to_screen = [&](float x, float y) {
    return ImVec2(a.x + (x - vx0) / (vx1 - vx0) * pw, a.y + (vy1 - y) / (vy1 - vy0) * ph);
  };

  // Contour texture of log f (linear for the saddle, which goes negative).
  const float dpr = std::max(1.0f, ImGui::GetIO().DisplayFramebufferScale.x);
  const int tw = std::clamp(static_cast<int>(pw * dpr), 64, 640), th = std::clamp(static_cast<int>(ph * dpr), 32, 640);
  const std::string tex_key = std::string(info.key) + "|" + std::to_string(tw) + "x" + std::to_string(th);
  if (tex_key != v.surf_tex_key) {
    std::vector<float> f(static_cast<size_t>(tw) * static_cast<size_t>(th));
    float lo = INFINITY;
    for (int r = 0; r < th; ++r)
      for (int c = 0; c < tw; ++c) {
        const double x = vx0 + (vx1 - vx0) * (c + 0.5) / tw, y = vy1 - (vy1 - vy0) * (r + 0.5) / th;
        f[static_cast<size_t>(r * tw + c)] = static_cast<float>(train::surface_value(info.kind, x, y));
        lo = std::min(lo, f[static_cast<size_t>(r * tw + c)]);
      }
    if (info.kind != train::Surface::Saddle)
      for (float& x : f) x = std::log10(x - lo + 1e-3f);
    const std::vector<uint8_t> px = contour_rgba(f, tw, th, 18);
    v.surf_tex.upload_rgba(tw, th, px.data(), false);
    v.surf_tex_key = tex_key;
  }
  ImGui::SetCursorScreenPos(a);
  ImGui::Image(v.surf_tex.imgui_id(), ImVec2(pw, ph));
  ImGui::SetCursorScreenPos(a);
  ImGui::InvisibleButton("##surface", ImVec2(pw, ph));
  const ImVec2 m = ImGui::GetIO().MousePos;
  const float mx = vx0 + (m.x - a.x) / pw * (vx1 - vx0), my = vy1 - (m.y - a.y) / ph * (vy1 - vy0);
  if (ImGui::IsItemClicked()) {
    v.surf_start = {mx, my};
    v.surf_start_set = true;
    v.surf_t = 0;
    v.surf_playing = true;
  }
  if (ImGui::IsItemHovered())
    ImGui::SetTooltip("x = %.3f, y = %.3f\nf = %.5g\nclick: start here", mx, my, train::surface_value(info.kind, mx, my));

  ImDrawList* dl = ImGui::GetWindowDrawList();
  const ImU32 tick_col = ImGui::GetColorU32(ImGuiCol_TextDisabled);
  for (int k = 0; k <= 4; ++k) {  // ticks at the ends and quarters
    char buf[16];
    const float x = vx0 + (vx1 - vx0) * static_cast<float>(k) / 4.0f, y = vy0 + (vy1 - vy0) * static_cast<float>(k) / 4.0f;
    std::snprintf(buf, sizeof buf, "%g", x);
    ImVec2 ts = ImGui::CalcTextSize(buf);
    const ImVec2 px = to_screen(x, vy0);
    dl->AddText(ImVec2(std::clamp(px.x - ts.x * 0.5f, a.x - label_w, b.x - ts.x), b.y + 2), tick_col, buf);
    std::snprintf(buf, sizeof buf, "%g", y);
    ts = ImGui::CalcTextSize(buf);
    const ImVec2 py = to_screen(vx0, y);
    dl->AddText(ImVec2(a.x - ts.x - fs * 0.3f, std::clamp(py.y - ts.y * 0.5f, a.y, b.y - ts.y)), tick_col, buf);
  }
  dl->PushClipRect(a, b, true);
  // minimum (a diamond) and start (a ring)
  {
    const ImVec2 q = to_screen(info.minimum[0], info.minimum[1]);
    const float r = fs * 0.4f;
    dl->AddQuadFilled(ImVec2(q.x, q.y - r), ImVec2(q.x + r, q.y), ImVec2(q.x, q.y + r), ImVec2(q.x - r, q.y), IM_COL32(30, 30, 30, 200));
    if (info.kind == train::Surface::Saddle) dl->AddText(ImVec2(q.x + r, q.y - fs), IM_COL32(30, 30, 30, 220), "saddle");
    const ImVec2 s = to_screen(v.surf_start[0], v.surf_start[1]);
    dl->AddCircle(s, fs * 0.45f, IM_COL32(0, 0, 0, 230), 0, 2.0f);
  }
  std::vector<ImVec2> pts;
  for (size_t i = 0; i < v.surf_paths.size(); ++i) {
    if (!v.surf_opts[i].on) continue;
    const auto& p = v.surf_paths[i];
    const size_t last = std::min(p.size() - 1, static_cast<size_t>(t));
    pts.clear();
    for (size_t k = 0; k <= last; ++k) pts.push_back(to_screen(p[k][0], p[k][1]));
    ImVec2 head = pts.back();
    if (last + 1 < p.size() && static_cast<size_t>(t) == last) {  // between steps: slide the head
      const float f = v.surf_t - static_cast<float>(t);
      const ImVec2 nxt = to_screen(p[last + 1][0], p[last + 1][1]);
      head = ImVec2(head.x + (nxt.x - head.x) * f, head.y + (nxt.y - head.y) * f);
      pts.push_back(head);
    }
    if (pts.size() > 1) {
      dl->AddPolyline(pts.data(), static_cast<int>(pts.size()), IM_COL32(255, 255, 255, 200), 0, 4.0f);
      dl->AddPolyline(pts.data(), static_cast<int>(pts.size()), lane_color(static_cast<int>(i)), 0, 2.0f);
    }
    for (size_t k = 1; k + 1 < pts.size() && pts.size() < 200; ++k)  // step dots while few
      dl->AddCircleFilled(pts[k], 2.0f, lane_color(static_cast<int>(i)));
    dl->AddCircleFilled(head, fs * 0.38f, IM_COL32(255, 255, 255, 255));
    dl->AddCircleFilled(head, fs * 0.28f, lane_color(static_cast<int>(i)));
    if (p.size() - 1 < static_cast<size_t>(v.surf_steps) && static_cast<size_t>(t) >= p.size() - 1) {
      const float r = fs * 0.4f;  // diverged: a cross where it left the finite numbers
      dl->AddLine(ImVec2(head.x - r, head.y - r), ImVec2(head.x + r, head.y + r), IM_COL32(0, 0, 0, 255), 2.5f);
      dl->AddLine(ImVec2(head.x - r, head.y + r), ImVec2(head.x + r, head.y - r), IM_COL32(0, 0, 0, 255), 2.5f);
    }
  }
  dl->PopClipRect();
  dl->AddRect(a, b, IM_COL32(0, 0, 0, 90));

  // Right: optimizers, numbers at step t, and f / step length over the steps.
  ImGui::SetCursorScreenPos(ImVec2(b.x + fs * 1.0f, cur.y));
  ImGui::BeginChild("surf_side", ImVec2(0, std::max(ph + fs * 1.5f, avail.y)), false);
  if (v.surf_preset >= 0) {
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
    ImGui::TextWrapped("%s", presets()[static_cast<size_t>(v.surf_preset)].claim);
    ImGui::PopStyleColor();
  }
  ImGui::Text("step %d of %d", t, v.surf_steps);
  int remove = -1;
  for (size_t i = 0; i < v.surf_opts.size(); ++i) {
    ImGui::PushID(static_cast<int>(i));
    ImGui::PushStyleColor(ImGuiCol_CheckMark, ImGui::ColorConvertU32ToFloat4(lane_color(static_cast<int>(i))));
    ImGui::PushStyleColor(ImGuiCol_FrameBg, ImGui::ColorConvertU32ToFloat4((lane_color(static_cast<int>(i)) & 0x00FFFFFF) | 0x40000000));
    ImGui::Checkbox("##on", &v.surf_opts[i].on);
    ImGui::PopStyleColor(2);
    ImGui::SameLine();
    if (optimizer_widgets(v.surf_opts[i].cfg, fs)) {
      v.surf_preset = -1;
      v.surf_t = 0;
      v.surf_playing = true;
    }
    ImGui::SameLine();
    if (ImGui::SmallButton("×")) remove = static_cast<int>(i);
    ImGui::PopID();
  }
  if (remove >= 0 && v.surf_opts.size() > 1) v.surf_opts.erase(v.surf_opts.begin() + remove);
  if (v.surf_opts.size() < 6 && ImGui::SmallButton("+ optimizer")) {
    v.surf_opts.push_back({true, opt(K::Adam, 0.05f)});
    v.surf_preset = -1;
  }

  if (ImGui::BeginTable("surf_now", 4, ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingStretchProp)) {
    ImGui::TableSetupColumn("optimizer");
    ImGui::TableSetupColumn("f(θ)");
    ImGui::TableSetupColumn("this step");
    ImGui::TableSetupColumn("first step");
    ImGui::TableHeadersRow();
    for (size_t i = 0; i < v.surf_paths.size(); ++i) {
      if (!v.surf_opts[i].on) continue;
      const auto& p = v.surf_paths[i];
      const size_t k = std::min(p.size() - 1, static_cast<size_t>(t));
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(lane_color(static_cast<int>(i))), "%s",
                         optimizer_summary(v.surf_opts[i].cfg).c_str());
      ImGui::TableNextColumn();
      ImGui::Text("%.4g", train::surface_value(info.kind, p[k][0], p[k][1]));
      ImGui::TableNextColumn();
      if (p.size() - 1 < static_cast<size_t>(v.surf_steps) && static_cast<size_t>(t) >= p.size() - 1)
        ImGui::TextColored(kErrorText, "diverged");
      else ImGui::Text("%.3g", step_len(p, k));
      ImGui::TableNextColumn();
      ImGui::Text("%.3g", step_len(p, 1));
    }
    ImGui::EndTable();
  }

  // f(θ_k) and ‖θ_k − θ_{k−1}‖ up to the animated step (log axes where they are positive).
  std::vector<PlotSeries> fs_series, len_series;
  float f_lo = INFINITY, f_hi = -INFINITY, l_lo = INFINITY, l_hi = 0;
  for (size_t i = 0; i < v.surf_paths.size(); ++i) {
    if (!v.surf_opts[i].on) continue;
    const auto& p = v.surf_paths[i];
    PlotSeries f{"", lane_color(static_cast<int>(i)), {}, 1.8f}, l{"", lane_color(static_cast<int>(i)), {}, 1.8f};
    for (size_t k = 0; k < p.size() && k <= static_cast<size_t>(t); ++k) {
      const float fv = static_cast<float>(train::surface_value(info.kind, p[k][0], p[k][1]));
      if (!std::isfinite(fv)) break;
      f.points.emplace_back(static_cast<float>(k), fv);
      f_lo = std::min(f_lo, fv);
      f_hi = std::max(f_hi, fv);
      if (k > 0) {
        const float sl = step_len(p, k);
        l.points.emplace_back(static_cast<float>(k), std::max(sl, 1e-12f));
        if (sl > 0) l_lo = std::min(l_lo, sl), l_hi = std::max(l_hi, sl);
      }
    }
    fs_series.push_back(std::move(f));
    len_series.push_back(std::move(l));
  }
  PlotAxes fa, la;
  fa.x_label = la.x_label = "step";
  fa.x_max = la.x_max = static_cast<float>(v.surf_steps);
  fa.y_label = info.kind == train::Surface::Saddle ? "f(θ)" : "f(θ) (log)";
  la.y_label = "step length ‖θₖ − θₖ₋₁‖ (log)";
  if (std::isfinite(f_lo) && f_lo > 0 && info.kind != train::Surface::Saddle) {
    fa.y_log = true;
    fa.y_min = std::pow(10.0f, std::floor(std::log10(f_lo)));
    fa.y_max = std::pow(10.0f, std::ceil(std::log10(std::max(f_hi, f_lo * 1.01f))));
  } else if (std::isfinite(f_lo)) {
    fa.y_min = std::max(f_lo, -10.0f);
    fa.y_max = std::max(f_hi, fa.y_min + 1e-3f);
  }
  if (l_hi > 0) {
    la.y_log = true;
    la.y_min = std::pow(10.0f, std::floor(std::log10(std::max(l_lo, l_hi * 1e-6f))));
    la.y_max = std::pow(10.0f, std::ceil(std::log10(l_hi * 1.01f)));
  }
  const float w = ImGui::GetContentRegionAvail().x;
  const float h = std::max(fs * 8.0f, (ImGui::GetContentRegionAvail().y - fs) * 0.5f);
  line_plot("surf_f", fa, fs_series, ImVec2(w, h));
  line_plot("surf_len", la, len_series, ImVec2(w, h));
  ImGui::EndChild();
}

// ================================================ the network's loss slice

void App::surface_network() {
  OptimViews& v = *optim_;
  const float fs = ImGui::GetFontSize();
  const train::SessionStatus s = session_.status();
  ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
  ImGui::TextWrapped("The training loss of %s on a fixed batch, over the plane through the weights at the moment you "
                     "press Compute, spanned by two random directions scaled to each weight tensor's norm (Li et al. "
                     "2018). The dark path is the training run projected on that plane as it continues; coloured "
                     "paths are the race lanes when they train the same network.",
                     s.architecture.c_str());
  ImGui::PopStyleColor();

  const std::string net = s.dataset + "|" + s.architecture + "|" + s.layers;
  const bool loading = session_.loading();
  ImGui::BeginDisabled(loading);
  if (ImGui::Button("Compute at current weights")) {
    Status st = v.slice.start(session_, v.slice_n, v.slice_span, static_cast<uint64_t>(v.slice_seed));
    v.slice_error = st.ok() ? "" : st.to_string();
    v.slice_net = net;
    v.slice_path.clear();
    v.slice_path_step = -1;
    v.slice_lane_paths.clear();
    v.slice_lane_steps.clear();
    v.slice_tex_points = static_cast<size_t>(-1);
  }
  ImGui::EndDisabled();
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("expensive: one forward pass of the batch per grid point, spread over frames");
  ImGui::SameLine();
  ImGui::SetNextItemWidth(fs * 7.0f);
  ImGui::SliderFloat("##span", &v.slice_span, 0.02f, 2.0f, "span ±%.2f", ImGuiSliderFlags_Logarithmic);
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("half-width of the plane, in units of the direction vectors (applies on Compute)");
  ImGui::SameLine();
  ImGui::SetNextItemWidth(fs * 6.0f);
  ImGui::SliderInt("##grid", &v.slice_n, 9, 41, "grid %d");
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("grid points per side of the plane (applies on Compute)");
  ImGui::SameLine();
  ImGui::SetNextItemWidth(fs * 5.5f);
  ImGui::InputInt("##dseed", &v.slice_seed);
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("seed of the two random directions");
  v.slice_seed = std::max(0, v.slice_seed);
  ImGui::SameLine();
  ImGui::BeginDisabled(loading);
  if (!s.running) {
    if (ImGui::Button("▶ Train")) act(train::Action::Train);
  } else if (ImGui::Button("▮▮ Pause")) {
    act(train::Action::Pause);
  }
  ImGui::EndDisabled();
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("train the network of the left column (the same as Train in the Run panel)");

  if (!v.slice_error.empty()) ImGui::TextColored(kErrorText, "%s", v.slice_error.c_str());
  if (!v.slice.ready()) {
    ImGui::TextWrapped("Press Compute to take the slice at the current weights%s.",
                       s.step == 0 ? " (step 0: the path then shows where training goes from the initial weights)" : "");
    return;
  }
  // Work: a few grid points per frame (never the whole grid in one frame).
  if (!v.slice.done()) {
    Status st = v.slice.run_for(6.0);
    if (!st.ok()) v.slice_error = st.to_string();
  }
  const bool same_net = v.slice_net == net && v.slice.fits(session_.model());
  // The training path: one point per new step seen (the session's weights, projected).
  if (same_net) {
    if (s.step < v.slice_path_step) v.slice_path.clear();  // reset: a new run
    if (s.step != v.slice_path_step) {
      v.slice_path.push_back(v.slice.project(session_.model()));
      v.slice_path_step = s.step;
    }
  }
  if (race_.active()) {
    v.slice_lane_paths.resize(static_cast<size_t>(race_.size()));
    v.slice_lane_steps.resize(static_cast<size_t>(race_.size()), -1);
    for (int i = 0; i < race_.size(); ++i) {
      const train::Session& lane = race_.lane(i);
      auto& path = v.slice_lane_paths[static_cast<size_t>(i)];
      const int64_t step = lane.trainer().step_count();
      if (lane.config().dataset != session_.config().dataset || !v.slice.fits(lane.model())) {
        path.clear();
        continue;
      }
      if (step < v.slice_lane_steps[static_cast<size_t>(i)]) path.clear();
      if (step != v.slice_lane_steps[static_cast<size_t>(i)]) {
        path.push_back(v.slice.project(lane.model()));
        v.slice_lane_steps[static_cast<size_t>(i)] = step;
      }
    }
  }

  // Texture: log10 loss, bilinearly upsampled, refreshed while the grid fills in.
  const int n = v.slice.n();
  const size_t computed = static_cast<size_t>(v.slice.progress() * static_cast<float>(n * n) + 0.5f);
  const double now = platform::now_ms();
  if (computed != v.slice_tex_points && (v.slice.done() || now - v.slice_time > 150.0)) {
    const int R = 256;
    const std::vector<float>& g = v.slice.values();
    std::vector<float> up(static_cast<size_t>(R) * R);
    for (int r = 0; r < R; ++r)
      for (int c = 0; c < R; ++c) {
        // row 0 of the picture is the top (b = +span); grid row 0 is b = −span
        const float gx = (static_cast<float>(c) + 0.5f) / R * static_cast<float>(n - 1);
        const float gy = (1.0f - (static_cast<float>(r) + 0.5f) / R) * static_cast<float>(n - 1);
        const int x0 = std::min(n - 2, static_cast<int>(gx)), y0 = std::min(n - 2, static_cast<int>(gy));
        const float fx = gx - static_cast<float>(x0), fy = gy - static_cast<float>(y0);
        auto at = [&](int x, int y) { return std::log10(std::max(g[static_cast<size_t>(y * n + x)], 1e-12f)); };
        const float val = (at(x0, y0) * (1 - fx) + at(x0 + 1, y0) * fx) * (1 - fy) +
                          (at(x0, y0 + 1) * (1 - fx) + at(x0 + 1, y0 + 1) * fx) * fy;
        up[static_cast<size_t>(r * R + c)] = val;  // NaN (not computed yet) propagates: drawn grey
      }
    const std::vector<uint8_t> px = contour_rgba(up, R, R, 16);
    v.slice_tex.upload_rgba(R, R, px.data(), false);
    v.slice_tex_points = computed;
    v.slice_time = now;
  }

  // Picture
  const ImVec2 avail = ImGui::GetContentRegionAvail();
  const float label_w = ImGui::CalcTextSize("-0.00").x + fs * 0.4f;
  const float side = std::max(fs * 10.0f, std::min(avail.x * 0.58f - label_w, avail.y - fs * 2.5f));
  const ImVec2 cur = ImGui::GetCursorScreenPos();
  const ImVec2 a(cur.x + label_w, cur.y + fs * 0.3f), b(a.x + side, a.y + side);
  const float span = v.slice.span();
  auto to_screen = [&](float x, float y) {
    return ImVec2(a.x + (x + span) / (2 * span) * side, a.y + (span - y) / (2 * span) * side);
  };
  ImGui::SetCursorScreenPos(a);
  ImGui::Image(v.slice_tex.imgui_id(), ImVec2(side, side));
  if (ImGui::IsItemHovered()) {
    const ImVec2 m = ImGui::GetIO().MousePos;
    const float x = (m.x - a.x) / side * 2 * span - span, y = span - (m.y - a.y) / side * 2 * span;
    const int c = std::clamp(static_cast<int>(std::lround((x + span) / (2 * span) * static_cast<float>(n - 1))), 0, n - 1);
    const int r = std::clamp(static_cast<int>(std::lround((y + span) / (2 * span) * static_cast<float>(n - 1))), 0, n - 1);
    const float l = v.slice.values()[static_cast<size_t>(r * n + c)];
    if (std::isfinite(l)) ImGui::SetTooltip("α = %.3f, β = %.3f\nloss ≈ %.4g (nearest grid point)", x, y, l);
  }
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const ImU32 tick_col = ImGui::GetColorU32(ImGuiCol_TextDisabled);
  for (int k = 0; k <= 4; ++k) {
    char buf[16];
    const float x = -span + 2 * span * static_cast<float>(k) / 4.0f;
    std::snprintf(buf, sizeof buf, "%.2g", x);
    ImVec2 ts = ImGui::CalcTextSize(buf);
    const ImVec2 px = to_screen(x, -span), py = to_screen(-span, x);
    dl->AddText(ImVec2(std::clamp(px.x - ts.x * 0.5f, a.x - label_w, b.x - ts.x), b.y + 2), tick_col, buf);
    dl->AddText(ImVec2(a.x - ts.x - fs * 0.3f, std::clamp(py.y - ts.y * 0.5f, a.y, b.y - ts.y)), tick_col, buf);
  }
  dl->PushClipRect(a, b, true);
  auto draw_path = [&](const std::vector<std::array<float, 2>>& path, ImU32 col) {
    if (path.empty()) return;
    std::vector<ImVec2> pts;
    for (const auto& p : path) pts.push_back(to_screen(p[0], p[1]));
    if (pts.size() > 1) {
      dl->AddPolyline(pts.data(), static_cast<int>(pts.size()), IM_COL32(255, 255, 255, 200), 0, 4.0f);
      dl->AddPolyline(pts.data(), static_cast<int>(pts.size()), col, 0, 2.0f);
    }
    dl->AddCircleFilled(pts.back(), fs * 0.38f, IM_COL32(255, 255, 255, 255));
    dl->AddCircleFilled(pts.back(), fs * 0.28f, col);
  };
  for (size_t i = 0; i < v.slice_lane_paths.size(); ++i) draw_path(v.slice_lane_paths[i], lane_color(static_cast<int>(i)));
  draw_path(v.slice_path, IM_COL32(20, 20, 20, 255));
  {
    const ImVec2 o = to_screen(0, 0);
    dl->AddCircle(o, fs * 0.45f, IM_COL32(0, 0, 0, 230), 0, 2.0f);
  }
  dl->PopClipRect();
  dl->AddRect(a, b, IM_COL32(0, 0, 0, 90));

  // Right: numbers
  ImGui::SetCursorScreenPos(ImVec2(b.x + fs * 1.0f, cur.y));
  ImGui::BeginGroup();
  ImGui::PushTextWrapPos(ImGui::GetContentRegionMax().x);
  if (!v.slice.done()) {
    ImGui::ProgressBar(v.slice.progress(), ImVec2(fs * 12.0f, 0), "computing the grid");
  }
  ImGui::Text("Origin: step %lld, loss %.4g", static_cast<long long>(v.slice.origin_step()), v.slice.origin_loss());
  ImGui::Text("Grid: %d × %d, α and β from −%.2g to %.2g", n, n, span, span);
  if (same_net && !v.slice_path.empty()) {
    const auto& p = v.slice_path.back();
    ImGui::Text("Now: step %lld at (α, β) = (%.3f, %.3f)", static_cast<long long>(s.step), p[0], p[1]);
    if (s.has_metrics) ImGui::Text("Training loss now: %.4g", s.loss_train);
  } else if (!same_net) {
    ImGui::TextColored(kErrorText, "The network or data changed since this slice: compute it again.");
  }
  ImGui::Spacing();
  ImGui::TextDisabled("Reading it");
  ImGui::TextWrapped("The ring is the origin (the weights when you pressed Compute). Two random directions in a "
                     "space of %s weights are almost orthogonal to the way training moves, so the projected path "
                     "is a short shadow of the real one: shrink the span to see it, or compute again later to see "
                     "the loss around the new weights.",
                     format_count(s.num_params).c_str());
  ImGui::PopTextWrapPos();
  ImGui::EndGroup();
}

}  // namespace nnplay::ui
