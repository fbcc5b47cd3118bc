// race_curves.h — the race lanes' curves overlaid, one colour per lane:
// training loss, validation loss (from the initial weights' loss) and
// validation accuracy, three in a row when there is room. The race view and
// the Lessons view draw them.
#pragma once

#include <string>
#include <vector>

#include "imgui.h"
#include "train/race.h"

namespace nnplay::ui {

class RaceCurves {
 public:
  bool log = true;       // log-scale loss axes
  bool smooth = true;    // moving average (display only)
  bool by_step = false;  // x axis: steps instead of epochs
  /// The three plots filling `height` (0: the space left, at least 11 font sizes).
  void draw(const train::Race& race, float height = 0.0f);
  /// The three options as checkboxes on one line.
  void options();

 private:
  std::vector<std::string> labels_;  // the lanes' names the plots' legends point into
};

}  // namespace nnplay::ui
