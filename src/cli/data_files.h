// data_files.h — the command-line tools' data: the files a playground wants
// (its session's and its race lanes'), read from the data folder the way
// scripts/bootstrap made them (nnplay-train, nnplay-lesson).
#pragma once

#include <cstdint>
#include <cstdlib>
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
