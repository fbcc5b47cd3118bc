// The network text form and the zoo's wiring (shapes are checked where the
// layers exist: tests/training and the zoo build test).
#include "nn/model_spec.h"

#include <gtest/gtest.h>

#include <fstream>
#include <regex>
#include <sstream>

#include "nn/zoo.h"
#include "support/golden.h"

namespace nnplay::nn {
namespace {

TEST(ModelSpecText, ParsesNamesInputsAndClasses) {
  auto spec = parse_model_spec(
      "stem:Linear(out_features=8)\n ReLU; body:Linear(out_features=8); Add(in=body,stem) ; Linear(out_features=classes)", 10);
  ASSERT_TRUE(spec.ok()) << spec.status().to_string();
  const auto& L = spec.value().layers;
  ASSERT_EQ(L.size(), 5u);
  EXPECT_EQ(L[0].name, "stem");
  EXPECT_EQ(L[3].type, "Add");
  EXPECT_EQ(L[3].inputs, (std::vector<int>{3, 1}));
  EXPECT_EQ(L[3].args.count("in"), 0u);
  EXPECT_EQ(L[4].args.at("out_features"), "10");
  EXPECT_EQ(format_model_spec(spec.value()),
            "stem:Linear(out_features=8); ReLU; body:Linear(out_features=8); Add(in=body,stem); Linear(out_features=10)");
  auto again = parse_model_spec(format_model_spec(spec.value()));
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(format_model_spec(again.value()), format_model_spec(spec.value()));
}

TEST(ModelSpecText, ErrorsSayWhere) {
  EXPECT_NE(parse_model_spec("Linear(out_features=3; ReLU").status().message().find("item 1"), std::string::npos);
  EXPECT_NE(parse_model_spec("ReLU; Add(in=1,4)").status().message().find("'4' is not an earlier node"), std::string::npos);
  EXPECT_FALSE(parse_model_spec(" ; ").ok());
  EXPECT_FALSE(parse_model_spec("Linear(out_features=classes)").ok());  // no dataset given
}

TEST(Zoo, ResNetSkipSwitchChangesOnlyTheShortcuts) {
  const Shape in{1, 1, 28, 28};
  auto with = zoo_spec("resnet(depth=8)", in, 10), without = zoo_spec("resnet(depth=8,skip=0)", in, 10);
  ASSERT_TRUE(with.ok()) << with.status().to_string();
  ASSERT_TRUE(without.ok());
  int adds = 0, projs = 0;
  for (const LayerSpec& l : with.value().layers) {
    adds += l.type == "Add";
    projs += l.name.find(".proj") != std::string::npos && l.type == "Conv2d";
  }
  EXPECT_EQ(adds, 3);   // one block per stage at depth 8
  EXPECT_EQ(projs, 2);  // stages 2 and 3 change width and stride
  for (const LayerSpec& l : without.value().layers) EXPECT_NE(l.type, "Add");
  // The convolutions of the body have the same names in both, so weights carry over.
  auto names = [](const ModelSpec& s) {
    std::vector<std::string> n;
    for (const LayerSpec& l : s.layers)
      if (l.type == "Conv2d" && l.name.find("proj") == std::string::npos) n.push_back(l.name);
    return n;
  };
  EXPECT_EQ(names(with.value()), names(without.value()));
}

TEST(Zoo, EveryEntryBuildsASpecAndRejectsBadArguments) {
  for (const ZooEntry& e : zoo_entries()) {
    const bool seq = std::string(e.name) == "rnn" || std::string(e.name) == "lstm";
    auto s = zoo_spec(e.example, seq ? Shape{1, 30, 4} : Shape{1, 1, 28, 28}, 10);
    EXPECT_TRUE(s.ok()) << e.example << ": " << s.status().to_string();
  }
  // Every listed choice is a valid value (the app offers them in a combo).
  for (const ZooEntry& e : zoo_entries())
    for (const auto& [arg, values] : zoo_choices(e)) {
      EXPECT_FALSE(values.empty()) << e.name << ": " << arg;
      for (const std::string& v : values) {
        const std::string text = std::string(e.name) + "(" + arg + "=" + v + ")";
        EXPECT_TRUE(zoo_spec(text, Shape{1, 1, 28, 28}, 10).ok()) << text;
      }
    }
  EXPECT_EQ(zoo_choices({"x", "x()", "", "depth=8|14 act=tanh|relu"}),
            (std::map<std::string, std::vector<std::string>>{{"act", {"tanh", "relu"}}, {"depth", {"8", "14"}}}));
  EXPECT_NE(zoo_spec("resnet(depth=9)", Shape{1, 1, 28, 28}, 10).status().message().find("6n+2"), std::string::npos);
  EXPECT_NE(zoo_spec("resnet(dept=8)", Shape{1, 1, 28, 28}, 10).status().message().find("dept"), std::string::npos);
  EXPECT_EQ(zoo_spec("lenet5", Shape{1, 2}, 1).status().code(), ErrorCode::UNSUPPORTED);
  // Clips (N, 1, T, H, W): a 2D zoo CNN is refused saying what fits instead.
  const Status clip = zoo_spec("lenet5", Shape{1, 1, 8, 16, 16}, 4).status();
  EXPECT_EQ(clip.code(), ErrorCode::UNSUPPORTED);
  EXPECT_NE(clip.message().find("Conv3d"), std::string::npos) << clip.message();
  EXPECT_FALSE(zoo_spec("inception", Shape{1, 1, 28, 28}, 10).ok());
}

TEST(Zoo, ExamplesInTheDocsAndHelpTextsAreAccepted) {
  // Every zoo call written out for a reader (README, docs/networks.md, the
  // zoo's header, the settings' help texts), e.g. `resnet(depth=8,skip=0)`,
  // builds: whoever copies one gets a network, not an error.
  std::string names;
  for (const ZooEntry& e : zoo_entries()) names += (names.empty() ? "" : "|") + std::string(e.name);
  const std::regex call("\\b(" + names + ")\\(((?:[a-z_]+=[^,()\\s]+,?)*)\\)");
  int seen = 0;
  for (const char* file : {"README.md", "docs/networks.md", "src/nn/zoo.h", "src/train/config.cpp"}) {
    std::ifstream f(nnplay::test::source_dir() + "/" + file);
    ASSERT_TRUE(f) << file;
    std::stringstream text;
    text << f.rdbuf();
    const std::string s = text.str();
    for (auto it = std::sregex_iterator(s.begin(), s.end(), call); it != std::sregex_iterator(); ++it) {
      const std::string name = (*it)[1], example = (*it)[0];
      const bool seq = name == "rnn" || name == "lstm";
      auto spec = zoo_spec(example, seq ? Shape{1, 30, 4} : Shape{1, 1, 28, 28}, 10);
      EXPECT_TRUE(spec.ok()) << file << ": " << example << ": " << spec.status().to_string();
      ++seen;
    }
  }
  EXPECT_GE(seen, 20);  // the pattern still finds them
}

}  // namespace
}  // namespace nnplay::nn
