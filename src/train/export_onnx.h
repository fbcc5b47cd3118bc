// export_onnx.h — a network out to ONNX (https://onnx.ai): one model.onnx
// holding the graph and every weight, plus ONNX's own test layout with a
// sample, so any ONNX runtime (onnxruntime, onnx's checker, OpenCV's dnn,
// TensorRT, ...) runs nnplay's network and can check itself against nnplay.
//
// Files (ExportFile::name, as export_pytorch.h):
//   model.onnx                  ModelProto, ir_version 7, opset 13 of the
//                               default domain (what onnx 1.12 and every
//                               onnxruntime since 1.8 accept); producer "nnplay".
//   test_data_set_0/input_0.pb  TensorProto "input": the sample inputs (n, ...)
//   test_data_set_0/output_0.pb TensorProto "output": nnplay's eval-mode outputs
//                               for them (onnx's backend-test layout:
//                               onnx_test_runner and friends read it as is).
// The graph: input "input", float32 (N, features) / (N, C, H, W) /
// (N, C, D, H, W) / (N, T, features) as nnplay's input, N a dim_param "N",
// the rest fixed; output "output" likewise. One ONNX node (or a few, under
// the node's name with a "/what" suffix) per nnplay node; a node's output
// tensor is named after the node ("s1.b0.conv1"). Weights are initializers
// named "<node>.<parameter>" (PyTorch's state_dict names: "s1.b0.conv1.weight",
// "s1.b0.bn1.running_mean"), float32 raw_data, in nnplay's (= PyTorch's)
// layouts, except where ONNX wants another (documented in export_onnx.cpp:
// RNN/LSTM weights get a leading num_directions axis, LSTM gates reordered
// from PyTorch's i, f, g, o to ONNX's i, o, f, c, and the two biases of a
// recurrent layer joined as ONNX's B = [b_ih, b_hh], named "<node>.bias_l0").
// Eval mode throughout: Dropout is an Identity, BatchNorm uses its running
// statistics (batch statistics when track_running_stats=false, as nnplay).
// Opset 13 has no Gelu or LayerNormalization: they are written as their
// formulas (Erf/Tanh; ReduceMean/Sub/Mul/Sqrt/Div).
// A layer with no faithful ONNX form here (AdaptiveAvgPool2d to a size that
// does not divide the input, a layer type added later) is refused with
// UNSUPPORTED naming the node and its type; nothing is written.
#pragma once

#include <string>
#include <vector>

#include "core/status.h"
#include "core/tensor.h"
#include "nn/model.h"
#include "train/export_pytorch.h"  // ExportFile, export_zip, export_files_json

namespace nnplay::train {

class Session;

/// True when layer type `type` (nn/registry.cpp's name) has an ONNX form here
/// (its arguments may still be refused: AdaptiveAvgPool2d to a size that does
/// not divide the input).
bool exports_to_onnx(const std::string& type);
/// model.onnx and the test set for `model` with its current weights.
/// `sample_x` (n, input...) and `sample_y` (n, output...) become input_0.pb
/// and output_0.pb (nnplay's eval-mode output for sample_x); `about` is the
/// model's doc_string ("resnet(depth=8) trained on fashion_mnist").
/// Errors: NOT_READY for a model that is not built; UNSUPPORTED naming the
/// node and its type for a layer (or a layer argument) without an ONNX form;
/// SHAPE_MISMATCH when the sample does not fit the model's input or output;
/// INVALID_ARGUMENT for a node whose arguments do not parse.
Result<std::vector<ExportFile>> export_onnx(const nn::Model& model, const Tensor& sample_x, const Tensor& sample_y,
                                            const std::string& about);
/// The session's network and weights, the sample being its first `samples`
/// validation inputs (training inputs when there is no validation split) with
/// the session's eval-mode outputs. Errors as above, and NOT_READY while the
/// dataset loads or before a network is built.
Result<std::vector<ExportFile>> export_onnx(Session& session, int samples = 4);

}  // namespace nnplay::train
