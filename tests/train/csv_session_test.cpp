// The user's CSV in a session (Session::load_csv, {"load_csv": ...}): the
// file becomes dataset "csv" with the task its target implies (classes:
// cross-entropy, one logit per class or one for two; real values: MSE), a
// fresh start on it that trains; a bad file or a network that cannot take it
// changes nothing. Expected values come from the CSV text written here (row
// counts, classes, which side of a line a point is on).
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <string>

#include "support/session_util.h"
#include "train/inspect.h"
#include "train/playground.h"

namespace nnplay::train {
namespace {

using test::set;

// 200 points on a grid, class 1 where x1 + x2 > 0 (a line through the origin: separable).
std::string separable_csv() {
  std::string s = "x1,x2,label\n";
  for (int i = 0; i < 20; ++i)
    for (int j = 0; j < 10; ++j) {
      const double x1 = -1.0 + 0.1 * i + 0.013 * j, x2 = -1.05 + 0.21 * j;
      if (std::abs(x1 + x2) < 0.02) continue;  // off the line
      s += std::to_string(x1) + "," + std::to_string(x2) + "," + (x1 + x2 > 0 ? "yes" : "no") + "\n";
    }
  return s;
}

TEST(CsvSession, TwoFeaturesAndTextLabelsTrainToTheLine) {
  Playground p;
  nlohmann::json cmd = {{"load_csv", separable_csv()}, {"name", "line.csv"}};
  const Status st = p.command(cmd.dump());
  ASSERT_TRUE(st.ok()) << st.to_string();
  Session& s = p.session();
  const SessionStatus a = s.status();
  EXPECT_EQ(a.dataset, "csv");
  EXPECT_EQ(a.step, 0);
  EXPECT_FALSE(a.running);
  EXPECT_EQ(a.train_size + a.val_size, s.dataset()->size());
  const data::DatasetInfo* info = s.dataset_info("csv");
  ASSERT_NE(info, nullptr);
  EXPECT_STREQ(info->title, "line.csv");
  EXPECT_EQ(info->num_classes, 2);
  EXPECT_EQ(info->class_names, (std::vector<std::string>{"no", "yes"}));  // sorted
  EXPECT_EQ(info->sample_shape, (Shape{1, 2}));
  EXPECT_EQ(s.config().loss, loss::LossKind::CrossEntropy);
  ASSERT_NE(s.csv(), nullptr);
  EXPECT_EQ(s.csv()->feature_names, (std::vector<std::string>{"x1", "x2"}));
  ASSERT_TRUE(s.apply(set({{"lr", "0.1"}, {"optimizer", "adam"}}, Action::Step, 300)).ok());
  auto val = s.evaluate_split(false, 1000);
  ASSERT_TRUE(val.ok());
  ASSERT_GT(val.value().count, 0);
  EXPECT_GE(static_cast<double>(val.value().correct) / static_cast<double>(val.value().count), 0.95) << "a separable set";
}

TEST(CsvSession, AFractionalTargetIsRegressionWithMse) {
  std::string text = "a,b,c,y\n";
  for (int i = 0; i < 60; ++i)
    text += std::to_string(i % 7) + "," + std::to_string(i % 5) + "," + std::to_string(i % 3) + "," +
            std::to_string(0.5 * (i % 7) - 0.25 * (i % 5) + 0.1) + "\n";
  Playground p;
  ASSERT_TRUE(p.command(R"({"layers": "5:relu"})").ok());
  ASSERT_TRUE(p.load_csv("fit.csv", text).ok());
  const Session& s = p.session();
  EXPECT_EQ(s.config().loss, loss::LossKind::MSE);
  EXPECT_TRUE(s.dataset_info("csv")->regression());
  EXPECT_EQ(s.dataset_info("csv")->sample_shape, (Shape{1, 3}));
  EXPECT_EQ(s.status().architecture, "3-5-1");
  // Another target column of the same text: the task follows it (c holds 0, 1, 2: classes).
  ASSERT_TRUE(p.load_csv("fit.csv", text, "c").ok());
  EXPECT_EQ(s.config().loss, loss::LossKind::CrossEntropy);
  EXPECT_EQ(s.dataset_info("csv")->num_classes, 3);
  EXPECT_EQ(s.status().architecture, "3-5-3");
  EXPECT_EQ(s.csv()->target_name, "c");
}

TEST(CsvSession, ABadFileOrNoFileChangesNothing) {
  Playground p;
  ASSERT_TRUE(p.command(R"({"dataset": "xor", "layers": "6:tanh"})").ok());
  const std::string before = p.status_json();
  // dataset=csv before any file
  Status st = p.command(R"({"dataset": "csv"})");
  EXPECT_EQ(st.code(), ErrorCode::NOT_FOUND) << st.to_string();
  EXPECT_EQ(p.status_json(), before);
  // a ragged row: named by file, line and column
  st = p.command(R"({"load_csv": "x,y,t\n1,2,a\n3,4\n5,6,b\n", "name": "bad.csv"})");
  EXPECT_EQ(st.code(), ErrorCode::DATA_CORRUPT);
  EXPECT_EQ(st.message().rfind("bad.csv: line 3", 0), 0u) << st.message();
  EXPECT_EQ(p.status_json(), before);
  // a target no column has
  st = p.command(R"({"load_csv": "x,y,t\n1,2,a\n3,4,b\n", "target": "nope"})");
  EXPECT_EQ(st.code(), ErrorCode::INVALID_ARGUMENT);
  EXPECT_EQ(p.status_json(), before);
  // a key beside it that load_csv does not take
  st = p.command(R"({"load_csv": "x,t\n1,a\n2,b\n", "lr": 0.1})");
  EXPECT_EQ(st.code(), ErrorCode::INVALID_ARGUMENT);
  EXPECT_EQ(p.status_json(), before);
}

TEST(CsvSession, TheLoadedFileStaysWhileOtherSetsAreUsed) {
  Playground p;
  ASSERT_TRUE(p.load_csv("line.csv", separable_csv()).ok());
  const int rows = p.session().dataset()->size();
  ASSERT_TRUE(p.command(R"({"dataset": "spiral"})").ok());
  EXPECT_EQ(p.session().status().dataset, "spiral");
  ASSERT_TRUE(p.command(R"({"dataset": "csv", "action": "step", "steps": 3})").ok());
  EXPECT_EQ(p.session().status().dataset, "csv");
  EXPECT_EQ(p.session().dataset()->size(), rows);
  EXPECT_EQ(p.session().status().step, 3);
  // A model file of the CSV's network loads back while the file is loaded.
  const std::vector<uint8_t> file = p.session().save();
  ASSERT_TRUE(p.command(R"({"dataset": "circle"})").ok());
  const Status st = p.load_model("mine.nnp", file);
  ASSERT_TRUE(st.ok()) << st.to_string();
  EXPECT_EQ(p.session().status().dataset, "csv");
}

TEST(CsvSession, ARaceRunsOnTheLoadedFile) {
  Playground p;
  ASSERT_TRUE(p.load_csv("line.csv", separable_csv()).ok());
  const Session& main = p.session();
  ASSERT_TRUE(p.command(R"({"race": [{"optimizer": "sgd"}, {"optimizer": "adam", "lr": 0.01}], "action": "step", "steps": 40})").ok());
  ASSERT_EQ(p.race().size(), 2);
  for (int i = 0; i < 2; ++i) {
    const Session& lane = p.race().lane(i);
    EXPECT_EQ(lane.status().dataset, "csv");
    EXPECT_EQ(lane.dataset()->size(), main.dataset()->size()) << "the same rows";
    EXPECT_EQ(lane.dataset()->y, main.dataset()->y) << "with the same labels, in order";
    EXPECT_EQ(lane.trainer().val_indices(), main.trainer().val_indices()) << "and the same split";
    EXPECT_STREQ(lane.dataset_info("csv")->title, "line.csv");
    EXPECT_EQ(lane.status().step, 40);
  }
  EXPECT_EQ(p.race().lane(1).config().optimizer.kind, optim::OptimizerKind::Adam);
  // Without a loaded file a race on "csv" is refused, naming it.
  Playground fresh;
  const Status st = fresh.command(R"({"dataset": "csv", "race": [{"optimizer": "sgd"}, {"optimizer": "adam"}]})");
  EXPECT_FALSE(st.ok());
  EXPECT_NE(st.message().find("csv"), std::string::npos) << st.message();
}

TEST(CsvSession, AGivenFileIsDataByItsNameElseAModel) {
  Playground p;
  const std::string text = separable_csv();
  const std::vector<uint8_t> bytes(text.begin(), text.end());
  ASSERT_TRUE(p.load_file("Field Notes.CSV", bytes).ok());  // the suffix in any case
  EXPECT_EQ(p.session().status().dataset, "csv");
  EXPECT_STREQ(p.session().dataset_info("csv")->title, "Field Notes.CSV");
  ASSERT_TRUE(p.command(R"({"dataset": "xor", "layers": "3:relu"})").ok());
  const std::vector<uint8_t> model = p.session().save();
  ASSERT_TRUE(p.command(R"({"dataset": "circle", "layers": "5:tanh"})").ok());
  ASSERT_TRUE(p.load_file("net.nnp", model).ok());
  EXPECT_EQ(p.session().status().dataset, "xor");
  EXPECT_EQ(p.session().status().layers, "3:relu");
  const Status st = p.load_file("table.csv.nnp", bytes);  // named a model: read as one, and refused
  EXPECT_FALSE(st.ok());
  EXPECT_EQ(p.session().status().dataset, "xor");
}

// Four columns, the label from the third alone (the others are noise): with
// L1, the first layer's weight on that column ends the largest, the others
// far below it. And the number is the RMS of the weight column, as the
// formula says (computed here from the weight tensor).
TEST(CsvSession, FeatureWeightsFindTheColumnTheLabelDependsOn) {
  std::string text = "a,b,signal,d,label\n";
  uint32_t r = 12345;
  auto noise = [&r] {
    r = r * 1664525u + 1013904223u;
    return static_cast<double>(r >> 8) / static_cast<double>(1u << 24) * 2.0 - 1.0;
  };
  for (int i = 0; i < 300; ++i) {
    const double sig = noise();
    if (std::abs(sig) < 0.05) continue;
    text += std::to_string(noise()) + "," + std::to_string(noise()) + "," + std::to_string(sig) + "," +
            std::to_string(noise()) + "," + (sig > 0 ? "up" : "down") + "\n";
  }
  Playground p;
  nlohmann::json cmd = {{"load_csv", text}, {"name", "signal.csv"}};
  ASSERT_TRUE(p.command(cmd.dump()).ok());
  Session& s = p.session();
  ASSERT_TRUE(s.apply(set({{"optimizer", "adam"}, {"lr", "0.03"}, {"l1", "0.003"}}, Action::Step, 600)).ok());
  std::vector<float> w;
  ASSERT_TRUE(feature_weights(s, &w).ok());
  ASSERT_EQ(w.size(), 4u);
  EXPECT_GT(w[2], 3.0f * std::max({w[0], w[1], w[3]})) << w[0] << " " << w[1] << " " << w[2] << " " << w[3];
  const Tensor& weight = *s.model().params()[0].value;  // the first Linear's (K, 4) weight
  ASSERT_EQ(weight.dim(1), 4);
  double sum = 0;
  for (int k = 0; k < weight.dim(0); ++k) sum += double{weight[k * 4 + 2]} * weight[k * 4 + 2];
  EXPECT_NEAR(w[2], std::sqrt(sum / weight.dim(0)), 1e-6);
  // Sequences and their RNN are no table of features.
  ASSERT_TRUE(s.apply(set({{"dataset", "memory"}})).ok());
  EXPECT_EQ(feature_weights(s, &w).code(), ErrorCode::UNSUPPORTED);
}

}  // namespace
}  // namespace nnplay::train
