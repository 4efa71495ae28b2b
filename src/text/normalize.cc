// Normalisation: valid UTF-8, NFC, '\n' line ends, no control characters.
#include <utf8proc.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <string>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "sitrep/text.h"

namespace sitrep {
namespace {

constexpr size_t kMaxWarnings = 20;

// The bytes that normalisation never changes: printable ASCII, '\n' and '\t'.
constexpr std::array<bool, 256> kKeptAsIs = [] {
  std::array<bool, 256> t{};
  for (int c = 0x20; c < 0x7F; ++c) t[c] = true;
  t['\n'] = t['\t'] = true;
  return t;
}();

// True when the eight bytes at p are all printable ASCII (0x20-0x7E): no high bit, each
// byte plus 0x60 reaches 0x80 (so it is 0x20 or more), and none plus 1 does (so none is
// 0x7F). For bytes below 0x80 no sum carries into the next byte.
inline bool AllPrintableAscii8(const unsigned char* p) {
  constexpr uint64_t kHigh = 0x8080808080808080ull;
  uint64_t x;
  std::memcpy(&x, p, 8);
  return (x & kHigh) == 0 && ((x + 0x6060606060606060ull) & kHigh) == kHigh &&
         ((x + 0x0101010101010101ull) & kHigh) == 0;
}

// The end of the run of bytes that stay as they are (kKeptAsIs) from s[i]: the index of the
// first other byte, or n. On x86-64, 16 bytes at a time with SSE2 (every x86-64 has it): a
// byte b is in 0x20..0x7E exactly when b + 0x60, wrapping, is below -128 + 95 as a signed
// byte; and before that 64 at a time, the four masks of a block and-ed into one test, while
// every byte stays (news text runs for hundreds of bytes between curly quotes). The rest (and
// other machines) eight at a time while they are printable ASCII.
#if defined(__SSE2__)
// The lanes of the 16 bytes at p that stay as they are (all ones): 0x20..0x7E, and '\t' and '\n'
// (0x09 and 0x0A: b + 0x77 below -128 + 2), two ranges tested alike.
inline __m128i Kept16(const unsigned char* p) {
  static_assert('\t' == 0x09 && '\n' == 0x0A);
  const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
  return _mm_or_si128(_mm_cmplt_epi8(_mm_add_epi8(v, _mm_set1_epi8(0x60)), _mm_set1_epi8(-128 + 95)),
                      _mm_cmplt_epi8(_mm_add_epi8(v, _mm_set1_epi8(0x77)), _mm_set1_epi8(-128 + 2)));
}

// The lanes of the 16 bytes at p that are printable ASCII (Kept16 without '\t' and '\n').
inline __m128i Printable16(const unsigned char* p) {
  const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
  return _mm_cmplt_epi8(_mm_add_epi8(v, _mm_set1_epi8(0x60)), _mm_set1_epi8(-128 + 95));
}
#endif

size_t KeptRunEnd(const unsigned char* s, size_t i, size_t n) {
#if defined(__SSE2__)
  while (n - i >= 64) {
    // Most blocks are printable ASCII alone; those with a line break or a tab are tested again.
    const __m128i printable = _mm_and_si128(_mm_and_si128(Printable16(s + i), Printable16(s + i + 16)),
                                            _mm_and_si128(Printable16(s + i + 32), Printable16(s + i + 48)));
    if (_mm_movemask_epi8(printable) != 0xFFFF) {
      const __m128i kept = _mm_and_si128(_mm_and_si128(Kept16(s + i), Kept16(s + i + 16)),
                                         _mm_and_si128(Kept16(s + i + 32), Kept16(s + i + 48)));
      if (_mm_movemask_epi8(kept) != 0xFFFF) break;  // the loop below finds which byte
    }
    i += 64;
  }
  while (n - i >= 16) {
    const unsigned mask = static_cast<unsigned>(_mm_movemask_epi8(Kept16(s + i)));
    if (mask != 0xFFFF) return i + static_cast<size_t>(__builtin_ctz(~mask));
    i += 16;
  }
#endif
  for (;;) {
    while (n - i >= 8 && AllPrintableAscii8(s + i)) i += 8;
    // Eight bytes one by one ('\n' and '\t' are kept too), then eight at a time again.
    const size_t stop = std::min(n, i + 8);
    while (i < stop && kKeptAsIs[s[i]]) ++i;
    if (i < stop || i == n) return i;
  }
}

// Length of the valid UTF-8 sequence at s[0..n), or 0 when it is invalid
// (overlong forms, surrogates and code points past U+10FFFF are invalid).
size_t ValidSequence(const unsigned char* s, size_t n, uint32_t* cp) {
  unsigned char c = s[0];
  if (c < 0x80) { *cp = c; return 1; }
  size_t len;
  uint32_t min;
  if ((c & 0xE0) == 0xC0) { len = 2; *cp = c & 0x1F; min = 0x80; }
  else if ((c & 0xF0) == 0xE0) { len = 3; *cp = c & 0x0F; min = 0x800; }
  else if ((c & 0xF8) == 0xF0) { len = 4; *cp = c & 0x07; min = 0x10000; }
  else return 0;
  if (n < len) return 0;
  for (size_t i = 1; i < len; ++i) {
    if ((s[i] & 0xC0) != 0x80) return 0;
    *cp = (*cp << 6) | (s[i] & 0x3F);
  }
  if (*cp < min || *cp > 0x10FFFF || (*cp >= 0xD800 && *cp <= 0xDFFF)) return 0;
  return len;
}

void AppendUtf8(std::string* out, uint32_t cp) {
  char buf[4];
  ssize_t n = utf8proc_encode_char(static_cast<utf8proc_int32_t>(cp), reinterpret_cast<utf8proc_uint8_t*>(buf));
  out->append(buf, static_cast<size_t>(n));
}

// True when NFC leaves `cp` as it is whatever surrounds it: a starter (combining class 0)
// that is not a mark, not a conjoining Hangul jamo (those compose with what precedes them)
// and is its own NFC (no singleton or excluded decomposition). Text whose non-ASCII code
// points are all inert is already NFC; news text is nearly always so (curly quotes, dashes,
// precomposed accented letters), which spares the whole-document NFC pass.
bool ComputeNfcInert(uint32_t cp) {
  const utf8proc_property_t* p = utf8proc_get_property(static_cast<utf8proc_int32_t>(cp));
  if (p->combining_class != 0) return false;
  if (p->category == UTF8PROC_CATEGORY_MN || p->category == UTF8PROC_CATEGORY_MC || p->category == UTF8PROC_CATEGORY_ME)
    return false;
  if (cp >= 0x1100 && cp <= 0x11FF) return false;  // Hangul jamo
  if (cp >= 0xD7B0 && cp <= 0xD7FF) return false;  // Hangul jamo extended-B
  utf8proc_uint8_t buf[5] = {0};
  utf8proc_encode_char(static_cast<utf8proc_int32_t>(cp), buf);
  utf8proc_uint8_t* nfc = utf8proc_NFC(buf);
  if (nfc == nullptr) return false;
  bool same = std::strcmp(reinterpret_cast<const char*>(nfc), reinterpret_cast<const char*>(buf)) == 0;
  std::free(nfc);
  return same;
}

// ComputeNfcInert, remembered per code point of the Basic Multilingual Plane (each entry is
// written once with the same value by whichever thread gets there first).
bool NfcInert(uint32_t cp) {
  static std::atomic<uint8_t> known[0x10000];  // 0 unknown, 1 inert, 2 not
  if (cp > 0xFFFF) return ComputeNfcInert(cp);
  uint8_t k = known[cp].load(std::memory_order_relaxed);
  if (k == 0) {
    k = ComputeNfcInert(cp) ? 1 : 2;
    known[cp].store(k, std::memory_order_relaxed);
  }
  return k == 1;
}

}  // namespace

std::string NormalizeUtf8(std::string_view raw, std::vector<Warning>* warnings) {
  std::string out;
  out.reserve(raw.size());
  const auto* s = reinterpret_cast<const unsigned char*>(raw.data());
  const size_t n = raw.size();
  bool nfc_stable = true;  // every code point so far is left alone by NFC
  size_t bad = 0;
  size_t i = 0;
  if (n >= 3 && s[0] == 0xEF && s[1] == 0xBB && s[2] == 0xBF) i = 3;  // byte order mark
  while (i < n) {
    // A run of bytes that stay as they are (printable ASCII, '\n', '\t'), most of any text,
    // is copied in one append.
    const size_t run = KeptRunEnd(s, i, n);
    if (run > i) {
      out.append(raw.data() + i, run - i);
      i = run;
      if (i == n) break;
    }
    unsigned char c = s[i];
    if (c == '\r') {
      out.push_back('\n');
      i += (i + 1 < n && s[i + 1] == '\n') ? 2 : 1;
      continue;
    }
    if (c < 0x80) { out.push_back(' '); ++i; continue; }  // other C0 controls and DEL
    uint32_t cp = 0;
    size_t len = ValidSequence(s + i, n - i, &cp);
    if (len == 0) {
      if (warnings && bad < kMaxWarnings)
        warnings->push_back({i, "invalid UTF-8 byte 0x" + std::string(1, "0123456789abcdef"[c >> 4]) +
                                    std::string(1, "0123456789abcdef"[c & 15]) + " replaced by U+FFFD"});
      ++bad;
      AppendUtf8(&out, 0xFFFD);  // U+FFFD is inert
      ++i;
      continue;
    }
    if (cp >= 0x80 && cp <= 0x9F) out.push_back(' ');           // C1 controls
    else if (cp == 0x200B || cp == 0xFEFF || cp == 0x2060) {}    // zero-width spaces: dropped
    else if (cp == 0x2028 || cp == 0x2029) out.push_back('\n');  // line and paragraph separators
    else {
      out.append(raw.data() + i, len);
      if (nfc_stable && !NfcInert(cp)) nfc_stable = false;
    }
    i += len;
  }
  if (warnings && bad > kMaxWarnings)
    warnings->push_back({n, std::to_string(bad - kMaxWarnings) + " more invalid UTF-8 bytes replaced"});
  if (nfc_stable) return out;
  utf8proc_uint8_t* nfc = utf8proc_NFC(reinterpret_cast<const utf8proc_uint8_t*>(out.c_str()));
  if (nfc == nullptr) return out;  // cannot happen on valid input; keep the validated text
  std::string result(reinterpret_cast<char*>(nfc));
  std::free(nfc);
  return result;
}

}  // namespace sitrep
