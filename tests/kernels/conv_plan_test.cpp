// The convolution plan (kernels/conv_plan.h): which algorithm the zoo's
// convolutions get (LeNet's 5x5 stride 1, a strided 3x3, a 1x1, depthwise,
// 3D), the wide-rows geometry, and every threshold on both sides of its edge.
#include "kernels/conv_plan.h"

#include <gtest/gtest.h>

#include <array>

namespace nnplay::kernels {
namespace {

// One group's geometry: C channels, input (H, W), kernel, stride, symmetric
// padding, dilation (2D: depth 1).
ConvGeometry geom2d(int C, std::array<int, 2> in, std::array<int, 2> k, std::array<int, 2> s = {1, 1},
                    std::array<int, 2> p = {0, 0}, std::array<int, 2> d = {1, 1}) {
  ConvGeometry g;
  g.channels = C;
  g.in_h = in[0], g.in_w = in[1];
  g.kernel_h = k[0], g.kernel_w = k[1];
  g.stride_h = s[0], g.stride_w = s[1];
  g.pad_h = p[0], g.pad_w = p[1];
  g.dilation_h = d[0], g.dilation_w = d[1];
  g.out_h = conv_out_size(in[0], k[0], s[0], 2 * p[0], d[0]);
  g.out_w = conv_out_size(in[1], k[1], s[1], 2 * p[1], d[1]);
  return g;
}

TEST(ConvPlan, LeNetsFirstConvolutionTakesPaddedWideRows) {
  // Conv2d(1 -> 6, 5x5, padding 2) on 28x28: xp is 32x32; 892 wide columns
  // for 784 outputs (1.14 per output), computed as 896 (a multiple of 8), so
  // xp has 4 floats more than the image.
  const ConvPlan p = plan_conv(geom2d(1, {28, 28}, {5, 5}, {1, 1}, {2, 2}), 2, 1, 6, 64);
  EXPECT_EQ(p.algo, ConvAlgo::WideRows) << conv_algo_name(p.algo);
  EXPECT_TRUE(p.padded);
  EXPECT_TRUE(p.gaps);
  EXPECT_EQ(p.hp, 32);
  EXPECT_EQ(p.wp, 32);
  EXPECT_EQ(p.wide_n, 27 * 32 + 28);
  EXPECT_EQ(p.wide_ld, 896);
  EXPECT_EQ(p.K, 25);
  EXPECT_EQ(p.P, 784);
  EXPECT_EQ(p.cout_g, 6);
  EXPECT_EQ(p.in_group, 784);
  EXPECT_EQ(p.out_group, 6 * 784);
  EXPECT_EQ(p.in_plane, 784);
  EXPECT_EQ(p.plane, 1024);
  EXPECT_EQ(p.xp_size, 1024 + 4);
  ASSERT_EQ(p.koff.size(), 25u);
  EXPECT_EQ(p.koff[0], 0);
  EXPECT_EQ(p.koff[1], 1);       // (c, i, j) = (0, 0, 1)
  EXPECT_EQ(p.koff[5], 32);      // (0, 1, 0): one padded row down
  EXPECT_EQ(p.koff[24], 4 * 32 + 4);
  EXPECT_EQ(p.cache_group, 1028);  // training keeps every padded image
  EXPECT_EQ(p.cache_floats, 64 * 1028);
}

TEST(ConvPlan, LeNetsSecondConvolutionReadsTheInputInPlace) {
  // Conv2d(6 -> 16, 5x5) on 14x14: no padding, so the input is xp itself
  // (nothing to pad, nothing to cache); 136 wide columns for 100 outputs.
  const ConvPlan p = plan_conv(geom2d(6, {14, 14}, {5, 5}), 2, 1, 16, 64);
  EXPECT_EQ(p.algo, ConvAlgo::WideRows) << conv_algo_name(p.algo);
  EXPECT_FALSE(p.padded);
  EXPECT_TRUE(p.gaps);
  EXPECT_EQ(p.wide_n, 9 * 14 + 10);
  EXPECT_EQ(p.wide_ld, 136);  // already a multiple of kWideAlign: nothing read past x
  EXPECT_EQ(p.koff[25], 14 * 14);  // channel 1 starts one plane on
  EXPECT_EQ(p.cache_group, 0);
  EXPECT_EQ(p.cache_floats, 0);
}

TEST(ConvPlan, StridedConvolutionsUnfold) {
  const ConvPlan p = plan_conv(geom2d(16, {28, 28}, {3, 3}, {2, 2}, {1, 1}), 2, 1, 32, 64);
  EXPECT_EQ(p.algo, ConvAlgo::Unfolded) << conv_algo_name(p.algo);
  EXPECT_EQ(p.K, 144);
  EXPECT_EQ(p.P, 196);
  EXPECT_TRUE(p.direct);
  EXPECT_TRUE(p.direct_dx);
  EXPECT_EQ(p.cache_group, 144 * 196);
  EXPECT_EQ(p.cache_floats, 64 * 144 * 196);
  EXPECT_TRUE(p.koff.empty());
  // A stride along one axis only is enough.
  EXPECT_EQ(plan_conv(geom2d(4, {9, 9}, {3, 3}, {1, 2}), 2, 1, 4, 8).algo, ConvAlgo::Unfolded);
}

TEST(ConvPlan, OneByOneIsPointwiseUnlessPadded) {
  const ConvPlan p = plan_conv(geom2d(32, {14, 14}, {1, 1}), 2, 1, 64, 64);
  EXPECT_EQ(p.algo, ConvAlgo::Pointwise) << conv_algo_name(p.algo);
  EXPECT_EQ(p.cache_group, 0);  // col is x: nothing to keep
  EXPECT_EQ(p.cache_floats, 0);
  // Padded, a 1x1 kernel reads a zero-bordered image: wide rows without gaps.
  const ConvPlan q = plan_conv(geom2d(4, {5, 6}, {1, 1}, {1, 1}, {1, 1}), 2, 1, 8, 3);
  EXPECT_EQ(q.algo, ConvAlgo::WideRows) << conv_algo_name(q.algo);
  EXPECT_TRUE(q.padded);
  EXPECT_FALSE(q.gaps);
  EXPECT_EQ(q.wide_n, q.P);
  // Strided, it unfolds.
  EXPECT_EQ(plan_conv(geom2d(4, {6, 6}, {1, 1}, {2, 2}), 2, 1, 8, 3).algo, ConvAlgo::Unfolded);
}

TEST(ConvPlan, DepthwiseTakesThePathOfItsStride) {
  // groups = C = 16: one channel per group, one output per group.
  const ConvPlan p = plan_conv(geom2d(1, {14, 14}, {3, 3}, {1, 1}, {1, 1}), 2, 16, 16, 64);
  EXPECT_EQ(p.algo, ConvAlgo::WideRows) << conv_algo_name(p.algo);
  EXPECT_EQ(p.cout_g, 1);
  EXPECT_EQ(p.K, 9);
  EXPECT_EQ(p.cache_floats, int64_t{64} * 16 * p.xp_size);  // per sample and group
  const ConvPlan s = plan_conv(geom2d(1, {14, 14}, {3, 3}, {2, 2}, {1, 1}), 2, 16, 16, 64);
  EXPECT_EQ(s.algo, ConvAlgo::Unfolded) << conv_algo_name(s.algo);
  EXPECT_EQ(s.cache_floats, int64_t{64} * 16 * 9 * 49);
}

TEST(ConvPlan, ThreeDimensionalConvolutionsNeverTakeWideRows) {
  ConvGeometry g = geom2d(3, {6, 6}, {3, 3}, {1, 1}, {1, 1});
  g.in_d = 4, g.kernel_d = 3, g.pad_d = 1;
  g.out_d = conv_out_size(4, 3, 1, 2, 1);
  EXPECT_EQ(plan_conv(g, 3, 1, 4, 2).algo, ConvAlgo::Unfolded);
  // Even with a depth of 1, a Conv3d keeps its own path.
  EXPECT_EQ(plan_conv(geom2d(3, {6, 6}, {3, 3}, {1, 1}, {1, 1}), 3, 1, 4, 2).algo, ConvAlgo::Unfolded);
  EXPECT_EQ(plan_conv(geom2d(3, {6, 6}, {1, 1}), 3, 1, 4, 2).algo, ConvAlgo::Pointwise);
}

TEST(ConvPlan, WideRowsUpToTheirWasteLimit) {
  // Kernel 1x5 on 2x8: wp = 8, wide_n = 8 + 4 = 12 = 1.5 · 8 outputs: still wide.
  const ConvPlan at = plan_conv(geom2d(2, {2, 8}, {1, 5}), 2, 1, 3, 4);
  EXPECT_EQ(at.wide_n, 12);
  EXPECT_EQ(at.P, 8);
  EXPECT_EQ(at.algo, ConvAlgo::WideRows) << conv_algo_name(at.algo);
  // Kernel 1x6 on 2x9: wp = 9, wide_n = 13 > 12: unfolded.
  const ConvPlan over = plan_conv(geom2d(2, {2, 9}, {1, 6}), 2, 1, 3, 4);
  EXPECT_EQ(over.P, 8);
  EXPECT_EQ(over.algo, ConvAlgo::Unfolded) << conv_algo_name(over.algo);
  EXPECT_EQ(over.wide_n, 0);  // wide-rows sizes only for that path
}

TEST(ConvPlan, WideRowsComputeWholeVectorsOfColumns) {
  // ResNet's last stage, 64 channels of 7x7, 3x3 'same': wp = 9, 61 wide
  // columns computed as 64; the image gets 3 floats of room after its last row.
  const ConvPlan r = plan_conv(geom2d(64, {7, 7}, {3, 3}, {1, 1}, {1, 1}), 2, 1, 64, 64);
  EXPECT_EQ(r.algo, ConvAlgo::WideRows) << conv_algo_name(r.algo);
  EXPECT_EQ(r.wide_n, 6 * 9 + 7);
  EXPECT_EQ(r.wide_ld, 64);
  EXPECT_EQ(r.xp_size, 64 * 81 + 3);
  // Unpadded, 3x3 on 8x9: 52 columns computed as 56 would read 4 floats past
  // the input, so it is copied into xp (which has the room) like a padded one.
  const ConvPlan u = plan_conv(geom2d(3, {8, 9}, {3, 3}), 2, 1, 5, 4);
  EXPECT_EQ(u.wide_n, 5 * 9 + 7);
  EXPECT_EQ(u.wide_ld, 56);
  EXPECT_TRUE(u.padded);
  EXPECT_EQ(u.xp_size, 3 * 72 + 4);
  EXPECT_EQ(u.cache_group, u.xp_size);
  // Without gaps the output is written in place: no rounding.
  const ConvPlan q = plan_conv(geom2d(4, {5, 6}, {1, 1}, {1, 1}, {1, 1}), 2, 1, 8, 3);
  EXPECT_FALSE(q.gaps);
  EXPECT_EQ(q.wide_ld, q.wide_n);
  EXPECT_EQ(q.xp_size, 4 * 7 * 8);
}

TEST(ConvPlan, UnpackedProductsUpToTheirOperandLimit) {
  // 16 channels, 4x4 kernel, stride 2 on 34x34: K = 256, P = 16·16 = 256,
  // K·P = 65536 = kSkinnyFloats.
  const ConvPlan at = plan_conv(geom2d(16, {34, 34}, {4, 4}, {2, 2}), 2, 1, 256, 1);
  ASSERT_EQ(int64_t{at.K} * at.P, kSkinnyFloats);
  EXPECT_TRUE(at.direct);
  EXPECT_TRUE(at.direct_dx);  // 256 outputs · 256 positions
  const ConvPlan over = plan_conv(geom2d(17, {34, 34}, {4, 4}, {2, 2}), 2, 1, 257, 1);
  EXPECT_FALSE(over.direct);     // K = 272
  EXPECT_FALSE(over.direct_dx);  // 257 · 256
  // The same on the pointwise path: 256 channels of 16x16.
  EXPECT_TRUE(plan_conv(geom2d(256, {16, 16}, {1, 1}), 2, 1, 8, 1).direct);
  EXPECT_FALSE(plan_conv(geom2d(257, {16, 16}, {1, 1}), 2, 1, 8, 1).direct);
}

TEST(ConvPlan, TrainingCachesUpToTheirLimitAtMaxBatch) {
  // Unfolded, 65536 floats of col per sample: 128 samples fill kCacheFloats.
  const ConvGeometry g = geom2d(16, {34, 34}, {4, 4}, {2, 2});
  EXPECT_EQ(plan_conv(g, 2, 1, 8, 128).cache_floats, kCacheFloats);
  EXPECT_EQ(plan_conv(g, 2, 1, 8, 129).cache_floats, 0);
  // Groups count: 64 samples of 2 groups of 65536.
  EXPECT_EQ(plan_conv(g, 2, 2, 8, 64).cache_floats, kCacheFloats);
  EXPECT_EQ(plan_conv(g, 2, 2, 8, 65).cache_floats, 0);
  // Padded wide rows, 1028 floats of padded image per sample (LeNet's first):
  // 8160 samples fit in kCacheFloats = 8·2^20.
  const ConvGeometry lenet = geom2d(1, {28, 28}, {5, 5}, {1, 1}, {2, 2});
  EXPECT_EQ(plan_conv(lenet, 2, 1, 6, 8160).cache_floats, 8160 * 1028);
  EXPECT_EQ(plan_conv(lenet, 2, 1, 6, 8161).cache_floats, 0);
}

TEST(ConvPlan, ThreadsOnlyForCallsWorthWakingThem) {
  EXPECT_EQ(conv_parts(8, kParallelMacs, 4), 4);
  EXPECT_EQ(conv_parts(8, kParallelMacs - 1, 4), 1);
  EXPECT_EQ(conv_parts(1, 100 * kParallelMacs, 4), 1);  // one sample: nothing to split
  EXPECT_EQ(conv_parts(2, 100 * kParallelMacs, 1), 1);
  EXPECT_EQ(conv_parts(2, 100 * kParallelMacs, 3), 3);  // more parts than samples: some get none
}

}  // namespace
}  // namespace nnplay::kernels
