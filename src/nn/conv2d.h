// conv2d.h — Conv2d (PyTorch's nn.Conv2d) and the convolution core it shares
// with Conv3d (conv3d.h).
//
// Legend: N = batch, C_in/C_out = channels, G = groups, H/W = height/width
// (D = depth for Conv3d), kH/kW = kernel, sH/sW = stride, dH/dW = dilation.
//   x: (N, C_in, H, W)   weight: (C_out, C_in/G, kH, kW)   bias: (C_out,)
//   y: (N, C_out, H_out, W_out),
//   H_out = floor((H + pad_top + pad_bottom − dH·(kH − 1) − 1) / sH) + 1 (likewise W)
//   y[n, o, h, w] = b[o] + Σ_{c ∈ group(o), i, j} W[o, c, i, j] · x[n, c, h·sH − pad_top + i·dH, w·sW − pad_left + j·dW]
// (lecture "From fully connected to convolutional networks"; zero padding).
// groups = G runs G independent convolutions on channel slices: G = C_in is a
// depthwise convolution and kernel 1 a pointwise one (lecture "Depth-Wise
// Convolution", MobileNet v1); dilation spaces the taps (lecture "Dilated
// Convolutions", Yu & Koltun 2015). padding="same" keeps H, W at stride 1
// and gives ceil(H / stride) beyond it (TensorFlow's rule, resolve_same_padding).
//
// Method, per sample n and group g (kernels/im2col.h + kernels/gemm.h):
//   col = im2col(x[n, g])  (C_in/G·kH·kW, H_out·W_out);   y[n, g] = W_g · col + b
//   backward: dW_g += dy[n, g] · colᵀ;  dx[n, g] += col2im(W_gᵀ · dy[n, g]);  db += Σ dy
// setup() asks kernels/conv_plan.h how: implicit im2col ("wide rows", 2D
// stride 1: row (c, i, j) of col is the padded image shifted, read in
// place), no im2col at all (pointwise: col = x[n, g]), or an explicit col;
// which product kernels; what a training forward keeps for backward (up to
// 32 MB); and whether the batch's samples are split between threads.
// forward() and backward() dispatch on that plan; both also run over a range
// of the batch's samples (Layer::forward_samples), in pieces.
// Default init (PyTorch): weight and bias U(−1/√fan_in, 1/√fan_in), fan_in = C_in/G·kH·kW.
// No train/eval difference.
#pragma once

#include <array>
#include <vector>

#include "kernels/conv_plan.h"
#include "kernels/im2col.h"
#include "nn/layer.h"
#include "nn/layer_args.h"
#include "nn/spatial_args.h"

namespace nnplay::nn {

/// Hyperparameters of a 2D or 3D convolution. Per-axis values are (D, H, W);
/// a 2D convolution keeps D at kernel 1, stride 1, padding 0.
struct ConvOptions {
  int rank = 2;  // spatial axes: 2 (Conv2d) or 3 (Conv3d)
  int in_channels = 0;  // 0 = inferred from the input (else checked against it)
  int out_channels = 1;
  std::array<int, 3> kernel_size{1, 1, 1};
  std::array<int, 3> stride{1, 1, 1};
  std::array<int, 3> dilation{1, 1, 1};
  Padding<3> padding;
  int groups = 1;
  bool bias = true;
};

/// Parses PyTorch's Conv2d/Conv3d arguments (in_channels optional, out_channels,
/// kernel_size, stride, padding, dilation, groups, bias, padding_mode='zeros').
/// padding='same' is resolved for stride 1 here and for the input's size by
/// resolve_same_padding() when the layer is set up.
Result<ConvOptions> parse_conv_options(const LayerArgs& args, int rank);

/// padding='same' for input extents `in` (D, H, W; 1 for a 2D convolution's D):
/// TensorFlow's rule, which PyTorch keeps for stride 1 and refuses beyond it:
///   out = ceil(in / stride), total = max((out − 1)·stride + dilation·(k − 1) + 1 − in, 0),
///   before = ⌊total / 2⌋, after = the rest (the extra row and column go after).
/// At stride 1, total = dilation·(k − 1) whatever the input. Leaves other paddings alone.
void resolve_same_padding(ConvOptions& o, const std::array<int, 3>& in);

/// The convolution core: forward/backward by im2col + GEMM for 2 or 3 spatial axes.
class Convolution : public Layer {
 public:
  explicit Convolution(const ConvOptions& o) : opt_(o) {}

  std::string describe() const override;
  Status setup(std::span<const Shape> in, Shape* out) override;
  void reset_parameters(Rng& rng) override;
  void forward(std::span<const Tensor* const> x, Tensor& y, Context& ctx) override;
  void backward(std::span<const Tensor* const> x, const Tensor& y, const Tensor& dy,
                std::span<Tensor* const> dx) override;
  bool splits_batch() const override { return true; }
  void forward_samples(std::span<const Tensor* const> x, Tensor& y, Context& ctx, int s0, int s1) override;
  void backward_samples(std::span<const Tensor* const> x, const Tensor& y, const Tensor& dy,
                        std::span<Tensor* const> dx, int s0, int s1) override;
  std::vector<ParamRef> params() override;
  int64_t macs_per_sample() const override;

  const ConvOptions& options() const { return opt_; }
  int in_channels() const { return in_channels_; }
  Tensor& weight() { return weight_; }
  Tensor& bias() { return bias_; }
  /// How this geometry is computed (valid after setup).
  const kernels::ConvPlan& plan() const { return plan_; }

 private:
  ConvOptions opt_;
  int in_channels_ = 0;
  kernels::ConvGeometry geom_;  // one group of one sample
  kernels::ConvPlan plan_;      // from geom_ at setup
  Tensor weight_, bias_, dweight_, dbias_;
  Tensor col_, dcol_;  // Unfolded: (K, P) of one sample and group at a time
  // Train-mode forward keeps every sample's col or padded image here for
  // backward when the plan has room for it (plan_.cache_floats).
  std::vector<float> cache_;
  int cached_batch_ = 0;  // batch whose cols or padded images cache_ holds (0: none)

  // Per thread part on the wide-rows path (parallel.h; samples are split
  // between parts): the padded image of one sample and group, the wide
  // output, its gradient (zero gaps), Wᵀ·dy, the padded dx, and (parts > 0)
  // the part's share of dW.
  struct WideScratch {
    std::vector<float> xp, ywide, dywide, dcolw, dxp, dweight;
    std::vector<float> dyt, dwt;  // dyᵀ (wide_ld, cout_ld) and dWᵀ (K, cout_ld) when the plan's dweight_an
  };
  std::vector<WideScratch> scratch_;  // [0] planned at setup; more when threads are used
  WideScratch& scratch(int part);    // grows scratch_ to part + 1 entries
  /// Copies one sample and group of x into the interior of xp (C_in/G, hp, wp),
  /// whose borders are zero; returns xp.
  const float* pad_input(const float* xg, float* xp) const;
  void forward_wide(const Tensor& x, Tensor& y, bool cache, int s0, int s1);
  void backward_wide(const Tensor& x, const Tensor& dy, Tensor* dx, int s0, int s1);
  void forward_wide_samples(const Tensor& x, Tensor& y, bool cache, int s0, int s1, WideScratch& w);
  void backward_wide_samples(const Tensor& x, const Tensor& dy, Tensor* dx, int s0, int s1, WideScratch& w,
                             float* dweight);
  void forward_unfolded(const Tensor& x, Tensor& y, bool cache, int s0, int s1);
  void backward_unfolded(const Tensor& x, const Tensor& dy, Tensor* dx, int s0, int s1);
};

class Conv2d final : public Convolution {
 public:
  explicit Conv2d(const ConvOptions& o) : Convolution(o) {}
  static Result<std::unique_ptr<Layer>> from_args(const LayerArgs& args);
  const char* type_name() const override { return "Conv2d"; }
};

}  // namespace nnplay::nn
