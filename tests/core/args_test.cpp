#include "core/args.h"

#include <gtest/gtest.h>

namespace nnplay {
namespace {

TEST(Args, TypedGettersValidateAndNameTheArgument) {
  Args a("Conv2d", {{"out_channels", "16"}, {"kernel_size", "3,5"}, {"bias", "false"}, {"p", "0.5"}});
  EXPECT_EQ(a.get_int("out_channels", 1, 100).value(), 16);
  EXPECT_EQ(a.get_pair("kernel_size", 1, 11, {1, 1}).value(), (std::array<int, 2>{3, 5}));
  EXPECT_EQ(a.get_pair("stride", 1, 11, {1, 1}).value(), (std::array<int, 2>{1, 1}));
  EXPECT_FALSE(a.get_bool("bias", true).value());
  EXPECT_DOUBLE_EQ(a.get_double("p", 0, 1, 0).value(), 0.5);
  auto bad = a.get_int("out_channels", 1, 8);
  EXPECT_EQ(bad.status().code(), ErrorCode::INVALID_ARGUMENT);
  EXPECT_EQ(bad.status().message(), "Conv2d: out_channels='16', expected an integer from 1 to 8");
  EXPECT_FALSE(a.get_int("missing", 1, 8).ok());
  Status st = a.check_known({"out_channels", "kernel_size", "bias"});
  EXPECT_NE(st.message().find("unknown argument 'p'"), std::string::npos) << st.message();
}

TEST(Args, ParseCallHandlesPairsListsAndSpaces) {
  auto r = parse_call(" MultiStepLR( milestones=10,20,30 , gamma=0.5 ) ");
  ASSERT_TRUE(r.ok()) << r.status().to_string();
  EXPECT_EQ(r.value().first, "MultiStepLR");
  EXPECT_EQ(r.value().second.get_list("milestones", 0, 1e9, {}).value(), (std::vector<double>{10, 20, 30}));
  EXPECT_EQ(r.value().second.get_text("gamma", ""), "0.5");
  EXPECT_EQ(format_call(r.value().first, r.value().second), "MultiStepLR(gamma=0.5,milestones=10,20,30)");
  auto plain = parse_call("ReLU");
  ASSERT_TRUE(plain.ok());
  EXPECT_TRUE(plain.value().second.values().empty());
  EXPECT_FALSE(parse_call("StepLR(step_size=3").ok());
  EXPECT_FALSE(parse_call("StepLR(3)").ok());
  EXPECT_FALSE(parse_call("").ok());
}

}  // namespace
}  // namespace nnplay
