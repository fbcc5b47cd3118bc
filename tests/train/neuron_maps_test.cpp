// neuron_maps (train/inspect.h): TF Playground's per-unit pictures. Each
// value is checked against the unit's formula computed here from the
// network's weights (tanh(W·x + b)) or from the feature's definition.
#include <gtest/gtest.h>

#include <cmath>

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
  EXPECT_EQ(m.columns[1].weights, param(s, "1.linear.weight"));
  EXPECT_EQ(m.columns[0].weights, nullptr);
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

}  // namespace
}  // namespace nnplay::train
