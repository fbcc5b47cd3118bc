// weights_view.cpp — for a table of features (a CSV with any number of
// columns): how much the network's first layer weighs each feature, the RMS
// of its weight column (train::feature_weights), one bar per feature,
// largest first. The features are standardized, so the bars compare; with
// L1 or weight decay the columns the target does not depend on shrink.
#include <algorithm>
#include <cstdio>
#include <string>
#include <vector>

#include "imgui.h"
#include "train/inspect.h"
#include "ui/context.h"
#include "ui/refresh.h"
#include "ui/view.h"
#include "ui/widgets.h"

namespace nnplay::ui {
namespace {

class WeightsView : public View {
 public:
  void draw(Ctx& ctx) override {
    section("Feature weights");
    const train::SessionVersion v = ctx.session().version();
    const double now = ctx.now_ms();
    if (refresh_.due(v, "", now, 250.0)) {
      const Status st = train::feature_weights(ctx.session(), &weights_);
      error_ = st.ok() ? "" : st.message();
      refresh_.drawn(v, "", now, ctx.now_ms() - now);
    }
    if (!error_.empty()) {
      ImGui::TextWrapped("%s", error_.c_str());
      return;
    }
    note("The first layer's weights per input feature (the RMS of its weight column). The features are standardized, "
         "so the bars compare: a feature the network ignores stays small. L1 or weight decay (Training) pushes the "
         "unused ones towards 0.");
    const data::CsvData* csv = ctx.session().csv();
    std::vector<int> order(weights_.size());
    for (size_t i = 0; i < order.size(); ++i) order[i] = static_cast<int>(i);
    std::stable_sort(order.begin(), order.end(),
                     [&](int a, int b) { return weights_[static_cast<size_t>(a)] > weights_[static_cast<size_t>(b)]; });
    const float top = weights_.empty() ? 1.0f : std::max(1e-12f, weights_[static_cast<size_t>(order[0])]);
    const float fs = ImGui::GetFontSize();
    float name_w = fs * 4.0f;
    auto name_of = [&](int j) {
      return csv && j < static_cast<int>(csv->feature_names.size()) ? csv->feature_names[static_cast<size_t>(j)]
                                                                     : "x" + std::to_string(j + 1);
    };
    for (int j : order) name_w = std::max(name_w, std::min(fs * 12.0f, ImGui::CalcTextSize(name_of(j).c_str()).x));
    name_w += fs;
    const float bar_w = std::max(fs * 6.0f, ImGui::GetContentRegionAvail().x - name_w - fs);
    ImGui::BeginChild("weights", ImVec2(0, 0), false);
    for (int j : order) {
      const float w = weights_[static_cast<size_t>(j)];
      ImGui::AlignTextToFramePadding();
      ImGui::TextUnformatted(name_of(j).c_str());
      ImGui::SameLine(name_w);
      char text[32];
      std::snprintf(text, sizeof text, "%.3g", w);
      ImGui::ProgressBar(w / top, ImVec2(bar_w, fs * 1.1f), text);
    }
    ImGui::EndChild();
  }

 private:
  Refresh refresh_;
  std::vector<float> weights_;
  std::string error_;
};

}  // namespace

std::unique_ptr<View> make_weights_view() { return std::make_unique<WeightsView>(); }

}  // namespace nnplay::ui
