// LSTM: the gate equations recomputed by hand in PyTorch's i, f, g, o order,
// parameter names and shapes, and the shared gradient checker through time.
#include "nn/lstm.h"

#include <gtest/gtest.h>

#include <cmath>

#include "layer_test_util.h"

namespace nnplay::nn {
namespace {

double sig(double v) { return 1 / (1 + std::exp(-v)); }

TEST(LSTM, GatesByHand) {
  const int N = 2, T = 3, D = 2, H = 2;
  auto layer = test::make("LSTM", {{"hidden_size", "2"}});
  const Tensor x = test::random_tensor(Shape{N, T, D}, 1);
  Tensor y = test::forward(*layer, {x});
  ASSERT_EQ(y.shape(), (Shape{N, T, H}));
  auto p = layer->params();
  ASSERT_EQ(p.size(), 4u);
  EXPECT_EQ(p[0].value->shape(), (Shape{4 * H, D}));
  EXPECT_EQ(p[1].value->shape(), (Shape{4 * H, H}));
  EXPECT_STREQ(p[3].id.name, "bias_hh_l0");
  const Tensor &wih = *p[0].value, &whh = *p[1].value, &bih = *p[2].value, &bhh = *p[3].value;
  for (int n = 0; n < N; ++n) {
    double h[H] = {0, 0}, c[H] = {0, 0};
    for (int t = 0; t < T; ++t) {
      double a[4 * H];
      for (int r = 0; r < 4 * H; ++r) {
        a[r] = bih[r] + bhh[r];
        for (int d = 0; d < D; ++d) a[r] += wih[r * D + d] * x[(n * T + t) * D + d];
        for (int k = 0; k < H; ++k) a[r] += whh[r * H + k] * h[k];
      }
      for (int j = 0; j < H; ++j) {
        const double i = sig(a[j]), f = sig(a[H + j]), g = std::tanh(a[2 * H + j]), o = sig(a[3 * H + j]);
        c[j] = f * c[j] + i * g;
        h[j] = o * std::tanh(c[j]);
        EXPECT_NEAR(y[(n * T + t) * H + j], h[j], 1e-6);
      }
    }
  }
}

// forget_bias shifts only the forget gate's slice [H, 2H) of bias_ih_l0 at
// init; PyTorch's U(-1/sqrt(H), 1/sqrt(H)) everywhere else.
TEST(LSTM, ForgetBiasOpensOnlyTheForgetGate) {
  const int H = 16;
  auto layer = test::make("LSTM", {{"hidden_size", "16"}, {"forget_bias", "1"}});
  (void)test::forward(*layer, {test::random_tensor(Shape{1, 2, 3}, 2)});
  const double k = 1.0 / std::sqrt(double(H));
  auto p = layer->params();
  const Tensor &bih = *p[2].value, &bhh = *p[3].value;
  for (int r = 0; r < 4 * H; ++r) {
    const double centre = (r >= H && r < 2 * H) ? 1.0 : 0.0;
    EXPECT_LE(std::fabs(bih[r] - centre), k) << "bias_ih_l0[" << r << "]";
    EXPECT_LE(std::fabs(bhh[r]), k) << "bias_hh_l0[" << r << "]";
  }
  EXPECT_FALSE(test::make_status("LSTM", {{"hidden_size", "4"}, {"forget_bias", "11"}}).ok());
}

// input_bias shifts only the input gate's slice [0, H) of bias_ih_l0 (here
// together with forget_bias on [H, 2H)); g and o keep PyTorch's init.
TEST(LSTM, InputBiasShiftsOnlyTheInputGate) {
  const int H = 8;
  auto layer = test::make("LSTM", {{"hidden_size", "8"}, {"forget_bias", "4"}, {"input_bias", "-4"}});
  (void)test::forward(*layer, {test::random_tensor(Shape{1, 2, 3}, 3)});
  const double k = 1.0 / std::sqrt(double(H));
  auto p = layer->params();
  const Tensor &bih = *p[2].value, &bhh = *p[3].value;
  for (int r = 0; r < 4 * H; ++r) {
    const double centre = r < H ? -4.0 : r < 2 * H ? 4.0 : 0.0;
    EXPECT_LE(std::fabs(bih[r] - centre), k) << "bias_ih_l0[" << r << "]";
    EXPECT_LE(std::fabs(bhh[r]), k) << "bias_hh_l0[" << r << "]";
  }
  EXPECT_FALSE(test::make_status("LSTM", {{"hidden_size", "4"}, {"input_bias", "-11"}}).ok());
}

TEST(LSTM, GradientsMatchFiniteDifferences) {
  using C = test::GradCase;
  test::check_cases({
      C{"LSTM", {{"hidden_size", "2"}}, {Shape{1, 1, 3}}},
      C{"LSTM", {{"hidden_size", "3"}}, {Shape{2, 5, 2}}},
      C{"LSTM", {{"hidden_size", "4"}, {"bias", "false"}}, {Shape{3, 3, 3}}},
  });
}

}  // namespace
}  // namespace nnplay::nn
