// elementwise.cpp — see elementwise.h. One f32x4 body per kernel; the tail
// (n mod 4 elements) goes through the same body on a zero-padded vector.
#include "kernels/elementwise.h"

#include "kernels/simd.h"

namespace nnplay::kernels {
namespace {

// Calls body(vx...) for every 4 elements and once more for the padded tail.
// Load: a, optional b, c; store: out. Written out per arity below.
struct Tail {
  alignas(16) float v[4];
  void load(const float* p, int64_t r) {
    for (int i = 0; i < 4; ++i) v[i] = i < r ? p[i] : 0.0f;
  }
  void store(float* p, int64_t r) const {
    for (int i = 0; i < r; ++i) p[i] = v[i];
  }
};

NNP_SIMD_INLINE f32x4 tanh4(f32x4 x) {
  // Coefficients fitted for nnplay (elementwise.h): tanh(x) ≈ x·P(z)/Q(z), z = x².
  const f32x4 clamp = f32x4_splat(9.0f);
  x = f32x4_max(f32x4_min(x, clamp), f32x4_sub(f32x4_zero(), clamp));
  const f32x4 z = f32x4_mul(x, x);
  f32x4 p = f32x4_splat(1.3738755022529858e-08f);
  p = f32x4_madd(f32x4_splat(2.0891029635095038e-05f), p, z);
  p = f32x4_madd(f32x4_splat(0.003512939438223839f), p, z);
  p = f32x4_madd(f32x4_splat(0.1339571177959442f), p, z);
  p = f32x4_madd(f32x4_splat(1.0f), p, z);
  f32x4 q = f32x4_splat(7.935146868476295e-07f);
  q = f32x4_madd(f32x4_splat(0.0003313855268061161f), q, z);
  q = f32x4_madd(f32x4_splat(0.025943228974938393f), q, z);
  q = f32x4_madd(f32x4_splat(0.46729034185409546f), q, z);
  q = f32x4_madd(f32x4_splat(1.0f), q, z);
  const f32x4 one = f32x4_splat(1.0f);
  const f32x4 r = f32x4_div(f32x4_mul(x, p), q);
  return f32x4_max(f32x4_min(r, one), f32x4_sub(f32x4_zero(), one));
}

}  // namespace

void relu_f32(int64_t n, const float* x, float* y) {
  const f32x4 zero = f32x4_zero();
  int64_t i = 0;
  // x < 0 ? 0 : x, so NaN passes through (as in PyTorch) and divergence stays visible.
  for (; i + 4 <= n; i += 4) {
    const f32x4 v = f32x4_load(x + i);
    f32x4_store(y + i, f32x4_select(f32x4_lt(v, zero), zero, v));
  }
  for (; i < n; ++i) y[i] = x[i] < 0.0f ? 0.0f : x[i];
}

void relu_backward_f32(int64_t n, const float* x, const float* dy, float* dx) {
  const f32x4 zero = f32x4_zero();
  int64_t i = 0;
  for (; i + 4 <= n; i += 4) {
    const f32x4 mask = f32x4_gt(f32x4_load(x + i), zero);
    f32x4_store(dx + i, f32x4_add(f32x4_load(dx + i), f32x4_and(f32x4_load(dy + i), mask)));
  }
  for (; i < n; ++i)
    if (x[i] > 0.0f) dx[i] += dy[i];
}

void tanh_f32(int64_t n, const float* x, float* y) {
  int64_t i = 0;
  for (; i + 4 <= n; i += 4) f32x4_store(y + i, tanh4(f32x4_load(x + i)));
  if (i < n) {
    Tail t;
    t.load(x + i, n - i);
    f32x4_store(t.v, tanh4(f32x4_load(t.v)));
    t.store(y + i, n - i);
  }
}

void tanh_backward_f32(int64_t n, const float* y, const float* dy, float* dx) {
  const f32x4 one = f32x4_splat(1.0f);
  int64_t i = 0;
  for (; i + 4 <= n; i += 4) {
    const f32x4 v = f32x4_load(y + i);
    const f32x4 d = f32x4_mul(f32x4_load(dy + i), f32x4_sub(one, f32x4_mul(v, v)));
    f32x4_store(dx + i, f32x4_add(f32x4_load(dx + i), d));
  }
  for (; i < n; ++i) dx[i] += dy[i] * (1.0f - y[i] * y[i]);
}

void convert_u8_f32(int64_t n, const uint8_t* x, float scale, float* y) {
  const f32x4 vs = f32x4_splat(scale);
  int64_t i = 0;
  for (; i + 16 <= n; i += 16) u8x16_to_f32(x + i, vs, y + i);
  for (; i < n; ++i) y[i] = static_cast<float>(x[i]) * scale;
}

void zero_f32(int64_t n, float* x) {
  const f32x4 zero = f32x4_zero();
  int64_t i = 0;
  for (; i + 16 <= n; i += 16) {
    f32x4_store(x + i, zero);
    f32x4_store(x + i + 4, zero);
    f32x4_store(x + i + 8, zero);
    f32x4_store(x + i + 12, zero);
  }
  for (; i + 4 <= n; i += 4) f32x4_store(x + i, zero);
  for (; i < n; ++i) x[i] = 0.0f;
}

void add_bias_rows_f32(int rows, int cols, const float* bias, float* y) {
  for (int r = 0; r < rows; ++r) {
    float* row = y + static_cast<int64_t>(r) * cols;
    int c = 0;
    for (; c + 4 <= cols; c += 4) f32x4_store(row + c, f32x4_add(f32x4_load(row + c), f32x4_load(bias + c)));
    for (; c < cols; ++c) row[c] += bias[c];
  }
}

void sum_rows_f32(int rows, int cols, const float* dy, float* db) {
  int c = 0;
  for (; c + 4 <= cols; c += 4) {
    f32x4 s = f32x4_load(db + c);
    for (int r = 0; r < rows; ++r) s = f32x4_add(s, f32x4_load(dy + static_cast<int64_t>(r) * cols + c));
    f32x4_store(db + c, s);
  }
  for (; c < cols; ++c) {
    float s = db[c];
    for (int r = 0; r < rows; ++r) s += dy[static_cast<int64_t>(r) * cols + c];
    db[c] = s;
  }
}

// The three sums of elementwise.h: term(i, acc) adds the f32x4 terms of
// elements i..i+3, scalar(i, t) the terms of element i (the tail); blocks of
// kSumBlock summed in f32x4, then added in double.
template <unsigned Sums, class Term, class Scalar>
static void block_sums(int64_t n, Term term, Scalar scalar, double* out) {
  for (int64_t b0 = 0; b0 < n; b0 += kSumBlock) {
    const int64_t b1 = b0 + kSumBlock < n ? b0 + kSumBlock : n;
    f32x4 acc[2][Sums];
    for (unsigned k = 0; k < Sums; ++k) acc[0][k] = acc[1][k] = f32x4_zero();
    int64_t i = b0;
    for (; i + 8 <= b1; i += 8) {
      term(i, acc[0]);
      term(i + 4, acc[1]);
    }
    for (; i + 4 <= b1; i += 4) term(i, acc[0]);
    float tail[Sums] = {};
    for (; i < b1; ++i) scalar(i, tail);
    for (unsigned k = 0; k < Sums; ++k)
      out[k] += static_cast<double>(f32x4_hsum(f32x4_add(acc[0][k], acc[1][k])) + tail[k]);
  }
}

double sum_f32(int64_t n, const float* x) {
  double s = 0;
  block_sums<1>(
      n, [&](int64_t i, f32x4* a) { a[0] = f32x4_add(a[0], f32x4_load(x + i)); },
      [&](int64_t i, float* t) { t[0] += x[i]; }, &s);
  return s;
}

double sum_sq_dev_f32(int64_t n, const float* x, float c) {
  const f32x4 vc = f32x4_splat(c);
  double s = 0;
  block_sums<1>(
      n,
      [&](int64_t i, f32x4* a) {
        const f32x4 d = f32x4_sub(f32x4_load(x + i), vc);
        a[0] = f32x4_madd(a[0], d, d);
      },
      [&](int64_t i, float* t) { t[0] += (x[i] - c) * (x[i] - c); }, &s);
  return s;
}

void sum_dy_dev_f32(int64_t n, const float* dy, const float* x, float c, double* sum_dy, double* sum_dy_dev) {
  const f32x4 vc = f32x4_splat(c);
  double s[2] = {0, 0};
  block_sums<2>(
      n,
      [&](int64_t i, f32x4* a) {
        const f32x4 g = f32x4_load(dy + i);
        a[0] = f32x4_add(a[0], g);
        a[1] = f32x4_madd(a[1], g, f32x4_sub(f32x4_load(x + i), vc));
      },
      [&](int64_t i, float* t) {
        t[0] += dy[i];
        t[1] += dy[i] * (x[i] - c);
      },
      s);
  *sum_dy += s[0];
  *sum_dy_dev += s[1];
}

void sgd_update_f32(int64_t n, float* w, const float* g, float lr, float weight_decay) {
  const f32x4 vlr = f32x4_splat(lr), vwd = f32x4_splat(weight_decay);
  int64_t i = 0;
  for (; i + 4 <= n; i += 4) {
    const f32x4 wv = f32x4_load(w + i);
    const f32x4 d = f32x4_madd(f32x4_load(g + i), vwd, wv);
    f32x4_store(w + i, f32x4_sub(wv, f32x4_mul(vlr, d)));
  }
  for (; i < n; ++i) w[i] -= lr * (g[i] + weight_decay * w[i]);
}

}  // namespace nnplay::kernels
