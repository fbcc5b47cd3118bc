#include "nn/input_features.h"

#include <cmath>

namespace nnplay::nn {

const char* input_feature_key(InputFeature f) {
  switch (f) {
    case InputFeature::X1: return "x1";
    case InputFeature::X2: return "x2";
    case InputFeature::X1Sq: return "x1sq";
    case InputFeature::X2Sq: return "x2sq";
    case InputFeature::X1X2: return "x1x2";
    case InputFeature::SinX1: return "sinx1";
    case InputFeature::SinX2: return "sinx2";
  }
  return "?";
}

const char* input_feature_label(InputFeature f) {
  switch (f) {
    case InputFeature::X1: return "x₁";
    case InputFeature::X2: return "x₂";
    case InputFeature::X1Sq: return "x₁²";
    case InputFeature::X2Sq: return "x₂²";
    case InputFeature::X1X2: return "x₁x₂";
    case InputFeature::SinX1: return "sin x₁";
    case InputFeature::SinX2: return "sin x₂";
  }
  return "?";
}

Result<std::vector<InputFeature>> parse_input_features(const std::string& text) {
  std::vector<InputFeature> out;
  size_t pos = 0;
  while (pos <= text.size()) {
    size_t end = text.find(',', pos);
    if (end == std::string::npos) end = text.size();
    const std::string key = trim(text.substr(pos, end - pos));
    pos = end + 1;
    bool found = false;
    for (InputFeature f : kInputFeatures) {
      if (key != input_feature_key(f)) continue;
      for (InputFeature g : out)
        if (g == f) return Error(ErrorCode::INVALID_ARGUMENT, "features: '" + key + "' is listed twice");
      out.push_back(f);
      found = true;
    }
    if (!found)
      return Error(ErrorCode::INVALID_ARGUMENT,
                   "features: '" + key + "' is not one of x1, x2, x1sq, x2sq, x1x2, sinx1, sinx2 (comma separated)");
  }
  return out;
}

std::string format_input_features(const std::vector<InputFeature>& f) {
  std::string s;
  for (InputFeature x : f) s += (s.empty() ? "" : ",") + std::string(input_feature_key(x));
  return s;
}

Result<std::unique_ptr<Layer>> InputFeatures::from_args(const LayerArgs& args) {
  NNP_RETURN_IF_ERROR(args.check_known({"features"}));
  if (!args.has("features")) return Error(ErrorCode::INVALID_ARGUMENT, "InputFeatures: features=... is required");
  auto f = parse_input_features(args.get_text("features", ""));
  if (!f.ok()) return Error(f.status().code(), "InputFeatures: " + f.status().message());
  auto layer = std::make_unique<InputFeatures>();
  layer->features_ = f.take();
  return std::unique_ptr<Layer>(std::move(layer));
}

Status InputFeatures::setup(std::span<const Shape> in, Shape* out) {
  if (in[0].rank != 2 || in[0][1] != 2)
    return Error(ErrorCode::SHAPE_MISMATCH, "InputFeatures reads 2D points (N, 2), got " + in[0].str());
  *out = Shape{1, static_cast<int>(features_.size())};
  return Status::Ok();
}

void InputFeatures::forward(std::span<const Tensor* const> x, Tensor& y, Context&) {
  const int n = x[0]->dim(0), nf = static_cast<int>(features_.size());
  y.resize({n, nf});
  const float* p = x[0]->data();
  float* o = y.data();
  for (int i = 0; i < n; ++i, p += 2, o += nf)
    for (int k = 0; k < nf; ++k) {
      const float a = p[0], b = p[1];
      switch (features_[static_cast<size_t>(k)]) {
        case InputFeature::X1: o[k] = a; break;
        case InputFeature::X2: o[k] = b; break;
        case InputFeature::X1Sq: o[k] = a * a; break;
        case InputFeature::X2Sq: o[k] = b * b; break;
        case InputFeature::X1X2: o[k] = a * b; break;
        case InputFeature::SinX1: o[k] = std::sin(a); break;
        case InputFeature::SinX2: o[k] = std::sin(b); break;
      }
    }
}

void InputFeatures::backward(std::span<const Tensor* const> x, const Tensor&, const Tensor& dy,
                             std::span<Tensor* const> dx) {
  if (!dx[0]) return;  // the network's input: nobody needs its gradient
  const int n = dy.dim(0), nf = static_cast<int>(features_.size());
  const float* p = x[0]->data();
  const float* g = dy.data();
  float* d = dx[0]->data();
  for (int i = 0; i < n; ++i, p += 2, g += nf, d += 2)
    for (int k = 0; k < nf; ++k) {
      const float a = p[0], b = p[1];
      switch (features_[static_cast<size_t>(k)]) {
        case InputFeature::X1: d[0] += g[k]; break;
        case InputFeature::X2: d[1] += g[k]; break;
        case InputFeature::X1Sq: d[0] += 2 * a * g[k]; break;
        case InputFeature::X2Sq: d[1] += 2 * b * g[k]; break;
        case InputFeature::X1X2: d[0] += b * g[k], d[1] += a * g[k]; break;
        case InputFeature::SinX1: d[0] += std::cos(a) * g[k]; break;
        case InputFeature::SinX2: d[1] += std::cos(b) * g[k]; break;
      }
    }
}

}  // namespace nnplay::nn
