// {"load_model": base64} (Playground::load_command, the page's
// window.nnplay.loadModel and its reload restore): the loaded network is the
// saved one, tensor for tensor and prediction for prediction; a damaged
// command or file changes nothing. Expected values come from the session
// that wrote the file.
#include <gtest/gtest.h>

#include "core/base64.h"
#include "support/session_util.h"
#include "train/playground.h"

namespace nnplay::train {
namespace {

using test::set;

std::vector<float> values(const Tensor& t) { return std::vector<float>(t.data(), t.data() + t.numel()); }

TEST(LoadModel, TheLoadedNetworkIsTheSavedOneBitForBit) {
  Session src;
  ASSERT_TRUE(src.apply(set({{"dataset", "spiral"}, {"layers", "6:tanh,5:relu"}, {"optimizer", "adam"}, {"lr", "0.03"}},
                            Action::Step, 30))
                  .ok());
  const std::vector<uint8_t> file = src.save();
  Playground p;  // defaults: another dataset and network
  ASSERT_NE(p.session().config().dataset, "spiral");
  const std::string cmd = R"({"load_model": ")" + base64_encode(file) + R"(", "name": "mine.nnp"})";
  const Status st = p.command(cmd);
  ASSERT_TRUE(st.ok()) << st.to_string();
  EXPECT_EQ(p.session().config().dataset, "spiral");
  EXPECT_EQ(p.session().config().layers, src.config().layers);
  const auto& a = src.model().params();
  const auto& b = p.session().model().params();
  ASSERT_EQ(a.size(), b.size());
  for (size_t i = 0; i < a.size(); ++i) EXPECT_EQ(values(*a[i].value), values(*b[i].value)) << i;
  // The same predictions.
  Tensor x({4, 2}), ya, yb;
  for (int64_t i = 0; i < x.numel(); ++i) x.data()[i] = 0.3f * static_cast<float>(i) - 1.0f;
  ASSERT_TRUE(src.predict(x, &ya).ok());
  ASSERT_TRUE(p.session().predict(x, &yb).ok());
  EXPECT_EQ(values(ya), values(yb));
}

TEST(LoadModel, ABadCommandOrFileChangesNothing) {
  Session src;
  ASSERT_TRUE(src.apply(set({{"layers", "4:relu"}}, Action::Step, 3)).ok());
  const std::string good = base64_encode(src.save());
  Playground p;
  ASSERT_TRUE(p.command(R"({"layers": "7:tanh", "lr": "0.02"})").ok());
  const std::string before = p.status_json();
  std::vector<uint8_t> cut = src.save();
  cut.resize(cut.size() / 2);
  const std::pair<std::string, ErrorCode> bad[] = {
      {R"({"load_model": 12})", ErrorCode::PARSE_ERROR},
      {R"({"load_model": "not*base64"})", ErrorCode::PARSE_ERROR},
      {R"({"load_model": ")" + good + R"(", "lr": 0.1})", ErrorCode::INVALID_ARGUMENT},
      {R"({"load_model": ")" + base64_encode(cut) + R"("})", ErrorCode::DATA_CORRUPT},
      {R"({"load_model": ")" + base64_encode({'h', 'i'}) + R"("})", ErrorCode::DATA_CORRUPT},
  };
  for (const auto& [cmd, code] : bad) {
    const Status st = p.command(cmd);
    EXPECT_FALSE(st.ok()) << cmd.substr(0, 60);
    EXPECT_EQ(st.code(), code) << st.to_string();
    EXPECT_EQ(p.status_json(), before) << cmd.substr(0, 60);
  }
}

}  // namespace
}  // namespace nnplay::train
