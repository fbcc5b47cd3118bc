// zoo.h — the lecture's networks as ModelSpecs, sized to train in a browser
// in minutes on 28x28 images (MNIST, Fashion-MNIST). Text form (core/args.h):
//   lenet5(act=tanh,pool=avg)              LeNet-5 (LeCun et al. 1998): conv6@5x5 pad2, pool, conv16@5x5, pool, 120, 84
//   alexnet(dropout=0.5)                   AlexNet-style: ReLU, dropout, 5 convs + 3 FC (Krizhevsky et al. 2012), small
//   vgg(bn=0)                              VGG-style 3x3 stacks (Simonyan & Zisserman 2014): [16,16,M,32,32,M,64,64,M]
//   resnet(depth=20,skip=1,bn=1,width=16,se=0)   CIFAR ResNet with basic blocks (He et al. 2016), depth 6n+2;
//                                          skip=0 is the plain twin; se=1 adds Squeeze-and-Excitation per block
//   wrn(depth=8,k=4,skip=1,bn=1)           Wide ResNet (Zagoruyko & Komodakis 2016): ResNet widths ×k
//   densenet(growth=12,layers=4,blocks=3)  DenseNet (Huang et al. 2017): BN-ReLU-Conv3x3 + channel Concat
//   mobilenet(alpha=1,rho=1)               MobileNet v1 (Howard et al. 2017): depthwise separable convs,
//                                          width multiplier α, resolution multiplier ρ (input resampled by ρ)
//   mobilenetv2(alpha=1,t=6)               MobileNet v2 (Sandler et al. 2018): inverted residual, linear bottleneck,
//                                          expansion factor t
//   unet(base=8,skip=1)                    U-Net (Ronneberger et al. 2015): contracting path, expanding path
//                                          (ConvTranspose2d), skip concatenations; per-pixel logits
//   fcn(base=8)                            fully convolutional encoder-decoder without the skips (Long et al. 2015)
//   rnn(hidden=32), lstm(hidden=32,forget_bias=1)
//                                          Elman RNN / LSTM over (N, T, D), last step -> Linear;
//                                          the LSTM's forget-gate bias starts at 1 (Jozefowicz et al. 2015)
// Every block switch (bn, skip, dropout, se) is a plain argument, and node
// names are stable ("s2.b0.conv1"), so flipping a switch keeps the weights of
// the layers it did not change (Model::copy_matching_from).
#pragma once

#include <map>
#include <string>
#include <vector>

#include "core/status.h"
#include "core/tensor.h"
#include "nn/model_spec.h"

namespace nnplay::nn {

/// One zoo network. `example` lists EVERY argument with its default, written
/// so its type shows (true/false, 1.0, 16, tanh): the app makes its widgets
/// from it (checkbox, number, choice). `choices` lists the values an argument
/// takes when only some are valid: "depth=8|14|20 act=tanh|relu" ("" = none).
struct ZooEntry {
  const char* name;     // "resnet"
  const char* example;  // "resnet(depth=20,skip=true,bn=true,width=16,se=false)"
  const char* about;
  const char* choices;  // "depth=8|14|20|26|32"
};

const std::vector<ZooEntry>& zoo_entries();
/// An entry's `choices` parsed: "depth=8|14|20 act=tanh|relu" ->
/// {depth: [8, 14, 20], act: [tanh, relu]}.
std::map<std::string, std::vector<std::string>> zoo_choices(const ZooEntry& entry);
/// One argument of a zoo network, as its example writes it: "skip=true" is a
/// switch, "depth=20" an integer, "alpha=1.0" a number, "act=relu" text.
struct ZooArg {
  enum Kind { Bool, Int, Float, Text };
  std::string name;
  std::string def;                   // the example's value
  Kind kind = Text;
  std::vector<std::string> choices;  // from the entry's `choices` ("depth=8|14|20"), else empty
};
/// The entry's arguments in the order its example writes them.
std::vector<ZooArg> zoo_args(const ZooEntry& entry);
/// The entry by name (nullptr if none).
const ZooEntry* find_zoo(const std::string& name);
/// "resnet(depth=14,skip=0)": `values` written as a call, leaving out the
/// ones equal to the example's default (a switch "1" equals "true").
std::string zoo_text(const ZooEntry& entry, const std::map<std::string, std::string>& values);

/// "lenet5, alexnet, ...": the names, for messages.
std::string zoo_names();
/// The spec for `text` ("resnet(depth=14,skip=0)") on per-sample input `input`
/// (1, C, H, W) with `outputs` logits. Errors name the model and argument.
Result<ModelSpec> zoo_spec(const std::string& text, const Shape& input, int outputs);

}  // namespace nnplay::nn
