// session_util.h — building Commands in tests the way the app does.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "train/session.h"

namespace nnplay::test {

/// A Command setting `kv` (config key -> text) with an optional action.
inline train::Command set(std::vector<std::pair<std::string, std::string>> kv,
                          train::Action a = train::Action::None, int steps = 1) {
  train::Command c;
  c.set = std::move(kv);
  c.action = a;
  c.steps = steps;
  return c;
}

}  // namespace nnplay::test
