#include "nn/linear.h"

#include <gtest/gtest.h>

#include "support/gradcheck.h"
#include "core/parallel.h"
#include "layer_test_util.h"

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


TEST(Linear, ThreadsSplitSamplesAndOutputFeatures) {
  // 7 samples of 300 features into 4000 outputs: 8.4M multiply-adds, just
  // over kLinearParallelMacs, so forward and backward each make one run() of
  // `threads` parts (read from the team's record). With 3 threads the shares
  // are uneven (samples 2/2/3, outputs 1333/1333/1334). Forward and dx split by
  // samples, dW and db by output features, each computed by the same products
  // over the same sums, so equal to the one-thread results up to the
  // packed GEMM's blocking (checked to 1e-5 relative); with one thread the
  // results are checked against plain loops too.
  if (!parallel::threads_available()) GTEST_SKIP() << "this build has no threads";
  const int N = 7, D_in = 300, D_out = 4000;
  ASSERT_GE(int64_t{N} * D_in * D_out, kLinearParallelMacs);
  const Tensor x = test::random_tensor(Shape{N, D_in}, 31);
  const Tensor dy = test::random_tensor(Shape{N, D_out}, 32);
  struct Out {
    Tensor y, dx, dw, db;
  };
  auto run = [&](int threads) {
    EXPECT_TRUE(parallel::set_num_threads(threads).ok());
    Linear layer(D_out);
    Out o;
    const int64_t runs = parallel::run_count();
    o.y = test::forward(layer, {x});
    if (threads > 1) {
      EXPECT_EQ(parallel::run_count() - runs, 1) << threads << " threads: forward";
      EXPECT_EQ(parallel::last_run_parts(), threads);
    }
    o.dx = Tensor(x.shape());
    o.dx.zero();
    const Tensor* xs[] = {&x};
    Tensor* dxs[] = {&o.dx};
    auto params = layer.params();
    for (ParamRef& p : params) p.grad->zero();
    layer.backward(xs, o.y, dy, dxs);
    if (threads > 1) {
      EXPECT_EQ(parallel::run_count() - runs, 2) << threads << " threads: backward";
      EXPECT_EQ(parallel::last_run_parts(), threads);
    } else {
      EXPECT_EQ(parallel::run_count(), runs) << "one thread runs inline, without the team";
    }
    o.dw = *params[0].grad;
    o.db = *params[1].grad;
    if (threads == 1) {
      const Tensor& W = layer.weight();
      for (int o2 : {0, 1333, 3999}) {
        double db = 0;
        for (int n = 0; n < N; ++n) db += dy[n * D_out + o2];
        EXPECT_NEAR(o.db[o2], db, 1e-5);
        for (int i : {0, 150, 299}) {
          double dw = 0;
          for (int n = 0; n < N; ++n) dw += double{dy[n * D_out + o2]} * x[n * D_in + i];
          EXPECT_NEAR(o.dw[o2 * D_in + i], dw, 1e-4);
        }
      }
      for (int n : {0, 6})
        for (int i : {0, 299}) {
          double dx = 0;
          for (int o2 = 0; o2 < D_out; ++o2) dx += double{dy[n * D_out + o2]} * W[o2 * D_in + i];
          EXPECT_NEAR(o.dx[n * D_in + i], dx, 1e-3);
        }
    }
    return o;
  };
  const Out one = run(1);
  for (int threads : {2, 3}) {
    SCOPED_TRACE(std::to_string(threads) + " threads");
    const Out many = run(threads);
    EXPECT_TENSOR_NEAR(many.y, one.y, 1e-5, 1e-5);
    EXPECT_TENSOR_NEAR(many.dx, one.dx, 1e-5, 1e-5);
    EXPECT_TENSOR_NEAR(many.dw, one.dw, 1e-5, 1e-5);
    EXPECT_TENSOR_NEAR(many.db, one.db, 1e-5, 1e-5);
  }
  ASSERT_TRUE(parallel::set_num_threads(1).ok());
}

}  // namespace
}  // namespace nnplay::nn
