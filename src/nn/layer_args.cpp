#include "nn/layer_args.h"

#include <cerrno>
#include <cmath>
#include <cstdlib>

namespace nnplay::nn {
namespace {
bool to_double(const std::string& s, double* out) {
  if (s.empty()) return false;
  char* end = nullptr;
  errno = 0;
  const double v = std::strtod(s.c_str(), &end);
  if (*end != '\0' || errno != 0 || !std::isfinite(v)) return false;
  *out = v;
  return true;
}
}  // namespace

Status LayerArgs::bad(const std::string& name, const std::string& expected) const {
  auto it = values_.find(name);
  const std::string got = it == values_.end() ? "(missing)" : "'" + it->second + "'";
  return Error(ErrorCode::INVALID_ARGUMENT, type_ + ": " + name + "=" + got + ", expected " + expected);
}

Result<int> LayerArgs::get_int(const std::string& name, int lo, int hi) const {
  auto it = values_.find(name);
  double v = 0;
  const std::string range = "an integer from " + std::to_string(lo) + " to " + std::to_string(hi);
  if (it == values_.end() || !to_double(it->second, &v) || v != std::floor(v) || v < lo || v > hi)
    return bad(name, range);
  return static_cast<int>(v);
}

Result<int> LayerArgs::get_int(const std::string& name, int lo, int hi, int fallback) const {
  if (!has(name)) return fallback;
  return get_int(name, lo, hi);
}

Result<double> LayerArgs::get_double(const std::string& name, double lo, double hi, double fallback) const {
  auto it = values_.find(name);
  if (it == values_.end()) return fallback;
  double v = 0;
  if (!to_double(it->second, &v) || v < lo || v > hi)
    return bad(name, "a number from " + std::to_string(lo) + " to " + std::to_string(hi));
  return v;
}

Result<bool> LayerArgs::get_bool(const std::string& name, bool fallback) const {
  auto it = values_.find(name);
  if (it == values_.end()) return fallback;
  if (it->second == "true" || it->second == "1" || it->second == "True") return true;
  if (it->second == "false" || it->second == "0" || it->second == "False") return false;
  return bad(name, "true or false");
}

Result<std::array<int, 2>> LayerArgs::get_pair(const std::string& name, int lo, int hi,
                                               std::array<int, 2> fallback) const {
  auto it = values_.find(name);
  if (it == values_.end()) return fallback;
  const std::string& s = it->second;
  const size_t comma = s.find(',');
  double a = 0, b = 0;
  const bool ok = comma == std::string::npos ? to_double(s, &a) && (b = a, true)
                                             : to_double(s.substr(0, comma), &a) && to_double(s.substr(comma + 1), &b);
  const std::string expected =
      "an integer or a pair 'h,w' of integers from " + std::to_string(lo) + " to " + std::to_string(hi);
  if (!ok || a != std::floor(a) || b != std::floor(b) || a < lo || a > hi || b < lo || b > hi) return bad(name, expected);
  return std::array<int, 2>{static_cast<int>(a), static_cast<int>(b)};
}

std::string LayerArgs::get_text(const std::string& name, const std::string& fallback) const {
  auto it = values_.find(name);
  return it == values_.end() ? fallback : it->second;
}

Status LayerArgs::check_known(std::initializer_list<const char*> known) const {
  for (const auto& [k, v] : values_) {
    bool found = false;
    for (const char* name : known) found = found || k == name;
    if (!found) {
      std::string list;
      for (const char* name : known) list += (list.empty() ? "" : ", ") + std::string(name);
      return Error(ErrorCode::INVALID_ARGUMENT,
                   type_ + ": unknown argument '" + k + "'" + (list.empty() ? " (it takes none)" : " (known: " + list + ")"));
    }
  }
  return Status::Ok();
}

}  // namespace nnplay::nn
