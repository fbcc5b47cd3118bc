// gemm_tiled.h — packed, register-blocked single-precision GEMM, written once
// over the SIMD vocabulary (simd.h) and instantiated per ISA by the
// gemm_f32__<isa>.cpp files. Not a public header: include it only there.
//
// Loop nest of GotoBLAS/BLIS ("Anatomy of High-Performance Matrix
// Multiplication", Goto & van de Geijn 2008):
//
//   for jc over N by NC:            B block (KC x NC) packed into NR-wide panels
//     for pc over K by KC:
//       for ic over M by MC:        A block (MC x KC) packed into MR-tall panels
//         for jr over NC by NR:     one B panel stays in L1 ...
//           for ir over MC by MR:   ... while A panels stream from L2
//             ukernel: C(MR, NR) (+)= Apanel(MR, kc) · Bpanel(kc, NR)
//
// The micro-kernel keeps an MR x NR tile of C in MR·NR/W vector registers
// (W = lanes). It is a separate, never-inlined function entered once per
// tile: V8 only promotes functions to optimised code between calls, never a
// loop in the middle of a long call (TOOLCHAIN.md quirk 7), and every kernel
// here is entered thousands of times per training step.
//
// The three products differ only in how the operands are read while packing:
// element (i, k) of op(A) is a[i·a_rs + k·a_cs] and element (k, j) of op(B)
// is b[k·b_rs + j·b_cs]; a unit stride in k is packed with 4x4 transposes.
// Partial tiles at the edges are computed into a scratch tile and merged.
//
// Pack buffers are static and thread_local (no allocation, ever; one pair per
// thread, so layers may run products on the thread team's parts at once).
#pragma once

#include "kernels/simd.h"

#define NNP_UNROLL _Pragma("GCC unroll 32")

namespace nnplay::kernels {
namespace {  // internal linkage: each ISA file gets its own copy (simd.h)

NNP_SIMD_INLINE int min_int(int a, int b) { return a < b ? a : b; }
NNP_SIMD_INLINE int ceil_div(int a, int b) { return (a + b - 1) / b; }

// dst[k*R + r] = src[r*ld + k] for r < rows, k < kc; rows rows..R-1 are zero.
// Rows are transposed four at a time in registers.
template <int R>
NNP_KERNEL_NOINLINE void pack_interleave(const float* __restrict src, int ld, int rows, int kc,
                                         float* __restrict dst) {
  int r = 0;
  for (; r + 4 <= rows; r += 4) {
    const float* s0 = src + r * ld;
    const float* s1 = s0 + ld;
    const float* s2 = s1 + ld;
    const float* s3 = s2 + ld;
    float* d = dst + r;
    int k = 0;
    for (; k + 4 <= kc; k += 4) {
      f32x4 x0 = f32x4_load(s0 + k), x1 = f32x4_load(s1 + k), x2 = f32x4_load(s2 + k), x3 = f32x4_load(s3 + k);
      f32x4_transpose4(x0, x1, x2, x3);
      f32x4_store(d + (k + 0) * R, x0);
      f32x4_store(d + (k + 1) * R, x1);
      f32x4_store(d + (k + 2) * R, x2);
      f32x4_store(d + (k + 3) * R, x3);
    }
    for (; k < kc; ++k) {
      d[k * R + 0] = s0[k];
      d[k * R + 1] = s1[k];
      d[k * R + 2] = s2[k];
      d[k * R + 3] = s3[k];
    }
  }
  for (; r < rows; ++r)
    for (int k = 0; k < kc; ++k) dst[k * R + r] = src[r * ld + k];
  if (rows < R)
    for (int k = 0; k < kc; ++k)
      for (int q = rows; q < R; ++q) dst[k * R + q] = 0.0f;
}

// dst[k*R + c] = src[k*ld + c] for c < cols; columns cols..R-1 are zero.
template <int R>
NNP_KERNEL_NOINLINE void pack_copy(const float* __restrict src, int ld, int cols, int kc, float* __restrict dst) {
  if (cols == R && R % 4 == 0) {
    for (int k = 0; k < kc; ++k) {
      const float* s = src + k * ld;
      float* d = dst + k * R;
      NNP_UNROLL
      for (int c = 0; c < R; c += 4) f32x4_store(d + c, f32x4_load(s + c));
    }
    return;
  }
  for (int k = 0; k < kc; ++k) {
    const float* s = src + k * ld;
    float* d = dst + k * R;
    int c = 0;
    for (; c < cols; ++c) d[c] = s[c];
    for (; c < R; ++c) d[c] = 0.0f;
  }
}

template <class S, int MR, int NV, int KC, int MC, int NC>
struct TiledGemm {
  using V = typename S::V;
  static constexpr int W = S::kWidth;
  static constexpr int NR = NV * W;
  static_assert(MC % MR == 0 && NC % NR == 0, "blocks must hold whole tiles");

  alignas(64) static inline thread_local float a_pack[static_cast<unsigned>(MC * KC)];
  alignas(64) static inline thread_local float b_pack[static_cast<unsigned>(KC * NC)];

  // C(MR, NR) = or += A panel (kc x MR, k-major) · B panel (kc x NR, k-major).
  NNP_KERNEL_NOINLINE static void ukernel(int kc, const float* __restrict a, const float* __restrict b,
                                          float* __restrict c, int ldc, bool accumulate) {
    V acc[static_cast<unsigned>(MR)][static_cast<unsigned>(NV)];
    NNP_UNROLL
    for (int r = 0; r < MR; ++r) {
      NNP_UNROLL
      for (int v = 0; v < NV; ++v) acc[r][v] = S::zero();
    }
    for (int k = 0; k < kc; ++k) {
      V bv[static_cast<unsigned>(NV)];
      NNP_UNROLL
      for (int v = 0; v < NV; ++v) bv[v] = S::load(b + v * W);
      NNP_UNROLL
      for (int r = 0; r < MR; ++r) {
        const V av = S::splat(a + r);
        NNP_UNROLL
        for (int v = 0; v < NV; ++v) acc[r][v] = S::madd(acc[r][v], av, bv[v]);
      }
      a += MR;
      b += NR;
    }
    if (accumulate) {
      NNP_UNROLL
      for (int r = 0; r < MR; ++r) {
        NNP_UNROLL
        for (int v = 0; v < NV; ++v) S::store(c + r * ldc + v * W, S::add(S::load(c + r * ldc + v * W), acc[r][v]));
      }
    } else {
      NNP_UNROLL
      for (int r = 0; r < MR; ++r) {
        NNP_UNROLL
        for (int v = 0; v < NV; ++v) S::store(c + r * ldc + v * W, acc[r][v]);
      }
    }
  }

  // A block rows [ic, ic+mc) x cols [pc, pc+kc) of op(A) into MR-tall panels.
  NNP_KERNEL_NOINLINE static void pack_a(const float* a, int a_rs, int a_cs, int ic, int mc, int pc, int kc) {
    for (int ir = 0; ir < mc; ir += MR) {
      const int mr = min_int(MR, mc - ir);
      float* dst = a_pack + ir * kc;
      if (a_cs == 1) pack_interleave<MR>(a + (ic + ir) * a_rs + pc, a_rs, mr, kc, dst);
      else pack_copy<MR>(a + pc * a_cs + ic + ir, a_cs, mr, kc, dst);
    }
  }

  // B block rows [pc, pc+kc) x cols [jc, jc+nc) of op(B) into NR-wide panels.
  NNP_KERNEL_NOINLINE static void pack_b(const float* b, int b_rs, int b_cs, int pc, int kc, int jc, int nc) {
    for (int jr = 0; jr < nc; jr += NR) {
      const int nr = min_int(NR, nc - jr);
      float* dst = b_pack + jr * kc;
      if (b_cs == 1) pack_copy<NR>(b + pc * b_rs + jc + jr, b_rs, nr, kc, dst);
      else pack_interleave<NR>(b + (jc + jr) * b_cs + pc, b_cs, nr, kc, dst);
    }
  }

  // Every tile of the packed blocks; c points at C(ic, jc).
  NNP_KERNEL_NOINLINE static void macro(int mc, int nc, int kc, float* c, int ldc, bool accumulate) {
    for (int jr = 0; jr < nc; jr += NR) {
      const int nr = min_int(NR, nc - jr);
      const float* bp = b_pack + jr * kc;
      for (int ir = 0; ir < mc; ir += MR) {
        const int mr = min_int(MR, mc - ir);
        const float* ap = a_pack + ir * kc;
        float* ct = c + ir * ldc + jr;
        if (mr == MR && nr == NR) {
          ukernel(kc, ap, bp, ct, ldc, accumulate);
          continue;
        }
        alignas(64) float tile[static_cast<unsigned>(MR * NR)];
        ukernel(kc, ap, bp, tile, NR, false);
        for (int r = 0; r < mr; ++r)
          for (int j = 0; j < nr; ++j)
            ct[r * ldc + j] = accumulate ? ct[r * ldc + j] + tile[r * NR + j] : tile[r * NR + j];
      }
    }
  }

  // Products this small (the 2-8-8-1 network's) cost less than packing them
  // for the micro-kernel. op(B) is used in place when its rows are
  // contiguous and a multiple of 4 long, else copied into rows padded to a
  // multiple of 4; then each 8- (or 4-) wide chunk of a row of C is a sum
  // over k of a broadcast A(i, k) times that chunk of row k of op(B).
  static constexpr long kSmallMacs = 4096;
  static constexpr int kSmallB = 8192;  // floats of padded op(B)
  alignas(64) static inline float small_b[kSmallB];

  static bool is_small(int M, int N, int K) {
    return static_cast<long>(M) * N * K <= kSmallMacs && K * ((N + 3) & ~3) <= kSmallB;
  }

  // c[0..n) (+)= the first n lanes of v (n < 4).
  static NNP_SIMD_INLINE void store_part(float* c, f32x4 v, int n, bool accumulate) {
    alignas(16) float t[4];
    f32x4_store(t, v);
    for (int q = 0; q < n; ++q) c[q] = accumulate ? c[q] + t[q] : t[q];
  }
  static NNP_SIMD_INLINE void store4(float* c, f32x4 v, int n, bool accumulate) {
    if (n >= 4) f32x4_store(c, accumulate ? f32x4_add(f32x4_load(c), v) : v);
    else store_part(c, v, n, accumulate);
  }

  NNP_KERNEL_NOINLINE static void small(int M, int N, int K, const float* a, int a_rs, int a_cs, const float* b,
                                        int b_rs, int b_cs, float* c, bool accumulate) {
    const int n4 = (N + 3) & ~3;
    const float* bp = b;
    int ldb = b_rs;
    if (b_cs != 1 || n4 != N) {
      for (int k = 0; k < K; ++k)
        for (int j = N; j < n4; ++j) small_b[k * n4 + j] = 0.0f;
      if (b_cs == 1) {
        for (int k = 0; k < K; ++k)
          for (int j = 0; j < N; ++j) small_b[k * n4 + j] = b[k * b_rs + j];
      } else {  // nt: row j of B is column j of op(B)
        for (int j = 0; j < N; ++j)
          for (int k = 0; k < K; ++k) small_b[k * n4 + j] = b[j * b_cs + k * b_rs];
      }
      bp = small_b;
      ldb = n4;
    }
    for (int i = 0; i < M; ++i) {
      const float* ai = a + i * a_rs;
      float* ci = c + i * N;
      int j = 0;
      for (; j + 8 <= n4; j += 8) {
        f32x4 acc0 = f32x4_zero(), acc1 = f32x4_zero();
        const float* bk = bp + j;
        for (int k = 0; k < K; ++k, bk += ldb) {
          const f32x4 av = f32x4_load_splat(ai + k * a_cs);
          acc0 = f32x4_madd(acc0, av, f32x4_load(bk));
          acc1 = f32x4_madd(acc1, av, f32x4_load(bk + 4));
        }
        store4(ci + j, acc0, N - j, accumulate);
        store4(ci + j + 4, acc1, N - j - 4, accumulate);
      }
      if (j < n4) {
        f32x4 acc = f32x4_zero();
        const float* bk = bp + j;
        for (int k = 0; k < K; ++k, bk += ldb) acc = f32x4_madd(acc, f32x4_load_splat(ai + k * a_cs), f32x4_load(bk));
        store4(ci + j, acc, N - j, accumulate);
      }
    }
  }

  // C(M, N) = or += op(A)(M, K) · op(B)(K, N); ldc = N.
  static void run(int M, int N, int K, const float* a, int a_rs, int a_cs, const float* b, int b_rs, int b_cs,
                  float* c, bool accumulate) {
    if (M <= 0 || N <= 0) return;
    if (K <= 0) {
      if (!accumulate)
        for (int i = 0; i < M * N; ++i) c[i] = 0.0f;
      return;
    }
    // Balanced blocks: K = 784 becomes 4 x 196, not 3 x 256 + 16.
    const int kb = ceil_div(K, KC), kstep = ceil_div(K, kb);
    const int mb = ceil_div(M, MC), mstep = min_int(MC, ceil_div(ceil_div(M, mb), MR) * MR);
    for (int jc = 0; jc < N; jc += NC) {
      const int nc = min_int(NC, N - jc);
      for (int pc = 0; pc < K; pc += kstep) {
        const int kc = min_int(kstep, K - pc);
        pack_b(b, b_rs, b_cs, pc, kc, jc, nc);
        for (int ic = 0; ic < M; ic += mstep) {
          const int mc = min_int(mstep, M - ic);
          pack_a(a, a_rs, a_cs, ic, mc, pc, kc);
          macro(mc, nc, kc, c + ic * N + jc, N, accumulate || pc > 0);
        }
      }
    }
  }

  // The three row-major forms of gemm.h.
  static void nn(int M, int N, int K, const float* A, const float* B, float* C, bool accumulate) {
    if (is_small(M, N, K)) return small(M, N, K, A, K, 1, B, N, 1, C, accumulate);
    run(M, N, K, A, K, 1, B, N, 1, C, accumulate);
  }
  static void nt(int M, int N, int K, const float* A, const float* B, float* C, bool accumulate) {
    if (is_small(M, N, K)) return small(M, N, K, A, K, 1, B, 1, K, C, accumulate);
    run(M, N, K, A, K, 1, B, 1, K, C, accumulate);
  }
  static void tn(int M, int N, int K, const float* A, const float* B, float* C, bool accumulate) {
    if (is_small(M, N, K)) return small(M, N, K, A, 1, M, B, N, 1, C, accumulate);
    run(M, N, K, A, 1, M, B, N, 1, C, accumulate);
  }
};

}  // namespace
}  // namespace nnplay::kernels
