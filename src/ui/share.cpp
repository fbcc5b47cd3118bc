// share.cpp — see share.h.
#include "ui/share.h"

#include <algorithm>
#include <vector>

#include "imgui.h"
#include "platform/platform.h"
#include "train/config.h"
#include "ui/view.h"
#include "ui/widgets.h"

namespace nnplay::ui {
namespace {

std::string join(const std::set<std::string>& names) {
  std::string s;
  for (const std::string& n : names) s += (s.empty() ? "" : ",") + n;
  return s;
}

// What the dialog offers: the panels, the top-level tabs, and the settings an
// exercise is most often about (any other key works in a hand-written link).
std::vector<std::string> offered(const data::DatasetInfo& d) {
  std::vector<std::string> names;
  for (const ViewInfo& row : view_table())
    if (!*row.parent && row.place(Layout::Wide) != Where::Nowhere && row.shows(d)) names.push_back(row.id);
  for (const char* key : {"optimizer", "lr", "schedule", "momentum", "weight_decay", "batch_size", "init", "loss",
                          "noise", "samples"})
    if (train::find_field(key)) names.push_back(key);
  return names;
}

// A read-only text box holding `text`, selectable for copying by hand, and a Copy button.
void copy_box(const char* id, const std::string& text, bool multiline, std::string* copied, const char* what) {
  std::vector<char> buf(text.begin(), text.end());
  buf.push_back('\0');
  const float fs = ImGui::GetFontSize();
  if (multiline)
    ImGui::InputTextMultiline(id, buf.data(), buf.size(), ImVec2(-1.0f, fs * 4.5f), ImGuiInputTextFlags_ReadOnly);
  else {
    ImGui::SetNextItemWidth(-1.0f);
    ImGui::InputText(id, buf.data(), buf.size(), ImGuiInputTextFlags_ReadOnly | ImGuiInputTextFlags_AutoSelectAll);
  }
  ImGui::PushID(id);
  if (ImGui::Button("Copy")) {
    platform::copy_text(text);
    *copied = what;
  }
  if (*copied == what) {
    ImGui::SameLine();
    ImGui::TextDisabled("copied");
  }
  ImGui::PopID();
}

}  // namespace

std::string share_query(const std::string& setup, const ShareChoices& choices) {
  std::string q = setup;
  if (!choices.hide.empty()) q += (q.empty() ? "" : "&") + std::string("hide=") + join(choices.hide);
  if (!choices.lock.empty()) q += (q.empty() ? "" : "&") + std::string("lock=") + join(choices.lock);
  return q;
}

std::string share_link(const std::string& address, const std::string& query) {
  return (address.empty() ? std::string("index.html") : address) + (query.empty() ? "" : "#" + query);
}

std::string iframe_snippet(const std::string& link) {
  return "<iframe src=\"" + link +
         "\"\n  width=\"1000\" height=\"700\" style=\"border:0\"\n  title=\"nnplay neural network playground\" "
         "allow=\"fullscreen\"></iframe>";
}

void ShareDialog::open(const Restrictions& now) {
  open_ = true;
  copied_.clear();
  choices_ = {now.hidden(), now.locked()};
}

void ShareDialog::draw(const std::string& setup, const data::DatasetInfo& dataset) {
  if (!open_) return;
  const ImGuiViewport* vp = ImGui::GetMainViewport();
  const float fs = ImGui::GetFontSize();
  ImGui::SetNextWindowPos(ImVec2(vp->WorkPos.x + vp->WorkSize.x * 0.5f, vp->WorkPos.y + fs * 2.0f), ImGuiCond_Always,
                          ImVec2(0.5f, 0.0f));
  ImGui::SetNextWindowSize(ImVec2(std::min(vp->WorkSize.x - fs, fs * 36.0f), std::min(vp->WorkSize.y - fs * 3, fs * 40.0f)));
  if (!ImGui::Begin("Share this setup", &open_, ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_NoSavedSettings |
                                                      ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoMove)) {
    ImGui::End();
    return;
  }
  const std::string link = share_link(platform::page_address(), share_query(setup, choices_));
  section("Link");
  copy_box("##link", link, false, &copied_, "link");
  note("Opens this dataset, network, settings and tab (and the running lesson). Without the page's address "
       "(the desktop app), put the folder's address in front of index.html.");
  section("Embed in a course page");
  copy_box("##snippet", iframe_snippet(link), true, &copied_, "snippet");
  section("What the exercise shows");
  note("Hide: not drawn. Lock: shown greyed out, the student cannot change it.");
  // White boxes with a dark outline: the default light-grey box vanished on the striped rows.
  ImGui::PushStyleVar(ImGuiStyleVar_FrameBorderSize, 1.0f);
  ImGui::PushStyleColor(ImGuiCol_Border, ImVec4(0.35f, 0.37f, 0.40f, 1.0f));
  ImGui::PushStyleColor(ImGuiCol_FrameBg, ImVec4(1.0f, 1.0f, 1.0f, 1.0f));
  if (ImGui::BeginTable("choices", 3, ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingStretchProp)) {
    ImGui::TableSetupColumn("", ImGuiTableColumnFlags_WidthStretch);
    ImGui::TableSetupColumn("hide", ImGuiTableColumnFlags_WidthFixed);
    ImGui::TableSetupColumn("lock", ImGuiTableColumnFlags_WidthFixed);
    ImGui::TableHeadersRow();
    for (const std::string& name : offered(dataset)) {
      const ViewInfo* row = find_view(name);
      const train::ConfigField* f = row ? nullptr : train::find_field(name);
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      ImGui::Text("%s", row ? row->title : f->label);
      ImGui::SameLine();
      ImGui::TextDisabled("%s", name.c_str());
      ImGui::PushID(name.c_str());
      for (std::set<std::string>* set : {&choices_.hide, &choices_.lock}) {
        ImGui::TableNextColumn();
        bool on = set->count(name) > 0;
        if (ImGui::Checkbox(set == &choices_.hide ? "##hide" : "##lock", &on)) {
          if (on) set->insert(name);
          else set->erase(name);
        }
      }
      ImGui::PopID();
    }
    ImGui::EndTable();
  }
  ImGui::PopStyleColor(2);
  ImGui::PopStyleVar();
  if (ImGui::Button("Close")) open_ = false;
  ImGui::End();
}

}  // namespace nnplay::ui
