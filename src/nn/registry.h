// registry.h — every layer type the model builder knows, by PyTorch name,
// with its factory from LayerArgs and a one-line description for the UI and
// `nnplay-op --list`. Adding a layer = one header/source pair + one row in
// registry.cpp.
#pragma once

#include <memory>
#include <span>
#include <string>

#include "nn/layer.h"
#include "nn/layer_args.h"

namespace nnplay::nn {

struct LayerType {
  const char* name;  // "Linear"
  const char* args;  // "out_features, bias=true"
  const char* about;
  Result<std::unique_ptr<Layer>> (*make)(const LayerArgs& args);
};

std::span<const LayerType> layer_types();
const LayerType* find_layer_type(const std::string& name);
/// A new layer of `type` from `args`; errors name the type and the argument.
Result<std::unique_ptr<Layer>> make_layer(const std::string& type, const LayerArgs& args);

}  // namespace nnplay::nn
