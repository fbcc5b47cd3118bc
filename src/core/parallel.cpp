#include "core/parallel.h"

// NNP_NO_THREADS: set by src/CMakeLists.txt for the single-threaded
// WebAssembly build (no std::thread there).
#ifndef NNP_NO_THREADS
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

struct Team {
  std::mutex m;
  std::condition_variable work, done;
  std::vector<std::thread> workers;
  int threads = 1;
  uint64_t generation = 0;
  int pending = 0;  // parts not yet returned (workers only)
  int started = 0;  // workers that reached their loop
  void (*fn)(void*, int, int) = nullptr;
  void* ctx = nullptr;
  bool stop = false;
  bool broken = false;  // workers failed to start: no more threads in this process
  ~Team();  // stops and joins the workers at exit (a joinable std::thread would terminate)
};

Team& team() {
  static Team t;
  return t;
}

void worker_loop(int part) {
  Team& t = team();
  std::unique_lock<std::mutex> lk(t.m);
  ++t.started;
  t.done.notify_all();
  uint64_t seen = t.generation;
  for (;;) {
    t.work.wait(lk, [&] { return t.stop || t.generation != seen; });
    if (t.stop) return;
    seen = t.generation;
    auto* fn = t.fn;
    void* ctx = t.ctx;
    const int parts = t.threads;
    lk.unlock();
    fn(ctx, part, parts);
    lk.lock();
    if (--t.pending == 0) t.done.notify_all();
  }
}

void stop_workers() {
  Team& t = team();
  {
    std::lock_guard<std::mutex> lk(t.m);
    t.stop = true;
  }
  t.work.notify_all();
  for (std::thread& w : t.workers) w.join();
  t.workers.clear();
  std::lock_guard<std::mutex> lk(t.m);
  t.stop = false;
  t.started = 0;
  t.threads = 1;
}

Team::~Team() {
  {
    std::lock_guard<std::mutex> lk(m);
    stop = true;
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
    t.stop = true;
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
    t.pending = t.threads - 1;
    ++t.generation;
  }
  t.work.notify_all();
  fn(ctx, 0, t.threads);
  std::unique_lock<std::mutex> lk(t.m);
  t.done.wait(lk, [&] { return t.pending == 0; });
}

#endif

}  // namespace nnplay::parallel
