// PyTorch export (train/export_pytorch.h) without Python: the NumPy/zip
// bytes against their specifications, the names and code written, and the
// refusals. PyTorch's own verdict is in export_pytorch_python.cpp (native).
#include "train/export_pytorch.h"

#include <gtest/gtest.h>

#include <cstring>

#include "nn/model_spec.h"
#include "nn/registry.h"
#include "nn/zoo.h"
#include "support/session_util.h"
#include "train/npz.h"
#include "train/playground.h"
#include "train/session.h"

namespace nnplay::train {
namespace {

uint32_t u32(const std::vector<uint8_t>& b, size_t at) {
  return uint32_t{b[at]} | uint32_t{b[at + 1]} << 8 | uint32_t{b[at + 2]} << 16 | uint32_t{b[at + 3]} << 24;
}
uint32_t u16(const std::vector<uint8_t>& b, size_t at) { return uint32_t{b[at]} | uint32_t{b[at + 1]} << 8; }

/// The names of a zip's entries, read through its central directory, and
/// each entry's bytes checked against the CRC the directory gives.
std::vector<std::string> zip_names(const std::vector<uint8_t>& z) {
  std::vector<std::string> names;
  const size_t end = z.size() - 22;
  EXPECT_EQ(u32(z, end), 0x06054b50u);
  size_t at = u32(z, end + 16);
  for (uint32_t k = 0; k < u16(z, end + 10); ++k) {
    EXPECT_EQ(u32(z, at), 0x02014b50u);
    const uint32_t size = u32(z, at + 24), name_len = u16(z, at + 28), local = u32(z, at + 42);
    names.emplace_back(reinterpret_cast<const char*>(&z[at + 46]), name_len);
    const size_t data = local + 30 + name_len;
    EXPECT_EQ(crc32(std::span<const uint8_t>(&z[data], size)), u32(z, at + 16)) << names.back();
    at += 46 + name_len;
  }
  return names;
}

std::string text_of(const std::vector<ExportFile>& files, const std::string& name) {
  for (const ExportFile& f : files)
    if (f.name == name) return std::string(f.bytes.begin(), f.bytes.end());
  return "";
}

const std::vector<uint8_t>& bytes_of(const std::vector<ExportFile>& files, const std::string& name) {
  static const std::vector<uint8_t> none;
  for (const ExportFile& f : files)
    if (f.name == name) return f.bytes;
  return none;
}

Result<std::vector<ExportFile>> export_zoo(const std::string& text, const Shape& input, int outputs) {
  auto spec = nn::zoo_spec(text, input, outputs);
  if (!spec.ok()) return spec.status();
  nn::Model model;
  NNP_RETURN_IF_ERROR(model.build(spec.value(), input, 2));
  model.reset_parameters(1, nn::InitScheme::PyTorchDefault);
  model.eval();
  Tensor x(input.with_batch(2));
  const Tensor y = model.forward(x);
  return export_pytorch(model, x, y, text);
}

TEST(Npz, Crc32IsZlibs) {
  const char* s = "123456789";
  EXPECT_EQ(crc32(std::span<const uint8_t>(reinterpret_cast<const uint8_t*>(s), 9)), 0xCBF43926u);
}

TEST(Npz, NpyHeaderIsNumpysFormat1) {
  NpyArray a{"w", {2, 3}, {1, 2, 3, 4, 5, 6}, {}, false};
  auto b = npy_bytes(a);
  ASSERT_TRUE(b.ok());
  const std::vector<uint8_t>& v = b.value();
  ASSERT_EQ(std::memcmp(v.data(), "\x93NUMPY\x01\x00", 8), 0);
  const size_t header = u16(v, 8);
  EXPECT_EQ((10 + header) % 64, 0u);
  const std::string h(v.begin() + 10, v.begin() + 10 + static_cast<long>(header));
  EXPECT_EQ(h.substr(0, h.find('}') + 1), "{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }");
  EXPECT_EQ(h.back(), '\n');
  EXPECT_EQ(v.size(), 10 + header + 6 * sizeof(float));
  float last = 0;
  std::memcpy(&last, v.data() + v.size() - 4, 4);
  EXPECT_EQ(last, 6.0f);
  NpyArray scalar{"n", {}, {}, {7}, true};
  auto s = npy_bytes(scalar);
  ASSERT_TRUE(s.ok());
  EXPECT_NE(std::string(s.value().begin(), s.value().end()).find("'descr': '<i8', 'fortran_order': False, 'shape': (), }"),
            std::string::npos);
  NpyArray vec{"b", {4}, {1, 2, 3, 4}, {}, false};
  auto one = npy_bytes(vec);
  ASSERT_TRUE(one.ok());
  EXPECT_NE(std::string(one.value().begin(), one.value().end()).find("'shape': (4,), }"), std::string::npos);
  NpyArray wrong{"w", {2, 3}, {1, 2}, {}, false};
  EXPECT_EQ(npy_bytes(wrong).status().code(), ErrorCode::INVALID_ARGUMENT);
}

TEST(Npz, ZipListsEveryArrayInOrderWithItsCrc) {
  std::vector<NpyArray> arrays = {{"conv1.weight", {1}, {1}, {}, false}, {"bn.num_batches_tracked", {}, {}, {3}, true}};
  auto z = npz_bytes(arrays);
  ASSERT_TRUE(z.ok());
  EXPECT_EQ(zip_names(z.value()), (std::vector<std::string>{"conv1.weight.npy", "bn.num_batches_tracked.npy"}));
}

TEST(ExportPyTorch, EveryLayerTypeOfTheRegistryHasAPyTorchForm) {
  for (const nn::LayerType& t : nn::layer_types()) EXPECT_TRUE(exports_to_pytorch(t.name)) << t.name;
  EXPECT_FALSE(exports_to_pytorch("Mystery"));
}

TEST(ExportPyTorch, ResNetWritesSkipsAsCodeAndPyTorchNames) {
  auto files = export_zoo("resnet(depth=8,se=true,width=4)", Shape{1, 1, 12, 12}, 10);
  ASSERT_TRUE(files.ok()) << files.status().to_string();
  const std::string py = text_of(files.value(), "model.py");
  EXPECT_NE(py.find("class Net(nn.Module):"), std::string::npos);
  EXPECT_NE(py.find("class SqueezeExcitation(nn.Module):"), std::string::npos);
  EXPECT_EQ(py.find("class CBAM("), std::string::npos);  // only the classes the network uses
  EXPECT_NE(py.find("self.stem_conv = nn.Conv2d(1, 4, kernel_size=3, padding=1, bias=False)"), std::string::npos) << py;
  EXPECT_NE(py.find("self.s1_b0_bn1 = nn.BatchNorm2d(4)"), std::string::npos) << py;
  EXPECT_NE(py.find("self.s2_b0_proj = nn.Conv2d(4, 8, kernel_size=1, stride=2, bias=False)"), std::string::npos) << py;
  EXPECT_NE(py.find("self.s1_b0_se = SqueezeExcitation(4, 1)"), std::string::npos) << py;
  EXPECT_NE(py.find("identity = x"), std::string::npos) << py;
  EXPECT_NE(py.find("x = x + identity"), std::string::npos) << py;
  EXPECT_NE(py.find("identity = self.s2_b0_proj(identity)"), std::string::npos) << py;
  EXPECT_NE(py.find("identity = self.s2_b0_proj_bn(identity)"), std::string::npos) << py;
  const std::vector<std::string> keys = zip_names(bytes_of(files.value(), "weights.npz"));
  ASSERT_GE(keys.size(), 7u);
  EXPECT_EQ(keys[0], "stem_conv.weight.npy");
  EXPECT_EQ(std::vector<std::string>(keys.begin() + 1, keys.begin() + 6),
            (std::vector<std::string>{"stem_bn.weight.npy", "stem_bn.bias.npy", "stem_bn.running_mean.npy",
                                      "stem_bn.running_var.npy", "stem_bn.num_batches_tracked.npy"}));
  EXPECT_EQ(zip_names(bytes_of(files.value(), "sample.npz")), (std::vector<std::string>{"input.npy", "output.npy"}));
}

TEST(ExportPyTorch, UNetConcatenatesWithTorchCat) {
  auto files = export_zoo("unet", Shape{1, 1, 16, 16}, 3);
  ASSERT_TRUE(files.ok()) << files.status().to_string();
  const std::string py = text_of(files.value(), "model.py");
  EXPECT_NE(py.find("torch.cat([x, "), std::string::npos) << py;
  EXPECT_NE(py.find("nn.ConvTranspose2d("), std::string::npos) << py;
}

TEST(ExportPyTorch, UnnamedLayersGetPyTorchStyleNamesAndLstmIsBatchFirst) {
  auto spec = nn::parse_model_spec("LSTM(hidden_size=6,forget_bias=1);SelectLast;Linear(out_features=3)", 3);
  ASSERT_TRUE(spec.ok());
  nn::Model model;
  ASSERT_TRUE(model.build(spec.value(), Shape{1, 5, 2}, 1).ok());
  model.eval();
  Tensor x(Shape{1, 5, 2});
  const Tensor y = model.forward(x);
  auto files = export_pytorch(model, x, y, "lstm");
  ASSERT_TRUE(files.ok()) << files.status().to_string();
  const std::string py = text_of(files.value(), "model.py");
  EXPECT_NE(py.find("self.lstm1 = nn.LSTM(2, 6, batch_first=True)"), std::string::npos) << py;
  EXPECT_NE(py.find("x, _ = self.lstm1(x)"), std::string::npos) << py;
  EXPECT_NE(py.find("x = x[:, -1]"), std::string::npos) << py;
  EXPECT_NE(py.find("self.fc3 = nn.Linear(6, 3)"), std::string::npos) << py;
  EXPECT_EQ(zip_names(bytes_of(files.value(), "weights.npz")),
            (std::vector<std::string>{"lstm1.weight_ih_l0.npy", "lstm1.weight_hh_l0.npy", "lstm1.bias_ih_l0.npy",
                                      "lstm1.bias_hh_l0.npy", "fc3.weight.npy", "fc3.bias.npy"}));
}

TEST(ExportPyTorch, ASampleThatDoesNotFitIsRefused) {
  auto spec = nn::parse_model_spec("Linear(out_features=2)", 2);
  ASSERT_TRUE(spec.ok());
  nn::Model model;
  ASSERT_TRUE(model.build(spec.value(), Shape{1, 3}, 1).ok());
  Tensor x(Shape{1, 4}), y(Shape{1, 2});
  EXPECT_EQ(export_pytorch(model, x, y, "").status().code(), ErrorCode::SHAPE_MISMATCH);
  Tensor x1(Shape{1, 3}), y1(Shape{1, 2});
  auto odd = export_pytorch(model, x1, y1, "net\"\"\" \\ \xff");  // a user's text cannot end the docstring
  ASSERT_TRUE(odd.ok());
  const std::string py = text_of(odd.value(), "model.py");
  EXPECT_EQ(py.substr(0, py.find('\n')), "\"\"\"net??? ? ?, exported by nnplay as a PyTorch nn.Module.");
  Tensor x3(Shape{1, 3}), y3(Shape{1, 3});
  EXPECT_EQ(export_pytorch(model, x3, y3, "").status().code(), ErrorCode::SHAPE_MISMATCH);
}

TEST(ExportPyTorch, FromASessionUsesItsValidationSamplesAndOutputs) {
  Session s;
  ASSERT_TRUE(s.apply(test::set({{"dataset", "spiral"}, {"layers", "6:relu"}}, Action::Step, 5)).ok());
  auto files = export_pytorch(s, 3);
  ASSERT_TRUE(files.ok()) << files.status().to_string();
  ASSERT_EQ(files.value().size(), 3u);
  EXPECT_NE(text_of(files.value(), "model.py").find("trained on spiral"), std::string::npos);
  auto zip = export_zip(files.value(), "spiral-pytorch");
  ASSERT_TRUE(zip.ok());
  EXPECT_EQ(zip_names(zip.value()), (std::vector<std::string>{"spiral-pytorch/model.py", "spiral-pytorch/weights.npz",
                                                              "spiral-pytorch/sample.npz"}));
}

TEST(ExportPyTorch, TheCommandPathRepliesWithTheFilesAndChangesNothing) {
  Playground play;
  ASSERT_TRUE(play.command(R"({"dataset": "xor", "layers": "4:tanh", "action": "step", "steps": 3})").ok());
  const float w = (*play.session().model().params()[0].value)[0];
  const nlohmann::json reply = nlohmann::json::parse(play.command_reply(R"({"export": "pytorch"})"));
  ASSERT_TRUE(reply["ok"].get<bool>()) << reply.dump();
  ASSERT_EQ(reply["files"].size(), 3u);
  EXPECT_EQ(reply["files"][0]["name"], "model.py");
  EXPECT_NE(reply["files"][0]["text"].get<std::string>().find("class Net(nn.Module):"), std::string::npos);
  EXPECT_EQ(reply["files"][1]["name"], "weights.npz");
  EXPECT_EQ(reply["files"][1]["base64"].get<std::string>().substr(0, 4), "UEsD");  // "PK\x03"
  EXPECT_EQ(reply["status"]["step"], 3);
  EXPECT_EQ((*play.session().model().params()[0].value)[0], w);
  EXPECT_EQ(play.command(R"({"export": "tflite"})").code(), ErrorCode::INVALID_ARGUMENT);
  EXPECT_EQ(play.command(R"({"export": "pytorch", "lr": 0.1})").code(), ErrorCode::INVALID_ARGUMENT);
  EXPECT_EQ(play.command(R"({"export": 1})").code(), ErrorCode::PARSE_ERROR);
  const nlohmann::json refused = nlohmann::json::parse(play.command_reply(R"({"export": "keras"})"));
  EXPECT_FALSE(refused["ok"].get<bool>());
  EXPECT_NE(refused["error"].get<std::string>().find("INVALID_ARGUMENT"), std::string::npos);
}

}  // namespace
}  // namespace nnplay::train
