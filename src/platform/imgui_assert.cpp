// imgui_assert.cpp — see imgui_config.h.
#include <cstdio>

#include "platform/imgui_config.h"

namespace nnplay {
namespace {
ImGuiAssertHandler g_handler = nullptr;
}  // namespace

ImGuiAssertHandler set_imgui_assert_handler(ImGuiAssertHandler h) {
  const ImGuiAssertHandler old = g_handler;
  g_handler = h;
  return old;
}

void imgui_assert_failed(const char* expr, const char* file, int line) {
  if (g_handler) {
    g_handler(expr, file, line);
    return;
  }
  static int reported = 0;  // a broken frame repeats every frame: say it a few times, not forever
  if (reported++ < 10) std::fprintf(stderr, "nnplay: ImGui assertion failed: %s (%s:%d)\n", expr, file, line);
}

}  // namespace nnplay
