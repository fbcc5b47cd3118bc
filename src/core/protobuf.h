// protobuf.h — a small writer and reader of Protocol Buffers' wire format (the encoding
// of https://protobuf.dev/programming-guides/encoding/), enough to write ONNX
// files (train/export_onnx.h) and read them (train/import_onnx.h) without a
// protobuf library.
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
#include <span>
#include <string>
#include <vector>

#include "core/status.h"

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

/// One field of a message as read: its number, wire type and value (varint
/// and fixed values in `value`, length-delimited ones in `bytes`).
struct ProtoField {
  int field = 0;
  int wire_type = 0;
  uint64_t value = 0;
  std::span<const uint8_t> bytes;
  float as_float() const;  // wire type 5
};

/// Reads a message's fields in order, bounds-checked: a truncated varint, a
/// length past the end, a field number 0 or a group (wire types 3, 4) is a
/// PARSE_ERROR naming `what` and the byte offset (nothing is read out of
/// bounds, whatever the bytes).
class ProtoReader {
 public:
  ProtoReader(std::span<const uint8_t> data, std::string what) : data_(data), what_(std::move(what)) {}
  /// The next field into *f; false at the end of the message or on an error
  /// (then status() says which).
  bool next(ProtoField* f);
  const Status& status() const { return status_; }

 private:
  bool varint(uint64_t* v);
  std::span<const uint8_t> data_;
  size_t pos_ = 0;
  std::string what_;
  Status status_;
};

/// The values of a packed repeated varint field (int64 lists such as dims).
Status unpack_varints(std::span<const uint8_t> bytes, std::vector<int64_t>* out);

}  // namespace nnplay
