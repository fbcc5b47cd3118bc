// link_fuzz.cpp — libFuzzer harness: the URL hash a course page writes
// (#dataset=spiral&lr=0.03&lesson=...&view=...), applied the way the app
// applies it at start-up (Playground::apply_link). Contract: no crash or
// undefined behaviour; unknown keys and bad values are reported, the rest
// applies.
#include <cstddef>
#include <cstdint>
#include <string>

#include "train/playground.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > 4096) return 0;
  nnplay::train::Playground play;
  (void)play.apply_link(std::string(reinterpret_cast<const char*>(data), size)).summary();
  (void)play.status_json();
  return 0;
}
