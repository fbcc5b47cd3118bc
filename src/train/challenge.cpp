// challenge.cpp — see challenge.h.
#include "train/challenge.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>

#include "train/session_json.h"

namespace nnplay::train {
namespace {

bool parse_number(const std::string& text, double* out) {
  if (text.empty()) return false;
  char* end = nullptr;
  const double v = std::strtod(text.c_str(), &end);
  if (end != text.c_str() + text.size() || !std::isfinite(v)) return false;
  *out = v;
  return true;
}

const char* metric_name(const std::string& m) {
  if (m == "acc_val") return "validation accuracy";
  if (m == "acc_train") return "training accuracy";
  if (m == "loss_val") return "validation loss";
  if (m == "loss_train") return "training loss";
  return nullptr;
}

double metric_of(const std::string& m, const SessionStatus& s) {
  if (m == "acc_val") return s.acc_val;
  if (m == "acc_train") return s.acc_train;
  if (m == "loss_val") return s.loss_val;
  return s.loss_train;
}

std::string with_commas(int64_t n) {
  std::string d = std::to_string(n), out;
  for (size_t i = 0; i < d.size(); ++i) {
    if (i > 0 && (d.size() - i) % 3 == 0) out += ',';
    out += d[i];
  }
  return out;
}

Status bad(const std::string& item, const std::string& why) {
  return Error(ErrorCode::INVALID_ARGUMENT, "challenge: '" + item + "': " + why);
}

Status parse_goal(const std::string& item, const std::string& v, Challenge& c) {
  const size_t ge = v.find(">="), le = v.find("<=");
  const size_t at = ge != std::string::npos ? ge : le;
  if (at == std::string::npos) return bad(item, "expected a metric, >= or <=, and a number, e.g. goal=acc_val>=0.9");
  c.metric = v.substr(0, at);
  c.at_least = at == ge;
  if (!metric_name(c.metric)) return bad(item, "the metric is one of acc_val, acc_train, loss_val, loss_train");
  if (!parse_number(v.substr(at + 2), &c.target)) return bad(item, "the bound is not a number");
  const bool accuracy = c.metric.rfind("acc", 0) == 0;
  if (accuracy && (c.target < 0 || c.target > 1)) return bad(item, "an accuracy bound lies in [0, 1] (0.9 = 90%)");
  if (!accuracy && c.target < 0) return bad(item, "a loss bound is >= 0");
  return Status::Ok();
}

}  // namespace

std::string Challenge::goal_text() const {
  char bound[32];
  std::snprintf(bound, sizeof bound, "%g", target);
  std::string s = std::string(metric_name(metric) ? metric_name(metric) : metric.c_str()) + (at_least ? " ≥ " : " ≤ ") + bound;
  if (max_params > 0) s += " with at most " + with_commas(max_params) + " parameters";
  if (max_steps > 0) s += " within " + with_commas(max_steps) + " steps";
  return s;
}

bool is_challenge_key(const std::string& key) {
  return key == "goal" || key == "max_params" || key == "max_steps" || key == "challenge" || key == "hint" ||
         key == "hint_after";
}

Result<Challenge> parse_challenge(const std::vector<std::string>& page_items) {
  Challenge c;
  bool constraint = false;
  for (const std::string& item : page_items) {
    const size_t eq = item.find('=');
    const std::string key = item.substr(0, eq);
    if (!is_challenge_key(key)) continue;
    const std::string v = eq == std::string::npos ? "" : url_decode(item.substr(eq + 1));
    if (key == "goal") {
      NNP_RETURN_IF_ERROR(parse_goal(item, v, c));
    } else if (key == "challenge") {
      c.text = v;
    } else if (key == "hint") {
      c.hint = v;
    } else {
      double n = 0;
      if (!parse_number(v, &n) || n < 0 || n != std::floor(n) || n > 1e12)
        return bad(item, "expected a whole number >= 0");
      if (key == "max_params") c.max_params = static_cast<int64_t>(n);
      else if (key == "max_steps") c.max_steps = static_cast<int64_t>(n);
      else c.hint_after_s = n;
      constraint |= key != "hint_after";
    }
  }
  if (!c.active() && (constraint || !c.text.empty() || !c.hint.empty()))
    return Error(ErrorCode::INVALID_ARGUMENT, "challenge: a challenge needs a goal, e.g. goal=acc_val>=0.9");
  return c;
}

void observe(const Challenge& c, const SessionStatus& s, ChallengeProgress& p) {
  if (!c.active()) return;
  p.blocked.clear();
  if (c.max_params > 0 && s.num_params > c.max_params)
    p.blocked = "the network has " + with_commas(s.num_params) + " parameters, more than " + with_commas(c.max_params);
  else if (c.max_steps > 0 && s.step > c.max_steps)
    p.blocked = "past " + with_commas(c.max_steps) + " steps: reset to try again";
  if (!s.has_metrics || !p.blocked.empty() || s.step == 0) return;
  const double v = metric_of(c.metric, s);
  if (!std::isfinite(v)) return;
  if (!p.has_best || (c.at_least ? v > p.best : v < p.best)) p.best = v, p.has_best = true;
  if (!p.met && (c.at_least ? v >= c.target : v <= c.target)) {
    p.met = true;
    p.met_step = s.step;
    p.met_value = v;
    p.met_network = s.architecture + " (" + with_commas(s.num_params) + " parameters)";
  }
}

}  // namespace nnplay::train
