// schedule_editor.h — the learning-rate schedule (optim/lr_scheduler.h) as
// widgets: a menu of schedules and the lecture's presets, each argument's
// editor (from the engine's schedule table: names, ranges, first values),
// the text form, and a preview of the rate over the coming steps; and the
// plot of the rate every step actually used (for the curves panel).
#pragma once

#include "ui/context.h"

namespace nnplay::ui {

/// In the training settings: edits the `schedule` setting through ctx.
void schedule_editor(Ctx& ctx);
/// True when the curves panel should show the learning rate: a schedule is
/// set, or the rate was changed by hand during the run.
bool lr_plot_wanted(const train::Session& s);
/// The rate every step used (MetricPoint::lr), over epochs.
void lr_plot(const train::Session& s, float width, float height);

}  // namespace nnplay::ui
