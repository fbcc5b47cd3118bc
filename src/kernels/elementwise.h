// elementwise.h — vectorised elementwise kernels for layers, losses and
// optimizers, over the SIMD vocabulary of simd.h (f32x4: wasm SIMD128 in
// WebAssembly, SSE2 natively). Each loops over whole vectors and finishes the
// tail with the same arithmetic on a padded vector, so every element gets the
// same rounding whatever its position. tests/kernels/elementwise_test.cpp
// compares each with a plain scalar loop on awkward lengths.
//
// Shapes: n = element count; (rows, cols) = a row-major matrix, e.g. (N, D).
// Backward kernels ADD into dx (the layer contract, nn/layer.h).
#pragma once

#include <cstdint>

namespace nnplay::kernels {

/// y = max(x, 0), NaN kept (as PyTorch). In place (y == x) is allowed.
void relu_f32(int64_t n, const float* x, float* y);
/// dx += x > 0 ? dy : 0   (derivative 0 at x = 0, as PyTorch).
void relu_backward_f32(int64_t n, const float* x, const float* dy, float* dx);

/// y = tanh(x): odd rational approximation x·P(x²)/Q(x²) (degrees 9/8, fitted
/// for nnplay by least squares on [0, 9], input clamped to ±9 where tanh
/// rounds to ±1). Max absolute error 3.4e-7 (about 5 ulp near 1, 2 ulp below 1).
/// In place allowed.
void tanh_f32(int64_t n, const float* x, float* y);
/// dx += dy · (1 − y²), with y = tanh(x) from forward.
void tanh_backward_f32(int64_t n, const float* y, const float* dy, float* dx);

/// y = scale · x for bytes x (image samples: scale 1/255).
void convert_u8_f32(int64_t n, const uint8_t* x, float scale, float* y);

/// x = 0 (vector stores, no libc call: wasm's memset is a byte loop without bulk memory).
void zero_f32(int64_t n, float* x);
/// y(rows, cols) += bias(cols), every row (Linear's bias).
void add_bias_rows_f32(int rows, int cols, const float* bias, float* y);
/// db(cols) += Σ_r dy(r, cols)   (Linear's bias gradient).
void sum_rows_f32(int rows, int cols, const float* dy, float* db);

/// Sums for normalisation statistics (BatchNorm, norm_rows.h) over n floats:
/// f32x4 partial sums over blocks of kSumBlock elements (two vector
/// accumulators each), the block sums added in double; a plain double loop
/// serialises on its add's latency, 4x slower on ResNet-20's BatchNorm2d.
/// Relative error about 1e-7·log2(kSumBlock) per block.
inline constexpr int64_t kSumBlock = 1024;
/// Σ x_i.
double sum_f32(int64_t n, const float* x);
/// Σ (x_i − c)².
double sum_sq_dev_f32(int64_t n, const float* x, float c);
/// *sum_dy += Σ dy_i and *sum_dy_dev += Σ dy_i·(x_i − c).
void sum_dy_dev_f32(int64_t n, const float* dy, const float* x, float c, double* sum_dy, double* sum_dy_dev);

/// Plain SGD step: w −= lr · (g + weight_decay · w).
void sgd_update_f32(int64_t n, float* w, const float* g, float lr, float weight_decay);

}  // namespace nnplay::kernels
