// loss.h — training losses, computed from logits (the raw outputs of the last
// Linear) so they stay finite for large logits. All losses are means over the
// batch, as PyTorch's reduction='mean'.
//
//   logits: (N, C)   target: N class indices in [0, C) (int32)
//
// CrossEntropyLoss (C >= 2): softmax + negative log-likelihood,
//   ℓ = (1/N) Σ_n [ logsumexp(z_n) − z_n,t ],  dz = (softmax(z) − onehot(t)) / N.
//   logsumexp is computed as m + log Σ exp(z − m), m = max z (never overflows).
// Binary case (C == 1): BCEWithLogitsLoss with t ∈ {0, 1},
//   ℓ = (1/N) Σ [ max(z,0) − z·t + log(1 + e^{−|z|}) ],  dz = (σ(z) − t) / N.
// MSELoss: targets are one-hot rows (C >= 2) or t ∈ {0, 1} (C == 1),
//   ℓ = (1/(N·C)) Σ (z − y)²,  dz = 2 (z − y) / (N·C)   (lecture's E(w), as a mean).
//
// Regression (mse_loss): outputs (N, K) and N·K real targets, torch's
// MSELoss with reduction='mean': ℓ = (1/(N·K)) Σ (z − y)², dz = 2 (z − y)/(N·K).
// There is no accuracy: `correct` is 0 and `count` N.
//
// Dense (segmentation): logits (N, C, H, W) and N·H·W targets: cross-entropy
// per pixel, averaged over all N·H·W pixels (torch's CrossEntropyLoss on
// (N, C, H, W) with reduction='mean'); `correct`/`count` count pixels.
//
// Prediction: argmax over C (C >= 2), or z > threshold (C == 1: 0 for the
// logit losses, 0.5 for MSE). `correct` counts predictions equal to target.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "core/status.h"
#include "core/tensor.h"

namespace nnplay::loss {

enum class LossKind { CrossEntropy, MSE };

/// "cross_entropy" or "mse".
const char* loss_key(LossKind k);
Result<LossKind> parse_loss(const std::string& key);

struct LossOutput {
  double loss = 0.0;  // mean over the batch (over all pixels for dense targets)
  int64_t correct = 0;  // predictions equal to their target
  int64_t count = 0;    // predictions made: N, or N·H·W for dense targets
};

/// Loss and accuracy of `logits` against `target`; when `dlogits` is not
/// null it is resized to logits' shape and OVERWRITTEN with ∂ℓ/∂logits.
/// Returns INVALID_ARGUMENT when a target is out of range (naming the sample).
Result<LossOutput> compute_loss(LossKind kind, const Tensor& logits, std::span<const int32_t> target,
                                Tensor* dlogits);

/// Mean squared error of `output` (N, K) against N·K real `target` values
/// (row-major, target[n·K + k] for output (n, k)); when `doutput` is not null
/// it is resized to output's shape and OVERWRITTEN with ∂ℓ/∂output.
/// SHAPE_MISMATCH when output is not (N, K) or the target count is not N·K;
/// INVALID_ARGUMENT naming the sample when a target is not finite.
Result<LossOutput> mse_loss(const Tensor& output, std::span<const float> target, Tensor* doutput);

/// Predicted class of sample n of `logits` (N, C) (see the prediction rule above).
int predict_class(LossKind kind, const Tensor& logits, int n);
/// Every prediction of `logits` into `out` (resized): N classes for (N, C);
/// N·H·W for dense (N, C, H, W) logits, pixel p of sample n at n·H·W + p
/// (argmax over C per pixel).
void predict_classes(LossKind kind, const Tensor& logits, std::vector<int32_t>& out);
/// How sure the prediction of sample n of (N, C) logits is: the softmax
/// probability of the predicted class (C >= 2), or of the predicted side of
/// binary_score (C == 1).
float confidence(LossKind kind, const Tensor& logits, int n);
/// Probability-like score of class 1 for binary outputs (C == 1): σ(z) for
/// cross-entropy, clamp(z, 0, 1) for MSE. For the decision-boundary heatmap.
float binary_score(LossKind kind, float z);

}  // namespace nnplay::loss
