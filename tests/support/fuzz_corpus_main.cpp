// fuzz_corpus_main.cpp — runs a libFuzzer harness (fuzz/<name>_fuzz.cpp) on
// every file of its committed corpus (fuzz/corpus/<name>/: seeds and the
// inputs that once crashed it), so each crash found stays a regression test
// in the ordinary suites, natively and under the sanitizers (build/asan).
// Usage: fuzz_<name>_corpus DIR. Fails when DIR has no files; a crash or
// sanitizer report fails it as it would the fuzzer.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size);

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: %s CORPUS_DIR\n", argv[0]);
    return 2;
  }
  int n = 0;
  std::error_code ec;
  for (const auto& e : std::filesystem::directory_iterator(argv[1], ec)) {
    if (!e.is_regular_file()) continue;
    std::ifstream f(e.path(), std::ios::binary);
    const std::vector<uint8_t> bytes((std::istreambuf_iterator<char>(f)), std::istreambuf_iterator<char>());
    std::printf("%s (%zu bytes)\n", e.path().filename().c_str(), bytes.size());
    std::fflush(stdout);
    LLVMFuzzerTestOneInput(bytes.data(), bytes.size());
    ++n;
  }
  if (n == 0) {
    std::fprintf(stderr, "%s: no corpus files in %s\n", argv[0], argv[1]);
    return 1;
  }
  std::printf("%d inputs ran\n", n);
  return 0;
}
