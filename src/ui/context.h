// context.h — what a view gets to draw: the playground (read-only use of the
// session and race, whose changes go through the commands here), the error
// banner, view selection and the picks views share (the node and validation
// sample a student is inspecting).
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <span>
#include <string>
#include <vector>

#include "core/status.h"
#include "data/catalog.h"
#include "platform/platform.h"
#include "train/playground.h"
#include "ui/view.h"

namespace nnplay::ui {

class Ctx {
 public:
  explicit Ctx(train::Playground& play) : play_(play) {}

  train::Playground& play() { return play_; }
  train::Session& session() { return play_.session(); }
  const train::Session& session() const { return play_.session(); }
  const train::Config& config() const { return play_.session().config(); }
  /// The active dataset (the previous one while another loads).
  const data::Dataset* dataset() const { return play_.session().dataset(); }
  /// The catalog entry of the active dataset.
  const data::DatasetInfo& data_info() const;
  /// Half the side of the plane the 2D views draw ([-e, e]²): 6 for the 2D
  /// sets; for a CSV (standardized features, mostly within ±3) the smallest
  /// whole number ≥ 2 that holds every point, at most 6.
  float plane_extent() const;

  // --- commands: the only way views change the engine. A refused command
  // changes nothing and shows its error in the banner; true when applied.
  bool apply(const train::Command& cmd);
  bool apply(const train::RaceCommand& cmd);
  bool set(const std::string& key, const std::string& value);
  bool act(train::Action a, int steps = 1);
  /// A file the user gave (chosen, dropped) by its name with any folders
  /// stripped: data by its suffix, else a model (Playground::load_file).
  /// A refusal shows in the banner ("Not loaded (nothing changed): ...")
  /// and is returned with that message.
  Status load_user_file(Status st, const std::string& name, std::span<const uint8_t> bytes);
  /// Files given at once (a drop, a multi-file chooser): one file as
  /// load_user_file; several (or a dropped folder) as the user's images
  /// (Playground::load_files), in the loaded images' format if there are
  /// some, else grey 28×28. Refusals as load_user_file's.
  Status load_user_files(Status st, std::vector<platform::UserFile> files);
  /// Sets a lesson up (train::Playground::start_lesson); with `train` it runs.
  bool start_lesson(const std::string& id, bool train);
  /// Shows `st` in the banner (ok: clears it).
  void report(const Status& st);
  const std::string& error() const { return error_; }
  void clear_error() { error_.clear(); }

  // --- views
  /// Brings a tab to the front (its group's tab too), once it can show.
  void select_view(const std::string& id);

  /// Picks the inspection views share.
  struct Picks {
    int node = -1;              // a node of the network (graph, feature maps)
    int sample = 0;             // a position in the validation split (feature maps)
    bool scroll_to_node = false;
  } picks;

  /// What the draw pad's network read last (draw_view.cpp): class
  /// probabilities for the drawing (empty: nothing drawn or no prediction),
  /// the most likely class, a count that grows with every reading. The page
  /// announces it to screen readers (App::api_ui).
  struct DrawingRead {
    std::vector<float> probs;
    int predicted = -1;
    int64_t version = 0;
  } drawing;

  /// The pictures a pointer acts on this frame ("plane": the boundary view's
  /// square, "pad": the draw pad) as {x, y, width, height} in window
  /// coordinates (CSS pixels on the web), for the page's tests (App::api_ui).
  std::map<std::string, std::array<float, 4>> regions;

  double now_ms() const;

 /// The window's layout this frame (a view drops what another part of the screen already shows).
  Layout layout() const { return layout_; }

 private:
  mutable const data::Dataset* extent_of_ = nullptr;  // plane_extent's cache: for this dataset...
  mutable float extent_ = 6.0f;                       // ...this extent
  friend class App;
  Layout layout_ = Layout::Wide;
  train::Playground& play_;
  std::string error_;
  std::string want_view_;  // the tab to bring to the front ("" = none)
  int want_frames_ = 0;    // frames left to try (a nested tab needs its group's tab first)
};

}  // namespace nnplay::ui
