#include "nn/receptive_field.h"

#include <algorithm>
#include <cmath>
#include <string>

#include "nn/layer_args.h"
#include "nn/spatial_args.h"

namespace nnplay::nn {
namespace {

bool is_image(const Shape& s) { return s.rank == 4; }

// Elementwise: the output pixel (c, h, w) reads the input pixel (c', h, w) only
// (channel mixing does not widen the field).
bool passes_through(const std::string& t) {
  static const char* const kTypes[] = {"ReLU",        "Sigmoid",     "Tanh",      "LeakyReLU",      "ELU",
                                       "GELU",        "Softmax",     "Dropout",   "BatchNorm1d",    "BatchNorm2d",
                                       "LayerNorm",   "GroupNorm",   "InstanceNorm2d"};
  return std::find_if(std::begin(kTypes), std::end(kTypes), [&](const char* k) { return t == k; }) != std::end(kTypes);
}

}  // namespace

Result<std::vector<ReceptiveField>> receptive_fields(const ModelSpec& spec, std::span<const Shape> node_shapes) {
  const size_t n = spec.layers.size() + 1;
  if (node_shapes.size() != n)
    return Error(ErrorCode::INVALID_ARGUMENT, "receptive_fields: " + std::to_string(node_shapes.size()) +
                                                  " node shapes for " + std::to_string(n) + " nodes");
  std::vector<ReceptiveField> rf(n);
  if (!is_image(node_shapes[0])) return rf;  // not an image network: nothing is spatial
  rf[0].spatial = true;

  for (size_t i = 1; i < n; ++i) {
    const LayerSpec& ls = spec.layers[i - 1];
    const std::string& t = ls.type;
    const LayerArgs args(t, ls.args);
    std::vector<int> inputs;
    if (ls.inputs.empty()) inputs.push_back(static_cast<int>(i) - 1);
    for (int in : ls.inputs) inputs.push_back(std::clamp(in, 0, static_cast<int>(i) - 1));
    const auto bad = [&](const Status& st) {
      return Error(st.code(), "node " + std::to_string(i) + " (" + t + "): " + st.message());
    };

    // The inputs combined: the widest field and the largest jump (a DAG's
    // joint sees as far as its farthest-seeing input).
    ReceptiveField in = rf[static_cast<size_t>(inputs.front())];
    for (int src : inputs) {
      const ReceptiveField& r = rf[static_cast<size_t>(src)];
      in.spatial = in.spatial || r.spatial;
      in.global = in.global || r.global;
      for (size_t a = 0; a < 2; ++a) {
        in.size[a] = std::max(in.size[a], r.size[a]);
        in.jump[a] = std::max(in.jump[a], r.jump[a]);
      }
    }
    ReceptiveField out = in;
    out.spatial = is_image(node_shapes[i]);
    const Shape& ishape = node_shapes[static_cast<size_t>(inputs.front())];

    auto window = [&](std::array<int, 2> k, std::array<int, 2> s, std::array<int, 2> d) {
      for (size_t a = 0; a < 2; ++a) {
        out.size[a] = in.size[a] + static_cast<int>(std::lround((k[a] - 1) * d[a] * in.jump[a]));
        out.jump[a] = in.jump[a] * s[a];
      }
    };

    if (!in.spatial && !in.global) {
      // Nothing spatial upstream (e.g. after a sequence layer): stays non-spatial.
    } else if (t == "Conv2d" || t == "MaxPool2d" || t == "AvgPool2d") {
      auto k = get_int_axes<2>(args, "kernel_size", 1, 1 << 20, {1, 1});
      if (!k.ok()) return bad(k.status());
      const bool pool = t != "Conv2d";
      auto s = get_int_axes<2>(args, "stride", 1, 1 << 20, pool ? k.value() : std::array<int, 2>{1, 1});
      if (!s.ok()) return bad(s.status());
      auto d = get_int_axes<2>(args, "dilation", 1, 1 << 20, {1, 1});
      if (!d.ok()) return bad(d.status());
      window(k.value(), s.value(), d.value());
    } else if (t == "ConvTranspose2d") {
      auto k = get_int_axes<2>(args, "kernel_size", 1, 1 << 20, {1, 1});
      if (!k.ok()) return bad(k.status());
      auto s = get_int_axes<2>(args, "stride", 1, 1 << 20, {1, 1});
      if (!s.ok()) return bad(s.status());
      auto d = get_int_axes<2>(args, "dilation", 1, 1 << 20, {1, 1});
      if (!d.ok()) return bad(d.status());
      for (size_t a = 0; a < 2; ++a) {
        const int span = (k.value()[a] - 1) * d.value()[a] + 1;
        const int taps = (span + s.value()[a] - 1) / s.value()[a];  // inputs one output reads, at most
        out.size[a] = in.size[a] + static_cast<int>(std::lround((taps - 1) * in.jump[a]));
        out.jump[a] = in.jump[a] / s.value()[a];
      }
    } else if (t == "Upsample") {
      const bool bilinear = args.get_text("mode", "nearest") == "bilinear";
      for (size_t a = 0; a < 2; ++a) {
        const int hin = ishape[2 + static_cast<int>(a)], hout = node_shapes[i][2 + static_cast<int>(a)];
        if (bilinear) out.size[a] = in.size[a] + static_cast<int>(std::lround(in.jump[a]));
        out.jump[a] = hout > 0 ? in.jump[a] * hin / hout : in.jump[a];
      }
    } else if (t == "AdaptiveAvgPool2d") {
      for (size_t a = 0; a < 2; ++a) {
        const int hin = ishape[2 + static_cast<int>(a)], o = std::max(1, node_shapes[i][2 + static_cast<int>(a)]);
        if (o == 1) out.global = true;
        const int k = (hin + o - 1) / o, s = std::max(1, hin / o);
        out.size[a] = in.size[a] + static_cast<int>(std::lround((k - 1) * in.jump[a]));
        out.jump[a] = in.jump[a] * s;
      }
    } else if (t == "Add" || t == "Mul" || t == "Concat" || passes_through(t)) {
      // the combined inputs, unchanged
    } else {
      // SqueezeExcitation and CBAM gate every pixel with statistics of the whole
      // map; Flatten, Linear, recurrent and unknown layers mix everything.
      out.global = true;
    }
    if (out.global) {
      // The whole input: report the image size (at least) so a reader sees "all of it".
      out.size[0] = std::max(out.size[0], node_shapes[0][2]);
      out.size[1] = std::max(out.size[1], node_shapes[0][3]);
    }
    rf[i] = out;
  }
  return rf;
}

}  // namespace nnplay::nn
