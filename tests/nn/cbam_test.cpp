// CBAM: forward recomputed by hand from the paper's equations and the
// layer's parameters, and the shared gradient checker (max-pool near-ties are
// kinks the checker detects).
#include "nn/cbam.h"

#include <gtest/gtest.h>

#include <cmath>

#include "layer_test_util.h"

namespace nnplay::nn {
namespace {

double sig(double v) { return 1 / (1 + std::exp(-v)); }

TEST(CBAM, ForwardFollowsThePaper) {
  const int N = 2, C = 4, H = 3, W = 4, k = 3, R = 2;
  auto layer = test::make("CBAM", {{"reduction", "2"}, {"kernel_size", "3"}});
  const Tensor x = test::random_tensor(Shape{N, C, H, W}, 4);
  Tensor y = test::forward(*layer, {x});
  auto params = layer->params();
  ASSERT_EQ(params.size(), 5u);
  const Tensor &w1 = *params[0].value, &b1 = *params[1].value, &w2 = *params[2].value, &b2 = *params[3].value,
               &ws = *params[4].value;
  ASSERT_EQ(ws.shape(), (Shape{1, 2, k, k}));
  for (int n = 0; n < N; ++n) {
    double avg[C], mx[C], mc[C];
    for (int c = 0; c < C; ++c) {
      avg[c] = 0, mx[c] = -1e30;
      for (int i = 0; i < H * W; ++i) {
        const double v = x[(n * C + c) * H * W + i];
        avg[c] += v / (H * W), mx[c] = std::max(mx[c], v);
      }
    }
    auto mlp = [&](const double* v, int c) {
      double out = b2[c];
      for (int j = 0; j < R; ++j) {
        double h = b1[j];
        for (int cc = 0; cc < C; ++cc) h += w1[j * C + cc] * v[cc];
        out += w2[c * R + j] * std::max(h, 0.0);
      }
      return out;
    };
    for (int c = 0; c < C; ++c) mc[c] = sig(mlp(avg, c) + mlp(mx, c));
    double pool[2][H][W];
    for (int h = 0; h < H; ++h)
      for (int w = 0; w < W; ++w) {
        pool[0][h][w] = 0, pool[1][h][w] = -1e30;
        for (int c = 0; c < C; ++c) {
          const double f = mc[c] * x[((n * C + c) * H + h) * W + w];
          pool[0][h][w] += f / C, pool[1][h][w] = std::max(pool[1][h][w], f);
        }
      }
    for (int h = 0; h < H; ++h)
      for (int w = 0; w < W; ++w) {
        double s = 0;
        for (int p = 0; p < 2; ++p)
          for (int i = 0; i < k; ++i)
            for (int j = 0; j < k; ++j) {
              const int ih = h - 1 + i, iw = w - 1 + j;
              if (ih >= 0 && ih < H && iw >= 0 && iw < W) s += ws[(p * k + i) * k + j] * pool[p][ih][iw];
            }
        for (int c = 0; c < C; ++c) {
          const int at = ((n * C + c) * H + h) * W + w;
          EXPECT_NEAR(y[at], sig(s) * mc[c] * x[at], 1e-5);
        }
      }
  }
}

TEST(CBAM, GradientsMatchFiniteDifferences) {
  using C = test::GradCase;
  test::check_cases({
      C{"CBAM", {{"reduction", "2"}, {"kernel_size", "3"}}, {Shape{1, 4, 3, 3}}},
      C{"CBAM", {{"reduction", "3"}}, {Shape{2, 6, 4, 5}}},
      C{"CBAM", {{"reduction", "1"}, {"kernel_size", "2"}}, {Shape{2, 3, 3, 2}}},  // even kernel: "same" padding
  });
}

}  // namespace
}  // namespace nnplay::nn
