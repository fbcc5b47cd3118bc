#include "nn/op_case.h"

#include <cmath>
#include <cstdio>
#include <map>

#include "core/json_text.h"
#include "core/rng.h"
#include "nn/registry.h"

namespace nnplay::nn {
namespace {

using nlohmann::json;

// Member lookup that never asserts or throws on a missing key.
const json* field(const json& obj, const char* key) {
  auto it = obj.find(key);
  return it == obj.end() ? nullptr : &*it;
}

Status parse_error(const std::string& msg) { return Error(ErrorCode::PARSE_ERROR, "op case: " + msg); }

// An argument value as the text LayerArgs reads: strings as given, numbers,
// booleans and arrays of numbers ("3,5") for convenience.
Result<std::string> arg_text(const json& v, const std::string& key) {
  if (v.is_string()) return v.get<std::string>();
  if (v.is_boolean()) return std::string(v.get<bool>() ? "true" : "false");
  if (v.is_null()) return std::string("None");
  if (v.is_number_integer()) return std::to_string(v.get<int64_t>());
  if (v.is_number()) return json_text(v);
  if (v.is_array()) {
    std::string s;
    for (const json& e : v) {
      if (!e.is_number()) return parse_error("args." + key + ": arrays may hold numbers only");
      s += (s.empty() ? "" : ",") + (e.is_number_integer() ? std::to_string(e.get<int64_t>()) : json_text(e));
    }
    return s;
  }
  return parse_error("args." + key + ": expected a string, number, boolean or array of numbers");
}

Result<NamedTensors> named_tensors(const json& j, const std::string& what) {
  if (!j.is_object()) return parse_error(what + ": expected an object of name -> {\"shape\", \"data\"}");
  NamedTensors out;
  for (auto it = j.begin(); it != j.end(); ++it) {
    auto t = tensor_from_json(it.value(), what + "." + it.key());
    if (!t.ok()) return t.status();
    out.emplace_back(it.key(), t.take());
  }
  return out;
}

json named_to_json(const NamedTensors& ts) {
  json o = json::object();
  for (const auto& [name, t] : ts) o[name] = tensor_to_json(t);
  return o;
}

// Copies given values into the layer's tensors of the same name.
template <class Ref>
Status load_named(const NamedTensors& given, const std::vector<Ref>& refs, const char* kind, const std::string& op,
                  Tensor* (*value_of)(const Ref&), const char* (*name_of)(const Ref&)) {
  for (const auto& [name, t] : given) {
    Tensor* dst = nullptr;
    std::string known;
    for (const Ref& r : refs) {
      known += (known.empty() ? "" : ", ") + std::string(name_of(r));
      if (name == name_of(r)) dst = value_of(r);
    }
    if (!dst)
      return Error(ErrorCode::NOT_FOUND, op + " has no " + kind + " '" + name + "' (it has: " +
                                             (known.empty() ? "none" : known) + ")");
    if (dst->shape() != t.shape())
      return Error(ErrorCode::SHAPE_MISMATCH, op + ": " + kind + " '" + name + "' has shape " + dst->shape().str() +
                                                  ", the case gives " + t.shape().str());
    dst->vec() = t.vec();
  }
  return Status::Ok();
}

}  // namespace

Result<Tensor> tensor_from_json(const json& j, const std::string& what) {
  const json* shape = j.is_object() ? field(j, "shape") : nullptr;
  const json* data = j.is_object() ? field(j, "data") : nullptr;
  if (!shape || !data || !shape->is_array() || !data->is_array())
    return parse_error(what + ": expected {\"shape\": [...], \"data\": [...]}");
  Shape s;
  for (const json& d : *shape) {
    if (!d.is_number_integer() || d.get<int64_t>() < 0 || d.get<int64_t>() > (1 << 30))
      return parse_error(what + ".shape: dimensions must be non-negative integers");
    if (s.rank >= Shape::kMaxRank)
      return parse_error(what + ".shape: at most " + std::to_string(Shape::kMaxRank) + " dimensions");
    s.dims[static_cast<size_t>(s.rank++)] = d.get<int>();
  }
  if (s.rank == 0) s = Shape{1};  // a scalar (e.g. num_batches_tracked)
  if (static_cast<int64_t>(data->size()) != s.numel())
    return parse_error(what + ": " + std::to_string(data->size()) + " values for shape " + s.str());
  Tensor t(s);
  int64_t i = 0;
  for (const json& v : *data) {
    if (!v.is_number()) return parse_error(what + ".data: values must be numbers");
    t[i++] = v.get<float>();
  }
  return t;
}

json tensor_to_json(const Tensor& t) {
  json shape = json::array();
  for (int i = 0; i < t.rank(); ++i) shape.push_back(t.dim(i));
  json data = json::array();
  for (int64_t i = 0; i < t.numel(); ++i) {
    const float v = t[i];
    // JSON has no NaN/Inf: write them as null, so a reader sees the hole.
    if (std::isfinite(v)) data.push_back(v);
    else data.push_back(nullptr);
  }
  return json{{"shape", shape}, {"data", data}};
}

Result<OpCase> op_case_from_json(const json& j) {
  if (!j.is_object()) return parse_error("expected a JSON object");
  static const char* const kKeys[] = {"op",   "args",      "mode",    "seed",     "inputs",   "params",
                                      "buffers", "grad_output", "name", "expected", "tolerance", "comment"};
  for (auto it = j.begin(); it != j.end(); ++it) {
    bool known = false;
    for (const char* k : kKeys) known = known || it.key() == k;
    if (!known) return parse_error("unknown key '" + it.key() + "'");
  }
  OpCase c;
  const json* op = field(j, "op");
  if (!op || !op->is_string()) return parse_error("\"op\" (the layer type, e.g. \"Conv2d\") is required");
  c.op = op->get<std::string>();
  std::map<std::string, std::string> args;
  if (const json* a = field(j, "args")) {
    if (!a->is_object()) return parse_error("\"args\" must be an object of PyTorch argument names");
    for (auto it = a->begin(); it != a->end(); ++it) {
      auto text = arg_text(it.value(), it.key());
      if (!text.ok()) return text.status();
      args[it.key()] = text.value();
    }
  }
  c.args = LayerArgs(c.op, std::move(args));
  if (const json* m = field(j, "mode")) {
    if (!m->is_string() || (m->get<std::string>() != "train" && m->get<std::string>() != "eval"))
      return parse_error("\"mode\" must be \"train\" or \"eval\"");
    c.mode = m->get<std::string>() == "train" ? Mode::Train : Mode::Eval;
  }
  if (const json* s = field(j, "seed")) {
    if (!s->is_number_unsigned() && !(s->is_number_integer() && s->get<int64_t>() >= 0))
      return parse_error("\"seed\" must be a non-negative integer");
    c.seed = s->get<uint64_t>();
  }
  const json* inputs = field(j, "inputs");
  if (!inputs || !inputs->is_array() || inputs->empty())
    return parse_error("\"inputs\" must be a non-empty array of tensors");
  for (size_t k = 0; k < inputs->size(); ++k) {
    auto t = tensor_from_json((*inputs)[k], "inputs[" + std::to_string(k) + "]");
    if (!t.ok()) return t.status();
    c.inputs.push_back(t.take());
  }
  for (auto [key, dst] : {std::pair{"params", &c.params}, std::pair{"buffers", &c.buffers}}) {
    if (const json* p = field(j, key)) {
      auto named = named_tensors(*p, key);
      if (!named.ok()) return named.status();
      *dst = named.take();
    }
  }
  if (const json* g = field(j, "grad_output"); g && !g->is_null()) {
    auto t = tensor_from_json(*g, "grad_output");
    if (!t.ok()) return t.status();
    c.grad_output = t.take();
    c.has_grad_output = true;
  }
  return c;
}

Result<OpCase> parse_op_case(const std::string& text) {
  const json j = json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded()) return parse_error("the text is not valid JSON");
  return op_case_from_json(j);
}

Result<OpResult> run_op_case(const OpCase& c) {
  auto made = make_layer(c.op, c.args);
  if (!made.ok()) return made.status();
  std::unique_ptr<Layer> layer = made.take();
  layer->set_uid(1);
  const int n = c.inputs[0].rank() > 0 ? c.inputs[0].dim(0) : 0;
  std::vector<Shape> shapes;
  std::string shapes_text;
  for (const Tensor& t : c.inputs) {
    shapes_text += (shapes_text.empty() ? "" : ", ") + t.shape().str();
    if (t.rank() < 2 || t.dim(0) != n || n < 1)
      return Error(ErrorCode::SHAPE_MISMATCH, c.op + ": inputs need a batch dimension of the same size >= 1, got " +
                                                  shapes_text);
    shapes.push_back(t.shape().with_batch(1));
  }
  if (!layer->accepts_inputs(static_cast<int>(c.inputs.size())))
    return Error(ErrorCode::INVALID_ARGUMENT, c.op + " takes " + std::to_string(layer->num_inputs()) +
                                                  (layer->variadic_inputs() ? " or more" : "") + " input(s), got " +
                                                  std::to_string(c.inputs.size()));
  layer->set_max_batch(n);
  Shape out_shape;
  if (Status st = layer->setup(shapes, &out_shape); !st.ok())
    return Error(st.code(), c.op + " with input " + shapes_text + ": " + st.message());
  Rng init(c.seed, RngStream::Init);
  layer->reset_parameters(init);
  std::vector<ParamRef> params = layer->params();
  std::vector<BufferRef> buffers = layer->buffers();
  NNP_RETURN_IF_ERROR(load_named<ParamRef>(
      c.params, params, "parameter", c.op, [](const ParamRef& r) { return r.value; },
      [](const ParamRef& r) { return r.id.name; }));
  NNP_RETURN_IF_ERROR(load_named<BufferRef>(
      c.buffers, buffers, "buffer", c.op, [](const BufferRef& r) { return r.value; },
      [](const BufferRef& r) { return r.name; }));

  OpResult r;
  r.op = c.op;
  r.describe = layer->describe();
  for (const ParamRef& p : params) r.params.emplace_back(p.id.name, *p.value);
  std::vector<const Tensor*> xs;
  for (const Tensor& t : c.inputs) xs.push_back(&t);
  Rng dropout(c.seed, RngStream::Dropout);
  Context ctx{c.mode, &dropout};
  layer->forward(xs, r.output, ctx);
  for (const BufferRef& b : buffers) r.buffers.emplace_back(b.name, *b.value);
  if (!c.has_grad_output) return r;

  if (c.grad_output.shape() != r.output.shape())
    return Error(ErrorCode::SHAPE_MISMATCH, c.op + ": grad_output has shape " + c.grad_output.shape().str() +
                                                " but the output is " + r.output.shape().str());
  r.has_grads = true;
  r.grad_inputs.resize(c.inputs.size());
  std::vector<Tensor*> dxs;
  for (size_t k = 0; k < c.inputs.size(); ++k) {
    r.grad_inputs[k].resize(c.inputs[k].shape());
    r.grad_inputs[k].zero();
    dxs.push_back(&r.grad_inputs[k]);
  }
  for (ParamRef& p : params) p.grad->zero();
  layer->backward(xs, r.output, c.grad_output, dxs);
  for (const ParamRef& p : params) r.grad_params.emplace_back(p.id.name, *p.grad);
  return r;
}

json op_result_to_json(const OpResult& r) {
  json j = {{"op", r.op}, {"describe", r.describe}};
  j["outputs"] = json::array({tensor_to_json(r.output)});
  j["params"] = named_to_json(r.params);
  j["buffers"] = named_to_json(r.buffers);
  if (r.has_grads) {
    json gi = json::array();
    for (const Tensor& t : r.grad_inputs) gi.push_back(tensor_to_json(t));
    j["grad_inputs"] = gi;
    j["grad_params"] = named_to_json(r.grad_params);
  }
  return j;
}

json status_to_json(const Status& st) {
  return json{{"error", {{"code", error_code_name(st.code())}, {"message", st.message()}}}};
}

json layer_types_to_json() {
  json list = json::array();
  for (const LayerType& t : layer_types()) list.push_back({{"name", t.name}, {"args", t.args}, {"about", t.about}});
  return list;
}

}  // namespace nnplay::nn
