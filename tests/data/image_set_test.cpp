// The user's images to a dataset. Expected pixels come from the images'
// definitions (tests/reference/gen_image_zip.py draws them; the JPEGs here
// are written by stb_image_write, another codec than the reader's), classes
// from the folder rule in image_set.h, and every damaged file is refused by
// name with nothing returned.
#include "data/image_set.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstring>
#include <random>

#include "core/zip.h"
#include "support/golden.h"

#define STB_IMAGE_WRITE_IMPLEMENTATION
#define STB_IMAGE_WRITE_STATIC
#define STBI_WRITE_NO_STDIO
#include <stb/stb_image_write.h>

namespace nnplay::data {
namespace {

std::vector<ImageFile> golden_files() {
  auto z = read_zip(test::reference_bytes("images.zip"));
  EXPECT_TRUE(z.ok()) << z.status().to_string();
  std::vector<ImageFile> files;
  if (z.ok())
    for (ZipEntry& e : z.value()) files.push_back({e.name, std::move(e.bytes)});
  return files;
}

uint8_t pixel(const Dataset& ds, int i, int c, int y, int x) {
  const int s = ds.sample_shape[2];
  return ds.x_u8[static_cast<size_t>(i) * ds.per_sample() + (static_cast<size_t>(c) * s + y) * s + x];
}

void write_fn(void* ctx, void* data, int size) {
  auto* out = static_cast<std::vector<uint8_t>*>(ctx);
  const auto* b = static_cast<const uint8_t*>(data);
  out->insert(out->end(), b, b + size);
}

/// A w×h RGB JPEG of one colour (quality 95), written by stb_image_write.
std::vector<uint8_t> jpeg(int w, int h, uint8_t r, uint8_t g, uint8_t b) {
  std::vector<uint8_t> px(static_cast<size_t>(w) * h * 3);
  for (size_t i = 0; i < px.size(); i += 3) px[i] = r, px[i + 1] = g, px[i + 2] = b;
  std::vector<uint8_t> out;
  stbi_write_jpg_to_func(write_fn, &out, w, h, 3, px.data(), 95);
  return out;
}

/// The first 33 bytes of a PNG claiming w×h pixels (signature and IHDR).
std::vector<uint8_t> png_header(uint32_t w, uint32_t h) {
  std::vector<uint8_t> b = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R'};
  for (uint32_t v : {w, h})
    for (int s = 24; s >= 0; s -= 8) b.push_back(static_cast<uint8_t>(v >> s));
  for (uint8_t v : {8, 0, 0, 0, 0, 0, 0, 0, 0}) b.push_back(v);  // depth, colour, ..., then a CRC
  return b;
}

TEST(ImageSet, FoldersAreClassesAndPixelsAreTheDrawnOnes) {
  const std::vector<ImageFile> files = golden_files();
  ASSERT_EQ(files.size(), 6u);
  auto r = parse_image_set(files);  // grey 28x28
  ASSERT_TRUE(r.ok()) << r.status().to_string();
  const ImageSetData& d = r.value();
  const Dataset& ds = d.dataset;
  EXPECT_EQ(ds.sample_shape, (Shape{1, 1, 28, 28}));
  EXPECT_EQ(ds.class_names, (std::vector<std::string>{"circles", "squares"}));
  ASSERT_EQ(ds.size(), 4);
  EXPECT_EQ(d.ignored, 2);  // README.txt and the __MACOSX debris
  EXPECT_EQ(d.ignored_example, "shapes/README.txt");
  // Sorted paths: circles/grey200, circles/halves, squares/red, squares/wide50.
  EXPECT_EQ(d.paths[0], "shapes/circles/grey200.png");
  EXPECT_EQ(ds.y, (std::vector<int32_t>{0, 0, 1, 1}));
  // A flat image stays flat when stretched (the filter's weights sum to 1).
  for (int y = 0; y < 28; ++y)
    for (int x = 0; x < 28; ++x) {
      EXPECT_NEAR(pixel(ds, 0, 0, y, x), 200, 1);
      EXPECT_NEAR(pixel(ds, 2, 0, y, x), 76, 1);  // red as grey: 255·77/256
      EXPECT_NEAR(pixel(ds, 3, 0, y, x), 50, 1);  // 6x3 stretched to a square
    }
  // Halves: black on the left, white on the right, away from the edge between.
  for (int y = 0; y < 28; ++y) {
    EXPECT_LE(pixel(ds, 1, 0, y, 2), 1);
    EXPECT_GE(pixel(ds, 1, 0, y, 25), 254);
  }
}

TEST(ImageSet, RgbKeepsTheColourPlanesInNchw) {
  ImageSetOptions o;
  o.channels = 3;
  o.size = 32;
  auto r = parse_image_set(golden_files(), o);
  ASSERT_TRUE(r.ok()) << r.status().to_string();
  const Dataset& ds = r.value().dataset;
  EXPECT_EQ(ds.sample_shape, (Shape{1, 3, 32, 32}));
  EXPECT_NEAR(pixel(ds, 2, 0, 10, 10), 255, 1);  // red plane
  EXPECT_NEAR(pixel(ds, 2, 1, 10, 10), 0, 1);
  EXPECT_NEAR(pixel(ds, 2, 2, 10, 10), 0, 1);
  for (int c = 0; c < 3; ++c) EXPECT_NEAR(pixel(ds, 0, c, 5, 5), 200, 1);  // grey in every plane
}

TEST(ImageSet, JpegsAndLooseFilesNamedByTheirStart) {
  std::vector<ImageFile> files = {{"cat_01.jpg", jpeg(20, 10, 250, 250, 250)},
                                  {"cat02.JPEG", jpeg(9, 9, 240, 240, 240)},
                                  {"dog-1.jpg", jpeg(12, 30, 10, 10, 10)}};
  auto r = parse_image_set(files);
  ASSERT_TRUE(r.ok()) << r.status().to_string();
  const Dataset& ds = r.value().dataset;
  EXPECT_EQ(ds.class_names, (std::vector<std::string>{"cat", "dog"}));
  EXPECT_EQ(ds.y, (std::vector<int32_t>{0, 0, 1}));
  // Sorted paths: "cat02.JPEG" < "cat_01.jpg" ('0' < '_').
  EXPECT_NEAR(pixel(ds, 0, 0, 14, 14), 240, 3);  // JPEG is lossy: a few levels
  EXPECT_NEAR(pixel(ds, 1, 0, 14, 14), 250, 3);
  EXPECT_NEAR(pixel(ds, 2, 0, 14, 14), 10, 3);
}

TEST(ImageSet, TheOrderOfTheFilesDoesNotMatter) {
  std::vector<ImageFile> files = golden_files();
  auto a = parse_image_set(files);
  std::mt19937 rng(7);
  std::shuffle(files.begin(), files.end(), rng);
  std::reverse(files.begin(), files.end());
  auto b = parse_image_set(files);
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_EQ(a.value().dataset.x_u8, b.value().dataset.x_u8);
  EXPECT_EQ(a.value().dataset.y, b.value().dataset.y);
}

TEST(ImageSet, FormatTexts) {
  ImageSetOptions o;
  ASSERT_TRUE(parse_image_format("rgb32", &o).ok());
  EXPECT_EQ(o.channels, 3);
  EXPECT_EQ(o.size, 32);
  EXPECT_EQ(image_format_text(o), "rgb32");
  ASSERT_TRUE(parse_image_format("gray28", &o).ok());
  EXPECT_EQ(o.channels, 1);
  EXPECT_EQ(o.size, 28);
  for (const char* bad : {"", "gray", "grey28", "rgb3", "rgb1000", "gray-28", "gray28x", "cmyk32"})
    EXPECT_EQ(parse_image_format(bad, &o).code(), ErrorCode::INVALID_ARGUMENT) << bad;
  EXPECT_EQ(o.size, 28);  // a refusal changes nothing
}

TEST(ImageSet, PathRules) {
  EXPECT_EQ(image_class_of("pets/cats/01.png"), "cats");
  EXPECT_EQ(image_class_of("C:\\data\\dogs\\x.png"), "dogs");
  EXPECT_EQ(image_class_of("cat_01.png"), "cat");
  EXPECT_EQ(image_class_of("Dog12.jpg"), "Dog");
  EXPECT_EQ(image_class_of("001.png"), "");
  EXPECT_TRUE(is_image_path("a/b.PNG"));
  EXPECT_TRUE(is_image_path("b.jpeg"));
  EXPECT_FALSE(is_image_path("a/.hidden.png"));
  EXPECT_FALSE(is_image_path("__MACOSX/a/b.png"));
  EXPECT_FALSE(is_image_path("a/notes.txt"));
  EXPECT_FALSE(is_image_path("a/png"));
}

Status parse_error(const std::vector<ImageFile>& files, const ImageSetOptions& o = {}) {
  auto r = parse_image_set(files, o);
  EXPECT_FALSE(r.ok());
  return r.status();
}

void expect_error(const Status& st, ErrorCode code, const std::string& part) {
  EXPECT_EQ(st.code(), code) << st.to_string();
  EXPECT_NE(st.message().find(part), std::string::npos) << st.message() << "\n  wanted: " << part;
}

TEST(ImageSet, DamagedInputsAreRefusedByFileName) {
  std::vector<ImageFile> good = golden_files();
  ASSERT_EQ(good.size(), 6u);
  auto with = [&](ImageFile f) {
    std::vector<ImageFile> files = good;
    files.push_back(std::move(f));
    return files;
  };
  const std::vector<uint8_t> halves = good[1].bytes;  // shapes/circles/halves.png
  const std::vector<uint8_t> cat = jpeg(16, 16, 128, 64, 32);

  expect_error(parse_error(with({"shapes/circles/text.png", {'h', 'i', '!', '\n'}})), ErrorCode::DATA_CORRUPT,
               "shapes/circles/text.png: not a PNG, JPEG or BMP image");
  expect_error(parse_error(with({"shapes/circles/empty.png", {}})), ErrorCode::DATA_CORRUPT,
               "shapes/circles/empty.png: an empty file");
  expect_error(parse_error(with({"shapes/circles/cut.png", {halves.begin(), halves.begin() + 50}})),
               ErrorCode::DATA_CORRUPT, "shapes/circles/cut.png: a damaged or truncated PNG (its IDAT chunk runs past");
  expect_error(parse_error(with({"shapes/circles/stub.png", {halves.begin(), halves.begin() + 20}})),
               ErrorCode::DATA_CORRUPT, "shapes/circles/stub.png: a damaged or truncated PNG");  // in its header
  expect_error(parse_error(with({"shapes/squares/cut.jpg", {cat.begin(), cat.begin() + static_cast<long>(cat.size() * 2 / 3)}})),
               ErrorCode::DATA_CORRUPT, "shapes/squares/cut.jpg: a truncated JPEG");
  expect_error(parse_error(with({"shapes/squares/huge.png", png_header(100000, 100000)})),
               ErrorCode::RESOURCE_EXHAUSTED, "shapes/squares/huge.png: 100000x100000 pixels");
  std::vector<uint8_t> wide = cat;  // the JPEG's frame header says 60000 wide
  for (size_t at = 2; at + 9 < wide.size(); at += 2 + (wide[at + 2] << 8 | wide[at + 3]))
    if (wide[at + 1] == 0xC0) wide[at + 7] = 60000 >> 8, wide[at + 8] = 60000 & 0xFF;
  expect_error(parse_error(with({"shapes/squares/wide.jpg", wide})), ErrorCode::RESOURCE_EXHAUSTED,
               "shapes/squares/wide.jpg: 60000x16 pixels");
  expect_error(parse_error(with({"0001.png", halves})), ErrorCode::DATA_CORRUPT, "0001.png: no class");
  expect_error(parse_error({good[0], good[1]}), ErrorCode::DATA_CORRUPT, "one class only ('circles')");
  expect_error(parse_error({good[4], good[5]}), ErrorCode::DATA_CORRUPT, "no images among the 2 files");
  expect_error(parse_error({}), ErrorCode::DATA_CORRUPT, "no images among the 0 files");
  ImageSetOptions few;
  few.limits.max_images = 3;
  expect_error(parse_error(good, few), ErrorCode::RESOURCE_EXHAUSTED, "4 images, more than the 3 allowed");
  few = {};
  few.size = 1000;
  expect_error(parse_error(good, few), ErrorCode::INVALID_ARGUMENT, "size 4 to 256");
  // A Huffman table declaring over 256 codes: stb_image 2.27 would write past its table (fuzz/images_fuzz.cpp found it).
  std::vector<uint8_t> dht = cat;
  for (size_t at = 2; at + 4 < dht.size(); at += 2 + (dht[at + 2] << 8 | dht[at + 3]))
    if (dht[at + 1] == 0xC4) {
      dht[at + 5 + 14] = 200;  // the first table's counts of 15- and 16-bit codes
      dht[at + 5 + 15] = 200;
      break;
    }
  expect_error(parse_error(with({"shapes/squares/dht.jpg", dht})), ErrorCode::DATA_CORRUPT,
               "shapes/squares/dht.jpg: a damaged JPEG (a Huffman table with too many codes)");
  // The complete JPEG is accepted (the truncation check does not refuse good files).
  EXPECT_TRUE(parse_image_set(with({"shapes/squares/cat.jpg", cat})).ok());
}

}  // namespace
}  // namespace nnplay::data
