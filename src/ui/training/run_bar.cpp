// run_bar.cpp — the phone layout's run strip, always above the view menu:
// Train/Pause, Step, Reset and one line of numbers (epoch, training and
// validation loss, accuracy), so a student can start training and watch any
// view without going back to Setup. The full Run panel is in Setup.
#include <cmath>
#include <cstdio>
#include <string>

#include "imgui.h"
#include "ui/context.h"
#include "ui/view.h"
#include "ui/widgets.h"

namespace nnplay::ui {
namespace {

class RunBar : public View {
 public:
  void draw(Ctx& ctx) override {
    run_buttons(ctx, 1.8f);
    const train::SessionStatus s = ctx.session().status();
    std::string line = "epoch " + format_fixed(s.epoch, 2);
    if (s.has_metrics) {
      line += "  ·  loss " + format_fixed(s.loss_train, 3) + " / " + format_fixed(s.loss_val, 3);
      if (std::isfinite(s.acc_train) && std::isfinite(s.acc_val))
        line += "  ·  acc " + format_fixed(s.acc_train * 100.0, 1) + "% / " + format_fixed(s.acc_val * 100.0, 1) + "%";
    }
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
    ImGui::TextWrapped("%s", line.c_str());
    ImGui::PopStyleColor();
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("training / validation; Setup has the full Run panel");
    if (!s.last_error.empty()) {
      ImGui::PushStyleColor(ImGuiCol_Text, kErrorText);
      ImGui::TextWrapped("%s", s.last_error.c_str());
      ImGui::PopStyleColor();
    }
  }

 private:
  static std::string format_fixed(double v, int digits) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.*f", digits, v);
    return buf;
  }
};

}  // namespace

std::unique_ptr<View> make_run_bar() { return std::make_unique<RunBar>(); }

}  // namespace nnplay::ui
