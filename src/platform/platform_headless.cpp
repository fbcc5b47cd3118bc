// platform_headless.cpp — platform.h without a window, for the headless UI
// test (tests/ui): time from the clock, data files read whole from the data
// folder ($NNPLAY_DATA, else ~/.cache/nnplay/data) and handed back on the
// next pump(), the URL kept in memory. The test owns the ImGui context and
// the frame loop (headless.h). Not in the app.
#include <chrono>
#include <cstdlib>
#include <deque>
#include <fstream>
#include <iterator>

#include "platform/headless.h"
#include "platform/platform.h"

namespace nnplay::platform {
namespace {

struct State {
  std::string query;
  std::string clipboard;
  std::deque<std::function<void()>> deferred;
  UserFilesFn on_drop;
} g;

const auto g_t0 = std::chrono::steady_clock::now();

}  // namespace

Status init(int, char**, const AppDesc&) { return Status::Ok(); }
void run(std::function<void()>) {}
double now_ms() { return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - g_t0).count(); }
const char* name() { return "headless"; }
double memory_budget_bytes() { return 1.25 * 1024 * 1024 * 1024; }  // the web's: the test checks what a page may plan
int training_threads() { return 1; }

std::string data_dir() {
  if (const char* env = std::getenv("NNPLAY_DATA")) return env;
  const char* home = std::getenv("HOME");
  return std::string(home ? home : ".") + "/.cache/nnplay/data";
}

void load_file(const std::string& name, ProgressFn on_progress, DoneFn on_done) {
  g.deferred.push_back([name, on_progress = std::move(on_progress), on_done = std::move(on_done)] {
    std::ifstream f(data_dir() + "/" + name, std::ios::binary);
    if (!f) {
      on_done(Error(ErrorCode::IO_ERROR, "cannot open " + data_dir() + "/" + name), {});
      return;
    }
    std::vector<uint8_t> bytes((std::istreambuf_iterator<char>(f)), std::istreambuf_iterator<char>());
    on_progress(static_cast<int64_t>(bytes.size()), static_cast<int64_t>(bytes.size()));
    on_done(Status::Ok(), std::move(bytes));
  });
}

Result<std::string> save_user_file(const std::string& name, const std::vector<uint8_t>& bytes) {
  return "(headless: " + std::to_string(bytes.size()) + " bytes for " + name + " not written)";
}
bool has_file_chooser() { return false; }
void open_user_file(const std::string& path, const std::string&, UserFileFn on_done) {
  g.deferred.push_back([path, on_done = std::move(on_done)] {
    on_done(Error(ErrorCode::NOT_FOUND, "headless: no user files (" + path + ")"), path, {});
  });
}
void open_user_files(const std::string& path, const std::string&, UserFilesFn on_done) {
  g.deferred.push_back([path, on_done = std::move(on_done)] {
    on_done(Error(ErrorCode::NOT_FOUND, "headless: no user files (" + path + ")"), {});
  });
}
void set_drop_handler(UserFilesFn on_drop) { g.on_drop = std::move(on_drop); }

std::string initial_query() { return ""; }
void set_query(const std::string& query) { g.query = query; }
std::string page_address() { return ""; }
void copy_text(const std::string& text) { g.clipboard = text; }
void set_api(Api) {}
int64_t frame_limit() { return 0; }

namespace headless {
void pump() {
  std::deque<std::function<void()>> now;
  now.swap(g.deferred);
  for (auto& f : now) f();
}
const std::string& clipboard() { return g.clipboard; }
const std::string& query() { return g.query; }
}  // namespace headless

}  // namespace nnplay::platform
