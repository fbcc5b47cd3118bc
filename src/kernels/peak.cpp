// peak.cpp — f32x4 mul+add ceiling chains (peak.h) over simd.h, and the list
// of ceilings (the AVX2 FMA one lives in peak__avx2.cpp).
#include "kernels/peak.h"

#include "kernels/simd.h"

namespace nnplay::kernels {

float peak_f32x8_fma__avx2(int iters, float x, float y);  // peak__avx2.cpp

namespace {

// `chains` independent dependency chains acc = acc·x + y (mul, then add).
template <int chains>
NNP_KERNEL_NOINLINE float peak_muladd(int iters, float x, float y) {
  const f32x4 vx = f32x4_splat(x), vy = f32x4_splat(y);
  f32x4 acc[static_cast<unsigned>(chains)];
  for (int c = 0; c < chains; ++c) acc[c] = f32x4_splat(static_cast<float>(c));
  for (int i = 0; i < iters; ++i) {
#pragma GCC unroll 16
    for (int c = 0; c < chains; ++c) acc[c] = f32x4_add(f32x4_mul(acc[c], vx), vy);
  }
  f32x4 s = acc[0];
  for (int c = 1; c < chains; ++c) s = f32x4_add(s, acc[c]);
  return f32x4_hsum(s);
}

struct PeakList {
  PeakKernel list[4];
  int count = 0;
};

PeakList make_list() {
  PeakList l;
  l.list[l.count++] = {"f32x4_muladd_8", 8 * 4 * 2, &peak_muladd<8>};
  l.list[l.count++] = {"f32x4_muladd_12", 12 * 4 * 2, &peak_muladd<12>};
#if defined(__x86_64__) || defined(__i386__)
  if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma"))
    l.list[l.count++] = {"f32x8_fma_12", 12 * 8 * 2, &peak_f32x8_fma__avx2};
#endif
  return l;
}

}  // namespace

std::span<const PeakKernel> peak_kernels() {
  static const PeakList l = make_list();
  return {l.list, static_cast<size_t>(l.count)};
}

}  // namespace nnplay::kernels
