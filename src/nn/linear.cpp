#include "nn/linear.h"

#include <cmath>

#include "core/parallel.h"
#include "kernels/conv_gemm.h"
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
  dyt_.reserve(int64_t{max_batch()} * out_features_);
  *out = Shape{1, out_features_};
  return Status::Ok();
}

void Linear::reset_parameters(Rng& rng) {
  // PyTorch: kaiming_uniform_(a=sqrt(5)) == U(-1/sqrt(fan_in), 1/sqrt(fan_in)); same bound for bias.
  const float bound = 1.0f / std::sqrt(static_cast<float>(in_features_));
  for (int64_t i = 0; i < weight_.numel(); ++i) weight_[i] = rng.uniform(-bound, bound);
  for (int64_t i = 0; i < bias_.numel(); ++i) bias_[i] = rng.uniform(-bound, bound);
}

namespace {
// Thread parts for a product of `macs` multiply-adds over `n` samples: all
// threads from kLinearParallelMacs on, else 1.
int linear_parts(int n, int64_t macs) {
  return n < 2 || macs < kLinearParallelMacs ? 1 : parallel::num_threads();
}
}  // namespace

void Linear::forward(std::span<const Tensor* const> x, Tensor& y, Context&) {
  const int n = x[0]->dim(0), in = in_features_, out = out_features_;
  y.resize({n, out});
  auto rows = [&](int64_t a, int64_t b) {
    const int m = static_cast<int>(b - a);
    if (m <= 0) return;
    kernels::gemm_f32_nt(m, out, in, x[0]->data() + a * in, weight_.data(), y.data() + a * out, 0.0f);
    if (has_bias_) kernels::add_bias_rows_f32(m, out, bias_.data(), y.data() + a * out);
  };
  if (linear_parts(n, int64_t{n} * in * out) == 1) return rows(0, n);
  parallel::for_parts([&](int part, int parts) {
    int64_t a = 0, b = 0;
    parallel::part_range(n, part, parts, &a, &b);
    rows(a, b);
  });
}

void Linear::backward(std::span<const Tensor* const> x, const Tensor&, const Tensor& dy,
                      std::span<Tensor* const> dx) {
  const int n = dy.dim(0), in = in_features_, out = out_features_;
  if (linear_parts(n, int64_t{n} * in * out) == 1 || int64_t{n} * out > dyt_.capacity()) {
    // dW(D_out, D_in) += dyᵀ(D_out, N) · x(N, D_in)
    kernels::gemm_f32_tn(out, in, n, dy.data(), x[0]->data(), dweight_.data(), 1.0f);
    if (has_bias_) kernels::sum_rows_f32(n, out, dy.data(), dbias_.data());
    // dx(N, D_in) += dy(N, D_out) · W(D_out, D_in)
    if (dx[0]) kernels::gemm_f32_nn(n, in, out, dy.data(), weight_.data(), dx[0]->data(), 1.0f);
    return;
  }
  dyt_.resize({out, n});
  float* dyt = dyt_.data();
  kernels::transpose_2d_f32(n, out, dy.data(), out, dyt, n, false);
  parallel::for_parts([&](int part, int parts) {
    int64_t o0 = 0, o1 = 0, s0 = 0, s1 = 0;
    parallel::part_range(out, part, parts, &o0, &o1);
    parallel::part_range(n, part, parts, &s0, &s1);
    if (const int m = static_cast<int>(o1 - o0); m > 0) {
      // dW rows [o0, o1) += dyᵀ rows [o0, o1) · x;  db[o0, o1) += their row sums
      kernels::gemm_f32_nn(m, in, n, dyt + o0 * n, x[0]->data(), dweight_.data() + o0 * in, 1.0f);
      if (has_bias_) kernels::row_sums_f32(m, n, dyt + o0 * n, n, dbias_.data() + o0);
    }
    if (const int m = static_cast<int>(s1 - s0); dx[0] && m > 0)
      kernels::gemm_f32_nn(m, in, out, dy.data() + s0 * out, weight_.data(), dx[0]->data() + s0 * in, 1.0f);
  });
}

std::vector<ParamRef> Linear::params() {
  std::vector<ParamRef> p;
  p.push_back({{uid(), "weight"}, &weight_, &dweight_, 1.0f});
  if (has_bias_) p.push_back({{uid(), "bias"}, &bias_, &dbias_, 0.0f});
  return p;
}

}  // namespace nnplay::nn
