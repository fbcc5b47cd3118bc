#include "train/analysis.h"

#include <cmath>

namespace nnplay::train {

Result<std::vector<LayerStat>> activation_stats_at_init(int depth, int width, nn::Activation activation,
                                                        nn::InitScheme scheme, float scale, uint64_t seed, int batch) {
  if (depth < 1 || depth > 64 || width < 1 || width > 4096 || batch < 2)
    return Error(ErrorCode::INVALID_ARGUMENT, "init stats: depth 1..64, width 1..4096, batch >= 2");
  std::vector<nn::HiddenLayer> hidden(static_cast<size_t>(depth), nn::HiddenLayer{width, activation});
  nn::Model model;
  NNP_RETURN_IF_ERROR(model.build(nn::mlp_spec(hidden, 1), Shape{1, width}, batch));
  model.reset_parameters(seed, scheme, scale);
  Tensor x(Shape{batch, width});
  Rng rng(seed, RngStream::Data);
  for (int64_t i = 0; i < x.numel(); ++i) x[i] = rng.normal();
  model.eval();
  model.forward(x);
  std::vector<LayerStat> out;
  const auto& nodes = model.nodes();
  for (size_t i = 1; i + 1 < nodes.size(); ++i) {
    // Stats of each hidden layer's output: after its activation (or the Linear if none).
    const bool is_linear = std::string(nodes[i].layer->type_name()) == "Linear";
    const bool has_act = activation != nn::Activation::Linear;
    if (is_linear && has_act) continue;
    const Tensor& y = nodes[i].y;
    double s = 0, s2 = 0;
    for (int64_t k = 0; k < y.numel(); ++k) {
      s += y[k];
      s2 += static_cast<double>(y[k]) * y[k];
    }
    const double n = static_cast<double>(y.numel());
    out.push_back({nodes[i].name, s / n, s2 / n - (s / n) * (s / n)});
  }
  return out;
}

void LossSlice::set_origin(nn::Model& model, uint64_t seed) {
  origin_.clear();
  d1_.clear();
  d2_.clear();
  Rng rng(seed, 77);
  for (const ParamRef& p : model.params()) {
    origin_.push_back(*p.value);
    for (auto* d : {&d1_, &d2_}) {
      Tensor t(p.value->shape());
      for (int64_t i = 0; i < t.numel(); ++i) t[i] = rng.normal();
      // Filter normalisation at tensor granularity: ‖d‖ = ‖θ‖ (biases too, as
      // Li et al. zero them; we keep them scaled so the plane moves them).
      const double tn = t.vec().norm(), pn = p.value->vec().norm();
      if (tn > 0) t.vec() *= static_cast<float>((pn > 0 ? pn : 1.0) / tn);
      d->push_back(std::move(t));
    }
  }
}

Result<std::vector<float>> LossSlice::grid(nn::Model& model, loss::LossKind kind, const Tensor& x,
                                           std::span<const int32_t> y, int n, float span) {
  auto params = model.params();
  if (origin_.size() != params.size()) return Error(ErrorCode::NOT_READY, "loss slice: set_origin() first");
  for (size_t k = 0; k < params.size(); ++k)
    if (params[k].value->shape() != origin_[k].shape())
      return Error(ErrorCode::SHAPE_MISMATCH, "loss slice: the network changed since set_origin()");
  std::vector<Tensor> saved;
  for (const ParamRef& p : params) saved.push_back(*p.value);
  std::vector<float> out(static_cast<size_t>(n) * static_cast<size_t>(n));
  const nn::Mode mode = model.mode();
  model.eval();
  for (int r = 0; r < n; ++r)
    for (int c = 0; c < n; ++c) {
      const float a = -span + 2 * span * static_cast<float>(c) / static_cast<float>(n - 1);
      const float b = -span + 2 * span * static_cast<float>(r) / static_cast<float>(n - 1);
      place(model, a, b);
      auto res = loss::compute_loss(kind, model.forward(x), y, nullptr);
      if (!res.ok()) return res.status();
      out[static_cast<size_t>(r * n + c)] = static_cast<float>(res.value().loss);
    }
  for (size_t k = 0; k < params.size(); ++k) params[k].value->vec() = saved[k].vec();
  if (mode == nn::Mode::Train) model.train();
  return out;
}

void LossSlice::place(nn::Model& model, float a, float b) const {
  auto params = model.params();
  for (size_t k = 0; k < params.size() && k < origin_.size(); ++k)
    params[k].value->vec() = origin_[k].vec() + a * d1_[k].vec() + b * d2_[k].vec();
}

std::array<float, 2> LossSlice::project(const nn::Model& model) const {
  // Least-squares coordinates of (θ − θ₀) in span{d₁, d₂}: solve the 2x2 normal equations.
  double g11 = 0, g12 = 0, g22 = 0, r1 = 0, r2 = 0;
  auto params = model.params();
  for (size_t k = 0; k < params.size() && k < origin_.size(); ++k) {
    const Eigen::VectorXf delta = params[k].value->vec() - origin_[k].vec();
    g11 += d1_[k].vec().squaredNorm();
    g22 += d2_[k].vec().squaredNorm();
    g12 += d1_[k].vec().dot(d2_[k].vec());
    r1 += d1_[k].vec().dot(delta);
    r2 += d2_[k].vec().dot(delta);
  }
  const double det = g11 * g22 - g12 * g12;
  if (std::abs(det) < 1e-30) return {0, 0};
  return {static_cast<float>((r1 * g22 - r2 * g12) / det), static_cast<float>((r2 * g11 - r1 * g12) / det)};
}

}  // namespace nnplay::train
