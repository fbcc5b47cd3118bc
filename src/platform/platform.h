// platform.h — everything nnplay's app needs from the machine it runs on, in
// one plain interface with one implementation per platform, chosen at build
// time (Tracy's Backend.hpp + BackendEmscripten.cpp/BackendGlfw.cpp):
//
//   platform_sdl.cpp     shared: SDL2 window, GL context, Dear ImGui backends, frame
//   platform_native.cpp  desktop: OpenGL 3.3 core, command-line flags, files from the data dir
//   platform_web.cpp     browser: WebGL2, emscripten_set_main_loop, fetch(), URL hash,
//                        window.nnplay (web/nnplay.js is its JavaScript half)
//
// ui/ talks to SDL, the browser and the file system only through this header,
// and `__EMSCRIPTEN__` appears only in this folder. Nothing here knows about
// the engine: the embedding API passes JSON text through two handlers.
//
// Threading: everything, including load_file() callbacks, runs on the main
// thread between frames, so callbacks may touch the session freely.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "core/status.h"

namespace nnplay::platform {

struct AppDesc {
  const char* title = "nnplay";
  int width = 1280, height = 800;  // desktop window, logical pixels (the web canvas fills the page)
  float font_size = 16.0f;         // logical pixels; rasterised at the device pixel ratio
};

/// Parses the command line (desktop: --data-dir, --scale, --frames, settings),
/// creates the window and GL context, the Dear ImGui context, its SDL and
/// OpenGL3 backends, and loads the UI font (DejaVu Sans). On the web a failure
/// is also shown on the page.
Status init(int argc, char** argv, const AppDesc& desc);

/// Calls frame() once per display frame between ImGui::NewFrame() and the
/// render, until the window is closed (desktop). On the web this returns at
/// once and the browser drives the loop (requestAnimationFrame).
void run(std::function<void()> frame);

/// Milliseconds from an arbitrary origin, monotonic, sub-millisecond resolution.
double now_ms();

/// "web" or "desktop".
const char* name();
/// Bytes a network may plan (train::Session's memory budget): 1.25 GiB on
/// the web (a tab's WebAssembly heap ends at 2 GiB and holds the datasets
/// too), 16 GiB on the desktop.
double memory_budget_bytes();
/// Threads the engine may use to split a layer's batch: desktop --threads,
/// else the hardware threads (at most 4); web: in the multi-threaded build
/// (served cross-origin isolated) navigator.hardwareConcurrency (at most 4),
/// else 1.
int training_threads();

// ------------------------------------------------------------------ files

using ProgressFn = std::function<void(int64_t loaded, int64_t total)>;  // bytes; total 0 = unknown
using DoneFn = std::function<void(Status status, std::vector<uint8_t> bytes)>;

/// Starts loading a data file in the background; callbacks come later on the
/// main thread (never from inside this call).
///   desktop: reads "<data dir>/<name>" in slices, one slice per frame
///   web:     fetch("data/<name>.gz"), progress from the stream, gunzip with
///            the browser's DecompressionStream
void load_file(const std::string& name, ProgressFn on_progress, DoneFn on_done);

/// Where the desktop app reads data ("" on the web): --data-dir, else
/// $NNPLAY_DATA, else ~/.cache/nnplay/data.
std::string data_dir();

// ------------------------------------------------------- the user's own files

/// A file the user gave the app: its name (desktop: the path) and bytes, or an error.
using UserFileFn = std::function<void(Status status, std::string name, std::vector<uint8_t> bytes)>;
/// One of several files given at once. `name`: the file's name; for a file
/// of a dropped or chosen folder, its path from that folder's own name down
/// ("pets/cats/01.png"); desktop, a single file: the path as given.
struct UserFile {
  std::string name;
  std::vector<uint8_t> bytes;
};
/// Files given at once (a drop, a multi-file choice), or an error.
using UserFilesFn = std::function<void(Status status, std::vector<UserFile> files)>;

/// Hands `bytes` to the user as a file named `name`. Web: a download (Blob +
/// a link click); desktop: written to `name` in the working directory.
/// Returns where it went, for the UI ("/home/me/nnplay-model.nnp").
Result<std::string> save_user_file(const std::string& name, const std::vector<uint8_t>& bytes);

/// True where open_user_file() shows the browser's file chooser (web). The
/// desktop app has no chooser: it reads a path the user typed, or a file
/// dropped on the window.
bool has_file_chooser();

/// Reads a file the user picks. Web: opens the file chooser (a hidden
/// <input type=file> accepting `accept`, e.g. ".nnp"; `path` is ignored; no
/// callback when cancelled). Desktop: reads `path`. The callback comes later,
/// on the main thread, never from inside this call.
void open_user_file(const std::string& path, const std::string& accept, UserFileFn on_done);

/// Like open_user_file, for several files at once. Web: the chooser lets
/// the user pick several (or one .zip). Desktop: `path` is a file or a
/// folder, read with everything under it. One callback with all of them.
void open_user_files(const std::string& path, const std::string& accept, UserFilesFn on_done);

/// Files dropped on the window (desktop: SDL's drop events; web: dropped on
/// the page) go to `on_drop`, one call per drop with all its files, between
/// frames. A dropped folder gives every file under it (named from the
/// folder's name down).
void set_drop_handler(UserFilesFn on_drop);

// ------------------------------------------------------------- app state links

/// The settings the app was opened with, as "key=value&..." (no '#'/'?'):
/// the page's location hash, else its ?query (web); the command-line
/// settings, e.g. `nnplay --dataset spiral --lr 0.03` or `nnplay '#dataset=spiral'` (desktop).
std::string initial_query();

/// Records the current settings: replaces the page URL's hash without a new
/// history entry (web); remembers it for the window title (desktop).
void set_query(const std::string& query);

/// The page's address without hash or query ("https://course.org/nnplay/index.html";
/// web), "" where there is none (desktop, headless).
std::string page_address();
/// Puts `text` on the clipboard (the browser's or the desktop's).
void copy_text(const std::string& text);

/// The embedding API, window.nnplay on the web: command(json) -> json reply
/// and status() -> json. The app installs both; the desktop app uses status()
/// for --print-status (the status JSON on stdout at exit, for scripted checks).
struct Api {
  std::function<std::string(const std::string& json)> command;
  std::function<std::string()> status;
  std::function<std::string()> catalog;  // the datasets and lessons a page may offer (JSON)
  std::function<std::string()> ui;       // what the views show that no setting holds (JSON: App::api_ui)
};
void set_api(Api api);

/// Frames to run before quitting (desktop --frames N, for scripted checks); 0 = forever.
int64_t frame_limit();

}  // namespace nnplay::platform
