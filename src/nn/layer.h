// layer.h — THE layer contract. Every layer in nn/ implements it; the shared
// gradient checker in tests/support/gradcheck.h enforces it.
//
// Shapes: dimension 0 is the batch N. Feature tensors are (N, D); image
// tensors are NCHW. A layer is set up for per-sample input shapes and a
// maximum batch; forward may then run at any batch n <= max_batch without
// allocating (tensors resize within planned capacity).
//
// Contract (after dlib's layers_abstract.h, shortened):
//   set_max_batch(n) then setup(in, out)
//     requires: in.size() == num_inputs() (or >= num_inputs() when
//               variadic_inputs()); every in[i] has in[i][0] == 1
//               (per-sample shape with a unit batch).
//     ensures:  validates the shapes and returns SHAPE_MISMATCH/INVALID_ARGUMENT
//               naming the layer and the shapes when they do not fit; sizes
//               parameters, their gradients and caches (batch-sized caches
//               reserved for max_batch(), so forward/backward at n <= max_batch()
//               allocate nothing); *out = output shape with a unit batch.
//               May be called again when shapes change.
//   reset_parameters(rng): initialises parameters (PyTorch's defaults unless
//               an init scheme is applied afterwards by nn/init.h).
//   forward(x, y, ctx)
//     requires: setup() succeeded; x[i]->shape() == in[i] with batch n.
//     ensures:  y holds the output (batch n). Caches whatever backward needs
//               (dropout mask, BN statistics). Reads ctx.mode (Train/Eval) and
//               draws randomness only from ctx.rng.
//   backward(x, y, dy, dx)
//     requires: forward(x, y) was the last forward call; dy has y's shape;
//               dx[i] is null (no gradient wanted) or has x[i]'s shape.
//     ensures:  with f = <y, dy> (dot product of output and upstream gradient),
//               ADDS  df/dx[i] to *dx[i]   and  df/dθ to every param grad.
//               Never overwrites: callers zero gradients once per step, which
//               makes fan-out, residuals and gradient accumulation free.
//   params()/buffers(): the trainable tensors (with grads) and the
//               non-trainable state, by PyTorch name.
#pragma once

#include <memory>
#include <span>
#include <string>
#include <vector>

#include "core/param.h"
#include "core/rng.h"
#include "core/status.h"
#include "core/tensor.h"

namespace nnplay::nn {

/// Train vs eval is explicit on the model and reaches every layer through
/// Context; it is never inferred from the batch size.
enum class Mode { Train, Eval };

struct Context {
  Mode mode = Mode::Train;
  Rng* rng = nullptr;  // for stochastic layers (dropout); never std::rand
};

class Layer {
 public:
  virtual ~Layer() = default;

  /// PyTorch-style type name: "Linear", "ReLU".
  virtual const char* type_name() const = 0;
  /// Human-readable description for UI and errors: "Linear(784→128)".
  virtual std::string describe() const { return type_name(); }
  /// Inputs the layer takes: exactly num_inputs(), or any count from
  /// num_inputs() up when variadic_inputs() (Concat: two or more).
  virtual int num_inputs() const { return 1; }
  virtual bool variadic_inputs() const { return false; }
  bool accepts_inputs(int n) const { return variadic_inputs() ? n >= num_inputs() : n == num_inputs(); }

  /// Largest batch forward() will see. Model::build sets it before setup()
  /// so setup() can reserve batch-sized caches; a larger batch still works
  /// but allocates.
  void set_max_batch(int n) { max_batch_ = n < 1 ? 1 : n; }
  int max_batch() const { return max_batch_; }

  virtual Status setup(std::span<const Shape> in, Shape* out) = 0;
  virtual void reset_parameters(Rng& /*rng*/) {}
  virtual void forward(std::span<const Tensor* const> x, Tensor& y, Context& ctx) = 0;
  virtual void backward(std::span<const Tensor* const> x, const Tensor& y, const Tensor& dy,
                        std::span<Tensor* const> dx) = 0;

  /// A layer whose samples are independent (a convolution: each sample's
  /// output, input gradient and share of the parameter gradients depend on
  /// that sample alone) can run a batch in pieces, so one costly node never
  /// holds a frame (Model::set_piece_macs). forward_samples/backward_samples
  /// over samples [s0, s1) of the batch, called for consecutive ranges from
  /// s0 = 0 to the batch's end, give bit for bit what one forward()/backward()
  /// gives (parameter gradients accumulate sample by sample, in order). The
  /// first piece (s0 = 0) does what a whole call does first (resizing y).
  /// Model calls these for every node; a layer that does not split gets the
  /// whole batch (s0 = 0, s1 = N), which the defaults pass to forward()/backward().
  virtual bool splits_batch() const { return false; }
  virtual void forward_samples(std::span<const Tensor* const> x, Tensor& y, Context& ctx, int /*s0*/, int /*s1*/) {
    forward(x, y, ctx);
  }
  virtual void backward_samples(std::span<const Tensor* const> x, const Tensor& y, const Tensor& dy,
                                std::span<Tensor* const> dx, int /*s0*/, int /*s1*/) {
    backward(x, y, dy, dx);
  }

  virtual std::vector<ParamRef> params() { return {}; }
  virtual std::vector<BufferRef> buffers() { return {}; }
  /// Multiply-adds per sample of one forward pass (for the UI's cost column).
  virtual int64_t macs_per_sample() const { return 0; }

  /// Stable id assigned by the Model; keys optimizer state (core/param.h).
  uint32_t uid() const { return uid_; }
  void set_uid(uint32_t uid) { uid_ = uid; }

 private:
  uint32_t uid_ = 0;
  int max_batch_ = 1;
};

/// `layer`'s parameter or buffer called `name` ("weight", "running_mean"), or
/// nullptr.
inline const Tensor* param_named(Layer& layer, const std::string& name) {
  for (const ParamRef& p : layer.params())
    if (name == p.id.name) return p.value;
  for (const BufferRef& b : layer.buffers())
    if (name == b.name) return b.value;
  return nullptr;
}

}  // namespace nnplay::nn
