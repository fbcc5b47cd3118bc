#include "train/loss_slice_job.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <limits>


namespace nnplay::train {

Status LossSliceJob::start(const Session& session, int n, float span, uint64_t seed, int batch) {
  if (n < 3 || n > 129 || !(span > 0) || batch < 1)
    return Error(ErrorCode::INVALID_ARGUMENT, "loss slice: grid 3..129 points a side, span > 0, batch >= 1");
  const data::Dataset* ds = session.dataset();
  if (!ds || session.loading()) return Error(ErrorCode::NOT_READY, "loss slice: the dataset is still loading");
  const Config& c = session.config();
  const std::vector<int32_t>& train = session.trainer().train_indices();
  if (train.empty()) return Error(ErrorCode::NOT_READY, "loss slice: no training samples");
  const size_t m = std::min(train.size(), static_cast<size_t>(batch));
  nn::Model model;
  NNP_RETURN_IF_ERROR(model.build(session.spec(), ds->sample_shape, static_cast<int>(m)));  // the session's network
  const int copied = model.copy_matching_from(session.model());
  if (copied != static_cast<int>(model.params().size()))
    return Error(ErrorCode::SHAPE_MISMATCH, "loss slice: could not copy the session's network (" +
                                                std::to_string(copied) + " of " +
                                                std::to_string(model.params().size()) + " tensors)");
  model.eval();
  const std::span<const int32_t> part(train.data(), m);
  ds->gather(part, x_);
  y_.gather(*ds, part);
  model_ = std::move(model);
  loss_ = c.loss;
  slice_.set_origin(model_, seed);
  n_ = n;
  span_ = span;
  values_.assign(static_cast<size_t>(n) * static_cast<size_t>(n), std::numeric_limits<float>::quiet_NaN());
  next_ = 0;
  origin_step_ = session.trainer().step_count();
  auto r = y_.loss(loss_, model_.forward(x_), nullptr);
  if (!r.ok()) return r.status();
  origin_loss_ = static_cast<float>(r.value().loss);
  return Status::Ok();
}

bool LossSliceJob::fits(const nn::Model& model) const {
  if (!ready()) return false;
  auto mine = model_.params();
  auto theirs = model.params();
  if (mine.size() != theirs.size()) return false;
  for (size_t k = 0; k < mine.size(); ++k)
    if (mine[k].value->shape() != theirs[k].value->shape()) return false;
  return true;
}

Status LossSliceJob::run_for(double budget_ms) {
  if (!ready()) return Error(ErrorCode::NOT_READY, "loss slice: start() first");
  const auto t0 = std::chrono::steady_clock::now();
  while (next_ < values_.size()) {
    const int r = static_cast<int>(next_) / n_, col = static_cast<int>(next_) % n_;
    const float a = -span_ + 2 * span_ * static_cast<float>(col) / static_cast<float>(n_ - 1);
    const float b = -span_ + 2 * span_ * static_cast<float>(r) / static_cast<float>(n_ - 1);
    slice_.place(model_, a, b);
    auto res = y_.loss(loss_, model_.forward(x_), nullptr);
    if (!res.ok()) return res.status();
    values_[next_++] = static_cast<float>(res.value().loss);
    if (std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count() >= budget_ms) break;
  }
  return Status::Ok();
}

}  // namespace nnplay::train
