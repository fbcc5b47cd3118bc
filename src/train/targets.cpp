#include "train/targets.h"

namespace nnplay::train {

void BatchTargets::reserve(const data::Dataset& ds, int n) {
  if (ds.regression()) values.reserve(static_cast<size_t>(n));
  else labels.reserve(static_cast<size_t>(n * ds.labels_per_sample()));
}

void BatchTargets::gather(const data::Dataset& ds, std::span<const int32_t> idx) {
  regression = ds.regression();
  if (regression) {
    labels.clear();
    ds.gather_targets(idx, values);
  } else {
    values.clear();
    ds.gather_labels(idx, labels);
  }
}

Result<loss::LossOutput> BatchTargets::loss(loss::LossKind kind, const Tensor& output, Tensor* doutput) const {
  if (!regression) return loss::compute_loss(kind, output, labels, doutput);
  if (kind != loss::LossKind::MSE)
    return Error(ErrorCode::UNSUPPORTED, std::string("loss ") + loss::loss_key(kind) +
                                             " needs classes, but this dataset has real-valued targets: use loss mse");
  return loss::mse_loss(output, values, doutput);
}

}  // namespace nnplay::train
