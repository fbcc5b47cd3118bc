#include "core/status.h"

#include <gtest/gtest.h>

#include <set>
#include <string>

namespace nnplay {

TEST(Status, DefaultIsOk) {
  Status s;
  EXPECT_TRUE(s.ok());
  EXPECT_EQ(s.code(), ErrorCode::OK);
  EXPECT_EQ(s.to_string(), "OK");
}

TEST(Status, ErrorCarriesCodeNameAndMessage) {
  Status s = Error(ErrorCode::SHAPE_MISMATCH, "layer 2 (Linear): (1, 3) vs (1, 4)");
  EXPECT_FALSE(s.ok());
  EXPECT_EQ(s.code(), ErrorCode::SHAPE_MISMATCH);
  EXPECT_EQ(s.to_string(), "SHAPE_MISMATCH: layer 2 (Linear): (1, 3) vs (1, 4)");
}

TEST(Status, EveryCodeHasADistinctName) {
  std::set<std::string> names;
  for (ErrorCode c : {ErrorCode::OK, ErrorCode::INVALID_ARGUMENT, ErrorCode::SHAPE_MISMATCH, ErrorCode::PARSE_ERROR,
                      ErrorCode::DATA_CORRUPT, ErrorCode::NOT_FOUND, ErrorCode::IO_ERROR, ErrorCode::NOT_READY,
                      ErrorCode::NON_FINITE, ErrorCode::UNSUPPORTED})
    names.insert(error_code_name(c));
  EXPECT_EQ(names.size(), 10u);
  EXPECT_EQ(names.count("UNKNOWN"), 0u);
}

Status fails_then_continues(bool fail, int* reached) {
  NNP_RETURN_IF_ERROR(fail ? Error(ErrorCode::IO_ERROR, "x") : Status::Ok());
  *reached = 1;
  return Status::Ok();
}

TEST(Status, ReturnIfErrorStopsAtTheFirstError) {
  int reached = 0;
  EXPECT_EQ(fails_then_continues(true, &reached).code(), ErrorCode::IO_ERROR);
  EXPECT_EQ(reached, 0);
  EXPECT_TRUE(fails_then_continues(false, &reached).ok());
  EXPECT_EQ(reached, 1);
}

TEST(Result, HoldsValueOrStatus) {
  Result<int> good = 42;
  ASSERT_TRUE(good.ok());
  EXPECT_EQ(good.value(), 42);
  Result<int> bad = Error(ErrorCode::NOT_FOUND, "no");
  EXPECT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().code(), ErrorCode::NOT_FOUND);
}

}  // namespace nnplay
