// config.h — every user setting of a session as plain data, and the ONE table
// (like TF Playground's PROPS in state.ts) that maps each setting to a key,
// a parser and a printer. The UI, the URL hash, window.nnplay.command(), the
// CLI flags and the tests all go through it.
//
// Keys (value forms):
//   dataset       circle|xor|gauss|spiral|moons|mnist|fashion_mnist
//   noise         0..0.5 (generated sets)     samples       20..5000 (generated sets)
//   seq_len       2..200 (memory task)
//   val_fraction  0.05..0.9                   train_limit   0 = all, else cap on training samples
//   model         mlp | custom | a zoo network, e.g. resnet(depth=20,skip=0) (nn/zoo.h)
//   layers        hidden layers of the mlp: "128:relu,64:relu" (width:activation; "" = none)
//   network       the custom network's text (nn/model_spec.h), e.g. "Conv2d(out_channels=8,kernel_size=3); ReLU; Flatten; Linear(out_features=classes)"
//   loss          cross_entropy|mse
//   init          default|xavier_uniform|xavier_normal|kaiming_uniform|kaiming_normal|zeros|constant|normal|uniform
//   init_scale    value/std/bound of constant/normal/uniform (0.01: the lecture's small random init)
//   optimizer     sgd|ema_momentum|adagrad|rmsprop|adam|adamw     lr  learning rate > 0
//   schedule      "" (constant) or e.g. StepLR(step_size=500,gamma=0.5) (optim/lr_scheduler.h)
//   momentum, dampening, nesterov, beta1, beta2, eps, rho, centered, lr_decay,
//   initial_accumulator_value   optimizer hyperparameters (optim/optimizer.h)
//   weight_decay, l1            L2 / L1 penalties on weights (not biases)
//   clip_norm, clip_value       gradient clipping (0 = off)
//   batch_size    1..4096       seed   integer >= 0
//   hflip, crop_padding, rotate, input_noise   augmentation of image training batches (data/augment.h)
// `nnplay-train --help` prints the table with each key's range and default.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "core/status.h"
#include "data/augment.h"
#include "data/catalog.h"
#include "loss/loss.h"
#include "nn/init.h"
#include "nn/model_spec.h"
#include "optim/optimizer.h"

namespace nnplay::train {

struct Config {
  std::string dataset = "circle";
  float noise = 0.0f;
  int samples = 500;   // generated sets: points, sequences, segmentation images
  int seq_len = 30;    // memory task: symbols per sequence
  float val_fraction = 0.5f;
  int train_limit = 0;
  std::string model = "mlp";  // "mlp" (uses layers), "custom" (uses network) or a zoo entry (nn/zoo.h)
  std::vector<nn::HiddenLayer> layers = {{8, nn::Activation::Tanh}, {8, nn::Activation::Tanh}};
  std::string network;        // nn::parse_model_spec text, for model=custom
  loss::LossKind loss = loss::LossKind::CrossEntropy;
  nn::InitScheme init = nn::InitScheme::XavierUniform;
  float init_scale = 0.01f;  // value / std / bound of the constant, normal, uniform inits
  optim::OptimizerConfig optimizer;
  std::string schedule;  // "" = constant
  int batch_size = 10;
  uint64_t seed = 1;
  data::AugmentConfig augment;  // image training batches only
};

struct ConfigField {
  const char* key;
  const char* help;
  Status (*set)(Config&, const std::string&);
  std::string (*get)(const Config&);
};

/// The table, in display order.
std::span<const ConfigField> config_fields();
const ConfigField* find_field(const std::string& key);
/// Parses `value` into `cfg.key`; errors name the key, the value and the range.
Status set_config_value(Config& cfg, const std::string& key, const std::string& value);

/// Settings that suit a dataset family: switching family (2D points, images,
/// sequences, segmentation) swaps network, optimizer, batch size, learning
/// rate, split and sample count to these.
void apply_family_defaults(Config& cfg, data::Family family);

}  // namespace nnplay::train
