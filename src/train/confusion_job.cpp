#include "train/confusion_job.h"

#include <algorithm>
#include <chrono>

#include "loss/loss.h"

namespace nnplay::train {

int64_t Confusion::total() const {
  int64_t n = 0;
  for (int64_t c : counts) n += c;
  return n;
}

int64_t Confusion::right() const {
  int64_t n = 0;
  for (int t = 0; t < classes; ++t) n += counts[static_cast<size_t>(t * classes + t)];
  return n;
}

void ConfusionJob::start(const Session& session, int max_wrong) {
  val_ = session.trainer().val_indices();
  data_ = session.dataset();
  next_ = 0;
  max_wrong_ = std::max(0, max_wrong);
  done_ = data_ == nullptr || val_.empty();
  cm_ = Confusion{};
  if (!data_ || data_->regression()) return;  // run_for() says why a regression set has none
  cm_.classes = data_->num_classes;
  cm_.dense = data_->dense();
  cm_.counts.assign(static_cast<size_t>(cm_.classes * cm_.classes), 0);
  cm_.from = cm_.to = session.version();
}

float ConfusionJob::progress() const {
  return val_.empty() ? (done_ ? 1.0f : 0.0f) : static_cast<float>(next_) / static_cast<float>(val_.size());
}

Status ConfusionJob::run_for(Session& session, double budget_ms) {
  if (data_ && data_->regression())
    return Error(ErrorCode::UNSUPPORTED, "confusion matrix: dataset " + data_->name +
                                             " has real-valued targets (regression), no classes to confuse");
  if (done_) return Status::Ok();
  if (session.dataset() != data_ || session.trainer().val_indices() != val_)
    return Error(ErrorCode::NOT_READY, "confusion matrix: the dataset or its split changed; start again");
  using Clock = std::chrono::steady_clock;
  const auto t0 = Clock::now();
  auto ms_since = [](Clock::time_point t) { return std::chrono::duration<double, std::milli>(Clock::now() - t).count(); };
  const loss::LossKind kind = session.config().loss;
  do {
    // Chunks of about a third of the budget (1 to 64 samples), from the measured cost per sample.
    const double want = std::min(budget_ms, 1e6) / 3.0 / std::max(1e-4, per_sample_ms_);
    const size_t n = static_cast<size_t>(std::clamp(want, 1.0, 64.0));
    const std::span<const int32_t> part(val_.data() + next_, std::min(n, val_.size() - next_));
    const auto c0 = Clock::now();
    data_->gather(part, x_);
    data_->gather_labels(part, labels_);
    NNP_RETURN_IF_ERROR(session.predict(x_, &logits_));
    loss::predict_classes(kind, logits_, pred_);
    per_sample_ms_ = 0.7 * per_sample_ms_ + 0.3 * ms_since(c0) / static_cast<double>(part.size());
    const int C = cm_.classes;
    for (size_t i = 0; i < pred_.size(); ++i) {
      const int t = labels_[i], p = pred_[i];
      ++cm_.counts[static_cast<size_t>(t * C + p)];
      if (!cm_.dense && p != t && static_cast<int>(cm_.wrong.size()) < max_wrong_) {
        cm_.wrong.push_back(part[i]);
        cm_.wrong_predicted.push_back(p);
      }
    }
    next_ += part.size();
    cm_.to = session.version();
  } while (next_ < val_.size() && ms_since(t0) < budget_ms);
  done_ = next_ >= val_.size();
  return Status::Ok();
}

}  // namespace nnplay::train
