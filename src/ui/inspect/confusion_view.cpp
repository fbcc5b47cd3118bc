// confusion_view.cpp — which classes the network confuses: counts of (true,
// predicted) over the whole validation split (per pixel for segmentation),
// in eval mode, and the misclassified samples as clickable thumbnails (a
// click shows that image's feature maps).
//
// The engine's train::ConfusionJob computes the counts in slices of a few
// milliseconds per frame: a ResNet over 6,000 validation images takes
// seconds in a browser, which must not freeze the page. The last finished
// matrix stays on screen while the next is computed (on demand, or every
// 10 s while training when "auto" is on).
#include <algorithm>
#include <cstdio>

#include "gfx/texture.h"
#include "imgui.h"
#include "train/confusion_job.h"
#include "ui/context.h"
#include "ui/images.h"
#include "ui/view.h"
#include "ui/widgets.h"

namespace nnplay::ui {
namespace {

constexpr double kSliceMs = 6.0;  // prediction time per frame
constexpr double kAutoEveryMs = 10000.0;
constexpr int kMaxWrong = 512;
constexpr int kThumbs = 40;
constexpr int kAtlasCols = 8;

// Where the matrix is: its top-left cell's corner, the row labels' width, a cell's side.
struct Grid {
  ImVec2 p0;
  float label_w = 0, cell = 0;
};

class ConfusionView : public View {
 public:
  void draw(Ctx& ctx) override {
    const data::Dataset* ds = ctx.dataset();
    if (!ds) return;
    schedule(ctx);
    controls(ctx);
    advance(ctx);
    progress();
    if (!error_.empty()) error_text(error_);
    if (shown_.classes == 0) return;
    summary(*ds);
    matrix(*ds);
    if (ds->dense()) return;
    mistakes(ctx, *ds);
  }

 private:
  // 1. When to compute: at once for another network, dataset or split (the
  //    old matrix means nothing then); every 10 s while the weights change.
  void schedule(Ctx& ctx) {
    const train::SessionVersion v = ctx.session().version();
    if (!job_.started() || v.network != network_) {
      network_ = v.network;
      reset(ctx);
    } else if (job_.done() && auto_ && v != shown_.to && ctx.now_ms() - done_time_ > kAutoEveryMs) {
      restart(ctx);
    }
  }

  void reset(Ctx& ctx) {
    shown_ = train::Confusion{};
    filter_true_ = filter_pred_ = -1;
    thumbs_stale_ = true;
    restart(ctx);
  }

  void restart(Ctx& ctx) {
    job_.start(ctx.session(), kMaxWrong);
    error_.clear();
  }

  bool running() const { return job_.started() && !job_.done() && error_.empty(); }

  void controls(Ctx& ctx) {
    if (ImGui::Button(running() ? "Restart" : "Recompute")) restart(ctx);
    const char* auto_label = "auto every 10 s while training";
    same_line_if_fits(ImGui::CalcTextSize(auto_label).x + ImGui::GetFrameHeightWithSpacing());
    ImGui::Checkbox(auto_label, &auto_);
  }

  // 2. A slice of the job this frame; the finished matrix replaces the shown one.
  void advance(Ctx& ctx) {
    if (!running()) return;
    const Status st = job_.run_for(ctx.session(), kSliceMs);
    if (st.code() == ErrorCode::NOT_READY) {  // the dataset or its split changed
      reset(ctx);
      return;
    }
    if (!st.ok()) {
      error_ = st.to_string();
      return;
    }
    if (!job_.done()) return;
    shown_ = job_.result();
    done_time_ = ctx.now_ms();
    thumbs_stale_ = true;
  }

  void progress() const {
    if (!running()) return;
    char label[96];
    std::snprintf(label, sizeof label, "evaluating %s of %s validation samples",
                  format_count(static_cast<int64_t>(job_.evaluated())).c_str(),
                  format_count(static_cast<int64_t>(job_.total())).c_str());
    ImGui::ProgressBar(job_.progress(), ImVec2(-1, 0), label);
  }

  void summary(const data::Dataset& ds) const {
    const int64_t total = shown_.total(), right = shown_.right();
    ImGui::Text("%s %s · %.2f%% right", format_count(total).c_str(), ds.dense() ? "pixels" : "samples",
                total ? 100.0 * static_cast<double>(right) / static_cast<double>(total) : 0.0);
    char when[96];
    if (shown_.from.step == shown_.to.step)
      std::snprintf(when, sizeof when, "(eval mode, step %lld)", static_cast<long long>(shown_.to.step));
    else
      std::snprintf(when, sizeof when, "(eval mode, steps %lld–%lld: it trained meanwhile)",
                    static_cast<long long>(shown_.from.step), static_cast<long long>(shown_.to.step));
    same_line_if_fits(ImGui::CalcTextSize(when).x);
    ImGui::TextDisabled("%s", when);
  }

  // 3. The matrix: rows = true class, columns = predicted; colour = share of the row.
  void matrix(const data::Dataset& ds) {
    const float fs = ImGui::GetFontSize();
    const int C = shown_.classes;
    Grid g;
    for (int c = 0; c < C; ++c) g.label_w = std::max(g.label_w, ImGui::CalcTextSize(ds.class_name(c)).x);
    g.label_w = std::min(g.label_w, fs * 7.0f) + fs * 0.5f;
    const float avail = ImGui::GetContentRegionAvail().x;
    g.cell = std::clamp((avail - g.label_w - fs) / static_cast<float>(C), fs * 1.2f, fs * 3.0f);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    g.p0 = ImGui::GetCursorScreenPos();
    for (int c = 0; c < C; ++c) {  // column header: predicted class numbers
      char b[16];
      std::snprintf(b, sizeof b, "%d", c);
      const ImVec2 ts = ImGui::CalcTextSize(b);
      dl->AddText(ImVec2(g.p0.x + g.label_w + g.cell * (static_cast<float>(c) + 0.5f) - ts.x * 0.5f, g.p0.y),
                  ImGui::GetColorU32(ImGuiCol_TextDisabled), b);
    }
    const float head = ImGui::GetTextLineHeight() + 4.0f;
    g.p0.y += head;
    const float side = g.cell * static_cast<float>(C);
    ImGui::InvisibleButton("##cm", ImVec2(g.label_w + side, side + head));
    const bool hovered = ImGui::IsItemHovered(), clicked = ImGui::IsItemClicked();
    for (int t = 0; t < C; ++t) {
      char name[64];
      std::snprintf(name, sizeof name, "%d %s", t, ds.class_name(t));
      const ImVec4 clip(g.p0.x, g.p0.y, g.p0.x + g.label_w - 4, g.p0.y + side);
      dl->AddText(nullptr, 0.0f, ImVec2(g.p0.x, g.p0.y + g.cell * static_cast<float>(t) + (g.cell - fs) * 0.5f),
                  ImGui::GetColorU32(ImGuiCol_Text), name, nullptr, 0.0f, &clip);
      for (int p = 0; p < C; ++p) cell(ds, g, t, p, hovered, clicked);
    }
    note("rows: true class · columns: predicted · blue: right, red: confused (share of the row)");
  }

  // One cell: its colour and count; hovered, its numbers; clicked, list only its mistakes.
  void cell(const data::Dataset& ds, const Grid& g, int t, int p, bool hovered, bool clicked) {
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const float fs = ImGui::GetFontSize();
    const int C = shown_.classes;
    int64_t row = 0;
    for (int j = 0; j < C; ++j) row += shown_.counts[static_cast<size_t>(t * C + j)];
    const int64_t n = shown_.counts[static_cast<size_t>(t * C + p)];
    const float share = row ? static_cast<float>(n) / static_cast<float>(row) : 0.0f;
    const ImVec2 a(g.p0.x + g.label_w + g.cell * static_cast<float>(p), g.p0.y + g.cell * static_cast<float>(t));
    const ImVec2 b(a.x + g.cell - 1, a.y + g.cell - 1);
    const float k = t == p ? share : std::min(1.0f, share * 4.0f);  // errors are rarer: brighten them
    const ImU32 col = t == p ? IM_COL32(255 - static_cast<int>(205 * k), 255 - static_cast<int>(140 * k),
                                        255 - static_cast<int>(40 * k), 255)
                             : IM_COL32(255 - static_cast<int>(30 * k), 255 - static_cast<int>(190 * k),
                                        255 - static_cast<int>(190 * k), 255);
    dl->AddRectFilled(a, b, n ? col : IM_COL32(250, 250, 250, 255));
    const bool sel = filter_true_ == t && filter_pred_ == p;
    if (sel) dl->AddRect(a, b, IM_COL32(0, 0, 0, 255), 0.0f, 0, 2.0f);
    if (n && g.cell >= fs * 1.6f) {
      char num[32];
      if (n >= 10000) std::snprintf(num, sizeof num, "%.0fk", static_cast<double>(n) / 1000.0);
      else std::snprintf(num, sizeof num, "%lld", static_cast<long long>(n));
      const ImVec2 ts = ImGui::CalcTextSize(num);
      if (ts.x < g.cell - 2)
        dl->AddText(ImVec2(a.x + (g.cell - ts.x) * 0.5f, a.y + (g.cell - ts.y) * 0.5f),
                    k > 0.6f ? IM_COL32(255, 255, 255, 255) : IM_COL32(30, 30, 30, 255), num);
    }
    const ImVec2 m = ImGui::GetIO().MousePos;
    if (!hovered || m.x < a.x || m.x >= b.x + 1 || m.y < a.y || m.y >= b.y + 1) return;
    ImGui::SetTooltip("true %s, predicted %s: %lld (%.1f%% of the %s)%s", ds.class_name(t), ds.class_name(p),
                      static_cast<long long>(n), 100.0 * static_cast<double>(share), ds.class_name(t),
                      t != p && !ds.dense() ? "\nclick: list these mistakes" : "");
    if (!clicked || ds.dense()) return;
    if (sel) filter_true_ = filter_pred_ = -1;
    else filter_true_ = t, filter_pred_ = p;
    thumbs_stale_ = true;
  }

  // 4. The misclassified samples (only the clicked cell's, when one is).
  void mistakes(Ctx& ctx, const data::Dataset& ds) {
    std::vector<size_t> pick;  // positions in shown_.wrong
    for (size_t i = 0; i < shown_.wrong.size(); ++i) {
      const int t = ds.y[static_cast<size_t>(shown_.wrong[i])];
      if (filter_true_ >= 0 && (t != filter_true_ || shown_.wrong_predicted[i] != filter_pred_)) continue;
      pick.push_back(i);
    }
    ImGui::Spacing();
    if (filter_true_ >= 0) {
      ImGui::Text("%zu %s predicted as %s", pick.size(), ds.class_name(filter_true_), ds.class_name(filter_pred_));
      same_line_if_fits(ImGui::CalcTextSize("show all mistakes").x + ImGui::GetStyle().FramePadding.x * 2);
      if (ImGui::SmallButton("show all mistakes")) filter_true_ = filter_pred_ = -1, thumbs_stale_ = true;
    } else {
      ImGui::Text("Misclassified: %zu%s", pick.size(),
                  shown_.wrong.size() >= static_cast<size_t>(kMaxWrong) ? "+ (first ones listed)" : "");
    }
    if (pick.empty()) return;
    if (!ds.is_image()) {  // sequences: a list
      for (size_t k = 0; k < std::min<size_t>(pick.size(), 30); ++k) {
        const size_t i = pick[k];
        ImGui::BulletText("sample %d: true %s, predicted %s", shown_.wrong[i],
                          ds.class_name(ds.y[static_cast<size_t>(shown_.wrong[i])]),
                          ds.class_name(shown_.wrong_predicted[i]));
      }
      return;
    }
    if (thumbs_stale_) make_thumbnails(ds, pick);
    thumbnails(ctx, ds);
  }

  // 5. The thumbnails: the first kThumbs picked mistakes as one atlas.
  void make_thumbnails(const data::Dataset& ds, const std::vector<size_t>& pick) {
    thumbs_stale_ = false;
    thumb_pick_.assign(pick.begin(), pick.begin() + std::min<std::ptrdiff_t>(std::ssize(pick), kThumbs));
    std::vector<int32_t> idx;
    for (size_t i : thumb_pick_) idx.push_back(shown_.wrong[i]);
    thumbs_ = Atlas(static_cast<int>(idx.size()), kAtlasCols, ds.sample_shape[3], ds.sample_shape[2]);
    fill_samples(thumbs_, ds, idx);
    thumbs_.upload(tex_);
  }

  void thumbnails(Ctx& ctx, const data::Dataset& ds) {
    const float fs = ImGui::GetFontSize();
    const float d = fs * 2.8f, gap = fs * 0.35f, text_h = ImGui::GetTextLineHeight();
    const int cols = std::max(1, static_cast<int>((ImGui::GetContentRegionAvail().x + gap) / (d + gap)));
    const ImVec2 q0 = ImGui::GetCursorScreenPos();
    for (int k = 0; k < static_cast<int>(thumb_pick_.size()); ++k) {
      const ImVec2 q(q0.x + static_cast<float>(k % cols) * (d + gap),
                     q0.y + static_cast<float>(k / cols) * (d + text_h + gap));
      thumbnail(ctx, ds, k, q, d, gap);
    }
    const int rows = (static_cast<int>(thumb_pick_.size()) + cols - 1) / cols;
    ImGui::SetCursorScreenPos(q0);
    ImGui::Dummy(ImVec2(ImGui::GetContentRegionAvail().x, static_cast<float>(rows) * (d + text_h + gap)));
  }

  // One mistake: the image in a red frame, its predicted class under it; a
  // click shows its feature maps.
  void thumbnail(Ctx& ctx, const data::Dataset& ds, int k, ImVec2 q, float d, float gap) {
    const size_t i = thumb_pick_[static_cast<size_t>(k)];
    const int32_t idx = shown_.wrong[i];
    ImGui::SetCursorScreenPos(q);
    ImGui::PushID(k);
    if (ImGui::InvisibleButton("##w", ImVec2(d, d))) {
      const std::vector<int32_t>& val = ctx.session().trainer().val_indices();
      const auto it = std::find(val.begin(), val.end(), idx);
      if (it != val.end()) {
        ctx.picks.sample = static_cast<int>(it - val.begin());
        ctx.select_view("maps");
      }
    }
    const bool hov = ImGui::IsItemHovered();
    ImGui::PopID();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    thumbs_.draw(dl, tex_, k, q, ImVec2(q.x + d, q.y + d));
    dl->AddRect(ImVec2(q.x - 1, q.y - 1), ImVec2(q.x + d + 1, q.y + d + 1), hov ? IM_COL32(0, 0, 0, 255) : kWrong, 0.0f,
                0, hov ? 2.5f : 1.5f);
    const char* pred = ds.class_name(shown_.wrong_predicted[i]);
    const float text_h = ImGui::GetTextLineHeight();
    const ImVec4 clip(q.x, q.y + d, q.x + d + gap, q.y + d + text_h);
    dl->AddText(nullptr, 0.0f, ImVec2(q.x, q.y + d + 1), kWrong, pred, nullptr, 0.0f, &clip);
    if (hov)
      ImGui::SetTooltip("sample %d\ntrue: %s\npredicted: %s\nclick: its feature maps", idx,
                        ds.class_name(ds.y[static_cast<size_t>(idx)]), pred);
  }

  train::ConfusionJob job_;    // the matrix being computed
  train::Confusion shown_;     // the last finished one (shown)
  uint64_t network_ = 0;       // the network version job_ and shown_ belong to
  double done_time_ = -1e9;    // when shown_ was finished
  std::string error_;          // the job's last error (it stops until Recompute)
  bool auto_ = true;
  int filter_true_ = -1, filter_pred_ = -1;  // clicked cell: list only those
  bool thumbs_stale_ = true;
  std::vector<size_t> thumb_pick_;  // positions in shown_.wrong, in atlas order
  Atlas thumbs_;
  gfx::Texture tex_;
};

}  // namespace

std::unique_ptr<View> make_confusion_view() { return std::make_unique<ConfusionView>(); }

}  // namespace nnplay::ui
