// test_functions.cpp — the loss-surface view's test functions
// (train/surfaces.h): a ravine, Rosenbrock, a saddle and Beale, drawn as a
// colour map of log f with contour lines (a texture made on the CPU: the
// functions are exact and cheap), and the path of every chosen optimizer
// from the same start, animated step by step with a moving head. Paths come
// from train::optimizer_path(), the optimizers that train the networks.
// Presets set up the lecture's claims; a click on the picture moves the
// start. Beside the picture: the optimizers, their numbers at the animated
// step, and f and the step length over the steps.
#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <cstdlib>

#include "gfx/texture.h"
#include "imgui.h"
#include "train/surfaces.h"
#include "ui/context.h"
#include "ui/optimizers/surface_parts.h"
#include "ui/plot.h"
#include "ui/widgets.h"

namespace nnplay::ui {
namespace {

using K = optim::OptimizerKind;
using Path = std::vector<std::array<float, 2>>;

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

/// "Adam η 0.01 β 0.9/0.999": a one-line summary of an optimizer's settings.
std::string optimizer_summary(const optim::OptimizerConfig& c) {
  std::string s = optim::optimizer_title(c.kind);
  char buf[96];
  std::snprintf(buf, sizeof buf, " η %.3g", static_cast<double>(c.lr));
  s += buf;
  buf[0] = '\0';
  const double m = c.momentum;
  if (c.kind == K::SGD && c.momentum > 0) std::snprintf(buf, sizeof buf, " μ %.2g%s", m, c.nesterov ? " Nesterov" : "");
  if (c.kind == K::EmaMomentum) std::snprintf(buf, sizeof buf, " λ %.2g", m);
  if (c.kind == K::RMSprop) std::snprintf(buf, sizeof buf, " ρ %.3g", static_cast<double>(c.rho));
  if (c.kind == K::Adam || c.kind == K::AdamW)
    std::snprintf(buf, sizeof buf, " β %.2g/%.3g", static_cast<double>(c.beta1), static_cast<double>(c.beta2));
  return s + buf;
}

float step_len(const Path& p, size_t i) {
  if (i == 0 || i >= p.size()) return 0.0f;
  return std::hypot(p[i][0] - p[i - 1][0], p[i][1] - p[i - 1][1]);
}

// ------------------------------------------------- one optimizer's widgets

bool kind_menu(optim::OptimizerConfig& c, float fs) {
  ImGui::SetNextItemWidth(fs * 7.5f);
  if (!ImGui::BeginCombo("##kind", optim::optimizer_title(c.kind))) return false;
  bool changed = false;
  for (K k : optim::kOptimizerKinds)
    if (ImGui::Selectable(optim::optimizer_title(k), k == c.kind) && k != c.kind) {
      c.kind = k;
      changed = true;
    }
  ImGui::EndCombo();
  return changed;
}

// η: a logarithmic drag; a right-click opens a field to type it (Enter applies).
bool lr_drag(float* lr, float fs) {
  ImGui::SetNextItemWidth(fs * 5.0f);
  const ImGuiSliderFlags flags = ImGuiSliderFlags_Logarithmic | ImGuiSliderFlags_NoInput;
  bool changed = ImGui::DragFloat("##lr", lr, *lr * 0.01f, 1e-5f, 10.0f, "η %.4g", flags);
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("learning rate (drag, or right-click to type)");
  if (ImGui::BeginPopupContextItem("type_lr")) {
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted("η");
    ImGui::SameLine();
    if (ImGui::IsWindowAppearing()) ImGui::SetKeyboardFocusHere();
    std::string typed;
    if (commit_input("##typed", train::number_text(static_cast<double>(*lr)), &typed, fs * 6.0f)) {
      char* end = nullptr;
      const float v = std::strtof(typed.c_str(), &end);
      if (end != typed.c_str() && v >= 1e-5f && v <= 10.0f) {
        *lr = v;
        changed = true;
        ImGui::CloseCurrentPopup();
      }
    }
    ImGui::EndPopup();
  }
  return changed;
}

bool small_slider(const char* id, float* x, float lo, float hi, const char* format, const char* tip, float fs) {
  ImGui::SameLine();
  ImGui::SetNextItemWidth(fs * 4.6f);
  const bool changed = ImGui::SliderFloat(id, x, lo, hi, format, ImGuiSliderFlags_NoInput);
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", tip);
  return changed;
}

// Widgets for one optimizer's settings (a row beside the picture).
bool optimizer_widgets(optim::OptimizerConfig& c, float fs) {
  bool changed = kind_menu(c, fs);
  ImGui::SameLine();
  changed |= lr_drag(&c.lr, fs);
  switch (c.kind) {
    case K::SGD:
      changed |= small_slider("##m", &c.momentum, 0.0f, 0.99f, "μ %.2f", "momentum", fs);
      ImGui::SameLine();
      changed |= ImGui::Checkbox("Nesterov", &c.nesterov);
      break;
    case K::EmaMomentum:
      changed |= small_slider("##m", &c.momentum, 0.0f, 0.99f, "λ %.2f", "the lecture's λ: v ← λv − (1−λ)g", fs);
      break;
    case K::RMSprop:
      changed |= small_slider("##r", &c.rho, 0.5f, 0.999f, "ρ %.3f", "decay of the squared-gradient average", fs);
      break;
    case K::Adam:
    case K::AdamW:
      changed |= small_slider("##b1", &c.beta1, 0.0f, 0.999f, "β₁ %.3f", "first-moment decay", fs);
      changed |= small_slider("##b2", &c.beta2, 0.9f, 0.9999f, "β₂ %.4f", "second-moment decay", fs);
      break;
    case K::AdaGrad: break;
  }
  return changed;
}

// ------------------------------------------------------------------ the view

class TestFunctions : public View {
 public:
  void draw(Ctx&) override {
    if (opts_.empty()) apply_preset(0);
    const train::SurfaceInfo& info = train::surfaces()[static_cast<size_t>(kind_)];
    if (!start_set_) start_ = info.start;
    menus(info);
    playback();
    update_paths(info);
    animate();
    const ImVec2 cur = ImGui::GetCursorScreenPos(), avail = ImGui::GetContentRegionAvail();
    const float label_w = ImGui::CalcTextSize("-4.5").x + ImGui::GetFontSize() * 0.4f;
    const PlaneRect p = layout(info, avail, label_w);
    picture(info, p);
    plane_ticks(p, "%g", label_w);
    paths(info, p);
    side(info, p, cur, avail);
  }

 private:
  struct PathOpt {
    bool on = true;
    optim::OptimizerConfig cfg;
  };

  int step() const { return static_cast<int>(t_); }
  void replay() {
    t_ = 0;
    playing_ = true;
  }
  // True when path i stopped early (non-finite) and the animation reached its end.
  bool diverged(size_t i) const {
    const size_t n = paths_[i].size();
    return n - 1 < static_cast<size_t>(steps_) && static_cast<size_t>(step()) >= n - 1;
  }

  void apply_preset(int i) {
    const Preset& p = presets()[static_cast<size_t>(i)];
    preset_ = i;
    for (size_t k = 0; k < train::surfaces().size(); ++k)
      if (std::string(train::surfaces()[k].key) == p.surface) kind_ = static_cast<int>(k);
    start_ = p.start;
    start_set_ = true;
    steps_ = p.steps;
    speed_ = p.speed;
    opts_.clear();
    for (const optim::OptimizerConfig& c : p.opts) opts_.push_back({true, c});
    replay();
  }

  // The preset and the function.
  void menus(const train::SurfaceInfo& info) {
    const float fs = ImGui::GetFontSize();
    ImGui::SetNextItemWidth(fs * 16.0f);
    const char* preset = preset_ >= 0 ? presets()[static_cast<size_t>(preset_)].title : "Preset: the lecture's claims";
    if (ImGui::BeginCombo("##preset", preset)) {
      for (size_t i = 0; i < presets().size(); ++i)
        if (ImGui::Selectable(presets()[i].title, preset_ == static_cast<int>(i))) apply_preset(static_cast<int>(i));
      ImGui::EndCombo();
    }
    ImGui::SameLine();
    ImGui::SetNextItemWidth(fs * 15.0f);
    if (ImGui::BeginCombo("##fn", info.title)) {
      for (size_t i = 0; i < train::surfaces().size(); ++i)
        if (ImGui::Selectable(train::surfaces()[i].title, kind_ == static_cast<int>(i))) {
          kind_ = static_cast<int>(i);
          start_set_ = false;
          preset_ = -1;
          replay();
        }
      ImGui::EndCombo();
    }
  }

  // Play / pause, replay, the number of steps and the speed.
  void playback() {
    const float fs = ImGui::GetFontSize();
    ImGui::SameLine();
    if (ImGui::Button(playing_ ? "▮▮" : "▶", ImVec2(fs * 2.2f, 0))) {
      if (!playing_ && t_ >= static_cast<float>(steps_)) t_ = 0;
      playing_ = !playing_;
    }
    if (ImGui::IsItemHovered()) ImGui::SetTooltip(playing_ ? "pause" : "play");
    ImGui::SameLine();
    if (ImGui::Button("↺", ImVec2(fs * 2.2f, 0))) replay();
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("replay from the start");
    ImGui::SameLine();
    ImGui::SetNextItemWidth(fs * 7.0f);
    ImGui::SliderInt("##steps", &steps_, 10, 2000, "%d steps", ImGuiSliderFlags_Logarithmic | ImGuiSliderFlags_NoInput);
    ImGui::SameLine();
    ImGui::SetNextItemWidth(fs * 7.0f);
    ImGui::SliderFloat("##speed", &speed_, 1.0f, 500.0f, "%.0f steps/s",
                       ImGuiSliderFlags_Logarithmic | ImGuiSliderFlags_NoInput);
  }

  // Paths are cheap: made again whenever anything they depend on changes.
  void update_paths(const train::SurfaceInfo& info) {
    std::string key = std::to_string(kind_) + "|" + train::number_text(static_cast<double>(start_[0])) + "," +
                      train::number_text(static_cast<double>(start_[1])) + "|" + std::to_string(steps_);
    for (const PathOpt& o : opts_) {
      const optim::OptimizerConfig& c = o.cfg;
      char buf[160];
      std::snprintf(buf, sizeof buf, "|%d %g %g %d %g %g %g %g", static_cast<int>(c.kind), static_cast<double>(c.lr),
                    static_cast<double>(c.momentum), c.nesterov ? 1 : 0, static_cast<double>(c.beta1),
                    static_cast<double>(c.beta2), static_cast<double>(c.eps), static_cast<double>(c.rho));
      key += buf;
    }
    if (key == paths_key_) return;
    paths_.clear();
    for (const PathOpt& o : opts_) paths_.push_back(train::optimizer_path(info.kind, start_, o.cfg, steps_));
    paths_key_ = key;
  }

  void animate() {
    if (playing_) {
      t_ += speed_ * ImGui::GetIO().DeltaTime;
      if (t_ >= static_cast<float>(steps_)) {
        t_ = static_cast<float>(steps_);
        playing_ = false;
      }
    }
    t_ = std::clamp(t_, 0.0f, static_cast<float>(steps_));
  }

  // The picture left (keeping the function's aspect), settings and plots right.
  static PlaneRect layout(const train::SurfaceInfo& info, ImVec2 avail, float label_w) {
    const float fs = ImGui::GetFontSize();
    const float vx0 = info.view[0], vx1 = info.view[1], vy0 = info.view[2], vy1 = info.view[3];
    const float aspect = (vx1 - vx0) / (vy1 - vy0);
    const float pw = std::max(fs * 10.0f, std::min(avail.x * 0.5f - label_w, (avail.y - fs * 2.0f) * aspect));
    const ImVec2 cur = ImGui::GetCursorScreenPos();
    const ImVec2 a(cur.x + label_w, cur.y + fs * 0.3f);
    return PlaneRect{a, ImVec2(a.x + pw, a.y + pw / aspect), vx0, vx1, vy0, vy1};
  }

  // The contour picture; a click moves the start, hovering reads f.
  void picture(const train::SurfaceInfo& info, const PlaneRect& p) {
    const ImVec2 size(p.b.x - p.a.x, p.b.y - p.a.y);
    update_texture(info, p, size);
    ImGui::SetCursorScreenPos(p.a);
    ImGui::Image(tex_.imgui_id(), size);
    ImGui::SetCursorScreenPos(p.a);
    ImGui::InvisibleButton("##surface", size);
    const ImVec2 m = p.to_plane(ImGui::GetIO().MousePos);
    if (ImGui::IsItemClicked()) {
      start_ = {m.x, m.y};
      start_set_ = true;
      replay();
    }
    if (ImGui::IsItemHovered())
      ImGui::SetTooltip("x = %.3f, y = %.3f\nf = %.5g\nclick: start here", static_cast<double>(m.x),
                        static_cast<double>(m.y), train::surface_value(info.kind, m.x, m.y));
  }

  // Contour texture of log f (linear for the saddle, which goes negative), at the drawn size.
  void update_texture(const train::SurfaceInfo& info, const PlaneRect& p, ImVec2 size) {
    const float dpr = std::max(1.0f, ImGui::GetIO().DisplayFramebufferScale.x);
    const int tw = std::clamp(static_cast<int>(size.x * dpr), 64, 640);
    const int th = std::clamp(static_cast<int>(size.y * dpr), 32, 640);
    const std::string key = std::string(info.key) + "|" + std::to_string(tw) + "x" + std::to_string(th);
    if (key == tex_key_) return;
    std::vector<float> f(static_cast<size_t>(tw) * static_cast<size_t>(th));
    float lo = INFINITY;
    for (int r = 0; r < th; ++r)
      for (int c = 0; c < tw; ++c) {
        const double x = p.x0 + (p.x1 - p.x0) * (c + 0.5) / tw, y = p.y1 - (p.y1 - p.y0) * (r + 0.5) / th;
        float& v = f[static_cast<size_t>(r) * static_cast<size_t>(tw) + static_cast<size_t>(c)];
        v = static_cast<float>(train::surface_value(info.kind, x, y));
        lo = std::min(lo, v);
      }
    if (info.kind != train::Surface::Saddle)
      for (float& x : f) x = std::log10(x - lo + 1e-3f);
    const std::vector<uint8_t> px = contour_rgba(f, tw, th, 18);
    tex_.upload_rgba(tw, th, px.data(), false);
    tex_key_ = key;
  }

  // The minimum (a diamond), the start (a ring) and every path up to the animated step.
  void paths(const train::SurfaceInfo& info, const PlaneRect& p) const {
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const float fs = ImGui::GetFontSize(), r = fs * 0.4f;
    dl->PushClipRect(p.a, p.b, true);
    const ImVec2 q = p.to_screen(info.minimum[0], info.minimum[1]);
    dl->AddQuadFilled(ImVec2(q.x, q.y - r), ImVec2(q.x + r, q.y), ImVec2(q.x, q.y + r), ImVec2(q.x - r, q.y),
                      IM_COL32(30, 30, 30, 200));
    if (info.kind == train::Surface::Saddle)
      dl->AddText(ImVec2(q.x + r, q.y - fs), IM_COL32(30, 30, 30, 220), "saddle");
    dl->AddCircle(p.to_screen(start_[0], start_[1]), fs * 0.45f, IM_COL32(0, 0, 0, 230), 0, 2.0f);
    const int t = step();
    std::vector<ImVec2> pts;
    for (size_t i = 0; i < paths_.size() && i < opts_.size(); ++i) {
      const Path& path = paths_[i];
      if (!opts_[i].on || path.empty()) continue;
      const size_t last = std::min(path.size() - 1, static_cast<size_t>(t));
      pts.clear();
      for (size_t k = 0; k <= last; ++k) pts.push_back(p.to_screen(path[k][0], path[k][1]));
      ImVec2 head = pts.back();
      if (last + 1 < path.size() && static_cast<size_t>(t) == last) {  // between steps: slide the head
        const float f = t_ - static_cast<float>(t);
        const ImVec2 next = p.to_screen(path[last + 1][0], path[last + 1][1]);
        head = ImVec2(head.x + (next.x - head.x) * f, head.y + (next.y - head.y) * f);
        pts.push_back(head);
      }
      path_line(dl, pts, lane_color(static_cast<int>(i)), head, true);
      if (diverged(i)) {  // a cross where it left the finite numbers
        dl->AddLine(ImVec2(head.x - r, head.y - r), ImVec2(head.x + r, head.y + r), IM_COL32(0, 0, 0, 255), 2.5f);
        dl->AddLine(ImVec2(head.x - r, head.y + r), ImVec2(head.x + r, head.y - r), IM_COL32(0, 0, 0, 255), 2.5f);
      }
    }
    dl->PopClipRect();
    dl->AddRect(p.a, p.b, IM_COL32(0, 0, 0, 90));
  }

  // Right: the preset's claim, the optimizers, numbers at step t, f and step length over the steps.
  void side(const train::SurfaceInfo& info, const PlaneRect& p, ImVec2 cur, ImVec2 avail) {
    const float fs = ImGui::GetFontSize();
    ImGui::SetCursorScreenPos(ImVec2(p.b.x + fs * 1.0f, cur.y));
    ImGui::BeginChild("surf_side", ImVec2(0, std::max(p.b.y - p.a.y + fs * 1.5f, avail.y)), false);
    if (preset_ >= 0) note(presets()[static_cast<size_t>(preset_)].claim);
    ImGui::Text("step %d of %d", step(), steps_);
    optimizer_rows();
    update_paths(info);  // the rows may have changed them
    now_table(info);
    side_plots(info);
    ImGui::EndChild();
  }

  void optimizer_rows() {
    // The widgets' widths are in font sizes; a row needs about 30 of them:
    // narrower columns shrink the widths, so the × stays on screen.
    const float fs = ImGui::GetFontSize() * std::min(1.0f, ImGui::GetContentRegionAvail().x / (ImGui::GetFontSize() * 30.0f));
    int remove = -1;
    for (size_t i = 0; i < opts_.size(); ++i) {
      const ImU32 col = lane_color(static_cast<int>(i));
      ImGui::PushID(static_cast<int>(i));
      ImGui::PushStyleColor(ImGuiCol_CheckMark, ImGui::ColorConvertU32ToFloat4(col));
      const ImU32 tint = (col & ~IM_COL32_A_MASK) | IM_COL32(0, 0, 0, 64);
      ImGui::PushStyleColor(ImGuiCol_FrameBg, ImGui::ColorConvertU32ToFloat4(tint));
      ImGui::Checkbox("##on", &opts_[i].on);
      ImGui::PopStyleColor(2);
      ImGui::SameLine();
      if (optimizer_widgets(opts_[i].cfg, fs)) {
        preset_ = -1;
        replay();
      }
      ImGui::SameLine();
      if (ImGui::SmallButton("×")) remove = static_cast<int>(i);
      ImGui::PopID();
    }
    if (remove >= 0 && opts_.size() > 1) opts_.erase(opts_.begin() + remove);
    if (opts_.size() < 6 && ImGui::SmallButton("+ optimizer")) {
      opts_.push_back({true, opt(K::Adam, 0.05f)});
      preset_ = -1;
    }
  }

  void now_table(const train::SurfaceInfo& info) const {
    if (!ImGui::BeginTable("surf_now", 4, ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingStretchProp)) return;
    ImGui::TableSetupColumn("optimizer");
    ImGui::TableSetupColumn("f(θ)");
    ImGui::TableSetupColumn("this step");
    ImGui::TableSetupColumn("first step");
    ImGui::TableHeadersRow();
    for (size_t i = 0; i < paths_.size(); ++i) {
      const Path& p = paths_[i];
      if (!opts_[i].on || p.empty()) continue;
      const size_t k = std::min(p.size() - 1, static_cast<size_t>(step()));
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(lane_color(static_cast<int>(i))), "%s",
                         optimizer_summary(opts_[i].cfg).c_str());
      ImGui::TableNextColumn();
      ImGui::Text("%.4g", train::surface_value(info.kind, p[k][0], p[k][1]));
      ImGui::TableNextColumn();
      if (diverged(i)) ImGui::TextColored(kErrorText, "diverged");
      else ImGui::Text("%.3g", static_cast<double>(step_len(p, k)));
      ImGui::TableNextColumn();
      ImGui::Text("%.3g", static_cast<double>(step_len(p, 1)));
    }
    ImGui::EndTable();
  }

  // f(θ_k) and ‖θ_k − θ_{k−1}‖ up to the animated step (log axes where they are positive).
  void side_plots(const train::SurfaceInfo& info) const {
    std::vector<PlotSeries> values, lengths;
    float f_lo = INFINITY, f_hi = -INFINITY, l_lo = INFINITY, l_hi = 0;
    const size_t t = static_cast<size_t>(step());
    for (size_t i = 0; i < paths_.size(); ++i) {
      if (!opts_[i].on) continue;
      const Path& p = paths_[i];
      const ImU32 col = lane_color(static_cast<int>(i));
      PlotSeries f{"", col, {}, 1.8f}, l{"", col, {}, 1.8f};
      for (size_t k = 0; k < p.size() && k <= t; ++k) {
        const float fv = static_cast<float>(train::surface_value(info.kind, p[k][0], p[k][1]));
        if (!std::isfinite(fv)) break;
        f.points.emplace_back(static_cast<float>(k), fv);
        f_lo = std::min(f_lo, fv);
        f_hi = std::max(f_hi, fv);
        if (k == 0) continue;
        const float sl = step_len(p, k);
        l.points.emplace_back(static_cast<float>(k), std::max(sl, 1e-12f));
        if (sl > 0) l_lo = std::min(l_lo, sl), l_hi = std::max(l_hi, sl);
      }
      values.push_back(std::move(f));
      lengths.push_back(std::move(l));
    }
    const bool saddle = info.kind == train::Surface::Saddle;
    PlotAxes fa, la;
    fa.x_label = la.x_label = "step";
    fa.x_max = la.x_max = static_cast<float>(steps_);
    fa.y_label = saddle ? "f(θ)" : "f(θ) (log)";
    la.y_label = "step length ‖θₖ − θₖ₋₁‖ (log)";
    if (std::isfinite(f_lo) && f_lo > 0 && !saddle) {
      fa.set_log_range(f_lo, f_hi);
    } else if (std::isfinite(f_lo)) {
      fa.y_min = std::max(f_lo, -10.0f);
      fa.y_max = std::max(f_hi, fa.y_min + 1e-3f);
    }
    if (l_hi > 0) la.set_log_range(std::max(l_lo, l_hi * 1e-6f), l_hi * 1.01f);
    const float fs = ImGui::GetFontSize(), w = ImGui::GetContentRegionAvail().x;
    const float h = std::max(fs * 8.0f, (ImGui::GetContentRegionAvail().y - fs) * 0.5f);
    line_plot("surf_f", fa, values, ImVec2(w, h));
    line_plot("surf_len", la, lengths, ImVec2(w, h));
  }

  int kind_ = 0;  // index into train::surfaces()
  std::array<float, 2> start_{};
  bool start_set_ = false;  // false: the function's own start
  std::vector<PathOpt> opts_;
  int preset_ = -1;
  int steps_ = 150;
  float speed_ = 30.0f;  // steps per second
  float t_ = 0.0f;       // animation position in steps
  bool playing_ = true;
  std::vector<Path> paths_;
  std::string paths_key_;  // what paths_ were made from
  gfx::Texture tex_;
  std::string tex_key_;  // function and size of tex_
};

}  // namespace

std::unique_ptr<View> make_test_functions() { return std::make_unique<TestFunctions>(); }

}  // namespace nnplay::ui
