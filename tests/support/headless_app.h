// headless_app.h — the real app in an ImGui context with no renderer (the
// headless platform and null gfx of src/app.cmake's nnp_headless): frames run
// NewFrame → App::frame → Render, input is simulated through ImGuiIO, and any
// ImGui assertion is recorded (platform/imgui_config.h) so the test fails on it.
#pragma once

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "imgui.h"
#include "platform/headless.h"
#include "platform/imgui_config.h"
#include "ui/app.h"

namespace nnplay::test {

/// Failed ImGui assertions since the last clear (one line each).
inline std::vector<std::string>& imgui_failures() {
  static std::vector<std::string> f;
  return f;
}

class HeadlessImGui {
 public:
  explicit HeadlessImGui(ImVec2 size = ImVec2(1280, 800)) {
    imgui_failures().clear();
    set_imgui_assert_handler([](const char* expr, const char* file, int line) {
      imgui_failures().push_back(std::string(expr) + " (" + file + ":" + std::to_string(line) + ")");
    });
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;
    io.DisplaySize = size;
    io.DeltaTime = 1.0f / 60.0f;
    io.ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard;
    for (int k = 0; k < ImGuiKey_COUNT; ++k) io.KeyMap[k] = key_index(static_cast<ImGuiKey>(k));  // as a backend maps them
    unsigned char* pixels = nullptr;
    int w = 0, h = 0;
    // The app's font and size (platform_sdl.cpp), so layouts measure as in the app.
    static const ImWchar kRanges[] = {0x0020, 0x00FF, 0x0370, 0x03FF, 0x1D00, 0x1DBF, 0x2010, 0x205E, 0x2070, 0x209F,
                                      0x2190, 0x21FF, 0x2200, 0x22FF, 0x25A0, 0x25FF, 0x2713, 0x2717, 0};
    if (!io.Fonts->AddFontFromFileTTF("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", 16.0f, nullptr, kRanges))
      io.Fonts->AddFontDefault();
    io.Fonts->GetTexDataAsRGBA32(&pixels, &w, &h);  // builds the atlas, as a renderer backend would
  }
  ~HeadlessImGui() {
    ImGui::DestroyContext();
    set_imgui_assert_handler(nullptr);
  }
  HeadlessImGui(const HeadlessImGui&) = delete;
  HeadlessImGui& operator=(const HeadlessImGui&) = delete;

  /// The io.KeysDown index of an ImGui key.
  static int key_index(ImGuiKey k) { return 256 + static_cast<int>(k); }
};

/// The app with its frame loop.
class HeadlessApp {
 public:
  explicit HeadlessApp(const std::string& link = "", ImVec2 size = ImVec2(1280, 800)) : imgui_(size) { app_.init(link); }
  ui::App& app() { return app_; }
  /// n frames (loads handed over between them, as the platform does).
  void frames(int n) {
    for (int i = 0; i < n; ++i) {
      platform::headless::pump();
      ImGui::NewFrame();
      app_.frame();
      ImGui::Render();
    }
  }
  /// Frames until the dataset has loaded (at most `max`).
  void until_loaded(int max = 600) {
    for (int i = 0; i < max && app_.playground().session().loading(); ++i) frames(1);
  }

 private:
  HeadlessImGui imgui_;
  ui::App app_;
};

}  // namespace nnplay::test
