// conv_gemm_tiled.h — the bodies of kernels/conv_gemm.h, written once over
// the SIMD traits of simd.h (Simd4, Simd8) and instantiated per ISA by
// conv_gemm.cpp and conv_gemm__avx2.cpp. Not a public header.
//
// Neither kernel packs its operands: the convolution products are skinny
// (LeNet-5: 6x784x25, 16x100x150, 150x100x16), so a packed, 4x8-tiled GEMM
// (gemm_tiled.h) spends more on packing, on partial edge tiles and on
// zeroing/storing its accumulators every 25 k-steps than on the products.
// Like the GEMM micro-kernels these are separate never-inlined functions,
// entered once per row tile per sample (TOOLCHAIN.md quirk 7), with at most
// 8 vector accumulators (what V8 runs best).
#pragma once

#include "kernels/simd.h"

#define NNP_CONV_UNROLL _Pragma("GCC unroll 16")

namespace nnplay::kernels {
namespace {  // internal linkage: one copy per ISA file (simd.h)

// The kernels are called through a volatile function pointer: emcc's
// link-time optimiser (binaryen's wasm-opt) ignores noinline and inlines a
// function with a single call site, which merged every kernel into one huge
// caller that V8 ran 2.5x slower (spilled accumulators; measured on LeNet).
template <auto Fn>
NNP_SIMD_INLINE auto opaque() {
  static decltype(Fn) const volatile p = Fn;
  return p;
}

template <class S>
struct ConvGemm {
  using V = typename S::V;
  static constexpr int W = S::kWidth;

  // Rows [0, MR) of C, columns [0, chunks·NV·W): C = init + A·B with
  // A(r, k) = a[r·a_rs + k·a_cs], B(k, j) = b[k·ldb + j], init = C when
  // accumulate, plus bias[r] when bias is not null. rows_off: the same with
  // B(k, j) = b[koff[k] + j].
  template <int MR, int NV>
  NNP_KERNEL_NOINLINE static void rows(int chunks, int K, const float* __restrict a, int a_rs, int a_cs,
                                       const float* __restrict b, int ldb, float* __restrict c, int ldc,
                                       const float* bias, bool accumulate) {
    for (int q = 0; q < chunks; ++q, b += NV * W, c += NV * W) {
      V acc[static_cast<unsigned>(MR)][static_cast<unsigned>(NV)];
      init_acc<MR, NV>(acc, c, ldc, bias, accumulate);
      const float* ak = a;
      const float* bk = b;
      for (int k = 0; k < K; ++k, ak += a_cs, bk += ldb) step<MR, NV>(acc, ak, a_rs, bk);
      store_acc<MR, NV>(acc, c, ldc);
    }
  }
  template <int MR, int NV>
  NNP_KERNEL_NOINLINE static void rows_off(int chunks, int K, const float* __restrict a, int a_rs, int a_cs,
                                           const float* __restrict b, const int* __restrict koff,
                                           float* __restrict c, int ldc, const float* bias, bool accumulate) {
    for (int q = 0; q < chunks; ++q, b += NV * W, c += NV * W) {
      V acc[static_cast<unsigned>(MR)][static_cast<unsigned>(NV)];
      init_acc<MR, NV>(acc, c, ldc, bias, accumulate);
      const float* ak = a;
      for (int k = 0; k < K; ++k, ak += a_cs) step<MR, NV>(acc, ak, a_rs, b + koff[k]);
      store_acc<MR, NV>(acc, c, ldc);
    }
  }
  template <int MR, int NV>
  using Acc = V[static_cast<unsigned>(MR)][static_cast<unsigned>(NV)];
  template <int MR, int NV>
  static NNP_SIMD_INLINE void init_acc(Acc<MR, NV>& acc, const float* c, int ldc, const float* bias, bool accumulate) {
    NNP_CONV_UNROLL
    for (int r = 0; r < MR; ++r) {
      const V init = bias ? S::splat(bias + r) : S::zero();
      NNP_CONV_UNROLL
      for (int v = 0; v < NV; ++v) acc[r][v] = accumulate ? S::add(S::load(c + r * ldc + v * W), init) : init;
    }
  }
  template <int MR, int NV>
  static NNP_SIMD_INLINE void step(Acc<MR, NV>& acc, const float* ak, int a_rs, const float* bk) {
    V bv[static_cast<unsigned>(NV)];
    NNP_CONV_UNROLL
    for (int v = 0; v < NV; ++v) bv[v] = S::load(bk + v * W);
    NNP_CONV_UNROLL
    for (int r = 0; r < MR; ++r) {
      const V av = S::splat(ak + r * a_rs);
      NNP_CONV_UNROLL
      for (int v = 0; v < NV; ++v) acc[r][v] = S::madd(acc[r][v], av, bv[v]);
    }
  }
  template <int MR, int NV>
  static NNP_SIMD_INLINE void store_acc(Acc<MR, NV>& acc, float* c, int ldc) {
    NNP_CONV_UNROLL
    for (int r = 0; r < MR; ++r) {
      NNP_CONV_UNROLL
      for (int v = 0; v < NV; ++v) S::store(c + r * ldc + v * W, acc[r][v]);
    }
  }
  template <int MR, int NV, bool Off>
  static NNP_SIMD_INLINE void rows_any(int chunks, int K, const float* a, int a_rs, int a_cs, const float* b, int ldb,
                                       const int* koff, float* c, int ldc, const float* bias, bool accumulate) {
    if (Off) opaque<&rows_off<MR, NV>>()(chunks, K, a, a_rs, a_cs, b, koff, c, ldc, bias, accumulate);
    else opaque<&rows<MR, NV>>()(chunks, K, a, a_rs, a_cs, b, ldb, c, ldc, bias, accumulate);
  }

  // Rows [r0, r0 + MR) over every column: whole NV-vector chunks, then single
  // vectors, then the last N mod W columns one scalar dot product each.
  template <int MR, bool Off>
  static void row_tile(int N, int K, const float* a, int a_rs, int a_cs, const float* b, int ldb, const int* koff,
                       float* c, int ldc, const float* bias, bool accumulate) {
    constexpr int NV = 8 / MR < 2 ? 1 : 8 / MR > 4 ? 4 : 8 / MR;  // 8 accumulators: 4x2, 2x4, 1x4
    const int big = N / (NV * W);
    if (big > 0) rows_any<MR, NV, Off>(big, K, a, a_rs, a_cs, b, ldb, koff, c, ldc, bias, accumulate);
    int j = big * NV * W;
    const int singles = (N - j) / W;
    if (singles > 0) rows_any<MR, 1, Off>(singles, K, a, a_rs, a_cs, b + j, ldb, koff, c + j, ldc, bias, accumulate);
    j += singles * W;
    for (; j < N; ++j)
      for (int r = 0; r < MR; ++r) {
        float s = (accumulate ? c[r * ldc + j] : 0.0f) + (bias ? bias[r] : 0.0f);
        for (int k = 0; k < K; ++k) s += a[r * a_rs + k * a_cs] * b[(Off ? koff[k] : k * ldb) + j];
        c[r * ldc + j] = s;
      }
  }

  template <bool Off>
  static void nn_rows(int M, int N, int K, const float* a, int a_rs, int a_cs, const float* b, int ldb,
                      const int* koff, float* c, int ldc, const float* bias, bool accumulate) {
    int r = 0;
    for (; r + 4 <= M; r += 4)
      row_tile<4, Off>(N, K, a + r * a_rs, a_rs, a_cs, b, ldb, koff, c + r * ldc, ldc, bias ? bias + r : nullptr,
                       accumulate);
    if (M - r >= 2) {
      row_tile<2, Off>(N, K, a + r * a_rs, a_rs, a_cs, b, ldb, koff, c + r * ldc, ldc, bias ? bias + r : nullptr,
                       accumulate);
      r += 2;
    }
    if (r < M)
      row_tile<1, Off>(N, K, a + r * a_rs, a_rs, a_cs, b, ldb, koff, c + r * ldc, ldc, bias ? bias + r : nullptr,
                       accumulate);
  }

  static void nn(int M, int N, int K, const float* a, int a_rs, int a_cs, const float* b, int ldb, const int* koff,
                 float* c, int ldc, const float* bias, bool accumulate) {
    if (koff) nn_rows<true>(M, N, K, a, a_rs, a_cs, b, ldb, koff, c, ldc, bias, accumulate);
    else nn_rows<false>(M, N, K, a, a_rs, a_cs, b, ldb, koff, c, ldc, bias, accumulate);
  }

  // Rows [0, MR) of C = A·B, columns [0, chunks·NV·W), overwritten:
  // A(r, l) = a[aoff[r] + l] (rows anywhere, contiguous along l: the implicit
  // im2col's rows), B(l, j) = b[l·ldb + j].
  template <int MR, int NV>
  NNP_KERNEL_NOINLINE static void rows_aoff(int chunks, int L, const float* __restrict a, const int* __restrict aoff,
                                            const float* __restrict b, int ldb, float* __restrict c, int ldc) {
    const float* ar[static_cast<unsigned>(MR)];
    NNP_CONV_UNROLL
    for (int r = 0; r < MR; ++r) ar[r] = a + aoff[r];
    for (int q = 0; q < chunks; ++q, b += NV * W, c += NV * W) {
      Acc<MR, NV> acc;
      init_acc<MR, NV>(acc, c, ldc, nullptr, false);
      const float* bl = b;
      for (int l = 0; l < L; ++l, bl += ldb) {
        V bv[static_cast<unsigned>(NV)];
        NNP_CONV_UNROLL
        for (int v = 0; v < NV; ++v) bv[v] = S::load(bl + v * W);
        NNP_CONV_UNROLL
        for (int r = 0; r < MR; ++r) {
          const V av = S::splat(ar[r] + l);
          NNP_CONV_UNROLL
          for (int v = 0; v < NV; ++v) acc[r][v] = S::madd(acc[r][v], av, bv[v]);
        }
      }
      store_acc<MR, NV>(acc, c, ldc);
    }
  }

  template <int MR>
  static void aoff_row_tile(int N, int L, const float* a, const int* aoff, const float* b, int ldb, float* c,
                            int ldc) {
    constexpr int NV = 8 / MR < 2 ? 1 : 8 / MR > 4 ? 4 : 8 / MR;
    const int big = N / (NV * W);
    if (big > 0) opaque<&rows_aoff<MR, NV>>()(big, L, a, aoff, b, ldb, c, ldc);
    int j = big * NV * W;
    const int singles = (N - j) / W;
    if (singles > 0) opaque<&rows_aoff<MR, 1>>()(singles, L, a, aoff, b + j, ldb, c + j, ldc);
    j += singles * W;
    for (; j < N; ++j)
      for (int r = 0; r < MR; ++r) {
        float s = 0.0f;
        for (int l = 0; l < L; ++l) s += a[aoff[r] + l] * b[l * ldb + j];
        c[r * ldc + j] = s;
      }
  }

  static void nn_aoff(int M, int N, int L, const float* a, const int* aoff, const float* b, int ldb, float* c,
                      int ldc) {
    int r = 0;
    for (; r + 4 <= M; r += 4) aoff_row_tile<4>(N, L, a, aoff + r, b, ldb, c + r * ldc, ldc);
    if (M - r >= 2) {
      aoff_row_tile<2>(N, L, a, aoff + r, b, ldb, c + r * ldc, ldc);
      r += 2;
    }
    if (r < M) aoff_row_tile<1>(N, L, a, aoff + r, b, ldb, c + r * ldc, ldc);
  }

  static NNP_SIMD_INLINE float hsum(V v) {
    alignas(64) float t[static_cast<unsigned>(W)];
    S::store(t, v);
    float s = 0.0f;
    for (int i = 0; i < W; ++i) s += t[i];
    return s;
  }

  // C(MB, NB) += A(MB, L) · B(NB, L)ᵀ: MB·NB vector dot products over L
  // (rows of A and B contiguous; row j of B at b + j·ldb, or at b + koff[j]
  // when Off), the last L mod W terms in scalar.
  template <int MB, int NB, bool Off>
  NNP_KERNEL_NOINLINE static void dots(int L, const float* __restrict a, int lda, const float* __restrict b, int ldb,
                                       const int* __restrict koff, float* __restrict c, int ldc) {
    const float* br[static_cast<unsigned>(NB)];
    NNP_CONV_UNROLL
    for (int j = 0; j < NB; ++j) br[j] = Off ? b + koff[j] : b + j * ldb;
    V acc[static_cast<unsigned>(MB)][static_cast<unsigned>(NB)];
    NNP_CONV_UNROLL
    for (int i = 0; i < MB; ++i) {
      NNP_CONV_UNROLL
      for (int j = 0; j < NB; ++j) acc[i][j] = S::zero();
    }
    int l = 0;
    for (; l + W <= L; l += W) {
      V av[static_cast<unsigned>(MB)], bv[static_cast<unsigned>(NB)];
      NNP_CONV_UNROLL
      for (int i = 0; i < MB; ++i) av[i] = S::load(a + i * lda + l);
      NNP_CONV_UNROLL
      for (int j = 0; j < NB; ++j) bv[j] = S::load(br[j] + l);
      NNP_CONV_UNROLL
      for (int i = 0; i < MB; ++i) {
        NNP_CONV_UNROLL
        for (int j = 0; j < NB; ++j) acc[i][j] = S::madd(acc[i][j], av[i], bv[j]);
      }
    }
    NNP_CONV_UNROLL
    for (int i = 0; i < MB; ++i) {
      NNP_CONV_UNROLL
      for (int j = 0; j < NB; ++j) {
        float s = hsum(acc[i][j]);
        for (int t = l; t < L; ++t) s += a[i * lda + t] * br[j][t];
        c[i * ldc + j] += s;
      }
    }
  }

  template <int MB, bool Off>
  static void dot_rows(int N, int L, const float* a, int lda, const float* b, int ldb, const int* koff, float* c,
                       int ldc) {
    int j = 0;
    for (; j + 4 <= N; j += 4)
      opaque<&dots<MB, 4, Off>>()(L, a, lda, Off ? b : b + j * ldb, ldb, Off ? koff + j : koff, c + j, ldc);
    const float* bj = Off ? b : b + j * ldb;
    const int* kj = Off ? koff + j : koff;
    switch (N - j) {
      case 3: opaque<&dots<MB, 3, Off>>()(L, a, lda, bj, ldb, kj, c + j, ldc); break;
      case 2: opaque<&dots<MB, 2, Off>>()(L, a, lda, bj, ldb, kj, c + j, ldc); break;
      case 1: opaque<&dots<MB, 1, Off>>()(L, a, lda, bj, ldb, kj, c + j, ldc); break;
      default: break;
    }
  }

  template <bool Off>
  static void nt_rows(int M, int N, int L, const float* a, int lda, const float* b, int ldb, const int* koff, float* c,
                      int ldc) {
    int i = 0;
    for (; i + 2 <= M; i += 2) dot_rows<2, Off>(N, L, a + i * lda, lda, b, ldb, koff, c + i * ldc, ldc);
    if (i < M) dot_rows<1, Off>(N, L, a + i * lda, lda, b, ldb, koff, c + i * ldc, ldc);
  }

  static void nt(int M, int N, int L, const float* a, int lda, const float* b, int ldb, const int* koff, float* c,
                 int ldc) {
    if (koff) nt_rows<true>(M, N, L, a, lda, b, ldb, koff, c, ldc);
    else nt_rows<false>(M, N, L, a, lda, b, ldb, koff, c, ldc);
  }

  // dst[koff[k] + j] += src[k·ld + j] for k < K, j < N, rows in order (they may overlap).
  NNP_KERNEL_NOINLINE static void add_rows(int K, int N, const float* __restrict src, int ld,
                                           const int* __restrict koff, float* dst) {
    for (int k = 0; k < K; ++k) {
      const float* s = src + k * ld;
      float* d = dst + koff[k];
      int j = 0;
      for (; j + 2 * W <= N; j += 2 * W) {
        S::store(d + j, S::add(S::load(d + j), S::load(s + j)));
        S::store(d + j + W, S::add(S::load(d + j + W), S::load(s + j + W)));
      }
      for (; j + W <= N; j += W) S::store(d + j, S::add(S::load(d + j), S::load(s + j)));
      for (; j < N; ++j) d[j] += s[j];
    }
  }

  // out[r] += Σ_j x[r·ld + j], j < cols.
  NNP_KERNEL_NOINLINE static void row_sums(int rows_, int cols, const float* __restrict x, int ld,
                                           float* __restrict out) {
    for (int r = 0; r < rows_; ++r) {
      const float* row = x + r * ld;
      V s0 = S::zero(), s1 = S::zero();
      int j = 0;
      for (; j + 2 * W <= cols; j += 2 * W) {
        s0 = S::add(s0, S::load(row + j));
        s1 = S::add(s1, S::load(row + j + W));
      }
      for (; j + W <= cols; j += W) s0 = S::add(s0, S::load(row + j));
      float s = hsum(S::add(s0, s1));
      for (; j < cols; ++j) s += row[j];
      out[r] += s;
    }
  }
};

}  // namespace
}  // namespace nnplay::kernels
