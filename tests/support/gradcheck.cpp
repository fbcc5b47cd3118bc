#include "support/gradcheck.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace nnplay::test {

Tensor random_tensor(const Shape& shape, uint64_t seed, float scale) {
  Tensor t(shape);
  Rng rng(seed, 99);
  for (int64_t i = 0; i < t.numel(); ++i) t[i] = scale * rng.normal();
  return t;
}

GradCheckReport compare_with_finite_differences(const std::function<double()>& f, std::vector<Probe>& probes,
                                                const GradCheckOptions& opt) {
  GradCheckReport rep;
  double err_sum = 0;
  int failures = 0;
  Rng pick(opt.seed, 17);
  for (Probe& p : probes) {
    const int64_t n = p.value->numel();
    std::vector<int64_t> elements;
    if (n <= opt.max_elements) {
      for (int64_t i = 0; i < n; ++i) elements.push_back(i);
    } else {
      for (int k = 0; k < opt.max_elements; ++k) elements.push_back(pick.below(static_cast<uint32_t>(n)));
    }
    for (int64_t i : elements) {
      float& v = (*p.value)[i];
      const float v0 = v;
      const double h = std::max(opt.h_min, opt.h_rel * std::abs(static_cast<double>(v0)));
      const auto hp = static_cast<float>(v0 + h), hm = static_cast<float>(v0 - h);
      const double f0 = f();
      v = hp;
      const double fp = f();
      v = hm;
      const double fm = f();
      v = v0;
      const double dh = static_cast<double>(hp) - static_cast<double>(hm);  // the step actually taken in float
      const double numeric = (fp - fm) / dh;
      const double right = (fp - f0) / (static_cast<double>(hp) - v0);
      const double left = (f0 - fm) / (v0 - static_cast<double>(hm));
      const double analytic = p.analytic[i];
      // A kink: one-sided slopes disagree far beyond what curvature explains.
      if (std::abs(right - left) > std::max(opt.tol_abs, opt.tol_rel * std::max(std::abs(right), std::abs(left))) * 4 &&
          std::abs(analytic - numeric) > opt.tol_abs) {
        ++rep.skipped_kinks;
        continue;
      }
      const double err = std::abs(analytic - numeric);
      err_sum += err;
      ++rep.checked;
      rep.max_abs_err = std::max(rep.max_abs_err, err);
      if (err > opt.tol_abs && err > opt.tol_rel * std::max(std::abs(analytic), std::abs(numeric))) {
        rep.ok = false;
        if (failures++ < 8) {
          char buf[200];
          std::snprintf(buf, sizeof buf, "  %s[%lld]: analytic %.6g vs numeric %.6g\n", p.name.c_str(),
                        static_cast<long long>(i), analytic, numeric);
          rep.failures += buf;
        }
      }
    }
  }
  rep.mean_abs_err = rep.checked ? err_sum / rep.checked : 0;
  if (rep.mean_abs_err > opt.tol_mean) {
    rep.ok = false;
    rep.failures += "  mean abs error " + std::to_string(rep.mean_abs_err) + " > " + std::to_string(opt.tol_mean) + "\n";
  }
  const int total = rep.checked + rep.skipped_kinks;
  if (total > 0 && rep.skipped_kinks > opt.max_kink_fraction * total) {
    rep.ok = false;
    rep.failures += "  " + std::to_string(rep.skipped_kinks) + " of " + std::to_string(total) +
                    " elements sit at kinks: move inputs away from them\n";
  }
  if (rep.checked == 0) {
    rep.ok = false;
    rep.failures += "  nothing was checked\n";
  }
  return rep;
}

GradCheckReport check_layer(nn::Layer& layer, std::vector<Tensor> inputs, const GradCheckOptions& opt) {
  GradCheckReport fail;
  fail.ok = false;
  std::vector<Shape> in_shapes;
  for (const Tensor& t : inputs) in_shapes.push_back(t.shape().with_batch(1));
  Shape out_shape;
  if (Status st = layer.setup(in_shapes, &out_shape); !st.ok()) {
    fail.failures = "setup failed: " + st.to_string();
    return fail;
  }
  Rng init(opt.seed, 5);
  layer.reset_parameters(init);

  std::vector<const Tensor*> xs;
  for (const Tensor& t : inputs) xs.push_back(&t);
  Tensor y;
  Rng ctx_rng(opt.seed, 6);
  nn::Context ctx{opt.mode, &ctx_rng};
  auto run = [&]() -> const Tensor& {
    ctx_rng.reseed(opt.seed, 6);  // stochastic layers: the same mask every time
    layer.forward(xs, y, ctx);
    return y;
  };
  run();
  const Tensor g = random_tensor(y.shape(), opt.seed + 1);
  auto f = [&]() {
    const Tensor& out = run();
    double s = 0;
    for (int64_t i = 0; i < out.numel(); ++i) s += static_cast<double>(out[i]) * g[i];
    return s;
  };

  // Analytic gradients into sentinel-filled buffers (checks accumulate, not overwrite).
  constexpr float kSentinel = 0.375f;
  std::vector<Tensor> dx(inputs.size());
  std::vector<Tensor*> dxp;
  for (size_t k = 0; k < inputs.size(); ++k) {
    dx[k].resize(inputs[k].shape());
    dx[k].fill(kSentinel);
    dxp.push_back(&dx[k]);
  }
  std::vector<ParamRef> params = layer.params();
  for (ParamRef& p : params) p.grad->fill(kSentinel);
  run();
  layer.backward(xs, y, g, dxp);

  std::vector<Probe> probes;
  for (size_t k = 0; k < inputs.size(); ++k) {
    Probe pr{"x" + std::to_string(k), &inputs[k], dx[k]};
    for (int64_t i = 0; i < pr.analytic.numel(); ++i) pr.analytic[i] -= kSentinel;
    probes.push_back(std::move(pr));
  }
  for (ParamRef& p : params) {
    Probe pr{p.id.name, p.value, *p.grad};
    for (int64_t i = 0; i < pr.analytic.numel(); ++i) pr.analytic[i] -= kSentinel;
    probes.push_back(std::move(pr));
  }
  return compare_with_finite_differences(f, probes, opt);
}

}  // namespace nnplay::test
