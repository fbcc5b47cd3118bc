// base64.h — standard base64 (RFC 4648 section 4: A-Z a-z 0-9 + /, '='
// padding), for binary files inside JSON (window.nnplay.export's files, the
// {"load_model": ...} command).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace nnplay {

/// `bytes` as base64 text with padding (4 characters per 3 bytes, rounded up).
std::string base64_encode(const std::vector<uint8_t>& bytes);

/// The bytes of base64 `text` (padding required when the length is not a
/// multiple of 4 is optional; ASCII whitespace is skipped). Errors:
/// PARSE_ERROR naming the first bad character's offset, or a length that no
/// bytes encode to (one character left over).
Result<std::vector<uint8_t>> base64_decode(std::string_view text);

}  // namespace nnplay
