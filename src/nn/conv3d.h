// conv3d.h — Conv3d (PyTorch's nn.Conv3d) for short clips: the convolution
// of conv2d.h with a depth (time) axis (lecture "3D Convolutional Network
// (3D CNN), 2011": 3D filters take temporal coherence into account; Ji et al.
// 2013).
//
// Legend: N = batch, C = channels, D = depth (frames), H/W = height/width.
//   x: (N, C_in, D, H, W)   weight: (C_out, C_in/G, kD, kH, kW)   bias: (C_out,)
//   y: (N, C_out, D_out, H_out, W_out), each axis as in Conv2d:
//   D_out = floor((D + 2·pD − dD·(kD − 1) − 1) / sD) + 1
//   y[n, o, t, h, w] = b[o] + Σ_{c, a, i, j} W[o, c, a, i, j] · x[n, c, t·sD − pD + a·dD, h·sH − pH + i·dH, w·sW − pW + j·dW]
// kernel_size, stride, padding, dilation take "k" or "kD,kH,kW"; padding
// also "same" (stride 1). Same im2col + GEMM forward/backward, init and
// groups as Conv2d (Convolution in conv2d.h). No train/eval difference.
#pragma once

#include "nn/conv2d.h"

namespace nnplay::nn {

class Conv3d final : public Convolution {
 public:
  explicit Conv3d(const ConvOptions& o) : Convolution(o) {}
  static Result<std::unique_ptr<Layer>> from_args(const LayerArgs& args);
  const char* type_name() const override { return "Conv3d"; }
};

}  // namespace nnplay::nn
