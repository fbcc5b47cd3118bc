// Links and commands from outside (Playground::apply_link, the app's
// start-up URL; command_reply): bytes that are not UTF-8 (a hand-written
// %FC) are refused with a message and never abort the module when the reply
// or status is written as JSON (found by
// fuzz/network_text: nlohmann::json aborts on invalid UTF-8 without
// exceptions, which took the whole page down); the page's own keys
// (parent_origin) pass through a link; the catalog a page offers.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>

#include "train/lessons.h"
#include "train/playground.h"

namespace nnplay::train {
namespace {

TEST(Links, TextThatIsNotUtf8IsReportedNotFatal) {
  Playground p;
  const std::string bad = "network=Linear(out_features=8)%3B%20\xFC\xFC&model=custom&lr=0.5";
  const LinkReport r = p.apply_link(bad);
  EXPECT_FALSE(r.ok()) << "the network text does not parse";
  const nlohmann::json s = nlohmann::json::parse(p.status_json(), nullptr, false);
  ASSERT_FALSE(s.is_discarded()) << "the status is JSON";
  EXPECT_FLOAT_EQ(s["lr"].get<float>(), 0.5f) << "the rest of the link applies";
  const nlohmann::json reply = nlohmann::json::parse(p.command_reply(R"({"model":"custom","network":"x"})"), nullptr, false);
  ASSERT_FALSE(reply.is_discarded());
  // A setting value with raw bytes through the command path's text form.
  const nlohmann::json s2 = nlohmann::json::parse(p.command_reply("{\"network\":\"\xFC\"}"), nullptr, false);
  ASSERT_FALSE(s2.is_discarded()) << "a reply is JSON even when the command's bytes are not UTF-8";
  EXPECT_FALSE(s2["ok"].get<bool>());
}

TEST(Links, ThePagesOwnKeysAreKeptNotAppliedNorReported) {
  // An embedded app's link: web/nnplay-api.js reads parent_origin; the engine
  // must not call it unknown (the app would show a note) and keeps it.
  Playground p;
  const std::string origin = "parent_origin=https://course.example.org,http://localhost:8000";
  const LinkReport r = p.apply_link("dataset=xor&" + origin + "&lr=0.1");
  EXPECT_TRUE(r.ok()) << r.summary();
  EXPECT_TRUE(r.summary().empty()) << r.summary();
  ASSERT_EQ(r.page_items.size(), 1u);
  EXPECT_EQ(r.page_items[0], origin);
  EXPECT_EQ(p.session().config().dataset, "xor");
  EXPECT_FLOAT_EQ(p.session().config().optimizer.lr, 0.1f);
  // Alone, first or last in the link, it is the same.
  EXPECT_TRUE(p.apply_link(origin).ok());
  EXPECT_EQ(p.apply_link("#" + origin + "&dataset=circle").page_items.size(), 1u);
  EXPECT_EQ(p.session().config().dataset, "circle");
  // Not a setting: a command cannot set it (a framing page could otherwise widen it).
  EXPECT_TRUE(is_page_key("parent_origin"));
  EXPECT_FALSE(is_page_key("lr"));
  const nlohmann::json reply =
      nlohmann::json::parse(p.command_reply(R"({"parent_origin":"https://evil.example"})"), nullptr, false);
  ASSERT_FALSE(reply.is_discarded());
  EXPECT_FALSE(reply["ok"].get<bool>());
  EXPECT_NE(reply["error"].get<std::string>().find("parent_origin"), std::string::npos) << reply.dump();
}

TEST(Links, TheCatalogListsEveryDatasetAndLesson) {
  const nlohmann::json c = nlohmann::json::parse(Playground::catalog_json(), nullptr, false);
  ASSERT_FALSE(c.is_discarded());
  EXPECT_TRUE(c["ok"].get<bool>());
  ASSERT_TRUE(c["datasets"].is_array());
  EXPECT_EQ(c["datasets"].size(), data::dataset_catalog().size());
  bool xor_seen = false;
  for (const auto& d : c["datasets"]) {
    EXPECT_TRUE(d["key"].is_string() && d["title"].is_string() && d["family"].is_string()) << d.dump();
    xor_seen = xor_seen || d["key"] == "xor";
  }
  EXPECT_TRUE(xor_seen);
  ASSERT_EQ(c["lessons"].size(), lessons().size());
  for (size_t i = 0; i < lessons().size(); ++i) {
    EXPECT_EQ(c["lessons"][i]["id"], lessons()[i].id);
    EXPECT_EQ(c["lessons"][i]["title"], lessons()[i].title);
  }
}

}  // namespace
}  // namespace nnplay::train
