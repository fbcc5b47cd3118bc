#include "optim/optimizer.h"

#include "optim/adam.h"
#include "optim/sgd.h"

namespace nnplay::optim {

Optimizer::State& Optimizer::state_for(const ParamRef& p, int num_buffers) {
  State& s = state_[p.id];
  const Shape& shape = p.value->shape();
  if (s.a.shape() != shape || (num_buffers > 1 && s.b.shape() != shape)) {
    s.a.resize(shape);
    s.a.zero();
    if (num_buffers > 1) {
      s.b.resize(shape);
      s.b.zero();
    }
    s.step = 0;
  }
  return s;
}

const char* optimizer_key(OptimizerKind k) { return k == OptimizerKind::SGD ? "sgd" : "adam"; }

Result<OptimizerKind> parse_optimizer(const std::string& key) {
  if (key == "sgd") return OptimizerKind::SGD;
  if (key == "adam") return OptimizerKind::Adam;
  return Error(ErrorCode::INVALID_ARGUMENT, "unknown optimizer '" + key + "' (expected sgd or adam)");
}

void Optimizer::configure(const OptimizerConfig& c) {
  lr = c.lr;
  weight_decay = c.weight_decay;
}

std::unique_ptr<Optimizer> make_optimizer(const OptimizerConfig& c) {
  std::unique_ptr<Optimizer> opt;
  if (c.kind == OptimizerKind::SGD) opt = std::make_unique<SGD>();
  else opt = std::make_unique<Adam>();
  opt->configure(c);
  return opt;
}

}  // namespace nnplay::optim
