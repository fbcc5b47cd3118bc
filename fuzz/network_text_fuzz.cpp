// network_text_fuzz.cpp — libFuzzer harness: the network text a student
// types (Network › Custom, `network=` in a link) and the zoo's argument
// texts (`model=resnet(depth=8,...)`), through the one command path on 2D
// points and on images (the generated shapes set), so the session's checks
// run as in the app: parse, build, fit to the data, memory budget.
// Contract: no crash or undefined behaviour, no allocation past the budget;
// either the network or an error naming the layer.
#include <cstddef>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>

#include "train/playground.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > 2048) return 0;
  const std::string text(reinterpret_cast<const char*>(data), size);
  const auto text_of = [](const nlohmann::json& j) { return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace); };
  for (const char* dataset : {"circle", "shapes"}) {
    nnplay::train::Playground play;
    (void)play.command_reply(text_of({{"dataset", dataset}, {"samples", 40}}));
    (void)play.command_reply(text_of({{"model", "custom"}, {"network", text}}));
    (void)play.command_reply(text_of({{"model", text}}));
    (void)play.status_json();
  }
  return 0;
}
