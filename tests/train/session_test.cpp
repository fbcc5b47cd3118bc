// Session: commands validate before they change anything; what each change
// rebuilds; the asynchronous data-loading protocol and its failures.
#include "train/session.h"
#include "support/idx_files.h"
#include "support/session_util.h"

#include <gtest/gtest.h>

namespace nnplay::train {
namespace {

using test::idx_bytes;
using test::provide_tiny_mnist;
using test::set;

TEST(Session, StartsOnTheCircleSetReadyToTrain) {
  Session s;
  const SessionStatus st = s.status();
  EXPECT_EQ(st.dataset, "circle");
  EXPECT_EQ(st.architecture, "2-8-8-1");
  EXPECT_EQ(st.step, 0);
  EXPECT_FALSE(st.running);
  EXPECT_FALSE(st.loading);
  EXPECT_EQ(st.train_size + st.val_size, 500);
}

TEST(Session, BadCommandChangesNothing) {
  Session s;
  ASSERT_TRUE(s.apply(set({}, Action::Step, 30)).ok());
  const Config before = s.config();
  const int64_t step = s.status().step;
  Status st = s.apply(set({{"lr", "0.5"}, {"layers", "8:tanh"}, {"batch_size", "-3"}}, Action::Train));
  EXPECT_EQ(st.code(), ErrorCode::INVALID_ARGUMENT);
  EXPECT_NE(st.message().find("batch_size"), std::string::npos) << st.message();
  EXPECT_EQ(s.config().optimizer.lr, before.optimizer.lr);
  EXPECT_EQ(s.config().layers, before.layers);
  EXPECT_EQ(s.status().step, step);
  EXPECT_FALSE(s.status().running);
  EXPECT_EQ(s.apply(set({{"colour", "red"}})).code(), ErrorCode::INVALID_ARGUMENT);
  EXPECT_EQ(s.apply(set({{"dataset", "imagenet"}})).code(), ErrorCode::INVALID_ARGUMENT);
}

TEST(Session, LearningRateAndBatchChangesKeepWeightsAndProgress) {
  Session s;
  ASSERT_TRUE(s.apply(set({}, Action::Step, 30)).ok());
  const float w = (*s.model().nodes()[1].layer->params()[0].value)[0];
  ASSERT_TRUE(s.apply(set({{"lr", "0.1"}, {"batch_size", "25"}, {"momentum", "0.5"}})).ok());
  EXPECT_EQ(s.status().step, 30);
  EXPECT_EQ((*s.model().nodes()[1].layer->params()[0].value)[0], w);
  EXPECT_EQ(s.status().batch_size, 25);
  ASSERT_TRUE(s.apply(set({{"optimizer", "adam"}})).ok());
  EXPECT_EQ(s.status().step, 30);
  ASSERT_TRUE(s.apply(set({}, Action::Step, 5)).ok());
  EXPECT_EQ(s.status().step, 35);
}

TEST(Session, NetworkEditsKeepUnchangedLayersAndProgress) {
  Session s;
  ASSERT_TRUE(s.apply(set({}, Action::Step, 30)).ok());
  const Tensor w1 = *s.model().params()[0].value;  // 1.linear weight (8, 2)
  // Widen the second hidden layer: 1.linear keeps its weights, 3.linear and 5.linear change shape.
  ASSERT_TRUE(s.apply(set({{"layers", "8:tanh,16:tanh"}})).ok());
  EXPECT_EQ(s.status().step, 30);
  EXPECT_EQ(s.status().architecture, "2-8-16-1");
  const Tensor& w1_after = *s.model().params()[0].value;
  for (int64_t i = 0; i < w1.numel(); ++i) ASSERT_EQ(w1_after[i], w1[i]);
  ASSERT_EQ(s.trainer().events().size(), 1u);
  EXPECT_EQ(s.trainer().events()[0].first, 30);
  EXPECT_NE(s.trainer().events()[0].second.find("layers=8:tanh,16:tanh"), std::string::npos)
      << s.trainer().events()[0].second;
  EXPECT_EQ(s.status().events, s.trainer().events());  // also in the status (window.nnplay)
  EXPECT_EQ(s.spec().layers.size() + 1, s.model().nodes().size());  // the spec the model was built from
  EXPECT_EQ(s.spec().layers[2].args.at("out_features"), "16");
  ASSERT_TRUE(s.apply(set({}, Action::Step, 5)).ok());
  EXPECT_EQ(s.status().step, 35);
  ASSERT_TRUE(s.apply(set({{"layers", "4:relu,3:sigmoid,2:tanh"}})).ok());
  EXPECT_EQ(s.status().architecture, "2-4-3-2-1");
  EXPECT_EQ(s.status().num_params, (2 * 4 + 4) + (4 * 3 + 3) + (3 * 2 + 2) + (2 * 1 + 1));
  ASSERT_TRUE(s.apply(set({{"layers", ""}})).ok());  // logistic regression
  EXPECT_EQ(s.status().architecture, "2-1");
  ASSERT_TRUE(s.apply(set({}, Action::Reset)).ok());
  EXPECT_EQ(s.status().step, 0);
  EXPECT_TRUE(s.trainer().events().empty());
}

TEST(Session, ALayerWhoseArgumentsChangedStartsFresh) {
  // forget_bias changes an LSTM's initial bias, not its tensors' shapes: the
  // edited LSTM must start from the new init (as a fresh network with it),
  // while the unchanged classifier after it keeps its trained weights.
  Session s;
  ASSERT_TRUE(s.apply(set({{"dataset", "memory"}, {"model", "lstm(hidden=8)"}})).ok());
  ASSERT_TRUE(s.apply(set({}, Action::Step, 20)).ok());
  std::vector<Tensor> before;
  for (const ParamRef& p : s.model().params()) before.push_back(*p.value);
  ASSERT_TRUE(s.apply(set({{"model", "lstm(hidden=8,forget_bias=3)"}})).ok());
  Session fresh;
  ASSERT_TRUE(fresh.apply(set({{"dataset", "memory"}, {"model", "lstm(hidden=8,forget_bias=3)"}})).ok());
  const auto edited = s.model().params();
  const auto init = fresh.model().params();
  ASSERT_EQ(edited.size(), init.size());
  ASSERT_EQ(edited.size(), before.size());
  const size_t fc = edited.size() - 2;  // the head Linear's weight and bias come last
  for (size_t k = 0; k < edited.size(); ++k) {
    const Tensor& want = k < fc ? *init[k].value : before[k];
    for (int64_t i = 0; i < want.numel(); ++i) ASSERT_EQ((*edited[k].value)[i], want[i]) << "tensor " << k << " [" << i << "]";
  }
  EXPECT_NE(s.trainer().events().back().second.find("2 of " + std::to_string(edited.size()) + " tensors kept"),
            std::string::npos)
      << s.trainer().events().back().second;
}

TEST(Session, CustomNetworkTextAndItsErrors) {
  Session s;
  ASSERT_TRUE(s.apply(set({{"model", "custom"},
                           {"network", "h:Linear(out_features=6); Tanh; Linear(out_features=6,in=h); Tanh; "
                                       "Linear(out_features=classes)"}}))
                  .ok());
  EXPECT_EQ(s.model().nodes()[1].name, "h");
  EXPECT_EQ(s.model().output_shape(), (Shape{1, 1}));
  ASSERT_TRUE(s.apply(set({}, Action::Step, 10)).ok());
  // A network that cannot work names the layer; nothing changes.
  Status st = s.apply(set({{"network", "Linear(out_features=6); Add(in=0,1)"}}));
  EXPECT_FALSE(st.ok());
  EXPECT_NE(st.message().find("layer 2"), std::string::npos) << st.message();
  EXPECT_EQ(s.status().step, 10);
  EXPECT_EQ(s.model().nodes()[1].name, "h");
  // Zoo CNNs need images.
  st = s.apply(set({{"model", "lenet5"}}));
  EXPECT_EQ(st.code(), ErrorCode::UNSUPPORTED);
  EXPECT_NE(st.message().find("image dataset"), std::string::npos);
}

TEST(Session, ResetRestoresTheSameInitialWeights) {
  Session s;
  const float w0 = (*s.model().params()[0].value)[0];
  ASSERT_TRUE(s.apply(set({}, Action::Step, 40)).ok());
  EXPECT_NE((*s.model().params()[0].value)[0], w0);
  ASSERT_TRUE(s.apply(set({}, Action::Reset)).ok());
  EXPECT_EQ((*s.model().params()[0].value)[0], w0);
  EXPECT_EQ(s.status().step, 0);
  EXPECT_TRUE(s.trainer().history().empty());
}

TEST(Session, ImageDatasetLoadsAsynchronouslyWithFamilyDefaults) {
  Session s;
  ASSERT_TRUE(s.apply(set({{"dataset", "mnist"}, {"lr", "0.05"}}, Action::Train)).ok());
  EXPECT_TRUE(s.status().loading);
  EXPECT_EQ(s.status().dataset, "circle");  // the old set stays active while loading
  // ...and status() tells where it heads: the command's lr, the image family's network.
  EXPECT_EQ(s.status().target.at("dataset"), "mnist");
  EXPECT_EQ(s.status().target.at("lr"), "0.05");
  EXPECT_EQ(s.status().target.at("layers"), "128:relu,64:relu");
  ASSERT_TRUE(s.apply(set({{"batch_size", "7"}})).ok());  // a setting while loading goes there too
  EXPECT_EQ(s.status().target.at("batch_size"), "7");
  EXPECT_NE(s.status().batch_size, 7);
  EXPECT_EQ(s.wanted_files(), (std::vector<std::string>{"mnist-train-images.idx", "mnist-train-labels.idx",
                                                        "mnist-test-images.idx", "mnist-test-labels.idx"}));
  s.file_progress("mnist-train-images.idx", 100, 1000);
  EXPECT_EQ(s.status().progress.loaded, 100);
  provide_tiny_mnist(s, 50);
  const SessionStatus st = s.status();
  EXPECT_FALSE(st.loading);
  EXPECT_TRUE(st.target.empty());
  EXPECT_EQ(st.batch_size, 7);
  EXPECT_EQ(st.dataset, "mnist");
  EXPECT_EQ(st.architecture, "784-128-64-10");  // image family defaults
  EXPECT_FLOAT_EQ(st.lr, 0.05f);                  // ...but the command's own lr wins
  EXPECT_TRUE(st.running);                        // the queued action ran
  EXPECT_EQ(st.train_size + st.val_size, 50);
  // Back to 2D: the 2D defaults return; mnist stays cached, so no new load.
  ASSERT_TRUE(s.apply(set({{"dataset", "xor"}})).ok());
  EXPECT_EQ(s.status().architecture, "2-8-8-1");
  ASSERT_TRUE(s.apply(set({{"dataset", "mnist"}})).ok());
  EXPECT_FALSE(s.status().loading);
  EXPECT_EQ(s.status().dataset, "mnist");
}

TEST(Session, DamagedOrMissingFilesKeepTheOldDataset) {
  Session s;
  ASSERT_TRUE(s.apply(set({}, Action::Step, 10)).ok());
  ASSERT_TRUE(s.apply(set({{"dataset", "mnist"}})).ok());
  s.provide_file("mnist-train-images.idx", {0, 0, 8, 3, 0, 0, 0, 5});  // header cut short
  s.provide_file("mnist-train-labels.idx", idx_bytes({5}, {1, 2, 3, 4, 5}));
  s.provide_file("mnist-test-images.idx", idx_bytes({1, 28, 28}, std::vector<uint8_t>(784, 0)));
  s.provide_file("mnist-test-labels.idx", idx_bytes({1}, {1}));
  SessionStatus st = s.status();
  EXPECT_FALSE(st.loading);
  EXPECT_EQ(st.dataset, "circle");
  EXPECT_EQ(st.step, 10);
  EXPECT_NE(st.last_error.find("mnist-train-images.idx"), std::string::npos) << st.last_error;
  EXPECT_NE(st.last_error.find("kept dataset circle"), std::string::npos) << st.last_error;

  ASSERT_TRUE(s.apply(set({{"dataset", "fashion_mnist"}})).ok());
  s.fail_file("fashion-mnist-train-images.idx", "HTTP 404");
  st = s.status();
  EXPECT_FALSE(st.loading);
  EXPECT_EQ(st.dataset, "circle");
  EXPECT_NE(st.last_error.find("HTTP 404"), std::string::npos) << st.last_error;
}

TEST(Session, ConfigDeltaListsOnlyChangedKeys) {
  Session s;
  auto d = s.config_delta();
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(d[0].first, "dataset");
  ASSERT_TRUE(s.apply(set({{"lr", "0.1"}, {"layers", "3:relu"}})).ok());
  d = s.config_delta();
  ASSERT_EQ(d.size(), 3u);
  EXPECT_EQ(d[1], (std::pair<std::string, std::string>{"layers", "3:relu"}));
  EXPECT_EQ(d[2], (std::pair<std::string, std::string>{"lr", "0.1"}));
}

TEST(Session, PredictUsesEvalModeWithoutTouchingProgress) {
  Session s;
  ASSERT_TRUE(s.apply(set({}, Action::Step, 5)).ok());
  Tensor x(Shape{3, 2}, {0, 0, 5, 5, -5, 5}), y;
  ASSERT_TRUE(s.predict(x, &y).ok());
  EXPECT_EQ(y.shape(), (Shape{3, 1}));
  EXPECT_EQ(s.status().step, 5);
  Tensor wrong(Shape{3, 3});
  EXPECT_EQ(s.predict(wrong, &y).code(), ErrorCode::SHAPE_MISMATCH);
}

}  // namespace
}  // namespace nnplay::train

namespace nnplay::train {
namespace {

TEST(Session, AugmentationTouchesTrainingBatchesOnly) {
  Session plain, aug;
  for (Session* s : {&plain, &aug}) {
    ASSERT_TRUE(s->apply(set({{"dataset", "mnist"}, {"train_limit", "40"}})).ok());
    provide_tiny_mnist(*s, 60);
  }
  ASSERT_TRUE(aug.apply(set({{"rotate", "20"}, {"crop_padding", "2"}, {"input_noise", "0.1"}})).ok());
  EXPECT_EQ(aug.status().step, 0);  // augmentation is not a rebuild
  // Before any step the networks are identical, and evaluation is not augmented.
  Tensor x(Shape{2, 1, 28, 28}), ya, yb;
  x.fill(0.3f);
  ASSERT_TRUE(plain.predict(x, &ya).ok());
  ASSERT_TRUE(aug.predict(x, &yb).ok());
  for (int64_t i = 0; i < ya.numel(); ++i) ASSERT_EQ(ya[i], yb[i]);
  ASSERT_TRUE(plain.apply(set({}, Action::Step, 3)).ok());
  ASSERT_TRUE(aug.apply(set({}, Action::Step, 3)).ok());
  EXPECT_NE(plain.trainer().last_batch_loss(), aug.trainer().last_batch_loss());
}

}  // namespace
}  // namespace nnplay::train

namespace nnplay::train {
namespace {

TEST(Session, NetworksOverTheMemoryBudgetAreRefusedBeforeAllocating) {
  // In the browser a too-large network used to abort the whole module.
  Session s;
  s.set_memory_budget(10e6);
  ASSERT_TRUE(s.apply(set({}, Action::Step, 5)).ok());
  const Config before = s.config();
  // MLP: 3 x 1024 hidden units is ~2.1 M parameters, 34 MB with gradients and moments.
  Status st = s.apply(set({{"layers", "1024:relu,1024:relu,1024:relu"}}));
  EXPECT_EQ(st.code(), ErrorCode::RESOURCE_EXHAUSTED) << st.to_string();
  EXPECT_NE(st.message().find("batch_size"), std::string::npos) << st.message();
  EXPECT_NE(st.message().find("the limit here is 0.01 GiB"), std::string::npos) << st.message();
  // Any network: activations of 4 k values per sample for a batch of 4096 rows.
  st = s.apply(set({{"model", "custom"},
                    {"network", "Linear(out_features=2048); ReLU; Linear(out_features=classes)"},
                    {"batch_size", "4096"}}));
  EXPECT_EQ(st.code(), ErrorCode::RESOURCE_EXHAUSTED) << st.to_string();
  EXPECT_EQ(s.config().layers, before.layers);
  EXPECT_EQ(s.config().model, before.model);
  EXPECT_EQ(s.status().step, 5);
  // The same network with a batch that fits is accepted.
  EXPECT_TRUE(s.apply(set({{"model", "custom"},
                           {"network", "Linear(out_features=2048); ReLU; Linear(out_features=classes)"},
                           {"batch_size", "16"}}))
                  .ok());
}

TEST(Session, SequenceAndSegmentationFamilies) {
  Session s;
  // Memory task with an MLP over the whole sequence (sees x_0 directly: easy).
  ASSERT_TRUE(s.apply(set({{"dataset", "memory"}, {"model", "mlp"}, {"layers", "16:relu"}, {"seq_len", "10"}})).ok());
  EXPECT_EQ(s.dataset()->sample_shape, (Shape{1, 10, 4}));
  EXPECT_EQ(s.status().architecture, "40-16-4");
  EXPECT_EQ(s.config().optimizer.kind, optim::OptimizerKind::Adam);  // sequence family defaults
  ASSERT_TRUE(s.apply(set({}, Action::Step, 200)).ok());
  EXPECT_GT(s.status().acc_val, 0.9f);
  // Shapes: a per-pixel classifier; accuracy counts pixels.
  Status st = s.apply(set({{"dataset", "shapes"},
                           {"model", "custom"},
                           {"network", "Conv2d(out_channels=8,kernel_size=3,padding=same); ReLU; "
                                       "Conv2d(out_channels=classes,kernel_size=1)"}}));
  ASSERT_TRUE(st.ok()) << st.to_string();
  EXPECT_EQ(s.model().output_shape(), (Shape{1, 4, 32, 32}));
  ASSERT_TRUE(s.apply(set({}, Action::Step, 60)).ok());
  EXPECT_GT(s.status().acc_val, 0.7f);  // background alone is ~80% of pixels at start of learning
  // A network whose output does not fit the labels says what is needed.
  st = s.apply(set({{"network", "Conv2d(out_channels=3,kernel_size=1)"}}));
  EXPECT_EQ(st.code(), ErrorCode::SHAPE_MISMATCH);
  EXPECT_NE(st.message().find("(1, 4, 32, 32)"), std::string::npos) << st.message();
  // mse makes no sense per pixel.
  EXPECT_EQ(s.apply(set({{"loss", "mse"}})).code(), ErrorCode::UNSUPPORTED);
}

}  // namespace
}  // namespace nnplay::train

namespace nnplay::train {
namespace {

TEST(Session, LayerTraceShowsVanishingGradientsInADeepSigmoidNet) {
  // Lecture "From Sigmoid to ReLU": with sigmoid, the gradient reaching the
  // first layers is orders of magnitude smaller than at the last; ReLU keeps it.
  auto first_over_last = [](const std::string& act) {
    Session s;
    std::string layers;
    for (int i = 0; i < 8; ++i) layers += (i ? "," : "") + std::string("16:") + act;
    EXPECT_TRUE(s.apply(set({{"dataset", "spiral"}, {"layers", layers}, {"init", "xavier_uniform"}}, Action::Step, 25)).ok());
    const LayerTrace& t = s.trainer().layer_trace();
    EXPECT_EQ(t.names.size(), 17u);  // 8 × (Linear + activation) + output Linear
    EXPECT_FALSE(t.steps.empty());
    const LayerStats* row = &t.stats[(t.steps.size() - 1) * t.names.size()];
    return row[0].grad_norm / row[14].grad_norm;  // 1.linear vs 15.linear
  };
  const float sigmoid = first_over_last("sigmoid"), relu = first_over_last("relu");
  EXPECT_LT(sigmoid, 0.01f);
  EXPECT_GT(relu, 10 * sigmoid);
}

}  // namespace
}  // namespace nnplay::train

namespace nnplay::train {
namespace {

TEST(Session, AnExplodingLossPausesWithADiagnosisNotOnlyNaN) {
  // Plain SGD at lr 10 on the circle: it fits, then the loss jumps four
  // decades while every value stays finite. The run pauses and says why.
  Session s;
  ASSERT_TRUE(s.apply(test::set({{"dataset", "circle"}, {"lr", "10"}})).ok());
  Status st = Status::Ok();
  for (int i = 0; i < 100 && st.ok(); ++i) st = s.apply(test::set({}, Action::Step, 25));
  EXPECT_EQ(st.code(), ErrorCode::DIVERGED) << st.to_string();
  EXPECT_NE(st.message().find("learning rate"), std::string::npos) << st.message();
  EXPECT_EQ(s.status().last_error, st.message());
  EXPECT_FALSE(s.status().running);
  EXPECT_TRUE(s.status().diverged);
}

TEST(Session, ARunAtChanceOrFarAboveItGetsADiagnosis) {
  // All-zero weights: every hidden unit stays the same, the loss stays at ln 2.
  Session zero;
  ASSERT_TRUE(zero.apply(test::set({{"dataset", "circle"}, {"init", "zeros"}}, Action::Step, 600)).ok());
  EXPECT_NE(zero.status().diagnosis.find("chance level (ln 2 = 0.693)"), std::string::npos) << zero.status().diagnosis;
  // lr 10 on the spiral overshoots: both losses far above chance.
  Session hot;
  ASSERT_TRUE(hot.apply(test::set({{"dataset", "spiral"}, {"lr", "10"}}, Action::Step, 750)).ok());
  EXPECT_NE(hot.status().diagnosis.find("overshoot"), std::string::npos) << hot.status().diagnosis;
  // A healthy run has none.
  Session fine;
  ASSERT_TRUE(fine.apply(test::set({{"dataset", "circle"}}, Action::Step, 750)).ok());
  EXPECT_EQ(fine.status().diagnosis, "");
  EXPECT_EQ(fine.status().last_error, "");
}

}  // namespace
}  // namespace nnplay::train

namespace nnplay::train {
namespace {

TEST(Session, SpeedPacesTheStepsWithoutChangingThem) {
  // One step a second: a frame's run_for takes the one step the credit
  // allows and no more (until a second has passed); the step is the one an
  // unpaced run takes.
  Session paced, fast;
  ASSERT_TRUE(paced.apply(test::set({{"dataset", "circle"}, {"speed", "1"}}, Action::Train)).ok());
  ASSERT_TRUE(paced.run_for(50.0).ok());
  ASSERT_TRUE(paced.run_for(50.0).ok());
  EXPECT_EQ(paced.trainer().step_count(), 1);
  EXPECT_TRUE(paced.throttled());
  ASSERT_TRUE(fast.apply(test::set({{"dataset", "circle"}}, Action::Step, 1)).ok());
  const Tensor& a = *paced.model().params()[0].value;
  const Tensor& b = *fast.model().params()[0].value;
  for (int64_t i = 0; i < a.numel(); ++i) ASSERT_EQ(a[i], b[i]);
  // Speed 0 is as fast as possible: a 50 ms slice takes many steps.
  ASSERT_TRUE(paced.apply(test::set({{"speed", "0"}})).ok());
  ASSERT_TRUE(paced.run_for(50.0).ok());
  EXPECT_GT(paced.trainer().step_count(), 10);
}

}  // namespace
}  // namespace nnplay::train
