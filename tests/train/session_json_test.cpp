// The text forms of commands: JSON (window.nnplay.command), the URL query,
// and the round trip config -> link -> config.
#include "train/session_json.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

namespace nnplay::train {
namespace {

TEST(SessionJson, ParsesSettingsAndAction) {
  auto c = command_from_json(R"({"dataset":"xor","lr":0.1,"batch_size":32,"nesterov":true,"action":"train"})");
  ASSERT_TRUE(c.ok()) << c.status().to_string();
  EXPECT_EQ(c.value().action, Action::Train);
  ASSERT_EQ(c.value().set.size(), 4u);
  Session s;
  ASSERT_TRUE(s.apply(c.value()).ok());
  EXPECT_EQ(s.config().dataset, "xor");
  EXPECT_FLOAT_EQ(s.config().optimizer.lr, 0.1f);
  EXPECT_EQ(s.config().batch_size, 32);
  EXPECT_TRUE(s.config().optimizer.nesterov);
  EXPECT_TRUE(s.status().running);
}

TEST(SessionJson, ABooleanSetsASwitchButIsNoNumber) {
  Session s;
  auto on = command_from_json(R"({"hflip":true,"nesterov":false})");
  ASSERT_TRUE(on.ok());
  ASSERT_TRUE(s.apply(on.value()).ok());
  EXPECT_TRUE(s.config().augment.hflip);
  for (const auto& [text, key] : {std::pair{R"({"lr":true})", "lr"}, std::pair{R"({"batch_size":false})", "batch_size"}}) {
    const Config before = s.config();
    auto c = command_from_json(text);
    const Status st = c.ok() ? s.apply(c.value()) : c.status();
    EXPECT_EQ(st.code(), ErrorCode::INVALID_ARGUMENT) << text;
    EXPECT_NE(st.message().find(key), std::string::npos) << st.message();
    EXPECT_EQ(s.config().optimizer.lr, before.optimizer.lr);
    EXPECT_EQ(s.config().batch_size, before.batch_size);
  }
}

TEST(SessionJson, LayersAsStringOrArray) {
  auto a = command_from_json(R"({"layers":[{"units":6,"activation":"relu"},{"units":3}]})");
  ASSERT_TRUE(a.ok()) << a.status().to_string();
  EXPECT_EQ(a.value().set[0].second, "6:relu,3");
  auto b = command_from_json(R"({"layers":"6:relu,3:tanh"})");
  ASSERT_TRUE(b.ok());
  EXPECT_FALSE(command_from_json(R"({"layers":[{"width":6}]})").ok());
}

TEST(SessionJson, ErrorsNeverThrowAndSayWhat) {
  EXPECT_EQ(command_from_json("{not json").status().code(), ErrorCode::PARSE_ERROR);
  EXPECT_EQ(command_from_json("[1,2]").status().code(), ErrorCode::PARSE_ERROR);
  EXPECT_EQ(command_from_json(R"({"lr":[1]})").status().code(), ErrorCode::PARSE_ERROR);
  auto r = command_from_json(R"({"action":"fly"})");
  EXPECT_NE(r.status().message().find("fly"), std::string::npos);
  r = command_from_json(R"({"learning_rate":0.1})");
  EXPECT_NE(r.status().message().find("unknown setting 'learning_rate'"), std::string::npos) << r.status().message();
  r = command_from_json(R"({"action":"step","steps":0})");
  EXPECT_FALSE(r.ok());
}

TEST(SessionJson, StatusIsAPlainObjectWithTheDocumentedFields) {
  Session s;
  Command step;
  step.action = Action::Step;
  step.steps = 30;
  ASSERT_TRUE(s.apply(step).ok());
  auto j = nlohmann::json::parse(status_to_json(s.status()));
  for (const char* key : {"dataset", "layers", "step", "epoch", "loss_train", "acc_train", "loss_val", "acc_val",
                          "samples_per_sec", "running", "last_error", "optimizer", "lr", "batch_size", "model",
                          "events"})
    EXPECT_TRUE(j.contains(key)) << key;
  EXPECT_EQ(j["step"], 30);
  EXPECT_EQ(j["layers"], "8:tanh,8:tanh");
  EXPECT_TRUE(j["last_error"].is_null());
  EXPECT_TRUE(j["loss_val"].is_number());
  EXPECT_EQ(j["model"], "mlp");
  EXPECT_TRUE(j["events"].is_array());
  Command edit;
  edit.set = {{"layers", "4:relu"}};
  ASSERT_TRUE(s.apply(edit).ok());
  j = nlohmann::json::parse(status_to_json(s.status()));
  ASSERT_EQ(j["events"].size(), 1u);
  EXPECT_EQ(j["events"][0]["step"], 30);
  EXPECT_NE(j["events"][0]["text"].get<std::string>().find("layers=4:relu"), std::string::npos);
}

TEST(SessionJson, LinkRoundTripRestoresTheSetup) {
  Session a;
  auto c = command_from_json(R"({"dataset":"spiral","noise":0.25,"layers":"8:relu,8:relu,8:relu","optimizer":"adam","lr":0.003,"seed":42})");
  ASSERT_TRUE(c.ok());
  ASSERT_TRUE(a.apply(c.value()).ok());
  const std::string link = config_to_query(a.config_delta());
  EXPECT_EQ(link, "dataset=spiral&noise=0.25&layers=8:relu,8:relu,8:relu&optimizer=adam&lr=0.003&seed=42");
  auto back = command_from_query("#" + link);
  ASSERT_TRUE(back.ok()) << back.status().to_string();
  Session b;
  ASSERT_TRUE(b.apply(back.value()).ok());
  EXPECT_EQ(config_to_query(b.config_delta()), link);
  // Same setup, same seed: same initial weights.
  EXPECT_EQ((*a.model().params()[0].value)[3], (*b.model().params()[0].value)[3]);
}

TEST(SessionJson, QueryDecodingAndErrors) {
  auto c = command_from_query("?dataset=xor&layers=4%3Arelu&action=train");
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(c.value().set[1].second, "4:relu");
  EXPECT_EQ(c.value().action, Action::Train);
  EXPECT_EQ(command_from_query("#lr").status().code(), ErrorCode::PARSE_ERROR);
  EXPECT_EQ(command_from_query("lr=abc").status().code(), ErrorCode::INVALID_ARGUMENT);
}

}  // namespace
}  // namespace nnplay::train
