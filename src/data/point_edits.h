// point_edits.h — a student's clicks on a generated 2D set (ConvNetJS's 2D
// demo): points added where they clicked, generated points taken away.
//
// The edits are a setting (train/config.h key `points`), so a link, a reload
// and a race lane rebuild the same edited set from the seed: the generated set
// first (data/toy2d.h), then the edits on top. As text:
//   "1.5,-2.25,1;-3,0.5,0;r17;r203"
// an added point is "x1,x2,class" (class 0 orange, 1 blue; on the regression
// sets plane and multi_gaussian the target −1 or +1), "rN" removes the
// generated sample N (0-based, below the set's `samples`). Items are separated
// by ';'; the printed form lists the added points in the order they were added,
// then the removed samples ascending.
//
// Added points always train (they join the training split after it was drawn,
// so the generated samples keep their split); removed samples leave whichever
// split held them.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "data/catalog.h"
#include "data/dataset.h"

namespace nnplay::data {

struct PointEdits {
  struct Added {
    float x1 = 0, x2 = 0;
    int label = 0;  // 0 or 1
    bool operator==(const Added&) const = default;
  };
  std::vector<Added> added;      // in the order they were added
  std::vector<int32_t> removed;  // generated samples' numbers, ascending and distinct
  bool empty() const { return added.empty() && removed.empty(); }
  bool operator==(const PointEdits&) const = default;
};

/// The sets clicks edit: the generated 2D sets (not a CSV, whose points are
/// the user's file).
inline bool takes_point_edits(const DatasetInfo& d) { return d.family == Family::Points && !d.user; }

/// Most points a student may add (the link stays a link).
inline constexpr int kMaxAddedPoints = 500;
/// Added points lie in the plane the 2D sets are drawn on: [-6, 6]².
inline constexpr float kPointsExtent = 6.0f;

/// Parses the `points` text. INVALID_ARGUMENT naming the item (1-based) and
/// what is wrong: not "x1,x2,class" or "rN", a coordinate outside [-6, 6] or
/// not a finite number, a class other than 0 or 1, a negative or repeated
/// sample number, more than kMaxAddedPoints added points.
Result<PointEdits> parse_point_edits(std::string_view text);
/// The canonical text (parse_point_edits(format_point_edits(e)) == e, for
/// coordinates printed to float precision).
std::string format_point_edits(const PointEdits& e);

/// Appends the added points to `ds`, a generated 2D set of `generated`
/// samples (sample shape (1, 2)): labels as classes, or targets −1 / +1 on a
/// regression set. INVALID_ARGUMENT when a removed sample number is not below
/// `generated` ("points: r600, but the set has 500 samples"). Nothing is
/// changed on error.
Status apply_point_edits(const PointEdits& e, int generated, Dataset* ds);

/// The split of an edited set: `train` and `val` (drawn over the generated
/// samples) lose the removed samples, and the added points (samples
/// generated, generated + 1, ...) join `train` at its end.
void edit_split(const PointEdits& e, int generated, std::vector<int32_t>* train, std::vector<int32_t>* val);

/// The sample nearest to (x1, x2) among `idx` within `radius` (plane units),
/// or -1: what a right-click or long press removes.
int32_t nearest_sample(const Dataset& ds, const std::vector<int32_t>& idx, float x1, float x2, float radius);

}  // namespace nnplay::data
