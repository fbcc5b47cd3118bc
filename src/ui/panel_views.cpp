// panel_views.cpp — the middle column's "Network" tab: the views of the
// network being trained as sub-tabs (views.h lists the panels). Feature maps
// and filters exist for image networks only.
#include "imgui.h"
#include "ui/app.h"
#include "ui/views.h"

namespace nnplay::ui {

void App::panel_network_views(ViewTab select) {
  const data::Dataset* ds = session_.dataset();
  const bool image = ds && ds->is_image();
  if (!ImGui::BeginTabBar("network_views", ImGuiTabBarFlags_FittingPolicyResizeDown)) return;
  // Each view scrolls in its own child, so both tab bars stay put.
  auto tab = [&](const char* label, ViewTab t, void (App::*draw)()) {
    if (!ImGui::BeginTabItem(label, nullptr, select == t ? ImGuiTabItemFlags_SetSelected : 0)) return;
    if (select == t) views_->select = ViewTab::None, views_->select_frames = 0;  // shown: done
    ImGui::BeginChild("view", ImVec2(0, 0), false);
    (this->*draw)();
    ImGui::EndChild();
    ImGui::EndTabItem();
  };
  tab("Graph", ViewTab::Network, &App::panel_network_graph);
  if (image) tab("Feature maps", ViewTab::Maps, &App::panel_feature_maps);
  if (image) tab("Filters", ViewTab::Filters, &App::panel_filters);
  tab("Layers", ViewTab::Layers, &App::panel_layer_stats);
  tab("Confusion", ViewTab::Confusion, &App::panel_confusion);
  ImGui::EndTabBar();
}

}  // namespace nnplay::ui
