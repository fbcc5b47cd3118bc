#include "nn/layer_norm.h"

#include "nn/norm_rows.h"

namespace nnplay::nn {

Result<std::unique_ptr<Layer>> LayerNorm::from_args(const LayerArgs& args) {
  NNP_RETURN_IF_ERROR(args.check_known({"normalized_shape", "eps", "elementwise_affine"}));
  auto shape = args.get_list("normalized_shape", 1, 1 << 24, {});
  auto eps = args.get_double("eps", 0.0, 1.0, 1e-5);
  auto affine = args.get_bool("elementwise_affine", true);
  if (!shape.ok()) return shape.status();
  if (!eps.ok()) return eps.status();
  if (!affine.ok()) return affine.status();
  auto layer = std::make_unique<LayerNorm>();
  for (double d : shape.value()) layer->normalized_shape_.push_back(static_cast<int>(d));
  if (layer->normalized_shape_.size() > static_cast<size_t>(Shape::kMaxRank - 1))
    return Error(ErrorCode::INVALID_ARGUMENT, "LayerNorm: normalized_shape has too many dimensions");
  layer->eps_ = eps.value();
  layer->affine_ = affine.value();
  return std::unique_ptr<Layer>(std::move(layer));
}

std::string LayerNorm::describe() const {
  std::string s = "LayerNorm(";
  const Shape& w = weight_.shape();
  if (affine_) {
    for (int i = 0; i < w.rank; ++i) s += (i ? ", " : "") + std::to_string(w[i]);
  } else {
    s += std::to_string(len_) + ", elementwise_affine=False";
  }
  return s + ")";
}

Status LayerNorm::setup(std::span<const Shape> in, Shape* out) {
  const Shape& s = in[0];
  if (s.rank < 2) return Error(ErrorCode::SHAPE_MISMATCH, "LayerNorm expects input (N, ...), got " + s.str());
  Shape norm;
  if (normalized_shape_.empty()) {
    for (int i = 1; i < s.rank; ++i) norm.dims[static_cast<size_t>(norm.rank++)] = s[i];
  } else {
    const int k = static_cast<int>(normalized_shape_.size());
    bool ok = k < s.rank;
    for (int i = 0; ok && i < k; ++i) ok = s[s.rank - k + i] == normalized_shape_[static_cast<size_t>(i)];
    if (!ok) {
      std::string ns;
      for (int d : normalized_shape_) ns += (ns.empty() ? "" : ", ") + std::to_string(d);
      return Error(ErrorCode::SHAPE_MISMATCH,
                   "LayerNorm: normalized_shape (" + ns + ") is not the trailing shape of input " + s.str());
    }
    for (int d : normalized_shape_) norm.dims[static_cast<size_t>(norm.rank++)] = d;
  }
  len_ = norm.numel();
  rows_per_sample_ = s.per_sample() / len_;
  if (affine_ && weight_.shape() != norm) {
    for (Tensor* t : {&weight_, &bias_, &dweight_, &dbias_}) t->resize(norm);
    weight_.fill(1.0f);
    bias_.zero();
  }
  mean_.reserve(rows_per_sample_ * max_batch());
  rstd_.reserve(rows_per_sample_ * max_batch());
  *out = s;
  return Status::Ok();
}

void LayerNorm::reset_parameters(Rng&) {
  weight_.fill(1.0f);
  bias_.zero();
}

void LayerNorm::forward(std::span<const Tensor* const> x, Tensor& y, Context&) {
  const Tensor& in = *x[0];
  y.resize(in.shape());
  const int rows = static_cast<int>(in.dim(0) * rows_per_sample_);
  mean_.resize({rows});
  rstd_.resize({rows});
  for (int r = 0; r < rows; ++r) {
    const float* p = in.data() + r * len_;
    float* q = y.data() + r * len_;
    row_moments(p, len_, eps_, &mean_[r], &rstd_[r]);
    const float mu = mean_[r], rs = rstd_[r];
    if (affine_) {
      for (int64_t i = 0; i < len_; ++i) q[i] = (p[i] - mu) * rs * weight_[i] + bias_[i];
    } else {
      for (int64_t i = 0; i < len_; ++i) q[i] = (p[i] - mu) * rs;
    }
  }
}

void LayerNorm::backward(std::span<const Tensor* const> x, const Tensor&, const Tensor& dy,
                         std::span<Tensor* const> dx) {
  const Tensor& in = *x[0];
  const int rows = static_cast<int>(in.dim(0) * rows_per_sample_);
  for (int r = 0; r < rows; ++r) {
    const float* p = in.data() + r * len_;
    const float* g = dy.data() + r * len_;
    const float mu = mean_[r], rs = rstd_[r];
    if (affine_)
      for (int64_t i = 0; i < len_; ++i) {
        dweight_[i] += g[i] * (p[i] - mu) * rs;
        dbias_[i] += g[i];
      }
    if (!dx[0]) continue;
    float* d = dx[0]->data() + r * len_;
    if (affine_) row_norm_backward(p, g, len_, mu, rs, [&](int64_t i) { return weight_[i]; }, d);
    else row_norm_backward(p, g, len_, mu, rs, [](int64_t) { return 1.0f; }, d);
  }
}

std::vector<ParamRef> LayerNorm::params() {
  if (!affine_) return {};
  return {{{uid(), "weight"}, &weight_, &dweight_, 0.0f}, {{uid(), "bias"}, &bias_, &dbias_, 0.0f}};
}

}  // namespace nnplay::nn
