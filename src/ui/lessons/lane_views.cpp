// lane_views.cpp — a lesson's lanes side by side (lane_views.h).
#include "ui/lessons/lane_views.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "imgui.h"
#include "nn/activation.h"
#include "ui/context.h"
#include "ui/plot.h"
#include "ui/widgets.h"

namespace nnplay::ui {
namespace {

constexpr int kGrid = 48;            // boundary scores per side
constexpr float kExtent = 6.0f;      // the 2D sets' plane [-6, 6]² (as the Boundary view)
constexpr int kCurvePoints = 121;    // the fitted function's points over [-1, 1]
constexpr int kSamples = 12;         // Samples: validation images shown (4 × 3)
constexpr int kMasks = 4;            // Masks: validation images shown (2 × 2)
constexpr int kMaxPoints = 400;      // training points drawn on a boundary

// Lane i's per-layer numbers at its latest trace point: ‖∂L/∂θ‖ of the layers
// with weights, or the output std of the activation layers.
std::vector<Bar> layer_bars(const train::Session& s, train::LaneView kind, ImU32 color) {
  const train::LayerTrace& tr = s.trainer().layer_trace();
  const auto& nodes = s.model().nodes();
  std::vector<Bar> bars;
  if (tr.steps.empty()) return bars;
  const size_t last = tr.steps.size() - 1, L = tr.names.size();
  for (size_t j = 0; j < L && j + 1 < nodes.size(); ++j) {
    nn::Layer& layer = *nodes[j + 1].layer;  // params() is not const
    const bool grad = kind == train::LaneView::Gradients;
    if (grad ? layer.params().empty() : !nn::is_activation_layer(layer)) continue;
    const train::LayerStats& st = tr.stats[last * L + j];
    Bar b;
    b.value = grad ? st.grad_norm : st.act_std;
    b.color = color;
    char tip[160];
    std::snprintf(tip, sizeof tip, "%s (%s) at step %lld\n%s %.3g", tr.names[j].c_str(), layer.type_name(),
                  static_cast<long long>(tr.steps[last]), grad ? "‖∂L/∂θ‖" : "output std", static_cast<double>(b.value));
    b.tip = tip;
    bars.push_back(std::move(b));
  }
  return bars;
}

}  // namespace

void LaneViews::show_images(const data::Dataset& ds, const std::vector<int32_t>& idx) {
  if (ds.dense() || idx.empty()) return;
  images_ = Atlas(static_cast<int>(idx.size()), 4, ds.sample_shape[3], ds.sample_shape[2]);
  fill_samples(images_, ds, idx);
  images_.upload(images_tex_);
}

bool LaneViews::update(Ctx& ctx, train::Session& s, Lane& lane, train::LaneView kind, bool first_lane) {
  using train::LaneView;
  if (kind == LaneView::Samples || kind == LaneView::Masks) {
    const auto n = static_cast<size_t>(kind == LaneView::Samples ? kSamples : kMasks);
    const ValidationSamples::Changed c = lane.samples.update(ctx, s, n, 250.0);
    if (first_lane && c.samples && s.dataset()) show_images(*s.dataset(), lane.samples.indices());
    return c.predictions && lane.samples.error().empty();
  }
  const train::SessionVersion v = s.version();
  if (lane.session != &s || (lane.refresh.valid() && v.step < lane.refresh.version().step)) {
    lane.session = &s;  // another race, or its lanes reset: nothing drawn belongs to it
    lane.refresh.invalidate();
    lane.values.clear();
  }
  const double now = ctx.now_ms();
  if (kind == LaneView::Gradients || kind == LaneView::Activations || !lane.refresh.due(v, "", now, 250.0)) return false;
  Status st = Status::Ok();
  switch (kind) {
    case LaneView::Boundary:
      st = train::boundary_scores(s, kGrid, kExtent, &lane.values);
      if (st.ok()) lane.heatmap.set_scores(kGrid, lane.values);
      break;
    case LaneView::Function: st = train::function_curve(s, kCurvePoints, -1.0f, 1.0f, &lane.values); break;
    default: return false;
  }
  if (!st.ok()) lane.values.clear();
  lane.error = st.ok() ? "" : st.message();
  lane.refresh.drawn(v, "", now, ctx.now_ms() - now);
  return st.ok();
}

void LaneViews::draw(Ctx& ctx, train::Race& race, train::LaneView kind, float height) {
  using train::LaneView;
  const int n = race.size();
  const data::Dataset* ds = n > 0 ? race.lane(0).dataset() : nullptr;
  if (!ds || race.loading()) return;
  const float fs = ImGui::GetFontSize(), gap = fs * 0.8f, avail = ImGui::GetContentRegionAvail().x;
  // As many lanes in a row as fit at 7 font sizes each (a phone: one per row).
  const int per_row = std::clamp(static_cast<int>((avail + gap) / (fs * 7.0f + gap)), 1, n);
  const float w = (avail - gap * static_cast<float>(per_row - 1)) / static_cast<float>(per_row);
  const bool square = kind == LaneView::Boundary || kind == LaneView::Masks;
  const float h = height > 0 ? height
                  : square   ? std::min(w, fs * 13.0f)
                  : kind == LaneView::Samples ? w * 0.75f
                                              : std::min(w * 0.8f, fs * 10.0f);
  std::vector<std::vector<Bar>> bars(static_cast<size_t>(n));
  std::vector<Bar> all;
  if (kind == LaneView::Gradients || kind == LaneView::Activations)
    for (int i = 0; i < n; ++i) {
      bars[static_cast<size_t>(i)] = layer_bars(race.lane(i), kind, lane_color(i));
      all.insert(all.end(), bars[static_cast<size_t>(i)].begin(), bars[static_cast<size_t>(i)].end());
    }
  ImGui::TextDisabled("Each lane: %s", train::lane_view_title(kind));
  for (int i = 0; i < n; ++i) {
    Lane& lane = lanes_[static_cast<size_t>(i)];
    const bool made = update(ctx, race.lane_session(i), lane, kind, i == 0);
    if (made && kind == LaneView::Masks) make_masks(lane, *ds);
    if (i % per_row) ImGui::SameLine(0, gap);
    ImGui::BeginGroup();
    ImGui::PushID(i);
    ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(lane_color(i)), "■");
    ImGui::SameLine();
    ImGui::TextUnformatted(race.lane_label(i).c_str());
    const ImVec2 size(w, h);
    switch (kind) {
      case LaneView::Boundary: boundary(lane, *ds, race.lane(i), size); break;
      case LaneView::Function: function(lane, *ds, race.lane(i), size, lane_color(i)); break;
      case LaneView::Masks: masks(lane, size); break;
      case LaneView::Samples: samples(lane, *ds, size); break;
      default:
        if (bars[static_cast<size_t>(i)].empty()) ImGui::Dummy(size);
        else bar_chart("layers", bars[static_cast<size_t>(i)], true, false, "input → output", size, all);
        if (std::all_of(bars[static_cast<size_t>(i)].begin(), bars[static_cast<size_t>(i)].end(),
                        [](const Bar& b) { return b.value == 0.0f; }) && !bars[static_cast<size_t>(i)].empty())
          ImGui::TextDisabled("0 in every layer");
    }
    const std::string& error = kind == LaneView::Samples || kind == LaneView::Masks ? lane.samples.error() : lane.error;
    if (!error.empty()) ImGui::TextDisabled("%s", error.c_str());
    ImGui::PopID();
    ImGui::EndGroup();
  }
}

// The lane's P(class 1) over the plane with the training points on it.
void LaneViews::boundary(Lane& lane, const data::Dataset& ds, const train::Session& s, ImVec2 size) {
  const float side = std::min(size.x, size.y);
  if (!lane.heatmap_init) {
    lane.heatmap_init = true;
    const Status st = lane.heatmap.init();
    if (!st.ok()) lane.error = st.to_string();
  }
  const ImVec2 a = ImGui::GetCursorScreenPos();
  const float scale = ImGui::GetIO().DisplayFramebufferScale.x;
  lane.heatmap.render(static_cast<int>(side * (scale > 0 ? scale : 1.0f)), false);
  if (lane.heatmap.ready() && lane.heatmap.imgui_id() && !lane.values.empty())
    ImGui::Image(lane.heatmap.imgui_id(), ImVec2(side, side), ImVec2(0, 1), ImVec2(1, 0));
  else ImGui::Dummy(ImVec2(side, side));
  const PlaneSquare p{a, ImVec2(a.x + side, a.y + side), side, kExtent};
  ImDrawList* dl = ImGui::GetWindowDrawList();
  dl->PushClipRect(p.a, p.b, true);
  const std::vector<int32_t>& idx = s.trainer().train_indices();
  const float r = std::clamp(side / 110.0f, 1.5f, 3.0f);
  for (size_t k = 0; k < idx.size() && k < static_cast<size_t>(kMaxPoints); ++k) {
    const int32_t i = idx[k];
    const ImVec2 q = p.to_screen(ds.feature(i, 0), ds.feature(i, 1));
    dl->AddCircleFilled(q, r + 0.8f, IM_COL32_WHITE, 8);
    dl->AddCircleFilled(q, r, ds.y[static_cast<size_t>(i)] == 1 ? kBlue : kOrange, 8);
  }
  dl->PopClipRect();
  dl->AddRect(p.a, p.b, IM_COL32(0, 0, 0, 90));
}

// The lane's curve over the training points (x in [-1, 1], y in [-1.6, 1.6]).
void LaneViews::function(Lane& lane, const data::Dataset& ds, const train::Session& s, ImVec2 size, ImU32 color) {
  const ImVec2 a = ImGui::GetCursorScreenPos(), b(a.x + size.x, a.y + size.y);
  ImGui::Dummy(size);
  ImDrawList* dl = ImGui::GetWindowDrawList();
  dl->AddRectFilled(a, b, IM_COL32_WHITE);
  auto at = [&](float x, float y) {
    return ImVec2(a.x + (x + 1.0f) * 0.5f * size.x, b.y - (std::clamp(y, -1.6f, 1.6f) + 1.6f) / 3.2f * size.y);
  };
  dl->AddLine(at(-1, 0), at(1, 0), IM_COL32(0, 0, 0, 40));
  for (int32_t i : s.trainer().train_indices())
    dl->AddCircleFilled(at(ds.feature(i, 0), ds.targets[static_cast<size_t>(i)]), 1.8f, IM_COL32(90, 90, 90, 160), 6);
  std::vector<ImVec2> line;
  for (size_t k = 0; k < lane.values.size(); ++k)
    line.push_back(at(-1.0f + 2.0f * static_cast<float>(k) / static_cast<float>(lane.values.size() - 1), lane.values[k]));
  dl->PushClipRect(a, b, true);
  if (line.size() > 1) dl->AddPolyline(line.data(), static_cast<int>(line.size()), color, 0, 2.0f);
  dl->PopClipRect();
  dl->AddRect(a, b, IM_COL32(0, 0, 0, 90));
}

void LaneViews::make_masks(Lane& lane, const data::Dataset& ds) {
  const train::Predictions& pred = lane.samples.predictions();
  const int n = static_cast<int>(lane.samples.indices().size()), mh = ds.sample_shape[2], mw = ds.sample_shape[3];
  if (pred.classes.size() != static_cast<size_t>(n) * static_cast<size_t>(mh * mw)) return;
  lane.atlas = Atlas(n, 2, mw, mh, 1);
  for (int k = 0; k < n; ++k)
    for (int y = 0; y < mh; ++y)
      for (int x = 0; x < mw; ++x)
        lane.atlas.color(k, x, y, class_color(pred.classes[static_cast<size_t>((k * mh + y) * mw + x)]));
  lane.atlas.upload(lane.tex);
}

// The lane's predicted masks of the same validation images, and their mean pixel accuracy.
void LaneViews::masks(Lane& lane, ImVec2 size) {
  const float side = std::min(size.x, size.y), d = (side - 2.0f) / 2.0f;
  const ImVec2 a = ImGui::GetCursorScreenPos();
  ImGui::Dummy(ImVec2(side, side));
  const train::Predictions& pred = lane.samples.predictions();
  if (pred.pixel_accuracy.empty()) return;
  ImDrawList* dl = ImGui::GetWindowDrawList();
  for (int k = 0; k < lane.atlas.tiles(); ++k) {
    const ImVec2 q(a.x + static_cast<float>(k % 2) * (d + 2.0f), a.y + static_cast<float>(k / 2) * (d + 2.0f));
    lane.atlas.draw(dl, lane.tex, k, q, ImVec2(q.x + d, q.y + d));
  }
  double acc = 0;
  for (float v : pred.pixel_accuracy) acc += v;
  ImGui::Text("%.1f%% of pixels right", 100.0 * acc / static_cast<double>(pred.pixel_accuracy.size()));
}

// The same validation images in every lane, framed green (right) or red (wrong).
void LaneViews::samples(Lane& lane, const data::Dataset& ds, ImVec2 size) {
  const std::vector<int32_t>& idx = lane.samples.indices();
  const train::Predictions& pred = lane.samples.predictions();
  const int n = static_cast<int>(idx.size());
  const float d = std::min((size.x - 3 * 3.0f) / 4.0f, (size.y - 2 * 3.0f) / 3.0f);
  const ImVec2 a = ImGui::GetCursorScreenPos();
  ImGui::Dummy(ImVec2(4 * d + 9.0f, 3 * d + 6.0f));
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const bool have = pred.classes.size() == static_cast<size_t>(n);
  int right = 0;
  for (int k = 0; k < n && k < images_.tiles(); ++k) {
    const ImVec2 q(a.x + static_cast<float>(k % 4) * (d + 3.0f), a.y + static_cast<float>(k / 4) * (d + 3.0f));
    images_.draw(dl, images_tex_, k, q, ImVec2(q.x + d, q.y + d));
    if (!have) continue;
    const bool ok = pred.classes[static_cast<size_t>(k)] == ds.y[static_cast<size_t>(idx[static_cast<size_t>(k)])];
    right += ok;
    dl->AddRect(q, ImVec2(q.x + d, q.y + d), ok ? kRight : kWrong, 0, 0, 2.0f);
  }
  if (have) ImGui::Text("%d of %d right", right, n);
}

}  // namespace nnplay::ui
