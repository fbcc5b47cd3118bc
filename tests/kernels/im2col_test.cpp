// im2col/col2im against their definition (kernels/im2col.h) on odd 2D and
// 3D geometries with per-axis stride, padding, dilation, and col2im as the
// exact adjoint of im2col: <col2im(c), x> = <c, im2col(x)>.
#include "kernels/im2col.h"

#include <gtest/gtest.h>

#include <array>
#include <cmath>
#include <vector>

#include "core/rng.h"

namespace nnplay::kernels {
namespace {

ConvGeometry make(int C, std::array<int, 3> in, std::array<int, 3> k, std::array<int, 3> s, std::array<int, 3> p,
                  std::array<int, 3> d, std::array<int, 3> extra_pad = {0, 0, 0}) {
  ConvGeometry g;
  g.channels = C;
  g.in_d = in[0], g.in_h = in[1], g.in_w = in[2];
  g.kernel_d = k[0], g.kernel_h = k[1], g.kernel_w = k[2];
  g.stride_d = s[0], g.stride_h = s[1], g.stride_w = s[2];
  g.pad_d = p[0], g.pad_h = p[1], g.pad_w = p[2];
  g.dilation_d = d[0], g.dilation_h = d[1], g.dilation_w = d[2];
  g.out_d = conv_out_size(in[0], k[0], s[0], 2 * p[0] + extra_pad[0], d[0]);
  g.out_h = conv_out_size(in[1], k[1], s[1], 2 * p[1] + extra_pad[1], d[1]);
  g.out_w = conv_out_size(in[2], k[2], s[2], 2 * p[2] + extra_pad[2], d[2]);
  return g;
}

std::vector<float> randoms(size_t n, uint64_t seed) {
  Rng rng(seed);
  std::vector<float> v(n);
  for (float& x : v) x = rng.normal();
  return v;
}

const ConvGeometry kCases[] = {
    make(1, {1, 5, 5}, {1, 3, 3}, {1, 1, 1}, {0, 0, 0}, {1, 1, 1}),
    make(3, {1, 7, 6}, {1, 3, 2}, {1, 2, 1}, {0, 1, 0}, {1, 1, 2}),
    make(2, {1, 4, 9}, {1, 4, 3}, {1, 1, 3}, {0, 2, 1}, {1, 2, 1}, {0, 1, 0}),  // asymmetric (same-style) padding
    make(2, {1, 3, 3}, {1, 1, 1}, {1, 1, 1}, {0, 0, 0}, {1, 1, 1}),
    make(2, {4, 5, 6}, {2, 3, 3}, {2, 1, 2}, {1, 1, 0}, {1, 2, 1}),            // 3D
    make(1, {3, 2, 2}, {3, 1, 1}, {1, 1, 1}, {1, 0, 0}, {1, 1, 1}),
};

TEST(Im2col, MatchesTheDefinition) {
  for (const ConvGeometry& g : kCases) {
    const auto x = randoms(static_cast<size_t>(g.channels * g.in_volume()), 1);
    std::vector<float> col(static_cast<size_t>(g.col_rows()) * static_cast<size_t>(g.col_cols()), -7.0f);
    im2col_f32(g, x.data(), col.data());
    int row = 0;
    for (int c = 0; c < g.channels; ++c)
      for (int a = 0; a < g.kernel_d; ++a)
        for (int i = 0; i < g.kernel_h; ++i)
          for (int j = 0; j < g.kernel_w; ++j, ++row)
            for (int od = 0; od < g.out_d; ++od)
              for (int oh = 0; oh < g.out_h; ++oh)
                for (int ow = 0; ow < g.out_w; ++ow) {
                  const int id = od * g.stride_d - g.pad_d + a * g.dilation_d;
                  const int ih = oh * g.stride_h - g.pad_h + i * g.dilation_h;
                  const int iw = ow * g.stride_w - g.pad_w + j * g.dilation_w;
                  const bool in = id >= 0 && id < g.in_d && ih >= 0 && ih < g.in_h && iw >= 0 && iw < g.in_w;
                  const float expected = in ? x[static_cast<size_t>(((c * g.in_d + id) * g.in_h + ih) * g.in_w + iw)] : 0.0f;
                  const size_t at = static_cast<size_t>(row) * g.col_cols() + (od * g.out_h + oh) * g.out_w + ow;
                  ASSERT_EQ(col[at], expected) << "row " << row << " col " << (od * g.out_h + oh) * g.out_w + ow;
                }
  }
}

TEST(Im2col, Col2imIsTheAdjointAndAccumulates) {
  for (const ConvGeometry& g : kCases) {
    const size_t nx = static_cast<size_t>(g.channels * g.in_volume());
    const size_t nc = static_cast<size_t>(g.col_rows()) * static_cast<size_t>(g.col_cols());
    const auto x = randoms(nx, 2), c = randoms(nc, 3);
    std::vector<float> col(nc), folded(nx, 0.5f);
    im2col_f32(g, x.data(), col.data());
    col2im_f32(g, c.data(), folded.data());
    double lhs = 0, rhs = 0;
    for (size_t i = 0; i < nx; ++i) lhs += double(folded[i] - 0.5f) * x[i];
    for (size_t i = 0; i < nc; ++i) rhs += double(c[i]) * col[i];
    EXPECT_NEAR(lhs, rhs, 1e-4 * (1 + std::abs(rhs)));
  }
}

TEST(Im2col, OutputSizeFormula) {
  EXPECT_EQ(conv_out_size(7, 3, 2, 2, 1), 4);
  EXPECT_EQ(conv_out_size(5, 3, 1, 0, 2), 1);
  EXPECT_EQ(conv_out_size(4, 3, 1, 0, 2), 0);  // too small
  EXPECT_TRUE(make(2, {1, 3, 3}, {1, 1, 1}, {1, 1, 1}, {0, 0, 0}, {1, 1, 1}).is_pointwise());
  EXPECT_FALSE(make(2, {1, 3, 3}, {1, 1, 1}, {1, 2, 1}, {0, 0, 0}, {1, 1, 1}).is_pointwise());
}

}  // namespace
}  // namespace nnplay::kernels
