// session_json.h — the text forms of Commands and status, all mapped through
// the one config table (train/config.h):
//   JSON  (window.nnplay.command / status):  {"dataset":"circle","layers":"8:tanh,8:tanh","lr":0.03,"action":"train"}
//         "layers" may also be [{"units":8,"activation":"tanh"}, ...]; "steps" goes with "action":"step".
//   Query (page URL hash/search, CLI-like):  dataset=circle&layers=8:tanh,8:tanh&lr=0.03&action=train
// Parsing never throws (nlohmann is used with JSON_NOEXCEPTION and checked
// types); errors say which key and why.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <vector>

#include "core/status.h"
#include "train/session.h"

namespace nnplay::train {

Result<Command> command_from_json(const std::string& text);
std::string status_to_json(const SessionStatus& s);
/// A float32 value as JSON with the 7 significant digits it holds (0.03, not
/// 0.029999999329447746); NaN and infinities as null.
nlohmann::json float_json(double v);
/// The training fields of a status into `j` (the session's status and each
/// race lane share them): optimizer, lr, lr_now, schedule, batch_size, step,
/// epoch, loss_train, acc_train, loss_val, acc_val (null before the first point).
void training_status_to_json(const SessionStatus& s, nlohmann::json& j);
/// The command that recreates a session's setup (for links).
std::string config_to_query(const std::vector<std::pair<std::string, std::string>>& delta);
/// A link's value decoded: %XX as that byte, '+' as a space (a '%' without two hex digits stays).
std::string url_decode(const std::string& s);
/// Parses "a=1&b=2" (a leading '#' or '?' is skipped; %XX and '+' decoded).
Result<Command> command_from_query(const std::string& query);

}  // namespace nnplay::train
