// lesson_kit.cpp — measuring and wording for the lessons (lesson_kit.h).
#include "train/lesson_kit.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "nn/model.h"
#include "nn/model_spec.h"
#include "train/playground.h"

namespace nnplay::train::kit {

std::string num(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.3g", v);
  return buf;
}

std::string percent(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f%%", 100.0 * v);
  return buf;
}

// The claim holds or not, in words after the numbers.
std::string conclude(bool holds) {
  return holds ? ": the lecture's claim holds here." : ": the lecture's claim does not show here.";
}

// Loss and accuracy of lane i's network on its training or validation split (eval mode).
loss::LossOutput evaluate(Playground& p, int lane, bool training) {
  auto r = p.race().lane_session(lane).evaluate_split(training, kEvalSamples);
  if (!r.ok()) {
    loss::LossOutput nan;
    nan.loss = std::nan("");
    return nan;
  }
  return r.value();
}

double accuracy(const loss::LossOutput& o) {
  return o.count > 0 ? static_cast<double>(o.correct) / static_cast<double>(o.count) : 0.0;
}

// ‖∂L/∂θ‖ of the first over the last layer with weights, at the last metric
// point: how much of the gradient reaches the input side.
double first_over_last_gradient(const Session& s) {
  const LayerTrace& t = s.trainer().layer_trace();
  if (t.steps.empty()) return std::nan("");
  const LayerStats* row = &t.stats[(t.steps.size() - 1) * t.names.size()];
  double first = -1, last = -1;
  for (size_t j = 0; j < t.names.size(); ++j)
    if (row[j].grad_norm > 0) {
      if (first < 0) first = row[j].grad_norm;
      last = row[j].grad_norm;
    }
  return first > 0 && last > 0 ? first / last : std::nan("");
}

Result<Built> build(const std::string& network, const Shape& input) {
  auto spec = nn::parse_model_spec(network, 10);
  if (!spec.ok()) return spec.status();
  nn::Model m;
  NNP_RETURN_IF_ERROR(m.build(spec.value(), input, 1));
  Built b;
  for (const ParamRef& p : m.params())
    if (p.value->rank() >= 2) b.weights += p.value->numel();
  std::vector<Shape> shapes;
  for (const nn::Node& n : m.nodes()) shapes.push_back(n.shape);
  auto rf = nn::receptive_fields(spec.value(), shapes);
  if (!rf.ok()) return rf.status();
  b.rf = rf.take();
  return b;
}

int64_t steps_to_loss(const Session& s, double target) {
  for (const MetricPoint& m : s.trainer().history())
    if (m.loss_train <= target) return m.step;
  return -1;
}

Spread late_val_loss(const Session& s, double share) {
  const auto& h = s.trainer().history();
  Spread r;
  if (h.empty()) return {std::nan(""), std::nan(""), 0};
  const double from = static_cast<double>(h.back().step) * (1.0 - share);
  double sum = 0, sq = 0;
  for (const MetricPoint& m : h)
    if (static_cast<double>(m.step) >= from) {
      sum += m.loss_val;
      sq += static_cast<double>(m.loss_val) * m.loss_val;
      ++r.points;
    }
  r.mean = sum / r.points;
  r.std = std::sqrt(std::max(0.0, sq / r.points - r.mean * r.mean));
  return r;
}

Result<ValBatch> predict_validation(Playground& p, int lane, int n) {
  ValBatch b;
  b.session = &p.race().lane_session(lane);
  b.data = b.session->dataset();
  const std::vector<int32_t>& val = b.session->trainer().val_indices();
  if (!b.data || n <= 0 || val.empty())
    return Error(ErrorCode::NOT_FOUND, "lane " + std::to_string(lane) + " has no validation samples");
  b.idx = std::span<const int32_t>(val.data(), std::min(val.size(), static_cast<size_t>(n)));
  b.data->gather(b.idx, b.x);
  NNP_RETURN_IF_ERROR(b.session->predict(b.x, &b.logits));
  return b;
}

Verdict failed(const Status& st) {
  Verdict v;
  v.outcome = "The lesson could not be measured: " + st.message();
  return v;
}

std::string layers_of(const char* unit, int depth) {
  std::string s;
  for (int i = 0; i < depth; ++i) s += (i ? "," : "") + std::string(unit);
  return s;
}

}  // namespace nnplay::train::kit
