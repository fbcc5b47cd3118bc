// optim_case.h — an optimizer and learning-rate schedule applied to given
// gradients, described as JSON: nnplay-op's sibling format (docs/nnplay-op.md,
// "Optimizer cases"), so anyone can check an optimizer step by step against
// torch.optim without writing C++. The runner is the engine's own
// optimizer/scheduler code, configured through the app's config table
// (train/config.h: the same keys and ranges as the UI, URL and CLI).
//
//   case:   {"optimizer": {"optimizer": "adam", "lr": 0.01, "beta1": 0.9, ...},
//            "schedule": "StepLR(step_size=5,gamma=0.5)",          (optional)
//            "params": {"weight": T, "bias": T},
//            "no_decay": ["bias"],    (optional; weight_decay and l1 skip these.
//                                      Default: every name containing "bias")
//            "grads": [{"weight": T, "bias": T}, ...],   one object per step
//            "metrics": [0.9, 0.8, ...]}   (optional; observed by the schedule
//                                           after each step: ReduceLROnPlateau)
//   result: {"optimizer": "Adam", "schedule": "...", "steps": [
//              {"step": 1, "lr": 0.01, "params": {...},
//               "state": {"weight": {"step": 1, "exp_avg": T, "exp_avg_sq": T}, ...}}, ...]}
//                                  T = {"shape": [...], "data": [...]}
// Step k uses lr = schedule(k − 1) · optimizer.lr (torch: optimizer.step() then
// scheduler.step()); "lr" in a step is the rate that step used.
// Errors are Status values naming the key (bad JSON, unknown keys, a
// gradient missing or of another shape than its parameter, a bad setting).
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "core/status.h"

namespace nnplay::train {

/// True when `j` is an optimizer case (it has an "optimizer" key).
bool is_optim_case(const nlohmann::json& j);

/// Runs the case; the result as described above.
Result<nlohmann::json> run_optim_case(const nlohmann::json& j);

}  // namespace nnplay::train
