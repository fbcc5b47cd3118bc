// Every registered layer type, as the model builder creates it: one row per
// type (a new registry row without a row here fails), unknown arguments
// rejected naming the type, and no allocation in forward/backward after
// setup — every operator new in this executable is counted while a Model
// holding the layer runs training steps at and below its max_batch.
#include <gtest/gtest.h>

#include <cstdlib>

#include "nn/model.h"
#include "support/alloc_counter.h"
#include "nn/registry.h"
#include "support/gradcheck.h"


namespace nnplay::nn {
namespace {

struct ZooRow {
  std::string type;
  std::map<std::string, std::string> args;
  Shape input;  // per-sample, unit batch
  int inputs = 1;
};

const std::vector<ZooRow>& zoo() {
  static const std::vector<ZooRow> rows = {
      {"Linear", {{"out_features", "5"}}, Shape{1, 6}},
      {"ReLU", {}, Shape{1, 6}},
      {"Sigmoid", {}, Shape{1, 6}},
      {"Tanh", {}, Shape{1, 6}},
      {"LeakyReLU", {}, Shape{1, 2, 3, 3}},
      {"ELU", {}, Shape{1, 2, 3, 3}},
      {"GELU", {}, Shape{1, 2, 3, 3}},
      {"Softmax", {}, Shape{1, 4, 2, 2}},
      {"Conv2d", {{"out_channels", "4"}, {"kernel_size", "3"}, {"padding", "same"}, {"groups", "2"}}, Shape{1, 2, 6, 5}},
      {"ConvTranspose2d", {{"out_channels", "3"}, {"kernel_size", "3"}, {"stride", "2"}}, Shape{1, 2, 3, 3}},
      {"Conv3d", {{"out_channels", "2"}, {"kernel_size", "2,3,3"}, {"padding", "0,1,1"}}, Shape{1, 2, 3, 4, 4}},
      {"MaxPool2d", {{"kernel_size", "2"}}, Shape{1, 3, 6, 6}},
      {"AvgPool2d", {{"kernel_size", "3"}, {"stride", "2"}, {"padding", "1"}}, Shape{1, 3, 6, 6}},
      {"AdaptiveAvgPool2d", {{"output_size", "2,3"}}, Shape{1, 3, 5, 7}},
      {"Upsample", {{"scale_factor", "2"}, {"mode", "bilinear"}}, Shape{1, 2, 3, 3}},
      {"Flatten", {}, Shape{1, 2, 3, 3}},
      {"Dropout", {{"p", "0.3"}}, Shape{1, 2, 3, 3}},
      {"BatchNorm1d", {}, Shape{1, 5}},
      {"BatchNorm2d", {}, Shape{1, 3, 4, 4}},
      {"LayerNorm", {}, Shape{1, 3, 4, 4}},
      {"GroupNorm", {{"num_groups", "2"}}, Shape{1, 4, 3, 3}},
      {"InstanceNorm2d", {{"affine", "true"}, {"track_running_stats", "true"}}, Shape{1, 3, 4, 4}},
      {"Add", {}, Shape{1, 2, 3, 3}, 2},
      {"Mul", {}, Shape{1, 2, 3, 3}, 2},
      {"Concat", {}, Shape{1, 2, 3, 3}, 3},
      {"SqueezeExcitation", {{"reduction", "2"}}, Shape{1, 4, 3, 3}},
      {"CBAM", {{"reduction", "2"}}, Shape{1, 4, 5, 5}},
      {"RNN", {{"hidden_size", "4"}}, Shape{1, 5, 3}},
      {"LSTM", {{"hidden_size", "4"}}, Shape{1, 5, 3}},
      {"SelectLast", {}, Shape{1, 5, 3}},
      {"Select", {{"dim", "2"}, {"index", "1"}}, Shape{1, 2, 3, 4, 4}},
      {"InputFeatures", {{"features", "x1,x2,x1sq,x2sq,x1x2,sinx1,sinx2"}}, Shape{1, 2}},
  };
  return rows;
}

TEST(LayerZoo, EveryRegisteredTypeHasARow) {
  for (const LayerType& t : layer_types()) {
    bool found = false;
    for (const ZooRow& r : zoo()) found = found || r.type == t.name;
    EXPECT_TRUE(found) << t.name << " is registered but has no row in the zoo";
  }
  for (const ZooRow& r : zoo()) EXPECT_NE(find_layer_type(r.type), nullptr) << r.type;
  for (size_t i = 0; i < layer_types().size(); ++i)
    for (size_t k = i + 1; k < layer_types().size(); ++k)
      EXPECT_STRNE(layer_types()[i].name, layer_types()[k].name) << "registered twice";
}

TEST(LayerZoo, UnknownArgumentsAreRejectedNamingTheType) {
  for (const ZooRow& r : zoo()) {
    auto args = r.args;
    args["kernal_size"] = "3";
    auto made = make_layer(r.type, LayerArgs(r.type, args));
    EXPECT_EQ(made.status().code(), ErrorCode::INVALID_ARGUMENT) << r.type;
    EXPECT_NE(made.status().message().find(r.type), std::string::npos) << made.status().message();
    EXPECT_NE(made.status().message().find("kernal_size"), std::string::npos) << made.status().message();
  }
}

TEST(LayerZoo, NoAllocationInForwardOrBackwardAfterSetup) {
  const int max_batch = 4;
  for (const ZooRow& r : zoo()) {
    SCOPED_TRACE(r.type);
    // Node 1 (ELU) gives the layer an input whose gradient is wanted, so the dx paths run too.
    ModelSpec spec;
    spec.layers.push_back({"ELU", {}, {}});
    spec.layers.push_back({r.type, r.args, std::vector<int>(static_cast<size_t>(r.inputs), 1)});
    Model m;
    const long at_build = test::allocation_count();
    Status st = m.build(spec, r.input, max_batch);
    ASSERT_TRUE(st.ok()) << st.to_string();
    ASSERT_GT(test::allocation_count(), at_build) << "the allocation counter is not active";
    m.reset_parameters(1, InitScheme::PyTorchDefault);
    Rng rng(2, RngStream::Dropout);
    const Tensor x4 = test::random_tensor(r.input.with_batch(max_batch), 3);
    const Tensor x3 = test::random_tensor(r.input.with_batch(max_batch - 1), 4);
    Tensor g4 = test::random_tensor(m.output_shape().with_batch(max_batch), 5);
    Tensor g3 = test::random_tensor(m.output_shape().with_batch(max_batch - 1), 6);
    auto step = [&](const Tensor& x, const Tensor& g) {
      m.forward(x, &rng);
      m.zero_grad();
      m.backward(g);
    };
    m.train();
    step(x4, g4);  // warm-up (Eigen's first-use statics and the like)
    const long before = test::allocation_count();
    step(x4, g4);
    step(x3, g3);
    m.eval();
    m.forward(x3);
    m.train();
    EXPECT_EQ(test::allocation_count() - before, 0) << "allocations in forward/backward";
  }
}

}  // namespace
}  // namespace nnplay::nn
