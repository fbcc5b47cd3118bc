#include "train/import_onnx.h"

#include <algorithm>
#include <cctype>
#include <cmath>
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
  kAttrName = 1, kAttrF = 2, kAttrI = 3, kAttrS = 4, kAttrT = 5, kAttrInts = 8, kAttrStrings = 9,
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
  std::vector<std::string> strings;
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
        else if (a.field == kAttrStrings && a.wire_type == 2) attr.strings.emplace_back(a.bytes.begin(), a.bytes.end());
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
  /// What an ONNX tensor is in nnplay's network. Recurrent layers are
  /// time-major in ONNX (opset 13 has no batch-first layout): a sequence
  /// Transposed to (T, N, D) is the same nnplay value marked time_major, and
  /// an RNN/LSTM's outputs are marked by kind until a Squeeze, Transpose or
  /// Gather brings them back to what an nnplay layer reads.
  enum Kind { kPlain, kRnnY, kRnnYh, kRnnYc };  // Y (T, 1, N, H), Y_h / Y_c (1, N, H)
  struct Value {
    std::string ref;  // nnplay node name, or "input"
    int rank = 0;
    int64_t features = 0;  // last-dim size when known (2D values)
    int64_t steps = 0;     // T of an (N, T, D) sequence
    bool time_major = false;
    Kind kind = kPlain;
  };
  Status node(const OnnxNode& n, size_t index);
  Status unsupported(const OnnxNode& n, size_t index, const std::string& why) const {
    return Error(ErrorCode::UNSUPPORTED, file_ + ": node " + std::to_string(index + 1) + " '" + n.name + "' (" + n.op +
                                             "): " + why);
  }
  Result<Value> in(const OnnxNode& n, size_t index, size_t k) const;  // a value an nnplay layer reads as it is
  Result<Value> raw(const OnnxNode& n, size_t index, size_t k) const;  // any value, time-major or a recurrent output
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
  Status conv_transpose(const OnnxNode& n, size_t index);
  Status recurrent(const OnnxNode& n, size_t index);
  Status reduce_mean(const OnnxNode& n, size_t index);
  Status sequence_op(const OnnxNode& n, size_t index);
  bool shape_only(const std::string& name) const { return shape_.count(name) || consts_.count(name) || g_.weights.count(name); }

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
  std::set<std::string> shape_;   // tensors computed from shapes and constants only (Shape, Gather, Concat...)
  std::set<std::string> zeros_;   // ConstantOfShape of a shape, filled with 0: an RNN's h0 / c0
  std::set<size_t> consumed_;     // nodes read as part of a pattern (a squeeze-and-excitation block)
  std::map<std::string, Pad> pads_;  // a Pad's output, folded into the AveragePool that reads it  // Linear without bias (MatMul) -> its item, for a following Add
  OnnxImport out_;
};

Result<Importer::Value> Importer::in(const OnnxNode& n, size_t index, size_t k) const {
  auto v = raw(n, index, k);
  if (v.ok() && v.value().kind == kRnnYc)
    return unsupported(n, index, "it reads the LSTM's final cell state Y_c (nnplay's LSTM gives its hidden states only)");
  if (v.ok() && (v.value().kind != kPlain || v.value().time_major))
    return unsupported(n, index, "it reads a recurrent layer's time-major output (T, N, ...); nnplay's layers read (N, T, H), "
                                 "or the last step through Gather");
  return v;
}

Result<Importer::Value> Importer::raw(const OnnxNode& n, size_t index, size_t k) const {
  if (k >= n.in.size() || n.in[k].empty()) return unsupported(n, index, "input " + std::to_string(k + 1) + " is missing");
  if (shape_.count(n.in[k]) || zeros_.count(n.in[k]))
    return unsupported(n, index, "input '" + n.in[k] + "' is computed from a tensor's shape (nnplay reads shapes only into an RNN's zero h0)");
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

/// A constant's values as integers (int64 data, or whole floats); false when
/// input k is not a constant.
bool constant_ints(const OnnxTensor* t, std::vector<int64_t>* out) {
  if (!t) return false;
  out->clear();
  if (t->type == kInt64) {
    *out = t->i;
    return true;
  }
  for (float v : t->f) {
    if (!std::isfinite(v) || std::fabs(v) > 1e15f || v != std::floor(v)) return false;  // not an index
    out->push_back(static_cast<int64_t>(v));
  }
  return true;
}

/// How many nodes (and graph outputs) read tensor `name`.
int readers(const Graph& g, const std::string& name) {
  int k = 0;
  for (const OnnxNode& m : g.nodes) k += static_cast<int>(std::count(m.in.begin(), m.in.end(), name));
  for (const ValueInfo& o : g.outputs) k += o.name == name;
  return k;
}

bool all_zero(const OnnxTensor& t) {
  return std::all_of(t.f.begin(), t.f.end(), [](float v) { return v == 0.0f; }) &&
         std::all_of(t.i.begin(), t.i.end(), [](int64_t v) { return v == 0; });
}

Status Importer::conv_transpose(const OnnxNode& n, size_t index) {
  auto x = in(n, index, 0);
  if (!x.ok()) return x.status();
  const OnnxTensor* w = weight(n, 1);
  const OnnxTensor* b = weight(n, 2);
  if (!w || w->type != kFloat || w->dims.size() != 4)
    return unsupported(n, index, "nnplay reads 2D transposed convolutions with an (in, out/groups, kH, kW) float weight");
  const int64_t groups = n.geti("group", 1);
  if (groups < 1 || groups > w->dims[0] || w->dims[0] % groups != 0)
    return unsupported(n, index, "group=" + std::to_string(groups) + " does not divide the " + std::to_string(w->dims[0]) +
                                     " input channels");
  const int64_t out = w->dims[1] * groups;
  if (n.in.size() > 2 && !n.in[2].empty() && (!b || b->type != kFloat || b->dims.size() != 1 || b->dims[0] != out))
    return unsupported(n, index, "the bias is not an (out_channels) float weight");
  if (x.value().rank != 4) return unsupported(n, index, "the input is not (N, C, H, W)");
  if (n.attrs.count("output_shape")) return unsupported(n, index, "output_shape (nnplay takes output_padding)");
  const std::string auto_pad = n.attrs.count("auto_pad") ? n.attrs.at("auto_pad").s : "NOTSET";
  if (auto_pad != "NOTSET" && !auto_pad.empty()) return unsupported(n, index, "auto_pad=" + auto_pad);
  std::vector<int64_t> st = n.getints("strides"), dil = n.getints("dilations"), pads = n.getints("pads"),
                       op = n.getints("output_padding");
  if (st.empty()) st = {1, 1};
  if (dil.empty()) dil = {1, 1};
  if (pads.empty()) pads = {0, 0, 0, 0};
  if (op.empty()) op = {0, 0};
  if (st.size() != 2 || dil.size() != 2 || pads.size() != 4 || op.size() != 2)
    return unsupported(n, index, "strides, dilations, pads or output_padding are not 2D");
  if (pads[0] != pads[2] || pads[1] != pads[3])
    return unsupported(n, index, "asymmetric pads " + join_ints(pads) + " (nnplay pads both sides alike)");
  const std::string name = name_for(n, n.in[1]);
  std::string args = "out_channels=" + std::to_string(out) + ", kernel_size=" + per_axis(w->dims[2], w->dims[3]);
  if (st[0] != 1 || st[1] != 1) args += ", stride=" + per_axis(st[0], st[1]);
  if (pads[0] || pads[1]) args += ", padding=" + per_axis(pads[0], pads[1]);
  if (op[0] || op[1]) args += ", output_padding=" + per_axis(op[0], op[1]);
  if (dil[0] != 1 || dil[1] != 1) args += ", dilation=" + per_axis(dil[0], dil[1]);
  if (groups != 1) args += ", groups=" + std::to_string(groups);
  if (!b) args += ", bias=false";
  emit(name, "ConvTranspose2d", args, {x.value()}, n, 4);
  add_tensor(name, "weight", *w);
  if (b) add_tensor(name, "bias", *b);
  return Status::Ok();
}

/// ONNX RNN / LSTM (forward, one layer) -> nnplay's RNN / LSTM. X is
/// time-major (T, N, D): the sequence Transposed (or a recurrent layer's
/// Squeezed Y). W (1, G·H, D), R (1, G·H, H), B (1, 2·G·H) = [Wb, Rb]; ONNX's
/// LSTM gate blocks are i, o, f, c, nnplay's (PyTorch's) i, f, g, o.
/// initial_h / initial_c: absent, or zeros (what torch.onnx.export writes
/// for nn.LSTM(x) and for torch.zeros states: a ConstantOfShape of the
/// batch size, or a zero initializer); nnplay's recurrent layers start from
/// h0 = c0 = 0, so non-zero (learned or computed) initial states are refused.
Status Importer::recurrent(const OnnxNode& n, size_t index) {
  const bool lstm = n.op == "LSTM";
  auto x = raw(n, index, 0);
  if (!x.ok()) return x.status();
  if (x.value().kind != kPlain || !x.value().time_major || x.value().rank != 3)
    return unsupported(n, index, "the input X is not a time-major (T, N, D) sequence");
  const std::string dir = n.attrs.count("direction") ? n.attrs.at("direction").s : "forward";
  if (dir != "forward") return unsupported(n, index, "direction=" + dir + " (nnplay's recurrent layers run forward only)");
  if (n.attrs.count("clip")) return unsupported(n, index, "clip (nnplay's recurrent layers do not clip their cell)");
  if (n.geti("layout", 0) != 0 || n.geti("input_forget", 0) != 0) return unsupported(n, index, "layout=1 or input_forget=1");
  std::vector<std::string> acts = n.attrs.count("activations") ? n.attrs.at("activations").strings : std::vector<std::string>{};
  std::string nonlinearity = "tanh";
  if (lstm) {
    if (!acts.empty() && acts != std::vector<std::string>{"Sigmoid", "Tanh", "Tanh"})
      return unsupported(n, index, "LSTM activations other than Sigmoid, Tanh, Tanh");
  } else if (acts.size() == 1 && (acts[0] == "Tanh" || acts[0] == "Relu")) {
    nonlinearity = acts[0] == "Relu" ? "relu" : "tanh";
  } else if (!acts.empty()) {
    return unsupported(n, index, "RNN activations other than Tanh or Relu");
  }
  const OnnxTensor* w = weight(n, 1);
  const OnnxTensor* r = weight(n, 2);
  const OnnxTensor* b = weight(n, 3);
  const int64_t gates = lstm ? 4 : 1, d = x.value().features;
  if (!w || !r || w->type != kFloat || r->type != kFloat || w->dims.size() != 3 || r->dims.size() != 3 || w->dims[0] != 1 ||
      r->dims[0] != 1 || w->dims[1] == 0 || w->dims[1] % gates)
    return unsupported(n, index, "W and R are not (1, gates·hidden, ·) float initializers");
  const int64_t h = w->dims[1] / gates;
  if (n.geti("hidden_size", h) != h || w->dims[2] != d || r->dims[1] != gates * h || r->dims[2] != h)
    return Error(ErrorCode::SHAPE_MISMATCH, file_ + ": node " + std::to_string(index + 1) + " '" + n.name +
                                                "': W, R or hidden_size do not fit the input's " + std::to_string(d) + " features");
  if (n.in.size() > 3 && !n.in[3].empty() &&
      (!b || b->type != kFloat || b->dims.size() != 2 || b->dims[0] != 1 || b->dims[1] != 2 * gates * h))
    return unsupported(n, index, "the bias B is not a (1, 2·gates·hidden) initializer");
  if (n.in.size() > 4 && !n.in[4].empty()) return unsupported(n, index, "sequence_lens (nnplay's sequences all have the same length)");
  if (n.in.size() > 7 && !n.in[7].empty()) return unsupported(n, index, "peephole weights P (nnplay's LSTM has none)");
  if (n.in.size() > 8 || n.out.size() > 3) return unsupported(n, index, "more inputs or outputs than ONNX's RNN and LSTM have");
  for (size_t k : {size_t{5}, size_t{6}}) {
    if (k >= n.in.size() || n.in[k].empty() || zeros_.count(n.in[k])) continue;
    const OnnxTensor* c = constant(n, k);
    if (!c || !all_zero(*c))
      return unsupported(n, index, std::string(k == 5 ? "initial_h" : "initial_c") +
                                       " is not zero (nnplay's RNN and LSTM start from h0 = c0 = 0)");
  }
  const std::vector<int> from = lstm ? std::vector<int>{0, 2, 3, 1} : std::vector<int>{0};  // nnplay block j = ONNX block from[j]
  auto reordered = [&](const float* src, int64_t cols) {
    std::vector<float> v;
    for (int k : from) v.insert(v.end(), src + k * h * cols, src + (k + 1) * h * cols);
    return v;
  };
  const std::string name = name_for(n, "");
  std::string args = "hidden_size=" + std::to_string(h);
  if (!lstm && nonlinearity == "relu") args += ", nonlinearity=relu";
  if (!b) args += ", bias=false";
  emit(name, lstm ? "LSTM" : "RNN", args, {x.value()}, n, 3, h);
  const int G = static_cast<int>(gates * h);
  add_tensor(name, "weight_ih_l0", Shape{G, static_cast<int>(d)}, reordered(w->f.data(), d), false);
  add_tensor(name, "weight_hh_l0", Shape{G, static_cast<int>(h)}, reordered(r->f.data(), h), false);
  if (b) {
    add_tensor(name, "bias_ih_l0", Shape{G}, reordered(b->f.data(), 1), false);
    add_tensor(name, "bias_hh_l0", Shape{G}, reordered(b->f.data() + G, 1), false);
  }
  const Kind kinds[] = {kRnnY, kRnnYh, kRnnYc};
  for (size_t k = 0; k < n.out.size() && k < 3; ++k)
    if (!n.out[k].empty()) values_[n.out[k]] = Value{name, 3, h, x.value().steps, false, kinds[k]};
  return Status::Ok();
}

/// ReduceMean over H and W: the squeeze of a squeeze-and-excitation block
/// when the nodes after it are one (Gemm, Relu, Gemm, Sigmoid, Unsqueeze to
/// (N, C, 1, 1), Mul with the block's input: torchvision's
/// SqueezeExcitation as torch.onnx.export writes it) -> SqueezeExcitation;
/// otherwise global average pooling (AdaptiveAvgPool2d(1), then Flatten
/// when keepdims=0).
Status Importer::reduce_mean(const OnnxNode& n, size_t index) {
  auto x = in(n, index, 0);
  if (!x.ok()) return x.status();
  std::vector<int64_t> axes = n.getints("axes");
  if (axes.empty() && n.in.size() > 1) constant_ints(constant(n, 1), &axes);
  for (int64_t& a : axes)
    if (a < 0) a += x.value().rank;
  std::sort(axes.begin(), axes.end());
  if (x.value().rank != 4 || axes != std::vector<int64_t>{2, 3})
    return unsupported(n, index, "a mean other than over H and W of (N, C, H, W) (global average pooling)");
  const bool keep = n.geti("keepdims", 1) != 0;
  // Look ahead for the excitation (Constant nodes in between are left to run as they are).
  std::vector<size_t> chain;
  std::string cur = n.out[0];
  const char* steps[] = {"Gemm", "Relu", "Gemm", "Sigmoid"};
  size_t j = index + 1, step = 0;
  const OnnxTensor *w1 = nullptr, *b1 = nullptr, *w2 = nullptr, *b2 = nullptr;
  int unsqueezed = keep ? 2 : 0;
  std::string mul_out;
  for (; j < g_.nodes.size(); ++j) {
    const OnnxNode& m = g_.nodes[j];
    if (m.op == "Constant") {  // e.g. Unsqueeze's axes: known before the node runs
      auto v = m.attrs.find("value");
      if (v != m.attrs.end() && v->second.has_t && !m.out.empty()) consts_[m.out[0]] = v->second.t;
      continue;
    }
    // Each step reads the one before, and nothing else reads that (else the
    // block's insides are used elsewhere: not an SE block, plain pooling).
    const bool reads = std::find(m.in.begin(), m.in.end(), cur) != m.in.end() && readers(g_, cur) == 1;
    if (m.out.empty() || !reads || (m.op != "Mul" && m.in[0] != cur)) break;
    if (step < 4) {
      if (m.op != steps[step]) break;
      if (m.op == "Gemm") {
        if (m.geti("transB", 0) != 1 || m.geti("transA", 0) != 0 || m.getf("alpha", 1.0f) != 1.0f ||
            m.getf("beta", 1.0f) != 1.0f)
          break;
        (step == 0 ? w1 : w2) = weight(m, 1);
        (step == 0 ? b1 : b2) = weight(m, 2);
      }
      ++step;
    } else if (m.op == "Unsqueeze" && unsqueezed < 2) {
      // (N, C) must become (N, C, 1, 1): new axes 2 and 3, one or two at a time.
      std::vector<int64_t> ua = m.getints("axes");
      if (ua.empty() && m.in.size() > 1 && !constant_ints(constant(m, 1), &ua)) break;
      const int64_t rank = 2 + unsqueezed + static_cast<int64_t>(ua.size());
      for (int64_t& a : ua)
        if (a < 0) a += rank;
      std::sort(ua.begin(), ua.end());
      std::vector<int64_t> want;
      for (int64_t a = 2 + unsqueezed; a < rank; ++a) want.push_back(a);
      if (ua.empty() || ua != want || rank > 4) break;
      unsqueezed += static_cast<int>(ua.size());
    } else if (m.op == "Mul" && unsqueezed == 2 && m.in.size() == 2 &&
               ((m.in[0] == n.in[0] && m.in[1] == cur) || (m.in[1] == n.in[0] && m.in[0] == cur))) {
      chain.push_back(j);
      mul_out = m.out[0];
      break;
    } else {
      break;
    }
    chain.push_back(j);
    cur = m.out[0];
  }
  const int64_t c = w1 ? (w1->dims.size() == 2 ? w1->dims[1] : 0) : 0, cr = w1 && w1->dims.size() == 2 ? w1->dims[0] : 0;
  const auto floats = [](const OnnxTensor* t) { return t && t->type == kFloat; };
  if (!mul_out.empty() && floats(w1) && floats(b1) && floats(w2) && floats(b2) && cr > 0 && w2->dims.size() == 2 &&
      w2->dims[0] == c && w2->dims[1] == cr && b1->dims == std::vector<int64_t>{cr} && b2->dims == std::vector<int64_t>{c}) {
    // Named after the block: "s1_b0_se.fc1.weight" -> "s1_b0_se".
    const OnnxNode& fc1 = g_.nodes[chain[0]];
    std::string wn = fc1.in.size() > 1 ? fc1.in[1] : "";
    if (const size_t at = wn.rfind(".fc1.weight"); at != std::string::npos) wn = wn.substr(0, at) + ".weight";
    const std::string name = name_for(fc1, wn);
    emit(name, "SqueezeExcitation", "squeeze_channels=" + std::to_string(cr), {x.value()}, g_.nodes[chain.back()], 4);
    add_tensor(name, "fc1.weight", *w1);
    add_tensor(name, "fc1.bias", *b1);
    add_tensor(name, "fc2.weight", *w2);
    add_tensor(name, "fc2.bias", *b2);
    consumed_.insert(chain.begin(), chain.end());
    return Status::Ok();
  }
  const std::string pool = name_for(n, "");
  emit(pool, "AdaptiveAvgPool2d", "output_size=1", {x.value()}, n, 4);
  if (!keep) {
    OnnxNode flat = n;
    flat.name += "_flatten";
    emit(name_for(flat, ""), "Flatten", "", {values_[n.out[0]]}, n, 2);
  }
  return Status::Ok();
}

/// The nodes around recurrent layers: Transpose (1, 0, 2) between batch- and
/// time-major, Squeeze of Y's num_directions axis (or of Y_h's), and Gather
/// of the last time step (output[:, -1] in PyTorch) -> SelectLast.
Status Importer::sequence_op(const OnnxNode& n, size_t index) {
  auto x = raw(n, index, 0);
  if (!x.ok()) return x.status();
  Value v = x.value();
  std::vector<int64_t> ints;
  if (n.op == "Transpose") {
    if (v.kind != kPlain || v.rank != 3 || n.getints("perm") != std::vector<int64_t>{1, 0, 2})
      return unsupported(n, index, "a transpose other than (1, 0, 2) of a sequence (batch- and time-major)");
    v.time_major = !v.time_major;
    values_[n.out[0]] = v;
    return Status::Ok();
  }
  auto last_step = [&]() {
    emit(name_for(n, ""), "SelectLast", "", {Value{v.ref, 3, v.features, v.steps}}, n, 2, v.features);
    return Status::Ok();
  };
  if (n.op == "Squeeze") {
    ints = n.getints("axes");
    if (ints.empty() && n.in.size() > 1) constant_ints(constant(n, 1), &ints);
    if (v.kind == kRnnY && ints == std::vector<int64_t>{1}) {
      values_[n.out[0]] = Value{v.ref, 3, v.features, v.steps, true, kPlain};
      return Status::Ok();
    }
    if (v.kind == kRnnYh && ints == std::vector<int64_t>{0}) return last_step();
    return unsupported(n, index, "a squeeze other than of a recurrent layer's num_directions axis");
  }
  // Gather: one index, the last time step.
  const OnnxTensor* idx = constant(n, 1);
  const int64_t axis = n.geti("axis", 0);
  if (!constant_ints(idx, &ints) || ints.size() != 1 || !idx->dims.empty())
    return unsupported(n, index, "a gather other than of one time step by a constant index");
  const int64_t i = ints[0];
  const bool last = i == -1 || (v.steps > 0 && i == v.steps - 1);
  const bool seq = v.rank == 3 && v.kind == kPlain && ((axis == 1 && !v.time_major) || (axis == 0 && v.time_major));
  if ((seq && last) || (v.kind == kRnnYh && axis == 0 && (i == 0 || i == -1))) return last_step();
  return unsupported(n, index, "a gather other than of a sequence's last time step (nnplay's SelectLast)");
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
  // Shapes flow only into an RNN's zero initial state (torch.onnx.export's
  // h0 = zeros(1, N, H): Shape, Gather, Unsqueeze, Concat, ConstantOfShape).
  if (op == "Shape") {
    if (n.in.empty() || !(shape_only(n.in[0]) || zeros_.count(n.in[0]))) {  // the shape of a value (else of a shape)
      auto x = raw(n, index, 0);
      if (!x.ok()) return x.status();
    }
    shape_.insert(n.out[0]);
    return Status::Ok();
  }
  // Anything else computed from shapes and constants alone (Gather,
  // Unsqueeze, Concat, Reshape, Expand of a learned h0...) is a shape too:
  // no layer, and refused where a layer would read it.
  if (op != "ConstantOfShape" && !n.in.empty() &&
      std::any_of(n.in.begin(), n.in.end(), [&](const std::string& i) { return shape_.count(i) || zeros_.count(i); }) &&
      std::all_of(n.in.begin(), n.in.end(),
                  [&](const std::string& i) { return i.empty() || shape_only(i) || zeros_.count(i); })) {
    for (const std::string& o : n.out) shape_.insert(o);
    return Status::Ok();
  }
  if (op == "ConstantOfShape") {
    auto v = n.attrs.find("value");
    if (n.in.empty() || !shape_only(n.in[0])) return unsupported(n, index, "the shape is computed from the network's values");
    if (v != n.attrs.end() && v->second.has_t && !all_zero(v->second.t)) shape_.insert(n.out[0]);  // shape arithmetic
    else zeros_.insert(n.out[0]);
    return Status::Ok();
  }
  if (op == "Transpose" || op == "Squeeze" || op == "Gather") return sequence_op(n, index);
  if (op == "RNN" || op == "LSTM") return recurrent(n, index);
  if (op == "ReduceMean") return reduce_mean(n, index);
  if (op == "ConvTranspose") return conv_transpose(n, index);
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
  return unsupported(n, index, "nnplay has no such operator (it reads Conv, ConvTranspose, Gemm, MatMul, BatchNormalization, "
                               "MaxPool, AveragePool, GlobalAveragePool, ReduceMean over H and W, Flatten, Reshape to (N, -1), "
                               "Relu, Sigmoid, Tanh, LeakyRelu, Elu, Softmax, Add, Mul, Concat, Dropout, Identity, Constant, "
                               "Pad before AveragePool, RNN, LSTM and the Transpose, Squeeze, Gather around them)");
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
  if (input->dims.size() < 2 || input->dims.size() > 4)
    return Error(ErrorCode::UNSUPPORTED, file_ + ": the input '" + input->name + "' has " + std::to_string(input->dims.size()) +
                                             " dimensions; nnplay reads (N, features), (N, T, features) and (N, C, H, W)");
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
  values_[input->name] = Value{"input", s.rank, s.rank == 2 ? s[1] : s.rank == 3 ? s[2] : 0, s.rank == 3 ? s[1] : 0};
  for (size_t i = 0; i < g_.nodes.size(); ++i)
    if (!consumed_.count(i)) NNP_RETURN_IF_ERROR(node(g_.nodes[i], i));
  if (g_.outputs.empty()) return Error(ErrorCode::PARSE_ERROR, file_ + ": the graph has no output");
  auto o = values_.find(g_.outputs[0].name);
  if (o == values_.end() || o->second.ref != last_ || items_.empty())
    return Error(ErrorCode::UNSUPPORTED, file_ + ": the output '" + g_.outputs[0].name + "' is not made by the last node");
  if (o->second.kind != kPlain || o->second.time_major)
    return Error(ErrorCode::UNSUPPORTED, file_ + ": the output is a recurrent layer's time-major output (T, N, H)");
  out_.outputs = o->second.rank == 2 || o->second.rank == 3 ? static_cast<int>(o->second.features) : 0;
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
