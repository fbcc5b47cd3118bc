#include "optim/lr_scheduler.h"

#include <algorithm>
#include <cmath>

namespace nnplay::optim {
namespace {

constexpr double kPi = 3.14159265358979323846;

class Constant final : public LRScheduler {
 public:
  const char* type_name() const override { return "Constant"; }
  double lr(int64_t, double base) const override { return base; }
};

class StepLR final : public LRScheduler {
 public:
  StepLR(int step_size, double gamma) : step_size_(step_size), gamma_(gamma) {}
  const char* type_name() const override { return "StepLR"; }
  double lr(int64_t t, double base) const override { return base * std::pow(gamma_, static_cast<double>(t / step_size_)); }

 private:
  int64_t step_size_;
  double gamma_;
};

class MultiStepLR final : public LRScheduler {
 public:
  MultiStepLR(std::vector<double> milestones, double gamma) : milestones_(std::move(milestones)), gamma_(gamma) {
    std::sort(milestones_.begin(), milestones_.end());
  }
  const char* type_name() const override { return "MultiStepLR"; }
  double lr(int64_t t, double base) const override {
    const auto passed = std::upper_bound(milestones_.begin(), milestones_.end(), static_cast<double>(t)) - milestones_.begin();
    return base * std::pow(gamma_, static_cast<double>(passed));
  }

 private:
  std::vector<double> milestones_;
  double gamma_;
};

class ExponentialLR final : public LRScheduler {
 public:
  explicit ExponentialLR(double gamma) : gamma_(gamma) {}
  const char* type_name() const override { return "ExponentialLR"; }
  double lr(int64_t t, double base) const override { return base * std::pow(gamma_, static_cast<double>(t)); }

 private:
  double gamma_;
};

class InverseTimeLR final : public LRScheduler {
 public:
  explicit InverseTimeLR(double k) : k_(k) {}
  const char* type_name() const override { return "InverseTimeLR"; }
  double lr(int64_t t, double base) const override { return base * k_ / (k_ + static_cast<double>(t)); }

 private:
  double k_;
};

class CosineAnnealingWarmRestarts final : public LRScheduler {
 public:
  CosineAnnealingWarmRestarts(int t0, int t_mult, double eta_min) : t0_(t0), t_mult_(t_mult), eta_min_(eta_min) {}
  const char* type_name() const override { return "CosineAnnealingWarmRestarts"; }
  double lr(int64_t t, double base) const override {
    // torch's closed form (epoch given): find the current cycle i with length T_i and position T_cur.
    double t_cur = 0, t_i = t0_;
    const auto e = static_cast<double>(t);
    if (t_mult_ == 1) {
      t_cur = std::fmod(e, t0_);
    } else {
      const double n = std::floor(std::log(e / t0_ * (t_mult_ - 1) + 1) / std::log(static_cast<double>(t_mult_)));
      t_cur = e - t0_ * (std::pow(t_mult_, n) - 1) / (t_mult_ - 1);
      t_i = t0_ * std::pow(t_mult_, n);
    }
    return eta_min_ + (base - eta_min_) * (1 + std::cos(kPi * t_cur / t_i)) / 2;
  }

 private:
  int t0_, t_mult_;
  double eta_min_;
};

class CyclicLR final : public LRScheduler {
 public:
  CyclicLR(double max_lr, int step_size_up) : max_lr_(max_lr), up_(step_size_up) {}
  const char* type_name() const override { return "CyclicLR"; }
  double lr(int64_t t, double base) const override {
    // torch CyclicLR, mode "triangular", step_size_down = step_size_up.
    const double total = 2.0 * up_;
    const double cycle = std::floor(1 + static_cast<double>(t) / total);
    const double x = 1.0 + static_cast<double>(t) / total - cycle;
    const double scale = x <= 0.5 ? x / 0.5 : (x - 1) / (0.5 - 1);
    return base + (max_lr_ - base) * scale;
  }

 private:
  double max_lr_;
  int up_;
};

class LinearLR final : public LRScheduler {
 public:
  LinearLR(double start, double end, int total) : start_(start), end_(end), total_(total) {}
  const char* type_name() const override { return "LinearLR"; }
  double lr(int64_t t, double base) const override {
    const double f = start_ + (end_ - start_) * static_cast<double>(std::min<int64_t>(t, total_)) / total_;
    return base * f;
  }

 private:
  double start_, end_;
  int total_;
};

class ReduceLROnPlateau final : public LRScheduler {
 public:
  ReduceLROnPlateau(double factor, int patience, double threshold, int cooldown, double min_lr)
      : factor_(factor), patience_(patience), threshold_(threshold), cooldown_(cooldown), min_lr_(min_lr) {}
  const char* type_name() const override { return "ReduceLROnPlateau"; }
  double lr(int64_t, double base) const override { return base * scale_; }
  void observe(double metric, double base) override {
    if (metric < best_ * (1.0 - threshold_)) {
      best_ = metric;
      bad_ = 0;
    } else {
      ++bad_;
    }
    if (cooldown_counter_ > 0) {
      --cooldown_counter_;
      bad_ = 0;
    }
    if (bad_ > patience_) {
      const double old_lr = base * scale_;
      const double new_lr = std::max(old_lr * factor_, min_lr_);
      if (old_lr - new_lr > 1e-8) scale_ = new_lr / base;
      cooldown_counter_ = cooldown_;
      bad_ = 0;
    }
  }
  void reset() override {
    scale_ = 1.0;
    best_ = HUGE_VAL;
    bad_ = cooldown_counter_ = 0;
  }

 private:
  double factor_;
  int patience_;
  double threshold_;
  int cooldown_;
  double min_lr_;
  double scale_ = 1.0;
  double best_ = HUGE_VAL;
  int bad_ = 0, cooldown_counter_ = 0;
};

}  // namespace

const std::vector<std::string>& scheduler_names() {
  static const std::vector<std::string> kNames = {"Constant",      "StepLR",        "MultiStepLR",
                                                  "ExponentialLR", "InverseTimeLR", "CosineAnnealingWarmRestarts",
                                                  "CyclicLR",      "LinearLR",      "ReduceLROnPlateau"};
  return kNames;
}

Result<std::unique_ptr<LRScheduler>> make_scheduler(const std::string& text) {
  if (text.empty()) return std::unique_ptr<LRScheduler>(new Constant());
  auto call = parse_call(text);
  if (!call.ok()) return Error(ErrorCode::PARSE_ERROR, "schedule: " + call.status().message());
  const std::string& name = call.value().first;
  const Args& a = call.value().second;
#define NNP_GET(var, expr)              \
  auto var##_r = (expr);                \
  if (!var##_r.ok()) return var##_r.status(); \
  const auto var = var##_r.value()
  if (name == "Constant") {
    NNP_RETURN_IF_ERROR(a.check_known({}));
    return std::unique_ptr<LRScheduler>(new Constant());
  }
  if (name == "StepLR") {
    NNP_RETURN_IF_ERROR(a.check_known({"step_size", "gamma"}));
    NNP_GET(step_size, a.get_int("step_size", 1, 100000000));
    NNP_GET(gamma, a.get_double("gamma", 0.0, 1.0, 0.1));
    return std::unique_ptr<LRScheduler>(new StepLR(step_size, gamma));
  }
  if (name == "MultiStepLR") {
    NNP_RETURN_IF_ERROR(a.check_known({"milestones", "gamma"}));
    NNP_GET(milestones, a.get_list("milestones", 0, 1e9, {}));
    if (milestones.empty()) return Error(ErrorCode::INVALID_ARGUMENT, "MultiStepLR: milestones=... is required");
    NNP_GET(gamma, a.get_double("gamma", 0.0, 1.0, 0.1));
    return std::unique_ptr<LRScheduler>(new MultiStepLR(milestones, gamma));
  }
  if (name == "ExponentialLR") {
    NNP_RETURN_IF_ERROR(a.check_known({"gamma"}));
    if (!a.has("gamma")) return Error(ErrorCode::INVALID_ARGUMENT, "ExponentialLR: gamma=... is required");
    NNP_GET(gamma, a.get_double("gamma", 0.0, 1.0, 1.0));
    return std::unique_ptr<LRScheduler>(new ExponentialLR(gamma));
  }
  if (name == "InverseTimeLR") {
    NNP_RETURN_IF_ERROR(a.check_known({"k"}));
    NNP_GET(k, a.get_double("k", 1e-9, 1e12, 1000.0));
    return std::unique_ptr<LRScheduler>(new InverseTimeLR(k));
  }
  if (name == "CosineAnnealingWarmRestarts") {
    NNP_RETURN_IF_ERROR(a.check_known({"T_0", "T_mult", "eta_min"}));
    NNP_GET(t0, a.get_int("T_0", 1, 100000000));
    NNP_GET(t_mult, a.get_int("T_mult", 1, 100, 1));
    NNP_GET(eta_min, a.get_double("eta_min", 0.0, 10.0, 0.0));
    return std::unique_ptr<LRScheduler>(new CosineAnnealingWarmRestarts(t0, t_mult, eta_min));
  }
  if (name == "CyclicLR") {
    NNP_RETURN_IF_ERROR(a.check_known({"max_lr", "step_size_up"}));
    if (!a.has("max_lr")) return Error(ErrorCode::INVALID_ARGUMENT, "CyclicLR: max_lr=... is required");
    NNP_GET(max_lr, a.get_double("max_lr", 0.0, 10.0, 0.1));
    NNP_GET(up, a.get_int("step_size_up", 1, 100000000, 2000));
    return std::unique_ptr<LRScheduler>(new CyclicLR(max_lr, up));
  }
  if (name == "LinearLR") {
    NNP_RETURN_IF_ERROR(a.check_known({"start_factor", "end_factor", "total_iters"}));
    NNP_GET(start, a.get_double("start_factor", 1e-8, 1.0, 1.0 / 3.0));
    NNP_GET(end, a.get_double("end_factor", 0.0, 1.0, 1.0));
    NNP_GET(total, a.get_int("total_iters", 1, 100000000, 5));
    return std::unique_ptr<LRScheduler>(new LinearLR(start, end, total));
  }
  if (name == "ReduceLROnPlateau") {
    NNP_RETURN_IF_ERROR(a.check_known({"factor", "patience", "threshold", "cooldown", "min_lr"}));
    NNP_GET(factor, a.get_double("factor", 0.0, 0.999999, 0.1));
    NNP_GET(patience, a.get_int("patience", 0, 1000000, 10));
    NNP_GET(threshold, a.get_double("threshold", 0.0, 1.0, 1e-4));
    NNP_GET(cooldown, a.get_int("cooldown", 0, 1000000, 0));
    NNP_GET(min_lr, a.get_double("min_lr", 0.0, 10.0, 0.0));
    return std::unique_ptr<LRScheduler>(new ReduceLROnPlateau(factor, patience, threshold, cooldown, min_lr));
  }
#undef NNP_GET
  std::string names;
  for (const std::string& n : scheduler_names()) names += (names.empty() ? "" : ", ") + n;
  return Error(ErrorCode::INVALID_ARGUMENT, "unknown schedule '" + name + "' (known: " + names + ")");
}

}  // namespace nnplay::optim
