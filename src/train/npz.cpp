#include "train/npz.h"


namespace nnplay::train {
namespace {

void append(std::vector<uint8_t>& out, const void* p, size_t n) {
  const auto* b = static_cast<const uint8_t*>(p);
  out.insert(out.end(), b, b + n);
}

}  // namespace


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
  append(out, "\x93NUMPY\x01\x00", 8);
  const uint16_t header_len = static_cast<uint16_t>(header.size());  // little-endian host (see npz.h)
  append(out, &header_len, 2);
  append(out, header.data(), header.size());
  if (a.is_int64) append(out, a.i64.data(), a.i64.size() * sizeof(int64_t));
  else append(out, a.f32.data(), a.f32.size() * sizeof(float));
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
