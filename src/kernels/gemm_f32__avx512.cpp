// gemm_f32__avx512.cpp — GEMM with AVX-512F (compiled with -mavx512f -mfma,
// src/CMakeLists.txt; called only when the CPU has AVX-512F, gemm.cpp).
// Tile 8x32: 16 of the 32 ZMM registers hold accumulators.
#include "kernels/gemm_isa.h"
#include "kernels/gemm_tiled.h"

namespace nnplay::kernels {
#if defined(__AVX512F__)
using GemmAvx512 = TiledGemm<Simd16, 8, 2, 256, 128, 1024>;
NNP_GEMM_DEFINE(avx512, GemmAvx512)
#endif
}  // namespace nnplay::kernels
