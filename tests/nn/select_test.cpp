// Select (torch.select): the kept slice by its index formula, negative dim and
// index, the errors, agreement with SelectLast, and the shared gradient
// checker (gradient only into the selected slice, accumulated).
#include "nn/select.h"

#include <gtest/gtest.h>

#include "layer_test_util.h"

namespace nnplay::nn {
namespace {

// x[n, c, t, h, w] = 10000n + 1000c + 100t + 10h + w: every value names its place.
Tensor numbered_clip(int N, int C, int T, int H, int W) {
  Tensor x(Shape{N, C, T, H, W});
  int64_t k = 0;
  for (int n = 0; n < N; ++n)
    for (int c = 0; c < C; ++c)
      for (int t = 0; t < T; ++t)
        for (int h = 0; h < H; ++h)
          for (int w = 0; w < W; ++w) x[k++] = static_cast<float>(10000 * n + 1000 * c + 100 * t + 10 * h + w);
  return x;
}

TEST(Select, KeepsFrameTOfAClip) {
  const Tensor x = numbered_clip(2, 2, 4, 3, 2);
  for (int t : {0, 2, 3}) {
    auto layer = test::make("Select", {{"dim", "2"}, {"index", std::to_string(t)}});
    const Tensor y = test::forward(*layer, {x});
    ASSERT_EQ(y.shape(), (Shape{2, 2, 3, 2}));
    int64_t k = 0;
    for (int n = 0; n < 2; ++n)
      for (int c = 0; c < 2; ++c)
        for (int h = 0; h < 3; ++h)
          for (int w = 0; w < 2; ++w)
            EXPECT_EQ(y[k++], static_cast<float>(10000 * n + 1000 * c + 100 * t + 10 * h + w)) << t;
  }
}

TEST(Select, NegativeDimAndIndexCountFromTheEnd) {
  const Tensor x = numbered_clip(1, 2, 3, 2, 2);
  auto last = test::make("Select", {{"dim", "-3"}, {"index", "-1"}});  // dim 2, the last frame (t = 2)
  const Tensor y = test::forward(*last, {x});
  ASSERT_EQ(y.shape(), (Shape{1, 2, 2, 2}));
  EXPECT_EQ(y[0], 200.0f);   // c 0, h 0, w 0
  EXPECT_EQ(y[7], 1211.0f);  // c 1, h 1, w 1
  auto width = test::make("Select", {{"dim", "4"}, {"index", "1"}});  // the last axis: column w = 1
  const Tensor z = test::forward(*width, {x});
  ASSERT_EQ(z.shape(), (Shape{1, 2, 3, 2}));
  EXPECT_EQ(z[0], 1.0f);
  EXPECT_EQ(z[11], 1000.0f + 200.0f + 10.0f + 1.0f);
}

TEST(Select, MatchesSelectLastOnSequences) {
  const Tensor x = test::random_tensor(Shape{3, 5, 4}, 7);
  auto sel = test::make("Select", {{"dim", "1"}, {"index", "-1"}});
  auto last = test::make("SelectLast", {});
  const Tensor a = test::forward(*sel, {x}), b = test::forward(*last, {x});
  ASSERT_EQ(a.shape(), b.shape());
  for (int64_t i = 0; i < a.numel(); ++i) EXPECT_EQ(a[i], b[i]);
}

TEST(Select, RefusesTheBatchAndOutOfRangeSlices) {
  EXPECT_EQ(test::make_status("Select", {{"dim", "0"}, {"index", "0"}}).code(), ErrorCode::INVALID_ARGUMENT);
  EXPECT_EQ(test::make_status("Select", {{"index", "0"}}).code(), ErrorCode::INVALID_ARGUMENT);  // dim required
  EXPECT_EQ(test::make_status("Select", {{"dim", "2"}}).code(), ErrorCode::INVALID_ARGUMENT);   // index required
  EXPECT_EQ(test::make_status("Select", {{"dim", "5"}, {"index", "0"}}).code(), ErrorCode::INVALID_ARGUMENT);  // rank ≤ 5
  // Shapes are known at setup: a (1, 4, 3) sequence has 4 steps and no dimension 3; dim=-3 is its batch.
  const Tensor x = test::random_tensor(Shape{1, 4, 3}, 1);
  Shape out;
  for (auto [dim, index] : {std::pair{"1", "4"}, std::pair{"1", "-5"}, std::pair{"3", "0"}, std::pair{"-3", "0"}}) {
    auto layer = test::make("Select", {{"dim", dim}, {"index", index}});
    ASSERT_NE(layer, nullptr);
    const Status st = test::setup(*layer, {x}, &out);
    EXPECT_EQ(st.code(), ErrorCode::SHAPE_MISMATCH) << dim << " " << index;
    EXPECT_NE(st.message().find("Select"), std::string::npos) << st.message();
  }
}

TEST(Select, GradientCheck) {
  using C = test::GradCase;
  test::check_cases({
      C{"Select", {{"dim", "2"}, {"index", "0"}}, {Shape{2, 1, 4, 3, 3}}},
      C{"Select", {{"dim", "2"}, {"index", "-1"}}, {Shape{2, 3, 2, 2, 3}}},
      C{"Select", {{"dim", "1"}, {"index", "1"}}, {Shape{3, 4, 2}}},
      C{"Select", {{"dim", "-1"}, {"index", "2"}}, {Shape{2, 2, 3, 4}}},
  });
}

}  // namespace
}  // namespace nnplay::nn
