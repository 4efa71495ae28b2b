// Tokens with byte offsets, and sentences over them. AnalyzeText ties the text stage together.
#include <utf8proc.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <cstring>
#include <memory>
#include <string>
#include <utility>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "sitrep/text.h"
#include "text/word_table.h"

namespace sitrep {
namespace {

enum class CharClass : uint8_t { kSpace, kNewline, kLetter, kDigit, kApostrophe, kHyphen, kPunct, kSymbol };

// (8 bytes: a Char is returned and copied in one register.)
struct Char {
  uint32_t cp;
  uint8_t len;  // 1 to 4 bytes
  CharClass cls;
  bool upper;
};

// The class of each ASCII byte.
constexpr std::array<CharClass, 128> kAsciiClass = [] {
  std::array<CharClass, 128> t{};
  for (int c = 0; c < 128; ++c) {
    CharClass cls = CharClass::kPunct;
    if (c == '\n') cls = CharClass::kNewline;
    else if (c == ' ' || c == '\t') cls = CharClass::kSpace;
    else if ((c | 32) >= 'a' && (c | 32) <= 'z') cls = CharClass::kLetter;
    else if (c >= '0' && c <= '9') cls = CharClass::kDigit;
    else if (c == '\'' || c == '`') cls = CharClass::kApostrophe;
    else if (c == '-') cls = CharClass::kHyphen;
    else if (c == '$' || c == '%' || c == '&' || c == '+' || c == '=' || c == '<' || c == '>' || c == '^' ||
             c == '|' || c == '~' || c == '#' || c == '@' || c == '*' || c == '\\')
      cls = CharClass::kSymbol;
    t[c] = cls;
  }
  return t;
}();

// ASCII letters and digits: the bytes that go on with a word whatever surrounds them.
constexpr std::array<bool, 256> kAsciiAlnum = [] {
  std::array<bool, 256> t{};
  for (int c = 0; c < 128; ++c) t[c] = kAsciiClass[c] == CharClass::kLetter || kAsciiClass[c] == CharClass::kDigit;
  return t;
}();

// The ASCII letters, either case: the bytes that start the usual word.
constexpr std::array<bool, 256> kAsciiLetter = [] {
  std::array<bool, 256> t{};
  for (int c = 0; c < 128; ++c) t[c] = kAsciiClass[c] == CharClass::kLetter;
  return t;
}();

// The code point of the UTF-8 sequence at p (`left` bytes from there) and its length, as
// utf8proc_iterate reads it (a length of 0 or less when it is invalid). The sequences of two
// and three bytes, nearly all of them (accented letters, curly quotes, dashes), are read here:
// the same checks (no overlong form, no surrogate), without the call.
utf8proc_ssize_t DecodeUtf8(const unsigned char* p, size_t left, utf8proc_int32_t* cp) {
  const unsigned c = p[0];
  auto cont = [&](size_t k) { return (p[k] & 0xC0) == 0x80; };
  if (c >= 0xC2 && c <= 0xDF && left >= 2 && cont(1)) {
    *cp = static_cast<utf8proc_int32_t>(((c & 0x1F) << 6) | (p[1] & 0x3F));
    return 2;
  }
  if (c >= 0xE0 && c <= 0xEF && left >= 3 && cont(1) && cont(2) && (c != 0xE0 || p[1] >= 0xA0) &&
      (c != 0xED || p[1] <= 0x9F)) {
    *cp = static_cast<utf8proc_int32_t>(((c & 0x0F) << 12) | ((p[1] & 0x3F) << 6) | (p[2] & 0x3F));
    return 3;
  }
  return utf8proc_iterate(p, static_cast<utf8proc_ssize_t>(left), cp);
}

// Decode for a byte >= 0x80: one code point through utf8proc (U+FFFD, one byte long, if invalid).
Char DecodeNonAscii(std::string_view s, size_t i) {
  utf8proc_int32_t cp = 0xFFFD;
  const utf8proc_ssize_t n = DecodeUtf8(reinterpret_cast<const unsigned char*>(s.data() + i), s.size() - i, &cp);
  if (n <= 0) return {0xFFFD, 1, CharClass::kSymbol, false};
  uint32_t u = static_cast<uint32_t>(cp);
  Char ch{u, static_cast<uint8_t>(n), CharClass::kSymbol, false};
  switch (u) {
    case 0x00A0: case 0x202F: case 0x205F: case 0x3000: ch.cls = CharClass::kSpace; return ch;
    case 0x2018: case 0x2019: case 0x02BC: case 0x02BE: case 0x02BF: case 0x2032: case 0x02BB:
      ch.cls = CharClass::kApostrophe; return ch;
    case 0x2010: case 0x2011: case 0x2012: case 0x2013: case 0x2014: case 0x2015: case 0x2212:
      ch.cls = CharClass::kHyphen; return ch;
    default: break;
  }
  if (u >= 0x2000 && u <= 0x200A) { ch.cls = CharClass::kSpace; return ch; }
  switch (utf8proc_category(cp)) {
    case UTF8PROC_CATEGORY_LU: case UTF8PROC_CATEGORY_LT:
      ch.upper = true; ch.cls = CharClass::kLetter; break;
    case UTF8PROC_CATEGORY_LL: case UTF8PROC_CATEGORY_LM: case UTF8PROC_CATEGORY_LO:
    case UTF8PROC_CATEGORY_MN: case UTF8PROC_CATEGORY_MC: case UTF8PROC_CATEGORY_ME:
      ch.cls = CharClass::kLetter; break;
    case UTF8PROC_CATEGORY_ND: ch.cls = CharClass::kDigit; break;
    case UTF8PROC_CATEGORY_PC: case UTF8PROC_CATEGORY_PD: case UTF8PROC_CATEGORY_PS: case UTF8PROC_CATEGORY_PE:
    case UTF8PROC_CATEGORY_PI: case UTF8PROC_CATEGORY_PF: case UTF8PROC_CATEGORY_PO:
      ch.cls = CharClass::kPunct; break;
    case UTF8PROC_CATEGORY_ZS: ch.cls = CharClass::kSpace; break;
    default: ch.cls = CharClass::kSymbol; break;
  }
  return ch;
}

// The character at byte i of s (i < s.size()). ASCII, nearly all of the text, is one table
// lookup; the rest asks utf8proc.
inline Char Decode(std::string_view s, size_t i) {
  // Each ASCII character, made once.
  static constexpr std::array<Char, 128> kAsciiChar = [] {
    std::array<Char, 128> t{};
    for (uint32_t c = 0; c < 128; ++c) t[c] = {c, 1, kAsciiClass[c], c >= 'A' && c <= 'Z'};
    return t;
  }();
  const unsigned char c = static_cast<unsigned char>(s[i]);
  if (c < 0x80) return kAsciiChar[c];
  return DecodeNonAscii(s, i);
}

bool EqualsLower(std::string_view word, std::string_view lower) {
  if (word.size() != lower.size()) return false;
  for (size_t i = 0; i < lower.size(); ++i) {
    char c = word[i];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
    if (c != lower[i]) return false;
  }
  return true;
}

// w (at most N bytes) with A-Z lowered, in buf.
template <size_t N>
std::string_view LowerInto(std::string_view w, char (&buf)[N]) {
  for (size_t i = 0; i < w.size(); ++i) buf[i] = w[i] >= 'A' && w[i] <= 'Z' ? static_cast<char>(w[i] + 32) : w[i];
  return std::string_view(buf, w.size());
}

// Words whose following period belongs to them (case-insensitive).
bool IsAbbreviation(std::string_view w) {
  static constexpr auto kAbbrevs = text_internal::MakeWordSet<256>({
      "gen", "lt", "col", "maj", "capt", "cpt", "sgt", "cpl", "pvt", "adm", "brig", "cmdr", "gov", "sen", "rep",
      "pres", "mr", "mrs", "ms", "dr", "prof", "st", "mt", "ft", "jr", "sr", "no", "nos", "inc",
      "ltd", "co", "corp", "dept", "est", "approx", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
      "sept", "oct", "nov", "dec", "mon", "tue", "tues", "wed", "thu", "thurs", "fri", "sat", "sun", "rev",
      "hon", "gov", "supt", "insp", "cmdt", "fig", "vol", "art", "para", "sq", "ave", "blvd", "rd"});
  // Only capitalised ("Gen.", "Jan."), so that "the crowd sat." still ends a sentence.
  if (w.size() > 6 || w.empty() || !(w[0] >= 'A' && w[0] <= 'Z')) return false;
  char low[8];
  return kAbbrevs.Contains(LowerInto(w, low));
}

bool IsArticle(std::string_view w) {
  static constexpr auto kArticles = text_internal::MakeWordSet<64>({
      "al", "el", "ad", "ag", "an", "ar", "as", "ash", "at", "ath", "az", "ed", "en", "er", "es", "esh", "et", "ez",
      "ul", "un", "ur", "adh", "dh", "ud"});
  if (w.size() > 3) return false;
  char low[8];
  return kArticles.Contains(LowerInto(w, low));
}

bool IsOrdinalSuffix(std::string_view s) {
  return EqualsLower(s, "st") || EqualsLower(s, "nd") || EqualsLower(s, "rd") || EqualsLower(s, "th");
}

// The bytes after which a word may go on past a run of ASCII letters and digits: apostrophes
// ("Ma'arrat") and the period of an acronym ("U.S."). Other ASCII bytes end it at once.
constexpr std::array<bool, 128> kAsciiMayJoin = [] {
  std::array<bool, 128> t{};
  t['\''] = t['`'] = t['.'] = true;
  return t;
}();

// What a word's letters after the first say about its case (tracked only when the first
// letter is a capital): whether there is another letter, and whether one is not a capital.
struct CaseSeen {
  bool letter = false;
  bool not_upper = false;
};

// The end of the run of ASCII letters and digits that starts at s[j] (j <= n): the index of
// its first other byte, or n. With kTrack, records in *seen the letters of the run.
// On x86-64 this tests 16 bytes at a time with SSE2 (every x86-64 has it): a byte b is in
// [lo, lo + len) exactly when b + (0x80 - lo), wrapping, is below -128 + len as a signed
// byte. Elsewhere, and for the last 15 bytes of the text, a byte at a time.
#if defined(__SSE2__)
// The bytes of v in [lo, lo + len) (all ones in those lanes).
inline __m128i InRange(__m128i v, char lo, char len) {
  return _mm_cmplt_epi8(_mm_add_epi8(v, _mm_set1_epi8(static_cast<char>(0x80 - lo))),
                        _mm_set1_epi8(static_cast<char>(-128 + len)));
}
#endif

template <bool kTrack>
inline size_t AsciiAlnumEnd(const char* s, size_t j, size_t n, CaseSeen* seen) {
#if defined(__SSE2__)
  while (n - j >= 16) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(s + j));
    const __m128i letter = InRange(_mm_or_si128(v, _mm_set1_epi8(0x20)), 'a', 26);  // either case
    const unsigned alnum = static_cast<unsigned>(_mm_movemask_epi8(_mm_or_si128(letter, InRange(v, '0', 10))));
    const unsigned length = static_cast<unsigned>(__builtin_ctz(~alnum));  // 16 when all of them are
    if (kTrack) {
      const unsigned run = (1u << length) - 1;  // the bytes of the run
      seen->letter |= (static_cast<unsigned>(_mm_movemask_epi8(letter)) & run) != 0;
      seen->not_upper |= (static_cast<unsigned>(_mm_movemask_epi8(InRange(v, 'a', 26))) & run) != 0;
    }
    if (length < 16) return j + length;
    j += 16;
  }
#endif
  for (; j < n; ++j) {
    const unsigned char b = static_cast<unsigned char>(s[j]);
    if (!kAsciiAlnum[b]) break;
    if (kTrack && b > '9') {
      seen->letter = true;
      seen->not_upper |= b >= 'a';
    }
  }
  return j;
}

// KeyHash(FoldText(c)) of each ASCII character c, made on first use.
const std::array<uint64_t, 128>& SingleAsciiMarkKeys() {
  static const std::array<uint64_t, 128> keys = [] {
    std::array<uint64_t, 128> k{};
    for (int c = 0; c < 128; ++c) k[c] = KeyHash(FoldText(std::string(1, static_cast<char>(c))));
    return k;
  }();
  return keys;
}

// KeyHash(FoldText(w)) for a punctuation or symbol token; `scratch` is reused between calls.
// Single ASCII characters, most such tokens, come from SingleAsciiMarkKeys (Tokenize looks
// those up itself).
uint64_t MarkKey(std::string_view w, std::string* scratch) {
  if (w.size() == 1 && static_cast<unsigned char>(w[0]) < 0x80)
    return SingleAsciiMarkKeys()[static_cast<unsigned char>(w[0])];
  FoldTextTo(w, scratch);
  return KeyHash(*scratch);
}

// MarkKey(w) for a mark token w that is one code point cp, or with `possessive` cp and then
// 's' or 'S' ("’s", "'s"). The keys of the code points below U+0100 and of General
// Punctuation (curly quotes, dashes, the ellipsis: nearly all marks that are not one ASCII
// byte) are remembered, as each one folds and hashes the same wherever it is: each entry is
// written once, with the same value, by whichever thread gets there first (0: not yet known).
// (For bad UTF-8, which Decode reads as a U+FFFD one byte long, cp is outside those ranges.)
uint64_t CodePointMarkKey(uint32_t cp, std::string_view w, bool possessive, std::string* scratch) {
  constexpr uint32_t kPunctuationBegin = 0x2000, kPunctuationEnd = 0x2070;
  static std::atomic<uint64_t> remembered[2][0x100 + (kPunctuationEnd - kPunctuationBegin)];
  size_t slot;
  if (cp < 0x100) slot = cp;
  else if (cp >= kPunctuationBegin && cp < kPunctuationEnd) slot = 0x100 + (cp - kPunctuationBegin);
  else return MarkKey(w, scratch);
  std::atomic<uint64_t>& entry = remembered[possessive ? 1 : 0][slot];
  uint64_t key = entry.load(std::memory_order_relaxed);
  if (key == 0) {
    key = MarkKey(w, scratch);
    entry.store(key, std::memory_order_relaxed);
  }
  return key;
}

// The key of a word or number token, and its Token::reader_bits (looked up for words only, so
// numbers, many of them seen once, are spared the lookups: every number anchors both readers).
struct WordKey {
  uint64_t key;
  uint8_t reader_bits;
};

WordKey ComputeWordKey(std::string_view w, bool word) {
  const uint64_t key = TokenKeyHash(w);
  if (!word) return {key, text_internal::kNumberReaderBits};
  return {key, static_cast<uint8_t>(text_internal::TimeReaderBits(key) | text_internal::QuantityReaderBits(key))};
}

// ComputeWordKey with a memory of the words seen last, by their bytes: a text is mostly
// common words ("the", "in", "killed"), and finding one here costs a fraction of its key.
// One per thread, on the heap (Tokenize makes it on first use; 131072 entries, 4 MB: a news
// corpus's working vocabulary; at 16384 entries two thirds of the misses on the shared corpus
// were words pushed out, not new ones, and going from 65536 entries to 131072 cut the calls
// off the inlined path by 28% and the keys computed by 19%; four ways of half as many sets did
// worse, as more common words then met in a set's front way), filled as texts are read.
// Two-way set associative: a word maps to a set of two entries (one cache line), kept in the
// order of last use: a word found goes in front, and a new word goes in front and pushes out
// the one used less recently, so two common words that map to one set both stay. Only words
// of up to 16 bytes are kept.
class WordKeyMemo {
 public:
  // ComputeWordKey(w, word). `readable_end` bounds the memory after w that may be read (and
  // ignored). A word and a number never have the same bytes (a number starts with a digit).
  // The hit in the front way, nearly every call, inlines into Tokenize; the rest does not.
  [[gnu::always_inline]] WordKey Key(std::string_view w, bool word, const char* readable_end) {
    if (w.size() > sizeof(Entry::bytes)) return ComputeWordKey(w, word);
    uint64_t b[2];  // the word's bytes, zero padded
    text_internal::LoadZeroPadded16(w, readable_end, b);
    return KeyOfBytes(w, word, b[0], b[1]);
  }

  // Key() for a word of at most 16 bytes whose bytes, zero padded, are b0 and b1 (by value: the
  // miss path, a call, then needs no copy of them in memory on the hit path).
  [[gnu::always_inline]] WordKey KeyOfBytes(std::string_view w, bool word, uint64_t b0, uint64_t b1) {
    // (The zero-padded bytes tell the length: no word or number has a NUL byte.)
    const uint64_t h = (b0 ^ (b1 * 0xC2B2AE3D27D4EB4Full)) * 0x9E3779B97F4A7C15ull;
    Entry* set = sets_[h >> (64 - kSetBits)].ways;
    if (__builtin_expect(set[0].bytes[0] == b0 && set[0].bytes[1] == b1, 1))
      return {set[0].key, set[0].reader_bits};
    return NotInFront(w, word, b0, b1, set);
  }

 private:
  struct Entry;
  // Key() for a word not in the front way of its set.
  [[gnu::noinline]] static WordKey NotInFront(std::string_view w, bool word, uint64_t b0, uint64_t b1, Entry* set) {
    int j = 1;
    while (j < kWays && !(set[j].bytes[0] == b0 && set[j].bytes[1] == b1)) ++j;
    Entry e;
    if (j < kWays) {
      e = set[j];
    } else {
      const WordKey wk = ComputeWordKey(w, word);
      e.bytes[0] = b0;
      e.bytes[1] = b1;
      e.key = wk.key;
      e.reader_bits = wk.reader_bits;
      j = kWays - 1;  // the one used least recently goes
    }
    for (; j > 0; --j) set[j] = set[j - 1];  // the one used last goes in front
    set[0] = e;
    return {e.key, e.reader_bits};
  }

  static constexpr int kSetBits = 16, kWays = 2;
  // No word or number has a NUL byte (NUL is a mark of its own), so the zero-padded bytes
  // tell the length too, and all zeros is an empty slot (tokens are never empty).
  struct Entry {  // 32 bytes
    uint64_t bytes[2];
    uint64_t key;
    uint8_t reader_bits;
  };
  struct alignas(64) Set {
    Entry ways[kWays];  // the one used last first
  };
  Set sets_[size_t{1} << kSetBits];
};

// Splits `text` into tokens, with their keys, flags and reader bits, into `tokens` (empty).
// Appends to `stops` (empty), in increasing order and perhaps with some others, the index of
// every token where Segment may end a sentence: a terminal mark (. ! ? ... …), a word with an
// abbreviation's period, and a token that a line break follows. All of them come from the
// general path below, so the fast path for the usual word records nothing, and Segment passes
// over the tokens between them without reading each one.
void Tokenize(std::string_view text, std::vector<Token>* tokens, std::vector<uint32_t>* stops) {
  static thread_local std::unique_ptr<WordKeyMemo> memo_of_thread;
  if (memo_of_thread == nullptr) memo_of_thread = std::make_unique<WordKeyMemo>();  // zeroed: empty
  WordKeyMemo& memo = *memo_of_thread;
  const char* const readable_end = text.data() + text.size();
  std::string scratch;  // for MarkKey
  const std::array<uint64_t, 128>& single_ascii_keys = SingleAsciiMarkKeys();
  size_t i = 0;
  const size_t n = text.size();
  uint8_t pending = kSpaceBefore;  // flags for the next token
  size_t hyphen = ~size_t{0};      // index of the last token that is a hyphen
  // Tokens are written in place, in room made ahead in `tokens` (about a token in 4 bytes; a
  // Token's default constructor sets nothing, so resize only moves the vector's end), and
  // `tokens` is cut to the tokens made at the end. A push_back of a Token made on the side
  // cost about 19 instructions a token. [out, limit) is the room left.
  Token* base = tokens->data();
  Token* out = base;
  Token* limit = base;
  auto make_room = [&]() {  // out == limit
    const size_t used = static_cast<size_t>(out - base);
    tokens->resize(std::max(used + 16 + (n - i) / 4, 2 * used));
    base = tokens->data();
    out = base + used;
    limit = base + tokens->size();
  };
  // The end of a word token [i, j) with key wk: the flags that depend on its neighbours.
  auto finish_word = [&](Token& t, std::string_view w, const WordKey& wk) __attribute__((always_inline)) {
    t.key = wk.key;
    t.reader_bits = wk.reader_bits;
    // A bare "al" or "el" in any case (c | 32 is 'a' only for 'a' and 'A', and so on).
    if (w.size() == 2 && ((w[0] | 32) == 'a' || (w[0] | 32) == 'e') && (w[1] | 32) == 'l') t.flags |= kSkippable;
    // A hyphen between two words with no space around it: "Turkish-backed" matches
    // "Turkish backed", and "al-Sham" matches "Sham".
    const size_t k = static_cast<size_t>(&t - base);
    if (!(t.flags & kSpaceBefore) && hyphen + 1 == k && k >= 2) {
      Token& h = base[k - 1];
      Token& before = base[k - 2];
      if (!(h.flags & kSpaceBefore) && before.kind == TokenKind::kWord) {
        h.flags |= kSkippable;
        if (IsArticle(text.substr(before.begin, before.end - before.begin))) before.flags |= kSkippable;
      }
    }
  };
  while (i < n) {
    if (text[i] == ' ') { pending |= kSpaceBefore; ++i; continue; }  // the usual separator, without a Char
    if (out == limit) make_room();
    Token& t = *out;  // (every field is set below)
    bool fast_word = false;  // t made by the fast path below
#if defined(__SSE2__)
    // The usual word: ASCII letters and digits from an ASCII letter, shorter than 16 bytes and
    // ended by a byte that cannot go on with it (a space, a comma; not an apostrophe, a period
    // or a non-ASCII byte, which the general path below looks at). One 16-byte load finds its
    // end, its case and its zero-padded bytes for the memo, and no Char is made.
    if (n - i >= 16 && kAsciiLetter[static_cast<unsigned char>(text[i])]) {
      const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(text.data() + i));
      const __m128i letter = InRange(_mm_or_si128(v, _mm_set1_epi8(0x20)), 'a', 26);  // either case
      const unsigned alnum = static_cast<unsigned>(_mm_movemask_epi8(_mm_or_si128(letter, InRange(v, '0', 10))));
      const unsigned length = static_cast<unsigned>(__builtin_ctz(~alnum));  // >= 1: text[i] is a letter
      const unsigned char end = static_cast<unsigned char>(text[i + length]);  // (i + 16 <= n)
      if (length < 16 && end < 0x80 && !kAsciiMayJoin[end]) {
        fast_word = true;
        t.begin = static_cast<uint32_t>(i);
        t.kind = TokenKind::kWord;
        t.flags = pending;
        pending = 0;
        const std::string_view w(text.data() + i, length);
        if (text[i] <= 'Z') {  // a capital; then the letters after it say whether all are
          t.flags |= kCapitalized;
          const unsigned rest = ((1u << length) - 1) & ~1u;  // the bytes after the first
          const unsigned letters = static_cast<unsigned>(_mm_movemask_epi8(letter)) & rest;
          const unsigned lower = static_cast<unsigned>(_mm_movemask_epi8(InRange(v, 'a', 26))) & rest;
          if (letters != 0 && lower == 0) t.flags |= kAllCaps;
        }
        // The word's bytes, zero padded: the lanes below `length` (16 bytes of kKeepFirst from
        // 16 - length: `length` ones, then zeros; one load, where comparing lane numbers with a
        // broadcast `length` takes several instructions).
        static constexpr std::array<int8_t, 32> kKeepFirst = {-1, -1, -1, -1, -1, -1, -1, -1,
                                                              -1, -1, -1, -1, -1, -1, -1, -1};
        const __m128i keep = _mm_loadu_si128(reinterpret_cast<const __m128i*>(kKeepFirst.data() + 16 - length));
        const __m128i bytes = _mm_and_si128(v, keep);
        finish_word(t, w,
                    memo.KeyOfBytes(w, true, static_cast<uint64_t>(_mm_cvtsi128_si64(bytes)),
                                    static_cast<uint64_t>(_mm_cvtsi128_si64(_mm_unpackhi_epi64(bytes, bytes)))));
        i += length;
      }
    }
#endif
    if (!fast_word) {  // the general path
      Char c = Decode(text, i);
      if (c.cls == CharClass::kSpace) { pending |= kSpaceBefore; i += c.len; continue; }
      if (c.cls == CharClass::kNewline) {
        // The token before a line break (once, and not when it is a stop already).
        const uint32_t before = static_cast<uint32_t>(out - base) - 1;
        if (out != base && (stops->empty() || stops->back() != before)) stops->push_back(before);
        pending |= kSpaceBefore | kNewlineBefore;
        i += c.len;
        continue;
      }
      t.begin = static_cast<uint32_t>(i);
      t.flags = pending;
      t.reader_bits = 0;  // (words and numbers set theirs)
      pending = 0;
      if (c.cls == CharClass::kLetter) {
        t.kind = TokenKind::kWord;
        size_t j = i + c.len;
        // The case of the letters after the first matters only when the first is a capital
        // (all capitals, initials).
        CaseSeen seen;
        if (c.upper) t.flags |= kCapitalized;
        for (;;) {
          j = c.upper ? AsciiAlnumEnd<true>(text.data(), j, n, &seen) : AsciiAlnumEnd<false>(text.data(), j, n, &seen);
          if (j >= n) break;
          const unsigned char b = static_cast<unsigned char>(text[j]);
          if (b < 0x80 && !kAsciiMayJoin[b]) break;  // a space, a comma...: the usual end
          Char d = Decode(text, j);
          if (d.cls == CharClass::kLetter || d.cls == CharClass::kDigit) {
            if (d.cls == CharClass::kLetter) {
              seen.letter = true;
              seen.not_upper |= !d.upper;
            }
            j += d.len;
            continue;
          }
          if (d.cls == CharClass::kApostrophe && j + d.len < n) {
            Char e = Decode(text, j + d.len);
            if (e.cls != CharClass::kLetter) break;
            // Possessive 's / ’s ends the word: it becomes its own token.
            size_t after = j + d.len + e.len;
            if ((e.cp == 's' || e.cp == 'S') && (after >= n || Decode(text, after).cls != CharClass::kLetter)) break;
            j += d.len;
            continue;
          }
          // Acronyms with dots: "U.S.", "U.N.", "a.m.".
          if (d.cp == '.' && j + 1 < n && j - i <= 2) {
            Char e = Decode(text, j + 1);
            if (e.cls == CharClass::kLetter && (j + 1 + e.len >= n || Decode(text, j + 1 + e.len).cp == '.')) {
              j += 1 + e.len;  // (the letter after the dot does not count in `seen`)
              if (j < n && text[j] == '.') ++j;
              t.flags |= kAbbrev;
              continue;
            }
          }
          break;
        }
        std::string_view w(text.data() + i, j - i);  // (substr would check the bounds again)
        if (!(t.flags & kAbbrev) && j < n && text[j] == '.' &&
            ((IsAbbreviation(w) && !(EqualsLower(w, "no") && !(j + 2 < n && text[j + 2] >= '0' && text[j + 2] <= '9'))) ||
             (c.upper && !seen.letter))) {
          ++j;  // "Gen." and initials "J." keep their period
          t.flags |= kAbbrev;
          w = std::string_view(text.data() + i, j - i);
        }
        if (c.upper && seen.letter && !seen.not_upper) t.flags |= kAllCaps;
        if (t.flags & kAbbrev) stops->push_back(static_cast<uint32_t>(out - base));
        finish_word(t, w, memo.Key(w, true, readable_end));
        i = j;
      } else if (c.cls == CharClass::kDigit) {
        t.kind = TokenKind::kNumber;
        size_t j = i + c.len;
        while (j < n) {
          if (text[j] >= '0' && text[j] <= '9') { ++j; continue; }
          Char d = Decode(text, j);
          if (d.cls == CharClass::kDigit) { j += d.len; continue; }
          if ((d.cp == ',' || d.cp == '.' || d.cp == ':' || d.cp == '/' || d.cp == '-') && j + 1 < n &&
              text[j + 1] >= '0' && text[j + 1] <= '9') {
            j += 1;
            continue;
          }
          break;
        }
        // Ordinal suffixes stay with the number: "23rd", "1st".
        if (j + 2 <= n && IsOrdinalSuffix(text.substr(j, 2)) &&
            (j + 2 == n || Decode(text, j + 2).cls != CharClass::kLetter))
          j += 2;
        const WordKey wk = memo.Key(std::string_view(text.data() + i, j - i), false, readable_end);
        t.key = wk.key;
        t.reader_bits = wk.reader_bits;
        i = j;
      } else if (c.cls == CharClass::kApostrophe) {
        // Possessive "'s" as one token; otherwise a lone quote mark.
        t.kind = TokenKind::kPunct;
        size_t j = i + c.len;
        if (j < n && (text[j] == 's' || text[j] == 'S') &&
            (j + 1 >= n || Decode(text, j + 1).cls != CharClass::kLetter) && !(t.flags & kSpaceBefore)) {
          ++j;
          // Possessive "'s" is transparent to matching: "Aleppo's airport" reaches "Aleppo airport".
          if (out != base) t.flags |= kSkippable;
        }
        t.key = CodePointMarkKey(c.cp, std::string_view(text.data() + i, j - i), j - i > c.len, &scratch);
        i = j;
      } else if (c.cp == '.' && i + 2 < n && text[i + 1] == '.' && text[i + 2] == '.') {
        t.kind = TokenKind::kPunct;
        t.key = MarkKey(std::string_view(text.data() + i, 3), &scratch);
        stops->push_back(static_cast<uint32_t>(out - base));
        i += 3;
      } else {
        t.kind = (c.cls == CharClass::kSymbol) ? TokenKind::kSymbol : TokenKind::kPunct;
        if (c.cls == CharClass::kHyphen) hyphen = static_cast<size_t>(out - base);
        t.key = c.cp < 0x80 ? single_ascii_keys[c.cp]
                            : CodePointMarkKey(c.cp, std::string_view(text.data() + i, c.len), false, &scratch);
        if (c.cp == '.' || c.cp == '!' || c.cp == '?' || c.cp == 0x2026 /* … */)
          stops->push_back(static_cast<uint32_t>(out - base));
        i += c.len;
      }
    }
    t.end = static_cast<uint32_t>(i);
    ++out;
  }
  tokens->resize(static_cast<size_t>(out - base));
}

bool IsTerminal(std::string_view tok) {
  if (tok.size() == 1) return tok[0] == '.' || tok[0] == '!' || tok[0] == '?';
  return tok.size() == 3 && (tok == "..." || tok == "\xE2\x80\xA6");  // …
}

bool IsClosing(std::string_view tok) {
  return tok == "\"" || tok == ")" || tok == "]" || tok == "'" || tok == "\xE2\x80\x9D" /* ” */ ||
         tok == "\xE2\x80\x99" /* ’ */ || tok == "\xC2\xBB" /* » */;
}

bool StartsLikeSentence(std::string_view text, const Token& t) {
  if (t.has(kCapitalized) || t.kind == TokenKind::kNumber) return true;
  if (t.kind == TokenKind::kPunct || t.kind == TokenKind::kSymbol) return true;  // quotes, brackets, bullets
  Char c = Decode(text, t.begin);
  return c.cls == CharClass::kLetter && !(c.cp >= 'a' && c.cp <= 'z');  // scripts without case
}

bool IsDash(std::string_view tok) {
  return tok == "-" || tok == "\xE2\x80\x94" || tok == "\xE2\x80\x93" || tok == "--";
}

// Length in tokens of a dateline that opens a sentence ("ALEPPO, Syria (AP) —"), 0 if none.
size_t DatelineLength(const Text& t, size_t b, size_t e) {
  if (b >= e || !t.tokens[b].has(kAllCaps)) return 0;
  for (size_t k = b + 1; k < e && k < b + 12; ++k) {
    std::string_view w = t.token_text(k);
    if (IsDash(w) && t.tokens[k].has(kSpaceBefore)) return k + 1 - b;
    const Token& tok = t.tokens[k];
    if (tok.kind == TokenKind::kWord || w == "," || w == "(" || w == ")" || w == ".") continue;
    return 0;
  }
  return 0;
}

constexpr uint32_t kMaxSentenceTokens = 250;

// Splits t's tokens into sentences; `stops` is what Tokenize recorded for them.
void Segment(Text* t, const std::vector<uint32_t>& stops) {
  const std::string_view text = t->text;
  const auto& toks = t->tokens;
  const uint32_t n = static_cast<uint32_t>(toks.size());
  // News sentences run to about 24 tokens: room for most texts' sentences at once, where growing
  // the vector from empty moved it several times.
  t->sentences.reserve(n / 16 + 4);
  uint32_t start = 0;
  auto emit = [&](uint32_t end) {  // sentence over tokens [start, end)
    if (end <= start) return;
    size_t dl = DatelineLength(*t, start, end);
    if (dl > 0 && start + dl < end) {
      t->sentences.push_back({toks[start].begin, toks[start + dl - 1].end, start, static_cast<uint32_t>(start + dl)});
      start += static_cast<uint32_t>(dl);
    }
    t->sentences.push_back({toks[start].begin, toks[end - 1].end, start, end});
    start = end;
  };
  // Tokenize's stops from the current token on: [stop, stops_end).
  const uint32_t* stop = stops.data();
  const uint32_t* const stops_end = stop + stops.size();
  for (uint32_t k = 0; k < n; ++k) {
    // Most tokens end nothing: no terminal mark or abbreviation's period, no line break after.
    // They are passed over here to the next of Tokenize's stops, short of the cap on a
    // sentence's tokens and the last token. (At such a token the tests below do nothing, and
    // so at a stop where nothing ends, which Tokenize may record.)
    const uint32_t plain_end = std::min(start + kMaxSentenceTokens - 1, n - 1);
    if (k < plain_end) {
      while (stop < stops_end && *stop < k) ++stop;
      k = stop < stops_end && *stop < plain_end ? *stop : plain_end;
    }
    if (k + 1 - start >= kMaxSentenceTokens) { emit(k + 1); continue; }
    if (k + 1 >= n) break;
    const Token* next = &toks[k + 1];
    std::string_view w = t->token_text(k);
    if (toks[k].kind == TokenKind::kPunct && IsTerminal(w)) {
      uint32_t end = k + 1;
      while (end < n && IsClosing(t->token_text(end)) && !toks[end].has(kSpaceBefore)) ++end;
      if (end >= n) break;
      if (toks[end].has(kSpaceBefore) && StartsLikeSentence(text, toks[end])) { emit(end); k = end - 1; continue; }
      continue;
    }
    if (next->has(kNewlineBefore)) {
      // A hard-wrapped line continues when it ends in a lowercase word or a comma and the next starts lowercase.
      bool cont = !StartsLikeSentence(text, *next) &&
                  (toks[k].kind == TokenKind::kWord || w == "," || w == ";");
      if (!cont) emit(k + 1);
      continue;
    }
    // "the U.S. The next day ...": an acronym's period can end a sentence before a capitalised word.
    if (toks[k].has(kAbbrev) && next->has(kCapitalized) && w.size() >= 4 && w.find('.') != w.rfind('.')) {
      std::string_view nw = t->token_text(k + 1);
      if (nw == "The" || nw == "A" || nw == "He" || nw == "She" || nw == "It" || nw == "They" || nw == "We" ||
          nw == "In" || nw == "On" || nw == "But" || nw == "This")
        emit(k + 1);
    }
  }
  emit(n);
}

}  // namespace

uint64_t PhraseHash(std::string_view phrase) {
  std::vector<Token> tokens;
  std::vector<uint32_t> stops;  // (not used)
  Tokenize(phrase, &tokens, &stops);
  uint64_t h = 0;
  bool any = false;
  for (const Token& t : tokens) {
    if (t.has(kSkippable)) continue;
    h = PhraseHashStep(h, t.key);
    any = true;
  }
  return any ? h : 0;
}

StatusOr<Text> AnalyzeText(std::string_view raw, const TextOptions& options) {
  if (raw.size() >= (uint64_t{1} << 32) - 16)
    return Status::InvalidArgument("text of " + std::to_string(raw.size()) + " bytes is over the 4 GiB limit");
  Text t;
  if (raw.size() > options.max_bytes) {
    size_t cut = options.max_bytes;
    while (cut > 0 && (static_cast<unsigned char>(raw[cut]) & 0xC0) == 0x80) --cut;  // whole characters
    t.warnings.push_back({cut, "document cut at " + std::to_string(cut) + " bytes (max_bytes)"});
    raw = raw.substr(0, cut);
  }
  t.text = NormalizeUtf8(raw, &t.warnings);
  // Tokenize's stops for Segment, in storage kept by the thread (a 32-bit index per stop; cleared
  // for each text). Bounded: after a text with more than kKeptStops stops (a huge text of short
  // lines) the storage is given back, so a thread keeps at most 1 MB.
  constexpr size_t kKeptStops = size_t{1} << 18;
  static thread_local std::vector<uint32_t> stops;
  stops.clear();
  Tokenize(t.text, &t.tokens, &stops);
  Segment(&t, stops);
  if (stops.capacity() > kKeptStops) std::vector<uint32_t>().swap(stops);
  return t;
}

}  // namespace sitrep
