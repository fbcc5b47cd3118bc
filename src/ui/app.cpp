// app.cpp — the frame: data loading, a training slice, the URL, and the
// layout that places the panels (panel_*.cpp).
//
// [SECTION] commands         the only place the session is changed
// [SECTION] per-frame work   loading protocol, training budget, URL
// [SECTION] embedding API    window.nnplay
// [SECTION] layout           three columns, computed from the window size each frame
#include "ui/app.h"

#include <algorithm>
#include <cstdio>
#include <nlohmann/json.hpp>

#include "core/parallel.h"
#include "data/catalog.h"
#include "imgui.h"
#include "platform/platform.h"
#include "train/race_json.h"
#include "train/session_json.h"
#include "ui/optim_views.h"
#include "ui/views.h"
#include "ui/widgets.h"

namespace nnplay::ui {

App::App() : views_(std::make_unique<NetViews>()), optim_(std::make_unique<OptimViews>()) {
  // The platform's memory budget for networks: this session and the race's lanes.
  train::Session::set_default_memory_budget(platform::memory_budget_bytes());
  session_.set_memory_budget(platform::memory_budget_bytes());
  // Threads for the layers' batch loops (1 in the single-threaded web build).
  if (Status st = parallel::set_num_threads(platform::training_threads()); !st.ok())
    std::fprintf(stderr, "nnplay: %s\n", st.message().c_str());
}
App::~App() = default;

void App::init(const std::string& initial_query) {
  ImGuiStyle& style = ImGui::GetStyle();
  ImGui::StyleColorsLight(&style);
  style.WindowRounding = 0.0f;
  style.ChildRounding = 4.0f;
  style.FrameRounding = 3.0f;
  style.GrabRounding = 3.0f;
  style.WindowPadding = ImVec2(10, 10);
  style.FramePadding = ImVec2(6, 3);
  style.ItemSpacing = ImVec2(8, 5);
  style.Colors[ImGuiCol_WindowBg] = ImVec4(0.96f, 0.96f, 0.96f, 1.0f);
  style.Colors[ImGuiCol_ChildBg] = ImVec4(1.0f, 1.0f, 1.0f, 1.0f);
  style.Colors[ImGuiCol_Border] = ImVec4(0.0f, 0.0f, 0.0f, 0.12f);
  style.Colors[ImGuiCol_FrameBg] = ImVec4(0.90f, 0.91f, 0.93f, 1.0f);  // visible on the white panels
  style.Colors[ImGuiCol_FrameBgHovered] = ImVec4(0.84f, 0.88f, 0.95f, 1.0f);
  style.Colors[ImGuiCol_FrameBgActive] = ImVec4(0.78f, 0.85f, 0.96f, 1.0f);

  Status st = heatmap_.init();
  if (!st.ok()) gfx_error_ = st.to_string();

  if (!initial_query.empty()) apply_link(initial_query);
  platform::set_drop_handler([this](Status s, std::string name, std::vector<uint8_t> bytes) {
    on_user_file(s, name, bytes);
  });
}

// A start-up link is applied as one Command; if that is rejected (one bad
// key rejects the whole command), the link is applied key by key so a typo
// costs only its own setting, and every problem is listed.
void App::apply_link(const std::string& query) {
  std::string errors;
  auto whole = train::command_from_query(query);
  if (whole.ok() && session_.apply(whole.value()).ok()) return;
  train::Command action;
  size_t pos = 0;
  while (pos <= query.size()) {
    size_t end = query.find('&', pos);
    if (end == std::string::npos) end = query.size();
    const std::string item = query.substr(pos, end - pos);
    pos = end + 1;
    if (item.empty()) continue;
    auto one = train::command_from_query(item);
    Status st = one.status();
    if (one.ok() && one.value().action != train::Action::None) {
      action = one.value();  // actions go last, after every setting
      continue;
    }
    if (one.ok()) st = session_.apply(one.value());
    if (!st.ok()) errors += (errors.empty() ? "" : "\n") + st.to_string();
  }
  if (action.action != train::Action::None) {
    Status st = session_.apply(action);
    if (!st.ok()) errors += (errors.empty() ? "" : "\n") + st.to_string();
  }
  if (!errors.empty()) ui_error_ = "Some settings in the link were not applied:\n" + errors;
}

// ============================================================ [SECTION] commands

void App::apply(const train::Command& cmd) {
  Status st = session_.apply(cmd);
  ui_error_ = st.ok() ? "" : st.to_string();
}

void App::set(const char* key, const std::string& value) {
  train::Command cmd;
  cmd.set.emplace_back(key, value);
  apply(cmd);
}

void App::act(train::Action a, int steps) {
  train::Command cmd;
  cmd.action = a;
  cmd.steps = steps;
  apply(cmd);
}

// ====================================================== [SECTION] per-frame work

void App::frame() {
  pump_loading();
  train_slice();
  const double t0 = platform::now_ms();
  update_url();
  draw_layout();
  ui_ms_ = 0.9 * ui_ms_ + 0.1 * (platform::now_ms() - t0);
}

// The session's loading protocol: one file at a time (so the progress bar
// describes one download), each fed back through file_progress / provide_file
// / fail_file. A file that arrives after the user switched datasets is
// ignored by the session.
void App::pump_loading() {
  if (!requested_file_.empty()) return;
  std::vector<std::string> wanted = session_.wanted_files();
  const bool for_race = wanted.empty();  // then the race lanes' files (image datasets), one at a time too
  if (for_race) wanted = race_.wanted_files();
  if (wanted.empty()) return;
  const std::string name = wanted.front();
  requested_file_ = name;
  platform::load_file(
      name,
      [this, name, for_race](int64_t loaded, int64_t total) {
        if (for_race) race_.file_progress(name, loaded, total);
        else session_.file_progress(name, loaded, total);
      },
      [this, name, for_race](Status st, std::vector<uint8_t> bytes) {
        requested_file_.clear();
        if (for_race && st.ok()) race_.provide_file(name, bytes);
        else if (for_race) race_.fail_file(name, st.message());
        else if (st.ok()) session_.provide_file(name, std::move(bytes));
        else session_.fail_file(name, st.message());
      });
}

// Trains for a slice of each frame. The budget is what is left of a 30 fps
// frame (33 ms) after everything else the frame costs (UI, rendering, waiting
// for the display), clamped to 4..12 ms: a fast machine trains 12 ms per
// 60 Hz frame; a slow renderer still gets 4 ms of training per frame.
void App::train_slice() {
  const double t0 = platform::now_ms();
  const double dt_ms = 1000.0 * static_cast<double>(ImGui::GetIO().DeltaTime);
  if (dt_ms > 0 && dt_ms < 1000.0) {
    fps_ema_ = 0.95 * fps_ema_ + 0.05 * (1000.0 / dt_ms);
    other_ms_ema_ = 0.95 * other_ms_ema_ + 0.05 * std::max(0.0, dt_ms - train_ms_);
  }
  budget_ms_ = std::clamp(33.3 - other_ms_ema_ - 2.0, 4.0, 12.0);
  // A running race shares the budget with the session (all of it while the session is paused).
  const double race_ms = race_.running() ? (session_.status().running ? 0.5 : 1.0) * budget_ms_ : 0.0;
  if (race_.active()) (void)race_.run_for(race_ms);  // a diverging lane stops alone and shows its error
  (void)session_.run_for(budget_ms_ - race_ms);  // errors pause the run and show as last_error
  train_ms_ = platform::now_ms() - t0;
}

void App::update_url() {
  const std::string q = train::config_to_query(session_.config_delta());
  if (q == url_query_) return;
  url_query_ = q;
  platform::set_query(q);
}

// ======================================================= [SECTION] embedding API

namespace {
std::string error_reply(const Status& st) {
  return "{\"ok\":false,\"error\":" + nlohmann::json(st.to_string()).dump() + "}";
}
}  // namespace

std::string App::api_command(const std::string& json) {
  // "view" brings a tab to the front (UI state, not a setting): main, the
  // network's views (network, maps, filters, layers, confusion) or the
  // optimizer views (race, surface, init, perceptron).
  std::string text = json;
  nlohmann::json j = nlohmann::json::parse(json, nullptr, /*allow_exceptions=*/false);
  if (!j.is_discarded() && j.is_object() && j.contains("view")) {
    static const std::pair<const char*, OptimTab> optim_tabs[] = {
        {"race", OptimTab::Race}, {"surface", OptimTab::Surface}, {"init", OptimTab::Init},
        {"perceptron", OptimTab::Perceptron}};
    static const std::pair<const char*, ViewTab> view_tabs[] = {
        {"main", ViewTab::Main},     {"network", ViewTab::Network}, {"maps", ViewTab::Maps},
        {"filters", ViewTab::Filters}, {"layers", ViewTab::Layers}, {"confusion", ViewTab::Confusion}};
    const std::string view = j["view"].is_string() ? j["view"].get<std::string>() : "";
    OptimTab otab = OptimTab::None;
    ViewTab vtab = ViewTab::None;
    for (const auto& [name, t] : optim_tabs)
      if (view == name) otab = t;
    for (const auto& [name, t] : view_tabs)
      if (view == name) vtab = t;
    if (otab == OptimTab::None && vtab == ViewTab::None)
      return error_reply(Error(ErrorCode::INVALID_ARGUMENT,
                               "view='" + view + "': expected main, network, maps, filters, layers, confusion, "
                               "race, surface, init or perceptron"));
    optim_->select = otab;
    if (vtab != ViewTab::None) views_->select = vtab, views_->select_frames = 4;
    j.erase("view");
    text = j.dump();
  }
  // {"race": ...} goes to the optimizer race (train/race_json.h), everything else to the session.
  if (train::is_race_command(text)) {
    auto rc = train::race_command_from_json(text);
    if (!rc.ok()) return error_reply(rc.status());
    Status st = race_.apply(rc.value(), session_.config());
    if (!st.ok()) return error_reply(st);
    return "{\"ok\":true,\"status\":" + api_status() + "}";
  }
  auto cmd = train::command_from_json(text);
  if (!cmd.ok()) return error_reply(cmd.status());
  Status st = session_.apply(cmd.value());
  if (!st.ok()) return error_reply(st);
  return "{\"ok\":true,\"status\":" + api_status() + "}";
}

std::string App::api_status() const {
  return train::with_race_status(train::status_to_json(session_.status()), race_);
}

// ============================================================== [SECTION] layout

// Three columns filling the window: settings | picture | training + curves.
// Sizes follow the window and the font size, so nothing overlaps at any size
// (columns scroll when the window is too small).
void App::draw_layout() {
  const ImGuiViewport* vp = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(vp->WorkPos);
  ImGui::SetNextWindowSize(vp->WorkSize);
  const ImGuiWindowFlags flags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                                 ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoBringToFrontOnFocus;
  ImGui::Begin("nnplay", nullptr, flags);
  const float fs = ImGui::GetFontSize();

  // Title bar
  ImGui::TextUnformatted("nnplay");
  ImGui::SameLine();
  ImGui::TextDisabled("neural network playground");
  {
    char right[96];
    std::snprintf(right, sizeof right, "%.0f fps  ·  train %.1f ms  ·  ui %.1f ms  ·  %s", fps_ema_, train_ms_,
                  ui_ms_, platform::name());
    const float w = ImGui::CalcTextSize(right).x;
    ImGui::SameLine(ImGui::GetWindowContentRegionMax().x - w);
    ImGui::TextDisabled("%s", right);
  }
  ImGui::Separator();

  const ImVec2 avail = ImGui::GetContentRegionAvail();
  const float gap = ImGui::GetStyle().ItemSpacing.x;
  float left = std::clamp(avail.x * 0.27f, fs * 18.0f, fs * 23.0f);
  float right = std::clamp(avail.x * 0.33f, fs * 20.0f, fs * 34.0f);
  if (left + right + fs * 16.0f > avail.x) {  // narrow window: shrink the side columns
    const float k = std::max(0.4f, (avail.x - fs * 16.0f) / (left + right));
    left *= k;
    right *= k;
  }
  // The race, surface, init and perceptron tabs (shown last frame) take the right column's place too.
  const bool wide = optim_->shown != OptimTab::None;
  const float middle = wide ? avail.x - left - gap : std::max(fs * 8.0f, avail.x - left - right - 2 * gap);

  ImGui::BeginChild("left", ImVec2(left, avail.y), true);
  panel_dataset();
  ImGui::Spacing();
  panel_network();
  ImGui::Spacing();
  panel_optimizer();
  ImGui::EndChild();

  ImGui::SameLine();
  ImGui::BeginChild("middle", ImVec2(middle, avail.y), true);
  draw_middle();
  ImGui::EndChild();

  if (!wide) {
    ImGui::SameLine();
    ImGui::BeginChild("right", ImVec2(0, avail.y), true);
    panel_training();
    ImGui::Spacing();
    panel_curves();
    ImGui::EndChild();
  }

  ImGui::End();
}

// The middle column: errors and loading on top, then tabs. The first tab is
// the family's picture (decision boundary, images, masks, sequences); the
// others show the network (views.h). Tabs keep the picture one click away.
void App::draw_middle() {
  draw_errors();
  draw_loading();
  const data::Dataset* ds = session_.dataset();
  const data::DatasetInfo* info = data::find_dataset(session_.config().dataset);
  const data::Family family = ds && info ? info->family : data::Family::Points;
  NetViews& v = *views_;
  // A requested tab stays requested until it shows: a Network sub-tab needs
  // the Network tab open first (one frame) and then its own bar (another);
  // panel_network_views() clears it once shown, and a request for a tab
  // that never appears (feature maps of a 2D set) lapses after a few frames.
  const ViewTab select = v.select;
  if (v.select_frames > 0) --v.select_frames;
  if (v.select_frames <= 0) v.select = ViewTab::None;
  // Each tab's content scrolls in its own child, so the tab bar stays put.
  auto tab = [&](const char* label, ViewTab t) {
    if (!ImGui::BeginTabItem(label, nullptr, select == t ? ImGuiTabItemFlags_SetSelected : 0)) return false;
    ImGui::BeginChild("tab", ImVec2(0, 0), false);
    return true;
  };
  auto end_tab = []() {
    ImGui::EndChild();
    ImGui::EndTabItem();
  };
  if (!ImGui::BeginTabBar("views", ImGuiTabBarFlags_FittingPolicyResizeDown)) return;
  const char* main_tab = family == data::Family::Images         ? "Images"
                         : family == data::Family::Segmentation ? "Masks"
                         : family == data::Family::Sequences    ? "Sequences"
                                                                : "Boundary";
  if (tab(main_tab, ViewTab::Main)) {
    switch (family) {
      case data::Family::Images: panel_samples(); break;
      case data::Family::Segmentation: panel_segmentation(); break;
      case data::Family::Sequences: panel_sequences(); break;
      case data::Family::Points: panel_boundary(); break;
    }
    end_tab();
  }
  // The network views (graph, feature maps, filters, layers, confusion) as sub-tabs: panel_views.cpp.
  const bool net_select = select == ViewTab::Network || select == ViewTab::Maps || select == ViewTab::Filters ||
                          select == ViewTab::Layers || select == ViewTab::Confusion;
  if (ImGui::BeginTabItem("Network", nullptr, net_select ? ImGuiTabItemFlags_SetSelected : 0)) {
    panel_network_views(select);
    ImGui::EndTabItem();
  }
  draw_optim_tabs();
  ImGui::EndTabBar();
}

void App::draw_errors() {
  const train::SessionStatus s = session_.status();
  auto banner = [&](const std::string& text, bool dismissable) {
    ImGui::PushStyleColor(ImGuiCol_ChildBg, ImVec4(1.0f, 0.92f, 0.92f, 1.0f));
    ImGui::PushStyleColor(ImGuiCol_Border, ImVec4(0.8f, 0.1f, 0.1f, 0.8f));
    const float wrap = ImGui::GetContentRegionAvail().x - ImGui::GetFontSize() * 4.0f;
    const float h = ImGui::CalcTextSize(text.c_str(), nullptr, false, wrap).y + ImGui::GetStyle().WindowPadding.y * 2;
    ImGui::BeginChild(dismissable ? "ui_error" : "session_error", ImVec2(0, h), true,
                      ImGuiWindowFlags_NoScrollbar);
    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + wrap);
    ImGui::PushStyleColor(ImGuiCol_Text, kErrorText);
    ImGui::TextUnformatted(text.c_str());
    ImGui::PopStyleColor();
    ImGui::PopTextWrapPos();
    if (dismissable) {
      ImGui::SameLine(ImGui::GetWindowContentRegionMax().x - ImGui::CalcTextSize("OK").x -
                      ImGui::GetStyle().FramePadding.x * 2);
      ImGui::SetCursorPosY(ImGui::GetStyle().WindowPadding.y * 0.5f);
      if (ImGui::SmallButton("OK")) ui_error_.clear();
    }
    ImGui::EndChild();
    ImGui::PopStyleColor(2);
  };
  if (!s.last_error.empty()) banner(s.last_error, false);
  if (!ui_error_.empty() && ui_error_ != s.last_error) banner(ui_error_, true);
  if (!gfx_error_.empty()) banner(gfx_error_, false);
}

void App::draw_loading() {
  const train::SessionStatus s = session_.status();
  if (!s.loading) return;
  const train::LoadProgress& p = s.progress;
  // The session does not expose the pending config; the file names tell the dataset.
  const std::string& current = requested_file_.empty() ? p.file : requested_file_;
  const data::DatasetInfo* next = nullptr;
  for (const data::DatasetInfo& d : data::dataset_catalog())
    for (const std::string& f : d.files)
      if (f == current) next = &d;
  const bool this_file = p.file == current;  // progress numbers describe the current file
  ImGui::PushStyleColor(ImGuiCol_ChildBg, ImVec4(0.92f, 0.95f, 1.0f, 1.0f));
  const float h = ImGui::GetFrameHeightWithSpacing() + ImGui::GetTextLineHeightWithSpacing() * 2 +
                  ImGui::GetStyle().WindowPadding.y * 2;
  ImGui::BeginChild("loading", ImVec2(0, h), true, ImGuiWindowFlags_NoScrollbar);
  ImGui::Text("Loading %s — file %d of %d", next ? next->title : "dataset", std::min(p.files_done + 1, p.files_total),
              p.files_total);
  ImGui::TextDisabled("%s", current.empty() ? "starting…" : current.c_str());
  const double file_frac =
      this_file && p.total > 0 ? static_cast<double>(p.loaded) / static_cast<double>(p.total) : 0.0;
  const float overall =
      p.files_total > 0 ? static_cast<float>((p.files_done + std::min(1.0, file_frac)) / p.files_total) : 0.0f;
  std::string label = this_file ? format_bytes(static_cast<double>(p.loaded)) : std::string("0 B");
  if (this_file && p.total > 0) label += " of " + format_bytes(static_cast<double>(p.total));
  label += "  ·  " + std::to_string(p.files_done) + "/" + std::to_string(p.files_total) + " files done";
  ImGui::PushStyleColor(ImGuiCol_PlotHistogram, ImVec4(0.42f, 0.66f, 0.90f, 1.0f));
  ImGui::ProgressBar(overall, ImVec2(-1, 0), label.c_str());
  ImGui::PopStyleColor();
  ImGui::EndChild();
  ImGui::PopStyleColor();
}

}  // namespace nnplay::ui
