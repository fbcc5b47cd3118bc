// model_spec.h — a network as plain data: what the UI edits, the URL stores
// and the CLI parses. Model (model.h) instantiates it.
//
// A spec is a list of nodes. Node i reads the outputs of earlier nodes listed
// in `inputs` (-1 = the model input); an empty list means "the previous node"
// (or the model input for node 0), so a plain stack needs no wiring. This is
// a small DAG from the start, so skip connections fit without a rewrite.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "core/status.h"
#include "nn/activation.h"
#include "nn/init.h"

namespace nnplay::nn {

struct LayerSpec {
  std::string type;                           // registry name: "Linear", "ReLU", ...
  std::map<std::string, std::string> args;    // PyTorch argument names (nn/layer_args.h)
  std::vector<int> inputs;                    // earlier node indices (0 = input); empty = previous node
  std::string name;                           // stable node name ("stage1.block0.conv1"); "" = "<index>.<type>"
};

struct ModelSpec {
  std::vector<LayerSpec> layers;
};

/// Text form of a network, one node per item, separated by ';' or newlines:
///   [name:]Type(arg=value,...,in=a,b)
/// `in` lists the node's inputs as indices (0 = the model input, i = item i,
/// 1-based) or node names; without it a node reads the previous one. E.g. a
/// residual block:  c1:Conv2d(out_channels=16,kernel_size=3,padding=1); ReLU;
///                  c2:Conv2d(out_channels=16,kernel_size=3,padding=1); Add(in=c2,0); ReLU
/// "out_features=classes" is replaced by the dataset's number of outputs.
Result<ModelSpec> parse_model_spec(const std::string& text, int outputs = 0);
std::string format_model_spec(const ModelSpec& spec);

/// One hidden layer of a multilayer perceptron: width and activation.
struct HiddenLayer {
  int units = 8;
  Activation activation = Activation::Tanh;
  bool operator==(const HiddenLayer& o) const { return units == o.units && activation == o.activation; }
};

/// MLP: for each hidden layer Linear(units) + activation, then Linear(out_features)
/// producing logits (no output activation; the loss applies softmax/sigmoid).
ModelSpec mlp_spec(const std::vector<HiddenLayer>& hidden, int out_features);

/// "8:tanh,8:tanh" <-> hidden layers (the URL/CLI form; "" = no hidden layer).
std::string format_hidden_layers(const std::vector<HiddenLayer>& hidden);
Result<std::vector<HiddenLayer>> parse_hidden_layers(const std::string& text);

/// Largest hidden width and depth the app accepts (keeps a typo like 80000 from freezing a tab).
inline constexpr int kMaxHiddenUnits = 4096;
inline constexpr int kMaxHiddenLayers = 16;

}  // namespace nnplay::nn
