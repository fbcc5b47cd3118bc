#include "nn/max_pool2d.h"

#include <cmath>
#include <limits>

#include "kernels/im2col.h"
#include "kernels/pool.h"
#include "nn/spatial_args.h"

namespace nnplay::nn {

Result<std::unique_ptr<Layer>> MaxPool2d::from_args(const LayerArgs& args) {
  NNP_RETURN_IF_ERROR(args.check_known({"kernel_size", "stride", "padding", "dilation", "ceil_mode"}));
  if (!args.has("kernel_size")) return Error(ErrorCode::INVALID_ARGUMENT, "MaxPool2d: kernel_size is required");
  auto k = get_int_axes<2>(args, "kernel_size", 1, 64, {1, 1});
  if (!k.ok()) return k.status();
  auto s = get_int_axes<2>(args, "stride", 1, 64, k.value());
  auto p = get_int_axes<2>(args, "padding", 0, 32, {0, 0});
  auto d = get_int_axes<2>(args, "dilation", 1, 64, {1, 1});
  for (const auto* r : {&s, &p, &d})
    if (!r->ok()) return r->status();
  auto ceil = args.get_bool("ceil_mode", false);
  if (!ceil.ok()) return ceil.status();
  auto layer = std::make_unique<MaxPool2d>();
  layer->ceil_mode_ = ceil.value();
  layer->kernel_ = k.value(), layer->stride_ = s.value(), layer->padding_ = p.value(), layer->dilation_ = d.value();
  for (size_t i = 0; i < 2; ++i)
    if (2 * layer->padding_[i] > layer->kernel_[i])
      return Error(ErrorCode::INVALID_ARGUMENT, "MaxPool2d: padding=" + args.get_text("padding", "") +
                                                    " must be at most half of kernel_size (as in PyTorch)");
  return std::unique_ptr<Layer>(std::move(layer));
}

std::string MaxPool2d::describe() const {
  std::string s = "MaxPool2d(k=" + axes_text(kernel_.data(), 2);
  if (stride_ != kernel_) s += ", s=" + axes_text(stride_.data(), 2);
  if (padding_ != std::array<int, 2>{0, 0}) s += ", p=" + axes_text(padding_.data(), 2);
  if (dilation_ != std::array<int, 2>{1, 1}) s += ", d=" + axes_text(dilation_.data(), 2);
  if (ceil_mode_) s += ", ceil";
  return s + ")";
}

Status MaxPool2d::setup(std::span<const Shape> in, Shape* out) {
  const Shape& s = in[0];
  if (s.rank != 4) return Error(ErrorCode::SHAPE_MISMATCH, "MaxPool2d expects input (N, C, H, W), got " + s.str());
  channels_ = s[1], in_h_ = s[2], in_w_ = s[3];
  // PyTorch's pooling_output_shape (aten/src/ATen/native/Pool.h).
  auto size = [&](int extent, size_t i) {
    const int span = extent + 2 * padding_[i] - dilation_[i] * (kernel_[i] - 1) - 1;
    if (span < 0) return 0;
    int n = (span + (ceil_mode_ ? stride_[i] - 1 : 0)) / stride_[i] + 1;
    if (ceil_mode_ && (n - 1) * stride_[i] >= extent + padding_[i]) --n;
    return n;
  };
  out_h_ = size(in_h_, 0);
  out_w_ = size(in_w_, 1);
  if (out_h_ < 1 || out_w_ < 1)
    return Error(ErrorCode::SHAPE_MISMATCH, describe() + ": input " + s.str() + " is smaller than the window");
  argmax_.reserve(static_cast<size_t>(int64_t{channels_} * out_h_ * out_w_ * max_batch()));
  *out = Shape{1, channels_, out_h_, out_w_};
  return Status::Ok();
}

void MaxPool2d::forward(std::span<const Tensor* const> x, Tensor& y, Context&) {
  const int n = x[0]->dim(0);
  y.resize({n, channels_, out_h_, out_w_});
  argmax_.resize(static_cast<size_t>(y.numel()));
  // LeNet's window (2x2, stride 2, no padding or dilation): an unrolled kernel, same result.
  if (kernel_ == std::array<int, 2>{2, 2} && stride_ == kernel_ && padding_ == std::array<int, 2>{0, 0} &&
      dilation_ == std::array<int, 2>{1, 1} && out_h_ == in_h_ / 2 && out_w_ == in_w_ / 2) {
    kernels::max_pool2d_2x2_f32(int64_t{n} * channels_, in_h_, in_w_, x[0]->data(), y.data(), argmax_.data());
    return;
  }
  const int64_t plane = int64_t{in_h_} * in_w_;
  int64_t o = 0;
  for (int64_t nc = 0; nc < int64_t{n} * channels_; ++nc) {
    const float* xp = x[0]->data() + nc * plane;
    for (int oh = 0; oh < out_h_; ++oh)
      for (int ow = 0; ow < out_w_; ++ow, ++o) {
        float best = -std::numeric_limits<float>::infinity();
        int32_t arg = -1;
        for (int i = 0; i < kernel_[0]; ++i) {
          const int ih = oh * stride_[0] - padding_[0] + i * dilation_[0];
          if (ih < 0 || ih >= in_h_) continue;
          for (int j = 0; j < kernel_[1]; ++j) {
            const int iw = ow * stride_[1] - padding_[1] + j * dilation_[1];
            if (iw < 0 || iw >= in_w_) continue;
            const float v = xp[ih * in_w_ + iw];
            if (v > best || arg < 0 || std::isnan(v)) {  // strict: the first maximum wins ties; NaN propagates
              best = v;
              arg = ih * in_w_ + iw;
            }
          }
        }
        y[o] = best;
        argmax_[static_cast<size_t>(o)] = arg;
      }
  }
}

void MaxPool2d::backward(std::span<const Tensor* const>, const Tensor&, const Tensor& dy,
                         std::span<Tensor* const> dx) {
  if (!dx[0]) return;
  const int64_t plane = int64_t{in_h_} * in_w_, out_plane = int64_t{out_h_} * out_w_;
  // Plane by plane: a division per element to find its plane cost as much as the rest.
  const int64_t planes = out_plane ? dy.numel() / out_plane : 0;
  const int32_t* arg = argmax_.data();
  const float* g = dy.data();
  for (int64_t p = 0; p < planes; ++p) {
    float* d = dx[0]->data() + p * plane;
    for (int64_t o = 0; o < out_plane; ++o)
      if (arg[o] >= 0) d[arg[o]] += g[o];
    arg += out_plane;
    g += out_plane;
  }
}

int64_t MaxPool2d::macs_per_sample() const {
  return int64_t{channels_} * out_h_ * out_w_ * kernel_[0] * kernel_[1];
}

}  // namespace nnplay::nn
