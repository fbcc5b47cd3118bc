#include "core/args.h"

#include <cctype>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace nnplay {
std::string float_text(float v) {
  char buf[32];
  for (int digits = 6; digits <= 9; ++digits) {
    std::snprintf(buf, sizeof buf, "%.*g", digits, static_cast<double>(v));
    if (std::strtof(buf, nullptr) == v) break;
  }
  return buf;
}

bool parse_number(const std::string& s, double* out) {
  if (s.empty()) return false;
  char* end = nullptr;
  errno = 0;
  const double v = std::strtod(s.c_str(), &end);
  if (*end != '\0' || errno != 0 || !std::isfinite(v)) return false;
  *out = v;
  return true;
}

Status Args::bad(const std::string& name, const std::string& expected) const {
  auto it = values_.find(name);
  const std::string got = it == values_.end() ? "(missing)" : "'" + it->second + "'";
  return Error(ErrorCode::INVALID_ARGUMENT, type_ + ": " + name + "=" + got + ", expected " + expected);
}

Result<int> Args::get_int(const std::string& name, int lo, int hi) const {
  auto it = values_.find(name);
  double v = 0;
  const std::string range = "an integer from " + std::to_string(lo) + " to " + std::to_string(hi);
  if (it == values_.end() || !parse_number(it->second, &v) || v != std::floor(v) || v < lo || v > hi)
    return bad(name, range);
  return static_cast<int>(v);
}

Result<int> Args::get_int(const std::string& name, int lo, int hi, int fallback) const {
  if (!has(name)) return fallback;
  return get_int(name, lo, hi);
}

Result<double> Args::get_double(const std::string& name, double lo, double hi, double fallback) const {
  auto it = values_.find(name);
  if (it == values_.end()) return fallback;
  double v = 0;
  if (!parse_number(it->second, &v) || v < lo || v > hi)
    return bad(name, "a number from " + std::to_string(lo) + " to " + std::to_string(hi));
  return v;
}

Result<bool> Args::get_bool(const std::string& name, bool fallback) const {
  auto it = values_.find(name);
  if (it == values_.end()) return fallback;
  if (it->second == "true" || it->second == "1" || it->second == "True") return true;
  if (it->second == "false" || it->second == "0" || it->second == "False") return false;
  return bad(name, "true or false");
}

Result<std::array<int, 2>> Args::get_pair(const std::string& name, int lo, int hi,
                                               std::array<int, 2> fallback) const {
  auto it = values_.find(name);
  if (it == values_.end()) return fallback;
  const std::string& s = it->second;
  const size_t comma = s.find(',');
  double a = 0, b = 0;
  const bool ok = comma == std::string::npos ? parse_number(s, &a) && (b = a, true)
                                             : parse_number(s.substr(0, comma), &a) && parse_number(s.substr(comma + 1), &b);
  const std::string expected =
      "an integer or a pair 'h,w' of integers from " + std::to_string(lo) + " to " + std::to_string(hi);
  if (!ok || a != std::floor(a) || b != std::floor(b) || a < lo || a > hi || b < lo || b > hi) return bad(name, expected);
  return std::array<int, 2>{static_cast<int>(a), static_cast<int>(b)};
}

std::string Args::get_text(const std::string& name, const std::string& fallback) const {
  auto it = values_.find(name);
  return it == values_.end() ? fallback : it->second;
}

Status Args::check_known(std::initializer_list<const char*> known) const {
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

Result<std::vector<double>> Args::get_list(const std::string& name, double lo, double hi,
                                           std::vector<double> fallback) const {
  auto it = values_.find(name);
  if (it == values_.end()) return fallback;
  std::vector<double> out;
  size_t pos = 0;
  const std::string& s = it->second;
  while (pos <= s.size()) {
    size_t end = s.find(',', pos);
    if (end == std::string::npos) end = s.size();
    double v = 0;
    if (!parse_number(s.substr(pos, end - pos), &v) || v < lo || v > hi)
      return bad(name, "a comma-separated list of numbers from " + std::to_string(lo) + " to " + std::to_string(hi));
    out.push_back(v);
    pos = end + 1;
  }
  return out;
}

std::string trim(const std::string& s) {
  size_t a = 0, b = s.size();
  while (a < b && std::isspace(static_cast<unsigned char>(s[a]))) ++a;
  while (b > a && std::isspace(static_cast<unsigned char>(s[b - 1]))) --b;
  return s.substr(a, b - a);
}

Result<std::pair<std::string, Args>> parse_call(const std::string& text) {
  const std::string t = trim(text);
  const size_t open = t.find('(');
  if (open == std::string::npos) {
    if (t.empty()) return Error(ErrorCode::PARSE_ERROR, "empty name");
    return std::make_pair(t, Args(t, {}));
  }
  if (t.back() != ')') return Error(ErrorCode::PARSE_ERROR, "'" + t + "': missing closing ')'");
  const std::string name = trim(t.substr(0, open));
  const std::string body = t.substr(open + 1, t.size() - open - 2);
  std::map<std::string, std::string> values;
  std::string last_key;
  size_t pos = 0;
  while (pos < body.size()) {
    size_t end = body.find(',', pos);
    if (end == std::string::npos) end = body.size();
    const std::string item = trim(body.substr(pos, end - pos));
    pos = end + 1;
    if (item.empty()) continue;
    const size_t eq = item.find('=');
    if (eq == std::string::npos) {
      // A continuation of a per-axis or list value: "kernel_size=3,5".
      if (last_key.empty()) return Error(ErrorCode::PARSE_ERROR, "'" + t + "': '" + item + "' is not key=value");
      values[last_key] += "," + item;
      continue;
    }
    last_key = trim(item.substr(0, eq));
    if (last_key.empty()) return Error(ErrorCode::PARSE_ERROR, "'" + t + "': empty argument name");
    values[last_key] = trim(item.substr(eq + 1));
  }
  return std::make_pair(name, Args(name, std::move(values)));
}

std::string format_call(const std::string& name, const Args& args) {
  if (args.values().empty()) return name;
  std::string s = name + "(";
  bool first = true;
  for (const auto& [k, v] : args.values()) {
    if (!first) s += ",";
    first = false;
    s += k + "=" + v;
  }
  return s + ")";
}

}  // namespace nnplay
