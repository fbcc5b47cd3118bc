// npz.h — NumPy's file formats, written without NumPy: one array as .npy
// (format 1.0), several as .npz (a zip of .npy files, core/zip.h's
// zip_bytes: stored uncompressed). `numpy.load` reads what these write.
//
//   .npy: "\x93NUMPY" 1 0, uint16 header length, the header (a Python dict
//         literal: {'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }
//         padded with spaces to a multiple of 64 bytes with the prefix, ending
//         in '\n'), then the values, C order, little-endian.
// The host must be little-endian (x86-64 and WebAssembly are).
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "core/status.h"
#include "core/zip.h"  // zip_bytes, ZipEntry, crc32

namespace nnplay::train {

/// One array for an .npz: float32 ('<f4') or int64 ('<i8') values in C order.
struct NpyArray {
  std::string name;             // the key numpy.load gives it ("conv1.weight"); stored as "<name>.npy"
  std::vector<int64_t> shape;   // () for a scalar
  std::vector<float> f32;       // the values when !is_int64
  std::vector<int64_t> i64;     // the values when is_int64
  bool is_int64 = false;
};

/// One array as the bytes of a .npy file. Errors: INVALID_ARGUMENT when the
/// value count differs from the shape's product.
Result<std::vector<uint8_t>> npy_bytes(const NpyArray& a);
/// An .npz file (numpy.savez's layout) holding the arrays in order:
/// numpy.load(f).files lists them in that order.
Result<std::vector<uint8_t>> npz_bytes(std::span<const NpyArray> arrays);

}  // namespace nnplay::train
