// The widgets students meet, driven with simulated mouse, touch and keys in a
// headless ImGui context: a text field applies on Enter or when it loses
// focus, never per keystroke, and a refused value leaves the previous one
// (a new user typed "1e9" as the learning rate and got lr = 1); a finger
// dragging across the learning rate changes nothing (a 70-pixel drag of the
// old log slider jumped 0.03 to 9.19); the ÷/× steps walk the 1-3 ladder.
#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <functional>

#include "support/headless_app.h"
#include "train/playground.h"
#include "ui/context.h"
#include "ui/widgets.h"

namespace nnplay::ui {
namespace {

using test::HeadlessImGui;

// One window at the top left; `body` draws into it each frame.
class Harness {
 public:
  explicit Harness(std::function<void()> body) : body_(std::move(body)) {}
  void frame() {
    ImGui::NewFrame();
    ImGui::SetNextWindowPos(ImVec2(0, 0));
    ImGui::SetNextWindowSize(ImVec2(600, 400));
    ImGui::Begin("w", nullptr, ImGuiWindowFlags_NoDecoration);
    body_();
    ImGui::End();
    ImGui::Render();
  }
  void frames(int n) {
    for (int i = 0; i < n; ++i) frame();
  }
  // Mouse down at p for a frame, then up: a click (or a tap).
  void click(ImVec2 p) {
    ImGuiIO& io = ImGui::GetIO();
    io.MousePos = p;
    frame();
    io.MouseDown[0] = true;
    frame();
    io.MouseDown[0] = false;
    frame();
  }
  void type(const char* text) {
    for (const char* c = text; *c; ++c) {
      ImGui::GetIO().AddInputCharacter(static_cast<unsigned>(*c));
      frame();
    }
  }
  void key(ImGuiKey k) {
    ImGuiIO& io = ImGui::GetIO();
    io.KeysDown[HeadlessImGui::key_index(k)] = true;
    frame();
    io.KeysDown[HeadlessImGui::key_index(k)] = false;
    frame();
  }
  // Press at `from`, move to `to` in small steps, release (a finger's swipe).
  void drag(ImVec2 from, ImVec2 to) {
    ImGuiIO& io = ImGui::GetIO();
    io.MousePos = from;
    frame();
    io.MouseDown[0] = true;
    for (int i = 1; i <= 10; ++i) {
      io.MousePos = ImVec2(from.x + (to.x - from.x) * static_cast<float>(i) / 10, from.y + (to.y - from.y) * static_cast<float>(i) / 10);
      frame();
    }
    io.MouseDown[0] = false;
    frame();
  }

 private:
  std::function<void()> body_;
};

// Where the first widget of the window sits (its frame's left middle, a little in).
ImVec2 first_widget() {
  const ImGuiStyle& st = ImGui::GetStyle();
  return ImVec2(st.WindowPadding.x + 6, st.WindowPadding.y + ImGui::GetFontSize() * 0.5f + st.FramePadding.y);
}

TEST(CommitInput, AppliesOnEnterOrWhenFocusLeavesNeverPerKeystroke) {
  HeadlessImGui imgui;
  std::string value = "0.03";
  std::vector<std::string> commits;
  Harness h([&] {
    std::string out;
    if (commit_input("##f", value, &out, 200.0f)) commits.push_back(out);
    ImGui::Button("elsewhere", ImVec2(200, 40));
  });
  h.frames(2);
  h.click(first_widget());
  h.key(ImGuiKey_Backspace);  // the field selected its text on click? clear it either way
  for (int i = 0; i < 6; ++i) h.key(ImGuiKey_Backspace);
  h.type("1e9");
  EXPECT_TRUE(commits.empty()) << "applied while typing: " << (commits.empty() ? "" : commits.front());
  h.key(ImGuiKey_Enter);
  ASSERT_EQ(commits.size(), 1u);
  EXPECT_EQ(commits[0], "1e9");
  // Typing again and clicking elsewhere commits too.
  h.click(first_widget());
  for (int i = 0; i < 6; ++i) h.key(ImGuiKey_Backspace);
  h.type("5");
  EXPECT_EQ(commits.size(), 1u);
  h.click(ImVec2(first_widget().x, first_widget().y + ImGui::GetFrameHeightWithSpacing() + 10));
  ASSERT_EQ(commits.size(), 2u);
  EXPECT_EQ(commits[1], "5");
  EXPECT_TRUE(test::imgui_failures().empty());
}

// The learning rate's editor applying to a playground, as the settings panel does.
struct LrEditor {
  HeadlessImGui imgui;
  train::Playground play;
  Ctx ctx{play};
  Harness h{[this] {
    ImGui::SetNextItemWidth(300);
    std::string v;
    if (edit_setting("lr", ctx.config(), &v)) ctx.set("lr", v);
  }};
  float lr() const { return play.session().config().optimizer.lr; }
};

TEST(EditSetting, ARefusedLearningRateLeavesThePreviousOne) {
  LrEditor e;
  Harness& h = e.h;
  train::Playground& play = e.play;
  Ctx& ctx = e.ctx;
  const float lr0 = e.lr();  // 0.03, the circle set's default
  h.frames(2);
  h.click(first_widget());
  for (int i = 0; i < 8; ++i) h.key(ImGuiKey_Backspace);
  h.type("1e9");
  EXPECT_EQ(play.session().config().optimizer.lr, lr0) << "applied the \"1\" of \"1e9\" while typing";
  h.key(ImGuiKey_Enter);
  EXPECT_EQ(play.session().config().optimizer.lr, lr0) << "1e9 is out of range";
  EXPECT_NE(ctx.error().find("lr='1e9'"), std::string::npos) << ctx.error();
  // A good value applies.
  h.click(first_widget());
  for (int i = 0; i < 8; ++i) h.key(ImGuiKey_Backspace);
  h.type("0.1");
  h.key(ImGuiKey_Enter);
  EXPECT_FLOAT_EQ(play.session().config().optimizer.lr, 0.1f);
  EXPECT_TRUE(ctx.error().empty());
  EXPECT_TRUE(test::imgui_failures().empty());
}

TEST(EditSetting, AFingerDraggingAcrossTheLearningRateChangesNothing) {
  LrEditor e;
  const float lr0 = e.lr();
  e.h.frames(2);
  const ImVec2 p = first_widget();
  e.h.drag(p, ImVec2(p.x + 70, p.y));
  e.h.drag(ImVec2(p.x + 150, p.y), ImVec2(p.x + 220, p.y));
  EXPECT_EQ(e.lr(), lr0);
}

TEST(EditSetting, StepButtonsWalkTheLadder) {
  const train::ConfigField& lr = *train::find_field("lr");
  EXPECT_DOUBLE_EQ(ladder_step(lr, 0.03, true), 0.1);
  EXPECT_DOUBLE_EQ(ladder_step(lr, 0.03, false), 0.01);
  EXPECT_NEAR(ladder_step(lr, 0.1, true), 0.3, 1e-12);
  EXPECT_NEAR(ladder_step(lr, 0.05, false), 0.03, 1e-12);  // off the ladder: the next rung down
  EXPECT_DOUBLE_EQ(ladder_step(lr, 10, true), 10);         // the range's top
  const train::ConfigField& wd = *train::find_field("weight_decay");
  EXPECT_DOUBLE_EQ(ladder_step(wd, 0, true), 1e-5);  // off → the typical range's bottom
  EXPECT_DOUBLE_EQ(ladder_step(wd, 1e-5, false), 0);  // and back to off
  const train::ConfigField& batch = *train::find_field("batch_size");
  EXPECT_DOUBLE_EQ(ladder_step(batch, 10, true), 20);
  EXPECT_DOUBLE_EQ(ladder_step(batch, 10, false), 5);
  EXPECT_DOUBLE_EQ(ladder_step(batch, 1, false), 1);
  EXPECT_DOUBLE_EQ(ladder_step(batch, 4096, true), 4096);
}

// ------------------------------------------------------------ colour vision

// CIELAB of an sRGB colour seen through `m` (a linear-RGB matrix): the
// simulation of Machado, Oliveira & Fernandes, "A Physiologically-based Model
// for Simulation of Color Vision Deficiency", IEEE TVCG 15(6), 2009, severity
// 1.0 (their Table); sRGB and CIELAB (D65) by their standard definitions.
using Mat3 = std::array<std::array<double, 3>, 3>;
constexpr Mat3 kNormal = {{{1, 0, 0}, {0, 1, 0}, {0, 0, 1}}};
constexpr Mat3 kDeuteranopia = {{{0.367322, 0.860646, -0.227968}, {0.280085, 0.672501, 0.047413},
                                 {-0.011820, 0.042940, 0.968881}}};
constexpr Mat3 kProtanopia = {{{0.152286, 1.052583, -0.204868}, {0.114503, 0.786281, 0.099216},
                               {-0.003882, -0.048116, 1.051998}}};

std::array<double, 3> lab(ImU32 c, const Mat3& m) {
  std::array<double, 3> lin{}, v{};
  for (int i = 0; i < 3; ++i) {
    const double s = static_cast<double>((c >> (8 * i)) & 0xFF) / 255.0;  // IM_COL32: R in the low byte
    lin[static_cast<size_t>(i)] = s <= 0.04045 ? s / 12.92 : std::pow((s + 0.055) / 1.055, 2.4);
  }
  for (size_t i = 0; i < 3; ++i)
    v[i] = std::clamp(m[i][0] * lin[0] + m[i][1] * lin[1] + m[i][2] * lin[2], 0.0, 1.0);
  const double xyz[3] = {(0.4124 * v[0] + 0.3576 * v[1] + 0.1805 * v[2]) / 0.95047,
                         0.2126 * v[0] + 0.7152 * v[1] + 0.0722 * v[2],
                         (0.0193 * v[0] + 0.1192 * v[1] + 0.9505 * v[2]) / 1.08883};
  double f[3];
  for (int i = 0; i < 3; ++i) {
    const double d = 6.0 / 29.0;
    f[i] = xyz[i] > d * d * d ? std::cbrt(xyz[i]) : xyz[i] / (3 * d * d) + 4.0 / 29.0;
  }
  return {116 * f[1] - 16, 500 * (f[0] - f[1]), 200 * (f[1] - f[2])};
}

// ΔE*ab (CIE 1976) between two colours as a viewer with vision `m` sees them.
double delta_e(ImU32 a, ImU32 b, const Mat3& m) {
  const auto p = lab(a, m), q = lab(b, m);
  return std::hypot(p[0] - q[0], p[1] - q[1], p[2] - q[2]);
}

TEST(Colours, StayApartForColourBlindStudents) {
  // The check itself: the old red and green race lanes were 7 apart under deuteranopia (a ΔE of ~2 is "just noticeable").
  EXPECT_LT(delta_e(IM_COL32(214, 39, 40, 255), IM_COL32(44, 160, 44, 255), kDeuteranopia), 10.0);
  EXPECT_GT(delta_e(IM_COL32(214, 39, 40, 255), IM_COL32(44, 160, 44, 255), kNormal), 50.0);
  const std::pair<const char*, const Mat3*> kVisions[] = {
      {"normal", &kNormal}, {"deuteranopia", &kDeuteranopia}, {"protanopia", &kProtanopia}};
  for (const auto& [vision, m] : kVisions) {
    for (int i = 0; i < lane_colors(); ++i)
      for (int j = i + 1; j < lane_colors(); ++j)
        EXPECT_GT(delta_e(lane_color(i), lane_color(j), *m), 15.0) << "lanes " << i << ", " << j << ", " << vision;
    for (int i = 0; i < class_colors(); ++i)
      for (int j = i + 1; j < class_colors(); ++j)
        EXPECT_GT(delta_e(class_color(i), class_color(j), *m), 15.0) << "classes " << i << ", " << j << ", " << vision;
    EXPECT_GT(delta_e(kRight, kWrong, *m), 50.0) << "right and wrong, " << vision;
    EXPECT_GT(delta_e(kOrange, kBlue, *m), 50.0) << "classes 0 and 1 of the 2D sets, " << vision;
  }
}

}  // namespace
}  // namespace nnplay::ui
