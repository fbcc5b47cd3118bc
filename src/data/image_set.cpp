#include "data/image_set.h"

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <map>
#include <utility>
#include <stb/stb_image.h>         // compiled in core/stb_image.cpp
#include <stb/stb_image_resize.h>  // likewise

namespace nnplay::data {
namespace {

std::vector<std::string> components(const std::string& path) {
  std::vector<std::string> parts;
  std::string part;
  for (char ch : path) {
    if (ch == '/' || ch == '\\') {
      if (!part.empty()) parts.push_back(part);
      part.clear();
    } else {
      part += ch;
    }
  }
  if (!part.empty()) parts.push_back(part);
  return parts;
}

bool hidden(const std::vector<std::string>& parts) {
  return std::any_of(parts.begin(), parts.end(),
                     [](const std::string& p) { return p[0] == '.' || p == "__MACOSX"; });
}

std::string lower_extension(const std::string& name) {
  const size_t dot = name.find_last_of('.');
  if (dot == std::string::npos) return "";
  std::string ext = name.substr(dot + 1);
  for (char& ch : ext) ch = static_cast<char>(ch >= 'A' && ch <= 'Z' ? ch - 'A' + 'a' : ch);
  return ext;
}

/// stb_image's short reason for its last failure ("bad png sig"), or "?".
std::string stb_reason() {
  const char* why = stbi_failure_reason();
  return why ? why : "?";
}

/// Where a JPEG's data starts after its start-of-image marker, 0 for
/// anything else. As stb_image reads it: FF, any more FF fill bytes, D8.
size_t jpeg_start(std::span<const uint8_t> b) {
  if (b.empty() || b[0] != 0xFF) return 0;
  size_t i = 1;
  while (i < b.size() && b[i] == 0xFF) ++i;
  return i < b.size() && b[i] == 0xD8 ? i + 1 : 0;
}
bool is_jpeg(std::span<const uint8_t> b) { return jpeg_start(b) != 0; }

/// stb_image decodes a JPEG cut short without complaint (the missing blocks
/// come out grey), so a truncated file is caught here: after the last
/// start-of-scan marker (FF DA) an end-of-image marker (FF D9) must follow.
bool jpeg_complete(std::span<const uint8_t> b) {
  size_t last_scan = 0;
  for (size_t i = jpeg_start(b); i + 1 < b.size(); ++i)
    if (b[i] == 0xFF && b[i + 1] == 0xDA) last_scan = i;
  if (last_scan == 0) return false;
  for (size_t i = last_scan + 2; i + 1 < b.size(); ++i)
    if (b[i] == 0xFF && b[i + 1] == 0xD9) return true;
  return false;
}

/// stb_image 2.27 (Debian 12's) writes past its Huffman table when a JPEG's
/// DHT segment declares more than 256 codes (fixed upstream in 2.28; found
/// here by fuzz/images_fuzz.cpp). Such a file is refused before stb_image
/// sees it: the segments are walked as stb_image walks them (fill bytes and
/// padding skipped, scans' data up to the next marker) and every table of
/// every DHT segment (before and between scans) has its codes counted.
bool jpeg_tables_sane(std::span<const uint8_t> b) {
  auto be16 = [&](size_t at) { return size_t{b[at]} << 8 | b[at + 1]; };
  size_t i = jpeg_start(b);
  while (i + 4 <= b.size()) {
    if (b[i] != 0xFF) { ++i; continue; }  // padding: stb_image scans on to the next marker, so do we
    const uint8_t m = b[i + 1];
    if (m == 0xFF) { ++i; continue; }  // fill byte
    if (m == 0xD9) return true;        // end of image
    if ((m >= 0xD0 && m <= 0xD7) || m == 0x01) { i += 2; continue; }  // no length
    const size_t len = be16(i + 2), end = i + 2 + len;
    if (len < 2) return true;
    if (m == 0xC4) {
      // Tables (class/id, 16 counts, the values) until the declared length
      // is used up, as stb_image reads them: past the file's end as zeros.
      auto at = [&](size_t k) { return k < b.size() ? b[k] : uint8_t{0}; };
      for (size_t t = i + 4; t < end;) {
        size_t n = 0;
        for (size_t k = 1; k <= 16; ++k) n += at(t + k);
        if (n > 256) return false;
        t += 17 + n;
      }
    }
    if (end > b.size()) return true;  // stb_image meets the end of the file there
    i = end;
    if (m == 0xDA)  // entropy-coded data: up to the next marker (FF 00 is a stuffed FF, FF D0-D7 a restart)
      while (i + 1 < b.size() && !(b[i] == 0xFF && b[i + 1] != 0 && !(b[i + 1] >= 0xD0 && b[i + 1] <= 0xD7))) ++i;
  }
  return true;
}

/// "" when every chunk of a PNG lies within the file (up to IEND), else the
/// first that does not ("IDAT"). stb_image trusts a chunk's length and grows
/// its buffer towards it (2 GiB for a damaged one, found by fuzz/images_fuzz.cpp).
std::string png_chunk_past_end(std::span<const uint8_t> b) {
  for (size_t at = 8; at + 8 <= b.size();) {
    const size_t len = size_t{b[at]} << 24 | size_t{b[at + 1]} << 16 | size_t{b[at + 2]} << 8 | b[at + 3];
    const std::string type(reinterpret_cast<const char*>(&b[at + 4]), 4);
    if (len > b.size() - at - 8 || b.size() - at - 8 - len < 4) return type;
    if (type == "IEND") return "";
    at += 12 + len;
  }
  return b.size() >= 8 ? "" : "header";
}

/// Width and height as a PNG's IHDR or a JPEG's frame header states them
/// ({0, 0} for anything else): read here because stb_image refuses a huge
/// image as an "unknown image type", which would hide what is wrong.
std::pair<int64_t, int64_t> stated_size(std::span<const uint8_t> b) {
  auto be16 = [&](size_t at) { return int64_t{b[at]} << 8 | b[at + 1]; };
  if (b.size() >= 24 && std::memcmp(b.data(), "\x89PNG\r\n\x1a\n", 8) == 0 && std::memcmp(&b[12], "IHDR", 4) == 0)
    return {be16(16) << 16 | be16(18), be16(20) << 16 | be16(22)};
  if (!is_jpeg(b)) return {0, 0};
  for (size_t at = jpeg_start(b); at + 9 < b.size();) {  // markers: FF xx, then a 2-byte length
    if (b[at] != 0xFF) return {0, 0};
    const uint8_t m = b[at + 1];
    if (m >= 0xC0 && m <= 0xCF && m != 0xC4 && m != 0xC8 && m != 0xCC) return {be16(at + 7), be16(at + 5)};
    at += 2 + static_cast<size_t>(be16(at + 2));
  }
  return {0, 0};
}

/// One image decoded, converted to `channels` and stretched to size × size,
/// written as planes (CHW) at `out`.
Status decode_into(const ImageFile& f, const ImageSetOptions& o, uint8_t* out) {
  const auto corrupt = [&](const std::string& what) { return Error(ErrorCode::DATA_CORRUPT, f.path + ": " + what); };
  if (f.bytes.empty()) return corrupt("an empty file");
  if (f.bytes.size() > static_cast<size_t>(INT32_MAX)) return corrupt("over 2 GiB");
  const int len = static_cast<int>(f.bytes.size());
  auto too_big = [&](int64_t w, int64_t h) {
    return w > o.limits.max_side || h > o.limits.max_side || w * h > o.limits.max_pixels;
  };
  auto size_error = [&](int64_t w, int64_t h) {
    return Error(ErrorCode::RESOURCE_EXHAUSTED,
                 f.path + ": " + std::to_string(w) + "x" + std::to_string(h) + " pixels, more than the " +
                     std::to_string(o.limits.max_side) + " per side or " + std::to_string(o.limits.max_pixels) +
                     " in all that an image may have");
  };
  if (const auto [sw, sh] = stated_size(f.bytes); too_big(sw, sh)) return size_error(sw, sh);
  int w = 0, h = 0, n = 0;
  const bool png = f.bytes.size() >= 8 && std::memcmp(f.bytes.data(), "\x89PNG\r\n\x1a\n", 8) == 0;
  const std::string kind = png ? "PNG" : is_jpeg(f.bytes) ? "JPEG" : "image";
  if (png) {
    std::string chunk = png_chunk_past_end(f.bytes);
    for (char& ch : chunk) ch = (ch >= 32 && ch < 127) ? ch : '?';
    if (!chunk.empty()) return corrupt("a damaged or truncated PNG (its " + chunk + " chunk runs past the end of the file)");
  }
  // Before stb_image reads anything of a JPEG (its header reader builds the Huffman tables too).
  if (kind == "JPEG" && !jpeg_complete(f.bytes)) return corrupt("a truncated JPEG (it has no end-of-image marker)");
  if (kind == "JPEG" && !jpeg_tables_sane(f.bytes)) return corrupt("a damaged JPEG (a Huffman table with too many codes)");
  if (!stbi_info_from_memory(f.bytes.data(), len, &w, &h, &n)) {
    if (kind != "image") return corrupt("a damaged or truncated " + kind + " (its header cannot be read)");
    return corrupt("not a PNG, JPEG or BMP image that can be read (stb_image: " + stb_reason() + ")");
  }
  // A BMP's negative height (rows top-down) comes out of stb_image 2.27's
  // header reader as is, though its decoder then uses the magnitude (fuzz/images_fuzz.cpp).
  if (too_big(std::abs(int64_t{w}), std::abs(int64_t{h}))) return size_error(std::abs(int64_t{w}), std::abs(int64_t{h}));
  if (w == 0 || h == 0) return corrupt("an image of " + std::to_string(w) + "x" + std::to_string(h) + " pixels");
  const int c = o.channels;
  const auto side = static_cast<size_t>(o.size), planes = static_cast<size_t>(c);
  unsigned char* px = stbi_load_from_memory(f.bytes.data(), len, &w, &h, &n, c);
  if (!px) return corrupt("a damaged or truncated " + kind + " (stb_image: " + stb_reason() + ")");
  if (w <= 0 || h <= 0 || too_big(w, h)) {  // not what its header said (a BMP, found by fuzz/images_fuzz.cpp)
    stbi_image_free(px);
    return corrupt("an image of " + std::to_string(w) + "x" + std::to_string(h) + " pixels");
  }
  std::vector<unsigned char> scaled(side * side * planes);
  const int ok = stbir_resize_uint8(px, w, h, 0, scaled.data(), o.size, o.size, 0, c);
  stbi_image_free(px);
  if (!ok) return corrupt("could not be resized");
  const size_t plane = side * side;
  for (size_t p = 0; p < plane; ++p)
    for (size_t ch = 0; ch < planes; ++ch) out[ch * plane + p] = scaled[p * planes + ch];
  return Status::Ok();
}

}  // namespace

Status parse_image_format(const std::string& text, ImageSetOptions* options) {
  const int channels = text.starts_with("gray") ? 1 : text.starts_with("rgb") ? 3 : 0;
  const std::string digits = text.substr(channels == 1 ? 4 : channels == 3 ? 3 : 0);
  const bool number = !digits.empty() && digits.size() <= 3 &&
                      std::all_of(digits.begin(), digits.end(), [](char ch) { return ch >= '0' && ch <= '9'; });
  const int size = number ? std::stoi(digits) : 0;
  if (channels == 0 || size < 4 || size > 256)
    return Error(ErrorCode::INVALID_ARGUMENT, "image format '" + text +
                                                  "': expected gray or rgb and a side of 4 to 256 pixels (gray28, rgb32)");
  options->channels = channels;
  options->size = size;
  return Status::Ok();
}

std::string image_format_text(const ImageSetOptions& options) {
  return (options.channels == 1 ? "gray" : "rgb") + std::to_string(options.size);
}

bool is_image_path(const std::string& path) {
  const std::vector<std::string> parts = components(path);
  if (parts.empty() || hidden(parts)) return false;
  const std::string ext = lower_extension(parts.back());
  return ext == "png" || ext == "jpg" || ext == "jpeg" || ext == "bmp";
}

std::string image_class_of(const std::string& path) {
  const std::vector<std::string> parts = components(path);
  if (parts.size() >= 2) return parts[parts.size() - 2];
  if (parts.empty()) return "";
  const std::string& name = parts.back();
  size_t end = 0;
  while (end < name.size() && !std::strchr("0123456789_- .", name[end])) ++end;
  return name.substr(0, end);
}

Result<ImageSetData> parse_image_set(std::span<const ImageFile> files, const ImageSetOptions& options) {
  const ImageSetOptions& o = options;
  if ((o.channels != 1 && o.channels != 3) || o.size < 4 || o.size > 256)
    return Error(ErrorCode::INVALID_ARGUMENT, "images: channels must be 1 or 3 and size 4 to 256, got " +
                                                  std::to_string(o.channels) + " and " + std::to_string(o.size));
  ImageSetData out;
  std::vector<const ImageFile*> images;
  for (const ImageFile& f : files) {
    if (is_image_path(f.path)) {
      images.push_back(&f);
    } else if (out.ignored++ == 0) {
      out.ignored_example = f.path;
    }
  }
  if (images.empty())
    return Error(ErrorCode::DATA_CORRUPT,
                 "no images among the " + std::to_string(files.size()) +
                     " files: expected .png, .jpg, .jpeg or .bmp files, one folder per class (cats/01.png, dogs/01.png)");
  if (static_cast<int64_t>(images.size()) > o.limits.max_images)
    return Error(ErrorCode::RESOURCE_EXHAUSTED, std::to_string(images.size()) + " images, more than the " +
                                                    std::to_string(o.limits.max_images) + " allowed");
  std::sort(images.begin(), images.end(), [](const ImageFile* a, const ImageFile* b) { return a->path < b->path; });

  std::map<std::string, int> classes;  // name → index, sorted
  for (const ImageFile* f : images) {
    const std::string name = image_class_of(f->path);
    if (name.empty())
      return Error(ErrorCode::DATA_CORRUPT,
                   f->path + ": no class: put each class's images in a folder named after it (cats/01.png), or "
                             "start the file name with the class (cat_01.png)");
    classes.emplace(name, 0);
  }
  if (static_cast<int>(classes.size()) > o.limits.max_classes)
    return Error(ErrorCode::RESOURCE_EXHAUSTED, std::to_string(classes.size()) + " classes, more than the " +
                                                    std::to_string(o.limits.max_classes) + " allowed");
  if (classes.size() < 2)
    return Error(ErrorCode::DATA_CORRUPT, "one class only ('" + classes.begin()->first +
                                              "'): a classifier needs images in at least two folders (one per class)");
  Dataset& ds = out.dataset;
  for (auto& [name, index] : classes) {
    index = static_cast<int>(ds.class_names.size());
    ds.class_names.push_back(name);
  }
  ds.name = o.name;
  ds.num_classes = static_cast<int>(classes.size());
  ds.sample_shape = Shape{1, o.channels, o.size, o.size};
  const size_t per = static_cast<size_t>(ds.per_sample());
  ds.x_u8.resize(per * images.size());
  ds.y.reserve(images.size());
  out.paths.reserve(images.size());
  for (size_t i = 0; i < images.size(); ++i) {
    NNP_RETURN_IF_ERROR(decode_into(*images[i], o, ds.x_u8.data() + i * per));
    ds.y.push_back(classes.at(image_class_of(images[i]->path)));
    out.paths.push_back(images[i]->path);
  }
  return out;
}

}  // namespace nnplay::data
