// spatial_args.h — per-axis arguments of the spatial layers (Conv2d, Conv3d,
// ConvTranspose2d, pools, Upsample), written as PyTorch accepts them:
// "3" (the same on every axis) or "3,5" / "1,3,3" (one value per axis, in
// D, H, W order), and padding "same" (PyTorch >= 1.9 at stride 1: total
// padding dilation·(k − 1) per axis with the odd extra element at the end;
// convolutions also take it at stride > 1 with TensorFlow's rule,
// nn/conv2d.h resolve_same_padding).
#pragma once

#include <array>
#include <cstddef>
#include <string>
#include <vector>

#include "nn/layer_args.h"

namespace nnplay::nn {

/// `rank` numbers in [lo, hi] from "v" or "v1,...,v_rank" into out[0..rank)
/// (integers only when `integer`). Leaves `out` unchanged when absent.
Status get_axes(const LayerArgs& args, const std::string& name, int rank, double lo, double hi, bool integer,
                double* out);

template <size_t R>
Result<std::array<int, R>> get_int_axes(const LayerArgs& args, const std::string& name, int lo, int hi,
                                        std::array<int, R> fallback) {
  std::array<double, R> v{};
  for (size_t i = 0; i < R; ++i) v[i] = fallback[i];
  NNP_RETURN_IF_ERROR(get_axes(args, name, static_cast<int>(R), lo, hi, true, v.data()));
  std::array<int, R> out{};
  for (size_t i = 0; i < R; ++i) out[i] = static_cast<int>(v[i]);
  return out;
}

/// Padding of a convolution: explicit leading/trailing amounts per axis.
template <size_t R>
struct Padding {
  bool same = false;             // padding="same" (resolved per axis by resolve_same)
  std::array<int, R> before{};   // leading (top/left/front)
  std::array<int, R> after{};    // trailing
};

/// "same" or per-axis integers in [0, hi] (symmetric).
template <size_t R>
Result<Padding<R>> get_padding(const LayerArgs& args, const std::string& name, int hi, bool allow_same) {
  Padding<R> p;
  if (args.get_text(name, "") == "same") {
    if (!allow_same)
      return Error(ErrorCode::INVALID_ARGUMENT, args.owner() + ": " + name + "='same' is not supported here");
    p.same = true;
    return p;
  }
  auto v = get_int_axes<R>(args, name, 0, hi, {});
  if (!v.ok()) return v.status();
  p.before = p.after = v.value();
  return p;
}

/// padding="same": total dilation·(k − 1) per axis, the extra element after
/// (as torch.nn.Conv2d._conv_forward pads for an even kernel).
template <size_t R>
void resolve_same(Padding<R>& p, const std::array<int, R>& kernel, const std::array<int, R>& dilation) {
  for (size_t i = 0; i < R; ++i) {
    const int total = dilation[i] * (kernel[i] - 1);
    p.before[i] = total / 2;
    p.after[i] = total - total / 2;
  }
}

/// "(3, 5)" or "3" when all equal — for describe().
std::string axes_text(const int* v, int rank);

}  // namespace nnplay::nn
