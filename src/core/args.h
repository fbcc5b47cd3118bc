// args.h — named hyperparameters as text values, with typed getters that
// report errors naming the owner (layer type, schedule) and the argument.
//
// Names are PyTorch's constructor arguments (out_features, kernel_size,
// stride, padding, p, eps, momentum, step_size, gamma, T_0, ...). Values are
// text: "16", "3,5" (per-axis pair: height, width), "same", "true"/"false".
// This is what the network editor, the URL, JSON, the CLI and nnplay-op
// carry, so layers and schedules are created from the same form. The text
// form "name(key=value,key=value)" is parsed by parse_call().
#pragma once

#include <array>
#include <map>
#include <string>
#include <vector>

#include "core/status.h"

namespace nnplay {

class Args {
 public:
  Args() = default;
  Args(std::string type, std::map<std::string, std::string> values)
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
  /// List of doubles "10,20,30" (e.g. MultiStepLR milestones); fallback when absent.
  Result<std::vector<double>> get_list(const std::string& name, double lo, double hi, std::vector<double> fallback) const;
  const std::string& owner() const { return type_; }
  /// INVALID_ARGUMENT naming any argument not in `known` (catches typos like "kernal_size").
  Status check_known(std::initializer_list<const char*> known) const;

 private:
  Status bad(const std::string& name, const std::string& expected) const;
  std::string type_;
  std::map<std::string, std::string> values_;
};

/// `s` without leading and trailing white space.
std::string trim(const std::string& s);
/// A finite number written in full (no trailing characters); false otherwise.
bool parse_number(const std::string& s, double* out);
/// The shortest text that reads back as the same float ("1e-05", not
/// "9.99999975e-06"; "0.1", not "0.100000001").
std::string float_text(float v);

/// Parses "name" or "name(key=value, key=value)" (values may contain commas
/// inside the parentheses only when they are per-axis pairs written "3,5"
/// after a key: "kernel_size=3,5" is read as one value because "5" is not of
/// the form key=value). Errors say where the text is malformed.
Result<std::pair<std::string, Args>> parse_call(const std::string& text);
/// The inverse of parse_call: "name(key=value,...)" or "name".
std::string format_call(const std::string& name, const Args& args);

}  // namespace nnplay
