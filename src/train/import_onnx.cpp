#include "train/import_onnx.h"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <map>
#include <set>

#include "core/args.h"
#include "core/protobuf.h"

namespace nnplay::train {
namespace {

// Field numbers of onnx.proto (https://github.com/onnx/onnx/blob/main/onnx/onnx.proto).
enum : int {
  kModelGraph = 7,
  kGraphNode = 1, kGraphInitializer = 5, kGraphInput = 11, kGraphOutput = 12,
  kNodeInput = 1, kNodeOutput = 2, kNodeName = 3, kNodeOpType = 4, kNodeAttribute = 5,
  kAttrName = 1, kAttrF = 2, kAttrI = 3, kAttrS = 4, kAttrT = 5, kAttrInts = 8,
  kTensorDims = 1, kTensorDataType = 2, kTensorFloatData = 4, kTensorInt64Data = 7, kTensorName = 8,
  kTensorRawData = 9, kTensorDataLocation = 14,
  kValueName = 1, kValueType = 2, kTypeTensor = 1, kTensorTypeElem = 1, kTensorTypeShape = 2,
  kShapeDim = 1, kDimValue = 1, kDimParam = 2,
};
enum : int { kFloat = 1, kInt64 = 7 };

struct OnnxTensor {
  std::vector<int64_t> dims;
  int type = 0;
  std::vector<float> f;
  std::vector<int64_t> i;
};

struct Attr {
  float f = 0;
  int64_t i = 0;
  std::string s;
  std::vector<int64_t> ints;
  OnnxTensor t;
  bool has_t = false;
};

struct OnnxNode {
  std::string name, op;
  std::vector<std::string> in, out;
  std::map<std::string, Attr> attrs;
  int64_t geti(const std::string& k, int64_t def) const {
    auto it = attrs.find(k);
    return it == attrs.end() ? def : it->second.i;
  }
  float getf(const std::string& k, float def) const {
    auto it = attrs.find(k);
    return it == attrs.end() ? def : it->second.f;
  }
  std::vector<int64_t> getints(const std::string& k) const {
    auto it = attrs.find(k);
    return it == attrs.end() ? std::vector<int64_t>{} : it->second.ints;
  }
};

struct ValueInfo {
  std::string name;
  std::vector<int64_t> dims;  // -1: symbolic (dim_param) or absent
  int elem = 0;
};

Status parse_tensor(std::span<const uint8_t> b, const std::string& what, std::string* name, OnnxTensor* t) {
  ProtoReader r(b, what);
  ProtoField f;
  std::span<const uint8_t> raw;
  bool external = false;
  while (r.next(&f)) {
    if (f.field == kTensorDims) {
      if (f.wire_type == 0) t->dims.push_back(static_cast<int64_t>(f.value));
      else NNP_RETURN_IF_ERROR(unpack_varints(f.bytes, &t->dims));
    } else if (f.field == kTensorDataType && f.wire_type == 0) {
      t->type = static_cast<int>(f.value);
    } else if (f.field == kTensorName && f.wire_type == 2) {
      name->assign(f.bytes.begin(), f.bytes.end());
    } else if (f.field == kTensorRawData && f.wire_type == 2) {
      raw = f.bytes;
    } else if (f.field == kTensorFloatData) {
      if (f.wire_type == 5) {
        t->f.push_back(f.as_float());
      } else if (f.wire_type == 2) {
        for (size_t k = 0; k + 4 <= f.bytes.size(); k += 4) {
          float v;
          std::memcpy(&v, f.bytes.data() + k, 4);  // little-endian (x86, wasm)
          t->f.push_back(v);
        }
      }
    } else if (f.field == kTensorInt64Data) {
      if (f.wire_type == 0) t->i.push_back(static_cast<int64_t>(f.value));
      else if (f.wire_type == 2) NNP_RETURN_IF_ERROR(unpack_varints(f.bytes, &t->i));
    } else if (f.field == kTensorDataLocation && f.wire_type == 0) {
      external = f.value == 1;
    }
  }
  NNP_RETURN_IF_ERROR(r.status());
  if (external)
    return Error(ErrorCode::UNSUPPORTED, what + " '" + *name + "' keeps its data in an external file; export the model "
                                                               "as one file (torch.onnx.export without external data)");
  int64_t count = 1;
  for (int64_t d : t->dims) {
    if (d < 0 || d > (int64_t{1} << 31)) return Error(ErrorCode::PARSE_ERROR, what + " '" + *name + "' has a dimension " + std::to_string(d));
    count *= d;
    if (count > (int64_t{1} << 31)) return Error(ErrorCode::PARSE_ERROR, what + " '" + *name + "' is too large");
  }
  const int64_t elem = t->type == kInt64 ? 8 : 4;
  if (!raw.empty()) {
    if (static_cast<int64_t>(raw.size()) != count * elem)
      return Error(ErrorCode::PARSE_ERROR, what + " '" + *name + "': " + std::to_string(raw.size()) +
                                               " bytes of data for " + std::to_string(count) + " elements");
    if (t->type == kFloat) {
      t->f.resize(static_cast<size_t>(count));
      std::memcpy(t->f.data(), raw.data(), raw.size());
    } else if (t->type == kInt64) {
      t->i.resize(static_cast<size_t>(count));
      std::memcpy(t->i.data(), raw.data(), raw.size());
    }
  }
  if (t->type != kFloat && t->type != kInt64)
    return Error(ErrorCode::UNSUPPORTED, what + " '" + *name + "' has data type " + std::to_string(t->type) +
                                             " (nnplay reads float32 weights and int64 shapes)");
  const size_t have = t->type == kFloat ? t->f.size() : t->i.size();
  if (static_cast<int64_t>(have) != count)
    return Error(ErrorCode::PARSE_ERROR, what + " '" + *name + "': " + std::to_string(have) + " values for " +
                                             std::to_string(count) + " elements");
  return Status::Ok();
}

Status parse_node(std::span<const uint8_t> b, const std::string& what, OnnxNode* n) {
  ProtoReader r(b, what);
  ProtoField f;
  while (r.next(&f)) {
    if (f.wire_type != 2) continue;
    const std::string text(f.bytes.begin(), f.bytes.end());
    if (f.field == kNodeInput) n->in.push_back(text);
    else if (f.field == kNodeOutput) n->out.push_back(text);
    else if (f.field == kNodeName) n->name = text;
    else if (f.field == kNodeOpType) n->op = text;
    else if (f.field == kNodeAttribute) {
      ProtoReader ar(f.bytes, what + " attribute");
      ProtoField a;
      std::string name;
      Attr attr;
      while (ar.next(&a)) {
        if (a.field == kAttrName && a.wire_type == 2) name.assign(a.bytes.begin(), a.bytes.end());
        else if (a.field == kAttrF && a.wire_type == 5) attr.f = a.as_float();
        else if (a.field == kAttrI && a.wire_type == 0) attr.i = static_cast<int64_t>(a.value);
        else if (a.field == kAttrS && a.wire_type == 2) attr.s.assign(a.bytes.begin(), a.bytes.end());
        else if (a.field == kAttrInts && a.wire_type == 0) attr.ints.push_back(static_cast<int64_t>(a.value));
        else if (a.field == kAttrInts && a.wire_type == 2) NNP_RETURN_IF_ERROR(unpack_varints(a.bytes, &attr.ints));
        else if (a.field == kAttrT && a.wire_type == 2) {
          std::string tname;
          NNP_RETURN_IF_ERROR(parse_tensor(a.bytes, what + " attribute tensor", &tname, &attr.t));
          attr.has_t = true;
        }
      }
      NNP_RETURN_IF_ERROR(ar.status());
      n->attrs[name] = std::move(attr);
    }
  }
  NNP_RETURN_IF_ERROR(r.status());
  return Status::Ok();
}

/// Calls fn(field) for each field of message `b`; stops at the first error.
template <class F>
Status each_field(std::span<const uint8_t> b, const std::string& what, F&& fn) {
  ProtoReader r(b, what);
  ProtoField f;
  while (r.next(&f)) NNP_RETURN_IF_ERROR(fn(f));
  return r.status();
}

/// ValueInfoProto: name, then type.tensor_type {elem_type, shape.dim[] {dim_value | dim_param}}.
Status parse_value_info(std::span<const uint8_t> b, const std::string& what, ValueInfo* v) {
  auto dim = [&](const ProtoField& d) -> Status {
    if (d.field != kShapeDim || d.wire_type != 2) return Status::Ok();
    int64_t value = -1;  // a dim_param (symbolic) or nothing
    NNP_RETURN_IF_ERROR(each_field(d.bytes, what, [&](const ProtoField& x) {
      if (x.field == kDimValue && x.wire_type == 0) value = static_cast<int64_t>(x.value);
      return Status::Ok();
    }));
    v->dims.push_back(value);
    return Status::Ok();
  };
  auto tensor_type = [&](const ProtoField& tt) -> Status {
    if (tt.field == kTensorTypeElem && tt.wire_type == 0) v->elem = static_cast<int>(tt.value);
    if (tt.field == kTensorTypeShape && tt.wire_type == 2) return each_field(tt.bytes, what, dim);
    return Status::Ok();
  };
  auto type = [&](const ProtoField& t) -> Status {
    return t.field == kTypeTensor && t.wire_type == 2 ? each_field(t.bytes, what, tensor_type) : Status::Ok();
  };
  return each_field(b, what, [&](const ProtoField& f) -> Status {
    if (f.field == kValueName && f.wire_type == 2) v->name.assign(f.bytes.begin(), f.bytes.end());
    if (f.field == kValueType && f.wire_type == 2) return each_field(f.bytes, what, type);
    return Status::Ok();
  });
}

struct Graph {
  std::vector<OnnxNode> nodes;
  std::map<std::string, OnnxTensor> weights;
  std::vector<ValueInfo> inputs, outputs;
};

Status parse_model(std::span<const uint8_t> bytes, const std::string& file, Graph* g) {
  ProtoReader r(bytes, file);
  ProtoField f;
  std::span<const uint8_t> graph;
  while (r.next(&f))
    if (f.field == kModelGraph && f.wire_type == 2) graph = f.bytes;
  NNP_RETURN_IF_ERROR(r.status());
  if (graph.empty()) return Error(ErrorCode::PARSE_ERROR, file + ": not an ONNX model (no graph)");
  ProtoReader gr(graph, file + ": graph");
  while (gr.next(&f)) {
    if (f.wire_type != 2) continue;
    if (f.field == kGraphNode) {
      OnnxNode n;
      NNP_RETURN_IF_ERROR(parse_node(f.bytes, file + ": node " + std::to_string(g->nodes.size() + 1), &n));
      g->nodes.push_back(std::move(n));
    } else if (f.field == kGraphInitializer) {
      std::string name;
      OnnxTensor t;
      NNP_RETURN_IF_ERROR(parse_tensor(f.bytes, file + ": initializer", &name, &t));
      g->weights[name] = std::move(t);
    } else if (f.field == kGraphInput || f.field == kGraphOutput) {
      ValueInfo v;
      NNP_RETURN_IF_ERROR(parse_value_info(f.bytes, file + ": graph input/output", &v));
      (f.field == kGraphInput ? g->inputs : g->outputs).push_back(std::move(v));
    }
  }
  NNP_RETURN_IF_ERROR(gr.status());
  return Status::Ok();
}

/// "c1.weight" -> "c1"; "/layer1/conv/Conv" -> "layer1.conv.conv"; only [A-Za-z0-9_.].
std::string clean_name(const std::string& raw) {
  std::string out;
  for (char ch : raw) {
    const auto c = static_cast<unsigned char>(ch);
    if (std::isalnum(c) || ch == '_') out += static_cast<char>(std::tolower(c));
    else if ((ch == '.' || ch == '/') && !out.empty() && out.back() != '.') out += '.';
  }
  while (!out.empty() && out.back() == '.') out.pop_back();
  return out;
}

std::string join_ints(const std::vector<int64_t>& v) {
  std::string s;
  for (size_t i = 0; i < v.size(); ++i) s += (i ? "," : "") + std::to_string(v[i]);
  return s;
}

/// "3" for (3, 3), "3,5" for (3, 5).
std::string per_axis(int64_t h, int64_t w) { return h == w ? std::to_string(h) : std::to_string(h) + "," + std::to_string(w); }


class Importer {
 public:
  Importer(Graph g, std::string file) : g_(std::move(g)), file_(std::move(file)) {}
  Result<OnnxImport> run();

 private:
  struct Value {
    std::string ref;  // nnplay node name, or "input"
    int rank = 0;
    int64_t features = 0;  // last-dim size when known (2D values)
  };
  Status node(const OnnxNode& n, size_t index);
  Status unsupported(const OnnxNode& n, size_t index, const std::string& why) const {
    return Error(ErrorCode::UNSUPPORTED, file_ + ": node " + std::to_string(index + 1) + " '" + n.name + "' (" + n.op +
                                             "): " + why);
  }
  Result<Value> in(const OnnxNode& n, size_t index, size_t k) const;
  const OnnxTensor* weight(const OnnxNode& n, size_t k) const {
    if (k >= n.in.size() || n.in[k].empty()) return nullptr;
    auto it = g_.weights.find(n.in[k]);
    return it == g_.weights.end() ? nullptr : &it->second;
  }
  /// Input k when it is a constant: a Constant node's output or an initializer.
  const OnnxTensor* constant(const OnnxNode& n, size_t k) const {
    auto c = k < n.in.size() ? consts_.find(n.in[k]) : consts_.end();
    return c != consts_.end() ? &c->second : weight(n, k);
  }
  std::string name_for(const OnnxNode& n, const std::string& weight_name);
  /// Appends `type(args)` reading `ins`; its output is `out` of `rank`.
  void emit(const std::string& name, const std::string& type, std::string args, const std::vector<Value>& ins,
            const OnnxNode& n, int rank, int64_t features = 0);
  void add_tensor(const std::string& node, const char* name, const OnnxTensor& t, bool buffer = false);
  void add_tensor(const std::string& node, const char* name, const Shape& shape, std::vector<float> v, bool buffer);
  Status conv(const OnnxNode& n, size_t index);
  Status linear(const OnnxNode& n, size_t index);
  Status pool(const OnnxNode& n, size_t index);
  Status batch_norm(const OnnxNode& n, size_t index);

  Graph g_;
  std::string file_;
  std::map<std::string, Value> values_;
  std::map<std::string, OnnxTensor> consts_;
  std::set<std::string> names_;
  std::vector<std::string> items_;
  std::string last_;
  std::map<std::string, size_t> linear_item_;
  struct Pad {
    Value x;
    int64_t h = 0, w = 0;
  };
  std::map<std::string, Pad> pads_;  // a Pad's output, folded into the AveragePool that reads it  // Linear without bias (MatMul) -> its item, for a following Add
  OnnxImport out_;
};

Result<Importer::Value> Importer::in(const OnnxNode& n, size_t index, size_t k) const {
  if (k >= n.in.size() || n.in[k].empty()) return unsupported(n, index, "input " + std::to_string(k + 1) + " is missing");
  auto it = values_.find(n.in[k]);
  if (it != values_.end()) return it->second;
  if (g_.weights.count(n.in[k]) || consts_.count(n.in[k]))
    return unsupported(n, index, "input '" + n.in[k] + "' is a constant where nnplay needs a computed tensor");
  return Error(ErrorCode::PARSE_ERROR, file_ + ": node " + std::to_string(index + 1) + " '" + n.name + "' reads '" +
                                           n.in[k] + "', which no earlier node makes (nodes out of order?)");
}

std::string Importer::name_for(const OnnxNode& n, const std::string& weight_name) {
  std::string base;
  const std::string suffix = ".weight";
  if (weight_name.size() > suffix.size() && weight_name.compare(weight_name.size() - suffix.size(), suffix.size(), suffix) == 0)
    base = clean_name(weight_name.substr(0, weight_name.size() - suffix.size()));
  if (base.empty()) base = clean_name(n.name);
  if (base.empty()) base = clean_name(n.op);
  if (base.empty() || std::isdigit(static_cast<unsigned char>(base[0])) || base == "input") base = "n" + base;
  std::string name = base;
  for (int k = 2; names_.count(name); ++k) name = base + "_" + std::to_string(k);
  names_.insert(name);
  return name;
}

void Importer::emit(const std::string& name, const std::string& type, std::string args, const std::vector<Value>& ins,
                    const OnnxNode& n, int rank, int64_t features) {
  const bool chain = ins.size() == 1 && ins[0].ref == (last_.empty() ? "input" : last_);
  if (!chain) {
    std::string refs;
    for (const Value& v : ins) refs += (refs.empty() ? "" : ",") + v.ref;
    args += (args.empty() ? "" : ", ") + std::string("in=") + refs;
  }
  items_.push_back(name + ":" + type + (args.empty() ? "" : "(" + args + ")"));
  last_ = name;
  for (const std::string& o : n.out) values_[o] = Value{name, rank, features};
}

void Importer::add_tensor(const std::string& node, const char* name, const Shape& shape, std::vector<float> v, bool buffer) {
  SavedTensor t;
  t.node = node;
  t.name = name;
  t.buffer = buffer;
  t.value = Tensor(shape, std::move(v));
  out_.tensors.push_back(std::move(t));
}

void Importer::add_tensor(const std::string& node, const char* name, const OnnxTensor& t, bool buffer) {
  Shape s;
  s.rank = static_cast<int>(t.dims.size());
  for (size_t i = 0; i < t.dims.size(); ++i) s[static_cast<int>(i)] = static_cast<int>(t.dims[i]);
  add_tensor(node, name, s, t.f, buffer);
}

Status Importer::conv(const OnnxNode& n, size_t index) {
  auto x = in(n, index, 0);
  if (!x.ok()) return x.status();
  const OnnxTensor* w = weight(n, 1);
  const OnnxTensor* b = weight(n, 2);
  if (!w || w->type != kFloat || w->dims.size() != 4)
    return unsupported(n, index, "nnplay reads 2D convolutions with a (out, in/groups, kH, kW) float weight");
  if (n.in.size() > 2 && !n.in[2].empty() && (!b || b->dims.size() != 1 || b->dims[0] != w->dims[0]))
    return unsupported(n, index, "the bias is not a (out_channels) weight");
  if (x.value().rank != 4) return unsupported(n, index, "the input is not (N, C, H, W)");
  std::vector<int64_t> st = n.getints("strides"), dil = n.getints("dilations"), pads = n.getints("pads");
  if (st.empty()) st = {1, 1};
  if (dil.empty()) dil = {1, 1};
  if (pads.empty()) pads = {0, 0, 0, 0};
  if (st.size() != 2 || dil.size() != 2 || pads.size() != 4) return unsupported(n, index, "strides, dilations or pads are not 2D");
  std::string padding;
  const std::string auto_pad = n.attrs.count("auto_pad") ? n.attrs.at("auto_pad").s : "NOTSET";
  if (auto_pad == "SAME_UPPER") padding = "same";  // nnplay's 'same' is SAME_UPPER's rule at any stride
  else if (auto_pad == "VALID") padding = "0";
  else if (auto_pad != "NOTSET" && !auto_pad.empty())
    return unsupported(n, index, "auto_pad=" + auto_pad + " (nnplay pads symmetrically, or 'same' with the extra after)");
  else if (pads[0] != pads[2] || pads[1] != pads[3])
    return unsupported(n, index, "asymmetric pads " + join_ints(pads) + " (nnplay pads both sides alike)");
  else padding = per_axis(pads[0], pads[1]);
  const std::string name = name_for(n, n.in[1]);
  const int64_t groups = n.geti("group", 1);
  std::string args = "out_channels=" + std::to_string(w->dims[0]) + ", kernel_size=" + per_axis(w->dims[2], w->dims[3]);
  if (st[0] != 1 || st[1] != 1) args += ", stride=" + per_axis(st[0], st[1]);
  if (padding != "0") args += ", padding=" + padding;
  if (dil[0] != 1 || dil[1] != 1) args += ", dilation=" + per_axis(dil[0], dil[1]);
  if (groups != 1) args += ", groups=" + std::to_string(groups);
  if (!b) args += ", bias=false";
  emit(name, "Conv2d", args, {x.value()}, n, 4);
  add_tensor(name, "weight", *w);
  if (b) add_tensor(name, "bias", *b);
  return Status::Ok();
}

Status Importer::linear(const OnnxNode& n, size_t index) {
  auto x = in(n, index, 0);
  if (!x.ok()) return x.status();
  if (x.value().rank != 2) return unsupported(n, index, "nnplay's Linear reads (N, features); flatten first");
  const OnnxTensor* w = weight(n, 1);
  if (!w || w->type != kFloat || w->dims.size() != 2) return unsupported(n, index, "the weight is not a 2D float initializer");
  const bool gemm = n.op == "Gemm";
  if (gemm && (n.getf("alpha", 1.0f) != 1.0f || n.getf("beta", 1.0f) != 1.0f || n.geti("transA", 0) != 0))
    return unsupported(n, index, "Gemm with alpha, beta other than 1 or transA (a Linear layer has none)");
  const bool trans_b = gemm && n.geti("transB", 0) != 0;
  const int64_t out = trans_b ? w->dims[0] : w->dims[1], in_f = trans_b ? w->dims[1] : w->dims[0];
  std::vector<float> wt(static_cast<size_t>(out * in_f));
  for (int64_t o = 0; o < out; ++o)
    for (int64_t i = 0; i < in_f; ++i)
      wt[static_cast<size_t>(o * in_f + i)] = trans_b ? w->f[static_cast<size_t>(o * in_f + i)] : w->f[static_cast<size_t>(i * out + o)];
  const OnnxTensor* b = gemm ? weight(n, 2) : nullptr;
  if (b && static_cast<int64_t>(b->f.size()) != out)
    return unsupported(n, index, "the bias C is not one value per output (broadcast Gemm biases are not a Linear layer)");
  const std::string name = name_for(n, n.in[1]);
  emit(name, "Linear", "out_features=" + std::to_string(out) + (b ? "" : ", bias=false"), {x.value()}, n, 2, out);
  add_tensor(name, "weight", Shape{static_cast<int>(out), static_cast<int>(in_f)}, std::move(wt), false);
  if (b) add_tensor(name, "bias", Shape{static_cast<int>(out)}, b->f, false);
  else if (!gemm) linear_item_[n.out.empty() ? "" : n.out[0]] = items_.size() - 1;
  return Status::Ok();
}


Status Importer::pool(const OnnxNode& n, size_t index) {
  const auto pad = n.in.empty() ? pads_.end() : pads_.find(n.in[0]);
  if (pad != pads_.end() && n.op != "AveragePool") return unsupported(n, index, "a Pad before it (nnplay folds a Pad into an average pool only)");
  Result<Value> x = pad != pads_.end() ? Result<Value>(pad->second.x) : in(n, index, 0);
  if (!x.ok()) return x.status();
  if (x.value().rank != 4) return unsupported(n, index, "the input is not (N, C, H, W)");
  if (n.op == "GlobalAveragePool") {
    emit(name_for(n, ""), "AdaptiveAvgPool2d", "output_size=1", {x.value()}, n, 4);
    return Status::Ok();
  }
  std::vector<int64_t> k = n.getints("kernel_shape"), st = n.getints("strides"), pads = n.getints("pads");
  if (k.size() != 2) return unsupported(n, index, "the kernel is not 2D");
  if (st.empty()) st = {1, 1};
  if (pads.empty()) pads = {0, 0, 0, 0};
  if (st.size() != 2 || pads.size() != 4) return unsupported(n, index, "strides or pads are not 2D");
  const bool ceil = n.geti("ceil_mode", 0) != 0;
  if (ceil && n.op != "MaxPool") return unsupported(n, index, "ceil_mode=1 (nnplay's average pooling rounds the output size down)");
  if (pads[0] != pads[2] || pads[1] != pads[3]) return unsupported(n, index, "asymmetric pads " + join_ints(pads));
  const bool padded = pad != pads_.end();
  if (padded && (pads[0] || pads[1])) return unsupported(n, index, "padding both before and in the pool");
  if (padded) pads = {pad->second.h, pad->second.w, pad->second.h, pad->second.w};
  const std::string auto_pad = n.attrs.count("auto_pad") ? n.attrs.at("auto_pad").s : "NOTSET";
  if (auto_pad != "NOTSET" && auto_pad != "VALID" && !auto_pad.empty()) return unsupported(n, index, "auto_pad=" + auto_pad);
  const std::vector<int64_t> dil = n.getints("dilations");
  if (!dil.empty() && (dil.size() != 2 || dil[0] != 1 || dil[1] != 1)) return unsupported(n, index, "dilated pooling");
  std::string args = "kernel_size=" + per_axis(k[0], k[1]) + ", stride=" + per_axis(st[0], st[1]);
  if (pads[0] || pads[1]) args += ", padding=" + per_axis(pads[0], pads[1]);
  if (ceil) args += ", ceil_mode=true";
  if (n.op == "AveragePool")
    args += std::string(", count_include_pad=") + (padded || n.geti("count_include_pad", 0) ? "true" : "false");
  emit(name_for(n, ""), n.op == "MaxPool" ? "MaxPool2d" : "AvgPool2d", args, {x.value()}, n, 4);
  return Status::Ok();
}

Status Importer::batch_norm(const OnnxNode& n, size_t index) {
  auto x = in(n, index, 0);
  if (!x.ok()) return x.status();
  const OnnxTensor* p[4] = {weight(n, 1), weight(n, 2), weight(n, 3), weight(n, 4)};
  for (const OnnxTensor* t : p)
    if (!t || t->dims.size() != 1 || t->dims[0] != p[0]->dims[0])
      return unsupported(n, index, "scale, B, mean and var must be (C) float initializers");
  const int rank = x.value().rank;
  if (rank != 2 && rank != 4) return unsupported(n, index, "the input is neither (N, C) nor (N, C, H, W)");
  const std::string name = name_for(n, n.in[1]);
  // ONNX: running = momentum·running + (1 − momentum)·batch; PyTorch's momentum is the other weight.
  const float momentum = 1.0f - n.getf("momentum", 0.9f);
  char m[32];  // 1 - 0.9f is 0.100000024f: six digits give PyTorch's 0.1 back
  std::snprintf(m, sizeof m, "%.6g", static_cast<double>(momentum));
  emit(name, rank == 2 ? "BatchNorm1d" : "BatchNorm2d", "eps=" + float_text(n.getf("epsilon", 1e-5f)) + ", momentum=" + m,
       {x.value()}, n, rank, x.value().features);
  add_tensor(name, "weight", *p[0]);
  add_tensor(name, "bias", *p[1]);
  add_tensor(name, "running_mean", *p[2], true);
  add_tensor(name, "running_var", *p[3], true);
  add_tensor(name, "num_batches_tracked", Shape{1}, {0.0f}, true);
  return Status::Ok();
}

Status Importer::node(const OnnxNode& n, size_t index) {
  const std::string& op = n.op;
  if (n.out.empty()) return Error(ErrorCode::PARSE_ERROR, file_ + ": node " + std::to_string(index + 1) + " has no output");
  if (op == "Constant") {
    auto it = n.attrs.find("value");
    if (it == n.attrs.end() || !it->second.has_t) return unsupported(n, index, "a Constant without a tensor value");
    consts_[n.out[0]] = it->second.t;
    return Status::Ok();
  }
  if (op == "Pad") {
    // PyTorch writes avg_pool2d(padding=p) as a zero Pad then AveragePool:
    // kept aside and folded into the pool (count_include_pad=true).
    auto x = in(n, index, 0);
    if (!x.ok()) return x.status();
    const OnnxTensor* pads = constant(n, 1);
    const std::string mode = n.attrs.count("mode") ? n.attrs.at("mode").s : "constant";
    bool zero = n.in.size() < 3 || n.in[2].empty();
    if (!zero) {
      const OnnxTensor* val = constant(n, 2);
      zero = val && val->f.size() == 1 && val->f[0] == 0.0f;
    }
    if (!pads || pads->i.size() != 8 || mode != "constant" || !zero || pads->i[0] || pads->i[1] || pads->i[4] ||
        pads->i[5] || pads->i[2] != pads->i[6] || pads->i[3] != pads->i[7] || x.value().rank != 4)
      return unsupported(n, index, "padding other than zeros on both sides of H and W");
    pads_[n.out[0]] = Pad{x.value(), pads->i[2], pads->i[3]};
    return Status::Ok();
  }
  if (op == "Conv") return conv(n, index);
  if (op == "Gemm" || op == "MatMul") return linear(n, index);
  if (op == "MaxPool" || op == "AveragePool" || op == "GlobalAveragePool") return pool(n, index);
  if (op == "BatchNormalization") return batch_norm(n, index);
  if (op == "Identity" || op == "Dropout") {
    auto x = in(n, index, 0);
    if (!x.ok()) return x.status();
    values_[n.out[0]] = x.value();  // identity at inference; nnplay's Dropout is a training switch
    return Status::Ok();
  }
  static const std::map<std::string, std::string> kActivations = {
      {"Relu", "ReLU"}, {"Sigmoid", "Sigmoid"}, {"Tanh", "Tanh"}, {"LeakyRelu", "LeakyReLU"}, {"Elu", "ELU"}};
  if (auto a = kActivations.find(op); a != kActivations.end()) {
    auto x = in(n, index, 0);
    if (!x.ok()) return x.status();
    std::string args;
    if (op == "LeakyRelu") args = "negative_slope=" + float_text(n.getf("alpha", 0.01f));
    if (op == "Elu") args = "alpha=" + float_text(n.getf("alpha", 1.0f));
    emit(name_for(n, ""), a->second, args, {x.value()}, n, x.value().rank, x.value().features);
    return Status::Ok();
  }
  if (op == "Softmax") {
    auto x = in(n, index, 0);
    if (!x.ok()) return x.status();
    const int64_t axis = n.geti("axis", -1);
    if (x.value().rank != 2 || (axis != 1 && axis != -1)) return unsupported(n, index, "softmax other than over the features of (N, K)");
    emit(name_for(n, ""), "Softmax", "", {x.value()}, n, 2, x.value().features);
    return Status::Ok();
  }
  if (op == "Flatten" || op == "Reshape") {
    auto x = in(n, index, 0);
    if (!x.ok()) return x.status();
    if (op == "Flatten" && n.geti("axis", 1) != 1) return unsupported(n, index, "Flatten with axis other than 1");
    if (op == "Reshape") {
      const OnnxTensor* shape = constant(n, 1);
      // (N, -1), (-1, D) or (0, D): one row per sample (Flatten; a wrong D
      // shows as the next Linear's shape mismatch).
      if (!shape || shape->i.size() != 2 || (shape->i[1] != -1 && shape->i[0] != -1 && shape->i[0] != 0))
        return unsupported(n, index, "a reshape other than to (N, -1) (one row per sample)");
    }
    emit(name_for(n, ""), "Flatten", "", {x.value()}, n, 2);
    return Status::Ok();
  }
  if (op == "Add" || op == "Mul") {
    // MatMul + Add of a bias is a Linear layer with its bias.
    const OnnxTensor* bias = weight(n, 1) ? weight(n, 1) : weight(n, 0);
    if (op == "Add" && bias && n.in.size() == 2) {
      const std::string& other = weight(n, 1) ? n.in[0] : n.in[1];
      auto it = linear_item_.find(other);
      auto v = values_.find(other);
      if (it == linear_item_.end() || v == values_.end() || static_cast<int64_t>(bias->f.size()) != v->second.features ||
          it->second + 1 != items_.size())
        return unsupported(n, index, "adding a constant other than a Linear layer's bias right after its MatMul");
      std::string& item = items_[it->second];
      item.replace(item.find(", bias=false"), 12, "");
      add_tensor(v->second.ref, "bias", Shape{static_cast<int>(bias->f.size())}, bias->f, false);
      linear_item_.erase(it);
      values_[n.out[0]] = v->second;
      return Status::Ok();
    }
    auto a = in(n, index, 0), b = in(n, index, 1);
    if (!a.ok()) return a.status();
    if (!b.ok()) return b.status();
    emit(name_for(n, ""), op, "", {a.value(), b.value()}, n, a.value().rank, a.value().features);
    return Status::Ok();
  }
  if (op == "Concat") {
    std::vector<Value> ins;
    for (size_t k = 0; k < n.in.size(); ++k) {
      auto v = in(n, index, k);
      if (!v.ok()) return v.status();
      ins.push_back(v.value());
    }
    if (n.geti("axis", 1) != 1 || ins.size() < 2) return unsupported(n, index, "concatenation other than of 2+ tensors along the channels (axis 1)");
    emit(name_for(n, ""), "Concat", "", ins, n, ins[0].rank);
    return Status::Ok();
  }
  return unsupported(n, index, "nnplay has no such operator (it reads Conv, Gemm, MatMul, BatchNormalization, MaxPool, "
                               "AveragePool, GlobalAveragePool, Flatten, Reshape to (N, -1), Relu, Sigmoid, Tanh, "
                               "LeakyRelu, Elu, Softmax, Add, Mul, Concat, Dropout, Identity, Constant, Pad before AveragePool)");
}

Result<OnnxImport> Importer::run() {
  const ValueInfo* input = nullptr;
  for (const ValueInfo& v : g_.inputs)
    if (!g_.weights.count(v.name)) {
      input = &v;
      break;
    }
  if (!input) return Error(ErrorCode::PARSE_ERROR, file_ + ": the graph has no input");
  if (input->elem != kFloat) return Error(ErrorCode::UNSUPPORTED, file_ + ": the input '" + input->name + "' is not float32");
  if (input->dims.size() != 2 && input->dims.size() != 4)
    return Error(ErrorCode::UNSUPPORTED, file_ + ": the input '" + input->name + "' has " + std::to_string(input->dims.size()) +
                                             " dimensions; nnplay reads (N, features) and (N, C, H, W)");
  Shape s;  // (1, ...) as Dataset::sample_shape
  s.rank = static_cast<int>(input->dims.size());
  s[0] = 1;
  for (int i = 1; i < s.rank; ++i) {
    const int64_t d = input->dims[static_cast<size_t>(i)];
    if (d <= 0 || d > 4096)
      return Error(ErrorCode::UNSUPPORTED, file_ + ": the input '" + input->name + "' has no fixed size in dimension " +
                                               std::to_string(i));
    s[i] = static_cast<int>(d);
  }
  out_.input = s;
  values_[input->name] = Value{"input", s.rank, s.rank == 2 ? s[1] : 0};
  for (size_t i = 0; i < g_.nodes.size(); ++i) NNP_RETURN_IF_ERROR(node(g_.nodes[i], i));
  if (g_.outputs.empty()) return Error(ErrorCode::PARSE_ERROR, file_ + ": the graph has no output");
  auto o = values_.find(g_.outputs[0].name);
  if (o == values_.end() || o->second.ref != last_ || items_.empty())
    return Error(ErrorCode::UNSUPPORTED, file_ + ": the output '" + g_.outputs[0].name + "' is not made by the last node");
  if (o->second.rank != 2 && o->second.rank != 4)
    return Error(ErrorCode::UNSUPPORTED, file_ + ": the output is neither (N, K) logits nor (N, C, H, W) maps");
  out_.outputs = o->second.rank == 2 ? static_cast<int>(o->second.features) : 0;
  for (const std::string& item : items_) out_.network += (out_.network.empty() ? "" : "; ") + item;
  return std::move(out_);
}

}  // namespace

Result<OnnxImport> import_onnx(std::span<const uint8_t> bytes, const std::string& file) {
  Graph g;
  NNP_RETURN_IF_ERROR(parse_model(bytes, file, &g));
  return Importer(std::move(g), file).run();
}

bool looks_like_onnx(std::span<const uint8_t> bytes, const std::string& file) {
  if (bytes.size() >= 6 && std::memcmp(bytes.data(), "NNPLAY", 6) == 0) return false;
  const std::string ext = ".onnx";
  if (file.size() >= ext.size()) {
    std::string tail = file.substr(file.size() - ext.size());
    std::transform(tail.begin(), tail.end(), tail.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    if (tail == ext) return true;
  }
  return !bytes.empty() && bytes[0] == 0x08;  // field 1 (ir_version), varint: how every ONNX writer starts
}

}  // namespace nnplay::train
