// im2col.h — unfold image patches into matrix columns so convolution becomes
// one GEMM (Chellapilla et al. 2006, "High performance convolutional neural
// networks for document processing"; Caffe's im2col), and the adjoint col2im.
//
// Legend (one sample, one channel group): C = channels, D/H/W = depth,
// height, width of the input; kD/kH/kW kernel; sD.. stride; pD.. leading
// zero padding; dD.. dilation; oD/oH/oW the output size (given explicitly, so
// asymmetric padding such as padding="same" with an even kernel works: the
// trailing padding is whatever the output size implies).
//
//   im2col: x (C, D, H, W) -> col (C·kD·kH·kW, oD·oH·oW)
//           col[(c, a, i, j), (od, oh, ow)] = x[c, od·sD − pD + a·dD, oh·sH − pH + i·dH, ow·sW − pW + j·dW]
//           (0 outside the input). Row order (c, a, i, j) matches a weight
//           (C_out, C, kD, kH, kW), so y (C_out, oD·oH·oW) = W · col.
//   col2im: the adjoint, ACCUMULATING: dx[c, ...] += col[(c, a, i, j), (od, oh, ow)].
// 2D is the 3D case with D = kD = oD = 1. Plain C++, no SIMD: the GEMM is
// where the time goes (kernels/gemm.h).
#pragma once

namespace nnplay::kernels {

struct ConvGeometry {
  int channels = 1;
  int in_d = 1, in_h = 1, in_w = 1;
  int kernel_d = 1, kernel_h = 1, kernel_w = 1;
  int stride_d = 1, stride_h = 1, stride_w = 1;
  int pad_d = 0, pad_h = 0, pad_w = 0;  // leading padding
  int dilation_d = 1, dilation_h = 1, dilation_w = 1;
  int out_d = 1, out_h = 1, out_w = 1;

  int kernel_volume() const { return kernel_d * kernel_h * kernel_w; }
  int col_rows() const { return channels * kernel_volume(); }
  int col_cols() const { return out_d * out_h * out_w; }
  int in_volume() const { return in_d * in_h * in_w; }
  /// Kernel 1, stride 1, no padding, output = input: col is x itself.
  bool is_pointwise() const;
};

/// Output size along one axis: floor((in + pad_total − dilation·(k − 1) − 1) / stride) + 1
/// (PyTorch's formula; pad_total = both sides). May be <= 0 for a too-small input.
int conv_out_size(int in, int kernel, int stride, int pad_total, int dilation);

/// col (col_rows, col_cols) = unfolded x (channels, in_d, in_h, in_w).
void im2col_f32(const ConvGeometry& g, const float* x, float* col);
/// dx (channels, in_d, in_h, in_w) += folded col (col_rows, col_cols).
void col2im_f32(const ConvGeometry& g, const float* col, float* dx);

}  // namespace nnplay::kernels
