// platform_sdl.h — internal to platform/: the SDL2 + Dear ImGui pieces that
// the desktop and web implementations share (window, GL context, ImGui
// backends, one frame). Not for ui/ (it includes nothing of SDL here, but the
// functions are platform-private).
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "core/status.h"
#include "platform/platform.h"

namespace nnplay::platform::sdl {

struct ContextDesc {
  const AppDesc* app = nullptr;
  bool gles = false;          // true: OpenGL ES 3.0 / WebGL2; false: OpenGL 3.3 core
  const char* glsl_version;   // for ImGui_ImplOpenGL3_Init
  float ui_scale = 1.0f;      // extra scale for fonts and style (desktop --scale)
  float pixel_ratio = 1.0f;   // device pixels per logical pixel (web: devicePixelRatio)
  std::string font_path;      // DejaVuSans.ttf; empty or missing: ImGui's built-in font
};

/// SDL video, window, GL context, ImGui context + backends, font.
Status create(const ContextDesc& desc);
/// Polls events; returns false when the window was asked to close. Files
/// dropped on the window go to the handler set by set_drop_callback: the
/// paths of one poll's drop events together (one drop of several files).
bool pump_events();
void set_drop_callback(std::function<void(const std::vector<std::string>& paths)> on_drop);
/// ImGui NewFrame, frame(), Render, swap.
void frame(const std::function<void()>& body);
void set_title(const std::string& title);
void destroy();

}  // namespace nnplay::platform::sdl
