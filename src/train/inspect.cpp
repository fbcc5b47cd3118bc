#include "train/inspect.h"

#include <algorithm>
#include <cmath>

#include "loss/loss.h"
#include "nn/zoo.h"

namespace nnplay::train {

Status predict_samples(Session& session, std::span<const int32_t> idx, Predictions* out, Tensor* x, Tensor* logits) {
  const data::Dataset* ds = session.dataset();
  if (!ds) return Error(ErrorCode::NOT_READY, "no dataset yet");
  if (ds->regression())
    return Error(ErrorCode::UNSUPPORTED, "predicted classes: dataset " + ds->name +
                                             " has real-valued targets (regression); its outputs are values, not classes");
  Tensor own_x, own_logits;
  if (!x) x = &own_x;
  if (!logits) logits = &own_logits;
  ds->gather(idx, *x);
  NNP_RETURN_IF_ERROR(session.predict(*x, logits));
  const loss::LossKind kind = session.config().loss;
  loss::predict_classes(kind, *logits, out->classes);
  out->confidence.clear();
  out->pixel_accuracy.clear();
  if (ds->dense()) {
    std::vector<int32_t> labels;
    ds->gather_labels(idx, labels);
    const size_t hw = static_cast<size_t>(ds->labels_per_sample());
    for (size_t k = 0; k < idx.size(); ++k) {
      size_t right = 0;
      for (size_t p = 0; p < hw; ++p) right += out->classes[k * hw + p] == labels[k * hw + p];
      out->pixel_accuracy.push_back(static_cast<float>(right) / static_cast<float>(hw));
    }
    return Status::Ok();
  }
  for (size_t k = 0; k < idx.size(); ++k) out->confidence.push_back(loss::confidence(kind, *logits, static_cast<int>(k)));
  return Status::Ok();
}

float grid_coord(int i, int n, float extent) {
  return -extent + 2.0f * extent * (static_cast<float>(i) + 0.5f) / static_cast<float>(n);
}

namespace {
/// The n x n grid over [-extent, extent]², one row (y_j, n points: within the
/// model's planned batch) per forward pass: on_row(j, row (n, 2), logits).
template <class F>
Status grid_rows(Session& session, int n, float extent, F&& on_row) {
  Tensor row(Shape{n, 2}), logits;
  for (int j = 0; j < n; ++j) {
    for (int i = 0; i < n; ++i) {
      row[i * 2 + 0] = grid_coord(i, n, extent);
      row[i * 2 + 1] = grid_coord(j, n, extent);
    }
    NNP_RETURN_IF_ERROR(session.predict(row, &logits));
    on_row(j, row, logits);
  }
  return Status::Ok();
}
}  // namespace

Status boundary_scores(Session& session, int n, float extent, std::vector<float>* scores) {
  const data::Dataset* ds = session.dataset();
  if (!ds || ds->sample_shape != Shape{1, 2} || session.model().output_shape() != Shape{1, 1})
    return Error(ErrorCode::UNSUPPORTED, "a decision boundary needs 2D points and one output (two classes or a regression)");
  const bool regression = ds->regression();
  scores->resize(static_cast<size_t>(n) * static_cast<size_t>(n));
  return grid_rows(session, n, extent, [&](int j, const Tensor&, const Tensor& logits) {
    for (int i = 0; i < n; ++i)
      (*scores)[static_cast<size_t>(j * n + i)] =
          regression ? std::clamp((logits[i] + 1.0f) * 0.5f, 0.0f, 1.0f)  // the prediction, [-1, 1] -> [0, 1]
                     : loss::binary_score(session.config().loss, logits[i]);
  });
}

namespace {

/// True when node i + 1 is an elementwise layer on node i's output (same
/// shape, reading only it), other than `layer_type` (the next column's own
/// layer): the diagrams show a layer after its BatchNorm and activation.
bool elementwise_after(const std::vector<nn::Node>& nodes, size_t i, const char* layer_type) {
  return i + 1 < nodes.size() && nodes[i + 1].shape == nodes[i].shape && nodes[i + 1].inputs.size() == 1 &&
         nodes[i + 1].inputs[0] == static_cast<int>(i) && std::string(nodes[i + 1].layer->type_name()) != layer_type;
}

}  // namespace

Status neuron_maps(Session& session, int n, float extent, int max_units, NeuronMaps* out) {
  const data::Dataset* ds = session.dataset();
  const nn::Model& model = session.model();
  if (!ds || ds->sample_shape != Shape{1, 2})
    return Error(ErrorCode::UNSUPPORTED, "neuron pictures need 2D points (the TF Playground sets)");
  const auto& nodes = model.nodes();
  const size_t last = nodes.size() - 1;
  out->n = n;
  out->plane = true;
  out->columns.clear();
  out->values.clear();
  // Columns: the input, then each (N, K) node that is not followed by an
  // elementwise layer of the same shape (so a Linear shows after its activation).
  std::vector<size_t> shown = {0};
  const Tensor* pending = nullptr;  // the Linear weight since the last column
  std::vector<const Tensor*> links = {nullptr};
  for (size_t i = 1; i < last; ++i) {
    const nn::Node& node = nodes[i];
    if (node.shape.rank != 2 || node.inputs.size() != 1)
      return Error(ErrorCode::UNSUPPORTED, "neuron pictures need a chain of (N, K) layers (an MLP); node " + node.name +
                                               " is " + node.shape.str());
    const std::string type = node.layer->type_name();
    if (type == "Linear") pending = nn::param_named(*node.layer, "weight");
    const bool next_same = i + 1 < last && elementwise_after(nodes, i, "Linear");
    if (next_same) continue;
    shown.push_back(i);
    links.push_back(pending);
    pending = nullptr;
  }
  if (shown.size() > 1 && std::string(nodes[shown[1]].layer->type_name()) == "InputFeatures") {
    shown.erase(shown.begin());  // the chosen features are the input column
    links.erase(links.begin());
  }
  for (size_t c = 0; c < shown.size(); ++c) {
    const nn::Node& node = nodes[shown[c]];
    NeuronColumn col;
    col.node = static_cast<int>(shown[c]);
    col.title = shown[c] == 0 ? "input" : node.name;
    col.units = std::min(max_units, static_cast<int>(node.shape[1]));
    col.first = static_cast<int>(out->values.size());
    col.h = col.w = n;
    if (links[c]) col.weights = *links[c];
    out->columns.push_back(col);
    for (int u = 0; u < col.units; ++u) out->values.emplace_back(static_cast<size_t>(n) * static_cast<size_t>(n));
  }
  // The node outputs of each row's forward pass are each column's values on the row.
  return grid_rows(session, n, extent, [&](int j, const Tensor& row, const Tensor&) {
    for (const NeuronColumn& col : out->columns) {
      const Tensor& y = col.node == 0 ? row : session.model().nodes()[static_cast<size_t>(col.node)].y;
      const int k = y.dim(1);
      for (int u = 0; u < col.units; ++u)
        for (int i = 0; i < n; ++i)
          out->values[static_cast<size_t>(col.first + u)][static_cast<size_t>(j * n + i)] = y[i * k + u];
    }
  });
}

Status conv_neuron_maps(Session& session, int32_t sample, int max_units, int max_layers, NeuronMaps* out) {
  const data::Dataset* ds = session.dataset();
  if (!ds || ds->sample_shape.rank != 4)
    return Error(ErrorCode::UNSUPPORTED, "channel pictures need images (C, H, W) (MNIST, CIFAR-10, your images)");
  if (sample < 0 || sample >= ds->size())
    return Error(ErrorCode::INVALID_ARGUMENT, "channel pictures: sample " + std::to_string(sample) + " of " + std::to_string(ds->size()));
  const auto& nodes = session.model().nodes();
  if (nodes.size() < 2 || std::string(nodes[1].layer->type_name()) != "Conv2d")
    return Error(ErrorCode::UNSUPPORTED, "channel pictures need a network that starts with a Conv2d (LeNet-5, a CNN "
                                         "from the zoo)");
  Tensor x, logits;  // one forward pass (eval mode) leaves every node's output in nodes[i].y
  const int32_t one[1] = {sample};
  ds->gather(one, x);
  NNP_RETURN_IF_ERROR(session.predict(x, &logits));
  out->n = 0;
  out->plane = false;
  out->columns.clear();
  out->values.clear();
  auto add_column = [&](int node, const std::string& title, const Tensor& y, Tensor weights) {
    NeuronColumn col;
    col.node = node;
    col.title = title;
    col.units = std::min(max_units, y.dim(1));
    col.first = static_cast<int>(out->values.size());
    col.h = y.dim(2);
    col.w = y.dim(3);
    col.weights = std::move(weights);
    const int64_t hw = int64_t{col.h} * col.w;
    for (int u = 0; u < col.units; ++u) out->values.emplace_back(y.data() + u * hw, y.data() + (u + 1) * hw);
    out->columns.push_back(std::move(col));
  };
  add_column(0, "input", x, Tensor());
  // Follow the chain from the input: each Conv2d (shown after the elementwise
  // layers that follow it), through pooling, until a node that is not a map
  // of a one-input chain.
  int convs = 0;
  for (size_t i = 1; i < nodes.size() && convs < max_layers; ++i) {
    const nn::Node& node = nodes[i];
    if (node.shape.rank != 4 || node.inputs.size() != 1 || node.inputs[0] != static_cast<int>(i) - 1) break;
    const std::string type = node.layer->type_name();
    if (type != "Conv2d") {
      if (node.shape[1] != nodes[i - 1].shape[1] && i > 1) break;  // channels must carry over to the next conv's links
      continue;
    }
    const Tensor* w = nn::param_named(*node.layer, "weight");
    if (!w || w->rank() != 4) break;
    // Kernel sums (C_out, C_in): a grouped conv's kernel reads C_in / groups channels.
    const int co = w->dim(0), per = w->dim(1), ci = nodes[i - 1].shape[1];
    const int groups = per > 0 ? ci / per : 1, out_per = groups > 0 ? co / groups : co;
    Tensor sums(Shape{co, ci});
    const int64_t k = int64_t{w->dim(2)} * w->dim(3);
    for (int o = 0; o < co; ++o)
      for (int j = 0; j < per; ++j) {
        float acc = 0.0f;
        for (int64_t t = 0; t < k; ++t) acc += (*w)[(int64_t{o} * per + j) * k + t];
        const int in_channel = (out_per > 0 ? o / out_per : 0) * per + j;
        if (in_channel < ci) sums[int64_t{o} * ci + in_channel] = acc;
      }
    size_t shown = i;
    while (elementwise_after(nodes, shown, "Conv2d")) ++shown;
    add_column(static_cast<int>(shown), nodes[shown].name, nodes[shown].y, std::move(sums));
    i = shown;
    ++convs;
  }
  if (out->columns.size() < 2) return Error(ErrorCode::UNSUPPORTED, "channel pictures: the first Conv2d reads no map");
  return Status::Ok();
}

Status function_curve(Session& session, int n, float lo, float hi, std::vector<float>* ys) {
  const data::Dataset* ds = session.dataset();
  if (!ds || !ds->regression() || ds->sample_shape != Shape{1, 1} || session.model().output_shape() != Shape{1, 1})
    return Error(ErrorCode::UNSUPPORTED, "a function's curve needs a 1D regression set (dataset function) and one output");
  if (n < 2 || !(lo < hi))
    return Error(ErrorCode::INVALID_ARGUMENT, "function curve: n >= 2 points over lo < hi, got n = " + std::to_string(n));
  Tensor x(Shape{n, 1}), y;
  for (int i = 0; i < n; ++i) x[i] = lo + (hi - lo) * static_cast<float>(i) / static_cast<float>(n - 1);
  NNP_RETURN_IF_ERROR(session.predict(x, &y));
  ys->assign(y.data(), y.data() + n);
  return Status::Ok();
}

Status feature_weights(const Session& session, std::vector<float>* out) {
  const data::Dataset* ds = session.dataset();
  const nn::Model& model = session.model();
  const auto& nodes = model.nodes();
  if (!ds || ds->sample_shape.rank != 2 || nodes.size() < 2 || std::string(nodes[1].layer->type_name()) != "Linear" ||
      nodes[1].inputs.size() != 1 || nodes[1].inputs[0] != 0)
    return Error(ErrorCode::UNSUPPORTED, "feature weights need rows of features (a CSV) and a network that starts "
                                         "with a Linear layer");
  const Tensor* w = nn::param_named(*nodes[1].layer, "weight");
  if (!w || w->rank() != 2) return Error(ErrorCode::UNSUPPORTED, "feature weights: the first Linear has no (K, F) weight");
  const int k = w->dim(0), f = w->dim(1);
  out->assign(static_cast<size_t>(f), 0.0f);
  for (int j = 0; j < f; ++j) {
    double sum = 0;
    for (int i = 0; i < k; ++i) sum += static_cast<double>((*w)[i * f + j]) * (*w)[i * f + j];
    (*out)[static_cast<size_t>(j)] = static_cast<float>(std::sqrt(sum / k));
  }
  return Status::Ok();
}

std::vector<std::string> zoo_unfit(const data::Dataset& ds) {
  std::vector<std::string> out;
  for (const nn::ZooEntry& e : nn::zoo_entries()) {
    auto spec = nn::zoo_spec(e.example, ds.sample_shape, ds.outputs());
    std::string why = spec.ok() ? "" : spec.status().message();
    if (spec.ok()) {
      nn::Model probe;
      Status st = probe.build(spec.value(), ds.sample_shape, 1);
      if (st.ok()) st = check_output(probe.output_shape(), ds);
      if (!st.ok())
        why = ds.dense() ? "a classifier: this set labels every pixel, which needs a U-Net or an FCN"
                         : "its output does not fit this dataset's labels (" + st.message() + ")";
    }
    out.push_back(why);
  }
  return out;
}

}  // namespace nnplay::train
