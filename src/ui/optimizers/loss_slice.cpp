// loss_slice.cpp — the loss-surface view's "your network" mode: the
// network's training loss on a fixed batch along two random directions
// through its current weights (train::LossSliceJob: a copy of the network, a
// few grid points per frame, only on request), with the path of the training
// session (and of the race lanes on the same network) projected onto that
// plane as training continues. The slice belongs to the network it was taken
// from: when the session's network is rebuilt (an edit, other data) the
// picture says so and the path stops.
#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <cstdlib>

#include "gfx/texture.h"
#include "imgui.h"
#include "train/loss_slice_job.h"
#include "ui/context.h"
#include "ui/optimizers/surface_parts.h"
#include "ui/widgets.h"

namespace nnplay::ui {
namespace {

// A session's weights projected on the plane, one point per step seen; a new
// run (a reset or load replaces the weights, or the step goes back) starts over.
struct Track {
  std::vector<std::array<float, 2>> points;
  train::SessionVersion seen;

  void follow(const train::LossSliceJob& job, const train::Session& s) {
    const train::SessionVersion v = s.version();
    if (v.weights != seen.weights || v.step < seen.step) points.clear();
    if (points.empty() || v.step != seen.step) points.push_back(job.project(s.model()));
    seen = v;
  }
};

class LossSliceView : public View {
 public:
  void draw(Ctx& ctx) override {
    const train::SessionStatus s = ctx.session().status();
    intro(s);
    controls(ctx, s);
    if (!error_.empty()) ImGui::TextColored(kErrorText, "%s", error_.c_str());
    if (!job_.ready()) {
      ImGui::TextWrapped("Press Compute to take the slice at the current weights%s.",
                         s.step == 0 ? " (step 0: the path then shows where training goes from the initial weights)"
                                     : "");
      return;
    }
    if (!job_.done()) {  // a few grid points per frame, never the whole grid in one
      const Status st = job_.run_for(6.0);
      if (!st.ok()) error_ = st.to_string();
    }
    const bool same_net = same_network(ctx.session());
    follow_paths(ctx, same_net);
    update_texture(ctx.now_ms());
    const ImVec2 cur = ImGui::GetCursorScreenPos();
    const float label_w = ImGui::CalcTextSize("-0.00").x + ImGui::GetFontSize() * 0.4f;
    const PlaneRect p = layout(label_w);
    picture(p);
    plane_ticks(p, "%.2g", label_w);
    paths(p);
    numbers(s, same_net, p, cur);
  }

 private:
  static void intro(const train::SessionStatus& s) {
    char text[640];
    std::snprintf(text, sizeof text,
                  "The training loss of %s on a fixed batch, over the plane through the weights at the moment you "
                  "press Compute, spanned by two random directions scaled to each weight tensor's norm (Li et al. "
                  "2018). The dark path is the training run projected on that plane as it continues; coloured "
                  "paths are the race lanes when they train the same network.",
                  s.architecture.c_str());
    note(text);
  }

  // Compute, the plane's span, grid and seed, and the run's Train / Pause.
  void controls(Ctx& ctx, const train::SessionStatus& s) {
    const float fs = ImGui::GetFontSize();
    const bool loading = ctx.session().loading();
    ImGui::BeginDisabled(loading);
    if (ImGui::Button("Compute at current weights")) compute(ctx.session());
    ImGui::EndDisabled();
    if (ImGui::IsItemHovered())
      ImGui::SetTooltip("expensive: one forward pass of the batch per grid point, spread over frames");
    ImGui::SameLine();
    ImGui::SetNextItemWidth(fs * 7.0f);
    ImGui::SliderFloat("##span", &span_, 0.02f, 2.0f, "span ±%.2f",
                       ImGuiSliderFlags_Logarithmic | ImGuiSliderFlags_NoInput);
    if (ImGui::IsItemHovered())
      ImGui::SetTooltip("half-width of the plane, in units of the direction vectors (applies on Compute)");
    ImGui::SameLine();
    ImGui::SetNextItemWidth(fs * 6.0f);
    ImGui::SliderInt("##grid", &n_, 9, 41, "grid %d", ImGuiSliderFlags_NoInput);
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("grid points per side of the plane (applies on Compute)");
    ImGui::SameLine();
    std::string typed;
    if (commit_input("##dseed", std::to_string(seed_), &typed, fs * 5.5f))
      seed_ = std::max(0L, std::strtol(typed.c_str(), nullptr, 10));
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("seed of the two random directions (Enter applies)");
    ImGui::SameLine();
    train_pause_button(ctx);
    if (ImGui::IsItemHovered())
      ImGui::SetTooltip("train the network of the left column (the same as Train in the Run panel)");
  }

  void compute(const train::Session& session) {
    const Status st = job_.start(session, n_, span_, static_cast<uint64_t>(seed_));
    error_ = st.ok() ? "" : st.to_string();
    network_ = session.version().network;
    path_ = Track{};
    lanes_.clear();
    tex_points_ = static_cast<size_t>(-1);
  }

  bool same_network(const train::Session& session) const {
    return session.version().network == network_ && job_.fits(session.model());
  }

  // The session's path while it is the slice's network; the race lanes' when
  // they train the same data and network.
  void follow_paths(Ctx& ctx, bool same_net) {
    if (same_net) path_.follow(job_, ctx.session());
    const train::Race& race = ctx.play().race();
    lanes_.resize(static_cast<size_t>(race.size()));
    for (int i = 0; i < race.size(); ++i) {
      const train::Session& lane = race.lane(i);
      Track& track = lanes_[static_cast<size_t>(i)];
      if (lane.config().dataset != ctx.config().dataset || !job_.fits(lane.model())) track = Track{};
      else track.follow(job_, lane);
    }
  }

  // log10 loss, bilinearly upsampled, made again while the grid fills in.
  void update_texture(double now) {
    const int n = job_.n();
    const size_t computed = static_cast<size_t>(job_.progress() * static_cast<float>(n * n) + 0.5f);
    if (computed == tex_points_ || (!job_.done() && now - tex_time_ <= 150.0)) return;
    constexpr int R = 256;
    const std::vector<float>& g = job_.values();
    auto at = [&](int x, int y) { return std::log10(std::max(g[static_cast<size_t>(y * n + x)], 1e-12f)); };
    std::vector<float> up(static_cast<size_t>(R) * static_cast<size_t>(R));
    for (int r = 0; r < R; ++r)
      for (int c = 0; c < R; ++c) {
        // row 0 of the picture is the top (b = +span); grid row 0 is b = −span
        const float gx = (static_cast<float>(c) + 0.5f) / R * static_cast<float>(n - 1);
        const float gy = (1.0f - (static_cast<float>(r) + 0.5f) / R) * static_cast<float>(n - 1);
        const int x0 = std::min(n - 2, static_cast<int>(gx)), y0 = std::min(n - 2, static_cast<int>(gy));
        const float fx = gx - static_cast<float>(x0), fy = gy - static_cast<float>(y0);
        // NaN (not computed yet) propagates: drawn grey
        up[static_cast<size_t>(r * R + c)] = (at(x0, y0) * (1 - fx) + at(x0 + 1, y0) * fx) * (1 - fy) +
                                             (at(x0, y0 + 1) * (1 - fx) + at(x0 + 1, y0 + 1) * fx) * fy;
      }
    const std::vector<uint8_t> px = contour_rgba(up, R, R, 16);
    tex_.upload_rgba(R, R, px.data(), false);
    tex_points_ = computed;
    tex_time_ = now;
  }

  PlaneRect layout(float label_w) const {
    const float fs = ImGui::GetFontSize();
    const ImVec2 avail = ImGui::GetContentRegionAvail(), cur = ImGui::GetCursorScreenPos();
    const float side = std::max(fs * 10.0f, std::min(avail.x * 0.58f - label_w, avail.y - fs * 2.5f));
    const ImVec2 a(cur.x + label_w, cur.y + fs * 0.3f);
    const float span = job_.span();
    return PlaneRect{a, ImVec2(a.x + side, a.y + side), -span, span, -span, span};
  }

  // The picture, with the loss at the nearest grid point under the mouse.
  void picture(const PlaneRect& p) const {
    ImGui::SetCursorScreenPos(p.a);
    ImGui::Image(tex_.imgui_id(), ImVec2(p.b.x - p.a.x, p.b.y - p.a.y));
    if (!ImGui::IsItemHovered()) return;
    const int n = job_.n();
    const float span = job_.span();
    const ImVec2 m = p.to_plane(ImGui::GetIO().MousePos);
    auto grid = [&](float v) {
      return std::clamp(static_cast<int>(std::lround((v + span) / (2 * span) * static_cast<float>(n - 1))), 0, n - 1);
    };
    const float l = job_.values()[static_cast<size_t>(grid(m.y) * n + grid(m.x))];
    if (std::isfinite(l))
      ImGui::SetTooltip("α = %.3f, β = %.3f\nloss ≈ %.4g (nearest grid point)", static_cast<double>(m.x),
                        static_cast<double>(m.y), static_cast<double>(l));
  }

  // The lanes' paths, the session's (dark) on top, and the origin (a ring).
  void paths(const PlaneRect& p) const {
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->PushClipRect(p.a, p.b, true);
    auto draw_track = [&](const Track& t, ImU32 col) {
      if (t.points.empty()) return;
      std::vector<ImVec2> pts;
      for (const auto& q : t.points) pts.push_back(p.to_screen(q[0], q[1]));
      path_line(dl, pts, col, pts.back());
    };
    for (size_t i = 0; i < lanes_.size(); ++i) draw_track(lanes_[i], lane_color(static_cast<int>(i)));
    draw_track(path_, IM_COL32(20, 20, 20, 255));
    dl->AddCircle(p.to_screen(0, 0), ImGui::GetFontSize() * 0.45f, IM_COL32(0, 0, 0, 230), 0, 2.0f);
    dl->PopClipRect();
    dl->AddRect(p.a, p.b, IM_COL32(0, 0, 0, 90));
  }

  // Right: progress, the origin, where training is now, and how to read it.
  void numbers(const train::SessionStatus& s, bool same_net, const PlaneRect& p, ImVec2 cur) const {
    const float fs = ImGui::GetFontSize();
    ImGui::SetCursorScreenPos(ImVec2(p.b.x + fs * 1.0f, cur.y));
    ImGui::BeginGroup();
    ImGui::PushTextWrapPos(ImGui::GetContentRegionMax().x);
    if (!job_.done()) ImGui::ProgressBar(job_.progress(), ImVec2(fs * 12.0f, 0), "computing the grid");
    ImGui::Text("Origin: step %lld, loss %.4g", static_cast<long long>(job_.origin_step()),
                static_cast<double>(job_.origin_loss()));
    const double span = job_.span();
    ImGui::Text("Grid: %d × %d, α and β from −%.2g to %.2g", job_.n(), job_.n(), span, span);
    if (same_net && !path_.points.empty()) {
      const auto& q = path_.points.back();
      ImGui::Text("Now: step %lld at (α, β) = (%.3f, %.3f)", static_cast<long long>(s.step), static_cast<double>(q[0]),
                  static_cast<double>(q[1]));
      if (s.has_metrics) ImGui::Text("Training loss now: %.4g", static_cast<double>(s.loss_train));
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

  train::LossSliceJob job_;
  std::string error_;
  int n_ = 25;          // grid points per side (applies on Compute)
  float span_ = 0.5f;   // half-width of the plane (applies on Compute)
  long seed_ = 1;       // of the two directions
  uint64_t network_ = 0;  // the session's network version at Compute
  Track path_;            // the session's weights, projected, as it trains
  std::vector<Track> lanes_;  // race lanes (same network)
  gfx::Texture tex_;
  size_t tex_points_ = 0;  // grid points computed when the texture was made
  double tex_time_ = -1e9;
};

}  // namespace

std::unique_ptr<View> make_loss_slice() { return std::make_unique<LossSliceView>(); }

}  // namespace nnplay::ui
