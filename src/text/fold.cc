// Folding and matching keys: how a token is compared with dictionary entries.
//
// FoldText and StripDiacritics are defined by utf8proc_map (NFC with marks stripped, and
// for FoldText case-folded) followed by a few ASCII substitutions. Running utf8proc_map on
// every string is slow (it allocates and decomposes twice), so the common cases take
// shortcuts that give the same bytes:
//   - ASCII text folds byte by byte through a table;
//   - other text folds code point by code point through a cache of each code point's fold,
//     whenever every code point of the string folds independently of its neighbours (see
//     CodePointFold); otherwise the whole string goes through utf8proc_map as before.
#include <utf8proc.h>
// KeyHash runs once per token: xxhash's inline build lets the compiler pick the short-input
// path without a call through the shared library (same algorithm, same hashes).
#define XXH_INLINE_ALL
#include <xxhash.h>

#include <array>
#include <atomic>
#include <cstdlib>
#include <cstring>
#include <string>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "sitrep/text.h"

namespace sitrep {
namespace {

// Typographic and transliteration marks that fold to ASCII; false when `cp` is not one.
bool FoldSpecial(utf8proc_int32_t cp, std::string* out) {
  switch (cp) {
    case 0x2018: case 0x2019: case 0x201B: case 0x02BC: case 0x02BE: case 0x02BF:
    case 0x0060: case 0x00B4: case 0x2032: case 0x02BB:
      out->push_back('\''); return true;
    case 0x201C: case 0x201D: case 0x201E: case 0x00AB: case 0x00BB:
      out->push_back('"'); return true;
    case 0x2010: case 0x2011: case 0x2012: case 0x2013: case 0x2014: case 0x2015: case 0x2212:
      out->push_back('-'); return true;
    case 0x00F8: out->push_back('o'); return true;  // ø
    case 0x0142: out->push_back('l'); return true;  // ł
    case 0x0111: out->push_back('d'); return true;  // đ
    case 0x0131: out->push_back('i'); return true;  // dotless i
    case 0x00E6: out->append("ae"); return true;
    case 0x0153: out->append("oe"); return true;
    case 0x00FE: out->append("th"); return true;
    case 0x00F0: out->push_back('d'); return true;  // ð
    default: return false;
  }
}

// The two foldings of this file.
enum class FoldMode : uint8_t {
  kFold,   // FoldText: case folded, marks stripped, typography as ASCII
  kStrip,  // StripDiacritics: marks stripped, case kept, apostrophe-like marks dropped
};

utf8proc_option_t MapOptions(FoldMode mode) {
  return static_cast<utf8proc_option_t>(mode == FoldMode::kFold
                                            ? UTF8PROC_COMPOSE | UTF8PROC_STRIPMARK | UTF8PROC_CASEFOLD
                                            : UTF8PROC_COMPOSE | UTF8PROC_STRIPMARK);
}

// Appends the output of utf8proc_map for code point `cp` (already mapped) after the ASCII
// substitutions of `mode`.
void AppendMapped(utf8proc_int32_t cp, FoldMode mode, std::string* out) {
  if (mode == FoldMode::kFold) {
    if (cp < 0x80) out->push_back(static_cast<char>(cp == '`' ? '\'' : cp));
    else if (!FoldSpecial(cp, out)) {
      char buf[4];
      out->append(buf, static_cast<size_t>(utf8proc_encode_char(cp, reinterpret_cast<utf8proc_uint8_t*>(buf))));
    }
    return;
  }
  std::string folded;
  if (cp < 0x80) out->push_back(static_cast<char>(cp));
  else if (FoldSpecial(cp, &folded)) { if (folded != "'") *out += folded; }  // ayn and hamza marks vanish
  else {
    char buf[4];
    out->append(buf, static_cast<size_t>(utf8proc_encode_char(cp, reinterpret_cast<utf8proc_uint8_t*>(buf))));
  }
}

// The reference path: utf8proc_map over the whole string, then the substitutions. Invalid
// UTF-8 comes back unchanged (it cannot occur after NormalizeUtf8).
void AppendFoldedByMap(std::string_view s, FoldMode mode, std::string* out) {
  utf8proc_uint8_t* mapped = nullptr;
  utf8proc_ssize_t len = utf8proc_map(reinterpret_cast<const utf8proc_uint8_t*>(s.data()),
                                      static_cast<utf8proc_ssize_t>(s.size()), &mapped, MapOptions(mode));
  if (len < 0) {
    out->append(s);
    return;
  }
  const utf8proc_uint8_t* p = mapped;
  for (utf8proc_ssize_t left = len; left > 0;) {
    utf8proc_int32_t cp;
    utf8proc_ssize_t k = utf8proc_iterate(p, left, &cp);
    if (k <= 0) break;
    AppendMapped(cp, mode, out);
    p += k;
    left -= k;
  }
  std::free(mapped);
}

// ---- one code point at a time
//
// utf8proc_map decomposes each code point on its own (utf8proc_decompose_char), then
// reorders combining marks by combining class and composes neighbours. With marks stripped,
// every code point that decomposition can leave is a starter (combining class 0; checked
// below), so reordering changes nothing, and the only starters that compose with the one
// before them are the conjoining Hangul jamo U+1161..U+11C2 (TextFold.OnlyJamoComposeAfterMarks
// pins this against the linked utf8proc). So when no code point of a string decomposes to
// anything in U+1100..U+11FF, the map of the string is the concatenation of the maps of
// its code points, and each code point's fold can be looked up alone.

// A code point's fold, packed into 64 bits for an atomic cache: the low byte says whether it
// is known and usable alone, the next byte its length, the upper six bytes the folded UTF-8.
using PackedFold = uint64_t;
constexpr PackedFold kUnknown = 0, kAlone = 1, kNotAlone = 2;
constexpr size_t kMaxPackedBytes = 6;

PackedFold ComputeCodePointFold(utf8proc_int32_t cp, FoldMode mode) {
  utf8proc_int32_t parts[8];
  int boundclass = 0;
  utf8proc_ssize_t n = utf8proc_decompose_char(cp, parts, 8, MapOptions(mode), &boundclass);
  if (n < 0 || n > 8) return kNotAlone;
  std::string bytes;
  for (utf8proc_ssize_t i = 0; i < n; ++i) {
    if (parts[i] >= 0x1100 && parts[i] <= 0x11FF) return kNotAlone;                 // Hangul jamo
    if (utf8proc_get_property(parts[i])->combining_class != 0) return kNotAlone;  // would be reordered
    AppendMapped(parts[i], mode, &bytes);
  }
  if (bytes.size() > kMaxPackedBytes) return kNotAlone;
  PackedFold packed = kAlone | (static_cast<PackedFold>(bytes.size()) << 8);
  for (size_t i = 0; i < bytes.size(); ++i)
    packed |= static_cast<PackedFold>(static_cast<unsigned char>(bytes[i])) << (16 + 8 * i);
  return packed;
}

// ComputeCodePointFold, remembered for U+0080..U+2FFF (Latin, Greek, Cyrillic, Arabic, Indic
// scripts, general punctuation, symbols): each entry is written once, with the same value, by
// whichever thread gets there first. Other code points are computed each time.
constexpr utf8proc_int32_t kCachedEnd = 0x3000;

PackedFold CodePointFold(utf8proc_int32_t cp, FoldMode mode) {
  static std::atomic<PackedFold> cache[2][kCachedEnd - 0x80];
  if (cp < 0x80 || cp >= kCachedEnd) return ComputeCodePointFold(cp, mode);
  std::atomic<PackedFold>& slot = cache[mode == FoldMode::kFold ? 0 : 1][cp - 0x80];
  PackedFold f = slot.load(std::memory_order_relaxed);
  if (f == kUnknown) {
    f = ComputeCodePointFold(cp, mode);
    slot.store(f, std::memory_order_relaxed);
  }
  return f;
}

// The fold of an ASCII byte: A-Z lowered, the backtick as an apostrophe.
constexpr std::array<char, 128> kAsciiFold = [] {
  std::array<char, 128> t{};
  for (int c = 0; c < 128; ++c) t[c] = static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : (c == '`' ? '\'' : c));
  return t;
}();

constexpr uint64_t kHighBits = 0x8080808080808080ull;

#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
// Eight bytes at a time (what the 16-byte blocks leave, and strings of 8 to 15 bytes): the
// last eight bytes are read (and with kFold folded) again over ones already done, which
// changes nothing (kAsciiFold of a folded byte is itself). Returns the length of the ASCII
// prefix of p[0, n), given that p[0, i) is ASCII; n must be at least 8.
template <bool kFold>
size_t AsciiTail8(char* p, size_t i, size_t n) {
  for (;;) {
    const size_t at = n - i >= 8 ? i : n - 8;
    uint64_t x;
    std::memcpy(&x, p + at, 8);
    const uint64_t high = x & kHighBits;
    if (kFold) {
      // A-Z: bytes whose low seven bits t have t + 0x3F reach 0x80 (t >= 'A') and t + 0x25
      // not (t <= 'Z'), without a high bit; each gains 0x20. Then '`' (bytes equal to it,
      // found exactly as the zero bytes of x ^ '`') turns into '\''. No sum carries over.
      const uint64_t t = x & ~kHighBits;
      const uint64_t upper = (t + 0x3F3F3F3F3F3F3F3Full) & ~(t + 0x2525252525252525ull) & ~high & kHighBits;
      x |= upper >> 2;
      const uint64_t y = x ^ 0x6060606060606060ull;
      const uint64_t backtick = ~(((y & ~kHighBits) + ~kHighBits) | y) & kHighBits;
      x ^= (backtick >> 7) * static_cast<uint64_t>('`' ^ '\'');
      std::memcpy(p + at, &x, 8);
    }
    if (high != 0) return at + static_cast<size_t>(__builtin_ctzll(high)) / 8;
    if (at + 8 == n) return n;
    i = at + 8;
  }
}
#endif

// The length of the ASCII prefix of p[0, n).
size_t AsciiPrefix(const char* p, size_t n) {
  size_t i = 0;
#if defined(__SSE2__)
  for (; n - i >= 16; i += 16) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i));
    const unsigned high = static_cast<unsigned>(_mm_movemask_epi8(v));
    if (high != 0) return i + static_cast<size_t>(__builtin_ctz(high));
  }
#endif
#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
  if (n >= 8 && i < n) return AsciiTail8<false>(const_cast<char*>(p), i, n);  // (only read)
#endif
  while (i < n && static_cast<unsigned char>(p[i]) < 0x80) ++i;
  return i;
}

#if defined(__SSE2__)
// kAsciiFold of the 16 bytes of v, with SSE2 (every x86-64 has it): A-Z gain 0x20 (a byte b is
// in A-Z exactly when b + 0x3F, wrapping, is below -128 + 26 as a signed byte) and '`' becomes
// '\''. Bytes from 0x80 (and zeros) are left as they are.
inline __m128i FoldAscii16(__m128i v) {
  const __m128i upper = _mm_cmplt_epi8(_mm_add_epi8(v, _mm_set1_epi8(0x80 - 'A')), _mm_set1_epi8(-128 + 26));
  const __m128i backtick = _mm_cmpeq_epi8(v, _mm_set1_epi8('`'));
  v = _mm_or_si128(v, _mm_and_si128(upper, _mm_set1_epi8(0x20)));
  return _mm_xor_si128(v, _mm_and_si128(backtick, _mm_set1_epi8('`' ^ '\'')));
}
#endif

// Folds (kAsciiFold) the ASCII prefix of p[0, n) in place and returns its length.
// On x86-64, 16 bytes at a time (FoldAscii16). Bytes from 0x80 are left as they are, so a
// block is folded whole even when the prefix ends inside it.
size_t FoldAsciiPrefix(char* p, size_t n) {
  size_t i = 0;
#if defined(__SSE2__)
  for (; n - i >= 16; i += 16) {
    const __m128i v = FoldAscii16(_mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i)));
    _mm_storeu_si128(reinterpret_cast<__m128i*>(p + i), v);
    const unsigned high = static_cast<unsigned>(_mm_movemask_epi8(v));
    if (high != 0) return i + static_cast<size_t>(__builtin_ctz(high));
  }
#endif
#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
  if (n >= 8 && i < n) return AsciiTail8<true>(p, i, n);
#endif
  for (; i < n && static_cast<unsigned char>(p[i]) < 0x80; ++i) p[i] = kAsciiFold[static_cast<unsigned char>(p[i])];
  return i;
}

#if defined(__SSE2__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
// The n bytes at p (1 <= n <= 16) zero padded to 16, read without touching p[n] or beyond:
// overlapping loads of 8, 4 or 1 bytes, not a call to memcpy with a variable length.
inline __m128i LoadPadded16(const char* p, size_t n) {
  uint64_t lo, hi = 0;
  if (n >= 8) {
    std::memcpy(&lo, p, 8);
    if (n > 8) {
      std::memcpy(&hi, p + n - 8, 8);
      hi >>= 8 * (16 - n);  // keeps p[8, n)
    }
  } else if (n >= 4) {
    uint32_t a, c;
    std::memcpy(&a, p, 4);
    std::memcpy(&c, p + n - 4, 4);
    lo = a | (static_cast<uint64_t>(c) << (8 * (n - 4)));  // the overlap ORs equal bytes
  } else {
    lo = static_cast<unsigned char>(p[0]) | (static_cast<uint64_t>(static_cast<unsigned char>(p[n / 2])) << (8 * (n / 2))) |
         (static_cast<uint64_t>(static_cast<unsigned char>(p[n - 1])) << (8 * (n - 1)));
  }
  return _mm_set_epi64x(static_cast<long long>(hi), static_cast<long long>(lo));
}
#endif

// AppendFolded for any string (below): not inlined, so that the short ASCII strings that
// AppendFolded takes itself, most of them, are spared the saving of its registers.
[[gnu::noinline]] void AppendFoldedAny(std::string_view s, FoldMode mode, std::string* out);

// Appends the fold (FoldText or StripDiacritics, by `mode`) of `s` to `out`.
inline void AppendFolded(std::string_view s, FoldMode mode, std::string* out) {
#if defined(__SSE2__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
  // 1 to 16 ASCII bytes (most names and words): read, folded and appended at once.
  if (s.size() - 1 < 16) {
    __m128i v = LoadPadded16(s.data(), s.size());
    if (_mm_movemask_epi8(v) == 0) {
      if (mode == FoldMode::kFold) v = FoldAscii16(v);
      alignas(16) char folded[16];
      _mm_store_si128(reinterpret_cast<__m128i*>(folded), v);
      out->append(folded, s.size());
      return;
    }
  }
#endif
  AppendFoldedAny(s, mode, out);
}

void AppendFoldedAny(std::string_view s, FoldMode mode, std::string* out) {
  const size_t start = out->size();
  // ASCII folds byte for byte: copy, then fold in place up to the first other byte.
  out->append(s);
  char* p = out->data() + start;
  size_t i = mode == FoldMode::kFold ? FoldAsciiPrefix(p, s.size()) : AsciiPrefix(p, s.size());
  if (i == s.size()) return;
  // From there on, a code point at a time.
  out->resize(start + i);
  const auto* bytes = reinterpret_cast<const utf8proc_uint8_t*>(s.data());
  while (i < s.size()) {
    unsigned char c = bytes[i];
    if (c < 0x80) {  // a run of ASCII (between curly quotes, say): appended whole, folded in place
      const size_t run = AsciiPrefix(s.data() + i, s.size() - i);
      const size_t at = out->size();
      out->append(s.data() + i, run);
      if (mode == FoldMode::kFold) FoldAsciiPrefix(out->data() + at, run);
      i += run;
      continue;
    }
    utf8proc_int32_t cp;
    utf8proc_ssize_t k = utf8proc_iterate(bytes + i, static_cast<utf8proc_ssize_t>(s.size() - i), &cp);
    PackedFold f = k > 0 ? CodePointFold(cp, mode) : kNotAlone;
    if ((f & 0xFF) != kAlone) {  // a neighbour may matter (or bad UTF-8): the whole string by utf8proc_map
      out->resize(start);
      AppendFoldedByMap(s, mode, out);
      return;
    }
    for (size_t b = 0, n = (f >> 8) & 0xFF; b < n; ++b) out->push_back(static_cast<char>(f >> (16 + 8 * b)));
    i += static_cast<size_t>(k);
  }
}

}  // namespace

std::string FoldText(std::string_view s) {
  std::string out;
  AppendFolded(s, FoldMode::kFold, &out);
  return out;
}

void FoldTextTo(std::string_view s, std::string* out) {
  out->clear();
  AppendFolded(s, FoldMode::kFold, out);
}

std::string StripDiacritics(std::string_view s) {
  std::string out;
  AppendFolded(s, FoldMode::kStrip, &out);
  return out;
}

namespace {

// True for a short all-capital word ("SSPP", "HTS"): two to five letters, every one upper
// case, at most six bytes. Abbreviations keep their spelling in the key: "SSPP" must not
// fold into "SP".
bool ShortCapitals(std::string_view token) {
  if (token.size() > 6 || token.empty() || (token[0] >= 'a' && token[0] <= 'z')) return false;  // most words
  size_t letters = 0, upper = 0;
  for (char c : token) {
    if ((c | 32) >= 'a' && (c | 32) <= 'z') { ++letters; upper += c >= 'A' && c <= 'Z'; }
  }
  return letters >= 2 && letters <= 5 && upper == letters;
}

// The letters a press-spelling rewrite starts with (o in ou, e and a in ei/ey/ai/ay, q).
constexpr std::array<bool, 256> kRewriteStart = [] {
  std::array<bool, 256> t{};
  t['o'] = t['e'] = t['a'] = t['q'] = true;
  return t;
}();

// PressSpelling's last rules, in place over the k letters of s: -eh/-ah → -a and tel → tal.
// Returns the new length.
inline size_t PressSpellingEnd(char* s, size_t k) {
  if (k > 3 && s[k - 1] == 'h' && (s[k - 2] == 'e' || s[k - 2] == 'a')) {
    k -= 2;
    s[k++] = 'a';
  }
  if (k == 3 && s[0] == 't' && s[1] == 'e' && s[2] == 'l') s[1] = 'a';
  return k;
}

// The press spellings of transliterated names, in place over a folded word without
// apostrophes or dots; returns the new length (never longer). In one pass: ou → u,
// ei/ey/ai/ay → ay, q → k, and doubled letters single (over the rewritten letters); then a
// final -eh/-ah → -a and tel → tal.
size_t PressSpelling(char* s, size_t n) {
  size_t k = 0;    // letters written; writing never overtakes reading
  int last = -1;   // the last letter written, as unsigned char; -1 before the first
  auto put = [&](char x) {  // writes x unless it doubles the last letter
    const int u = static_cast<unsigned char>(x);
    if (u != last) {
      s[k++] = x;
      last = u;
    }
  };
  for (size_t i = 0; i < n; ++i) {
    const char c = s[i];
    if (!kRewriteStart[static_cast<unsigned char>(c)]) {
      put(c);
      continue;
    }
    const char d = i + 1 < n ? s[i + 1] : 0;
    if (c == 'q') {
      put('k');
    } else if (c == 'o' && d == 'u') {
      put('u');
      ++i;
    } else if (c != 'o' && (d == 'i' || d == 'y')) {
      put('a');
      put('y');
      ++i;
    } else {
      put(c);
    }
  }
  return PressSpellingEnd(s, k);
}

constexpr size_t kNotAscii = ~size_t{0};

// NameKey's rules after folding: apostrophes (and dots in words) dropped, then the press
// spellings. `f` is the folded token, or with kFoldAscii the token itself, folded here on the
// way (kNotAscii is returned at its first non-ASCII byte). Writes into `out` (room for
// f.size() bytes; may be f's own bytes, as each byte is read before it is written) and
// returns the key's length. `token` is the word as written, for ShortCapitals.
template <bool kFoldAscii>
size_t KeyOf(std::string_view token, std::string_view f, char* out) {
  size_t n = 0;
  const bool alpha = !f.empty() && !(f[0] >= '0' && f[0] <= '9');
  for (char c : f) {
    if (kFoldAscii) {
      if (static_cast<unsigned char>(c) >= 0x80) return kNotAscii;
      c = kAsciiFold[static_cast<unsigned char>(c)];
    }
    if (c == '\'' || (c == '.' && alpha)) continue;  // "Ma'arrat" → "maarrat", "U.S." → "us"
    out[n++] = c;
  }
  if (!alpha || n < 3 || ShortCapitals(token)) return n;
  return PressSpelling(out, n);
}

}  // namespace

void NameKeyTo(std::string_view token, std::string* out) {
  // Most tokens are ASCII: folded and rewritten in place, without a folded copy.
  out->resize(token.size());
  if (size_t n = KeyOf<true>(token, token, out->data()); n != kNotAscii) {
    out->resize(n);
    return;
  }
  FoldTextTo(token, out);
  out->resize(KeyOf<false>(token, *out, out->data()));
}

std::string NameKey(std::string_view token) {
  std::string out;
  NameKeyTo(token, &out);
  return out;
}

#if defined(__SSE2__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
namespace {

// TokenKeyHash of an ASCII token of 1 to 16 bytes with no apostrophe (nor backtick) and, if
// it is a word, no dot: nearly every token. Sets *done to false (and returns 0) for any other.
// KeyOf<true> a byte at a time, with 16 bytes at once: folded (A-Z lowered) in a register, and
// PressSpelling's one pass run only when one of its rewrites could apply, that is when the
// word has a q, an "ou", an "ei"/"ey"/"ai"/"ay" or two equal letters in a row. Without any,
// the pass writes every letter as it is (no letter equals the one written before it).
inline uint64_t ShortAsciiKeyHash(std::string_view token, bool* done) {
  const size_t n = token.size();
  __m128i v = LoadPadded16(token.data(), n);
  *done = false;
  if (_mm_movemask_epi8(v) != 0) return 0;  // not ASCII
  v = FoldAscii16(v);
  const bool alpha = !(token[0] >= '0' && token[0] <= '9');
  __m128i dropped = _mm_cmpeq_epi8(v, _mm_set1_epi8('\''));  // (and backticks, folded into apostrophes)
  if (alpha) dropped = _mm_or_si128(dropped, _mm_cmpeq_epi8(v, _mm_set1_epi8('.')));
  if (_mm_movemask_epi8(dropped) != 0) return 0;
  alignas(16) char key[16];
  _mm_store_si128(reinterpret_cast<__m128i*>(key), v);
  size_t k = n;
  // (ShortCapitals's own first test, here, spares most words the call.)
  if (alpha && n >= 3 && !(n <= 6 && !(token[0] >= 'a' && token[0] <= 'z') && ShortCapitals(token))) {
    const __m128i next = _mm_srli_si128(v, 1);  // lane i: byte i + 1 (0 after the last)
    const auto eq = [](__m128i x, char c) { return _mm_cmpeq_epi8(x, _mm_set1_epi8(c)); };
    const __m128i ou = _mm_and_si128(eq(v, 'o'), eq(next, 'u'));
    const __m128i ay = _mm_and_si128(_mm_or_si128(eq(v, 'e'), eq(v, 'a')), _mm_or_si128(eq(next, 'i'), eq(next, 'y')));
    const unsigned rewrite = static_cast<unsigned>(_mm_movemask_epi8(_mm_or_si128(_mm_or_si128(eq(v, 'q'), ou), ay)));
    const unsigned doubled = static_cast<unsigned>(_mm_movemask_epi8(_mm_cmpeq_epi8(v, next))) & ((1u << (n - 1)) - 1);
    k = (rewrite | doubled) != 0 ? PressSpelling(key, n) : PressSpellingEnd(key, n);
  }
  *done = true;
  return KeyHash(std::string_view(key, k));
}

}  // namespace
#endif

namespace {

// TokenKeyHash of any token: not inlined, so that its frame (a buffer, a string) is not set up
// for the short ASCII tokens that TokenKeyHash keys itself.
[[gnu::noinline]] uint64_t TokenKeyHashAny(std::string_view token) {
  char key[64];  // short ASCII words on the stack
  if (token.size() <= sizeof key) {
    if (size_t n = KeyOf<true>(token, token, key); n != kNotAscii) return KeyHash(std::string_view(key, n));
  }
  std::string k;
  NameKeyTo(token, &k);
  return KeyHash(k);
}

}  // namespace

uint64_t TokenKeyHash(std::string_view token) {
#if defined(__SSE2__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
  if (token.size() - 1 < 16) {  // 1 to 16 bytes
    bool done;
    const uint64_t h = ShortAsciiKeyHash(token, &done);
    if (done) return h;
  }
#endif
  return TokenKeyHashAny(token);
}

uint64_t KeyHash(std::string_view key) {
  if (key.empty()) return 0;
  uint64_t h = XXH3_64bits(key.data(), key.size());
  return h == 0 ? 1 : h;
}

}  // namespace sitrep
