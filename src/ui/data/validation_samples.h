// validation_samples.h — the first few samples of the validation split and
// the network's predictions for them (train::predict_samples), made again
// when the weights change: at once after an edit, a reset or a load, and at
// most every `every_ms` while training. The data's pictures (images, masks,
// sequences) draw from it.
#pragma once

#include <algorithm>
#include <vector>

#include "train/inspect.h"
#include "ui/context.h"
#include "ui/refresh.h"

namespace nnplay::ui {

class ValidationSamples {
 public:
  struct Changed {
    bool samples = false;      // another dataset or split: new samples
    bool predictions = false;  // predicted again
  };
  Changed update(Ctx& ctx, size_t n, double every_ms) {
    Changed c;
    const std::vector<int32_t>& val = ctx.session().trainer().val_indices();
    const std::vector<int32_t> first(val.begin(), val.begin() + static_cast<std::ptrdiff_t>(std::min(n, val.size())));
    if (first != idx_ || ctx.dataset() != data_) {
      idx_ = first;
      data_ = ctx.dataset();
      pred_ = {};
      refresh_.invalidate();
      c.samples = true;
    }
    const double now = ctx.now_ms();
    const train::SessionVersion v = ctx.session().version();
    if (idx_.empty() || !refresh_.due(v, "", now, every_ms)) return c;
    if (!train::predict_samples(ctx.session(), idx_, &pred_, &x_, &logits_).ok()) pred_ = {};
    refresh_.drawn(v, "", now, ctx.now_ms() - now);
    c.predictions = true;
    return c;
  }
  const std::vector<int32_t>& indices() const { return idx_; }
  /// Empty until predicted (or when prediction failed).
  const train::Predictions& predictions() const { return pred_; }

 private:
  const data::Dataset* data_ = nullptr;
  std::vector<int32_t> idx_;
  train::Predictions pred_;
  Tensor x_, logits_;
  Refresh refresh_;
};

}  // namespace nnplay::ui
