// Concat: channel concatenation of two or more inputs (variadic in a Model),
// other dims, shape errors, and the shared gradient checker.
#include "nn/concat.h"

#include <gtest/gtest.h>

#include "layer_test_util.h"
#include "nn/model.h"

namespace nnplay::nn {
namespace {

TEST(Concat, JoinsAlongChannels) {
  auto layer = test::make("Concat", {});
  Tensor a(Shape{2, 1, 2}, {1, 2, 3, 4}), b(Shape{2, 2, 2}, {5, 6, 7, 8, 9, 10, 11, 12});
  Tensor y = test::forward(*layer, {a, b});
  ASSERT_EQ(y.shape(), (Shape{2, 3, 2}));
  const float expected[] = {1, 2, 5, 6, 7, 8, 3, 4, 9, 10, 11, 12};
  for (int i = 0; i < 12; ++i) EXPECT_EQ(y[i], expected[i]);
  auto last = test::make("Concat", {{"dim", "-1"}});
  Tensor z = test::forward(*last, {a, a, a});
  EXPECT_EQ(z.shape(), (Shape{2, 1, 6}));
  Shape out;
  EXPECT_EQ(test::setup(*layer, {Tensor(Shape{1, 2, 3}), Tensor(Shape{1, 2, 4})}, &out).code(),
            ErrorCode::SHAPE_MISMATCH);
  EXPECT_TRUE(layer->variadic_inputs());
  EXPECT_TRUE(layer->accepts_inputs(5));
  EXPECT_FALSE(layer->accepts_inputs(1));
}

TEST(Concat, DenseConnectionsInAModel) {
  // DenseNet-style: node 3 concatenates the input, node 1 and node 2.
  ModelSpec spec;
  spec.layers = {
      {"Conv2d", {{"out_channels", "2"}, {"kernel_size", "3"}, {"padding", "same"}}, {}},
      {"Conv2d", {{"out_channels", "3"}, {"kernel_size", "3"}, {"padding", "same"}}, {}},
      {"Concat", {}, {-1, 1, 2}},
  };
  Model m;
  ASSERT_TRUE(m.build(spec, Shape{1, 1, 4, 4}, 2).ok());
  EXPECT_EQ(m.output_shape(), (Shape{1, 6, 4, 4}));
  spec.layers[2].inputs = {2};
  EXPECT_EQ(m.build(spec, Shape{1, 1, 4, 4}, 2).code(), ErrorCode::INVALID_ARGUMENT);
}

TEST(Concat, GradientsMatchFiniteDifferences) {
  using C = test::GradCase;
  test::check_cases({
      C{"Concat", {}, {Shape{1, 2}, Shape{1, 3}}},
      C{"Concat", {}, {Shape{2, 1, 2, 3}, Shape{2, 3, 2, 3}, Shape{2, 2, 2, 3}}},
      C{"Concat", {{"dim", "2"}}, {Shape{2, 2, 1, 2}, Shape{2, 2, 3, 2}}},
  });
}

}  // namespace
}  // namespace nnplay::nn
