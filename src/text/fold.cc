// Folding and matching keys: how a token is compared with dictionary entries.
#include <utf8proc.h>
#include <xxhash.h>

#include <cstdlib>
#include <string>

#include "sitrep/text.h"

namespace sitrep {
namespace {

// Typographic and transliteration marks that fold to an ASCII character (0 = drop).
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

}  // namespace

std::string FoldText(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  bool ascii = true;
  for (char c : s) if (static_cast<unsigned char>(c) >= 0x80) { ascii = false; break; }
  if (ascii) {
    for (char c : s) out.push_back((c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : (c == '`' ? '\'' : c));
    return out;
  }
  utf8proc_uint8_t* mapped = nullptr;
  utf8proc_ssize_t len = utf8proc_map(reinterpret_cast<const utf8proc_uint8_t*>(s.data()),
                                      static_cast<utf8proc_ssize_t>(s.size()), &mapped,
                                      static_cast<utf8proc_option_t>(UTF8PROC_COMPOSE | UTF8PROC_STRIPMARK |
                                                                     UTF8PROC_CASEFOLD));
  if (len < 0) return std::string(s);  // invalid input: cannot happen after NormalizeUtf8
  const utf8proc_uint8_t* p = mapped;
  utf8proc_ssize_t left = len;
  while (left > 0) {
    utf8proc_int32_t cp;
    utf8proc_ssize_t k = utf8proc_iterate(p, left, &cp);
    if (k <= 0) break;
    if (cp < 0x80) out.push_back(static_cast<char>(cp == '`' ? '\'' : cp));
    else if (!FoldSpecial(cp, &out)) out.append(reinterpret_cast<const char*>(p), static_cast<size_t>(k));
    p += k;
    left -= k;
  }
  std::free(mapped);
  return out;
}

std::string StripDiacritics(std::string_view s) {
  bool ascii = true;
  for (char c : s) if (static_cast<unsigned char>(c) >= 0x80) { ascii = false; break; }
  if (ascii) return std::string(s);
  utf8proc_uint8_t* mapped = nullptr;
  utf8proc_ssize_t len = utf8proc_map(reinterpret_cast<const utf8proc_uint8_t*>(s.data()),
                                      static_cast<utf8proc_ssize_t>(s.size()), &mapped,
                                      static_cast<utf8proc_option_t>(UTF8PROC_COMPOSE | UTF8PROC_STRIPMARK));
  if (len < 0) return std::string(s);
  std::string out;
  const utf8proc_uint8_t* p = mapped;
  for (utf8proc_ssize_t left = len; left > 0;) {
    utf8proc_int32_t cp;
    utf8proc_ssize_t k = utf8proc_iterate(p, left, &cp);
    if (k <= 0) break;
    std::string folded;
    if (cp < 0x80) out.push_back(static_cast<char>(cp));
    else if (FoldSpecial(cp, &folded)) { if (folded != "'") out += folded; }  // ayn and hamza marks vanish
    else out.append(reinterpret_cast<const char*>(p), static_cast<size_t>(k));
    p += k;
    left -= k;
  }
  std::free(mapped);
  return out;
}

namespace {

// The press-spelling rules of NameKey over an already folded word, written into `out`
// (room for f.size() + 1 bytes); returns the key's length. `token` is the word as
// written, for the abbreviation rule.
size_t KeyOf(std::string_view token, std::string_view f, char* out) {
  size_t n = 0;
  bool alpha = !f.empty() && !(f[0] >= '0' && f[0] <= '9');
  for (char c : f) {
    if (c == '\'' || (c == '.' && alpha)) continue;  // "Ma'arrat" → "maarrat", "U.S." → "us"
    out[n++] = c;
  }
  if (!alpha || n < 3) return n;
  // Short all-capital words are abbreviations: "SSPP" must not fold into "SP".
  size_t letters = 0, upper = 0;
  for (char c : token) {
    if ((c | 32) >= 'a' && (c | 32) <= 'z') { ++letters; upper += c >= 'A' && c <= 'Z'; }
  }
  if (letters >= 2 && letters <= 5 && upper == letters && token.size() <= 6) return n;
  // Press spellings of transliterated names: vowels first, then doubled letters (in place: the
  // rewrites never lengthen the word).
  size_t m = 0;
  for (size_t i = 0; i < n; ++i) {
    char c = out[i], d = i + 1 < n ? out[i + 1] : 0;
    if (c == 'o' && d == 'u') { out[m++] = 'u'; ++i; continue; }
    if ((c == 'e' || c == 'a') && (d == 'i' || d == 'y')) { out[m++] = 'a'; out[m++] = 'y'; ++i; continue; }
    out[m++] = c == 'q' ? 'k' : c;
  }
  size_t k = 0;
  for (size_t i = 0; i < m; ++i)
    if (k == 0 || out[k - 1] != out[i]) out[k++] = out[i];
  if (k > 3 && out[k - 1] == 'h' && (out[k - 2] == 'e' || out[k - 2] == 'a')) {
    k -= 2;
    out[k++] = 'a';
  }
  if (k == 3 && out[0] == 't' && out[1] == 'e' && out[2] == 'l') out[1] = 'a';
  return k;
}

}  // namespace

std::string NameKey(std::string_view token) {
  std::string f = FoldText(token);
  std::string out(f.size() + 1, '\0');
  out.resize(KeyOf(token, f, out.data()));
  return out;
}

uint64_t TokenKeyHash(std::string_view token) {
  // Short ASCII words (nearly all of them) are folded on the stack.
  char folded[64], key[65];
  if (token.size() < sizeof folded) {
    bool ascii = true;
    for (size_t i = 0; i < token.size(); ++i) {
      unsigned char c = static_cast<unsigned char>(token[i]);
      if (c >= 0x80) { ascii = false; break; }
      folded[i] = (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : (c == '`' ? '\'' : static_cast<char>(c));
    }
    if (ascii) return KeyHash(std::string_view(key, KeyOf(token, std::string_view(folded, token.size()), key)));
  }
  return KeyHash(NameKey(token));
}

uint64_t KeyHash(std::string_view key) {
  if (key.empty()) return 0;
  uint64_t h = XXH3_64bits(key.data(), key.size());
  return h == 0 ? 1 : h;
}

}  // namespace sitrep
