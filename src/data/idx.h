// idx.h — the IDX format of LeCun's MNIST files (used by MNIST and
// Fashion-MNIST): bytes 0-1 zero, byte 2 the element type (0x08 = uint8),
// byte 3 the number of dimensions d, then d big-endian uint32 sizes, then the
// elements, row-major. Only uint8 is supported (all MNIST-family files are).
//
// Parsing never trusts the header: every size is checked against the bytes
// present, and errors name the file and the byte offset.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "core/status.h"
#include "data/dataset.h"

namespace nnplay::data {

struct IdxArray {
  std::vector<uint32_t> dims;
  std::vector<uint8_t> values;
};

/// Parses an (uncompressed) IDX file. `file` is used in error messages only.
Result<IdxArray> parse_idx(std::span<const uint8_t> bytes, const std::string& file);

/// Combines an images file (n, rows, cols) and a labels file (n) into a
/// dataset with sample_shape (1, 1, rows, cols); labels must be < num_classes.
Result<Dataset> make_image_dataset(const std::string& name, const IdxArray& images, const std::string& images_file,
                                   const IdxArray& labels, const std::string& labels_file, int num_classes,
                                   std::vector<std::string> class_names);

}  // namespace nnplay::data
