// layer_test_util.h — small helpers shared by the tests/nn layer tests:
// create a layer from the registry exactly as a ModelSpec would, run a
// forward pass, and run the shared gradient checker over a table of cases.
#pragma once

#include <gtest/gtest.h>

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "nn/registry.h"
#include "support/golden.h"
#include "support/gradcheck.h"

namespace nnplay::test {

/// A layer from the registry; fails the test (and returns null) on error.
inline std::unique_ptr<nn::Layer> make(const std::string& type, const std::map<std::string, std::string>& args) {
  auto made = nn::make_layer(type, nn::LayerArgs(type, args));
  EXPECT_TRUE(made.ok()) << made.status().to_string();
  return made.ok() ? made.take() : nullptr;
}

/// The status of creating `type` from `args` (for error tests).
inline Status make_status(const std::string& type, const std::map<std::string, std::string>& args) {
  return nn::make_layer(type, nn::LayerArgs(type, args)).status();
}

/// setup() on the inputs' per-sample shapes; returns the status, out shape in *out.
inline Status setup(nn::Layer& layer, const std::vector<Tensor>& inputs, Shape* out) {
  std::vector<Shape> shapes;
  int batch = 1;
  for (const Tensor& t : inputs) {
    shapes.push_back(t.shape().with_batch(1));
    batch = std::max(batch, t.dim(0));
  }
  layer.set_max_batch(batch);
  return layer.setup(shapes, out);
}

/// Forward pass (setup included; parameters as reset_parameters(seed) leaves them
/// unless `keep_params`).
inline Tensor forward(nn::Layer& layer, const std::vector<Tensor>& inputs, nn::Mode mode = nn::Mode::Train,
                      uint64_t seed = 1, bool keep_params = false) {
  Shape out;
  Status st = setup(layer, inputs, &out);
  EXPECT_TRUE(st.ok()) << st.to_string();
  if (!keep_params) {
    Rng init(seed, RngStream::Init);
    layer.reset_parameters(init);
  }
  std::vector<const Tensor*> xs;
  for (const Tensor& t : inputs) xs.push_back(&t);
  Rng rng(seed, RngStream::Dropout);
  nn::Context ctx{mode, &rng};
  Tensor y;
  layer.forward(xs, y, ctx);
  EXPECT_EQ(y.shape().with_batch(1), out) << "forward's output shape differs from setup's";
  return y;
}

/// One row of a gradient-check table: layer type, arguments, input shapes.
struct GradCase {
  std::string type;
  std::map<std::string, std::string> args;
  std::vector<Shape> inputs;
  nn::Mode mode = nn::Mode::Train;
  float scale = 1.0f;  // input scale
};

inline std::string case_name(const GradCase& c) {
  std::string s = c.type + "(";
  bool first = true;
  for (const auto& [k, v] : c.args) {
    s += (first ? "" : ", ") + k + "=" + v;
    first = false;
  }
  s += ") on";
  for (const Shape& sh : c.inputs) s += " " + sh.str();
  s += c.mode == nn::Mode::Train ? " [train]" : " [eval]";
  return s;
}

/// Runs check_layer over every case; reports failures with the case's name.
inline void check_cases(const std::vector<GradCase>& cases, const GradCheckOptions& base = {}) {
  uint64_t seed = 11;
  for (const GradCase& c : cases) {
    SCOPED_TRACE(case_name(c));
    auto layer = make(c.type, c.args);
    if (!layer) continue;
    std::vector<Tensor> inputs;
    for (const Shape& s : c.inputs) inputs.push_back(random_tensor(s, seed++, c.scale));
    GradCheckOptions opt = base;
    opt.mode = c.mode;
    const GradCheckReport rep = check_layer(*layer, std::move(inputs), opt);
    EXPECT_TRUE(rep.ok) << rep.failures << "  (checked " << rep.checked << ", kinks " << rep.skipped_kinks
                        << ", max err " << rep.max_abs_err << ")";
  }
}

}  // namespace nnplay::test
