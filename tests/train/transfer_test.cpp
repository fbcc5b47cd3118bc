// Transfer learning (Session::init_from, Race::init_lane_from, the
// "classes" setting): the tensors taken are exactly the file's, the others
// exactly a fresh start's, the settings and data stay, and a bad file
// changes nothing. Expected values come from the source file
// (read_checkpoint) and from a session that never saw it.
#include <gtest/gtest.h>

#include <set>

#include "support/idx_files.h"
#include "support/session_util.h"
#include "train/checkpoint.h"
#include "train/playground.h"
#include "train/session.h"

namespace nnplay::train {
namespace {

using test::provide_tiny_mnist;
using test::set;

std::vector<float> values(const Tensor& t) { return std::vector<float>(t.data(), t.data() + t.numel()); }

std::string config_text(const Session& s) {
  std::string out;
  for (const ConfigField& f : config_fields()) out += std::string(f.key) + "=" + f.get(s.config()) + "\n";
  return out;
}

/// A source model file: circle with hidden layers `layers`, trained 40 steps with Adam.
std::vector<uint8_t> trained_file(const std::string& layers) {
  Session src;
  EXPECT_TRUE(src.apply(set({{"layers", layers}, {"optimizer", "adam"}, {"lr", "0.05"}}, Action::Step, 40)).ok());
  return src.save();
}

TEST(Transfer, TakesExactlyTheTensorsWhoseNameAndShapeMatch) {
  // Source 2-8-6-1, target 2-8-5-1: the first layer (2->8: weight, bias) has the same shapes, and so has
  // the output layer's bias (1); its weight (1, 5) vs (1, 6) and the middle layer differ.
  const std::vector<uint8_t> file = trained_file("8:relu,6:relu");
  auto ck = read_checkpoint(file, "src.nnp");
  ASSERT_TRUE(ck.ok());
  const auto settings = set({{"layers", "8:relu,5:relu"}, {"optimizer", "sgd"}, {"lr", "0.2"}, {"seed", "7"}});
  Session fresh, s;  // `fresh` never sees the file: the initial weights the others must keep
  ASSERT_TRUE(fresh.apply(settings).ok());
  ASSERT_TRUE(s.apply(settings).ok());
  ASSERT_TRUE(s.apply(set({}, Action::Step, 25)).ok());
  const std::string config_before = config_text(s);
  const int train_size = s.status().train_size, val_size = s.status().val_size;

  auto t = s.init_from(file, "src.nnp");
  ASSERT_TRUE(t.ok()) << t.status().to_string();
  EXPECT_EQ(t.value().taken, 3);
  EXPECT_EQ(t.value().total, 6);  // three Linear layers, weight and bias each
  EXPECT_EQ(t.value().text(), "3 of 6 tensors taken from src.nnp");
  EXPECT_EQ(s.status().init_from, "3 of 6 tensors taken from src.nnp");

  // The file's first two tensors are the first layer's weight (8, 2) and bias (8).
  ASSERT_EQ(ck.value().tensors[0].value.shape(), (Shape{8, 2}));
  EXPECT_EQ(values(*s.model().params()[0].value), values(ck.value().tensors[0].value));
  EXPECT_EQ(values(*s.model().params()[1].value), values(ck.value().tensors[1].value));
  ASSERT_EQ(ck.value().tensors[5].value.shape(), (Shape{1}));
  EXPECT_EQ(values(*s.model().params()[5].value), values(ck.value().tensors[5].value));
  // The differently shaped tensors, the head's weight among them, are the seed's fresh ones.
  ASSERT_EQ(s.model().params().size(), 6u);
  for (size_t i = 2; i < 5; ++i)
    EXPECT_EQ(values(*s.model().params()[i].value), values(*fresh.model().params()[i].value)) << i;
  // Settings and data stay; training restarts at step 0, paused.
  EXPECT_EQ(config_text(s), config_before);
  EXPECT_EQ(s.status().train_size, train_size);
  EXPECT_EQ(s.status().val_size, val_size);
  EXPECT_EQ(s.status().step, 0);
  EXPECT_FALSE(s.status().running);
  EXPECT_TRUE(s.trainer().history().empty());
  // A reset goes back to the fresh start.
  ASSERT_TRUE(s.apply(set({}, Action::Reset)).ok());
  EXPECT_EQ(values(*s.model().params()[0].value), values(*fresh.model().params()[0].value));
  EXPECT_EQ(s.status().init_from, "");
}

TEST(Transfer, AFreshHeadLeavesOnlyTheOutputLayerAsInitialised) {
  const std::vector<uint8_t> file = trained_file("8:relu,6:relu");
  auto ck = read_checkpoint(file, "src.nnp");
  ASSERT_TRUE(ck.ok());
  Session fresh, s;
  ASSERT_TRUE(fresh.apply(set({{"layers", "8:relu,6:relu"}})).ok());
  ASSERT_TRUE(s.apply(set({{"layers", "8:relu,6:relu"}})).ok());
  auto t = s.init_from(file, "src.nnp", /*head=*/false);
  ASSERT_TRUE(t.ok()) << t.status().to_string();
  EXPECT_EQ(t.value().text(), "4 of 6 tensors taken from src.nnp (the output layer left fresh)");
  for (size_t i = 0; i < 4; ++i) EXPECT_EQ(values(*s.model().params()[i].value), values(ck.value().tensors[i].value)) << i;
  for (size_t i = 4; i < 6; ++i)
    EXPECT_EQ(values(*s.model().params()[i].value), values(*fresh.model().params()[i].value)) << i;
}

TEST(Transfer, ADamagedOrUnfittingFileChangesNothing) {
  const std::vector<uint8_t> good = trained_file("8:relu,6:relu");
  Session s;
  ASSERT_TRUE(s.apply(set({{"dataset", "xor"}, {"layers", "4:tanh"}}, Action::Step, 9)).ok());
  const std::string config_before = config_text(s);
  const std::vector<float> w = values(*s.model().params()[0].value);
  const SessionVersion v = s.version();
  auto unchanged = [&](const Result<Transfer>& r, ErrorCode code, const std::string& what) {
    EXPECT_EQ(r.status().code(), code) << what << ": " << r.status().to_string();
    EXPECT_EQ(config_text(s), config_before) << what;
    EXPECT_EQ(values(*s.model().params()[0].value), w) << what;
    EXPECT_EQ(s.status().step, 9) << what;
    EXPECT_EQ(s.version(), v) << what;
    EXPECT_EQ(s.status().init_from, "") << what;
  };
  unchanged(s.init_from(std::vector<uint8_t>(good.begin(), good.end() - 9), "cut.nnp"), ErrorCode::DATA_CORRUPT, "cut");
  unchanged(s.init_from(std::vector<uint8_t>{'G', 'I', 'F', '8', '9', 'a', 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}, "cat.gif"),
            ErrorCode::DATA_CORRUPT, "foreign");
  Session clips;  // a 3D CNN: no node of it has a tensor of the MLP's name and shape
  ASSERT_TRUE(clips.apply(set({{"dataset", "moving_dots"}})).ok());
  const auto none = s.init_from(clips.save(), "clips.nnp");
  unchanged(none, ErrorCode::SHAPE_MISMATCH, "no tensor fits");
  EXPECT_NE(none.status().message().find("clips.nnp: none of its"), std::string::npos) << none.status().message();
}

TEST(Transfer, WhileADatasetLoadsTheFileWaitsForTheData) {
  Session src;
  ASSERT_TRUE(src.apply(set({{"dataset", "mnist"}, {"layers", "16:relu"}})).ok());
  provide_tiny_mnist(src, 200);
  ASSERT_TRUE(src.apply(set({}, Action::Step, 5)).ok());
  const std::vector<uint8_t> file = src.save();
  auto ck = read_checkpoint(file, "digits.nnp");
  ASSERT_TRUE(ck.ok());

  Session s;  // circle, heading for the digits with the same network
  ASSERT_TRUE(s.apply(set({{"dataset", "mnist"}, {"layers", "16:relu"}})).ok());
  ASSERT_TRUE(s.loading());
  auto t = s.init_from(file, "digits.nnp");
  ASSERT_TRUE(t.ok()) << t.status().to_string();
  EXPECT_EQ(t.value().text(), "4 of 4 tensors taken from digits.nnp");
  EXPECT_EQ(s.config().dataset, "circle");  // nothing applied yet
  provide_tiny_mnist(s, 200);
  ASSERT_FALSE(s.loading());
  EXPECT_EQ(s.config().dataset, "mnist");
  for (size_t i = 0; i < 4; ++i) EXPECT_EQ(values(*s.model().params()[i].value), values(ck.value().tensors[i].value)) << i;
  EXPECT_EQ(s.status().init_from, "4 of 4 tensors taken from digits.nnp");
}

TEST(Transfer, ClassesKeepsOnlyThoseSamplesWithTheirLabels) {
  Session s;
  ASSERT_TRUE(s.apply(set({{"dataset", "mnist"}, {"classes", "0-2,7"}, {"val_fraction", "0.2"}})).ok());
  provide_tiny_mnist(s, 200);
  ASSERT_FALSE(s.loading());
  const data::Dataset& d = *s.dataset();
  std::multiset<int> seen;
  for (const auto* idx : {&s.trainer().train_indices(), &s.trainer().val_indices()})
    for (int32_t i : *idx) seen.insert(d.y[static_cast<size_t>(i)]);
  // 200 images, 20 of each label: labels 0, 1, 2 and 7 stay, all of them.
  EXPECT_EQ(seen.size(), 80u);
  for (int k : {0, 1, 2, 7}) EXPECT_EQ(seen.count(k), 20u) << k;
  EXPECT_EQ(d.outputs(), 10);  // one output per class of the dataset still
}

TEST(Transfer, ARaceLaneStartsFromTheFileAndTheOtherFromScratch) {
  const std::vector<uint8_t> file = trained_file("8:tanh,8:tanh");
  auto ck = read_checkpoint(file, "src.nnp");
  ASSERT_TRUE(ck.ok());
  Playground p;
  ASSERT_TRUE(p.command(R"({"race": [{}, {}], "seed": 3})").ok());
  p.add_model_file("src.nnp", file);
  ASSERT_TRUE(p.command(R"({"init_from": "src.nnp", "race": true, "lane": 1})").ok());
  EXPECT_EQ(p.race().lane(1).status().init_from, "6 of 6 tensors taken from src.nnp");
  EXPECT_EQ(p.race().lane(0).status().init_from, "");
  for (size_t i = 0; i < 6; ++i)
    EXPECT_EQ(values(*p.race().lane(1).model().params()[i].value), values(ck.value().tensors[i].value)) << i;
  Session fresh;  // lane 0 keeps the seed's initial weights
  ASSERT_TRUE(fresh.apply(set({{"seed", "3"}})).ok());
  for (size_t i = 0; i < 6; ++i)
    EXPECT_EQ(values(*p.race().lane(0).model().params()[i].value), values(*fresh.model().params()[i].value)) << i;
  // The same shuffle: both lanes share data, split and seed.
  EXPECT_EQ(p.race().lane(0).trainer().train_indices(), p.race().lane(1).trainer().train_indices());
}

}  // namespace
}  // namespace nnplay::train
