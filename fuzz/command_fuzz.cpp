// command_fuzz.cpp — libFuzzer harness: the JSON commands of window.nnplay
// (and postMessage), as a course page or a stranger may send them, through
// the one command path (Playground::command_reply). Contract: no crash or
// undefined behaviour; a reply that is JSON; a refused command changes
// nothing (checked by tests/train/bad_command_test.cpp; here: no crash).
// Runs nothing long: the playground is never stepped, so a command that
// starts training only sets a flag.
#include <cstddef>
#include <cstdint>
#include <string>

#include "train/playground.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > 4096) return 0;  // commands are short; longer inputs only slow the search
  nnplay::train::Playground play;
  const std::string text(reinterpret_cast<const char*>(data), size);
  // One input may hold several commands, one per line, applied in order.
  size_t pos = 0;
  while (pos <= text.size()) {
    size_t end = text.find('\n', pos);
    if (end == std::string::npos) end = text.size();
    (void)play.command_reply(text.substr(pos, end - pos));
    pos = end + 1;
  }
  (void)play.status_json();
  return 0;
}
