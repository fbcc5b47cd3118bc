// analysis.h — measurements a student looks at beside the curves:
//
//  * activation_stats_at_init: the variance of every layer's output at
//    initialisation for a deep MLP fed N(0, 1) inputs — He vs Xavier vs small
//    random init made visible (He et al. 2015: Var stays ≈ constant for ReLU
//    with kaiming; with N(0, 0.01²) weights it collapses towards 0 layer by
//    layer; Glorot & Bengio 2010 for tanh).
//  * loss_slice: the loss of a model on a fixed batch over the plane
//    θ + a·d₁ + b·d₂ spanned by two random directions, each rescaled per
//    parameter tensor to that tensor's norm ("filter normalisation", Li et
//    al. 2018, "Visualizing the Loss Landscape of Neural Nets"), and the
//    projection of an optimizer's path onto that plane.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "core/status.h"
#include "data/dataset.h"
#include "loss/loss.h"
#include "nn/init.h"
#include "nn/model.h"

namespace nnplay::train {

struct LayerStat {
  std::string name;  // node name, "3.relu"
  double mean = 0, variance = 0;
};

/// Builds `depth` hidden layers of `width` units with `activation`, inits by
/// `scheme`, feeds `batch` N(0, 1) samples of `width` features, and returns the
/// statistics of every hidden activation output.
Result<std::vector<LayerStat>> activation_stats_at_init(int depth, int width, nn::Activation activation,
                                                        nn::InitScheme scheme, float scale, uint64_t seed, int batch = 256);

/// The plane through a model's current weights. Directions are drawn once
/// (seeded) and kept, so a path can be projected onto the same plane.
class LossSlice {
 public:
  /// Records θ₀ (the model's current parameters) and draws d₁, d₂.
  void set_origin(nn::Model& model, uint64_t seed);
  /// loss(θ₀ + a·d₁ + b·d₂) on (x, y) for a, b on an n×n grid over [-span, span]²,
  /// row-major with b as the row. Restores the model's weights afterwards.
  Result<std::vector<float>> grid(nn::Model& model, loss::LossKind kind, const Tensor& x,
                                  std::span<const int32_t> y, int n, float span);
  /// Sets the model's weights to θ₀ + a·d₁ + b·d₂.
  void place(nn::Model& model, float a, float b) const;
  /// Coordinates (a, b) of the model's current weights projected on the plane.
  std::array<float, 2> project(const nn::Model& model) const;
  bool ready() const { return !origin_.empty(); }

 private:
  std::vector<Tensor> origin_, d1_, d2_;
};

}  // namespace nnplay::train
