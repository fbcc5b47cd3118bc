// Training allocates nothing per step after warm-up: every operator new in
// this executable is counted while the trainer runs steps and evaluations.
#include <gtest/gtest.h>

#include <cstdlib>
#include <string>

#include "core/parallel.h"
#include "data/shapes.h"
#include "nn/model_spec.h"
#include "optim/optimizer.h"
#include "train/session.h"
#include "train/trainer.h"
#include "support/alloc_counter.h"


namespace nnplay::train {
namespace {

void expect_no_allocations_per_step(const Config& cfg) {
  Session s(cfg);
  // A configuration the session cannot run falls back to the circle set (and
  // records why): the test would then measure the wrong network.
  ASSERT_EQ(s.config().model, cfg.model) << s.status().last_error;
  ASSERT_EQ(s.config().dataset, cfg.dataset) << s.status().last_error;
  ASSERT_EQ(s.config().network, cfg.network) << s.status().last_error;
  Command warm;
  warm.action = Action::Step;
  warm.steps = s.trainer().steps_per_epoch() + 3;  // one full epoch incl. its evaluation
  ASSERT_TRUE(s.apply(warm).ok());
  Command train;
  train.action = Action::Train;
  ASSERT_TRUE(s.apply(train).ok());
  // The app's per-frame path: run_for() slices of whole steps and evaluations.
  const int64_t steps_before = s.trainer().step_count();
  const long before = test::allocation_count();
  while (s.trainer().step_count() - steps_before < 3 * s.trainer().steps_per_epoch()) ASSERT_TRUE(s.run_for(2).ok());
  const long allocations = test::allocation_count() - before;
  EXPECT_EQ(allocations, 0) << "during " << s.trainer().step_count() - steps_before << " steps";
  EXPECT_GE(s.trainer().epochs().size(), 3u);
}

// A custom network on the generated shapes set (60 images, no data files).
Config on_shapes(const std::string& network) {
  Config cfg;
  cfg.dataset = "shapes";
  cfg.samples = 60;
  cfg.val_fraction = 0.25f;
  cfg.model = "custom";
  cfg.network = network;
  return cfg;
}

TEST(Alloc, MlpOnCircleSgdMomentum) {
  Config cfg;
  cfg.optimizer.momentum = 0.9f;
  expect_no_allocations_per_step(cfg);
}

TEST(Alloc, DeeperReluNetWithAdam) {
  Config cfg;
  cfg.dataset = "spiral";
  cfg.layers = {{32, nn::Activation::ReLU}, {16, nn::Activation::Sigmoid}, {8, nn::Activation::Tanh}};
  cfg.optimizer.kind = optim::OptimizerKind::Adam;
  cfg.batch_size = 7;  // epochs end with a partial batch
  expect_no_allocations_per_step(cfg);
}

TEST(Alloc, RegressionOnA1DFunction) {
  // Real targets (gather_targets, mse_loss) take the same no-allocation path as labels.
  Config cfg;
  cfg.dataset = "function";
  cfg.function = "sawtooth";
  cfg.noise = 0.1f;
  cfg.loss = loss::LossKind::MSE;
  cfg.layers = {{16, nn::Activation::Tanh}};
  cfg.optimizer.kind = optim::OptimizerKind::Adam;
  cfg.batch_size = 9;  // epochs end with a partial batch
  expect_no_allocations_per_step(cfg);
}

TEST(Alloc, ConvNetOnShapesWithAdam) {
  // The convolution paths: padded stride-1 (implicit im2col with the padded
  // image cache), unpadded (explicit col), pooling and upsampling; a partial
  // last batch. The shapes set is generated, so no data files are needed.
  Config cfg = on_shapes("Conv2d(out_channels=6,kernel_size=5,padding=2); ReLU; MaxPool2d(kernel_size=2); "
                         "Conv2d(out_channels=8,kernel_size=3,stride=2,padding=1); ReLU; Upsample(scale_factor=4); "
                         "Conv2d(out_channels=classes,kernel_size=1)");
  cfg.optimizer.kind = optim::OptimizerKind::Adam;
  cfg.batch_size = 7;
  expect_no_allocations_per_step(cfg);
}

TEST(Alloc, ConvNetOnTwoThreads) {
  // The same with the batch split between two threads (parallel.h): each
  // part's scratch is planned on the first step, the team allocates nothing.
  if (!parallel::threads_available()) GTEST_SKIP() << "this build has no threads";
  ASSERT_TRUE(parallel::set_num_threads(2).ok());
  Config cfg = on_shapes("Conv2d(out_channels=16,kernel_size=5,padding=2); ReLU; "
                         "Conv2d(out_channels=16,kernel_size=3,padding=1); ReLU; Conv2d(out_channels=classes,kernel_size=1)");
  cfg.batch_size = 8;
  expect_no_allocations_per_step(cfg);
  ASSERT_TRUE(parallel::set_num_threads(1).ok());
}

TEST(Alloc, LinearSplitOnTwoThreads) {
  // Linear layers large enough to split (1024 x 1024 at batch 8: 8.4M
  // multiply-adds, kLinearParallelMacs): the dyᵀ buffer is reserved at setup;
  // the last partial batch takes the one-thread path.
  if (!parallel::threads_available()) GTEST_SKIP() << "this build has no threads";
  ASSERT_TRUE(parallel::set_num_threads(2).ok());
  Config cfg;
  cfg.layers = {{1024, nn::Activation::ReLU}, {1024, nn::Activation::ReLU}};
  cfg.batch_size = 8;
  const int64_t runs = parallel::run_count();
  expect_no_allocations_per_step(cfg);
  EXPECT_GT(parallel::run_count(), runs) << "no Linear split between the threads";
  ASSERT_TRUE(parallel::set_num_threads(1).ok());
}

TEST(Alloc, TrainerWholeUnitsAndSingleNodes) {
  // The session runs a unit whole or a node at a time by how long the last
  // one took (TrainerConfig::whole_unit_ms), so which way the tests above
  // count depends on the machine. Here each way is chosen: whole units
  // (whole_unit_ms huge) and one node per call (0), each convolution then in
  // pieces of one sample (piece_macs 1, nn::Model::set_piece_macs).
  const data::Dataset ds = data::make_shapes(60, 0.1f, 3);
  auto spec = nn::parse_model_spec("Conv2d(out_channels=6,kernel_size=5,padding=2); ReLU; MaxPool2d(kernel_size=2); "
                                   "Conv2d(out_channels=8,kernel_size=3,stride=2,padding=1); ReLU; "
                                   "Upsample(scale_factor=4); Conv2d(out_channels=classes,kernel_size=1)",
                                   ds.num_classes);
  ASSERT_TRUE(spec.ok()) << spec.status().message();
  for (double whole_unit_ms : {1e9, 0.0}) {
    nn::Model model;
    ASSERT_TRUE(model.build(spec.value(), ds.sample_shape, 16).ok());
    model.reset_parameters(5, nn::InitScheme::PyTorchDefault);
    optim::OptimizerConfig oc;
    oc.kind = optim::OptimizerKind::Adam;
    auto opt = optim::make_optimizer(oc);
    std::vector<int32_t> tr, va;
    data::split_indices(ds.size(), 0.25f, 7, &tr, &va);
    TrainerConfig tc;
    tc.batch_size = 7;  // epochs end with a partial batch
    tc.eval_chunk = 16;
    tc.whole_unit_ms = whole_unit_ms;
    if (whole_unit_ms == 0.0) tc.piece_macs = 1;
    Trainer t;
    ASSERT_TRUE(t.setup(&model, opt.get(), &ds, std::move(tr), std::move(va), tc).ok());
    while (t.step_count() < t.steps_per_epoch() + 3) ASSERT_TRUE(t.run_for(0.0, true).ok());  // warm-up
    const int64_t steps_before = t.step_count();
    const long before = test::allocation_count();
    int calls = 0;
    for (; t.step_count() - steps_before < 3 * t.steps_per_epoch(); ++calls) ASSERT_TRUE(t.run_for(0.0, true).ok());
    EXPECT_EQ(test::allocation_count() - before, 0) << "whole_unit_ms " << whole_unit_ms << ": " << calls << " calls";
    EXPECT_GE(t.epochs().size(), 4u);
    // 7 nodes forward and backward, the three convolutions a call per sample
    // (7, or 3 or more in an epoch's last batch): whole nodes would be 14 calls a step.
    if (whole_unit_ms == 0.0) EXPECT_GT(calls, 3 * t.steps_per_epoch() * (4 + 3 * 3) * 2) << "a piece per call";
  }
}

}  // namespace
}  // namespace nnplay::train
