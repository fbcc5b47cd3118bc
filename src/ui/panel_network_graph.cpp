// panel_network_graph.cpp — the network as it is built: one row per node
// (name, layer, output shape, parameters, multiply-adds, receptive field),
// with the DAG drawn in a gutter on the left: the main line joins a node to
// the previous one when it reads it; every other edge (a skip connection, a
// concatenation, a projection branch) is an arc in its own lane.
#include <algorithm>
#include <cstdio>

#include "imgui.h"
#include "nn/receptive_field.h"
#include "ui/app.h"
#include "ui/views.h"
#include "ui/widgets.h"

namespace nnplay::ui {
namespace {

struct Edge {
  int src, dst, lane;
};

std::string shape_text(const Shape& s) {
  std::string out;
  for (int i = 1; i < s.rank; ++i) out += (i > 1 ? "×" : "") + std::to_string(s[i]);
  return out.empty() ? "1" : out;
}

ImU32 type_color(const std::string& t) {
  if (t == "Conv2d" || t == "ConvTranspose2d" || t == "Conv3d") return IM_COL32(40, 110, 190, 255);
  if (t == "Linear") return IM_COL32(60, 60, 60, 255);
  if (t.find("Pool") != std::string::npos || t == "Upsample") return IM_COL32(0, 140, 120, 255);
  if (t.find("Norm") != std::string::npos) return IM_COL32(200, 120, 0, 255);
  if (t == "Add" || t == "Concat" || t == "Mul") return IM_COL32(170, 40, 150, 255);
  if (t == "Dropout") return IM_COL32(150, 150, 150, 255);
  return IM_COL32(110, 110, 110, 255);
}

}  // namespace

void App::panel_network_graph() {
  const nn::Model& model = session_.model();
  const auto& nodes = model.nodes();
  NetViews& v = *views_;
  const float fs = ImGui::GetFontSize();
  if (nodes.empty()) return;

  std::vector<Shape> shapes;
  for (const nn::Node& n : nodes) shapes.push_back(n.shape);
  auto rf_r = nn::receptive_fields(session_.spec(), shapes);
  const std::vector<nn::ReceptiveField> rf = rf_r.ok() ? rf_r.take() : std::vector<nn::ReceptiveField>(nodes.size());

  // Per node: parameters; edges that are not "read the previous node".
  std::vector<int64_t> params(nodes.size(), 0);
  for (size_t i = 1; i < nodes.size(); ++i)
    for (const ParamRef& p : nodes[i].layer->params()) params[i] += p.value->numel();
  std::vector<Edge> edges;
  for (size_t i = 1; i < nodes.size(); ++i)
    for (int src : nodes[i].inputs)
      if (src != static_cast<int>(i) - 1) edges.push_back({src, static_cast<int>(i), 0});
  std::vector<int> lane_end;  // greedy interval colouring: a lane is free once its edge has ended
  std::sort(edges.begin(), edges.end(), [](const Edge& a, const Edge& b) { return a.src != b.src ? a.src < b.src : a.dst < b.dst; });
  for (Edge& e : edges) {
    size_t l = 0;
    while (l < lane_end.size() && lane_end[l] > e.src) ++l;
    if (l == lane_end.size()) lane_end.push_back(0);
    lane_end[l] = e.dst;
    e.lane = static_cast<int>(l);
  }
  const float lane_w = fs * 0.55f;
  const float gutter = fs * 0.9f + lane_w * static_cast<float>(lane_end.size());

  // Summary
  const train::SessionStatus s = session_.status();
  ImGui::Text("%zu nodes  ·  %s parameters  ·  %s multiply-adds per sample", nodes.size() - 1,
              format_count(s.num_params).c_str(), format_macs(s.macs_per_sample).c_str());
  ImGui::TextDisabled("activations: %s floats per sample  ·  model: %s", format_count(model.activation_floats_per_sample()).c_str(),
                      session_.config().model.c_str());
  if (!edges.empty())
    ImGui::TextDisabled("%zu skip/branch edge%s drawn as arcs on the left", edges.size(), edges.size() == 1 ? "" : "s");

  const ImGuiTableFlags flags = ImGuiTableFlags_ScrollY | ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerV |
                                ImGuiTableFlags_SizingFixedFit | ImGuiTableFlags_Resizable | ImGuiTableFlags_ScrollX;
  const float row_h = ImGui::GetTextLineHeight() + ImGui::GetStyle().CellPadding.y * 2;
  if (!ImGui::BeginTable("nodes", 7, flags, ImVec2(0, ImGui::GetContentRegionAvail().y))) return;
  ImGui::TableSetupScrollFreeze(0, 1);
  ImGui::TableSetupColumn("##graph", ImGuiTableColumnFlags_WidthFixed | ImGuiTableColumnFlags_NoResize, gutter);
  ImGui::TableSetupColumn("node");
  ImGui::TableSetupColumn("output");
  ImGui::TableSetupColumn("params");
  ImGui::TableSetupColumn("MACs");
  ImGui::TableSetupColumn("receptive field");
  ImGui::TableSetupColumn("layer");
  ImGui::TableHeadersRow();

  ImDrawList* dl = ImGui::GetWindowDrawList();
  const ImU32 line_col = IM_COL32(90, 90, 90, 255);
  for (size_t i = 0; i < nodes.size(); ++i) {
    const nn::Node& n = nodes[i];
    const int ii = static_cast<int>(i);
    ImGui::TableNextRow(0, row_h);
    ImGui::TableSetColumnIndex(0);
    // The gutter: main line, lanes, this node's dot.
    const ImVec2 c0 = ImGui::GetCursorScreenPos();
    const float top = c0.y - ImGui::GetStyle().CellPadding.y, bottom = top + row_h, mid = (top + bottom) * 0.5f;
    const float main_x = c0.x + gutter - fs * 0.45f;
    const bool reads_prev = i > 0 && std::find(n.inputs.begin(), n.inputs.end(), ii - 1) != n.inputs.end();
    bool next_reads_me = false;
    if (i + 1 < nodes.size())
      for (int src : nodes[i + 1].inputs) next_reads_me = next_reads_me || src == ii;
    if (reads_prev) dl->AddLine(ImVec2(main_x, top), ImVec2(main_x, mid), line_col, 1.5f);
    if (next_reads_me) dl->AddLine(ImVec2(main_x, mid), ImVec2(main_x, bottom), line_col, 1.5f);
    for (const Edge& e : edges) {
      if (ii < e.src || ii > e.dst) continue;
      const float lx = main_x - fs * 0.5f - lane_w * static_cast<float>(e.lane);
      const ImU32 col = IM_COL32(170, 40, 150, 220);
      const float y0 = ii == e.src ? mid : top, y1 = ii == e.dst ? mid : bottom;
      dl->AddLine(ImVec2(lx, y0), ImVec2(lx, y1), col, 1.5f);
      if (ii == e.src || ii == e.dst) dl->AddLine(ImVec2(lx, mid), ImVec2(main_x, mid), col, 1.5f);
      if (ii == e.dst)
        dl->AddTriangleFilled(ImVec2(main_x - 4.5f, mid - 3.5f), ImVec2(main_x - 4.5f, mid + 3.5f), ImVec2(main_x, mid), col);
    }
    const std::string type = i == 0 ? "input" : n.layer->type_name();
    dl->AddCircleFilled(ImVec2(main_x, mid), fs * 0.22f, i == 0 ? IM_COL32(0, 0, 0, 255) : type_color(type));

    ImGui::TableSetColumnIndex(1);
    char label[160];
    std::snprintf(label, sizeof label, "%s##n%zu", i == 0 ? "input" : n.name.c_str(), i);
    if (ImGui::Selectable(label, v.selected_node == ii, ImGuiSelectableFlags_SpanAllColumns | ImGuiSelectableFlags_AllowItemOverlap))
      v.selected_node = ii;
    if (ImGui::IsItemHovered()) {
      ImGui::BeginTooltip();
      ImGui::Text("node %zu: %s", i, i == 0 ? "the model input" : n.name.c_str());
      if (i > 0) {
        std::string ins;
        for (int src : n.inputs) ins += (ins.empty() ? "" : ", ") + (src == 0 ? std::string("input") : nodes[static_cast<size_t>(src)].name);
        ImGui::Text("reads: %s", ins.c_str());
        ImGui::TextUnformatted(n.layer->describe().c_str());
      }
      ImGui::TextDisabled("double-click: its feature maps");
      ImGui::EndTooltip();
    }
    if (ImGui::IsItemHovered() && ImGui::IsMouseDoubleClicked(0) && session_.dataset() &&
        session_.dataset()->is_image())
      v.select = ViewTab::Maps, v.select_frames = 4, v.fm_scroll = true;
    ImGui::TableSetColumnIndex(2);
    ImGui::TextUnformatted(shape_text(n.shape).c_str());
    ImGui::TableSetColumnIndex(3);
    if (params[i] > 0) ImGui::TextUnformatted(format_count(params[i]).c_str());
    ImGui::TableSetColumnIndex(4);
    if (i > 0 && n.layer->macs_per_sample() > 0) ImGui::TextUnformatted(format_macs(n.layer->macs_per_sample()).c_str());
    ImGui::TableSetColumnIndex(5);
    const nn::ReceptiveField& r = rf[i];
    if (r.global) ImGui::TextDisabled("whole image");
    else if (r.spatial && i > 0) {
      if (r.size[0] == r.size[1] && r.jump[0] == r.jump[1])
        ImGui::Text("%d px, jump %g", r.size[0], r.jump[0]);
      else
        ImGui::Text("%d×%d px, jump %g×%g", r.size[0], r.size[1], r.jump[0], r.jump[1]);
    }
    ImGui::TableSetColumnIndex(6);
    ImGui::PushStyleColor(ImGuiCol_Text, i == 0 ? ImGui::GetColorU32(ImGuiCol_Text) : type_color(type));
    ImGui::TextUnformatted(i == 0 ? "" : n.layer->describe().c_str());
    ImGui::PopStyleColor();
  }
  // Totals
  ImGui::TableNextRow(0, row_h);
  ImGui::TableSetColumnIndex(1);
  ImGui::TextUnformatted("total");
  ImGui::TableSetColumnIndex(3);
  ImGui::TextUnformatted(format_count(s.num_params).c_str());
  ImGui::TableSetColumnIndex(4);
  ImGui::TextUnformatted(format_macs(s.macs_per_sample).c_str());
  ImGui::EndTable();
}

}  // namespace nnplay::ui
