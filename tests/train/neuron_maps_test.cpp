// neuron_maps and conv_neuron_maps (train/inspect.h): TF Playground's
// per-unit pictures, for MLPs on the plane and for a CNN's first layers on an
// image. Each value is checked against the unit's formula computed here from
// the network's weights (tanh(W·x + b), a 3x3 convolution) or from the
// feature's definition.
#include <gtest/gtest.h>

#include <cmath>

#include "support/idx_files.h"
#include "support/session_util.h"
#include "train/inspect.h"
#include "train/session.h"

namespace nnplay::train {
namespace {

using test::set;

const Tensor* param(const Session& s, const std::string& name) {
  for (const ParamRef& p : s.model().params())
    if (s.model().param_name(p.id) == name) return p.value;
  return nullptr;
}

TEST(NeuronMaps, HiddenUnitsAreTheirFormulaOverTheGrid) {
  Session s;
  ASSERT_TRUE(s.apply(set({{"dataset", "circle"}, {"layers", "3:tanh,2:relu"}}, Action::Step, 40)).ok());
  NeuronMaps m;
  ASSERT_TRUE(neuron_maps(s, 5, 6.0f, 16, &m).ok());
  ASSERT_EQ(m.columns.size(), 3u);  // input, the tanh layer, the relu layer (not the output)
  EXPECT_EQ(m.columns[0].title, "input");
  EXPECT_EQ(m.columns[1].title, "2.tanh");
  EXPECT_EQ(m.columns[2].title, "4.relu");
  EXPECT_EQ(m.columns[1].units, 3);
  const Tensor& w1 = *param(s, "1.linear.weight");
  ASSERT_EQ(m.columns[1].weights.shape(), w1.shape());
  for (int64_t k = 0; k < w1.numel(); ++k) EXPECT_EQ(m.columns[1].weights[k], w1[k]);
  EXPECT_EQ(m.columns[0].weights.numel(), 0);
  EXPECT_EQ(m.columns[1].h, 5);
  const Tensor& w = *param(s, "1.linear.weight");
  const Tensor& b = *param(s, "1.linear.bias");
  for (int j = 0; j < 5; ++j)
    for (int i = 0; i < 5; ++i) {
      const float x = grid_coord(i, 5, 6.0f), y = grid_coord(j, 5, 6.0f);
      EXPECT_FLOAT_EQ(m.values[0][static_cast<size_t>(j * 5 + i)], x);
      EXPECT_FLOAT_EQ(m.values[1][static_cast<size_t>(j * 5 + i)], y);
      for (int u = 0; u < 3; ++u)
        EXPECT_NEAR(m.values[static_cast<size_t>(m.columns[1].first + u)][static_cast<size_t>(j * 5 + i)],
                    std::tanh(w[u * 2] * x + w[u * 2 + 1] * y + b[u]), 1e-5)
            << "unit " << u << " at (" << x << ", " << y << ")";
    }
}

TEST(NeuronMaps, ChosenFeaturesAreTheInputColumn) {
  Session s;
  ASSERT_TRUE(s.apply(set({{"dataset", "circle"}, {"layers", "4:relu"}, {"features", "x1sq,sinx2"}})).ok());
  NeuronMaps m;
  ASSERT_TRUE(neuron_maps(s, 3, 6.0f, 2, &m).ok());
  ASSERT_EQ(m.columns.size(), 2u);
  EXPECT_EQ(m.columns[0].units, 2);
  EXPECT_EQ(m.columns[1].units, 2) << "max_units caps the relu layer's 4";
  const float x = grid_coord(2, 3, 6.0f), y = grid_coord(0, 3, 6.0f);
  EXPECT_FLOAT_EQ(m.values[0][2], x * x);
  EXPECT_FLOAT_EQ(m.values[1][2], std::sin(y));
}

TEST(NeuronMaps, RefusesImagesAndNonChains) {
  Session s;
  ASSERT_TRUE(s.apply(set({{"dataset", "circle"}, {"model", "custom"},
                           {"network", "a:Linear(out_features=4); b:Linear(in=0,out_features=4); Add(in=a,b); "
                                       "Linear(out_features=classes)"}}))
                  .ok());
  NeuronMaps m;
  EXPECT_EQ(neuron_maps(s, 3, 6.0f, 8, &m).code(), ErrorCode::UNSUPPORTED);
}

// The CNN picture: each tile is a channel's map for the image, computed
// here from the image and the kernel by the convolution's formula; the links
// are the kernels' sums. On the shapes set (generated images, one class per
// pixel), so the network is fully convolutional.
TEST(ConvNeuronMaps, ChannelsAreTheirConvolutionOfTheImage) {
  Session s;
  ASSERT_TRUE(s.apply(set({{"dataset", "shapes"}, {"model", "custom"},
                           {"network", "c1:Conv2d(out_channels=3, kernel_size=3, padding=1); r1:ReLU; "
                                       "p:MaxPool2d(kernel_size=2); c2:Conv2d(out_channels=4, kernel_size=3, padding=1); "
                                       "b2:BatchNorm2d; r2:ReLU; up:Upsample(scale_factor=2); "
                                       "c3:Conv2d(out_channels=classes, kernel_size=1)"}},
                          Action::Step, 3))
                  .ok());
  const int32_t sample = s.trainer().val_indices()[0];
  const int S = s.dataset()->sample_shape[2];
  NeuronMaps m;
  ASSERT_TRUE(conv_neuron_maps(s, sample, 16, 2, &m).ok());
  EXPECT_FALSE(m.plane);
  ASSERT_EQ(m.columns.size(), 3u) << "input, c1 after its ReLU, c2 after BatchNorm2d and ReLU (max_layers 2)";
  EXPECT_EQ(m.columns[0].title, "input");
  EXPECT_EQ(m.columns[1].title, "r1");
  EXPECT_EQ(m.columns[2].title, "r2");
  EXPECT_EQ(m.columns[1].units, 3);
  EXPECT_EQ(m.columns[1].h, S);
  EXPECT_EQ(m.columns[2].h, S / 2) << "after the pool";
  // The input tile is the image itself; channel o of r1 is relu(b + Σ w·x)
  // over the 3x3 window, zero outside the image.
  Tensor img;
  const int32_t one[1] = {sample};
  s.dataset()->gather(one, img);
  const Tensor& w = *param(s, "c1.weight");
  const Tensor& b = *param(s, "c1.bias");
  float spread = 0;
  for (int p = 0; p < S * S; ++p) {
    EXPECT_FLOAT_EQ(m.values[0][static_cast<size_t>(p)], img[p]);
    spread = std::max(spread, std::fabs(img[p] - img[0]));
  }
  ASSERT_GT(spread, 0.1f) << "an image with a shape in it, so the windows differ";
  for (int o = 0; o < 3; ++o)
    for (int y = 0; y < S; ++y)
      for (int x = 0; x < S; ++x) {
        float acc = b[o];
        for (int i = 0; i < 3; ++i)
          for (int j = 0; j < 3; ++j) {
            const int yy = y + i - 1, xx = x + j - 1;
            if (yy >= 0 && yy < S && xx >= 0 && xx < S) acc += w[o * 9 + i * 3 + j] * img[yy * S + xx];
          }
        EXPECT_NEAR(m.values[static_cast<size_t>(m.columns[1].first + o)][static_cast<size_t>(y * S + x)],
                    std::max(0.0f, acc), 1e-4f)
            << "channel " << o << " at (" << x << ", " << y << ")";
      }
  // Links into c2's column: the (4, 3) sums of each kernel W[o, i, :, :].
  const Tensor& w2 = *param(s, "c2.weight");
  ASSERT_EQ(m.columns[2].weights.shape(), (Shape{4, 3}));
  for (int o = 0; o < 4; ++o)
    for (int i = 0; i < 3; ++i) {
      float sum = 0;
      for (int t = 0; t < 9; ++t) sum += w2[(o * 3 + i) * 9 + t];
      EXPECT_NEAR(m.columns[2].weights[o * 3 + i], sum, 1e-6f);
    }
}

TEST(ConvNeuronMaps, GroupedLinksStayInTheirGroupAndRefusals) {
  Session s;
  ASSERT_TRUE(s.apply(set({{"dataset", "shapes"}, {"model", "custom"},
                           {"network", "c1:Conv2d(out_channels=2, kernel_size=3, padding=1); "
                                       "dw:Conv2d(out_channels=4, kernel_size=3, padding=1, groups=2); "
                                       "Conv2d(out_channels=classes, kernel_size=1)"}}))
                  .ok());
  NeuronMaps m;
  ASSERT_TRUE(conv_neuron_maps(s, 0, 16, 4, &m).ok());
  ASSERT_EQ(m.columns.size(), 4u) << "input, c1, dw, and the 1x1 head (max_layers 4)";
  const Tensor& links = m.columns[2].weights;  // out channels 0, 1 read input 0; 2, 3 read input 1
  ASSERT_EQ(links.shape(), (Shape{4, 2}));
  EXPECT_EQ(links[0 * 2 + 1], 0.0f);
  EXPECT_EQ(links[1 * 2 + 1], 0.0f);
  EXPECT_EQ(links[2 * 2 + 0], 0.0f);
  EXPECT_EQ(links[3 * 2 + 0], 0.0f);
  EXPECT_NE(links[0 * 2 + 0], 0.0f);
  EXPECT_NE(links[3 * 2 + 1], 0.0f);
  EXPECT_EQ(conv_neuron_maps(s, -1, 16, 2, &m).code(), ErrorCode::INVALID_ARGUMENT);
  Session points;
  EXPECT_EQ(conv_neuron_maps(points, 0, 16, 2, &m).code(), ErrorCode::UNSUPPORTED) << "2D points are neuron_maps'";
  Session mlp;
  test::provide_tiny_mnist(mlp, 20);
  ASSERT_TRUE(mlp.apply(set({{"dataset", "mnist"}, {"model", "mlp"}})).ok());
  EXPECT_EQ(conv_neuron_maps(mlp, 0, 16, 2, &m).code(), ErrorCode::UNSUPPORTED);
}

}  // namespace
}  // namespace nnplay::train
