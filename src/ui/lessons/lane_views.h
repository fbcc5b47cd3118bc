// lane_views.h — a lesson's lanes side by side (train::LaneView): under the
// overlaid curves, one small picture per lane, the same kind for each, so a
// student compares what the lanes learnt, not only their losses: decision
// boundaries, fitted functions, predicted masks, the same validation images
// right or wrong, or each layer's gradient norm or activation scale.
//
// Each lane's picture is made again from its own session (Race::lane_session)
// when its weights change, at most every few hundred ms while it trains.
#pragma once

#include <array>
#include <string>
#include <vector>

#include "gfx/heatmap.h"
#include "gfx/texture.h"
#include "train/inspect.h"
#include "train/lessons.h"
#include "ui/data/validation_samples.h"
#include "ui/images.h"
#include "ui/refresh.h"

namespace nnplay::ui {

class Ctx;

class LaneViews {
 public:
  /// Draws `kind` (resolved for the race's data) for every lane of `race` in
  /// one row of `height` pixels (0: a size that suits the kind).
  void draw(Ctx& ctx, train::Race& race, train::LaneView kind, float height = 0.0f);

 private:
  struct Lane {
    // Boundary / Function:
    const train::Session* session = nullptr;  // whose picture this is (a new race: made again)
    Refresh refresh;
    gfx::Heatmap heatmap;
    bool heatmap_init = false;
    std::string error;
    std::vector<float> values;  // boundary scores or the function's curve
    // Samples / Masks: the same first validation images in every lane (the
    // lanes share their data and split: race.h), predicted by this lane.
    ValidationSamples samples;
    Atlas atlas;  // Masks: the predicted masks
    gfx::Texture tex;
  };
  /// Makes lane i's picture again when due; true when it did. The first
  /// lane also makes the Samples pictures the lanes share.
  bool update(Ctx& ctx, train::Session& s, Lane& lane, train::LaneView kind, bool first_lane);
  static void boundary(Lane& lane, const data::Dataset& ds, const train::Session& s, ImVec2 size);
  static void function(Lane& lane, const data::Dataset& ds, const train::Session& s, ImVec2 size, ImU32 color);
  static void masks(Lane& lane, ImVec2 size);
  void samples(Lane& lane, const data::Dataset& ds, ImVec2 size);
  /// Masks: lane's predicted masks as an atlas (after a prediction).
  static void make_masks(Lane& lane, const data::Dataset& ds);
  /// Samples: the grey pictures of the validation images the lanes predict.
  void show_images(const data::Dataset& ds, const std::vector<int32_t>& idx);

  std::array<Lane, train::Race::kMaxLanes> lanes_;
  Atlas images_;                      // Samples: the images' pictures, shared by the lanes
  gfx::Texture images_tex_;
};

}  // namespace nnplay::ui
