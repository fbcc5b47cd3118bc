#include "nn/rnn.h"

#include <algorithm>
#include <cmath>

#include "kernels/gemm.h"

namespace nnplay::nn {

Result<std::unique_ptr<Layer>> RNN::from_args(const LayerArgs& args) {
  NNP_RETURN_IF_ERROR(
      args.check_known({"hidden_size", "nonlinearity", "bias", "batch_first", "input_size", "num_layers"}));
  auto h = args.get_int("hidden_size", 1, 1 << 16);
  auto bias = args.get_bool("bias", true);
  auto bf = args.get_bool("batch_first", true);
  auto in = args.get_int("input_size", 1, 1 << 20, 0);
  auto layers = args.get_int("num_layers", 1, 1, 1);
  if (!h.ok()) return h.status();
  if (!bias.ok()) return bias.status();
  if (!bf.ok()) return bf.status();
  if (!in.ok()) return in.status();
  if (!layers.ok()) return layers.status();
  if (!bf.value()) return Error(ErrorCode::UNSUPPORTED, "RNN: only batch_first=true, input (N, T, D), is implemented");
  const std::string nl = args.get_text("nonlinearity", "tanh");
  if (nl != "tanh" && nl != "relu")
    return Error(ErrorCode::INVALID_ARGUMENT, "RNN: nonlinearity='" + nl + "', expected tanh or relu");
  auto layer = std::make_unique<RNN>();
  layer->hidden_ = h.value();
  layer->relu_ = nl == "relu";
  layer->bias_ = bias.value();
  layer->input_size_arg_ = in.value();
  return std::unique_ptr<Layer>(std::move(layer));
}

std::string RNN::describe() const {
  return "RNN(" + std::to_string(input_) + "\u2192" + std::to_string(hidden_) + (relu_ ? ", relu" : "") +
         (bias_ ? "" : ", bias=False") + ")";
}

Status RNN::setup(std::span<const Shape> in, Shape* out) {
  const Shape& s = in[0];
  if (s.rank != 3) return Error(ErrorCode::SHAPE_MISMATCH, "RNN expects input (N, T, D) (batch_first), got " + s.str());
  if (input_size_arg_ > 0 && s[2] != input_size_arg_)
    return Error(ErrorCode::SHAPE_MISMATCH, "RNN: input_size=" + std::to_string(input_size_arg_) + " but the input has " +
                                                std::to_string(s[2]) + " features");
  steps_ = s[1];
  if (s[2] != input_) {
    input_ = s[2];
    weight_ih_.resize({hidden_, input_});
    dweight_ih_.resize({hidden_, input_});
  }
  weight_hh_.resize({hidden_, hidden_});
  dweight_hh_.resize({hidden_, hidden_});
  if (bias_)
    for (Tensor* t : {&bias_ih_, &bias_hh_, &dbias_ih_, &dbias_hh_}) t->resize({hidden_});
  const int64_t nb = max_batch();
  h_.reserve(nb * steps_ * hidden_);
  pre_.reserve(nb * steps_ * hidden_);
  step_.reserve(nb * hidden_);
  dh_next_.reserve(nb * hidden_);
  *out = Shape{1, steps_, hidden_};
  return Status::Ok();
}

void RNN::reset_parameters(Rng& rng) {
  const float k = 1.0f / std::sqrt(static_cast<float>(hidden_));
  for (Tensor* t : {&weight_ih_, &weight_hh_, &bias_ih_, &bias_hh_})
    for (int64_t i = 0; i < t->numel(); ++i) (*t)[i] = rng.uniform(-k, k);
}

void RNN::forward(std::span<const Tensor* const> x, Tensor& y, Context&) {
  const int N = x[0]->dim(0), T = steps_, H = hidden_;
  y.resize({N, T, H});
  h_.resize({T, N, H});
  pre_.resize({N * T, H});
  step_.resize({N, H});
  // Input projections for every step at once: (N·T, D)·W_ihᵀ.
  kernels::gemm_f32_nt(N * T, H, input_, x[0]->data(), weight_ih_.data(), pre_.data(), 0.0f);
  for (int t = 0; t < T; ++t) {
    if (t > 0) kernels::gemm_f32_nt(N, H, H, h_.data() + int64_t{t - 1} * N * H, weight_hh_.data(), step_.data(), 0.0f);
    float* ht = h_.data() + int64_t{t} * N * H;
    for (int n = 0; n < N; ++n) {
      const float* p = pre_.data() + (int64_t{n} * T + t) * H;
      const float* r = step_.data() + int64_t{n} * H;
      float* h = ht + int64_t{n} * H;
      float* out = y.data() + (int64_t{n} * T + t) * H;
      for (int j = 0; j < H; ++j) {
        float a = p[j] + (t > 0 ? r[j] : 0.0f);
        if (bias_) a += bias_ih_[j] + bias_hh_[j];
        h[j] = relu_ ? std::max(a, 0.0f) : std::tanh(a);
        out[j] = h[j];
      }
    }
  }
}

void RNN::backward(std::span<const Tensor* const> x, const Tensor&, const Tensor& dy,
                   std::span<Tensor* const> dx) {
  const int N = dy.dim(0), T = steps_, H = hidden_;
  dh_next_.resize({N, H});
  dh_next_.zero();
  for (int t = T - 1; t >= 0; --t) {
    const float* ht = h_.data() + int64_t{t} * N * H;
    for (int n = 0; n < N; ++n)
      for (int j = 0; j < H; ++j) {
        const int64_t k = int64_t{n} * H + j;
        const float dh = dy[(int64_t{n} * T + t) * H + j] + dh_next_[k];
        const float h = ht[k];
        const float da = relu_ ? (h > 0.0f ? dh : 0.0f) : dh * (1.0f - h * h);
        step_[k] = da;
        pre_[(int64_t{n} * T + t) * H + j] = da;
      }
    if (t > 0) {
      // dW_hh (H, H) += da_tᵀ (H, N) · h_{t−1} (N, H);  dh_next (N, H) = da_t · W_hh
      kernels::gemm_f32_tn(H, H, N, step_.data(), h_.data() + int64_t{t - 1} * N * H, dweight_hh_.data(), 1.0f);
      kernels::gemm_f32_nn(N, H, H, step_.data(), weight_hh_.data(), dh_next_.data(), 0.0f);
    }
  }
  // All steps at once: dW_ih (H, D) += daᵀ (H, N·T) · x (N·T, D);  dx += da · W_ih.
  kernels::gemm_f32_tn(H, input_, N * T, pre_.data(), x[0]->data(), dweight_ih_.data(), 1.0f);
  if (bias_) {
    for (int64_t r = 0; r < int64_t{N} * T; ++r)
      for (int j = 0; j < H; ++j) {
        dbias_ih_[j] += pre_[r * H + j];
        dbias_hh_[j] += pre_[r * H + j];
      }
  }
  if (dx[0]) kernels::gemm_f32_nn(N * T, input_, H, pre_.data(), weight_ih_.data(), dx[0]->data(), 1.0f);
}

std::vector<ParamRef> RNN::params() {
  std::vector<ParamRef> p = {{{uid(), "weight_ih_l0"}, &weight_ih_, &dweight_ih_, 1.0f},
                             {{uid(), "weight_hh_l0"}, &weight_hh_, &dweight_hh_, 1.0f}};
  if (bias_) {
    p.push_back({{uid(), "bias_ih_l0"}, &bias_ih_, &dbias_ih_, 0.0f});
    p.push_back({{uid(), "bias_hh_l0"}, &bias_hh_, &dbias_hh_, 0.0f});
  }
  return p;
}

}  // namespace nnplay::nn
