// Initialisation schemes against torch.nn.init (tests/reference/gen_init.py
// -> init.json): for Linear, Conv2d (incl. depthwise) and Conv3d weight
// shapes, torch's fan_in/fan_out and the standard deviation, mean and largest
// |w| of about 2^20 of torch's draws; nnplay draws as many from its own
// generator. The "default" rows are what torch.nn.Linear/Conv2d/Conv3d leave
// in weight and bias; nnplay's layers from the registry must match them.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "nn/init.h"
#include "nn/registry.h"
#include "support/golden.h"

namespace nnplay {
namespace {

using nlohmann::json;

struct Moments {
  double mean = 0, std = 0, maxabs = 0;
  int64_t count = 0;
};

// Draws `count` values by calling `draw` (which fills `t`) repeatedly.
Moments moments(Tensor& t, int64_t count, const std::function<void()>& draw) {
  double s = 0, s2 = 0, mx = 0;
  int64_t n = 0;
  while (n < count) {
    draw();
    for (int64_t i = 0; i < t.numel(); ++i) {
      s += t[i];
      s2 += static_cast<double>(t[i]) * t[i];
      mx = std::max(mx, static_cast<double>(std::fabs(t[i])));
    }
    n += t.numel();
  }
  Moments m;
  m.count = n;
  m.mean = s / static_cast<double>(n);
  m.std = std::sqrt(std::max(0.0, s2 / static_cast<double>(n) - m.mean * m.mean));
  m.maxabs = mx;
  return m;
}

// std within `std_tol` (relative), max |w| within `max_tol` (relative) for bounded schemes.
void expect_like_torch(const Moments& ours, const json& torch, bool bounded, const std::string& what,
                       double std_tol = 0.01, double max_tol = 0.005) {
  const double std_t = torch["std"].get<double>(), max_t = torch["maxabs"].get<double>();
  SCOPED_TRACE(what);
  if (std_t == 0) {
    EXPECT_EQ(ours.std, 0.0);
    EXPECT_NEAR(ours.mean, torch["mean"].get<double>(), 1e-7);  // constant / zeros
    return;
  }
  EXPECT_NEAR(ours.std / std_t, 1.0, std_tol) << "std " << ours.std << " vs torch " << std_t;
  EXPECT_NEAR(ours.mean, 0.0, 10 * std_t / std::sqrt(static_cast<double>(ours.count)));
  if (bounded) EXPECT_NEAR(ours.maxabs / max_t, 1.0, max_tol) << "max |w| " << ours.maxabs << " vs torch " << max_t;
}

Shape shape_of(const json& j) {
  std::vector<int> d = j.get<std::vector<int>>();
  Shape s;
  s.rank = static_cast<int>(d.size());
  for (int i = 0; i < s.rank; ++i) s.dims[i] = d[static_cast<size_t>(i)];
  return s;
}

TEST(InitReference, SchemesMatchTorchNnInit) {
  auto golden = test::load_golden("init.json");
  ASSERT_TRUE(golden.ok()) << golden.status().to_string();
  int checked = 0;
  Rng rng(11);
  for (const json& c : golden.value()["cases"]) {
    const std::string scheme = c["scheme"].get<std::string>();
    if (scheme == "default") continue;
    const Shape shape = shape_of(c["shape"]);
    const std::string what = c["layer"].get<std::string>() + " " + shape.str() + " " + scheme;
    int fan_in = 0, fan_out = 0;
    nn::compute_fans(shape, &fan_in, &fan_out);
    EXPECT_EQ(fan_in, c["fan_in"].get<int>()) << what;
    EXPECT_EQ(fan_out, c["fan_out"].get<int>()) << what;
    auto s = nn::parse_init(scheme);
    ASSERT_TRUE(s.ok()) << s.status().to_string();
    Tensor w(shape);
    const Moments m = moments(w, c["weight"]["count"].get<int64_t>(), [&] { nn::init_weight(w, s.value(), rng); });
    expect_like_torch(m, c["weight"], c["bounded"].get<bool>(), what);
    ++checked;
  }
  EXPECT_EQ(checked, 48);
}

TEST(InitReference, LayerDefaultsMatchTorchModules) {
  auto golden = test::load_golden("init.json");
  ASSERT_TRUE(golden.ok()) << golden.status().to_string();
  int checked = 0;
  for (const json& c : golden.value()["cases"]) {
    if (c["scheme"].get<std::string>() != "default") continue;
    const std::string kind = c["layer"].get<std::string>();
    const std::vector<int> d = c["shape"].get<std::vector<int>>();
    const int groups = c["groups"].get<int>();
    std::map<std::string, std::string> args;
    Shape in;
    if (kind == "Linear") {
      args = {{"out_features", std::to_string(d[0])}};
      in = Shape{1, d[1]};
    } else {
      const int channels = d[1] * groups;
      args = {{"out_channels", std::to_string(d[0])}, {"kernel_size", std::to_string(d[2])},
              {"groups", std::to_string(groups)}};
      in = kind == "Conv2d" ? Shape{1, channels, 8, 8} : Shape{1, channels, 5, 5, 5};
    }
    auto made = nn::make_layer(kind, nn::LayerArgs(kind, args));
    ASSERT_TRUE(made.ok()) << made.status().to_string();
    nn::Layer& layer = *made.value();
    layer.set_max_batch(1);
    Shape out;
    const Shape ins[] = {in};
    ASSERT_TRUE(layer.setup(ins, &out).ok());
    auto params = layer.params();
    ASSERT_EQ(params.size(), 2u) << kind;
    Tensor& w = *params[0].value;
    Tensor& b = *params[1].value;
    ASSERT_EQ(w.shape(), shape_of(c["shape"])) << kind;
    Rng rng(3, RngStream::Init);
    const std::string what = kind + " " + w.shape().str() + " default";
    const Moments mw = moments(w, c["weight"]["count"].get<int64_t>(), [&] { layer.reset_parameters(rng); });
    expect_like_torch(mw, c["weight"], true, what + " weight");
    // A bias has few elements per draw and each draw re-initialises the whole
    // layer, so 8192 values (relative s.e. of a uniform's std ≈ 0.5%).
    const Moments mb = moments(b, 8192, [&] { layer.reset_parameters(rng); });
    expect_like_torch(mb, c["bias"], true, what + " bias", 0.03, 0.01);
    ++checked;
  }
  EXPECT_EQ(checked, 6);
}

}  // namespace
}  // namespace nnplay
