// Model files: bit-for-bit round trip, and damaged or foreign files rejected
// with a clear error and no change to the session.
#include "train/checkpoint.h"
#include "support/session_util.h"

#include <gtest/gtest.h>

#include "data/toy2d.h"
#include "nn/model_spec.h"
#include "optim/optimizer.h"
#include "train/session.h"
#include "train/trainer.h"

namespace nnplay::train {
namespace {

using test::set;

Tensor grid_inputs() {
  Tensor x(Shape{5, 2}, {0, 0, 1, -2, 3.5f, 1, -4, -4, 2, 5});
  return x;
}

TEST(Checkpoint, RoundTripGivesTheSameOutputsBitForBit) {
  Session a;
  ASSERT_TRUE(a.apply(set({{"dataset", "spiral"}, {"layers", "12:relu,6:tanh"}, {"optimizer", "adam"}, {"lr", "0.01"}},
                          Action::Step, 150))
                  .ok());
  const std::vector<uint8_t> bytes = a.save();
  Tensor ya, yb;
  ASSERT_TRUE(a.predict(grid_inputs(), &ya).ok());
  Session b;  // circle, 8:tanh,8:tanh
  ASSERT_TRUE(b.load(bytes, "spiral.nnp").ok());
  EXPECT_EQ(b.config().dataset, "spiral");
  EXPECT_EQ(b.status().layers, "12:relu,6:tanh");
  EXPECT_EQ(b.status().step, 0);
  ASSERT_TRUE(b.predict(grid_inputs(), &yb).ok());
  ASSERT_EQ(ya.numel(), yb.numel());
  for (int64_t i = 0; i < ya.numel(); ++i) EXPECT_EQ(ya[i], yb[i]) << i;
}

TEST(Checkpoint, BatchNormRunningStatisticsRoundTripBitForBit) {
  // Predictions run in eval mode, through running_mean and running_var: a
  // file that lost or reordered them would predict differently.
  const char* net = "Linear(out_features=8); BatchNorm1d; ReLU; Linear(out_features=6); BatchNorm1d; Tanh; "
                    "Linear(out_features=classes)";
  Session a;
  ASSERT_TRUE(a.apply(set({{"dataset", "spiral"}, {"model", "custom"}, {"network", net}}, Action::Step, 120)).ok());
  Tensor ya, yb;
  ASSERT_TRUE(a.predict(grid_inputs(), &ya).ok());
  Session b;
  ASSERT_TRUE(b.load(a.save(), "bn.nnp").ok());
  ASSERT_TRUE(b.predict(grid_inputs(), &yb).ok());
  ASSERT_EQ(ya.numel(), yb.numel());
  for (int64_t i = 0; i < ya.numel(); ++i) EXPECT_EQ(ya[i], yb[i]) << i;
  Session fresh;  // the same network untrained predicts otherwise: the comparison can fail
  ASSERT_TRUE(fresh.apply(set({{"dataset", "spiral"}, {"model", "custom"}, {"network", net}})).ok());
  Tensor yf;
  ASSERT_TRUE(fresh.predict(grid_inputs(), &yf).ok());
  int differ = 0;
  for (int64_t i = 0; i < ya.numel(); ++i) differ += ya[i] != yf[i];
  EXPECT_GT(differ, 0);
}

TEST(Checkpoint, AFileWrittenMidStepHoldsTheStateBeforeTheStep) {
  // run_for leaves a slow step half done between frames. Its forward pass
  // has already moved the BatchNorm statistics; the update has not happened.
  // A file written then must be the state after step_count() steps: the
  // same bytes as a file written just before the step began.
  const data::Dataset ds = data::make_toy2d(data::Toy2D::Circle, 200, 0.1f, 3);
  auto spec = nn::parse_model_spec("Linear(out_features=8); BatchNorm1d; ReLU; Linear(out_features=classes)",
                                   ds.num_classes);
  ASSERT_TRUE(spec.ok());
  nn::Model model;
  ASSERT_TRUE(model.build(spec.value(), ds.sample_shape, 16).ok());
  model.reset_parameters(2, nn::InitScheme::XavierUniform);
  auto opt = optim::make_optimizer(optim::OptimizerConfig{});
  std::vector<int32_t> tr, va;
  data::split_indices(ds.size(), 0.5f, 7, &tr, &va);
  TrainerConfig tc;
  tc.batch_size = 16;
  tc.whole_unit_ms = 0;  // every unit runs one node per run_for(0)
  Trainer t;
  ASSERT_TRUE(t.setup(&model, opt.get(), &ds, std::move(tr), std::move(va), tc).ok());
  for (int i = 0; i < 5; ++i) ASSERT_TRUE(t.step().ok());
  ASSERT_TRUE(t.finish_eval().ok());  // the next piece begins a step, not an evaluation chunk
  const Config cfg;
  const std::vector<uint8_t> before = write_checkpoint(cfg, model, t.step_count());
  EXPECT_TRUE(t.buffers_at_step_start().empty()) << "no step in progress";
  const std::vector<float> mean0(model.buffers()[0].value->data(), model.buffers()[0].value->data() + 8);
  // Pieces until the BatchNorm node has run: its running_mean moved.
  int pieces = 0;
  for (; pieces < 10; ++pieces) {
    ASSERT_TRUE(t.run_for(0, true, t.step_count() + 1).ok());
    ASSERT_TRUE(t.unit_in_progress());
    if (std::vector<float>(model.buffers()[0].value->data(), model.buffers()[0].value->data() + 8) != mean0) break;
  }
  ASSERT_LT(pieces, 10) << "the forward pass never reached the BatchNorm";
  EXPECT_NE(write_checkpoint(cfg, model, t.step_count()), before) << "the live statistics moved (the test can fail)";
  EXPECT_EQ(write_checkpoint(cfg, model, t.step_count(), t.buffers_at_step_start()), before);
  ASSERT_TRUE(t.finish_unit().ok());
  EXPECT_TRUE(t.buffers_at_step_start().empty());
  EXPECT_EQ(t.step_count(), 6);
  EXPECT_NE(write_checkpoint(cfg, model, t.step_count()), before);
}

TEST(Checkpoint, DamagedOrForeignFilesChangeNothing) {
  Session a;
  ASSERT_TRUE(a.apply(set({}, Action::Step, 20)).ok());
  std::vector<uint8_t> good = a.save();
  Session b;
  ASSERT_TRUE(b.apply(set({{"dataset", "xor"}}, Action::Step, 7)).ok());
  const float w = (*b.model().params()[0].value)[0];
  auto expect_unchanged = [&](const Status& st, ErrorCode code, const std::string& needle) {
    EXPECT_EQ(st.code(), code) << st.to_string();
    EXPECT_NE(st.message().find(needle), std::string::npos) << st.message();
    EXPECT_EQ(b.config().dataset, "xor");
    EXPECT_EQ(b.status().step, 7);
    EXPECT_EQ((*b.model().params()[0].value)[0], w);
  };
  std::vector<uint8_t> png = {0x89, 'P', 'N', 'G', 13, 10, 26, 10, 0, 0, 0, 0, 0, 0, 0, 0};
  expect_unchanged(b.load(png, "cat.png"), ErrorCode::DATA_CORRUPT, "cat.png: not an nnplay model file");
  std::vector<uint8_t> cut(good.begin(), good.end() - 9);
  expect_unchanged(b.load(cut, "cut.nnp"), ErrorCode::DATA_CORRUPT, "outside the file");
  std::vector<uint8_t> future = good;
  future[8] = 9;
  expect_unchanged(b.load(future, "new.nnp"), ErrorCode::UNSUPPORTED, "version 9");
  std::vector<uint8_t> garbled = good;
  garbled[16] = '#';  // the header's opening brace
  expect_unchanged(b.load(garbled, "garbled.nnp"), ErrorCode::DATA_CORRUPT, "JSON");
  // A file whose weights do not fit the network its settings describe.
  Config five = a.config();
  five.layers = {{5, nn::Activation::Tanh}};
  nn::Model m8;
  ASSERT_TRUE(m8.build(nn::mlp_spec({{8, nn::Activation::Tanh}}, 1), Shape{1, 2}, 4).ok());
  const std::vector<uint8_t> mismatched = write_checkpoint(five, m8, 0);  // settings say 5 units, tensors hold 8
  expect_unchanged(b.load(mismatched, "mismatch.nnp"), ErrorCode::SHAPE_MISMATCH, "1.linear.weight");
}

}  // namespace
}  // namespace nnplay::train
