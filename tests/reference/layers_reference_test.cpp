// The layers of src/nn/ against PyTorch 1.13 (tests/reference/gen_layers.py
// -> layers_<family>.json). Every case runs through the engine's op-case
// runner (nn/op_case.h), the same code as the nnplay-op CLI: outputs, input
// gradients, parameter gradients and buffers after the step (BatchNorm's
// running statistics in train mode; eval-mode outputs from given running
// statistics). Prints the largest absolute error of every case.
//
// Tolerance: |ours − torch| <= atol + rtol·|torch| with atol 1e-5, rtol 1e-4
// unless a case says otherwise: float32 sums in a different order (im2col +
// GEMM vs PyTorch's kernels, double-accumulated statistics) differ by a few
// ulps of the largest intermediate.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>

#include "nn/op_case.h"
#include "support/golden.h"

namespace nnplay {
namespace {

using nlohmann::json;

constexpr double kAtol = 1e-5, kRtol = 1e-4;

struct Compared {
  double max_abs = 0;
  int tensors = 0;
};

void compare(const Tensor& actual, const json& expected_json, const std::string& what, double atol, double rtol,
             Compared* c) {
  auto expected = nn::tensor_from_json(expected_json, what);
  ASSERT_TRUE(expected.ok()) << expected.status().to_string();
  ASSERT_EQ(actual.numel(), expected.value().numel()) << what << ": " << actual.shape().str() << " vs "
                                                      << expected.value().shape().str();
  EXPECT_TENSOR_NEAR(actual, expected.value(), atol, rtol);
  for (int64_t i = 0; i < actual.numel(); ++i)
    c->max_abs = std::max(c->max_abs, std::abs(double(actual[i]) - expected.value()[i]));
  ++c->tensors;
}

const Tensor* find(const nn::NamedTensors& ts, const std::string& name) {
  for (const auto& [n, t] : ts)
    if (n == name) return &t;
  return nullptr;
}

void run_family(const char* file) {
  auto golden = test::load_golden(file);
  ASSERT_TRUE(golden.ok()) << golden.status().to_string();
  const json& cases = golden.value()["cases"];
  ASSERT_TRUE(cases.is_array());
  ASSERT_GT(cases.size(), 0u);
  for (const json& jc : cases) {
    const std::string name = jc["name"].get<std::string>();
    SCOPED_TRACE(std::string(file) + ": " + name);
    auto c = nn::op_case_from_json(jc);
    ASSERT_TRUE(c.ok()) << c.status().to_string();
    auto r = nn::run_op_case(c.value());
    ASSERT_TRUE(r.ok()) << r.status().to_string();
    const nn::OpResult& res = r.value();
    double atol = kAtol, rtol = kRtol;
    if (jc.contains("tolerance")) {
      atol = jc["tolerance"]["atol"].get<double>();
      rtol = jc["tolerance"]["rtol"].get<double>();
    }
    const json& e = jc["expected"];
    Compared cmp;
    compare(res.output, e["outputs"][0], "outputs[0]", atol, rtol, &cmp);
    ASSERT_TRUE(res.has_grads);
    ASSERT_EQ(res.grad_inputs.size(), e["grad_inputs"].size());
    for (size_t k = 0; k < res.grad_inputs.size(); ++k)
      compare(res.grad_inputs[k], e["grad_inputs"][k], "grad_inputs[" + std::to_string(k) + "]", atol, rtol, &cmp);
    EXPECT_EQ(res.grad_params.size(), e["grad_params"].size()) << "parameter count differs from PyTorch";
    for (auto it = e["grad_params"].begin(); it != e["grad_params"].end(); ++it) {
      const Tensor* g = find(res.grad_params, it.key());
      ASSERT_NE(g, nullptr) << "no parameter " << it.key();
      compare(*g, it.value(), "grad_params." + it.key(), atol, rtol, &cmp);
    }
    EXPECT_EQ(res.buffers.size(), e["buffers"].size()) << "buffer count differs from PyTorch";
    for (auto it = e["buffers"].begin(); it != e["buffers"].end(); ++it) {
      const Tensor* b = find(res.buffers, it.key());
      ASSERT_NE(b, nullptr) << "no buffer " << it.key();
      compare(*b, it.value(), "buffers." + it.key(), atol, rtol, &cmp);
    }
    std::printf("  %-16s %-42s %2d tensors, max |err| %.2e\n", file, name.c_str(), cmp.tensors, cmp.max_abs);
  }
}

TEST(LayersReference, Convolutions) { run_family("layers_conv.json"); }
TEST(LayersReference, PoolingAndResampling) { run_family("layers_pool.json"); }
TEST(LayersReference, NormalisationAndDropout) { run_family("layers_norm.json"); }
TEST(LayersReference, Activations) { run_family("layers_act.json"); }
TEST(LayersReference, GraphJointsAndAttention) { run_family("layers_graph.json"); }
TEST(LayersReference, Sequences) { run_family("layers_rnn.json"); }

}  // namespace
}  // namespace nnplay
