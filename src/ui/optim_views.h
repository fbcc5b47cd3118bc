// optim_views.h — UI-only state of issue 4's views (optimizers, schedules,
// initialisation, the perceptron): which tab, function, start point and
// optimizers are chosen, textures made from engine results, and caches keyed
// by what they were made from. Like views.h (issue 3), nothing here is the
// training session's state; everything can be thrown away and recomputed.
// Two small engine objects live here because only their view drives them:
// the loss-slice job (a copy of the network, computed a few points a frame)
// and the perceptron (the lecture's rule on the current 2D dataset).
//
// Panels (App methods, one file each):
//   panel_race.cpp        optimizer race: lanes' settings, run control, overlaid curves
//   panel_surface.cpp     2D test functions with animated optimizer paths; the network's loss slice
//   panel_init.cpp        activation std per layer at initialisation, per scheme; reset to the same weights
//   panel_schedule.cpp    learning-rate schedule editor (left column) and the lr-over-steps plot (curves)
//   panel_perceptron.cpp  the perceptron rule epoch by epoch on the current 2D dataset
#pragma once

#include <array>
#include <span>
#include <cstdint>
#include <string>
#include <vector>

#include "gfx/texture.h"
#include "imgui.h"
#include "optim/optimizer.h"
#include "train/config.h"
#include "train/loss_slice_job.h"
#include "train/perceptron.h"

namespace nnplay::ui {

/// Tabs of the middle column added by issue 4.
enum class OptimTab { None, Race, Surface, Init, Perceptron };

/// One colour per race lane / optimizer path (Tableau 10: blue, red, green, purple, brown).
ImU32 lane_color(int i);
/// A config key's value as text / number, through the config table's printers.
std::string config_text(const train::Config& cfg, const char* key);
float config_float(const train::Config& cfg, const char* key);
/// "0.03", "1e-08": the shortest text that keeps a float's value.
std::string number_text(double v);
/// Optimizer titles for menus ("SGD", "Adam", ...), in optimizer_key order.
struct OptimizerChoice {
  const char* key;
  const char* title;
};
std::span<const OptimizerChoice> optimizer_choices();
const char* optimizer_title(const std::string& key);
/// "Adam lr 0.01 β₁ 0.9": a one-line summary of an optimizer's settings.
std::string optimizer_summary(const optim::OptimizerConfig& c);

/// An RGBA picture of a scalar field (row 0 = top): a light colour map of the
/// values (already on the scale to show, e.g. log) with `levels` contour lines.
/// NaN values are drawn grey. Returns w*h*4 bytes.
std::vector<uint8_t> contour_rgba(const std::vector<float>& values, int w, int h, int levels);

struct OptimViews {
  OptimTab select = OptimTab::None;  // a tab to bring to the front on the next frame
  OptimTab shown = OptimTab::None;   // the issue-4 tab drawn last frame (None: another tab)

  // --- race
  bool race_log = true;      // log-scale loss axes
  bool race_by_step = false; // x axis: steps instead of epochs
  bool race_smooth = true;

  // --- loss surface: 2D test functions
  bool surf_network = false;  // false: test functions, true: the network's loss slice
  int surf_kind = 0;          // index into train::surfaces()
  std::array<float, 2> surf_start{};
  bool surf_start_set = false;  // false: the function's own start
  struct PathOpt {
    bool on = true;
    optim::OptimizerConfig cfg;
  };
  std::vector<PathOpt> surf_opts;
  int surf_preset = -1;
  int surf_steps = 150;
  float surf_speed = 30.0f;   // steps per second
  float surf_t = 0.0f;        // animation position in steps
  bool surf_playing = true;
  std::vector<std::vector<std::array<float, 2>>> surf_paths;
  std::string surf_paths_key;
  gfx::Texture surf_tex;
  std::string surf_tex_key;

  // --- loss surface: the network's loss along two random directions
  train::LossSliceJob slice;
  std::string slice_error;
  int slice_n = 25;
  float slice_span = 0.5f;
  int slice_seed = 1;
  gfx::Texture slice_tex;
  size_t slice_tex_points = 0;          // grid points computed when the texture was made
  std::string slice_net;                // session setup the slice belongs to (config query)
  std::vector<std::array<float, 2>> slice_path;  // the main session's weights, projected, as it trains
  int64_t slice_path_step = -1;
  std::vector<std::vector<std::array<float, 2>>> slice_lane_paths;  // race lanes (same network)
  std::vector<int64_t> slice_lane_steps;
  double slice_time = -1e9;

  // --- weight init
  int init_depth = 10;
  int init_width = 256;
  bool init_tanh = false;
  float init_small = 0.01f;  // std of the "small random" normal init
  bool init_variance = false;  // plot variance instead of std
  struct InitCurve {
    std::string key, title;
    std::vector<double> mean, variance;
    std::string error;
  };
  std::vector<InitCurve> init_curves;  // filled one scheme per frame
  std::string init_key;

  // --- perceptron
  train::Perceptron perceptron;
  std::string perc_key;       // dataset setup the perceptron was reset for
  std::string perc_error;
  float perc_alpha = 1.0f;
  bool perc_running = false;
  float perc_speed = 5.0f;    // epochs per second
  double perc_due = 0.0;      // epochs owed to the animation
  int perc_max_epochs = 100;
};

}  // namespace nnplay::ui
