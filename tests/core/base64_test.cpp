// base64 (core/base64.h): RFC 4648 section 10's test vectors both ways, all
// 256 byte values round trip, and damaged texts refused with where.
#include "core/base64.h"

#include <gtest/gtest.h>

namespace nnplay {
namespace {

std::vector<uint8_t> bytes(const std::string& s) { return {s.begin(), s.end()}; }

TEST(Base64, Rfc4648Vectors) {
  const std::pair<std::string, std::string> cases[] = {{"", ""},           {"f", "Zg=="},         {"fo", "Zm8="},
                                                       {"foo", "Zm9v"},    {"foob", "Zm9vYg=="},  {"fooba", "Zm9vYmE="},
                                                       {"foobar", "Zm9vYmFy"}};
  for (const auto& [plain, coded] : cases) {
    EXPECT_EQ(base64_encode(bytes(plain)), coded) << plain;
    auto back = base64_decode(coded);
    ASSERT_TRUE(back.ok()) << coded;
    EXPECT_EQ(back.value(), bytes(plain)) << coded;
  }
}

TEST(Base64, EveryByteValueRoundTripsAndPaddingMayBeLeftOff) {
  std::vector<uint8_t> all(256);
  for (int i = 0; i < 256; ++i) all[static_cast<size_t>(i)] = static_cast<uint8_t>(i);
  const std::string text = base64_encode(all);
  EXPECT_EQ(text.size(), 344u);  // ceil(256 / 3) * 4
  EXPECT_EQ(text.substr(0, 8), "AAECAwQF");   // bytes 0..5
  EXPECT_EQ(text.substr(336), "/P3+/w==");   // bytes 252..255
  auto back = base64_decode(text);
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(back.value(), all);
  auto unpadded = base64_decode("Zm9vYg");
  ASSERT_TRUE(unpadded.ok());
  EXPECT_EQ(unpadded.value(), bytes("foob"));
  auto spaced = base64_decode("Zm9v\nYmFy\n");
  ASSERT_TRUE(spaced.ok());
  EXPECT_EQ(spaced.value(), bytes("foobar"));
}

TEST(Base64, DamagedTextIsRefusedSayingWhere) {
  auto bad = base64_decode("Zm9v*mFy");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().code(), ErrorCode::PARSE_ERROR);
  EXPECT_NE(bad.status().message().find("offset 4"), std::string::npos) << bad.status().message();
  EXPECT_FALSE(base64_decode("Zm9vY").ok());       // one digit left over: no byte has 6 bits
  EXPECT_FALSE(base64_decode("Zg==Zg==").ok());    // data after the padding
  EXPECT_FALSE(base64_decode("Zg===").ok());       // three '='
}

}  // namespace
}  // namespace nnplay
