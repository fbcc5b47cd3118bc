#include "nn/model_spec.h"

#include <cstdlib>

namespace nnplay::nn {

ModelSpec mlp_spec(const std::vector<HiddenLayer>& hidden, int out_features) {
  ModelSpec spec;
  for (const HiddenLayer& h : hidden) {
    spec.layers.push_back({"Linear", {{"out_features", std::to_string(h.units)}}, {}});
    if (h.activation == Activation::ReLU) spec.layers.push_back({"ReLU", {}, {}});
    if (h.activation == Activation::Sigmoid) spec.layers.push_back({"Sigmoid", {}, {}});
    if (h.activation == Activation::Tanh) spec.layers.push_back({"Tanh", {}, {}});
  }
  spec.layers.push_back({"Linear", {{"out_features", std::to_string(out_features)}}, {}});
  return spec;
}

std::string format_hidden_layers(const std::vector<HiddenLayer>& hidden) {
  std::string s;
  for (size_t i = 0; i < hidden.size(); ++i) {
    if (i) s += ",";
    s += std::to_string(hidden[i].units) + ":" + activation_key(hidden[i].activation);
  }
  return s;
}

Result<std::vector<HiddenLayer>> parse_hidden_layers(const std::string& text) {
  std::vector<HiddenLayer> out;
  size_t pos = 0;
  int index = 0;
  while (pos < text.size()) {
    size_t end = text.find(',', pos);
    if (end == std::string::npos) end = text.size();
    const std::string item = text.substr(pos, end - pos);
    pos = end + 1;
    ++index;
    const size_t colon = item.find(':');
    const std::string units_s = item.substr(0, colon);
    char* stop = nullptr;
    const long units = std::strtol(units_s.c_str(), &stop, 10);
    if (units_s.empty() || *stop != '\0' || units < 1 || units > kMaxHiddenUnits)
      return Error(ErrorCode::PARSE_ERROR, "hidden layer " + std::to_string(index) + " '" + item +
                                               "': width must be an integer from 1 to " +
                                               std::to_string(kMaxHiddenUnits) + " (form: 8:tanh)");
    HiddenLayer h;
    h.units = static_cast<int>(units);
    if (colon != std::string::npos) {
      auto act = parse_activation(item.substr(colon + 1));
      if (!act.ok())
        return Error(ErrorCode::PARSE_ERROR, "hidden layer " + std::to_string(index) + ": " + act.status().message());
      h.activation = act.value();
    }
    out.push_back(h);
    if (static_cast<int>(out.size()) > kMaxHiddenLayers)
      return Error(ErrorCode::PARSE_ERROR, "at most " + std::to_string(kMaxHiddenLayers) + " hidden layers");
  }
  return out;
}

}  // namespace nnplay::nn
