#include "core/parallel.h"

// NNP_NO_THREADS: set by src/CMakeLists.txt for the single-threaded
// WebAssembly build (no std::thread there).
#ifndef NNP_NO_THREADS
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>
#include <vector>
#endif

namespace nnplay::parallel {

namespace {
// run()'s record (run_count, last_run_parts): written only by the thread
// that calls run(), which never runs two at once.
int64_t g_runs = 0;
int g_last_parts = 0;

void record_run(int parts) {
  ++g_runs;
  g_last_parts = parts;
}
}  // namespace

int64_t run_count() { return g_runs; }
int last_run_parts() { return g_last_parts; }

#ifdef NNP_NO_THREADS

int num_threads() { return 1; }
int hardware_threads() { return 1; }
bool threads_available() { return false; }
Status set_num_threads(int threads) {
  if (threads < 1 || threads > 64)
    return Error(ErrorCode::INVALID_ARGUMENT, "threads must be from 1 to 64, got " + std::to_string(threads));
  if (threads == 1) return Status::Ok();
  return Error(ErrorCode::UNSUPPORTED, "this build has no threads (the multi-threaded web build needs a cross-origin "
                                       "isolated page); threads must be 1, got " + std::to_string(threads));
}
void run(void (*fn)(void*, int, int), void* ctx) {
  record_run(1);
  fn(ctx, 0, 1);
}

#else

namespace {

// Waking a sleeping thread costs tens of microseconds natively on a VM and
// more in a browser (a Web Worker in Atomics.wait), as much as a LeNet-5
// convolution's share of work: 2 threads gave LeNet-5 no speed-up at all. So
// a worker that finishes a part spins on the generation counter for up to
// kSpin before it sleeps on the condition variable, and run() spins for its
// workers the same way: within a training step the next parallel call
// arrives well inside that, and an idle team sleeps after kSpin.
constexpr auto kSpin = std::chrono::microseconds(1000);

struct Team {
  std::mutex m;
  std::condition_variable work, done;
  std::vector<std::thread> workers;
  int threads = 1;
  std::atomic<uint64_t> generation{0};  // bumped (release) after fn and ctx are set
  std::atomic<int> pending{0};          // parts not yet returned (workers only)
  int started = 0;                      // workers that reached their loop
  void (*fn)(void*, int, int) = nullptr;
  void* ctx = nullptr;
  std::atomic<bool> stop{false};
  bool broken = false;  // workers failed to start: no more threads in this process
  ~Team();  // stops and joins the workers at exit (a joinable std::thread would terminate)
};

// Spins until ready() or kSpin has passed; returns ready()'s last value.
template <class Ready>
bool spin_for(Ready ready) {
  const auto until = std::chrono::steady_clock::now() + kSpin;
  for (;;) {
    for (int i = 0; i < 256; ++i) {
      if (ready()) return true;
#if defined(__x86_64__) || defined(__i386__)
      __builtin_ia32_pause();
#endif
    }
    if (std::chrono::steady_clock::now() >= until) return ready();
  }
}

Team& team() {
  static Team t;
  return t;
}

void worker_loop(int part) {
  Team& t = team();
  uint64_t seen = 0;
  {
    std::lock_guard<std::mutex> lk(t.m);
    ++t.started;
    seen = t.generation.load();
  }
  t.done.notify_all();
  for (;;) {
    auto next = [&] { return t.stop.load(std::memory_order_acquire) || t.generation.load(std::memory_order_acquire) != seen; };
    if (!spin_for(next)) {
      std::unique_lock<std::mutex> lk(t.m);
      t.work.wait(lk, next);
    }
    if (t.stop.load(std::memory_order_acquire)) return;
    seen = t.generation.load(std::memory_order_acquire);
    auto* fn = t.fn;
    void* ctx = t.ctx;
    const int parts = t.threads;
    fn(ctx, part, parts);
    if (t.pending.fetch_sub(1, std::memory_order_acq_rel) == 1) {
      // Under the lock, so run() cannot check pending and then sleep past this notify.
      { std::lock_guard<std::mutex> lk(t.m); }
      t.done.notify_all();
    }
  }
}

void stop_workers() {
  Team& t = team();
  {
    std::lock_guard<std::mutex> lk(t.m);
    t.stop.store(true);
  }
  t.work.notify_all();
  for (std::thread& w : t.workers) w.join();
  t.workers.clear();
  std::lock_guard<std::mutex> lk(t.m);
  t.stop.store(false);
  t.started = 0;
  t.threads = 1;
}

Team::~Team() {
  {
    std::lock_guard<std::mutex> lk(m);
    stop.store(true);
  }
  work.notify_all();
  for (std::thread& w : workers) w.join();
}

}  // namespace

int num_threads() { return team().threads; }

int hardware_threads() {
  const unsigned n = std::thread::hardware_concurrency();
  return n == 0 ? 1 : static_cast<int>(n);
}

bool threads_available() { return true; }

Status set_num_threads(int threads) {
  if (threads < 1 || threads > 64)
    return Error(ErrorCode::INVALID_ARGUMENT, "threads must be from 1 to 64, got " + std::to_string(threads));
  Team& t = team();
  if (threads == t.threads) return Status::Ok();
  if (t.broken && threads > 1)
    return Error(ErrorCode::NOT_READY, "worker threads failed to start earlier; training stays on 1 thread");
  stop_workers();
  if (threads == 1) return Status::Ok();
  for (int p = 1; p < threads; ++p) t.workers.emplace_back(worker_loop, p);
  // In the browser a thread starts only if a pre-spawned Web Worker is free
  // (PTHREAD_POOL_SIZE); otherwise it would wait for the main thread to
  // yield, and run() would wait for it forever. So wait for them, briefly.
  std::unique_lock<std::mutex> lk(t.m);
  const bool ok = t.done.wait_for(lk, std::chrono::seconds(2), [&] { return t.started == threads - 1; });
  if (!ok) {
    // Joining a thread that never started would block for good: the team is
    // stopped for the rest of the process and the threads are left to end
    // when (if ever) they start.
    const int started = t.started;
    t.stop.store(true);
    t.broken = true;
    lk.unlock();
    t.work.notify_all();
    for (std::thread& w : t.workers) w.detach();
    t.workers.clear();
    return Error(ErrorCode::NOT_READY, "only " + std::to_string(started) + " of " + std::to_string(threads - 1) +
                                             " worker threads started; training stays on 1 thread");
  }
  t.threads = threads;
  return Status::Ok();
}

void run(void (*fn)(void*, int, int), void* ctx) {
  Team& t = team();
  record_run(t.threads);
  if (t.threads == 1) {
    fn(ctx, 0, 1);
    return;
  }
  {
    std::lock_guard<std::mutex> lk(t.m);
    t.fn = fn;
    t.ctx = ctx;
    t.pending.store(t.threads - 1, std::memory_order_relaxed);
    t.generation.fetch_add(1, std::memory_order_release);
  }
  t.work.notify_all();
  fn(ctx, 0, t.threads);
  auto finished = [&] { return t.pending.load(std::memory_order_acquire) == 0; };
  if (spin_for(finished)) return;
  std::unique_lock<std::mutex> lk(t.m);
  t.done.wait(lk, finished);
}

#endif

}  // namespace nnplay::parallel
