// lr_scheduler.h — learning-rate schedules, torch.optim.lr_scheduler
// semantics, written in the text form "Name(arg=value,...)" (core/args.h).
//
// t = optimizer steps completed so far; lr(t) is the rate of the next step
// (torch: after t calls of scheduler.step()). base = the configured lr.
//   Constant                                   lr = base
//   StepLR(step_size, gamma=0.1)               lr = base·gamma^⌊t/step_size⌋
//   MultiStepLR(milestones=a,b,.., gamma=0.1)  lr = base·gamma^(#milestones ≤ t)
//   ExponentialLR(gamma)                       lr = base·gammaᵗ
//   InverseTimeLR(k=1000)                      lr = base·k/(k + t)   (lecture: α_t = α₀·1000/(1000+t))
//   CosineAnnealingLR(T_max, eta_min=0)       lr = eta_min + (base − eta_min)(1 + cos(π·t/T_max))/2
//   CosineAnnealingWarmRestarts(T_0, T_mult=1, eta_min=0)
//                                              lr = eta_min + (base − eta_min)(1 + cos(π·T_cur/T_i))/2
//   CyclicLR(max_lr, step_size_up=2000)        triangular: base → max_lr → base over 2·step_size_up
//   LinearLR(start_factor=1/3, end_factor=1, total_iters=5)   linear warmup of the factor
//   ReduceLROnPlateau(factor=0.1, patience=10, threshold=1e-4, cooldown=0, min_lr=0)
//                                              mode "min", relative threshold; reads the
//                                              validation loss at every evaluation point
//                                              (lecture: "divide the LR by 2 (or by 5)")
// Closed forms are pure functions of t; ReduceLROnPlateau keeps state.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "core/args.h"
#include "core/status.h"

namespace nnplay::optim {

class LRScheduler {
 public:
  virtual ~LRScheduler() = default;
  virtual const char* type_name() const = 0;
  /// Learning rate for the step after `t` completed steps, from base rate `base`.
  virtual double lr(int64_t t, double base) const = 0;
  /// Validation metric (loss) at an evaluation point; only plateau uses it.
  virtual void observe(double /*metric*/, double /*base*/) {}
  /// Back to the initial state (Reset).
  virtual void reset() {}
};

/// One argument of a schedule: torch's name, its valid range and default
/// (NaN: required), and for the app the typical range, scale and a first value.
struct ScheduleArg {
  enum Type { Int, Float, List };
  const char* name;
  Type type;
  double lo, hi;        // valid range (each value of a list)
  double def;           // torch's default; NaN when required
  double typ_lo, typ_hi;
  bool log;             // values spread over decades
  const char* start;    // the app's first value when the schedule is picked
  const char* help;
};
struct ScheduleInfo {
  const char* name;
  const char* help;
  std::vector<ScheduleArg> args;
  /// Builds the schedule from the argument values in table order (a list argument's values in `list`).
  std::unique_ptr<LRScheduler> (*make)(const std::vector<double>& values, const std::vector<double>& list);
};
/// Every schedule, in menu order; make_scheduler reads its arguments through this table.
const std::vector<ScheduleInfo>& schedule_infos();
const ScheduleInfo* find_schedule(const std::string& name);

/// Parses "StepLR(step_size=100,gamma=0.5)" etc.; "" or "Constant" is constant.
Result<std::unique_ptr<LRScheduler>> make_scheduler(const std::string& text);
/// The names above, for menus and --help.
const std::vector<std::string>& scheduler_names();

}  // namespace nnplay::optim
