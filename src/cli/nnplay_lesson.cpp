// nnplay-lesson — the lecture's claims as experiments (train/lessons.h), run
// headless the way the app runs them: set the lesson up, run its lanes to
// their budget, judge. Natively and under node as WebAssembly.
//
//   nnplay-lesson --list
//   nnplay-lesson --check relu-vs-sigmoid [--seeds 1,2,3]
//   nnplay-lesson --all [--seeds 1,2,3] [--markdown]
//
// Prints every seed's measurements and PASS/FAIL; exits 1 when a claim did
// not hold for some seed (the ctest label `lessons` runs --all). --markdown
// prints the table of docs/lessons.md.
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "cli/data_files.h"
#include "train/lessons.h"
#include "train/playground.h"

using namespace nnplay;

namespace {

void usage() {
  std::printf(
      "usage: nnplay-lesson --list | --check ID[,ID...] | --all   [--seeds 1,2,3] [--markdown] [--data-dir DIR]\n"
      "\n"
      "Runs the lecture's claims as experiments, as the app's Lessons view does: each lesson's lanes\n"
      "train from the same seed for its budget of steps, then its check measures them and says\n"
      "whether the claim held. Exits 1 if a claim did not hold for some seed.\n"
      "\n"
      "  --list           every lesson: id, section, title, the check\n"
      "  --check IDS      these lessons (comma separated)\n"
      "  --all            every lesson\n"
      "  --seeds LIST     seeds to run each lesson with (default 1,2,3)\n"
      "  --markdown       print the table of docs/lessons.md instead of lines\n"
      "  --data-dir DIR   converted datasets (default $NNPLAY_DATA, else ~/.cache/nnplay/data)\n");
}

struct Run {
  uint64_t seed = 0;
  train::Verdict verdict;
  double seconds = 0;
};

// One lesson with one seed, headless: set up, load data, run to the budget, judge.
Run run_lesson(const train::Lesson& lesson, uint64_t seed, const std::string& data_dir) {
  const auto t0 = std::chrono::steady_clock::now();
  Run r;
  r.seed = seed;
  train::Playground play;
  Status st = play.start_lesson(lesson.id, seed, /*train=*/true, /*paced=*/false);
  cli::load_wanted_files(play, data_dir);
  // One unit of work per call: the same steps whatever the machine's speed.
  for (int64_t units = 0; st.ok() && !play.verdict() && units < 50'000'000; ++units) (void)play.run_for(0.0);
  if (!st.ok()) r.verdict.outcome = "could not set the lesson up: " + st.message();
  else if (!play.verdict()) r.verdict.outcome = "the run did not end: " + play.session().status().last_error;
  else r.verdict = *play.verdict();
  r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  return r;
}

std::string numbers(const train::Verdict& v) {
  std::string s;
  for (const auto& [name, value] : v.numbers) {
    char buf[96];
    std::snprintf(buf, sizeof buf, "%s%s %.4g", s.empty() ? "" : " · ", name.c_str(), value);
    s += buf;
  }
  return s;
}

void print_lines(const train::Lesson& lesson, const std::vector<Run>& runs) {
  std::printf("%s — %s\n  check: %s\n", lesson.id, lesson.title, lesson.check);
  for (const Run& r : runs)
    std::printf("  seed %llu: %s (%.1f s)  %s\n    %s\n", static_cast<unsigned long long>(r.seed),
                r.verdict.holds ? "PASS" : "FAIL", r.seconds, numbers(r.verdict).c_str(), r.verdict.outcome.c_str());
  std::fflush(stdout);
}

void print_markdown_row(const train::Lesson& lesson, const std::vector<Run>& runs) {
  bool all = !runs.empty();
  std::string seeds;
  for (const Run& r : runs) {
    all = all && r.verdict.holds;
    seeds += "seed " + std::to_string(r.seed) + ": " + numbers(r.verdict) + (r.verdict.holds ? "" : " (**fails**)") + "<br>";
  }
  std::string setup = lesson.setup;
  if (setup.empty()) setup = "as proposed";
  std::printf("| `%s` | %s | %s | %s | %s | %s |\n", lesson.id, lesson.claim, lesson.check, setup.c_str(), seeds.c_str(),
              all ? "holds" : "**does not hold**");
}

std::vector<std::string> split(const std::string& s) {
  std::vector<std::string> out;
  for (size_t pos = 0; pos <= s.size();) {
    size_t end = s.find(',', pos);
    if (end == std::string::npos) end = s.size();
    if (end > pos) out.push_back(s.substr(pos, end - pos));
    pos = end + 1;
  }
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> ids;
  std::vector<uint64_t> seeds = {1, 2, 3};
  bool markdown = false, list = false;
  std::string data_dir = cli::default_data_dir();
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    auto value = [&]() -> std::string { return i + 1 < argc ? argv[++i] : ""; };
    if (a == "--help" || a == "-h") {
      usage();
      return 0;
    } else if (a == "--list") {
      list = true;
    } else if (a == "--all") {
      for (const train::Lesson& l : train::lessons()) ids.push_back(l.id);
    } else if (a == "--check") {
      for (const std::string& id : split(value())) ids.push_back(id);
    } else if (a == "--seeds") {
      seeds.clear();
      for (const std::string& s : split(value())) seeds.push_back(std::strtoull(s.c_str(), nullptr, 10));
    } else if (a == "--markdown") {
      markdown = true;
    } else if (a == "--data-dir") {
      data_dir = value();
    } else {
      std::fprintf(stderr, "nnplay-lesson: unexpected argument '%s' (see --help)\n", a.c_str());
      return 2;
    }
  }
  if (list) {
    for (const train::Lesson& l : train::lessons()) std::printf("%-22s %-22s %s\n    check: %s\n", l.id, l.section, l.title, l.check);
    return 0;
  }
  if (ids.empty() || seeds.empty()) {
    usage();
    return 2;
  }
  for (const std::string& id : ids)
    if (!train::find_lesson(id)) {
      std::fprintf(stderr, "nnplay-lesson: no lesson '%s' (known: %s)\n", id.c_str(), train::lesson_ids().c_str());
      return 2;
    }
  if (markdown)
    std::printf("| lesson | claim | check | setup | measured | verdict |\n|---|---|---|---|---|---|\n");
  bool all = true;
  for (const std::string& id : ids) {
    const train::Lesson& lesson = *train::find_lesson(id);
    std::vector<Run> runs;
    for (uint64_t seed : seeds) {
      runs.push_back(run_lesson(lesson, seed, data_dir));
      all = all && runs.back().verdict.holds;
    }
    if (markdown) print_markdown_row(lesson, runs);
    else print_lines(lesson, runs);
  }
  if (!markdown) std::printf("%s\n", all ? "every claim held" : "SOME CLAIMS DID NOT HOLD");
  return all ? 0 : 1;
}
