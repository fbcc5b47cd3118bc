// rnn.h — RNN (PyTorch's nn.RNN, one layer, batch_first=True): the Elman
// recurrence unrolled over time and trained by backpropagation through time
// (lecture "RNN and LSTM": "unfolded its forward and backward computations",
// BPTT, vanishing/exploding gradients).
//
// Legend: N = batch, T = time steps, D = input features, H = hidden_size.
//   x: (N, T, D)  ->  y: (N, T, H), the hidden state at every step (h_{-1} = 0)
//   h_t = tanh(x_t·W_ihᵀ + b_ih + h_{t−1}·W_hhᵀ + b_hh)    (nonlinearity='relu': max(0, ·))
//   weight_ih_l0 (H, D), weight_hh_l0 (H, H), bias_ih_l0 (H,), bias_hh_l0 (H,)
//   — PyTorch's names and layout, default init U(−1/√H, 1/√H) for all four.
// BPTT, t = T−1 … 0:  dh = dy_t + dh_next;  da_t = dh ⊙ (1 − h_t²);
//   dW_hh += da_tᵀ·h_{t−1};  dh_next = da_t·W_hh;  then for all t at once:
//   dW_ih += daᵀ·x;  dx += da·W_ih;  db_ih, db_hh += Σ da.
// Hidden states are cached time-major (T, N, H) for backward; every cache is
// sized for max_batch in setup. No train/eval difference.
#pragma once

#include "nn/layer.h"
#include "nn/layer_args.h"

namespace nnplay::nn {

class RNN final : public Layer {
 public:
  /// hidden_size, nonlinearity=tanh|relu, bias=true, batch_first=true (the only layout),
  /// input_size (optional, checked), num_layers=1 (the only value).
  static Result<std::unique_ptr<Layer>> from_args(const LayerArgs& args);

  const char* type_name() const override { return "RNN"; }
  std::string describe() const override;
  Status setup(std::span<const Shape> in, Shape* out) override;
  void reset_parameters(Rng& rng) override;
  void forward(std::span<const Tensor* const> x, Tensor& y, Context& ctx) override;
  void backward(std::span<const Tensor* const> x, const Tensor& y, const Tensor& dy,
                std::span<Tensor* const> dx) override;
  std::vector<ParamRef> params() override;
  int64_t macs_per_sample() const override { return int64_t{steps_} * hidden_ * (input_ + hidden_); }

 private:
  int hidden_ = 1, input_size_arg_ = 0;
  bool relu_ = false, bias_ = true;
  int input_ = 0, steps_ = 0;
  Tensor weight_ih_, weight_hh_, bias_ih_, bias_hh_;
  Tensor dweight_ih_, dweight_hh_, dbias_ih_, dbias_hh_;
  Tensor h_;       // (T, N, H) hidden states, time-major
  Tensor pre_;     // (N·T, H) x·W_ihᵀ, then the gradient da (batch-major rows n·T + t)
  Tensor step_;    // (N, H) scratch: h_{t−1}·W_hhᵀ in forward, da_t in backward
  Tensor dh_next_; // (N, H)
};

}  // namespace nnplay::nn
