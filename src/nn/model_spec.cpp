#include "nn/model_spec.h"

#include <cctype>
#include <cstdlib>

#include "core/args.h"
#include "nn/registry.h"

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

Result<ModelSpec> parse_model_spec(const std::string& text, int outputs) {
  // Split at ';' and newlines outside parentheses.
  std::vector<std::string> items;
  std::string cur;
  int depth = 0;
  for (char c : text) {
    if (c == '(') ++depth;
    if (c == ')') --depth;
    if ((c == ';' || c == '\n') && depth == 0) {
      items.push_back(cur);
      cur.clear();
    } else {
      cur += c;
    }
  }
  items.push_back(cur);
  ModelSpec spec;
  std::vector<std::string> names;  // names[i] = name of item i+1
  for (const std::string& raw : items) {
    const std::string item = trim(raw);
    if (item.empty()) continue;
    const int index = static_cast<int>(spec.layers.size()) + 1;
    const std::string where = "network item " + std::to_string(index) + " '" + item + "'";
    LayerSpec ls;
    std::string body = item;
    const size_t colon = item.find(':');
    const size_t paren = item.find('(');
    if (colon != std::string::npos && (paren == std::string::npos || colon < paren)) {
      ls.name = trim(item.substr(0, colon));
      body = item.substr(colon + 1);
      if (ls.name.empty()) return Error(ErrorCode::PARSE_ERROR, where + ": empty name before ':'");
    }
    auto call = parse_call(body);
    if (!call.ok()) return Error(ErrorCode::PARSE_ERROR, where + ": " + call.status().message());
    ls.type = call.value().first;
    if (!find_layer_type(ls.type)) {
      std::string known;
      for (const LayerType& t : layer_types()) known += (known.empty() ? "" : ", ") + std::string(t.name);
      return Error(ErrorCode::INVALID_ARGUMENT, where + ": unknown layer type '" + ls.type + "' (known: " + known + ")");
    }
    ls.args = call.value().second.values();
    auto in = ls.args.find("in");
    if (in != ls.args.end()) {
      size_t pos = 0;
      const std::string refs = in->second;
      while (pos <= refs.size()) {
        size_t end = refs.find(',', pos);
        if (end == std::string::npos) end = refs.size();
        const std::string ref = trim(refs.substr(pos, end - pos));
        pos = end + 1;
        char* stop = nullptr;
        const long k = std::strtol(ref.c_str(), &stop, 10);
        int src = -1;
        if (!ref.empty() && *stop == '\0') {
          src = static_cast<int>(k);
        } else {
          for (size_t j = 0; j < names.size(); ++j)
            if (names[j] == ref) src = static_cast<int>(j) + 1;
          if (ref == "input") src = 0;
        }
        if (src < 0 || src >= index)
          return Error(ErrorCode::PARSE_ERROR, where + ": input '" + ref + "' is not an earlier node (use 0 for the input)");
        ls.inputs.push_back(src);
      }
      ls.args.erase(in);
    }
    for (auto& [k, v] : ls.args)
      if (v == "classes") {
        if (outputs <= 0) return Error(ErrorCode::PARSE_ERROR, where + ": '" + k + "=classes' needs a dataset");
        v = std::to_string(outputs);
      }
    names.push_back(ls.name.empty() ? std::to_string(index) : ls.name);
    spec.layers.push_back(std::move(ls));
  }
  if (spec.layers.empty()) return Error(ErrorCode::PARSE_ERROR, "the network text has no layers");
  return spec;
}

std::string format_model_spec(const ModelSpec& spec) {
  std::string out;
  for (size_t i = 0; i < spec.layers.size(); ++i) {
    const LayerSpec& ls = spec.layers[i];
    std::map<std::string, std::string> args = ls.args;
    if (!ls.inputs.empty() && !(ls.inputs.size() == 1 && ls.inputs[0] == static_cast<int>(i))) {
      std::string refs;
      for (int k : ls.inputs) {
        if (!refs.empty()) refs += ",";
        const bool named = k > 0 && !spec.layers[static_cast<size_t>(k - 1)].name.empty();
        refs += named ? spec.layers[static_cast<size_t>(k - 1)].name : std::to_string(k);
      }
      args["in"] = refs;
    }
    if (!out.empty()) out += "; ";
    if (!ls.name.empty()) out += ls.name + ":";
    out += format_call(ls.type, Args(ls.type, args));
  }
  return out;
}

}  // namespace nnplay::nn
