// schedule_fuzz.cpp — libFuzzer harness: a learning-rate schedule text
// (`schedule=StepLR(step_size=500,gamma=0.5)`), parsed and evaluated at a
// few steps (optim::make_scheduler). Contract: no crash or undefined
// behaviour; either a schedule or an error naming the argument.
#include <cstddef>
#include <cstdint>
#include <string>

#include "optim/lr_scheduler.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > 1024) return 0;
  auto s = nnplay::optim::make_scheduler(std::string(reinterpret_cast<const char*>(data), size));
  if (!s.ok() || !s.value()) return 0;
  for (int64_t t : {0, 1, 7, 500, 100000}) {
    (void)s.value()->lr(t, 0.1);
    s.value()->observe(1.0 / static_cast<double>(t + 1), 0.1);
  }
  return 0;
}
