// Adam and AdamW updates worked by hand (see optim/adam.h for the formulas).
#include "optim/adam.h"

#include <gtest/gtest.h>

namespace nnplay::optim {
namespace {

struct OneParam {
  Tensor w{Shape{1}, {1.0f}}, g{Shape{1}, {0.0f}};
  ParamRef ref{{1, "weight"}, &w, &g, 1.0f};
};

TEST(Adam, ConstantGradientMovesByLrEachStep) {
  // With a constant g, bias-corrected m̂ = g and v̂ = g², so each step is lr·g/|g| (+eps).
  OneParam p;
  Adam adam;
  adam.lr = 0.1f;
  p.g[0] = 2.0f;
  for (int t = 1; t <= 5; ++t) {
    adam.step({&p.ref, 1});
    EXPECT_NEAR(p.w[0], 1.0f - 0.1f * static_cast<float>(t), 1e-6) << "step " << t;
  }
}

TEST(Adam, SignFlipByHand) {
  OneParam p;
  Adam adam;
  adam.lr = 0.1f;
  p.g[0] = 1.0f;
  adam.step({&p.ref, 1});  // m̂ = 1, v̂ = 1 -> w = 0.9
  EXPECT_NEAR(p.w[0], 0.9f, 1e-7);
  p.g[0] = -1.0f;
  adam.step({&p.ref, 1});
  // m = 0.9·0.1 − 0.1 = −0.01, m̂ = −0.01/0.19; v = 0.999·0.001 + 0.001 = 0.001999, v̂ = 1
  // w = 0.9 − 0.1·(−0.0526316) = 0.90526316
  EXPECT_NEAR(p.w[0], 0.90526316f, 1e-6);
}

TEST(Adam, L2VersusDecoupledWeightDecay) {
  OneParam a, b;
  Adam adam, adamw;
  adam.lr = adamw.lr = 0.1f;
  adam.weight_decay = adamw.weight_decay = 0.5f;
  adamw.decoupled_weight_decay = true;
  a.g[0] = b.g[0] = 2.0f;
  adam.step({&a.ref, 1});  // g = 2 + 0.5·1 = 2.5 -> first step moves by lr: 0.9
  EXPECT_NEAR(a.w[0], 0.9f, 1e-6);
  adamw.step({&b.ref, 1});  // w·(1 − 0.1·0.5) = 0.95, then − 0.1 -> 0.85
  EXPECT_NEAR(b.w[0], 0.85f, 1e-6);
  EXPECT_STREQ(adamw.type_name(), "AdamW");
}

}  // namespace
}  // namespace nnplay::optim
