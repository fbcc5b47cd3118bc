// peak.h — the arithmetic ceiling a kernel is measured against: independent
// chains acc = acc·x + y over SIMD registers, no memory traffic. The
// benchmark (bench/) reports GEMM GFLOP/s as a fraction of this. FLOPs of
// one call = iters · chains · lanes · 2.
//
//   peak_f32x4_muladd   f32x4 mul then add (wasm SIMD128 in wasm, SSE2
//                       natively): the ceiling of the wasm GEMM, which has no FMA
//   peak_f32x8_fma      AVX2 FMA (native, when the CPU has it)
#pragma once

#include <span>

namespace nnplay::kernels {

struct PeakKernel {
  const char* name;    // "f32x4_muladd_12", "f32x8_fma_12"
  int flops_per_iter;  // chains · lanes · 2
  // Returns a value that depends on every chain (so nothing is optimised away).
  float (*fn)(int iters, float x, float y);
};

/// The ceilings this build and CPU can measure.
std::span<const PeakKernel> peak_kernels();

}  // namespace nnplay::kernels
