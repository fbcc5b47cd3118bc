#include "nn/conv_transpose2d.h"

#include <algorithm>
#include <cmath>

#include "kernels/gemm.h"
#include "nn/spatial_args.h"

namespace nnplay::nn {

Result<std::unique_ptr<Layer>> ConvTranspose2d::from_args(const LayerArgs& args) {
  NNP_RETURN_IF_ERROR(args.check_known({"in_channels", "out_channels", "kernel_size", "stride", "padding",
                                        "output_padding", "groups", "bias", "dilation", "padding_mode"}));
  Options o;
  auto in = args.get_int("in_channels", 1, 1 << 16, 0);
  auto out = args.get_int("out_channels", 1, 1 << 16);
  auto groups = args.get_int("groups", 1, 1 << 16, 1);
  auto bias = args.get_bool("bias", true);
  if (!in.ok()) return in.status();
  if (!out.ok()) return out.status();
  if (!groups.ok()) return groups.status();
  if (!bias.ok()) return bias.status();
  o.in_channels = in.value();
  o.out_channels = out.value();
  o.groups = groups.value();
  o.bias = bias.value();
  if (args.get_text("padding_mode", "zeros") != "zeros")
    return Error(ErrorCode::UNSUPPORTED, "ConvTranspose2d: only padding_mode='zeros' is implemented");
  if (!args.has("kernel_size")) return Error(ErrorCode::INVALID_ARGUMENT, "ConvTranspose2d: kernel_size is required");
  auto k = get_int_axes<2>(args, "kernel_size", 1, 64, {1, 1});
  auto s = get_int_axes<2>(args, "stride", 1, 64, {1, 1});
  auto p = get_int_axes<2>(args, "padding", 0, 64, {0, 0});
  auto op = get_int_axes<2>(args, "output_padding", 0, 64, {0, 0});
  auto d = get_int_axes<2>(args, "dilation", 1, 64, {1, 1});
  for (const auto* r : {&k, &s, &p, &op, &d})
    if (!r->ok()) return r->status();
  o.kernel_size = k.value(), o.stride = s.value(), o.padding = p.value(), o.output_padding = op.value();
  o.dilation = d.value();
  for (size_t i = 0; i < 2; ++i)
    if (o.output_padding[i] >= std::max(o.stride[i], o.dilation[i]))
      return Error(ErrorCode::INVALID_ARGUMENT,
                   "ConvTranspose2d: output_padding must be smaller than either stride or dilation (as in PyTorch), got "
                   "output_padding=" + args.get_text("output_padding", "") + ", stride=" + args.get_text("stride", "1"));
  if (o.out_channels % o.groups != 0)
    return Error(ErrorCode::INVALID_ARGUMENT, "ConvTranspose2d: out_channels=" + std::to_string(o.out_channels) +
                                                  " is not divisible by groups=" + std::to_string(o.groups));
  return std::unique_ptr<Layer>(new ConvTranspose2d(o));
}

std::string ConvTranspose2d::describe() const {
  std::string s = "ConvTranspose2d(" + std::to_string(in_channels_) + "\u2192" + std::to_string(opt_.out_channels) +
                  ", k=" + axes_text(opt_.kernel_size.data(), 2);
  if (opt_.stride != std::array<int, 2>{1, 1}) s += ", s=" + axes_text(opt_.stride.data(), 2);
  if (opt_.padding != std::array<int, 2>{0, 0}) s += ", p=" + axes_text(opt_.padding.data(), 2);
  if (opt_.output_padding != std::array<int, 2>{0, 0}) s += ", op=" + axes_text(opt_.output_padding.data(), 2);
  if (opt_.dilation != std::array<int, 2>{1, 1}) s += ", d=" + axes_text(opt_.dilation.data(), 2);
  if (opt_.groups != 1) s += ", groups=" + std::to_string(opt_.groups);
  if (!opt_.bias) s += ", bias=False";
  return s + ")";
}

Status ConvTranspose2d::setup(std::span<const Shape> in, Shape* out) {
  const Shape& s = in[0];
  if (s.rank != 4) return Error(ErrorCode::SHAPE_MISMATCH, "ConvTranspose2d expects input (N, C, H, W), got " + s.str());
  const int cin = s[1], G = opt_.groups, cout = opt_.out_channels;
  if (opt_.in_channels > 0 && cin != opt_.in_channels)
    return Error(ErrorCode::SHAPE_MISMATCH, "ConvTranspose2d: in_channels=" + std::to_string(opt_.in_channels) +
                                                " but the input has " + std::to_string(cin) + " channels");
  if (cin % G != 0)
    return Error(ErrorCode::INVALID_ARGUMENT, "ConvTranspose2d: " + std::to_string(cin) +
                                                  " input channels are not divisible by groups=" + std::to_string(G));
  const auto& k = opt_.kernel_size;
  const auto& st = opt_.stride;
  const auto& p = opt_.padding;
  const auto& d = opt_.dilation;
  const auto& op = opt_.output_padding;
  const int out_h = (s[2] - 1) * st[0] - 2 * p[0] + d[0] * (k[0] - 1) + op[0] + 1;
  const int out_w = (s[3] - 1) * st[1] - 2 * p[1] + d[1] * (k[1] - 1) + op[1] + 1;
  if (out_h < 1 || out_w < 1)
    return Error(ErrorCode::SHAPE_MISMATCH, describe() + ": padding leaves no output for input " + s.str());
  kernels::ConvGeometry g;
  g.channels = cout / G;
  g.in_h = out_h, g.in_w = out_w;
  g.kernel_h = k[0], g.kernel_w = k[1];
  g.stride_h = st[0], g.stride_w = st[1];
  g.pad_h = p[0], g.pad_w = p[1];
  g.dilation_h = d[0], g.dilation_w = d[1];
  g.out_h = s[2], g.out_w = s[3];
  const Shape wshape{cin, cout / G, k[0], k[1]};
  if (weight_.shape() != wshape) {
    weight_.resize(wshape);
    dweight_.resize(wshape);
  }
  if (opt_.bias) {
    bias_.resize({cout});
    dbias_.resize({cout});
  }
  in_channels_ = cin;
  geom_ = g;
  if (!g.is_pointwise()) col_.resize({g.col_rows(), g.col_cols()});
  *out = Shape{1, cout, out_h, out_w};
  return Status::Ok();
}

void ConvTranspose2d::reset_parameters(Rng& rng) {
  // torch computes fan_in = weight.size(1)·kH·kW = C_out/G·kH·kW for this layout.
  const float bound = 1.0f / std::sqrt(static_cast<float>(geom_.col_rows()));
  for (int64_t i = 0; i < weight_.numel(); ++i) weight_[i] = rng.uniform(-bound, bound);
  for (int64_t i = 0; i < bias_.numel(); ++i) bias_[i] = rng.uniform(-bound, bound);
}

void ConvTranspose2d::forward(std::span<const Tensor* const> x, Tensor& y, Context&) {
  const kernels::ConvGeometry& g = geom_;
  const int n = x[0]->dim(0), G = opt_.groups, cin_g = in_channels_ / G;
  const int Kc = g.col_rows(), P = g.col_cols();  // Kc = C_out/G·kH·kW, P = H·W (our input)
  y.resize({n, opt_.out_channels, g.in_h, g.in_w});
  const int64_t x_group = int64_t{cin_g} * P, y_group = int64_t{g.channels} * g.in_volume();
  const bool pointwise = g.is_pointwise();
  for (int s = 0; s < n; ++s) {
    for (int gi = 0; gi < G; ++gi) {
      const int64_t sg = int64_t{s} * G + gi;
      const float* xg = x[0]->data() + sg * x_group;
      const float* wg = weight_.data() + int64_t{gi} * cin_g * Kc;
      float* yg = y.data() + sg * y_group;
      if (pointwise) {
        kernels::gemm_f32_tn(Kc, P, cin_g, wg, xg, yg, 0.0f);  // y_g = W_gᵀ · x_g
        continue;
      }
      kernels::gemm_f32_tn(Kc, P, cin_g, wg, xg, col_.data(), 0.0f);  // col = W_gᵀ · x_g
      std::fill(yg, yg + y_group, 0.0f);
      kernels::col2im_f32(g, col_.data(), yg);
    }
  }
  if (opt_.bias) {
    const int64_t plane = g.in_volume();
    for (int s = 0; s < n; ++s)
      for (int o = 0; o < opt_.out_channels; ++o) {
        float* row = y.data() + (int64_t{s} * opt_.out_channels + o) * plane;
        const float b = bias_[o];
        for (int64_t i = 0; i < plane; ++i) row[i] += b;
      }
  }
}

void ConvTranspose2d::backward(std::span<const Tensor* const> x, const Tensor&, const Tensor& dy,
                               std::span<Tensor* const> dx) {
  const kernels::ConvGeometry& g = geom_;
  const int n = dy.dim(0), G = opt_.groups, cin_g = in_channels_ / G;
  const int Kc = g.col_rows(), P = g.col_cols();
  const int64_t x_group = int64_t{cin_g} * P, y_group = int64_t{g.channels} * g.in_volume();
  const bool pointwise = g.is_pointwise();
  for (int s = 0; s < n; ++s) {
    for (int gi = 0; gi < G; ++gi) {
      const int64_t sg = int64_t{s} * G + gi;
      const float* xg = x[0]->data() + sg * x_group;
      const float* dyg = dy.data() + sg * y_group;
      const float* wg = weight_.data() + int64_t{gi} * cin_g * Kc;
      const float* col = dyg;
      if (!pointwise) {
        kernels::im2col_f32(g, dyg, col_.data());
        col = col_.data();
      }
      // dW_g (C_in/G, Kc) += x_g (C_in/G, P) · colᵀ (P, Kc)
      kernels::gemm_f32_nt(cin_g, Kc, P, xg, col, dweight_.data() + int64_t{gi} * cin_g * Kc, 1.0f);
      // dx_g (C_in/G, P) += W_g (C_in/G, Kc) · col (Kc, P)
      if (dx[0]) kernels::gemm_f32_nn(cin_g, P, Kc, wg, col, dx[0]->data() + sg * x_group, 1.0f);
    }
  }
  if (opt_.bias) {
    const int64_t plane = g.in_volume();
    for (int s = 0; s < n; ++s)
      for (int o = 0; o < opt_.out_channels; ++o) {
        const float* row = dy.data() + (int64_t{s} * opt_.out_channels + o) * plane;
        double sum = 0;
        for (int64_t i = 0; i < plane; ++i) sum += row[i];
        dbias_[o] += static_cast<float>(sum);
      }
  }
}

std::vector<ParamRef> ConvTranspose2d::params() {
  std::vector<ParamRef> p;
  p.push_back({{uid(), "weight"}, &weight_, &dweight_, 1.0f});
  if (opt_.bias) p.push_back({{uid(), "bias"}, &bias_, &dbias_, 0.0f});
  return p;
}

int64_t ConvTranspose2d::macs_per_sample() const {
  return int64_t{in_channels_} * geom_.col_rows() * geom_.col_cols();
}

}  // namespace nnplay::nn
