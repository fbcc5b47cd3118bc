// checkpoint.h — a trained network in one versioned file: the session's
// settings (which define the architecture), every parameter and every buffer
// (BatchNorm running statistics), so loading gives the same outputs bit for bit.
//
// Layout (little-endian):
//   bytes 0..7   "NNPLAYCK"
//   bytes 8..11  uint32 format version (1)
//   bytes 12..15 uint32 header length H
//   H bytes      JSON: {"config": {key: text, ...}, "input": [1, ...], "step": n,
//                       "tensors": [{"node": "1.linear", "name": "weight",
//                                    "kind": "param"|"buffer", "shape": [...],
//                                    "offset": bytes from the data start}]}
//   then         float32 data
// Reading checks everything (magic, version, JSON, every offset and size)
// before anything is used; errors name the file and what is wrong.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "core/status.h"
#include "nn/model.h"
#include "train/config.h"

namespace nnplay::train {

inline constexpr uint32_t kCheckpointVersion = 1;

struct SavedTensor {
  std::string node, name;
  bool buffer = false;
  Tensor value;
};

struct Checkpoint {
  std::vector<std::pair<std::string, std::string>> config;  // every config key -> text
  Shape input;
  int64_t step = 0;
  std::vector<SavedTensor> tensors;
};

/// The model file of `model` after `step` steps. `buffers`, when not empty,
/// replaces the model's own buffers (Model::buffers() order, same shapes):
/// Trainer::buffers_at_step_start() while a step is half done.
std::vector<uint8_t> write_checkpoint(const Config& config, const nn::Model& model, int64_t step,
                                      std::span<const Tensor> buffers = {});
Result<Checkpoint> read_checkpoint(std::span<const uint8_t> bytes, const std::string& file);
/// Copies the checkpoint's tensors into `model`, all or nothing: every
/// parameter and buffer of the model must be present with the same shape.
Status load_weights(const Checkpoint& ckpt, nn::Model& model);

/// What a transfer (Session::init_from) took from a model file: `taken` of
/// the network's `total` parameter and buffer tensors came from `file`; the
/// others kept their fresh initialisation.
struct Transfer {
  int taken = 0, total = 0;
  std::string file;
  bool head = true;  // false: the output layer was left fresh on purpose
  /// "6 of 8 tensors taken from pre.nnp" (+ " (the output layer left fresh)").
  std::string text() const;
};
/// Copies every tensor of the checkpoint whose node name ("3.linear"), tensor
/// name ("weight", "running_mean") and shape equal one of `model`'s
/// parameters or buffers; the rest of the model is left as it is. With
/// `head` false the output layer (the last node with parameters) is never
/// copied: a new task's classifier starts fresh even when its shape fits.
/// Returns how many it copied of how many the model has (file left empty).
Transfer copy_matching_weights(const Checkpoint& ckpt, nn::Model& model, bool head = true);
/// What copy_matching_weights would take, without copying.
Transfer count_matching_weights(const Checkpoint& ckpt, const nn::Model& model, bool head = true);

}  // namespace nnplay::train
