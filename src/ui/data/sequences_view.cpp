// sequences_view.cpp — for the memory and recall tasks: a few validation
// sequences as T × K one-hot grids (recall: and its marker row) with the
// symbol to recall (the label: the first, or the marked one) framed, the true and
// the predicted symbol and how sure the network is (validation_samples.h).
// Predictions refresh at most once a second while the weights change.
#include <algorithm>
#include <cstdio>

#include "imgui.h"
#include "ui/context.h"
#include "ui/data/validation_samples.h"
#include "ui/view.h"
#include "ui/widgets.h"

namespace nnplay::ui {
namespace {

constexpr int kSamples = 8;

class SequencesView : public View {
 public:
  void draw(Ctx& ctx) override {
    const data::Dataset* ds = ctx.dataset();
    if (!ds || ds->sample_shape.rank != 3) return;
    samples_.update(ctx, kSamples, 1000.0);
    if (samples_.indices().empty()) return;
    const int T = ds->sample_shape[1], K = ds->sample_shape[2];
    section("Validation sequences");
    char text[400];
    if (K > ds->num_classes)
      std::snprintf(text, sizeof text,
                    "Each sequence: %d steps (columns) of one of %d symbols (rows); the row * marks one of the first "
                    "10 steps. The label is the MARKED symbol (framed); the others are distractors, so the network "
                    "must remember it to the end. A plain RNN forgets over long sequences; an LSTM's gates keep it.",
                    T, ds->num_classes);
    else
      std::snprintf(text, sizeof text,
                    "Each sequence: %d steps (columns) of one of %d symbols (rows). The label is the FIRST symbol "
                    "(framed); the other %d are distractors, so the network must remember it to the end. A plain "
                    "RNN forgets over long sequences; an LSTM's gates keep it.",
                    T, K, T - 1);
    note(text);
    for (size_t k = 0; k < samples_.indices().size(); ++k) sequence(*ds, k);
    ImGui::TextDisabled("noise = chance that a label was replaced by a random symbol");
  }

 private:
  void sequence(const data::Dataset& ds, size_t k) const {
    const float fs = ImGui::GetFontSize();
    const int T = ds.sample_shape[1], K = ds.sample_shape[2];
    const float avail = ImGui::GetContentRegionAvail().x;
    const float cell = std::clamp((avail - fs * 9.0f - fs * 1.5f) / static_cast<float>(T), 3.0f, fs * 0.9f);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const int32_t idx = samples_.indices()[k];
    const train::Predictions& preds = samples_.predictions();
    const ImVec2 p = ImGui::GetCursorScreenPos();
    for (int s = 0; s < K; ++s)  // symbol letters on the left (the recall task's marker row: *)
      dl->AddText(ImVec2(p.x, p.y + static_cast<float>(s) * cell + (cell - fs) * 0.5f),
                  ImGui::GetColorU32(ImGuiCol_TextDisabled), s < ds.num_classes ? ds.class_name(s) : "*");
    const float gx = p.x + fs * 1.2f;
    int key = 0;  // the step holding the label: the first, or the marked one (recall's last channel)
    for (int t = 0; K > ds.num_classes && t < T; ++t)
      if (ds.feature(idx, static_cast<int64_t>(t) * K + K - 1) > 0.5f) key = t;
    for (int t = 0; t < T; ++t)
      for (int s = 0; s < K; ++s) {
        const float f = ds.feature(idx, static_cast<int64_t>(t) * K + s);
        const ImVec2 a(gx + static_cast<float>(t) * cell, p.y + static_cast<float>(s) * cell);
        dl->AddRectFilled(a, ImVec2(a.x + cell - 1, a.y + cell - 1),
                          f > 0.5f ? (t == key ? kOrange : IM_COL32(60, 60, 60, 255)) : IM_COL32(238, 238, 238, 255));
      }
    const float kx = gx + static_cast<float>(key) * cell;
    dl->AddRect(ImVec2(kx - 1.5f, p.y - 1.5f), ImVec2(kx + cell + 0.5f, p.y + static_cast<float>(K) * cell + 0.5f), kOrange,
                0.0f, 0, 2.0f);
    const int truth = ds.y[static_cast<size_t>(idx)];
    const int pred = k < preds.classes.size() ? preds.classes[k] : -1;
    char line[96];
    if (pred >= 0)
      std::snprintf(line, sizeof line, "true %s · predicted %s (%.0f%%)", ds.class_name(truth), ds.class_name(pred),
                    100.0 * static_cast<double>(preds.confidence[k]));
    else std::snprintf(line, sizeof line, "true %s", ds.class_name(truth));
    dl->AddText(ImVec2(gx + static_cast<float>(T) * cell + fs * 0.6f, p.y + static_cast<float>(K) * cell * 0.5f - fs * 0.5f),
                pred < 0 ? ImGui::GetColorU32(ImGuiCol_Text) : pred == truth ? kRight : kWrong, line);
    ImGui::Dummy(ImVec2(avail, static_cast<float>(K) * cell + fs * 0.6f));
  }

  ValidationSamples samples_;
};

}  // namespace

std::unique_ptr<View> make_sequences_view() { return std::make_unique<SequencesView>(); }

}  // namespace nnplay::ui
