// images_fuzz.cpp — libFuzzer harness: a zip a user dropped (core/zip.h),
// its entries decoded as images (data/image_set.h: stb_image's PNG, JPEG and
// BMP decoders, stb_image_resize). Contract: no crash or undefined
// behaviour; a zip's entries lie within its declared sizes; a success has
// consistent sizes (one label per sample, per_sample bytes each).
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <span>
#include <vector>

#include "core/zip.h"
#include "data/image_set.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace nnplay;
  ZipLimits zl;
  zl.max_total_bytes = 4u << 20;  // small limits: the fuzzer explores the limit paths too
  zl.max_entries = 64;
  auto z = read_zip(std::span<const uint8_t>(data, size), zl);
  std::vector<data::ImageFile> files;
  if (z.ok()) {
    size_t total = 0;
    for (ZipEntry& e : z.value()) {
      total += e.bytes.size();
      files.push_back({std::move(e.name), std::move(e.bytes)});
    }
    if (total > zl.max_total_bytes || files.size() > zl.max_entries) std::abort();
  } else {
    // Not a zip: the bytes as two images of two classes (the decoders' own paths).
    files.push_back({"a/x.png", std::vector<uint8_t>(data, data + size)});
    files.push_back({"b/y.jpg", std::vector<uint8_t>(data, data + size)});
  }
  data::ImageSetOptions o;
  o.limits.max_pixels = 1 << 20;
  o.limits.max_side = 2048;
  o.limits.max_images = 64;
  o.channels = size % 2 ? 3 : 1;
  o.size = size % 3 ? 28 : 32;
  auto r = data::parse_image_set(files, o);
  if (!r.ok()) return 0;
  const data::Dataset& ds = r.value().dataset;
  const size_t n = static_cast<size_t>(ds.size());
  if (n == 0 || ds.x_u8.size() != n * static_cast<size_t>(ds.per_sample()) || r.value().paths.size() != n ||
      ds.num_classes < 2 || ds.class_names.size() != static_cast<size_t>(ds.num_classes))
    std::abort();
  for (int32_t y : ds.y)
    if (y < 0 || y >= ds.num_classes) std::abort();
  return 0;
}
