// graph_view.cpp — the network as it is built: one row per node (name,
// layer, output shape, parameters, multiply-adds, receptive field), with the
// DAG drawn in a gutter on the left: the main line joins a node to the
// previous one when it reads it; every other edge (a skip connection, a
// concatenation, a projection branch) is an arc in its own lane.
//
// A click selects a node (the feature maps highlight it); a double-click on
// a node of an image network shows its feature maps.
#include <algorithm>
#include <cstdio>

#include "imgui.h"
#include "nn/receptive_field.h"
#include "ui/context.h"
#include "ui/view.h"
#include "ui/widgets.h"

namespace nnplay::ui {
namespace {

struct Edge {
  int src, dst, lane;
};

ImU32 type_color(const std::string& t) {
  if (t == "Conv2d" || t == "ConvTranspose2d" || t == "Conv3d") return IM_COL32(40, 110, 190, 255);
  if (t == "Linear") return IM_COL32(60, 60, 60, 255);
  if (t.find("Pool") != std::string::npos || t == "Upsample") return IM_COL32(0, 140, 120, 255);
  if (t.find("Norm") != std::string::npos) return IM_COL32(200, 120, 0, 255);
  if (t == "Add" || t == "Concat" || t == "Mul") return IM_COL32(170, 40, 150, 255);
  if (t == "Dropout") return IM_COL32(150, 150, 150, 255);
  return IM_COL32(110, 110, 110, 255);
}

constexpr ImU32 kLine = IM_COL32(90, 90, 90, 255);
constexpr ImU32 kArc = IM_COL32(170, 40, 150, 220);

class GraphView : public View {
 public:
  void draw(Ctx& ctx) override {
    const auto& nodes = ctx.session().model().nodes();
    if (nodes.empty()) return;
    update_layout(ctx.session());
    summary(ctx.session());
    table(ctx);
  }

 private:
  // 1. Per node: parameters and receptive field; the edges that are not
  //    "read the previous node", each in a lane (again when the network changed).
  void update_layout(const train::Session& s) {
    const uint64_t network = s.version().network;
    const auto& nodes = s.model().nodes();
    if (valid_ && network == network_ && params_.size() == nodes.size()) return;
    valid_ = true;
    network_ = network;
    std::vector<Shape> shapes;
    for (const nn::Node& n : nodes) shapes.push_back(n.shape);
    auto rf = nn::receptive_fields(s.spec(), shapes);
    rf_ = rf.ok() ? rf.take() : std::vector<nn::ReceptiveField>();
    rf_.resize(nodes.size());
    params_.assign(nodes.size(), 0);
    for (size_t i = 1; i < nodes.size(); ++i)
      for (const ParamRef& p : nodes[i].layer->params()) params_[i] += p.value->numel();
    edges_.clear();
    for (size_t i = 1; i < nodes.size(); ++i)
      for (int src : nodes[i].inputs)
        if (src != static_cast<int>(i) - 1) edges_.push_back({src, static_cast<int>(i), 0});
    // Greedy interval colouring: a lane is free once its edge has ended.
    std::sort(edges_.begin(), edges_.end(),
              [](const Edge& a, const Edge& b) { return a.src != b.src ? a.src < b.src : a.dst < b.dst; });
    std::vector<int> lane_end;
    for (Edge& e : edges_) {
      size_t l = 0;
      while (l < lane_end.size() && lane_end[l] > e.src) ++l;
      if (l == lane_end.size()) lane_end.push_back(0);
      lane_end[l] = e.dst;
      e.lane = static_cast<int>(l);
    }
    lanes_ = static_cast<int>(lane_end.size());
  }

  void summary(const train::Session& session) const {
    const train::SessionStatus s = session.status();
    const size_t n = session.model().nodes().size();
    ImGui::Text("%zu nodes  ·  %s parameters  ·  %s multiply-adds per sample", n - 1, format_count(s.num_params).c_str(),
                format_macs(s.macs_per_sample).c_str());
    ImGui::TextDisabled("activations: %s floats per sample  ·  model: %s",
                        format_count(session.model().activation_floats_per_sample()).c_str(),
                        session.config().model.c_str());
    if (!edges_.empty())
      ImGui::TextDisabled("%zu skip/branch edge%s drawn as arcs on the left", edges_.size(),
                          edges_.size() == 1 ? "" : "s");
  }

  // 2. The table: the gutter, then the node's columns; totals at the end.
  void table(Ctx& ctx) {
    const float fs = ImGui::GetFontSize();
    const float gutter = fs * 0.9f + fs * 0.55f * static_cast<float>(lanes_);
    const ImGuiTableFlags flags = ImGuiTableFlags_ScrollY | ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerV |
                                  ImGuiTableFlags_SizingFixedFit | ImGuiTableFlags_Resizable | ImGuiTableFlags_ScrollX;
    const float row_h = ImGui::GetTextLineHeight() + ImGui::GetStyle().CellPadding.y * 2;
    if (!ImGui::BeginTable("nodes", 7, flags, ImVec2(0, ImGui::GetContentRegionAvail().y))) return;
    ImGui::TableSetupScrollFreeze(0, 1);
    ImGui::TableSetupColumn("##graph", ImGuiTableColumnFlags_WidthFixed | ImGuiTableColumnFlags_NoResize, gutter);
    for (const char* name : {"node", "output", "params", "MACs", "receptive field", "layer"})
      ImGui::TableSetupColumn(name);
    ImGui::TableHeadersRow();
    const auto& nodes = ctx.session().model().nodes();
    for (size_t i = 0; i < nodes.size(); ++i) {
      ImGui::TableNextRow(0, row_h);
      ImGui::TableSetColumnIndex(0);
      gutter_cell(nodes, static_cast<int>(i), gutter, row_h);
      ImGui::TableSetColumnIndex(1);
      name_cell(ctx, static_cast<int>(i));
      value_cells(nodes[i], i);
    }
    const train::SessionStatus s = ctx.session().status();
    ImGui::TableNextRow(0, row_h);
    ImGui::TableSetColumnIndex(1);
    ImGui::TextUnformatted("total");
    ImGui::TableSetColumnIndex(3);
    ImGui::TextUnformatted(format_count(s.num_params).c_str());
    ImGui::TableSetColumnIndex(4);
    ImGui::TextUnformatted(format_macs(s.macs_per_sample).c_str());
    ImGui::EndTable();
  }

  // The gutter of node i: the main line, the lanes passing by, the node's dot.
  void gutter_cell(const std::vector<nn::Node>& nodes, int i, float gutter, float row_h) const {
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const float fs = ImGui::GetFontSize(), lane_w = fs * 0.55f;
    const nn::Node& n = nodes[static_cast<size_t>(i)];
    const ImVec2 c0 = ImGui::GetCursorScreenPos();
    const float top = c0.y - ImGui::GetStyle().CellPadding.y, bottom = top + row_h, mid = (top + bottom) * 0.5f;
    const float main_x = c0.x + gutter - fs * 0.45f;
    const bool reads_prev = i > 0 && std::find(n.inputs.begin(), n.inputs.end(), i - 1) != n.inputs.end();
    bool next_reads_me = false;
    if (static_cast<size_t>(i) + 1 < nodes.size())
      for (int src : nodes[static_cast<size_t>(i) + 1].inputs) next_reads_me = next_reads_me || src == i;
    if (reads_prev) dl->AddLine(ImVec2(main_x, top), ImVec2(main_x, mid), kLine, 1.5f);
    if (next_reads_me) dl->AddLine(ImVec2(main_x, mid), ImVec2(main_x, bottom), kLine, 1.5f);
    for (const Edge& e : edges_) {
      if (i < e.src || i > e.dst) continue;
      const float lx = main_x - fs * 0.5f - lane_w * static_cast<float>(e.lane);
      const float y0 = i == e.src ? mid : top, y1 = i == e.dst ? mid : bottom;
      dl->AddLine(ImVec2(lx, y0), ImVec2(lx, y1), kArc, 1.5f);
      if (i == e.src || i == e.dst) dl->AddLine(ImVec2(lx, mid), ImVec2(main_x, mid), kArc, 1.5f);
      if (i == e.dst)
        dl->AddTriangleFilled(ImVec2(main_x - 4.5f, mid - 3.5f), ImVec2(main_x - 4.5f, mid + 3.5f), ImVec2(main_x, mid),
                              kArc);
    }
    const ImU32 dot = i == 0 ? IM_COL32(0, 0, 0, 255) : type_color(n.layer->type_name());
    dl->AddCircleFilled(ImVec2(main_x, mid), fs * 0.22f, dot);
  }

  // The node's name: select on click, its feature maps on a double-click.
  static void name_cell(Ctx& ctx, int i) {
    const auto& nodes = ctx.session().model().nodes();
    const nn::Node& n = nodes[static_cast<size_t>(i)];
    char label[160];
    std::snprintf(label, sizeof label, "%s##n%d", i == 0 ? "input" : n.name.c_str(), i);
    if (ImGui::Selectable(label, ctx.picks.node == i,
                          ImGuiSelectableFlags_SpanAllColumns | ImGuiSelectableFlags_AllowItemOverlap))
      ctx.picks.node = i;
    if (!ImGui::IsItemHovered()) return;
    const bool image = ctx.dataset() && ctx.dataset()->is_image();
    ImGui::BeginTooltip();
    ImGui::Text("node %d: %s", i, i == 0 ? "the model input" : n.name.c_str());
    if (i > 0) {
      std::string ins;
      for (int src : n.inputs)
        ins += (ins.empty() ? "" : ", ") + (src == 0 ? std::string("input") : nodes[static_cast<size_t>(src)].name);
      ImGui::Text("reads: %s", ins.c_str());
      ImGui::TextUnformatted(n.layer->describe().c_str());
    }
    if (image) ImGui::TextDisabled("double-click: its feature maps");
    ImGui::EndTooltip();
    if (image && ImGui::IsMouseDoubleClicked(ImGuiMouseButton_Left)) {
      ctx.picks.node = i;
      ctx.picks.scroll_to_node = true;
      ctx.select_view("maps");
    }
  }

  // Output shape, parameters, multiply-adds, receptive field, the layer.
  void value_cells(const nn::Node& n, size_t i) const {
    ImGui::TableSetColumnIndex(2);
    ImGui::TextUnformatted(format_shape(n.shape).c_str());
    ImGui::TableSetColumnIndex(3);
    if (params_[i] > 0) ImGui::TextUnformatted(format_count(params_[i]).c_str());
    ImGui::TableSetColumnIndex(4);
    if (i > 0 && n.layer->macs_per_sample() > 0) ImGui::TextUnformatted(format_macs(n.layer->macs_per_sample()).c_str());
    ImGui::TableSetColumnIndex(5);
    const nn::ReceptiveField& r = rf_[i];
    if (r.global) ImGui::TextDisabled("whole image");
    else if (r.spatial && i > 0) {
      if (r.size[0] == r.size[1] && r.jump[0] == r.jump[1]) ImGui::Text("%d px, jump %g", r.size[0], r.jump[0]);
      else ImGui::Text("%d×%d px, jump %g×%g", r.size[0], r.size[1], r.jump[0], r.jump[1]);
    }
    ImGui::TableSetColumnIndex(6);
    if (i == 0) return;
    ImGui::PushStyleColor(ImGuiCol_Text, type_color(n.layer->type_name()));
    ImGui::TextUnformatted(n.layer->describe().c_str());
    ImGui::PopStyleColor();
  }

  bool valid_ = false;
  uint64_t network_ = 0;  // the network version the layout describes
  std::vector<nn::ReceptiveField> rf_;
  std::vector<int64_t> params_;
  std::vector<Edge> edges_;
  int lanes_ = 0;
};

}  // namespace

std::unique_ptr<View> make_graph_view() { return std::make_unique<GraphView>(); }

}  // namespace nnplay::ui
