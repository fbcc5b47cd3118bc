// gemm_f32__avx2.cpp — GEMM with AVX2 + FMA3 (compiled with -mavx2 -mfma,
// src/CMakeLists.txt; called only when the CPU has both, gemm.cpp). Tile
// 6x16: 12 of the 16 YMM registers hold accumulators (the BLIS Haswell shape).
#include "kernels/gemm_isa.h"
#include "kernels/gemm_tiled.h"

namespace nnplay::kernels {
#if defined(__AVX2__) && defined(__FMA__)
using GemmAvx2 = TiledGemm<Simd8, 6, 2, 256, 120, 1024>;
NNP_GEMM_DEFINE(avx2, GemmAvx2)
#endif
}  // namespace nnplay::kernels
