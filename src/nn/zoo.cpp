#include "nn/zoo.h"

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <cmath>

#include "core/args.h"

namespace nnplay::nn {
namespace {

/// Appends nodes; returns each node's 1-based index for wiring.
struct Builder {
  ModelSpec spec;
  int last = 0;
  int add(const std::string& type, std::map<std::string, std::string> args = {}, const std::string& name = "",
          std::vector<int> inputs = {}) {
    LayerSpec ls{type, std::move(args), std::move(inputs), name};
    if (ls.inputs.empty() && last != static_cast<int>(spec.layers.size())) ls.inputs = {last};
    spec.layers.push_back(std::move(ls));
    last = static_cast<int>(spec.layers.size());
    return last;
  }
  int conv(const std::string& name, int out, int k, int stride = 1, int groups = 1, bool bias = true) {
    return add("Conv2d",
               {{"out_channels", std::to_string(out)},
                {"kernel_size", std::to_string(k)},
                {"stride", std::to_string(stride)},
                {"padding", std::to_string(k / 2)},
                {"groups", std::to_string(groups)},
                {"bias", bias ? "true" : "false"}},
               name);
  }
  int bn(const std::string& name) { return add("BatchNorm2d", {}, name); }
  int relu(const std::string& name = "") { return add("ReLU", {}, name); }
  void head(int outputs, const std::string& prefix = "") {
    add("AdaptiveAvgPool2d", {{"output_size", "1"}}, prefix + "gap");
    add("Flatten", {}, prefix + "flatten");
    add("Linear", {{"out_features", std::to_string(outputs)}}, prefix + "fc");
  }
};

#define NNP_ARG(var, expr)                    \
  auto var##_r = (expr);                      \
  if (!var##_r.ok()) return var##_r.status(); \
  const auto var = var##_r.value()

Result<ModelSpec> lenet5(const Args& a, int outputs) {
  NNP_RETURN_IF_ERROR(a.check_known({"act", "pool"}));
  const std::string act = a.get_text("act", "tanh"), pool = a.get_text("pool", "avg");
  if (act != "tanh" && act != "relu" && act != "sigmoid")
    return Error(ErrorCode::INVALID_ARGUMENT, "lenet5: act must be tanh, relu or sigmoid");
  if (pool != "avg" && pool != "max") return Error(ErrorCode::INVALID_ARGUMENT, "lenet5: pool must be avg or max");
  const std::string A = act == "tanh" ? "Tanh" : act == "relu" ? "ReLU" : "Sigmoid";
  const std::string P = pool == "avg" ? "AvgPool2d" : "MaxPool2d";
  Builder b;
  b.add("Conv2d", {{"out_channels", "6"}, {"kernel_size", "5"}, {"padding", "2"}}, "c1");
  b.add(A, {}, "c1.act");
  b.add(P, {{"kernel_size", "2"}}, "s2");
  b.add("Conv2d", {{"out_channels", "16"}, {"kernel_size", "5"}}, "c3");
  b.add(A, {}, "c3.act");
  b.add(P, {{"kernel_size", "2"}}, "s4");
  b.add("Flatten", {}, "flatten");
  b.add("Linear", {{"out_features", "120"}}, "f5");
  b.add(A, {}, "f5.act");
  b.add("Linear", {{"out_features", "84"}}, "f6");
  b.add(A, {}, "f6.act");
  b.add("Linear", {{"out_features", std::to_string(outputs)}}, "output");
  return b.spec;
}

Result<ModelSpec> alexnet(const Args& a, int outputs) {
  NNP_RETURN_IF_ERROR(a.check_known({"dropout"}));
  NNP_ARG(p, a.get_double("dropout", 0.0, 0.95, 0.5));
  Builder b;
  const int widths[] = {32, 64, 96, 96, 64};
  for (int i = 0; i < 5; ++i) {
    const std::string n = "conv" + std::to_string(i + 1);
    b.conv(n, widths[i], i == 0 ? 5 : 3);
    b.relu(n + ".relu");
    if (i == 0 || i == 1 || i == 4) b.add("MaxPool2d", {{"kernel_size", "2"}}, n + ".pool");
  }
  b.add("Flatten", {}, "flatten");
  for (int i = 0; i < 2; ++i) {
    const std::string n = "fc" + std::to_string(i + 1);
    if (p > 0) b.add("Dropout", {{"p", std::to_string(p)}}, n + ".drop");
    b.add("Linear", {{"out_features", "256"}}, n);
    b.relu(n + ".relu");
  }
  b.add("Linear", {{"out_features", std::to_string(outputs)}}, "fc3");
  return b.spec;
}

Result<ModelSpec> vgg(const Args& a, int outputs) {
  NNP_RETURN_IF_ERROR(a.check_known({"bn"}));
  NNP_ARG(use_bn, a.get_bool("bn", false));
  Builder b;
  const int stages[] = {16, 32, 64};
  for (int s = 0; s < 3; ++s)
    for (int k = 0; k < 2; ++k) {
      const std::string n = "s" + std::to_string(s + 1) + ".conv" + std::to_string(k + 1);
      b.conv(n, stages[s], 3, 1, 1, !use_bn);
      if (use_bn) b.bn(n + ".bn");
      b.relu(n + ".relu");
      if (k == 1) b.add("MaxPool2d", {{"kernel_size", "2"}}, "s" + std::to_string(s + 1) + ".pool");
    }
  b.add("Flatten", {}, "flatten");
  b.add("Linear", {{"out_features", "128"}}, "fc1");
  b.relu("fc1.relu");
  b.add("Linear", {{"out_features", std::to_string(outputs)}}, "fc2");
  return b.spec;
}

Result<ModelSpec> resnet_like(const std::string& model, int depth, bool skip, bool use_bn, int width, bool se,
                              int outputs) {
  if (depth < 8 || (depth - 2) % 6 != 0)
    return Error(ErrorCode::INVALID_ARGUMENT, model + ": depth must be 6n+2 (8, 14, 20, 26, ...), got " + std::to_string(depth));
  const int n = (depth - 2) / 6;
  Builder b;
  b.conv("stem.conv", width, 3, 1, 1, !use_bn);
  if (use_bn) b.bn("stem.bn");
  b.relu("stem.relu");
  int channels = width;
  for (int s = 0; s < 3; ++s) {
    const int out = width << s;
    for (int k = 0; k < n; ++k) {
      const std::string p = "s" + std::to_string(s + 1) + ".b" + std::to_string(k) + ".";
      const int stride = (s > 0 && k == 0) ? 2 : 1;
      const int block_in = b.last;
      b.conv(p + "conv1", out, 3, stride, 1, !use_bn);
      if (use_bn) b.bn(p + "bn1");
      b.relu(p + "relu1");
      b.conv(p + "conv2", out, 3, 1, 1, !use_bn);
      if (use_bn) b.bn(p + "bn2");
      if (se) b.add("SqueezeExcitation", {{"reduction", "4"}}, p + "se");
      if (skip) {
        const int body = b.last;
        int shortcut = block_in;
        if (stride != 1 || channels != out) {  // option B: 1x1 projection (+BN)
          b.last = block_in;
          b.conv(p + "proj", out, 1, stride, 1, !use_bn);
          if (use_bn) b.bn(p + "proj.bn");
          shortcut = b.last;
        }
        b.add("Add", {}, p + "add", {body, shortcut});
      }
      b.relu(p + "relu2");
      channels = out;
    }
  }
  b.head(outputs);
  return b.spec;
}

Result<ModelSpec> resnet(const Args& a, int outputs) {
  NNP_RETURN_IF_ERROR(a.check_known({"depth", "skip", "bn", "width", "se"}));
  NNP_ARG(depth, a.get_int("depth", 8, 110, 20));
  NNP_ARG(skip, a.get_bool("skip", true));
  NNP_ARG(use_bn, a.get_bool("bn", true));
  NNP_ARG(width, a.get_int("width", 4, 128, 16));
  NNP_ARG(se, a.get_bool("se", false));
  return resnet_like("resnet", depth, skip, use_bn, width, se, outputs);
}

Result<ModelSpec> wrn(const Args& a, int outputs) {
  NNP_RETURN_IF_ERROR(a.check_known({"depth", "k", "skip", "bn"}));
  NNP_ARG(depth, a.get_int("depth", 8, 110, 8));
  NNP_ARG(k, a.get_int("k", 1, 10, 4));
  NNP_ARG(skip, a.get_bool("skip", true));
  NNP_ARG(use_bn, a.get_bool("bn", true));
  return resnet_like("wrn", depth, skip, use_bn, 16 * k, false, outputs);
}

Result<ModelSpec> densenet(const Args& a, int outputs) {
  NNP_RETURN_IF_ERROR(a.check_known({"growth", "layers", "blocks"}));
  NNP_ARG(growth, a.get_int("growth", 2, 64, 12));
  NNP_ARG(layers, a.get_int("layers", 1, 16, 4));
  NNP_ARG(blocks, a.get_int("blocks", 1, 4, 3));
  Builder b;
  b.conv("stem.conv", 2 * growth, 3, 1, 1, false);
  int channels = 2 * growth;
  for (int d = 0; d < blocks; ++d) {
    for (int l = 0; l < layers; ++l) {
      const std::string p = "d" + std::to_string(d + 1) + ".l" + std::to_string(l) + ".";
      const int features = b.last;
      b.bn(p + "bn");
      b.relu(p + "relu");
      b.conv(p + "conv", growth, 3, 1, 1, false);
      b.add("Concat", {}, p + "cat", {features, b.last});
      channels += growth;
    }
    if (d + 1 < blocks) {  // transition: BN-ReLU-Conv1x1 (compression 0.5) - AvgPool2d(2)
      const std::string p = "t" + std::to_string(d + 1) + ".";
      channels /= 2;
      b.bn(p + "bn");
      b.relu(p + "relu");
      b.conv(p + "conv", channels, 1, 1, 1, false);
      b.add("AvgPool2d", {{"kernel_size", "2"}}, p + "pool");
    }
  }
  b.bn("final.bn");
  b.relu("final.relu");
  b.head(outputs);
  return b.spec;
}

int scaled(int c, double alpha) { return std::max(4, static_cast<int>(std::lround(c * alpha))); }

Result<ModelSpec> mobilenet(const Args& a, const Shape& input, int outputs) {
  NNP_RETURN_IF_ERROR(a.check_known({"alpha", "rho"}));
  NNP_ARG(alpha, a.get_double("alpha", 0.125, 2.0, 1.0));
  NNP_ARG(rho, a.get_double("rho", 0.25, 2.0, 1.0));
  Builder b;
  if (rho != 1.0) b.add("Upsample", {{"scale_factor", std::to_string(rho)}, {"mode", "bilinear"}}, "rho");
  b.conv("stem.conv", scaled(32, alpha), 3, 1, 1, false);
  b.bn("stem.bn");
  b.relu("stem.relu");
  // (output channels, stride) of the depthwise-separable blocks, Table 1 shortened for 28x28 inputs.
  const int cfg[][2] = {{64, 1}, {128, 2}, {128, 1}, {256, 2}, {256, 1}};
  int channels = scaled(32, alpha);
  for (size_t i = 0; i < std::size(cfg); ++i) {
    const std::string p = "b" + std::to_string(i) + ".";
    b.conv(p + "dw", channels, 3, cfg[i][1], channels, false);  // depthwise: groups = channels
    b.bn(p + "dw.bn");
    b.relu(p + "dw.relu");
    channels = scaled(cfg[i][0], alpha);
    b.conv(p + "pw", channels, 1, 1, 1, false);  // pointwise 1x1
    b.bn(p + "pw.bn");
    b.relu(p + "pw.relu");
  }
  (void)input;
  b.head(outputs);
  return b.spec;
}

Result<ModelSpec> mobilenetv2(const Args& a, int outputs) {
  NNP_RETURN_IF_ERROR(a.check_known({"alpha", "t"}));
  NNP_ARG(alpha, a.get_double("alpha", 0.125, 2.0, 1.0));
  NNP_ARG(t, a.get_int("t", 1, 8, 6));
  Builder b;
  int channels = scaled(16, alpha);
  b.conv("stem.conv", channels, 3, 1, 1, false);
  b.bn("stem.bn");
  b.relu("stem.relu");
  // (output channels, stride) of the inverted-residual blocks.
  const int cfg[][2] = {{16, 1}, {24, 2}, {24, 1}, {32, 2}, {32, 1}, {64, 1}};
  for (size_t i = 0; i < std::size(cfg); ++i) {
    const std::string p = "b" + std::to_string(i) + ".";
    const int out = scaled(cfg[i][0], alpha), stride = cfg[i][1];
    const int block_in = b.last;
    const int hidden = channels * t;
    b.conv(p + "expand", hidden, 1, 1, 1, false);
    b.bn(p + "expand.bn");
    b.relu(p + "expand.relu");
    b.conv(p + "dw", hidden, 3, stride, hidden, false);
    b.bn(p + "dw.bn");
    b.relu(p + "dw.relu");
    b.conv(p + "project", out, 1, 1, 1, false);  // linear bottleneck: no activation after it
    b.bn(p + "project.bn");
    if (stride == 1 && out == channels) b.add("Add", {}, p + "add", {b.last, block_in});
    channels = out;
  }
  b.head(outputs);
  return b.spec;
}

Result<ModelSpec> unet(const std::string& model, const Args& a, int outputs, bool default_skip) {
  NNP_RETURN_IF_ERROR(a.check_known({"base", "skip"}));
  NNP_ARG(base, a.get_int("base", 2, 64, 8));
  NNP_ARG(skip, a.get_bool("skip", default_skip));
  Builder b;
  auto double_conv = [&](const std::string& p, int ch) {
    b.conv(p + ".conv1", ch, 3, 1, 1, false);
    b.bn(p + ".bn1");
    b.relu(p + ".relu1");
    b.conv(p + ".conv2", ch, 3, 1, 1, false);
    b.bn(p + ".bn2");
    return b.relu(p + ".relu2");
  };
  const int e1 = double_conv("enc1", base);  // H
  b.add("MaxPool2d", {{"kernel_size", "2"}}, "pool1");
  const int e2 = double_conv("enc2", 2 * base);  // H/2
  b.add("MaxPool2d", {{"kernel_size", "2"}}, "pool2");
  double_conv("mid", 4 * base);  // H/4
  const int encoders[] = {e2, e1};
  for (int level = 0; level < 2; ++level) {
    const int ch = (2 * base) >> level;
    const std::string p = "dec" + std::to_string(2 - level);
    b.add("ConvTranspose2d", {{"out_channels", std::to_string(ch)}, {"kernel_size", "2"}, {"stride", "2"}}, p + ".up");
    if (skip) b.add("Concat", {}, p + ".cat", {b.last, encoders[level]});
    double_conv(p, ch);
  }
  b.add("Conv2d", {{"out_channels", std::to_string(outputs)}, {"kernel_size", "1"}}, "head");
  (void)model;
  return b.spec;
}

Result<ModelSpec> recurrent(const std::string& type, const Args& a, int outputs) {
  const bool lstm = type == "LSTM";
  if (lstm) NNP_RETURN_IF_ERROR(a.check_known({"hidden", "forget_bias", "input_bias"}));
  else NNP_RETURN_IF_ERROR(a.check_known({"hidden"}));
  NNP_ARG(hidden, a.get_int("hidden", 1, 512, 32));
  // Forget-gate bias 1 at init (Jozefowicz et al. 2015): the cell starts
  // by keeping most of its state (σ(1) ≈ 0.73 per step) instead of half.
  NNP_ARG(forget_bias, a.get_double("forget_bias", -10.0, 10.0, 1.0));
  // Input-gate bias 0 (PyTorch's init) unless set: a negative one keeps what
  // enters the cell small until the gate learns to open (Hochreiter &
  // Schmidhuber 1997 start their gates closed).
  NNP_ARG(input_bias, a.get_double("input_bias", -10.0, 10.0, 0.0));
  Builder b;
  std::map<std::string, std::string> args{{"hidden_size", std::to_string(hidden)}};
  if (lstm) args["forget_bias"] = std::to_string(forget_bias);
  if (lstm && input_bias != 0.0) args["input_bias"] = std::to_string(input_bias);
  b.add(type, args, lstm ? "lstm" : "rnn");
  b.add("SelectLast", {}, "last");
  b.add("Linear", {{"out_features", std::to_string(outputs)}}, "fc");
  return b.spec;
}

#undef NNP_ARG

}  // namespace

const std::vector<ZooEntry>& zoo_entries() {
  static const std::vector<ZooEntry> kZoo = {
      {"lenet5", "lenet5(act=tanh,pool=avg)", "LeNet-5: two conv+pool stages, FC 120-84 (1998)",
       "act=tanh|relu|sigmoid pool=avg|max"},
      {"alexnet", "alexnet(dropout=0.5)", "AlexNet-style: ReLU, dropout, 5 conv + 3 FC (2012), small", ""},
      {"vgg", "vgg(bn=false)", "VGG-style stacks of 3x3 convs (2014)", ""},
      {"resnet", "resnet(depth=20,skip=true,bn=true,width=16,se=false)",
       "ResNet with basic blocks; skip=0 is the plain twin (2015)", "depth=8|14|20|26|32|44|56 width=4|8|16|32"},
      {"wrn", "wrn(depth=8,k=4,skip=true,bn=true)", "Wide ResNet: fewer, wider blocks (2016)", "depth=8|14|20|26"},
      {"densenet", "densenet(growth=12,layers=4,blocks=3)", "DenseNet: every layer sees all earlier maps (2017)", ""},
      {"mobilenet", "mobilenet(alpha=1.0,rho=1.0)",
       "MobileNet v1: depthwise separable convs, width/resolution multipliers", "alpha=0.25|0.5|0.75|1|1.5 rho=0.5|0.75|1|1.5|2"},
      {"mobilenetv2", "mobilenetv2(alpha=1.0,t=6)", "MobileNet v2: inverted residuals, linear bottlenecks",
       "alpha=0.25|0.5|0.75|1|1.5"},
      {"unet", "unet(base=8,skip=true)", "U-Net for segmentation: encoder, decoder, skip concatenations (2015)", ""},
      {"fcn", "fcn(base=8)", "fully convolutional encoder-decoder without skips (2014)", ""},
      {"rnn", "rnn(hidden=32)", "Elman RNN over a sequence, last step to a classifier", ""},
      {"lstm", "lstm(hidden=32,forget_bias=1)", "LSTM over a sequence: gates keep long-term memory (1997)", ""},
  };
  return kZoo;
}

std::string zoo_names() {
  std::string names;
  for (const ZooEntry& e : zoo_entries()) names += (names.empty() ? "" : ", ") + std::string(e.name);
  return names;
}

Result<ModelSpec> zoo_spec(const std::string& text, const Shape& input, int outputs) {
  auto call = parse_call(text);
  if (!call.ok()) return Error(ErrorCode::PARSE_ERROR, "model: " + call.status().message());
  const std::string& name = call.value().first;
  const Args& a = call.value().second;
  if (name == "rnn" || name == "lstm") {
    if (input.rank != 3)
      return Error(ErrorCode::UNSUPPORTED, "model " + name + " reads sequences (N, T, D): use the memory or recall dataset");
    return recurrent(name == "lstm" ? "LSTM" : "RNN", a, outputs);
  }
  if (input.rank == 5)
    return Error(ErrorCode::UNSUPPORTED, "model " + name + " is a 2D CNN and clips are (N, C, T, H, W): use model=custom "
                                         "with Conv3d layers, or Select(dim=2,index=t) to give a 2D CNN frame t");
  if (input.rank != 4)
    return Error(ErrorCode::UNSUPPORTED, "model " + name + " is a CNN: it needs an image dataset (mnist, fashion_mnist or shapes)");
  if (name == "unet") return unet(name, a, outputs, true);
  if (name == "fcn") return unet(name, a, outputs, false);
  if (name == "lenet5") return lenet5(a, outputs);
  if (name == "alexnet") return alexnet(a, outputs);
  if (name == "vgg") return vgg(a, outputs);
  if (name == "resnet") return resnet(a, outputs);
  if (name == "wrn") return wrn(a, outputs);
  if (name == "densenet") return densenet(a, outputs);
  if (name == "mobilenet") return mobilenet(a, input, outputs);
  if (name == "mobilenetv2") return mobilenetv2(a, outputs);
  return Error(ErrorCode::INVALID_ARGUMENT, "unknown model '" + name + "' (zoo: mlp, " + zoo_names() + ")");
}

std::map<std::string, std::vector<std::string>> zoo_choices(const ZooEntry& entry) {
  std::map<std::string, std::vector<std::string>> out;
  const std::string all = entry.choices;
  size_t pos = 0;
  while (pos < all.size()) {
    size_t end = all.find(' ', pos);
    if (end == std::string::npos) end = all.size();
    const std::string item = all.substr(pos, end - pos);
    pos = end + 1;
    const size_t eq = item.find('=');
    if (eq == std::string::npos) continue;
    std::vector<std::string>& v = out[item.substr(0, eq)];
    for (size_t p = eq + 1; p <= item.size();) {
      size_t bar = item.find('|', p);
      if (bar == std::string::npos) bar = item.size();
      v.push_back(item.substr(p, bar - p));
      p = bar + 1;
    }
  }
  return out;
}

namespace {

ZooArg::Kind kind_of(const std::string& def) {
  if (def == "true" || def == "false") return ZooArg::Bool;
  if (def.empty()) return ZooArg::Text;
  bool digits = true, dot = false;
  for (size_t i = 0; i < def.size(); ++i) {
    const char c = def[i];
    if (c == '.') dot = true;
    else if (!(std::isdigit(static_cast<unsigned char>(c)) || (i == 0 && c == '-'))) digits = false;
  }
  if (!digits) return ZooArg::Text;
  return dot ? ZooArg::Float : ZooArg::Int;
}

bool switch_on(const std::string& v) { return v == "1" || v == "true" || v == "True"; }

}  // namespace

std::vector<ZooArg> zoo_args(const ZooEntry& entry) {
  std::vector<ZooArg> out;
  const std::string text = entry.example;
  const auto choices = zoo_choices(entry);
  const size_t open = text.find('(');
  if (open == std::string::npos) return out;
  for (size_t pos = open + 1; pos < text.size();) {
    const size_t eq = text.find('=', pos);
    if (eq == std::string::npos) break;
    size_t end = text.find(',', eq);
    if (end == std::string::npos) end = text.rfind(')');
    ZooArg a;
    a.name = text.substr(pos, eq - pos);
    a.def = text.substr(eq + 1, end - eq - 1);
    a.kind = kind_of(a.def);
    if (auto it = choices.find(a.name); it != choices.end()) a.choices = it->second;
    out.push_back(std::move(a));
    if (end >= text.size() || text[end] == ')') break;
    pos = end + 1;
  }
  return out;
}

const ZooEntry* find_zoo(const std::string& name) {
  for (const ZooEntry& e : zoo_entries())
    if (name == e.name) return &e;
  return nullptr;
}

std::string zoo_text(const ZooEntry& entry, const std::map<std::string, std::string>& values) {
  std::map<std::string, std::string> shown;
  const std::vector<ZooArg> args = zoo_args(entry);
  for (const auto& kv : values) {
    const std::string& k = kv.first;
    const std::string& v = kv.second;
    auto a = std::find_if(args.begin(), args.end(), [&](const ZooArg& x) { return x.name == k; });
    bool same = false;
    if (a != args.end()) {
      if (a->kind == ZooArg::Bool) same = switch_on(a->def) == switch_on(v);
      else if (a->kind == ZooArg::Int || a->kind == ZooArg::Float) same = std::atof(a->def.c_str()) == std::atof(v.c_str());
      else same = a->def == v;
    }
    if (!same) shown[k] = v;
  }
  return format_call(entry.name, Args(entry.name, shown));
}

}  // namespace nnplay::nn
