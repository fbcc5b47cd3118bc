// headless.h — the test side of platform_headless.cpp (tests/ui only).
#pragma once

#include <string>

namespace nnplay::platform::headless {

/// Runs the callbacks of loads and user-file requests made so far (the app's
/// frame loop would run them between frames).
void pump();
/// The last URL query the app set.
const std::string& query();
/// The last text the app copied (platform::copy_text).
const std::string& clipboard();

}  // namespace nnplay::platform::headless
