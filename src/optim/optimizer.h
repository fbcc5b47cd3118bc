// optimizer.h — the optimizer interface and the config every front end edits.
//
// Optimizers see parameters only as ParamRefs (core/param.h), never layers,
// and key their state by ParamId, so editing one layer mid-run keeps the
// state of the others; state whose shape no longer matches is reset.
//
// Penalties (all optimizers, per parameter times ParamRef::weight_decay_mul,
// so biases and normalisation parameters are not penalised):
//   L2: g ← g + weight_decay·θ     (torch's weight_decay; AdamW decouples it)
//   L1: g ← g + l1·sign(θ)         (not in torch.optim; same as adding l1·|θ| to the loss)
// Update formulas follow torch.optim (same hyperparameter names); each
// optimizer's header gives its formula with the lecture's form beside it.
#pragma once

#include <memory>
#include <span>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/param.h"
#include "core/status.h"

namespace nnplay::optim {

enum class OptimizerKind { SGD, EmaMomentum, AdaGrad, RMSprop, Adam, AdamW };

/// Every hyperparameter of every optimizer (each uses its own subset).
struct OptimizerConfig {
  OptimizerKind kind = OptimizerKind::SGD;
  float lr = 0.03f;
  float momentum = 0.0f;      // SGD, RMSprop; EmaMomentum's λ
  float dampening = 0.0f;     // SGD
  bool nesterov = false;      // SGD
  float beta1 = 0.9f;         // Adam, AdamW
  float beta2 = 0.999f;       // Adam, AdamW
  float eps = 1e-8f;          // Adam, AdamW, RMSprop, AdaGrad (torch default there: 1e-10)
  float rho = 0.99f;          // RMSprop decay (torch's alpha; the lecture's ρ)
  bool centered = false;      // RMSprop
  float lr_decay = 0.0f;      // AdaGrad
  float initial_accumulator_value = 0.0f;  // AdaGrad
  float weight_decay = 0.0f;  // L2 (decoupled for AdamW)
  float l1 = 0.0f;            // L1 penalty
  float clip_norm = 0.0f;     // > 0: clip_grad_norm_ before each step (optim/clip.h)
  float clip_value = 0.0f;    // > 0: clip_grad_value_ before each step
};

class Optimizer {
 public:
  virtual ~Optimizer() = default;
  virtual const char* type_name() const = 0;
  /// Clips the gradients if configured (clip_norm, clip_value), then applies
  /// one update to every parameter from its grad (grads are not cleared).
  void step(std::span<ParamRef> params);
  /// Forgets all state (momentum buffers, moments, step counts).
  void reset_state() { state_.clear(); }
  /// Takes the hyperparameters of `c` that apply to this optimizer; keeps state.
  virtual void configure(const OptimizerConfig& c);
  /// Per-parameter state tensors by name, for inspection and golden tests
  /// ("momentum_buffer", "exp_avg", "square_avg", ...); null when absent.
  const Tensor* state_tensor(const ParamId& id, int index) const;
  /// Names of the state tensors by index, as torch.optim's state_dict calls
  /// them (SGD: momentum_buffer; Adam: exp_avg, exp_avg_sq; ...).
  virtual std::vector<std::string> state_names() const = 0;
  /// Steps taken for `id` (torch's state "step"); 0 when it has no state.
  int64_t state_step(const ParamId& id) const;
  /// The first of `params` whose state holds a NaN or infinity (Adam's
  /// exp_avg_sq overflows to +inf once |g| > ~1.8e19 while g itself is still
  /// finite, and every later update of that weight is then silently 0): its
  /// index in `params`, with the state's name (state_names()) in *state_name;
  /// -1 when every state is finite.
  int first_non_finite_state(std::span<const ParamRef> params, std::string* state_name) const;

  float lr = 0.01f;
  float weight_decay = 0.0f;
  float l1 = 0.0f;
  float clip_norm = 0.0f;
  float clip_value = 0.0f;
  /// Total gradient norm seen by the last step() when clip_norm > 0 (for display).
  double last_grad_norm = 0.0;

 protected:
  /// The optimizer's own update (after clipping).
  virtual void update(std::span<ParamRef> params) = 0;
  struct State {
    Tensor buf[3];
    int64_t step = 0;
  };
  /// State for `p` with `num_buffers` tensors, created (filled with `init`)
  /// when missing or of another shape.
  State& state_for(const ParamRef& p, int num_buffers, float init = 0.0f);
  /// ∇θ plus the L2 and L1 penalties of element i.
  float penalized(const ParamRef& p, const float* w, const float* g, int64_t i, bool with_l2 = true) const {
    const float mul = p.weight_decay_mul;
    float v = g[i];
    if (with_l2) v += weight_decay * mul * w[i];
    if (l1 != 0.0f) v += l1 * mul * static_cast<float>((w[i] > 0.0f) - (w[i] < 0.0f));
    return v;
  }

 private:
  std::unordered_map<ParamId, State, ParamIdHash> state_;
};

/// "sgd", "ema_momentum", "adagrad", "rmsprop", "adam", "adamw".
/// Every optimizer, in the lecture's order (plain SGD to Adam).
inline constexpr OptimizerKind kOptimizerKinds[] = {OptimizerKind::SGD,     OptimizerKind::EmaMomentum,
                                                    OptimizerKind::AdaGrad, OptimizerKind::RMSprop,
                                                    OptimizerKind::Adam,    OptimizerKind::AdamW};
/// "sgd", "ema_momentum", ... (the config key's values).
const char* optimizer_key(OptimizerKind k);
/// "SGD", "EMA momentum", ... (for menus).
const char* optimizer_title(OptimizerKind k);
Result<OptimizerKind> parse_optimizer(const std::string& key);
std::unique_ptr<Optimizer> make_optimizer(const OptimizerConfig& c);

}  // namespace nnplay::optim
