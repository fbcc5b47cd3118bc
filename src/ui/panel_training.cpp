// panel_training.cpp — run control (Train / Pause / Step / Reset, each an
// action Command) and the live numbers: epoch, step, throughput, loss and
// accuracy on the training and validation splits, and the test split on
// request (image sets that have one).
#include <cstdio>

#include "imgui.h"
#include "ui/app.h"
#include "ui/widgets.h"

namespace nnplay::ui {

void App::panel_training() {
  const train::SessionStatus s = session_.status();
  const float fs = ImGui::GetFontSize();
  section("Run");

  const ImVec2 big(fs * 5.5f, fs * 2.0f);
  ImGui::BeginDisabled(s.loading);
  if (!s.running) {
    ImGui::PushStyleColor(ImGuiCol_Button, ImVec4(0.13f, 0.55f, 0.13f, 1.0f));
    ImGui::PushStyleColor(ImGuiCol_ButtonHovered, ImVec4(0.18f, 0.65f, 0.18f, 1.0f));
    ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(1, 1, 1, 1));
    if (ImGui::Button("▶ Train", big)) act(train::Action::Train);
    ImGui::PopStyleColor(3);
  } else {
    if (ImGui::Button("▮▮ Pause", big)) act(train::Action::Pause);
  }
  ImGui::SameLine();
  if (ImGui::Button("Step", ImVec2(fs * 4.0f, big.y))) act(train::Action::Step, 1);
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("one mini-batch step, then pause");
  ImGui::SameLine();
  if (ImGui::Button("Reset", ImVec2(fs * 4.0f, big.y))) act(train::Action::Reset);
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("new initial weights from the seed; clears progress");
  ImGui::EndDisabled();
  ImGui::SameLine();
  ImGui::AlignTextToFramePadding();
  if (s.loading) ImGui::TextDisabled("loading…");
  else if (s.running) ImGui::TextColored(ImVec4(0.1f, 0.5f, 0.1f, 1), "training");
  else if (!s.last_error.empty()) ImGui::TextColored(kErrorText, "stopped");
  else ImGui::TextDisabled("paused");

  if (ImGui::BeginTable("metrics", 3, ImGuiTableFlags_SizingStretchSame | ImGuiTableFlags_BordersInnerH)) {
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    ImGui::TextDisabled("Epoch");
    ImGui::Text("%.2f", s.epoch);
    ImGui::TableNextColumn();
    ImGui::TextDisabled("Step");
    ImGui::TextUnformatted(format_count(s.step).c_str());
    ImGui::TableNextColumn();
    ImGui::TextDisabled("Samples/s");
    ImGui::TextUnformatted(s.samples_per_sec > 0 ? format_count(static_cast<int64_t>(s.samples_per_sec)).c_str()
                                                 : "–");
    if (ImGui::IsItemHovered())
      ImGui::SetTooltip("training samples per second of compute time, on %d thread%s%s", s.threads,
                        s.threads == 1 ? "" : "s",
                        s.threads == 1 ? "" : " (each convolution's batch is split between them)");
    ImGui::EndTable();
  }
  if (ImGui::BeginTable("losses", 3, ImGuiTableFlags_SizingStretchSame | ImGuiTableFlags_RowBg)) {
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
      if (s.has_metrics) ImGui::Text("%.1f%%", acc * 100.0f);
      else ImGui::TextDisabled("–");
    };
    row("Training", kTrainCurve, s.loss_train, s.acc_train);
    row("Validation", kValCurve, s.loss_val, s.acc_val);
    ImGui::EndTable();
  }

  // Test split (Fashion-MNIST): evaluated on request, cached for this step.
  if (session_.test_set()) {
    ImGui::BeginDisabled(s.loading || s.running);
    if (ImGui::Button("Evaluate test set")) {
      auto r = session_.evaluate_test();
      char buf[128];
      if (r.ok())
        std::snprintf(buf, sizeof buf, "test: loss %.4f, accuracy %.2f%% (%d images)", r.value().loss,
                      100.0 * static_cast<double>(r.value().correct) / session_.test_set()->size(), session_.test_set()->size());
      else std::snprintf(buf, sizeof buf, "%s", r.status().to_string().c_str());
      test_result_ = buf;
      test_step_ = s.step;
      test_arch_ = s.architecture + "|" + std::to_string(s.events.size());
    }
    ImGui::EndDisabled();
    if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled))
      ImGui::SetTooltip("loss and accuracy on the held-out test images (pause first)");
    // Shown while it describes these weights: same step, same network, no edit since.
    if (test_step_ == s.step && test_arch_ == s.architecture + "|" + std::to_string(s.events.size()) &&
        !test_result_.empty()) ImGui::TextWrapped("%s", test_result_.c_str());
  }
}

}  // namespace nnplay::ui
