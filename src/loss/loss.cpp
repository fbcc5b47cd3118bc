#include "loss/loss.h"

#include <algorithm>
#include <cmath>

namespace nnplay::loss {

const char* loss_key(LossKind k) { return k == LossKind::CrossEntropy ? "cross_entropy" : "mse"; }

Result<LossKind> parse_loss(const std::string& key) {
  if (key == "cross_entropy") return LossKind::CrossEntropy;
  if (key == "mse") return LossKind::MSE;
  return Error(ErrorCode::INVALID_ARGUMENT, "unknown loss '" + key + "' (expected cross_entropy or mse)");
}

int predict_class(LossKind kind, const Tensor& logits, int n) {
  const int c = logits.dim(1);
  const float* z = logits.data() + static_cast<int64_t>(n) * c;
  if (c == 1) return z[0] > (kind == LossKind::MSE ? 0.5f : 0.0f) ? 1 : 0;
  return static_cast<int>(std::max_element(z, z + c) - z);
}

void predict_classes(LossKind kind, const Tensor& logits, std::vector<int32_t>& out) {
  const int n = logits.dim(0), c = logits.dim(1);
  if (logits.rank() == 4) {
    const int64_t hw = static_cast<int64_t>(logits.dim(2)) * logits.dim(3);
    out.resize(static_cast<size_t>(n * hw));
    for (int k = 0; k < n; ++k)
      for (int64_t p = 0; p < hw; ++p) {
        const float* z = logits.data() + static_cast<int64_t>(k) * c * hw + p;
        int best = 0;
        for (int j = 1; j < c; ++j)
          if (z[j * hw] > z[best * hw]) best = j;
        out[static_cast<size_t>(k * hw + p)] = best;
      }
    return;
  }
  out.resize(static_cast<size_t>(n));
  for (int k = 0; k < n; ++k) out[static_cast<size_t>(k)] = predict_class(kind, logits, k);
}

float confidence(LossKind kind, const Tensor& logits, int n) {
  const int c = logits.dim(1);
  const float* z = logits.data() + static_cast<int64_t>(n) * c;
  if (c == 1) {
    const float p = binary_score(kind, z[0]);
    return predict_class(kind, logits, n) == 1 ? p : 1.0f - p;
  }
  const float m = *std::max_element(z, z + c);
  double sum = 0;
  for (int j = 0; j < c; ++j) sum += std::exp(static_cast<double>(z[j] - m));
  return static_cast<float>(1.0 / sum);  // exp(max − max) / Σ exp(z − max)
}

float binary_score(LossKind kind, float z) {
  if (kind == LossKind::MSE) return std::clamp(z, 0.0f, 1.0f);
  return z >= 0.0f ? 1.0f / (1.0f + std::exp(-z)) : std::exp(z) / (1.0f + std::exp(z));
}

namespace {
// Per-pixel softmax cross-entropy over (N, C, H, W): channel c of pixel p is at (n·C + c)·HW + p.
Result<LossOutput> dense_cross_entropy(const Tensor& logits, std::span<const int32_t> target, Tensor* dlogits) {
  const int n = logits.dim(0), c = logits.dim(1);
  const int64_t hw = static_cast<int64_t>(logits.dim(2)) * logits.dim(3);
  if (static_cast<int64_t>(target.size()) != n * hw)
    return Error(ErrorCode::SHAPE_MISMATCH, "loss: " + std::to_string(target.size()) + " pixel targets for logits " +
                                                logits.shape().str());
  if (dlogits) dlogits->resize(logits.shape());
  const double inv = 1.0 / static_cast<double>(n * hw);
  LossOutput out;
  double total = 0;
  for (int i = 0; i < n; ++i)
    for (int64_t p = 0; p < hw; ++p) {
      const int32_t t = target[static_cast<size_t>(i * hw + p)];
      if (t < 0 || t >= c)
        return Error(ErrorCode::INVALID_ARGUMENT, "loss: pixel " + std::to_string(p) + " of sample " + std::to_string(i) +
                                                      " has class " + std::to_string(t) + ", expected [0, " +
                                                      std::to_string(c) + ")");
      const float* z = logits.data() + static_cast<int64_t>(i) * c * hw + p;
      float m = z[0];
      int best = 0;
      for (int j = 1; j < c; ++j)
        if (z[j * hw] > m) {
          m = z[j * hw];
          best = j;
        }
      double sum = 0;
      for (int j = 0; j < c; ++j) sum += std::exp(static_cast<double>(z[j * hw]) - m);
      const double lse = m + std::log(sum);
      total += lse - z[t * hw];
      out.correct += best == t;
      if (dlogits) {
        float* dz = dlogits->data() + static_cast<int64_t>(i) * c * hw + p;
        for (int j = 0; j < c; ++j) dz[j * hw] = static_cast<float>((std::exp(z[j * hw] - lse) - (j == t ? 1.0 : 0.0)) * inv);
      }
    }
  out.loss = total * inv;
  out.count = n * hw;
  return out;
}
}  // namespace

Result<LossOutput> compute_loss(LossKind kind, const Tensor& logits, std::span<const int32_t> target,
                                Tensor* dlogits) {
  if (logits.rank() == 4) {
    if (kind != LossKind::CrossEntropy)
      return Error(ErrorCode::UNSUPPORTED, "loss: segmentation (per-pixel) outputs need cross_entropy, not mse");
    return dense_cross_entropy(logits, target, dlogits);
  }
  if (logits.rank() != 2)
    return Error(ErrorCode::SHAPE_MISMATCH, "loss expects logits of shape (N, C), got " + logits.shape().str());
  const int n = logits.dim(0), c = logits.dim(1);
  if (static_cast<int>(target.size()) != n)
    return Error(ErrorCode::SHAPE_MISMATCH, "loss: " + std::to_string(target.size()) + " targets for " +
                                                std::to_string(n) + " logits rows");
  const int classes = c == 1 ? 2 : c;
  for (int i = 0; i < n; ++i)
    if (target[static_cast<size_t>(i)] < 0 || target[static_cast<size_t>(i)] >= classes)
      return Error(ErrorCode::INVALID_ARGUMENT, "loss: target of sample " + std::to_string(i) + " is " +
                                                    std::to_string(target[static_cast<size_t>(i)]) +
                                                    ", expected a class in [0, " + std::to_string(classes) + ")");
  if (dlogits) dlogits->resize(logits.shape());
  LossOutput out;
  double total = 0.0;
  const float* z = logits.data();
  float* dz = dlogits ? dlogits->data() : nullptr;
  const double inv_n = 1.0 / n;
  for (int i = 0; i < n; ++i) {
    const float* zi = z + static_cast<int64_t>(i) * c;
    float* dzi = dz ? dz + static_cast<int64_t>(i) * c : nullptr;
    const int t = target[static_cast<size_t>(i)];
    if (kind == LossKind::CrossEntropy && c == 1) {
      const double x = zi[0];
      const double e = std::exp(-std::abs(x));  // one exp serves the loss and the sigmoid
      total += std::max(x, 0.0) - x * t + std::log1p(e);
      if (dzi) {
        const double s = x >= 0 ? 1.0 / (1.0 + e) : e / (1.0 + e);
        dzi[0] = static_cast<float>((s - t) * inv_n);
      }
    } else if (kind == LossKind::CrossEntropy) {
      const float m = *std::max_element(zi, zi + c);
      double sum = 0.0;
      if (dzi) {  // keep e^(z-m) in dz: one exp per logit for the loss and softmax both
        for (int j = 0; j < c; ++j) {
          const double e = std::exp(static_cast<double>(zi[j]) - m);
          dzi[j] = static_cast<float>(e);
          sum += e;
        }
        const double scale = inv_n / sum;
        for (int j = 0; j < c; ++j) dzi[j] = static_cast<float>(dzi[j] * scale - (j == t ? inv_n : 0.0));
      } else {
        for (int j = 0; j < c; ++j) sum += std::exp(static_cast<double>(zi[j]) - m);
      }
      const double lse = m + std::log(sum);
      total += lse - zi[t];
    } else {  // MSE
      const double inv_nc = 1.0 / (static_cast<double>(n) * c);
      for (int j = 0; j < c; ++j) {
        const double y = c == 1 ? t : (j == t ? 1.0 : 0.0);
        const double d = zi[j] - y;
        total += d * d / c;
        if (dzi) dzi[j] = static_cast<float>(2.0 * d * inv_nc);
      }
    }
    if (predict_class(kind, logits, i) == t) ++out.correct;
  }
  out.loss = total * inv_n;
  out.count = n;
  return out;
}

Result<LossOutput> mse_loss(const Tensor& output, std::span<const float> target, Tensor* doutput) {
  if (output.rank() != 2)
    return Error(ErrorCode::SHAPE_MISMATCH, "mse loss expects outputs of shape (N, K), got " + output.shape().str());
  const int64_t n = output.dim(0), total = output.numel();
  if (static_cast<int64_t>(target.size()) != total)
    return Error(ErrorCode::SHAPE_MISMATCH, "mse loss: " + std::to_string(target.size()) + " targets for outputs " +
                                                output.shape().str());
  const int64_t k = n > 0 ? total / n : 1;
  for (int64_t i = 0; i < total; ++i)
    if (!std::isfinite(target[static_cast<size_t>(i)]))
      return Error(ErrorCode::INVALID_ARGUMENT, "mse loss: the target of sample " + std::to_string(i / k) + " is not finite");
  if (doutput) doutput->resize(output.shape());
  const double inv = total > 0 ? 1.0 / static_cast<double>(total) : 0.0;
  double sum = 0;
  for (int64_t i = 0; i < total; ++i) {
    const double d = static_cast<double>(output[i]) - target[static_cast<size_t>(i)];
    sum += d * d;
    if (doutput) (*doutput)[i] = static_cast<float>(2.0 * d * inv);
  }
  LossOutput out;
  out.loss = sum * inv;
  out.count = n;
  return out;
}

}  // namespace nnplay::loss
