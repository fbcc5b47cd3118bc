// Links and commands from outside (Playground::apply_link, the app's
// start-up URL; command_reply): bytes that are not UTF-8 (a hand-written
// %FC) are refused with a message and never abort the module when the reply
// or status is written as JSON (found by
// fuzz/network_text: nlohmann::json aborts on invalid UTF-8 without
// exceptions, which took the whole page down).
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>

#include "train/playground.h"

namespace nnplay::train {
namespace {

TEST(Links, TextThatIsNotUtf8IsReportedNotFatal) {
  Playground p;
  const std::string bad = "network=Linear(out_features=8)%3B%20\xFC\xFC&model=custom&lr=0.5";
  const LinkReport r = p.apply_link(bad);
  EXPECT_FALSE(r.ok()) << "the network text does not parse";
  const nlohmann::json s = nlohmann::json::parse(p.status_json(), nullptr, false);
  ASSERT_FALSE(s.is_discarded()) << "the status is JSON";
  EXPECT_FLOAT_EQ(s["lr"].get<float>(), 0.5f) << "the rest of the link applies";
  const nlohmann::json reply = nlohmann::json::parse(p.command_reply(R"({"model":"custom","network":"x"})"), nullptr, false);
  ASSERT_FALSE(reply.is_discarded());
  // A setting value with raw bytes through the command path's text form.
  const nlohmann::json s2 = nlohmann::json::parse(p.command_reply("{\"network\":\"\xFC\"}"), nullptr, false);
  ASSERT_FALSE(s2.is_discarded()) << "a reply is JSON even when the command's bytes are not UTF-8";
  EXPECT_FALSE(s2["ok"].get<bool>());
}

}  // namespace
}  // namespace nnplay::train
