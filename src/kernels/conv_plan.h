// conv_plan.h — how a convolution computes (nn/conv2d.h's Convolution): the
// algorithm for one geometry, chosen once at setup, the thresholds behind
// the choice, and the sizes that algorithm's loops and buffers need.
//
// Everything runs per sample and channel group (G groups; a depthwise
// convolution, G = C_in, is one channel per group and takes the same paths
// as any other grouping). With K = C_in/G·kD·kH·kW rows and P = D_out·H_out·W_out
// columns of col (kernels/im2col.h):
//
//   WideRows   2D, stride 1, kernel larger than 1x1 (LeNet's 5x5, ResNet's
//              3x3): implicit im2col. x zero-padded to xp (C_in/G, hp, wp),
//              hp = H_out + dH·(kH − 1), wp = W_out + dW·(kW − 1); row
//              k = (c, i, j) of col is xp from koff[k] = c·hp·wp + i·dH·wp + j·dW
//              on, read as wide_n = (H_out − 1)·wp + W_out columns of which
//              W_out of every wp are outputs (the rest, the gaps, are
//              computed and dropped), so the products read the image in place
//              (conv_gemm.h's koff). Chosen while wide_n <= kWideMaxWaste·P.
//              The products compute wide_ld >= wide_n columns, wide_n rounded
//              up to kWideAlign, so that no column is left to a scalar tail
//              (ResNet's 7x7 stage: 61 columns, 5 of them scalar on AVX2); xp has room for the rounded
//              reads past its last row. When hp, wp equal the input (no
//              padding) and no rounding is needed, x itself is xp.
//   Pointwise  1x1, stride 1, no padding: col is x itself.
//   Unfolded   the rest (strides, 3D, too many gaps): im2col into a col
//              buffer, col2im for the input gradient.
//
// Products: WideRows always uses the unpacked kernels of conv_gemm.h;
// Pointwise and Unfolded use them while the operand a product streams (col
// or dy of one sample and group) has at most kSkinnyFloats floats, so stays
// in L2 (LeNet's), and the packed GEMM of gemm.h above that.
// Caches: a training forward keeps what backward would otherwise rebuild —
// every sample's col (Unfolded) or padded image (padded WideRows) — when
// that fits kCacheFloats at max_batch.
// Threads: WideRows splits a batch's samples between the thread parts of
// core/parallel.h when a call is worth waking them (conv_parts).
//
// The plan is plain data: tests/kernels/conv_plan_test.cpp checks the
// choice on the zoo's convolutions and every threshold at its edge.
#pragma once

#include <cstdint>
#include <vector>

#include "kernels/im2col.h"

namespace nnplay::kernels {

enum class ConvAlgo { WideRows, Pointwise, Unfolded };

/// "wide_rows", "pointwise" or "unfolded" (test messages, benchmarks).
const char* conv_algo_name(ConvAlgo algo);

/// WideRows while the wide layout computes at most this many columns per
/// output position (wide_n / P): beyond it the gaps cost more than im2col.
inline constexpr double kWideMaxWaste = 1.5;
/// WideRows products compute whole multiples of this many columns (the widest
/// conv_gemm vector, Simd8), the extra ones dropped like the gaps.
inline constexpr int kWideAlign = 8;
/// Unpacked products (conv_gemm.h) while the streamed operand of one sample
/// and group has at most this many floats (256 KB: stays in L2).
inline constexpr int64_t kSkinnyFloats = 65536;
/// A training forward keeps the batch's cols or padded images for backward
/// up to this many floats (32 MB).
inline constexpr int64_t kCacheFloats = int64_t{8} << 20;
/// Below this many multiply-adds per call a convolution stays on one thread:
/// waking the workers costs tens of microseconds.
inline constexpr int64_t kParallelMacs = int64_t{1} << 21;

struct ConvPlan {
  ConvAlgo algo = ConvAlgo::Unfolded;

  // One sample and group, every algorithm.
  int cout_g = 0;         // output channels per group
  int K = 0, P = 0;       // col rows, output positions
  int64_t in_group = 0;   // floats of x: C_in/G·D·H·W
  int64_t out_group = 0;  // floats of y: cout_g·P

  // Pointwise and Unfolded: which kernels run the products.
  bool direct = false;     // W·col and dy·colᵀ unpacked (K·P <= kSkinnyFloats)
  bool direct_dx = false;  // Wᵀ·dy unpacked (cout_g·P <= kSkinnyFloats)

  // The training forward's cache for backward.
  int64_t cache_group = 0;   // floats kept per sample and group: K·P (Unfolded), xp_size (padded WideRows), else 0
  int64_t cache_floats = 0;  // max_batch·G·cache_group when that is at most kCacheFloats, else 0 (no cache)

  // WideRows.
  bool padded = false;  // x is copied into a zero-bordered xp first: hp, wp differ from the input's, or wide_ld > wide_n
  bool gaps = false;    // wp > W_out: the wide output has columns to drop
  int hp = 0, wp = 0, wide_n = 0;
  int wide_ld = 0;       // columns the products compute: wide_n rounded up to kWideAlign when gaps, else wide_n
  // The weight gradient: cout_g >= kWideAlign computes it transposed, dWᵀ
  // (K, cout_ld) = col · dyᵀ with dyᵀ's rows cout_ld = cout_g rounded up to
  // kWideAlign wide (conv_gemm_an_f32: vectors along the output channels, the
  // sum over positions in registers); fewer channels (LeNet's first 6, a
  // depthwise 1) take dy · colᵀ as dot products (conv_gemm_nt_f32).
  bool dweight_an = false;
  int cout_ld = 0;
  int64_t in_plane = 0;  // H·W
  int64_t plane = 0;     // hp·wp
  int64_t xp_size = 0;   // C_in/G·hp·wp + (wide_ld − wide_n): room for the rounded reads past the last row
  std::vector<int> koff;  // K row offsets into xp
};

/// The plan for a convolution over `spatial_rank` axes (2 or 3; only 2D takes
/// wide rows) whose groups each have geometry `g`, with `groups` groups and
/// `out_channels` outputs in all, for batches of up to `max_batch` samples.
ConvPlan plan_conv(const ConvGeometry& g, int spatial_rank, int groups, int out_channels, int max_batch);

/// Thread parts a WideRows call over `samples` samples costing `macs`
/// multiply-adds uses when `threads` threads are available: all of them, or 1
/// when there is one sample, one thread or fewer than kParallelMacs.
int conv_parts(int samples, int64_t macs, int threads);

}  // namespace nnplay::kernels
