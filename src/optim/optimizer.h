// optimizer.h — the optimizer interface. Optimizers see parameters only as
// ParamRefs (core/param.h), never layers, and key their state by ParamId, so
// editing one layer mid-run keeps the state of the others; state whose shape
// no longer matches its parameter is reset.
//
// Update formulas follow torch.optim (same hyperparameter names) and are
// given in each optimizer's header with the lecture's form beside them.
#pragma once

#include <memory>
#include <span>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/param.h"
#include "core/status.h"

namespace nnplay::optim {

struct OptimizerConfig;

class Optimizer {
 public:
  virtual ~Optimizer() = default;
  virtual const char* type_name() const = 0;
  /// Applies one update to every parameter from its grad (grads are not cleared).
  virtual void step(std::span<ParamRef> params) = 0;
  /// Forgets all state (momentum buffers, moments, step counts).
  void reset_state() { state_.clear(); }
  /// Takes the hyperparameters of `c` that apply to this optimizer; keeps state.
  virtual void configure(const OptimizerConfig& c);

  float lr = 0.01f;
  float weight_decay = 0.0f;  // L2 penalty coefficient, times ParamRef::weight_decay_mul

 protected:
  /// Per-parameter state: up to two tensors and a step count.
  struct State {
    Tensor a, b;
    int64_t step = 0;
  };
  /// State for `p`, created zeroed (or reset) when missing or of another shape.
  State& state_for(const ParamRef& p, int num_buffers);

 private:
  std::unordered_map<ParamId, State, ParamIdHash> state_;
};

enum class OptimizerKind { SGD, Adam };
const char* optimizer_key(OptimizerKind k);  // "sgd", "adam"
Result<OptimizerKind> parse_optimizer(const std::string& key);

struct OptimizerConfig {
  OptimizerKind kind = OptimizerKind::SGD;
  float lr = 0.03f;
  float momentum = 0.0f;      // SGD
  bool nesterov = false;      // SGD
  float beta1 = 0.9f;         // Adam
  float beta2 = 0.999f;       // Adam
  float eps = 1e-8f;          // Adam
  float weight_decay = 0.0f;  // SGD, Adam (L2)
};

std::unique_ptr<Optimizer> make_optimizer(const OptimizerConfig& c);

}  // namespace nnplay::optim
