// app.h — the nnplay app: owns the training Session and the UI-only state
// (textures, view options, frame timing), and draws one frame of panels.
//
// Rules (ARCHITECTURE.md 2.2):
//   * Every control that changes the session builds a train::Command and calls
//     apply() — the same path as window.nnplay.command, the URL and the CLI.
//   * Panels keep no copy of engine state: each frame they read
//     session().config() / status() / trainer() and draw (immediate mode).
//   * No SDL or Emscripten here: files, URL and timing come from platform.h.
//
// Panels live one per file (Tracy's TracyView_<Panel>.cpp):
//   panel_dataset.cpp    dataset, noise, samples, validation split
//   panel_network.cpp    hidden layers (width, activation), parameter count
//   panel_optimizer.cpp  optimizer, learning rate, momentum/betas, batch, loss, init, seed
//   panel_training.cpp   Train / Pause / Step / Reset, metrics, errors, loading progress
//   panel_curves.cpp     loss and accuracy curves
//   panel_boundary.cpp   decision-boundary heatmap + data points (2D sets)
//   panel_samples.cpp    validation images with predicted / true classes (image sets)
//   views.h              the network editor's and network views' panels and state (issue 3)
//   optim_views.h        the optimizer race, loss surface, init, schedule and perceptron views (issue 4)
#pragma once

#include <memory>
#include <set>
#include <string>
#include <vector>

#include "core/status.h"
#include "core/tensor.h"
#include "gfx/heatmap.h"
#include "gfx/texture.h"
#include "train/race.h"
#include "train/session.h"

namespace nnplay::ui {

struct NetViews;  // views.h
enum class ViewTab;
struct OptimViews;  // optim_views.h

class App {
 public:
  App();
  ~App();
  /// GL resources (call with a current context) and the start-up settings
  /// ("dataset=spiral&lr=0.03&action=train", from the URL or command line).
  /// A bad start-up link is shown in the UI, not fatal.
  void init(const std::string& initial_query);
  /// One frame: data loading, a training slice, the URL, all panels.
  void frame();

  /// window.nnplay.command(obj): JSON text in, {"ok":true,"status":{...}} or
  /// {"ok":false,"error":"CODE: message"} out. Never fails otherwise.
  std::string api_command(const std::string& json);
  /// window.nnplay.status(): the status JSON.
  std::string api_status() const;

  train::Session& session() { return session_; }

 private:
  // --- commands (the only way panels change the session)
  void apply(const train::Command& cmd);
  void set(const char* key, const std::string& value);
  void act(train::Action a, int steps = 1);
  void apply_link(const std::string& query);

  // --- per-frame work
  void pump_loading();
  void train_slice();
  void update_url();

  // --- panels (one file each)
  void draw_layout();
  void panel_dataset();
  void panel_network();
  void panel_optimizer();
  void panel_training();
  void panel_curves();
  void panel_boundary();
  void panel_samples();
  void draw_loading();
  void draw_errors();

  // --- network editor and views (views.h lists the files)
  void draw_middle();
  void panel_network_views(ViewTab select);
  void panel_zoo_args();
  void panel_custom_network();
  void panel_model_file();
  void on_user_file(Status st, const std::string& name, const std::vector<uint8_t>& bytes);
  void panel_network_graph();
  void panel_feature_maps();
  void panel_filters();
  void panel_layer_stats();
  void panel_batchnorm();
  void panel_confusion();
  void step_confusion();
  void panel_segmentation();
  void panel_sequences();
  void panel_augment();
  std::unique_ptr<NetViews> views_;

  // --- optimizer race, loss surface, init, schedules, perceptron (issue 4; optim_views.h lists the files)
  void apply_race(const train::RaceCommand& cmd);  // the race's only way in, like apply()
  void draw_optim_tabs();                          // their tabs, inside the middle column's tab bar
  void panel_race();
  void panel_surface();
  void surface_functions();
  void surface_network();
  void panel_init();
  void panel_perceptron();
  void panel_schedule();                           // in the Training panel
  bool lr_plot_wanted() const;
  void lr_plot(float width, float height);         // in the Curves panel
  std::unique_ptr<OptimViews> optim_;
  train::Race race_;

  train::Session session_;

  // UI-only state
  std::string ui_error_;        // last rejected command ("INVALID_ARGUMENT: ...")
  std::string requested_file_;  // file being loaded by the platform ("" = none)
  std::string url_query_;       // last query written to the URL
  double budget_ms_ = 12.0;     // training time per frame (adapted to keep >= 30 fps)
  double fps_ema_ = 60.0;
  double other_ms_ema_ = 5.0;   // frame time not spent training
  double train_ms_ = 0.0;       // time spent training in the last frame
  double ui_ms_ = 0.0;          // time spent building the UI in the last frame (CPU, before GL)

  // boundary panel
  gfx::Heatmap heatmap_;
  std::string gfx_error_;
  static constexpr int kGrid = 64;  // scores grid (kGrid x kGrid over [-6, 6]^2)
  Tensor grid_x_, grid_logits_;
  std::vector<float> grid_scores_;
  std::string grid_key_;        // what the current heatmap shows (step + config)
  double grid_time_ms_ = -1e9, grid_cost_ms_ = 0.0;
  bool show_val_points_ = true;
  gfx::Texture point_sprites_;  // 2x2 atlas: class colour x rim (training / validation)
  int sprite_tile_ = 0;         // its tile size in device pixels (0 = not made yet)
  bool discretize_ = false;

  // samples panel
  gfx::Texture samples_tex_;
  std::string samples_key_;     // dataset + split the texture was made from
  std::string samples_pred_key_;
  double samples_time_ms_ = -1e9;
  std::vector<int32_t> sample_idx_;
  std::vector<int> sample_pred_;
  Tensor sample_x_, sample_logits_;
  int sample_cols_ = 6;

  // curves panel
  bool log_loss_ = false;
  bool smooth_ = true;

  // test-set evaluation (image sets with a test split), cached by step
  std::string test_result_;
  std::string test_arch_;  // network and edit count the test result belongs to
  int64_t test_step_ = -1;
};

}  // namespace nnplay::ui
