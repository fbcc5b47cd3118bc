// add.h — Add and Mul: elementwise merges of two same-shaped inputs, the
// joints of a DAG model (ModelSpec nodes list their inputs).
//
//   Add: y = a + b           backward: da += dy;  db += dy   (llm.c residual_backward)
//   Mul: y = a ⊙ b           backward: da += dy ⊙ b;  db += dy ⊙ a
// Add is the residual connection y = x + F(x) (He et al. 2016; lecture "Deep
// Residual Network (ResNet), 2015": skip connections): give it the block's
// input and output. A projection shortcut is a 1x1 Conv2d on the skip path
// (another node) feeding Add. Mul gates one branch by another (e.g. a Sigmoid
// mask). Shapes must match exactly (no broadcasting). No parameters, no
// train/eval difference.
#pragma once

#include "nn/layer.h"

namespace nnplay::nn {

class Add final : public Layer {
 public:
  const char* type_name() const override { return "Add"; }
  int num_inputs() const override { return 2; }
  Status setup(std::span<const Shape> in, Shape* out) override;
  void forward(std::span<const Tensor* const> x, Tensor& y, Context& ctx) override;
  void backward(std::span<const Tensor* const> x, const Tensor& y, const Tensor& dy,
                std::span<Tensor* const> dx) override;
};

class Mul final : public Layer {
 public:
  const char* type_name() const override { return "Mul"; }
  int num_inputs() const override { return 2; }
  Status setup(std::span<const Shape> in, Shape* out) override;
  void forward(std::span<const Tensor* const> x, Tensor& y, Context& ctx) override;
  void backward(std::span<const Tensor* const> x, const Tensor& y, const Tensor& dy,
                std::span<Tensor* const> dx) override;
};

}  // namespace nnplay::nn
