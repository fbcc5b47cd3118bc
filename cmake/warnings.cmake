# Strict warnings for nnplay's own targets only (never for imgui, SDL or gtest).
# Under the sanitizers GCC 12 reports maybe-uninitialized inside libstdc++'s
# <regex> and <functional> (its instrumentation confuses the analysis; GCC's
# manual warns of such false positives), so that one warning is off there.
if(NNPLAY_SANITIZE AND CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
  set(NNP_SANITIZE_WARNINGS -Wno-maybe-uninitialized)
endif()
# -Wno-restrict: GCC 12 false positive on std::string operator+ at -O3
# (gcc.gnu.org/bugzilla/show_bug.cgi?id=105329).
function(nnp_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wsign-conversion
                                           -Wno-unused-parameter -Wno-missing-field-initializers -Werror
                                           $<$<CXX_COMPILER_ID:GNU>:-Wno-restrict> ${NNP_SANITIZE_WARNINGS})
endfunction()

# Tests: the same, minus the conversion warnings (expected values mix integer
# and floating-point arithmetic on purpose; -Wconversion would only add casts).
function(nnp_test_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wshadow -Wno-unused-parameter -Wno-missing-field-initializers -Werror
                                           -Wno-dangling-else -Wno-sign-compare
                                           $<$<CXX_COMPILER_ID:GNU>:-Wno-restrict> ${NNP_SANITIZE_WARNINGS})
endfunction()
