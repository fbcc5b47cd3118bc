#include "kernels/conv_plan.h"

#include <cstddef>

namespace nnplay::kernels {

const char* conv_algo_name(ConvAlgo algo) {
  switch (algo) {
    case ConvAlgo::WideRows: return "wide_rows";
    case ConvAlgo::Pointwise: return "pointwise";
    case ConvAlgo::Unfolded: return "unfolded";
  }
  return "?";
}

ConvPlan plan_conv(const ConvGeometry& g, int spatial_rank, int groups, int out_channels, int max_batch) {
  ConvPlan p;
  p.cout_g = out_channels / groups;
  p.K = g.col_rows();
  p.P = g.col_cols();
  p.in_group = int64_t{g.channels} * g.in_volume();
  p.out_group = int64_t{p.cout_g} * p.P;

  // Wide rows: 2D, stride 1, not pointwise, few wasted columns.
  const int hp = g.out_h + g.dilation_h * (g.kernel_h - 1), wp = g.out_w + g.dilation_w * (g.kernel_w - 1);
  const int wide_n = (g.out_h - 1) * wp + g.out_w;
  const bool pointwise = g.is_pointwise();
  if (spatial_rank == 2 && g.stride_h == 1 && g.stride_w == 1 && !pointwise && wide_n <= kWideMaxWaste * p.P)
    p.algo = ConvAlgo::WideRows;
  else p.algo = pointwise ? ConvAlgo::Pointwise : ConvAlgo::Unfolded;

  if (p.algo == ConvAlgo::WideRows) {
    auto round_up = [](int v) { return (v + kWideAlign - 1) / kWideAlign * kWideAlign; };
    p.hp = hp, p.wp = wp, p.wide_n = wide_n;
    p.gaps = wp != g.out_w;
    p.wide_ld = p.gaps ? round_up(wide_n) : wide_n;
    // Reading wide_ld columns from the last row runs wide_ld − wide_n floats
    // past the image: only our own xp has that room.
    p.padded = hp != g.in_h || wp != g.in_w || p.wide_ld > wide_n;
    p.dweight_an = p.cout_g >= kWideAlign;
    p.cout_ld = p.dweight_an ? round_up(p.cout_g) : 0;
    p.in_plane = int64_t{g.in_h} * g.in_w;
    p.plane = int64_t{hp} * wp;
    p.xp_size = int64_t{g.channels} * p.plane + (p.wide_ld - wide_n);
    p.koff.reserve(static_cast<size_t>(p.K));
    for (int c = 0; c < g.channels; ++c)
      for (int i = 0; i < g.kernel_h; ++i)
        for (int j = 0; j < g.kernel_w; ++j)
          p.koff.push_back(static_cast<int>(c * p.plane + int64_t{i} * g.dilation_h * wp + j * g.dilation_w));
    p.cache_group = p.padded ? p.xp_size : 0;
  } else {
    p.direct = int64_t{p.K} * p.P <= kSkinnyFloats;
    p.direct_dx = int64_t{p.cout_g} * p.P <= kSkinnyFloats;
    p.cache_group = pointwise ? 0 : int64_t{p.K} * p.P;
  }
  const int64_t cache = int64_t{max_batch} * groups * p.cache_group;
  p.cache_floats = cache <= kCacheFloats ? cache : 0;
  return p;
}

int conv_parts(int samples, int64_t macs, int threads) {
  return samples < 2 || threads == 1 || macs < kParallelMacs ? 1 : threads;
}

}  // namespace nnplay::kernels
