#include "optim/lr_scheduler.h"

#include <cmath>
#include <limits>

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

class CosineAnnealingLR final : public LRScheduler {
 public:
  CosineAnnealingLR(int t_max, double eta_min) : t_max_(t_max), eta_min_(eta_min) {}
  const char* type_name() const override { return "CosineAnnealingLR"; }
  double lr(int64_t t, double base) const override {
    // torch's closed form: η_min + (η₀ − η_min)(1 + cos(π t / T_max)) / 2; past
    // T_max the cosine goes on (back up to η₀ at 2·T_max), as torch's does.
    return eta_min_ + (base - eta_min_) * (1 + std::cos(kPi * static_cast<double>(t) / t_max_)) / 2;
  }

 private:
  int t_max_;
  double eta_min_;
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

namespace {

constexpr double kRequired = std::numeric_limits<double>::quiet_NaN();
using Values = std::vector<double>;  // the arguments in table order; a list argument's values in `list`

template <class T, class... A>
std::unique_ptr<LRScheduler> make(A... a) {
  return std::unique_ptr<LRScheduler>(new T(a...));
}

// The schedules and their arguments: torch's names, defaults (kRequired: no
// default), valid ranges, and for the app the typical range and a first value.
const std::vector<ScheduleInfo> kSchedules = {
    {"Constant", "the same rate every step", {}, [](const Values&, const Values&) { return make<Constant>(); }},
    {"StepLR",
     "multiply the rate by gamma every step_size steps",
     {{"step_size", ScheduleArg::Int, 1, 1e8, kRequired, 1, 1e5, true, "500", "steps between drops"},
      {"gamma", ScheduleArg::Float, 0, 1, 0.1, 0.01, 1, false, "0.5", "factor at each drop"}},
     [](const Values& v, const Values&) { return make<StepLR>(static_cast<int>(v[0]), v[1]); }},
    {"MultiStepLR",
     "multiply the rate by gamma at each milestone step",
     {{"milestones", ScheduleArg::List, 0, 1e9, kRequired, 0, 0, false, "500,1000", "steps, comma separated"},
      {"gamma", ScheduleArg::Float, 0, 1, 0.1, 0.01, 1, false, "0.5", "factor at each milestone"}},
     [](const Values& v, const Values& list) { return make<MultiStepLR>(list, v[1]); }},
    {"ExponentialLR",
     "multiply the rate by gamma every step",
     {{"gamma", ScheduleArg::Float, 0, 1, kRequired, 0.9, 1, false, "0.999", "factor per step"}},
     [](const Values& v, const Values&) { return make<ExponentialLR>(v[0]); }},
    {"InverseTimeLR",
     "the lecture's 1/t decay: α_t = α₀·k/(k + t)",
     {{"k", ScheduleArg::Float, 1e-9, 1e12, 1000, 1, 1e6, true, "1000", "the step at which the rate has halved"}},
     [](const Values& v, const Values&) { return make<InverseTimeLR>(v[0]); }},
    {"CosineAnnealingLR",
     "cosine from the rate down to eta_min over T_max steps (Loshchilov & Hutter 2017, without restarts)",
     {{"T_max", ScheduleArg::Int, 1, 1e8, kRequired, 1, 1e5, true, "1000", "steps from the rate down to eta_min"},
      {"eta_min", ScheduleArg::Float, 0, 10, 0, 0, 1, false, "0", "lowest rate"}},
     [](const Values& v, const Values&) { return make<CosineAnnealingLR>(static_cast<int>(v[0]), v[1]); }},
    {"CosineAnnealingWarmRestarts",
     "cosine from the rate down to eta_min over T_0 steps, then restart (SGDR)",
     {{"T_0", ScheduleArg::Int, 1, 1e8, kRequired, 1, 1e5, true, "500", "steps of the first cycle"},
      {"T_mult", ScheduleArg::Int, 1, 100, 1, 1, 4, false, "1", "each cycle this many times longer"},
      {"eta_min", ScheduleArg::Float, 0, 10, 0, 0, 1, false, "0", "lowest rate"}},
     [](const Values& v, const Values&) {
       return make<CosineAnnealingWarmRestarts>(static_cast<int>(v[0]), static_cast<int>(v[1]), v[2]);
     }},
    {"CyclicLR",
     "triangular cycles between the rate and max_lr",
     {{"max_lr", ScheduleArg::Float, 0, 10, kRequired, 1e-4, 10, true, "0.3", "top of the cycle"},
      {"step_size_up", ScheduleArg::Int, 1, 1e8, 2000, 1, 1e5, true, "250", "steps from bottom to top"}},
     [](const Values& v, const Values&) { return make<CyclicLR>(v[0], static_cast<int>(v[1])); }},
    {"LinearLR",
     "linear warm-up: the factor goes from start_factor to end_factor over total_iters steps",
     {{"start_factor", ScheduleArg::Float, 1e-8, 1, 1.0 / 3.0, 1e-3, 1, true, "0.1", "factor at step 0"},
      {"end_factor", ScheduleArg::Float, 0, 1, 1, 0, 1, false, "1", "factor from total_iters on"},
      {"total_iters", ScheduleArg::Int, 1, 1e8, 5, 1, 1e5, true, "500", "steps of the warm-up"}},
     [](const Values& v, const Values&) { return make<LinearLR>(v[0], v[1], static_cast<int>(v[2])); }},
    {"ReduceLROnPlateau",
     "the lecture's advice: when the validation loss stops improving, divide the rate by 2 (factor 0.5) or 5 "
     "(0.2). Checked at every evaluation point (10 per epoch).",
     {{"factor", ScheduleArg::Float, 0, 0.999999, 0.1, 0.01, 0.99, false, "0.5", "multiply the rate by this at a plateau"},
      {"patience", ScheduleArg::Int, 0, 1e6, 10, 0, 1000, false, "5", "evaluation points without improvement to wait"},
      {"threshold", ScheduleArg::Float, 0, 1, 1e-4, 0, 0.1, false, "0.0001", "relative improvement that counts"},
      {"cooldown", ScheduleArg::Int, 0, 1e6, 0, 0, 1000, false, "0", "evaluation points to wait after a drop"},
      {"min_lr", ScheduleArg::Float, 0, 10, 0, 0, 1, false, "0", "never below this rate"}},
     [](const Values& v, const Values&) {
       return make<ReduceLROnPlateau>(v[0], static_cast<int>(v[1]), v[2], static_cast<int>(v[3]), v[4]);
     }},
};

// One argument's value through its table row (range, default or required).
Status read_arg(const Args& a, const ScheduleInfo& info, const ScheduleArg& arg, double* value, Values* list) {
  if (!a.has(arg.name) && std::isnan(arg.def))
    return Error(ErrorCode::INVALID_ARGUMENT, std::string(info.name) + ": " + arg.name + "=... is required");
  switch (arg.type) {
    case ScheduleArg::Int: {
      // A required argument's default is NaN: never cast it (undefined behaviour; found by fuzz/schedule).
      const auto as_int = [](double v) { return std::isfinite(v) ? static_cast<int>(std::clamp(v, -2e9, 2e9)) : 0; };
      auto r = a.get_int(arg.name, as_int(arg.lo), as_int(arg.hi), as_int(arg.def));
      if (!r.ok()) return r.status();
      *value = r.value();
      return Status::Ok();
    }
    case ScheduleArg::Float: {
      auto r = a.get_double(arg.name, arg.lo, arg.hi, arg.def);
      if (!r.ok()) return r.status();
      *value = r.value();
      return Status::Ok();
    }
    case ScheduleArg::List: {
      auto r = a.get_list(arg.name, arg.lo, arg.hi, {});
      if (!r.ok()) return r.status();
      if (r.value().empty())
        return Error(ErrorCode::INVALID_ARGUMENT, std::string(info.name) + ": " + arg.name + "=... is required");
      *list = r.take();
      return Status::Ok();
    }
  }
  return Status::Ok();
}

}  // namespace

const std::vector<ScheduleInfo>& schedule_infos() { return kSchedules; }

const ScheduleInfo* find_schedule(const std::string& name) {
  for (const ScheduleInfo& s : kSchedules)
    if (name == s.name) return &s;
  return nullptr;
}

const std::vector<std::string>& scheduler_names() {
  static const std::vector<std::string> kNames = [] {
    std::vector<std::string> n;
    for (const ScheduleInfo& s : kSchedules) n.push_back(s.name);
    return n;
  }();
  return kNames;
}

Result<std::unique_ptr<LRScheduler>> make_scheduler(const std::string& text) {
  if (text.empty()) return std::unique_ptr<LRScheduler>(new Constant());
  auto call = parse_call(text);
  if (!call.ok()) return Error(ErrorCode::PARSE_ERROR, "schedule: " + call.status().message());
  const std::string& name = call.value().first;
  const Args& a = call.value().second;
  const ScheduleInfo* info = find_schedule(name);
  if (!info) {
    std::string names;
    for (const std::string& n : scheduler_names()) names += (names.empty() ? "" : ", ") + n;
    return Error(ErrorCode::INVALID_ARGUMENT, "unknown schedule '" + name + "' (known: " + names + ")");
  }
  for (const auto& [key, value] : a.values()) {
    bool known = false;
    for (const ScheduleArg& arg : info->args) known = known || key == arg.name;
    if (!known) {
      std::string expected;
      for (const ScheduleArg& arg : info->args) expected += (expected.empty() ? "" : ", ") + std::string(arg.name);
      return Error(ErrorCode::INVALID_ARGUMENT, name + ": unknown argument '" + key + "'" +
                                                    (expected.empty() ? " (it takes none)" : " (expected " + expected + ")"));
    }
  }
  Values values(info->args.size(), 0.0), list;
  for (size_t i = 0; i < info->args.size(); ++i) NNP_RETURN_IF_ERROR(read_arg(a, *info, info->args[i], &values[i], &list));
  return info->make(values, list);
}

}  // namespace nnplay::optim
