#include "nn/conv3d.h"

namespace nnplay::nn {

Result<std::unique_ptr<Layer>> Conv3d::from_args(const LayerArgs& args) {
  auto o = parse_conv_options(args, 3);
  if (!o.ok()) return o.status();
  return std::unique_ptr<Layer>(new Conv3d(o.value()));
}

}  // namespace nnplay::nn
