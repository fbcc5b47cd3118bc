// panel_inspect_maps.cpp — what an image network computes, for image sets:
//   Feature maps  one validation image through the network (Session::predict,
//                 eval mode), then every node's output model().nodes()[i].y:
//                 each channel as a small grey tile scaled to its own range;
//                 vectors (after Flatten / Linear) as one strip
//   Filters       the weights of a conv layer (the first by default), one tile
//                 per filter and input channel, grey = 0
// Both go into one texture atlas each, rebuilt when the image, the network or
// the channel count changes, and at most every 2 s (maps) / 1 s (filters)
// while the weights train: a forward pass per view refresh, never per frame.
#include <algorithm>
#include <cmath>
#include <cstdio>

#include "imgui.h"
#include "loss/loss.h"
#include "platform/platform.h"
#include "ui/app.h"
#include "ui/views.h"
#include "ui/widgets.h"

namespace nnplay::ui {
namespace {

constexpr int kAtlasW = 1024, kAtlasMaxH = 4096;

void put_grey(std::vector<uint8_t>& rgba, int aw, int x, int y, uint8_t g) {
  uint8_t* p = &rgba[(static_cast<size_t>(y) * static_cast<size_t>(aw) + static_cast<size_t>(x)) * 4];
  p[0] = p[1] = p[2] = g;
  p[3] = 255;
}

const char* class_name(const data::Dataset& ds, int c) {
  return c >= 0 && c < static_cast<int>(ds.class_names.size()) ? ds.class_names[static_cast<size_t>(c)].c_str() : "?";
}

}  // namespace

void App::panel_feature_maps() {
  const data::Dataset* ds = session_.dataset();
  NetViews& v = *views_;
  const std::vector<int32_t>& val = session_.trainer().val_indices();
  if (!ds || !ds->is_image() || val.empty()) return;
  const float fs = ImGui::GetFontSize();
  v.fm_pos = std::clamp(v.fm_pos, 0, static_cast<int>(val.size()) - 1);
  const int32_t sample = val[static_cast<size_t>(v.fm_pos)];

  // Controls: which image, how many channels.
  if (ImGui::ArrowButton("##prev", ImGuiDir_Left)) v.fm_pos = std::max(0, v.fm_pos - 1);
  ImGui::SameLine();
  if (ImGui::ArrowButton("##next", ImGuiDir_Right)) v.fm_pos = std::min(static_cast<int>(val.size()) - 1, v.fm_pos + 1);
  ImGui::SameLine();
  ImGui::AlignTextToFramePadding();
  ImGui::Text("validation image %d of %zu", v.fm_pos + 1, val.size());
  ImGui::SameLine();
  ImGui::SetNextItemWidth(fs * 6.5f);
  const int kChoices[] = {8, 16, 32, 64};
  char cur[32];
  std::snprintf(cur, sizeof cur, "%d channels", v.fm_channels);
  if (ImGui::BeginCombo("##ch", cur)) {
    for (int c : kChoices) {
      std::snprintf(cur, sizeof cur, "%d channels", c);
      if (ImGui::Selectable(cur, c == v.fm_channels)) v.fm_channels = c;
    }
    ImGui::EndCombo();
  }
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("channels shown per layer (the first ones)");

  // Recompute: at once when the image or the network changed, every 2 s while training.
  const nn::Model& model = session_.model();
  const auto& nodes = model.nodes();
  const std::string key = session_.config().dataset + "|" + std::to_string(sample) + "|" + std::to_string(v.fm_channels) +
                          "|" + session_.config().model + "|" + session_.config().network + "|" +
                          std::to_string(nodes.size()) + "|" + std::to_string(model.num_params());
  const std::string step_key = key + "|" + std::to_string(session_.status().step);
  const double now = platform::now_ms();
  const bool changed = v.fm_key.rfind(key + "|", 0) != 0;
  if (changed || (v.fm_key != step_key && now - v.fm_time > 2000.0)) {
    v.fm_key = step_key;
    v.fm_time = now;
    const int32_t one[1] = {sample};
    ds->gather(one, v.x);
    v.fm_blocks.clear();
    if (session_.predict(v.x, &v.logits).ok()) {
      v.fm_prediction = ds->dense() ? -1 : loss::predict_class(session_.config().loss, v.logits, 0);
      // Lay out blocks (one per node) in the atlas, then fill it.
      int y = 0;
      for (size_t i = 0; i < nodes.size(); ++i) {
        const Tensor& t = i == 0 ? v.x : nodes[i].y;
        NetViews::MapBlock b;
        b.node = static_cast<int>(i);
        if (t.rank() == 4) {
          b.channels = t.dim(1);
          b.tiles = std::min(b.channels, v.fm_channels);
          b.tile_h = t.dim(2);
          b.tile_w = t.dim(3);
        } else if (t.rank() == 2 || t.rank() == 3) {
          b.vector = true;
          b.channels = 1;
          b.tiles = 1;
          b.tile_w = std::min(t.rank() == 2 ? t.dim(1) : t.dim(2), kAtlasW);
          b.tile_h = t.rank() == 2 ? 1 : std::min(t.dim(1), 256);
        } else {
          continue;
        }
        if (b.tile_w > kAtlasW) continue;
        b.cols = std::max(1, std::min(b.tiles, (kAtlasW + 1) / (b.tile_w + 1)));
        const int rows = (b.tiles + b.cols - 1) / b.cols;
        if (y + rows * (b.tile_h + 1) > kAtlasMaxH) break;
        b.x = 0;
        b.y = y;
        y += rows * (b.tile_h + 1);
        v.fm_blocks.push_back(b);
      }
      const int ah = std::max(1, y);
      std::vector<uint8_t> rgba(static_cast<size_t>(kAtlasW) * static_cast<size_t>(ah) * 4, 0);
      for (NetViews::MapBlock& b : v.fm_blocks) {
        const Tensor& t = b.node == 0 ? v.x : nodes[static_cast<size_t>(b.node)].y;
        b.lo.assign(static_cast<size_t>(b.tiles), 0.0f);
        b.hi.assign(static_cast<size_t>(b.tiles), 0.0f);
        const int64_t plane = static_cast<int64_t>(b.tile_w) * b.tile_h;
        for (int k = 0; k < b.tiles; ++k) {
          // Values of tile k: channel k of a map, or the first tile_h × tile_w of a vector/sequence.
          auto value = [&](int yy, int xx) -> float {
            if (!b.vector) return t.data()[static_cast<int64_t>(k) * plane + static_cast<int64_t>(yy) * b.tile_w + xx];
            const int row_len = t.rank() == 2 ? t.dim(1) : t.dim(2);
            return t.data()[static_cast<int64_t>(yy) * row_len + xx];
          };
          float lo = INFINITY, hi = -INFINITY;
          for (int yy = 0; yy < b.tile_h; ++yy)
            for (int xx = 0; xx < b.tile_w; ++xx) {
              const float f = value(yy, xx);
              if (std::isfinite(f)) lo = std::min(lo, f), hi = std::max(hi, f);
            }
          if (!(lo <= hi)) lo = hi = 0.0f;
          b.lo[static_cast<size_t>(k)] = lo;
          b.hi[static_cast<size_t>(k)] = hi;
          const float range = hi - lo;
          const int tx = b.x + (k % b.cols) * (b.tile_w + 1), ty = b.y + (k / b.cols) * (b.tile_h + 1);
          for (int yy = 0; yy < b.tile_h; ++yy)
            for (int xx = 0; xx < b.tile_w; ++xx) {
              const float f = value(yy, xx);
              // A flat channel: black when it is all zero (dead), mid grey otherwise.
              const float g = range > 1e-12f ? (f - lo) / range : (hi == 0.0f ? 0.0f : 0.5f);
              put_grey(rgba, kAtlasW, tx + xx, ty + yy, static_cast<uint8_t>(std::clamp(g, 0.0f, 1.0f) * 255.0f + 0.5f));
            }
        }
      }
      v.fm_tex.upload_rgba(kAtlasW, ah, rgba.data(), true);
    }
  }
  if (!ds->dense()) {
    const int truth = ds->y[static_cast<size_t>(sample)];
    ImGui::Text("true: %s", class_name(*ds, truth));
    ImGui::SameLine();
    ImGui::TextColored(v.fm_prediction < 0 ? ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled)
                       : v.fm_prediction == truth ? ImVec4(0.08f, 0.47f, 0.16f, 1.0f)
                                                  : ImVec4(0.8f, 0.08f, 0.08f, 1.0f),
                       "· predicted: %s", v.fm_prediction >= 0 ? class_name(*ds, v.fm_prediction) : "…");
  }
  if (v.fm_blocks.empty()) {
    ImGui::TextDisabled("no feature maps yet");
    return;
  }
  ImGui::PushTextWrapPos(0.0f);
  ImGui::TextDisabled("Every layer's output for this image (eval mode). Each tile is one channel scaled to its own "
                      "range: white = its highest value, black = its lowest. Hover a tile to enlarge it.");
  ImGui::PopTextWrapPos();
  ImGui::BeginChild("maps", ImVec2(0, 0), false);
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const float avail = ImGui::GetContentRegionAvail().x;
  const float gap = 3.0f;
  const float aw = static_cast<float>(v.fm_tex.width()), ah = static_cast<float>(v.fm_tex.height());
  for (const NetViews::MapBlock& b : v.fm_blocks) {
    const nn::Node& n = nodes[static_cast<size_t>(b.node)];
    const bool selected = b.node == v.selected_node;
    if (selected && v.fm_scroll) {
      ImGui::SetScrollHereY(0.0f);
      v.fm_scroll = false;
    }
    std::string shape;
    for (int d = 1; d < n.shape.rank; ++d) shape += (d > 1 ? "×" : "") + std::to_string(n.shape[d]);
    ImGui::PushStyleColor(ImGuiCol_Text, selected ? ImVec4(0.75f, 0.2f, 0.55f, 1.0f) : ImGui::GetStyleColorVec4(ImGuiCol_Text));
    ImGui::Text("%s", b.node == 0 ? "input" : n.name.c_str());
    ImGui::PopStyleColor();
    ImGui::SameLine();
    if (b.node == 0) ImGui::TextDisabled("%s", shape.c_str());
    else if (b.tiles < b.channels)
      ImGui::TextDisabled("%s  %s  (first %d of %d channels)", n.layer->type_name(), shape.c_str(), b.tiles, b.channels);
    else ImGui::TextDisabled("%s  %s", n.layer->type_name(), shape.c_str());

    const ImVec2 p0 = ImGui::GetCursorScreenPos();
    if (b.vector) {
      // One strip (or a T × D grid for sequences), stretched to the width.
      const float h = b.tile_h == 1 ? fs * 0.9f : std::min(fs * 6.0f, static_cast<float>(b.tile_h) * 3.0f);
      const ImVec2 p1(p0.x + avail - 4.0f, p0.y + h);
      dl->AddImage(v.fm_tex.imgui_id(), p0, p1, ImVec2(static_cast<float>(b.x) / aw, static_cast<float>(b.y) / ah),
                   ImVec2(static_cast<float>(b.x + b.tile_w) / aw, static_cast<float>(b.y + b.tile_h) / ah));
      dl->AddRect(p0, p1, IM_COL32(0, 0, 0, 60));
      ImGui::Dummy(ImVec2(avail - 4.0f, h));
      if (ImGui::IsItemHovered()) ImGui::SetTooltip("%d values, from %.3g (black) to %.3g (white)", b.tile_w * b.tile_h, b.lo[0], b.hi[0]);
      ImGui::Spacing();
      continue;
    }
    const float d = std::max(fs * 2.4f, std::min(static_cast<float>(b.tile_h), fs * 3.5f));
    const int cols = std::max(1, static_cast<int>((avail + gap) / (d + gap)));
    const int rows = (b.tiles + cols - 1) / cols;
    const float block_h = static_cast<float>(rows) * (d + gap);
    if (ImGui::IsRectVisible(p0, ImVec2(p0.x + avail, p0.y + block_h))) {
      for (int k = 0; k < b.tiles; ++k) {
        const ImVec2 q(p0.x + static_cast<float>(k % cols) * (d + gap), p0.y + static_cast<float>(k / cols) * (d + gap));
        const int tx = b.x + (k % b.cols) * (b.tile_w + 1), ty = b.y + (k / b.cols) * (b.tile_h + 1);
        const ImVec2 uv0(static_cast<float>(tx) / aw, static_cast<float>(ty) / ah);
        const ImVec2 uv1(static_cast<float>(tx + b.tile_w) / aw, static_cast<float>(ty + b.tile_h) / ah);
        dl->AddImage(v.fm_tex.imgui_id(), q, ImVec2(q.x + d, q.y + d), uv0, uv1);
        const bool hover = ImGui::IsMouseHoveringRect(q, ImVec2(q.x + d, q.y + d)) && ImGui::IsWindowHovered();
        dl->AddRect(q, ImVec2(q.x + d, q.y + d), hover ? IM_COL32(200, 40, 140, 255) : IM_COL32(0, 0, 0, 40));
        if (hover) {
          ImGui::BeginTooltip();
          ImGui::Text("%s, channel %d: %.3g … %.3g", b.node == 0 ? "input" : n.name.c_str(), k,
                      b.lo[static_cast<size_t>(k)], b.hi[static_cast<size_t>(k)]);
          if (b.hi[static_cast<size_t>(k)] == 0.0f && b.lo[static_cast<size_t>(k)] == 0.0f)
            ImGui::TextDisabled("all zero for this image (a dead or silent channel)");
          ImGui::Image(v.fm_tex.imgui_id(), ImVec2(fs * 10.0f, fs * 10.0f), uv0, uv1);
          ImGui::EndTooltip();
        }
      }
    }
    ImGui::Dummy(ImVec2(avail - 4.0f, block_h));
  }
  ImGui::EndChild();
}

void App::panel_filters() {
  NetViews& v = *views_;
  const nn::Model& model = session_.model();
  const auto& nodes = model.nodes();
  const float fs = ImGui::GetFontSize();
  std::vector<int> convs;
  for (size_t i = 1; i < nodes.size(); ++i)
    if (std::string(nodes[i].layer->type_name()) == "Conv2d") convs.push_back(static_cast<int>(i));
  if (convs.empty()) {
    ImGui::TextWrapped("This network has no convolution. Pick a CNN in Network → Model (LeNet-5, ResNet, …) to see "
                       "what its first layer learns.");
    return;
  }
  if (std::find(convs.begin(), convs.end(), v.filt_node) == convs.end()) v.filt_node = convs.front();
  const nn::Node& node = nodes[static_cast<size_t>(v.filt_node)];
  ImGui::SetNextItemWidth(-label_space("Layer"));
  if (ImGui::BeginCombo("Layer", (node.name + "  " + node.layer->describe()).c_str())) {
    for (int i : convs) {
      const nn::Node& n = nodes[static_cast<size_t>(i)];
      if (ImGui::Selectable((n.name + "  " + n.layer->describe()).c_str(), i == v.filt_node)) v.filt_node = i;
    }
    ImGui::EndCombo();
  }
  help_marker("The first convolution looks at pixels: its filters are edge and blob detectors you can read. Deeper "
              "ones combine feature maps (one tile per output × input channel).");

  const Tensor* w = nullptr;
  for (const ParamRef& p : node.layer->params())
    if (std::string(p.id.name) == "weight") w = p.value;
  if (!w || w->rank() != 4) return;
  const int out = w->dim(0), in = w->dim(1), kh = w->dim(2), kw = w->dim(3);
  const int show_out = std::min(out, 64), show_in = std::min(in, 16);

  const std::string key = std::to_string(v.filt_node) + "|" + session_.config().model + "|" + std::to_string(model.num_params());
  const std::string step_key = key + "|" + std::to_string(session_.status().step);
  const double now = platform::now_ms();
  if (v.filt_key.rfind(key + "|", 0) != 0 || (v.filt_key != step_key && now - v.filt_time > 1000.0)) {
    v.filt_key = step_key;
    v.filt_time = now;
    // One tile per (output, input) channel pair: rows = outputs (wrapped into a grid when there is one input).
    v.filt_out = show_out, v.filt_in = show_in, v.filt_kh = kh, v.filt_kw = kw;
    v.filt_cols = show_in == 1 ? std::min(show_out, 16) : show_in;
    const int tiles = show_in == 1 ? show_out : show_out * show_in;
    const int rows = (tiles + v.filt_cols - 1) / v.filt_cols;
    const int aw = v.filt_cols * (kw + 1), ah = rows * (kh + 1);
    std::vector<uint8_t> rgba(static_cast<size_t>(aw) * static_cast<size_t>(ah) * 4, 0);
    for (int o = 0; o < show_out; ++o) {
      const float* f = w->data() + static_cast<int64_t>(o) * in * kh * kw;
      float m = 0.0f;
      for (int64_t j = 0; j < static_cast<int64_t>(in) * kh * kw; ++j) m = std::max(m, std::fabs(f[j]));
      for (int c = 0; c < show_in; ++c) {
        const int t = show_in == 1 ? o : o * show_in + c;
        const int tx = (t % v.filt_cols) * (kw + 1), ty = (t / v.filt_cols) * (kh + 1);
        for (int yy = 0; yy < kh; ++yy)
          for (int xx = 0; xx < kw; ++xx) {
            const float val = f[(static_cast<int64_t>(c) * kh + yy) * kw + xx];
            const float g = m > 0 ? 0.5f + 0.5f * val / m : 0.5f;
            put_grey(rgba, aw, tx + xx, ty + yy, static_cast<uint8_t>(std::clamp(g, 0.0f, 1.0f) * 255.0f + 0.5f));
          }
      }
    }
    v.filt_tex.upload_rgba(aw, ah, rgba.data(), true);
  }

  ImGui::PushTextWrapPos(0.0f);
  ImGui::TextDisabled("%d filters of %d×%d over %d input channel%s%s. White = positive weight, black = negative, "
                      "grey = 0 (each filter scaled to its largest |w|).",
                      out, kh, kw, in, in == 1 ? "" : "s",
                      out > show_out || in > show_in ? " (the first ones shown)" : "");
  ImGui::PopTextWrapPos();
  ImGui::BeginChild("filters", ImVec2(0, 0), false);
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const float avail = ImGui::GetContentRegionAvail().x;
  const int tiles = v.filt_in == 1 ? v.filt_out : v.filt_out * v.filt_in;
  const int cols = v.filt_in == 1 ? std::min(tiles, std::max(1, static_cast<int>(avail / (fs * 3.2f)))) : v.filt_in;
  const float gap = v.filt_in == 1 ? 6.0f : 2.0f;
  const float d = std::clamp((avail - gap * static_cast<float>(cols)) / static_cast<float>(cols), 6.0f, fs * 5.0f);
  const ImVec2 p0 = ImGui::GetCursorScreenPos();
  const float aw = static_cast<float>(v.filt_tex.width()), ah = static_cast<float>(v.filt_tex.height());
  for (int t = 0; t < tiles; ++t) {
    const ImVec2 q(p0.x + static_cast<float>(t % cols) * (d + gap), p0.y + static_cast<float>(t / cols) * (d + gap));
    const int tx = (t % v.filt_cols) * (v.filt_kw + 1), ty = (t / v.filt_cols) * (v.filt_kh + 1);
    const ImVec2 uv0(static_cast<float>(tx) / aw, static_cast<float>(ty) / ah);
    const ImVec2 uv1(static_cast<float>(tx + v.filt_kw) / aw, static_cast<float>(ty + v.filt_kh) / ah);
    dl->AddImage(v.filt_tex.imgui_id(), q, ImVec2(q.x + d, q.y + d), uv0, uv1);
    dl->AddRect(q, ImVec2(q.x + d, q.y + d), IM_COL32(0, 0, 0, 50));
    if (ImGui::IsMouseHoveringRect(q, ImVec2(q.x + d, q.y + d)) && ImGui::IsWindowHovered()) {
      const int o = v.filt_in == 1 ? t : t / v.filt_in, c = v.filt_in == 1 ? 0 : t % v.filt_in;
      ImGui::BeginTooltip();
      ImGui::Text("filter %d, input channel %d", o, c);
      ImGui::Image(v.filt_tex.imgui_id(), ImVec2(fs * 8.0f, fs * 8.0f), uv0, uv1);
      ImGui::EndTooltip();
    }
  }
  const int rows = (tiles + cols - 1) / cols;
  ImGui::Dummy(ImVec2(avail, static_cast<float>(rows) * (d + gap)));
  if (v.filt_in > 1) ImGui::TextDisabled("rows: output channels · columns: input channels");
  ImGui::EndChild();
}

}  // namespace nnplay::ui
