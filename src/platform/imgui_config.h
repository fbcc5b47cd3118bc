// imgui_config.h — Dear ImGui's user config for nnplay (IMGUI_USER_CONFIG,
// set on the nnp_imgui target): ImGui's assertions go to
// nnplay::imgui_assert_failed instead of assert(), which Release builds
// compile out. The app prints them; the headless UI test (tests/ui) installs
// a handler that fails the test.
#pragma once

namespace nnplay {
using ImGuiAssertHandler = void (*)(const char* expr, const char* file, int line);
/// Called for every failed ImGui assertion (imgui_assert.cpp).
void imgui_assert_failed(const char* expr, const char* file, int line);
/// Installs `h` (nullptr: print to stderr, the default) and returns the previous handler.
ImGuiAssertHandler set_imgui_assert_handler(ImGuiAssertHandler h);
}  // namespace nnplay

#define IM_ASSERT(_EXPR) ((_EXPR) ? (void)0 : ::nnplay::imgui_assert_failed(#_EXPR, __FILE__, __LINE__))
