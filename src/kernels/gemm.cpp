// gemm.cpp — picks the GEMM implementation (gemm.h). The set of compiled
// kernels follows the file naming of src/CMakeLists.txt: wasmsimd under
// Emscripten, sse2/avx2/avx512 on x86-64 natively, scalar and Eigen
// everywhere. Natively the CPU is asked once, at the first call, which of
// them it can run (__builtin_cpu_supports checks the OS's AVX state too).
#include "kernels/gemm.h"

#include "kernels/gemm_isa.h"

#if defined(__x86_64__) || defined(__i386__)
#define NNP_GEMM_X86 1
#endif

namespace nnplay::kernels {
namespace {

#define NNP_GEMM_ENTRY(isa, tile) GemmKernels{#isa, tile, gemm_f32_nn__##isa, gemm_f32_nt__##isa, gemm_f32_tn__##isa}

struct Registry {
  GemmKernels list[8];
  int count = 0;
  int active = 0;
  void add(const GemmKernels& k) { list[count++] = k; }
};

Registry make_registry() {
  Registry r;
#if defined(__wasm_simd128__)
  r.add(NNP_GEMM_ENTRY(wasmsimd, "4x8"));
#elif defined(NNP_GEMM_X86)
  __builtin_cpu_init();
  if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma")) r.add(NNP_GEMM_ENTRY(avx2, "6x16"));
  if (__builtin_cpu_supports("avx512f")) r.add(NNP_GEMM_ENTRY(avx512, "8x32"));
  r.add(NNP_GEMM_ENTRY(sse2, "6x8"));
#endif
  r.add(NNP_GEMM_ENTRY(scalar, "-"));
  r.add(NNP_GEMM_ENTRY(eigen, "-"));
  return r;
}

Registry& registry() {
  static Registry r = make_registry();
  return r;
}

// beta other than 0 or 1: scale C once, then accumulate.
bool prepare_beta(int M, int N, float* C, float beta) {
  if (beta == 0.0f) return false;
  if (beta != 1.0f)
    for (int i = 0; i < M * N; ++i) C[i] *= beta;
  return true;
}

}  // namespace

std::span<const GemmKernels> gemm_kernels() {
  const Registry& r = registry();
  return {r.list, static_cast<size_t>(r.count)};
}

const GemmKernels& gemm_active() {
  const Registry& r = registry();
  return r.list[r.active];
}

bool gemm_select(std::string_view isa) {
  Registry& r = registry();
  for (int i = 0; i < r.count; ++i)
    if (isa == r.list[i].isa) {
      r.active = i;
      return true;
    }
  return false;
}

void gemm_f32_nn(int M, int N, int K, const float* A, const float* B, float* C, float beta) {
  gemm_active().nn(M, N, K, A, B, C, prepare_beta(M, N, C, beta));
}

void gemm_f32_nt(int M, int N, int K, const float* A, const float* B, float* C, float beta) {
  gemm_active().nt(M, N, K, A, B, C, prepare_beta(M, N, C, beta));
}

void gemm_f32_tn(int M, int N, int K, const float* A, const float* B, float* C, float beta) {
  gemm_active().tn(M, N, K, A, B, C, prepare_beta(M, N, C, beta));
}

}  // namespace nnplay::kernels
