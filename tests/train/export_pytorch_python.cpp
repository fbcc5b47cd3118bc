// PyTorch export, checked by PyTorch itself (native only: it runs Debian's
// /usr/bin/python3 with python3-torch, which node cannot spawn; registered in
// tests/CMakeLists.txt outside the WebAssembly build).
//
// Every zoo network, an MLP and three networks that between them use every
// other layer type and argument form get random weights (PyTorch's init, a
// few train-mode forwards so BatchNorm's running statistics and
// num_batches_tracked move away from their defaults, then noise on every
// parameter so no γ is 1 and no bias 0). nnplay's eval-mode outputs on a
// random sample are stored beside the export; one Python process then imports
// each exported model.py, builds its Net, loads weights.npz with
// strict=True (and checks the state_dict's order), runs the sample and
// compares with nnplay's outputs (to 1e-4 of their scale). PyTorch computes
// independently of nnplay, so agreement is a real cross-check of the code
// and of every weight layout.
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
#include "support/golden.h"
#include "train/checkpoint.h"
#include "train/export_pytorch.h"
#include "train/import_onnx.h"

namespace nnplay::train {
namespace {

namespace fs = std::filesystem;

using Net = test::ExportNet;

std::vector<Net> networks() { return test::export_networks(); }

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

class ExportPython : public ::testing::Test {
 protected:
  void SetUp() override {
    if (access("/usr/bin/python3", X_OK) != 0) GTEST_SKIP() << "no /usr/bin/python3 (scripts/bootstrap installs it)";
    char tmpl[] = "/tmp/nnplay-export-XXXXXX";
    ASSERT_NE(mkdtemp(tmpl), nullptr);
    dir_ = tmpl;
  }
  void TearDown() override {
    if (!dir_.empty() && !HasFailure()) fs::remove_all(dir_);
    else if (!dir_.empty()) std::printf("exports kept in %s\n", dir_.c_str());
  }
  /// Runs /usr/bin/python3 with `args` in dir_; returns the exit code, output in *out.
  int python(const std::string& args, std::string* out) {
    const fs::path log = dir_ / "python.log";
    const std::string cmd = "cd '" + dir_.string() + "' && /usr/bin/python3 " + args + " > '" + log.string() + "' 2>&1";
    const int rc = std::system(cmd.c_str());
    *out = read_text(log);
    return WIFEXITED(rc) ? WEXITSTATUS(rc) : -1;
  }
  fs::path dir_;
};

TEST_F(ExportPython, PyTorchReproducesNnplayOnEveryZooNetworkAndLayerType) {
  std::vector<std::string> names;
  std::vector<std::pair<Tensor, Tensor>> samples;  // each network's sample input and nnplay's outputs
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
    auto files = export_pytorch(model, x, y, net.text);
    ASSERT_TRUE(files.ok()) << files.status().to_string();
    fs::create_directories(dir_ / net.name);
    for (const ExportFile& f : files.value()) {
      std::ofstream out(dir_ / net.name / f.name, std::ios::binary);
      out.write(reinterpret_cast<const char*>(f.bytes.data()), static_cast<std::streamsize>(f.bytes.size()));
    }
    names.push_back(net.name);
    samples.emplace_back(x, y);
  }
  // One interpreter for all (importing torch takes about a second): each
  // export's own load() and check().
  std::string driver =
      "import importlib.util, sys\n"
      "failed = []\n"
      "for name in sys.argv[1:]:\n"
      "    spec = importlib.util.spec_from_file_location('export_' + name, name + '/model.py')\n"
      "    m = importlib.util.module_from_spec(spec)\n"
      "    spec.loader.exec_module(m)\n"
      "    print(name + ':', end=' ')\n"
      "    try:\n"
      "        model = m.load(name + '/weights.npz')\n"
      "        keys = list(model.state_dict())\n"
      "        ok = m.check(model, name + '/sample.npz')\n"
      "    except Exception as e:\n"
      "        print('ERROR', type(e).__name__, e)\n"
      "        ok = False\n"
      "    if not ok:\n"
      "        failed.append(name)\n"
      "        continue\n"
      "    # The way back: PyTorch's own ONNX writer, for nnplay's importer (checked in C++).\n"
      "    try:\n"
      "        import numpy as np, torch\n"
      "        x = torch.from_numpy(np.load(name + '/sample.npz')['input'])\n"
      "        torch.onnx.export(model.eval(), x, name + '/torch.onnx', opset_version=13, input_names=['input'],\n"
      "                          output_names=['output'], dynamic_axes={'input': {0: 'N'}, 'output': {0: 'N'}})\n"
      "    except Exception as e:\n"
      "        print(name + ': torch.onnx.export ERROR', type(e).__name__, e)\n"
      "print('FAILED: ' + ' '.join(failed) if failed else 'ALL OK')\n"
      "sys.exit(1 if failed else 0)\n";
  std::ofstream(dir_ / "check_all.py") << driver;
  std::string args = "check_all.py", out;
  for (const std::string& n : names) args += " " + n;
  const int rc = python(args, &out);
  EXPECT_EQ(rc, 0) << out;
  for (const std::string& n : names) EXPECT_NE(out.find(n + ": 3 samples"), std::string::npos) << n << "\n" << out;
  std::printf("%s", out.c_str());

  // Every zoo network's ONNX file as torch.onnx.export writes it (from the
  // generated nn.Module) imports into nnplay and gives nnplay's own outputs.
  // The hand-made networks of rarer forms may be refused, naming the
  // operator: torch writes LayerNorm (sequences) as ReduceMean, Sub, Pow...;
  // F.pad before a 'same' convolution at stride 2 (conv_same_stride) and the
  // input feature columns (input_features) as computed shapes and Gathers;
  // and it cannot write padding='same' with dilation (attention_norms,
  // clip_3d) at all.
  for (size_t i = 0; i < names.size(); ++i) {
    const std::string& n = names[i];
    SCOPED_TRACE(n + " (torch.onnx.export, imported)");
    const bool rare = n == "attention_norms" || n == "clip_3d" || n == "sequences" || n == "conv_same_stride" ||
                      n == "input_features";
    std::ifstream in(dir_ / n / "torch.onnx", std::ios::binary);
    const std::vector<uint8_t> bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (bytes.empty() && rare) continue;
    ASSERT_FALSE(bytes.empty()) << "torch.onnx.export wrote nothing\n" << out;
    auto im = import_onnx(bytes, n + "/torch.onnx");
    if (!im.ok() && rare) {
      EXPECT_EQ(im.status().code(), ErrorCode::UNSUPPORTED) << im.status().message();
      std::printf("%s: refused: %s\n", n.c_str(), im.status().message().c_str());
      continue;
    }
    EXPECT_TRUE(im.ok()) << im.status().message();
    if (!im.ok()) continue;
    auto spec = nn::parse_model_spec(im.value().network);
    ASSERT_TRUE(spec.ok()) << spec.status().message() << "\nnetwork: " << im.value().network;
    nn::Model back;
    ASSERT_TRUE(back.build(spec.value(), im.value().input, 3).ok()) << im.value().network;
    Checkpoint ck;
    ck.input = im.value().input;
    ck.tensors = im.value().tensors;
    const Status loaded = load_weights(ck, back);
    ASSERT_TRUE(loaded.ok()) << loaded.message() << "\nnetwork: " << im.value().network;
    back.eval();
    EXPECT_TENSOR_NEAR(back.forward(samples[i].first), samples[i].second, 1e-4, 1e-4);
    std::printf("%s: imported back: %s\n", n.c_str(), im.value().network.substr(0, 160).c_str());
  }
}

TEST_F(ExportPython, ModelPyRunsOnItsOwnAndFailsOnWrongOutputs) {
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
  auto good = export_pytorch(model, x, y, "resnet");
  ASSERT_TRUE(good.ok());
  y[3] += 0.05f;  // one output off: the self-check must say so
  auto bad = export_pytorch(model, x, y, "resnet");
  ASSERT_TRUE(bad.ok());
  for (const auto& [sub, files] : {std::pair{"good", good.value()}, std::pair{"bad", bad.value()}}) {
    fs::create_directories(dir_ / sub);
    for (const ExportFile& f : files) {
      std::ofstream out(dir_ / sub / f.name, std::ios::binary);
      out.write(reinterpret_cast<const char*>(f.bytes.data()), static_cast<std::streamsize>(f.bytes.size()));
    }
  }
  std::string out;
  EXPECT_EQ(python("good/model.py", &out), 0) << out;
  EXPECT_NE(out.find(": OK"), std::string::npos) << out;
  EXPECT_NE(out.find("(s1_b0_conv1): Conv2d(4, 4, kernel_size=(3, 3)"), std::string::npos) << out;
  EXPECT_EQ(python("bad/model.py", &out), 1) << out;
  EXPECT_NE(out.find("MISMATCH"), std::string::npos) << out;
  EXPECT_NE(out.find("at (0, 3)"), std::string::npos) << out;  // the diff names the output that is off
}

}  // namespace
}  // namespace nnplay::train
