// IDX parsing from bytes: valid files, and every kind of damage reported
// with the file name and the byte offset.
#include "data/idx.h"

#include <gtest/gtest.h>

#include "support/idx_files.h"

namespace nnplay::data {
namespace {

using test::idx_bytes;

TEST(Idx, ParsesImagesAndLabels) {
  auto img = parse_idx(idx_bytes({2, 2, 3}, {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 255}), "img.idx");
  ASSERT_TRUE(img.ok()) << img.status().to_string();
  EXPECT_EQ(img.value().dims, (std::vector<uint32_t>{2, 2, 3}));
  EXPECT_EQ(img.value().values.back(), 255);
  auto lab = parse_idx(idx_bytes({2}, {3, 9}), "lab.idx");
  ASSERT_TRUE(lab.ok());
  auto ds = make_image_dataset("t", img.value(), "img.idx", lab.value(), "lab.idx", 10, {});
  ASSERT_TRUE(ds.ok()) << ds.status().to_string();
  EXPECT_EQ(ds.value().sample_shape, (Shape{1, 1, 2, 3}));
  EXPECT_EQ(ds.value().y, (std::vector<int32_t>{3, 9}));
}

TEST(Idx, DamageIsReportedWithFileAndOffset) {
  struct Case {
    std::vector<uint8_t> bytes;
    std::string where;
  } cases[] = {
      {{0, 0}, "byte 0"},
      {{1, 0, 8, 1, 0, 0, 0, 1, 7}, "byte 0"},
      {{0, 0, 0x0D, 1, 0, 0, 0, 1, 7}, "byte 2"},
      {{0, 0, 8, 9}, "byte 3"},
      {{0, 0, 8, 2, 0, 0}, "byte 4"},
      {idx_bytes({3}, {1, 2}), "truncated"},
      {idx_bytes({1}, {1, 2}), "trailing"},
      {idx_bytes({0}, {}), "zero"},
  };
  for (const Case& c : cases) {
    auto r = parse_idx(c.bytes, "damaged.idx");
    ASSERT_FALSE(r.ok()) << c.where;
    EXPECT_EQ(r.status().code(), ErrorCode::DATA_CORRUPT);
    EXPECT_NE(r.status().message().find("damaged.idx"), std::string::npos) << r.status().message();
    EXPECT_NE(r.status().message().find(c.where), std::string::npos) << r.status().message();
  }
}

TEST(Idx, MismatchedCountsAndBadLabelsAreErrors) {
  auto img = parse_idx(idx_bytes({2, 1, 1}, {0, 1}), "img.idx").take();
  auto lab3 = parse_idx(idx_bytes({3}, {0, 1, 2}), "lab.idx").take();
  auto r = make_image_dataset("t", img, "img.idx", lab3, "lab.idx", 10, {});
  EXPECT_EQ(r.status().code(), ErrorCode::DATA_CORRUPT);
  EXPECT_NE(r.status().message().find("2 images"), std::string::npos) << r.status().message();
  auto lab_bad = parse_idx(idx_bytes({2}, {0, 12}), "lab.idx").take();
  r = make_image_dataset("t", img, "img.idx", lab_bad, "lab.idx", 10, {});
  EXPECT_EQ(r.status().code(), ErrorCode::DATA_CORRUPT);
  EXPECT_NE(r.status().message().find("label 12 of sample 1"), std::string::npos) << r.status().message();
}

}  // namespace
}  // namespace nnplay::data
