// Training convergence (label "training"): what a student should see
// happen (a small tanh net separates the circle, XOR needs a hidden layer,
// zero init keeps hidden units identical, an MLP learns Fashion-MNIST),
// checked end to end through the Session.
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <string>
#include <vector>

#include "train/session.h"
#include "support/session_util.h"

namespace nnplay::train {
namespace {

using test::set;

std::string data_dir() {
  if (const char* d = std::getenv("NNPLAY_DATA")) return d;
  if (const char* h = std::getenv("HOME")) return std::string(h) + "/.cache/nnplay/data";
  return "";
}

TEST(Convergence, CircleWith2_8_8_1TanhReaches95PercentValidation) {
  Session s;
  ASSERT_TRUE(s.apply(set({{"dataset", "circle"}, {"layers", "8:tanh,8:tanh"}, {"noise", "0"}})).ok());
  ASSERT_EQ(s.status().architecture, "2-8-8-1");
  ASSERT_TRUE(s.apply(set({}, Action::Step, 25 * 40)).ok());  // 40 epochs
  EXPECT_GE(s.status().acc_val, 0.95f) << "loss_val " << s.status().loss_val;
}

TEST(Convergence, XorNeedsAHiddenLayer) {
  // Lecture: a single perceptron cannot separate XOR; a hidden layer can.
  Session linear, mlp;
  ASSERT_TRUE(linear.apply(set({{"dataset", "xor"}, {"layers", ""}}, Action::Step, 25 * 30)).ok());
  ASSERT_TRUE(mlp.apply(set({{"dataset", "xor"}, {"layers", "8:tanh,8:tanh"}}, Action::Step, 25 * 30)).ok());
  EXPECT_LT(linear.status().acc_val, 0.7f);
  EXPECT_GE(mlp.status().acc_val, 0.9f);
}

TEST(Convergence, SquaredInputFeaturesLetALinearModelSeparateTheCircle) {
  // TF Playground's classic: no hidden layer. On x1, x2 a linear boundary
  // cannot enclose the disc; on x1², x2² the disc is the half-plane
  // x1² + x2² < r², which a linear model finds.
  Session plain, squared;
  ASSERT_TRUE(plain.apply(set({{"dataset", "circle"}, {"layers", ""}, {"lr", "0.1"}}, Action::Step, 25 * 30)).ok());
  ASSERT_TRUE(squared
                  .apply(set({{"dataset", "circle"}, {"layers", ""}, {"lr", "0.1"}, {"features", "x1sq,x2sq"}},
                             Action::Step, 25 * 30))
                  .ok());
  EXPECT_EQ(squared.model().nodes()[1].layer->type_name(), std::string("InputFeatures"));
  EXPECT_LT(plain.status().acc_val, 0.75f);
  EXPECT_GE(squared.status().acc_val, 0.95f) << "loss_val " << squared.status().loss_val;
}

TEST(Convergence, ZeroInitLeavesHiddenUnitsIdentical) {
  // Lecture: "All Zero Initialization: Terribly Wrong!" — symmetry is never broken.
  Session s;
  ASSERT_TRUE(s.apply(set({{"dataset", "circle"}, {"init", "zeros"}, {"layers", "8:tanh"}}, Action::Step, 200)).ok());
  const Tensor& w1 = *s.model().params()[0].value;  // (8, 2)
  for (int unit = 1; unit < 8; ++unit) {
    EXPECT_EQ(w1[unit * 2], w1[0]);
    EXPECT_EQ(w1[unit * 2 + 1], w1[1]);
  }
  EXPECT_LT(s.status().acc_val, 0.8f);
}

TEST(Convergence, FashionMnistMlpReaches80PercentWithinBoundedSteps) {
  Session s;
  ASSERT_TRUE(s.apply(set({{"dataset", "fashion_mnist"},
                           {"layers", "128:relu,64:relu"},
                           {"optimizer", "sgd"},
                           {"lr", "0.1"},
                           {"batch_size", "64"},
                           {"train_limit", "10000"}}))
                  .ok());
  const std::string dir = data_dir();
  for (const std::string& f : s.wanted_files()) {
    std::ifstream in(dir + "/" + f, std::ios::binary);
    ASSERT_TRUE(in) << "missing " << dir << "/" << f << ": run scripts/bootstrap (it converts the datasets)";
    s.provide_file(f, std::vector<uint8_t>(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()));
  }
  ASSERT_FALSE(s.loading());
  ASSERT_EQ(s.status().dataset, "fashion_mnist") << s.status().last_error;
  const int steps = 3 * s.trainer().steps_per_epoch();  // 3 epochs of 10,000 samples: 471 steps
  ASSERT_TRUE(s.apply(set({}, Action::Step, steps)).ok());
  EXPECT_GE(s.status().acc_val, 0.80f) << "after " << steps << " steps; loss_val " << s.status().loss_val;
  auto test = s.evaluate_test();
  ASSERT_TRUE(test.ok());
  EXPECT_GE(test.value().correct, 7800);  // of 10,000 test images
}

}  // namespace
}  // namespace nnplay::train
