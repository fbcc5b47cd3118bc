// Add and Mul: closed forms, both inputs receive (accumulated) gradients,
// shape errors, the shared gradient checker, and a residual block built as a
// small DAG in a Model (y = P(x) + Conv(Tanh(Conv(x))), with a 1x1 Conv2d
// projection P on the skip path because the channel count changes). Tanh, not
// ReLU, so the whole-model finite differences meet no kinks.
#include "nn/add.h"

#include <gtest/gtest.h>

#include "layer_test_util.h"
#include "loss/loss.h"
#include "nn/model.h"

namespace nnplay::nn {
namespace {

TEST(Add, ClosedFormsAndShapeErrors) {
  Tensor a(Shape{1, 3}, {1, 2, 3}), b(Shape{1, 3}, {10, 20, 30});
  auto add = test::make("Add", {});
  auto mul = test::make("Mul", {});
  Tensor s = test::forward(*add, {a, b}), p = test::forward(*mul, {a, b});
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(s[i], a[i] + b[i]);
    EXPECT_EQ(p[i], a[i] * b[i]);
  }
  EXPECT_EQ(add->num_inputs(), 2);
  Shape out;
  EXPECT_EQ(test::setup(*add, {Tensor(Shape{1, 3}), Tensor(Shape{1, 4})}, &out).code(), ErrorCode::SHAPE_MISMATCH);
  EXPECT_EQ(test::make_status("Add", {{"alpha", "2"}}).code(), ErrorCode::INVALID_ARGUMENT);
}

TEST(Add, GradientsMatchFiniteDifferences) {
  using C = test::GradCase;
  test::check_cases({
      C{"Add", {}, {Shape{1, 5}, Shape{1, 5}}},
      C{"Add", {}, {Shape{2, 3, 2, 2}, Shape{2, 3, 2, 2}}},
      C{"Mul", {}, {Shape{3, 4}, Shape{3, 4}}},
      C{"Mul", {}, {Shape{2, 2, 3}, Shape{2, 2, 3}}},
  });
}

ModelSpec residual_spec() {
  // node 1: conv a (4 -> 6); 2: tanh; 3: conv b (6 -> 6); 4: 1x1 projection of the input (4 -> 6);
  // 5: add(3, 4); 6: tanh; 7: flatten; 8: linear.
  ModelSpec spec;
  spec.layers = {
      {"Conv2d", {{"out_channels", "6"}, {"kernel_size", "3"}, {"padding", "same"}}, {}},
      {"Tanh", {}, {}},
      {"Conv2d", {{"out_channels", "6"}, {"kernel_size", "3"}, {"padding", "1"}}, {}},
      {"Conv2d", {{"out_channels", "6"}, {"kernel_size", "1"}, {"bias", "false"}}, {-1}},
      {"Add", {}, {3, 4}},
      {"Tanh", {}, {}},
      {"Flatten", {}, {}},
      {"Linear", {{"out_features", "3"}}, {}},
  };
  return spec;
}

TEST(Add, ResidualBlockWithProjectionInAModel) {
  Model m;
  ASSERT_TRUE(m.build(residual_spec(), Shape{1, 4, 5, 5}, 4).ok());
  m.reset_parameters(3, InitScheme::PyTorchDefault);
  EXPECT_EQ(m.nodes()[5].name, "5.add");
  const Tensor x = test::random_tensor(Shape{2, 4, 5, 5}, 9);
  const int32_t target[] = {0, 2};
  auto loss_of = [&]() {
    return loss::compute_loss(loss::LossKind::CrossEntropy, m.forward(x), target, nullptr).value().loss;
  };
  Tensor dlogits;
  ASSERT_TRUE(loss::compute_loss(loss::LossKind::CrossEntropy, m.forward(x), target, &dlogits).ok());
  m.zero_grad();
  m.backward(dlogits);
  std::vector<test::Probe> probes;
  for (ParamRef& p : m.params()) probes.push_back({p.id.name, p.value, *p.grad});
  auto rep = test::compare_with_finite_differences(loss_of, probes, {});
  EXPECT_TRUE(rep.ok) << rep.failures;
  // Wrong wiring is caught at build time.
  ModelSpec bad = residual_spec();
  bad.layers[4].inputs = {3};
  EXPECT_EQ(m.build(bad, Shape{1, 4, 5, 5}, 4).code(), ErrorCode::INVALID_ARGUMENT);
  bad.layers[4].inputs = {2, 3};
  bad.layers[2].args["out_channels"] = "5";
  EXPECT_EQ(m.build(bad, Shape{1, 4, 5, 5}, 4).code(), ErrorCode::SHAPE_MISMATCH);
}

}  // namespace
}  // namespace nnplay::nn
