// conv_transpose2d.h — ConvTranspose2d (PyTorch's nn.ConvTranspose2d): the
// adjoint (gradient) of Conv2d with respect to its input, used to upsample
// in decoders (lecture "U-Net, 2015": the expanding path; FCN's learned
// upsampling; Dumoulin & Visin 2016, "A guide to convolution arithmetic").
//
// Legend: N = batch, C_in/C_out = channels, G = groups, H/W = height/width.
//   x: (N, C_in, H, W)   weight: (C_in, C_out/G, kH, kW)   bias: (C_out,)
//   y: (N, C_out, H_out, W_out),
//   H_out = (H − 1)·sH − 2·pH + dH·(kH − 1) + output_padding_h + 1   (likewise W)
//   y[n, o, h·sH − pH + i·dH, w·sW − pW + j·dW] += W[c, o, i, j] · x[n, c, h, w]   (+ b[o])
// i.e. every input pixel scatters a weighted kernel into the output.
// Method, per sample n and group g: col = W_gᵀ · x[n, g]  (C_out/G·kH·kW, H·W);
//   y[n, g] = col2im(col) + b. backward: col = im2col(dy[n, g]);
//   dW_g += x[n, g] · colᵀ;  dx[n, g] += W_g · col;  db += Σ dy.
// output_padding (< stride or < dilation, as PyTorch) adds rows/columns at
// the bottom/right so that the output size of a strided Conv2d can be matched.
// Default init (PyTorch): U(−1/√fan_in, 1/√fan_in) with fan_in = C_out/G·kH·kW
// (torch's fan computation on this weight layout). No train/eval difference.
#pragma once

#include <array>

#include "kernels/im2col.h"
#include "nn/layer.h"
#include "nn/layer_args.h"

namespace nnplay::nn {

class ConvTranspose2d final : public Layer {
 public:
  struct Options {
    int in_channels = 0;  // 0 = inferred
    int out_channels = 1;
    std::array<int, 2> kernel_size{1, 1}, stride{1, 1}, padding{0, 0}, output_padding{0, 0}, dilation{1, 1};
    int groups = 1;
    bool bias = true;
  };
  explicit ConvTranspose2d(const Options& o) : opt_(o) {}
  /// in_channels (optional), out_channels, kernel_size, stride=1, padding=0,
  /// output_padding=0, groups=1, bias=true, dilation=1, padding_mode='zeros'.
  static Result<std::unique_ptr<Layer>> from_args(const LayerArgs& args);

  const char* type_name() const override { return "ConvTranspose2d"; }
  std::string describe() const override;
  Status setup(std::span<const Shape> in, Shape* out) override;
  void reset_parameters(Rng& rng) override;
  void forward(std::span<const Tensor* const> x, Tensor& y, Context& ctx) override;
  void backward(std::span<const Tensor* const> x, const Tensor& y, const Tensor& dy,
                std::span<Tensor* const> dx) override;
  std::vector<ParamRef> params() override;
  int64_t macs_per_sample() const override;

  Tensor& weight() { return weight_; }
  Tensor& bias() { return bias_; }

 private:
  Options opt_;
  int in_channels_ = 0;
  // The Conv2d whose input gradient this layer computes: its "input" is our
  // output (channels C_out/G) and its "output" is our input.
  kernels::ConvGeometry geom_;
  Tensor weight_, bias_, dweight_, dbias_;
  Tensor col_;  // (C_out/G·kH·kW, H·W): one sample and group at a time
};

}  // namespace nnplay::nn
