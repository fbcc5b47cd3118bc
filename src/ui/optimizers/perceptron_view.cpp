// perceptron_view.cpp — Rosenblatt's perceptron (train/perceptron.h, the
// lecture's "Perceptron training algorithm") on the current 2D dataset:
// epoch by epoch, the line w·x + b = 0 over the training points, the two
// half-planes it predicts, and the mistakes of every epoch. It reaches zero
// mistakes on separable data (gauss) and never on XOR or the circle.
// The dataset is the app's (the same command as the Dataset panel); the
// perceptron trains on its training split, from zero weights, and starts
// over whenever the session's data (its network version) changes.
#include <algorithm>
#include <cmath>
#include <cstdio>

#include "data/catalog.h"
#include "imgui.h"
#include "train/perceptron.h"
#include "ui/context.h"
#include "ui/plot.h"
#include "ui/view.h"
#include "ui/widgets.h"

namespace nnplay::ui {
namespace {

constexpr float kExtent = 6.0f;

// The part of the line w0·x + w1·y + b = 0 inside [-e, e]² (false if it misses).
bool clip_line(float w0, float w1, float b, float e, ImVec2* p, ImVec2* q) {
  std::vector<ImVec2> hits;
  if (std::fabs(w1) > 1e-12f)
    for (float x : {-e, e}) {
      const float y = -(w0 * x + b) / w1;
      if (y >= -e && y <= e) hits.emplace_back(x, y);
    }
  if (std::fabs(w0) > 1e-12f)
    for (float y : {-e, e}) {
      const float x = -(w1 * y + b) / w0;
      if (x >= -e && x <= e) hits.emplace_back(x, y);
    }
  if (hits.size() < 2) return false;
  *p = hits.front();
  *q = hits.back();
  return true;
}

using Square = PlaneSquare;

class PerceptronView : public View {
 public:
  void draw(Ctx& ctx) override {
    section("Perceptron");
    note("y' = sgn(w·x + b); on a mistake w ← w + α(y − y')x and b ← b + α(y − y'), with α = α₀·1000/(1000 + t) "
         "at epoch t (the lecture's slide). One epoch visits every training point once, in a new random order.");
    const bool points = data_choice(ctx);  // may switch the dataset: read it after
    const data::Dataset* ds = ctx.dataset();
    if (!points || !ds) {
      ImGui::TextWrapped("The perceptron view needs a 2D two-class dataset: pick one above.");
      return;
    }
    reset_if_stale(ctx);
    const std::vector<int32_t>& train_idx = ctx.session().trainer().train_indices();
    controls(*ds, train_idx);
    animate(*ds, train_idx);
    if (!error_.empty()) ImGui::TextColored(kErrorText, "%s", error_.c_str());
    const ImVec2 cur = ImGui::GetCursorScreenPos();
    const Square sq = layout();
    const int wrong = picture(*ds, train_idx, sq);
    side(sq, cur, wrong, train_idx.size());
  }

 private:
  // The app's dataset (the same command as the Dataset panel); true when it is a 2D two-class set.
  static bool data_choice(Ctx& ctx) {
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted("Data");
    ImGui::SameLine();
    for (const char* k : {"gauss", "xor", "circle", "moons", "spiral"}) {
      if (ImGui::RadioButton(k, ctx.config().dataset == k)) ctx.set("dataset", k);
      ImGui::SameLine();
    }
    ImGui::NewLine();
    const data::Dataset* ds = ctx.dataset();
    return ds && ctx.data_info().family == data::Family::Points && ds->per_sample() == 2 && ds->num_classes == 2;
  }

  // Zero weights again for new data or a new split (the session's network version), seed or α₀.
  void reset_if_stale(Ctx& ctx) {
    const std::string key = std::to_string(ctx.session().version().network) + "|" + std::to_string(ctx.config().seed) +
                            "|" + train::number_text(static_cast<double>(alpha_));
    if (key == key_) return;
    const Status st = perceptron_.reset(2, alpha_, ctx.config().seed);
    error_ = st.ok() ? "" : st.to_string();
    key_ = key;
    due_ = 0;
  }

  void one_epoch(const data::Dataset& ds, const std::vector<int32_t>& train_idx) {
    auto r = perceptron_.fit_epoch(ds, train_idx);
    if (!r.ok()) {
      error_ = r.status().to_string();
      running_ = false;
    }
  }

  void controls(const data::Dataset& ds, const std::vector<int32_t>& train_idx) {
    const float fs = ImGui::GetFontSize();
    if (ImGui::Button("Epoch")) one_epoch(ds, train_idx);
    ImGui::SameLine();
    if (!running_) {
      if (ImGui::Button("▶ Run")) {
        running_ = true;
        due_ = 0;
      }
    } else if (ImGui::Button("▮▮ Pause")) {
      running_ = false;
    }
    ImGui::SameLine();
    if (ImGui::Button("Reset")) key_.clear();  // zero weights on the next frame
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("back to w = 0, b = 0, epoch 0");
    const ImGuiSliderFlags flags = ImGuiSliderFlags_Logarithmic | ImGuiSliderFlags_NoInput;
    ImGui::SameLine();
    ImGui::SetNextItemWidth(fs * 6.5f);
    ImGui::SliderFloat("##alpha", &alpha_, 0.001f, 10.0f, "α₀ %.3g", flags);
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("initial rate α₀ (changing it resets the perceptron)");
    ImGui::SameLine();
    ImGui::SetNextItemWidth(fs * 7.0f);
    ImGui::SliderFloat("##speed", &speed_, 0.5f, 100.0f, "%.1f epochs/s", flags);
    ImGui::SameLine();
    ImGui::SetNextItemWidth(fs * 6.0f);
    ImGui::SliderInt("##max", &max_epochs_, 10, 1000, "stop at %d", flags);
  }

  // Epochs at the chosen speed until converged or the limit.
  void animate(const data::Dataset& ds, const std::vector<int32_t>& train_idx) {
    if (!running_) return;
    due_ += static_cast<double>(speed_ * ImGui::GetIO().DeltaTime);
    while (due_ >= 1.0 && running_) {
      due_ -= 1.0;
      one_epoch(ds, train_idx);
      const std::vector<int>& m = perceptron_.mistakes_per_epoch();
      if ((!m.empty() && m.back() == 0) || perceptron_.epoch() >= max_epochs_) running_ = false;
    }
  }

  static Square layout() {
    const float fs = ImGui::GetFontSize();
    const ImVec2 avail = ImGui::GetContentRegionAvail(), cur = ImGui::GetCursorScreenPos();
    const float label_w = ImGui::CalcTextSize("-6").x + fs * 0.4f;
    const float side = std::max(fs * 10.0f, std::min(avail.x * 0.55f - label_w, avail.y - fs * 2.0f));
    const ImVec2 a(cur.x + label_w, cur.y + fs * 0.3f);
    return Square{a, ImVec2(a.x + side, a.y + side), side, kExtent};
  }

  // Half-planes, the line, the training points (a mistake has a red ring) and
  // the ticks; returns how many points are wrong now.
  int picture(const data::Dataset& ds, const std::vector<int32_t>& train_idx, const Square& sq) const {
    ImGui::SetCursorScreenPos(sq.a);
    ImGui::InvisibleButton("##perc", ImVec2(sq.side, sq.side));
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->PushClipRect(sq.a, sq.b, true);
    half_planes(dl, sq);
    ImVec2 p, q;
    if (clip_line(w0(), w1(), perceptron_.bias(), kExtent, &p, &q))
      dl->AddLine(sq.to_screen(p.x, p.y), sq.to_screen(q.x, q.y), IM_COL32(30, 30, 30, 255), 2.5f);
    int wrong = 0;
    for (int32_t i : train_idx) {
      const float x2[2] = {ds.feature(i, 0), ds.feature(i, 1)};
      const int y = ds.y[static_cast<size_t>(i)];
      const ImVec2 s = sq.to_screen(x2[0], x2[1]);
      dl->AddCircleFilled(s, 3.5f, y == 1 ? kBlue : kOrange);
      if (perceptron_.epoch() > 0 && perceptron_.predict(x2) != y) {
        dl->AddCircle(s, 5.5f, IM_COL32(200, 0, 0, 255), 0, 1.5f);
        ++wrong;
      }
    }
    dl->PopClipRect();
    dl->AddRect(sq.a, sq.b, IM_COL32(0, 0, 0, 90));
    sq.ticks(dl, 3);
    return wrong;
  }

  // The predicted class of each cell (sgn(0) counts as −1, orange).
  void half_planes(ImDrawList* dl, const Square& sq) const {
    const ImU32 light_orange = IM_COL32(252, 226, 196, 255), light_blue = IM_COL32(200, 224, 240, 255);
    constexpr int kCells = 48;
    const float cell = sq.side / static_cast<float>(kCells);
    for (int r = 0; r < kCells; ++r)
      for (int c = 0; c < kCells; ++c) {
        const float x = -kExtent + (static_cast<float>(c) + 0.5f) / kCells * 2 * kExtent;
        const float y = kExtent - (static_cast<float>(r) + 0.5f) / kCells * 2 * kExtent;
        const bool blue = w0() * x + w1() * y + perceptron_.bias() > 0;
        const ImVec2 p0(sq.a.x + static_cast<float>(c) * cell, sq.a.y + static_cast<float>(r) * cell);
        dl->AddRectFilled(p0, ImVec2(p0.x + cell + 0.5f, p0.y + cell + 0.5f), blue ? light_blue : light_orange);
      }
  }

  // Right: numbers, the verdict and the mistakes per epoch.
  void side(const Square& sq, ImVec2 cur, int wrong, size_t points) const {
    const float fs = ImGui::GetFontSize();
    const std::vector<int>& mistakes = perceptron_.mistakes_per_epoch();
    ImGui::SetCursorScreenPos(ImVec2(sq.b.x + fs, cur.y));
    ImGui::BeginChild("perc_side", ImVec2(0, sq.side + fs * 1.5f), false);
    ImGui::Text("Epoch %d · α = %.4g", perceptron_.epoch(), static_cast<double>(perceptron_.alpha()));
    ImGui::Text("w = (%.3f, %.3f), b = %.3f", static_cast<double>(w0()), static_cast<double>(w1()),
                static_cast<double>(perceptron_.bias()));
    if (perceptron_.epoch() > 0 && !mistakes.empty())
      ImGui::Text("Mistakes last epoch: %d · now wrong: %d of %zu", mistakes.back(), wrong, points);
    ImGui::PushTextWrapPos(ImGui::GetContentRegionMax().x);
    if (!mistakes.empty() && mistakes.back() == 0)
      ImGui::TextColored(ImVec4(0.1f, 0.5f, 0.1f, 1),
                         "Converged: a whole epoch without a mistake. The data is linearly separable, and on such "
                         "data the rule always gets there (Novikoff 1962).");
    else if (!mistakes.empty() && perceptron_.epoch() >= max_epochs_)
      ImGui::TextColored(kErrorText,
                         "Still %d mistakes after %d epochs: no line separates these classes (XOR, the circle), so "
                         "the rule never settles. A hidden layer is needed: train a network on the same data.",
                         mistakes.back(), perceptron_.epoch());
    ImGui::PopTextWrapPos();
    mistakes_plot(mistakes);
    ImGui::EndChild();
  }

  void mistakes_plot(const std::vector<int>& mistakes) const {
    PlotSeries ms{"mistakes", IM_COL32(200, 40, 40, 255), {}, 2.0f};
    float m_max = 1.0f;
    for (size_t e = 0; e < mistakes.size(); ++e) {
      ms.points.emplace_back(static_cast<float>(e + 1), static_cast<float>(mistakes[e]));
      m_max = std::max(m_max, static_cast<float>(mistakes[e]));
    }
    PlotAxes ax;
    ax.x_label = "epoch";
    ax.y_label = "mistakes per epoch";
    ax.x_min = 0;
    ax.x_max = static_cast<float>(std::max(10, perceptron_.epoch()));
    ax.y_max = m_max * 1.08f;
    const float fs = ImGui::GetFontSize(), w = ImGui::GetContentRegionAvail().x;
    line_plot("perc_mistakes", ax, std::span<const PlotSeries>(&ms, 1),
              ImVec2(w, std::max(fs * 9.0f, ImGui::GetContentRegionAvail().y)));
  }

  float w0() const { return perceptron_.weight().empty() ? 0.0f : perceptron_.weight()[0]; }
  float w1() const { return perceptron_.weight().size() < 2 ? 0.0f : perceptron_.weight()[1]; }

  train::Perceptron perceptron_;
  std::string key_;  // what the perceptron was reset for (network version, seed, α₀)
  std::string error_;
  float alpha_ = 1.0f;
  bool running_ = false;
  float speed_ = 5.0f;  // epochs per second
  double due_ = 0.0;    // epochs owed to the animation
  int max_epochs_ = 100;
};

}  // namespace

std::unique_ptr<View> make_perceptron_view() { return std::make_unique<PerceptronView>(); }

}  // namespace nnplay::ui
