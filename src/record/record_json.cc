// Contract v1 records as JSON lines.
//
// A record is written into a buffer through a raw pointer and appended to the output in one
// piece: per field this costs a literal copy for the key and a short loop for the value,
// where std::string appends cost a call, a capacity check and a size update for every piece.
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <memory>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "sitrep/record.h"

namespace sitrep {
namespace {

// Whether any of the 8 bytes in `x` needs a JSON escape: a control character (< 0x20), '"'
// or '\\' (the classic "has a byte less than n" and "has a zero byte" word tricks; the
// answer is exact, only the positions of the flags above the first hit may be spurious,
// and they are not used).
inline bool NeedsEscape8(uint64_t x) {
  constexpr uint64_t kOnes = 0x0101010101010101ULL, kHigh = 0x8080808080808080ULL;
  uint64_t control = (x - kOnes * 0x20) & ~x;
  uint64_t q = x ^ (kOnes * '"'), b = x ^ (kOnes * '\\');
  uint64_t quote = (q - kOnes) & ~q, backslash = (b - kOnes) & ~b;
  return ((control | quote | backslash) & kHigh) != 0;
}

inline uint64_t Load8(const char* s) {
  uint64_t x;
  std::memcpy(&x, s, 8);
  return x;
}

inline bool NeedsEscape(unsigned char c) { return c < 0x20 || c == '"' || c == '\\'; }

// The escape of one byte that NeedsEscape(); returns its length (2 or 6).
inline size_t EscapeByte(unsigned char c, char* out) {
  out[0] = '\\';
  switch (c) {
    case '"': out[1] = '"'; return 2;
    case '\\': out[1] = '\\'; return 2;
    case '\n': out[1] = 'n'; return 2;
    case '\r': out[1] = 'r'; return 2;
    case '\t': out[1] = 't'; return 2;
    default: {
      static constexpr char kHex[] = "0123456789abcdef";
      std::memcpy(out + 1, "u00", 3);
      out[4] = kHex[c >> 4];
      out[5] = kHex[c & 15];
      return 6;
    }
  }
}

// The position of the first byte of s[from, n) that needs an escape, or n.
size_t FindEscape(const char* s, size_t n, size_t from) {
  size_t i = from;
  while (i + 8 <= n && !NeedsEscape8(Load8(s + i))) i += 8;
  while (i < n && !NeedsEscape(static_cast<unsigned char>(s[i]))) ++i;
  return i;
}

// The most bytes a value of these kinds takes (see the writers below).
constexpr size_t kMaxInt = 20;     // "-9223372036854775808"
constexpr size_t kMaxDouble = 64;  // the to_chars buffer of ToCharsOrZero

// "00".."99": two digits per step.
constexpr char kDigitPairs[] =
    "0001020304050607080910111213141516171819202122232425262728293031323334353637383940414243444546474849"
    "5051525354555657585960616263646566676869707172737475767778798081828384858687888990919293949596979899";

// Decimal digits of v at p; returns the end.
inline char* WriteUint(char* p, uint64_t v) {
  if (v < 10) {
    *p = static_cast<char>('0' + v);
    return p + 1;
  }
  if (v < 100) {
    std::memcpy(p, kDigitPairs + 2 * v, 2);
    return p + 2;
  }
  size_t n = 3;
  for (uint64_t t = v / 1000; t; t /= 10) ++n;
  char* end = p + n;
  while (v >= 100) {
    end -= 2;
    std::memcpy(end, kDigitPairs + 2 * (v % 100), 2);
    v /= 100;
  }
  if (v >= 10) std::memcpy(end - 2, kDigitPairs + 2 * v, 2); else end[-1] = static_cast<char>('0' + v);
  return p + n;
}

inline char* WriteInt(char* p, int64_t v) {
  if (v >= 0) return WriteUint(p, static_cast<uint64_t>(v));
  *p++ = '-';
  return WriteUint(p, 0 - static_cast<uint64_t>(v));
}

// to_chars(v, format, precision), or "0" when it does not fit the 64-byte buffer.
char* ToCharsOrZero(char* p, double v, std::chars_format format, int precision) {
  auto res = std::to_chars(p, p + kMaxDouble, v, format, precision);
  if (res.ec == std::errc()) return res.ptr;
  *p = '0';
  return p + 1;
}

// The integer nearest to the exact product a * scale (a >= 0, scale a power of ten), when
// the rounded product s = a * scale is below 2^30 and its fraction is not within 10^-6 of
// one half: s is then within 2^-24 of the exact product, on the same side of the half, so
// rounding s is rounding the exact value, as printf does. False for ties and near ties.
inline bool RoundScaled(double a, double scale, uint64_t* k) {
  double s = a * scale;
  if (!(s < 1073741824.0)) return false;
  uint64_t whole = static_cast<uint64_t>(s);  // floor: s >= 0
  double frac = s - static_cast<double>(whole);
  if (std::fabs(frac - 0.5) <= 1e-6) return false;
  *k = whole + (frac > 0.5 ? 1 : 0);
  return true;
}

// printf "%.6g" (to_chars general, precision 6), for goldstein and confidence.
//
// First fast path, for values of at most 3 decimals below 1000 (most goldstein and
// confidence values): when |v| is the double nearest to k/1000 (the division is correctly
// rounded) and k < 10^6, k/1000 has at most 6 significant digits and differs from v by far
// less than half a unit of the 6th, so "%.6g" prints exactly k/1000 in fixed notation (its
// exponent is in [-3, 2]) with trailing zeros and a bare point removed.
//
// Second fast path, for 10^-4 <= |v| < 10^6, where "%.6g" is fixed notation: with X the decimal
// exponent of |v| (10^X <= |v| < 10^(X+1); the comparisons are exact, each power of ten
// below 1 being a double just above it), the 6 significant digits are |v| * 10^(5-X)
// rounded (RoundScaled). They are printed with the point after X+1 of them (or after "0."
// and -X-1 zeros), trailing zeros and a bare point removed. A rounding that carries into a
// 7th digit, a tie, and everything else go to to_chars; zero is "0" or "-0".
char* WriteGeneral6(char* p, double v) {
  static constexpr double kPow10[] = {1e-4, 1e-3, 1e-2, 1e-1, 1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6};
  static constexpr double kScale[] = {1e9, 1e8, 1e7, 1e6, 1e5, 1e4, 1e3, 1e2, 1e1, 1e0};
  double a = std::fabs(v);
  if (a == 0) {
    if (std::signbit(v)) *p++ = '-';
    *p = '0';
    return p + 1;
  }
  if (a < 1000) {
    uint64_t k = static_cast<uint64_t>(a * 1000 + 0.5);
    if (static_cast<double>(k) / 1000 == a) {
      if (std::signbit(v)) *p++ = '-';
      p = WriteUint(p, k / 1000);
      if (unsigned frac = static_cast<unsigned>(k % 1000)) {
        *p++ = '.';
        *p++ = static_cast<char>('0' + frac / 100);
        std::memcpy(p, kDigitPairs + 2 * (frac % 100), 2);
        p += frac % 10 ? 2 : frac % 100 ? 1 : 0;
      }
      return p;
    }
  }
  if (a >= kPow10[0] && a < kPow10[10]) {
    int e = 4;  // X + 4, from 1
    while (a < kPow10[e]) --e;
    while (a >= kPow10[e + 1]) ++e;
    uint64_t k;
    if (RoundScaled(a, kScale[e], &k) && k < 1000000) {
      char digits[6];
      std::memcpy(digits, kDigitPairs + 2 * (k / 10000), 2);
      std::memcpy(digits + 2, kDigitPairs + 2 * (k / 100 % 100), 2);
      std::memcpy(digits + 4, kDigitPairs + 2 * (k % 100), 2);
      int x = e - 4;
      if (std::signbit(v)) *p++ = '-';
      if (x >= 0) {
        for (int i = 0; i < 6; ++i) {
          *p++ = digits[i];
          if (i == x) *p++ = '.';
        }
      } else {
        *p++ = '0';
        *p++ = '.';
        for (int i = -1; i > x; --i) *p++ = '0';
        for (int i = 0; i < 6; ++i) *p++ = digits[i];
      }
      // Trailing zeros of the fraction (digits[0] is not 0: k >= 10^5), then a bare point.
      while (p[-1] == '0') --p;
      if (p[-1] == '.') --p;
      return p;
    }
  }
  return ToCharsOrZero(p, v, std::chars_format::general, 6);
}

// printf "%.5f" (to_chars fixed, precision 5), for latitude and longitude.
//
// Fast path below 10^4 (RoundScaled gives the 5-decimal rounding); ties, near ties and
// everything else go to to_chars. The sign is printed for negative values that round to
// zero too ("-0.00000"), as printf does.
char* WriteFixed5(char* p, double v) {
  double a = std::fabs(v);
  uint64_t k;
  if (a < 1e4 && RoundScaled(a, 1e5, &k)) {
    if (std::signbit(v)) *p++ = '-';
    p = WriteUint(p, k / 100000);
    *p++ = '.';
    unsigned f = static_cast<unsigned>(k % 100000);
    p[0] = static_cast<char>('0' + f / 10000);
    std::memcpy(p + 1, kDigitPairs + 2 * (f / 100 % 100), 2);
    std::memcpy(p + 3, kDigitPairs + 2 * (f % 100), 2);
    return p + 5;
  }
  return ToCharsOrZero(p, v, std::chars_format::fixed, 5);
}

inline void Store8(char* p, uint64_t x) { std::memcpy(p, &x, 8); }
inline uint32_t Load4(const char* s) {
  uint32_t x;
  std::memcpy(&x, s, 4);
  return x;
}
inline void Store4(char* p, uint32_t x) { std::memcpy(p, &x, 4); }

// Whether none of the 16 bytes of the words a and b needs an escape: with SSE2 (every
// x86-64) three byte compares and a mask, else the word trick twice.
inline bool Clean16(uint64_t a, uint64_t b) {
#if defined(__SSE2__)
  __m128i v = _mm_set_epi64x(static_cast<long long>(b), static_cast<long long>(a));
  const __m128i max_control = _mm_set1_epi8(0x1f);
  __m128i control = _mm_cmpeq_epi8(_mm_max_epu8(v, max_control), max_control);  // v <= 0x1f
  __m128i quote = _mm_cmpeq_epi8(v, _mm_set1_epi8('"'));
  __m128i backslash = _mm_cmpeq_epi8(v, _mm_set1_epi8('\\'));
  return _mm_movemask_epi8(_mm_or_si128(control, _mm_or_si128(quote, backslash))) == 0;
#else
  return !NeedsEscape8(a) && !NeedsEscape8(b);
#endif
}

// Copies s[0, n) to p and returns p + n when none of its bytes needs an escape; returns
// nullptr otherwise (having written some of the bytes). Short strings, which are most of a
// record's, cost one check of 16 bytes: 8..16 bytes are covered by two 8-byte words, the
// second overlapping the first (longer strings go 16 bytes at a time, the last words
// overlapping); 4..7 bytes by two overlapping 4-byte words; 1..3 bytes by the first,
// middle and last byte.
inline char* CopyIfClean(char* p, const char* s, size_t n) {
  if (n >= 8) {
    size_t i = 0;
    for (; i + 16 < n; i += 16) {
      uint64_t a = Load8(s + i), b = Load8(s + i + 8);
      if (!Clean16(a, b)) return nullptr;
      Store8(p + i, a);
      Store8(p + i + 8, b);
    }
    i = n > 16 ? n - 16 : 0;
    uint64_t a = Load8(s + i), b = Load8(s + n - 8);
    if (!Clean16(a, b)) return nullptr;
    Store8(p + i, a);
    Store8(p + n - 8, b);
  } else if (n >= 4) {
    uint32_t a = Load4(s), b = Load4(s + n - 4);
    uint64_t w = a | static_cast<uint64_t>(b) << 32;
    if (!Clean16(w, w)) return nullptr;
    Store4(p, a);
    Store4(p + n - 4, b);
  } else if (n) {
    unsigned char a = s[0], b = s[n / 2], c = s[n - 1];
    uint64_t w = a | b << 8 | c << 16;
    w |= w << 24 | w << 48;  // every byte one of a, b, c
    if (!Clean16(w, w)) return nullptr;
    p[0] = a;
    p[n / 2] = b;
    p[n - 1] = c;
  }
  return p + n;
}

// s[0, n) escaped at p (room for 6 * n bytes); returns the end.
char* EscapeTo(char* p, const char* s, size_t n) {
  for (size_t i = 0; i < n; ++i) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (NeedsEscape(c)) p += EscapeByte(c, p); else *p++ = static_cast<char>(c);
  }
  return p;
}

// A record is written in two walks over the same sequence of pieces (WalkRecord): a
// MeasureSink adds up each piece's worst case, then a WriteSink writes them through a raw
// pointer into a buffer of that size, with no check per piece. Both sinks are inlined, so
// the measuring walk folds into little more than a sum of the string lengths.
struct MeasureSink {
  size_t n = 0;

  template <size_t N>
  void Lit(const char (&)[N]) { n += N - 1; }
  void Str(std::string_view s) { n += 2 + 6 * s.size(); }  // quotes, every byte as \u00XX
  void Int(int64_t) { n += kMaxInt; }
  void General6(double) { n += kMaxDouble; }
  void Fixed5(double) { n += kMaxDouble; }
};

struct WriteSink {
  char* p;

  template <size_t N>
  void Lit(const char (&s)[N]) {
    std::memcpy(p, s, N - 1);
    p += N - 1;
  }
  void Str(std::string_view s) {
    *p++ = '"';
    char* end = CopyIfClean(p, s.data(), s.size());
    p = end ? end : EscapeTo(p, s.data(), s.size());
    *p++ = '"';
  }
  void Int(int64_t v) { p = WriteInt(p, v); }
  void General6(double v) { p = WriteGeneral6(p, v); }
  void Fixed5(double v) { p = WriteFixed5(p, v); }
};

// The pieces of a field: its key (a literal with its quotes, colon and leading comma) and
// its value.
template <class Sink, size_t N>
inline void Str(Sink& s, const char (&key)[N], std::string_view v) {
  s.Lit(key);
  s.Str(v);
}
template <class Sink, size_t N>
inline void StrOrNull(Sink& s, const char (&key)[N], std::string_view v) {
  s.Lit(key);
  if (v.empty()) s.Lit("null"); else s.Str(v);
}
template <class Sink, size_t N>
inline void Int(Sink& s, const char (&key)[N], int64_t v) {
  s.Lit(key);
  s.Int(v);
}
template <class Sink, size_t N>
inline void OptInt(Sink& s, const char (&key)[N], const std::optional<int64_t>& v) {
  s.Lit(key);
  if (v) s.Int(*v); else s.Lit("null");
}
template <class Sink, size_t N>
inline void Num(Sink& s, const char (&key)[N], double v) {
  s.Lit(key);
  s.General6(std::isfinite(v) ? v : 0.0);
}
template <class Sink, size_t N>
inline void OptNum(Sink& s, const char (&key)[N], const std::optional<double>& v) {
  s.Lit(key);
  if (v) s.Fixed5(std::isfinite(*v) ? *v : 0.0); else s.Lit("null");
}
template <class Sink, size_t N>
inline void List(Sink& s, const char (&key)[N], const std::vector<std::string>& v) {
  s.Lit(key);
  s.Lit("[");
  for (size_t i = 0; i < v.size(); ++i) {
    if (i) s.Lit(",");
    s.Str(v[i]);
  }
  s.Lit("]");
}
template <class Sink, size_t N>
inline void SpanVal(Sink& s, const char (&key)[N], const Span& span) {
  s.Lit(key);
  s.Lit("[");
  s.Int(span.begin);
  s.Lit(",");
  s.Int(span.end);
  s.Lit("]");
}

// The record's JSON, piece by piece.
template <class Sink>
inline void WalkRecord(Sink& s, const EventRecord& r) {
  Str(s, "{\"doc_id\":", r.doc_id);
  Str(s, ",\"event_id\":", r.event_id);
  StrOrNull(s, ",\"event_date\":", r.event_date);
  Int(s, ",\"time_precision\":", r.time_precision);
  Str(s, ",\"event_type\":", r.event_type);
  Str(s, ",\"sub_event_type\":", r.sub_event_type);
  Str(s, ",\"cameo_code\":", r.cameo_code);
  Int(s, ",\"quad_class\":", r.quad_class);
  Num(s, ",\"goldstein\":", r.goldstein);
  Str(s, ",\"actor1\":", r.actor1);
  List(s, ",\"assoc_actor_1\":", r.assoc_actor_1);
  Str(s, ",\"actor2\":", r.actor2);
  List(s, ",\"assoc_actor_2\":", r.assoc_actor_2);
  Str(s, ",\"actor1_code\":", r.actor1_code);
  Str(s, ",\"actor2_code\":", r.actor2_code);
  Int(s, ",\"inter1\":", r.inter1);
  Int(s, ",\"inter2\":", r.inter2);
  Str(s, ",\"country\":", r.country);
  Str(s, ",\"iso3\":", r.iso3);
  Str(s, ",\"admin1\":", r.admin1);
  Str(s, ",\"admin2\":", r.admin2);
  Str(s, ",\"location\":", r.location);
  OptNum(s, ",\"latitude\":", r.latitude);
  OptNum(s, ",\"longitude\":", r.longitude);
  Int(s, ",\"geo_precision\":", r.geo_precision);
  if (r.geonameid) Int(s, ",\"geonameid\":", r.geonameid); else s.Lit(",\"geonameid\":null");
  OptInt(s, ",\"fatalities\":", r.fatalities);
  OptInt(s, ",\"fatalities_low\":", r.fatalities_low);
  OptInt(s, ",\"fatalities_high\":", r.fatalities_high);
  OptInt(s, ",\"civilian_fatalities\":", r.civilian_fatalities);
  Str(s, ",\"source\":", r.source);
  if (r.background) s.Lit(",\"background\":true"); else s.Lit(",\"background\":false");
  SpanVal(s, ",\"evidence\":{\"sentence\":", r.evidence.sentence);
  SpanVal(s, ",\"trigger\":", r.evidence.trigger);
  for (const auto& [role, span] : r.evidence.roles) {
    Str(s, ",", role);
    SpanVal(s, ":", span);
  }
  Num(s, "},\"confidence\":", r.confidence);
  s.Lit("}");
}

}  // namespace

void AppendJsonString(std::string* out, std::string_view s) {
  out->push_back('"');
  // Runs of characters that need no escape are appended whole.
  size_t run = 0;
  for (size_t i = FindEscape(s.data(), s.size(), 0); i < s.size(); i = FindEscape(s.data(), s.size(), run)) {
    out->append(s.data() + run, i - run);
    char buf[6];
    out->append(buf, EscapeByte(static_cast<unsigned char>(s[i]), buf));
    run = i + 1;
  }
  out->append(s.data() + run, s.size() - run);
  out->push_back('"');
}

void AppendJson(std::string* out, const EventRecord& r) {
  MeasureSink measure;
  WalkRecord(measure, r);
  // Records of usual size are written on the stack; one with very long strings on the heap.
  char stack[4096];
  std::unique_ptr<char[]> heap;
  char* buf = stack;
  if (measure.n > sizeof stack) {
    heap.reset(new char[measure.n]);
    buf = heap.get();
  }
  WriteSink write{buf};
  WalkRecord(write, r);
  out->append(buf, static_cast<size_t>(write.p - buf));
}

std::string ToJson(const EventRecord& r) {
  std::string out;
  AppendJson(&out, r);
  return out;
}

}  // namespace sitrep
