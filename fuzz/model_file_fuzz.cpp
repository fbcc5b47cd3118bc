// model_file_fuzz.cpp — libFuzzer harness: a model file (.nnp) from a
// stranger, loaded the way the app's Load button and `nnplay-train --load`
// load it (Session::load: parse, check, build the network, take the
// weights). Contract: no crash, no undefined behaviour, no allocation past
// libFuzzer's limit; either the session loads it or it refuses with a
// message and keeps what it had.
#include <cstddef>
#include <cstdint>
#include <span>

#include "train/session.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  nnplay::train::Session session;
  (void)session.load(std::span<const uint8_t>(data, size), "fuzz.nnp");
  (void)session.status();
  return 0;
}
