// image_set.h — a dataset from the user's own images: several image files, a
// dropped folder, or a zip (core/zip.h) with one folder per class. data/
// reads no files: the caller passes each file's path and bytes.
//
// Which files: PNG, JPEG and BMP, by extension (.png .jpg .jpeg .bmp, any
// case), decoded by stb_image (core/stb_image.cpp). Other files (a README,
// a .csv) and hidden ones (a path component starting with '.', or macOS's
// "__MACOSX" folder) are skipped and counted in ImageSetData::ignored.
//
// Classes: the folder holding the file ("pets/cats/01.png" → "cats"); a file
// outside any folder is named by its start up to the first digit, '_', '-',
// ' ' or '.' ("cat_01.png", "cat01.png" → "cat"). Classes are numbered in
// sorted (byte) order of their names; 2 to limits.max_classes classes.
// Samples come in the order of their sorted paths, so the same files give the
// same dataset (and, with the session's seed, the same split) whatever order
// they were dropped in.
//
// Pixels: each image is converted to ImageSetOptions::channels (1: grey, as
// stb_image weighs it, (77 R + 150 G + 29 B) / 256; 3: RGB; transparency is
// dropped), then stretched to size × size (stb_image_resize's default filter,
// as torchvision's Resize((size, size)) stretches), stored as uint8 in NCHW
// and scaled by 1/255 when gathered, as MNIST is. Nothing is inverted: dark
// ink on white stays so (MNIST is white on black).
//
// Errors (nothing is returned but the Status), each naming the file:
//   DATA_CORRUPT        "cats/3.png: not an image stb_image can read (bad png
//                       sig)", a truncated JPEG (no end-of-image marker after
//                       its last scan), a file without a class, no image
//                       files at all, one class only
//   RESOURCE_EXHAUSTED  more images, classes or pixels than ImageSetLimits
//                       (an image's size is read from its header before it is
//                       decoded, so a huge one costs nothing)
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "core/status.h"
#include "data/dataset.h"

namespace nnplay::data {

/// One file the user gave: its path with '/' between folders ("cats/01.png").
struct ImageFile {
  std::string path;
  std::vector<uint8_t> bytes;
};

struct ImageSetLimits {
  int max_images = 60000;
  int max_side = 16384;                   // pixels, either side
  int64_t max_pixels = 64 * 1024 * 1024;  // per image, decoded (64 Mpx)
  int max_classes = 100;
};

struct ImageSetOptions {
  int channels = 1;  // 1 (grey) or 3 (RGB)
  int size = 28;     // output side in pixels, 4 to 256
  std::string name = "images";  // Dataset::name
  ImageSetLimits limits;
};

struct ImageSetData {
  /// sample_shape (1, channels, size, size), uint8 pixels, classes in y.
  Dataset dataset;
  std::vector<std::string> paths;  // sample i's file
  int ignored = 0;                 // files skipped (not images, or hidden)
  std::string ignored_example;     // the first of them, for the message
};

/// "gray28" (1 channel, 28×28) or "rgb32" (3 channels, 32×32): "gray" or
/// "rgb" and a side of 4 to 256 pixels. INVALID_ARGUMENT otherwise.
Status parse_image_format(const std::string& text, ImageSetOptions* options);
/// The text parse_image_format reads for `options` ("gray28").
std::string image_format_text(const ImageSetOptions& options);

/// True for a path parse_image_set decodes (.png, .jpg, .jpeg, .bmp; not hidden).
bool is_image_path(const std::string& path);
/// The class a path names (see the file comment); "" when it names none.
std::string image_class_of(const std::string& path);
/// The dataset the files make (see the file comment).
Result<ImageSetData> parse_image_set(std::span<const ImageFile> files, const ImageSetOptions& options = {});

}  // namespace nnplay::data
