// SGD updates worked by hand (torch.optim.SGD semantics, see optim/sgd.h).
#include "optim/sgd.h"

#include <gtest/gtest.h>

namespace nnplay::optim {
namespace {

struct OneParam {
  Tensor w{Shape{1}, {1.0f}}, g{Shape{1}, {0.0f}};
  ParamRef ref{{1, "weight"}, &w, &g, 1.0f};
};

TEST(SGD, PlainStep) {
  OneParam p;
  SGD sgd;
  sgd.lr = 0.1f;
  p.g[0] = 2.0f;
  sgd.step({&p.ref, 1});
  EXPECT_FLOAT_EQ(p.w[0], 0.8f);  // 1 − 0.1·2
}

TEST(SGD, MomentumByHand) {
  OneParam p;
  SGD sgd;
  sgd.lr = 0.1f;
  sgd.momentum = 0.9f;
  p.g[0] = 1.0f;
  sgd.step({&p.ref, 1});  // b = 1; w = 1 − 0.1 = 0.9
  EXPECT_FLOAT_EQ(p.w[0], 0.9f);
  p.g[0] = 0.5f;
  sgd.step({&p.ref, 1});  // b = 0.9·1 + 0.5 = 1.4; w = 0.9 − 0.14 = 0.76
  EXPECT_FLOAT_EQ(p.w[0], 0.76f);
}

TEST(SGD, NesterovByHand) {
  OneParam p;
  SGD sgd;
  sgd.lr = 0.1f;
  sgd.momentum = 0.9f;
  sgd.nesterov = true;
  p.g[0] = 1.0f;
  sgd.step({&p.ref, 1});  // b = 1; d = 1 + 0.9·1 = 1.9; w = 0.81
  EXPECT_FLOAT_EQ(p.w[0], 0.81f);
  p.g[0] = 0.5f;
  sgd.step({&p.ref, 1});  // b = 1.4; d = 0.5 + 1.26 = 1.76; w = 0.81 − 0.176 = 0.634
  EXPECT_NEAR(p.w[0], 0.634f, 1e-6);
}

TEST(SGD, WeightDecayUsesTheParamMultiplier) {
  Tensor w(Shape{1}, {2.0f}), g(Shape{1}, {0.0f}), b(Shape{1}, {2.0f}), gb(Shape{1}, {0.0f});
  ParamRef refs[] = {{{1, "weight"}, &w, &g, 1.0f}, {{1, "bias"}, &b, &gb, 0.0f}};
  SGD sgd;
  sgd.lr = 0.1f;
  sgd.weight_decay = 0.1f;
  sgd.step(refs);
  EXPECT_FLOAT_EQ(w[0], 1.98f);  // 2 − 0.1·(0 + 0.1·2)
  EXPECT_FLOAT_EQ(b[0], 2.0f);   // biases are not decayed
}

TEST(SGD, StateIsKeyedByParamIdAndResetOnShapeChange) {
  OneParam p;
  SGD sgd;
  sgd.lr = 0.1f;
  sgd.momentum = 0.9f;
  p.g[0] = 1.0f;
  sgd.step({&p.ref, 1});
  // The same tensor under a new id (an edited layer) starts without momentum.
  ParamRef other = p.ref;
  other.id.layer_uid = 2;
  p.w[0] = 1.0f;
  sgd.step({&other, 1});
  EXPECT_FLOAT_EQ(p.w[0], 0.9f);
  // A shape change of the same id resets its buffer too.
  Tensor w2(Shape{2}, {1.0f, 1.0f}), g2(Shape{2}, {1.0f, 1.0f});
  ParamRef resized{{1, "weight"}, &w2, &g2, 1.0f};
  sgd.step({&resized, 1});
  EXPECT_FLOAT_EQ(w2[0], 0.9f);
}

}  // namespace
}  // namespace nnplay::optim
