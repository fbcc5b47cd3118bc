#include "train/config.h"

#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstdlib>

#include "core/args.h"
#include "data/catalog.h"
#include "nn/zoo.h"
#include "optim/lr_scheduler.h"

namespace nnplay::train {
namespace {

Status bad(const char* key, const std::string& value, const std::string& expected) {
  return Error(ErrorCode::INVALID_ARGUMENT, std::string(key) + "='" + value + "': expected " + expected);
}


Status set_float(const char* key, const std::string& s, float* dst, double lo, double hi, bool lo_open = false) {
  double v = 0;
  char range[96];
  std::snprintf(range, sizeof range, "a number %s %g and <= %g", lo_open ? ">" : ">=", lo, hi);
  if (!parse_number(s, &v) || v > hi || (lo_open ? v <= lo : v < lo)) return bad(key, s, range);
  *dst = static_cast<float>(v);
  return Status::Ok();
}

Status set_int(const char* key, const std::string& s, int* dst, long lo, long hi) {
  double v = 0;
  if (!parse_number(s, &v) || v != std::floor(v) || v < static_cast<double>(lo) || v > static_cast<double>(hi))
    return bad(key, s, "an integer from " + std::to_string(lo) + " to " + std::to_string(hi));
  *dst = static_cast<int>(v);
  return Status::Ok();
}

Status set_bool(const char* key, const std::string& v, bool* dst) {
  if (v == "1" || v == "true") *dst = true;
  else if (v == "0" || v == "false") *dst = false;
  else return bad(key, v, "0 or 1");
  return Status::Ok();
}

std::string fmt(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.6g", v);
  return buf;
}

const ConfigField kFields[] = {
    {"dataset", "circle, xor, gauss, spiral, moons, mnist, fashion_mnist, memory (sequences) or shapes (segmentation)",
     [](Config& c, const std::string& v) -> Status {
       if (!data::find_dataset(v)) return bad("dataset", v, "one of " + data::dataset_keys());
       c.dataset = v;
       return Status::Ok();
     },
     [](const Config& c) { return c.dataset; }},
    {"noise", "noise of the generated sets (labels of points and sequences, pixels of shapes), 0 to 0.5",
     [](Config& c, const std::string& v) { return set_float("noise", v, &c.noise, 0.0, 0.5); },
     [](const Config& c) { return fmt(c.noise); }},
    {"samples", "number of samples of the generated sets (points, sequences, shapes), 20 to 5000",
     [](Config& c, const std::string& v) { return set_int("samples", v, &c.samples, 20, 5000); },
     [](const Config& c) { return std::to_string(c.samples); }},
    {"seq_len", "symbols per sequence of the memory task, 2 to 200",
     [](Config& c, const std::string& v) { return set_int("seq_len", v, &c.seq_len, 2, 200); },
     [](const Config& c) { return std::to_string(c.seq_len); }},
    {"val_fraction", "share of the data held out for validation, 0.05 to 0.9",
     [](Config& c, const std::string& v) { return set_float("val_fraction", v, &c.val_fraction, 0.05, 0.9); },
     [](const Config& c) { return fmt(c.val_fraction); }},
    {"train_limit", "use at most this many training samples (0 = all)",
     [](Config& c, const std::string& v) { return set_int("train_limit", v, &c.train_limit, 0, 1000000); },
     [](const Config& c) { return std::to_string(c.train_limit); }},
    {"model", "mlp (hidden layers from 'layers'), custom (from 'network') or a zoo network: lenet5, alexnet, vgg, resnet(depth=20,skip=1,bn=1), wrn, densenet, mobilenet, mobilenetv2, unet, fcn, rnn, lstm",
     [](Config& c, const std::string& v) -> Status {
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
     [](const Config& c) { return c.model; }},
    {"network", "the custom network, e.g. Conv2d(out_channels=8,kernel_size=3); ReLU; Flatten; Linear(out_features=classes)",
     [](Config& c, const std::string& v) -> Status {
       if (!v.empty()) {
         auto spec = nn::parse_model_spec(v, 10);
         if (!spec.ok()) return Error(ErrorCode::INVALID_ARGUMENT, "network: " + spec.status().message());
       }
       c.network = v;
       return Status::Ok();
     },
     [](const Config& c) { return c.network; }},
    {"layers", "hidden layers as width:activation, comma separated, e.g. 128:relu,64:relu",
     [](Config& c, const std::string& v) -> Status {
       auto r = nn::parse_hidden_layers(v);
       if (!r.ok()) return Error(ErrorCode::INVALID_ARGUMENT, "layers='" + v + "': " + r.status().message());
       c.layers = r.take();
       return Status::Ok();
     },
     [](const Config& c) { return nn::format_hidden_layers(c.layers); }},
    {"loss", "cross_entropy (softmax / sigmoid from logits) or mse",
     [](Config& c, const std::string& v) -> Status {
       auto r = loss::parse_loss(v);
       if (!r.ok()) return r.status();
       c.loss = r.value();
       return Status::Ok();
     },
     [](const Config& c) { return std::string(loss::loss_key(c.loss)); }},
    {"init", "weight init: default, xavier_uniform, xavier_normal, kaiming_uniform, kaiming_normal, zeros, constant, normal, uniform",
     [](Config& c, const std::string& v) -> Status {
       auto r = nn::parse_init(v);
       if (!r.ok()) return r.status();
       c.init = r.value();
       return Status::Ok();
     },
     [](const Config& c) { return std::string(nn::init_key(c.init)); }},
    {"init_scale", "value, std or bound of the constant, normal and uniform inits, 0 to 10",
     [](Config& c, const std::string& v) { return set_float("init_scale", v, &c.init_scale, 0.0, 10.0); },
     [](const Config& c) { return fmt(c.init_scale); }},
    {"optimizer", "sgd, ema_momentum (lecture form), adagrad, rmsprop, adam or adamw",
     [](Config& c, const std::string& v) -> Status {
       auto r = optim::parse_optimizer(v);
       if (!r.ok()) return r.status();
       c.optimizer.kind = r.value();
       return Status::Ok();
     },
     [](const Config& c) { return std::string(optim::optimizer_key(c.optimizer.kind)); }},
    {"lr", "learning rate, > 0 and <= 10",
     [](Config& c, const std::string& v) { return set_float("lr", v, &c.optimizer.lr, 0.0, 10.0, true); },
     [](const Config& c) { return fmt(c.optimizer.lr); }},
    {"schedule", "learning-rate schedule, e.g. StepLR(step_size=500,gamma=0.5); empty = constant",
     [](Config& c, const std::string& v) -> Status {
       auto r = optim::make_scheduler(v);
       if (!r.ok()) return Error(r.status().code(), "schedule='" + v + "': " + r.status().message());
       c.schedule = v == "Constant" ? "" : v;
       return Status::Ok();
     },
     [](const Config& c) { return c.schedule; }},
    {"momentum", "momentum (sgd, rmsprop) or the lecture's lambda (ema_momentum), 0 to 0.999",
     [](Config& c, const std::string& v) { return set_float("momentum", v, &c.optimizer.momentum, 0.0, 0.999); },
     [](const Config& c) { return fmt(c.optimizer.momentum); }},
    {"dampening", "SGD momentum dampening, 0 to 1",
     [](Config& c, const std::string& v) { return set_float("dampening", v, &c.optimizer.dampening, 0.0, 1.0); },
     [](const Config& c) { return fmt(c.optimizer.dampening); }},
    {"nesterov", "SGD Nesterov momentum, 0 or 1",
     [](Config& c, const std::string& v) { return set_bool("nesterov", v, &c.optimizer.nesterov); },
     [](const Config& c) { return std::string(c.optimizer.nesterov ? "1" : "0"); }},
    {"beta1", "Adam beta1, 0 to 0.9999",
     [](Config& c, const std::string& v) { return set_float("beta1", v, &c.optimizer.beta1, 0.0, 0.9999); },
     [](const Config& c) { return fmt(c.optimizer.beta1); }},
    {"beta2", "Adam beta2, 0 to 0.9999",
     [](Config& c, const std::string& v) { return set_float("beta2", v, &c.optimizer.beta2, 0.0, 0.9999); },
     [](const Config& c) { return fmt(c.optimizer.beta2); }},
    {"eps", "epsilon of adam, adamw, rmsprop, adagrad (delta in the lecture), > 0 and <= 1",
     [](Config& c, const std::string& v) { return set_float("eps", v, &c.optimizer.eps, 0.0, 1.0, true); },
     [](const Config& c) { return fmt(c.optimizer.eps); }},
    {"rho", "RMSprop decay rate (torch's alpha), 0 to 0.9999",
     [](Config& c, const std::string& v) { return set_float("rho", v, &c.optimizer.rho, 0.0, 0.9999); },
     [](const Config& c) { return fmt(c.optimizer.rho); }},
    {"centered", "RMSprop centered variant, 0 or 1",
     [](Config& c, const std::string& v) { return set_bool("centered", v, &c.optimizer.centered); },
     [](const Config& c) { return std::string(c.optimizer.centered ? "1" : "0"); }},
    {"lr_decay", "AdaGrad learning-rate decay, 0 to 1",
     [](Config& c, const std::string& v) { return set_float("lr_decay", v, &c.optimizer.lr_decay, 0.0, 1.0); },
     [](const Config& c) { return fmt(c.optimizer.lr_decay); }},
    {"initial_accumulator_value", "AdaGrad initial sum of squares, 0 to 10",
     [](Config& c, const std::string& v) {
       return set_float("initial_accumulator_value", v, &c.optimizer.initial_accumulator_value, 0.0, 10.0);
     },
     [](const Config& c) { return fmt(c.optimizer.initial_accumulator_value); }},
    {"weight_decay", "L2 penalty on weights (not biases), 0 to 1 (decoupled for adamw)",
     [](Config& c, const std::string& v) { return set_float("weight_decay", v, &c.optimizer.weight_decay, 0.0, 1.0); },
     [](const Config& c) { return fmt(c.optimizer.weight_decay); }},
    {"l1", "L1 penalty on weights (not biases), 0 to 1",
     [](Config& c, const std::string& v) { return set_float("l1", v, &c.optimizer.l1, 0.0, 1.0); },
     [](const Config& c) { return fmt(c.optimizer.l1); }},
    {"clip_norm", "clip the global gradient norm to this (0 = off)",
     [](Config& c, const std::string& v) { return set_float("clip_norm", v, &c.optimizer.clip_norm, 0.0, 1e6); },
     [](const Config& c) { return fmt(c.optimizer.clip_norm); }},
    {"clip_value", "clip every gradient element to +-this (0 = off)",
     [](Config& c, const std::string& v) { return set_float("clip_value", v, &c.optimizer.clip_value, 0.0, 1e6); },
     [](const Config& c) { return fmt(c.optimizer.clip_value); }},
    {"batch_size", "samples per step, 1 to 4096",
     [](Config& c, const std::string& v) { return set_int("batch_size", v, &c.batch_size, 1, 4096); },
     [](const Config& c) { return std::to_string(c.batch_size); }},
    {"hflip", "augment: random horizontal flips, 0 or 1 (not for digits: 6 and 9)",
     [](Config& c, const std::string& v) { return set_bool("hflip", v, &c.augment.hflip); },
     [](const Config& c) { return std::string(c.augment.hflip ? "1" : "0"); }},
    {"crop_padding", "augment: random crops of the image padded by this many pixels, 0 to 8",
     [](Config& c, const std::string& v) { return set_int("crop_padding", v, &c.augment.crop_padding, 0, 8); },
     [](const Config& c) { return std::to_string(c.augment.crop_padding); }},
    {"rotate", "augment: random rotations up to this many degrees, 0 to 45",
     [](Config& c, const std::string& v) { return set_float("rotate", v, &c.augment.rotate_degrees, 0.0, 45.0); },
     [](const Config& c) { return fmt(c.augment.rotate_degrees); }},
    {"input_noise", "augment: gaussian noise of this standard deviation on input pixels, 0 to 1",
     [](Config& c, const std::string& v) { return set_float("input_noise", v, &c.augment.noise_std, 0.0, 1.0); },
     [](const Config& c) { return fmt(c.augment.noise_std); }},
    {"seed", "random seed (data, init, batch order), 0 to 2^31-1",
     [](Config& c, const std::string& v) -> Status {
       int s = 0;
       NNP_RETURN_IF_ERROR(set_int("seed", v, &s, 0, 2147483647L));
       c.seed = static_cast<uint64_t>(s);
       return Status::Ok();
     },
     [](const Config& c) { return std::to_string(c.seed); }},
};

}  // namespace

std::span<const ConfigField> config_fields() { return kFields; }

const ConfigField* find_field(const std::string& key) {
  for (const ConfigField& f : kFields)
    if (key == f.key) return &f;
  return nullptr;
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
  }
}

}  // namespace nnplay::train
