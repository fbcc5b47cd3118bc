// layer_args.h — layers take their hyperparameters as core/args.h Args
// (named text values with typed getters); LayerArgs is that type.
#pragma once

#include "core/args.h"

namespace nnplay::nn {
using LayerArgs = ::nnplay::Args;
}  // namespace nnplay::nn
