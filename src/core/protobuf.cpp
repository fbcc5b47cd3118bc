#include "core/protobuf.h"

#include <cstring>

namespace nnplay {

void ProtoWriter::varint(uint64_t v) {
  while (v >= 0x80) {
    buf_.push_back(static_cast<uint8_t>(v | 0x80));
    v >>= 7;
  }
  buf_.push_back(static_cast<uint8_t>(v));
}

ProtoWriter& ProtoWriter::int64(int field, int64_t v) {
  tag(field, 0);
  varint(static_cast<uint64_t>(v));  // negative: two's complement, 10 bytes (as protobuf's int64)
  return *this;
}

ProtoWriter& ProtoWriter::float32(int field, float v) {
  tag(field, 5);
  uint32_t bits;
  std::memcpy(&bits, &v, 4);
  for (int i = 0; i < 4; ++i) buf_.push_back(static_cast<uint8_t>(bits >> (8 * i)));  // little-endian on any host
  return *this;
}

ProtoWriter& ProtoWriter::bytes(int field, const void* data, size_t size) {
  tag(field, 2);
  varint(size);
  const auto* p = static_cast<const uint8_t*>(data);
  buf_.insert(buf_.end(), p, p + size);
  return *this;
}

}  // namespace nnplay
