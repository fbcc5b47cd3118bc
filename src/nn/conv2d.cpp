#include "nn/conv2d.h"

#include <algorithm>
#include <cmath>

#include "core/parallel.h"
#include "kernels/conv_gemm.h"
#include "kernels/elementwise.h"
#include "kernels/gemm.h"

namespace nnplay::nn {

Result<ConvOptions> parse_conv_options(const LayerArgs& args, int rank) {
  NNP_RETURN_IF_ERROR(args.check_known({"in_channels", "out_channels", "kernel_size", "stride", "padding", "dilation",
                                        "groups", "bias", "padding_mode"}));
  ConvOptions o;
  o.rank = rank;
  const size_t first = rank == 2 ? 1 : 0;  // 2D values go to (H, W)
  auto in = args.get_int("in_channels", 1, 1 << 16, 0);
  auto out = args.get_int("out_channels", 1, 1 << 16);
  if (!in.ok()) return in.status();
  if (!out.ok()) return out.status();
  o.in_channels = in.value();
  o.out_channels = out.value();
  auto groups = args.get_int("groups", 1, 1 << 16, 1);
  auto bias = args.get_bool("bias", true);
  if (!groups.ok()) return groups.status();
  if (!bias.ok()) return bias.status();
  o.groups = groups.value();
  o.bias = bias.value();
  if (args.get_text("padding_mode", "zeros") != "zeros")
    return Error(ErrorCode::UNSUPPORTED, args.owner() + ": only padding_mode='zeros' is implemented");
  if (!args.has("kernel_size")) return Error(ErrorCode::INVALID_ARGUMENT, args.owner() + ": kernel_size is required");
  double v[3];
  struct Axis {
    const char* name;
    std::array<int, 3>* out;
    int lo, hi, fallback;
  } axes[] = {{"kernel_size", &o.kernel_size, 1, 64, 1}, {"stride", &o.stride, 1, 64, 1}, {"dilation", &o.dilation, 1, 64, 1}};
  for (const Axis& a : axes) {
    for (double& d : v) d = a.fallback;
    NNP_RETURN_IF_ERROR(get_axes(args, a.name, rank, a.lo, a.hi, true, v));
    for (size_t i = 0; i < static_cast<size_t>(rank); ++i) (*a.out)[first + i] = static_cast<int>(v[i]);
  }
  if (args.get_text("padding", "") == "same") {
    o.padding.same = true;  // at stride > 1 it depends on the input: resolve_same_padding() in setup
    resolve_same<3>(o.padding, o.kernel_size, o.dilation);
  } else {
    for (double& d : v) d = 0;
    NNP_RETURN_IF_ERROR(get_axes(args, "padding", rank, 0, 64, true, v));
    for (size_t i = 0; i < static_cast<size_t>(rank); ++i)
      o.padding.before[first + i] = o.padding.after[first + i] = static_cast<int>(v[i]);
  }
  if (o.out_channels % o.groups != 0)
    return Error(ErrorCode::INVALID_ARGUMENT, args.owner() + ": out_channels=" + std::to_string(o.out_channels) +
                                                  " is not divisible by groups=" + std::to_string(o.groups));
  return o;
}

Result<std::unique_ptr<Layer>> Conv2d::from_args(const LayerArgs& args) {
  auto o = parse_conv_options(args, 2);
  if (!o.ok()) return o.status();
  return std::unique_ptr<Layer>(new Conv2d(o.value()));
}

std::string Convolution::describe() const {
  const int r = opt_.rank, first = 3 - r;
  std::string s = std::string(type_name()) + "(" + std::to_string(in_channels_) + "\u2192" +
                  std::to_string(opt_.out_channels) + ", k=" + axes_text(opt_.kernel_size.data() + first, r);
  if (opt_.stride != std::array<int, 3>{1, 1, 1}) s += ", s=" + axes_text(opt_.stride.data() + first, r);
  if (opt_.padding.same) s += ", p=same";
  else if (opt_.padding.before != std::array<int, 3>{}) s += ", p=" + axes_text(opt_.padding.before.data() + first, r);
  if (opt_.dilation != std::array<int, 3>{1, 1, 1}) s += ", d=" + axes_text(opt_.dilation.data() + first, r);
  if (opt_.groups != 1) s += ", groups=" + std::to_string(opt_.groups);
  if (!opt_.bias) s += ", bias=False";
  return s + ")";
}

void resolve_same_padding(ConvOptions& o, const std::array<int, 3>& in) {
  if (!o.padding.same) return;
  for (size_t i = 0; i < 3; ++i) {
    const int s = o.stride[i], out = (in[i] + s - 1) / s;
    const int total = std::max((out - 1) * s + o.dilation[i] * (o.kernel_size[i] - 1) + 1 - in[i], 0);
    o.padding.before[i] = total / 2;
    o.padding.after[i] = total - total / 2;
  }
}

Status Convolution::setup(std::span<const Shape> in, Shape* out) {
  const Shape& s = in[0];
  const int r = opt_.rank;
  if (s.rank != r + 2)
    return Error(ErrorCode::SHAPE_MISMATCH, std::string(type_name()) + " expects input " +
                                                (r == 2 ? "(N, C, H, W)" : "(N, C, D, H, W)") + ", got " + s.str());
  resolve_same_padding(opt_, {r == 3 ? s[2] : 1, s[r], s[r + 1]});
  const int cin = s[1];
  if (opt_.in_channels > 0 && cin != opt_.in_channels)
    return Error(ErrorCode::SHAPE_MISMATCH, std::string(type_name()) + ": in_channels=" +
                                                std::to_string(opt_.in_channels) + " but the input has " +
                                                std::to_string(cin) + " channels");
  if (cin % opt_.groups != 0)
    return Error(ErrorCode::INVALID_ARGUMENT, std::string(type_name()) + ": " + std::to_string(cin) +
                                                  " input channels are not divisible by groups=" +
                                                  std::to_string(opt_.groups));
  kernels::ConvGeometry g;
  g.channels = cin / opt_.groups;
  g.in_d = r == 3 ? s[2] : 1;
  g.in_h = s[r];
  g.in_w = s[r + 1];
  g.kernel_d = opt_.kernel_size[0], g.kernel_h = opt_.kernel_size[1], g.kernel_w = opt_.kernel_size[2];
  g.stride_d = opt_.stride[0], g.stride_h = opt_.stride[1], g.stride_w = opt_.stride[2];
  g.dilation_d = opt_.dilation[0], g.dilation_h = opt_.dilation[1], g.dilation_w = opt_.dilation[2];
  g.pad_d = opt_.padding.before[0], g.pad_h = opt_.padding.before[1], g.pad_w = opt_.padding.before[2];
  const auto& pb = opt_.padding.before;
  const auto& pa = opt_.padding.after;
  g.out_d = kernels::conv_out_size(g.in_d, g.kernel_d, g.stride_d, pb[0] + pa[0], g.dilation_d);
  g.out_h = kernels::conv_out_size(g.in_h, g.kernel_h, g.stride_h, pb[1] + pa[1], g.dilation_h);
  g.out_w = kernels::conv_out_size(g.in_w, g.kernel_w, g.stride_w, pb[2] + pa[2], g.dilation_w);
  if (g.out_d < 1 || g.out_h < 1 || g.out_w < 1)
    return Error(ErrorCode::SHAPE_MISMATCH, describe() + ": input " + s.str() +
                                                " is smaller than the (dilated) kernel plus padding");
  const int cout = opt_.out_channels;
  const Shape wshape = r == 2 ? Shape{cout, g.channels, g.kernel_h, g.kernel_w}
                              : Shape{cout, g.channels, g.kernel_d, g.kernel_h, g.kernel_w};
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
  plan_ = kernels::plan_conv(g, r, opt_.groups, cout, max_batch());
  const bool unfolded = plan_.algo == kernels::ConvAlgo::Unfolded;
  col_.resize(unfolded ? Shape{g.col_rows(), g.col_cols()} : Shape{0});
  dcol_.resize(unfolded ? Shape{g.col_rows(), g.col_cols()} : Shape{0});
  cache_.clear();
  cache_.shrink_to_fit();
  cache_.reserve(static_cast<size_t>(plan_.cache_floats));
  cached_batch_ = 0;
  scratch_.clear();
  if (plan_.algo == kernels::ConvAlgo::WideRows) (void)scratch(0);
  *out = r == 2 ? Shape{1, cout, g.out_h, g.out_w} : Shape{1, cout, g.out_d, g.out_h, g.out_w};
  return Status::Ok();
}

void Convolution::reset_parameters(Rng& rng) {
  // PyTorch: kaiming_uniform_(a=√5) = U(−1/√fan_in, 1/√fan_in); the bias uses the same bound.
  const float bound = 1.0f / std::sqrt(static_cast<float>(geom_.col_rows()));
  for (int64_t i = 0; i < weight_.numel(); ++i) weight_[i] = rng.uniform(-bound, bound);
  for (int64_t i = 0; i < bias_.numel(); ++i) bias_[i] = rng.uniform(-bound, bound);
}

void Convolution::forward(std::span<const Tensor* const> x, Tensor& y, Context& ctx) {
  forward_samples(x, y, ctx, 0, x[0]->dim(0));
}

void Convolution::forward_samples(std::span<const Tensor* const> x, Tensor& y, Context& ctx, int s0, int s1) {
  const kernels::ConvGeometry& g = geom_;
  const int n = x[0]->dim(0);
  if (s0 == 0) {
    y.resize(opt_.rank == 2 ? Shape{n, opt_.out_channels, g.out_h, g.out_w}
                            : Shape{n, opt_.out_channels, g.out_d, g.out_h, g.out_w});
    // Training keeps the batch's cols or padded images for backward when the
    // plan made room for them (within the capacity reserved at setup: no allocation).
    const int64_t need = int64_t{n} * opt_.groups * plan_.cache_group;
    const bool cache = ctx.mode == Mode::Train && plan_.cache_floats > 0 && need <= int64_t(cache_.capacity());
    // Growing only: a padded image's borders, zero since then, are never written.
    if (cache && int64_t(cache_.size()) < need) cache_.resize(static_cast<size_t>(need));
    cached_batch_ = cache ? n : 0;
  }
  const bool cache = cached_batch_ == n && n > 0;
  switch (plan_.algo) {
    case kernels::ConvAlgo::WideRows: forward_wide(*x[0], y, cache, s0, s1); break;
    case kernels::ConvAlgo::Pointwise:
    case kernels::ConvAlgo::Unfolded: forward_unfolded(*x[0], y, cache, s0, s1); break;
  }
}

void Convolution::backward(std::span<const Tensor* const> x, const Tensor& y, const Tensor& dy,
                           std::span<Tensor* const> dx) {
  backward_samples(x, y, dy, dx, 0, dy.dim(0));
}

void Convolution::backward_samples(std::span<const Tensor* const> x, const Tensor&, const Tensor& dy,
                                   std::span<Tensor* const> dx, int s0, int s1) {
  switch (plan_.algo) {
    case kernels::ConvAlgo::WideRows: backward_wide(*x[0], dy, dx[0], s0, s1); break;
    case kernels::ConvAlgo::Pointwise:
    case kernels::ConvAlgo::Unfolded: backward_unfolded(*x[0], dy, dx[0], s0, s1); break;
  }
  if (opt_.bias) {
    const int C = opt_.out_channels, P = plan_.P;
    for (int s = s0; s < s1; ++s) kernels::row_sums_f32(C, P, dy.data() + int64_t{s} * C * P, P, dbias_.data());
  }
}

// Wide rows (kernels/conv_plan.h). With x zero-padded to xp (C, hp, wp) and
// output position q = oh·wp + ow,
//   col[(c, i, j), q] = xp[c·hp·wp + i·dH·wp + j·dW + q] = xp[koff(c, i, j) + q],
// so row k of col is xp from koff[k] on: W·col reads xp in place, and the
// columns with ow >= W_out (the gaps) and those past wide_n (up to wide_ld,
// the rounded width the products compute) are computed and dropped. Backward
// runs on dy spread to the same wide layout with zero gaps and tail: dW += dy·colᵀ reads xp
// the same way, and col2im becomes adding row k of Wᵀ·dy into dxp at koff[k].

Convolution::WideScratch& Convolution::scratch(int part) {
  while (static_cast<int>(scratch_.size()) <= part) {
    // Zero-filled: the padded image's borders and dy's gap columns stay zero
    // (only interiors and outputs are written).
    const kernels::ConvPlan& p = plan_;
    const size_t wide_out = p.gaps ? static_cast<size_t>(int64_t{p.cout_g} * p.wide_ld) : 0;
    const size_t xp = p.padded ? static_cast<size_t>(p.xp_size) : 0;
    WideScratch w;
    w.xp.assign(xp, 0.0f);
    w.ywide.assign(wide_out, 0.0f);
    w.dywide.assign(wide_out, 0.0f);
    w.dcolw.assign(static_cast<size_t>(int64_t{p.K} * p.wide_ld), 0.0f);
    w.dxp.assign(xp, 0.0f);
    if (p.dweight_an) {
      w.dyt.assign(static_cast<size_t>(int64_t{p.wide_ld} * p.cout_ld), 0.0f);  // padding columns stay zero
      w.dwt.assign(static_cast<size_t>(int64_t{p.K} * p.cout_ld), 0.0f);
    }
    if (!scratch_.empty()) w.dweight.assign(static_cast<size_t>(weight_.numel()), 0.0f);
    scratch_.push_back(std::move(w));
  }
  return scratch_[static_cast<size_t>(part)];
}

namespace {
// body(a, b, part) over samples [s0, s1) of the batch, split between the thread
// parts (parallel.h) when the plan says the call is worth it, else all on
// part 0. Returns the number of parts used.
template <class Body>
int over_samples(int s0, int s1, int64_t macs, Body&& body) {
  const int parts = kernels::conv_parts(s1 - s0, macs, parallel::num_threads());
  if (parts == 1) {
    body(s0, s1, 0);
    return 1;
  }
  parallel::for_parts([&](int part, int parts_run) {
    int64_t a = 0, b = 0;
    parallel::part_range(s1 - s0, part, parts_run, &a, &b);
    body(s0 + static_cast<int>(a), s0 + static_cast<int>(b), part);
  });
  return parts;
}
}  // namespace

void Convolution::forward_wide(const Tensor& x, Tensor& y, bool cache, int s0, int s1) {
  (void)scratch(parallel::num_threads() - 1);  // grows once, when threads are first used
  over_samples(s0, s1, int64_t{s1 - s0} * macs_per_sample(), [&](int a, int b, int part) {
    forward_wide_samples(x, y, cache, a, b, scratch_[static_cast<size_t>(part)]);
  });
}

const float* Convolution::pad_input(const float* xg, float* xp) const {
  const kernels::ConvGeometry& g = geom_;
  const int wp = plan_.wp;
  for (int c = 0; c < g.channels; ++c)
    kernels::copy_2d_f32(g.in_h, g.in_w, xg + c * plan_.in_plane, g.in_w, xp + c * plan_.plane + int64_t{g.pad_h} * wp + g.pad_w,
                         wp);
  return xp;
}

void Convolution::forward_wide_samples(const Tensor& x, Tensor& y, bool cache, int s0, int s1, WideScratch& w) {
  const kernels::ConvGeometry& g = geom_;
  const kernels::ConvPlan& p = plan_;
  const int G = opt_.groups, cout_g = p.cout_g, K = p.K, N = p.wide_ld;
  for (int s = s0; s < s1; ++s) {
    for (int gi = 0; gi < G; ++gi) {
      const int64_t sg = int64_t{s} * G + gi;
      const float* xg = x.data() + sg * p.in_group;
      const float* xp = p.padded ? pad_input(xg, cache ? cache_.data() + sg * p.xp_size : w.xp.data()) : xg;
      float* yg = y.data() + sg * p.out_group;
      float* out = p.gaps ? w.ywide.data() : yg;
      kernels::conv_gemm_nn_f32(cout_g, N, K, weight_.data() + int64_t{gi} * cout_g * K, K, 1, xp, 0, p.koff.data(),
                                out, N, opt_.bias ? bias_.data() + gi * cout_g : nullptr, false);
      if (p.gaps)
        for (int o = 0; o < cout_g; ++o)
          kernels::copy_2d_f32(g.out_h, g.out_w, out + int64_t{o} * N, p.wp, yg + int64_t{o} * p.P, g.out_w);
    }
  }
}

void Convolution::backward_wide(const Tensor& x, const Tensor& dy, Tensor* dx, int s0, int s1) {
  (void)scratch(parallel::num_threads() - 1);
  const int used = over_samples(s0, s1, int64_t{s1 - s0} * 2 * macs_per_sample(), [&](int a, int b, int part) {
    WideScratch& w = scratch_[static_cast<size_t>(part)];
    float* dweight = dweight_.data();
    if (part > 0) {  // a part's share of dW, added to dweight_ in part order below
      std::fill(w.dweight.begin(), w.dweight.end(), 0.0f);
      dweight = w.dweight.data();
    }
    backward_wide_samples(x, dy, dx, a, b, w, dweight);
  });
  for (int part = 1; part < used; ++part)
    kernels::add_2d_f32(1, static_cast<int>(weight_.numel()), scratch_[static_cast<size_t>(part)].dweight.data(), 0,
                        dweight_.data(), 0);
}

void Convolution::backward_wide_samples(const Tensor& x, const Tensor& dy, Tensor* dx, int s0, int s1,
                                        WideScratch& w, float* dweight) {
  const kernels::ConvGeometry& g = geom_;
  const kernels::ConvPlan& p = plan_;
  const int G = opt_.groups, cout_g = p.cout_g, K = p.K, N = p.wide_ld, wp = p.wp;
  const bool cached = cached_batch_ == dy.dim(0);
  for (int s = s0; s < s1; ++s) {
    for (int gi = 0; gi < G; ++gi) {
      const int64_t sg = int64_t{s} * G + gi;
      const float* xg = x.data() + sg * p.in_group;
      const float* xp = cached ? cache_.data() + sg * p.xp_size : p.padded ? pad_input(xg, w.xp.data()) : xg;
      const float* dyg = dy.data() + sg * p.out_group;
      const float* dyw = dyg;
      if (p.gaps) {
        for (int o = 0; o < cout_g; ++o)
          kernels::copy_2d_f32(g.out_h, g.out_w, dyg + int64_t{o} * p.P, g.out_w, w.dywide.data() + int64_t{o} * N, wp);
        dyw = w.dywide.data();
      }
      const float* wg = weight_.data() + int64_t{gi} * cout_g * K;
      float* dwg = dweight + int64_t{gi} * cout_g * K;
      if (p.dweight_an) {
        // dW_gᵀ (K, cout_ld) = col (K, N) · dyᵀ (N, cout_ld), row k of col = xp + koff[k];
        // then dW_g (C_out/G, K) += its transpose.
        const int ldt = p.cout_ld;
        kernels::transpose_2d_f32(cout_g, N, dyw, N, w.dyt.data(), ldt, false);
        kernels::conv_gemm_an_f32(K, ldt, N, xp, p.koff.data(), w.dyt.data(), ldt, w.dwt.data(), ldt);
        kernels::transpose_2d_f32(K, cout_g, w.dwt.data(), ldt, dwg, K, true);
      } else {
        // dW_g (C_out/G, K) += dy (C_out/G, N) · colᵀ, row k of col = xp + koff[k]
        kernels::conv_gemm_nt_f32(cout_g, K, N, dyw, N, xp, 0, p.koff.data(), dwg, K);
      }
      if (!dx) continue;
      float* dxg = dx->data() + sg * p.in_group;
      kernels::conv_gemm_nn_f32(K, N, cout_g, wg, 1, K, dyw, N, nullptr, w.dcolw.data(), N, nullptr, false);
      if (!p.padded) {
        kernels::add_rows_f32(K, p.wide_n, w.dcolw.data(), N, p.koff.data(), dxg);
        continue;
      }
      kernels::zero_f32(p.xp_size, w.dxp.data());
      kernels::add_rows_f32(K, p.wide_n, w.dcolw.data(), N, p.koff.data(), w.dxp.data());
      for (int c = 0; c < g.channels; ++c)
        kernels::add_2d_f32(g.in_h, g.in_w, w.dxp.data() + c * p.plane + int64_t{g.pad_h} * wp + g.pad_w, wp,
                            dxg + c * p.in_plane, g.in_w);
    }
  }
}

// Unfolded and pointwise: col = im2col(x) (or x itself), then the products
// on the unpacked kernels (conv_gemm.h) or the packed GEMM (gemm.h), as the
// plan says.

void Convolution::forward_unfolded(const Tensor& x, Tensor& y, bool cache, int s0, int s1) {
  const kernels::ConvGeometry& g = geom_;
  const kernels::ConvPlan& p = plan_;
  const int G = opt_.groups, cout_g = p.cout_g, K = p.K, P = p.P;
  const bool pointwise = p.algo == kernels::ConvAlgo::Pointwise;
  for (int s = s0; s < s1; ++s) {
    for (int gi = 0; gi < G; ++gi) {
      const int64_t sg = int64_t{s} * G + gi;
      const float* xg = x.data() + sg * p.in_group;
      const float* col = xg;
      if (!pointwise) {
        float* c = cache ? cache_.data() + sg * p.cache_group : col_.data();
        kernels::im2col_f32(g, xg, c);
        col = c;
      }
      float* yg = y.data() + sg * p.out_group;
      const float* wg = weight_.data() + int64_t{gi} * cout_g * K;
      const float* bg = opt_.bias ? bias_.data() + gi * cout_g : nullptr;
      if (p.direct) {
        kernels::conv_gemm_nn_f32(cout_g, P, K, wg, K, 1, col, P, nullptr, yg, P, bg, false);
        continue;
      }
      kernels::gemm_f32_nn(cout_g, P, K, wg, col, yg, 0.0f);
      if (bg)
        for (int o = 0; o < cout_g; ++o) {
          const float b = bg[o];
          float* row = yg + int64_t{o} * P;
          for (int q = 0; q < P; ++q) row[q] += b;
        }
    }
  }
}

void Convolution::backward_unfolded(const Tensor& x, const Tensor& dy, Tensor* dx, int s0, int s1) {
  const kernels::ConvGeometry& g = geom_;
  const kernels::ConvPlan& p = plan_;
  const int G = opt_.groups, cout_g = p.cout_g, K = p.K, P = p.P;
  const bool pointwise = p.algo == kernels::ConvAlgo::Pointwise;
  const bool cached = cached_batch_ == dy.dim(0);
  for (int s = s0; s < s1; ++s) {
    for (int gi = 0; gi < G; ++gi) {
      const int64_t sg = int64_t{s} * G + gi;
      const float* xg = x.data() + sg * p.in_group;
      const float* dyg = dy.data() + sg * p.out_group;
      const float* wg = weight_.data() + int64_t{gi} * cout_g * K;
      float* dwg = dweight_.data() + int64_t{gi} * cout_g * K;
      const float* col = xg;
      if (cached) {
        col = cache_.data() + sg * p.cache_group;
      } else if (!pointwise) {
        kernels::im2col_f32(g, xg, col_.data());  // no room to keep it from forward
        col = col_.data();
      }
      // dW_g (C_out/G, K) += dy_g (C_out/G, P) · colᵀ (P, K)
      if (p.direct) kernels::conv_gemm_nt_f32(cout_g, K, P, dyg, P, col, P, nullptr, dwg, K);
      else kernels::gemm_f32_nt(cout_g, K, P, dyg, col, dwg, 1.0f);
      if (!dx) continue;
      float* dxg = dx->data() + sg * p.in_group;
      // dcol (K, P) = W_gᵀ (K, C_out/G) · dy_g (C_out/G, P); pointwise: dx_g += the same
      float* dst = pointwise ? dxg : dcol_.data();
      if (p.direct_dx) kernels::conv_gemm_nn_f32(K, P, cout_g, wg, 1, K, dyg, P, nullptr, dst, P, nullptr, pointwise);
      else kernels::gemm_f32_tn(K, P, cout_g, wg, dyg, dst, pointwise ? 1.0f : 0.0f);
      if (!pointwise) kernels::col2im_f32(g, dcol_.data(), dxg);
    }
  }
}

std::vector<ParamRef> Convolution::params() {
  std::vector<ParamRef> p;
  p.push_back({{uid(), "weight"}, &weight_, &dweight_, 1.0f});
  if (opt_.bias) p.push_back({{uid(), "bias"}, &bias_, &dbias_, 0.0f});
  return p;
}

int64_t Convolution::macs_per_sample() const {
  return int64_t{opt_.out_channels} * geom_.col_cols() * geom_.col_rows();
}

}  // namespace nnplay::nn
