// lstm.h — LSTM (PyTorch's nn.LSTM, one layer, batch_first=True; Hochreiter
// & Schmidhuber 1997; lecture "RNN and LSTM": gating combats vanishing
// gradients — "similar 'shortcut' idea to ResNet"; colah's "Understanding
// LSTM Networks").
//
// Legend: N = batch, T = time steps, D = input features, H = hidden_size.
//   x: (N, T, D)  ->  y: (N, T, H), h_t at every step (h_{-1} = c_{-1} = 0)
//   [i, f, g, o] = x_t·W_ihᵀ + b_ih + h_{t−1}·W_hhᵀ + b_hh     (4H, in PyTorch's gate order)
//   i = σ(i), f = σ(f), g = tanh(g), o = σ(o)
//   c_t = f ⊙ c_{t−1} + i ⊙ g;   h_t = o ⊙ tanh(c_t)
//   weight_ih_l0 (4H, D), weight_hh_l0 (4H, H), bias_ih_l0 (4H,), bias_hh_l0 (4H,),
//   default init U(−1/√H, 1/√H) for all four (PyTorch).
// BPTT, t = T−1 … 0: dh = dy_t + dh_next;  dc = dc_next + dh ⊙ o ⊙ (1 − tanh²c_t);
//   do = dh ⊙ tanh c_t, di = dc ⊙ g, dg = dc ⊙ i, df = dc ⊙ c_{t−1}, dc_next = dc ⊙ f;
//   pre-activation gradients through σ' and tanh'; dW_hh += dgatesᵀ·h_{t−1};
//   dh_next = dgates·W_hh; then dW_ih += dgatesᵀ·x and dx += dgates·W_ih for all t.
// Gates, cell states and hidden states are cached time-major for backward,
// sized for max_batch in setup. No train/eval difference.
#pragma once

#include "nn/layer.h"
#include "nn/layer_args.h"

namespace nnplay::nn {

class LSTM final : public Layer {
 public:
  /// hidden_size, bias=true, batch_first=true (the only layout), input_size (optional),
  /// forget_bias=0 (added to the forget gate's bias at init; 1 helps long memory),
  /// input_bias=0 (added to the input gate's bias at init; negative keeps the
  /// cell undisturbed until the gate learns to open, as Hochreiter & Schmidhuber 1997),
  /// num_layers=1 (the only value).
  static Result<std::unique_ptr<Layer>> from_args(const LayerArgs& args);

  const char* type_name() const override { return "LSTM"; }
  std::string describe() const override;
  Status setup(std::span<const Shape> in, Shape* out) override;
  void reset_parameters(Rng& rng) override;
  void forward(std::span<const Tensor* const> x, Tensor& y, Context& ctx) override;
  void backward(std::span<const Tensor* const> x, const Tensor& y, const Tensor& dy,
                std::span<Tensor* const> dx) override;
  std::vector<ParamRef> params() override;
  int64_t macs_per_sample() const override { return int64_t{steps_} * 4 * hidden_ * (input_ + hidden_); }

 private:
  int hidden_ = 1, input_size_arg_ = 0;
  bool bias_ = true;
  float forget_bias_ = 0.0f;  // added to the forget gate's bias at init (Jozefowicz et al. 2015 use 1)
  float input_bias_ = 0.0f;   // added to the input gate's bias at init (0: PyTorch's init)
  int input_ = 0, steps_ = 0;
  Tensor weight_ih_, weight_hh_, bias_ih_, bias_hh_;
  Tensor dweight_ih_, dweight_hh_, dbias_ih_, dbias_hh_;
  Tensor gates_;    // (N·T, 4H): x·W_ihᵀ, then the activated i, f, g, o (rows n·T + t)
  Tensor dgates_;   // (N·T, 4H): gradients of the pre-activation gates
  Tensor c_, h_;    // (T, N, H) cell and hidden states, time-major
  Tensor step_;     // (N, 4H) scratch: h_{t−1}·W_hhᵀ in forward, dgates_t in backward
  Tensor dh_next_, dc_next_;  // (N, H)
};

}  // namespace nnplay::nn
