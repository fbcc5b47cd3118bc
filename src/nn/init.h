// init.h — weight initialisation schemes, PyTorch's names and formulas
// (torch.nn.init). fan_in/fan_out count the receptive field for conv kernels:
// weight (D_out, D_in) -> fan_in = D_in, fan_out = D_out; weight
// (C_out, C_in, kH, kW) -> fan_in = C_in·kH·kW, fan_out = C_out·kH·kW.
//
//   xavier_uniform: U(-a, a), a = gain·√(6/(fan_in+fan_out))   (Glorot & Bengio 2010)
//   xavier_normal:  N(0, σ²), σ = gain·√(2/(fan_in+fan_out))
//   kaiming_uniform: U(-b, b), b = √(6/fan_in)  (He et al. 2015, ReLU gain √2)
//   kaiming_normal:  N(0, 2/fan_in)  — the lecture's "w = randn(n)·sqrt(2.0/n)"
//   zeros: all 0 — the lecture's "Terribly Wrong!": every unit of a layer
//          computes the same output and gets the same update forever.
//   constant: all = scale — the same failure, with non-zero activations.
//   normal:  N(0, scale²) and uniform: U(−scale, scale) — the lecture's "small
//          random initialization" (scale 0.01 by default): breaks symmetry,
//          but activations shrink layer by layer in a deep net.
// Biases are set to zero by every scheme except pytorch_default (which is the
// layer's own reset_parameters()).
#pragma once

#include <string>

#include "core/rng.h"
#include "core/status.h"
#include "core/tensor.h"

namespace nnplay::nn {

enum class InitScheme {
  PyTorchDefault, XavierUniform, XavierNormal, KaimingUniform, KaimingNormal, Zeros, Constant, Normal, Uniform
};
inline constexpr InitScheme kInitSchemes[] = {InitScheme::PyTorchDefault, InitScheme::XavierUniform, InitScheme::XavierNormal,
                                            InitScheme::KaimingUniform, InitScheme::KaimingNormal,  InitScheme::Zeros,
                                            InitScheme::Constant,       InitScheme::Normal,         InitScheme::Uniform};

/// "default", "xavier_uniform", "xavier_normal", "kaiming_uniform", "kaiming_normal", "zeros",
/// "constant", "normal", "uniform".
const char* init_key(InitScheme s);
Result<InitScheme> parse_init(const std::string& key);

/// fan_in and fan_out of a weight tensor of rank >= 2 (dims[0] = out, dims[1] = in).
void compute_fans(const Shape& weight, int* fan_in, int* fan_out);

/// Fills `weight` by the scheme (`scale`: value, std or bound of constant,
/// normal, uniform). PyTorchDefault is not handled here (the layer's
/// reset_parameters() is the default); it leaves `weight` unchanged.
void init_weight(Tensor& weight, InitScheme scheme, Rng& rng, float gain = 1.0f, float scale = 0.01f);

}  // namespace nnplay::nn
