// import_onnx.h — an ONNX model (torch.onnx.export, or nnplay's own export)
// read into an nnplay network and its weights, to inspect or fine-tune
// ("start from a pretrained model").
//
// The graph becomes the text form of nn/model_spec.h (model=custom): one
// item per ONNX node, named after the PyTorch module its weights belong to
// ("c1" for c1.weight) or after the node ("relu_1"), inputs by name, and the
// weights as a Checkpoint's tensors, so a model file and an ONNX file load
// through the same path (Session::load).
//
// Operators (opset 7 and later, https://onnx.ai/onnx/operators/):
//   Conv (2D; groups, strides, dilations, symmetric pads or auto_pad
//   SAME_UPPER) -> Conv2d; Gemm (alpha = beta = 1, transA = 0)
//   and MatMul with a weight (+ an Add of a bias) -> Linear;
//   BatchNormalization -> BatchNorm1d/2d (ONNX momentum m is PyTorch's 1 - m);
//   MaxPool, AveragePool (ceil_mode 0, symmetric pads) -> MaxPool2d,
//   AvgPool2d; GlobalAveragePool -> AdaptiveAvgPool2d(1); Flatten(axis 1),
//   Reshape to (N, -1) -> Flatten; Relu, Sigmoid, Tanh, LeakyRelu, Elu,
//   Softmax (last axis of a 2D input); Add, Mul of two tensors; Concat on
//   axis 1; Dropout and Identity (the identity at inference); Constant (for
//   Reshape's shape); ConvTranspose -> ConvTranspose2d; ReduceMean over H, W
//   -> SqueezeExcitation when Gemm, Relu, Gemm, Sigmoid, Unsqueeze to
//   (N, C, 1, 1) and a Mul with its input follow at once (only Constants in
//   between, each step read by the next alone: PyTorch's written-out SE
//   block), else
//   AdaptiveAvgPool2d(1) (+ Flatten when keepdims=0); RNN / LSTM (forward,
//   one layer) on a time-major sequence -> RNN / LSTM, with the Transpose
//   (1, 0, 2), the Squeeze of num_directions and the Gather of the last step
//   (or of Y_h) -> SelectLast around them; initial_h / initial_c must be
//   zeros (absent, a zero initializer, or ConstantOfShape of a shape computed
//   from the input: what torch.onnx.export writes), as nnplay's recurrent
//   layers start from h0 = c0 = 0. Shape arithmetic (Shape, Gather,
//   Unsqueeze, Concat, Reshape, Expand... of shapes and constants) is
//   followed only into such initial states.
// Anything else is refused with UNSUPPORTED naming the node and operator.
// The network's input is the graph's first input that is not a weight,
// float32, (N, D), (N, T, D) or (N, C, H, W) with the batch dimension free
// or 1; its output the graph's
// first output, which must be the last node.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "core/status.h"
#include "train/checkpoint.h"

namespace nnplay::train {

struct OnnxImport {
  std::string network;  // nn/model_spec.h text
  Shape input;          // one sample, as Dataset::sample_shape: (1, C, H, W) or (1, D)
  int outputs = 0;      // features of the output (logits per sample)
  std::vector<SavedTensor> tensors;  // weights and buffers by node name
};

/// Reads `bytes` (an ONNX ModelProto) named `file` (for messages). Errors:
/// PARSE_ERROR (not a readable ONNX file, with the byte offset), UNSUPPORTED
/// (an operator, attribute or data type nnplay lacks, naming the node),
/// SHAPE_MISMATCH (a weight of the wrong shape). Nothing is allocated past
/// the file's own size.
Result<OnnxImport> import_onnx(std::span<const uint8_t> bytes, const std::string& file);

/// True when `bytes` look like an ONNX model rather than an nnplay model file
/// (no "NNPLAY" magic, a .onnx name or a ModelProto's leading ir_version).
bool looks_like_onnx(std::span<const uint8_t> bytes, const std::string& file);

}  // namespace nnplay::train
