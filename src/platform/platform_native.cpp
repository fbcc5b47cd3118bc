// platform_native.cpp — the desktop platform: SDL2 + OpenGL 3.3 core, the
// command line, and data files read from the data directory in slices (one
// slice per frame, so a 47 MB file shows progress and never freezes the UI).
//
// Command line (settings use the same keys as the URL and window.nnplay):
//   nnplay [--data-dir DIR] [--scale S] [--threads N] [--frames N] [--print-status]
//          [--SETTING VALUE | --SETTING=VALUE | 'key=value&...' | URL-with-#hash] ...
#include <SDL.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <deque>
#include <filesystem>
#include <memory>
#include <string>
#include <thread>
#include <unistd.h>

#include "platform/gl.h"
#include "platform/platform.h"
#include "platform/platform_sdl.h"

namespace nnplay::platform {
namespace {

struct FileJob {
  std::string name, path;
  ProgressFn on_progress;
  DoneFn on_done;
  FILE* f = nullptr;
  int64_t total = 0;
  std::vector<uint8_t> bytes;
};

constexpr size_t kSliceBytes = 8u << 20;  // per frame: ~5 ms from the page cache

struct State {
  std::string data_dir;
  std::string query;
  std::string title = "nnplay";
  float scale = 1.0f;
  int64_t frames = 0;
  int threads = 0;  // --threads (0: automatic)
  bool print_status = false;
  Api api;
  std::deque<std::unique_ptr<FileJob>> jobs;
  std::deque<std::function<void()>> deferred;  // user-file callbacks, run before the next frame
} g;

const auto g_t0 = std::chrono::steady_clock::now();

void append_query(const std::string& key, const std::string& value) {
  if (!g.query.empty()) g.query += "&";
  g.query += key + "=" + value;
}

void append_raw_query(std::string q) {
  const size_t hash = q.find('#');
  if (hash != std::string::npos) q = q.substr(hash + 1);
  else if (q.find('?') != std::string::npos) q = q.substr(q.find('?') + 1);
  if (q.empty()) return;
  if (!g.query.empty()) g.query += "&";
  g.query += q;
}

void usage() {
  std::printf(
      "usage: nnplay [--data-dir DIR] [--scale S] [--threads N] [--frames N] [--print-status] [SETTINGS]\n"
      "\n"
      "The nnplay desktop app. SETTINGS use the keys of the web app's URL and of\n"
      "nnplay-train (see nnplay-train --help), either as flags or as a link:\n"
      "  nnplay --dataset spiral --layers 8:tanh,8:tanh,8:tanh --lr 0.03\n"
      "  nnplay 'http://127.0.0.1:8080/#dataset=spiral&lr=0.03&action=train'\n"
      "\n"
      "  --data-dir DIR   converted datasets (default $NNPLAY_DATA, else ~/.cache/nnplay/data)\n"
      "  --scale S        UI scale for HiDPI screens (default $NNPLAY_SCALE or 1)\n"
      "  --threads N      threads that split each convolution's batch (default: the\n"
      "                   machine's hardware threads, at most 4)\n"
      "  --frames N       quit after N frames (scripted checks)\n"
      "  --print-status   print the session status as JSON when quitting\n");
}

/// Returns false when the program should exit (e.g. --help).
bool parse_args(int argc, char** argv, Status* st) {
  if (const char* env = std::getenv("NNPLAY_DATA"); env && *env) g.data_dir = env;
  else if (const char* home = std::getenv("HOME")) g.data_dir = std::string(home) + "/.cache/nnplay/data";
  if (const char* env = std::getenv("NNPLAY_SCALE")) g.scale = static_cast<float>(std::atof(env));
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    auto next = [&](std::string* out) {
      if (i + 1 >= argc) {
        *st = Error(ErrorCode::INVALID_ARGUMENT, a + " needs a value");
        return false;
      }
      *out = argv[++i];
      return true;
    };
    std::string v;
    if (a == "--help" || a == "-h") {
      usage();
      return false;
    } else if (a == "--data-dir") {
      if (!next(&g.data_dir)) return false;
    } else if (a == "--scale") {
      if (!next(&v)) return false;
      g.scale = static_cast<float>(std::atof(v.c_str()));
    } else if (a == "--frames") {
      if (!next(&v)) return false;
      g.frames = std::atoll(v.c_str());
    } else if (a == "--threads") {
      if (!next(&v)) return false;
      g.threads = std::atoi(v.c_str());
      if (g.threads < 1 || g.threads > 64) {
        *st = Error(ErrorCode::INVALID_ARGUMENT, "--threads must be from 1 to 64, got '" + v + "'");
        return false;
      }
    } else if (a == "--print-status") {
      g.print_status = true;
    } else if (a.rfind("--", 0) == 0) {
      std::string key = a.substr(2);
      const size_t eq = key.find('=');
      if (eq != std::string::npos) {
        append_query(key.substr(0, eq), key.substr(eq + 1));
      } else {
        if (!next(&v)) return false;
        append_query(key, v);
      }
    } else {
      append_raw_query(a);
    }
  }
  if (!(g.scale >= 0.5f && g.scale <= 4.0f)) g.scale = 1.0f;
  return true;
}

std::string exe_dir() {
  char buf[4096];
  const ssize_t n = readlink("/proc/self/exe", buf, sizeof buf - 1);
  if (n <= 0) return ".";
  std::string p(buf, static_cast<size_t>(n));
  const size_t slash = p.rfind('/');
  return slash == std::string::npos ? "." : p.substr(0, slash);
}

std::string find_font() {
  // The build copies Debian's DejaVuSans.ttf next to the executable (src/app.cmake).
  for (const std::string& p : {exe_dir() + "/fonts/DejaVuSans.ttf",
                               std::string("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")}) {
    if (FILE* f = std::fopen(p.c_str(), "rb")) {
      std::fclose(f);
      return p;
    }
  }
  return "";
}

/// The whole file at `path` (user files: models, a few MB at most).
Status read_whole(const std::string& path, std::vector<uint8_t>* bytes) {
  FILE* f = std::fopen(path.c_str(), "rb");
  if (!f) return Error(ErrorCode::NOT_FOUND, "cannot open " + path);
  uint8_t buf[1 << 16];
  size_t got = 0;
  while ((got = std::fread(buf, 1, sizeof buf, f)) > 0) bytes->insert(bytes->end(), buf, buf + got);
  const bool err = std::ferror(f) != 0;
  std::fclose(f);
  if (err) return Error(ErrorCode::IO_ERROR, "read error in " + path);
  return Status::Ok();
}

/// Reads `path` now and calls back before the next frame.
void deliver_user_file(const std::string& path, UserFileFn on_done) {
  auto bytes = std::make_shared<std::vector<uint8_t>>();
  Status st = read_whole(path, bytes.get());
  g.deferred.push_back([st, path, bytes, on_done = std::move(on_done)]() { on_done(st, path, std::move(*bytes)); });
}

/// Appends the file at `path` (named by its file name), or every file under
/// the folder at `path` (named from the folder's own name down: "pets/cats/1.png").
Status read_tree(const std::string& path, std::vector<UserFile>* out) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (!fs::is_directory(path, ec)) {  // a file by its name: its folder is not a class
    out->push_back({fs::path(path).filename().string(), {}});
    return read_whole(path, &out->back().bytes);
  }
  const fs::path root = fs::path(path).lexically_normal();
  const fs::path base = root.has_filename() ? root.parent_path() : root.parent_path().parent_path();
  for (auto it = fs::recursive_directory_iterator(root, ec); !ec && it != fs::recursive_directory_iterator();
       it.increment(ec)) {
    if (!it->is_regular_file(ec)) continue;
    out->push_back({it->path().lexically_relative(base).generic_string(), {}});
    NNP_RETURN_IF_ERROR(read_whole(it->path().string(), &out->back().bytes));
  }
  if (ec) return Error(ErrorCode::IO_ERROR, "cannot read the folder " + path + ": " + ec.message());
  return Status::Ok();
}

/// Reads every path (files or folders) now and calls back once before the next frame.
void deliver_user_files(const std::vector<std::string>& paths, UserFilesFn on_done) {
  auto files = std::make_shared<std::vector<UserFile>>();
  Status st = Status::Ok();
  for (const std::string& p : paths)
    if (st.ok()) st = read_tree(p, files.get());
  g.deferred.push_back([st, files, on_done = std::move(on_done)]() { on_done(st, std::move(*files)); });
}

/// Advances every file job by one slice; finished jobs call back.
void pump_files() {
  const size_t n = g.jobs.size();
  for (size_t k = 0; k < n && !g.jobs.empty(); ++k) {
    std::unique_ptr<FileJob> job = std::move(g.jobs.front());
    g.jobs.pop_front();
    if (!job->f) {
      job->f = std::fopen(job->path.c_str(), "rb");
      if (!job->f) {
        job->on_done(Error(ErrorCode::NOT_FOUND, "cannot open " + job->path +
                                                     " (run scripts/bootstrap to make the datasets, or pass --data-dir)"),
                     {});
        continue;
      }
      std::fseek(job->f, 0, SEEK_END);
      job->total = std::ftell(job->f);
      std::fseek(job->f, 0, SEEK_SET);
      job->bytes.reserve(static_cast<size_t>(job->total > 0 ? job->total : 0));
    }
    const size_t old = job->bytes.size();
    job->bytes.resize(old + kSliceBytes);
    const size_t got = std::fread(job->bytes.data() + old, 1, kSliceBytes, job->f);
    job->bytes.resize(old + got);
    const bool err = std::ferror(job->f) != 0;
    const bool eof = got < kSliceBytes;
    if (job->on_progress) job->on_progress(static_cast<int64_t>(job->bytes.size()), job->total);
    if (err) {
      std::fclose(job->f);
      job->on_done(Error(ErrorCode::IO_ERROR, "read error in " + job->path), {});
    } else if (eof) {
      std::fclose(job->f);
      job->on_done(Status::Ok(), std::move(job->bytes));
    } else {
      g.jobs.push_back(std::move(job));
    }
  }
}

}  // namespace

Status init(int argc, char** argv, const AppDesc& desc) {
  Status st;
  if (!parse_args(argc, argv, &st)) {
    if (st.ok()) std::exit(0);  // --help
    return st;
  }
  sdl::ContextDesc cd;
  cd.app = &desc;
  cd.gles = false;
  cd.glsl_version = "#version 330 core";
  cd.ui_scale = g.scale;
  cd.pixel_ratio = 1.0f;
  cd.font_path = find_font();
  g.title = desc.title;
  return sdl::create(cd);
}

void run(std::function<void()> frame) {
  int64_t count = 0;
  while (sdl::pump_events()) {
    const double t0 = now_ms();
    pump_files();
    while (!g.deferred.empty()) {
      std::function<void()> fn = std::move(g.deferred.front());
      g.deferred.pop_front();
      fn();
    }
    sdl::frame(frame);
    ++count;
    if (g.frames > 0 && count >= g.frames) break;
    // Without vsync (e.g. under Xvfb) do not spin: cap at ~60 fps.
    const double spent = now_ms() - t0;
    if (spent < 16.0) SDL_Delay(static_cast<Uint32>(16.0 - spent));
  }
  if (g.print_status && g.api.status) std::printf("%s\n", g.api.status().c_str());
  sdl::destroy();
}

double now_ms() {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - g_t0).count();
}

const char* name() { return "desktop"; }
double memory_budget_bytes() { return 16.0 * 1024.0 * 1024.0 * 1024.0; }

int training_threads() {
  if (g.threads > 0) return g.threads;
  const unsigned hw = std::thread::hardware_concurrency();
  return static_cast<int>(std::clamp(hw, 1u, 4u));
}

void load_file(const std::string& name, ProgressFn on_progress, DoneFn on_done) {
  auto job = std::make_unique<FileJob>();
  job->name = name;
  job->path = g.data_dir + "/" + name;
  job->on_progress = std::move(on_progress);
  job->on_done = std::move(on_done);
  g.jobs.push_back(std::move(job));
}

std::string data_dir() { return g.data_dir; }

Result<std::string> save_user_file(const std::string& name, const std::vector<uint8_t>& bytes) {
  FILE* f = std::fopen(name.c_str(), "wb");
  if (!f) return Error(ErrorCode::IO_ERROR, "cannot write " + name + " in the working directory");
  const size_t put = std::fwrite(bytes.data(), 1, bytes.size(), f);
  const bool ok = std::fclose(f) == 0 && put == bytes.size();
  if (!ok) return Error(ErrorCode::IO_ERROR, "could not write all of " + name + " (disk full?)");
  char cwd[4096];
  if (name.empty() || name[0] == '/' || !getcwd(cwd, sizeof cwd)) return name;
  return std::string(cwd) + "/" + name;
}

bool has_file_chooser() { return false; }

void open_user_file(const std::string& path, const std::string& /*accept*/, UserFileFn on_done) {
  deliver_user_file(path, std::move(on_done));
}

void open_user_files(const std::string& path, const std::string& /*accept*/, UserFilesFn on_done) {
  deliver_user_files({path}, std::move(on_done));
}

void set_drop_handler(UserFilesFn on_drop) {
  sdl::set_drop_callback(
      [on_drop = std::move(on_drop)](const std::vector<std::string>& paths) { deliver_user_files(paths, on_drop); });
}

std::string initial_query() { return g.query; }

std::string page_address() { return ""; }
void copy_text(const std::string& text) { SDL_SetClipboardText(text.c_str()); }

void set_query(const std::string& query) {
  // The desktop has no address bar: the window title shows the dataset.
  std::string t = g.title;
  const size_t p = query.find("dataset=");
  if (p != std::string::npos) t += " — " + query.substr(p + 8, query.find('&', p) - (p + 8));
  sdl::set_title(t);
}

void set_api(Api api) { g.api = std::move(api); }

int64_t frame_limit() { return g.frames; }

}  // namespace nnplay::platform
