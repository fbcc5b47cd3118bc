#include "core/base64.h"

namespace nnplay {
namespace {
constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

int digit(char c) {
  if (c >= 'A' && c <= 'Z') return c - 'A';
  if (c >= 'a' && c <= 'z') return c - 'a' + 26;
  if (c >= '0' && c <= '9') return c - '0' + 52;
  if (c == '+') return 62;
  if (c == '/') return 63;
  return -1;
}
}  // namespace

std::string base64_encode(const std::vector<uint8_t>& b) {
  std::string s;
  s.reserve((b.size() + 2) / 3 * 4);
  for (size_t i = 0; i < b.size(); i += 3) {
    const uint32_t v = uint32_t{b[i]} << 16 | (i + 1 < b.size() ? uint32_t{b[i + 1]} << 8 : 0u) |
                       (i + 2 < b.size() ? uint32_t{b[i + 2]} : 0u);
    s += kAlphabet[(v >> 18) & 63];
    s += kAlphabet[(v >> 12) & 63];
    s += i + 1 < b.size() ? kAlphabet[(v >> 6) & 63] : '=';
    s += i + 2 < b.size() ? kAlphabet[v & 63] : '=';
  }
  return s;
}

Result<std::vector<uint8_t>> base64_decode(std::string_view text) {
  std::vector<uint8_t> out;
  out.reserve(text.size() / 4 * 3 + 3);
  uint32_t acc = 0;
  int have = 0;     // 6-bit digits in acc
  size_t pad = 0;   // '=' seen (only at the end)
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == ' ' || c == '\n' || c == '\r' || c == '\t') continue;
    if (c == '=') {
      ++pad;
      continue;
    }
    const int d = digit(c);
    if (d < 0 || pad > 0)
      return Error(ErrorCode::PARSE_ERROR, "base64: unexpected character at offset " + std::to_string(i) +
                                               (pad > 0 ? " (after the '=' padding)" : ""));
    acc = acc << 6 | static_cast<uint32_t>(d);
    if (++have == 4) {
      out.push_back(static_cast<uint8_t>(acc >> 16));
      out.push_back(static_cast<uint8_t>(acc >> 8));
      out.push_back(static_cast<uint8_t>(acc));
      acc = 0;
      have = 0;
    }
  }
  if (have == 1) return Error(ErrorCode::PARSE_ERROR, "base64: the text ends with one digit left over (truncated?)");
  if (pad > 2) return Error(ErrorCode::PARSE_ERROR, "base64: more than two '=' at the end");
  if (have == 2) out.push_back(static_cast<uint8_t>(acc >> 4));
  if (have == 3) {
    out.push_back(static_cast<uint8_t>(acc >> 10));
    out.push_back(static_cast<uint8_t>(acc >> 2));
  }
  return out;
}

}  // namespace nnplay
