// platform_sdl.cpp — the SDL2 window, GL context and Dear ImGui backends
// shared by the desktop and web builds (after imgui's
// examples/example_sdl_opengl3/main.cpp, 1.86).
#include "platform/platform_sdl.h"

#include <cfloat>

#include <SDL.h>

#include <algorithm>
#include <cstdio>

#include "imgui.h"
#include "imgui_impl_opengl3.h"
#include "imgui_impl_sdl.h"
#include "platform/gl.h"

namespace nnplay::platform::sdl {
namespace {

SDL_Window* g_window = nullptr;
SDL_GLContext g_gl = nullptr;
bool g_quit = false;
std::function<void(const std::vector<std::string>&)> g_on_drop;
// Touch: after the last finger lifts, the pointer leaves the window (two
// frames later, so the tap's release is seen where it happened); otherwise
// the mouse SDL synthesises stays there and a tooltip sticks until the next
// tap. A finger down or a real mouse's motion brings it back.
int g_frames_since_lift = -1;  // -1: a pointer is present

bool file_exists(const std::string& path) {
  if (path.empty()) return false;
  FILE* f = std::fopen(path.c_str(), "rb");
  if (!f) return false;
  std::fclose(f);
  return true;
}

}  // namespace

Status create(const ContextDesc& desc) {
  if (SDL_Init(SDL_INIT_VIDEO | SDL_INIT_TIMER) != 0)
    return Error(ErrorCode::UNSUPPORTED, std::string("SDL_Init failed: ") + SDL_GetError());

  SDL_GL_SetAttribute(SDL_GL_CONTEXT_FLAGS, 0);
  if (desc.gles) {
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_PROFILE_MASK, SDL_GL_CONTEXT_PROFILE_ES);
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_MAJOR_VERSION, 3);
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_MINOR_VERSION, 0);
  } else {
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_PROFILE_MASK, SDL_GL_CONTEXT_PROFILE_CORE);
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_MAJOR_VERSION, 3);
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_MINOR_VERSION, 3);
  }
  SDL_GL_SetAttribute(SDL_GL_DOUBLEBUFFER, 1);
  SDL_GL_SetAttribute(SDL_GL_DEPTH_SIZE, 0);
  SDL_GL_SetAttribute(SDL_GL_STENCIL_SIZE, 0);

  const AppDesc& app = *desc.app;
  const auto flags = static_cast<SDL_WindowFlags>(SDL_WINDOW_OPENGL | SDL_WINDOW_RESIZABLE | SDL_WINDOW_ALLOW_HIGHDPI);
  int w = static_cast<int>(static_cast<float>(app.width) * desc.ui_scale);
  int h = static_cast<int>(static_cast<float>(app.height) * desc.ui_scale);
  SDL_Rect usable;
  if (!desc.gles && SDL_GetDisplayUsableBounds(0, &usable) == 0 && usable.w > 0 && usable.h > 0) {
    w = std::min(w, usable.w);  // never larger than the screen (e.g. --scale 2 on a small display)
    h = std::min(h, usable.h);
  }
  g_window = SDL_CreateWindow(app.title, SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED, w, h, flags);
  if (!g_window) return Error(ErrorCode::UNSUPPORTED, std::string("cannot create a window: ") + SDL_GetError());
  g_gl = SDL_GL_CreateContext(g_window);
  if (!g_gl)
    return Error(ErrorCode::UNSUPPORTED, std::string(desc.gles ? "WebGL2 / OpenGL ES 3.0" : "OpenGL 3.3 core") +
                                             " is not available: " + SDL_GetError());
  SDL_GL_MakeCurrent(g_window, g_gl);
  SDL_GL_SetSwapInterval(1);  // vsync where the driver has it

  IMGUI_CHECKVERSION();
  ImGui::CreateContext();
  ImGuiIO& io = ImGui::GetIO();
  io.IniFilename = nullptr;  // the layout is computed every frame; nothing to persist
  io.ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard;

  // Fonts are rasterised at device resolution and drawn at 1/ratio, so text
  // stays sharp on HiDPI screens while layout works in logical pixels.
  const float ratio = desc.pixel_ratio > 0 ? desc.pixel_ratio : 1.0f;
  const float px = desc.app->font_size * desc.ui_scale;
  ImFontConfig cfg;
  cfg.OversampleH = 2;
  cfg.OversampleV = 2;
  // Latin-1 plus the few symbols the UI writes: Greek (α, β, η), phonetic
  // superscripts (ᵗ, ᵀ), dashes, ellipsis, ›, sub/superscripts, arrows (↺),
  // math operators, geometric shapes.
  static const ImWchar kRanges[] = {0x0020, 0x00FF, 0x0370, 0x03FF, 0x1D00, 0x1DBF, 0x2010, 0x205E, 0x2070, 0x209F,
                                    0x2190, 0x21FF, 0x2200, 0x22FF, 0x25A0, 0x25FF, 0x2713, 0x2717, 0};
  ImFont* font = nullptr;
  if (file_exists(desc.font_path))
    font = io.Fonts->AddFontFromFileTTF(desc.font_path.c_str(), px * ratio, &cfg, kRanges);
  if (!font) {
    std::fprintf(stderr, "nnplay: font '%s' not found, using Dear ImGui's built-in font\n", desc.font_path.c_str());
    ImFontConfig def;
    def.SizePixels = 13.0f * ratio * desc.ui_scale;
    io.Fonts->AddFontDefault(&def);
  }
  io.FontGlobalScale = 1.0f / ratio;

  ImGui_ImplSDL2_InitForOpenGL(g_window, g_gl);
  ImGui_ImplOpenGL3_Init(desc.glsl_version);
  return Status::Ok();
}

bool pump_events() {
  SDL_Event ev;
  std::vector<std::string> dropped;  // the files of one drop arrive together, in one poll
  while (SDL_PollEvent(&ev)) {
    ImGui_ImplSDL2_ProcessEvent(&ev);
    if (ev.type == SDL_QUIT) g_quit = true;
    if (ev.type == SDL_FINGERUP && SDL_GetNumTouchFingers(ev.tfinger.touchId) == 0) g_frames_since_lift = 0;
    if (ev.type == SDL_FINGERDOWN || (ev.type == SDL_MOUSEMOTION && ev.motion.which != SDL_TOUCH_MOUSEID))
      g_frames_since_lift = -1;
    if (ev.type == SDL_DROPFILE && ev.drop.file) {
      dropped.emplace_back(ev.drop.file);
      SDL_free(ev.drop.file);
    }
    if (ev.type == SDL_WINDOWEVENT && ev.window.event == SDL_WINDOWEVENT_CLOSE &&
        ev.window.windowID == SDL_GetWindowID(g_window))
      g_quit = true;
  }
  if (!dropped.empty() && g_on_drop) g_on_drop(dropped);
  return !g_quit;
}

void set_drop_callback(std::function<void(const std::vector<std::string>& paths)> on_drop) { g_on_drop = std::move(on_drop); }

void frame(const std::function<void()>& body) {
  ImGui_ImplOpenGL3_NewFrame();
  ImGui_ImplSDL2_NewFrame();
  if (g_frames_since_lift >= 0 && ++g_frames_since_lift > 2)
    ImGui::GetIO().MousePos = ImVec2(-FLT_MAX, -FLT_MAX);  // no hover, no tooltip after a tap
  ImGui::NewFrame();
  body();
  ImGui::Render();
  int fb_w = 0, fb_h = 0;
  SDL_GL_GetDrawableSize(g_window, &fb_w, &fb_h);
  glBindFramebuffer(GL_FRAMEBUFFER, 0);
  glViewport(0, 0, fb_w, fb_h);
  glClearColor(0.94f, 0.94f, 0.94f, 1.0f);
  glClear(GL_COLOR_BUFFER_BIT);
  ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
  SDL_GL_SwapWindow(g_window);
}

void set_title(const std::string& title) {
  if (g_window) SDL_SetWindowTitle(g_window, title.c_str());
}

void destroy() {
  if (!g_window) return;
  ImGui_ImplOpenGL3_Shutdown();
  ImGui_ImplSDL2_Shutdown();
  ImGui::DestroyContext();
  SDL_GL_DeleteContext(g_gl);
  SDL_DestroyWindow(g_window);
  SDL_Quit();
  g_window = nullptr;
  g_gl = nullptr;
}

}  // namespace nnplay::platform::sdl
