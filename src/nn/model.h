// model.h — an instantiated network: layers, their output tensors and
// gradients, in topological order, built from a ModelSpec.
//
// Node 0 is the model input (no layer); node i >= 1 runs spec.layers[i-1].
// Every node has a name ("2.tanh") so panels can browse activations and
// gradients by name. Mode (train/eval) lives here and reaches every layer
// through Context. forward() keeps a pointer to x for backward(); x must stay
// alive until then.
//
// Allocation: build() plans every node tensor for max_batch; forward/backward
// at batch n <= max_batch allocate nothing.
#pragma once

#include <memory>
#include <span>
#include <string>
#include <vector>

#include "nn/init.h"
#include "nn/layer.h"
#include "nn/model_spec.h"

namespace nnplay::nn {

/// Layer uid from a node name (FNV-1a): stable across rebuilds of a network.
uint32_t stable_uid(const std::string& name);

struct Node {
  std::string name;               // "1.linear"
  std::unique_ptr<Layer> layer;   // null for node 0 (input)
  std::vector<int> inputs;        // node indices
  Shape shape;                    // per-sample output shape (unit batch)
  Tensor y;                       // output of the last forward
  Tensor dy;                      // gradient of the loss wrt y (after backward)
  bool needs_grad = true;         // false for the input node
  std::string args;               // the spec's arguments as text: "forget_bias=1,hidden_size=32"
};

class Model {
 public:
  /// Validates and instantiates `spec` for per-sample input shape `input`
  /// (unit batch, e.g. (1, 784) or (1, 1, 28, 28)). Errors name the layer
  /// index and type and both shapes. On error the model is unchanged.
  Status build(const ModelSpec& spec, const Shape& input, int max_batch);
  /// Initialises every parameter from `seed` (the Init stream) and the scheme
  /// (`scale`: value/std/bound of the constant/normal/uniform schemes).
  void reset_parameters(uint64_t seed, InitScheme scheme, float scale = 0.01f);

  void train() { mode_ = Mode::Train; }
  void eval() { mode_ = Mode::Eval; }
  Mode mode() const { return mode_; }

  /// x: (n, input...) -> returns the last node's output (n, out...).
  const Tensor& forward(const Tensor& x, Rng* rng = nullptr);
  /// dout: gradient of the loss wrt the output. Zeros node gradients, then
  /// accumulates into every node's dy and every parameter's grad.
  void backward(const Tensor& dout);
  /// forward(x, rng) in pieces: begin, then forward_next() runs one node (or
  /// one piece of it, see set_piece_macs) and returns true while work
  /// remains; output() is the result after the last.
  void begin_forward(const Tensor& x, Rng* rng = nullptr);
  bool forward_next();
  const Tensor& output() const { return nodes_.back().y; }
  /// backward(dout) in pieces: begin (zeros the node gradients), then
  /// backward_next() runs one node's backward (or a piece), true while work remains.
  void begin_backward(const Tensor& dout);
  bool backward_next();
  /// forward_next()/backward_next() run a node whose layer splits its batch
  /// (Layer::splits_batch: convolutions) over consecutive ranges of samples
  /// costing at most about `macs` multiply-adds each (forward: macs_per_sample
  /// per sample, backward twice that; at least one sample), so no call holds
  /// the caller for a whole costly node. The result is bit for bit the same
  /// (Layer::forward_samples). 0 (the default): whole nodes.
  void set_piece_macs(int64_t macs) { piece_macs_ = macs < 0 ? 0 : macs; }
  int64_t piece_macs() const { return piece_macs_; }
  /// Zeros every parameter gradient (call once per step).
  void zero_grad();

  std::span<ParamRef> params() { return params_; }
  std::span<const ParamRef> params() const { return params_; }
  /// Every layer's buffers (BatchNorm's running_mean, ...), in node order and
  /// each layer's buffers() order: the order model files store them in.
  std::span<const BufferRef> buffers() const { return buffers_; }
  int64_t num_params() const;
  int64_t macs_per_sample() const;
  /// Floats of every node output for one sample (activations; gradients take as many again).
  int64_t activation_floats_per_sample() const;
  const std::vector<Node>& nodes() const { return nodes_; }
  const Shape& output_shape() const { return nodes_.back().shape; }
  bool built() const { return nodes_.size() > 1; }
  /// Copies every parameter and buffer of `old` whose node name, layer type,
  /// tensor name and shape match a tensor here (a network edit keeps the
  /// weights of the layers it did not change: same name, type and arguments,
  /// so a layer whose init argument changed, an LSTM's forget_bias, starts
  /// fresh). Returns the tensors copied.
  int copy_matching_from(const Model& old);
  /// Index of the first node whose output has a NaN/Inf (-1 if none).
  int first_non_finite_node() const;
  /// "<node>.<tensor>" of a parameter, as model files and the PyTorch export
  /// name it ("2.linear.weight"); "?" when no node owns `id`.
  std::string param_name(const ParamId& id) const;
  /// The first parameter whose value (grads = false) or gradient (grads =
  /// true) holds a NaN or infinity, as param_name() spells it; empty when
  /// every element is finite.
  std::string first_non_finite_param(bool grads) const;
  /// The first buffer (BatchNorm's running_mean, running_var, ...) holding a
  /// NaN or infinity, as "<node>.<buffer>"; empty when all are finite.
  std::string first_non_finite_buffer() const;

 private:
  std::vector<Node> nodes_;
  std::vector<ParamRef> params_;
  std::vector<BufferRef> buffers_;
  std::vector<std::string> buffer_names_;  // "<node>.<buffer>" of buffers_[i]
  Mode mode_ = Mode::Train;
  const Tensor* input_ = nullptr;
  Context ctx_{};     // of the forward pass in progress
  size_t cursor_ = 0; // next node of the pass in progress
  int piece_s0_ = 0;  // first sample of the cursor node's next piece
  std::vector<char> dy_zeroed_;  // per node: dy zeroed in this backward pass
  void ensure_dy_zeroed(size_t i);
  int64_t piece_macs_ = 0;
  /// End of the piece of node `n` that starts at piece_s0_ over `batch` samples.
  int piece_end(const Node& n, int batch, int64_t macs_factor) const;
  /// After a piece ending at sample `end`: where the next starts; true when the node is done.
  bool end_piece(int end, int batch);
  // scratch for passing inputs to layers without allocating
  std::vector<const Tensor*> xs_;
  std::vector<Tensor*> dxs_;
};


}  // namespace nnplay::nn
