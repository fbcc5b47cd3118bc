// Zip archives: reading one Python's zipfile wrote (tests/reference/
// gen_image_zip.py: deflated and stored entries, folders, debris), whose
// names and contents the script fixes; and damaged archives, each refused
// with the entry it concerns.
#include "core/zip.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>

#include "support/golden.h"

namespace nnplay {
namespace {

std::string text(const std::vector<uint8_t>& b) { return std::string(b.begin(), b.end()); }

const ZipEntry* find(const std::vector<ZipEntry>& entries, const std::string& name) {
  auto it = std::find_if(entries.begin(), entries.end(), [&](const ZipEntry& e) { return e.name == name; });
  return it == entries.end() ? nullptr : &*it;
}

TEST(Zip, ReadsPythonsDeflatedAndStoredEntriesWithoutFolders) {
  const std::vector<uint8_t> bytes = test::reference_bytes("images.zip");
  ASSERT_FALSE(bytes.empty()) << "tests/reference/images.zip";
  EXPECT_TRUE(looks_like_zip(bytes));
  auto r = read_zip(bytes);
  ASSERT_TRUE(r.ok()) << r.status().to_string();
  const std::vector<ZipEntry>& e = r.value();
  // 9 entries in the directory, 3 of them folders.
  ASSERT_EQ(e.size(), 6u);
  const char* names[] = {"shapes/circles/grey200.png", "shapes/circles/halves.png", "shapes/squares/red.png",
                         "shapes/squares/wide50.png",  "shapes/README.txt",         "__MACOSX/shapes/circles/._grey200.png"};
  for (size_t i = 0; i < 6; ++i) EXPECT_EQ(e[i].name, names[i]);
  ASSERT_NE(find(e, "shapes/README.txt"), nullptr);
  EXPECT_EQ(text(find(e, "shapes/README.txt")->bytes), "not an image\n");  // deflated: 13 bytes
  const ZipEntry* debris = find(e, "__MACOSX/shapes/circles/._grey200.png");
  ASSERT_NE(debris, nullptr);
  ASSERT_EQ(debris->bytes.size(), 64u);  // 4 magic bytes and 60 zeros, deflated to 9
  EXPECT_EQ(debris->bytes[3], 0x07);
  EXPECT_EQ(std::count(debris->bytes.begin() + 4, debris->bytes.end(), 0), 60);
  for (const ZipEntry& png : e)
    if (png.name.ends_with(".png") && png.name[0] == 's') {
      ASSERT_GE(png.bytes.size(), 8u);
      EXPECT_EQ(text({png.bytes.begin(), png.bytes.begin() + 8}), "\x89PNG\r\n\x1a\n") << png.name;
    }
}

TEST(Zip, CrcOfTheStandardCheckString) {
  const std::string s = "123456789";  // CRC-32/ISO-HDLC's check value
  EXPECT_EQ(crc32(std::span<const uint8_t>(reinterpret_cast<const uint8_t*>(s.data()), s.size())), 0xCBF43926u);
}

TEST(Zip, WrittenArchivesReadBack) {
  std::vector<ZipEntry> in = {{"a.txt", {'h', 'i'}}, {"d/empty", {}}, {"d/b.bin", {0, 1, 2, 255}}};
  auto z = zip_bytes(in);
  ASSERT_TRUE(z.ok());
  auto r = read_zip(z.value());
  ASSERT_TRUE(r.ok()) << r.status().to_string();
  ASSERT_EQ(r.value().size(), 3u);
  for (size_t i = 0; i < 3; ++i) {
    EXPECT_EQ(r.value()[i].name, in[i].name);
    EXPECT_EQ(r.value()[i].bytes, in[i].bytes);
  }
}

Status read_error(const std::vector<uint8_t>& bytes) {
  auto r = read_zip(bytes);
  EXPECT_FALSE(r.ok());
  return r.status();
}

uint32_t u32(const std::vector<uint8_t>& b, size_t at) {
  return b[at] | (b[at + 1] << 8) | (b[at + 2] << 16) | (uint32_t{b[at + 3]} << 24);
}

/// The offset of the central directory entry named `name` in a zip's bytes.
size_t central_entry(const std::vector<uint8_t>& b, const std::string& name) {
  for (size_t at = 0; at + 46 < b.size(); ++at)
    if (u32(b, at) == 0x02014b50u && std::string(b.begin() + at + 46, b.begin() + at + 46 + name.size()) == name)
      return at;
  ADD_FAILURE() << name;
  return 0;
}

TEST(Zip, DamagedArchivesAreRefusedNamingTheEntry) {
  const std::vector<uint8_t> good = test::reference_bytes("images.zip");
  ASSERT_FALSE(good.empty());

  Status st = read_error({'h', 'e', 'l', 'l', 'o'});
  EXPECT_EQ(st.code(), ErrorCode::DATA_CORRUPT);
  EXPECT_NE(st.message().find("not a zip"), std::string::npos) << st.message();
  st = read_error(std::vector<uint8_t>(100, 'x'));
  EXPECT_NE(st.message().find("no end-of-central-directory"), std::string::npos) << st.message();

  // Cut off in the middle: the end record is gone.
  st = read_error({good.begin(), good.begin() + static_cast<long>(good.size() / 2)});
  EXPECT_EQ(st.code(), ErrorCode::DATA_CORRUPT);

  // One byte of stored data changed: its CRC-32 no longer matches.
  std::vector<uint8_t> b = good;
  const size_t red = central_entry(b, "shapes/squares/red.png");
  const size_t local = u32(b, red + 42);
  b[local + 30 + 22 + 40] ^= 0x55;  // inside the PNG (header 30 + name 22)
  st = read_error(b);
  EXPECT_EQ(st.code(), ErrorCode::DATA_CORRUPT);
  EXPECT_NE(st.message().find("'shapes/squares/red.png': CRC-32 mismatch"), std::string::npos) << st.message();

  // A deflate stream damaged: an invalid block type (11) in its first byte.
  b = good;
  const size_t txt = central_entry(b, "shapes/README.txt");
  b[u32(b, txt + 42) + 30 + 17] = 0x07;  // BFINAL 1, BTYPE 11 (reserved)
  st = read_error(b);
  EXPECT_NE(st.message().find("'shapes/README.txt': its deflate stream is damaged"), std::string::npos)
      << st.message();

  // Encrypted, and an unknown method: refused as unsupported, by name.
  b = good;
  b[txt + 8] |= 1;
  st = read_error(b);
  EXPECT_EQ(st.code(), ErrorCode::UNSUPPORTED);
  EXPECT_NE(st.message().find("'shapes/README.txt': encrypted"), std::string::npos) << st.message();
  b = good;
  b[txt + 10] = 12;  // bzip2
  st = read_error(b);
  EXPECT_EQ(st.code(), ErrorCode::UNSUPPORTED);
  EXPECT_NE(st.message().find("compression method 12"), std::string::npos) << st.message();

  // A size that declares more than the limit allows is refused before inflating.
  ZipLimits small;
  small.max_total_bytes = 100;
  auto r = read_zip(good, small);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), ErrorCode::RESOURCE_EXHAUSTED);
  small = {};
  small.max_entries = 5;
  r = read_zip(good, small);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), ErrorCode::RESOURCE_EXHAUSTED);

  // A declared size larger than the data inflates to: a mismatch, not a read past the buffer.
  b = good;
  b[txt + 24] = 200;  // uncompressed size 13 -> 200
  st = read_error(b);
  EXPECT_EQ(st.code(), ErrorCode::DATA_CORRUPT);
  EXPECT_NE(st.message().find("'shapes/README.txt': inflates to 13 bytes, not the 200"), std::string::npos)
      << st.message();
}

}  // namespace
}  // namespace nnplay
