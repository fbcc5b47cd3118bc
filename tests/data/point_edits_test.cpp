// The `points` text (data/point_edits.h): what a click adds or removes, read
// back as written, refused by item when damaged; the edited set and split.
// Expected values are the texts and small sets written here.
#include "data/point_edits.h"

#include <gtest/gtest.h>

#include "data/toy2d.h"

namespace nnplay::data {
namespace {

TEST(PointEdits, ParsesAddedAndRemovedAndPrintsTheCanonicalForm) {
  auto e = parse_point_edits(" 1.5,-2.25,1; -3,0.5,0 ;r17;r3");
  ASSERT_TRUE(e.ok()) << e.status().to_string();
  ASSERT_EQ(e.value().added.size(), 2u);
  EXPECT_EQ(e.value().added[0], (PointEdits::Added{1.5f, -2.25f, 1}));
  EXPECT_EQ(e.value().added[1], (PointEdits::Added{-3.0f, 0.5f, 0}));
  EXPECT_EQ(e.value().removed, (std::vector<int32_t>{3, 17}));  // ascending
  EXPECT_EQ(format_point_edits(e.value()), "1.5,-2.25,1;-3,0.5,0;r3;r17");
  EXPECT_TRUE(parse_point_edits("").value().empty());
  // A float that needs more digits reads back as the same float.
  PointEdits f;
  f.added.push_back({0.1f, -5.9999995f, 1});
  auto g = parse_point_edits(format_point_edits(f));
  ASSERT_TRUE(g.ok());
  EXPECT_EQ(g.value(), f);
}

TEST(PointEdits, DamagedTextIsRefusedNamingTheItem) {
  struct Case {
    const char* text;
    const char* says;
  } cases[] = {
      {"1,2", "item 1 ('1,2'): expected x1,x2,class"},
      {"1,2,1;;r4", "item 2 (''): empty"},
      {"1,2,x", "'x' is not a number"},
      {"1,nan,0", "'nan' is not a number"},
      {"7,0,1", "x1 must be in [-6, 6]"},
      {"0,-6.5,1", "x2 must be in [-6, 6]"},
      {"0,0,2", "the class must be 0 (orange) or 1 (blue)"},
      {"0,0,0.5", "the class must be 0"},
      {"r", "expected r and a sample number"},
      {"r-1", "expected r and a sample number"},
      {"r1x", "expected r and a sample number"},
      {"r5;r5", "sample r5 is removed twice"},
  };
  for (const Case& c : cases) {
    auto e = parse_point_edits(c.text);
    ASSERT_FALSE(e.ok()) << c.text;
    EXPECT_EQ(e.status().code(), ErrorCode::INVALID_ARGUMENT);
    EXPECT_NE(e.status().message().find(c.says), std::string::npos) << c.text << " -> " << e.status().message();
  }
  std::string many;
  for (int i = 0; i <= kMaxAddedPoints; ++i) many += (i ? ";" : "") + std::string("1,1,1");
  auto e = parse_point_edits(many);
  ASSERT_FALSE(e.ok());
  EXPECT_NE(e.status().message().find("at most 500 points"), std::string::npos);
}

TEST(PointEdits, AddedPointsJoinTheSetAndTheTrainingSplit) {
  Dataset ds = make_toy2d(Toy2D::Circle, 10, 0.0f, 1);
  const Dataset before = ds;
  PointEdits e = parse_point_edits("4,4,1;-1,2,0;r2;r7").take();
  ASSERT_TRUE(apply_point_edits(e, 10, &ds).ok());
  ASSERT_EQ(ds.size(), 12);
  EXPECT_EQ(ds.feature(10, 0), 4.0f);
  EXPECT_EQ(ds.feature(10, 1), 4.0f);
  EXPECT_EQ(ds.y[10], 1);
  EXPECT_EQ(ds.feature(11, 0), -1.0f);
  EXPECT_EQ(ds.y[11], 0);
  for (int i = 0; i < 10; ++i) EXPECT_EQ(ds.y[static_cast<size_t>(i)], before.y[static_cast<size_t>(i)]);

  std::vector<int32_t> train = {0, 2, 4, 6, 8}, val = {1, 3, 5, 7, 9};
  edit_split(e, 10, &train, &val);
  EXPECT_EQ(train, (std::vector<int32_t>{0, 4, 6, 8, 10, 11}));
  EXPECT_EQ(val, (std::vector<int32_t>{1, 3, 5, 9}));

  // A removed number beyond the set changes nothing.
  Dataset small = before;
  const Status st = apply_point_edits(parse_point_edits("1,1,1;r10").take(), 10, &small);
  ASSERT_FALSE(st.ok());
  EXPECT_NE(st.message().find("r10, but the set has 10 samples (r0 to r9)"), std::string::npos) << st.message();
  EXPECT_EQ(small.size(), 10);
}

TEST(PointEdits, OnARegressionSetTheClassIsTheTargetsSign) {
  Dataset ds = make_regress2d(Regress2D::Plane, 6, 0.0f, 1);
  ASSERT_TRUE(apply_point_edits(parse_point_edits("1,1,0;2,2,1").take(), 6, &ds).ok());
  ASSERT_EQ(ds.size(), 8);
  EXPECT_EQ(ds.targets[6], -1.0f);
  EXPECT_EQ(ds.targets[7], 1.0f);
  EXPECT_TRUE(ds.y.empty());
}

TEST(PointEdits, NearestSampleWithinTheRadius) {
  Dataset ds;
  ds.sample_shape = Shape{1, 2};
  ds.x_f32 = {0, 0, 1, 0, 3, 3};
  ds.y = {0, 1, 0};
  const std::vector<int32_t> all = {0, 1, 2};
  EXPECT_EQ(nearest_sample(ds, all, 0.6f, 0.0f, 0.5f), 1);   // 0.4 from sample 1, 0.6 from sample 0
  EXPECT_EQ(nearest_sample(ds, all, 0.4f, 0.0f, 0.5f), 0);
  EXPECT_EQ(nearest_sample(ds, all, 2.0f, 2.0f, 0.5f), -1);  // nothing that close
  EXPECT_EQ(nearest_sample(ds, {0, 2}, 0.9f, 0.0f, 1.0f), 0);  // sample 1 is not among those looked at
}

}  // namespace
}  // namespace nnplay::data
