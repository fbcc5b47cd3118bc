// clip.h — gradient clipping, torch.nn.utils semantics, applied by the
// trainer after backward and before the optimizer step.
//
//   clip_grad_norm_:  n = ‖(all grads concatenated)‖₂; if n > max_norm,
//                     every grad ← grad · max_norm / (n + 1e-6)
//   clip_grad_value_: every grad element clamped to [−clip_value, clip_value]
#pragma once

#include <span>

#include "core/param.h"

namespace nnplay::optim {

/// Returns the total L2 norm of the gradients before clipping.
double clip_grad_norm_(std::span<ParamRef> params, double max_norm);
void clip_grad_value_(std::span<ParamRef> params, float clip_value);

}  // namespace nnplay::optim
