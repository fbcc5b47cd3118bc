#include "nn/linear.h"

#include <gtest/gtest.h>

#include "support/gradcheck.h"

namespace nnplay::nn {
namespace {

TEST(Linear, ForwardIsXWTransposePlusBias) {
  Linear lin(2);
  Shape out;
  const Shape in[] = {Shape{1, 3}};
  ASSERT_TRUE(lin.setup(in, &out).ok());
  EXPECT_EQ(out, (Shape{1, 2}));
  // W = [[1, 2, 3], [-1, 0, 1]], b = [0.5, -0.5]
  const float w[] = {1, 2, 3, -1, 0, 1};
  for (int i = 0; i < 6; ++i) lin.weight()[i] = w[i];
  lin.bias()[0] = 0.5f;
  lin.bias()[1] = -0.5f;
  Tensor x(Shape{2, 3}, {1, 1, 1, 2, 0, -1});
  Tensor y;
  Context ctx;
  const Tensor* xs[] = {&x};
  lin.forward(xs, y, ctx);
  ASSERT_EQ(y.shape(), (Shape{2, 2}));
  EXPECT_FLOAT_EQ(y[0], 1 + 2 + 3 + 0.5f);  // 6.5
  EXPECT_FLOAT_EQ(y[1], -1 + 0 + 1 - 0.5f);  // -0.5
  EXPECT_FLOAT_EQ(y[2], 2 + 0 - 3 + 0.5f);  // -0.5
  EXPECT_FLOAT_EQ(y[3], -2 + 0 - 1 - 0.5f);  // -3.5
}

TEST(Linear, SetupRejectsZeroWidthNamingTheLayer) {
  Linear lin(0);
  Shape out;
  const Shape in[] = {Shape{1, 3}};
  Status st = lin.setup(in, &out);
  EXPECT_EQ(st.code(), ErrorCode::INVALID_ARGUMENT);
  EXPECT_NE(st.message().find("Linear"), std::string::npos);
}

TEST(Linear, PyTorchDefaultInitBound) {
  Linear lin(50);
  Shape out;
  const Shape in[] = {Shape{1, 16}};
  ASSERT_TRUE(lin.setup(in, &out).ok());
  Rng rng(1);
  lin.reset_parameters(rng);
  float lo = 1, hi = -1;
  for (int64_t i = 0; i < lin.weight().numel(); ++i) {
    lo = std::min(lo, lin.weight()[i]);
    hi = std::max(hi, lin.weight()[i]);
  }
  // U(-1/sqrt(16), 1/sqrt(16)) = U(-0.25, 0.25); 800 draws reach near both ends.
  EXPECT_GE(lo, -0.25f);
  EXPECT_LE(hi, 0.25f);
  EXPECT_LT(lo, -0.24f);
  EXPECT_GT(hi, 0.24f);
}

struct LinearCase {
  int batch, in, out;
  bool bias;
};

class LinearGrad : public ::testing::TestWithParam<LinearCase> {};

TEST_P(LinearGrad, MatchesFiniteDifferences) {
  const LinearCase c = GetParam();
  Linear lin(c.out, c.bias);
  auto rep = test::check_layer(lin, {test::random_tensor(Shape{c.batch, c.in}, 3)});
  EXPECT_TRUE(rep.ok) << rep.failures;
}

INSTANTIATE_TEST_SUITE_P(Shapes, LinearGrad,
                         ::testing::Values(LinearCase{1, 1, 1, true}, LinearCase{1, 5, 3, true},
                                           LinearCase{7, 3, 5, true}, LinearCase{4, 17, 2, false},
                                           LinearCase{13, 8, 9, true}));

TEST(Linear, FlattensImageInputs) {
  Linear lin(4);
  auto rep = test::check_layer(lin, {test::random_tensor(Shape{3, 2, 3, 3}, 4)});
  EXPECT_TRUE(rep.ok) << rep.failures;
  EXPECT_EQ(lin.in_features(), 18);
}

}  // namespace
}  // namespace nnplay::nn
