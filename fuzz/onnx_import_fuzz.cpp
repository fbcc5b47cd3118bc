// onnx_import_fuzz.cpp — libFuzzer harness: an ONNX model from a stranger
// (a torch.onnx.export file, or anything named .onnx), loaded the way the
// app's Load button and `nnplay-train --load model.onnx` load it
// (Session::load -> train/import_onnx.h: parse the protobuf, map the graph to
// a network, build it, take the weights). Contract: no crash, no undefined
// behaviour, no allocation past the file's own size (libFuzzer's malloc
// limit); either it loads or it is refused with a message and nothing changes.
#include <cstddef>
#include <cstdint>
#include <span>

#include "train/session.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > (1u << 20)) return 0;
  nnplay::train::Session session;
  (void)session.load(std::span<const uint8_t>(data, size), "fuzz.onnx");
  (void)session.status();
  return 0;
}
