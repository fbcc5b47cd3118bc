// json_text.h — JSON back to text, the one way the code does it.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

namespace nnplay {

/// `j` as JSON text (`indent` < 0: on one line; else pretty, `indent` spaces
/// a level). Bytes that are not valid UTF-8 in its strings (a link's or a
/// file's text that reached a string, an error message quoting it) become
/// U+FFFD instead of failing: nlohmann's default dump() throws on them, and
/// the build compiles nlohmann with JSON_NOEXCEPTION, where a throw aborts
/// the process (in the browser, the whole wasm module). Use this, not
/// dump(), wherever JSON becomes text.
inline std::string json_text(const nlohmann::json& j, int indent = -1) {
  return j.dump(indent, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace nnplay
