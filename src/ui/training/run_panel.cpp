// run_panel.cpp — run control (Train / Pause / Step / Reset, each an action
// command) and the live numbers: epoch, step, throughput, loss and accuracy
// on the training and validation splits, and the test split on request
// (image sets that have one).
#include <cmath>
#include <cstdio>
#include <iterator>

#include "imgui.h"
#include "ui/context.h"
#include "ui/view.h"
#include "ui/widgets.h"

namespace nnplay::ui {
namespace {

class RunPanel : public View {
 public:
  void draw(Ctx& ctx) override {
    const train::SessionStatus s = ctx.session().status();
    section("Run");
    if (ctx.layout() != Layout::Phone) run_buttons(ctx);  // a phone's run strip has them, always in view
    speed(ctx);
    counters(s);
    losses(s);
    if (!s.diagnosis.empty()) {
      ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(0.6f, 0.35f, 0.0f, 1.0f));
      ImGui::TextWrapped("%s", s.diagnosis.c_str());
      ImGui::PopStyleColor();
    }
    if (!s.reading.empty()) ImGui::TextWrapped("Reading the curves: %s", s.reading.c_str());
    if (ctx.session().test_set()) test_set(ctx, s);
  }

 private:
  // Steps per second: stops from one a second to as fast as possible (0).
  static void speed(Ctx& ctx) {
    static constexpr int kStops[] = {1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 0};
    constexpr int n = static_cast<int>(std::size(kStops));
    const int now = ctx.config().speed;
    int at = n - 1;
    for (int i = 0; i + 1 < n && now > 0; ++i)
      if (kStops[i] <= now) at = i;
    char label[32];
    if (now == 0) std::snprintf(label, sizeof label, "as fast as possible");
    else std::snprintf(label, sizeof label, "%d steps/s", now);
    ImGui::SetNextItemWidth(-label_space("Speed"));
    if (ImGui::SliderInt("Speed", &at, 0, n - 1, label, ImGuiSliderFlags_NoInput))
      ctx.set("speed", std::to_string(kStops[at]));
    help_marker(setting_tooltip(*train::find_field("speed")).c_str());
  }

  static void counters(const train::SessionStatus& s) {
    if (!ImGui::BeginTable("metrics", 3, ImGuiTableFlags_SizingStretchSame | ImGuiTableFlags_BordersInnerH)) return;
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    ImGui::TextDisabled("Epoch");
    ImGui::Text("%.2f", s.epoch);
    ImGui::TableNextColumn();
    ImGui::TextDisabled("Step");
    ImGui::TextUnformatted(format_count(s.step).c_str());
    ImGui::TableNextColumn();
    ImGui::TextDisabled("Samples/s");
    ImGui::TextUnformatted(s.samples_per_sec > 0 ? format_count(static_cast<int64_t>(s.samples_per_sec)).c_str() : "–");
    if (ImGui::IsItemHovered())
      ImGui::SetTooltip("training samples per second of compute time, on %d thread%s%s", s.threads,
                        s.threads == 1 ? "" : "s",
                        s.threads == 1 ? "" : " (convolutions and large Linear layers split their work between them)");
    ImGui::EndTable();
  }

  static void losses(const train::SessionStatus& s) {
    if (!ImGui::BeginTable("losses", 3, ImGuiTableFlags_SizingStretchSame | ImGuiTableFlags_RowBg)) return;
    ImGui::TableSetupColumn("");
    ImGui::TableSetupColumn("Loss");
    ImGui::TableSetupColumn("Accuracy");
    ImGui::TableHeadersRow();
    auto row = [&](const char* name, ImU32 color, float loss, float acc) {
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(color), "%s", name);
      ImGui::TableNextColumn();
      if (s.has_metrics) ImGui::Text("%.4g", loss);
      else ImGui::TextDisabled("–");
      ImGui::TableNextColumn();
      if (s.has_metrics && std::isfinite(acc)) ImGui::Text("%.1f%%", acc * 100.0f);
      else ImGui::TextDisabled("–");  // no point yet, or a regression set (no accuracy)
    };
    row("Training", kTrainCurve, s.loss_train, s.acc_train);
    row("Validation", kValCurve, s.loss_val, s.acc_val);
    ImGui::EndTable();
  }

  // The test split (Fashion-MNIST): evaluated on request, shown while it
  // describes these weights.
  void test_set(Ctx& ctx, const train::SessionStatus& s) {
    ImGui::BeginDisabled(s.loading || s.running);
    if (ImGui::Button("Evaluate test set")) {
      auto r = ctx.session().evaluate_test();
      char buf[160];
      if (r.ok())
        std::snprintf(buf, sizeof buf, "test: loss %.4f, accuracy %.2f%% (%lld images)", r.value().loss,
                      100.0 * static_cast<double>(r.value().correct) / static_cast<double>(r.value().count),
                      static_cast<long long>(r.value().count));
      else std::snprintf(buf, sizeof buf, "%s", r.status().to_string().c_str());
      result_ = buf;
      version_ = ctx.session().version();
    }
    ImGui::EndDisabled();
    if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled))
      ImGui::SetTooltip("loss and accuracy on the held-out test images (pause first)");
    if (!result_.empty() && version_ == ctx.session().version()) ImGui::TextWrapped("%s", result_.c_str());
  }

  std::string result_;
  train::SessionVersion version_;  // the weights the result describes
};

}  // namespace

std::unique_ptr<View> make_run_panel() { return std::make_unique<RunPanel>(); }

}  // namespace nnplay::ui
