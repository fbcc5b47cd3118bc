// app.cpp — the frame: data loading, a training slice, the URL, and the
// layout that places the view table's rows.
//
// [SECTION] set-up           style, the views the playground may select
// [SECTION] per-frame work   loading protocol, training budget, URL
// [SECTION] layout           three columns, computed from the window size each frame
// [SECTION] banners          errors, the start-up link's leftovers, loading progress
#include "ui/app.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "core/json_text.h"
#include "core/parallel.h"
#include "imgui.h"
#include "platform/platform.h"
#include "train/session_json.h"
#include "ui/restrictions.h"
#include "ui/widgets.h"

namespace nnplay::ui {

// ============================================================== [SECTION] set-up

App::App() {
  // The platform's memory budget for networks: this session and the race's lanes.
  train::Session::set_default_memory_budget(platform::memory_budget_bytes());
  play_.session().set_memory_budget(platform::memory_budget_bytes());
  // Threads for the layers' batch loops (1 in the single-threaded web build).
  if (Status st = parallel::set_num_threads(platform::training_threads()); !st.ok())
    std::fprintf(stderr, "nnplay: %s\n", st.message().c_str());
  views_.resize(view_table().size());
  register_views();
}
App::~App() = default;

namespace {

void apply_style() {
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
}

// Which families a view shows, in words ("image sets and segmentation").
std::string families_of(const ViewInfo& row) {
  std::string s;
  for (data::Family f : data::kFamilies) {
    data::DatasetInfo probe;
    probe.family = f;
    if (row.shows(probe)) s += (s.empty() ? "" : ", ") + std::string(data::family_title(f));
  }
  return s;
}

}  // namespace

void App::init(const std::string& initial_query) {
  apply_style();
  set_restrictions(Restrictions{});  // only a link restricts
  start_ms_ = platform::now_ms();
  // Files dropped before the Network panel was ever drawn (a phone shows it
  // only in Setup) still load; once drawn, its model-file section takes
  // drops over and reports them beside its buttons.
  platform::set_drop_handler([this](Status st, std::vector<platform::UserFile> files) {
    (void)ctx_.load_user_files(st, std::move(files));
  });
  if (!initial_query.empty()) {
    const train::LinkReport report = play_.apply_link(initial_query);
    link_note_ = report.summary();
    Restrictions r;
    std::string unknown;
    for (const std::string& item : report.page_items) {
      page_query_ += "&" + item;
      const std::string u = r.add(item);
      if (!u.empty()) unknown += (unknown.empty() ? "" : ", ") + u;
    }
    set_restrictions(r);
    if (!unknown.empty())
      link_note_ += (link_note_.empty() ? "" : " ") + std::string("hide/lock: no view or setting is called ") + unknown + ".";
  }
  else ctx_.select_view("lessons");  // a first visit starts with the lecture's claims
}

// The playground accepts {view: id} for every tab of the table, and "main"
// for the data's picture (whichever of boundary, images, masks, sequences
// the dataset has).
void App::register_views() {
  train::ViewHooks h;
  h.names.push_back("main");
  h.names.push_back("setup");  // the settings column: a phone's Setup entry (elsewhere always in view)
  for (const ViewInfo& v : view_table())
    if (v.selectable()) h.names.push_back(v.id);
  h.check = [](const std::string& name, const data::DatasetInfo& d) -> Status {
    const ViewInfo* row = find_view(name);
    if (name == "main" || !row || row->shows(d)) return Status::Ok();
    return Error(ErrorCode::UNSUPPORTED, "view='" + name + "' (" + row->title + ") shows " + families_of(*row) +
                                             "; dataset " + d.key + " is " + data::family_title(d.family));
  };
  h.select = [this](const std::string& name) {
    const ViewInfo* row = name == "main" ? nullptr : find_view(name);
    ctx_.select_view(row ? row->id : name == "setup" ? "setup" : "main");
  };
  h.current = [this] { return shown_; };
  play_.set_views(std::move(h));
}

// ====================================================== [SECTION] per-frame work

void App::frame() {
  pump_loading();
  train_slice();
  const double t0 = platform::now_ms();
  update_url();
  ctx_.regions.clear();
  draw_layout();
  ui_ms_ = 0.9 * ui_ms_ + 0.1 * (platform::now_ms() - t0);
}

// The playground's loading protocol: one file at a time (so the progress bar
// describes one download), fed back through file_progress / provide_file /
// fail_file. A file nobody wants any more is ignored.
void App::pump_loading() {
  if (!requested_file_.empty()) return;
  const std::string name = play_.next_wanted_file();
  if (name.empty()) return;
  requested_file_ = name;
  platform::load_file(
      name, [this, name](int64_t loaded, int64_t total) { play_.file_progress(name, loaded, total); },
      [this, name](Status st, std::vector<uint8_t> bytes) {
        requested_file_.clear();
        if (st.ok()) play_.provide_file(name, std::move(bytes));
        else play_.fail_file(name, st.message());
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
  (void)play_.run_for(budget_ms_);  // errors pause the run and show as the session's last_error
  train_ms_ = platform::now_ms() - t0;
}

// The URL holds the settings that differ from the family's defaults, the
// tab in front unless it is the data's picture, and the start-up link's page
// keys (web/nnplay-api.js reads them).
std::string App::api_catalog() const {
  nlohmann::json j = nlohmann::json::parse(train::Playground::catalog_json(), nullptr, false);
  j["hidden"] = restrictions().hidden();
  j["locked"] = restrictions().locked();
  return json_text(j);
}

std::string App::api_ui() const {
  nlohmann::json j = {{"ok", true},      {"view", shown_}, {"drawing", nullptr}, {"regions", nlohmann::json::object()},
                      {"banner", ctx_.error()}};
  for (const auto& [name, r] : ctx_.regions) j["regions"][name] = {r[0], r[1], r[2], r[3]};
  const Ctx::DrawingRead& d = ctx_.drawing;
  const data::Dataset* ds = play_.session().dataset();
  if (d.version > 0 && ds) {
    nlohmann::json probs = nlohmann::json::object();
    for (size_t c = 0; c < d.probs.size(); ++c) probs[ds->class_name(static_cast<int>(c))] = d.probs[c];
    j["drawing"] = {{"predicted", d.predicted >= 0 ? nlohmann::json(ds->class_name(d.predicted)) : nlohmann::json()},
                    {"probabilities", probs},
                    {"readings", d.version}};
  }
  return json_text(j);
}

std::string App::link_query(bool with_restrictions) const {
  std::string q = train::config_to_query(play_.session().config_delta());
  const ViewInfo* home = default_tab();
  const ViewInfo* shown = find_view(shown_);
  if (shown && shown->selectable() && shown != home) q += "&view=" + shown_;
  if (const train::Lesson* l = play_.lesson()) q += std::string("&lesson=") + l->id;
  // The page's own keys: a reload keeps an embedded app's parent_origin and the exercise's hide/lock.
  size_t pos = 0;
  while (pos < page_query_.size()) {
    size_t end = page_query_.find('&', pos + 1);
    if (end == std::string::npos) end = page_query_.size();
    const std::string item = page_query_.substr(pos, end - pos);  // "&key=value"
    if (with_restrictions || (item.rfind("&hide=", 0) != 0 && item.rfind("&lock=", 0) != 0)) q += item;
    pos = end;
  }
  if (!q.empty() && q[0] == '&') q.erase(0, 1);
  return q;
}

void App::update_url() {
  const std::string q = link_query(true);
  if (q == url_query_) return;
  url_query_ = q;
  platform::set_query(q);
}

// ============================================================== [SECTION] layout

namespace {

// Touch screens: a drag that starts on empty space scrolls the window it
// started in, also when the finger leaves it (Dear ImGui 1.86 scrolls only
// with a wheel or the scrollbar). Call at the end of each scrolling window.
void drag_to_scroll() {
  static ImGuiID grabbed = 0;  // the window the drag started in
  const ImGuiID me = ImGui::GetID("##drag_to_scroll");
  if (ImGui::IsMouseClicked(ImGuiMouseButton_Left)) {
    if (ImGui::IsWindowHovered() && !ImGui::IsAnyItemHovered()) grabbed = me;  // the innermost window under it
    else if (grabbed == me) grabbed = 0;
  }
  if (grabbed != me) return;
  // No widget can be active: the press was on none (ImGui makes the window's
  // own move id active, which is not a widget).
  if (!ImGui::IsMouseDown(ImGuiMouseButton_Left)) grabbed = 0;
  else if (ImGui::IsMouseDragging(ImGuiMouseButton_Left)) ImGui::SetScrollY(ImGui::GetScrollY() - ImGui::GetIO().MouseDelta.y);
}

}  // namespace

// Three columns filling the window: settings | picture | training + curves.
// Sizes follow the window and the font size, so nothing overlaps at any size
// (columns scroll when the window is too small). Narrower windows get two
// columns, phones one (view.h, Layout).
void App::draw_layout() {
  const ImGuiViewport* vp = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(vp->WorkPos);
  ImGui::SetNextWindowSize(vp->WorkSize);
  const ImGuiWindowFlags flags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                                 ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoBringToFrontOnFocus;
  ImGui::Begin("nnplay", nullptr, flags);
  draw_title_bar();
  draw_shortcuts();
  share_.draw(link_query(false), ctx_.data_info());
  const float fs = ImGui::GetFontSize();
  const ImVec2 avail = ImGui::GetContentRegionAvail();
  const float gap = ImGui::GetStyle().ItemSpacing.x;
  // Below 40 font sizes (640 px at 16 px: phones, upright or turned) two
  // columns leave each too little width for its widgets: one column. Up to
  // 62 (an 800-pixel embed, a tablet) two: the right column's rows move
  // (ViewInfo::narrow) and the picture keeps room beside the settings.
  layout_ = avail.x < fs * 40.0f ? Layout::Phone : avail.x < fs * 62.0f ? Layout::Narrow : Layout::Wide;
  ctx_.layout_ = layout_;
  if (layout_ == Layout::Phone) {
    ImGui::BeginChild("middle", ImVec2(0, avail.y), false);
    draw_middle();
    ImGui::EndChild();
    ImGui::End();
    return;
  }
  const bool narrow = layout_ == Layout::Narrow;
  float left = std::clamp(avail.x * 0.27f, fs * 18.0f, fs * 23.0f);
  float right = narrow ? 0.0f : std::clamp(avail.x * 0.33f, fs * 20.0f, fs * 34.0f);
  if (narrow) left = std::clamp(avail.x * 0.4f, std::min(fs * 15.0f, avail.x * 0.5f), fs * 20.0f);
  else if (left + right + fs * 16.0f > avail.x) {  // shrink the side columns
    const float k = std::max(0.4f, (avail.x - fs * 16.0f) / (left + right));
    left *= k;
    right *= k;
  }
  // A wide tab (shown last frame) takes the right column's place too.
  const bool one_middle = wide_ || narrow;
  const float middle = one_middle ? avail.x - left - gap : std::max(fs * 8.0f, avail.x - left - right - 2 * gap);
  ImGui::BeginChild("left", ImVec2(left, avail.y), true);
  draw_column(Where::Left);
  drag_to_scroll();
  ImGui::EndChild();
  ImGui::SameLine();
  ImGui::BeginChild("middle", ImVec2(middle, avail.y), true);
  draw_middle();
  ImGui::EndChild();
  if (!one_middle) {
    ImGui::SameLine();
    ImGui::BeginChild("right", ImVec2(0, avail.y), true);
    draw_column(Where::Right);
    drag_to_scroll();
    ImGui::EndChild();
  }
  ImGui::End();
}

void App::draw_title_bar() {
  ImGui::TextUnformatted("nnplay");
  ImGui::SameLine();
  if (ImGui::SmallButton("Keys")) help_open_ = true;
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("keyboard shortcuts (key: ?)");
  ImGui::SameLine();
  if (ImGui::SmallButton("Share")) share_.open(restrictions());
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("this setup as a link or an <iframe> for a course page, with what to hide or lock");
  ImGui::SameLine();
  ImGui::TextDisabled("neural network playground");
  char right[96];
  std::snprintf(right, sizeof right, "%.0f fps  ·  train %.1f ms  ·  ui %.1f ms  ·  %s", fps_ema_, train_ms_, ui_ms_,
                platform::name());
  const float w = ImGui::CalcTextSize(right).x;
  const float x = ImGui::GetWindowContentRegionMax().x - w;
  if (x > ImGui::GetCursorPosX() + ImGui::GetFontSize() * 14.0f) {  // only when it fits beside the title
    ImGui::SameLine(x);
    ImGui::TextDisabled("%s", right);
  }
  ImGui::Separator();
}

// Keys, when no text field has the keyboard and no menu is open: Space
// trains or pauses (unless keyboard navigation has a control in focus: then
// Space presses that control, as everywhere), S steps, R resets, ? shows the
// list. Characters, not key codes: the same on every keyboard layout and
// backend (SDL desktop, SDL in the browser, headless tests).
void App::draw_shortcuts() {
  const ImGuiIO& io = ImGui::GetIO();
  const bool free = !io.WantTextInput && !ImGui::IsAnyItemActive() &&
                    !ImGui::IsPopupOpen("", ImGuiPopupFlags_AnyPopupId);
  if (free)
    for (const ImWchar c : io.InputQueueCharacters) {
      const bool loading = play_.session().status().loading;
      if (c == ' ' && !io.NavVisible && !loading)
        ctx_.act(play_.session().status().running ? train::Action::Pause : train::Action::Train);
      else if ((c == 's' || c == 'S') && !loading) ctx_.act(train::Action::Step, 1);
      else if ((c == 'r' || c == 'R') && !loading) ctx_.act(train::Action::Reset);
      else if (c == '?') help_open_ = !help_open_;
    }
  if (!help_open_) return;
  if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape), false)) {
    help_open_ = false;
    return;
  }
  const ImGuiViewport* vp = ImGui::GetMainViewport();
  const float fs = ImGui::GetFontSize();
  ImGui::SetNextWindowPos(ImVec2(vp->WorkPos.x + vp->WorkSize.x * 0.5f, vp->WorkPos.y + fs * 3.0f), ImGuiCond_Always,
                          ImVec2(0.5f, 0.0f));
  ImGui::SetNextWindowSize(ImVec2(std::min(vp->WorkSize.x - fs, fs * 30.0f), 0.0f));
  ImGui::SetNextWindowFocus();
  if (ImGui::Begin("Keyboard", &help_open_, ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_NoSavedSettings |
                                                ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoMove)) {
    static const char* const kKeys[][2] = {
        {"Space", "train / pause (when no control has the keyboard focus)"},
        {"S", "one step, then pause"},
        {"R", "reset: new initial weights from the seed"},
        {"?", "show or hide this list"},
        {"Arrow keys", "move the focus between controls"},
        {"Space, Enter", "press the control in focus; open a menu"},
        {"Esc", "leave a control, close a menu or this list"},
        {"Ctrl+Tab", "move between the columns"},
    };
    if (ImGui::BeginTable("keys", 2, ImGuiTableFlags_SizingFixedFit | ImGuiTableFlags_RowBg)) {
      for (const auto& k : kKeys) {
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(k[0]);
        ImGui::TableNextColumn();
        ImGui::TextWrapped("%s", k[1]);
      }
      ImGui::EndTable();
    }
    if (ImGui::Button("Close")) help_open_ = false;
  }
  ImGui::End();
}

void App::draw_column(Where where) {
  const data::DatasetInfo& d = ctx_.data_info();
  bool first = true;
  for (const ViewInfo& row : view_table()) {
    if (row.place(layout_) != where || !row.shows(d) || restrictions().hides(row.id)) continue;
    if (!first) ImGui::Spacing();
    first = false;
    draw_view(row);
  }
}

void App::draw_view(const ViewInfo& row) {
  const size_t i = static_cast<size_t>(&row - view_table().data());
  if (!views_[i]) views_[i] = row.make();
  ImGui::PushID(row.id);
  const bool locked = restrictions().locks(row.id);
  ImGui::BeginDisabled(locked);  // shown, not editable
  views_[i]->draw(ctx_);
  ImGui::EndDisabled();
  if (locked) note("This exercise fixes these settings (the link locks them).");
  ImGui::PopID();
}

// The data's picture: the top-level tab that shows only some datasets
// (boundary, images, masks or sequences) and shows this one.
const ViewInfo* App::default_tab() const {
  const data::DatasetInfo& d = ctx_.data_info();
  for (const ViewInfo& row : view_table())
    if (row.tab() && !*row.parent && row.make && row.available && row.shows(d)) return &row;
  return nullptr;
}

// The middle column: banners on top, then the tab bar. The first tab is the
// data's picture (decision boundary, images, masks, sequences); the others
// show the network and the optimizers. Tabs keep the picture one click away.
void App::draw_middle() {
  if (layout_ == Layout::Phone) draw_column(Where::Top);
  draw_banners();
  draw_challenge();
  draw_loading();
  // A requested tab stays requested until it shows: a Network sub-tab needs
  // the Network tab open first (one frame) and then its own bar (another); a
  // request for a tab that never appears lapses after a few frames.
  // While a dataset loads the request waits for it (maps of Fashion-MNIST).
  if (play_.session().loading()) ctx_.want_frames_ = std::max(ctx_.want_frames_, 4);
  else if (ctx_.want_frames_ > 0 && --ctx_.want_frames_ == 0) ctx_.want_view_.clear();
  if (ctx_.want_view_ == "main" && default_tab()) ctx_.want_view_ = default_tab()->id;
  shown_.clear();
  wide_ = false;
  if (layout_ == Layout::Phone) draw_phone();
  else {
    // The settings column is always in view, and so is a row that is a tab only in another layout (Curves).
    const ViewInfo* want = find_view(ctx_.want_view_);
    if (ctx_.want_view_ == "setup" || (want && want->place(layout_) != Where::Tab && want->place(layout_) != Where::WideTab))
      ctx_.want_view_.clear();
    draw_tabs("views", "");
  }
}

// A phone: a menu (full width, large enough to tap) chooses what fills the
// screen below the run strip: Setup (the settings column: run, data,
// network, training) or one of the top-level tabs; a group (Network) keeps
// its own tab bar under the menu.
void App::draw_phone() {
  const data::DatasetInfo& d = ctx_.data_info();
  auto entry = [&](const ViewInfo& row) {
    const Where at = row.place(layout_);
    return (at == Where::Tab || at == Where::WideTab) && !*row.parent && row.shows(d) && !restrictions().hides(row.id);
  };
  // A request (a link, a command, a lesson's button) chooses the entry that holds its view.
  if (ctx_.want_view_ == "setup") {
    phone_view_.clear();
    phone_chosen_ = true;
    ctx_.want_view_.clear();
  } else if (const ViewInfo* want = find_view(ctx_.want_view_)) {
    const ViewInfo* top = *want->parent ? find_view(want->parent) : want;
    if (top && entry(*top)) phone_view_ = top->id, phone_chosen_ = true;
  }
  const ViewInfo* current = phone_view_.empty() ? nullptr : find_view(phone_view_);
  if (current && !entry(*current)) phone_chosen_ = false;  // this dataset has no such view: as a tab bar would
  if (!phone_chosen_) {
    current = nullptr;
    for (const ViewInfo& row : view_table())
      if (entry(row)) {
        current = &row;
        break;
      }
    phone_view_ = current ? current->id : "";
    phone_chosen_ = true;
  }
  const std::string preview = std::string("View: ") + (current ? current->title : "Setup");
  ImGui::SetNextItemWidth(-1.0f);
  if (ImGui::BeginCombo("##view", preview.c_str(), ImGuiComboFlags_HeightLarge)) {
    const ImVec2 row_size(0.0f, ImGui::GetFontSize() * 1.6f);  // a finger's height
    if (ImGui::Selectable("Setup: run, data, network, training", current == nullptr, 0, row_size)) {
      phone_view_.clear();
      current = nullptr;
    }
    for (const ViewInfo& row : view_table()) {
      if (!entry(row)) continue;
      if (ImGui::Selectable(row.title, current == &row, 0, row_size)) {
        phone_view_ = row.id;
        current = &row;
      }
      if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", row.about);
    }
    ImGui::EndCombo();
  }
  if (current && !current->make) {  // a group: its tab bar, each tab scrolling in its own child
    draw_tabs(current->id, current->id);
    return;
  }
  ImGui::BeginChild("phone_view", ImVec2(0, 0), false);
  if (!current) {
    shown_ = "setup";
    draw_column(Where::Left);
  } else {
    if (ctx_.want_view_ == current->id) ctx_.want_view_.clear(), ctx_.want_frames_ = 0;  // shown: done
    shown_ = current->id;
    draw_view(*current);
  }
  drag_to_scroll();
  ImGui::EndChild();
}

void App::draw_tabs(const char* bar_id, const char* parent) {
  if (!ImGui::BeginTabBar(bar_id, ImGuiTabBarFlags_FittingPolicyScroll)) return;
  const data::DatasetInfo& d = ctx_.data_info();
  const ViewInfo* want = find_view(ctx_.want_view_);
  for (const ViewInfo& row : view_table()) {
    const Where at = row.place(layout_);
    if ((at != Where::Tab && at != Where::WideTab) || std::string_view(row.parent) != parent || !row.shows(d) ||
        restrictions().hides(row.id))
      continue;
    // A group is selected for a request of itself or of one of its tabs.
    const bool selected = want && (want == &row || std::string_view(want->parent) == row.id);
    if (!ImGui::BeginTabItem(row.title, nullptr, selected ? ImGuiTabItemFlags_SetSelected : 0)) continue;
    if (!row.make) {
      // A group: its own tab bar. Asking for the group itself shows its first tab.
      if (want == &row) ctx_.want_view_.clear();
      draw_tabs(row.id, row.id);
    } else {
      if (want == &row) ctx_.want_view_.clear(), ctx_.want_frames_ = 0;  // shown: done
      shown_ = row.id;
      wide_ = at == Where::WideTab;
      // Each view scrolls in its own child, so the tab bars stay put.
      ImGui::BeginChild("tab", ImVec2(0, 0), false);
      draw_view(row);
      drag_to_scroll();
      ImGui::EndChild();
    }
    ImGui::EndTabItem();
  }
  ImGui::EndTabBar();
}

// ============================================================= [SECTION] banners

namespace {

// A tinted box around wrapped text; an "OK" button when it can be dismissed.
bool banner(const char* id, const std::string& text, ImVec4 fill, ImVec4 edge, ImVec4 text_color, bool dismissable) {
  ImGui::PushStyleColor(ImGuiCol_ChildBg, fill);
  ImGui::PushStyleColor(ImGuiCol_Border, edge);
  const float wrap = ImGui::GetContentRegionAvail().x - ImGui::GetFontSize() * 4.0f;
  const float h = ImGui::CalcTextSize(text.c_str(), nullptr, false, wrap).y + ImGui::GetStyle().WindowPadding.y * 2;
  ImGui::BeginChild(id, ImVec2(0, h), true, ImGuiWindowFlags_NoScrollbar);
  ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + wrap);
  ImGui::PushStyleColor(ImGuiCol_Text, text_color);
  ImGui::TextUnformatted(text.c_str());
  ImGui::PopStyleColor();
  ImGui::PopTextWrapPos();
  bool dismissed = false;
  if (dismissable) {
    ImGui::SameLine(ImGui::GetWindowContentRegionMax().x - ImGui::CalcTextSize("OK").x -
                    ImGui::GetStyle().FramePadding.x * 2);
    ImGui::SetCursorPosY(ImGui::GetStyle().WindowPadding.y * 0.5f);
    dismissed = ImGui::SmallButton("OK");
  }
  ImGui::EndChild();
  ImGui::PopStyleColor(2);
  return dismissed;
}

}  // namespace

void App::draw_banners() {
  const std::string& last = play_.session().status().last_error;
  const ImVec4 red_fill(1.0f, 0.92f, 0.92f, 1.0f), red_edge(0.8f, 0.1f, 0.1f, 0.8f);
  if (!last.empty()) banner("session_error", last, red_fill, red_edge, kErrorText, false);
  if (!ctx_.error().empty() && ctx_.error() != last &&
      banner("ui_error", ctx_.error(), red_fill, red_edge, kErrorText, true))
    ctx_.clear_error();
  // What the start-up link could not use: one compact note, the picture stays visible.
  if (!link_note_.empty() && banner("link_note", link_note_, ImVec4(1.0f, 0.98f, 0.90f, 1.0f),
                                    ImVec4(0.75f, 0.6f, 0.2f, 0.6f), ImGui::GetStyleColorVec4(ImGuiCol_Text), true))
    link_note_.clear();
}

// The link's challenge: the task, the goal, the progress or the network that
// met it, and a hint that unlocks after a while.
void App::draw_challenge() {
  const train::Challenge& c = play_.challenge();
  if (!c.active()) return;
  const train::ChallengeProgress& p = play_.challenge_progress();
  char value[64];
  std::string text = "Challenge" + (c.text.empty() ? std::string(": ") : ": " + c.text + "\nGoal: ") + c.goal_text() + ".";
  if (p.met) {
    std::snprintf(value, sizeof value, "%.4g", p.met_value);
    text += "\n✓ Met at step " + format_count(p.met_step) + ": " + value + " with " + p.met_network + ".";
  } else if (!p.blocked.empty()) {
    text += "\nNot counting now: " + p.blocked + ".";
  } else if (p.has_best) {
    std::snprintf(value, sizeof value, "%.4g", p.best);
    text += std::string("\nBest so far: ") + value + ".";
  } else {
    text += "\nTrain to see how close you get.";
  }
  const ImVec4 fill = p.met ? ImVec4(0.90f, 0.96f, 1.0f, 1.0f) : ImVec4(0.95f, 0.95f, 0.98f, 1.0f);
  banner("challenge", text, fill, ImVec4(0.0f, 0.45f, 0.70f, 0.8f), ImGui::GetStyleColorVec4(ImGuiCol_Text), false);
  if (c.hint.empty()) return;
  const double wait_s = c.hint_after_s - (platform::now_ms() - start_ms_) / 1000.0;
  if (hint_shown_) note(("Hint: " + c.hint).c_str());
  else if (wait_s > 0) ImGui::TextDisabled("A hint unlocks in %.0f s.", std::ceil(wait_s));
  else if (ImGui::SmallButton("Show the hint")) hint_shown_ = true;
}

void App::draw_loading() {
  const train::SessionStatus s = play_.session().status();
  if (!s.loading) return;
  const train::LoadProgress& p = s.progress;
  const data::DatasetInfo* next = data::find_dataset(play_.session().target_config().dataset);
  const std::string& current = requested_file_.empty() ? p.file : requested_file_;
  const bool this_file = p.file == current;  // progress numbers describe the current file
  char title[128];
  std::snprintf(title, sizeof title, "Loading %s — file %d of %d", next ? next->title : "dataset",
                std::min(p.files_done + 1, p.files_total), p.files_total);
  const ImGuiStyle& st = ImGui::GetStyle();
  const float wrap = ImGui::GetContentRegionAvail().x - st.WindowPadding.x * 2;
  const float h = ImGui::CalcTextSize(title, nullptr, false, wrap).y + st.ItemSpacing.y +
                  ImGui::GetTextLineHeightWithSpacing() + ImGui::GetFrameHeight() + st.WindowPadding.y * 2;
  ImGui::PushStyleColor(ImGuiCol_ChildBg, ImVec4(0.92f, 0.95f, 1.0f, 1.0f));
  ImGui::BeginChild("loading", ImVec2(0, h), true, ImGuiWindowFlags_NoScrollbar);
  ImGui::TextWrapped("%s", title);
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
