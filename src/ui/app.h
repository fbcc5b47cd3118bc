// app.h — the nnplay app: the Playground (session, race, one command path),
// the views of the view table (view.h), and one frame of layout.
//
// Rules:
//   * Every control that changes the engine builds a Command and goes through
//     the Ctx (context.h) — the same path as window.nnplay.command, the URL
//     and the CLI (train::Playground).
//   * Views keep no copy of engine state: each frame they read the session
//     and draw (immediate mode); pictures are cached by the session's version.
//   * No SDL or Emscripten here: files, URL and timing come from platform.h.
//
// The layout is three columns: the Left rows, the tabs of the middle column,
// and the Right rows (a WideTab in front takes the right column's width);
// two in a narrow window, one on a phone (view.h, Layout).
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "train/playground.h"
#include "ui/context.h"
#include "ui/share.h"
#include "ui/view.h"

namespace nnplay::ui {

class App {
 public:
  App();
  ~App();
  /// Style, view hooks and the start-up settings ("dataset=spiral&lr=0.03&view=race",
  /// from the URL or the command line). A bad start-up link is shown in the UI, not fatal.
  void init(const std::string& initial_query);
  /// One frame: data loading, a training slice, the URL, every view.
  void frame();

  /// window.nnplay.command(obj): JSON text in, {"ok":true,"status":{...}} or
  /// {"ok":false,"error":"CODE: message"} out.
  std::string api_command(const std::string& json) { return play_.command_reply(json); }
  /// window.nnplay.status(): the status JSON.
  std::string api_status() const { return play_.status_json(); }
  /// window.nnplay.catalog(): the datasets and lessons a page may offer, and
  /// the link's restrictions ("hidden", "locked": the names of hide= and
  /// lock=, as the app's own panels obey them) for the page's own controls.
  std::string api_catalog() const;
  /// window.nnplay.ui(): what the views show that no setting holds, as JSON:
  /// {"ok":true,"view":"draw","drawing":{"predicted":"7","probabilities":
  /// {"0":0.01,...},"readings":12}} ("drawing" null until the draw pad was
  /// shown, "predicted" null while it is empty), and "regions": the
  /// pictures a pointer acts on, {"plane": [x, y, w, h], ...} (Ctx::regions).
  std::string api_ui() const;

  train::Playground& playground() { return play_; }
  Ctx& ctx() { return ctx_; }
  /// The innermost tab drawn last frame ("images", "maps", ...; "setup" for a phone's Setup).
  const std::string& shown_view() const { return shown_; }
  /// The layout of the last frame.
  Layout layout() const { return layout_; }
  /// The link's query for the current setup: the settings that differ from
  /// the defaults, the tab in front, the running lesson, the start-up link's
  /// page keys (hide=/lock= only `with_restrictions`). The URL shows it.
  std::string link_query(bool with_restrictions) const;
  ShareDialog& share() { return share_; }

 private:
  // --- per-frame work
  void pump_loading();
  void train_slice();
  void update_url();
  void register_views();

  // --- layout
  void draw_layout();
  void draw_title_bar();
  void draw_column(Where where);
  void draw_middle();
  void draw_tabs(const char* bar_id, const char* parent);
  void draw_phone();
  void draw_shortcuts();
  void draw_view(const ViewInfo& row);
  void draw_banners();
  void draw_loading();
  void draw_challenge();
  /// The first top-level tab that shows the current dataset (the data's picture).
  const ViewInfo* default_tab() const;

  train::Playground play_;
  Ctx ctx_{play_};
  std::vector<std::unique_ptr<View>> views_;  // by table row, made when first drawn

  std::string shown_;            // innermost tab drawn last frame
  bool wide_ = false;            // a WideTab was in front last frame
  Layout layout_ = Layout::Wide;  // from the window's width, each frame
  std::string phone_view_;        // the phone menu's entry: a top-level tab's id, or "" for Setup
  bool phone_chosen_ = false;     // the phone menu has an entry (the first frame picks one)
  bool help_open_ = false;        // the keyboard help overlay
  bool hint_shown_ = false;       // the challenge's hint, once unlocked and asked for
  double start_ms_ = 0;           // when init() ran (the hint's clock)
  ShareDialog share_;
  std::string link_note_;        // what the start-up link could not use (dismissable)
  std::string requested_file_;   // file being loaded by the platform ("" = none)
  std::string url_query_;        // last query written to the URL
  std::string page_query_;       // the start-up link's page keys (parent_origin=...), kept in the URL
  double budget_ms_ = 12.0;      // training time per frame (adapted to keep >= 30 fps)
  double fps_ema_ = 60.0;
  double other_ms_ema_ = 5.0;    // frame time not spent training
  double train_ms_ = 0.0;        // time spent training in the last frame
  double ui_ms_ = 0.0;           // time spent building the UI in the last frame (CPU, before GL)
};

}  // namespace nnplay::ui
