// gemm_f32__sse2.cpp — GEMM for x86-64's baseline SSE2 (every x86-64 CPU),
// the fallback when the CPU lacks AVX2/FMA. Tile 6x8: 12 of the 16 XMM
// registers hold accumulators.
#include "kernels/gemm_isa.h"
#include "kernels/gemm_tiled.h"

namespace nnplay::kernels {
#if defined(__SSE2__)
using GemmSse2 = TiledGemm<Simd4, 6, 2, 256, 120, 1024>;
NNP_GEMM_DEFINE(sse2, GemmSse2)
#endif
}  // namespace nnplay::kernels
