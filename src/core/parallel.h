// parallel.h — a fixed team of worker threads for the layers' batch loops.
//
// One process-wide team: set_num_threads(T) starts T − 1 workers (the calling
// thread is part 0); run() hands every part the same function and returns
// when all parts are done. The partition is static — part p of T always gets
// the same share — so a layer that sums per-part results in part order gives
// the same numbers at every call with the same T (bit for bit), whatever the
// scheduling. T = 1 (the default) runs the function inline and touches no
// thread API, so single-threaded builds and tests behave exactly as before.
//
// Where threads exist: natively (std::thread), and in the WebAssembly build
// compiled with -pthread (the web page's multi-threaded variant, used when
// the page is cross-origin isolated). The single-threaded wasm build refuses
// T > 1 with UNSUPPORTED.
//
// Allocation: run() allocates nothing (the alloc test trains with T = 2).
#pragma once

#include <cstdint>
#include <type_traits>

#include "core/status.h"

namespace nnplay::parallel {

/// Threads a run() uses (the caller included); 1 until set_num_threads.
int num_threads();
/// Hardware threads of this machine (navigator.hardwareConcurrency on the web); at least 1.
int hardware_threads();
/// Starts or stops workers so that run() uses `threads` threads (1..64).
/// Errors: INVALID_ARGUMENT out of range; UNSUPPORTED for T > 1 in a build
/// without threads; NOT_READY when the workers did not start within 2 s (in
/// a browser: no free pre-spawned Web Worker), leaving 1 thread. Call it
/// between steps, never from inside run().
Status set_num_threads(int threads);
/// True in builds that can start threads.
bool threads_available();

/// Calls fn(ctx, part, parts) for part = 0..parts−1, parts = num_threads(),
/// part 0 on the calling thread; returns when every part has returned.
void run(void (*fn)(void* ctx, int part, int parts), void* ctx);

/// How many run() calls this process has made, and how many parts the last
/// one ran (1 when it ran inline; 0 before the first). Read by tests as a
/// deterministic record that a layer split its work: the split need not
/// show in the numbers. Updated by run() on the calling thread only.
int64_t run_count();
int last_run_parts();

/// run() with a lambda f(part, parts) (no allocation: f is passed by address).
template <class F>
void for_parts(F&& f) {
  using Fn = std::remove_reference_t<F>;
  run([](void* c, int part, int parts) { (*static_cast<Fn*>(c))(part, parts); }, const_cast<void*>(static_cast<const void*>(&f)));
}

/// [begin, end) of part `part` of `parts` over n items (static, contiguous).
inline void part_range(int64_t n, int part, int parts, int64_t* begin, int64_t* end) {
  *begin = n * part / parts;
  *end = n * (part + 1) / parts;
}

}  // namespace nnplay::parallel
