// alloc_counter.h — counts every operator new of the test executable.
// Referencing allocation_count() links alloc_counter.cpp, whose global
// operator new/delete replace the default ones in that executable only.
#pragma once

namespace nnplay::test {

/// Number of operator new calls so far (monotonic).
long allocation_count();

}  // namespace nnplay::test
