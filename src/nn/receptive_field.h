// receptive_field.h — how much of the input image each node of a network
// sees: the receptive field r (input pixels, per axis) and the jump j (input
// pixels between neighbouring outputs), per node, for the network editor.
//
// The textbook recurrence, per axis, for a layer with kernel k, stride s and
// dilation d reading a node with (r_in, j_in):
//     r_out = r_in + (k − 1)·d·j_in        j_out = j_in·s
// applied to Conv2d, MaxPool2d and AvgPool2d. Further rules:
//   ConvTranspose2d  an output reads ⌈((k−1)·d + 1)/s⌉ neighbouring inputs:
//                    r_out = r_in + (⌈((k−1)·d+1)/s⌉ − 1)·j_in, j_out = j_in/s
//   Upsample         nearest: r unchanged; bilinear: 2 taps, r_out = r_in + j_in;
//                    j_out = j_in·H_in/H_out
//   AdaptiveAvgPool2d  output 1: global; else window ⌈H/o⌉, stride ⌊H/o⌋
//   Add, Mul, Concat the maximum over the inputs (a DAG: a residual block's
//                    output sees as far as its longest path)
//   SqueezeExcitation, CBAM, Flatten, Linear, anything after a global node:
//                    global (the output depends on the whole input)
//   elementwise layers (activations, dropout, normalisation): unchanged.
//                    Batch/instance/group statistics are not counted (as for
//                    BatchNorm in eval mode).
// Padding does not change r (it adds zeros, not input pixels), so r may exceed
// the image: r = 35 on a 28×28 input means every output sees all of it.
// Networks whose input is not an image (N, C, H, W) have no spatial nodes.
#pragma once

#include <array>
#include <span>
#include <vector>

#include "core/status.h"
#include "core/tensor.h"
#include "nn/model_spec.h"

namespace nnplay::nn {

struct ReceptiveField {
  bool spatial = false;  // the node's output is a (C, H, W) map whose pixels have a receptive field
  bool global = false;   // every output value depends on the whole input image
  std::array<int, 2> size{1, 1};      // r: (height, width) in input pixels
  std::array<double, 2> jump{1, 1};   // j: input pixels between neighbouring outputs
};

/// Receptive fields of nodes 0..n (node 0 = the input: r = 1, j = 1) of
/// `spec`, given every node's per-sample output shape (Model::nodes()[i].shape,
/// node_shapes.size() == spec.layers.size() + 1). Errors name the node whose
/// arguments cannot be read.
Result<std::vector<ReceptiveField>> receptive_fields(const ModelSpec& spec, std::span<const Shape> node_shapes);

}  // namespace nnplay::nn
