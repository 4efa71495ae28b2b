// Lowered tokens and fixed word sets shared by the number and time readers. Internal
// to src/text.
//
// Each token of a range is lowered once into a small fixed buffer (no allocation per
// token); grammar rules compare those short views with literals, and WordSet answers
// "can this word start a match?" with one probe.
#ifndef SITREP_TEXT_WORD_TABLE_H_
#define SITREP_TEXT_WORD_TABLE_H_

#include <array>
#include <cstdint>
#include <string_view>

#include "sitrep/text.h"

namespace sitrep::text_internal {

using std::string_view;

constexpr uint32_t HashWord(string_view s) {
  uint32_t h = 2166136261u;  // FNV-1a
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

// A fixed set of words built at compile time: one probe per lookup, a string compare only
// when the hashes agree. Used to skip, cheaply, the tokens that cannot start a match.
template <size_t kSlots>
class WordSet {
 public:
  constexpr void Insert(string_view w) {
    uint32_t h = HashWord(w);
    if (Contains(w, h)) return;
    size_t i = h & (kSlots - 1);
    while (!word_[i].empty()) i = (i + 1) & (kSlots - 1);
    word_[i] = w;
    hash_[i] = h;
    ++size_;
  }
  constexpr bool Contains(string_view w, uint32_t h) const {
    for (size_t i = h & (kSlots - 1); !word_[i].empty(); i = (i + 1) & (kSlots - 1))
      if (hash_[i] == h && word_[i] == w) return true;
    return false;
  }
  constexpr size_t size() const { return size_; }

 private:
  static_assert((kSlots & (kSlots - 1)) == 0, "a power of two");
  std::array<string_view, kSlots> word_{};
  std::array<uint32_t, kSlots> hash_{};
  size_t size_ = 0;
};

}  // namespace sitrep::text_internal

#endif  // SITREP_TEXT_WORD_TABLE_H_
