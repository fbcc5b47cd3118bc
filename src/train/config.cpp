#include "train/config.h"

#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstdlib>

#include "core/args.h"
#include "nn/input_features.h"
#include "data/catalog.h"
#include "data/function1d.h"
#include "data/point_edits.h"
#include "nn/zoo.h"
#include "train/challenge.h"
#include "optim/lr_scheduler.h"

namespace nnplay::train {
namespace {

// The clips' default network (data/clips.h, (N, 1, 8, 16, 16)): 3D filters see
// 3 frames, global average pooling over time and space, one logit per direction.
constexpr const char* kClipsNetwork =
    "Conv3d(out_channels=8,kernel_size=3,padding=1); ReLU; Flatten(start_dim=1,end_dim=2); "
    "AdaptiveAvgPool2d(output_size=1); Flatten; Linear(out_features=classes)";

Status bad(const char* key, const std::string& value, const std::string& expected) {
  return Error(ErrorCode::INVALID_ARGUMENT, std::string(key) + "='" + value + "': expected " + expected);
}

// Where a numeric setting lives: NNP_NUM(optimizer.lr) gives its load and store.
#define NNP_NUM(member)                                                        \
  .load = [](const Config& c) { return static_cast<double>(c.member); },       \
  .store = [](Config& c, double v) { c.member = static_cast<decltype(c.member)>(v); }
#define NNP_BOOL(member)                                                       \
  .load = [](const Config& c) { return c.member ? 1.0 : 0.0; },                \
  .store = [](Config& c, double v) { c.member = v != 0.0; }

std::vector<Choice> dataset_choices() {
  std::vector<Choice> out;
  for (const data::DatasetInfo& d : data::dataset_catalog()) out.push_back({d.key, d.title});
  return out;
}
std::vector<Choice> function_choices() {
  std::vector<Choice> out;
  for (data::Function1D f : data::kFunctions1D) out.push_back({data::function1d_key(f), data::function1d_title(f)});
  return out;
}
std::vector<Choice> optimizer_choices() {
  std::vector<Choice> out;
  for (optim::OptimizerKind k : optim::kOptimizerKinds) out.push_back({optim::optimizer_key(k), optim::optimizer_title(k)});
  return out;
}
std::vector<Choice> loss_choices() {
  return {{loss::loss_key(loss::LossKind::CrossEntropy), "cross-entropy"}, {loss::loss_key(loss::LossKind::MSE), "MSE"}};
}
std::vector<Choice> init_choices() {
  std::vector<Choice> out;
  for (nn::InitScheme k : nn::kInitSchemes) out.push_back({nn::init_key(k), nn::init_key(k)});
  return out;
}

// One class index of the `classes` setting (0..999).
bool class_index(const std::string& t, int* out) {
  if (t.empty() || t.size() > 3 || t.find_first_not_of("0123456789") != std::string::npos) return false;
  *out = std::atoi(t.c_str());
  return true;
}

using F = FieldType;

const ConfigField kFields[] = {
    // ------------------------------------------------------------------ data
    {.key = "dataset", .label = "Dataset",
     .help = "2D points (circle, xor, gauss, spiral, moons; regression: plane, multi_gaussian), images (mnist, "
             "fashion_mnist), sequences (memory, recall), segmentation (shapes), clips (moving_dots) or a 1D function "
             "to fit (function: regression)",
     .type = F::Choice,
     .parse = [](Config& c, const std::string& v) -> Status {
       if (!data::find_dataset(v)) return bad("dataset", v, "one of " + data::dataset_keys());
       c.dataset = v;
       return Status::Ok();
     },
     .print = [](const Config& c) { return c.dataset; }, .choices = dataset_choices},
    {.key = "function", .label = "Function",
     .help = "the function the regression set (dataset function) samples on [-1, 1]: sin(2πx), a step at 0, "
             "2|x| − 1 or a sawtooth",
     .type = F::Choice,
     .parse = [](Config& c, const std::string& v) -> Status {
       auto r = data::parse_function1d(v);
       if (!r.ok()) return r.status();
       c.function = v;
       return Status::Ok();
     },
     .print = [](const Config& c) { return c.function; }, .choices = function_choices},
    {.key = "noise", .label = "Noise",
     .help = "noise of the generated sets: labels of points and sequences, pixels of shapes and clips, the standard "
             "deviation of gaussian noise on a function's targets",
     .type = F::Float,
     .lo = 0, .hi = 0.5, NNP_NUM(noise)},
    {.key = "samples", .label = "Samples", .help = "samples of the generated sets (points, sequences, shapes, clips)",
     .type = F::Int, .lo = 20, .hi = 5000, .log = true, NNP_NUM(samples)},
    {.key = "seq_len", .label = "Sequence length", .help = "steps per sequence of the memory and recall tasks",
     .type = F::Int, .lo = 2, .hi = 200, .log = true, NNP_NUM(seq_len)},
    {.key = "val_fraction", .label = "Validation", .help = "share of the data held out for validation",
     .type = F::Float, .lo = 0.05, .hi = 0.9, NNP_NUM(val_fraction)},
    {.key = "train_limit", .label = "Training limit", .help = "use at most this many training samples (0 = all)",
     .type = F::Int, .lo = 0, .hi = 1000000, .typ_lo = 0, .typ_hi = 60000, NNP_NUM(train_limit)},
    {.key = "classes", .label = "Classes",
     .help = "train and validate on these classes only, e.g. 0-4 or 1,3,5 (empty = all); the network keeps one "
             "output per class of the dataset",
     .type = F::Text,
     .parse = [](Config& c, const std::string& v) -> Status {
       auto r = class_list(v);
       if (!r.ok()) return r.status();
       c.classes = v;
       return Status::Ok();
     },
     .print = [](const Config& c) { return c.classes; }},
    {.key = "points", .label = "Edited points",
     .help = "points clicked onto a generated 2D set, x1,x2,class each, and generated samples taken away, rN, "
             "separated by ';' (e.g. 1.5,-2,1;r17); added points train; a new set (dataset, noise, samples, seed) "
             "starts without edits",
     .type = F::Text,
     .parse = [](Config& c, const std::string& v) -> Status {
       auto e = data::parse_point_edits(v);
       if (!e.ok()) return e.status();
       c.points = data::format_point_edits(e.value());
       return Status::Ok();
     },
     .print = [](const Config& c) { return c.points; }},
    // --------------------------------------------------------------- network
    {.key = "model", .label = "Model",
     .help = "mlp (hidden layers from 'layers'), custom (from 'network') or a zoo network: lenet5, alexnet, vgg, "
             "resnet(depth=20,skip=1,bn=1), wrn, densenet, mobilenet, mobilenetv2, unet, fcn, rnn, lstm",
     .type = F::Text,
     .parse = [](Config& c, const std::string& v) -> Status {
       if (v != "mlp" && v != "custom") {
         auto call = parse_call(v);
         if (!call.ok()) return Error(ErrorCode::INVALID_ARGUMENT, "model='" + v + "': " + call.status().message());
         bool known = false;
         for (const nn::ZooEntry& e : nn::zoo_entries()) known = known || call.value().first == e.name;
         if (!known) return bad("model", v, "mlp, custom or a zoo network (" + nn::zoo_names() + ")");
       }
       c.model = v;
       return Status::Ok();
     },
     .print = [](const Config& c) { return c.model; }},
    {.key = "network", .label = "Network",
     .help = "the custom network, one layer per ';', e.g. Conv2d(out_channels=8,kernel_size=3); ReLU; Flatten; "
             "Linear(out_features=classes)",
     .type = F::Text,
     .parse = [](Config& c, const std::string& v) -> Status {
       if (!v.empty()) {
         auto spec = nn::parse_model_spec(v, 10);
         if (!spec.ok()) return Error(ErrorCode::INVALID_ARGUMENT, "network: " + spec.status().message());
       }
       c.network = v;
       return Status::Ok();
     },
     .print = [](const Config& c) { return c.network; }},
    {.key = "layers", .label = "Hidden layers",
     .help = "hidden layers of the mlp as width:activation, comma separated, e.g. 128:relu,64:relu", .type = F::Text,
     .parse = [](Config& c, const std::string& v) -> Status {
       auto r = nn::parse_hidden_layers(v);
       if (!r.ok()) return Error(ErrorCode::INVALID_ARGUMENT, "layers='" + v + "': " + r.status().message());
       c.layers = r.take();
       return Status::Ok();
     },
     .print = [](const Config& c) { return nn::format_hidden_layers(c.layers); }},
    {.key = "features", .label = "Input features",
     .help = "what the mlp reads of a 2D point, TF Playground's inputs: any of x1, x2, x1sq (x1²), x2sq, x1x2, sinx1, "
             "sinx2, comma separated (a linear model on x1sq,x2sq separates the circle)",
     .type = F::Text,
     .parse = [](Config& c, const std::string& v) -> Status {
       auto r = nn::parse_input_features(v);
       if (!r.ok()) return r.status();
       c.features = nn::format_input_features(r.value());
       return Status::Ok();
     },
     .print = [](const Config& c) { return c.features; }},
    {.key = "loss", .label = "Loss", .help = "cross-entropy (softmax, or a sigmoid for two classes, from logits) or MSE",
     .type = F::Choice,
     .parse = [](Config& c, const std::string& v) -> Status {
       auto r = loss::parse_loss(v);
       if (!r.ok()) return r.status();
       c.loss = r.value();
       return Status::Ok();
     },
     .print = [](const Config& c) { return std::string(loss::loss_key(c.loss)); }, .choices = loss_choices},
    {.key = "init", .label = "Init",
     .help = "weight initialisation: PyTorch's default, Xavier (Glorot), Kaiming (He), all zeros, a constant, a small "
             "normal or uniform",
     .type = F::Choice,
     .parse = [](Config& c, const std::string& v) -> Status {
       auto r = nn::parse_init(v);
       if (!r.ok()) return r.status();
       c.init = r.value();
       return Status::Ok();
     },
     .print = [](const Config& c) { return std::string(nn::init_key(c.init)); }, .choices = init_choices},
    {.key = "init_scale", .label = "Init scale",
     .help = "value, std or bound of the constant, normal and uniform inits (0.01: the lecture's small random init)",
     .type = F::Float, .lo = 0, .hi = 10, .typ_lo = 1e-4, .typ_hi = 1, .log = true, NNP_NUM(init_scale)},
    // ------------------------------------------------------------- optimizer
    {.key = "optimizer", .label = "Optimizer",
     .help = "SGD, the lecture's EMA momentum, AdaGrad, RMSprop, Adam or AdamW", .type = F::Choice,
     .parse = [](Config& c, const std::string& v) -> Status {
       auto r = optim::parse_optimizer(v);
       if (!r.ok()) return r.status();
       c.optimizer.kind = r.value();
       return Status::Ok();
     },
     .print = [](const Config& c) { return std::string(optim::optimizer_key(c.optimizer.kind)); },
     .choices = optimizer_choices},
    {.key = "lr", .label = "Learning rate",
     .help = "step size η; too large a rate makes the loss jump around or diverge", .type = F::Float, .lo = 0,
     .hi = 10, .lo_open = true, .typ_lo = 1e-5, .typ_hi = 10, .log = true, NNP_NUM(optimizer.lr)},
    {.key = "schedule", .label = "LR schedule",
     .help = "learning-rate schedule, e.g. StepLR(step_size=500,gamma=0.5); empty = constant", .type = F::Text,
     .parse = [](Config& c, const std::string& v) -> Status {
       auto r = optim::make_scheduler(v);
       if (!r.ok()) return Error(r.status().code(), "schedule='" + v + "': " + r.status().message());
       c.schedule = v == "Constant" ? "" : v;
       return Status::Ok();
     },
     .print = [](const Config& c) { return c.schedule; }},
    {.key = "momentum", .label = "Momentum",
     .help = "momentum μ (sgd, rmsprop) or the lecture's λ (ema_momentum: v ← λv − (1−λ)g)", .type = F::Float,
     .lo = 0, .hi = 0.999, .typ_hi = 0.99, NNP_NUM(optimizer.momentum)},
    {.key = "dampening", .label = "Dampening", .help = "SGD momentum dampening", .type = F::Float, .lo = 0, .hi = 1,
     NNP_NUM(optimizer.dampening)},
    {.key = "nesterov", .label = "Nesterov", .help = "SGD with Nesterov momentum (a look-ahead gradient)",
     .type = F::Bool, NNP_BOOL(optimizer.nesterov)},
    {.key = "beta1", .label = "β₁", .help = "Adam's first-moment decay (the lecture's ρ₁)", .type = F::Float, .lo = 0,
     .hi = 0.9999, .typ_hi = 0.999, NNP_NUM(optimizer.beta1)},
    {.key = "beta2", .label = "β₂", .help = "Adam's second-moment decay (the lecture's ρ₂)", .type = F::Float,
     .lo = 0, .hi = 0.9999, .typ_lo = 0.9, NNP_NUM(optimizer.beta2)},
    {.key = "eps", .label = "ε",
     .help = "added to √r before dividing (the lecture's δ): adam, adamw, rmsprop, adagrad", .type = F::Float,
     .lo = 0, .hi = 1, .lo_open = true, .typ_lo = 1e-10, .typ_hi = 1e-2, .log = true, NNP_NUM(optimizer.eps)},
    {.key = "rho", .label = "ρ", .help = "RMSprop's decay of the squared-gradient average (torch's alpha)",
     .type = F::Float, .lo = 0, .hi = 0.9999, .typ_lo = 0.5, NNP_NUM(optimizer.rho)},
    {.key = "centered", .label = "Centered", .help = "RMSprop's centered variant (divides by the gradient's variance)",
     .type = F::Bool, NNP_BOOL(optimizer.centered)},
    {.key = "lr_decay", .label = "LR decay", .help = "AdaGrad's learning-rate decay", .type = F::Float, .lo = 0,
     .hi = 1, .typ_lo = 1e-6, .typ_hi = 1e-1, .log = true, NNP_NUM(optimizer.lr_decay)},
    {.key = "initial_accumulator_value", .label = "Initial accumulator",
     .help = "AdaGrad's initial sum of squared gradients", .type = F::Float, .lo = 0, .hi = 10, .typ_lo = 1e-3,
     .typ_hi = 1, .log = true, NNP_NUM(optimizer.initial_accumulator_value)},
    {.key = "weight_decay", .label = "Weight decay",
     .help = "L2 penalty on weights, not biases (decoupled for adamw)", .type = F::Float, .lo = 0, .hi = 1,
     .typ_lo = 1e-5, .typ_hi = 1e-1, .log = true, NNP_NUM(optimizer.weight_decay)},
    {.key = "l1", .label = "L1", .help = "L1 penalty on weights, not biases (drives weights to exactly 0)",
     .type = F::Float, .lo = 0, .hi = 1, .typ_lo = 1e-5, .typ_hi = 1e-1, .log = true, NNP_NUM(optimizer.l1)},
    {.key = "clip_norm", .label = "Clip norm", .help = "clip the global gradient norm to this (0 = off)",
     .type = F::Float, .lo = 0, .hi = 1e6, .typ_lo = 1e-2, .typ_hi = 100, .log = true, NNP_NUM(optimizer.clip_norm)},
    {.key = "clip_value", .label = "Clip value", .help = "clip every gradient element to ± this (0 = off)",
     .type = F::Float, .lo = 0, .hi = 1e6, .typ_lo = 1e-3, .typ_hi = 10, .log = true, NNP_NUM(optimizer.clip_value)},
    // --------------------------------------------------------------- batches
    {.key = "batch_size", .label = "Batch size", .help = "samples per step: 1 = SGD, the whole set = GD",
     .type = F::Int, .lo = 1, .hi = 4096, .typ_hi = 1024, .log = true, NNP_NUM(batch_size)},
    {.key = "speed", .label = "Speed",
     .help = "steps per second while training, to watch a run step by step (0 = as fast as possible)",
     .type = F::Int, .lo = 0, .hi = 100000, .typ_lo = 0, .typ_hi = 1000, .log = true, NNP_NUM(speed)},
    {.key = "hflip", .label = "Horizontal flip",
     .help = "augment image batches with random horizontal flips (not for digits or letters: a mirrored digit is not a digit, the lecture's 6/9 and b/d)", .type = F::Bool,
     NNP_BOOL(augment.hflip)},
    {.key = "crop_padding", .label = "Crop padding",
     .help = "augment image batches with random crops of the image padded by this many pixels", .type = F::Int,
     .lo = 0, .hi = 8, NNP_NUM(augment.crop_padding)},
    {.key = "rotate", .label = "Rotation", .help = "augment image batches with random rotations up to ± this many degrees",
     .type = F::Float, .lo = 0, .hi = 45, NNP_NUM(augment.rotate_degrees)},
    {.key = "input_noise", .label = "Input noise",
     .help = "augment image batches with gaussian noise of this standard deviation on the pixels", .type = F::Float,
     .lo = 0, .hi = 1, .typ_hi = 0.5, NNP_NUM(augment.noise_std)},
    {.key = "seed", .label = "Seed", .help = "random seed of the data, the initial weights and the batch order",
     .type = F::Int, .lo = 0, .hi = 2147483647.0, .typ_hi = 100, NNP_NUM(seed)},
};

#undef NNP_NUM
#undef NNP_BOOL

}  // namespace

std::string number_text(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.7g", v);
  return buf;
}

bool ConfigField::in_range(double v) const {
  if (!std::isfinite(v) || v > hi || (lo_open ? v <= lo : v < lo)) return false;
  return type != FieldType::Int || v == std::floor(v);
}

std::string ConfigField::range_text() const {
  switch (type) {
    case FieldType::Int: return "an integer from " + number_text(lo) + " to " + number_text(hi);
    case FieldType::Float:
      return std::string("a number ") + (lo_open ? "> " : ">= ") + number_text(lo) + " and <= " + number_text(hi);
    case FieldType::Bool: return "0 or 1 (false or true)";
    case FieldType::Choice: {
      std::string s;
      for (const Choice& c : choices()) s += (s.empty() ? "" : ", ") + c.key;
      return "one of " + s;
    }
    case FieldType::Text: return "text";
  }
  return "";
}

Status ConfigField::set(Config& cfg, const std::string& value) const {
  switch (type) {
    case FieldType::Choice:
    case FieldType::Text: return parse(cfg, value);
    case FieldType::Bool:
      if (value == "1" || value == "true") store(cfg, 1);
      else if (value == "0" || value == "false") store(cfg, 0);
      else return bad(key, value, range_text());
      return Status::Ok();
    case FieldType::Int:
    case FieldType::Float: {
      double v = 0;
      if (!parse_number(value, &v) || !in_range(v)) return bad(key, value, range_text());
      store(cfg, v);
      return Status::Ok();
    }
  }
  return Status::Ok();
}

std::string ConfigField::get(const Config& cfg) const {
  switch (type) {
    case FieldType::Choice:
    case FieldType::Text: return print(cfg);
    case FieldType::Bool: return load(cfg) != 0.0 ? "1" : "0";
    case FieldType::Int: return std::to_string(static_cast<long long>(load(cfg)));
    case FieldType::Float: {
      char buf[32];  // 6 digits: "0.03", not float32's 0.0299999993
      std::snprintf(buf, sizeof buf, "%.6g", load(cfg));
      return buf;
    }
  }
  return "";
}

std::span<const ConfigField> config_fields() { return kFields; }

const ConfigField* find_field(const std::string& key) {
  for (const ConfigField& f : kFields)
    if (key == f.key) return &f;
  return nullptr;
}

bool is_page_key(const std::string& key) {
  return key == "parent_origin" || key == "hide" || key == "lock" || is_challenge_key(key);
}

Status set_config_value(Config& cfg, const std::string& key, const std::string& value) {
  const ConfigField* f = find_field(key);
  if (!f) {
    std::string keys;
    for (const ConfigField& k : kFields) keys += (keys.empty() ? "" : ", ") + std::string(k.key);
    return Error(ErrorCode::INVALID_ARGUMENT, "unknown setting '" + key + "' (known: " + keys + ")");
  }
  return f->set(cfg, value);
}

void apply_family_defaults(Config& cfg, data::Family family) {
  using data::Family;
  cfg.optimizer.kind = optim::OptimizerKind::SGD;
  cfg.init = nn::InitScheme::KaimingUniform;
  cfg.loss = loss::LossKind::CrossEntropy;  // classes; the regression family below fits values with mse
  switch (family) {
    case Family::Points:
      cfg.model = "mlp";  // the zoo's networks need images or sequences
      cfg.layers = {{8, nn::Activation::Tanh}, {8, nn::Activation::Tanh}};
      cfg.batch_size = 10;
      cfg.optimizer.lr = 0.03f;
      cfg.val_fraction = 0.5f;
      cfg.samples = 500;
      cfg.init = nn::InitScheme::XavierUniform;
      break;
    case Family::Images:
      cfg.model = "mlp";
      cfg.layers = {{128, nn::Activation::ReLU}, {64, nn::Activation::ReLU}};
      cfg.batch_size = 64;
      cfg.optimizer.lr = 0.1f;
      cfg.val_fraction = 0.1f;
      break;
    case Family::Sequences:
      cfg.model = "lstm(hidden=32)";
      cfg.batch_size = 32;
      cfg.optimizer.kind = optim::OptimizerKind::Adam;
      cfg.optimizer.lr = 0.01f;
      cfg.val_fraction = 0.2f;
      cfg.samples = 2000;
      cfg.init = nn::InitScheme::PyTorchDefault;
      break;
    case Family::Segmentation:
      cfg.model = "unet(base=8)";
      cfg.batch_size = 16;
      cfg.optimizer.kind = optim::OptimizerKind::Adam;
      cfg.optimizer.lr = 0.01f;
      cfg.val_fraction = 0.2f;
      cfg.samples = 1000;
      break;
    case Family::Functions:
      cfg.model = "mlp";
      cfg.layers = {{16, nn::Activation::Tanh}};  // one hidden layer: universal approximation
      cfg.loss = loss::LossKind::MSE;
      cfg.batch_size = 16;
      cfg.optimizer.kind = optim::OptimizerKind::Adam;
      cfg.optimizer.lr = 0.01f;
      cfg.val_fraction = 0.2f;
      cfg.samples = 500;
      cfg.init = nn::InitScheme::XavierUniform;
      break;
    case Family::Clips:  // a small 3D CNN: the direction of motion is only in time
      cfg.model = "custom";
      cfg.network = kClipsNetwork;
      cfg.batch_size = 32;
      cfg.optimizer.kind = optim::OptimizerKind::Adam;
      cfg.optimizer.lr = 0.01f;
      cfg.val_fraction = 0.2f;
      cfg.samples = 2000;
      break;
  }
}

Result<std::vector<int>> class_list(const std::string& text) {
  std::vector<bool> on(1000, false);
  for (size_t pos = 0; !text.empty() && pos <= text.size();) {
    size_t end = text.find(',', pos);
    if (end == std::string::npos) end = text.size();
    const std::string item = text.substr(pos, end - pos);
    const size_t dash = item.find('-');
    int lo = 0, hi = 0;
    const bool ok = dash == std::string::npos ? class_index(item, &lo) && class_index(item, &hi)
                                              : class_index(item.substr(0, dash), &lo) &&
                                                    class_index(item.substr(dash + 1), &hi) && lo <= hi;
    if (!ok) return bad("classes", text, "class indices and ranges, comma separated, e.g. 0-4 or 1,3,5 (empty = all)");
    for (int k = lo; k <= hi; ++k) on[static_cast<size_t>(k)] = true;
    pos = end + 1;
  }
  std::vector<int> out;
  for (int k = 0; k < 1000; ++k)
    if (on[static_cast<size_t>(k)]) out.push_back(k);
  return out;
}

}  // namespace nnplay::train
