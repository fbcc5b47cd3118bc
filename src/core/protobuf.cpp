#include "core/protobuf.h"

#include <algorithm>
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

float ProtoField::as_float() const {
  const auto bits = static_cast<uint32_t>(value);
  float v;
  std::memcpy(&v, &bits, 4);
  return v;
}

bool ProtoReader::varint(uint64_t* v) {
  *v = 0;
  for (int shift = 0; shift < 64; shift += 7) {
    if (pos_ >= data_.size()) return false;
    const uint8_t b = data_[pos_++];
    *v |= static_cast<uint64_t>(b & 0x7f) << shift;
    if (!(b & 0x80)) return true;
  }
  return false;  // more than 10 bytes
}

bool ProtoReader::next(ProtoField* f) {
  if (!status_.ok() || pos_ >= data_.size()) return false;
  const size_t at = pos_;
  auto fail = [&](const std::string& why) {
    status_ = Error(ErrorCode::PARSE_ERROR, what_ + ": " + why + " at byte " + std::to_string(at));
    return false;
  };
  uint64_t key = 0;
  if (!varint(&key)) return fail("a truncated field tag");
  f->field = static_cast<int>(std::min<uint64_t>(key >> 3, 1u << 29));
  f->wire_type = static_cast<int>(key & 7);
  f->value = 0;
  f->bytes = {};
  if (f->field == 0) return fail("field number 0");
  switch (f->wire_type) {
    case 0:
      if (!varint(&f->value)) return fail("a truncated varint");
      return true;
    case 1:
    case 5: {
      const size_t n = f->wire_type == 1 ? 8 : 4;
      if (data_.size() - pos_ < n) return fail("a truncated fixed-size value");
      for (size_t i = 0; i < n; ++i) f->value |= static_cast<uint64_t>(data_[pos_ + i]) << (8 * i);
      pos_ += n;
      return true;
    }
    case 2: {
      uint64_t len = 0;
      if (!varint(&len)) return fail("a truncated length");
      if (len > data_.size() - pos_) return fail("a length of " + std::to_string(len) + " past the end");
      f->bytes = data_.subspan(pos_, static_cast<size_t>(len));
      pos_ += static_cast<size_t>(len);
      return true;
    }
    default: return fail("wire type " + std::to_string(f->wire_type) + " (groups are not used by ONNX)");
  }
}

Status unpack_varints(std::span<const uint8_t> bytes, std::vector<int64_t>* out) {
  size_t pos = 0;
  while (pos < bytes.size()) {
    uint64_t v = 0;
    int shift = 0;
    for (;; shift += 7) {
      if (pos >= bytes.size() || shift >= 64) return Error(ErrorCode::PARSE_ERROR, "a truncated packed varint");
      const uint8_t b = bytes[pos++];
      v |= static_cast<uint64_t>(b & 0x7f) << shift;
      if (!(b & 0x80)) break;
    }
    out->push_back(static_cast<int64_t>(v));
  }
  return Status::Ok();
}

}  // namespace nnplay
