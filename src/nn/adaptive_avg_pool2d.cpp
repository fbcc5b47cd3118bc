#include "nn/adaptive_avg_pool2d.h"

#include "nn/spatial_args.h"

namespace nnplay::nn {
namespace {
// PyTorch's adaptive pooling bins (aten/src/ATen/native/AdaptivePooling.h).
int start_index(int a, int b, int c) { return static_cast<int>((int64_t{a} * c) / b); }
int end_index(int a, int b, int c) { return static_cast<int>((int64_t{a + 1} * c + b - 1) / b); }
}  // namespace

Result<std::unique_ptr<Layer>> AdaptiveAvgPool2d::from_args(const LayerArgs& args) {
  NNP_RETURN_IF_ERROR(args.check_known({"output_size"}));
  if (!args.has("output_size")) return Error(ErrorCode::INVALID_ARGUMENT, "AdaptiveAvgPool2d: output_size is required");
  auto o = get_int_axes<2>(args, "output_size", 1, 4096, {1, 1});
  if (!o.ok()) return o.status();
  auto layer = std::make_unique<AdaptiveAvgPool2d>();
  layer->output_size_ = o.value();
  return std::unique_ptr<Layer>(std::move(layer));
}

std::string AdaptiveAvgPool2d::describe() const {
  return "AdaptiveAvgPool2d(" + axes_text(output_size_.data(), 2) + ")";
}

Status AdaptiveAvgPool2d::setup(std::span<const Shape> in, Shape* out) {
  const Shape& s = in[0];
  if (s.rank != 4)
    return Error(ErrorCode::SHAPE_MISMATCH, "AdaptiveAvgPool2d expects input (N, C, H, W), got " + s.str());
  channels_ = s[1], in_h_ = s[2], in_w_ = s[3];
  *out = Shape{1, channels_, output_size_[0], output_size_[1]};
  return Status::Ok();
}

void AdaptiveAvgPool2d::forward(std::span<const Tensor* const> x, Tensor& y, Context&) {
  const int n = x[0]->dim(0), OH = output_size_[0], OW = output_size_[1];
  y.resize({n, channels_, OH, OW});
  const int64_t plane = int64_t{in_h_} * in_w_;
  int64_t o = 0;
  for (int64_t nc = 0; nc < int64_t{n} * channels_; ++nc) {
    const float* xp = x[0]->data() + nc * plane;
    for (int i = 0; i < OH; ++i) {
      const int h0 = start_index(i, OH, in_h_), h1 = end_index(i, OH, in_h_);
      for (int j = 0; j < OW; ++j, ++o) {
        const int w0 = start_index(j, OW, in_w_), w1 = end_index(j, OW, in_w_);
        float sum = 0.0f;
        for (int h = h0; h < h1; ++h)
          for (int w = w0; w < w1; ++w) sum += xp[h * in_w_ + w];
        y[o] = sum / static_cast<float>((h1 - h0) * (w1 - w0));
      }
    }
  }
}

void AdaptiveAvgPool2d::backward(std::span<const Tensor* const>, const Tensor&, const Tensor& dy,
                                 std::span<Tensor* const> dx) {
  if (!dx[0]) return;
  const int n = dy.dim(0), OH = output_size_[0], OW = output_size_[1];
  const int64_t plane = int64_t{in_h_} * in_w_;
  int64_t o = 0;
  for (int64_t nc = 0; nc < int64_t{n} * channels_; ++nc) {
    float* dp = dx[0]->data() + nc * plane;
    for (int i = 0; i < OH; ++i) {
      const int h0 = start_index(i, OH, in_h_), h1 = end_index(i, OH, in_h_);
      for (int j = 0; j < OW; ++j, ++o) {
        const int w0 = start_index(j, OW, in_w_), w1 = end_index(j, OW, in_w_);
        const float g = dy[o] / static_cast<float>((h1 - h0) * (w1 - w0));
        for (int h = h0; h < h1; ++h)
          for (int w = w0; w < w1; ++w) dp[h * in_w_ + w] += g;
      }
    }
  }
}

}  // namespace nnplay::nn
