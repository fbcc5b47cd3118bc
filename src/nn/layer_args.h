// layer_args.h — a layer's hyperparameters as named text values, with typed
// getters that report errors naming the layer type and the argument.
//
// Names are PyTorch's constructor arguments (out_features, out_channels,
// kernel_size, stride, padding, dilation, groups, bias, p, eps, momentum, ...).
// Values are text: "16", "3,5" (per-axis pair: height, width), "same",
// "true"/"false". This is what the network editor, the URL, JSON and
// nnplay-op carry, so every layer is created from the same form.
#pragma once

#include <array>
#include <map>
#include <string>

#include "core/status.h"

namespace nnplay::nn {

class LayerArgs {
 public:
  LayerArgs() = default;
  LayerArgs(std::string type, std::map<std::string, std::string> values)
      : type_(std::move(type)), values_(std::move(values)) {}

  bool has(const std::string& name) const { return values_.count(name) > 0; }
  const std::map<std::string, std::string>& values() const { return values_; }

  /// Integer in [lo, hi]; `fallback` when absent (required when no fallback is given).
  Result<int> get_int(const std::string& name, int lo, int hi) const;
  Result<int> get_int(const std::string& name, int lo, int hi, int fallback) const;
  /// Number in [lo, hi]; fallback when absent.
  Result<double> get_double(const std::string& name, double lo, double hi, double fallback) const;
  Result<bool> get_bool(const std::string& name, bool fallback) const;
  /// "3" -> {3, 3}; "3,5" -> {3, 5}; each in [lo, hi].
  Result<std::array<int, 2>> get_pair(const std::string& name, int lo, int hi, std::array<int, 2> fallback) const;
  /// Text as given; fallback when absent.
  std::string get_text(const std::string& name, const std::string& fallback) const;
  /// INVALID_ARGUMENT naming any argument not in `known` (catches typos like "kernal_size").
  Status check_known(std::initializer_list<const char*> known) const;

 private:
  Status bad(const std::string& name, const std::string& expected) const;
  std::string type_;
  std::map<std::string, std::string> values_;
};

}  // namespace nnplay::nn
