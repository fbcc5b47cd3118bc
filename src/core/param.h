// param.h — how layers expose trainable tensors and buffers to optimizers,
// savers and the UI, without optim/ having to include nn/.
//
// ParamId is stable across network edits: the uid of the layer that owns the
// tensor plus the tensor's PyTorch name ("weight", "bias"). Optimizer state is
// keyed by it (never by address or list position), so editing one layer keeps
// the momentum of the others.
#pragma once

#include <cstdint>
#include <string>

#include "core/tensor.h"

namespace nnplay {

struct ParamId {
  uint32_t layer_uid = 0;
  const char* name = "";  // static string literal owned by the layer type
  bool operator==(const ParamId& o) const;
};

struct ParamIdHash {
  size_t operator()(const ParamId& id) const;
};

/// A trainable tensor and its gradient (same shape).
struct ParamRef {
  ParamId id;
  Tensor* value = nullptr;
  Tensor* grad = nullptr;
  /// Multiplier of the optimizer's weight_decay: 1 for weights, 0 for biases
  /// and normalisation parameters (as in convnetjs/dlib; PyTorch users get
  /// the same by putting biases in a no-decay param group).
  float weight_decay_mul = 1.0f;
};

/// A non-trainable state tensor (BatchNorm's running_mean, ...): saved and
/// loaded, never optimised.
struct BufferRef {
  const char* name = "";
  Tensor* value = nullptr;
};

}  // namespace nnplay
