// gemm_f32__wasmsimd.cpp — GEMM for WebAssembly SIMD128 (built only under
// Emscripten). Tile 4x8: 8 f32x4 accumulators, which V8 runs best (12, the
// best natively, was about 30% slower; TOOLCHAIN.md quirk 7). mul + add, as
// clang 14 has no relaxed-SIMD FMA (quirk 6).
#include "kernels/gemm_isa.h"
#include "kernels/gemm_tiled.h"

namespace nnplay::kernels {
using GemmWasm = TiledGemm<Simd4, 4, 2, 256, 128, 1024>;
NNP_GEMM_DEFINE(wasmsimd, GemmWasm)
}  // namespace nnplay::kernels
