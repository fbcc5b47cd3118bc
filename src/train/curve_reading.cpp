// curve_reading.cpp — the lecture's reading of training curves (curve_reading.h).
#include "train/curve_reading.h"

#include <cstdio>

namespace nnplay::train {
namespace {

std::string format(const char* fmt, double a, double b, double c) {
  char buf[400];
  std::snprintf(buf, sizeof buf, fmt, a, b, c);
  return buf;
}

}  // namespace

CurveReading read_curves(const std::vector<MetricPoint>& history, double epochs_done, double chance) {
  CurveReading r;
  const size_t n = history.size() / 4;
  if (n < 5 || epochs_done < 1.0) return r;
  const size_t from = history.size() - n;
  double train = 0, val = 0, first_half = 0, second_half = 0;
  for (size_t k = from; k < history.size(); ++k) {
    train += history[k].loss_train;
    val += history[k].loss_val;
    (k < from + n / 2 ? first_half : second_half) += history[k].loss_train;
  }
  r.loss_train = train / static_cast<double>(n);
  r.loss_val = val / static_cast<double>(n);
  r.gap = r.loss_val - r.loss_train;
  first_half /= static_cast<double>(n / 2);
  second_half /= static_cast<double>(n - n / 2);
  if (r.gap > 0.1 && r.loss_val > 1.5 * r.loss_train) {
    r.verdict = CurveVerdict::Overfitting;
    r.text = format("Big gap: the validation loss (%.3g) is well above the training loss (%.3g, a gap of %.3g): the "
                    "network overfits. Increase regularisation: dropout, weight decay, augmentation or more data.",
                    r.loss_val, r.loss_train, r.gap);
  } else if (second_half < 0.9 * first_half) {
    r.verdict = CurveVerdict::StillLearning;
    r.text = format("The training loss is still falling (%.3g, validation %.3g, gap %.3g): keep training before "
                    "reading the gap.", r.loss_train, r.loss_val, r.gap);
  } else if (r.gap < 0.05 + 0.2 * r.loss_train && chance > 0 && r.loss_train > 0.25 * chance) {
    r.verdict = CurveVerdict::Underfitting;
    r.text = format("No gap: training (%.3g) and validation (%.3g) losses are close but high, and the training loss "
                    "has stopped falling: the network underfits. Increase its capacity: more units or layers (gap %.3g).",
                    r.loss_train, r.loss_val, r.gap);
  } else {
    r.verdict = CurveVerdict::Fine;
    r.text = format("A small gap at a low loss (training %.3g, validation %.3g, gap %.3g): neither over- nor "
                    "underfitting.", r.loss_train, r.loss_val, r.gap);
  }
  return r;
}

}  // namespace nnplay::train
