// The thread team: every part runs once per run(), parts partition a range,
// runs are recorded, bad thread counts are refused, and builds without
// threads say so.
#include "core/parallel.h"

#include <gtest/gtest.h>

#include <atomic>
#include <vector>

namespace nnplay::parallel {
namespace {

TEST(Parallel, PartRangesCoverTheRangeOnceInOrder) {
  for (int64_t n : {0, 1, 5, 64, 1001})
    for (int parts : {1, 2, 3, 7}) {
      int64_t next = 0;
      for (int p = 0; p < parts; ++p) {
        int64_t b = 0, e = 0;
        part_range(n, p, parts, &b, &e);
        EXPECT_EQ(b, next) << n << " items, part " << p << " of " << parts;
        EXPECT_GE(e, b);
        EXPECT_LE(e - b, n / parts + 1);
        next = e;
      }
      EXPECT_EQ(next, n);
    }
}

TEST(Parallel, OneThreadRunsInlineAsPartZero) {
  ASSERT_TRUE(set_num_threads(1).ok());
  int calls = 0, seen_parts = 0;
  for_parts([&](int part, int parts) {
    calls += part == 0;
    seen_parts = parts;
  });
  EXPECT_EQ(calls, 1);
  EXPECT_EQ(seen_parts, 1);
}

TEST(Parallel, EveryPartRunsOncePerRun) {
  if (!threads_available()) {
    Status st = set_num_threads(2);
    EXPECT_EQ(st.code(), ErrorCode::UNSUPPORTED) << st.message();
    EXPECT_EQ(num_threads(), 1);
    GTEST_SKIP() << "this build has no threads";
  }
  for (int threads : {2, 3, 4}) {
    ASSERT_TRUE(set_num_threads(threads).ok());
    EXPECT_EQ(num_threads(), threads);
    for (int round = 0; round < 200; ++round) {
      std::vector<std::atomic<int>> hits(static_cast<size_t>(threads));
      std::atomic<int> wrong_parts{0};
      for_parts([&](int part, int parts) {
        hits[static_cast<size_t>(part)]++;
        wrong_parts += parts != threads;
      });
      for (int p = 0; p < threads; ++p) ASSERT_EQ(hits[static_cast<size_t>(p)].load(), 1) << "part " << p;
      ASSERT_EQ(wrong_parts.load(), 0);
    }
  }
  ASSERT_TRUE(set_num_threads(1).ok());
  EXPECT_EQ(num_threads(), 1);
}

TEST(Parallel, EveryRunIsRecordedWithItsParts) {
  // The record tests read to know that work was split (conv2d_test.cpp).
  ASSERT_TRUE(set_num_threads(1).ok());
  const int64_t runs = run_count();
  for_parts([](int, int) {});
  EXPECT_EQ(run_count(), runs + 1);
  EXPECT_EQ(last_run_parts(), 1);
  if (!threads_available()) GTEST_SKIP() << "this build has no threads";
  ASSERT_TRUE(set_num_threads(3).ok());
  for_parts([](int, int) {});
  EXPECT_EQ(run_count(), runs + 2);
  EXPECT_EQ(last_run_parts(), 3);
  ASSERT_TRUE(set_num_threads(1).ok());
}

TEST(Parallel, OutOfRangeThreadCountsAreRefused) {
  EXPECT_EQ(set_num_threads(0).code(), ErrorCode::INVALID_ARGUMENT);
  EXPECT_EQ(set_num_threads(65).code(), ErrorCode::INVALID_ARGUMENT);
  EXPECT_EQ(num_threads(), 1);
}

}  // namespace
}  // namespace nnplay::parallel
