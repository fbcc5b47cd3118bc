#include "train/optim_case.h"

#include <memory>
#include <vector>

#include "core/json_text.h"
#include "core/param.h"
#include "nn/op_case.h"
#include "optim/lr_scheduler.h"
#include "optim/optimizer.h"
#include "train/config.h"
#include "train/session_json.h"

namespace nnplay::train {

using nlohmann::json;

namespace {

Status bad(const std::string& what) { return Error(ErrorCode::INVALID_ARGUMENT, "optimizer case: " + what); }

}  // namespace

bool is_optim_case(const json& j) { return j.is_object() && j.contains("optimizer"); }

Result<json> run_optim_case(const json& j) {
  if (!is_optim_case(j)) return bad("expected an object with an \"optimizer\" key");
  for (auto it = j.begin(); it != j.end(); ++it) {
    static const char* kKeys[] = {"optimizer", "schedule", "params", "no_decay", "grads", "metrics"};
    bool known = false;
    for (const char* k : kKeys) known = known || it.key() == k;
    if (!known) return bad("unknown key '" + it.key() + "' (expected optimizer, schedule, params, no_decay, grads, metrics)");
  }
  // Settings through the app's config table.
  const json& o = j["optimizer"];
  if (!o.is_object()) return bad("\"optimizer\" must be an object of settings, e.g. {\"optimizer\": \"adam\", \"lr\": 0.01}");
  // The settings parse exactly as window.nnplay.command's (session_json.h).
  auto cmd = command_from_json(json_text(o));
  if (!cmd.ok()) return bad(cmd.status().message());
  if (cmd.value().action != Action::None) return bad("\"optimizer\" holds settings only, no action");
  Config cfg;
  for (const auto& [key, value] : cmd.value().set) {
    Status st = set_config_value(cfg, key, value);
    if (!st.ok()) return bad(st.message());
  }
  std::string schedule_text;
  if (j.contains("schedule")) {
    if (!j["schedule"].is_string()) return bad("\"schedule\" must be a string such as \"StepLR(step_size=5,gamma=0.5)\"");
    schedule_text = j["schedule"].get<std::string>();
  }
  auto sched = optim::make_scheduler(schedule_text);
  if (!sched.ok()) return bad(sched.status().message());

  // Parameters, in the order given; ids are (index + 1, name).
  const json& pj = j.contains("params") ? j["params"] : json();
  if (!pj.is_object() || pj.empty()) return bad("\"params\" must be a non-empty object of tensors by name");
  std::vector<std::string> names;
  std::vector<Tensor> values, grads;
  for (auto it = pj.begin(); it != pj.end(); ++it) {
    auto t = nn::tensor_from_json(it.value(), "params." + it.key());
    if (!t.ok()) return bad(t.status().message());
    names.push_back(it.key());
    grads.emplace_back(t.value().shape());
    values.push_back(t.take());
  }
  std::vector<std::string> no_decay;
  if (j.contains("no_decay")) {
    if (!j["no_decay"].is_array()) return bad("\"no_decay\" must be a list of parameter names");
    for (const json& n : j["no_decay"]) {
      if (!n.is_string()) return bad("\"no_decay\" must be a list of parameter names");
      no_decay.push_back(n.get<std::string>());
    }
  }
  std::vector<ParamRef> params;
  for (size_t i = 0; i < names.size(); ++i) {
    float mul = 1.0f;
    if (j.contains("no_decay")) {
      for (const std::string& n : no_decay) mul = n == names[i] ? 0.0f : mul;
    } else if (names[i].find("bias") != std::string::npos) {
      mul = 0.0f;
    }
    params.push_back({{static_cast<uint32_t>(i + 1), names[i].c_str()}, &values[i], &grads[i], mul});
  }
  const json& gj = j.contains("grads") ? j["grads"] : json();
  if (!gj.is_array() || gj.empty()) return bad("\"grads\" must be a non-empty list, one object of gradients per step");
  const json& mj = j.contains("metrics") ? j["metrics"] : json();
  if (!mj.is_null() && (!mj.is_array() || mj.size() != gj.size()))
    return bad("\"metrics\" must be a list with one number per step (" + std::to_string(gj.size()) + ")");

  auto opt = optim::make_optimizer(cfg.optimizer);
  const std::vector<std::string> state_names = opt->state_names();
  json steps = json::array();
  for (size_t s = 0; s < gj.size(); ++s) {
    const std::string at = "grads[" + std::to_string(s) + "]";
    if (!gj[s].is_object()) return bad(at + " must be an object of gradients by parameter name");
    for (size_t i = 0; i < names.size(); ++i) {
      if (!gj[s].contains(names[i])) return bad(at + " has no gradient for '" + names[i] + "'");
      auto g = nn::tensor_from_json(gj[s][names[i]], at + "." + names[i]);
      if (!g.ok()) return bad(g.status().message());
      if (g.value().shape() != values[i].shape())
        return bad(at + "." + names[i] + " has shape " + g.value().shape().str() + ", the parameter " +
                   values[i].shape().str());
      grads[i] = g.take();
    }
    if (gj[s].size() != names.size()) return bad(at + " has gradients for parameters not in \"params\"");
    const double lr = sched.value()->lr(static_cast<int64_t>(s), cfg.optimizer.lr);
    opt->lr = static_cast<float>(lr);
    opt->step(params);
    if (!mj.is_null()) {
      if (!mj[s].is_number()) return bad("metrics[" + std::to_string(s) + "] must be a number");
      sched.value()->observe(mj[s].get<double>(), cfg.optimizer.lr);
    }
    json pv = json::object(), st = json::object();
    for (size_t i = 0; i < names.size(); ++i) {
      pv[names[i]] = nn::tensor_to_json(values[i]);
      json one = {{"step", opt->state_step(params[i].id)}};
      for (size_t k = 0; k < state_names.size(); ++k)
        if (const Tensor* t = opt->state_tensor(params[i].id, static_cast<int>(k)))
          one[state_names[k]] = nn::tensor_to_json(*t);
      st[names[i]] = std::move(one);
    }
    steps.push_back({{"step", s + 1}, {"lr", float_json(lr)}, {"params", std::move(pv)}, {"state", std::move(st)}});
  }
  return json{{"optimizer", opt->type_name()}, {"schedule", schedule_text}, {"steps", std::move(steps)}};
}

}  // namespace nnplay::train
