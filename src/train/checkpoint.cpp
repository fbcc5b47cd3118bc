#include "train/checkpoint.h"

#include <cstring>
#include <nlohmann/json.hpp>

#include "core/check.h"
#include "core/json_text.h"

namespace nnplay::train {
namespace {

using nlohmann::json;
constexpr char kMagic[8] = {'N', 'N', 'P', 'L', 'A', 'Y', 'C', 'K'};

void put_u32(std::vector<uint8_t>& out, uint32_t v) {
  for (int i = 0; i < 4; ++i) out.push_back(static_cast<uint8_t>(v >> (8 * i)));
}
uint32_t get_u32(std::span<const uint8_t> b, size_t at) {
  return uint32_t{b[at]} | (uint32_t{b[at + 1]} << 8) | (uint32_t{b[at + 2]} << 16) | (uint32_t{b[at + 3]} << 24);
}

template <class F>
void for_each_tensor(const nn::Model& model, F&& f) {
  for (const nn::Node& n : model.nodes()) {
    if (!n.layer) continue;
    for (const ParamRef& p : n.layer->params()) f(n.name, p.id.name, false, *p.value);
    for (const BufferRef& b : n.layer->buffers()) f(n.name, b.name, true, *b.value);
  }
}

}  // namespace

std::vector<uint8_t> write_checkpoint(const Config& config, const nn::Model& model, int64_t step,
                                      std::span<const Tensor> buffers) {
  NNP_ASSERT(buffers.empty() || buffers.size() == model.buffers().size());
  size_t next_buffer = 0;
  json header;
  for (const ConfigField& f : config_fields()) header["config"][f.key] = f.get(config);
  json input = json::array();
  const Shape& in = model.nodes()[0].shape;
  for (int i = 0; i < in.rank; ++i) input.push_back(in[i]);
  header["input"] = input;
  header["step"] = step;
  header["tensors"] = json::array();
  std::vector<float> data;
  for_each_tensor(model, [&](const std::string& node, const char* name, bool buffer, const Tensor& own) {
    const Tensor& t = buffer && !buffers.empty() ? buffers[next_buffer++] : own;
    NNP_ASSERT(t.shape() == own.shape());
    json shape = json::array();
    for (int i = 0; i < t.rank(); ++i) shape.push_back(t.dim(i));
    header["tensors"].push_back({{"node", node},
                                 {"name", name},
                                 {"kind", buffer ? "buffer" : "param"},
                                 {"shape", shape},
                                 {"offset", data.size() * sizeof(float)}});
    data.insert(data.end(), t.data(), t.data() + t.numel());
  });
  const std::string text = json_text(header);
  std::vector<uint8_t> out(kMagic, kMagic + 8);
  put_u32(out, kCheckpointVersion);
  put_u32(out, static_cast<uint32_t>(text.size()));
  out.insert(out.end(), text.begin(), text.end());
  const size_t at = out.size();
  out.resize(at + data.size() * sizeof(float));
  std::memcpy(out.data() + at, data.data(), data.size() * sizeof(float));  // x86 and wasm are little-endian
  return out;
}

Result<Checkpoint> read_checkpoint(std::span<const uint8_t> bytes, const std::string& file) {
  auto bad = [&](const std::string& what) { return Error(ErrorCode::DATA_CORRUPT, file + ": " + what); };
  if (bytes.size() < 16 || std::memcmp(bytes.data(), kMagic, 8) != 0)
    return bad("not an nnplay model file (it should start with NNPLAYCK)");
  const uint32_t version = get_u32(bytes, 8);
  if (version != kCheckpointVersion)
    return Error(ErrorCode::UNSUPPORTED, file + ": model file version " + std::to_string(version) +
                                             ", this nnplay reads version " + std::to_string(kCheckpointVersion));
  const uint32_t hlen = get_u32(bytes, 12);
  if (hlen > bytes.size() - 16) return bad("header length " + std::to_string(hlen) + " runs past the end of the file");
  const std::string text(reinterpret_cast<const char*>(bytes.data() + 16), hlen);
  json h = json::parse(text, nullptr, false);
  if (h.is_discarded() || !h.is_object()) return bad("the header is not valid JSON");
  if (!h.contains("config") || !h["config"].is_object() || !h.contains("tensors") || !h["tensors"].is_array() ||
      !h.contains("input") || !h["input"].is_array() || !h.contains("step") || !h["step"].is_number_integer())
    return bad("the header lacks config, input, step or tensors");
  Checkpoint ck;
  for (auto it = h["config"].begin(); it != h["config"].end(); ++it) {
    if (!it.value().is_string()) return bad("config value of '" + it.key() + "' is not text");
    ck.config.emplace_back(it.key(), it.value().get<std::string>());
  }
  for (const json& d : h["input"]) {
    if (!d.is_number_integer() || ck.input.rank >= Shape::kMaxRank) return bad("bad input shape");
    ck.input.dims[static_cast<size_t>(ck.input.rank++)] = d.get<int>();
  }
  ck.step = h["step"].get<int64_t>();
  const std::span<const uint8_t> data = bytes.subspan(16 + hlen);
  for (const json& t : h["tensors"]) {
    if (!t.is_object() || !t.contains("node") || !t["node"].is_string() || !t.contains("name") || !t["name"].is_string() ||
        !t.contains("kind") || !t["kind"].is_string() || !t.contains("shape") || !t["shape"].is_array() ||
        !t.contains("offset") || !t["offset"].is_number_unsigned())
      return bad("a tensor entry lacks node, name, kind, shape or offset");
    SavedTensor st;
    st.node = t["node"].get<std::string>();
    st.name = t["name"].get<std::string>();
    st.buffer = t["kind"] == "buffer";
    Shape shape;
    for (const json& d : t["shape"]) {
      if (!d.is_number_integer() || d.get<int>() < 0 || shape.rank >= Shape::kMaxRank)
        return bad("tensor " + st.node + "." + st.name + " has a bad shape");
      shape.dims[static_cast<size_t>(shape.rank++)] = d.get<int>();
    }
    const uint64_t offset = t["offset"].get<uint64_t>();
    const uint64_t size = static_cast<uint64_t>(shape.numel()) * sizeof(float);
    if (offset % sizeof(float) != 0 || offset > data.size() || size > data.size() - offset)
      return bad("tensor " + st.node + "." + st.name + " lies outside the file (truncated?)");
    st.value.resize(shape);
    if (size > 0)  // an empty tensor has no data pointer to copy to (found by fuzz/model_file)
      std::memcpy(st.value.data(), data.data() + static_cast<size_t>(offset), static_cast<size_t>(size));
    if (!all_finite(st.value)) return bad("tensor " + st.node + "." + st.name + " holds NaN or infinity");
    ck.tensors.push_back(std::move(st));
  }
  return ck;
}

Status load_weights(const Checkpoint& ckpt, nn::Model& model) {
  // Pass 1: check; pass 2: copy — so a mismatch changes nothing.
  for (int pass = 0; pass < 2; ++pass) {
    Status st;
    for (const nn::Node& n : model.nodes()) {
      if (!n.layer || !st.ok()) continue;
      auto visit = [&](const char* name, Tensor& dst) {
        if (!st.ok()) return;  // report the first mismatch
        const SavedTensor* src = nullptr;
        for (const SavedTensor& t : ckpt.tensors)
          if (t.node == n.name && t.name == name) src = &t;
        if (!src) {
          st = Error(ErrorCode::SHAPE_MISMATCH, "the model file has no tensor " + n.name + "." + name);
          return;
        }
        if (src->value.shape() != dst.shape()) {
          st = Error(ErrorCode::SHAPE_MISMATCH, "tensor " + n.name + "." + name + " is " + src->value.shape().str() +
                                                    " in the file but " + dst.shape().str() + " in the network");
          return;
        }
        if (pass == 1) dst.vec() = src->value.vec();
      };
      for (ParamRef& p : n.layer->params()) visit(p.id.name, *p.value);
      for (BufferRef& b : n.layer->buffers()) visit(b.name, *b.value);
    }
    NNP_RETURN_IF_ERROR(st);
  }
  return Status::Ok();
}

std::string Transfer::text() const {
  return std::to_string(taken) + " of " + std::to_string(total) + " tensors taken from " + file +
         (head ? "" : " (the output layer left fresh)");
}

namespace {
// For every tensor of `model`, the checkpoint's tensor with its node, name and shape (nullptr: none).
template <class M, class F>
Transfer match_tensors(const Checkpoint& ckpt, M& model, bool head, F&& take) {
  Transfer r;
  r.head = head;
  const nn::Node* out_layer = nullptr;  // the last node with parameters
  for (const nn::Node& n : model.nodes())
    if (n.layer && !n.layer->params().empty()) out_layer = &n;
  auto visit = [&](const nn::Node& node, const char* name, auto& dst) {
    ++r.total;
    if (!head && &node == out_layer) return;
    for (const SavedTensor& t : ckpt.tensors)
      if (t.node == node.name && t.name == name && t.value.shape() == dst.shape()) {
        take(dst, t.value);
        ++r.taken;
        return;
      }
  };
  for (const nn::Node& n : model.nodes()) {
    if (!n.layer) continue;
    for (ParamRef& p : n.layer->params()) visit(n, p.id.name, *p.value);
    for (BufferRef& b : n.layer->buffers()) visit(n, b.name, *b.value);
  }
  return r;
}
}  // namespace

Transfer copy_matching_weights(const Checkpoint& ckpt, nn::Model& model, bool head) {
  return match_tensors(ckpt, model, head, [](Tensor& dst, const Tensor& src) { dst.vec() = src.vec(); });
}

Transfer count_matching_weights(const Checkpoint& ckpt, const nn::Model& model, bool head) {
  return match_tensors(ckpt, model, head, [](const Tensor&, const Tensor&) {});
}

}  // namespace nnplay::train
