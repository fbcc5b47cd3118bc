// The MLP path against PyTorch 1.13 (tests/reference/gen_mlp.py -> mlp.json):
// forward logits, loss, parameter gradients, and three real training steps of
// SGD+momentum, SGD+Nesterov with weight decay on weights only, and Adam with
// L2 on weights only.
#include <gtest/gtest.h>

#include "loss/loss.h"
#include "nn/model.h"
#include "optim/adam.h"
#include "optim/sgd.h"
#include "support/golden.h"

namespace nnplay {
namespace {

using nlohmann::json;

struct Case {
  json j;
  nn::Model model;
  Tensor x;
  std::vector<int32_t> target;
  loss::LossKind kind{};

  void load_params(const json& params) {
    auto p = model.params();
    ASSERT_EQ(p.size(), params.size());
    for (size_t i = 0; i < p.size(); ++i) {
      auto t = test::tensor_from_json(params[i], "params");
      ASSERT_TRUE(t.ok()) << t.status().to_string();
      ASSERT_EQ(t.value().numel(), p[i].value->numel());
      p[i].value->vec() = t.value().vec();
    }
  }
  double train_step(optim::Optimizer* opt) {
    const Tensor& logits = model.forward(x);
    Tensor dlogits;
    auto r = loss::compute_loss(kind, logits, target, &dlogits);
    EXPECT_TRUE(r.ok());
    model.zero_grad();
    model.backward(dlogits);
    if (opt) opt->step(model.params());
    return r.value().loss;
  }
};

void setup(Case& c, const json& j) {
  c.j = j;
  auto act = nn::parse_activation(j["activation"].get<std::string>());
  ASSERT_TRUE(act.ok());
  ASSERT_TRUE(c.model.build(nn::mlp_spec({{4, act.value()}}, j["out_features"].get<int>()), Shape{1, 3}, 8).ok());
  c.x = test::tensor_from_json(j["x"], "x").take();
  c.target = j["target"].get<std::vector<int32_t>>();
  c.kind = loss::parse_loss(j["loss"].get<std::string>()).value();
  c.load_params(j["params"]);
}

TEST(MlpReference, ForwardLossAndGradientsMatchPyTorch) {
  auto golden = test::load_golden("mlp.json");
  ASSERT_TRUE(golden.ok()) << golden.status().to_string();
  for (const json& jc : golden.value()["cases"]) {
    SCOPED_TRACE(jc["name"].get<std::string>());
    Case c;
    setup(c, jc);
    const double loss_value = c.train_step(nullptr);
    EXPECT_NEAR(loss_value, jc["loss_value"].get<double>(), 1e-6);
    EXPECT_TENSOR_NEAR(c.model.nodes().back().y, test::tensor_from_json(jc["logits"], "logits").value(), 1e-6, 1e-5);
    auto p = c.model.params();
    for (size_t i = 0; i < p.size(); ++i)
      EXPECT_TENSOR_NEAR(*p[i].grad, test::tensor_from_json(jc["grads"][i], "grads").value(), 1e-6, 1e-5);
  }
}

TEST(MlpReference, OptimizerTrajectoriesMatchPyTorch) {
  auto golden = test::load_golden("mlp.json");
  ASSERT_TRUE(golden.ok()) << golden.status().to_string();
  for (const json& jc : golden.value()["cases"]) {
    for (const char* name : {"sgd_momentum", "sgd_nesterov_wd", "adam_wd"}) {
      SCOPED_TRACE(jc["name"].get<std::string>() + " " + name);
      Case c;
      setup(c, jc);
      std::unique_ptr<optim::Optimizer> opt;
      if (std::string(name).rfind("sgd", 0) == 0) {
        auto sgd = std::make_unique<optim::SGD>();
        sgd->lr = 0.1f;
        sgd->momentum = 0.9f;
        sgd->nesterov = std::string(name) == "sgd_nesterov_wd";
        sgd->weight_decay = sgd->nesterov ? 0.05f : 0.0f;
        opt = std::move(sgd);
      } else {
        auto adam = std::make_unique<optim::Adam>();
        adam->lr = 0.01f;
        adam->weight_decay = 0.01f;
        opt = std::move(adam);
      }
      const json& steps = jc["trajectories"][name];
      for (size_t s = 0; s < steps.size(); ++s) {
        c.train_step(opt.get());
        auto p = c.model.params();
        for (size_t i = 0; i < p.size(); ++i) {
          SCOPED_TRACE("after step " + std::to_string(s + 1) + ", param " + std::to_string(i));
          EXPECT_TENSOR_NEAR(*p[i].value, test::tensor_from_json(steps[s][i], "step").value(), 2e-6, 1e-5);
        }
      }
    }
  }
}

}  // namespace
}  // namespace nnplay
