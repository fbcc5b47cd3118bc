// nnplay-op — run one layer once from a JSON case and print the result as
// JSON: outputs, input and parameter gradients, buffers; or, for a case with
// an "optimizer" key (train/optim_case.h), an optimizer and schedule applied
// to given gradients, parameters and state after each step. The same runner
// (nn/op_case.h) reads the PyTorch goldens in tests/reference/, so a case
// copied out of a golden file runs here unchanged. Engine only; native, and
// under node as WebAssembly. Format: docs/nnplay-op.md.
//
//   nnplay-op case.json          read the case from a file
//   nnplay-op < case.json        ... or from stdin (also "-")
//   nnplay-op --list [--json]    the layer registry
#include <cstdio>
#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>
#include <string>

#include "core/json_text.h"
#include "nn/op_case.h"
#include "nn/registry.h"
#include "train/optim_case.h"

using namespace nnplay;

namespace {

void usage() {
  std::printf(
      "usage: nnplay-op [FILE | -] [--pretty]\n"
      "       nnplay-op --list [--json]\n"
      "\n"
      "Runs one layer once on the JSON case in FILE (or stdin) and prints the\n"
      "outputs, gradients and buffers as JSON (docs/nnplay-op.md). A case with an\n"
      "\"optimizer\" key instead applies an optimizer (and schedule) to the given\n"
      "gradients step by step and prints parameters, state and lr after each step.\n"
      "Example:\n"
      "  echo '{\"op\":\"Conv2d\",\"args\":{\"out_channels\":\"2\",\"kernel_size\":\"3\"},\n"
      "         \"inputs\":[{\"shape\":[1,1,3,3],\"data\":[1,2,3,4,5,6,7,8,9]}],\n"
      "         \"grad_output\":{\"shape\":[1,2,1,1],\"data\":[1,-1]},\"seed\":1}' | nnplay-op\n"
      "\n"
      "Options:\n"
      "  --list     print every layer type with its arguments\n"
      "  --json     with --list: as a JSON array\n"
      "  --pretty   indent the JSON output\n"
      "  --help     this text\n"
      "Exit status: 0 ok, 1 the case failed (an {\"error\": ...} object is printed), 2 usage.\n");
}

int fail(const Status& st, int indent) {
  std::printf("%s\n", json_text(nn::status_to_json(st), indent).c_str());
  std::fprintf(stderr, "nnplay-op: %s\n", st.to_string().c_str());
  return 1;
}

}  // namespace

int main(int argc, char** argv) {
  bool list = false, json = false;
  int indent = -1;
  std::string path = "-";
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "--help" || a == "-h") {
      usage();
      return 0;
    }
    if (a == "--list") list = true;
    else if (a == "--json") json = true;
    else if (a == "--pretty") indent = 2;
    else if (a.size() > 1 && a[0] == '-') {
      std::fprintf(stderr, "nnplay-op: unknown option '%s' (see --help)\n", a.c_str());
      return 2;
    } else path = a;
  }
  if (list) {
    if (json) {
      std::printf("%s\n", json_text(nn::layer_types_to_json(), indent).c_str());
      return 0;
    }
    for (const nn::LayerType& t : nn::layer_types()) std::printf("%-18s (%s)\n    %s\n", t.name, t.args, t.about);
    return 0;
  }
  std::string text;
  if (path == "-") {
    text.assign(std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>());
  } else {
    std::ifstream f(path, std::ios::binary);
    if (!f) return fail(Error(ErrorCode::NOT_FOUND, "cannot open " + path), indent);
    std::stringstream ss;
    ss << f.rdbuf();
    text = ss.str();
  }
  // An optimizer case ({"optimizer": ...}: train/optim_case.h) or a layer case.
  {
    const nlohmann::json j = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
    if (train::is_optim_case(j)) {
      auto r = train::run_optim_case(j);
      if (!r.ok()) return fail(r.status(), indent);
      std::printf("%s\n", json_text(r.value(), indent).c_str());
      return 0;
    }
  }
  auto c = nn::parse_op_case(text);
  if (!c.ok()) return fail(c.status(), indent);
  auto r = nn::run_op_case(c.value());
  if (!r.ok()) return fail(r.status(), indent);
  std::printf("%s\n", json_text(nn::op_result_to_json(r.value()), indent).c_str());
  return 0;
}
