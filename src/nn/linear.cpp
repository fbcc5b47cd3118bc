#include "nn/linear.h"

#include <cmath>

#include "kernels/elementwise.h"
#include "kernels/gemm.h"

namespace nnplay::nn {

Result<std::unique_ptr<Layer>> Linear::from_args(const LayerArgs& args) {
  NNP_RETURN_IF_ERROR(args.check_known({"out_features", "bias"}));
  auto out = args.get_int("out_features", 1, 1 << 20);
  if (!out.ok()) return out.status();
  auto bias = args.get_bool("bias", true);
  if (!bias.ok()) return bias.status();
  return std::unique_ptr<Layer>(new Linear(out.value(), bias.value()));
}

std::string Linear::describe() const {
  return "Linear(" + std::to_string(in_features_) + "\u2192" + std::to_string(out_features_) +
         (has_bias_ ? "" : ", bias=False") + ")";
}

Status Linear::setup(std::span<const Shape> in, Shape* out) {
  if (out_features_ < 1)
    return Error(ErrorCode::INVALID_ARGUMENT,
                 "Linear: out_features must be at least 1, got " + std::to_string(out_features_));
  const int64_t d_in = in[0].per_sample();
  if (d_in < 1) return Error(ErrorCode::SHAPE_MISMATCH, "Linear: empty input shape " + in[0].str());
  if (d_in != in_features_) {
    in_features_ = static_cast<int>(d_in);
    weight_.resize({out_features_, in_features_});
    dweight_.resize({out_features_, in_features_});
  }
  if (has_bias_) {
    bias_.resize({out_features_});
    dbias_.resize({out_features_});
  }
  *out = Shape{1, out_features_};
  return Status::Ok();
}

void Linear::reset_parameters(Rng& rng) {
  // PyTorch: kaiming_uniform_(a=sqrt(5)) == U(-1/sqrt(fan_in), 1/sqrt(fan_in)); same bound for bias.
  const float bound = 1.0f / std::sqrt(static_cast<float>(in_features_));
  for (int64_t i = 0; i < weight_.numel(); ++i) weight_[i] = rng.uniform(-bound, bound);
  for (int64_t i = 0; i < bias_.numel(); ++i) bias_[i] = rng.uniform(-bound, bound);
}

void Linear::forward(std::span<const Tensor* const> x, Tensor& y, Context&) {
  const int n = x[0]->dim(0);
  y.resize({n, out_features_});
  kernels::gemm_f32_nt(n, out_features_, in_features_, x[0]->data(), weight_.data(), y.data(), 0.0f);
  if (has_bias_) kernels::add_bias_rows_f32(n, out_features_, bias_.data(), y.data());
}

void Linear::backward(std::span<const Tensor* const> x, const Tensor&, const Tensor& dy,
                      std::span<Tensor* const> dx) {
  const int n = dy.dim(0);
  // dW(D_out, D_in) += dyᵀ(D_out, N) · x(N, D_in)
  kernels::gemm_f32_tn(out_features_, in_features_, n, dy.data(), x[0]->data(), dweight_.data(), 1.0f);
  if (has_bias_) kernels::sum_rows_f32(n, out_features_, dy.data(), dbias_.data());
  // dx(N, D_in) += dy(N, D_out) · W(D_out, D_in)
  if (dx[0]) kernels::gemm_f32_nn(n, in_features_, out_features_, dy.data(), weight_.data(), dx[0]->data(), 1.0f);
}

std::vector<ParamRef> Linear::params() {
  std::vector<ParamRef> p;
  p.push_back({{uid(), "weight"}, &weight_, &dweight_, 1.0f});
  if (has_bias_) p.push_back({{uid(), "bias"}, &bias_, &dbias_, 0.0f});
  return p;
}

}  // namespace nnplay::nn
