#include "nn/model.h"

#include <gtest/gtest.h>

#include <cmath>
#include <map>
#include <set>

#include "loss/loss.h"
#include "nn/conv2d.h"
#include "nn/linear.h"
#include "nn/zoo.h"
#include "support/gradcheck.h"

namespace nnplay::nn {
namespace {

TEST(Model, BuildsAnMlpWithNamedNodesAndCounts) {
  Model m;
  ASSERT_TRUE(m.build(mlp_spec({{128, Activation::ReLU}, {64, Activation::ReLU}}, 10), Shape{1, 784}, 64).ok());
  ASSERT_EQ(m.nodes().size(), 6u);
  EXPECT_EQ(m.nodes()[1].name, "1.linear");
  EXPECT_EQ(m.nodes()[2].name, "2.relu");
  EXPECT_EQ(m.output_shape(), (Shape{1, 10}));
  // 784·128 + 128 + 128·64 + 64 + 64·10 + 10
  EXPECT_EQ(m.num_params(), 784 * 128 + 128 + 128 * 64 + 64 + 64 * 10 + 10);
  EXPECT_EQ(m.macs_per_sample(), 784 * 128 + 128 * 64 + 64 * 10);
  EXPECT_EQ(m.params().size(), 6u);
}

TEST(Model, ErrorsNameTheLayerAndLeaveTheModelUnchanged) {
  Model m;
  ASSERT_TRUE(m.build(mlp_spec({{8, Activation::Tanh}}, 1), Shape{1, 2}, 10).ok());
  ModelSpec bad = mlp_spec({{8, Activation::Tanh}}, 1);
  bad.layers.insert(bad.layers.begin() + 2, LayerSpec{"Conv9d", {}, {}});
  Status st = m.build(bad, Shape{1, 2}, 10);
  EXPECT_EQ(st.code(), ErrorCode::INVALID_ARGUMENT);
  EXPECT_NE(st.message().find("layer 3"), std::string::npos) << st.message();
  EXPECT_NE(st.message().find("Conv9d"), std::string::npos) << st.message();
  ModelSpec zero;
  zero.layers.push_back({"Linear", {{"out_features", "0"}}, {}});
  st = m.build(zero, Shape{1, 2}, 10);
  EXPECT_NE(st.message().find("layer 1: Linear: out_features='0'"), std::string::npos) << st.message();
  EXPECT_EQ(m.nodes().size(), 4u);  // still the first model
}

TEST(Model, ForwardComposesTheLayers) {
  Model m;
  ASSERT_TRUE(m.build(mlp_spec({{3, Activation::Tanh}}, 2), Shape{1, 2}, 4).ok());
  m.reset_parameters(3, InitScheme::XavierUniform);
  Tensor x(Shape{1, 2}, {0.5f, -1.0f});
  const Tensor& y = m.forward(x);
  // Recompute by hand from the parameters: y = W2 tanh(W1 x + b1) + b2.
  auto p = m.params();
  const Tensor &W1 = *p[0].value, &b1 = *p[1].value, &W2 = *p[2].value, &b2 = *p[3].value;
  double h[3];
  for (int j = 0; j < 3; ++j) h[j] = std::tanh(W1[j * 2] * 0.5 + W1[j * 2 + 1] * -1.0 + b1[j]);
  for (int k = 0; k < 2; ++k) {
    double v = b2[k];
    for (int j = 0; j < 3; ++j) v += W2[k * 3 + j] * h[j];
    EXPECT_NEAR(y[k], v, 1e-6);
  }
}

TEST(Model, WholeNetworkGradientsMatchFiniteDifferences) {
  for (auto act : {Activation::Tanh, Activation::Sigmoid, Activation::ReLU}) {
    Model m;
    ASSERT_TRUE(m.build(mlp_spec({{5, act}, {4, act}}, 3), Shape{1, 4}, 8).ok());
    m.reset_parameters(9, InitScheme::XavierNormal);
    const Tensor x = test::random_tensor(Shape{6, 4}, 21);
    const int32_t target[] = {0, 2, 1, 1, 0, 2};
    auto loss_of = [&]() {
      const Tensor& y = m.forward(x);
      return loss::compute_loss(loss::LossKind::CrossEntropy, y, target, nullptr).value().loss;
    };
    Tensor dlogits;
    ASSERT_TRUE(loss::compute_loss(loss::LossKind::CrossEntropy, m.forward(x), target, &dlogits).ok());
    m.zero_grad();
    m.backward(dlogits);
    std::vector<test::Probe> probes;
    for (ParamRef& p : m.params()) probes.push_back({p.id.name, p.value, *p.grad});
    test::GradCheckOptions opt;
    opt.tol_abs = 1e-3;  // loss is O(1): tighter than the per-layer default
    auto rep = test::compare_with_finite_differences(loss_of, probes, opt);
    EXPECT_TRUE(rep.ok) << activation_key(act) << "\n" << rep.failures;
  }
}

TEST(Model, SameSeedSameInitialWeights) {
  Model a, b;
  ASSERT_TRUE(a.build(mlp_spec({{8, Activation::Tanh}}, 1), Shape{1, 2}, 4).ok());
  ASSERT_TRUE(b.build(mlp_spec({{8, Activation::Tanh}}, 1), Shape{1, 2}, 4).ok());
  a.reset_parameters(5, InitScheme::KaimingNormal);
  b.reset_parameters(5, InitScheme::KaimingNormal);
  for (size_t i = 0; i < a.params().size(); ++i)
    for (int64_t k = 0; k < a.params()[i].value->numel(); ++k)
      ASSERT_EQ((*a.params()[i].value)[k], (*b.params()[i].value)[k]);
  b.reset_parameters(6, InitScheme::KaimingNormal);
  EXPECT_NE((*a.params()[0].value)[0], (*b.params()[0].value)[0]);
}

TEST(Model, HiddenLayerTextRoundTripsAndRejectsNonsense) {
  auto h = parse_hidden_layers("128:relu,64:sigmoid,3");
  ASSERT_TRUE(h.ok());
  ASSERT_EQ(h.value().size(), 3u);
  EXPECT_EQ(h.value()[2].activation, Activation::Tanh);  // default activation
  EXPECT_EQ(format_hidden_layers(h.value()), "128:relu,64:sigmoid,3:tanh");
  EXPECT_TRUE(parse_hidden_layers("").ok());
  EXPECT_EQ(parse_hidden_layers("").value().size(), 0u);
  EXPECT_FALSE(parse_hidden_layers("0:relu").ok());
  EXPECT_FALSE(parse_hidden_layers("abc").ok());
  EXPECT_FALSE(parse_hidden_layers("8:swish").ok());
  EXPECT_FALSE(parse_hidden_layers("99999:relu").ok());
}


// Pieces (Model::set_piece_macs): a convolution run over ranges of
// samples gives bit for bit what one call gives: outputs, input gradients and
// parameter gradients, for every algorithm of kernels/conv_plan.h (padded and
// unpadded wide rows, pointwise, unfolded stride 2, depthwise groups, 3x3 with
// bias), in train mode (the batch's cache kept for backward) and in eval mode.
TEST(Model, ConvolutionsInPiecesGiveTheWholeResultBitForBit) {
  ModelSpec spec;
  auto add = [&](const char* type, std::map<std::string, std::string> args, std::vector<int> inputs = {}) {
    spec.layers.push_back({type, std::move(args), std::move(inputs)});
  };
  add("Conv2d", {{"out_channels", "6"}, {"kernel_size", "3"}, {"padding", "1"}});                 // wide rows, padded
  add("ReLU", {});
  add("Conv2d", {{"out_channels", "6"}, {"kernel_size", "3"}, {"groups", "6"}, {"padding", "1"}, {"bias", "false"}});  // depthwise
  add("Conv2d", {{"out_channels", "8"}, {"kernel_size", "1"}});                                    // pointwise
  add("Conv2d", {{"out_channels", "8"}, {"kernel_size", "3"}, {"stride", "2"}, {"padding", "1"}}); // unfolded
  add("Conv2d", {{"out_channels", "4"}, {"kernel_size", "3"}});                                    // wide rows, no padding
  add("Flatten", {});
  add("Linear", {{"out_features", "3"}});
  const int n = 7;
  Model whole, cut;
  ASSERT_TRUE(whole.build(spec, Shape{1, 2, 10, 10}, n).ok());
  ASSERT_TRUE(cut.build(spec, Shape{1, 2, 10, 10}, n).ok());
  // The three algorithms (wide rows, pointwise, unfolded) are really here.
  std::set<kernels::ConvAlgo> algos;
  for (const Node& node : whole.nodes())
    if (auto* c = dynamic_cast<Convolution*>(node.layer.get())) algos.insert(c->plan().algo);
  ASSERT_EQ(algos.size(), 3u);
  whole.reset_parameters(5, InitScheme::KaimingUniform);
  cut.reset_parameters(5, InitScheme::KaimingUniform);
  Rng rng(9);
  Tensor x(Shape{n, 2, 10, 10});
  for (int64_t i = 0; i < x.numel(); ++i) x[i] = rng.uniform(-1, 1);
  Tensor dout(Shape{n, 3});
  for (int64_t i = 0; i < dout.numel(); ++i) dout[i] = rng.uniform(-1, 1);
  const int64_t first_macs = whole.nodes()[1].layer->macs_per_sample();
  for (int64_t piece : {int64_t{1}, 2 * first_macs + 1, 3 * first_macs}) {  // 1 sample, 2 and 3 per forward piece
    for (Mode mode : {Mode::Train, Mode::Eval}) {
      SCOPED_TRACE("piece_macs " + std::to_string(piece) + (mode == Mode::Train ? " train" : " eval"));
      whole.zero_grad();
      cut.zero_grad();
      if (mode == Mode::Train) whole.train(), cut.train();
      else whole.eval(), cut.eval();
      whole.forward(x);
      whole.backward(dout);
      cut.set_piece_macs(piece);
      int calls = 1;
      cut.begin_forward(x);
      while (cut.forward_next()) ++calls;
      cut.begin_backward(dout);
      while (cut.backward_next()) ++calls;
      EXPECT_GT(calls, 2 * (static_cast<int>(cut.nodes().size()) - 1)) << "no node ran in pieces";
      for (size_t i = 1; i < whole.nodes().size(); ++i) {
        const Node &a = whole.nodes()[i], &b = cut.nodes()[i];
        ASSERT_EQ(a.y.numel(), b.y.numel());
        for (int64_t k = 0; k < a.y.numel(); ++k) ASSERT_EQ(a.y[k], b.y[k]) << a.name << " y[" << k << "]";
        for (int64_t k = 0; k < a.dy.numel(); ++k) ASSERT_EQ(a.dy[k], b.dy[k]) << a.name << " dy[" << k << "]";
      }
      auto pa = whole.params(), pb = cut.params();
      for (size_t i = 0; i < pa.size(); ++i)
        for (int64_t k = 0; k < pa[i].grad->numel(); ++k) ASSERT_EQ((*pa[i].grad)[k], (*pb[i].grad)[k]) << "param " << i;
    }
  }
}

// Model::forward()/backward() run whole nodes whatever set_piece_macs says.
TEST(Model, WholePassesIgnoreThePieceSize) {
  ModelSpec spec;
  spec.layers.push_back({"Conv2d", {{"out_channels", "2"}, {"kernel_size", "3"}}, {}});
  Model m;
  ASSERT_TRUE(m.build(spec, Shape{1, 1, 5, 5}, 4).ok());
  m.set_piece_macs(1);
  Tensor x(Shape{4, 1, 5, 5});
  m.forward(x);
  EXPECT_EQ(m.piece_macs(), 1);
  m.begin_forward(x);
  int calls = 1;
  while (m.forward_next()) ++calls;
  EXPECT_EQ(calls, 4);  // one sample per call
}

}  // namespace
}  // namespace nnplay::nn
