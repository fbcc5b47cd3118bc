// idx_files.h — IDX files made in tests: the format data/idx.h parses
// (big-endian magic 0x00000800 | rank, then the dimensions, then ubyte values),
// and a tiny stand-in for the MNIST files a session asks for.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace nnplay::test {

/// An unsigned-byte IDX file with these dimensions and values.
inline std::vector<uint8_t> idx_bytes(const std::vector<uint32_t>& dims, const std::vector<uint8_t>& values) {
  std::vector<uint8_t> b = {0, 0, 0x08, static_cast<uint8_t>(dims.size())};
  for (uint32_t d : dims)
    for (int s = 24; s >= 0; s -= 8) b.push_back(static_cast<uint8_t>(d >> s));
  b.insert(b.end(), values.begin(), values.end());
  return b;
}

/// Gives `host` (a Session, a Playground) a tiny "mnist": n training images
/// of 28×28 whose brightness encodes the label i % 10 (every pixel
/// (i % 10) · 25), and 10 test images made the same way.
template <class Host>
void provide_tiny_mnist(Host& host, int n) {
  for (const char* split : {"train", "test"}) {
    const int count = split[1] == 'r' ? n : 10;
    std::vector<uint8_t> pixels, labels;
    for (int i = 0; i < count; ++i) {
      labels.push_back(static_cast<uint8_t>(i % 10));
      pixels.insert(pixels.end(), 784, static_cast<uint8_t>((i % 10) * 25));
    }
    const std::string prefix = std::string("mnist-") + split;
    host.provide_file(prefix + "-images.idx", idx_bytes({static_cast<uint32_t>(count), 28, 28}, pixels));
    host.provide_file(prefix + "-labels.idx", idx_bytes({static_cast<uint32_t>(count)}, labels));
  }
}

}  // namespace nnplay::test
