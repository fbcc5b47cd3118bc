// ONNX export (train/export_onnx.h): the protobuf writer's encoding, and the
// exported model read back with a minimal protobuf reader written here from
// onnx.proto's field numbers — structure, names, weight sizes and layouts,
// the test set, refusals. That ONNX Runtime computes nnplay's outputs from
// these files is checked by export_onnx_reference.cpp (native only).
#include "train/export_onnx.h"

#include <gtest/gtest.h>

#include <cstring>
#include <map>

#include "core/protobuf.h"
#include "nn/model_spec.h"
#include "nn/registry.h"
#include "nn/zoo.h"
#include "support/session_util.h"
#include "train/playground.h"
#include "train/session.h"

namespace nnplay::train {
namespace {

/// One protobuf message, decoded one level deep: per field number its
/// varints (wire type 0), fixed32s (5) and length-delimited payloads (2).
struct Msg {
  std::map<int, std::vector<uint64_t>> ints;
  std::map<int, std::vector<uint32_t>> fixed;
  std::map<int, std::vector<std::string>> bytes;

  static Msg parse(const std::string& b) {
    Msg m;
    size_t at = 0;
    auto varint = [&]() {
      uint64_t v = 0;
      for (int shift = 0; at < b.size(); shift += 7) {
        const uint8_t c = static_cast<uint8_t>(b[at++]);
        v |= uint64_t{c & 0x7fu} << shift;
        if (!(c & 0x80)) break;
      }
      return v;
    };
    while (at < b.size()) {
      const uint64_t tag = varint();
      const int field = static_cast<int>(tag >> 3), wire = static_cast<int>(tag & 7);
      if (wire == 0) {
        m.ints[field].push_back(varint());
      } else if (wire == 2) {
        const size_t n = static_cast<size_t>(varint());
        EXPECT_LE(at + n, b.size());
        m.bytes[field].push_back(b.substr(at, n));
        at += n;
      } else if (wire == 5) {
        uint32_t v;
        std::memcpy(&v, b.data() + at, 4);
        m.fixed[field].push_back(v);
        at += 4;
      } else {
        ADD_FAILURE() << "wire type " << wire;
        break;
      }
    }
    return m;
  }
  std::string str(int field) const { return bytes.count(field) ? bytes.at(field)[0] : ""; }
  std::vector<Msg> all(int field) const {
    std::vector<Msg> out;
    if (bytes.count(field))
      for (const std::string& s : bytes.at(field)) out.push_back(parse(s));
    return out;
  }
  int64_t i(int field) const { return ints.count(field) ? static_cast<int64_t>(ints.at(field)[0]) : 0; }
  std::vector<int64_t> ilist(int field) const {
    std::vector<int64_t> v;
    if (ints.count(field))
      for (uint64_t x : ints.at(field)) v.push_back(static_cast<int64_t>(x));
    return v;
  }
};

std::string as_string(const std::vector<uint8_t>& b) { return std::string(b.begin(), b.end()); }

const std::vector<uint8_t>& bytes_of(const std::vector<ExportFile>& files, const std::string& name) {
  static const std::vector<uint8_t> none;
  for (const ExportFile& f : files)
    if (f.name == name) return f.bytes;
  return none;
}

/// An exported model read back: ModelProto fields (onnx.proto: ir_version 1,
/// graph 7, opset_import 8), its GraphProto (node 1, initializer 5, input 11,
/// output 12), nodes (input 1, output 2, name 3, op_type 4) and initializers
/// (dims 1, data_type 2, name 8, raw_data 9).
struct Onnx {
  Msg model, graph;
  std::vector<Msg> nodes;
  std::map<std::string, Msg> inits;
  explicit Onnx(const std::vector<uint8_t>& bytes) {
    model = Msg::parse(as_string(bytes));
    graph = Msg::parse(model.str(7));
    nodes = graph.all(1);
    for (const Msg& t : graph.all(5)) inits[t.str(8)] = t;
  }
  const Msg* node(const std::string& name) const {
    for (const Msg& n : nodes)
      if (n.str(3) == name) return &n;
    return nullptr;
  }
  int count(const std::string& op) const {
    int k = 0;
    for (const Msg& n : nodes) k += n.str(4) == op;
    return k;
  }
  /// Elements of initializer `name` (from its raw_data: 4 bytes a float, 8 an int64).
  int64_t numel(const std::string& name) const {
    const Msg& t = inits.at(name);
    return static_cast<int64_t>(t.str(9).size()) / (t.i(2) == 7 ? 8 : 4);
  }
  std::vector<float> floats(const std::string& name) const {
    const std::string raw = inits.at(name).str(9);
    std::vector<float> v(raw.size() / 4);
    std::memcpy(v.data(), raw.data(), raw.size());
    return v;
  }
};

/// dims of a ValueInfoProto (name 1, type 2 -> TypeProto.tensor_type 1 ->
/// shape 2 -> dim 1 -> dim_value 1 | dim_param 2), dim_params as -1.
std::vector<int64_t> value_dims(const Msg& v, std::string* param) {
  const Msg tensor = Msg::parse(Msg::parse(v.str(2)).str(1));
  EXPECT_EQ(tensor.i(1), 1);  // elem_type FLOAT
  std::vector<int64_t> d;
  for (const Msg& dim : Msg::parse(tensor.str(2)).all(1)) {
    if (dim.bytes.count(2)) *param = dim.str(2), d.push_back(-1);
    else d.push_back(dim.i(1));
  }
  return d;
}

Result<nn::Model*> build(nn::Model* model, const std::string& text, const Shape& input, int outputs) {
  auto spec = text.find('(') != std::string::npos && nn::find_zoo(text.substr(0, text.find('(')))
                  ? nn::zoo_spec(text, input, outputs)
                  : nn::parse_model_spec(text, outputs);
  if (!spec.ok()) return spec.status();
  NNP_RETURN_IF_ERROR(model->build(spec.value(), input, 2));
  model->reset_parameters(1, nn::InitScheme::PyTorchDefault);
  model->eval();
  return model;
}

Result<std::vector<ExportFile>> export_text(nn::Model& model, const std::string& text, const Shape& input,
                                            int outputs) {
  auto built = build(&model, text, input, outputs);
  if (!built.ok()) return built.status();
  Tensor x(input.with_batch(2));
  for (int64_t i = 0; i < x.numel(); ++i) x[i] = static_cast<float>(i % 7) * 0.1f;
  const Tensor y = model.forward(x);
  return export_onnx(model, x, y, text);
}

TEST(ProtoWriter, EncodesProtobufsWireFormat) {
  ProtoWriter w;
  w.int64(1, 150);  // the encoding guide's example: 08 96 01
  EXPECT_EQ(w.data(), (std::vector<uint8_t>{0x08, 0x96, 0x01}));
  ProtoWriter neg;
  neg.int64(2, -1);  // int64 -1: ten bytes, all ones
  EXPECT_EQ(neg.data(), (std::vector<uint8_t>{0x10, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01}));
  ProtoWriter f;
  f.float32(2, 1.0f);  // tag 2 << 3 | 5, then 0x3f800000 little-endian
  EXPECT_EQ(f.data(), (std::vector<uint8_t>{0x15, 0x00, 0x00, 0x80, 0x3f}));
  ProtoWriter s;
  s.string(2, "testing");  // the guide's example: 12 07 74 65 73 74 69 6e 67
  EXPECT_EQ(s.data(), (std::vector<uint8_t>{0x12, 0x07, 't', 'e', 's', 't', 'i', 'n', 'g'}));
  ProtoWriter m;
  m.message(3, w);  // embedded: 1a 03 08 96 01
  EXPECT_EQ(m.data(), (std::vector<uint8_t>{0x1a, 0x03, 0x08, 0x96, 0x01}));
}

TEST(ExportOnnx, EveryLayerTypeOfTheRegistryHasAnOnnxForm) {
  for (const nn::LayerType& t : nn::layer_types()) EXPECT_TRUE(exports_to_onnx(t.name)) << t.name;
  EXPECT_FALSE(exports_to_onnx("Transformer"));
}

TEST(ExportOnnx, ResNetIsOpset13WithNnplaysNamesAndEveryWeight) {
  nn::Model model;
  auto files = export_text(model, "resnet(depth=8,width=4)", Shape{1, 1, 12, 12}, 10);
  ASSERT_TRUE(files.ok()) << files.status().to_string();
  ASSERT_EQ(files.value().size(), 3u);
  const Onnx onnx(bytes_of(files.value(), "model.onnx"));
  EXPECT_EQ(onnx.model.i(1), 7);  // ir_version
  const Msg opset = Msg::parse(onnx.model.str(8));
  EXPECT_EQ(opset.str(1), "");  // the default domain
  EXPECT_EQ(opset.i(2), 13);
  std::string param;
  EXPECT_EQ(Msg::parse(onnx.graph.str(11)).str(1), "input");
  EXPECT_EQ(value_dims(Msg::parse(onnx.graph.str(11)), &param), (std::vector<int64_t>{-1, 1, 12, 12}));
  EXPECT_EQ(param, "N");
  EXPECT_EQ(Msg::parse(onnx.graph.str(12)).str(1), "output");
  EXPECT_EQ(value_dims(Msg::parse(onnx.graph.str(12)), &param), (std::vector<int64_t>{-1, 10}));
  // Every parameter and buffer, under "<node>.<name>", as many floats as nnplay has.
  int64_t params = 0;
  for (const nn::Node& node : model.nodes()) {
    if (!node.layer) continue;
    for (const ParamRef& p : node.layer->params()) {
      const std::string name = node.name + "." + p.id.name;
      ASSERT_TRUE(onnx.inits.count(name)) << name;
      EXPECT_EQ(onnx.numel(name), p.value->numel()) << name;
      EXPECT_EQ(onnx.floats(name)[0], (*p.value)[0]) << name;
      params += p.value->numel();
    }
    for (const BufferRef& b : node.layer->buffers())
      if (std::string(b.name) != "num_batches_tracked") EXPECT_TRUE(onnx.inits.count(node.name + "." + b.name)) << b.name;
  }
  EXPECT_EQ(params, model.num_params());
  const Msg* conv = onnx.node("s1.b0.conv1");
  ASSERT_NE(conv, nullptr);
  EXPECT_EQ(conv->str(4), "Conv");
  EXPECT_EQ(conv->bytes.at(1)[1], "s1.b0.conv1.weight");
  EXPECT_EQ(onnx.inits.at("s1.b0.conv1.weight").ilist(1), (std::vector<int64_t>{4, 4, 3, 3}));  // (out, in/groups, kH, kW)
  EXPECT_EQ(onnx.count("BatchNormalization"), onnx.count("Conv"));  // every conv of this ResNet has its BN
  EXPECT_GE(onnx.count("Add"), 3);                                  // the skips
  EXPECT_EQ(onnx.count("GlobalAveragePool"), 1);
  EXPECT_EQ(onnx.nodes.back().str(2), "output");
}

TEST(ExportOnnx, TheTestSetHoldsTheSampleAndNnplaysOutputs) {
  nn::Model model;
  ASSERT_TRUE(build(&model, "Linear(out_features=3);Tanh", Shape{1, 4}, 3).ok());
  Tensor x(Shape{2, 4});
  for (int64_t i = 0; i < x.numel(); ++i) x[i] = 0.25f * static_cast<float>(i) - 1;
  const Tensor y = model.forward(x);
  auto files = export_onnx(model, x, y, "mlp");
  ASSERT_TRUE(files.ok());
  EXPECT_EQ(files.value()[1].name, "test_data_set_0/input_0.pb");
  EXPECT_EQ(files.value()[2].name, "test_data_set_0/output_0.pb");
  for (const auto& [file, name, t] : {std::tuple{1, "input", static_cast<const Tensor*>(&x)}, std::tuple{2, "output", &y}}) {
    const Msg tensor = Msg::parse(as_string(files.value()[static_cast<size_t>(file)].bytes));
    EXPECT_EQ(tensor.str(8), name);
    EXPECT_EQ(tensor.i(2), 1);  // FLOAT
    EXPECT_EQ(tensor.ilist(1), (std::vector<int64_t>{t->dim(0), t->dim(1)}));
    ASSERT_EQ(tensor.str(9).size(), static_cast<size_t>(t->numel()) * 4);
    EXPECT_EQ(std::memcmp(tensor.str(9).data(), t->data(), tensor.str(9).size()), 0);
  }
  const Onnx onnx(bytes_of(files.value(), "model.onnx"));
  EXPECT_EQ(onnx.count("Gemm"), 1);
  EXPECT_EQ(onnx.count("Tanh"), 1);
  EXPECT_NE(onnx.model.str(6).find("mlp"), std::string::npos);  // doc_string
}

TEST(ExportOnnx, LstmGatesAreReorderedToOnnxsIofcAndBiasesJoined) {
  nn::Model model;
  auto files = export_text(model, "lstm1:LSTM(hidden_size=3);SelectLast;Linear(out_features=2)", Shape{1, 5, 2}, 2);
  ASSERT_TRUE(files.ok()) << files.status().to_string();
  const Onnx onnx(bytes_of(files.value(), "model.onnx"));
  ASSERT_EQ(onnx.count("LSTM"), 1);
  EXPECT_EQ(onnx.count("Transpose"), 2);  // batch-first in and out
  const nn::Node& node = model.nodes()[1];
  const Tensor* w = nullptr;
  const Tensor* bih = nullptr;
  for (const ParamRef& p : node.layer->params()) {
    if (std::string(p.id.name) == "weight_ih_l0") w = p.value;
    if (std::string(p.id.name) == "bias_ih_l0") bih = p.value;
  }
  ASSERT_TRUE(w && bih);
  const int h = 3, d = 2;
  EXPECT_EQ(onnx.inits.at("lstm1.weight_ih_l0").ilist(1), (std::vector<int64_t>{1, 4 * h, d}));
  const std::vector<float> ow = onnx.floats("lstm1.weight_ih_l0");
  // ONNX block k holds nnplay's (PyTorch's i, f, g, o) block {i, o, f, g}[k].
  const int from[4] = {0, 3, 1, 2};
  for (int k = 0; k < 4; ++k)
    for (int j = 0; j < h * d; ++j) EXPECT_EQ(ow[static_cast<size_t>(k * h * d + j)], (*w)[from[k] * h * d + j]) << k;
  EXPECT_EQ(onnx.inits.at("lstm1.bias_l0").ilist(1), (std::vector<int64_t>{1, 8 * h}));
  EXPECT_EQ(onnx.floats("lstm1.bias_l0")[static_cast<size_t>(h)], (*bih)[3 * h]);  // o's first bias
}

TEST(ExportOnnx, OpsetThirteenFormsOfGeluLayerNormAndUpsample) {
  nn::Model model;
  auto files = export_text(model, "c:Conv2d(out_channels=2,kernel_size=3,padding=same);GELU;ln:LayerNorm;"
                                  "up:Upsample(scale_factor=2);Flatten;Linear(out_features=2)",
                           Shape{1, 1, 4, 4}, 2);
  ASSERT_TRUE(files.ok()) << files.status().to_string();
  const Onnx onnx(bytes_of(files.value(), "model.onnx"));
  EXPECT_EQ(onnx.count("Erf"), 1);         // x·½(1 + erf(x/√2)): nnplay's exact GELU
  EXPECT_EQ(onnx.count("ReduceMean"), 2);  // LayerNorm's mean and variance
  EXPECT_EQ(onnx.inits.at("ln.weight").ilist(1), (std::vector<int64_t>{2, 4, 4}));  // normalized_shape
  EXPECT_EQ(onnx.count("Resize"), 1);
  EXPECT_EQ(onnx.count("Reshape"), 1);  // Flatten (Linear then reads (N, D) as is)
  const Msg* conv = onnx.node("c");
  ASSERT_NE(conv, nullptr);
  for (const Msg& a : conv->all(5))
    if (a.str(1) == "pads") EXPECT_EQ(a.ilist(8), (std::vector<int64_t>{1, 1, 1, 1}));  // "same", 3x3
}

TEST(ExportOnnx, WhatHasNoFaithfulFormIsRefusedNamingTheNode) {
  nn::Model model;
  auto files = export_text(model, "Conv2d(out_channels=2,kernel_size=3);pool:AdaptiveAvgPool2d(output_size=4);"
                                  "Flatten;Linear(out_features=2)",
                           Shape{1, 1, 7, 7}, 2);  // 5x5 into 4x4: overlapping bins
  ASSERT_FALSE(files.ok());
  EXPECT_EQ(files.status().code(), ErrorCode::UNSUPPORTED);
  EXPECT_NE(files.status().message().find("layer 2 'pool' (AdaptiveAvgPool2d)"), std::string::npos)
      << files.status().message();
  // Dividing evenly: a plain AveragePool.
  nn::Model even;
  auto ok = export_text(even, "AdaptiveAvgPool2d(output_size=2);Flatten;Linear(out_features=2)", Shape{1, 1, 6, 6}, 2);
  ASSERT_TRUE(ok.ok()) << ok.status().to_string();
  EXPECT_EQ(Onnx(bytes_of(ok.value(), "model.onnx")).count("AveragePool"), 1);
}

TEST(ExportOnnx, ASampleThatDoesNotFitIsRefused) {
  nn::Model model;
  ASSERT_TRUE(build(&model, "Linear(out_features=2)", Shape{1, 3}, 2).ok());
  Tensor x(Shape{1, 4}), y(Shape{1, 2});
  EXPECT_EQ(export_onnx(model, x, y, "").status().code(), ErrorCode::SHAPE_MISMATCH);
  Tensor x3(Shape{1, 3}), y3(Shape{1, 3});
  EXPECT_EQ(export_onnx(model, x3, y3, "").status().code(), ErrorCode::SHAPE_MISMATCH);
  nn::Model empty;
  EXPECT_EQ(export_onnx(empty, x3, y3, "").status().code(), ErrorCode::NOT_READY);
}

TEST(ExportOnnx, FromASessionAndThroughTheCommand) {
  Session s;
  ASSERT_TRUE(s.apply(test::set({{"dataset", "spiral"}, {"layers", "6:relu"}}, Action::Step, 5)).ok());
  auto files = export_onnx(s, 3);
  ASSERT_TRUE(files.ok()) << files.status().to_string();
  const Msg in = Msg::parse(as_string(bytes_of(files.value(), "test_data_set_0/input_0.pb")));
  EXPECT_EQ(in.ilist(1)[0], 3);
  EXPECT_NE(Onnx(bytes_of(files.value(), "model.onnx")).model.str(6).find("trained on spiral"), std::string::npos);
  auto zip = export_zip(files.value(), "spiral-onnx");
  ASSERT_TRUE(zip.ok());

  Playground play;
  ASSERT_TRUE(play.command(R"({"dataset": "xor", "layers": "4:tanh", "action": "step", "steps": 3})").ok());
  const nlohmann::json reply = nlohmann::json::parse(play.command_reply(R"({"export": "onnx"})"));
  ASSERT_TRUE(reply["ok"].get<bool>()) << reply.dump();
  ASSERT_EQ(reply["files"].size(), 3u);
  EXPECT_EQ(reply["files"][0]["name"], "model.onnx");
  EXPECT_EQ(reply["files"][0]["base64"].get<std::string>().substr(0, 2), "CA");  // 08: field 1 (ir_version), varint
  EXPECT_EQ(reply["files"][1]["name"], "test_data_set_0/input_0.pb");
  EXPECT_EQ(reply["status"]["step"], 3);
  EXPECT_EQ(play.command(R"({"export": "onnx", "opset": 17})").code(), ErrorCode::INVALID_ARGUMENT);
  // 'nnplay': the model file, as window.nnplay.export('nnplay') hands it out.
  const nlohmann::json nnp = nlohmann::json::parse(play.command_reply(R"({"export": "nnplay"})"));
  ASSERT_TRUE(nnp["ok"].get<bool>()) << nnp.dump();
  ASSERT_EQ(nnp["files"].size(), 1u);
  EXPECT_EQ(nnp["files"][0]["name"], "model.nnp");
  EXPECT_EQ(nnp["files"][0]["base64"].get<std::string>().substr(0, 8), "Tk5QTEFZ");  // base64 of "NNPLAY"
  EXPECT_EQ(play.command(R"({"export": "keras"})").code(), ErrorCode::INVALID_ARGUMENT);
}

}  // namespace
}  // namespace nnplay::train
