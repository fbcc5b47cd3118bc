#include "nn/lstm.h"

#include <algorithm>
#include <cmath>

#include "kernels/gemm.h"

namespace nnplay::nn {
namespace {
float sigmoid(float v) { return v >= 0.0f ? 1.0f / (1.0f + std::exp(-v)) : std::exp(v) / (1.0f + std::exp(v)); }
}  // namespace

Result<std::unique_ptr<Layer>> LSTM::from_args(const LayerArgs& args) {
  NNP_RETURN_IF_ERROR(args.check_known({"hidden_size", "bias", "batch_first", "input_size", "num_layers", "forget_bias", "input_bias"}));
  auto forget = args.get_double("forget_bias", -10.0, 10.0, 0.0);
  if (!forget.ok()) return forget.status();
  auto input_gate = args.get_double("input_bias", -10.0, 10.0, 0.0);
  if (!input_gate.ok()) return input_gate.status();
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
  if (!bf.value()) return Error(ErrorCode::UNSUPPORTED, "LSTM: only batch_first=true, input (N, T, D), is implemented");
  auto layer = std::make_unique<LSTM>();
  layer->hidden_ = h.value();
  layer->forget_bias_ = static_cast<float>(forget.value());
  layer->input_bias_ = static_cast<float>(input_gate.value());
  layer->bias_ = bias.value();
  layer->input_size_arg_ = in.value();
  return std::unique_ptr<Layer>(std::move(layer));
}

std::string LSTM::describe() const {
  return "LSTM(" + std::to_string(input_) + "\u2192" + std::to_string(hidden_) + (bias_ ? "" : ", bias=False") + ")";
}

Status LSTM::setup(std::span<const Shape> in, Shape* out) {
  const Shape& s = in[0];
  if (s.rank != 3)
    return Error(ErrorCode::SHAPE_MISMATCH, "LSTM expects input (N, T, D) (batch_first), got " + s.str());
  if (input_size_arg_ > 0 && s[2] != input_size_arg_)
    return Error(ErrorCode::SHAPE_MISMATCH, "LSTM: input_size=" + std::to_string(input_size_arg_) +
                                                " but the input has " + std::to_string(s[2]) + " features");
  steps_ = s[1];
  const int G = 4 * hidden_;
  if (s[2] != input_) {
    input_ = s[2];
    weight_ih_.resize({G, input_});
    dweight_ih_.resize({G, input_});
  }
  weight_hh_.resize({G, hidden_});
  dweight_hh_.resize({G, hidden_});
  if (bias_)
    for (Tensor* t : {&bias_ih_, &bias_hh_, &dbias_ih_, &dbias_hh_}) t->resize({G});
  const int64_t nb = max_batch();
  gates_.reserve(nb * steps_ * G);
  dgates_.reserve(nb * steps_ * G);
  c_.reserve(nb * steps_ * hidden_);
  h_.reserve(nb * steps_ * hidden_);
  step_.reserve(nb * G);
  dh_next_.reserve(nb * hidden_);
  dc_next_.reserve(nb * hidden_);
  *out = Shape{1, steps_, hidden_};
  return Status::Ok();
}

void LSTM::reset_parameters(Rng& rng) {
  const float k = 1.0f / std::sqrt(static_cast<float>(hidden_));
  for (Tensor* t : {&weight_ih_, &weight_hh_, &bias_ih_, &bias_hh_})
    for (int64_t i = 0; i < t->numel(); ++i) (*t)[i] = rng.uniform(-k, k);
  // Gates are ordered i, f, g, o: the input gate's bias is [0, H), the forget gate's [H, 2H).
  if (bias_ih_.numel() >= 2 * hidden_) {
    for (int i = 0; i < hidden_; ++i) bias_ih_[i] += input_bias_;
    for (int i = hidden_; i < 2 * hidden_; ++i) bias_ih_[i] += forget_bias_;
  }
}

void LSTM::forward(std::span<const Tensor* const> x, Tensor& y, Context&) {
  const int N = x[0]->dim(0), T = steps_, H = hidden_, G = 4 * H;
  y.resize({N, T, H});
  gates_.resize({N * T, G});
  c_.resize({T, N, H});
  h_.resize({T, N, H});
  step_.resize({N, G});
  kernels::gemm_f32_nt(N * T, G, input_, x[0]->data(), weight_ih_.data(), gates_.data(), 0.0f);
  for (int t = 0; t < T; ++t) {
    if (t > 0) kernels::gemm_f32_nt(N, G, H, h_.data() + int64_t{t - 1} * N * H, weight_hh_.data(), step_.data(), 0.0f);
    for (int n = 0; n < N; ++n) {
      float* a = gates_.data() + (int64_t{n} * T + t) * G;
      const float* r = step_.data() + int64_t{n} * G;
      for (int j = 0; j < G; ++j) {
        if (t > 0) a[j] += r[j];
        if (bias_) a[j] += bias_ih_[j] + bias_hh_[j];
      }
      const int64_t k = (int64_t{t} * N + n) * H;
      const float* c_prev = t > 0 ? c_.data() + k - int64_t{N} * H : nullptr;
      float* out = y.data() + (int64_t{n} * T + t) * H;
      for (int j = 0; j < H; ++j) {
        const float i = sigmoid(a[j]), f = sigmoid(a[H + j]), g = std::tanh(a[2 * H + j]), o = sigmoid(a[3 * H + j]);
        a[j] = i, a[H + j] = f, a[2 * H + j] = g, a[3 * H + j] = o;
        const float c = (c_prev ? f * c_prev[j] : 0.0f) + i * g;
        c_[k + j] = c;
        h_[k + j] = o * std::tanh(c);
        out[j] = h_[k + j];
      }
    }
  }
}

void LSTM::backward(std::span<const Tensor* const> x, const Tensor&, const Tensor& dy,
                    std::span<Tensor* const> dx) {
  const int N = dy.dim(0), T = steps_, H = hidden_, G = 4 * H;
  dh_next_.resize({N, H});
  dc_next_.resize({N, H});
  dh_next_.zero();
  dc_next_.zero();
  dgates_.resize({N * T, G});
  for (int t = T - 1; t >= 0; --t) {
    for (int n = 0; n < N; ++n) {
      const float* a = gates_.data() + (int64_t{n} * T + t) * G;
      float* ds = step_.data() + int64_t{n} * G;
      const int64_t k = (int64_t{t} * N + n) * H;
      const float* c_prev = t > 0 ? c_.data() + k - int64_t{N} * H : nullptr;
      for (int j = 0; j < H; ++j) {
        const float i = a[j], f = a[H + j], g = a[2 * H + j], o = a[3 * H + j];
        const float tc = std::tanh(c_[k + j]);
        const float dh = dy[(int64_t{n} * T + t) * H + j] + dh_next_[int64_t{n} * H + j];
        const float dc = dc_next_[int64_t{n} * H + j] + dh * o * (1.0f - tc * tc);
        const float cp = c_prev ? c_prev[j] : 0.0f;
        dc_next_[int64_t{n} * H + j] = dc * f;
        ds[j] = dc * g * i * (1.0f - i);
        ds[H + j] = dc * cp * f * (1.0f - f);
        ds[2 * H + j] = dc * i * (1.0f - g * g);
        ds[3 * H + j] = dh * tc * o * (1.0f - o);
      }
      std::copy(ds, ds + G, dgates_.data() + (int64_t{n} * T + t) * G);
    }
    if (t > 0) {
      // dW_hh (4H, H) += dgates_tᵀ (4H, N) · h_{t−1} (N, H);  dh_next (N, H) = dgates_t · W_hh
      kernels::gemm_f32_tn(G, H, N, step_.data(), h_.data() + int64_t{t - 1} * N * H, dweight_hh_.data(), 1.0f);
      kernels::gemm_f32_nn(N, H, G, step_.data(), weight_hh_.data(), dh_next_.data(), 0.0f);
    }
  }
  kernels::gemm_f32_tn(G, input_, N * T, dgates_.data(), x[0]->data(), dweight_ih_.data(), 1.0f);
  if (bias_) {
    for (int64_t r = 0; r < int64_t{N} * T; ++r)
      for (int j = 0; j < G; ++j) {
        dbias_ih_[j] += dgates_[r * G + j];
        dbias_hh_[j] += dgates_[r * G + j];
      }
  }
  if (dx[0]) kernels::gemm_f32_nn(N * T, input_, G, dgates_.data(), weight_ih_.data(), dx[0]->data(), 1.0f);
}

std::vector<ParamRef> LSTM::params() {
  std::vector<ParamRef> p = {{{uid(), "weight_ih_l0"}, &weight_ih_, &dweight_ih_, 1.0f},
                             {{uid(), "weight_hh_l0"}, &weight_hh_, &dweight_hh_, 1.0f}};
  if (bias_) {
    p.push_back({{uid(), "bias_ih_l0"}, &bias_ih_, &dbias_ih_, 0.0f});
    p.push_back({{uid(), "bias_hh_l0"}, &bias_hh_, &dbias_hh_, 0.0f});
  }
  return p;
}

}  // namespace nnplay::nn
