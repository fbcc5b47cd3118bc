// function_view.cpp — for the 1D regression set (dataset function): the
// training points (dark) and validation points (red) of y = f(x) + noise
// over x in [-1, 1], the function f itself (faint), and the network's curve
// y(x) (blue) through them,
// computed by the engine (train::function_curve) and made again as the
// weights change while training (at most every 80 ms).
#include <algorithm>
#include <cmath>
#include <cstdio>

#include "data/function1d.h"
#include "imgui.h"
#include "train/inspect.h"
#include "ui/context.h"
#include "ui/refresh.h"
#include "ui/view.h"
#include "ui/widgets.h"

namespace nnplay::ui {
namespace {

constexpr float kLo = -1.0f, kHi = 1.0f;  // the set's interval (data/function1d.h)
constexpr int kCurvePoints = 201;            // the network's curve, under the model's planned batch
constexpr ImU32 kCurve = IM_COL32(8, 119, 189, 255);
constexpr ImU32 kTruth = IM_COL32(245, 147, 34, 230);  // f(x) without noise

// The plot's frame on screen and its value ranges.
struct Frame {
  ImVec2 a, b;  // top-left, bottom-right
  float y_lo = -1.5f, y_hi = 1.5f;
  ImVec2 to_screen(float x, float y) const {
    const float u = (x - kLo) / (kHi - kLo), v = (y - y_lo) / (y_hi - y_lo);
    return ImVec2(a.x + u * (b.x - a.x), b.y - std::clamp(v, -0.05f, 1.05f) * (b.y - a.y));
  }
};

class FunctionView : public View {
 public:
  void draw(Ctx& ctx) override {
    const data::Dataset* ds = ctx.dataset();
    if (!ds || !ds->regression()) return;
    section("Function");
    update_curve(ctx);
    const Frame f = layout(*ds);
    axes(f);
    truth(ctx, f);
    points(ctx, *ds, f);
    curve(f);
    legend(ctx);
  }

 private:
  // 1. The network's curve, again when the weights changed.
  void update_curve(Ctx& ctx) {
    const double now = ctx.now_ms();
    const train::SessionVersion v = ctx.session().version();
    if (!refresh_.due(v, "", now, 80.0)) return;
    status_ = train::function_curve(ctx.session(), kCurvePoints, kLo, kHi, &ys_);
    if (!status_.ok()) ys_.clear();
    refresh_.drawn(v, "", now, ctx.now_ms() - now);
  }

  // 2. A frame filling the tab, y range from the targets (at least [-1.5, 1.5]).
  Frame layout(const data::Dataset& ds) const {
    const float fs = ImGui::GetFontSize();
    const ImVec2 avail = ImGui::GetContentRegionAvail();
    const ImVec2 cur = ImGui::GetCursorScreenPos();
    Frame f;
    const float label_w = ImGui::CalcTextSize("-1.5").x + fs * 0.5f;
    const float w = std::max(fs * 8.0f, avail.x - label_w - fs * 0.5f);
    const float h = std::max(fs * 6.0f, std::min(avail.y - fs * 4.0f, w * 0.75f));
    f.a = ImVec2(cur.x + label_w, cur.y + fs * 0.3f);
    f.b = ImVec2(f.a.x + w, f.a.y + h);
    for (float t : ds.targets) {
      if (!std::isfinite(t)) continue;
      f.y_lo = std::min(f.y_lo, t - 0.1f);
      f.y_hi = std::max(f.y_hi, t + 0.1f);
    }
    ImGui::Dummy(ImVec2(w + label_w, h + fs * 1.6f));
    return f;
  }

  // 3. Frame, zero lines and tick labels.
  static void axes(const Frame& f) {
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImU32 grid = ImGui::GetColorU32(ImGuiCol_Border), text = ImGui::GetColorU32(ImGuiCol_TextDisabled);
    dl->AddRect(f.a, f.b, grid);
    dl->AddLine(f.to_screen(kLo, 0.0f), f.to_screen(kHi, 0.0f), grid);
    dl->AddLine(f.to_screen(0.0f, f.y_lo), f.to_screen(0.0f, f.y_hi), grid);
    char buf[16];
    for (float x : {-1.0f, -0.5f, 0.0f, 0.5f, 1.0f}) {
      std::snprintf(buf, sizeof buf, "%g", static_cast<double>(x));
      const ImVec2 p = f.to_screen(x, f.y_lo);
      dl->AddText(ImVec2(p.x - ImGui::CalcTextSize(buf).x * 0.5f, f.b.y + 2.0f), text, buf);
    }
    for (float y : {-1.0f, 0.0f, 1.0f}) {
      std::snprintf(buf, sizeof buf, "%g", static_cast<double>(y));
      const ImVec2 p = f.to_screen(kLo, y);
      dl->AddText(ImVec2(f.a.x - ImGui::CalcTextSize(buf).x - 4.0f, p.y - ImGui::GetFontSize() * 0.5f), text, buf);
    }
  }

  // 4. The function the points sample, without noise (faint: what the network should find).
  static void truth(Ctx& ctx, const Frame& f) {
    auto fn = data::parse_function1d(ctx.config().function);
    if (!fn.ok()) return;
    std::vector<ImVec2> pts;
    for (int i = 0; i < kCurvePoints; ++i) {
      const float x = kLo + (kHi - kLo) * static_cast<float>(i) / static_cast<float>(kCurvePoints - 1);
      const ImVec2 p = f.to_screen(x, data::function1d_value(fn.value(), x));
      // A jump (step, sawtooth) is drawn as a break, not a vertical line.
      if (!pts.empty() && std::fabs(p.y - pts.back().y) > (f.b.y - f.a.y) * 0.25f) {
        ImGui::GetWindowDrawList()->AddPolyline(pts.data(), static_cast<int>(pts.size()), kTruth, 0, 2.0f);
        pts.clear();
      }
      pts.push_back(p);
    }
    ImGui::GetWindowDrawList()->AddPolyline(pts.data(), static_cast<int>(pts.size()), kTruth, 0, 2.0f);
  }

  // 5. Training points dark, validation points red.
  static void points(Ctx& ctx, const data::Dataset& ds, const Frame& f) {
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const float r = std::max(1.5f, ImGui::GetFontSize() * 0.14f);
    auto dots = [&](const std::vector<int32_t>& idx, ImU32 color) {
      for (int32_t i : idx) {
        const float x = ds.feature(i, 0), y = ds.targets[static_cast<size_t>(i)];
        if (std::isfinite(y)) dl->AddCircleFilled(f.to_screen(x, y), r, color, 8);
      }
    };
    const train::Trainer& t = ctx.session().trainer();
    dots(t.train_indices(), IM_COL32(60, 60, 60, 200));
    dots(t.val_indices(), kValCurve);
  }

  // 6. The network's curve y(x).
  void curve(const Frame& f) const {
    if (ys_.size() < 2) return;
    std::vector<ImVec2> pts;
    pts.reserve(ys_.size());
    for (size_t i = 0; i < ys_.size(); ++i) {
      const float x = kLo + (kHi - kLo) * static_cast<float>(i) / static_cast<float>(ys_.size() - 1);
      if (std::isfinite(ys_[i])) pts.push_back(f.to_screen(x, ys_[i]));
    }
    if (pts.size() >= 2)
      ImGui::GetWindowDrawList()->AddPolyline(pts.data(), static_cast<int>(pts.size()), kCurve, 0, 2.5f);
  }

  // 7. What is drawn, and the fit in numbers.
  void legend(Ctx& ctx) const {
    if (!status_.ok()) {
      error_text(status_.message());
      return;
    }
    const train::SessionStatus s = ctx.session().status();
    ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(kCurve), "network y(x)");
    ImGui::SameLine();
    ImGui::SameLine();
    ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(kTruth), "f(x) = %s", ctx.config().function.c_str());
    ImGui::SameLine();
    ImGui::TextDisabled("· training points dark, validation red");
    if (s.has_metrics)
      ImGui::Text("MSE: training %.3g, validation %.3g (RMSE %.3g)", static_cast<double>(s.loss_train),
                  static_cast<double>(s.loss_val), std::sqrt(std::max(0.0, static_cast<double>(s.loss_val))));
  }

  Refresh refresh_;
  std::vector<float> ys_;
  Status status_ = Status::Ok();
};

}  // namespace

std::unique_ptr<View> make_function_view() { return std::make_unique<FunctionView>(); }

}  // namespace nnplay::ui
