// RNN: the recurrence recomputed by hand, PyTorch's parameter names and
// shapes, errors, and the shared gradient checker through time (BPTT) for
// tanh and relu, batch 1 and longer sequences.
#include "nn/rnn.h"

#include <gtest/gtest.h>

#include <cmath>

#include "layer_test_util.h"

namespace nnplay::nn {
namespace {

TEST(RNN, RecurrenceByHand) {
  const int N = 2, T = 3, D = 2, H = 3;
  auto layer = test::make("RNN", {{"hidden_size", "3"}});
  const Tensor x = test::random_tensor(Shape{N, T, D}, 1);
  Tensor y = test::forward(*layer, {x});
  ASSERT_EQ(y.shape(), (Shape{N, T, H}));
  auto p = layer->params();
  ASSERT_EQ(p.size(), 4u);
  EXPECT_STREQ(p[0].id.name, "weight_ih_l0");
  EXPECT_EQ(p[0].value->shape(), (Shape{H, D}));
  EXPECT_EQ(p[1].value->shape(), (Shape{H, H}));
  const Tensor &wih = *p[0].value, &whh = *p[1].value, &bih = *p[2].value, &bhh = *p[3].value;
  for (int n = 0; n < N; ++n) {
    double h[H] = {0, 0, 0};
    for (int t = 0; t < T; ++t) {
      double next[H];
      for (int j = 0; j < H; ++j) {
        double a = bih[j] + bhh[j];
        for (int d = 0; d < D; ++d) a += wih[j * D + d] * x[(n * T + t) * D + d];
        for (int k = 0; k < H; ++k) a += whh[j * H + k] * h[k];
        next[j] = std::tanh(a);
      }
      for (int j = 0; j < H; ++j) {
        h[j] = next[j];
        EXPECT_NEAR(y[(n * T + t) * H + j], h[j], 1e-6);
      }
    }
  }
}

TEST(RNN, Errors) {
  EXPECT_EQ(test::make_status("RNN", {}).code(), ErrorCode::INVALID_ARGUMENT);
  EXPECT_EQ(test::make_status("RNN", {{"hidden_size", "4"}, {"batch_first", "false"}}).code(), ErrorCode::UNSUPPORTED);
  EXPECT_EQ(test::make_status("RNN", {{"hidden_size", "4"}, {"num_layers", "2"}}).code(), ErrorCode::INVALID_ARGUMENT);
  auto layer = test::make("RNN", {{"hidden_size", "4"}, {"input_size", "3"}});
  Shape out;
  EXPECT_EQ(test::setup(*layer, {Tensor(Shape{1, 5, 2})}, &out).code(), ErrorCode::SHAPE_MISMATCH);
  EXPECT_EQ(test::setup(*layer, {Tensor(Shape{1, 5})}, &out).code(), ErrorCode::SHAPE_MISMATCH);
}

TEST(RNN, GradientsMatchFiniteDifferences) {
  using C = test::GradCase;
  test::check_cases({
      C{"RNN", {{"hidden_size", "3"}}, {Shape{1, 1, 2}}},
      C{"RNN", {{"hidden_size", "4"}}, {Shape{2, 5, 3}}},
      C{"RNN", {{"hidden_size", "2"}, {"bias", "false"}}, {Shape{3, 4, 1}}},
      C{"RNN", {{"hidden_size", "3"}, {"nonlinearity", "relu"}}, {Shape{2, 4, 2}}},
  });
}

}  // namespace
}  // namespace nnplay::nn
