// select_last.h — SelectLast: the last time step of a sequence, so a
// sequence classifier can end in Linear (PyTorch idiom: output[:, -1, :]
// after an RNN/LSTM with batch_first=True).
//
//   x: (N, T, H)  ->  y: (N, H),  y[n] = x[n, T − 1]
//   backward: dx[n, T − 1] += dy[n]  (other steps receive no gradient here;
//   BPTT in the recurrent layer carries it back through time).
// No parameters, no train/eval difference.
#pragma once

#include "nn/layer.h"

namespace nnplay::nn {

class SelectLast final : public Layer {
 public:
  const char* type_name() const override { return "SelectLast"; }
  Status setup(std::span<const Shape> in, Shape* out) override;
  void forward(std::span<const Tensor* const> x, Tensor& y, Context& ctx) override;
  void backward(std::span<const Tensor* const> x, const Tensor& y, const Tensor& dy,
                std::span<Tensor* const> dx) override;

 private:
  int steps_ = 0, features_ = 0;
};

}  // namespace nnplay::nn
