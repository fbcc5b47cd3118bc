// The op-case runner behind nnplay-op and the PyTorch goldens: parsing
// without exceptions (every malformed input is a Status naming what is
// wrong), parameter/buffer loading by PyTorch name, deterministic
// initialisation and dropout from the case's seed, and the result format.
#include "nn/op_case.h"

#include <gtest/gtest.h>

#include <cmath>

#include "nn/registry.h"

namespace nnplay::nn {
namespace {

ErrorCode parse_code(const std::string& text) { return parse_op_case(text).status().code(); }

ErrorCode run_code(const std::string& text) {
  auto c = parse_op_case(text);
  if (!c.ok()) return c.status().code();
  return run_op_case(c.value()).status().code();
}

const char* kLinear = R"({"op": "Linear", "args": {"out_features": 2},
  "inputs": [{"shape": [2, 3], "data": [1, 1, 1, 2, 0, -1]}],
  "params": {"weight": {"shape": [2, 3], "data": [1, 2, 3, -1, 0, 1]}, "bias": {"shape": [2], "data": [0.5, -0.5]}},
  "grad_output": {"shape": [2, 2], "data": [1, 0, 0, 1]}})";

TEST(OpCase, RunsALinearCaseWithGivenParameters) {
  auto c = parse_op_case(kLinear);
  ASSERT_TRUE(c.ok()) << c.status().to_string();
  auto r = run_op_case(c.value());
  ASSERT_TRUE(r.ok()) << r.status().to_string();
  const OpResult& res = r.value();
  EXPECT_EQ(res.describe, "Linear(3\u21922)");
  const float y[] = {6.5f, -0.5f, -0.5f, -3.5f};
  for (int i = 0; i < 4; ++i) EXPECT_FLOAT_EQ(res.output[i], y[i]);
  ASSERT_TRUE(res.has_grads);
  // dx = dy·W: row 0 = W[0], row 1 = W[1]; dW = dyᵀ·x: row 0 = x[0], row 1 = x[1].
  const float dx[] = {1, 2, 3, -1, 0, 1}, dw[] = {1, 1, 1, 2, 0, -1};
  for (int i = 0; i < 6; ++i) {
    EXPECT_FLOAT_EQ(res.grad_inputs[0][i], dx[i]);
    EXPECT_FLOAT_EQ(res.grad_params[0].second[i], dw[i]);
  }
  const nlohmann::json j = op_result_to_json(res);
  for (const char* key : {"op", "describe", "outputs", "params", "buffers", "grad_inputs", "grad_params"})
    EXPECT_TRUE(j.contains(key)) << key;
  EXPECT_EQ(j["outputs"][0]["shape"], nlohmann::json::array({2, 2}));
  EXPECT_EQ(j["grad_params"]["bias"]["data"], nlohmann::json::array({1.0, 1.0}));
}

TEST(OpCase, SeedDrivesInitialisationAndDropout) {
  const std::string conv = R"({"op": "Conv2d", "args": {"out_channels": "2", "kernel_size": [2, 1]}, "seed": 3,
    "inputs": [{"shape": [1, 1, 3, 2], "data": [1, 2, 3, 4, 5, 6]}]})";
  auto a = run_op_case(parse_op_case(conv).value()), b = run_op_case(parse_op_case(conv).value());
  ASSERT_TRUE(a.ok()) << a.status().to_string();
  EXPECT_EQ(a.value().output.storage(), b.value().output.storage());
  EXPECT_EQ(a.value().output.shape(), (Shape{1, 2, 2, 2}));
  EXPECT_FALSE(a.value().has_grads);  // no grad_output: forward only
  const std::string drop = R"({"op": "Dropout", "args": {"p": 0.5}, "seed": 9,
    "inputs": [{"shape": [1, 64], "data": [)" + [] {
    std::string s;
    for (int i = 0; i < 64; ++i) s += (i ? "," : "") + std::string("1");
    return s;
  }() + "]}]}";
  auto d1 = run_op_case(parse_op_case(drop).value()), d2 = run_op_case(parse_op_case(drop).value());
  ASSERT_TRUE(d1.ok()) << d1.status().to_string();
  EXPECT_EQ(d1.value().output.storage(), d2.value().output.storage());
  int zeros = 0;
  for (float v : d1.value().output.storage()) {
    EXPECT_TRUE(v == 0.0f || v == 2.0f);
    zeros += v == 0.0f;
  }
  EXPECT_GT(zeros, 10);
  EXPECT_LT(zeros, 54);
}

TEST(OpCase, BuffersLoadAndReportAfterTheStep) {
  auto r = run_op_case(parse_op_case(R"({"op": "BatchNorm1d", "mode": "train",
    "inputs": [{"shape": [2, 1], "data": [0, 2]}],
    "buffers": {"running_mean": {"shape": [1], "data": [1]}, "num_batches_tracked": {"shape": [], "data": [4]}}})")
                           .value());
  ASSERT_TRUE(r.ok()) << r.status().to_string();
  const NamedTensors& b = r.value().buffers;
  ASSERT_EQ(b.size(), 3u);
  EXPECT_FLOAT_EQ(b[0].second[0], 0.9f * 1 + 0.1f * 1);  // batch mean 1
  EXPECT_FLOAT_EQ(b[1].second[0], 0.9f * 1 + 0.1f * 2);  // unbiased batch variance 2
  EXPECT_FLOAT_EQ(b[2].second[0], 5.0f);
}

TEST(OpCase, MalformedCasesAreStatusValues) {
  EXPECT_EQ(parse_code("{\"op\": "), ErrorCode::PARSE_ERROR);
  EXPECT_EQ(parse_code("[1, 2]"), ErrorCode::PARSE_ERROR);
  EXPECT_EQ(parse_code(R"({"inputs": [{"shape": [1, 1], "data": [1]}]})"), ErrorCode::PARSE_ERROR);  // no op
  EXPECT_EQ(parse_code(R"({"op": "ReLU", "inputs": []})"), ErrorCode::PARSE_ERROR);
  EXPECT_EQ(parse_code(R"({"op": "ReLU", "inputs": [{"shape": [1, 2], "data": [1]}]})"), ErrorCode::PARSE_ERROR);
  EXPECT_EQ(parse_code(R"({"op": "ReLU", "inputs": [{"shape": [1, 1], "data": ["x"]}]})"), ErrorCode::PARSE_ERROR);
  EXPECT_EQ(parse_code(R"({"op": "ReLU", "inputs": [{"shape": [1, -1], "data": []}]})"), ErrorCode::PARSE_ERROR);
  EXPECT_EQ(parse_code(R"({"op": "ReLU", "inputs": [{"shape": [1, 1], "data": [1]}], "mode": "test"})"),
            ErrorCode::PARSE_ERROR);
  EXPECT_EQ(parse_code(R"({"op": "ReLU", "inputs": [{"shape": [1, 1], "data": [1]}], "seed": -1})"),
            ErrorCode::PARSE_ERROR);
  EXPECT_EQ(parse_code(R"({"op": "ReLU", "inputs": [{"shape": [1, 1], "data": [1]}], "grad": {}})"),
            ErrorCode::PARSE_ERROR);  // unknown key
  EXPECT_EQ(parse_code(R"({"op": "ReLU", "args": {"k": {"a": 1}}, "inputs": [{"shape": [1, 1], "data": [1]}]})"),
            ErrorCode::PARSE_ERROR);
  EXPECT_EQ(parse_code(R"({"op": 3, "inputs": [{"shape": [1, 1], "data": [1]}]})"), ErrorCode::PARSE_ERROR);
}

TEST(OpCase, RunErrorsNameWhatDoesNotFit) {
  EXPECT_EQ(run_code(R"({"op": "Conv9d", "inputs": [{"shape": [1, 1], "data": [1]}]})"), ErrorCode::INVALID_ARGUMENT);
  EXPECT_EQ(run_code(R"({"op": "Linear", "args": {"out_features": 2, "bias": "maybe"},
    "inputs": [{"shape": [1, 1], "data": [1]}]})"),
            ErrorCode::INVALID_ARGUMENT);
  EXPECT_EQ(run_code(R"({"op": "Linear", "args": {"out_features": 2}, "inputs": [{"shape": [1, 1], "data": [1]}],
    "params": {"kernel": {"shape": [2, 1], "data": [1, 2]}}})"),
            ErrorCode::NOT_FOUND);
  EXPECT_EQ(run_code(R"({"op": "Linear", "args": {"out_features": 2}, "inputs": [{"shape": [1, 1], "data": [1]}],
    "params": {"weight": {"shape": [1, 2], "data": [1, 2]}}})"),
            ErrorCode::SHAPE_MISMATCH);
  EXPECT_EQ(run_code(R"({"op": "ReLU", "inputs": [{"shape": [1, 2], "data": [1, 2]}],
    "grad_output": {"shape": [2, 1], "data": [1, 2]}})"),
            ErrorCode::SHAPE_MISMATCH);
  EXPECT_EQ(run_code(R"({"op": "Add", "inputs": [{"shape": [1, 2], "data": [1, 2]}, {"shape": [2, 1], "data": [1, 2]}]})"),
            ErrorCode::SHAPE_MISMATCH);  // different batch sizes
  EXPECT_EQ(run_code(R"({"op": "Add", "inputs": [{"shape": [1, 2], "data": [1, 2]}]})"), ErrorCode::INVALID_ARGUMENT);
  EXPECT_EQ(run_code(R"({"op": "ReLU", "inputs": [{"shape": [2], "data": [1, 2]}]})"), ErrorCode::SHAPE_MISMATCH);
  auto st = run_op_case(parse_op_case(R"({"op": "MaxPool2d", "args": {"kernel_size": 3},
    "inputs": [{"shape": [1, 1, 2, 2], "data": [1, 2, 3, 4]}]})")
                            .value())
                .status();
  EXPECT_EQ(st.code(), ErrorCode::SHAPE_MISMATCH);
  EXPECT_NE(st.message().find("MaxPool2d"), std::string::npos) << st.message();
  EXPECT_EQ(status_to_json(st)["error"]["code"], "SHAPE_MISMATCH");
}

TEST(OpCase, NonFiniteOutputsBecomeNull) {
  Tensor t(Shape{1, 2}, {1.0f, std::nanf("")});
  const nlohmann::json j = tensor_to_json(t);
  EXPECT_TRUE(j["data"][1].is_null());
  EXPECT_EQ(layer_types_to_json().size(), layer_types().size());
}

}  // namespace
}  // namespace nnplay::nn
