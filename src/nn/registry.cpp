#include "nn/registry.h"

#include "nn/activation.h"
#include "nn/conv2d.h"
#include "nn/conv3d.h"
#include "nn/conv_transpose2d.h"
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
    // Convolution and pooling, (N, C, H, W).
    {"Conv2d", "out_channels, kernel_size, stride=1, padding=0|same, dilation=1, groups=1, bias=true",
     "2D convolution; groups=C is depthwise, kernel 1 pointwise", &Conv2d::from_args},
    {"ConvTranspose2d",
     "out_channels, kernel_size, stride=1, padding=0, output_padding=0, groups=1, dilation=1, bias=true",
     "transposed convolution (learned upsampling)", &ConvTranspose2d::from_args},
    {"Conv3d", "out_channels, kernel_size, stride=1, padding=0|same, dilation=1, groups=1, bias=true",
     "3D convolution over clips (N, C, D, H, W)", &Conv3d::from_args},
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
