// inspect.h — what the app's views compute from a session, in the engine so
// the tests check the numbers students see: predictions for a few samples
// (classes, how sure, per-pixel classes and accuracy), the decision-boundary
// grid of a 2D set, and which zoo networks fit a dataset. Longer work that
// must be spread over frames is a job object instead (confusion_job.h,
// loss_slice_job.h).
//
// Everything here predicts in eval mode through Session::predict, which
// never disturbs training (no RNG draws, no metrics).
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "core/status.h"
#include "data/dataset.h"
#include "train/session.h"

namespace nnplay::train {

/// Predictions for a list of samples of the session's dataset.
struct Predictions {
  std::vector<int32_t> classes;  // per sample; per pixel (n·H·W, sample-major) for dense data
  std::vector<float> confidence; // per sample: probability of the predicted class (empty for dense data)
  std::vector<float> pixel_accuracy;  // dense data: share of each sample's pixels predicted right
};
/// Predicts samples `idx` of the session's dataset. `x` and `logits` are
/// scratch (kept between calls to avoid allocating). UNSUPPORTED on a
/// regression set (its outputs are values, not classes: function_curve()).
Status predict_samples(Session& session, std::span<const int32_t> idx, Predictions* out, Tensor* x = nullptr,
                       Tensor* logits = nullptr);

/// The network's curve on a 1D regression set (data/function1d.h): its
/// output (eval mode) at n >= 2 evenly spaced x from lo to hi (both ends
/// included), x_i = lo + (hi − lo)·i/(n − 1), into ys[i]. UNSUPPORTED unless
/// the session's set is a regression set of 1D samples with one output;
/// INVALID_ARGUMENT for n < 2 or lo >= hi.
Status function_curve(Session& session, int n, float lo, float hi, std::vector<float>* ys);

/// The decision boundary of a 2D two-class set: the network's score for
/// class 1 (loss::binary_score) on an n × n grid over [-extent, extent]²,
/// scores[j·n + i] at x = x_i, y = y_j, row j = 0 at the bottom (y = −extent),
/// grid points at cell centres. On a 2D regression set (plane,
/// multi_gaussian) the score is the prediction mapped from [-1, 1] to [0, 1]
/// (clamped). UNSUPPORTED unless the session's samples are 2D points with a
/// single output.
Status boundary_scores(Session& session, int n, float extent, std::vector<float>* scores);
/// Grid coordinate i of n over [-extent, extent] (cell centres).
float grid_coord(int i, int n, float extent);

/// TF Playground's network picture for a network on 2D points: what each
/// unit computes over the plane. Columns: the input (x₁, x₂, or the chosen
/// InputFeatures), then every hidden (N, K) node after its activation (a
/// Linear followed by an elementwise layer of its shape shows the latter);
/// not the output (the boundary view shows it). values[u][j·n + i] is unit u
/// at grid point (x_i, y_j) as boundary_scores lays them out (row 0 at the
/// bottom). `weights` (when one Linear joins two columns) is a copy of that
/// Linear's (K_out, K_in) weight, for links coloured and sized by weight.
///
/// The same picture for the first layers of a CNN on one image
/// (conv_neuron_maps): each unit is a channel, its tile that channel's map
/// for the image (h × w, row 0 at the top), and `weights` the (C_out, C_in)
/// sums of each kernel W[o, i, :, :] (what a flat patch of input channel i
/// adds to output channel o; zero across groups).
struct NeuronColumn {
  int node = 0;              // model node index (0: the input)
  std::string title;         // "input", "1.linear → 2.tanh", ...
  int units = 0;             // units shown (at most max_units of the node's)
  int first = 0;             // index of its first unit in NeuronMaps::values
  int h = 0, w = 0;          // each unit's grid: n × n on the plane, H × W for a channel
  Tensor weights;            // links from the previous column (K_out, K_in), or empty
};
struct NeuronMaps {
  int n = 0;
  bool plane = true;  // units over the plane (neuron_maps), or channels of an image (conv_neuron_maps)
  std::vector<NeuronColumn> columns;
  std::vector<std::vector<float>> values;
};
/// UNSUPPORTED unless the samples are 2D points and the network is a chain of
/// (N, K) nodes (an MLP; any width and depth). Shows at most `max_units`
/// units per column.
Status neuron_maps(Session& session, int n, float extent, int max_units, NeuronMaps* out);

/// The network picture for a CNN on images: validation-or-training sample
/// `sample` (a dataset index) through the network in eval mode; columns the
/// input's channels, then each of the first `max_layers` Conv2d layers of
/// the network's chain from the input, shown after the elementwise layers of
/// its shape that follow it (BatchNorm2d, the activation); pooling between
/// convolutions keeps the channels and is not shown. At most `max_units`
/// channels per column. UNSUPPORTED unless the samples are images (C, H, W)
/// and the network starts with a Conv2d; INVALID_ARGUMENT for a bad sample.
Status conv_neuron_maps(Session& session, int32_t sample, int max_units, int max_layers, NeuronMaps* out);

/// How much the first layer weighs each input feature of a table (a CSV's
/// columns, standardized, so their weights compare): for the network's first
/// node, a Linear on the (N, F) input, the RMS of its weight column j,
/// sqrt(1/K · Σ_k W[k, j]²) for the (K, F) weight, into (*out)[j]. With L1 or
/// weight decay, the columns the target does not depend on shrink towards 0.
/// UNSUPPORTED unless the samples are (1, F) rows and the first node after
/// the input is a Linear reading them.
Status feature_weights(const Session& session, std::vector<float>* out);

/// For every zoo entry (nn::zoo_entries() order): "" when its example
/// network fits `ds` (builds on its samples, output fits its labels), else
/// why not, in a student's words.
std::vector<std::string> zoo_unfit(const data::Dataset& ds);

}  // namespace nnplay::train
