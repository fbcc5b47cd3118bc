// input_features.h — InputFeatures: TensorFlow Playground's input features
// for a 2D point (x₁, x₂), each switchable: the network reads the chosen
// functions of the point instead of the point. A linear model on x₁², x₂²
// separates the circle set, which on x₁, x₂ it cannot (the lecture's "the
// hidden layer learns features": here they are given by hand).
//
//   features (any of, in this order): x1, x2, x1sq = x₁², x2sq = x₂²,
//   x1x2 = x₁·x₂, sinx1 = sin x₁, sinx2 = sin x₂
//   x: (N, 2)  ->  y: (N, F), y[n, f] = feature_f(x[n, 0], x[n, 1])
//   backward: dx[n, 0] += Σ_f dy[n, f]·∂feature_f/∂x₁ (likewise x₂); e.g.
//   ∂(x₁²)/∂x₁ = 2x₁, ∂(x₁x₂)/∂x₁ = x₂, ∂(sin x₁)/∂x₁ = cos x₁.
// No parameters, no train/eval difference. Errors: INVALID_ARGUMENT for an
// unknown or repeated feature or an empty list; SHAPE_MISMATCH for an input
// that is not (N, 2).
#pragma once

#include <string>
#include <vector>

#include "nn/layer.h"
#include "nn/layer_args.h"

namespace nnplay::nn {

enum class InputFeature { X1, X2, X1Sq, X2Sq, X1X2, SinX1, SinX2 };
/// Every feature, in TensorFlow Playground's order.
inline constexpr InputFeature kInputFeatures[] = {InputFeature::X1,   InputFeature::X2,    InputFeature::X1Sq,
                                                  InputFeature::X2Sq, InputFeature::X1X2, InputFeature::SinX1,
                                                  InputFeature::SinX2};
const char* input_feature_key(InputFeature f);    // "x1sq"
const char* input_feature_label(InputFeature f);  // "x₁²"
/// "x1,x1sq" -> features (comma separated, no repeats, at least one).
Result<std::vector<InputFeature>> parse_input_features(const std::string& text);
std::string format_input_features(const std::vector<InputFeature>& f);

class InputFeatures final : public Layer {
 public:
  /// features (required).
  static Result<std::unique_ptr<Layer>> from_args(const LayerArgs& args);
  const char* type_name() const override { return "InputFeatures"; }
  std::string describe() const override { return "InputFeatures(" + format_input_features(features_) + ")"; }
  Status setup(std::span<const Shape> in, Shape* out) override;
  void forward(std::span<const Tensor* const> x, Tensor& y, Context& ctx) override;
  void backward(std::span<const Tensor* const> x, const Tensor& y, const Tensor& dy,
                std::span<Tensor* const> dx) override;

 private:
  std::vector<InputFeature> features_;
};

}  // namespace nnplay::nn
