#include "train/session_json.h"

#include <cctype>
#include <cmath>
#include <cstdlib>
#include <cstdio>
#include <nlohmann/json.hpp>

#include "core/json_text.h"

namespace nnplay::train {
namespace {

using nlohmann::json;

/// A JSON scalar as the text the config table parses.
Result<std::string> scalar_text(const std::string& key, const json& v) {
  if (v.is_string()) return v.get<std::string>();
  // "true"/"false", not "1"/"0": switches take them, numbers refuse them ({lr: true} is an error, not lr = 1).
  if (v.is_boolean()) return std::string(v.get<bool>() ? "true" : "false");
  if (v.is_number_integer()) return std::to_string(v.get<long long>());
  if (v.is_number()) {
    char buf[40];
    std::snprintf(buf, sizeof buf, "%.9g", v.get<double>());
    return std::string(buf);
  }
  return Error(ErrorCode::PARSE_ERROR, "'" + key + "' must be a string or a number, got " + v.type_name());
}

Result<std::string> layers_text(const json& v) {
  if (!v.is_array()) return scalar_text("layers", v);
  std::string s;
  for (size_t i = 0; i < v.size(); ++i) {
    const json& l = v[i];
    if (!l.is_object() || !l.contains("units") || !l["units"].is_number_integer())
      return Error(ErrorCode::PARSE_ERROR, "layers[" + std::to_string(i) + "] must be {\"units\": <int>, \"activation\": <name>}");
    if (i) s += ",";
    s += std::to_string(l["units"].get<long long>());
    if (l.contains("activation")) {
      if (!l["activation"].is_string())
        return Error(ErrorCode::PARSE_ERROR, "layers[" + std::to_string(i) + "].activation must be a string");
      s += ":" + l["activation"].get<std::string>();
    }
  }
  return s;
}

Status add_pair(Command& cmd, const std::string& key, const std::string& value) {
  if (key == "action") {
    auto a = parse_action(value);
    if (!a.ok()) return a.status();
    cmd.action = a.value();
  } else if (key == "steps") {
    char* end = nullptr;
    const long n = std::strtol(value.c_str(), &end, 10);
    if (value.empty() || *end != '\0' || n < 1 || n > Session::kMaxSteps)
      return Error(ErrorCode::INVALID_ARGUMENT,
                   "steps='" + value + "': expected an integer from 1 to " + std::to_string(Session::kMaxSteps));
    cmd.steps = static_cast<int>(n);
  } else {
    // Validate now, so a bad link or JSON is reported where it was written.
    Config probe;
    NNP_RETURN_IF_ERROR(set_config_value(probe, key, value));
    cmd.set.emplace_back(key, value);
  }
  return Status::Ok();
}

// "steps" counts the steps of action=step; beside another action (or none) it is a mistake.
Status check_steps(const Command& cmd, bool steps_given) {
  if (steps_given && cmd.action != Action::Step)
    return Error(ErrorCode::INVALID_ARGUMENT,
                 "steps goes with action=step, not " + (cmd.action == Action::None ? std::string("without an action")
                                                                                  : "action=" + std::string(action_key(cmd.action))));
  return Status::Ok();
}

}  // namespace

static int hex(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::string url_decode(const std::string& s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '+') out += ' ';
    else if (s[i] == '%' && i + 2 < s.size() && hex(s[i + 1]) >= 0 && hex(s[i + 2]) >= 0) {
      out += static_cast<char>(hex(s[i + 1]) * 16 + hex(s[i + 2]));
      i += 2;
    } else out += s[i];
  }
  return out;
}

Result<Command> command_from_json(const std::string& text) {
  json j = json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded()) return Error(ErrorCode::PARSE_ERROR, "command is not valid JSON: " + text.substr(0, 200));
  if (!j.is_object()) return Error(ErrorCode::PARSE_ERROR, "command must be a JSON object like {\"action\":\"train\"}");
  Command cmd;
  for (auto it = j.begin(); it != j.end(); ++it) {
    auto value = it.key() == "layers" ? layers_text(it.value()) : scalar_text(it.key(), it.value());
    if (!value.ok()) return value.status();
    NNP_RETURN_IF_ERROR(add_pair(cmd, it.key(), value.value()));
  }
  NNP_RETURN_IF_ERROR(check_steps(cmd, j.contains("steps")));
  return cmd;
}

Result<Command> command_from_query(const std::string& query) {
  Command cmd;
  bool steps_given = false;
  size_t pos = (!query.empty() && (query[0] == '#' || query[0] == '?')) ? 1 : 0;
  while (pos < query.size()) {
    size_t end = query.find('&', pos);
    if (end == std::string::npos) end = query.size();
    const std::string item = query.substr(pos, end - pos);
    pos = end + 1;
    if (item.empty()) continue;
    const size_t eq = item.find('=');
    if (eq == std::string::npos)
      return Error(ErrorCode::PARSE_ERROR, "'" + item + "' in the link is not of the form key=value");
    const std::string key = url_decode(item.substr(0, eq));
    steps_given = steps_given || key == "steps";
    NNP_RETURN_IF_ERROR(add_pair(cmd, key, url_decode(item.substr(eq + 1))));
  }
  NNP_RETURN_IF_ERROR(check_steps(cmd, steps_given));
  return cmd;
}

std::string config_to_query(const std::vector<std::pair<std::string, std::string>>& delta) {
  std::string q;
  for (const auto& [k, v] : delta) {
    if (!q.empty()) q += "&";
    q += k + "=";
    for (char c : v) {
      const bool safe = std::isalnum(static_cast<unsigned char>(c)) || c == ':' || c == ',' || c == '.' ||
                        c == '-' || c == '_';
      if (safe) q += c;
      else {
        char buf[4];
        std::snprintf(buf, sizeof buf, "%%%02X", static_cast<unsigned char>(c));
        q += buf;
      }
    }
  }
  return q;
}

json float_json(double v) {
  if (!std::isfinite(v)) return json(nullptr);
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.7g", v);
  return json(std::strtod(buf, nullptr));
}

void training_status_to_json(const SessionStatus& s, json& j) {
  j["optimizer"] = s.optimizer;
  j["lr"] = float_json(s.lr);
  j["lr_now"] = float_json(s.lr_now);
  j["schedule"] = s.schedule;
  j["batch_size"] = s.batch_size;
  j["step"] = s.step;
  j["epoch"] = float_json(s.epoch);
  if (s.has_metrics) {
    j["loss_train"] = float_json(s.loss_train);
    j["acc_train"] = float_json(s.acc_train);
    j["loss_val"] = float_json(s.loss_val);
    j["acc_val"] = float_json(s.acc_val);
  } else {
    j["loss_train"] = j["acc_train"] = j["loss_val"] = j["acc_val"] = nullptr;
  }
}

std::string status_to_json(const SessionStatus& s) {
  const auto num = float_json;
  json j;
  j["dataset"] = s.dataset;
  j["layers"] = s.layers;
  j["model"] = s.model;
  j["architecture"] = s.architecture;
  training_status_to_json(s, j);
  j["samples_per_sec"] = num(s.samples_per_sec);
  j["threads"] = s.threads;
  j["running"] = s.running;
  j["loading"] = s.loading;
  if (s.loading) {
    j["progress"] = {{"file", s.progress.file},
                     {"loaded", s.progress.loaded},
                     {"total", s.progress.total},
                     {"files_done", s.progress.files_done},
                     {"files_total", s.progress.files_total}};
    j["target"] = s.target;  // the settings it heads to, as text
  }
  j["last_error"] = s.last_error.empty() ? json(nullptr) : json(s.last_error);
  j["diverged"] = s.diverged;
  j["diagnosis"] = s.diagnosis.empty() ? json(nullptr) : json(s.diagnosis);
  j["reading"] = s.reading.empty() ? json(nullptr) : json(s.reading);
  j["init_from"] = s.init_from.empty() ? json(nullptr) : json(s.init_from);
  j["num_params"] = s.num_params;
  j["macs_per_sample"] = s.macs_per_sample;
  j["train_size"] = s.train_size;
  j["val_size"] = s.val_size;
  json events = json::array();
  for (const auto& [step, text] : s.events) events.push_back({{"step", step}, {"text", text}});
  j["events"] = std::move(events);
  return json_text(j);
}

}  // namespace nnplay::train
