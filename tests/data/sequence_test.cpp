// The recall task (data/sequence.h): every step one-hot over K symbols, one
// marker among the first 10 steps, the label read back from the sequence
// itself (the symbol at the marked step), label noise at the asked rate, and
// the seed, size and length honoured.
#include "data/sequence.h"

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

namespace nnplay::data {
namespace {

constexpr int K = 4;  // symbols; channel K is the marker

// Sample i decoded from its features alone: the marked step (-1 if not
// exactly one) and the symbol there; fails the test on a malformed step.
struct Decoded {
  int marked = -1;
  int symbol = -1;
};
Decoded decode(const Dataset& ds, int i, int T) {
  Decoded d;
  int markers = 0;
  for (int t = 0; t < T; ++t) {
    int ones = 0, sym = -1;
    for (int c = 0; c < K; ++c) {
      const float v = ds.feature(i, int64_t{t} * (K + 1) + c);
      EXPECT_TRUE(v == 0.0f || v == 1.0f) << "sample " << i << " step " << t;
      if (v == 1.0f) ++ones, sym = c;
    }
    EXPECT_EQ(ones, 1) << "sample " << i << " step " << t << " is not one-hot";
    if (ds.feature(i, int64_t{t} * (K + 1) + K) == 1.0f) ++markers, d.marked = t, d.symbol = sym;
  }
  EXPECT_EQ(markers, 1) << "sample " << i;
  return d;
}

TEST(Recall, LabelIsTheMarkedSymbolAmongTheFirstTen) {
  const int T = 60, N = 1000;
  const Dataset ds = make_recall_task(N, T, K, 0.0f, 7);
  ASSERT_EQ(ds.size(), N);
  EXPECT_EQ(ds.sample_shape, (Shape{1, T, K + 1}));
  EXPECT_EQ(ds.num_classes, K);
  ASSERT_EQ(ds.x_f32.size(), static_cast<size_t>(N) * T * (K + 1));
  std::vector<int> at(10, 0), label(K, 0);
  int first_is_label = 0;
  for (int i = 0; i < N; ++i) {
    const Decoded d = decode(ds, i, T);
    ASSERT_GE(d.marked, 0);
    ASSERT_LT(d.marked, 10);
    EXPECT_EQ(ds.y[static_cast<size_t>(i)], d.symbol) << "sample " << i;
    ++at[static_cast<size_t>(d.marked)];
    ++label[static_cast<size_t>(ds.y[static_cast<size_t>(i)])];
    for (int c = 0; c < K; ++c)
      if (ds.feature(i, c) == 1.0f && c == ds.y[static_cast<size_t>(i)]) ++first_is_label;
  }
  // Uniform over 10 positions and 4 symbols: 100 ± 30 (3σ) and 250 ± 41.
  for (int p = 0; p < 10; ++p) EXPECT_NEAR(at[static_cast<size_t>(p)], 100, 30) << "marked step " << p;
  for (int c = 0; c < K; ++c) EXPECT_NEAR(label[static_cast<size_t>(c)], 250, 41) << "class " << c;
  // Not the memory task: step 0 holds the label only when marked there (1/10)
  // or by chance (9/10 · 1/4): 0.325 · 1000 ± 45.
  EXPECT_NEAR(first_is_label, 325, 45);
}

TEST(Recall, ShortSequencesMarkAnyStep) {
  const int T = 3;
  const Dataset ds = make_recall_task(600, T, K, 0.0f, 2);
  std::vector<int> at(T, 0);
  for (int i = 0; i < ds.size(); ++i) {
    const Decoded d = decode(ds, i, T);
    ASSERT_GE(d.marked, 0);
    ASSERT_LT(d.marked, T);
    EXPECT_EQ(ds.y[static_cast<size_t>(i)], d.symbol);
    ++at[static_cast<size_t>(d.marked)];
  }
  for (int p = 0; p < T; ++p) EXPECT_NEAR(at[static_cast<size_t>(p)], 200, 35) << "marked step " << p;
}

// noise p replaces a label by a uniform symbol: it differs from the marked
// symbol with probability p · 3/4.
TEST(Recall, LabelNoiseAtTheAskedRate) {
  const int T = 20, N = 4000;
  const Dataset ds = make_recall_task(N, T, K, 0.4f, 5);
  int wrong = 0;
  for (int i = 0; i < N; ++i) wrong += ds.y[static_cast<size_t>(i)] != decode(ds, i, T).symbol;
  const double expected = 0.4 * 0.75 * N, sd = std::sqrt(N * 0.3 * 0.7);
  EXPECT_NEAR(wrong, expected, 4 * sd);
}

TEST(Recall, SeededAndDistinctFromMemory) {
  const Dataset a = make_recall_task(50, 30, K, 0.1f, 11), b = make_recall_task(50, 30, K, 0.1f, 11);
  const Dataset c = make_recall_task(50, 30, K, 0.1f, 12);
  EXPECT_EQ(a.x_f32, b.x_f32);
  EXPECT_EQ(a.y, b.y);
  EXPECT_NE(a.x_f32, c.x_f32);
  EXPECT_EQ(a.name, "recall");
  EXPECT_EQ(make_memory_task(50, 30, K, 0.1f, 11).sample_shape, (Shape{1, 30, K}));
}

}  // namespace
}  // namespace nnplay::data
