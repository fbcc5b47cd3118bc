// SelectLast: picks x[:, -1, :], gradient only to the last step; and a
// sequence classifier LSTM -> SelectLast -> Linear built as a Model, checked
// end to end by finite differences (BPTT through the whole stack).
#include "nn/select_last.h"

#include <gtest/gtest.h>

#include "layer_test_util.h"
#include "loss/loss.h"
#include "nn/model.h"

namespace nnplay::nn {
namespace {

TEST(SelectLast, PicksTheLastStep) {
  auto layer = test::make("SelectLast", {});
  Tensor x(Shape{2, 3, 2}, {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12});
  Tensor y = test::forward(*layer, {x});
  ASSERT_EQ(y.shape(), (Shape{2, 2}));
  EXPECT_EQ(y[0], 5);
  EXPECT_EQ(y[1], 6);
  EXPECT_EQ(y[2], 11);
  EXPECT_EQ(y[3], 12);
  test::check_cases({{"SelectLast", {}, {Shape{2, 3, 2}}}, {"SelectLast", {}, {Shape{1, 1, 4}}}});
}

TEST(SelectLast, SequenceClassifierModel) {
  ModelSpec spec;
  spec.layers = {{"LSTM", {{"hidden_size", "4"}}, {}}, {"SelectLast", {}, {}}, {"Linear", {{"out_features", "3"}}, {}}};
  Model m;
  ASSERT_TRUE(m.build(spec, Shape{1, 5, 2}, 4).ok());
  m.reset_parameters(1, InitScheme::XavierUniform);  // applies to weight_ih_l0/weight_hh_l0 too
  const Tensor x = test::random_tensor(Shape{3, 5, 2}, 2);
  const int32_t target[] = {0, 2, 1};
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
}

}  // namespace
}  // namespace nnplay::nn
