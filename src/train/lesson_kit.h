// lesson_kit.h — what the lessons (lessons.h) share: measuring a lane or a
// network, and wording a verdict. Each lessons_<area>.cpp holds one area's
// setups and judges; lessons() collects them in the lecture's order.
#pragma once

#include <span>
#include <string>
#include <vector>

#include "core/status.h"
#include "loss/loss.h"
#include "nn/receptive_field.h"
#include "train/lessons.h"
#include "train/session.h"

namespace nnplay::train {

class Playground;

// Each area's lessons (any order inside: lessons() orders them by section).
std::vector<Lesson> mlp_lessons();        // lessons_mlp.cpp: perceptron, activations, dropout, init
std::vector<Lesson> cnn_lessons();        // lessons_cnn.cpp: CNN building blocks and the zoo
std::vector<Lesson> optimizer_lessons();  // lessons_optim.cpp: optimizers
std::vector<Lesson> training_lessons();   // lessons_train.cpp: batch norm, schedules, batch size, curves
std::vector<Lesson> motion_lessons();     // lessons_motion.cpp: clips and 3D convolutions
std::vector<Lesson> transfer_lessons();   // lessons_transfer.cpp: starting from a pre-trained model
std::vector<Lesson> rnn_lessons();        // lessons_rnn.cpp: RNN and LSTM

namespace kit {

/// 3 significant digits: "0.0133".
std::string num(double v);
/// "99.5%".
std::string percent(double v);
/// ": the lecture's claim holds here." or "… does not show here.".
std::string conclude(bool holds);

/// Training samples a judge evaluates (all of a small set).
constexpr size_t kEvalSamples = 2000;
/// Loss and accuracy of lane `lane`'s network on its training or validation
/// split (eval mode); loss NaN when it cannot be evaluated.
loss::LossOutput evaluate(Playground& p, int lane, bool training);
/// correct / count (0 for no samples).
double accuracy(const loss::LossOutput& o);
/// ‖∂L/∂θ‖ of the first over the last layer with weights, at the last metric
/// point: how much of the gradient reaches the input side (NaN without one).
double first_over_last_gradient(const Session& s);

/// The first step at whose metric point a lane's running training loss is
/// ≤ target: how fast it trained (-1 when it never got there).
int64_t steps_to_loss(const Session& s, double target);

/// Mean and standard deviation of a lane's validation loss over its metric
/// points in the last `share` of its steps: where it settled and how much it
/// still jitters there (NaN without points).
struct Spread {
  double mean = 0, std = 0;
  int points = 0;
};
Spread late_val_loss(const Session& s, double share);

/// Lane `lane`'s first `n` validation samples (all of them when the split has
/// fewer) and its eval-mode outputs for them as one batch (Session::predict).
/// NOT_FOUND when the split is empty.
struct ValBatch {
  Session* session = nullptr;
  const data::Dataset* data = nullptr;
  std::span<const int32_t> idx;  // the samples' indices in `data`
  Tensor x, logits;
};
Result<ValBatch> predict_validation(Playground& p, int lane, int n);

/// A network's weights without biases (the lecture counts weights: 18C² vs
/// 25C²) and its nodes' receptive fields, built for a per-sample input shape.
struct Built {
  int64_t weights = 0;
  std::vector<nn::ReceptiveField> rf;
};
Result<Built> build(const std::string& network, const Shape& input);

/// "The lesson could not be measured: <why>".
Verdict failed(const Status& st);
/// `depth` copies of `unit`, comma separated: layers_of("16:relu", 3).
std::string layers_of(const char* unit, int depth);

}  // namespace kit
}  // namespace nnplay::train
