#include "train/race_json.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <nlohmann/json.hpp>

#include "core/json_text.h"
#include "train/session_json.h"

namespace nnplay::train {
namespace {

using nlohmann::json;

// One object of settings (and for the top level, action/steps) through
// session_json's command_from_json, so values, layer arrays and errors are
// exactly the session's.
Result<Command> settings_of(const json& obj, const std::string& where) {
  auto c = command_from_json(json_text(obj));
  if (!c.ok()) return Error(c.status().code(), where + ": " + c.status().message());
  return c;
}

const auto num = float_json;

}  // namespace

bool is_race_command(const std::string& text) {
  json j = json::parse(text, nullptr, /*allow_exceptions=*/false);
  return !j.is_discarded() && j.is_object() && j.contains("race");
}

Result<RaceCommand> race_command_from_json(const std::string& text) {
  json j = json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded() || !j.is_object() || !j.contains("race"))
    return Error(ErrorCode::PARSE_ERROR, "race command must be a JSON object with a \"race\" key");
  RaceCommand cmd;
  const json& r = j["race"];
  if (r.is_array()) {
    cmd.lanes = RaceCommand::Lanes::Set;
    for (size_t i = 0; i < r.size(); ++i) {
      const std::string where = "race[" + std::to_string(i) + "]";
      if (!r[i].is_object())
        return Error(ErrorCode::PARSE_ERROR, where + " must be an object of lane settings, e.g. {\"optimizer\":\"adam\",\"lr\":0.01}");
      json lane = r[i];
      std::string label;
      if (lane.contains("label")) {
        if (!lane["label"].is_string()) return Error(ErrorCode::PARSE_ERROR, where + ".label must be text");
        label = lane["label"].get<std::string>();
        lane.erase("label");
      }
      cmd.lane_labels.push_back(label);
      auto c = settings_of(lane, where);
      if (!c.ok()) return c.status();
      if (c.value().action != Action::None || r[i].contains("steps"))
        return Error(ErrorCode::INVALID_ARGUMENT, where + ": actions go beside \"race\", not inside a lane");
      cmd.lane_settings.push_back(c.value().set);
    }
  } else if (r.is_boolean() || r == "on" || r == "off") {
    cmd.lanes = (r == false || r == "off") ? RaceCommand::Lanes::Clear : RaceCommand::Lanes::Keep;
  } else {
    return Error(ErrorCode::PARSE_ERROR, "\"race\" must be a list of lane settings, true or false");
  }
  json rest = j;
  rest.erase("race");
  if (rest.contains("budget")) {
    if (!rest["budget"].is_number_integer() || rest["budget"].get<long long>() < 0)
      return Error(ErrorCode::PARSE_ERROR, "\"budget\" must be the steps each lane trains (0 = no limit)");
    cmd.budget = rest["budget"].get<long long>();
    rest.erase("budget");
  }
  if (rest.contains("lane")) {
    if (!rest["lane"].is_number_integer() || rest["lane"].get<long long>() < 0)
      return Error(ErrorCode::PARSE_ERROR, "\"lane\" must be a lane index (0, 1, ...)");
    cmd.lane = static_cast<int>(rest["lane"].get<long long>());
    rest.erase("lane");
  }
  auto c = settings_of(rest, "race");
  if (!c.ok()) return c.status();
  cmd.set = c.value().set;
  cmd.action = c.value().action;
  cmd.steps = c.value().steps;
  if (cmd.lanes == RaceCommand::Lanes::Clear && (!cmd.set.empty() || cmd.action != Action::None))
    return Error(ErrorCode::INVALID_ARGUMENT, "\"race\": false ends the race; it takes no settings or action");
  for (const auto& [key, value] : cmd.set)
    if (cmd.lane >= 0 && !is_lane_key(key))
      return Error(ErrorCode::INVALID_ARGUMENT, "race lane " + std::to_string(cmd.lane) + ": '" + key +
                                                    "' is shared by every lane; set it without \"lane\"");
  bool labelled = false;
  for (const std::string& l : cmd.lane_labels) labelled = labelled || !l.empty();
  if (!labelled) cmd.lane_labels.clear();
  return cmd;
}

std::string race_status_to_json(const Race& race) {
  if (!race.active()) return "null";
  json j;
  j["running"] = race.running();
  j["loading"] = race.loading();
  json lanes = json::array();
  for (int i = 0; i < race.size(); ++i) {
    const SessionStatus s = race.lane(i).status();
    json l;
    json own = json::object();
    for (const auto& [k, v] : race.lane_settings(i)) own[k] = v;
    l["settings"] = own;
    l["label"] = race.lane_label(i);
    training_status_to_json(s, l);
    l["loss_init"] = num(race.loss_init(i));
    l["acc_init"] = num(race.acc_init(i));
    l["running"] = s.running;
    l["loading"] = s.loading;
    l["last_error"] = s.last_error.empty() ? json(nullptr) : json(s.last_error);
    lanes.push_back(l);
  }
  j["lanes"] = lanes;
  j["budget"] = race.budget();
  j["finished"] = race.finished();
  j["dataset"] = race.lane(0).config().dataset;
  return json_text(j);
}

std::string with_race_status(const std::string& status_json, const Race& race) {
  const size_t end = status_json.rfind('}');
  if (end == std::string::npos) return status_json;
  return status_json.substr(0, end) + ",\"race\":" + race_status_to_json(race) + "}";
}

}  // namespace nnplay::train
