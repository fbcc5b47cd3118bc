#include "optim/optimizer.h"

#include "optim/adagrad.h"
#include "optim/adam.h"
#include "optim/clip.h"
#include "optim/rmsprop.h"
#include "optim/sgd.h"

namespace nnplay::optim {

Optimizer::State& Optimizer::state_for(const ParamRef& p, int num_buffers, float init) {
  State& s = state_[p.id];
  const Shape& shape = p.value->shape();
  bool fresh = false;
  for (int i = 0; i < num_buffers; ++i) fresh = fresh || s.buf[i].shape() != shape;
  if (fresh) {
    for (int i = 0; i < num_buffers; ++i) {
      s.buf[i].resize(shape);
      s.buf[i].fill(init);
    }
    s.step = 0;
  }
  return s;
}

const Tensor* Optimizer::state_tensor(const ParamId& id, int index) const {
  auto it = state_.find(id);
  if (it == state_.end() || index < 0 || index > 2 || it->second.buf[index].numel() == 0) return nullptr;
  return &it->second.buf[index];
}

int64_t Optimizer::state_step(const ParamId& id) const {
  auto it = state_.find(id);
  return it == state_.end() ? 0 : it->second.step;
}

int Optimizer::first_non_finite_state(std::span<const ParamRef> params, std::string* state_name) const {
  for (size_t k = 0; k < params.size(); ++k) {
    auto it = state_.find(params[k].id);
    if (it == state_.end()) continue;
    for (size_t i = 0; i < 3; ++i) {
      if (all_finite(it->second.buf[i])) continue;
      if (state_name) {  // names only now: a step allocates nothing (tests/train/alloc_test.cpp)
        const std::vector<std::string> names = state_names();
        *state_name = i < names.size() ? names[i] : "state " + std::to_string(i);
      }
      return static_cast<int>(k);
    }
  }
  return -1;
}

void Optimizer::configure(const OptimizerConfig& c) {
  lr = c.lr;
  weight_decay = c.weight_decay;
  l1 = c.l1;
  clip_norm = c.clip_norm;
  clip_value = c.clip_value;
}

void Optimizer::step(std::span<ParamRef> params) {
  if (clip_norm > 0.0f) last_grad_norm = clip_grad_norm_(params, clip_norm);
  if (clip_value > 0.0f) clip_grad_value_(params, clip_value);
  update(params);
}


const char* optimizer_key(OptimizerKind k) {
  switch (k) {
    case OptimizerKind::SGD: return "sgd";
    case OptimizerKind::EmaMomentum: return "ema_momentum";
    case OptimizerKind::AdaGrad: return "adagrad";
    case OptimizerKind::RMSprop: return "rmsprop";
    case OptimizerKind::Adam: return "adam";
    case OptimizerKind::AdamW: return "adamw";
  }
  return "?";
}

const char* optimizer_title(OptimizerKind k) {
  switch (k) {
    case OptimizerKind::SGD: return "SGD";
    case OptimizerKind::EmaMomentum: return "EMA momentum";
    case OptimizerKind::AdaGrad: return "AdaGrad";
    case OptimizerKind::RMSprop: return "RMSprop";
    case OptimizerKind::Adam: return "Adam";
    case OptimizerKind::AdamW: return "AdamW";
  }
  return "?";
}

Result<OptimizerKind> parse_optimizer(const std::string& key) {
  for (OptimizerKind k : kOptimizerKinds)
    if (key == optimizer_key(k)) return k;
  return Error(ErrorCode::INVALID_ARGUMENT,
               "unknown optimizer '" + key + "' (expected sgd, ema_momentum, adagrad, rmsprop, adam or adamw)");
}

std::unique_ptr<Optimizer> make_optimizer(const OptimizerConfig& c) {
  std::unique_ptr<Optimizer> opt;
  switch (c.kind) {
    case OptimizerKind::SGD: opt = std::make_unique<SGD>(); break;
    case OptimizerKind::EmaMomentum: opt = std::make_unique<EmaMomentum>(); break;
    case OptimizerKind::AdaGrad: opt = std::make_unique<AdaGrad>(); break;
    case OptimizerKind::RMSprop: opt = std::make_unique<RMSprop>(); break;
    case OptimizerKind::Adam: opt = std::make_unique<Adam>(); break;
    case OptimizerKind::AdamW: opt = std::make_unique<Adam>(/*decoupled=*/true); break;
  }
  opt->configure(c);
  return opt;
}

}  // namespace nnplay::optim
