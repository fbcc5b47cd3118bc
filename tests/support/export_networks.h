// export_networks.h — the networks both export checks run through an
// independent implementation (tests/train/export_pytorch_python.cpp: PyTorch;
// export_onnx_reference.cpp: onnx's checker and ONNX Runtime): every zoo
// network, switches of some, an MLP, and networks that use every other layer
// type and argument form.
#pragma once

#include <string>
#include <vector>

#include "core/tensor.h"
#include "nn/zoo.h"

namespace nnplay::test {

struct ExportNet {
  std::string name, text;  // text: a zoo call, or a network in model_spec.h's text form
  Shape input;             // per sample, unit batch
  int outputs = 10;
};

inline std::vector<ExportNet> export_networks() {
  const Shape image{1, 1, 28, 28}, seq{1, 6, 4};
  std::vector<ExportNet> nets;
  for (const nn::ZooEntry& e : nn::zoo_entries()) {
    const std::string n = e.name;
    nets.push_back({n, n, n == "rnn" || n == "lstm" ? seq : image, n == "unet" || n == "fcn" ? 3 : 10});
  }
  nets.push_back({"resnet_se", "resnet(depth=8,se=true,width=8)", image, 10});
  nets.push_back({"resnet_plain_nobn", "resnet(depth=8,skip=false,bn=false,width=8)", image, 10});
  nets.push_back({"lenet5_relu_max", "lenet5(act=relu,pool=max)", image, 10});
  nets.push_back({"mlp", "Linear(out_features=16);ReLU;Linear(out_features=8);Sigmoid;Linear(out_features=3)",
                  Shape{1, 5}, 3});
  nets.push_back({"input_features", "InputFeatures(features=x2,x1sq,x2sq,x1x2,sinx1,sinx2,x1);Linear(out_features=4);Tanh;"
                  "Linear(out_features=1)", Shape{1, 2}, 1});
  // Every other layer type and argument form, on small images.
  nets.push_back({"attention_norms",
                  "c1:Conv2d(out_channels=6,kernel_size=4,3,padding=same,dilation=2,1);"
                  "LeakyReLU(negative_slope=0.2);"
                  "gn:GroupNorm(num_groups=2,eps=0.001);"
                  "inorm:InstanceNorm2d(affine=true,track_running_stats=true);"
                  "ELU(alpha=0.5);"
                  "cbam:CBAM(reduction=2,kernel_size=3);"
                  "se:SqueezeExcitation(squeeze_channels=3);"
                  "gate:Sigmoid;"
                  "m:Mul(in=se,gate);"
                  "r:Add(in=m,c1);"
                  "up:Upsample(scale_factor=2,mode=bilinear,align_corners=true);"
                  "mp:MaxPool2d(kernel_size=3,stride=2,padding=1);"
                  "t:ConvTranspose2d(out_channels=4,kernel_size=3,2,stride=2,padding=1,output_padding=1,groups=2);"
                  "ap:AvgPool2d(kernel_size=3,stride=2,padding=1,count_include_pad=false);"
                  "us:Upsample(scale_factor=1.5);"
                  "p2:Conv2d(out_channels=4,kernel_size=3,stride=2,1,padding=1,groups=2,bias=false);"
                  "p3:AdaptiveAvgPool2d(output_size=3,2);"
                  "k:Concat(in=p3,p3);"
                  "ln:LayerNorm;"
                  "GELU(approximate=tanh);"
                  "f:Flatten(start_dim=2);"
                  "bn1:BatchNorm1d(momentum=0.3);"
                  "Flatten;"
                  "d:Dropout(p=0.3);"
                  "fc:Linear(out_features=5);"
                  "bnf:BatchNorm1d(eps=0.01);"
                  "GELU;"
                  "Softmax(dim=1)",
                  Shape{1, 3, 8, 8}, 5});
  nets.push_back({"clip_3d",
                  "Conv3d(out_channels=3,kernel_size=3,1,3,padding=same);ReLU;"
                  "Select(dim=2,index=1);BatchNorm2d(affine=false);MaxPool2d(kernel_size=2);"
                  "Flatten;Linear(out_features=4);"
                  "Conv3d(in=2,out_channels=2,kernel_size=2,stride=2,1,1);Flatten;Linear(out_features=4,bias=false);"
                  "Add(in=7,10);Tanh",
                  Shape{1, 2, 4, 6, 6}, 4});
  // padding='same' at stride > 1 (TensorFlow's rule): W 9 -> 5 with pads 1, 1 (PyTorch: a module
  // padding); then 9x5 -> 5x3 with kernel 2: pads 0, 1 (PyTorch: F.pad before the module).
  nets.push_back({"conv_same_stride",
                  "Conv2d(out_channels=3,kernel_size=3,stride=1,2,padding=same);ReLU;"
                  "Conv2d(out_channels=4,kernel_size=2,stride=2,padding=same);"
                  "Flatten;Linear(out_features=4)",
                  Shape{1, 2, 9, 9}, 4});
  // ceil_mode: 9 -> 5 (ceil) and 5 -> 3 (ceil would give 4; its last window would start in the padding).
  nets.push_back({"pool_ceil_mode",
                  "Conv2d(out_channels=3,kernel_size=3,padding=1);"
                  "MaxPool2d(kernel_size=3,stride=2,ceil_mode=true);"
                  "MaxPool2d(kernel_size=2,stride=2,padding=1,ceil_mode=true);"
                  "Flatten;Linear(out_features=4)",
                  Shape{1, 2, 9, 9}, 4});
  nets.push_back({"sequences",
                  "RNN(hidden_size=5,nonlinearity=relu,bias=false);LSTM(hidden_size=6,forget_bias=1,input_bias=-1);"
                  "LayerNorm(normalized_shape=6,elementwise_affine=true);Select(dim=1,index=-2);"
                  "Linear(out_features=3)",
                  seq, 3});
  return nets;
}

}  // namespace nnplay::test
