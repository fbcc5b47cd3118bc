#include "train/export_onnx.h"

#include <algorithm>
#include <bit>
#include <cmath>

#include "core/args.h"
#include "core/protobuf.h"
#include "nn/conv2d.h"
#include "nn/input_features.h"
#include "nn/spatial_args.h"
#include "train/session.h"

namespace nnplay::train {
namespace {

static_assert(std::endian::native == std::endian::little, "raw_data is written as the host's floats");

// Field numbers of onnx.proto (onnx 1.12: /usr/lib/python3/dist-packages/onnx/onnx.proto).
namespace pb {
// message ModelProto
constexpr int kModelIrVersion = 1, kModelProducerName = 2, kModelProducerVersion = 3, kModelDocString = 6,
              kModelGraph = 7, kModelOpsetImport = 8;
// message OperatorSetIdProto
constexpr int kOpsetDomain = 1, kOpsetVersion = 2;
// message GraphProto
constexpr int kGraphNode = 1, kGraphName = 2, kGraphInitializer = 5, kGraphInput = 11, kGraphOutput = 12;
// message NodeProto
constexpr int kNodeInput = 1, kNodeOutput = 2, kNodeName = 3, kNodeOpType = 4, kNodeAttribute = 5;
// message AttributeProto, and its enum AttributeType
constexpr int kAttrName = 1, kAttrF = 2, kAttrI = 3, kAttrS = 4, kAttrInts = 8, kAttrType = 20;
constexpr int kAttrStrings = 9;
constexpr int kAttrTypeFloat = 1, kAttrTypeInt = 2, kAttrTypeString = 3, kAttrTypeInts = 7, kAttrTypeStrings = 8;
// message TensorProto, and its enum DataType
constexpr int kTensorDims = 1, kTensorDataType = 2, kTensorName = 8, kTensorRawData = 9;
constexpr int kFloat = 1, kInt64 = 7;
// message ValueInfoProto; TypeProto (tensor_type); TypeProto.Tensor; TensorShapeProto; its Dimension
constexpr int kValueName = 1, kValueType = 2;
constexpr int kTypeTensorType = 1;
constexpr int kTensorTypeElemType = 1, kTensorTypeShape = 2;
constexpr int kShapeDim = 1;
constexpr int kDimValue = 1, kDimParam = 2;
}  // namespace pb

constexpr int64_t kIrVersion = 7;  // ONNX 1.6+: what onnx 1.12's checker and onnxruntime accept with opset 13
constexpr int64_t kOpset = 13;
constexpr double kPi = 3.14159265358979323846;

/// One attribute of a node.
struct Attr {
  std::string name;
  int type;  // pb::kAttrType*
  int64_t i = 0;
  float f = 0;
  std::string s;
  std::vector<int64_t> ints;
};
Attr attr_i(const std::string& n, int64_t v) { return {n, pb::kAttrTypeInt, v, 0, "", {}}; }
Attr attr_f(const std::string& n, double v) { return {n, pb::kAttrTypeFloat, 0, static_cast<float>(v), "", {}}; }
Attr attr_s(const std::string& n, const std::string& v) { return {n, pb::kAttrTypeString, 0, 0, v, {}}; }
Attr attr_ints(const std::string& n, std::vector<int64_t> v) { return {n, pb::kAttrTypeInts, 0, 0, "", std::move(v)}; }

ProtoWriter tensor_proto(const std::string& name, const std::vector<int64_t>& dims, int data_type, const void* raw,
                         size_t bytes) {
  ProtoWriter t;
  for (int64_t d : dims) t.int64(pb::kTensorDims, d);
  t.int64(pb::kTensorDataType, data_type);
  t.string(pb::kTensorName, name);
  t.bytes(pb::kTensorRawData, raw, bytes);
  return t;
}

std::vector<int64_t> dims_of(const Shape& s) {
  std::vector<int64_t> d;
  for (int i = 0; i < s.rank; ++i) d.push_back(s[i]);
  return d;
}

/// The graph under construction: nodes and initializers in the order added.
class Graph {
 public:
  /// A float32 initializer `name` of `dims` holding `data` (numel(dims) floats).
  std::string init(const std::string& name, const std::vector<int64_t>& dims, const float* data) {
    int64_t n = 1;
    for (int64_t d : dims) n *= d;
    inits_.message(pb::kGraphInitializer, tensor_proto(name, dims, pb::kFloat, data, static_cast<size_t>(n) * 4));
    return name;
  }
  std::string init(const std::string& name, const std::vector<int64_t>& dims, const std::vector<float>& data) {
    return init(name, dims, data.data());
  }
  /// A float32 scalar constant.
  std::string scalar(const std::string& name, double v) {
    const float f = static_cast<float>(v);
    return init(name, {}, &f);
  }
  /// An int64 initializer (shapes, axes, indices); `dims` empty = scalar.
  std::string init_i64(const std::string& name, const std::vector<int64_t>& dims, const std::vector<int64_t>& v) {
    inits_.message(pb::kGraphInitializer, tensor_proto(name, dims, pb::kInt64, v.data(), v.size() * 8));
    return name;
  }
  /// Node `op` named `out` (its one output) reading `in` ("" = an omitted optional input).
  std::string node(const std::string& op, const std::vector<std::string>& in, const std::string& out,
                   const std::vector<Attr>& attrs = {}) {
    ProtoWriter n;
    for (const std::string& s : in) n.string(pb::kNodeInput, s);
    n.string(pb::kNodeOutput, out);
    n.string(pb::kNodeName, out);
    n.string(pb::kNodeOpType, op);
    for (const Attr& a : attrs) {
      ProtoWriter w;
      w.string(pb::kAttrName, a.name);
      w.int64(pb::kAttrType, a.type);
      if (a.type == pb::kAttrTypeInt) w.int64(pb::kAttrI, a.i);
      if (a.type == pb::kAttrTypeFloat) w.float32(pb::kAttrF, a.f);
      if (a.type == pb::kAttrTypeString) w.string(pb::kAttrS, a.s);
      if (a.type == pb::kAttrTypeStrings) w.string(pb::kAttrStrings, a.s);  // one string
      for (int64_t v : a.ints) w.int64(pb::kAttrInts, v);
      n.message(pb::kNodeAttribute, w);
    }
    nodes_.message(pb::kGraphNode, n);
    return out;
  }
  const ProtoWriter& nodes() const { return nodes_; }
  const ProtoWriter& inits() const { return inits_; }

 private:
  ProtoWriter nodes_, inits_;
};

ProtoWriter value_info(const std::string& name, const Shape& per_sample) {
  ProtoWriter shape;
  shape.message(pb::kShapeDim, ProtoWriter().string(pb::kDimParam, "N"));
  for (int i = 1; i < per_sample.rank; ++i) shape.message(pb::kShapeDim, ProtoWriter().int64(pb::kDimValue, per_sample[i]));
  ProtoWriter tensor;
  tensor.int64(pb::kTensorTypeElemType, pb::kFloat).message(pb::kTensorTypeShape, shape);
  ProtoWriter type;
  type.message(pb::kTypeTensorType, tensor);
  ProtoWriter v;
  v.string(pb::kValueName, name).message(pb::kValueType, type);
  return v;
}

// ------------------------------------------------------------ one node

using nn::param_named;

std::vector<float> filled(int64_t n, float v) { return std::vector<float>(static_cast<size_t>(n), v); }

/// What one nnplay node needs to write itself.
struct At {
  Graph& g;
  const nn::Node& node;
  const Args& args;
  const std::vector<std::string>& in;       // input tensor names
  const std::vector<Shape>& in_shapes;      // their per-sample shapes
  const std::string& out;                   // the node's output tensor
  std::string where;                        // "export to ONNX: layer 3 'conv1' (Conv2d)"

  std::string sub(const std::string& what) const { return node.name + "/" + what; }
  /// The node's parameter `name` as an initializer "<node>.<name>" with ONNX `dims` (nnplay's when empty).
  std::string param(const std::string& name, std::vector<int64_t> dims = {}) const {
    const Tensor* t = param_named(*node.layer, name);
    if (dims.empty())
      for (int d = 0; d < t->rank(); ++d) dims.push_back(t->dim(d));
    return g.init(node.name + "." + name, dims, t->data());
  }
  bool has_param(const std::string& name) const { return param_named(*node.layer, name) != nullptr; }
  int rank() const { return in_shapes[0].rank; }
  /// (C, 1, ..., 1): a per-channel vector broadcast over an input of rank().
  std::vector<int64_t> channel_dims(int64_t c) const {
    std::vector<int64_t> d{c};
    for (int k = 2; k < rank(); ++k) d.push_back(1);
    return d;
  }
};

Status unsupported(const At& at, const std::string& why) {
  return Error(ErrorCode::UNSUPPORTED, at.where + ": " + why);
}

/// (x − mean) / √(var + eps) over `axes` (biased variance, as nnplay's norms).
std::string normalize(At& at, const std::string& x, const std::vector<int64_t>& axes, double eps) {
  Graph& g = at.g;
  const std::string mean = g.node("ReduceMean", {x}, at.sub("mean"), {attr_ints("axes", axes), attr_i("keepdims", 1)});
  const std::string d = g.node("Sub", {x, mean}, at.sub("centered"));
  const std::string sq = g.node("Mul", {d, d}, at.sub("squared"));
  const std::string var = g.node("ReduceMean", {sq}, at.sub("var"), {attr_ints("axes", axes), attr_i("keepdims", 1)});
  const std::string ve = g.node("Add", {var, g.scalar(at.sub("eps"), eps)}, at.sub("var_eps"));
  const std::string sd = g.node("Sqrt", {ve}, at.sub("std"));
  return g.node("Div", {d, sd}, at.sub("normalized"));
}

/// y = x·γ + β with the node's weight/bias (when it has them) in `dims`; `last` names the result.
std::string affine(At& at, std::string x, const std::vector<int64_t>& dims, const std::string& last) {
  const bool w = at.has_param("weight"), b = at.has_param("bias");
  if (w) x = at.g.node("Mul", {x, at.param("weight", dims)}, b ? at.sub("scaled") : last);
  if (b) x = at.g.node("Add", {x, at.param("bias", dims)}, last);
  if (!w && !b) x = at.g.node("Identity", {x}, last);
  return x;
}

/// BatchNormalization with the node's running statistics (γ = 1, β = 0 without affine).
Status batch_norm_running(At& at, double eps) {
  const int64_t c = at.in_shapes[0][1];
  const std::string w = at.has_param("weight") ? at.param("weight") : at.g.init(at.sub("ones"), {c}, filled(c, 1));
  const std::string b = at.has_param("bias") ? at.param("bias") : at.g.init(at.sub("zeros"), {c}, filled(c, 0));
  at.g.node("BatchNormalization", {at.in[0], w, b, at.param("running_mean"), at.param("running_var")}, at.out,
            {attr_f("epsilon", eps)});
  return Status::Ok();
}

std::vector<int64_t> ints(const int* v, int n) { return std::vector<int64_t>(v, v + n); }

/// [before..., after...] (ONNX's pads order).
std::vector<int64_t> pads(const int* before, const int* after, int n) {
  std::vector<int64_t> p(before, before + n);
  p.insert(p.end(), after, after + n);
  return p;
}

Status conv(At& at, int rank) {
  auto o = nn::parse_conv_options(at.args, rank);
  if (!o.ok()) return o.status();
  const Shape& x = at.in_shapes[0];
  nn::resolve_same_padding(o.value(), {rank == 3 ? x[2] : 1, x[rank], x[rank + 1]});  // explicit pads, before/after
  const nn::ConvOptions& c = o.value();
  const int first = 3 - rank;  // 2D values live in (H, W)
  std::vector<std::string> in = {at.in[0], at.param("weight")};
  if (c.bias) in.push_back(at.param("bias"));
  at.g.node("Conv", in, at.out,
            {attr_ints("kernel_shape", ints(c.kernel_size.data() + first, rank)),
             attr_ints("strides", ints(c.stride.data() + first, rank)),
             attr_ints("dilations", ints(c.dilation.data() + first, rank)),
             attr_ints("pads", pads(c.padding.before.data() + first, c.padding.after.data() + first, rank)),
             attr_i("group", c.groups)});
  return Status::Ok();
}

template <size_t R>
Result<std::array<int, R>> axes_of(const Args& a, const char* key, int lo, int hi, std::array<int, R> fallback) {
  return nn::get_int_axes<R>(a, key, lo, hi, fallback);
}

Status conv_transpose(At& at) {
  auto k = axes_of<2>(at.args, "kernel_size", 1, 64, {1, 1});
  auto s = axes_of<2>(at.args, "stride", 1, 64, {1, 1});
  auto p = axes_of<2>(at.args, "padding", 0, 64, {0, 0});
  auto op = axes_of<2>(at.args, "output_padding", 0, 64, {0, 0});
  auto d = axes_of<2>(at.args, "dilation", 1, 64, {1, 1});
  auto groups = at.args.get_int("groups", 1, 1 << 16, 1);
  for (const auto* r : {&k, &s, &p, &op, &d})
    if (!r->ok()) return r->status();
  if (!groups.ok()) return groups.status();
  std::vector<std::string> in = {at.in[0], at.param("weight")};
  if (at.has_param("bias")) in.push_back(at.param("bias"));
  at.g.node("ConvTranspose", in, at.out,
            {attr_ints("kernel_shape", ints(k.value().data(), 2)), attr_ints("strides", ints(s.value().data(), 2)),
             attr_ints("dilations", ints(d.value().data(), 2)),
             attr_ints("pads", pads(p.value().data(), p.value().data(), 2)),
             attr_ints("output_padding", ints(op.value().data(), 2)), attr_i("group", groups.value())});
  return Status::Ok();
}

Status pool(At& at, bool max) {
  auto k = axes_of<2>(at.args, "kernel_size", 1, 64, {1, 1});
  if (!k.ok()) return k.status();
  auto s = axes_of<2>(at.args, "stride", 1, 64, k.value());
  auto p = axes_of<2>(at.args, "padding", 0, 32, {0, 0});
  auto d = axes_of<2>(at.args, "dilation", 1, 64, {1, 1});
  auto cip = at.args.get_bool("count_include_pad", true);
  auto ceil = at.args.get_bool("ceil_mode", false);
  for (const auto* r : {&s, &p, &d})
    if (!r->ok()) return r->status();
  if (!cip.ok()) return cip.status();
  if (!ceil.ok()) return ceil.status();
  std::vector<Attr> attrs = {attr_ints("kernel_shape", ints(k.value().data(), 2)),
                             attr_ints("strides", ints(s.value().data(), 2)),
                             attr_ints("pads", pads(p.value().data(), p.value().data(), 2))};
  // ONNX's ceil_mode has PyTorch's output size rule (a window may not start in the right padding).
  if (ceil.value()) attrs.push_back(attr_i("ceil_mode", 1));
  if (max) attrs.push_back(attr_ints("dilations", ints(d.value().data(), 2)));
  else attrs.push_back(attr_i("count_include_pad", cip.value() ? 1 : 0));
  at.g.node(max ? "MaxPool" : "AveragePool", {at.in[0]}, at.out, attrs);
  return Status::Ok();
}

Status adaptive_avg_pool(At& at) {
  auto o = axes_of<2>(at.args, "output_size", 1, 4096, {1, 1});
  if (!o.ok()) return o.status();
  const int oh = o.value()[0], ow = o.value()[1], h = at.in_shapes[0][2], w = at.in_shapes[0][3];
  if (oh == 1 && ow == 1) {
    at.g.node("GlobalAveragePool", {at.in[0]}, at.out);
    return Status::Ok();
  }
  // Equal, disjoint bins only: then it is a plain average pool.
  if (h % oh != 0 || w % ow != 0)
    return unsupported(at, "output_size " + std::to_string(oh) + "x" + std::to_string(ow) + " does not divide the " +
                               std::to_string(h) + "x" + std::to_string(w) +
                               " input: its bins overlap and ONNX opset 13 has no adaptive pooling");
  at.g.node("AveragePool", {at.in[0]}, at.out,
            {attr_ints("kernel_shape", {h / oh, w / ow}), attr_ints("strides", {h / oh, w / ow})});
  return Status::Ok();
}

Status upsample(At& at) {
  double scale[2] = {1, 1};
  NNP_RETURN_IF_ERROR(nn::get_axes(at.args, "scale_factor", 2, 1e-3, 64, false, scale));
  const std::string mode = at.args.get_text("mode", "nearest");
  auto ac = at.args.get_bool("align_corners", false);
  if (!ac.ok()) return ac.status();
  const float scales[4] = {1, 1, static_cast<float>(scale[0]), static_cast<float>(scale[1])};
  const std::string sc = at.g.init(at.sub("scales"), {4}, scales);
  // nnplay's (= PyTorch's) source coordinates: nearest floor(i / scale); bilinear
  // (i + 0.5) / scale − 0.5 clamped at 0 (pytorch_half_pixel) or i·(H − 1)/(OH − 1).
  std::vector<Attr> attrs;
  if (mode == "nearest") {
    attrs = {attr_s("mode", "nearest"), attr_s("coordinate_transformation_mode", "asymmetric"),
             attr_s("nearest_mode", "floor")};
  } else {
    attrs = {attr_s("mode", "linear"),
             attr_s("coordinate_transformation_mode", ac.value() ? "align_corners" : "pytorch_half_pixel")};
  }
  at.g.node("Resize", {at.in[0], "", sc}, at.out, attrs);
  return Status::Ok();
}

/// x (N, d1, ...) -> (N, dims of `s` after the batch) by Reshape (0 copies N).
std::string reshape(At& at, const std::string& x, std::vector<int64_t> dims, const std::string& out,
                    const std::string& what) {
  dims.insert(dims.begin(), 0);
  return at.g.node("Reshape", {x, at.g.init_i64(at.sub(what), {static_cast<int64_t>(dims.size())}, dims)}, out);
}

Status gelu(At& at, bool tanh_form) {
  Graph& g = at.g;
  const std::string& x = at.in[0];
  const std::string half = g.scalar(at.sub("half"), 0.5), one = g.scalar(at.sub("one"), 1.0);
  std::string inner;
  if (!tanh_form) {  // ½x(1 + erf(x/√2))
    const std::string a = g.node("Div", {x, g.scalar(at.sub("sqrt2"), std::sqrt(2.0))}, at.sub("scaled"));
    inner = g.node("Erf", {a}, at.sub("erf"));
  } else {  // ½x(1 + tanh(√(2/π)(x + 0.044715x³)))
    const std::string x2 = g.node("Mul", {x, x}, at.sub("x2"));
    const std::string x3 = g.node("Mul", {x2, x}, at.sub("x3"));
    const std::string c = g.node("Mul", {x3, g.scalar(at.sub("c"), 0.044715)}, at.sub("cubic"));
    const std::string s = g.node("Add", {x, c}, at.sub("sum"));
    const std::string k = g.node("Mul", {s, g.scalar(at.sub("k"), std::sqrt(2.0 / kPi))}, at.sub("arg"));
    inner = g.node("Tanh", {k}, at.sub("tanh"));
  }
  const std::string p = g.node("Add", {inner, one}, at.sub("plus1"));
  const std::string hx = g.node("Mul", {x, half}, at.sub("half_x"));
  g.node("Mul", {hx, p}, at.out);
  return Status::Ok();
}

/// The two-layer MLP of SqueezeExcitation and CBAM on v (N, C): fc2(ReLU(fc1(v))).
std::string mlp(At& at, const std::string& v, const std::string& prefix, const std::string& tag) {
  Graph& g = at.g;
  const std::string w1 = at.node.name + "." + prefix + "fc1.weight", b1 = at.node.name + "." + prefix + "fc1.bias";
  const std::string w2 = at.node.name + "." + prefix + "fc2.weight", b2 = at.node.name + "." + prefix + "fc2.bias";
  const std::string h = g.node("Gemm", {v, w1, b1}, at.sub(tag + "fc1"), {attr_i("transB", 1)});
  const std::string r = g.node("Relu", {h}, at.sub(tag + "relu"));
  return g.node("Gemm", {r, w2, b2}, at.sub(tag + "fc2"), {attr_i("transB", 1)});
}

void mlp_weights(At& at, const std::string& prefix) {
  for (const char* p : {"fc1.weight", "fc1.bias", "fc2.weight", "fc2.bias"}) at.param(prefix + p);
}

/// (N, C) -> (N, C, 1, 1)
std::string unsqueeze_hw(At& at, const std::string& a) {
  return at.g.node("Unsqueeze", {a, at.g.init_i64(at.sub("hw_axes"), {2}, {2, 3})}, at.sub("gate"));
}

Status squeeze_excitation(At& at) {
  Graph& g = at.g;
  mlp_weights(at, "");
  const std::string s = g.node("GlobalAveragePool", {at.in[0]}, at.sub("squeeze"));
  const std::string f = g.node("Flatten", {s}, at.sub("squeeze_flat"), {attr_i("axis", 1)});
  const std::string a = g.node("Sigmoid", {mlp(at, f, "", "")}, at.sub("excitation"));
  g.node("Mul", {at.in[0], unsqueeze_hw(at, a)}, at.out);
  return Status::Ok();
}

/// InputFeatures: (N, 2) -> each feature as an (N, 1) column (Slice keeps the
/// axis), squares and products by Mul, sines by Sin, then Concat on axis 1.
Status input_features(At& at) {
  auto f = nn::parse_input_features(at.args.get_text("features", ""));
  if (!f.ok()) return f.status();
  Graph& g = at.g;
  auto column = [&](int i) {
    const std::string n = i == 0 ? "x1" : "x2";
    return g.node("Slice", {at.in[0], g.init_i64(at.sub(n + "_start"), {1}, {i}), g.init_i64(at.sub(n + "_end"), {1}, {i + 1}),
                            g.init_i64(at.sub(n + "_axis"), {1}, {1})},
                  at.sub(n));
  };
  const std::string x1 = column(0), x2 = column(1);
  std::vector<std::string> cols;
  for (nn::InputFeature k : f.value()) {
    const std::string key = nn::input_feature_key(k);
    switch (k) {
      case nn::InputFeature::X1: cols.push_back(x1); break;
      case nn::InputFeature::X2: cols.push_back(x2); break;
      case nn::InputFeature::X1Sq: cols.push_back(g.node("Mul", {x1, x1}, at.sub(key))); break;
      case nn::InputFeature::X2Sq: cols.push_back(g.node("Mul", {x2, x2}, at.sub(key))); break;
      case nn::InputFeature::X1X2: cols.push_back(g.node("Mul", {x1, x2}, at.sub(key))); break;
      case nn::InputFeature::SinX1: cols.push_back(g.node("Sin", {x1}, at.sub(key))); break;
      case nn::InputFeature::SinX2: cols.push_back(g.node("Sin", {x2}, at.sub(key))); break;
    }
  }
  g.node("Concat", cols, at.out, {attr_i("axis", 1)});
  return Status::Ok();
}

Status cbam(At& at) {
  Graph& g = at.g;
  auto k = at.args.get_int("kernel_size", 1, 31, 7);
  if (!k.ok()) return k.status();
  mlp_weights(at, "channel.");
  const std::string& x = at.in[0];
  const std::string avg = g.node("Flatten", {g.node("GlobalAveragePool", {x}, at.sub("avg_hw"))}, at.sub("avg_flat"),
                                 {attr_i("axis", 1)});
  const std::string mx = g.node("Flatten", {g.node("GlobalMaxPool", {x}, at.sub("max_hw"))}, at.sub("max_flat"),
                                {attr_i("axis", 1)});
  const std::string sum = g.node("Add", {mlp(at, avg, "channel.", "avg_"), mlp(at, mx, "channel.", "max_")},
                                 at.sub("channel_sum"));
  const std::string mc = g.node("Sigmoid", {sum}, at.sub("channel_mask"));
  const std::string f1 = g.node("Mul", {x, unsqueeze_hw(at, mc)}, at.sub("channel_out"));
  const std::string cm = g.node("ReduceMean", {f1}, at.sub("avg_c"), {attr_ints("axes", {1}), attr_i("keepdims", 1)});
  const std::string cx = g.node("ReduceMax", {f1}, at.sub("max_c"), {attr_ints("axes", {1}), attr_i("keepdims", 1)});
  const std::string pooled = g.node("Concat", {cm, cx}, at.sub("pooled"), {attr_i("axis", 1)});
  const int total = k.value() - 1;  // padding "same"
  const std::string sc = g.node("Conv", {pooled, at.param("spatial.weight")}, at.sub("spatial"),
                                {attr_ints("kernel_shape", {k.value(), k.value()}),
                                 attr_ints("pads", {total / 2, total / 2, total - total / 2, total - total / 2})});
  const std::string ms = g.node("Sigmoid", {sc}, at.sub("spatial_mask"));
  g.node("Mul", {f1, ms}, at.out);
  return Status::Ok();
}

/// RNN or LSTM over (N, T, D): ONNX's ops are time-major (opset 13 has no
/// layout attribute), so Transpose in and out; Y (T, 1, N, H) loses its
/// num_directions axis by Squeeze. Weights get that axis too:
/// W (1, G·H, D), R (1, G·H, H), B (1, 2·G·H) = [b_ih, b_hh]; LSTM gate blocks
/// reordered from nnplay's (PyTorch's) i, f, g, o to ONNX's i, o, f, c.
Status recurrent(At& at, bool lstm) {
  Graph& g = at.g;
  auto hidden = at.args.get_int("hidden_size", 1, 1 << 16);
  if (!hidden.ok()) return hidden.status();
  const int64_t h = hidden.value(), gates = lstm ? 4 : 1, d = at.in_shapes[0][2];
  const std::vector<int> order = lstm ? std::vector<int>{0, 3, 1, 2} : std::vector<int>{0};  // ONNX block k = nnplay's order[k]
  auto reordered = [&](const std::string& name, int64_t cols) {
    const float* src = param_named(*at.node.layer, name)->data();
    std::vector<float> v;
    for (int block : order) v.insert(v.end(), src + block * h * cols, src + (block + 1) * h * cols);
    return v;
  };
  std::vector<std::string> in;
  in.push_back(g.node("Transpose", {at.in[0]}, at.sub("time_major"), {attr_ints("perm", {1, 0, 2})}));
  in.push_back(g.init(at.node.name + ".weight_ih_l0", {1, gates * h, d}, reordered("weight_ih_l0", d)));
  in.push_back(g.init(at.node.name + ".weight_hh_l0", {1, gates * h, h}, reordered("weight_hh_l0", h)));
  if (at.has_param("bias_ih_l0")) {
    std::vector<float> b = reordered("bias_ih_l0", 1), bh = reordered("bias_hh_l0", 1);
    b.insert(b.end(), bh.begin(), bh.end());
    in.push_back(g.init(at.node.name + ".bias_l0", {1, 2 * gates * h}, b));
  }
  std::vector<Attr> attrs = {attr_i("hidden_size", h)};
  if (!lstm) {
    const std::string nl = at.args.get_text("nonlinearity", "tanh");
    if (nl != "tanh" && nl != "relu") return unsupported(at, "nonlinearity='" + nl + "'");
    attrs.push_back({"activations", pb::kAttrTypeStrings, 0, 0, nl == "relu" ? "Relu" : "Tanh", {}});
  }
  const std::string y = g.node(lstm ? "LSTM" : "RNN", in, at.sub("y"), attrs);
  const std::string sq = g.node("Squeeze", {y, g.init_i64(at.sub("dir_axis"), {1}, {1})}, at.sub("y_squeezed"));
  g.node("Transpose", {sq}, at.out, {attr_ints("perm", {1, 0, 2})});
  return Status::Ok();
}

/// Writes node `at.node` (type `type`) into the graph.
Status emit(At& at, const std::string& type) {
  Graph& g = at.g;
  const Args& a = at.args;
  const std::string& x = at.in[0];
  auto get_eps = [&]() { return a.get_double("eps", 0.0, 1.0, 1e-5); };
  if (type == "Linear") {
    std::string v = x;
    if (at.rank() > 2) v = reshape(at, x, {-1}, at.sub("flatten"), "flat_shape");  // nnplay flattens (N, ...) -> (N, D)
    std::vector<std::string> in = {v, at.param("weight")};
    if (at.has_param("bias")) in.push_back(at.param("bias"));
    g.node("Gemm", in, at.out, {attr_i("transB", 1)});
  } else if (type == "ReLU" || type == "Sigmoid" || type == "Tanh") {
    g.node(type == "ReLU" ? "Relu" : type, {x}, at.out);
  } else if (type == "LeakyReLU") {
    auto s = a.get_double("negative_slope", -1e6, 1e6, 0.01);
    if (!s.ok()) return s.status();
    g.node("LeakyRelu", {x}, at.out, {attr_f("alpha", s.value())});
  } else if (type == "ELU") {
    auto alpha = a.get_double("alpha", -1e6, 1e6, 1.0);
    if (!alpha.ok()) return alpha.status();
    g.node("Elu", {x}, at.out, {attr_f("alpha", alpha.value())});
  } else if (type == "GELU") {
    return gelu(at, a.get_text("approximate", "none") == "tanh");
  } else if (type == "Softmax") {
    auto dim = a.get_int("dim", -Shape::kMaxRank, Shape::kMaxRank - 1, 1);
    if (!dim.ok()) return dim.status();
    g.node("Softmax", {x}, at.out, {attr_i("axis", dim.value())});  // opset 13: along one axis, as nnplay
  } else if (type == "Conv2d" || type == "Conv3d") {
    return conv(at, type == "Conv2d" ? 2 : 3);
  } else if (type == "ConvTranspose2d") {
    return conv_transpose(at);
  } else if (type == "MaxPool2d" || type == "AvgPool2d") {
    return pool(at, type == "MaxPool2d");
  } else if (type == "AdaptiveAvgPool2d") {
    return adaptive_avg_pool(at);
  } else if (type == "Upsample") {
    return upsample(at);
  } else if (type == "Flatten") {
    const std::vector<int64_t> out = dims_of(at.node.shape);
    reshape(at, x, std::vector<int64_t>(out.begin() + 1, out.end()), at.out, "shape");
  } else if (type == "Dropout") {
    g.node("Identity", {x}, at.out);  // eval mode
  } else if (type == "BatchNorm1d" || type == "BatchNorm2d") {
    auto eps = get_eps();
    if (!eps.ok()) return eps.status();
    if (at.has_param("running_mean")) return batch_norm_running(at, eps.value());
    // track_running_stats=false: the batch's statistics in eval mode too (as nnplay and PyTorch).
    std::vector<int64_t> axes = {0};
    for (int k = 2; k < at.rank(); ++k) axes.push_back(k);
    affine(at, normalize(at, x, axes, eps.value()), at.channel_dims(at.in_shapes[0][1]), at.out);
  } else if (type == "InstanceNorm2d") {
    auto eps = get_eps();
    if (!eps.ok()) return eps.status();
    if (at.has_param("running_mean")) return batch_norm_running(at, eps.value());  // eval: running statistics
    affine(at, normalize(at, x, {2, 3}, eps.value()), at.channel_dims(at.in_shapes[0][1]), at.out);
  } else if (type == "LayerNorm") {
    auto eps = get_eps();
    auto shape = a.get_list("normalized_shape", 1, 1 << 24, {});
    if (!eps.ok()) return eps.status();
    if (!shape.ok()) return shape.status();
    const int k = shape.value().empty() ? at.rank() - 1 : static_cast<int>(shape.value().size());
    std::vector<int64_t> axes, dims;
    for (int d = at.rank() - k; d < at.rank(); ++d) axes.push_back(d), dims.push_back(at.in_shapes[0][d]);
    affine(at, normalize(at, x, axes, eps.value()), dims, at.out);
  } else if (type == "GroupNorm") {
    auto groups = a.get_int("num_groups", 1, 1 << 16);
    auto eps = get_eps();
    if (!groups.ok()) return groups.status();
    if (!eps.ok()) return eps.status();
    // (N, C, ...) -> (N, G, C/G·S), normalise each row, back to (N, C, ...), per-channel affine.
    const std::string r = reshape(at, x, {groups.value(), -1}, at.sub("grouped"), "group_shape");
    const std::string nrm = normalize(at, r, {2}, eps.value());
    const std::vector<int64_t> full = dims_of(at.in_shapes[0]);
    const std::string back = reshape(at, nrm, std::vector<int64_t>(full.begin() + 1, full.end()), at.sub("ungrouped"),
                                     "channel_shape");
    affine(at, back, at.channel_dims(at.in_shapes[0][1]), at.out);
  } else if (type == "Add" || type == "Mul") {
    g.node(type, {at.in[0], at.in[1]}, at.out);
  } else if (type == "Concat") {
    auto dim = a.get_int("dim", -Shape::kMaxRank, Shape::kMaxRank - 1, 1);
    if (!dim.ok()) return dim.status();
    g.node("Concat", at.in, at.out, {attr_i("axis", dim.value())});
  } else if (type == "Select" || type == "SelectLast") {
    auto dim = type == "Select" ? a.get_int("dim", -Shape::kMaxRank, Shape::kMaxRank - 1) : Result<int>(1);
    auto index = type == "Select" ? a.get_int("index", -(1 << 20), 1 << 20) : Result<int>(-1);
    if (!dim.ok()) return dim.status();
    if (!index.ok()) return index.status();
    // A scalar index: Gather drops the axis, as torch.select.
    g.node("Gather", {x, g.init_i64(at.sub("index"), {}, {index.value()})}, at.out, {attr_i("axis", dim.value())});
  } else if (type == "InputFeatures") {
    return input_features(at);
  } else if (type == "SqueezeExcitation") {
    return squeeze_excitation(at);
  } else if (type == "CBAM") {
    return cbam(at);
  } else if (type == "RNN" || type == "LSTM") {
    return recurrent(at, type == "LSTM");
  } else {
    return unsupported(at, "has no ONNX form in nnplay's exporter yet");
  }
  return Status::Ok();
}

const char* const kTypes[] = {"Linear",   "ReLU",      "Sigmoid",         "Tanh",       "LeakyReLU",   "ELU",
                              "GELU",     "Softmax",   "Conv2d",          "Conv3d",     "ConvTranspose2d",
                              "MaxPool2d", "AvgPool2d", "AdaptiveAvgPool2d", "Upsample", "Flatten",     "Dropout",
                              "BatchNorm1d", "BatchNorm2d", "InstanceNorm2d", "LayerNorm", "GroupNorm", "Add",
                              "Mul",      "Concat",    "Select",          "SelectLast", "SqueezeExcitation", "CBAM",
                              "RNN",      "LSTM",      "InputFeatures"};

std::vector<uint8_t> tensor_file(const std::string& name, const Tensor& t) {
  std::vector<int64_t> dims;
  for (int d = 0; d < t.rank(); ++d) dims.push_back(t.dim(d));
  return tensor_proto(name, dims, pb::kFloat, t.data(), static_cast<size_t>(t.numel()) * 4).take();
}

}  // namespace

bool exports_to_onnx(const std::string& type) {
  return std::any_of(std::begin(kTypes), std::end(kTypes), [&](const char* t) { return type == t; });
}

Result<std::vector<ExportFile>> export_onnx(const nn::Model& model, const Tensor& sample_x, const Tensor& sample_y,
                                            const std::string& about) {
  const auto& nodes = model.nodes();
  NNP_RETURN_IF_ERROR(check_export_sample(model, sample_x, sample_y));
  const int n = static_cast<int>(nodes.size());
  // Tensor names: node names, the graph's own "input" and "output" at the ends
  // (a node that happens to be named so elsewhere gets a trailing underscore).
  std::vector<std::string> tensor(static_cast<size_t>(n));
  for (int i = 0; i < n; ++i) {
    const std::string& name = nodes[static_cast<size_t>(i)].name;
    tensor[static_cast<size_t>(i)] = i == 0 ? "input" : i == n - 1 ? "output"
                                            : name == "input" || name == "output" ? name + "_" : name;
  }
  Graph g;
  for (int i = 1; i < n; ++i) {
    const nn::Node& node = nodes[static_cast<size_t>(i)];
    const std::string type = node.layer->type_name();
    const std::string where = "export to ONNX: layer " + std::to_string(i) + " '" + node.name + "' (" + type + ")";
    if (!exports_to_onnx(type)) return Error(ErrorCode::UNSUPPORTED, where + " has no ONNX form in nnplay's exporter yet");
    auto call = parse_call(type + (node.args.empty() ? "" : "(" + node.args + ")"));
    if (!call.ok()) return Error(ErrorCode::INVALID_ARGUMENT, where + ": " + call.status().message());
    const Args args(type, call.value().second.values());
    std::vector<std::string> in;
    std::vector<Shape> in_shapes;
    for (int src : node.inputs) {
      in.push_back(tensor[static_cast<size_t>(src)]);
      in_shapes.push_back(nodes[static_cast<size_t>(src)].shape);
    }
    At at{g, node, args, in, in_shapes, tensor[static_cast<size_t>(i)], where};
    const Status st = emit(at, type);
    if (!st.ok())
      return Error(st.code(), st.message().rfind(where, 0) == 0 ? st.message() : where + ": " + st.message());
  }

  // GraphProto: nodes, name, initializers, input, output.
  std::vector<uint8_t> body = g.nodes().data();
  ProtoWriter head;
  head.string(pb::kGraphName, "nnplay");
  body.insert(body.end(), head.data().begin(), head.data().end());
  body.insert(body.end(), g.inits().data().begin(), g.inits().data().end());
  ProtoWriter io;
  io.message(pb::kGraphInput, value_info("input", nodes[0].shape));
  io.message(pb::kGraphOutput, value_info("output", nodes.back().shape));
  body.insert(body.end(), io.data().begin(), io.data().end());

  ProtoWriter m;
  m.int64(pb::kModelIrVersion, kIrVersion);
  m.string(pb::kModelProducerName, "nnplay");
  m.string(pb::kModelProducerVersion, "1");
  // The doc string: printable ASCII only (a network's text comes from the user).
  std::string doc;
  for (char c : about) doc += c >= ' ' && c <= '~' ? c : '?';
  m.string(pb::kModelDocString, doc + " (exported by nnplay)");
  m.bytes(pb::kModelGraph, body.data(), body.size());
  m.message(pb::kModelOpsetImport, ProtoWriter().string(pb::kOpsetDomain, "").int64(pb::kOpsetVersion, kOpset));

  std::vector<ExportFile> files;
  files.push_back({"model.onnx", m.take()});
  files.push_back({"test_data_set_0/input_0.pb", tensor_file("input", sample_x)});
  files.push_back({"test_data_set_0/output_0.pb", tensor_file("output", sample_y)});
  return files;
}

Result<std::vector<ExportFile>> export_onnx(Session& session, int samples) {
  Tensor x, y;
  std::string about;
  NNP_RETURN_IF_ERROR(export_sample(session, samples, &x, &y, &about));
  return export_onnx(session.model(), x, y, about);
}

}  // namespace nnplay::train
