// simd.h — the one SIMD vocabulary of nnplay's kernels (after ggml's
// simd-mappings.h). Kernels are written once against these names; the
// build picks the instructions:
//
//   f32x4   WebAssembly SIMD128 (__wasm_simd128__), SSE2 natively, or a
//           4-float struct (scalar fallback, any target).
//   f32x8   AVX (+FMA) — only in translation units compiled with -mavx2 -mfma
//           (files named *__avx2.cpp, see src/CMakeLists.txt).
//   f32x16  AVX-512F — only in files named *__avx512.cpp.
//
// Besides the free functions, each width has a traits struct (Simd4, Simd8,
// Simd16) so templated kernels (gemm_tiled.h) can be instantiated per ISA.
//
// madd(acc, a, b) = acc + a·b. It is a fused multiply-add where the ISA has
// one (FMA3, AVX-512) and mul followed by add otherwise: WebAssembly has no
// FMA without relaxed-SIMD, which clang 14 lacks (TOOLCHAIN.md quirk 6).
//
// Everything here has internal linkage (an unnamed namespace): the same
// header is compiled with different -m flags in different files, and
// internal linkage keeps the linker from merging, say, an AVX2 copy of a
// helper into SSE2 code (which would crash CPUs without AVX2).
//
// This header and the kernels' own *__wasmsimd.cpp files are the only places
// <wasm_simd128.h> appears (ARCHITECTURE.md principle 6).
#pragma once

#if defined(__wasm_simd128__)
#include <wasm_simd128.h>
#define NNP_SIMD_ISA "wasmsimd"
#elif defined(__SSE2__)
#include <immintrin.h>
#define NNP_SIMD_ISA "sse2"
#else
#define NNP_SIMD_ISA "scalar"
#endif

#define NNP_SIMD_INLINE inline __attribute__((always_inline))
// Kernels that V8 must tier up are separate functions entered many times
// (TOOLCHAIN.md quirk 7): never inline them into a long-running caller.
#define NNP_KERNEL_NOINLINE __attribute__((noinline))

namespace nnplay::kernels {
namespace {  // internal linkage: see the file comment

// ---------------------------------------------------------------- f32x4
#if defined(__wasm_simd128__)
using f32x4 = v128_t;
NNP_SIMD_INLINE f32x4 f32x4_load(const float* p) { return wasm_v128_load(p); }
NNP_SIMD_INLINE void f32x4_store(float* p, f32x4 v) { wasm_v128_store(p, v); }
NNP_SIMD_INLINE f32x4 f32x4_splat(float x) { return wasm_f32x4_splat(x); }
NNP_SIMD_INLINE f32x4 f32x4_load_splat(const float* p) { return wasm_v128_load32_splat(p); }
NNP_SIMD_INLINE f32x4 f32x4_zero() { return wasm_f32x4_const_splat(0.0f); }
NNP_SIMD_INLINE f32x4 f32x4_add(f32x4 a, f32x4 b) { return wasm_f32x4_add(a, b); }
NNP_SIMD_INLINE f32x4 f32x4_sub(f32x4 a, f32x4 b) { return wasm_f32x4_sub(a, b); }
NNP_SIMD_INLINE f32x4 f32x4_mul(f32x4 a, f32x4 b) { return wasm_f32x4_mul(a, b); }
NNP_SIMD_INLINE f32x4 f32x4_div(f32x4 a, f32x4 b) { return wasm_f32x4_div(a, b); }
NNP_SIMD_INLINE f32x4 f32x4_madd(f32x4 acc, f32x4 a, f32x4 b) { return wasm_f32x4_add(acc, wasm_f32x4_mul(a, b)); }
// max/min: pmax/pmin are the plain compare-and-select (one instruction on
// x86), unlike wasm's IEEE max/min which lower to long NaN-fixing sequences in
// V8. On every target, if either operand is NaN the result is `a`.
NNP_SIMD_INLINE f32x4 f32x4_max(f32x4 a, f32x4 b) { return wasm_f32x4_pmax(a, b); }
NNP_SIMD_INLINE f32x4 f32x4_min(f32x4 a, f32x4 b) { return wasm_f32x4_pmin(a, b); }
// Comparisons return masks (all ones where true; 1.0f in the scalar fallback).
NNP_SIMD_INLINE f32x4 f32x4_gt(f32x4 a, f32x4 b) { return wasm_f32x4_gt(a, b); }
NNP_SIMD_INLINE f32x4 f32x4_and(f32x4 a, f32x4 mask) { return wasm_v128_and(a, mask); }
NNP_SIMD_INLINE f32x4 f32x4_or(f32x4 a, f32x4 b) { return wasm_v128_or(a, b); }
NNP_SIMD_INLINE f32x4 f32x4_ne(f32x4 a, f32x4 b) { return wasm_f32x4_ne(a, b); }
// (a0, a2, b0, b2) and (a1, a3, b1, b3): the even and odd floats of a, b.
NNP_SIMD_INLINE f32x4 f32x4_even(f32x4 a, f32x4 b) { return wasm_i32x4_shuffle(a, b, 0, 2, 4, 6); }
NNP_SIMD_INLINE f32x4 f32x4_odd(f32x4 a, f32x4 b) { return wasm_i32x4_shuffle(a, b, 1, 3, 5, 7); }
NNP_SIMD_INLINE f32x4 f32x4_lt(f32x4 a, f32x4 b) { return wasm_f32x4_lt(a, b); }
NNP_SIMD_INLINE f32x4 f32x4_abs(f32x4 a) { return wasm_f32x4_abs(a); }
// mask ? a : b, lane by lane (mask lanes all ones or all zeros)
NNP_SIMD_INLINE f32x4 f32x4_select(f32x4 mask, f32x4 a, f32x4 b) { return wasm_v128_bitselect(a, b, mask); }
// 16 bytes p[0..16) as floats, times `scale`, into out[0..16). Not written
// as extend + convert: clang 14 turns that into 16 scalar lane conversions
// (5x slower in V8). Each byte is shuffled into the low bits of a float with
// exponent 2^23, and 2^23 subtracted: exact for 0..255.
NNP_SIMD_INLINE void u8x16_to_f32(const unsigned char* p, f32x4 scale, float* out) {
  const v128_t v = wasm_v128_load(p), zero = wasm_i32x4_const_splat(0);
  const v128_t magic = wasm_i32x4_const_splat(0x4B000000);
  const v128_t bias = wasm_f32x4_const_splat(8388608.0f);
  const v128_t q0 = wasm_i8x16_shuffle(v, zero, 0, 16, 16, 16, 1, 16, 16, 16, 2, 16, 16, 16, 3, 16, 16, 16);
  const v128_t q1 = wasm_i8x16_shuffle(v, zero, 4, 16, 16, 16, 5, 16, 16, 16, 6, 16, 16, 16, 7, 16, 16, 16);
  const v128_t q2 = wasm_i8x16_shuffle(v, zero, 8, 16, 16, 16, 9, 16, 16, 16, 10, 16, 16, 16, 11, 16, 16, 16);
  const v128_t q3 = wasm_i8x16_shuffle(v, zero, 12, 16, 16, 16, 13, 16, 16, 16, 14, 16, 16, 16, 15, 16, 16, 16);
  f32x4_store(out + 0, wasm_f32x4_mul(wasm_f32x4_sub(wasm_v128_or(q0, magic), bias), scale));
  f32x4_store(out + 4, wasm_f32x4_mul(wasm_f32x4_sub(wasm_v128_or(q1, magic), bias), scale));
  f32x4_store(out + 8, wasm_f32x4_mul(wasm_f32x4_sub(wasm_v128_or(q2, magic), bias), scale));
  f32x4_store(out + 12, wasm_f32x4_mul(wasm_f32x4_sub(wasm_v128_or(q3, magic), bias), scale));
}
// Lanes truncated to int32 (exact for integral values below 2^24), stored at p.
NNP_SIMD_INLINE void f32x4_store_i32(int32_t* p, f32x4 v) { wasm_v128_store(p, wasm_i32x4_trunc_sat_f32x4(v)); }
NNP_SIMD_INLINE float f32x4_hsum(f32x4 v) {
  return wasm_f32x4_extract_lane(v, 0) + wasm_f32x4_extract_lane(v, 1) + wasm_f32x4_extract_lane(v, 2) +
         wasm_f32x4_extract_lane(v, 3);
}
#elif defined(__SSE2__)
using f32x4 = __m128;
NNP_SIMD_INLINE f32x4 f32x4_load(const float* p) { return _mm_loadu_ps(p); }
NNP_SIMD_INLINE void f32x4_store(float* p, f32x4 v) { _mm_storeu_ps(p, v); }
NNP_SIMD_INLINE f32x4 f32x4_splat(float x) { return _mm_set1_ps(x); }
NNP_SIMD_INLINE f32x4 f32x4_load_splat(const float* p) { return _mm_load1_ps(p); }
NNP_SIMD_INLINE f32x4 f32x4_zero() { return _mm_setzero_ps(); }
NNP_SIMD_INLINE f32x4 f32x4_add(f32x4 a, f32x4 b) { return _mm_add_ps(a, b); }
NNP_SIMD_INLINE f32x4 f32x4_sub(f32x4 a, f32x4 b) { return _mm_sub_ps(a, b); }
NNP_SIMD_INLINE f32x4 f32x4_mul(f32x4 a, f32x4 b) { return _mm_mul_ps(a, b); }
NNP_SIMD_INLINE f32x4 f32x4_div(f32x4 a, f32x4 b) { return _mm_div_ps(a, b); }
#if defined(__FMA__)
NNP_SIMD_INLINE f32x4 f32x4_madd(f32x4 acc, f32x4 a, f32x4 b) { return _mm_fmadd_ps(a, b, acc); }
#else
NNP_SIMD_INLINE f32x4 f32x4_madd(f32x4 acc, f32x4 a, f32x4 b) { return _mm_add_ps(acc, _mm_mul_ps(a, b)); }
#endif
// Operands swapped so that, as wasm's pmax/pmin, a NaN in `a` is returned.
NNP_SIMD_INLINE f32x4 f32x4_max(f32x4 a, f32x4 b) { return _mm_max_ps(b, a); }
NNP_SIMD_INLINE f32x4 f32x4_min(f32x4 a, f32x4 b) { return _mm_min_ps(b, a); }
NNP_SIMD_INLINE f32x4 f32x4_gt(f32x4 a, f32x4 b) { return _mm_cmpgt_ps(a, b); }
NNP_SIMD_INLINE f32x4 f32x4_and(f32x4 a, f32x4 mask) { return _mm_and_ps(a, mask); }
NNP_SIMD_INLINE f32x4 f32x4_or(f32x4 a, f32x4 b) { return _mm_or_ps(a, b); }
NNP_SIMD_INLINE f32x4 f32x4_ne(f32x4 a, f32x4 b) { return _mm_cmpneq_ps(a, b); }
NNP_SIMD_INLINE f32x4 f32x4_even(f32x4 a, f32x4 b) { return _mm_shuffle_ps(a, b, _MM_SHUFFLE(2, 0, 2, 0)); }
NNP_SIMD_INLINE f32x4 f32x4_odd(f32x4 a, f32x4 b) { return _mm_shuffle_ps(a, b, _MM_SHUFFLE(3, 1, 3, 1)); }
NNP_SIMD_INLINE f32x4 f32x4_lt(f32x4 a, f32x4 b) { return _mm_cmplt_ps(a, b); }
NNP_SIMD_INLINE f32x4 f32x4_abs(f32x4 a) { return _mm_andnot_ps(_mm_set1_ps(-0.0f), a); }
NNP_SIMD_INLINE f32x4 f32x4_select(f32x4 mask, f32x4 a, f32x4 b) {
  return _mm_or_ps(_mm_and_ps(mask, a), _mm_andnot_ps(mask, b));
}
NNP_SIMD_INLINE void u8x16_to_f32(const unsigned char* p, f32x4 scale, float* out) {
  const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p)), z = _mm_setzero_si128();
  const __m128i lo = _mm_unpacklo_epi8(v, z), hi = _mm_unpackhi_epi8(v, z);
  f32x4_store(out + 0, _mm_mul_ps(_mm_cvtepi32_ps(_mm_unpacklo_epi16(lo, z)), scale));
  f32x4_store(out + 4, _mm_mul_ps(_mm_cvtepi32_ps(_mm_unpackhi_epi16(lo, z)), scale));
  f32x4_store(out + 8, _mm_mul_ps(_mm_cvtepi32_ps(_mm_unpacklo_epi16(hi, z)), scale));
  f32x4_store(out + 12, _mm_mul_ps(_mm_cvtepi32_ps(_mm_unpackhi_epi16(hi, z)), scale));
}
NNP_SIMD_INLINE void f32x4_store_i32(int32_t* p, f32x4 v) {
  _mm_storeu_si128(reinterpret_cast<__m128i*>(p), _mm_cvttps_epi32(v));
}
NNP_SIMD_INLINE float f32x4_hsum(f32x4 v) {
  const __m128 hi = _mm_movehl_ps(v, v);
  const __m128 s = _mm_add_ps(v, hi);
  return _mm_cvtss_f32(_mm_add_ss(s, _mm_shuffle_ps(s, s, 1)));
}
#else
struct f32x4 {
  float v[4];
};
NNP_SIMD_INLINE f32x4 f32x4_load(const float* p) { return {{p[0], p[1], p[2], p[3]}}; }
NNP_SIMD_INLINE void f32x4_store(float* p, f32x4 a) {
  for (int i = 0; i < 4; ++i) p[i] = a.v[i];
}
NNP_SIMD_INLINE f32x4 f32x4_splat(float x) { return {{x, x, x, x}}; }
NNP_SIMD_INLINE f32x4 f32x4_load_splat(const float* p) { return f32x4_splat(*p); }
NNP_SIMD_INLINE f32x4 f32x4_zero() { return f32x4_splat(0.0f); }
#define NNP_F32X4_BINARY(name, expr)                   \
  NNP_SIMD_INLINE f32x4 name(f32x4 a, f32x4 b) {       \
    f32x4 r;                                           \
    for (int i = 0; i < 4; ++i) r.v[i] = (expr);       \
    return r;                                          \
  }
NNP_F32X4_BINARY(f32x4_add, a.v[i] + b.v[i])
NNP_F32X4_BINARY(f32x4_sub, a.v[i] - b.v[i])
NNP_F32X4_BINARY(f32x4_mul, a.v[i] * b.v[i])
NNP_F32X4_BINARY(f32x4_div, a.v[i] / b.v[i])
NNP_F32X4_BINARY(f32x4_max, a.v[i] < b.v[i] ? b.v[i] : a.v[i])
NNP_F32X4_BINARY(f32x4_min, b.v[i] < a.v[i] ? b.v[i] : a.v[i])
#undef NNP_F32X4_BINARY
NNP_SIMD_INLINE f32x4 f32x4_gt(f32x4 a, f32x4 b) {
  f32x4 r;
  for (int i = 0; i < 4; ++i) r.v[i] = a.v[i] > b.v[i] ? 1.0f : 0.0f;
  return r;
}
NNP_SIMD_INLINE f32x4 f32x4_and(f32x4 a, f32x4 mask) {
  f32x4 r;
  for (int i = 0; i < 4; ++i) r.v[i] = mask.v[i] != 0.0f ? a.v[i] : 0.0f;
  return r;
}
NNP_SIMD_INLINE f32x4 f32x4_lt(f32x4 a, f32x4 b) { return f32x4_gt(b, a); }
NNP_SIMD_INLINE f32x4 f32x4_or(f32x4 a, f32x4 b) {
  f32x4 r;
  for (int i = 0; i < 4; ++i) r.v[i] = a.v[i] != 0.0f || b.v[i] != 0.0f ? 1.0f : 0.0f;
  return r;
}
NNP_SIMD_INLINE f32x4 f32x4_ne(f32x4 a, f32x4 b) {
  f32x4 r;
  for (int i = 0; i < 4; ++i) r.v[i] = a.v[i] != b.v[i] ? 1.0f : 0.0f;
  return r;
}
NNP_SIMD_INLINE f32x4 f32x4_even(f32x4 a, f32x4 b) { return {{a.v[0], a.v[2], b.v[0], b.v[2]}}; }
NNP_SIMD_INLINE f32x4 f32x4_odd(f32x4 a, f32x4 b) { return {{a.v[1], a.v[3], b.v[1], b.v[3]}}; }
NNP_SIMD_INLINE f32x4 f32x4_abs(f32x4 a) {
  f32x4 r;
  for (int i = 0; i < 4; ++i) r.v[i] = a.v[i] < 0.0f ? -a.v[i] : a.v[i];
  return r;
}
NNP_SIMD_INLINE f32x4 f32x4_select(f32x4 mask, f32x4 a, f32x4 b) {
  f32x4 r;
  for (int i = 0; i < 4; ++i) r.v[i] = mask.v[i] != 0.0f ? a.v[i] : b.v[i];
  return r;
}
NNP_SIMD_INLINE f32x4 f32x4_madd(f32x4 acc, f32x4 a, f32x4 b) { return f32x4_add(acc, f32x4_mul(a, b)); }
NNP_SIMD_INLINE void u8x16_to_f32(const unsigned char* p, f32x4 scale, float* out) {
  for (int i = 0; i < 16; ++i) out[i] = static_cast<float>(p[i]) * scale.v[0];
}
NNP_SIMD_INLINE void f32x4_store_i32(int32_t* p, f32x4 a) {
  for (int i = 0; i < 4; ++i) p[i] = static_cast<int32_t>(a.v[i]);
}
NNP_SIMD_INLINE float f32x4_hsum(f32x4 a) { return a.v[0] + a.v[1] + a.v[2] + a.v[3]; }
#endif

// Lines of n floats (short ones: 28 and 10 in LeNet). n >= 4 ends with one
// vector overlapping the previous one instead of a scalar tail (copy and
// zero write the same values twice; add masks the lanes already added).
// Plain loops would risk becoming calls to wasm libc's byte-wise memcpy.
NNP_SIMD_INLINE void copy_line_f32(const float* src, int n, float* dst) {
  if (n < 4) {
    for (int i = 0; i < n; ++i) dst[i] = src[i];
    return;
  }
  int i = 0;
  for (; i + 4 <= n; i += 4) f32x4_store(dst + i, f32x4_load(src + i));
  if (i < n) f32x4_store(dst + n - 4, f32x4_load(src + n - 4));
}
NNP_SIMD_INLINE void zero_line_f32(int n, float* dst) {
  if (n < 4) {
    for (int i = 0; i < n; ++i) dst[i] = 0.0f;
    return;
  }
  int i = 0;
  for (; i + 4 <= n; i += 4) f32x4_store(dst + i, f32x4_zero());
  if (i < n) f32x4_store(dst + n - 4, f32x4_zero());
}
NNP_SIMD_INLINE void add_line_f32(const float* src, int n, float* dst) {
  int i = 0;
  for (; i + 4 <= n; i += 4) f32x4_store(dst + i, f32x4_add(f32x4_load(dst + i), f32x4_load(src + i)));
  if (i == n) return;
  if (n < 4) {
    for (; i < n; ++i) dst[i] += src[i];
    return;
  }
  // The last vector covers [n − 4, n); its first 4 − (n − i) lanes are done.
  alignas(16) static const float kLane[4] = {0.0f, 1.0f, 2.0f, 3.0f};
  const f32x4 todo = f32x4_gt(f32x4_load(kLane), f32x4_splat(3.5f - static_cast<float>(n - i)));
  float* d = dst + n - 4;
  f32x4_store(d, f32x4_add(f32x4_load(d), f32x4_and(f32x4_load(src + n - 4), todo)));
}

// In-register 4x4 transpose: rows (a, b, c, d) become columns.
NNP_SIMD_INLINE void f32x4_transpose4(f32x4& a, f32x4& b, f32x4& c, f32x4& d) {
#if defined(__wasm_simd128__)
  const v128_t t0 = wasm_i32x4_shuffle(a, b, 0, 4, 1, 5);  // a0 b0 a1 b1
  const v128_t t1 = wasm_i32x4_shuffle(c, d, 0, 4, 1, 5);  // c0 d0 c1 d1
  const v128_t t2 = wasm_i32x4_shuffle(a, b, 2, 6, 3, 7);  // a2 b2 a3 b3
  const v128_t t3 = wasm_i32x4_shuffle(c, d, 2, 6, 3, 7);  // c2 d2 c3 d3
  a = wasm_i64x2_shuffle(t0, t1, 0, 2);
  b = wasm_i64x2_shuffle(t0, t1, 1, 3);
  c = wasm_i64x2_shuffle(t2, t3, 0, 2);
  d = wasm_i64x2_shuffle(t2, t3, 1, 3);
#elif defined(__SSE2__)
  _MM_TRANSPOSE4_PS(a, b, c, d);
#else
  f32x4 r[4] = {a, b, c, d}, t[4];
  for (int i = 0; i < 4; ++i)
    for (int j = 0; j < 4; ++j) t[i].v[j] = r[j].v[i];
  a = t[0];
  b = t[1];
  c = t[2];
  d = t[3];
#endif
}

struct Simd4 {
  using V = f32x4;
  static constexpr int kWidth = 4;
  static NNP_SIMD_INLINE V load(const float* p) { return f32x4_load(p); }
  static NNP_SIMD_INLINE void store(float* p, V v) { f32x4_store(p, v); }
  static NNP_SIMD_INLINE V splat(const float* p) { return f32x4_load_splat(p); }
  static NNP_SIMD_INLINE V zero() { return f32x4_zero(); }
  static NNP_SIMD_INLINE V add(V a, V b) { return f32x4_add(a, b); }
  static NNP_SIMD_INLINE V madd(V acc, V a, V b) { return f32x4_madd(acc, a, b); }
};

// ---------------------------------------------------------------- f32x8 (AVX2 + FMA files only)
#if defined(__AVX2__) && defined(__FMA__)
using f32x8 = __m256;
struct Simd8 {
  using V = f32x8;
  static constexpr int kWidth = 8;
  static NNP_SIMD_INLINE V load(const float* p) { return _mm256_loadu_ps(p); }
  static NNP_SIMD_INLINE void store(float* p, V v) { _mm256_storeu_ps(p, v); }
  static NNP_SIMD_INLINE V splat(const float* p) { return _mm256_broadcast_ss(p); }
  static NNP_SIMD_INLINE V zero() { return _mm256_setzero_ps(); }
  static NNP_SIMD_INLINE V add(V a, V b) { return _mm256_add_ps(a, b); }
  static NNP_SIMD_INLINE V madd(V acc, V a, V b) { return _mm256_fmadd_ps(a, b, acc); }
};
#endif

// ---------------------------------------------------------------- f32x16 (AVX-512F files only)
#if defined(__AVX512F__)
using f32x16 = __m512;
struct Simd16 {
  using V = f32x16;
  static constexpr int kWidth = 16;
  static NNP_SIMD_INLINE V load(const float* p) { return _mm512_loadu_ps(p); }
  static NNP_SIMD_INLINE void store(float* p, V v) { _mm512_storeu_ps(p, v); }
  static NNP_SIMD_INLINE V splat(const float* p) { return _mm512_set1_ps(*p); }
  static NNP_SIMD_INLINE V zero() { return _mm512_setzero_ps(); }
  static NNP_SIMD_INLINE V add(V a, V b) { return _mm512_add_ps(a, b); }
  static NNP_SIMD_INLINE V madd(V acc, V a, V b) { return _mm512_fmadd_ps(a, b, acc); }
};
#endif

}  // namespace
}  // namespace nnplay::kernels
