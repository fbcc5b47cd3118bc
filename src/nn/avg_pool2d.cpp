#include "nn/avg_pool2d.h"

#include <algorithm>

#include "kernels/im2col.h"
#include "nn/spatial_args.h"

namespace nnplay::nn {

Result<std::unique_ptr<Layer>> AvgPool2d::from_args(const LayerArgs& args) {
  NNP_RETURN_IF_ERROR(args.check_known({"kernel_size", "stride", "padding", "count_include_pad"}));
  if (!args.has("kernel_size")) return Error(ErrorCode::INVALID_ARGUMENT, "AvgPool2d: kernel_size is required");
  auto k = get_int_axes<2>(args, "kernel_size", 1, 64, {1, 1});
  if (!k.ok()) return k.status();
  auto s = get_int_axes<2>(args, "stride", 1, 64, k.value());
  auto p = get_int_axes<2>(args, "padding", 0, 32, {0, 0});
  auto cip = args.get_bool("count_include_pad", true);
  if (!s.ok()) return s.status();
  if (!p.ok()) return p.status();
  if (!cip.ok()) return cip.status();
  auto layer = std::make_unique<AvgPool2d>();
  layer->kernel_ = k.value(), layer->stride_ = s.value(), layer->padding_ = p.value();
  layer->count_include_pad_ = cip.value();
  for (size_t i = 0; i < 2; ++i)
    if (2 * layer->padding_[i] > layer->kernel_[i])
      return Error(ErrorCode::INVALID_ARGUMENT, "AvgPool2d: padding=" + args.get_text("padding", "") +
                                                    " must be at most half of kernel_size (as in PyTorch)");
  return std::unique_ptr<Layer>(std::move(layer));
}

std::string AvgPool2d::describe() const {
  std::string s = "AvgPool2d(k=" + axes_text(kernel_.data(), 2);
  if (stride_ != kernel_) s += ", s=" + axes_text(stride_.data(), 2);
  if (padding_ != std::array<int, 2>{0, 0}) s += ", p=" + axes_text(padding_.data(), 2);
  if (!count_include_pad_) s += ", count_include_pad=False";
  return s + ")";
}

Status AvgPool2d::setup(std::span<const Shape> in, Shape* out) {
  const Shape& s = in[0];
  if (s.rank != 4) return Error(ErrorCode::SHAPE_MISMATCH, "AvgPool2d expects input (N, C, H, W), got " + s.str());
  channels_ = s[1], in_h_ = s[2], in_w_ = s[3];
  out_h_ = kernels::conv_out_size(in_h_, kernel_[0], stride_[0], 2 * padding_[0], 1);
  out_w_ = kernels::conv_out_size(in_w_, kernel_[1], stride_[1], 2 * padding_[1], 1);
  if (out_h_ < 1 || out_w_ < 1)
    return Error(ErrorCode::SHAPE_MISMATCH, describe() + ": input " + s.str() + " is smaller than the window");
  *out = Shape{1, channels_, out_h_, out_w_};
  return Status::Ok();
}

AvgPool2d::Window AvgPool2d::window(int oh, int ow) const {
  // aten/src/ATen/native/cpu/AvgPoolKernel.cpp: the pool size counts padding
  // up to H + p; the sum runs over the part inside the input.
  int h0 = oh * stride_[0] - padding_[0], w0 = ow * stride_[1] - padding_[1];
  int h1 = std::min(h0 + kernel_[0], in_h_ + padding_[0]), w1 = std::min(w0 + kernel_[1], in_w_ + padding_[1]);
  const int pool_size = (h1 - h0) * (w1 - w0);
  h0 = std::max(h0, 0), w0 = std::max(w0, 0);
  h1 = std::min(h1, in_h_), w1 = std::min(w1, in_w_);
  const int divisor = count_include_pad_ ? pool_size : (h1 - h0) * (w1 - w0);
  return {h0, h1, w0, w1, divisor > 0 ? 1.0f / static_cast<float>(divisor) : 0.0f};
}

void AvgPool2d::forward(std::span<const Tensor* const> x, Tensor& y, Context&) {
  const int n = x[0]->dim(0);
  y.resize({n, channels_, out_h_, out_w_});
  const int64_t plane = int64_t{in_h_} * in_w_;
  int64_t o = 0;
  for (int64_t nc = 0; nc < int64_t{n} * channels_; ++nc) {
    const float* xp = x[0]->data() + nc * plane;
    for (int oh = 0; oh < out_h_; ++oh)
      for (int ow = 0; ow < out_w_; ++ow, ++o) {
        const Window w = window(oh, ow);
        float sum = 0.0f;
        for (int ih = w.h0; ih < w.h1; ++ih)
          for (int iw = w.w0; iw < w.w1; ++iw) sum += xp[ih * in_w_ + iw];
        y[o] = sum * w.inv_divisor;
      }
  }
}

void AvgPool2d::backward(std::span<const Tensor* const>, const Tensor&, const Tensor& dy,
                         std::span<Tensor* const> dx) {
  if (!dx[0]) return;
  const int n = dy.dim(0);
  const int64_t plane = int64_t{in_h_} * in_w_;
  int64_t o = 0;
  for (int64_t nc = 0; nc < int64_t{n} * channels_; ++nc) {
    float* dp = dx[0]->data() + nc * plane;
    for (int oh = 0; oh < out_h_; ++oh)
      for (int ow = 0; ow < out_w_; ++ow, ++o) {
        const Window w = window(oh, ow);
        const float g = dy[o] * w.inv_divisor;
        for (int ih = w.h0; ih < w.h1; ++ih)
          for (int iw = w.w0; iw < w.w1; ++iw) dp[ih * in_w_ + iw] += g;
      }
  }
}

int64_t AvgPool2d::macs_per_sample() const {
  return int64_t{channels_} * out_h_ * out_w_ * kernel_[0] * kernel_[1];
}

}  // namespace nnplay::nn
