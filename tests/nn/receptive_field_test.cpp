// Receptive fields per node (nn/receptive_field.h): the recurrence on stacks,
// strides, dilation, per-axis kernels, pooling, transposed convolution, DAG
// joints (max over inputs) and global layers.
#include "nn/receptive_field.h"

#include <gtest/gtest.h>

#include "nn/model.h"
#include "nn/zoo.h"

namespace nnplay::nn {
namespace {

struct Built {
  ModelSpec spec;
  std::vector<ReceptiveField> rf;
  std::vector<std::string> names;
  const ReceptiveField& at(const std::string& name) const {
    for (size_t i = 0; i < names.size(); ++i)
      if (names[i] == name) return rf[i];
    ADD_FAILURE() << "no node " << name;
    return rf[0];
  }
};

Built build(const ModelSpec& spec, const Shape& input) {
  Built b;
  b.spec = spec;
  Model m;
  Status st = m.build(spec, input, 1);
  EXPECT_TRUE(st.ok()) << st.to_string();
  std::vector<Shape> shapes;
  for (const Node& n : m.nodes()) {
    shapes.push_back(n.shape);
    b.names.push_back(n.name);
  }
  auto rf = receptive_fields(spec, shapes);
  EXPECT_TRUE(rf.ok()) << rf.status().to_string();
  if (rf.ok()) b.rf = rf.take();
  return b;
}

Built build(const std::string& text, const Shape& input = Shape{1, 1, 28, 28}) {
  auto spec = parse_model_spec(text, 10);
  EXPECT_TRUE(spec.ok()) << spec.status().to_string();
  return build(spec.value(), input);
}

void expect_rf(const ReceptiveField& r, int h, int w, double jh, double jw) {
  EXPECT_EQ(r.size[0], h);
  EXPECT_EQ(r.size[1], w);
  EXPECT_DOUBLE_EQ(r.jump[0], jh);
  EXPECT_DOUBLE_EQ(r.jump[1], jw);
}

TEST(ReceptiveField, StackOfConvsGrowsByKernelMinusOne) {
  Built b = build("a:Conv2d(out_channels=4,kernel_size=3,padding=1); ReLU; b:Conv2d(out_channels=4,kernel_size=3,padding=1);"
                  "c:Conv2d(out_channels=4,kernel_size=3,padding=1)");
  ASSERT_EQ(b.rf.size(), 5u);
  EXPECT_TRUE(b.rf[0].spatial);
  expect_rf(b.rf[0], 1, 1, 1, 1);
  expect_rf(b.at("a"), 3, 3, 1, 1);
  expect_rf(b.rf[2], 3, 3, 1, 1);  // ReLU: unchanged
  expect_rf(b.at("b"), 5, 5, 1, 1);
  expect_rf(b.at("c"), 7, 7, 1, 1);
  EXPECT_FALSE(b.at("c").global);
}

TEST(ReceptiveField, StrideMultipliesTheJumpAndDilationTheKernel) {
  Built b = build("a:Conv2d(out_channels=4,kernel_size=3,stride=2); b:Conv2d(out_channels=4,kernel_size=3);"
                  "c:Conv2d(out_channels=4,kernel_size=3,dilation=2)");
  expect_rf(b.at("a"), 3, 3, 2, 2);
  expect_rf(b.at("b"), 3 + 2 * 2, 3 + 2 * 2, 2, 2);
  expect_rf(b.at("c"), 7 + 2 * 2 * 2, 7 + 2 * 2 * 2, 2, 2);
}

TEST(ReceptiveField, PerAxisKernelsAndPools) {
  Built b = build("a:Conv2d(out_channels=2,kernel_size=3,5,stride=1,2); p:MaxPool2d(kernel_size=2);"
                  "q:AvgPool2d(kernel_size=3,stride=1)");
  expect_rf(b.at("a"), 3, 5, 1, 2);
  expect_rf(b.at("p"), 4, 7, 2, 4);  // pool 2: stride defaults to the kernel
  expect_rf(b.at("q"), 8, 15, 2, 4);
}

TEST(ReceptiveField, LeNet5) {
  auto spec = zoo_spec("lenet5", Shape{1, 1, 28, 28}, 10);
  ASSERT_TRUE(spec.ok());
  Built b = build(spec.value(), Shape{1, 1, 28, 28});
  expect_rf(b.at("c1"), 5, 5, 1, 1);
  expect_rf(b.at("s2"), 6, 6, 2, 2);
  expect_rf(b.at("c3"), 14, 14, 2, 2);
  expect_rf(b.at("s4"), 16, 16, 4, 4);
  EXPECT_FALSE(b.at("s4").global);
  EXPECT_FALSE(b.at("flatten").spatial);
  EXPECT_TRUE(b.at("flatten").global);
  EXPECT_TRUE(b.at("output").global);
  EXPECT_EQ(b.at("output").size[0], 28);  // global: at least the image
}

TEST(ReceptiveField, JointsTakeTheLongestPath) {
  // A residual block: the body sees 5x5, the shortcut 1x1; the sum sees 5x5.
  Built b = build("c1:Conv2d(out_channels=1,kernel_size=3,padding=1); ReLU; c2:Conv2d(out_channels=1,kernel_size=3,padding=1);"
                  "add:Add(in=c2,0); cat:Concat(in=0,add)");
  expect_rf(b.at("add"), 5, 5, 1, 1);
  expect_rf(b.at("cat"), 5, 5, 1, 1);
}

TEST(ReceptiveField, ResNetStagesAndSkipSwitch) {
  const Shape in{1, 1, 28, 28};
  for (const char* text : {"resnet(depth=8)", "resnet(depth=8,skip=0)"}) {
    SCOPED_TRACE(text);
    auto spec = zoo_spec(text, in, 10);
    ASSERT_TRUE(spec.ok());
    Built b = build(spec.value(), in);
    expect_rf(b.at("stem.conv"), 3, 3, 1, 1);
    expect_rf(b.at("s1.b0.conv2"), 7, 7, 1, 1);
    expect_rf(b.at("s2.b0.conv1"), 9, 9, 2, 2);
    expect_rf(b.at("s2.b0.conv2"), 13, 13, 2, 2);
    expect_rf(b.at("s3.b0.relu2"), 25, 25, 4, 4);
    EXPECT_TRUE(b.at("gap").global);
  }
}

TEST(ReceptiveField, TransposedConvAndUpsampleHalveTheJump) {
  Built b = build("a:Conv2d(out_channels=2,kernel_size=3,stride=2,padding=1); u:ConvTranspose2d(out_channels=2,kernel_size=2,stride=2);"
                  "n:Upsample(scale_factor=2); l:Upsample(scale_factor=0.5,mode=bilinear); t:ConvTranspose2d(out_channels=1,kernel_size=3)");
  expect_rf(b.at("a"), 3, 3, 2, 2);
  expect_rf(b.at("u"), 3, 3, 1, 1);   // k = s = 2: each output reads one input
  expect_rf(b.at("n"), 3, 3, 0.5, 0.5);
  expect_rf(b.at("l"), 3 + 1, 3 + 1, 1, 1);  // bilinear: a second tap, j = 0.5 rounded up to 1 pixel
  expect_rf(b.at("t"), 4 + 2, 4 + 2, 1, 1);
}

TEST(ReceptiveField, AttentionAndGlobalPoolingSeeEverything) {
  Built b = build("a:Conv2d(out_channels=8,kernel_size=3); se:SqueezeExcitation(reduction=4); g:AdaptiveAvgPool2d(output_size=1)");
  EXPECT_FALSE(b.at("a").global);
  EXPECT_TRUE(b.at("se").global);
  EXPECT_TRUE(b.at("se").spatial);
  EXPECT_TRUE(b.at("g").global);
  Built p = build("a:Conv2d(out_channels=2,kernel_size=1); g:AdaptiveAvgPool2d(output_size=14)");
  expect_rf(p.at("g"), 2, 2, 2, 2);
  EXPECT_FALSE(p.at("g").global);
}

TEST(ReceptiveField, NotAnImageNetwork) {
  Built b = build("Linear(out_features=8); Tanh; Linear(out_features=classes)", Shape{1, 2});
  for (const ReceptiveField& r : b.rf) {
    EXPECT_FALSE(r.spatial);
    EXPECT_FALSE(r.global);
  }
}

TEST(ReceptiveField, ErrorsNameTheNode) {
  auto spec = parse_model_spec("Conv2d(out_channels=2,kernel_size=3)", 10);
  ASSERT_TRUE(spec.ok());
  std::vector<Shape> shapes = {Shape{1, 1, 8, 8}};
  EXPECT_FALSE(receptive_fields(spec.value(), shapes).ok());  // one shape for two nodes
  spec.value().layers[0].args["kernel_size"] = "x";
  shapes.push_back(Shape{1, 2, 6, 6});
  auto r = receptive_fields(spec.value(), shapes);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("node 1 (Conv2d)"), std::string::npos) << r.status().message();
}

}  // namespace
}  // namespace nnplay::nn
