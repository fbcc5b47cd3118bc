// json_text_test.cpp — core/json_text.h: JSON with bytes that are not UTF-8
// becomes text with U+FFFD in their place instead of aborting (nlohmann's
// dump() throws on them, an abort under JSON_NOEXCEPTION, as in the build).
#include "core/json_text.h"

#include <gtest/gtest.h>

#include <string>

namespace nnplay {

const std::string kReplacement = "\xEF\xBF\xBD";  // U+FFFD in UTF-8

TEST(JsonText, InvalidUtf8InAStringBecomesTheReplacementCharacter) {
  const nlohmann::json j = std::string("a\xFC" "b");
  EXPECT_EQ(json_text(j), "\"a" + kReplacement + "b\"");
}

TEST(JsonText, InvalidUtf8InAKeyOrANestedValueToo) {
  nlohmann::json j;
  j["k\xFC"] = nlohmann::json::array({std::string("\xC3"), 1});
  EXPECT_EQ(json_text(j), "{\"k" + kReplacement + "\":[\"" + kReplacement + "\",1]}");
}

TEST(JsonText, ValidTextIsDumpedAsByDump) {
  const nlohmann::json j = {{"name", "Zoë ∂L/∂θ"}, {"x", {1, 2.5, nullptr}}};
  EXPECT_EQ(json_text(j), j.dump());
  EXPECT_EQ(json_text(j, 2), j.dump(2));
}

TEST(JsonText, IndentsWithReplacementToo) {
  const nlohmann::json j = {{"e", std::string("\xFF")}};
  EXPECT_EQ(json_text(j, 2), "{\n  \"e\": \"" + kReplacement + "\"\n}");
}

}  // namespace nnplay
