#include "core/zip.h"

#include <array>
#include <cstring>
#include <limits>

#include <stb/stb_image.h>  // stbi_zlib_decode_noheader_buffer (compiled in core/stb_image.cpp)

namespace nnplay {
namespace {

std::array<uint32_t, 256> make_crc_table() {
  std::array<uint32_t, 256> t{};
  for (uint32_t n = 0; n < 256; ++n) {
    uint32_t c = n;
    for (int k = 0; k < 8; ++k) c = (c & 1) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
    t[n] = c;
  }
  return t;
}

void put16(std::vector<uint8_t>& out, uint32_t v) {
  out.push_back(static_cast<uint8_t>(v & 0xFF));
  out.push_back(static_cast<uint8_t>((v >> 8) & 0xFF));
}

void put32(std::vector<uint8_t>& out, uint32_t v) {
  put16(out, v & 0xFFFF);
  put16(out, v >> 16);
}

void put_bytes(std::vector<uint8_t>& out, const void* p, size_t n) {
  if (n == 0) return;
  const size_t at = out.size();
  out.resize(at + n);
  std::memcpy(out.data() + at, p, n);
}

uint32_t get16(std::span<const uint8_t> b, size_t at) { return b[at] | (uint32_t{b[at + 1]} << 8); }
uint32_t get32(std::span<const uint8_t> b, size_t at) { return get16(b, at) | (get16(b, at + 2) << 16); }

constexpr uint32_t kLocalHeader = 0x04034b50u, kCentralHeader = 0x02014b50u, kEndRecord = 0x06054b50u;
constexpr size_t kEndRecordSize = 22, kCentralSize = 46, kLocalSize = 30;

}  // namespace

uint32_t crc32(std::span<const uint8_t> bytes) {
  static const std::array<uint32_t, 256> table = make_crc_table();
  uint32_t c = 0xFFFFFFFFu;
  for (uint8_t b : bytes) c = table[(c ^ b) & 0xFF] ^ (c >> 8);
  return c ^ 0xFFFFFFFFu;
}

Result<std::vector<uint8_t>> zip_bytes(std::span<const ZipEntry> entries) {
  constexpr uint32_t kDate = (0u << 9) | (1u << 5) | 1u;  // 1980-01-01: reproducible bytes
  if (entries.size() > 0xFFFF) return Error(ErrorCode::INVALID_ARGUMENT, "zip: more than 65535 files");
  std::vector<uint8_t> out, central;
  uint64_t total = 0;
  for (const ZipEntry& e : entries) total += 76 + 2 * e.name.size() + e.bytes.size();
  if (total + 22 >= 0xFFFFFFFFull)
    return Error(ErrorCode::INVALID_ARGUMENT, "zip: the files add up to more than 4 GiB");
  out.reserve(static_cast<size_t>(total));
  for (const ZipEntry& e : entries) {
    if (e.name.empty() || e.name.size() > 0xFFFF)
      return Error(ErrorCode::INVALID_ARGUMENT, "zip: an entry's name is empty or too long");
    const uint32_t crc = crc32(e.bytes);
    const auto size = static_cast<uint32_t>(e.bytes.size());
    const auto offset = static_cast<uint32_t>(out.size());
    const auto name_len = static_cast<uint32_t>(e.name.size());
    put32(out, 0x04034b50u);  // local file header
    put16(out, 20);           // version needed: 2.0
    put16(out, 0x0800);       // flags: the name is UTF-8
    put16(out, 0);            // stored
    put16(out, 0);            // time
    put16(out, kDate);
    put32(out, crc);
    put32(out, size);
    put32(out, size);
    put16(out, name_len);
    put16(out, 0);            // no extra field
    put_bytes(out, e.name.data(), e.name.size());
    put_bytes(out, e.bytes.data(), e.bytes.size());

    put32(central, 0x02014b50u);  // central directory header
    put16(central, (3u << 8) | 20u);  // made by: Unix, 2.0
    put16(central, 20);
    put16(central, 0x0800);
    put16(central, 0);
    put16(central, 0);
    put16(central, kDate);
    put32(central, crc);
    put32(central, size);
    put32(central, size);
    put16(central, name_len);
    put16(central, 0);  // extra
    put16(central, 0);  // comment
    put16(central, 0);  // disk
    put16(central, 0);  // internal attributes
    put32(central, 0100644u << 16);  // external: a regular file, rw-r--r--
    put32(central, offset);
    put_bytes(central, e.name.data(), e.name.size());
  }
  const auto cd_offset = static_cast<uint32_t>(out.size());
  const auto cd_size = static_cast<uint32_t>(central.size());
  put_bytes(out, central.data(), central.size());
  put32(out, 0x06054b50u);  // end of central directory
  put16(out, 0);
  put16(out, 0);
  put16(out, static_cast<uint32_t>(entries.size()));
  put16(out, static_cast<uint32_t>(entries.size()));
  put32(out, cd_size);
  put32(out, cd_offset);
  put16(out, 0);
  return out;
}

bool looks_like_zip(std::span<const uint8_t> bytes) {
  if (bytes.size() < 4) return false;
  const uint32_t sig = get32(bytes, 0);
  return sig == kLocalHeader || (sig == kEndRecord && bytes.size() >= kEndRecordSize);
}

Result<std::vector<ZipEntry>> read_zip(std::span<const uint8_t> bytes, const ZipLimits& limits) {
  auto corrupt = [](const std::string& what) { return Error(ErrorCode::DATA_CORRUPT, "zip: " + what); };
  // The end record: the last one in the final 64 KiB + 22 bytes (a comment may follow it).
  if (bytes.size() < kEndRecordSize) return corrupt("not a zip archive (" + std::to_string(bytes.size()) + " bytes)");
  size_t end = std::string::npos;
  const size_t lowest = bytes.size() > kEndRecordSize + 0xFFFF ? bytes.size() - kEndRecordSize - 0xFFFF : 0;
  for (size_t at = bytes.size() - kEndRecordSize + 1; at-- > lowest;)
    if (get32(bytes, at) == kEndRecord && at + kEndRecordSize + get16(bytes, at + 20) <= bytes.size()) {
      end = at;
      break;
    }
  if (end == std::string::npos) return corrupt("not a zip archive (no end-of-central-directory record)");
  const uint32_t disk = get16(bytes, end + 4), cd_disk = get16(bytes, end + 6);
  const uint32_t count_here = get16(bytes, end + 8), count = get16(bytes, end + 10);
  const uint32_t cd_size = get32(bytes, end + 12), cd_offset = get32(bytes, end + 16);
  if (count == 0xFFFF || cd_size == 0xFFFFFFFFu || cd_offset == 0xFFFFFFFFu)
    return Error(ErrorCode::UNSUPPORTED, "zip: a ZIP64 archive (over 4 GiB or 65,535 files) is not supported");
  if (disk != 0 || cd_disk != 0 || count_here != count)
    return Error(ErrorCode::UNSUPPORTED, "zip: an archive split over several files is not supported");
  if (count > limits.max_entries)
    return Error(ErrorCode::RESOURCE_EXHAUSTED, "zip: " + std::to_string(count) + " files, more than the " +
                                                    std::to_string(limits.max_entries) + " allowed");
  if (uint64_t{cd_offset} + cd_size > end) return corrupt("the central directory lies outside the archive");

  std::vector<ZipEntry> out;
  size_t at = cd_offset, total = 0;
  for (uint32_t i = 0; i < count; ++i) {
    if (at + kCentralSize > end || get32(bytes, at) != kCentralHeader)
      return corrupt("central directory entry " + std::to_string(i + 1) + " of " + std::to_string(count) +
                     " is damaged");
    const uint32_t flags = get16(bytes, at + 8), method = get16(bytes, at + 10), crc = get32(bytes, at + 16);
    const uint32_t packed = get32(bytes, at + 20), size = get32(bytes, at + 24);
    const size_t name_len = get16(bytes, at + 28), extra_len = get16(bytes, at + 30), comment_len = get16(bytes, at + 32);
    const uint32_t local = get32(bytes, at + 42);
    if (at + kCentralSize + name_len > end)
      return corrupt("central directory entry " + std::to_string(i + 1) + " has a name past its end");
    std::string name(reinterpret_cast<const char*>(&bytes[at + kCentralSize]), name_len);
    at += kCentralSize + name_len + extra_len + comment_len;
    if (!name.empty() && name.back() == '/') continue;  // a folder
    const std::string entry = "entry '" + name + "': ";
    if (packed == 0xFFFFFFFFu || size == 0xFFFFFFFFu || local == 0xFFFFFFFFu)
      return Error(ErrorCode::UNSUPPORTED, "zip: " + entry + "ZIP64 sizes are not supported");
    if (flags & 1u) return Error(ErrorCode::UNSUPPORTED, "zip: " + entry + "encrypted (zip it without a password)");
    if (method != 0 && method != 8)
      return Error(ErrorCode::UNSUPPORTED, "zip: " + entry + "compression method " + std::to_string(method) +
                                               " (only stored and deflate are supported)");
    total += size;
    if (total > limits.max_total_bytes)
      return Error(ErrorCode::RESOURCE_EXHAUSTED, "zip: the files unpack to more than " +
                                                      std::to_string(limits.max_total_bytes >> 20) + " MiB");
    if (uint64_t{local} + kLocalSize > bytes.size() || get32(bytes, local) != kLocalHeader)
      return corrupt(entry + "its local header is missing or damaged");
    const uint64_t data = uint64_t{local} + kLocalSize + get16(bytes, local + 26) + get16(bytes, local + 28);
    if (data + packed > bytes.size())
      return corrupt(entry + "its data runs past the end of the archive (a truncated file?)");
    if (method == 0 && packed != size) return corrupt(entry + "stored with two different sizes");
    ZipEntry e;
    e.name = std::move(name);
    e.bytes.resize(size);
    const auto* src = &bytes[static_cast<size_t>(data)];
    if (method == 0) {
      if (size) std::memcpy(e.bytes.data(), src, size);
    } else if (size > 0 || packed > 0) {
      if (size > static_cast<uint32_t>(std::numeric_limits<int>::max()) ||
          packed > static_cast<uint32_t>(std::numeric_limits<int>::max() - 8))
        return Error(ErrorCode::RESOURCE_EXHAUSTED, "zip: " + entry + "over 2 GiB");
      // A zero-length output buffer would be NULL; give the decoder a byte to spare.
      std::vector<uint8_t> spare(size == 0 ? 1 : 0);
      char* dst = reinterpret_cast<char*>(size ? e.bytes.data() : spare.data());
      // stb_image 2.27's decoder refuses a symbol when fewer than 16 bits of
      // input remain, which a zlib stream's 4-byte checksum always provides
      // but a zip entry's raw deflate does not: give it 8 zero bytes after
      // the end (the stream's final block ends before them).
      std::vector<char> in(packed + 8u, 0);
      if (packed) std::memcpy(in.data(), src, packed);
      const int got = stbi_zlib_decode_noheader_buffer(dst, size ? static_cast<int>(size) : 1, in.data(),
                                                       static_cast<int>(in.size()));
      if (got < 0) return corrupt(entry + "its deflate stream is damaged");
      if (static_cast<uint32_t>(got) != size)
        return corrupt(entry + "inflates to " + std::to_string(got) + " bytes, not the " + std::to_string(size) +
                       " its header says");
    }
    if (crc32(e.bytes) != crc) return corrupt(entry + "CRC-32 mismatch (the archive is damaged)");
    out.push_back(std::move(e));
  }
  return out;
}

}  // namespace nnplay
