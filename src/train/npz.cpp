#include "train/npz.h"

#include <array>
#include <cstring>

namespace nnplay::train {
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

}  // namespace

uint32_t crc32(std::span<const uint8_t> bytes) {
  static const std::array<uint32_t, 256> table = make_crc_table();
  uint32_t c = 0xFFFFFFFFu;
  for (uint8_t b : bytes) c = table[(c ^ b) & 0xFF] ^ (c >> 8);
  return c ^ 0xFFFFFFFFu;
}

Result<std::vector<uint8_t>> npy_bytes(const NpyArray& a) {
  int64_t count = 1;
  std::string shape = "(";
  for (size_t i = 0; i < a.shape.size(); ++i) {
    count *= a.shape[i];
    shape += std::to_string(a.shape[i]) + (a.shape.size() == 1 ? "," : i + 1 < a.shape.size() ? ", " : "");
  }
  shape += ")";
  const size_t have = a.is_int64 ? a.i64.size() : a.f32.size();
  if (static_cast<int64_t>(have) != count)
    return Error(ErrorCode::INVALID_ARGUMENT, "npy '" + a.name + "': " + std::to_string(have) +
                                                  " values for shape " + shape);
  std::string header = std::string("{'descr': '") + (a.is_int64 ? "<i8" : "<f4") +
                       "', 'fortran_order': False, 'shape': " + shape + ", }";
  const size_t prefix = 10;  // magic (6), version (2), header length (2)
  while ((prefix + header.size() + 1) % 64 != 0) header += ' ';
  header += '\n';
  std::vector<uint8_t> out;
  out.reserve(prefix + header.size() + have * (a.is_int64 ? 8 : 4));
  put_bytes(out, "\x93NUMPY\x01\x00", 8);
  put16(out, static_cast<uint32_t>(header.size()));
  put_bytes(out, header.data(), header.size());
  if (a.is_int64) put_bytes(out, a.i64.data(), a.i64.size() * sizeof(int64_t));
  else put_bytes(out, a.f32.data(), a.f32.size() * sizeof(float));
  return out;
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

Result<std::vector<uint8_t>> npz_bytes(std::span<const NpyArray> arrays) {
  if (arrays.size() > 0xFFFF) return Error(ErrorCode::INVALID_ARGUMENT, "npz: more than 65535 arrays");
  std::vector<ZipEntry> entries;
  entries.reserve(arrays.size());
  for (const NpyArray& a : arrays) {
    auto bytes = npy_bytes(a);
    if (!bytes.ok()) return bytes.status();
    entries.push_back({a.name + ".npy", bytes.take()});
  }
  return zip_bytes(entries);
}

}  // namespace nnplay::train
