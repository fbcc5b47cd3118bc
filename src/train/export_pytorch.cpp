#include "train/export_pytorch.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <map>
#include <set>

#include <nlohmann/json.hpp>

#include "core/args.h"
#include "core/base64.h"
#include "core/json_text.h"
#include "nn/conv2d.h"
#include "nn/input_features.h"
#include "train/npz.h"
#include "train/session.h"

namespace nnplay::train {
namespace {

// ------------------------------------------------------------ Python values

enum class Kind { Int, Axes, Bool, Float, FloatOrNone, Str };

std::string py_number(double v) {
  if (v == std::floor(v) && std::fabs(v) < 1e15) return std::to_string(static_cast<long long>(v));
  char buf[40];
  std::snprintf(buf, sizeof buf, "%.12g", v);
  return buf;
}

std::vector<std::string> split_commas(const std::string& s) {
  std::vector<std::string> parts;
  size_t start = 0;
  while (true) {
    const size_t comma = s.find(',', start);
    parts.push_back(trim(s.substr(start, comma == std::string::npos ? std::string::npos : comma - start)));
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  return parts;
}

/// The Python literal for argument `key` of `a` (present), as `kind`.
Result<std::string> py_value(const Args& a, const std::string& key, Kind kind) {
  const std::string text = trim(a.get_text(key, ""));
  auto bad = [&](const char* what) {
    return Error(ErrorCode::INVALID_ARGUMENT,
                 a.owner() + ": " + key + "='" + text + "' cannot be written as Python (" + what + ")");
  };
  switch (kind) {
    case Kind::Bool: {
      auto b = a.get_bool(key, false);
      if (!b.ok()) return b.status();
      return std::string(b.value() ? "True" : "False");
    }
    case Kind::Str: {
      if (text.empty() || !std::all_of(text.begin(), text.end(), [](unsigned char c) { return std::isalnum(c) || c == '_'; }))
        return bad("expected a word");
      return "'" + text + "'";
    }
    case Kind::FloatOrNone:
      if (text == "None" || text == "none") return std::string("None");
      [[fallthrough]];
    case Kind::Float:
    case Kind::Int: {
      double v = 0;
      if (!parse_number(text, &v)) return bad("expected a number");
      if (kind == Kind::Int && v != std::floor(v)) return bad("expected an integer");
      return py_number(v);
    }
    case Kind::Axes: {
      if (text == "same") return std::string("'same'");
      std::vector<std::string> parts = split_commas(text);
      std::vector<std::string> out;
      for (const std::string& p : parts) {
        double v = 0;
        if (!parse_number(p, &v)) return bad("expected numbers, one per axis");
        out.push_back(py_number(v));
      }
      // All axes equal: one value, as PyTorch prints it.
      if (std::all_of(out.begin(), out.end(), [&](const std::string& s) { return s == out[0]; })) return out[0];
      std::string t = "(";
      for (size_t i = 0; i < out.size(); ++i) t += (i ? ", " : "") + out[i];
      return t + ")";
    }
  }
  return bad("unknown kind");
}

struct KwArg {
  const char* key;
  Kind kind;
  const char* torch_default;  // the rendered value PyTorch defaults to (left out when equal); "" = always written
};

/// How one nnplay layer type is written in PyTorch.
struct TorchForm {
  const char* type;                 // nnplay's type name
  const char* module;               // "nn.Conv2d", a class of the file, or "" (functional in forward)
  const char* prefix;               // attribute name of an unnamed node: prefix + index
  std::vector<KwArg> kwargs;        // passed on by name, in PyTorch's signature order
  std::vector<const char*> skip;    // nnplay arguments written positionally, computed or only for nnplay's init
};

const std::vector<TorchForm>& torch_forms() {
  static const std::vector<TorchForm> forms = {
      {"Linear", "nn.Linear", "fc", {{"bias", Kind::Bool, "True"}}, {"out_features"}},
      {"ReLU", "nn.ReLU", "relu", {}, {}},
      {"Sigmoid", "nn.Sigmoid", "sigmoid", {}, {}},
      {"Tanh", "nn.Tanh", "tanh", {}, {}},
      {"LeakyReLU", "nn.LeakyReLU", "leaky_relu", {{"negative_slope", Kind::Float, "0.01"}}, {}},
      {"ELU", "nn.ELU", "elu", {{"alpha", Kind::Float, "1"}}, {}},
      {"GELU", "nn.GELU", "gelu", {{"approximate", Kind::Str, "'none'"}}, {}},
      {"Softmax", "nn.Softmax", "softmax", {{"dim", Kind::Int, ""}}, {}},
      {"Conv2d", "nn.Conv2d", "conv",
       {{"stride", Kind::Axes, "1"}, {"padding", Kind::Axes, "0"}, {"dilation", Kind::Axes, "1"},
        {"groups", Kind::Int, "1"}, {"bias", Kind::Bool, "True"}, {"padding_mode", Kind::Str, "'zeros'"}},
       {"in_channels", "out_channels", "kernel_size"}},
      {"Conv3d", "nn.Conv3d", "conv",
       {{"stride", Kind::Axes, "1"}, {"padding", Kind::Axes, "0"}, {"dilation", Kind::Axes, "1"},
        {"groups", Kind::Int, "1"}, {"bias", Kind::Bool, "True"}, {"padding_mode", Kind::Str, "'zeros'"}},
       {"in_channels", "out_channels", "kernel_size"}},
      {"ConvTranspose2d", "nn.ConvTranspose2d", "upconv",
       {{"stride", Kind::Axes, "1"}, {"padding", Kind::Axes, "0"}, {"output_padding", Kind::Axes, "0"},
        {"groups", Kind::Int, "1"}, {"bias", Kind::Bool, "True"}, {"dilation", Kind::Axes, "1"},
        {"padding_mode", Kind::Str, "'zeros'"}},
       {"in_channels", "out_channels", "kernel_size"}},
      {"Select", "", "select", {}, {"dim", "index"}},
      {"InputFeatures", "", "features", {}, {"features"}},
      {"MaxPool2d", "nn.MaxPool2d", "pool",
       {{"stride", Kind::Axes, ""}, {"padding", Kind::Axes, "0"}, {"dilation", Kind::Axes, "1"},
        {"ceil_mode", Kind::Bool, "False"}},
       {"kernel_size"}},
      {"AvgPool2d", "nn.AvgPool2d", "pool",
       {{"stride", Kind::Axes, ""}, {"padding", Kind::Axes, "0"}, {"count_include_pad", Kind::Bool, "True"}},
       {"kernel_size"}},
      {"AdaptiveAvgPool2d", "nn.AdaptiveAvgPool2d", "avgpool", {}, {"output_size"}},
      {"Upsample", "nn.Upsample", "upsample",
       {{"scale_factor", Kind::Axes, ""}, {"mode", Kind::Str, "'nearest'"}, {"align_corners", Kind::Bool, ""}}, {}},
      {"Flatten", "nn.Flatten", "flatten", {{"start_dim", Kind::Int, "1"}, {"end_dim", Kind::Int, "-1"}}, {}},
      {"Dropout", "nn.Dropout", "dropout", {{"p", Kind::Float, "0.5"}}, {}},
      {"BatchNorm1d", "nn.BatchNorm1d", "bn",
       {{"eps", Kind::Float, "1e-05"}, {"momentum", Kind::FloatOrNone, "0.1"}, {"affine", Kind::Bool, "True"},
        {"track_running_stats", Kind::Bool, "True"}},
       {"num_features"}},
      {"BatchNorm2d", "nn.BatchNorm2d", "bn",
       {{"eps", Kind::Float, "1e-05"}, {"momentum", Kind::FloatOrNone, "0.1"}, {"affine", Kind::Bool, "True"},
        {"track_running_stats", Kind::Bool, "True"}},
       {"num_features"}},
      {"LayerNorm", "nn.LayerNorm", "ln", {{"eps", Kind::Float, "1e-05"}, {"elementwise_affine", Kind::Bool, "True"}},
       {"normalized_shape"}},
      {"GroupNorm", "nn.GroupNorm", "gn", {{"eps", Kind::Float, "1e-05"}, {"affine", Kind::Bool, "True"}},
       {"num_groups", "num_channels"}},
      {"InstanceNorm2d", "nn.InstanceNorm2d", "norm",
       {{"eps", Kind::Float, "1e-05"}, {"momentum", Kind::Float, "0.1"}, {"affine", Kind::Bool, "False"},
        {"track_running_stats", Kind::Bool, "False"}},
       {"num_features"}},
      {"Add", "", "add", {}, {}},
      {"Mul", "", "mul", {}, {}},
      {"Concat", "", "cat", {}, {"dim"}},
      {"SqueezeExcitation", "SqueezeExcitation", "se", {}, {"reduction", "squeeze_channels"}},
      {"CBAM", "CBAM", "cbam", {}, {"reduction", "kernel_size"}},
      {"RNN", "nn.RNN", "rnn", {{"nonlinearity", Kind::Str, "'tanh'"}, {"bias", Kind::Bool, "True"}},
       {"hidden_size", "input_size", "num_layers", "batch_first"}},
      {"LSTM", "nn.LSTM", "lstm", {{"bias", Kind::Bool, "True"}},
       {"hidden_size", "input_size", "num_layers", "batch_first", "forget_bias", "input_bias"}},
      {"SelectLast", "", "last", {}, {}},
  };
  return forms;
}

const TorchForm* find_form(const std::string& type) {
  for (const TorchForm& f : torch_forms())
    if (type == f.type) return &f;
  return nullptr;
}

// ------------------------------------------------------------ names

/// Python keywords and names nn.Module (or this file's forward) already uses:
/// an attribute or variable named so gets a trailing underscore.
bool reserved(const std::string& s) {
  static const std::set<std::string> names = {
      "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue", "def", "del",
      "elif", "else", "except", "finally", "for", "from", "global", "if", "import", "in", "is", "lambda",
      "nonlocal", "not", "or", "pass", "raise", "return", "try", "while", "with", "yield", "x", "self", "torch",
      "nn", "np", "training", "forward", "train", "eval", "apply", "cpu", "cuda", "to", "type", "float", "double",
      "half", "bfloat16", "state_dict", "load_state_dict", "parameters", "named_parameters", "buffers",
      "named_buffers", "children", "named_children", "modules", "named_modules", "add_module", "register_buffer",
      "register_parameter", "register_module", "get_submodule", "get_parameter", "get_buffer", "zero_grad",
      "requires_grad_", "share_memory", "extra_repr", "dump_patches", "call_super_init", "identity"};
  return names.count(s) > 0;
}

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

/// "s1.b0.conv1" -> "s1_b0_conv1"; an unnamed node "3.linear" -> "fc3".
std::string attribute_name(const nn::Node& node, int index, const TorchForm& form) {
  const std::string default_name = std::to_string(index) + "." + lower(node.layer->type_name());
  std::string s;
  if (node.name == default_name) {
    s = std::string(form.prefix) + std::to_string(index);
  } else {
    for (char c : node.name) s += std::isalnum(static_cast<unsigned char>(c)) || c == '_' ? c : '_';
    if (s.empty() || std::isdigit(static_cast<unsigned char>(s[0]))) s = std::string(form.prefix) + "_" + s;
  }
  if (reserved(s)) s += "_";
  return s;
}

std::string shape_comment(const Shape& s) {
  std::string t = "(N";
  for (int i = 1; i < s.rank; ++i) t += ", " + std::to_string(s[i]);
  return t + ")";
}

std::string join(const std::vector<std::string>& items, const std::string& sep) {
  std::string s;
  for (size_t i = 0; i < items.size(); ++i) s += (i ? sep : "") + items[i];
  return s;
}

// ------------------------------------------------------------ one node

using nn::param_named;

/// The constructor call of node `i` (positional arguments from the shapes,
/// the rest from its arguments), or an error naming the node.
/// A convolution with padding='same' at stride > 1, as PyTorch must write it.
struct SamePad {
  bool active = false, symmetric = true;
  std::string module_padding;  // "(1, 2)" for the module when symmetric
  std::string pad;             // F.pad's (left, right, top, bottom[, front, back]) when not
};

SamePad same_pad(const nn::Node& node) {
  SamePad r;
  const auto* conv = dynamic_cast<const nn::Convolution*>(node.layer.get());
  if (!conv) return r;
  const nn::ConvOptions& o = conv->options();
  if (!o.padding.same || o.stride == std::array<int, 3>{1, 1, 1}) return r;
  r.active = true;
  const size_t first = o.rank == 2 ? 1 : 0;
  std::vector<std::string> sym, pad;
  for (size_t i = 3; i-- > first;) {  // F.pad lists the last axis first
    r.symmetric = r.symmetric && o.padding.before[i] == o.padding.after[i];
    pad.push_back(std::to_string(o.padding.before[i]));
    pad.push_back(std::to_string(o.padding.after[i]));
  }
  for (size_t i = first; i < 3; ++i) sym.push_back(std::to_string(o.padding.before[i]));
  r.module_padding = "(" + join(sym, ", ") + ")";
  r.pad = "(" + join(pad, ", ") + ")";
  return r;
}

Result<std::string> constructor(const nn::Model& model, int i, const TorchForm& form, const Args& args) {
  const nn::Node& node = model.nodes()[static_cast<size_t>(i)];
  const Shape& in = model.nodes()[static_cast<size_t>(node.inputs[0])].shape;
  const std::string type = node.layer->type_name();
  std::vector<std::string> pos;
  auto arg = [&](const char* key, Kind kind) -> Result<std::string> { return py_value(args, key, kind); };
  if (type == "Linear") {
    pos = {std::to_string(in.per_sample()), std::to_string(node.shape[1])};
  } else if (type == "Conv2d" || type == "Conv3d" || type == "ConvTranspose2d") {
    auto k = arg("kernel_size", Kind::Axes);
    if (!k.ok()) return k.status();
    pos = {std::to_string(in[1]), std::to_string(node.shape[1]), "kernel_size=" + k.value()};
  } else if (type == "BatchNorm1d" || type == "BatchNorm2d" || type == "InstanceNorm2d") {
    pos = {std::to_string(in[1])};
  } else if (type == "LayerNorm") {
    // normalized_shape: the trailing dims whose product is the parameters' size (all, by default).
    std::vector<std::string> dims;
    if (args.has("normalized_shape")) {
      for (const std::string& d : split_commas(args.get_text("normalized_shape", ""))) dims.push_back(d);
    } else {
      for (int d = 1; d < in.rank; ++d) dims.push_back(std::to_string(in[d]));
    }
    pos = {"[" + join(dims, ", ") + "]"};
  } else if (type == "GroupNorm") {
    auto g = arg("num_groups", Kind::Int);
    if (!g.ok()) return g.status();
    pos = {g.value(), std::to_string(in[1])};
  } else if (type == "MaxPool2d" || type == "AvgPool2d") {
    auto k = arg("kernel_size", Kind::Axes);
    if (!k.ok()) return k.status();
    pos = {"kernel_size=" + k.value()};
  } else if (type == "AdaptiveAvgPool2d") {
    auto o = arg("output_size", Kind::Axes);
    if (!o.ok()) return o.status();
    pos = {o.value()};
  } else if (type == "RNN" || type == "LSTM") {
    pos = {std::to_string(in[2]), std::to_string(node.shape[2])};
  } else if (type == "SqueezeExcitation") {
    const Tensor* w = param_named(*node.layer, "fc1.weight");
    pos = {std::to_string(in[1]), std::to_string(w ? w->dim(0) : 1)};
  } else if (type == "CBAM") {
    const Tensor* w = param_named(*node.layer, "channel.fc1.weight");
    const Tensor* s = param_named(*node.layer, "spatial.weight");
    pos = {std::to_string(in[1]), std::to_string(w ? w->dim(0) : 1), std::to_string(s ? s->dim(2) : 7)};
  }
  std::map<std::string, std::string> rendered;
  for (const KwArg& kw : form.kwargs) {
    if (!args.has(kw.key)) continue;
    auto v = arg(kw.key, kw.kind);
    if (!v.ok()) return v.status();
    rendered[kw.key] = v.value();
  }
  // padding='same' at stride > 1 (TensorFlow's rule, which PyTorch refuses): the padding this
  // input gets, in the module when symmetric, else 0 here and F.pad in forward (same_pad()).
  if (auto sp = same_pad(node); sp.active) rendered["padding"] = sp.symmetric ? sp.module_padding : "0";
  // PyTorch's pools default their stride to the kernel; interpolation alone takes align_corners.
  if ((type == "MaxPool2d" || type == "AvgPool2d") && rendered.count("stride") && "kernel_size=" + rendered["stride"] == pos[0])
    rendered.erase("stride");
  if (type == "Upsample" && (!rendered.count("mode") || rendered["mode"] == "'nearest'")) rendered.erase("align_corners");
  if (type == "Softmax" && !rendered.count("dim")) rendered["dim"] = "1";
  for (const KwArg& kw : form.kwargs) {
    auto it = rendered.find(kw.key);
    if (it == rendered.end() || it->second == kw.torch_default) continue;
    if (kw.kind == Kind::Float && *kw.torch_default) {
      double a = 0, b = 0;
      if (parse_number(it->second, &a) && parse_number(kw.torch_default, &b) && a == b) continue;
    }
    pos.push_back(std::string(kw.key) + "=" + it->second);
  }
  if (type == "RNN" || type == "LSTM") pos.push_back("batch_first=True");
  return std::string(form.module) + "(" + join(pos, ", ") + ")";
}

// ------------------------------------------------------------ classes written into model.py

const char* kSqueezeExcitation = R"(class SqueezeExcitation(nn.Module):
    """Channel attention (Hu et al. 2018): each channel is scaled by a gate in
    (0, 1) computed from the means of all channels (torchvision's
    SqueezeExcitation, with its 1x1 convolutions written as nn.Linear)."""

    def __init__(self, channels, squeeze_channels):
        super().__init__()
        self.fc1 = nn.Linear(channels, squeeze_channels)
        self.fc2 = nn.Linear(squeeze_channels, channels)

    def forward(self, x):
        s = x.mean(dim=(2, 3))                                # squeeze: (N, C)
        a = torch.sigmoid(self.fc2(torch.relu(self.fc1(s))))  # excitation: (N, C)
        return x * a[:, :, None, None]                        # scale each channel


)";

const char* kCBAM = R"(class ChannelAttention(nn.Module):
    """CBAM's channel attention (Woo et al. 2018, eq. 2): one MLP shared by
    the average- and the max-pooled channels."""

    def __init__(self, channels, hidden):
        super().__init__()
        self.fc1 = nn.Linear(channels, hidden)
        self.fc2 = nn.Linear(hidden, channels)

    def mlp(self, v):
        return self.fc2(torch.relu(self.fc1(v)))

    def forward(self, x):
        return torch.sigmoid(self.mlp(x.mean(dim=(2, 3))) + self.mlp(x.amax(dim=(2, 3))))  # (N, C)


class CBAM(nn.Module):
    """Convolutional Block Attention Module (Woo et al. 2018): channel
    attention, then spatial attention from a k x k convolution over the
    channel-wise mean and max maps (eq. 3)."""

    def __init__(self, channels, hidden, kernel_size):
        super().__init__()
        self.channel = ChannelAttention(channels, hidden)
        self.spatial = nn.Conv2d(2, 1, kernel_size, padding="same", bias=False)

    def forward(self, x):
        x = x * self.channel(x)[:, :, None, None]
        pooled = torch.cat([x.mean(dim=1, keepdim=True), x.amax(dim=1, keepdim=True)], dim=1)  # (N, 2, H, W)
        return x * torch.sigmoid(self.spatial(pooled))


)";

const char* kMain = R"(

def load(weights="weights.npz"):
    """The network with the weights of `weights` (a state_dict saved as
    NumPy arrays), in eval mode."""
    model = Net()
    arrays = np.load(weights)
    state = {name: torch.from_numpy(arrays[name]) for name in arrays.files}
    model.load_state_dict(state, strict=True)  # every name and shape must match
    if list(state) != list(model.state_dict()):
        raise RuntimeError("weights are not in the module's state_dict order")
    return model.eval()


def check(model, sample="sample.npz"):
    """Runs the stored inputs through `model` and compares with nnplay's
    outputs; True when they agree to 1e-4 of the outputs' scale."""
    data = np.load(sample)
    x, expected = torch.from_numpy(data["input"]), torch.from_numpy(data["output"])
    with torch.no_grad():
        y = model(x)
    if y.shape != expected.shape:
        print(f"output shape {tuple(y.shape)}, nnplay's {tuple(expected.shape)}")
        return False
    diff = (y - expected).abs()
    scale = max(expected.abs().max().item(), 1e-6)
    worst = diff.max().item()
    ok = worst <= 1e-4 * scale
    print(f"{x.shape[0]} samples: max |PyTorch - nnplay| = {worst:.3g} "
          f"(outputs up to {scale:.3g}, relative {worst / scale:.3g}): {'OK' if ok else 'MISMATCH'}")
    if not ok:
        for i in diff.flatten().argsort(descending=True)[:5].tolist():
            at = np.unravel_index(i, tuple(y.shape))
            print(f"  at {at}: PyTorch {y[at].item():.6g}, nnplay {expected[at].item():.6g}")
    return ok


if __name__ == "__main__":
    here = os.path.dirname(os.path.abspath(__file__))
    model = load(os.path.join(here, "weights.npz"))
    print(model)
    print(sum(p.numel() for p in model.parameters()), "parameters")
    sys.exit(0 if check(model, os.path.join(here, "sample.npz")) else 1)
)";

// ------------------------------------------------------------ weights

/// PyTorch's shape of a tensor where it differs from nnplay's: LayerNorm's
/// weight and bias take normalized_shape; num_batches_tracked is a scalar.
std::vector<int64_t> torch_shape(const nn::Node& node, const Shape& in, const std::string& name, const Tensor& t) {
  std::vector<int64_t> s;
  if (name == "num_batches_tracked") return s;
  if (std::string(node.layer->type_name()) == "LayerNorm") {
    int64_t left = t.numel();
    for (int d = in.rank - 1; d >= 1 && left > 1; --d) {
      s.insert(s.begin(), in[d]);
      left /= in[d];
    }
    if (s.empty()) s.push_back(t.numel());
    return s;
  }
  for (int d = 0; d < t.rank(); ++d) s.push_back(t.dim(d));
  return s;
}

NpyArray array_of(const std::string& name, const Tensor& t) {
  NpyArray a;
  a.name = name;
  for (int d = 0; d < t.rank(); ++d) a.shape.push_back(t.dim(d));
  a.f32.assign(t.data(), t.data() + t.numel());
  return a;
}

std::vector<uint8_t> text_bytes(const std::string& s) { return std::vector<uint8_t>(s.begin(), s.end()); }

}  // namespace

bool exports_to_pytorch(const std::string& type) { return find_form(type) != nullptr; }

Result<std::vector<ExportFile>> export_pytorch(const nn::Model& model, const Tensor& sample_x, const Tensor& sample_y,
                                               const std::string& about) {
  const auto& nodes = model.nodes();
  NNP_RETURN_IF_ERROR(check_export_sample(model, sample_x, sample_y));
  const int n = static_cast<int>(nodes.size());

  // Forms, arguments and attribute names, refusing what has no PyTorch form.
  std::vector<const TorchForm*> forms(static_cast<size_t>(n), nullptr);
  std::vector<Args> args(static_cast<size_t>(n));
  std::vector<std::string> attr(static_cast<size_t>(n));
  std::set<std::string> used;
  bool se = false, cbam = false;
  for (int i = 1; i < n; ++i) {
    const nn::Node& node = nodes[static_cast<size_t>(i)];
    const std::string type = node.layer->type_name();
    const TorchForm* form = find_form(type);
    const std::string where = "export to PyTorch: layer " + std::to_string(i) + " '" + node.name + "' (" + type + ")";
    if (!form) return Error(ErrorCode::UNSUPPORTED, where + " has no PyTorch form in nnplay's exporter yet");
    auto call = parse_call(type + (node.args.empty() ? "" : "(" + node.args + ")"));
    if (!call.ok()) return Error(ErrorCode::INVALID_ARGUMENT, where + ": " + call.status().message());
    for (const auto& entry : call.value().second.values()) {
      const std::string& key = entry.first;  // a named local: clang 14 cannot capture a structured binding
      const bool kw = std::any_of(form->kwargs.begin(), form->kwargs.end(), [&](const KwArg& k) { return key == k.key; });
      const bool skip = std::any_of(form->skip.begin(), form->skip.end(), [&](const char* k) { return key == k; });
      if (!kw && !skip)
        return Error(ErrorCode::UNSUPPORTED, where + ": argument '" + key + "' has no PyTorch counterpart here");
    }
    forms[static_cast<size_t>(i)] = form;
    args[static_cast<size_t>(i)] = Args(type, call.value().second.values());
    std::string a = attribute_name(node, i, *form);
    for (int k = 2; used.count(a); ++k) a = attribute_name(node, i, *form) + "_" + std::to_string(k);
    used.insert(a);
    attr[static_cast<size_t>(i)] = a;
    se = se || type == "SqueezeExcitation";
    cbam = cbam || type == "CBAM";
  }

  // __init__: one attribute per layer that is a module.
  std::string init;
  for (int i = 1; i < n; ++i) {
    const TorchForm& form = *forms[static_cast<size_t>(i)];
    if (!*form.module) continue;
    auto ctor = constructor(model, i, form, args[static_cast<size_t>(i)]);
    if (!ctor.ok())
      return Error(ctor.status().code(), "export to PyTorch: layer " + std::to_string(i) + " '" +
                                             nodes[static_cast<size_t>(i)].name + "': " + ctor.status().message());
    init += "        self." + attr[static_cast<size_t>(i)] + " = " + ctor.value() + "\n";
  }

  // forward: x holds the last node's output; an output read later by a node
  // other than the next one is kept in a variable ("identity" when it feeds
  // only additions, directly or through a shortcut branch, and no other
  // identity is alive). A shortcut branch (ResNet's projection: nodes that
  // start from a kept output and end in the join right after them, while x
  // holds the body's end) is computed in that variable, as torchvision does:
  // identity = self.proj(identity); x = x + identity.
  const auto sz = [](int k) { return static_cast<size_t>(k); };
  auto type_of = [&](int k) { return std::string(nodes[sz(k)].layer->type_name()); };
  std::vector<std::vector<int>> consumers(sz(n));
  std::vector<int> last_use(sz(n), -1);
  for (int i = 1; i < n; ++i)
    for (int src : nodes[sz(i)].inputs) {
      consumers[sz(src)].push_back(i);
      last_use[sz(src)] = std::max(last_use[sz(src)], i);
    }
  auto only_consumer = [&](int k, int c) { return consumers[sz(k)].size() == 1 && consumers[sz(k)][0] == c; };
  std::vector<int> branch_of(sz(n), -1);  // node -> the first node of its shortcut branch
  std::vector<int> body_of(sz(n), -1);    // join -> the body's end, read from x
  for (int i = 2; i < n; ++i) {
    const auto& in = nodes[sz(i)].inputs;
    if (in.size() != 1 || in[0] == i - 1 || branch_of[sz(i - 1)] >= 0 || body_of[sz(i - 1)] >= 0) continue;
    int end = i;
    while (end + 1 < n && only_consumer(end, end + 1) && nodes[sz(end + 1)].inputs.size() == 1) ++end;
    const int join = end + 1;
    if (join >= n || !only_consumer(end, join) || !only_consumer(i - 1, join)) continue;
    const std::string jt = type_of(join);
    const auto& jin = nodes[sz(join)].inputs;
    if ((jt != "Add" && jt != "Mul") || jin.size() != 2 || std::count(jin.begin(), jin.end(), i - 1) != 1) continue;
    for (int k = i; k <= end; ++k) branch_of[sz(k)] = i;
    body_of[sz(join)] = i - 1;
    i = end;
  }
  // Where a node reads `src` from x: the previous node, or the body's end at a join.
  auto reads_x = [&](int i, int src) { return branch_of[sz(src)] < 0 && (src == i - 1 || body_of[sz(i)] == src); };
  std::vector<bool> kept(sz(n), false), adds_only(sz(n), true);
  for (int i = 1; i < n; ++i)
    for (int src : nodes[sz(i)].inputs) {
      if (reads_x(i, src) || branch_of[sz(src)] >= 0) continue;
      kept[sz(src)] = true;
      const int j = branch_of[sz(i)] == i ? [&] { int e = i; while (branch_of[sz(e + 1)] == i) ++e; return e + 1; }() : i;
      if (type_of(j) != "Add") adds_only[sz(src)] = false;
    }
  std::vector<std::string> var(sz(n));  // where a kept output or a shortcut branch lives
  std::vector<std::pair<std::string, std::string>> lines;  // code, comment
  auto alive = [&](const std::string& v, int at) {
    for (int j = 0; j < at; ++j)
      if (var[sz(j)] == v && last_use[sz(j)] > at) return true;
    return false;
  };
  auto keep = [&](int i) {
    if (!kept[sz(i)]) return;
    std::string v = adds_only[sz(i)] && !alive("identity", i) ? "identity" : i == 0 ? "x_in" : attr[sz(i)];
    var[sz(i)] = v;
    lines.push_back({v + " = x", ""});
  };
  keep(0);
  for (int i = 1; i < n; ++i) {
    const nn::Node& node = nodes[sz(i)];
    const std::string type = type_of(i);
    std::vector<std::string> in;
    for (int src : node.inputs) in.push_back(reads_x(i, src) ? "x" : var[sz(src)]);
    std::string out = "x";
    if (branch_of[sz(i)] == i) {  // a shortcut branch starts: in its input's variable if that dies here
      const int src = node.inputs[0];
      out = last_use[sz(src)] == i ? var[sz(src)] : alive("shortcut", i) ? attr[sz(i)] : "shortcut";
      for (int k = i; branch_of[sz(k)] == i && k < n; ++k) var[sz(k)] = out;
    } else if (branch_of[sz(i)] >= 0) {
      out = var[sz(i)];
    }
    const Args& a = args[sz(i)];
    std::string code, comment = shape_comment(node.shape);
    if (type == "Add" || type == "Mul") {
      const char* op = type == "Add" ? " + " : " * ";
      if (in[1] == "x" && in[0] != "x") std::swap(in[0], in[1]);  // x = x + identity
      code = out + " = " + in[0] + op + in[1];
    } else if (type == "Concat") {
      code = out + " = torch.cat([" + join(in, ", ") + "], dim=" + std::to_string(a.get_int("dim", -5, 4, 1).value()) + ")";
    } else if (type == "Select") {
      code = out + " = " + in[0] + ".select(" + std::to_string(a.get_int("dim", -5, 4, 1).value()) + ", " +
             std::to_string(a.get_int("index", -(1 << 20), 1 << 20, 0).value()) + ")";
    } else if (type == "InputFeatures") {
      std::vector<std::string> cols;
      const std::string x1 = in[0] + "[:, 0]", x2 = in[0] + "[:, 1]";
      const auto features = nn::parse_input_features(a.get_text("features", "x1,x2"));  // checked by the layer
      for (nn::InputFeature k : features.ok() ? features.value() : std::vector<nn::InputFeature>{}) {
        switch (k) {
          case nn::InputFeature::X1: cols.push_back(x1); break;
          case nn::InputFeature::X2: cols.push_back(x2); break;
          case nn::InputFeature::X1Sq: cols.push_back(x1 + " ** 2"); break;
          case nn::InputFeature::X2Sq: cols.push_back(x2 + " ** 2"); break;
          case nn::InputFeature::X1X2: cols.push_back(x1 + " * " + x2); break;
          case nn::InputFeature::SinX1: cols.push_back("torch.sin(" + x1 + ")"); break;
          case nn::InputFeature::SinX2: cols.push_back("torch.sin(" + x2 + ")"); break;
        }
      }
      code = out + " = torch.stack([" + join(cols, ", ") + "], 1)";
      comment += ": input features of the point (x1, x2), as TF Playground's";
    } else if (type == "SelectLast") {
      code = out + " = " + in[0] + "[:, -1]";
      comment += ": the last time step";
    } else if (type == "RNN" || type == "LSTM") {
      code = out + ", _ = self." + attr[sz(i)] + "(" + in[0] + ")";
      comment += ": the hidden state of every step";
    } else if (type == "Linear" && nodes[sz(node.inputs[0])].shape.rank > 2) {
      code = out + " = self." + attr[sz(i)] + "(torch.flatten(" + in[0] + ", 1))";
    } else if (const SamePad sp = same_pad(node); sp.active && !sp.symmetric) {
      code = out + " = self." + attr[sz(i)] + "(torch.nn.functional.pad(" + in[0] + ", " + sp.pad + "))";
      comment += ": padding 'same' at stride > 1, the extra after (TensorFlow's rule)";
    } else {
      code = out + " = self." + attr[sz(i)] + "(" + in[0] + ")";
    }
    lines.push_back({code, comment});
    keep(i);
  }
  size_t width = 0;
  for (const auto& [code, comment] : lines)
    if (!comment.empty()) width = std::max(width, code.size());
  width = std::min<size_t>(width, 60);
  std::string fwd;
  for (const auto& [code, comment] : lines) {
    std::string l = "        " + code;
    if (!comment.empty()) l += std::string(code.size() < width ? width - code.size() : 0, ' ') + "  # " + comment;
    fwd += l + "\n";
  }
  fwd += "        return x\n";

  // The docstring's first line: printable ASCII only, no quote or backslash
  // that could end the string early (a network's text comes from the user).
  std::string title;
  for (char c : about) title += c >= ' ' && c <= '~' && c != '"' && c != '\\' ? c : '?';
  std::string py;
  py += "\"\"\"" + title + ", exported by nnplay as a PyTorch nn.Module.\n\n";
  py += "Files: model.py (this file: the network), weights.npz (its state_dict as\n"
        "NumPy arrays), sample.npz (a few inputs and nnplay's outputs for them).\n\n"
        "    python3 model.py     # builds the network, loads the weights and checks\n"
        "                         # that PyTorch gives nnplay's outputs on the sample\n\n"
        "In your own code:\n\n"
        "    from model import load\n"
        "    model = load(\"weights.npz\")   # nn.Module in eval mode\n"
        "    y = model(x)                  # x: float32 " + shape_comment(nodes[0].shape) + " -> y: " +
        shape_comment(nodes.back().shape) + "\n"
        "\"\"\"\n";
  py += "import os\nimport sys\n\nimport numpy as np\nimport torch\nfrom torch import nn\n\n\n";
  if (se) py += kSqueezeExcitation;
  if (cbam) py += kCBAM;
  py += "class Net(nn.Module):\n";
  py += "    def __init__(self):\n        super().__init__()\n" + init + "\n";
  py += "    def forward(self, x):  # x: " + shape_comment(nodes[0].shape) + "\n" + fwd;
  py += kMain;

  // weights.npz in state_dict order: per module its parameters, then its buffers.
  std::vector<NpyArray> weights;
  for (int i = 1; i < n; ++i) {
    const nn::Node& node = nodes[static_cast<size_t>(i)];
    const Shape& in = nodes[static_cast<size_t>(node.inputs[0])].shape;
    for (const ParamRef& p : node.layer->params()) {
      NpyArray a = array_of(attr[static_cast<size_t>(i)] + "." + p.id.name, *p.value);
      a.shape = torch_shape(node, in, p.id.name, *p.value);
      weights.push_back(std::move(a));
    }
    for (const BufferRef& b : node.layer->buffers()) {
      NpyArray a = array_of(attr[static_cast<size_t>(i)] + "." + b.name, *b.value);
      a.shape = torch_shape(node, in, b.name, *b.value);
      if (std::string(b.name) == "num_batches_tracked") {
        a.is_int64 = true;
        a.i64 = {b.value->numel() ? static_cast<int64_t>(std::llround((*b.value)[0])) : 0};
        a.f32.clear();
      }
      weights.push_back(std::move(a));
    }
  }
  auto weights_npz = npz_bytes(weights);
  if (!weights_npz.ok()) return weights_npz.status();
  const NpyArray sample[] = {array_of("input", sample_x), array_of("output", sample_y)};
  auto sample_npz = npz_bytes(sample);
  if (!sample_npz.ok()) return sample_npz.status();

  std::vector<ExportFile> files;
  files.push_back({"model.py", text_bytes(py)});
  files.push_back({"weights.npz", weights_npz.take()});
  files.push_back({"sample.npz", sample_npz.take()});
  return files;
}

Status check_export_sample(const nn::Model& model, const Tensor& sample_x, const Tensor& sample_y) {
  const auto& nodes = model.nodes();
  if (!model.built()) return Error(ErrorCode::NOT_READY, "export: there is no network to export");
  if (sample_x.rank() < 1 || sample_x.shape().with_batch(1) != nodes[0].shape)
    return Error(ErrorCode::SHAPE_MISMATCH, "export: sample input " + sample_x.shape().str() +
                                                " does not fit the network's input " + nodes[0].shape.str());
  if (sample_y.rank() < 1 || sample_y.shape().with_batch(1) != nodes.back().shape || sample_y.dim(0) != sample_x.dim(0))
    return Error(ErrorCode::SHAPE_MISMATCH, "export: sample output " + sample_y.shape().str() +
                                                " does not fit the network's output " + nodes.back().shape.str());
  return Status::Ok();
}

Status export_sample(Session& session, int samples, Tensor* x, Tensor* y, std::string* about) {
  if (session.loading()) return Error(ErrorCode::NOT_READY, "export: the dataset is still loading");
  const data::Dataset* data = session.dataset();
  if (!data || !session.model().built()) return Error(ErrorCode::NOT_READY, "export: there is no network to export");
  std::vector<int32_t> idx = session.trainer().val_indices();
  if (idx.empty()) idx = session.trainer().train_indices();
  if (idx.empty()) return Error(ErrorCode::NOT_READY, "export: the dataset has no samples for the self-check");
  idx.resize(std::min(idx.size(), static_cast<size_t>(std::max(1, samples))));
  data->gather(idx, *x);
  NNP_RETURN_IF_ERROR(session.predict(*x, y));
  const SessionStatus st = session.status();
  *about = st.architecture + " trained on " + st.dataset;
  return Status::Ok();
}

Result<std::vector<ExportFile>> export_pytorch(Session& session, int samples) {
  Tensor x, y;
  std::string about;
  NNP_RETURN_IF_ERROR(export_sample(session, samples, &x, &y, &about));
  return export_pytorch(session.model(), x, y, about);
}

std::string export_files_json(const std::vector<ExportFile>& files) {
  nlohmann::json out = nlohmann::json::array();
  for (const ExportFile& f : files) {
    const bool text = f.name.size() > 3 && f.name.compare(f.name.size() - 3, 3, ".py") == 0;
    if (text) out.push_back({{"name", f.name}, {"text", std::string(f.bytes.begin(), f.bytes.end())}});
    else out.push_back({{"name", f.name}, {"base64", base64_encode(f.bytes)}});
  }
  // Invalid UTF-8 (a network's text from a link) is replaced, never an abort.
  return json_text(out);
}

Result<std::vector<uint8_t>> export_zip(const std::vector<ExportFile>& files, const std::string& folder) {
  std::vector<ZipEntry> entries;
  for (const ExportFile& f : files) entries.push_back({folder.empty() ? f.name : folder + "/" + f.name, f.bytes});
  return zip_bytes(entries);
}

}  // namespace nnplay::train
