// session_json.h — the text forms of Commands and status, all mapped through
// the one config table (train/config.h):
//   JSON  (window.nnplay.command / status):  {"dataset":"circle","layers":"8:tanh,8:tanh","lr":0.03,"action":"train"}
//         "layers" may also be [{"units":8,"activation":"tanh"}, ...]; "steps" goes with "action":"step".
//   Query (page URL hash/search, CLI-like):  dataset=circle&layers=8:tanh,8:tanh&lr=0.03&action=train
// Parsing never throws (nlohmann is used with JSON_NOEXCEPTION and checked
// types); errors say which key and why.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "core/status.h"
#include "train/session.h"

namespace nnplay::train {

Result<Command> command_from_json(const std::string& text);
std::string status_to_json(const SessionStatus& s);
/// The command that recreates a session's setup (for links).
std::string config_to_query(const std::vector<std::pair<std::string, std::string>>& delta);
/// Parses "a=1&b=2" (a leading '#' or '?' is skipped; %XX and '+' decoded).
Result<Command> command_from_query(const std::string& query);

}  // namespace nnplay::train
