// lessons_transfer.cpp — transfer learning: a network started from the
// weights of another trained on a related task (Session::init_from), raced
// against the same network from scratch (lesson_kit.h).
#include "train/lesson_kit.h"

#include <cmath>
#include <string>

#include "train/playground.h"

namespace nnplay::train {
namespace {

using namespace kit;

constexpr double kTargetAcc = 0.75;  // validation accuracy both lanes are timed to

/// The first metric point at which a lane's validation accuracy is >= target (-1: never).
int64_t steps_to_val_accuracy(const Session& s, double target) {
  for (const MetricPoint& m : s.trainer().history())
    if (m.acc_val >= target) return m.step;
  return -1;
}

Verdict judge_pretrained_start(Playground& p) {
  const Session& scratch = p.race().lane(0);
  const Session& pre = p.race().lane(1);
  if (pre.status().init_from.empty())
    return failed(Error(ErrorCode::NOT_READY, "the pretrained lane did not start from the source run's weights (" +
                                                  p.pretrain_note() + ")"));
  const loss::LossOutput a = evaluate(p, 0, false), b = evaluate(p, 1, false);
  const int64_t sa = steps_to_val_accuracy(scratch, kTargetAcc), sb = steps_to_val_accuracy(pre, kTargetAcc);
  Verdict v;
  // LESSONS.md's claim: the pretrained start reaches the target faster.
  // Never getting there counts as the whole budget (and more). A margin on
  // the ratio (½, then 0.6) did not survive rounding: seed 1's pretrained
  // lane measured 25, 29 and 44 steps (of the 57 from scratch) with the same
  // network under different convolution kernels and SIMD widths, over the
  // 350 steps of pretraining and training.
  v.holds = sb >= 0 && (sa < 0 || sb < sa);
  v.numbers = {{"from scratch: steps to 75%", static_cast<double>(sa)},
               {"pretrained: steps to 75%", static_cast<double>(sb)},
               {"from scratch: validation accuracy", accuracy(a)}, {"pretrained: validation accuracy", accuracy(b)},
               {"from scratch: validation loss", a.loss}, {"pretrained: validation loss", b.loss}};
  auto when = [](int64_t s) { return s < 0 ? std::string("never got there") : "took " + std::to_string(s) + " steps"; };
  v.outcome = "First " + p.pretrain_note() + ". Then on " + std::to_string(scratch.status().train_size) +
              " Fashion-MNIST images of all 10 classes, reaching " + percent(kTargetAcc) +
              " validation accuracy from scratch " + when(sa) + ", pretrained " + when(sb) + "; after " +
              std::to_string(p.race().budget()) + " steps they stand at " + percent(accuracy(a)) + " and " +
              percent(accuracy(b)) + " (validation loss " + num(a.loss) + " and " + num(b.loss) +
              ": with 300 images both overfit later, the pretrained start mostly saves time)" + conclude(v.holds);
  return v;
}

}  // namespace

std::vector<Lesson> transfer_lessons() {
  std::vector<Lesson> l;
  Lesson pre{"pretrained-start", "Initialisation", "Starting from a pre-trained model beats starting from scratch",
             "For general NNs, layer-wise pre-training is safe. Even safer: start from a pre-trained model — a "
             "network trained on a related task already has useful features, so the new task starts from them "
             "instead of from random weights.",
             "Lessons view or Race tab: the pretrained lane's validation accuracy climbs much faster at first; the "
             "lane from scratch catches up later. The Model file panel's \"Start from…\" (or {init_from: file}) does the same for any "
             "saved network of yours.",
             "race", "the pretrained lane reaches 75% validation accuracy in fewer steps than the lane from scratch "
             "(never within the budget counts as the budget)",
             "The pre-trained model is the lesson's own: LeNet-5 first trains 200 steps on 3000 Fashion-MNIST images "
             "of classes 0–4 only (T-shirt, trouser, pullover, dress, coat: the related task), is saved in memory "
             "and given to the second lane; the target is all 10 classes from only 300 images. Its output layer "
             "starts fresh (the same initial weights as the lane from scratch), as it knew only 5 of the classes.",
             {{"dataset", "fashion_mnist"}, {"train_limit", "300"}, {"val_fraction", "0.1"},
              {"model", "lenet5(act=relu,pool=max)"}, {"optimizer", "adam"}, {"lr", "0.002"}, {"batch_size", "32"},
              {"speed", "20"}},
             {{"from scratch", {}}, {"pretrained", {}}},
             150,
             judge_pretrained_start};
  pre.pretrain = LessonPretrain{"3000 Fashion-MNIST images of classes 0–4", {{"classes", "0-4"}, {"train_limit", "3000"}},
                                200, {1}, /*head=*/false};
  l.push_back(std::move(pre));
  return l;
}

}  // namespace nnplay::train
