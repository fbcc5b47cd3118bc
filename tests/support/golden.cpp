#include "support/golden.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <sstream>

namespace nnplay::test {

std::string source_dir() {
  const char* dir = std::getenv("NNPLAY_SOURCE_DIR");
  if (dir && *dir) return dir;
  std::fprintf(stderr, "NNPLAY_SOURCE_DIR is not set: run the tests with ctest, or set it to the checkout's root\n");
  return "";
}

std::vector<uint8_t> reference_bytes(const std::string& name) {
  std::ifstream f(source_dir() + "/tests/reference/" + name, std::ios::binary);
  return {std::istreambuf_iterator<char>(f), std::istreambuf_iterator<char>()};
}

Result<nlohmann::json> load_golden(const std::string& name) {
  const std::string path = source_dir() + "/tests/reference/" + name;
  std::ifstream f(path);
  if (!f) return Error(ErrorCode::NOT_FOUND, "cannot open golden file " + path);
  std::stringstream ss;
  ss << f.rdbuf();
  nlohmann::json j = nlohmann::json::parse(ss.str(), nullptr, false);
  if (j.is_discarded() || !j.is_object()) return Error(ErrorCode::PARSE_ERROR, path + " is not a JSON object");
  const std::string gen = j.contains("generator") && j["generator"].is_string() ? j["generator"].get<std::string>() : "?";
  if (!j.contains("magic") || j["magic"] != "nnplay-golden" || !j.contains("version") || j["version"] != 1)
    return Error(ErrorCode::DATA_CORRUPT, path + ": wrong magic or version; regenerate with /usr/bin/python3 " + gen);
  return j;
}

Result<Tensor> tensor_from_json(const nlohmann::json& j, const std::string& what) {
  if (!j.is_object() || !j.contains("shape") || !j.contains("data") || !j["shape"].is_array() || !j["data"].is_array())
    return Error(ErrorCode::PARSE_ERROR, what + ": expected {\"shape\": [...], \"data\": [...]}");
  Shape s;
  for (const auto& d : j["shape"]) {
    if (!d.is_number_integer() || s.rank >= Shape::kMaxRank) return Error(ErrorCode::PARSE_ERROR, what + ": bad shape");
    s.dims[static_cast<size_t>(s.rank++)] = d.get<int>();
  }
  if (s.rank == 0) s = Shape{1};
  std::vector<float> v;
  for (const auto& x : j["data"]) {
    if (!x.is_number()) return Error(ErrorCode::PARSE_ERROR, what + ": data must be numbers");
    v.push_back(x.get<float>());
  }
  if (static_cast<int64_t>(v.size()) != s.numel())
    return Error(ErrorCode::PARSE_ERROR, what + ": " + std::to_string(v.size()) + " values for shape " + s.str());
  return Tensor(s, std::move(v));
}

std::string compare_tensors(const Tensor& actual, const Tensor& expected, double atol, double rtol) {
  if (actual.numel() != expected.numel())
    return "size " + std::to_string(actual.numel()) + " vs " + std::to_string(expected.numel()) + " (shapes " +
           actual.shape().str() + " vs " + expected.shape().str() + ")";
  std::string out;
  int bad = 0;
  for (int64_t i = 0; i < actual.numel(); ++i) {
    const double a = actual[i], e = expected[i];
    if (!(std::abs(a - e) <= atol + rtol * std::abs(e))) {
      if (bad++ < 6) {
        char buf[128];
        std::snprintf(buf, sizeof buf, "  [%lld] %.8g vs %.8g\n", static_cast<long long>(i), a, e);
        out += buf;
      }
    }
  }
  if (bad > 6) out += "  ... " + std::to_string(bad) + " mismatches in all\n";
  return out;
}

}  // namespace nnplay::test
