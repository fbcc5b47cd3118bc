// platform_web.cpp — the browser platform: SDL2 on a WebGL2 canvas, the
// browser's animation-frame loop, fetch() + DecompressionStream for data, the
// page URL, and the C half of window.nnplay (web/nnplay-api.js is the JS half).
//
// JavaScript calls into C++ only through the EMSCRIPTEN_KEEPALIVE functions
// at the end of this file; C++ calls JavaScript only through the EM_JS
// functions below. Both run on the page's one thread, between frames.
//
// Module hooks the page may set (web/index.html does):
//   Module.nnplayReady()      after the first frame is on screen
//   Module.nnplayFail(text)   when the app cannot start (e.g. no WebGL2)
#include <emscripten.h>
#include <emscripten/html5.h>

#include <malloc.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <string>

#include "imgui.h"
#include "platform/gl.h"
#include "platform/platform.h"
#include "platform/platform_sdl.h"

// ----------------------------------------------------------------- JavaScript

// The page's settings: location hash, else ?query (without '#'/'?'). Malloc'd.
EM_JS(char*, nnp_js_location_query, (), {
  var h = window.location.hash || "";
  var s = window.location.search || "";
  var q = h.length > 1 ? h.substring(1) : (s.length > 1 ? s.substring(1) : "");
  var n = lengthBytesUTF8(q) + 1;
  var p = _malloc(n);
  stringToUTF8(q, p, n);
  return p;
});

// Threads the browser offers (1 when the page is not cross-origin isolated:
// then no SharedArrayBuffer, and the page loaded the single-threaded build).
EM_JS(int, nnp_js_hardware_threads, (), {
  return (self.crossOriginIsolated && navigator.hardwareConcurrency) ? navigator.hardwareConcurrency : 1;
});

// The page's address without hash or query, as a malloc'd string (the caller frees it).
EM_JS(char*, nnp_js_page_address, (), {
  var s = window.location.origin + window.location.pathname;
  var n = lengthBytesUTF8(s) + 1;
  var p = _malloc(n);
  stringToUTF8(s, p, n);
  return p;
});

// Copies text to the clipboard (a click's user activation lasts long enough for the next frame).
EM_JS(void, nnp_js_copy, (const char* t), {
  var s = UTF8ToString(t);
  try {
    if (navigator.clipboard) navigator.clipboard.writeText(s).catch(function(e) { console.warn("nnplay: copy failed:", e); });
  } catch (e) {
    console.warn("nnplay: copy failed:", e);
  }
});

// Replaces the URL (hash form) without adding a history entry.
EM_JS(void, nnp_js_replace_hash, (const char* q), {
  try {
    var s = UTF8ToString(q);
    var url = window.location.pathname + (s.length ? "#" + s : "");
    if (url !== window.location.pathname + window.location.search + window.location.hash)
      window.history.replaceState(null, "", url);
  } catch (e) {
    console.warn("nnplay: cannot update the URL:", e);
  }
});

EM_JS(void, nnp_js_signal, (int ok, const char* text), {
  var msg = text ? UTF8ToString(text) : "";
  if (ok) {
    if (Module["nnplayReady"]) Module["nnplayReady"]();
  } else {
    console.error("nnplay:", msg);
    if (Module["nnplayFail"]) Module["nnplayFail"](msg);
  }
});

// fetch("data/<name>.gz") with progress, then gunzip with DecompressionStream.
// A server that already decoded the file (Content-Encoding: gzip) is handled
// by checking the gzip magic bytes. Written with promise chains (no async/await)
// so Emscripten 3.1.6's JS optimizer parses it.
EM_JS(void, nnp_js_fetch, (int id, const char* name_ptr), {
  var name = UTF8ToString(name_ptr);
  var url = "data/" + name + ".gz";
  var chunks = [];
  var loaded = 0;
  var total = 0;
  function fail(e) {
    var msg = String((e && e.message) || e);
    if (msg.indexOf("Failed to fetch") >= 0 || msg.indexOf("NetworkError") >= 0)
      msg = "network error while loading " + url;
    try {
      var n = lengthBytesUTF8(msg) + 1;
      var p = _malloc(n);
      stringToUTF8(msg, p, n);
      _nnplay_load_done(id, p);
      _free(p);
    } catch (e2) {
      console.error("nnplay: load failure not delivered:", msg, e2);
    }
  }
  function pump(reader) {
    return reader.read().then(function(r) {
      if (r.done) return;
      chunks.push(r.value);
      loaded += r.value.length;
      _nnplay_load_progress(id, loaded, loaded > total ? 0 : total);
      return pump(reader);
    });
  }
  fetch(url)
      .then(function(resp) {
        if (!resp.ok) throw new Error("HTTP " + resp.status + " " + resp.statusText + " for " + url);
        total = Number(resp.headers.get("Content-Length")) || 0;
        if (!resp.body) return resp.arrayBuffer().then(function(b) { chunks.push(new Uint8Array(b)); });
        return pump(resp.body.getReader());
      })
      .then(function() {
        var blob = new Blob(chunks);
        chunks = [];
        return blob.slice(0, 2).arrayBuffer().then(function(head) {
          var h = new Uint8Array(head);
          if (h.length === 2 && h[0] === 0x1f && h[1] === 0x8b) {
            if (typeof DecompressionStream === "undefined")
              throw new Error("this browser has no DecompressionStream('gzip'); use a current Chrome, Firefox or Safari");
            return new Response(blob.stream().pipeThrough(new DecompressionStream("gzip"))).arrayBuffer();
          }
          return blob.arrayBuffer();
        });
      })
      .then(function(buf) {
        var bytes = new Uint8Array(buf);
        var ptr = _nnplay_load_alloc(id, bytes.length);
        if (!ptr) throw new Error("out of memory for " + name + " (" + bytes.length + " bytes)");
        HEAPU8.set(bytes, ptr);  // HEAPU8 is re-read after the allocation (memory may have grown)
        _nnplay_load_done(id, 0);
      })
      .catch(fail);
});

// Offers bytes as a download: a Blob behind a temporary link, clicked.
EM_JS(void, nnp_js_download, (const char* name_ptr, const uint8_t* data, int size), {
  try {
    var name = UTF8ToString(name_ptr);
    var blob = new Blob([HEAPU8.slice(data, data + size)], {type: "application/octet-stream"});
    var url = URL.createObjectURL(blob);
    var a = document.createElement("a");
    a.href = url;
    a.download = name;
    a.style.display = "none";
    document.body.appendChild(a);
    a.click();
    setTimeout(function() {
      document.body.removeChild(a);
      URL.revokeObjectURL(url);
    }, 2000);
  } catch (e) {
    console.error("nnplay: download failed:", e);
  }
});

// Installs Module.nnplayDeliverFiles(id, [{file, path}]) (reads each File
// into the wasm heap in turn: _nnplay_user_file_alloc, then _part with its
// path; then _nnplay_user_files_done once) and a drop target on the page:
// each drop gets its own negative id and goes to set_drop_handler's handler.
// A dropped folder is walked (webkitGetAsEntry) and its files named from the
// folder's name down ("pets/cats/01.png").
EM_JS(void, nnp_js_install_user_files, (), {
  function utf8(text) {
    var n = lengthBytesUTF8(text) + 1;
    var p = _malloc(n);
    stringToUTF8(text, p, n);
    return p;
  }
  Module["nnplayDeliverFiles"] = function(id, list) {
    function finish(err) {
      var p = err ? utf8(err) : 0;
      _nnplay_user_files_done(id, p);
      if (p) _free(p);
    }
    var i = 0;
    function next() {
      if (i >= list.length) return finish(null);
      var item = list[i++];
      item.file.arrayBuffer()
          .then(function(buf) {
            var bytes = new Uint8Array(buf);
            var ptr = _nnplay_user_file_alloc(id, bytes.length);
            if (!ptr) throw new Error("out of memory for " + item.path + " (" + bytes.length + " bytes)");
            HEAPU8.set(bytes, ptr);
            var p = utf8(item.path);
            _nnplay_user_file_part(id, p);
            _free(p);
            next();
          })
          .catch(function(e) { finish(item.path + ": " + String((e && e.message) || e)); });
    }
    next();
  };
  var dropId = 0;
  function walk(entry, prefix) {
    return new Promise(function(resolve) {
      if (entry.isFile) {
        entry.file(function(f) { resolve([{file: f, path: prefix + f.name}]); }, function() { resolve([]); });
        return;
      }
      var reader = entry.createReader(), children = [];
      (function more() {  // readEntries gives a folder's entries in batches, then an empty one
        reader.readEntries(function(batch) {
          if (batch.length) {
            children = children.concat(Array.prototype.slice.call(batch));
            return more();
          }
          Promise.all(children.map(function(c) { return walk(c, prefix + entry.name + "/"); }))
              .then(function(lists) { resolve([].concat.apply([], lists)); });
        }, function() { resolve([]); });
      })();
    });
  }
  window.addEventListener("dragover", function(e) { e.preventDefault(); });
  window.addEventListener("drop", function(e) {
    e.preventDefault();
    var dt = e.dataTransfer;
    if (!dt) return;
    var id = --dropId;
    var entries = [];
    for (var i = 0; dt.items && i < dt.items.length; ++i) {
      var en = dt.items[i].webkitGetAsEntry ? dt.items[i].webkitGetAsEntry() : null;
      if (en) entries.push(en);
    }
    if (entries.some(function(en) { return en.isDirectory; })) {
      Promise.all(entries.map(function(en) { return walk(en, ""); }))
          .then(function(lists) { Module["nnplayDeliverFiles"](id, [].concat.apply([], lists)); });
      return;
    }
    var list = [];
    for (var k = 0; dt.files && k < dt.files.length; ++k) list.push({file: dt.files[k], path: dt.files[k].name});
    if (list.length) Module["nnplayDeliverFiles"](id, list);
  });
});

// The browser's file chooser: a hidden <input type=file> (several files when
// `multiple`); the chosen files go to handler `id`. Works from the frame
// after a click (the page still has the click's transient user activation).
EM_JS(void, nnp_js_choose_file, (int id, const char* accept_ptr, int multiple), {
  var input = document.createElement("input");
  input.type = "file";
  input.accept = UTF8ToString(accept_ptr);
  input.multiple = !!multiple;
  input.style.display = "none";
  input.addEventListener("change", function() {
    var files = Array.prototype.slice.call(input.files || []);
    if (input.parentNode) input.parentNode.removeChild(input);
    if (files.length)
      Module["nnplayDeliverFiles"](id, files.map(function(f) { return {file: f, path: f.webkitRelativePath || f.name}; }));
  });
  document.body.appendChild(input);
  input.click();
});

// --------------------------------------------------------------------- C++

namespace nnplay::platform {
namespace {

struct FileJob {
  ProgressFn on_progress;
  DoneFn on_done;
  std::vector<uint8_t> bytes;
};

struct UserFileJob {
  UserFilesFn on_done;
  std::vector<uint8_t> bytes;  // the file being read
  std::vector<UserFile> files;
};

struct State {
  std::string query;
  Api api;
  std::function<void()> frame;
  std::map<int, FileJob> jobs;
  UserFilesFn on_drop;                    // user-file jobs with ids below 0 (drops)
  std::map<int, UserFileJob> user_jobs;   // chooser requests, ids from 1; drops, ids from -1 down
  int next_user_job = 1;
  int next_job = 1;
  bool first_frame = true;
  std::string reply;  // keeps the last API reply alive for the JS caller
} g;

void loop(void*) {
  sdl::pump_events();
  sdl::frame(g.frame);
  if (g.first_frame) {
    g.first_frame = false;
    nnp_js_signal(1, nullptr);
  }
}

}  // namespace

Status init(int, char**, const AppDesc& desc) {
  char* q = nnp_js_location_query();
  g.query = q ? q : "";
  std::free(q);
  sdl::ContextDesc cd;
  cd.app = &desc;
  cd.gles = true;
  cd.glsl_version = "#version 300 es";
  cd.ui_scale = 1.0f;
  cd.pixel_ratio = static_cast<float>(emscripten_get_device_pixel_ratio());
  cd.font_path = "/fonts/DejaVuSans.ttf";  // --embed-file (src/app.cmake)
  Status st = sdl::create(cd);
  if (!st.ok()) nnp_js_signal(0, st.to_string().c_str());
  nnp_js_install_user_files();
  return st;
}

void run(std::function<void()> frame) {
  g.frame = std::move(frame);
  // fps 0 = requestAnimationFrame; simulate_infinite_loop: main() never returns,
  // so main's statics and heap objects stay alive (ImGui's Emscripten example).
  emscripten_set_main_loop_arg(loop, nullptr, 0, true);
}

double now_ms() { return emscripten_get_now(); }

const char* name() { return "web"; }
double memory_budget_bytes() { return 1.25 * 1024.0 * 1024.0 * 1024.0; }

int training_threads() {
#if defined(__EMSCRIPTEN_PTHREADS__)
  // The page loads this build only when it is cross-origin isolated (web/index.html).
  return std::clamp(nnp_js_hardware_threads(), 1, 4);
#else
  return 1;
#endif
}

void load_file(const std::string& name, ProgressFn on_progress, DoneFn on_done) {
  const int id = g.next_job++;
  FileJob& job = g.jobs[id];
  job.on_progress = std::move(on_progress);
  job.on_done = std::move(on_done);
  nnp_js_fetch(id, name.c_str());
}

std::string data_dir() { return ""; }

Result<std::string> save_user_file(const std::string& name, const std::vector<uint8_t>& bytes) {
  nnp_js_download(name.c_str(), bytes.data(), static_cast<int>(bytes.size()));
  return "your downloads as " + name;
}

bool has_file_chooser() { return true; }

void open_user_files(const std::string& /*path*/, const std::string& accept, UserFilesFn on_done) {
  const int id = g.next_user_job++;
  g.user_jobs[id].on_done = std::move(on_done);
  nnp_js_choose_file(id, accept.c_str(), 1);
}

void open_user_file(const std::string& /*path*/, const std::string& accept, UserFileFn on_done) {
  const int id = g.next_user_job++;
  g.user_jobs[id].on_done = [on_done = std::move(on_done)](Status st, std::vector<UserFile> files) {
    if (files.empty()) on_done(st, "", {});
    else on_done(st, std::move(files[0].name), std::move(files[0].bytes));
  };
  nnp_js_choose_file(id, accept.c_str(), 0);
}

void set_drop_handler(UserFilesFn on_drop) { g.on_drop = std::move(on_drop); }

std::string initial_query() { return g.query; }

void set_query(const std::string& query) {
  if (query == g.query) return;
  g.query = query;
  nnp_js_replace_hash(query.c_str());
}

std::string page_address() {
  char* p = nnp_js_page_address();
  std::string s = p ? p : "";
  std::free(p);
  return s;
}

void copy_text(const std::string& text) { nnp_js_copy(text.c_str()); }

void set_api(Api api) { g.api = std::move(api); }

int64_t frame_limit() { return 0; }

}  // namespace nnplay::platform

// ------------------------------------------------- called from JavaScript

using nnplay::platform::g;

extern "C" {

EMSCRIPTEN_KEEPALIVE const char* nnplay_api_command(const char* json) {
  if (!g.api.command) return "{\"ok\":false,\"error\":\"NOT_READY: the app is still starting\"}";
  g.reply = g.api.command(json ? json : "");
  return g.reply.c_str();
}

EMSCRIPTEN_KEEPALIVE const char* nnplay_api_status() {
  if (!g.api.status) return "{\"ok\":false,\"error\":\"NOT_READY: the app is still starting\"}";
  g.reply = g.api.status();
  return g.reply.c_str();
}

EMSCRIPTEN_KEEPALIVE const char* nnplay_api_catalog() {
  if (!g.api.catalog) return "{\"ok\":false,\"error\":\"NOT_READY: the app is still starting\"}";
  g.reply = g.api.catalog();
  return g.reply.c_str();
}

EMSCRIPTEN_KEEPALIVE const char* nnplay_api_ui() {
  if (!g.api.ui) return "{\"ok\":false,\"error\":\"NOT_READY: the app is still starting\"}";
  g.reply = g.api.ui();
  return g.reply.c_str();
}

// The most bytes malloc has held from the wasm heap at once since the page
// loaded (dlmalloc's max_footprint, reported as mallinfo's usmblks): the
// page's real peak, where the heap's size (it only grows, in steps) is an
// upper bound. window.nnplay.memory() reports it.
EMSCRIPTEN_KEEPALIVE double nnplay_malloc_peak_bytes() { return static_cast<double>(mallinfo().usmblks); }

// 1 while a Dear ImGui text field has the keyboard: the page then leaves Tab
// to the app; otherwise Tab moves the browser's focus to the page's own
// controls (web/nnplay-api.js; SDL alone would swallow every Tab).
EMSCRIPTEN_KEEPALIVE int nnplay_ui_wants_text() {
  return ImGui::GetCurrentContext() && ImGui::GetIO().WantTextInput ? 1 : 0;
}

// 1 while Dear ImGui sees a pointer over the page: after a tap's finger
// lifts it must go (platform_sdl.cpp), or a tooltip would stick (a browser
// test taps and asks).
EMSCRIPTEN_KEEPALIVE int nnplay_ui_pointer_present() {
  return ImGui::GetCurrentContext() && ImGui::IsMousePosValid() ? 1 : 0;
}

EMSCRIPTEN_KEEPALIVE uint8_t* nnplay_load_alloc(int id, double size) {
  auto it = g.jobs.find(id);
  if (it == g.jobs.end() || !(size >= 0) || size > 2e9) return nullptr;
  static uint8_t empty_file;  // a valid address for a 0-byte file
  it->second.bytes.resize(static_cast<size_t>(size));
  return it->second.bytes.empty() ? &empty_file : it->second.bytes.data();
}

EMSCRIPTEN_KEEPALIVE void nnplay_load_progress(int id, double loaded, double total) {
  auto it = g.jobs.find(id);
  if (it != g.jobs.end() && it->second.on_progress)
    it->second.on_progress(static_cast<int64_t>(loaded), static_cast<int64_t>(total));
}

EMSCRIPTEN_KEEPALIVE void nnplay_load_done(int id, const char* error) {
  auto it = g.jobs.find(id);
  if (it == g.jobs.end()) return;
  nnplay::platform::FileJob job = std::move(it->second);
  g.jobs.erase(it);
  if (error) job.on_done(nnplay::Error(nnplay::ErrorCode::IO_ERROR, error), {});
  else job.on_done(nnplay::Status::Ok(), std::move(job.bytes));
}

// User files (a chooser's, id >= 1, or a drop's, id < 0) arrive as alloc +
// part per file, then one done.
EMSCRIPTEN_KEEPALIVE uint8_t* nnplay_user_file_alloc(int id, double size) {
  if (!(size >= 0) || size > 1e9) return nullptr;
  nnplay::platform::UserFileJob& job = g.user_jobs[id];  // a drop's job is created here
  job.bytes.resize(static_cast<size_t>(size));
  static uint8_t empty_file;
  return job.bytes.empty() ? &empty_file : job.bytes.data();
}

EMSCRIPTEN_KEEPALIVE void nnplay_user_file_part(int id, const char* name) {
  nnplay::platform::UserFileJob& job = g.user_jobs[id];
  job.files.push_back({name ? name : "file", std::move(job.bytes)});
  job.bytes = {};
}

EMSCRIPTEN_KEEPALIVE void nnplay_user_files_done(int id, const char* error) {
  auto it = g.user_jobs.find(id);
  nnplay::platform::UserFileJob job;
  if (it != g.user_jobs.end()) {
    job = std::move(it->second);
    g.user_jobs.erase(it);
  }
  nnplay::platform::UserFilesFn& fn = id < 0 ? g.on_drop : job.on_done;
  if (!fn) return;
  if (error) fn(nnplay::Error(nnplay::ErrorCode::IO_ERROR, error), {});
  else fn(nnplay::Status::Ok(), std::move(job.files));
}

}  // extern "C"
