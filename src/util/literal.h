// Comparing a string with a string literal in hot code.
//
// Is(s, "lit") is s == "lit", always inlined: the length first, then a memcmp of a length
// known at compile time, which GCC expands to a few loads and compares. In large functions
// (the extractor, the quantity and time matchers) g++ 12 at -O2 leaves string_view's ==
// out of line: a call and a memcmp for each literal compared, ~550 K calls per run of
// `sitrep bench extract-1t` before this was used.
//
// Thread rule: a pure function.
#ifndef SITREP_UTIL_LITERAL_H_
#define SITREP_UTIL_LITERAL_H_

#include <cstddef>
#include <cstring>
#include <string_view>

namespace sitrep {

template <size_t N>
[[gnu::always_inline]] inline bool Is(std::string_view s, const char (&lit)[N]) {
  return s.size() == N - 1 && std::memcmp(s.data(), lit, N - 1) == 0;
}

}  // namespace sitrep

#endif  // SITREP_UTIL_LITERAL_H_
