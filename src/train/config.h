// config.h — every user setting of a session as plain data, and the ONE table
// (like TF Playground's PROPS in state.ts) that gives each setting its key,
// label, help, type, range and choices, and reads and writes it. The app's
// widgets, the URL hash, window.nnplay.command(), nnplay-train's flags and
// --help, and the tests all go through it, so a range is written once.
//
// Keys (`nnplay-train --help` prints each with its range and default):
//   data       dataset function noise samples seq_len val_fraction train_limit
//              classes (train and validate on some classes only: "0-4")
//              points (points added to and removed from a 2D set: data/point_edits.h)
//   network    model (mlp, custom or a zoo network, nn/zoo.h) layers (the mlp's
//              hidden layers, "128:relu,64:relu") network (the custom network's
//              text, nn/model_spec.h) loss init init_scale
//   optimizer  optimizer lr schedule (optim/lr_scheduler.h) momentum dampening
//              nesterov beta1 beta2 eps rho centered lr_decay
//              initial_accumulator_value weight_decay l1 clip_norm clip_value
//   batches    batch_size seed speed; augmentation of image batches: hflip
//              crop_padding rotate input_noise (data/augment.h)
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
  std::string function = "sin";  // the regression set's f(x): data/function1d.h (sin, step, abs, sawtooth)
  float noise = 0.0f;
  int samples = 500;   // generated sets: points, sequences, segmentation images
  int seq_len = 30;    // memory task: symbols per sequence
  float val_fraction = 0.5f;
  int train_limit = 0;
  std::string classes;  // "" = every class; else the classes kept, "0-4" or "1,3,5" (class_list)
  std::string points;   // clicks on a generated 2D set: data/point_edits.h ("1.5,-2,1;r17"), canonical form
  std::string model = "mlp";  // "mlp" (uses layers), "custom" (uses network) or a zoo entry (nn/zoo.h)
  std::vector<nn::HiddenLayer> layers = {{8, nn::Activation::Tanh}, {8, nn::Activation::Tanh}};
  std::string network;        // nn::parse_model_spec text, for model=custom
  std::string features = "x1,x2";  // the mlp's inputs on 2D points (nn/input_features.h): TF Playground's switches
  loss::LossKind loss = loss::LossKind::CrossEntropy;
  nn::InitScheme init = nn::InitScheme::XavierUniform;
  float init_scale = 0.01f;  // value / std / bound of the constant, normal, uniform inits
  optim::OptimizerConfig optimizer;
  std::string schedule;  // "" = constant
  int batch_size = 10;
  int speed = 0;  // steps per second while training; 0 = as fast as possible
  uint64_t seed = 1;
  data::AugmentConfig augment;  // image training batches only
};

/// What kind of value a setting holds (and so which widget edits it).
enum class FieldType {
  Choice,  // one of choices() (dataset, optimizer, loss, init)
  Int,     // an integer in [lo, hi]
  Float,   // a number in [lo, hi] (or (lo, hi] when lo_open)
  Bool,    // 0 or 1 ("true"/"false" too)
  Text,    // free text checked by its own parser (model, network, layers, schedule)
};

/// A value of a Choice setting and how a menu shows it.
struct Choice {
  std::string key;    // "adam"
  std::string title;  // "Adam"
};

/// One setting: its key, how the app labels and explains it, its type and
/// range, and how to read and write it. The range is written here once: the
/// parser, the URL, the CLI's --help and the app's widgets all take it from here.
struct ConfigField {
  const char* key;    // "lr"
  const char* label;  // "Learning rate" (the app's label)
  const char* help;   // what it does, without the range (range_text() adds it)
  FieldType type = FieldType::Text;
  double lo = 0, hi = 0;       // Int, Float: the valid range
  bool lo_open = false;        // Float: lo itself is not allowed (lr > 0)
  double typ_lo = 0, typ_hi = 0;  // the part of the range a student explores (the app's sliders)
  bool log = false;            // values spread over decades (lr, weight_decay): log sliders, ×/÷ steps
  // Int, Float, Bool: where the value lives.
  double (*load)(const Config&) = nullptr;
  void (*store)(Config&, double) = nullptr;
  // Choice, Text: the value's own parser and printer.
  Status (*parse)(Config&, const std::string&) = nullptr;
  std::string (*print)(const Config&) = nullptr;
  std::vector<Choice> (*choices)() = nullptr;  // Choice: every value, in menu order

  /// Parses `value` into cfg (INVALID_ARGUMENT naming the key, the value and the range).
  Status set(Config& cfg, const std::string& value) const;
  /// The value as text ("0.03", "1", "adam").
  std::string get(const Config& cfg) const;
  /// The value as a number (Int, Float, Bool; 0 otherwise).
  double number(const Config& cfg) const { return load ? load(cfg) : 0.0; }
  /// "a number > 0 and <= 10", "an integer from 1 to 4096", "0 or 1", "one of sgd, adam, ...".
  std::string range_text() const;
  /// True when v is a valid value (Int, Float: in range; integral for Int).
  bool in_range(double v) const;
};

/// The table, in display order.
std::span<const ConfigField> config_fields();
const ConfigField* find_field(const std::string& key);
/// Keys a link may hold that the web page reads itself and the engine passes
/// over: parent_origin (web/nnplay-api.js: the origins allowed to drive an
/// embedded app), hide and lock (ui/restrictions.h: what an exercise hides
/// or fixes), and a challenge's keys (challenge.h: goal, max_params, ...). A
/// link keeps them; they are no setting, so a command or set_config_value
/// refuses them as unknown.
bool is_page_key(const std::string& key);
/// Parses `value` into `cfg.key`; errors name the key, the value and the range.
Status set_config_value(Config& cfg, const std::string& key, const std::string& value);
/// The `classes` setting's class indices, ascending and distinct: "" -> {}
/// (every class), "0-4" -> {0..4}, "1,3,5-6" -> {1,3,5,6}. INVALID_ARGUMENT
/// for other text or an index outside 0..999.
Result<std::vector<int>> class_list(const std::string& text);
/// A number as a setting's text: the shortest form that keeps a float32's value ("0.03", "1e-08").
std::string number_text(double v);

/// Settings that suit a dataset family: switching family (2D points, images,
/// sequences, segmentation, 1D functions) swaps network, optimizer, batch
/// size, learning rate, split, sample count and loss (mse for the regression
/// family, cross_entropy for the others) to these.
void apply_family_defaults(Config& cfg, data::Family family);

}  // namespace nnplay::train
