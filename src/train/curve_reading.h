// curve_reading.h — reading a run's training curves as the lecture teaches:
// "big gap = overfitting ⇒ increase regularization strength; no gap ⇒
// increase model capacity" (lecture, "Monitor your training curve").
//
// The reading looks at the last quarter of the metric points (at least 5, and
// at least one epoch of training): the mean training loss L_train and
// validation loss L_val there, the gap L_val − L_train, and whether the
// training loss still falls (its mean over the window's second half vs its
// first half). Pure function of the history: the app's Run panel, status()
// and the reading-curves lesson show the same words.
#pragma once

#include <string>
#include <vector>

#include "train/trainer.h"

namespace nnplay::train {

enum class CurveVerdict {
  TooEarly,       // too few points, or less than an epoch: nothing to read yet
  StillLearning,  // the training loss still falls clearly: keep training
  Overfitting,    // L_val well above L_train: regularise
  Underfitting,   // no gap, but the training loss stays high: add capacity
  Fine,           // a small gap at a low loss
};

struct CurveReading {
  CurveVerdict verdict = CurveVerdict::TooEarly;
  double loss_train = 0, loss_val = 0;  // means over the window
  double gap = 0;                       // loss_val − loss_train
  std::string text;                     // the hint, "" for TooEarly
};

/// Thresholds (cross-entropy losses; `chance` = ln C, the loss of a uniform
/// guess over C classes, or 0 when unknown):
///   falling:      the window's second-half training loss < 0.9 × its first half's
///   overfitting:  gap > 0.1 and L_val > 1.5 × L_train
///   underfitting: gap < 0.05 + 0.2 × L_train and L_train > 0.25 × chance
CurveReading read_curves(const std::vector<MetricPoint>& history, double epochs_done, double chance);

}  // namespace nnplay::train
