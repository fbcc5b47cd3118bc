// data_files.h — the command-line tools' data: the files a playground wants
// (its session's and its race lanes'), read from the data folder the way
// scripts/bootstrap made them (nnplay-train, nnplay-lesson).
#pragma once

#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "train/playground.h"

namespace nnplay::cli {

/// --data-dir's default: $NNPLAY_DATA, else ~/.cache/nnplay/data.
inline std::string default_data_dir() {
  if (const char* env = std::getenv("NNPLAY_DATA")) return env;
  if (const char* home = std::getenv("HOME")) return std::string(home) + "/.cache/nnplay/data";
  return "data";
}

inline bool read_file(const std::string& path, std::vector<uint8_t>* out, std::string* error) {
  std::ifstream f(path, std::ios::binary);
  if (!f) {
    *error = "cannot open " + path + " (run scripts/bootstrap to make the datasets, or pass --data-dir)";
    return false;
  }
  out->assign(std::istreambuf_iterator<char>(f), std::istreambuf_iterator<char>());
  return true;
}

/// The user's data at `path`: one file (its path as given), or every file
/// under a folder, named from the folder's own name down ("pets/cats/1.png"
/// for --data some/where/pets), in sorted order.
inline bool read_data(const std::string& path, std::vector<data::ImageFile>* out, std::string* error) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (!fs::is_directory(path, ec)) {
    out->push_back({path, {}});
    if (read_file(path, &out->back().bytes, error)) return true;
    *error = "cannot open " + path;
    return false;
  }
  const fs::path root = fs::path(path).lexically_normal();
  const fs::path base = root.has_filename() ? root.parent_path() : root.parent_path().parent_path();
  for (auto it = fs::recursive_directory_iterator(root, ec); !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
    if (!it->is_regular_file(ec)) continue;
    out->push_back({it->path().lexically_relative(base).generic_string(), {}});
    if (!read_file(it->path().string(), &out->back().bytes, error)) return false;
  }
  if (ec) {
    *error = "cannot read the folder " + path + ": " + ec.message();
    return false;
  }
  return true;
}

/// Hands every file the playground wants to it (a missing one fails its load).
inline void load_wanted_files(train::Playground& play, const std::string& data_dir) {
  for (std::string file = play.next_wanted_file(); !file.empty(); file = play.next_wanted_file()) {
    std::vector<uint8_t> bytes;
    std::string error;
    if (!read_file(data_dir + "/" + file, &bytes, &error)) {
      play.fail_file(file, error);
      break;
    }
    play.provide_file(file, std::move(bytes));
  }
}

}  // namespace nnplay::cli
