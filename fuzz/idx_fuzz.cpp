// idx_fuzz.cpp — libFuzzer harness: an IDX file (the MNIST format of the
// datasets the app downloads), parsed (data::parse_idx). Contract: no crash
// or undefined behaviour, and a header claiming more data than the bytes
// hold is refused before anything is allocated for it.
#include <cstddef>
#include <cstdint>
#include <span>

#include "data/idx.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  (void)nnplay::data::parse_idx(std::span<const uint8_t>(data, size), "fuzz.idx");
  return 0;
}
