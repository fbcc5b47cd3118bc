// op_case.h — one layer applied once, described as JSON: the shared runner
// of the nnplay-op CLI (src/cli/nnplay_op.cpp) and of the PyTorch golden
// tests (tests/reference/layers_reference_test.cpp). Format: docs/nnplay-op.md.
//
//   case:   {"op": "Conv2d", "args": {"out_channels": "4", "kernel_size": "3"},
//            "mode": "train"|"eval", "seed": 1,
//            "inputs": [T, ...], "params": {"weight": T, ...}, "buffers": {...},
//            "grad_output": T}                       T = {"shape": [...], "data": [...]}
//   result: {"op", "describe", "outputs": [T], "params": {...} (the values used),
//            "buffers": {...} (after forward), "grad_inputs": [T, ...], "grad_params": {...}}
//
// Run: make_layer(op, args) → set_max_batch(N) → setup(input shapes) →
// reset_parameters(Rng(seed, Init)) → load the given params/buffers (the
// rest keep their initial values) → forward in `mode` with ctx.rng =
// Rng(seed, Dropout) → if grad_output is given: zeroed gradients, backward.
// The parser never aborts on bad input (JSON_NOEXCEPTION semantics: parse
// without exceptions, check every type before get<>); errors are Status values.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <vector>

#include "core/status.h"
#include "core/tensor.h"
#include "nn/layer.h"
#include "nn/layer_args.h"

namespace nnplay::nn {

using NamedTensors = std::vector<std::pair<std::string, Tensor>>;

struct OpCase {
  std::string op;
  LayerArgs args;
  Mode mode = Mode::Train;
  uint64_t seed = 0;
  std::vector<Tensor> inputs;
  NamedTensors params, buffers;
  bool has_grad_output = false;
  Tensor grad_output;
};

struct OpResult {
  std::string op, describe;
  Tensor output;
  NamedTensors params;   // values used (given or initialised)
  NamedTensors buffers;  // after the forward pass
  bool has_grads = false;
  std::vector<Tensor> grad_inputs;
  NamedTensors grad_params;
};

/// {"shape": [...], "data": [...]} -> Tensor; shape [] is a one-element tensor.
Result<Tensor> tensor_from_json(const nlohmann::json& j, const std::string& what);
nlohmann::json tensor_to_json(const Tensor& t);

/// A case from a parsed JSON object (unknown keys are rejected).
Result<OpCase> op_case_from_json(const nlohmann::json& j);
/// A case from JSON text.
Result<OpCase> parse_op_case(const std::string& text);
/// Runs the case; errors name the op and what did not fit.
Result<OpResult> run_op_case(const OpCase& c);
nlohmann::json op_result_to_json(const OpResult& r);
/// {"error": {"code": "SHAPE_MISMATCH", "message": "..."}}
nlohmann::json status_to_json(const Status& st);
/// The registry: [{"name", "args", "about"}, ...].
nlohmann::json layer_types_to_json();

}  // namespace nnplay::nn
