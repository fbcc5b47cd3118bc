#include "nn/upsample.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "nn/spatial_args.h"

namespace nnplay::nn {

Result<std::unique_ptr<Layer>> Upsample::from_args(const LayerArgs& args) {
  NNP_RETURN_IF_ERROR(args.check_known({"scale_factor", "mode", "align_corners"}));
  if (!args.has("scale_factor")) return Error(ErrorCode::INVALID_ARGUMENT, "Upsample: scale_factor is required");
  auto layer = std::make_unique<Upsample>();
  NNP_RETURN_IF_ERROR(get_axes(args, "scale_factor", 2, 1e-3, 64, false, layer->scale_factor_.data()));
  const std::string mode = args.get_text("mode", "nearest");
  if (mode != "nearest" && mode != "bilinear")
    return Error(ErrorCode::INVALID_ARGUMENT, "Upsample: mode='" + mode + "', expected nearest or bilinear");
  layer->bilinear_ = mode == "bilinear";
  if (args.has("align_corners")) {
    if (!layer->bilinear_)
      return Error(ErrorCode::INVALID_ARGUMENT, "Upsample: align_corners only applies to mode='bilinear' (as in PyTorch)");
    auto ac = args.get_bool("align_corners", false);
    if (!ac.ok()) return ac.status();
    layer->align_corners_ = ac.value();
  }
  return std::unique_ptr<Layer>(std::move(layer));
}

std::string Upsample::describe() const {
  char buf[96];
  if (scale_factor_[0] == scale_factor_[1]) std::snprintf(buf, sizeof buf, "%g", scale_factor_[0]);
  else std::snprintf(buf, sizeof buf, "(%g, %g)", scale_factor_[0], scale_factor_[1]);
  return std::string("Upsample(") + buf + ", " + (bilinear_ ? "bilinear" : "nearest") +
         (align_corners_ ? ", align_corners=True" : "") + ")";
}

std::vector<Upsample::Tap> Upsample::axis_taps(int in, int out, double scale) const {
  std::vector<Tap> taps(static_cast<size_t>(out));
  // PyTorch (aten/src/ATen/native/UpSample.h) computes in float for float
  // tensors, with 1/scale_factor as the step when scale_factor is given.
  const auto step = static_cast<float>(1.0 / scale);
  for (int i = 0; i < out; ++i) {
    Tap& t = taps[static_cast<size_t>(i)];
    if (!bilinear_) {
      const int src = std::min(static_cast<int>(std::floor(static_cast<float>(i) * step)), in - 1);
      t = {src, src, 0.0f};
      continue;
    }
    float src = 0.0f;
    if (align_corners_) {
      src = out > 1 ? static_cast<float>(in - 1) / static_cast<float>(out - 1) * static_cast<float>(i) : 0.0f;
    } else {
      src = std::max(0.0f, step * (static_cast<float>(i) + 0.5f) - 0.5f);
    }
    const int i0 = std::min(static_cast<int>(src), in - 1);
    const int i1 = i0 + (i0 < in - 1 ? 1 : 0);
    t = {i0, i1, src - static_cast<float>(i0)};
  }
  return taps;
}

Status Upsample::setup(std::span<const Shape> in, Shape* out) {
  const Shape& s = in[0];
  if (s.rank != 4) return Error(ErrorCode::SHAPE_MISMATCH, "Upsample expects input (N, C, H, W), got " + s.str());
  channels_ = s[1], in_h_ = s[2], in_w_ = s[3];
  out_h_ = static_cast<int>(std::floor(in_h_ * scale_factor_[0]));
  out_w_ = static_cast<int>(std::floor(in_w_ * scale_factor_[1]));
  if (out_h_ < 1 || out_w_ < 1)
    return Error(ErrorCode::SHAPE_MISMATCH, describe() + ": input " + s.str() + " would upsample to nothing");
  taps_h_ = axis_taps(in_h_, out_h_, scale_factor_[0]);
  taps_w_ = axis_taps(in_w_, out_w_, scale_factor_[1]);
  *out = Shape{1, channels_, out_h_, out_w_};
  return Status::Ok();
}

void Upsample::forward(std::span<const Tensor* const> x, Tensor& y, Context&) {
  const int n = x[0]->dim(0);
  y.resize({n, channels_, out_h_, out_w_});
  const int64_t plane = int64_t{in_h_} * in_w_;
  int64_t o = 0;
  for (int64_t nc = 0; nc < int64_t{n} * channels_; ++nc) {
    const float* xp = x[0]->data() + nc * plane;
    for (const Tap& th : taps_h_) {
      const float* r0 = xp + int64_t{th.i0} * in_w_;
      const float* r1 = xp + int64_t{th.i1} * in_w_;
      for (const Tap& tw : taps_w_) {
        if (!bilinear_) {
          y[o++] = r0[tw.i0];
          continue;
        }
        const float h1l = th.lambda, h0l = 1.0f - h1l, w1l = tw.lambda, w0l = 1.0f - w1l;
        y[o++] = h0l * (w0l * r0[tw.i0] + w1l * r0[tw.i1]) + h1l * (w0l * r1[tw.i0] + w1l * r1[tw.i1]);
      }
    }
  }
}

void Upsample::backward(std::span<const Tensor* const>, const Tensor&, const Tensor& dy,
                        std::span<Tensor* const> dx) {
  if (!dx[0]) return;
  const int n = dy.dim(0);
  const int64_t plane = int64_t{in_h_} * in_w_;
  int64_t o = 0;
  for (int64_t nc = 0; nc < int64_t{n} * channels_; ++nc) {
    float* dp = dx[0]->data() + nc * plane;
    for (const Tap& th : taps_h_) {
      float* r0 = dp + int64_t{th.i0} * in_w_;
      float* r1 = dp + int64_t{th.i1} * in_w_;
      for (const Tap& tw : taps_w_) {
        const float g = dy[o++];
        if (!bilinear_) {
          r0[tw.i0] += g;
          continue;
        }
        const float h1l = th.lambda, h0l = 1.0f - h1l, w1l = tw.lambda, w0l = 1.0f - w1l;
        r0[tw.i0] += h0l * w0l * g;
        r0[tw.i1] += h0l * w1l * g;
        r1[tw.i0] += h1l * w0l * g;
        r1[tw.i1] += h1l * w1l * g;
      }
    }
  }
}

}  // namespace nnplay::nn
