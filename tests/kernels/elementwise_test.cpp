// Elementwise kernels (kernels/elementwise.h) against plain scalar loops, on
// lengths around the vector width (0, 1, 3, 4, 5, 17, 63, 65, 1000), in
// place where allowed, natively (SSE2) and in wasm (SIMD128).
#include "kernels/elementwise.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <vector>

#include "support/random_vec.h"

namespace nnplay::kernels {
namespace {

const int kLengths[] = {0, 1, 3, 4, 5, 17, 63, 65, 1000};

std::vector<float> random_vec(size_t n, uint64_t seed, float lo = -4.0f, float hi = 4.0f) {
  return test::random_vec(n, seed, lo, hi);
}

TEST(Elementwise, ReluMatchesScalarAndKeepsNaN) {
  for (int n : kLengths) {
    auto x = random_vec(static_cast<size_t>(n), 1);
    if (n > 2) x[1] = 0.0f;
    std::vector<float> y(x.size(), 7.0f);
    relu_f32(n, x.data(), y.data());
    for (int i = 0; i < n; ++i) ASSERT_EQ(y[i], x[i] > 0 ? x[i] : 0.0f) << "n=" << n << " i=" << i;
    relu_f32(n, x.data(), x.data());  // in place
    EXPECT_EQ(x, y);
  }
  std::vector<float> nan(5, std::numeric_limits<float>::quiet_NaN()), out(5);
  relu_f32(5, nan.data(), out.data());
  for (float v : out) EXPECT_TRUE(std::isnan(v));
}

TEST(Elementwise, ReluBackwardAdds) {
  for (int n : kLengths) {
    const auto x = random_vec(static_cast<size_t>(n), 2), dy = random_vec(static_cast<size_t>(n), 3);
    auto dx = random_vec(static_cast<size_t>(n), 4);
    auto ref = dx;
    for (int i = 0; i < n; ++i) ref[i] += x[i] > 0 ? dy[i] : 0.0f;
    relu_backward_f32(n, x.data(), dy.data(), dx.data());
    for (int i = 0; i < n; ++i) ASSERT_EQ(dx[i], ref[i]) << "n=" << n << " i=" << i;
  }
}

TEST(Elementwise, TanhWithinDocumentedError) {
  for (int n : kLengths) {
    auto x = random_vec(static_cast<size_t>(n), 5, -12.0f, 12.0f);
    std::vector<float> y(x.size());
    tanh_f32(n, x.data(), y.data());
    for (int i = 0; i < n; ++i) ASSERT_NEAR(y[i], std::tanh(static_cast<double>(x[i])), 3.5e-7) << "x=" << x[i];
    tanh_f32(n, x.data(), x.data());  // in place
    EXPECT_EQ(x, y);
  }
  // A dense sweep, the saturation region, odd symmetry and exact values.
  std::vector<float> x, y;
  for (float v = -10.0f; v <= 10.0f; v += 1.0f / 1024) x.push_back(v);
  y.resize(x.size());
  tanh_f32(static_cast<int64_t>(x.size()), x.data(), y.data());
  for (size_t i = 0; i < x.size(); ++i) {
    ASSERT_NEAR(y[i], std::tanh(static_cast<double>(x[i])), 3.5e-7) << "x=" << x[i];
    ASSERT_LE(std::abs(y[i]), 1.0f);
  }
  const float special[] = {0.0f, 1e-30f, -1e-30f, 100.0f, -100.0f, 1e30f, -1e30f};
  float out[7];
  tanh_f32(7, special, out);
  EXPECT_EQ(out[0], 0.0f);
  EXPECT_EQ(out[1], 1e-30f);
  EXPECT_EQ(out[3], 1.0f);
  EXPECT_EQ(out[4], -1.0f);
  EXPECT_EQ(out[5], 1.0f);
  EXPECT_EQ(out[6], -1.0f);
  const float nan = std::numeric_limits<float>::quiet_NaN();
  tanh_f32(1, &nan, out);
  EXPECT_TRUE(std::isnan(out[0]));
}

TEST(Elementwise, TanhBackwardAdds) {
  for (int n : kLengths) {
    const auto y = random_vec(static_cast<size_t>(n), 6, -1.0f, 1.0f), dy = random_vec(static_cast<size_t>(n), 7);
    auto dx = random_vec(static_cast<size_t>(n), 8);
    auto ref = dx;
    for (int i = 0; i < n; ++i) ref[i] += dy[i] * (1.0f - y[i] * y[i]);
    tanh_backward_f32(n, y.data(), dy.data(), dx.data());
    for (int i = 0; i < n; ++i) ASSERT_NEAR(dx[i], ref[i], 1e-6f) << "n=" << n << " i=" << i;
  }
}

TEST(Elementwise, NormalisationSumsMatchDoubleLoops) {
  // Lengths across the block edge (kSumBlock) and the 8/4-element steps; values
  // offset from 0 so that a lost mean (x − c) would show.
  const int64_t lengths[] = {0, 1, 3, 7, 8, 13, 1000, kSumBlock - 1, kSumBlock, kSumBlock + 5, 3 * kSumBlock + 9};
  for (int64_t n : lengths) {
    const auto x = random_vec(static_cast<size_t>(n), 21, 2.0f, 6.0f), dy = random_vec(static_cast<size_t>(n), 22);
    const float c = 3.75f;
    double s = 0, ss = 0, sdy = 0, sdev = 0, abs_sum = 0;
    for (size_t i = 0; i < x.size(); ++i) {
      s += x[i];
      ss += (double{x[i]} - c) * (double{x[i]} - c);
      sdy += dy[i];
      sdev += double{dy[i]} * (double{x[i]} - c);
      abs_sum += std::fabs(dy[i]) * 6.0;
    }
    const double tol = 1e-6 * (static_cast<double>(n) * 6.0 + 1.0);  // float rounding of each block's sum
    EXPECT_NEAR(sum_f32(n, x.data()), s, tol) << n;
    EXPECT_NEAR(sum_sq_dev_f32(n, x.data(), c), ss, tol * 6.0) << n;
    double got_dy = 1.0, got_dev = -2.0;  // accumulated into
    sum_dy_dev_f32(n, dy.data(), x.data(), c, &got_dy, &got_dev);
    EXPECT_NEAR(got_dy, 1.0 + sdy, 1e-6 * (abs_sum + 1.0)) << n;
    EXPECT_NEAR(got_dev, -2.0 + sdev, 1e-6 * (abs_sum + 1.0)) << n;
  }
}

TEST(Elementwise, ConvertBytes) {
  for (int n : kLengths) {
    std::vector<uint8_t> x(static_cast<size_t>(n));
    for (int i = 0; i < n; ++i) x[static_cast<size_t>(i)] = static_cast<uint8_t>((i * 37 + 11) % 256);
    if (n > 1) x[1] = 255;
    std::vector<float> y(static_cast<size_t>(n) + 2, -1.0f);
    convert_u8_f32(n, x.data(), 1.0f / 255.0f, y.data());
    for (int i = 0; i < n; ++i) ASSERT_EQ(y[i], static_cast<float>(x[i]) * (1.0f / 255.0f)) << "n=" << n << " i=" << i;
    ASSERT_EQ(y[static_cast<size_t>(n)], -1.0f);
  }
}

TEST(Elementwise, ZeroTouchesExactlyN) {
  for (int n : kLengths) {
    std::vector<float> x(static_cast<size_t>(n) + 3, 5.0f);
    zero_f32(n, x.data());
    for (int i = 0; i < n; ++i) ASSERT_EQ(x[i], 0.0f);
    for (int i = n; i < n + 3; ++i) ASSERT_EQ(x[i], 5.0f);
  }
}

TEST(Elementwise, BiasRowsAndColumnSums) {
  for (int rows : {1, 3, 64})
    for (int cols : {1, 3, 4, 5, 17, 65}) {
      const auto bias = random_vec(static_cast<size_t>(cols), 9);
      auto y = random_vec(static_cast<size_t>(rows * cols), 10);
      auto ref = y;
      for (int r = 0; r < rows; ++r)
        for (int c = 0; c < cols; ++c) ref[static_cast<size_t>(r * cols + c)] += bias[static_cast<size_t>(c)];
      add_bias_rows_f32(rows, cols, bias.data(), y.data());
      EXPECT_EQ(y, ref) << rows << "x" << cols;

      auto db = random_vec(static_cast<size_t>(cols), 11);
      std::vector<double> want(db.begin(), db.end());
      for (int r = 0; r < rows; ++r)
        for (int c = 0; c < cols; ++c) want[static_cast<size_t>(c)] += y[static_cast<size_t>(r * cols + c)];
      sum_rows_f32(rows, cols, y.data(), db.data());
      for (int c = 0; c < cols; ++c) ASSERT_NEAR(db[c], want[static_cast<size_t>(c)], 1e-4) << rows << "x" << cols;
    }
}

TEST(Elementwise, SgdUpdate) {
  for (int n : kLengths)
    for (float wd : {0.0f, 0.01f}) {
      auto w = random_vec(static_cast<size_t>(n), 12);
      const auto g = random_vec(static_cast<size_t>(n), 13);
      auto ref = w;
      for (int i = 0; i < n; ++i) ref[i] -= 0.1f * (g[i] + wd * ref[i]);
      sgd_update_f32(n, w.data(), g.data(), 0.1f, wd);
      for (int i = 0; i < n; ++i) ASSERT_NEAR(w[i], ref[i], 1e-6f) << "n=" << n << " i=" << i;
    }
}

}  // namespace
}  // namespace nnplay::kernels
