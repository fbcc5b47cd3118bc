#include "nn/registry.h"

#include "nn/activation.h"
#include "nn/adaptive_avg_pool2d.h"
#include "nn/add.h"
#include "nn/avg_pool2d.h"
#include "nn/batch_norm.h"
#include "nn/cbam.h"
#include "nn/concat.h"
#include "nn/conv2d.h"
#include "nn/conv3d.h"
#include "nn/conv_transpose2d.h"
#include "nn/dropout.h"
#include "nn/flatten.h"
#include "nn/group_norm.h"
#include "nn/instance_norm.h"
#include "nn/layer_norm.h"
#include "nn/lstm.h"
#include "nn/max_pool2d.h"
#include "nn/rnn.h"
#include "nn/select.h"
#include "nn/select_last.h"
#include "nn/softmax.h"
#include "nn/squeeze_excitation.h"
#include "nn/upsample.h"
#include "nn/input_features.h"
#include "nn/linear.h"

namespace nnplay::nn {
namespace {

template <class T>
Result<std::unique_ptr<Layer>> no_args(const LayerArgs& a) {
  NNP_RETURN_IF_ERROR(a.check_known({}));
  return std::unique_ptr<Layer>(new T());
}

const LayerType kTypes[] = {
    {"Linear", "out_features, bias=true", "fully connected: y = x·Wᵀ + b", &Linear::from_args},
    {"ReLU", "", "max(0, x)", &no_args<ReLU>},
    {"Sigmoid", "", "1 / (1 + e^-x)", &no_args<Sigmoid>},
    {"Tanh", "", "tanh(x)", &no_args<Tanh>},
    // More activations (elementwise) and Softmax.
    {"LeakyReLU", "negative_slope=0.01", "x if x > 0 else negative_slope·x", &LeakyReLU::from_args},
    {"ELU", "alpha=1.0", "x if x > 0 else alpha·(e^x − 1)", &ELU::from_args},
    {"GELU", "approximate=none|tanh", "x·Φ(x), the Gaussian error linear unit", &GELU::from_args},
    {"Softmax", "dim=1", "probabilities along dim: e^x / Σ e^x", &Softmax::from_args},
    // Convolution and pooling, (N, C, H, W).
    {"Conv2d", "out_channels, kernel_size, stride=1, padding=0|same, dilation=1, groups=1, bias=true",
     "2D convolution; groups=C is depthwise, kernel 1 pointwise", &Conv2d::from_args},
    {"ConvTranspose2d",
     "out_channels, kernel_size, stride=1, padding=0, output_padding=0, groups=1, dilation=1, bias=true",
     "transposed convolution (learned upsampling)", &ConvTranspose2d::from_args},
    {"Conv3d", "out_channels, kernel_size, stride=1, padding=0|same, dilation=1, groups=1, bias=true",
     "3D convolution over clips (N, C, D, H, W)", &Conv3d::from_args},
    {"Select", "dim, index", "one slice along dim, that dim removed: frame t of a clip (N, C, T, H, W) -> (N, C, H, W)",
     &Select::from_args},
    {"MaxPool2d", "kernel_size, stride=kernel_size, padding=0, dilation=1, ceil_mode=false", "max over each window",
     &MaxPool2d::from_args},
    {"AvgPool2d", "kernel_size, stride=kernel_size, padding=0, count_include_pad=true", "mean over each window",
     &AvgPool2d::from_args},
    {"AdaptiveAvgPool2d", "output_size", "mean pooling to a fixed size; 1 = global average pooling",
     &AdaptiveAvgPool2d::from_args},
    {"Upsample", "scale_factor, mode=nearest|bilinear, align_corners=false", "enlarge feature maps",
     &Upsample::from_args},
    {"Flatten", "start_dim=1, end_dim=-1", "(N, C, H, W) -> (N, C·H·W)", &Flatten::from_args},
    // Regularisation and normalisation.
    {"Dropout", "p=0.5", "inverted dropout: zero with probability p, scale by 1/(1−p) in train; identity in eval",
     &Dropout::from_args},
    {"BatchNorm1d", "eps=1e-5, momentum=0.1, affine=true, track_running_stats=true",
     "batch normalisation of (N, C) or (N, C, L)", &BatchNorm1d::from_args},
    {"BatchNorm2d", "eps=1e-5, momentum=0.1, affine=true, track_running_stats=true",
     "batch normalisation of (N, C, H, W) per channel", &BatchNorm2d::from_args},
    {"LayerNorm", "normalized_shape=all, eps=1e-5, elementwise_affine=true", "normalise each sample's features",
     &LayerNorm::from_args},
    {"GroupNorm", "num_groups, eps=1e-5, affine=true", "normalise each sample's channel groups",
     &GroupNorm::from_args},
    {"InstanceNorm2d", "eps=1e-5, momentum=0.1, affine=false, track_running_stats=false",
     "normalise each sample's channels", &InstanceNorm2d::from_args},
    // Graph joints and attention (multi-input layers list their inputs in the spec).
    {"Add", "", "a + b of two same-shaped inputs (residual connection)", &no_args<Add>},
    {"Mul", "", "a ⊙ b of two same-shaped inputs (gating)", &no_args<Mul>},
    {"Concat", "dim=1", "join two or more inputs along the channels", &Concat::from_args},
    {"SqueezeExcitation", "reduction=16, squeeze_channels", "channel attention: pool, FC, ReLU, FC, sigmoid, scale",
     &SqueezeExcitation::from_args},
    {"CBAM", "reduction=16, kernel_size=7", "channel then spatial attention (Woo et al. 2018)", &CBAM::from_args},
    // Sequences (N, T, D), batch_first.
    {"RNN", "hidden_size, nonlinearity=tanh|relu, bias=true", "Elman RNN over (N, T, D), all hidden states",
     &RNN::from_args},
    {"LSTM", "hidden_size, bias=true, forget_bias=0, input_bias=0", "LSTM over (N, T, D), all hidden states", &LSTM::from_args},
    {"SelectLast", "", "(N, T, H) -> (N, H): the last time step", &no_args<SelectLast>},
    // 2D points (N, 2).
    {"InputFeatures", "features=x1,x2,x1sq,x2sq,x1x2,sinx1,sinx2",
     "TF Playground's input features of a 2D point: any of x1, x2, x1^2, x2^2, x1*x2, sin x1, sin x2",
     &InputFeatures::from_args},
};

}  // namespace

std::span<const LayerType> layer_types() { return kTypes; }

const LayerType* find_layer_type(const std::string& name) {
  for (const LayerType& t : kTypes)
    if (name == t.name) return &t;
  return nullptr;
}

Result<std::unique_ptr<Layer>> make_layer(const std::string& type, const LayerArgs& args) {
  const LayerType* t = find_layer_type(type);
  if (!t) {
    std::string known;
    for (const LayerType& k : kTypes) known += (known.empty() ? "" : ", ") + std::string(k.name);
    return Error(ErrorCode::INVALID_ARGUMENT, "unknown layer type '" + type + "' (known: " + known + ")");
  }
  return t->make(args);
}

}  // namespace nnplay::nn
