// protobuf.h — a small writer of Protocol Buffers' wire format (the encoding
// of https://protobuf.dev/programming-guides/encoding/), enough to write ONNX
// files (train/export_onnx.h) without a protobuf library.
//
// Why hand-written: the WebAssembly build takes its dependencies from
// Debian's sources only, and Debian ships protobuf (libprotobuf, protoc) for
// the native target alone; generated code would also need protoc at build
// time. Writing is the easy half of protobuf: a message is a sequence of
// fields, each a tag (field_number << 3 | wire_type) then its value:
//   wire type 0 VARINT:  integers, 7 bits a byte, low group first, high bit =
//                        more follows; negative int64 as 10 bytes (two's complement)
//   wire type 1 I64:     8 bytes little-endian (not needed here)
//   wire type 2 LEN:     a varint length then the bytes: strings, bytes,
//                        embedded messages, packed repeated scalars
//   wire type 5 I32:     4 bytes little-endian: float, fixed32
// A repeated field is the field written again (proto2's unpacked form, which
// every parser accepts). Fields are written in the order of the calls; the
// format allows any order.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace nnplay {

class ProtoWriter {
 public:
  /// Field `field` as a varint (int32, int64, enum, bool).
  ProtoWriter& int64(int field, int64_t v);
  /// Field `field` as 4 little-endian bytes (float).
  ProtoWriter& float32(int field, float v);
  /// Field `field` as length-delimited bytes (string, bytes).
  ProtoWriter& bytes(int field, const void* data, size_t size);
  ProtoWriter& string(int field, const std::string& s) { return bytes(field, s.data(), s.size()); }
  /// Field `field` as an embedded message (its bytes, length-delimited).
  ProtoWriter& message(int field, const ProtoWriter& m) { return bytes(field, m.buf_.data(), m.buf_.size()); }

  const std::vector<uint8_t>& data() const { return buf_; }
  std::vector<uint8_t> take() { return std::move(buf_); }

 private:
  void varint(uint64_t v);
  void tag(int field, int wire_type) { varint(static_cast<uint64_t>(field) << 3 | static_cast<uint64_t>(wire_type)); }
  std::vector<uint8_t> buf_;
};

}  // namespace nnplay
