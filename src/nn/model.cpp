#include "nn/model.h"

#include <algorithm>
#include <utility>
#include <cctype>

#include "nn/registry.h"

namespace nnplay::nn {

uint32_t stable_uid(const std::string& name) {
  uint32_t h = 2166136261u;  // FNV-1a
  for (char c : name) h = (h ^ static_cast<uint8_t>(c)) * 16777619u;
  return h == 0 ? 1 : h;
}

Status Model::build(const ModelSpec& spec, const Shape& input, int max_batch) {
  if (spec.layers.empty()) return Error(ErrorCode::INVALID_ARGUMENT, "the network has no layers");
  if (max_batch < 1) return Error(ErrorCode::INVALID_ARGUMENT, "max_batch must be at least 1");
  std::vector<Node> nodes;
  nodes.push_back(Node{"0.input", nullptr, {}, input.with_batch(1), {}, {}, false});
  std::vector<uint32_t> used_uids;
  for (size_t i = 0; i < spec.layers.size(); ++i) {
    const LayerSpec& ls = spec.layers[i];
    const int index = static_cast<int>(i) + 1;
    auto made = make_layer(ls.type, LayerArgs(ls.type, ls.args));
    if (!made.ok())
      return Error(made.status().code(), "layer " + std::to_string(index) + ": " + made.status().message());
    Node node;
    node.layer = made.take();
    std::string lower = node.layer->type_name();
    std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return std::tolower(c); });
    node.name = ls.name.empty() ? std::to_string(index) + "." + lower : ls.name;
    for (const auto& [key, value] : ls.args) node.args += (node.args.empty() ? "" : ",") + key + "=" + value;
    // The uid keys optimizer state: derived from the node's name and
    // arguments, so the same layer in a rebuilt network (a switch flipped
    // elsewhere) keeps its state, and a layer whose arguments changed does not.
    uint32_t uid = stable_uid(node.name + "(" + node.args + ")");
    while (std::find(used_uids.begin(), used_uids.end(), uid) != used_uids.end()) ++uid;
    used_uids.push_back(uid);
    node.layer->set_uid(uid);
    if (ls.inputs.empty()) {
      node.inputs.push_back(index - 1);
    } else {
      for (int in : ls.inputs) {
        const int src = in < 0 ? 0 : in;
        if (src >= index)
          return Error(ErrorCode::INVALID_ARGUMENT, "layer " + std::to_string(index) + " (" + ls.type +
                                                        ") reads node " + std::to_string(in) +
                                                        ", which is not an earlier node");
        node.inputs.push_back(src);
      }
    }
    if (!node.layer->accepts_inputs(static_cast<int>(node.inputs.size())))
      return Error(ErrorCode::INVALID_ARGUMENT, "layer " + std::to_string(index) + " (" + ls.type + ") takes " +
                                                    std::to_string(node.layer->num_inputs()) +
                                                    (node.layer->variadic_inputs() ? " or more" : "") +
                                                    " input(s), got " + std::to_string(node.inputs.size()));
    node.layer->set_max_batch(max_batch);
    std::vector<Shape> in_shapes;
    for (int src : node.inputs) in_shapes.push_back(nodes[static_cast<size_t>(src)].shape);
    Status st = node.layer->setup(in_shapes, &node.shape);
    if (!st.ok()) {
      std::string shapes;
      for (const Shape& s : in_shapes) shapes += (shapes.empty() ? "" : ", ") + s.str();
      return Error(st.code(), "layer " + std::to_string(index) + " (" + node.layer->describe() +
                                  ") with input " + shapes + ": " + st.message());
    }
    nodes.push_back(std::move(node));
  }
  // Plan all activations and gradients once.
  for (size_t i = 0; i < nodes.size(); ++i) {
    Node& n = nodes[i];
    const int64_t cap = n.shape.per_sample() * max_batch;
    if (i > 0) n.y.reserve(cap);
    n.dy.reserve(cap);
  }
  nodes_ = std::move(nodes);
  params_.clear();
  buffers_.clear();
  buffer_names_.clear();
  for (Node& n : nodes_)
    if (n.layer) {
      for (const ParamRef& p : n.layer->params()) params_.push_back(p);
      for (const BufferRef& b : n.layer->buffers()) {
        buffers_.push_back(b);
        buffer_names_.push_back(n.name + "." + b.name);
      }
    }
  size_t max_in = 1;
  for (const Node& n : nodes_) max_in = std::max(max_in, n.inputs.size());
  xs_.assign(max_in, nullptr);
  dxs_.assign(max_in, nullptr);
  dy_zeroed_.assign(nodes_.size(), 0);
  input_ = nullptr;
  return Status::Ok();
}

void Model::reset_parameters(uint64_t seed, InitScheme scheme, float scale) {
  Rng rng(seed, RngStream::Init);
  for (Node& n : nodes_) {
    if (!n.layer) continue;
    n.layer->reset_parameters(rng);
    if (scheme == InitScheme::PyTorchDefault) continue;
    // Weights are "weight", "fc1.weight", "weight_ih_l0"; normalisation
    // scales (weight_decay_mul 0, rank 1) keep their default of one.
    for (ParamRef& p : n.layer->params()) {
      const std::string name = p.id.name;
      const auto is = [&](const char* kind) {
        const std::string k = kind;
        return name == k || name.rfind(k + "_", 0) == 0 ||
               (name.size() > k.size() && name.compare(name.size() - k.size() - 1, std::string::npos, "." + k) == 0);
      };
      if (is("weight") && p.weight_decay_mul > 0.0f && p.value->rank() >= 2) init_weight(*p.value, scheme, rng, 1.0f, scale);
      else if (is("bias")) p.value->zero();
    }
  }
  zero_grad();
}

const Tensor& Model::forward(const Tensor& x, Rng* rng) {
  const int64_t pieces = std::exchange(piece_macs_, 0);  // whole nodes: nobody waits between them
  begin_forward(x, rng);
  while (forward_next()) {
  }
  piece_macs_ = pieces;
  return output();
}

void Model::begin_forward(const Tensor& x, Rng* rng) {
  input_ = &x;
  ctx_ = Context{mode_, rng};
  cursor_ = 1;
  piece_s0_ = 0;
}

int Model::piece_end(const Node& n, int batch, int64_t macs_factor) const {
  if (piece_macs_ <= 0 || !n.layer->splits_batch()) return batch;
  const int64_t per_sample = std::max<int64_t>(1, macs_factor * n.layer->macs_per_sample());
  const int64_t samples = std::max<int64_t>(1, piece_macs_ / per_sample);
  return static_cast<int>(std::min<int64_t>(batch, piece_s0_ + samples));
}

bool Model::end_piece(int end, int batch) {
  piece_s0_ = end < batch ? end : 0;
  return end >= batch;
}

bool Model::forward_next() {
  if (cursor_ < nodes_.size()) {
    Node& n = nodes_[cursor_];
    for (size_t k = 0; k < n.inputs.size(); ++k) {
      const int src = n.inputs[k];
      xs_[k] = src == 0 ? input_ : &nodes_[static_cast<size_t>(src)].y;
    }
    const std::span<const Tensor* const> xs(xs_.data(), n.inputs.size());
    const int batch = xs[0]->dim(0), end = piece_end(n, batch, 1);
    n.layer->forward_samples(xs, n.y, ctx_, piece_s0_, end);  // the whole batch: forward()
    if (end_piece(end, batch)) ++cursor_;
  }
  return cursor_ < nodes_.size();
}

void Model::backward(const Tensor& dout) {
  const int64_t pieces = std::exchange(piece_macs_, 0);
  begin_backward(dout);
  while (backward_next()) {
  }
  piece_macs_ = pieces;
}

void Model::begin_backward(const Tensor& dout) {
  // Each node's dy is zeroed just before the first backward that adds into
  // it (ensure_dy_zeroed), not all here: a ResNet's gradients are ~100 MB,
  // and zeroing them at once held one call for tens of milliseconds.
  for (size_t i = 1; i < nodes_.size(); ++i) {
    Node& n = nodes_[i];
    n.dy.resize(n.y.shape());
    dy_zeroed_[i] = 0;
  }
  nodes_.back().dy.vec() = dout.vec();
  dy_zeroed_.back() = 1;
  cursor_ = nodes_.size() - 1;
  piece_s0_ = 0;
}

bool Model::backward_next() {
  if (cursor_ >= 1) {
    Node& n = nodes_[cursor_];
    for (size_t k = 0; k < n.inputs.size(); ++k) {
      const int src = n.inputs[k];
      xs_[k] = src == 0 ? input_ : &nodes_[static_cast<size_t>(src)].y;
      dxs_[k] = src == 0 ? nullptr : &nodes_[static_cast<size_t>(src)].dy;
    }
    const size_t k = n.inputs.size();
    const std::span<const Tensor* const> xs(xs_.data(), k);
    const std::span<Tensor* const> dxs(dxs_.data(), k);
    if (piece_s0_ == 0) {
      ensure_dy_zeroed(cursor_);  // a node nothing read: its gradient is zero
      for (int src : n.inputs) ensure_dy_zeroed(static_cast<size_t>(src));
    }
    const int batch = n.dy.dim(0), end = piece_end(n, batch, 2);
    n.layer->backward_samples(xs, n.y, n.dy, dxs, piece_s0_, end);  // the whole batch: backward()
    if (end_piece(end, batch)) --cursor_;
  }
  return cursor_ >= 1;
}

void Model::ensure_dy_zeroed(size_t i) {
  if (i == 0 || dy_zeroed_[i]) return;
  nodes_[i].dy.zero();
  dy_zeroed_[i] = 1;
}

void Model::zero_grad() {
  for (ParamRef& p : params_) p.grad->zero();
}

int64_t Model::num_params() const {
  int64_t n = 0;
  for (const ParamRef& p : params_) n += p.value->numel();
  return n;
}

int64_t Model::macs_per_sample() const {
  int64_t n = 0;
  for (const Node& node : nodes_)
    if (node.layer) n += node.layer->macs_per_sample();
  return n;
}

int Model::first_non_finite_node() const {
  for (size_t i = 1; i < nodes_.size(); ++i)
    if (!all_finite(nodes_[i].y)) return static_cast<int>(i);
  return -1;
}

std::string Model::param_name(const ParamId& id) const {
  for (const Node& n : nodes_)
    if (n.layer && n.layer->uid() == id.layer_uid) return n.name + "." + id.name;
  return "?";
}

std::string Model::first_non_finite_param(bool grads) const {
  for (const ParamRef& p : params_)
    if (!all_finite(grads ? *p.grad : *p.value)) return param_name(p.id);
  return {};
}

std::string Model::first_non_finite_buffer() const {
  for (size_t i = 0; i < buffers_.size(); ++i)
    if (!all_finite(*buffers_[i].value)) return buffer_names_[i];
  return {};
}

}  // namespace nnplay::nn

namespace nnplay::nn {

int64_t Model::activation_floats_per_sample() const {
  int64_t n = 0;
  for (const Node& node : nodes_) n += node.shape.per_sample();
  return n;
}

int Model::copy_matching_from(const Model& old) {
  int copied = 0;
  for (Node& n : nodes_) {
    if (!n.layer) continue;
    const Node* match = nullptr;
    for (const Node& o : old.nodes_)
      if (o.layer && o.name == n.name && o.args == n.args && std::string(o.layer->type_name()) == n.layer->type_name())
        match = &o;
    if (!match) continue;
    Layer* src = match->layer.get();
    auto src_params = src->params();
    auto src_buffers = src->buffers();
    for (ParamRef& p : n.layer->params())
      for (const ParamRef& q : src_params)
        if (std::string(p.id.name) == q.id.name && p.value->shape() == q.value->shape()) {
          p.value->vec() = q.value->vec();
          ++copied;
        }
    for (BufferRef& b : n.layer->buffers())
      for (const BufferRef& q : src_buffers)
        if (std::string(b.name) == q.name && b.value->shape() == q.value->shape()) b.value->vec() = q.value->vec();
  }
  return copied;
}

}  // namespace nnplay::nn
