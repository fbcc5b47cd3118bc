// validation_samples.h — the first few samples of the validation split and
// the network's predictions for them (train::predict_samples), made again
// when the weights change: at once after an edit, a reset or a load, and at
// most every `every_ms` while training. The data's pictures (images, masks,
// sequences) draw from it for the app's session; a lesson's lane pictures
// (lane_views.h) hold one per race lane, for that lane's session.
#pragma once

#include <algorithm>
#include <string>
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
  /// For the app's session (ctx.session()).
  Changed update(Ctx& ctx, size_t n, double every_ms) { return update(ctx, ctx.session(), n, every_ms); }
  /// For session `s` (a race lane's): its dataset, validation split and weights.
  Changed update(Ctx& ctx, train::Session& s, size_t n, double every_ms) {
    Changed c;
    const train::SessionVersion v = s.version();
    if (&s != session_ || (refresh_.valid() && v.step < refresh_.version().step)) {
      session_ = &s;  // another session (a new race), or its training reset: nothing predicted belongs to it
      pred_ = {};
      error_.clear();
      refresh_.invalidate();
    }
    const std::vector<int32_t>& val = s.trainer().val_indices();
    const std::vector<int32_t> first(val.begin(), val.begin() + static_cast<std::ptrdiff_t>(std::min(n, val.size())));
    if (first != idx_ || s.dataset() != data_) {
      idx_ = first;
      data_ = s.dataset();
      pred_ = {};
      refresh_.invalidate();
      c.samples = true;
    }
    const double now = ctx.now_ms();
    if (idx_.empty() || !refresh_.due(v, "", now, every_ms)) return c;
    const Status st = train::predict_samples(s, idx_, &pred_, &x_, &logits_);
    if (!st.ok()) pred_ = {};
    error_ = st.ok() ? "" : st.message();
    refresh_.drawn(v, "", now, ctx.now_ms() - now);
    c.predictions = true;
    return c;
  }
  const std::vector<int32_t>& indices() const { return idx_; }
  /// Empty until predicted (or when prediction failed).
  const train::Predictions& predictions() const { return pred_; }
  /// Why the last prediction failed ("" when it did not).
  const std::string& error() const { return error_; }

 private:
  const train::Session* session_ = nullptr;
  const data::Dataset* data_ = nullptr;
  std::vector<int32_t> idx_;
  train::Predictions pred_;
  Tensor x_, logits_;
  Refresh refresh_;
  std::string error_;
};

}  // namespace nnplay::ui
