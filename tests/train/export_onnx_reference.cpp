// ONNX export checked by two independent implementations (native only: it
// runs Debian's /usr/bin/python3 and node, which a WebAssembly test under
// node cannot spawn; registered in tests/CMakeLists.txt outside that build):
//   1. onnx 1.12's checker (python3-onnx), check_model(full_check=True):
//      the proto is well formed, every op valid at opset 13, and strict shape
//      inference agrees with the graph's declared input and output shapes;
//      the test set's TensorProtos load with onnx.load_tensor.
//   2. ONNX Runtime (npm onnxruntime-web 1.17.3, run under node by
//      tests/train/onnx_check.js): runs model.onnx on input_0.pb and compares
//      with nnplay's eval-mode outputs in output_0.pb, to 1e-5 of their scale.
// The networks are those of export_pytorch_python.cpp (every zoo network, an
// MLP, and three networks that between them use every other layer type and
// argument form), with random weights and moved BatchNorm statistics.
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/rng.h"
#include "nn/model.h"
#include "nn/model_spec.h"
#include "nn/zoo.h"
#include "support/export_networks.h"
#include "train/export_onnx.h"

namespace nnplay::train {
namespace {

namespace fs = std::filesystem;

using Net = test::ExportNet;

// The shared list, and forms only ONNX needs spelled out (opset 13 has no
// single op for them).
std::vector<Net> networks() {
  const Shape seq{1, 6, 4};
  std::vector<Net> nets = test::export_networks();
  // What attention_norms leaves out: bilinear without align_corners, norms
  // with batch statistics or without affine, AvgPool counting its padding,
  // MaxPool dilation, a grouped 1x1 Conv, Linear on feature maps.
  nets.push_back({"more_forms",
                  "c:Conv2d(out_channels=4,kernel_size=3,padding=1);"
                  "bn:BatchNorm2d(track_running_stats=false);"
                  "in2:InstanceNorm2d;"
                  "up:Upsample(scale_factor=2,mode=bilinear);"
                  "ap:AvgPool2d(kernel_size=3,stride=1,padding=1);"
                  "mp:MaxPool2d(kernel_size=2,stride=2,dilation=2);"
                  "pw:Conv2d(out_channels=4,kernel_size=1,groups=2);"
                  "gn:GroupNorm(num_groups=4,affine=false);"
                  "ln:LayerNorm(normalized_shape=5,elementwise_affine=false);"
                  "Softmax(dim=-1);"
                  "Linear(out_features=3,bias=false)",  // on (N, C, H, W): nnplay flattens it
                  Shape{1, 2, 6, 6}, 3});
  // Linear on the whole (N, T, H) sequence as well as on its last step.
  nets.push_back({"rnn_tanh_lstm_nobias",
                  "RNN(hidden_size=4);l:LSTM(hidden_size=3,bias=false);SelectLast;last:Linear(out_features=2);"
                  "all:Linear(in=l,out_features=2);Add(in=last,all)",
                  seq, 2});
  return nets;
}

Result<nn::ModelSpec> spec_of(const Net& net) {
  if (net.text.find('(') == std::string::npos || nn::find_zoo(net.text.substr(0, net.text.find('('))))
    return nn::zoo_spec(net.text, net.input, net.outputs);
  return nn::parse_model_spec(net.text, net.outputs);
}

/// Random weights and moved running statistics, as a short training would leave them.
void randomize(nn::Model& model, uint64_t seed) {
  model.reset_parameters(seed, nn::InitScheme::PyTorchDefault);
  Rng rng(seed, 7);
  Tensor x(model.nodes()[0].shape.with_batch(4));
  model.train();
  for (int k = 0; k < 3; ++k) {
    for (int64_t i = 0; i < x.numel(); ++i) x[i] = rng.normal() * 1.5f + 0.3f;
    model.forward(x, &rng);
  }
  for (const ParamRef& p : model.params())
    for (int64_t i = 0; i < p.value->numel(); ++i) (*p.value)[i] += 0.05f * rng.normal();
}

std::string read_text(const fs::path& p) {
  std::ifstream in(p);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

std::string node_modules() {
  if (const char* m = std::getenv("NNPLAY_NODE_MODULES")) return m;
  if (const char* c = std::getenv("NNPLAY_CACHE")) return std::string(c) + "/node/node_modules";
  if (const char* h = std::getenv("HOME")) return std::string(h) + "/.cache/nnplay/node/node_modules";
  return "";
}

class ExportOnnx : public ::testing::Test {
 protected:
  void SetUp() override {
    if (access("/usr/bin/python3", X_OK) != 0) GTEST_SKIP() << "no /usr/bin/python3 (scripts/bootstrap installs it)";
    if (std::system("/usr/bin/python3 -c 'import onnx' > /dev/null 2>&1") != 0)
      GTEST_SKIP() << "no python3-onnx (scripts/bootstrap installs it)";
    modules_ = node_modules();
    if (!fs::exists(fs::path(modules_) / "onnxruntime-web"))
      GTEST_SKIP() << "no onnxruntime-web in " << modules_ << " (scripts/bootstrap installs it)";
    const char* src = std::getenv("NNPLAY_SOURCE_DIR");
    ASSERT_NE(src, nullptr) << "NNPLAY_SOURCE_DIR (set by ctest) locates tests/train/onnx_check.js";
    script_ = fs::path(src) / "tests/train/onnx_check.js";
    char tmpl[] = "/tmp/nnplay-onnx-XXXXXX";
    ASSERT_NE(mkdtemp(tmpl), nullptr);
    dir_ = tmpl;
  }
  void TearDown() override {
    if (!dir_.empty() && !HasFailure()) fs::remove_all(dir_);
    else if (!dir_.empty()) std::printf("exports kept in %s\n", dir_.c_str());
  }
  /// Runs `cmd` in dir_; returns the exit code, output in *out.
  int run(const std::string& cmd, std::string* out) {
    const fs::path log = dir_ / "run.log";
    const int rc = std::system(("cd '" + dir_.string() + "' && " + cmd + " > '" + log.string() + "' 2>&1").c_str());
    *out = read_text(log);
    return WIFEXITED(rc) ? WEXITSTATUS(rc) : -1;
  }
  std::string modules_;
  fs::path script_, dir_;
};

TEST_F(ExportOnnx, CheckerAcceptsAndOnnxRuntimeReproducesNnplayOnEveryZooNetworkAndLayerType) {
  std::vector<std::string> names;
  uint64_t seed = 1;
  for (const Net& net : networks()) {
    SCOPED_TRACE(net.name);
    auto spec = spec_of(net);
    ASSERT_TRUE(spec.ok()) << spec.status().to_string();
    nn::Model model;
    ASSERT_TRUE(model.build(spec.value(), net.input, 4).ok());
    randomize(model, seed++);
    Rng rng(seed, 9);
    Tensor x(net.input.with_batch(3));
    for (int64_t i = 0; i < x.numel(); ++i) x[i] = rng.normal();
    model.eval();
    const Tensor y = model.forward(x);
    auto files = export_onnx(model, x, y, net.text);
    ASSERT_TRUE(files.ok()) << files.status().to_string();
    fs::create_directories(dir_ / net.name / "test_data_set_0");
    for (const ExportFile& f : files.value()) {
      std::ofstream out(dir_ / net.name / f.name, std::ios::binary);
      out.write(reinterpret_cast<const char*>(f.bytes.data()), static_cast<std::streamsize>(f.bytes.size()));
    }
    names.push_back(net.name);
  }
  std::string dirs;
  for (const std::string& n : names) dirs += " " + n;

  // 1. onnx's checker, with strict shape inference, in one interpreter.
  const std::string checker =
      "import sys, onnx\n"
      "from onnx import numpy_helper\n"
      "failed = []\n"
      "for name in sys.argv[1:]:\n"
      "    try:\n"
      "        m = onnx.load(name + '/model.onnx')\n"
      "        onnx.checker.check_model(m, full_check=True)\n"
      "        x = numpy_helper.to_array(onnx.load_tensor(name + '/test_data_set_0/input_0.pb'))\n"
      "        y = numpy_helper.to_array(onnx.load_tensor(name + '/test_data_set_0/output_0.pb'))\n"
      "        dims = lambda v: [d.dim_param or d.dim_value for d in v.type.tensor_type.shape.dim]\n"
      "        assert dims(m.graph.input[0])[1:] == list(x.shape[1:]), (dims(m.graph.input[0]), x.shape)\n"
      "        assert dims(m.graph.output[0])[1:] == list(y.shape[1:]), (dims(m.graph.output[0]), y.shape)\n"
      "        print(f'{name}: checker OK, opset {m.opset_import[0].version}, ir {m.ir_version}, '\n"
      "              f'{len(m.graph.node)} nodes, {len(m.graph.initializer)} initializers')\n"
      "    except Exception as e:\n"
      "        print(name + ': ERROR', type(e).__name__, e)\n"
      "        failed.append(name)\n"
      "print('FAILED: ' + ' '.join(failed) if failed else 'ALL OK')\n"
      "sys.exit(1 if failed else 0)\n";
  std::ofstream(dir_ / "check_all.py") << checker;
  std::string out;
  EXPECT_EQ(run("/usr/bin/python3 check_all.py" + dirs, &out), 0) << out;
  for (const std::string& n : names) EXPECT_NE(out.find(n + ": checker OK"), std::string::npos) << n << "\n" << out;
  std::printf("%s", out.c_str());

  // 2. ONNX Runtime against nnplay's outputs.
  EXPECT_EQ(run("node --no-experimental-fetch '" + script_.string() + "' '" + modules_ + "'" + dirs, &out), 0) << out;
  for (const std::string& n : names) EXPECT_NE(out.find(n + ": 3 samples"), std::string::npos) << n << "\n" << out;
  std::printf("%s", out.c_str());
}

TEST_F(ExportOnnx, OnnxRuntimeCatchesAWrongOutput) {
  auto spec = nn::zoo_spec("resnet(depth=8,width=4)", Shape{1, 1, 12, 12}, 10);
  ASSERT_TRUE(spec.ok());
  nn::Model model;
  ASSERT_TRUE(model.build(spec.value(), Shape{1, 1, 12, 12}, 2).ok());
  randomize(model, 5);
  Tensor x(Shape{2, 1, 12, 12});
  Rng rng(3);
  for (int64_t i = 0; i < x.numel(); ++i) x[i] = rng.normal();
  model.eval();
  Tensor y = model.forward(x);
  y[3] += 0.01f;  // one output off: the check must say so
  auto files = export_onnx(model, x, y, "resnet");
  ASSERT_TRUE(files.ok());
  fs::create_directories(dir_ / "bad" / "test_data_set_0");
  for (const ExportFile& f : files.value()) {
    std::ofstream out(dir_ / "bad" / f.name, std::ios::binary);
    out.write(reinterpret_cast<const char*>(f.bytes.data()), static_cast<std::streamsize>(f.bytes.size()));
  }
  std::string out;
  EXPECT_EQ(run("node --no-experimental-fetch '" + script_.string() + "' '" + modules_ + "' bad", &out), 1) << out;
  EXPECT_NE(out.find("MISMATCH at 3"), std::string::npos) << out;
}

}  // namespace
}  // namespace nnplay::train
