// Lowered tokens and fixed word sets shared by the number and time readers. Internal
// to src/text.
//
// The readers compare a few tokens around numbers and starter words with literals. Each
// token they look at is lowered once, on first use, into a small fixed buffer (no
// allocation per token; ASCII a word at a time); KeyBits tells by token
// key alone which words cannot start or anchor a match (AnalyzeText records it per token in
// Token::reader_bits), and WordSet answers "is this lowered word one of these?" with one probe.
#ifndef SITREP_TEXT_WORD_TABLE_H_
#define SITREP_TEXT_WORD_TABLE_H_

#include <array>
#include <cstdint>
#include <cstring>
#include <initializer_list>
#include <string_view>
#include <type_traits>
#include <vector>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "sitrep/text.h"

namespace sitrep::text_internal {

using std::string_view;

// HashWord of a word of at most 16 bytes whose bytes, zero padded, are lo and hi (little
// endian): one multiply, its high half (WordMap indexes by the low bits of the hash).
constexpr uint32_t HashPacked(uint64_t lo, uint64_t hi, size_t n) {
  return static_cast<uint32_t>(((lo ^ (hi * 0xC2B2AE3D27D4EB4Full) ^ n) * 0x9E3779B97F4A7C15ull) >> 32);
}
// The hash of a word for WordMap: HashPacked of its bytes up to 16 bytes (the readers' words, which
// LowerAscii16 hashes without a loop), FNV-1a beyond.
constexpr uint32_t HashWord(string_view s) {
  const size_t n = s.size();
  if (n <= 16) {
    uint64_t w[2] = {0, 0};
    if (std::is_constant_evaluated() || n < 4) {
      for (size_t i = 0; i < n; ++i) w[i / 8] |= uint64_t{static_cast<uint8_t>(s[i])} << (8 * (i % 8));
    } else {
      // Two loads inside the word that overlap or meet; a byte loaded twice lands in the same
      // place both times, so OR joins them. Little endian, as the loop above packs them.
      auto load = [&](size_t at, auto word) {
        decltype(word) x;
        std::memcpy(&x, s.data() + at, sizeof(x));
        return uint64_t{x};
      };
      if (n >= 8) {
        w[0] = load(0, uint64_t{});
        w[1] = n == 8 ? 0 : load(n - 8, uint64_t{}) >> (8 * (16 - n));
      } else {
        w[0] = load(0, uint32_t{}) | load(n - 4, uint32_t{}) << (8 * (n - 4));
      }
    }
    return HashPacked(w[0], w[1], n);
  }
  uint32_t h = 2166136261u;
  for (char c : s) h = (h ^ static_cast<uint8_t>(c)) * 16777619u;
  return h;
}

// A token's lowercase ASCII form and its hash: A-Z lowered; in words, dots dropped
// ("p.m." → "pm", "Feb." → "feb"); typographic apostrophes and dashes as ASCII. Tokens
// longer than the buffer get an empty form: no keyword is that long.
struct Low {
  char s[23];
  uint8_t n;
  uint32_t h;
  string_view v() const { return string_view(s, n); }
};

inline Low Lower(string_view t, TokenKind kind) {
  Low l;
  l.n = 0;
  const bool word = kind == TokenKind::kWord;
  for (size_t i = 0; i < t.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(t[i]);
    char out;
    if (c == 0xE2 && i + 2 < t.size() && static_cast<unsigned char>(t[i + 1]) == 0x80) {
      unsigned char d = static_cast<unsigned char>(t[i + 2]);
      if (d == 0x98 || d == 0x99) out = '\'';                 // ‘ ’
      else if (d >= 0x90 && d <= 0x95) out = '-';             // ‐ ‑ ‒ – — ―
      else out = '?';
      i += 2;
    } else if (c >= 'A' && c <= 'Z') {
      out = static_cast<char>(c + 32);
    } else if (c == '.' && word) {
      continue;
    } else {
      out = static_cast<char>(c);
    }
    if (l.n == sizeof(l.s)) {
      l.n = 0;
      break;
    }
    l.s[l.n++] = out;
  }
  l.h = HashWord(l.v());
  return l;
}

// Token::reader_bits: which word sets of the readers a word's key may belong to (the keys of
// KeyBits below). AnalyzeText sets them once per token, from a memo of common words, so
// that the readers test a bit instead of probing a key table for every token. Numbers carry
// kNumberReaderBits; punctuation and symbols none.
enum ReaderBit : uint8_t {
  kTimeStarter = 1,      // may start a time expression (times.cc kStarters)
  kTimeAnchor = 2,       // may be the anchor of one (times.cc kAnchors)
  kQuantityStarter = 4,  // may start a quantity (numbers.cc kStarters)
  kQuantityAnchor = 8,   // may be the anchor of one (numbers.cc kAnchors)
  kQuantityWord = 16,    // may be a word the quantity reader looks up around one (numbers.cc kLookedUp)
  kQuantityAfter = 32,   // may be a word the quantity reader looks for right after a number (numbers.cc kAfterCore)
};
// The reader bits of every number token: a number anchors both readers (the words' bits come
// from their keys), so ReaderAnchors's walk tests the bits alone, not the token's kind too.
constexpr uint8_t kNumberReaderBits = kTimeAnchor | kQuantityAnchor;
uint8_t TimeReaderBits(uint64_t token_key);      // times.cc
uint8_t QuantityReaderBits(uint64_t token_key);  // numbers.cc

// The bytes of `w` (1 to 16 of them) zero padded to 16 in b; the bytes from w.data() up to
// `readable_end` may be read. Where 16 can be read this is one load and a mask, not a call to
// memcpy with a variable length.
inline void LoadZeroPadded16(string_view w, const char* readable_end, uint64_t b[2]) {
  if (readable_end - w.data() >= 16) {
    // kKeep[n]: the masks that keep the first n bytes of 16.
    static constexpr auto kKeep = [] {
      std::array<std::array<uint64_t, 2>, 17> keep{};
      for (size_t n = 0; n <= 16; ++n) {
        keep[n][0] = n >= 8 ? ~uint64_t{0} : (uint64_t{1} << (8 * n)) - 1;
        keep[n][1] = n >= 16 ? ~uint64_t{0} : n <= 8 ? 0 : (uint64_t{1} << (8 * (n - 8))) - 1;
      }
      return keep;
    }();
    std::memcpy(b, w.data(), 2 * sizeof(uint64_t));
    b[0] &= kKeep[w.size()][0];
    b[1] &= kKeep[w.size()][1];
  } else {
    b[0] = b[1] = 0;
    std::memcpy(b, w.data(), w.size());
  }
}

// Lower(t, kind) for a token of at most 16 bytes, of which 16 from t.data() up to `readable_end`
// may be read (and ignored past t), when these are ASCII without a period (nearly every token
// the readers look at): the capitals lowered and the hash taken 16 bytes at a time, with no
// loop over the bytes. False, *l untouched, otherwise (and without SSE2).
inline bool LowerAscii16(string_view t, const char* readable_end, Low* l) {
#if defined(__SSE2__)
  if (t.size() > 16 || readable_end - t.data() < 16) return false;
  // kKeepFirst from 16 - n: n bytes of ones, then zeros (the mask that keeps t's bytes).
  static constexpr std::array<int8_t, 32> kKeepFirst = {-1, -1, -1, -1, -1, -1, -1, -1,
                                                        -1, -1, -1, -1, -1, -1, -1, -1};
  const __m128i v =
      _mm_and_si128(_mm_loadu_si128(reinterpret_cast<const __m128i*>(t.data())),
                    _mm_loadu_si128(reinterpret_cast<const __m128i*>(kKeepFirst.data() + 16 - t.size())));
  // A byte from 0x80 (not ASCII) or a period: the slow way (words drop their periods).
  if (_mm_movemask_epi8(_mm_or_si128(v, _mm_cmpeq_epi8(v, _mm_set1_epi8('.')))) != 0) return false;
  const __m128i capital =
      _mm_and_si128(_mm_cmpgt_epi8(v, _mm_set1_epi8('A' - 1)), _mm_cmplt_epi8(v, _mm_set1_epi8('Z' + 1)));
  const __m128i lowered = _mm_or_si128(v, _mm_and_si128(capital, _mm_set1_epi8(0x20)));  // the padding stays 0
  _mm_storeu_si128(reinterpret_cast<__m128i*>(l->s), lowered);  // (s has room for 16 bytes)
  l->n = static_cast<uint8_t>(t.size());
  l->h = HashPacked(static_cast<uint64_t>(_mm_cvtsi128_si64(lowered)),
                    static_cast<uint64_t>(_mm_cvtsi128_si64(_mm_unpackhi_epi64(lowered, lowered))), t.size());
  return true;
#else
  (void)t, (void)readable_end, (void)l;
  return false;
#endif
}

// The tokens [begin, end) of a text, each lowered on first use. Readers are built per call
// and used by one thread; Get() fills its cache behind a const interface.
class LoweredTokens {
 public:
  LoweredTokens(const Text& text, uint32_t begin, uint32_t end) : t_(text), b_(begin), n_(end - begin) {
    // A sentence (at most 250 tokens) fits on the stack; longer ranges go to the heap.
    if (end - begin > kStackTokens) {
      heap_.resize(end - begin);
      heap_lowered_.resize(end - begin);
      low_ = heap_.data();
      lowered_ = heap_lowered_.data();
    }
    std::memset(lowered_, 0, end - begin);  // one flag a byte: cleared by one memset
  }
  LoweredTokens(const LoweredTokens&) = delete;
  LoweredTokens& operator=(const LoweredTokens&) = delete;

  bool Valid(uint32_t i) const { return i - b_ < n_; }  // unsigned: an i below b_ wraps past n_
  // Token i, which must be valid, lowered.
  // The check inlines into the readers, which call this millions of times; the lowering
  // itself, once per token, stays out of line.
  const Low& Get(uint32_t i) const {
    if (__builtin_expect(!lowered_[i - b_], 0)) Fill(i);
    return low_[i - b_];
  }
  // Token i lowered; the empty word outside the range.
  const Low& At(uint32_t i) const { return Valid(i) ? Get(i) : kOutside; }
  // The lowered text of token i; empty outside the range.
  string_view L(uint32_t i) const { return At(i).v(); }

 private:
  [[gnu::noinline]] void Fill(uint32_t i) const {
    const Token& t = t_.tokens[i];
    const char* text = t_.text.data();  // a token's span is inside the text: no bounds check (token_text's)
    const string_view w(text + t.begin, t.end - t.begin);
    Low* l = &low_[i - b_];
    lowered_[i - b_] = 1;
    if (!LowerAscii16(w, text + t_.text.size(), l)) *l = Lower(w, t.kind);
  }

  static constexpr Low kOutside = {{}, 0, HashWord("")};
  static constexpr uint32_t kStackTokens = 256;
  const Text& t_;
  uint32_t b_, n_;  // the range is [b_, b_ + n_)
  Low stack_[kStackTokens];
  uint8_t stack_lowered_[kStackTokens];  // 1 for a token of low_ already lowered
  std::vector<Low> heap_;
  std::vector<uint8_t> heap_lowered_;
  Low* low_ = stack_;
  uint8_t* lowered_ = stack_lowered_;
};

// The positions of the tokens of [begin, end) that may anchor a time expression or a
// quantity: numbers, and words with kTimeAnchor or kQuantityAnchor among their reader bits
// (see times.cc's and numbers.cc's kAnchors). One walk over the tokens finds them for both
// readers (FindTimesAndQuantities); each reader then goes from anchor to anchor with a
// Cursor instead of testing every token again. Built per call; used by one thread.
class ReaderAnchors {
 public:
  ReaderAnchors(const Text& text, uint32_t begin, uint32_t end) {
    const uint32_t n = end - begin;
    // A sentence (at most 250 tokens) fits on the stack; longer ranges go to the heap. Each
    // list ends with `end`, a sentinel no position passes.
    if (n + 1 > kStackTokens) {
      heap_.resize(2 * (size_t{n} + 1));
      times_ = heap_.data();
      quantities_ = heap_.data() + n + 1;
    }
    uint32_t* tp = times_;
    uint32_t* qp = quantities_;
    // Walks the tokens by pointer: this runs over every token of the text.
    const Token* const tokens = text.tokens.data();
    const Token* const last = tokens + end;
#pragma GCC unroll 4  // (one end test for four tokens: -0.6 M instructions on the shared corpus)
    for (const Token* t = tokens + begin; t != last; ++t) {
      // (Numbers carry both anchor bits, kNumberReaderBits; punctuation and symbols none.)
      const uint8_t bits = t->reader_bits & (kTimeAnchor | kQuantityAnchor);
      if (__builtin_expect(bits == 0, 1)) continue;  // most tokens
      const uint32_t i = static_cast<uint32_t>(t - tokens);
      *tp = i;  // written always, kept only when the bit is set: no branch
      tp += (bits & kTimeAnchor) != 0;
      *qp = i;
      qp += (bits & kQuantityAnchor) != 0;
    }
    *tp = end;
    *qp = end;
    any_times_ = tp != times_;
    any_quantities_ = qp != quantities_;
  }
  ReaderAnchors(const ReaderAnchors&) = delete;
  ReaderAnchors& operator=(const ReaderAnchors&) = delete;

  // Goes forward through one reader's anchors.
  class Cursor {
   public:
    explicit Cursor(const uint32_t* p) : p_(p) {}
    // The first anchor at or after i, or the range's end. The calls' i must not decrease
    // (the readers only go forward) and be at most the range's end.
    uint32_t Next(uint32_t i) {
      while (*p_ < i) ++p_;
      return *p_;
    }

   private:
    const uint32_t* p_;
  };
  Cursor times() const { return Cursor(times_); }
  Cursor quantities() const { return Cursor(quantities_); }
  // Whether the range holds any anchor of the time reader, of the quantity reader: a reader
  // with none finds nothing and need not run.
  bool any_times() const { return any_times_; }
  bool any_quantities() const { return any_quantities_; }

 private:
  static constexpr uint32_t kStackTokens = 257;
  uint32_t stack_times_[kStackTokens];
  uint32_t stack_quantities_[kStackTokens];
  std::vector<uint32_t> heap_;
  uint32_t* times_ = stack_times_;
  uint32_t* quantities_ = stack_quantities_;
  bool any_times_, any_quantities_;
};

// The readers' loops over tokens [begin, end), lowered by `low` and walked by `anchors`
// (a cursor of a ReaderAnchors of the same range); what they find is appended to *out.
void ReadQuantities(const Text& text, uint32_t begin, uint32_t end, const LoweredTokens& low,
                    ReaderAnchors::Cursor anchors, std::vector<Quantity>* out);          // numbers.cc
void ReadTimes(const Text& text, uint32_t begin, uint32_t end, const Date& published, const LoweredTokens& low,
               ReaderAnchors::Cursor anchors, std::vector<TimeExpr>* out);               // times.cc

// A fixed map from words to values, built at compile time: one probe per lookup, a string
// compare only when the hashes agree. The first value inserted for a word is the one kept.
template <size_t kSlots, typename V>
class WordMap {
 public:
  constexpr void Insert(string_view w, V v) {
    uint32_t h = HashWord(w);
    if (Find(w, h) != nullptr) return;
    size_t i = h & (kSlots - 1);
    while (hash_[i] != 0) i = (i + 1) & (kSlots - 1);
    word_[i] = w;
    hash_[i] = h | 1;
    value_[i] = v;
    ++size_;
  }
  // The value of word w, whose HashWord is h; nullptr when w is not in the map. The probe reads
  // the dense hash array (a filled slot's hash has its low bit set, so 0 is an empty slot) and
  // compares words only when the hashes agree.
  constexpr const V* Find(string_view w, uint32_t h) const {
    const uint32_t tag = h | 1;
    for (size_t i = h & (kSlots - 1); hash_[i] != 0; i = (i + 1) & (kSlots - 1))
      if (hash_[i] == tag && word_[i] == w) return &value_[i];
    return nullptr;
  }
  constexpr const V* Find(const Low& l) const { return Find(l.v(), l.h); }
  constexpr const V* Find(string_view w) const { return Find(w, HashWord(w)); }
  constexpr size_t size() const { return size_; }
  // Calls f(word) for each word of the map.
  template <typename F>
  void ForEach(F&& f) const {
    for (string_view w : word_)
      if (!w.empty()) f(w);
  }

 private:
  static_assert((kSlots & (kSlots - 1)) == 0, "a power of two");
  std::array<string_view, kSlots> word_{};
  std::array<uint32_t, kSlots> hash_{};  // HashWord | 1 of the slot's word; 0 = empty
  std::array<V, kSlots> value_{};
  size_t size_ = 0;
};

// A fixed set of words built at compile time (a WordMap without values). Used to skip,
// cheaply, the tokens that cannot start a match, and for the word lists of the grammars.
template <size_t kSlots>
class WordSet {
 public:
  constexpr void Insert(string_view w) { map_.Insert(w, true); }
  constexpr bool Contains(string_view w, uint32_t h) const { return map_.Find(w, h) != nullptr; }
  constexpr bool Contains(const Low& l) const { return map_.Find(l) != nullptr; }
  constexpr bool Contains(string_view w) const { return Contains(w, HashWord(w)); }
  constexpr size_t size() const { return map_.size(); }
  template <typename F>
  void ForEach(F&& f) const {
    map_.ForEach(f);
  }

 private:
  WordMap<kSlots, bool> map_;
};

// A WordSet of the given words (a braced list or an array of string_view).
template <size_t kSlots, typename Words = std::initializer_list<string_view>>
constexpr WordSet<kSlots> MakeWordSet(const Words& words) {
  WordSet<kSlots> set;
  for (string_view w : words) set.Insert(w);
  return set;
}

// A WordMap from the word of each entry (its member `w`) to the entry.
template <size_t kSlots, typename T, size_t N>
constexpr WordMap<kSlots, T> MapByWord(const T (&entries)[N]) {
  WordMap<kSlots, T> map;
  for (const T& e : entries) map.Insert(e.w, e);
  return map;
}

// The token keys (Token::key) of the words that lower to a word of some WordSets (or WordMaps),
// each with the reader bits of the sets that hold the word. Such a token is the set's lowercase
// ASCII word in some mix of cases, perhaps with dots ("U.S."), so its key is the hash of that
// word with or without NameKey's press-spelling rewrites. A word token whose key lacks a set's
// bit here cannot lower to a word of that set, and the readers skip it without lowering it.
// One probe gives all of a reader's bits for a key (a table per set cost a probe each). Built
// once (at first use) per reader; read-only after.
class KeyBits {
 public:
  // A table for sets of `words` words in all (at most a quarter full: two keys per word).
  explicit KeyBits(size_t words) {
    size_t slots = 16;
    while (slots < 8 * words) slots *= 2;
    slots_.assign(slots, Slot{});
  }
  // Gives the keys of the words of `words` (a WordSet or a WordMap) the bit `bit`.
  template <typename Words>
  void Add(const Words& words, uint8_t bit) {
    words.ForEach([this, bit](string_view w) {
      Insert(KeyHash(w), bit);
      Insert(TokenKeyHash(w), bit);
    });
  }
  // The bits of the sets that may hold a word with this token key; 0 for none (keys are never
  // 0 for a word).
  uint8_t Of(uint64_t token_key) const {
    const size_t mask = slots_.size() - 1;
    for (size_t i = token_key & mask; slots_[i].key != 0; i = (i + 1) & mask)
      if (slots_[i].key == token_key) return slots_[i].bits;
    return 0;
  }

 private:
  void Insert(uint64_t key, uint8_t bit) {
    const size_t mask = slots_.size() - 1;
    size_t i = key & mask;
    while (slots_[i].key != 0 && slots_[i].key != key) i = (i + 1) & mask;
    slots_[i].key = key;
    slots_[i].bits |= bit;
  }
  struct Slot {
    uint64_t key = 0;  // open addressing; 0 = empty
    uint8_t bits = 0;
  };
  std::vector<Slot> slots_;
};

}  // namespace sitrep::text_internal

#endif  // SITREP_TEXT_WORD_TABLE_H_
