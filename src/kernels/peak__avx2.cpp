// peak__avx2.cpp — the native AVX2 FMA ceiling (peak.h): 12 independent
// f32x8 FMA chains. Compiled with -mavx2 -mfma, called only on such CPUs.
#include "kernels/simd.h"

namespace nnplay::kernels {

float peak_f32x8_fma__avx2(int iters, float x, float y);

#if defined(__AVX2__) && defined(__FMA__)
NNP_KERNEL_NOINLINE float peak_f32x8_fma__avx2(int iters, float x, float y) {
  const __m256 vx = _mm256_set1_ps(x), vy = _mm256_set1_ps(y);
  __m256 acc[12];
  for (int c = 0; c < 12; ++c) acc[c] = _mm256_set1_ps(static_cast<float>(c));
  for (int i = 0; i < iters; ++i) {
#pragma GCC unroll 12
    for (int c = 0; c < 12; ++c) acc[c] = _mm256_fmadd_ps(acc[c], vx, vy);
  }
  __m256 s = acc[0];
  for (int c = 1; c < 12; ++c) s = _mm256_add_ps(s, acc[c]);
  alignas(32) float out[8];
  _mm256_store_ps(out, s);
  return out[0] + out[1] + out[2] + out[3] + out[4] + out[5] + out[6] + out[7];
}
#endif

}  // namespace nnplay::kernels
