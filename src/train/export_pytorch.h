// export_pytorch.h — a network out to PyTorch: one Python file that defines
// an nn.Module mirroring the network layer for layer, its weights as a NumPy
// .npz under the state_dict names PyTorch gives that module, and a sample
// (inputs and nnplay's outputs for them) that the Python file checks itself
// against. Nothing of nnplay is needed to use them: Debian's python3-torch
// and python3-numpy run `python3 model.py`.
//
// Files (ExportFile::name):
//   model.py     class Net(nn.Module): one attribute per layer (PyTorch's
//                classes: nn.Conv2d, nn.BatchNorm2d, nn.LSTM(batch_first=True),
//                ...; SqueezeExcitation and CBAM as small classes written out
//                in the file), named after the node ("s1.b0.conv1" ->
//                self.s1_b0_conv1; an unnamed node "3.linear" -> self.fc3), and
//                a forward() written out node by node: skip connections as
//                `x = x + identity`, concatenations as torch.cat, a shape
//                comment on every line. `load(path)` builds it and loads the
//                weights with strict=True; `python3 model.py` also compares its
//                outputs on sample.npz with nnplay's and exits 1 on a mismatch.
//   weights.npz  the state_dict: float32 arrays in PyTorch's layouts (they are
//                nnplay's: Linear (out, in), Conv (out, in/groups, k...),
//                ConvTranspose2d (in, out/groups, k...), LSTM gates i, f, g, o),
//                BatchNorm's running_mean/running_var, num_batches_tracked
//                as an int64 scalar, in state_dict order.
//   sample.npz   "input" (N, ...) and "output": nnplay's eval-mode outputs.
// Every layer type of nn/registry.cpp exports; a type without a PyTorch form
// (a layer added later and not taught here) is refused with UNSUPPORTED
// naming the node and its type, and nothing is written.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/status.h"
#include "core/tensor.h"
#include "nn/model.h"

namespace nnplay::train {

class Session;

struct ExportFile {
  std::string name;            // "model.py", "weights.npz", "sample.npz"
  std::vector<uint8_t> bytes;
};

/// True when layer type `type` (nn/registry.cpp's name) has a PyTorch form here.
bool exports_to_pytorch(const std::string& type);
/// The three files for `model` with its current weights. `sample_x` (n, input...)
/// and `sample_y` (n, output...) are stored as the self-check (nnplay's
/// eval-mode output for sample_x); `about` is the docstring's first line
/// ("resnet(depth=8) trained on fashion_mnist"). Errors: UNSUPPORTED for a
/// layer type with no PyTorch form; SHAPE_MISMATCH when the sample does not
/// fit the model's input or output; INVALID_ARGUMENT for a layer argument
/// that cannot be written as Python.
Result<std::vector<ExportFile>> export_pytorch(const nn::Model& model, const Tensor& sample_x, const Tensor& sample_y,
                                               const std::string& about);
/// The session's network and weights, the sample being its first `samples`
/// validation inputs (training inputs when there is no validation split) with
/// the session's eval-mode outputs. Errors as above, and NOT_READY while the
/// dataset loads or before a network is built.
Result<std::vector<ExportFile>> export_pytorch(Session& session, int samples = 4);
/// The sample every export stores for its self-check: the session's first
/// `samples` validation inputs (training inputs without a validation split)
/// in *x, its eval-mode outputs in *y, and "<architecture> trained on
/// <dataset>" in *about. Errors: NOT_READY while the dataset loads, before a
/// network is built, or without samples.
Status export_sample(Session& session, int samples, Tensor* x, Tensor* y, std::string* about);
/// What every exporter checks first: NOT_READY without a built network,
/// SHAPE_MISMATCH when sample_x (n, input...) or sample_y (n, output...) does not fit it.
Status check_export_sample(const nn::Model& model, const Tensor& sample_x, const Tensor& sample_y);
/// The files as one zip, each under `folder`/ (the app's single download).
Result<std::vector<uint8_t>> export_zip(const std::vector<ExportFile>& files, const std::string& folder);
/// The files as JSON for window.nnplay.command's reply:
/// [{"name": "model.py", "text": "..."}, {"name": "weights.npz", "base64": "..."}, ...]
/// (.py as text, every other file (.npz, .onnx, .pb) as standard base64 with padding).
std::string export_files_json(const std::vector<ExportFile>& files);

}  // namespace nnplay::train
