// golden.h — small reference files written by PyTorch scripts in
// tests/reference/ (run with Debian's /usr/bin/python3 + python3-torch).
// Each JSON golden has {"magic": "nnplay-golden", "version": 1, "generator":
// "tests/reference/<script>.py", ...}; tensors are {"shape": [...], "data": [...]}.
// A mismatch in magic/version fails with "regenerate with <generator>".
#pragma once

#include <nlohmann/json.hpp>
#include <cstdint>
#include <string>
#include <vector>

#include "core/status.h"
#include "core/tensor.h"

namespace nnplay::test {

/// The source tree's root, from the environment variable NNPLAY_SOURCE_DIR
/// (ctest sets it for every test; not compiled in, so a test's object file
/// is the same in every checkout and ccache can reuse it). Empty, with a
/// message on stderr, when it is not set (running a test binary by hand).
std::string source_dir();
/// The bytes of tests/reference/<name> (empty when it cannot be read).
std::vector<uint8_t> reference_bytes(const std::string& name);
/// Loads tests/reference/<name> from the source tree and checks its header.
Result<nlohmann::json> load_golden(const std::string& name);
/// {"shape": [...], "data": [...]} -> Tensor (errors name the key).
Result<Tensor> tensor_from_json(const nlohmann::json& j, const std::string& what);
/// Empty when |a − b| <= atol + rtol·|b| everywhere; else the first mismatches.
std::string compare_tensors(const Tensor& actual, const Tensor& expected, double atol, double rtol);

}  // namespace nnplay::test

#define EXPECT_TENSOR_NEAR(actual, expected, atol, rtol)                                   \
  do {                                                                                     \
    const std::string nnp_diff_ = ::nnplay::test::compare_tensors(actual, expected, atol, rtol); \
    EXPECT_TRUE(nnp_diff_.empty()) << #actual " vs " #expected ":\n" << nnp_diff_;         \
  } while (0)
