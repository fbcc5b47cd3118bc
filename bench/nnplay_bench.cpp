// nnplay-bench — nnplay's side of the benchmark (scripts/bench
// runs it natively, as WebAssembly under node and in headless Chromium, and
// the peers beside it). One small timing harness, so the same program builds
// for every target; it prints one JSON object per line and nothing else.
//
// Workloads (synthetic data, single thread, float32):
//   ceiling      independent SIMD mul+add (and native FMA) chains: the peak
//   gemm         gemm_f32_{nn,nt,tn}, shapes MxKxN 256x256x256, 64x784x128,
//                784x64x128, beta 0, for the active GEMM implementation (all
//                of the build's implementations with --gemm all)
//   mlp_train    MLP 784-128-64-10 ReLU, softmax cross-entropy, SGD, batch 64,
//                through train::Trainer::run_for as the app's frame loop
//                calls it (gather + forward + loss + backward + update per
//                step, in 20 ms budgets): samples/s
//   tiny_train   2-8-8-1 tanh, binary cross-entropy, SGD, batch 10, through
//                Trainer::run_for: steps/s (the per-step overhead)
//   mlp_infer    the same MLP, eval-mode forward, batch 64: samples/s
//   lenet_train / lenet_infer   LeNet-5 (conv6@5x5 pad 2, max-pool 2,
//                conv16@5x5, max-pool 2, 120, 84, 10, ReLU), when this build
//                has Conv2d and MaxPool2d; otherwise a "missing" line
//   resnet20_train / resnet20_infer   the zoo's resnet(depth=20, width=16):
//                CIFAR ResNet-20 (He et al. 2016) with BatchNorm and 1x1
//                projection shortcuts, on 1x28x28 input, batch 64
//   mobilenetv2_train   the zoo's mobilenetv2(alpha=1, t=6) on 1x28x28, batch 64
//   resnet20_slices   ResNet-20 training as the app's frame loop runs it,
//                run_for(12 ms) per frame: the slices' p50/p95/max (ms), the
//                time training holds a frame
//   (each model row also prints "params": its parameter count, which the
//   PyTorch peer's copy of the network must equal, and "macs": multiply-adds
//   per sample of one forward pass)
//
// Timing: each measurement warms up (>= warmup seconds, so V8 has promoted
// every kernel to optimised code), then takes `reps` repetitions of at least
// `min_time` seconds each and reports their median (and min/max).
//
// usage: nnplay-bench [--only a,b,...] [--reps N] [--min-time S] [--warmup S]
//                     [--gemm ISA|all] (route gemm_f32_* to one implementation,
//                     or time every implementation in the gemm rows)
//                     [--layers] (instead of the rows: per-layer forward and
//                     backward microseconds per batch of mlp_train/lenet_train)
//                     [--threads N] (core/parallel.h: convolutions and large
//                     Linear layers split their work between N threads; needs
//                     a build with threads)
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "core/parallel.h"
#include "core/rng.h"
#include "data/dataset.h"
#include "data/toy2d.h"
#include "kernels/conv_gemm.h"
#include "kernels/gemm.h"
#include "kernels/im2col.h"
#include "kernels/peak.h"
#include "nn/model.h"
#include "nn/model_spec.h"
#include "nn/zoo.h"
#include "optim/optimizer.h"
#include "train/trainer.h"

using namespace nnplay;

namespace {

using Clock = std::chrono::steady_clock;

struct Options {
  std::string only;  // comma list; empty = all
  int reps = 7;
  double min_time = 0.25;
  double warmup = 0.6;
  std::string gemm;  // "" = the default implementation, "all" = time every one
  bool layers = false;  // per-layer forward/backward split of the model rows
};
Options g_opt;

bool wanted(const char* name) {
  if (g_opt.only.empty()) return true;
  const std::string list = "," + g_opt.only + ",";
  return list.find("," + std::string(name) + ",") != std::string::npos;
}

double seconds(Clock::time_point a, Clock::time_point b) { return std::chrono::duration<double>(b - a).count(); }

struct Stats {
  double median = 0, min = 0, max = 0;
  int reps = 0;
};

// Runs `body()`, which returns the units of work it did, repeatedly: a
// warm-up, then g_opt.reps timed repetitions of >= g_opt.min_time seconds.
// Returns units per second.
template <class F>
Stats measure_units(F&& body) {
  auto t0 = Clock::now();
  long calls = 0;
  double warm = 0;
  do {
    body();
    ++calls;
    warm = seconds(t0, Clock::now());
  } while (warm < g_opt.warmup || calls < 3);
  // Calls per repetition from the (already fast, mostly) warm-up rate.
  long per_rep = std::max(1L, static_cast<long>(static_cast<double>(calls) / warm * g_opt.min_time));
  std::vector<double> rates;
  for (int r = 0; r < g_opt.reps; ++r) {
    const auto a = Clock::now();
    long n = 0;
    double work = 0, dt = 0;
    do {
      for (long i = 0; i < per_rep; ++i) work += body();
      n += per_rep;
      dt = seconds(a, Clock::now());
    } while (dt < g_opt.min_time);
    rates.push_back(work / dt);
    per_rep = std::max(1L, static_cast<long>(static_cast<double>(n) / dt * g_opt.min_time));
  }
  std::sort(rates.begin(), rates.end());
  Stats s;
  s.reps = static_cast<int>(rates.size());
  s.median = rates[rates.size() / 2];
  s.min = rates.front();
  s.max = rates.back();
  return s;
}

// `body()` does `work` units each call.
template <class F>
Stats measure(F&& body, double work) {
  return measure_units([&] {
    body();
    return work;
  });
}

void emit(const std::string& fields, const char* unit, const Stats& s) {
  std::printf("{%s, \"unit\": \"%s\", \"value\": %.6g, \"min\": %.6g, \"max\": %.6g, \"reps\": %d}\n", fields.c_str(),
              unit, s.median, s.min, s.max, s.reps);
  std::fflush(stdout);
}

std::string q(const std::string& s) { return "\"" + s + "\""; }

// ------------------------------------------------------------------ ceiling
void bench_ceiling() {
  for (const kernels::PeakKernel& k : kernels::peak_kernels()) {
    const int iters = 20000;
    volatile float sink = 0;
    const Stats s = measure([&] { sink = sink + k.fn(iters, 0.999999f, 1e-7f); },
                            1e-9 * iters * static_cast<double>(k.flops_per_iter));
    emit("\"kind\": \"ceiling\", \"name\": " + q(k.name), "GFLOP/s", s);
  }
}

// --------------------------------------------------------------------- gemm
void bench_gemm() {
  struct Shape3 {
    int M, K, N;
  };
  const Shape3 shapes[] = {{256, 256, 256}, {64, 784, 128}, {784, 64, 128}};
  for (const kernels::GemmKernels& impl : kernels::gemm_kernels()) {
    if (g_opt.gemm != "all" && std::strcmp(impl.isa, kernels::gemm_active().isa) != 0) continue;
    for (const Shape3& sh : shapes) {
      Rng rng(7);
      std::vector<float> A(static_cast<size_t>(sh.M * sh.K)), B(static_cast<size_t>(sh.K * sh.N)),
          C(static_cast<size_t>(sh.M * sh.N));
      for (float& x : A) x = rng.uniform(-1, 1);
      for (float& x : B) x = rng.uniform(-1, 1);
      const double gflop = 2e-9 * sh.M * sh.N * sh.K;
      const char* forms[] = {"nn", "nt", "tn"};
      const kernels::GemmFn fns[] = {impl.nn, impl.nt, impl.tn};
      for (int f = 0; f < 3; ++f) {
        const kernels::GemmFn fn = fns[f];
        const Stats s = measure([&] { fn(sh.M, sh.N, sh.K, A.data(), B.data(), C.data(), false); }, gflop);
        char shape[64];
        std::snprintf(shape, sizeof shape, "%dx%dx%d", sh.M, sh.K, sh.N);
        emit("\"kind\": \"gemm\", \"form\": " + q(forms[f]) + ", \"shape\": " + q(shape) + ", \"isa\": " +
                 q(impl.isa) + ", \"tile\": " + q(impl.tile),
             "GFLOP/s", s);
      }
    }
  }
}

// ----------------------------------------------------------- model workloads
nn::ModelSpec mlp_784() {
  return nn::mlp_spec({{128, nn::Activation::ReLU}, {64, nn::Activation::ReLU}}, 10);
}

nn::ModelSpec lenet5() {
  nn::ModelSpec s;
  auto add = [&](const char* type, std::map<std::string, std::string> args) { s.layers.push_back({type, args, {}}); };
  add("Conv2d", {{"out_channels", "6"}, {"kernel_size", "5"}, {"padding", "2"}});
  add("ReLU", {});
  add("MaxPool2d", {{"kernel_size", "2"}});
  add("Conv2d", {{"out_channels", "16"}, {"kernel_size", "5"}});
  add("ReLU", {});
  add("MaxPool2d", {{"kernel_size", "2"}});
  add("Linear", {{"out_features", "120"}});
  add("ReLU", {});
  add("Linear", {{"out_features", "84"}});
  add("ReLU", {});
  add("Linear", {{"out_features", "10"}});
  return s;
}

// A zoo network on Fashion-MNIST-sized input (1, 1, 28, 28), 10 classes.
constexpr const char* kResNet20 = "resnet(depth=20,width=16)";
constexpr const char* kMobileNetV2 = "mobilenetv2(alpha=1,t=6)";
nn::ModelSpec zoo(const char* text) {
  auto spec = nn::zoo_spec(text, Shape{1, 1, 28, 28}, 10);
  if (!spec.ok()) {
    std::fprintf(stderr, "nnplay-bench: %s: %s\n", text, spec.status().message().c_str());
    std::exit(2);
  }
  return spec.value();
}

// n random 28x28 uint8 images with random labels, stored as Fashion-MNIST is.
data::Dataset synthetic_images(int n) {
  data::Dataset ds;
  ds.name = "synthetic28";
  ds.sample_shape = Shape{1, 1, 28, 28};
  ds.num_classes = 10;
  Rng rng(11);
  ds.x_u8.resize(static_cast<size_t>(n) * 784);
  for (uint8_t& v : ds.x_u8) v = static_cast<uint8_t>(rng.below(256));
  ds.y.resize(static_cast<size_t>(n));
  for (int32_t& y : ds.y) y = static_cast<int32_t>(rng.below(10));
  return ds;
}

struct Run {
  nn::Model model;
  std::unique_ptr<optim::Optimizer> opt;
  train::Trainer trainer;
};

// Builds model + SGD + trainer over all of `ds` (no validation split, so the
// steps are pure training, as in the peers' loops). Returns "" or the error.
std::string setup_run(Run& run, const nn::ModelSpec& spec, const data::Dataset& ds, int batch, nn::InitScheme init,
                      float lr) {
  if (Status st = run.model.build(spec, ds.sample_shape, batch); !st.ok()) return st.message();
  run.model.reset_parameters(1, init);
  optim::OptimizerConfig oc;
  oc.kind = optim::OptimizerKind::SGD;
  oc.lr = lr;
  run.opt = optim::make_optimizer(oc);
  std::vector<int32_t> train_idx(static_cast<size_t>(ds.size()));
  for (int i = 0; i < ds.size(); ++i) train_idx[static_cast<size_t>(i)] = i;
  train::TrainerConfig tc;
  tc.batch_size = batch;
  tc.seed = 1;
  if (Status st = run.trainer.setup(&run.model, run.opt.get(), &ds, std::move(train_idx), {}, tc); !st.ok())
    return st.message();
  return "";
}

void emit_missing(const char* kind, const std::string& why) {
  std::string w;
  for (char c : why) w += (c == '"' || c == '\\') ? '\'' : c;
  std::printf("{\"kind\": \"%s\", \"missing\": \"%s\"}\n", kind, w.c_str());
  std::fflush(stdout);
}

void bench_train(const char* kind, const nn::ModelSpec& spec, const data::Dataset& ds, int batch, nn::InitScheme init,
                 float lr, bool per_step) {
  Run run;
  const std::string err = setup_run(run, spec, ds, batch, init, lr);
  if (!err.empty()) return emit_missing(kind, err);
  // Trainer::run_for, as the app's frame loop calls it: whole steps for a
  // time budget (here 20 ms), one clock reading per step. A step longer than
  // that (ResNet-20) runs a node at a time over several calls: the body then
  // calls on, beginning no new step, until the one in progress ends, so every
  // body call ends at a step boundary and a repetition counts whole steps.
  Status status;
  const Stats s = measure_units([&] {
    const int64_t before = run.trainer.step_count();
    if (status.ok()) status = run.trainer.run_for(20.0, true);
    while (status.ok() && run.trainer.unit_in_progress()) status = run.trainer.run_for(20.0, true, 0);
    return static_cast<double>(run.trainer.step_count() - before) * (per_step ? 1.0 : batch);
  });
  if (!status.ok()) return emit_missing(kind, status.message());
  char extra[128];
  std::snprintf(extra, sizeof extra, ", \"batch\": %d, \"loss\": %.4f, \"params\": %lld, \"macs\": %lld", batch,
                run.trainer.last_batch_loss(), static_cast<long long>(run.model.num_params()),
                static_cast<long long>(run.model.macs_per_sample()));
  emit("\"kind\": " + q(kind) + ", \"gemm\": " + q(kernels::gemm_active().isa) + extra, per_step ? "steps/s" : "samples/s",
       s);
}

// resnet20_slices: how long training holds a frame. The app gives training a
// slice of each frame (Trainer::run_for with a 4-12 ms budget); a slice ends
// after the work unit that crosses the budget, so its length is the budget
// plus at most one unit: a node, or a piece of a convolution
// (TrainerConfig::piece_macs). Calls run_for(12 ms) until `steps` steps have
// run and prints the slices' p50, p95 and max in milliseconds.
void bench_slices(const char* kind, const nn::ModelSpec& spec, const data::Dataset& ds, int batch, int steps) {
  Run run;
  const std::string err = setup_run(run, spec, ds, batch, nn::InitScheme::KaimingUniform, 0.01f);
  if (!err.empty()) return emit_missing(kind, err);
  std::vector<double> ms;
  Status status;
  // The first step measures the step's cost (it runs whole); later ones run node by node.
  while (status.ok() && run.trainer.step_count() < 1) status = run.trainer.run_for(12.0, true);
  while (status.ok() && run.trainer.step_count() < 1 + steps) {
    const auto a = Clock::now();
    status = run.trainer.run_for(12.0, true);
    ms.push_back(1e3 * seconds(a, Clock::now()));
  }
  if (!status.ok() || ms.empty()) return emit_missing(kind, status.ok() ? "no slices" : status.message());
  std::sort(ms.begin(), ms.end());
  auto q = [&](double p) { return ms[std::min(ms.size() - 1, static_cast<size_t>(p * static_cast<double>(ms.size())))]; };
  std::printf("{\"kind\": \"%s\", \"unit\": \"ms\", \"budget_ms\": 12, \"slices\": %zu, \"steps\": %d, \"p50\": %.2f, "
              "\"p95\": %.2f, \"value\": %.2f, \"min\": %.2f, \"max\": %.2f, \"piece_macs\": %lld}\n",
              kind, ms.size(), steps, q(0.5), q(0.95), ms.back(), ms.front(), ms.back(),
              static_cast<long long>(run.model.piece_macs()));
  std::fflush(stdout);
}

void bench_infer(const char* kind, const nn::ModelSpec& spec, const data::Dataset& ds, int batch) {
  Run run;
  const std::string err = setup_run(run, spec, ds, batch, nn::InitScheme::KaimingUniform, 0.01f);
  if (!err.empty()) return emit_missing(kind, err);
  std::vector<int32_t> idx(static_cast<size_t>(batch));
  for (int i = 0; i < batch; ++i) idx[static_cast<size_t>(i)] = i;
  Tensor x;
  ds.gather(idx, x);
  run.model.eval();
  volatile float sink = 0;
  const Stats s = measure([&] { sink = sink + run.model.forward(x)[0]; }, batch);
  char extra[96];
  std::snprintf(extra, sizeof extra, ", \"batch\": %d, \"params\": %lld, \"macs\": %lld", batch,
                static_cast<long long>(run.model.num_params()), static_cast<long long>(run.model.macs_per_sample()));
  emit("\"kind\": " + q(kind) + ", \"gemm\": " + q(kernels::gemm_active().isa) + extra, "samples/s", s);
}

// --layers: where a model row's time goes. Runs the model's layers one by one
// on the same batch (train-mode forward, then backward with the first layer's
// input gradient skipped, as Model does) and prints the mean microseconds per
// batch of each layer's forward and backward, plus the rest of a Trainer step
// (gather, loss, zeroing, optimizer) as "step_total" minus their sum.
void profile_layers(const char* kind, const nn::ModelSpec& spec, const data::Dataset& ds, int batch) {
  Run run;
  const std::string err = setup_run(run, spec, ds, batch, nn::InitScheme::KaimingUniform, 0.01f);
  if (!err.empty()) return emit_missing(kind, err);
  const auto& nodes = run.model.nodes();
  const size_t L = nodes.size();
  std::vector<int32_t> idx(static_cast<size_t>(batch));
  for (int i = 0; i < batch; ++i) idx[static_cast<size_t>(i)] = i;
  std::vector<Tensor> ys(L), dys(L);
  ds.gather(idx, ys[0]);
  Rng rng(3);
  nn::Context ctx{nn::Mode::Train, &rng};
  std::vector<double> fwd(L, 0.0), bwd(L, 0.0);
  std::vector<const Tensor*> xs;
  std::vector<Tensor*> dxs;
  auto pass = [&](bool timed) {
    for (size_t i = 1; i < L; ++i) {
      xs.clear();
      for (int s : nodes[i].inputs) xs.push_back(&ys[static_cast<size_t>(s)]);
      const auto a = Clock::now();
      nodes[i].layer->forward(xs, ys[i], ctx);
      if (timed) fwd[i] += seconds(a, Clock::now());
    }
    for (size_t i = 1; i < L; ++i) {
      dys[i].resize(ys[i].shape());
      for (int64_t k = 0; k < dys[i].numel(); ++k) dys[i][k] = i + 1 == L ? 1e-3f * static_cast<float>(k % 7) : 0.0f;
    }
    for (size_t i = L - 1; i >= 1; --i) {
      xs.clear();
      dxs.clear();
      for (int s : nodes[i].inputs) {
        xs.push_back(&ys[static_cast<size_t>(s)]);
        dxs.push_back(s == 0 ? nullptr : &dys[static_cast<size_t>(s)]);
      }
      const auto a = Clock::now();
      nodes[i].layer->backward(xs, ys[i], dys[i], dxs);
      if (timed) bwd[i] += seconds(a, Clock::now());
    }
  };
  auto t0 = Clock::now();
  while (seconds(t0, Clock::now()) < g_opt.warmup) pass(false);
  int iters = 0;
  t0 = Clock::now();
  while (seconds(t0, Clock::now()) < 4 * g_opt.min_time || iters < 10) {
    pass(true);
    ++iters;
  }
  double sum_f = 0, sum_b = 0;
  for (size_t i = 1; i < L; ++i) {
    const double f = 1e6 * fwd[i] / iters, b = 1e6 * bwd[i] / iters;
    sum_f += f;
    sum_b += b;
    std::printf("{\"kind\": \"layer\", \"row\": %s, \"node\": %s, \"fwd_us\": %.1f, \"bwd_us\": %.1f}\n", q(kind).c_str(),
                q(nodes[i].layer->describe()).c_str(), f, b);
  }
  // A whole Trainer step for comparison.
  const Stats s = measure_units([&] {
    const int64_t before = run.trainer.step_count();
    (void)run.trainer.run_for(20.0, true);
    return static_cast<double>(run.trainer.step_count() - before);
  });
  std::printf("{\"kind\": \"layer\", \"row\": %s, \"node\": \"sum\", \"fwd_us\": %.1f, \"bwd_us\": %.1f, "
              "\"step_total_us\": %.1f}\n",
              q(kind).c_str(), sum_f, sum_b, 1e6 / s.median);
  std::fflush(stdout);
}

// --layers, LeNet-5: the kernels inside its two convolutions, alone, at the
// shapes they run at, 64 calls (one batch): microseconds per batch.
void profile_conv_kernels(int batch) {
  struct Conv {
    const char* name;
    kernels::ConvGeometry g;
    int cout;
  };
  kernels::ConvGeometry g1;
  g1.channels = 1, g1.in_h = g1.in_w = 28, g1.kernel_h = g1.kernel_w = 5, g1.pad_h = g1.pad_w = 2;
  g1.out_h = g1.out_w = 28;
  kernels::ConvGeometry g2;
  g2.channels = 6, g2.in_h = g2.in_w = 14, g2.kernel_h = g2.kernel_w = 5, g2.out_h = g2.out_w = 10;
  const Conv convs[] = {{"conv1", g1, 6}, {"conv2", g2, 16}};
  for (const Conv& c : convs) {
    const int K = c.g.col_rows(), P = c.g.col_cols(), M = c.cout;
    std::vector<float> x(static_cast<size_t>(c.g.channels * c.g.in_volume()), 0.5f), col(static_cast<size_t>(K * P)),
        w(static_cast<size_t>(M * K), 0.1f), y(static_cast<size_t>(M * P), 0.25f), dw(static_cast<size_t>(M * K)),
        dcol(static_cast<size_t>(K * P)), dx(x.size()), y2(y.size());
    // Outputs go to their own buffers (inputs stay fixed: no drift into denormals between runs).
    kernels::im2col_f32(c.g, x.data(), col.data());
    auto time = [&](const char* what, auto&& fn) {
      const Stats s = measure([&] {
        for (int n = 0; n < batch; ++n) fn();
      }, 1.0);
      std::printf("{\"kind\": \"kernel\", \"conv\": %s, \"what\": %s, \"us_per_batch\": %.1f}\n", q(c.name).c_str(),
                  q(what).c_str(), 1e6 / s.median);
    };
    time("im2col", [&] { kernels::im2col_f32(c.g, x.data(), col.data()); });
    time("gemm_nn W*col", [&] { kernels::gemm_f32_nn(M, P, K, w.data(), col.data(), y2.data(), 0.0f); });
    time("bias", [&] {
      for (int o = 0; o < M; ++o) {
        float* row = y2.data() + int64_t{o} * P;
        for (int p = 0; p < P; ++p) row[p] += 0.1f;
      }
    });
    time("gemm_nt dy*colT", [&] { kernels::gemm_f32_nt(M, K, P, y.data(), col.data(), dw.data(), 1.0f); });
    time("gemm_tn WT*dy", [&] { kernels::gemm_f32_tn(K, P, M, w.data(), y.data(), dcol.data(), 0.0f); });
    time("col2im", [&] { kernels::col2im_f32(c.g, col.data(), dx.data()); });
    std::vector<float> bias(static_cast<size_t>(M), 0.1f);
    time("conv_gemm_nn W*col+b", [&] {
      kernels::conv_gemm_nn_f32(M, P, K, w.data(), K, 1, col.data(), P, nullptr, y2.data(), P, bias.data(), false);
    });
    time("conv_gemm_nt dy*colT", [&] { kernels::conv_gemm_nt_f32(M, K, P, y.data(), P, col.data(), P, nullptr, dw.data(), K); });
    time("conv_gemm_nn WT*dy", [&] {
      kernels::conv_gemm_nn_f32(K, P, M, w.data(), 1, K, y.data(), P, nullptr, dcol.data(), P, nullptr, false);
    });
    time("row_sums", [&] { kernels::row_sums_f32(M, P, y.data(), P, dw.data()); });
    time("bias grad", [&] {
      for (int o = 0; o < M; ++o) {
        const float* row = y.data() + int64_t{o} * P;
        double sum = 0;
        for (int p = 0; p < P; ++p) sum += row[p];
        dw[static_cast<size_t>(o)] += static_cast<float>(sum);
      }
    });
  }
  std::fflush(stdout);
}

}  // namespace

int main(int argc, char** argv) {
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    const char* v = i + 1 < argc ? argv[i + 1] : nullptr;
    if (a == "--only" && v) g_opt.only = argv[++i];
    else if (a == "--reps" && v) g_opt.reps = std::max(1, std::atoi(argv[++i]));
    else if (a == "--min-time" && v) g_opt.min_time = std::atof(argv[++i]);
    else if (a == "--warmup" && v) g_opt.warmup = std::atof(argv[++i]);
    else if (a == "--gemm" && v) g_opt.gemm = argv[++i];
    else if (a == "--layers") g_opt.layers = true;
    else if (a == "--threads" && v) {
      if (Status st = parallel::set_num_threads(std::atoi(argv[++i])); !st.ok()) {
        std::fprintf(stderr, "nnplay-bench: --threads: %s\n", st.message().c_str());
        return 2;
      }
    }
    else {
      std::fprintf(stderr,
                   "usage: nnplay-bench [--only ceiling,gemm,mlp_train,tiny_train,mlp_infer,lenet_train,lenet_infer,\n"
                   "                            resnet20_train,resnet20_infer,mobilenetv2_train,resnet20_slices]\n"
                   "                    [--reps N] [--min-time S] [--warmup S] [--gemm ISA|all] [--layers]\n"
                   "                    [--threads N]   (threads splitting convolutions and large Linear layers; default 1)\n");
      return 2;
    }
  }
  if (!g_opt.gemm.empty() && g_opt.gemm != "all" && !kernels::gemm_select(g_opt.gemm)) {
    std::fprintf(stderr, "nnplay-bench: no GEMM implementation '%s' in this build/CPU\n", g_opt.gemm.c_str());
    return 2;
  }
  std::printf("{\"kind\": \"info\", \"simd\": \"%s\", \"gemm\": \"%s\", \"reps\": %d, \"min_time\": %g, \"threads\": %d}\n",
              kernels::gemm_kernels()[0].isa, kernels::gemm_active().isa, g_opt.reps, g_opt.min_time,
              parallel::num_threads());
  if (wanted("ceiling")) bench_ceiling();
  if (wanted("gemm")) bench_gemm();
  const bool images = wanted("mlp_train") || wanted("mlp_infer") || wanted("lenet_train") || wanted("lenet_infer") ||
                      wanted("resnet20_train") || wanted("resnet20_infer") || wanted("mobilenetv2_train") ||
                      wanted("resnet20_slices");
  const data::Dataset img = images ? synthetic_images(6400) : data::Dataset{};
  if (g_opt.layers) {
    if (wanted("mlp_train")) profile_layers("mlp_train", mlp_784(), img, 64);
    if (wanted("lenet_train")) profile_layers("lenet_train", lenet5(), img, 64);
    if (wanted("lenet_train")) profile_conv_kernels(64);
    if (wanted("resnet20_train")) profile_layers("resnet20_train", zoo(kResNet20), img, 64);
    if (wanted("mobilenetv2_train")) profile_layers("mobilenetv2_train", zoo(kMobileNetV2), img, 64);
    return 0;
  }
  if (wanted("mlp_train")) bench_train("mlp_train", mlp_784(), img, 64, nn::InitScheme::KaimingUniform, 0.01f, false);
  if (wanted("tiny_train")) {
    const data::Dataset toy = data::make_toy2d(data::Toy2D::Xor, 500, 0.0f, 1);
    bench_train("tiny_train", nn::mlp_spec({{8, nn::Activation::Tanh}, {8, nn::Activation::Tanh}}, 1), toy, 10,
                nn::InitScheme::XavierUniform, 0.03f, true);
  }
  if (wanted("mlp_infer")) bench_infer("mlp_infer", mlp_784(), img, 64);
  if (wanted("lenet_train")) bench_train("lenet_train", lenet5(), img, 64, nn::InitScheme::KaimingUniform, 0.01f, false);
  if (wanted("lenet_infer")) bench_infer("lenet_infer", lenet5(), img, 64);
  if (wanted("resnet20_train"))
    bench_train("resnet20_train", zoo(kResNet20), img, 64, nn::InitScheme::KaimingUniform, 0.01f, false);
  if (wanted("resnet20_infer")) bench_infer("resnet20_infer", zoo(kResNet20), img, 64);
  if (wanted("mobilenetv2_train"))
    bench_train("mobilenetv2_train", zoo(kMobileNetV2), img, 64, nn::InitScheme::KaimingUniform, 0.01f, false);
  if (wanted("resnet20_slices")) bench_slices("resnet20_slices", zoo(kResNet20), img, 64, 2);
  return 0;
}
