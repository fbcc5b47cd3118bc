// zip.h — zip archives (PKWARE's APPNOTE 6.3): reading the archives users
// drop on the page (a folder of images per class, zipped) and writing the
// uncompressed ones nnplay exports (.npz, the PyTorch bundle).
//
// Reading: the end record, then the central directory, then each entry's
// local header and data. Entries stored (method 0) or deflated (method 8,
// inflated by stb_image's zlib decoder); each entry's CRC-32 is checked.
// Folders (names ending in '/') are not entries. Not supported, refused by
// name: ZIP64 (over 4 GiB or 65,535 entries), encryption, other methods
// (bzip2, LZMA, ...), archives split over several files.
//
// Writing: every entry stored (method 0), names flagged UTF-8, dated
// 1980-01-01 so equal inputs give equal bytes.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "core/status.h"

namespace nnplay {

/// One file of a zip archive.
struct ZipEntry {
  std::string name;  // "model.py" or "folder/model.py" ('/' separates folders)
  std::vector<uint8_t> bytes;
};

/// The CRC-32 (ISO-HDLC, zlib's crc32) of `bytes`.
uint32_t crc32(std::span<const uint8_t> bytes);

/// A zip of the entries, in order, uncompressed. Errors: INVALID_ARGUMENT for
/// an empty or over-long name, or an archive over 4 GiB.
Result<std::vector<uint8_t>> zip_bytes(std::span<const ZipEntry> entries);

struct ZipLimits {
  size_t max_total_bytes = 512u * 1024u * 1024u;  // all entries unpacked (512 MiB)
  size_t max_entries = 100000;
};

/// The files of a zip archive, in the central directory's order.
/// Errors (nothing returned but the Status):
///   DATA_CORRUPT        not a zip (no end record), a damaged directory or
///                       header, data past the end, a bad deflate stream, a
///                       CRC-32 or size mismatch: "zip entry 'cats/1.png': ..."
///   UNSUPPORTED         ZIP64, encryption, a method other than stored/deflate
///   RESOURCE_EXHAUSTED  the entries' declared sizes exceed ZipLimits
Result<std::vector<ZipEntry>> read_zip(std::span<const uint8_t> bytes, const ZipLimits& limits = {});

/// True when `bytes` start like a zip archive (a local header, or the end
/// record of an empty archive).
bool looks_like_zip(std::span<const uint8_t> bytes);

}  // namespace nnplay
