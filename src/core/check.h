// check.h — NNP_ASSERT for invariants that user input cannot reach (a bug in
// nnplay, not a bad setting). Like IM_ASSERT / GGML_ASSERT it can be overridden
// by defining NNP_ASSERT before including this file. User-reachable failures
// return a Status instead (core/status.h).
#pragma once

#include <cstdio>
#include <cstdlib>

#ifndef NNP_ASSERT
#define NNP_ASSERT(cond)                                                               \
  do {                                                                                 \
    if (!(cond)) {                                                                     \
      std::fprintf(stderr, "nnplay: internal error %s:%d: %s\n", __FILE__, __LINE__, #cond); \
      std::abort();                                                                    \
    }                                                                                  \
  } while (0)
#endif
