// libFuzzer target: AnalyzeText (normalisation, tokens, sentences).
//
// Invariants checked (abort() on failure): the call succeeds; the output text is
// valid UTF-8; every token span is non-empty, inside the text, and starts at or after
// the end of the previous one; every sentence span is inside the text and its token
// range inside the token list.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "sitrep/text.h"

namespace {

// Strict UTF-8: no overlongs, no surrogates, nothing above U+10FFFF.
bool IsValidUtf8(std::string_view s) {
  size_t i = 0;
  while (i < s.size()) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      ++i;
      continue;
    }
    size_t len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC2 ? 2 : 0;
    if (len == 0 || c > 0xF4 || i + len > s.size()) return false;
    unsigned char c1 = static_cast<unsigned char>(s[i + 1]);
    if ((c == 0xE0 && c1 < 0xA0) || (c == 0xED && c1 > 0x9F) || (c == 0xF0 && c1 < 0x90) ||
        (c == 0xF4 && c1 > 0x8F))
      return false;
    for (size_t k = 1; k < len; ++k)
      if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return false;
    i += len;
  }
  return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view raw(reinterpret_cast<const char*>(data), size);
  auto result = sitrep::AnalyzeText(raw);
  if (!result.ok()) std::abort();
  const sitrep::Text& t = result.value();
  const size_t n = t.text.size();
  if (!IsValidUtf8(t.text)) std::abort();
  uint32_t prev_end = 0;
  for (const sitrep::Token& tok : t.tokens) {
    if (tok.begin >= tok.end || tok.end > n || tok.begin < prev_end) std::abort();
    prev_end = tok.end;
  }
  for (const sitrep::Sentence& s : t.sentences) {
    if (s.begin > s.end || s.end > n) std::abort();
    if (s.token_begin > s.token_end || s.token_end > t.tokens.size()) std::abort();
  }
  return 0;
}
