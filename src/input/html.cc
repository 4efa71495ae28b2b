// HTML → main text with libxml2's HTML parser, read as a stream of SAX events: no
// tree is built, and the page is walked once as the parser reads it.
//
// What is kept, in document order, one block each (blank line between blocks):
//   - the <title> (also returned through the out-parameter), always first;
//   - h1-h6, p, li, dt, dd, td, th, caption, blockquote, figcaption, pre;
//   - outside those, the direct text runs of a div (or section, article, body...)
//     when a run is at least kMinRunChars characters and mostly not link text:
//     many news pages put paragraphs in bare divs, and menus are short or all links.
// What is dropped with everything inside: script, style, noscript, template, nav,
// header (unless inside article or main: that one holds the headline), footer, aside,
// form (unless it wraps the whole page, as ASP.NET sites do), button, select, iframe,
// svg, math, and media fallbacks (video, audio, canvas, object).
// Inside a block whitespace collapses to one space (U+00A0 included), <br> is a line
// break (at most two in a row), and <pre> keeps its lines and spaces.
//
// How libxml2 is used:
//   - Every call has its own parser context; xmlInitParser runs once. Reentrant.
//   - The input is UTF-8 whatever the page declares (<meta charset> is ignored), and a
//     byte order mark is skipped. Bytes that are not UTF-8 become U+FFFD first (libxml2
//     would read the rest of the page as Latin-1 from the first bad byte on), and NUL
//     bytes become spaces.
//   - Errors are never printed; two of them are read (see OnError).
//   - libxml2 repairs broken markup by HTML 4 rules, browsers by HTML5's. Where that
//     changes which text is kept, the walk does as browsers do:
//       * an end tag libxml2 ignores because a div or table part is still open inside
//         its element (<nav><div>menu</nav>) closes everything down to that element,
//         unless a table or cell lies between;
//       * a stray </br> is a line break;
//       * the <p> libxml2 opens by itself around text directly in <html> or <head> (or
//         before any tag) is a plain container, so that text is a bare run;
//       * "<!" that starts no comment or doctype (<![CDATA[, <![endif]>...) is skipped
//         up to its '>';
//       * entities written without ';' (&amp, &nbsp, &copy and the other Latin-1 names)
//         are read, and C1 controls (&#150;, &#146;...) are the Windows-1252 characters
//         they stand for.
//   - libxml2 sometimes drops an element without an end event, so the walk keeps its
//     own stack in step with the parser's (nameNr) at every event.
//   - Parsing stops at an element nested deeper than kMaxNesting. Both stacks live on
//     the heap, but every end tag scans the parser's stack, so hostile nesting would
//     cost quadratic time.
//   - Whether a <form> wraps the page is known only at its end: its content is written
//     as if it were kept, and taken back when the form ends without having shown an
//     article, main or h1 element or three paragraphs.
#include <libxml/HTMLparser.h>
#include <libxml/parserInternals.h>
#include <simdjson.h>

#include <algorithm>
#include <array>
#include <bit>
#include <climits>
#include <cstdint>
#include <cstring>
#include <iterator>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "sitrep/document.h"

namespace sitrep {
namespace input_internal {
// Shared with document_reader.cc: the text, the title, and publication-date
// candidates (raw attribute values, best first) found in meta and time elements.
std::string HtmlToTextAndDates(std::string_view html, std::string* title,
                               std::vector<std::string>* dates);
// The same, always through libxml2 (HtmlToTextAndDates reads paragraph-only pages by
// itself); for tests that compare the two.
std::string HtmlToTextAndDatesParsed(std::string_view html, std::string* title,
                                     std::vector<std::string>* dates);
}  // namespace input_internal

namespace {

constexpr size_t kMinRunChars = 40;  // shortest bare div text run worth keeping
constexpr size_t kMaxNesting = 5000;  // element depth (as the parser nests) where parsing stops

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    char x = a[i], y = b[i];
    if (x >= 'A' && x <= 'Z') x = static_cast<char>(x + 32);
    if (y >= 'A' && y <= 'Z') y = static_cast<char>(y + 32);
    if (x != y) return false;
  }
  return true;
}

// ------------------------------------------------------------- UTF-8 repair

// `s` itself when it is valid UTF-8 without NUL bytes; otherwise a copy in `storage`
// where each maximal invalid subsequence is U+FFFD and each NUL a space (a NUL among the
// first bytes would also make libxml2 guess UTF-16 or UCS-4).
std::string_view RepairedUtf8(std::string_view s, std::string* storage) {
  if (simdjson::validate_utf8(s.data(), s.size()) && s.find('\0') == std::string_view::npos) return s;
  storage->clear();
  storage->reserve(s.size() + 16);
  const size_t n = s.size();
  size_t i = 0;
  while (i < n) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      storage->push_back(c == 0 ? ' ' : static_cast<char>(c));
      ++i;
      continue;
    }
    size_t len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC2 ? 2 : 0;
    if (c > 0xF4) len = 0;
    // The first continuation byte's range depends on the lead (no overlongs, no
    // surrogates, nothing past U+10FFFF); the others are 80-BF.
    unsigned char lo = c == 0xE0 ? 0xA0 : c == 0xF0 ? 0x90 : 0x80;
    unsigned char hi = c == 0xED ? 0x9F : c == 0xF4 ? 0x8F : 0xBF;
    size_t good = len == 0 ? 0 : 1;  // bytes of a valid prefix, lead included
    while (good > 0 && good < len && i + good < n) {
      unsigned char b = static_cast<unsigned char>(s[i + good]);
      if (good == 1 ? (b < lo || b > hi) : (b & 0xC0) != 0x80) break;
      ++good;
    }
    if (good == len && len > 0) {
      storage->append(s, i, len);
      i += len;
    } else {
      storage->append("\xEF\xBF\xBD");
      i += std::max<size_t>(good, 1);
    }
  }
  return *storage;
}

// ------------------------------------------------------------- element classes

enum class Role { kInline, kBreak, kKept, kDropped, kTitle, kContainer };

// The elements the walk treats specially beyond their role.
enum class Tag { kOther, kA, kArticle, kBr, kForm, kH1, kHeader, kMain, kMeta, kP, kPre, kTime, kTitle };

struct TagInfo {
  std::string_view name;
  Tag tag;
  Role role;
};

// Sorted by name; every element not listed is a container (div, section, body,
// table, ul, unknown tags...).
constexpr TagInfo kTags[] = {
    {"a", Tag::kA, Role::kInline},           {"abbr", Tag::kOther, Role::kInline},
    {"article", Tag::kArticle, Role::kContainer},
    {"aside", Tag::kOther, Role::kDropped},   {"audio", Tag::kOther, Role::kDropped},
    {"b", Tag::kOther, Role::kInline},       {"bdi", Tag::kOther, Role::kInline},
    {"bdo", Tag::kOther, Role::kInline},     {"big", Tag::kOther, Role::kInline},
    {"blockquote", Tag::kOther, Role::kKept},
    {"br", Tag::kBr, Role::kBreak},          {"button", Tag::kOther, Role::kDropped},
    {"canvas", Tag::kOther, Role::kDropped}, {"caption", Tag::kOther, Role::kKept},
    {"cite", Tag::kOther, Role::kInline},    {"code", Tag::kOther, Role::kInline},
    {"data", Tag::kOther, Role::kInline},    {"dd", Tag::kOther, Role::kKept},
    {"del", Tag::kOther, Role::kInline},     {"dfn", Tag::kOther, Role::kInline},
    {"dt", Tag::kOther, Role::kKept},        {"em", Tag::kOther, Role::kInline},
    {"figcaption", Tag::kOther, Role::kKept},
    {"font", Tag::kOther, Role::kInline},    {"footer", Tag::kOther, Role::kDropped},
    {"form", Tag::kForm, Role::kDropped},    {"h1", Tag::kH1, Role::kKept},
    {"h2", Tag::kOther, Role::kKept},        {"h3", Tag::kOther, Role::kKept},
    {"h4", Tag::kOther, Role::kKept},        {"h5", Tag::kOther, Role::kKept},
    {"h6", Tag::kOther, Role::kKept},        {"header", Tag::kHeader, Role::kDropped},
    {"i", Tag::kOther, Role::kInline},       {"iframe", Tag::kOther, Role::kDropped},
    {"img", Tag::kOther, Role::kInline},     {"ins", Tag::kOther, Role::kInline},
    {"kbd", Tag::kOther, Role::kInline},     {"label", Tag::kOther, Role::kInline},
    {"li", Tag::kOther, Role::kKept},        {"main", Tag::kMain, Role::kContainer},
    {"mark", Tag::kOther, Role::kInline},    {"math", Tag::kOther, Role::kDropped},
    {"meta", Tag::kMeta, Role::kContainer},  {"nav", Tag::kOther, Role::kDropped},
    {"nobr", Tag::kOther, Role::kInline},    {"noscript", Tag::kOther, Role::kDropped},
    {"object", Tag::kOther, Role::kDropped}, {"p", Tag::kP, Role::kKept},
    {"pre", Tag::kPre, Role::kKept},         {"q", Tag::kOther, Role::kInline},
    {"rp", Tag::kOther, Role::kInline},      {"rt", Tag::kOther, Role::kInline},
    {"ruby", Tag::kOther, Role::kInline},    {"s", Tag::kOther, Role::kInline},
    {"samp", Tag::kOther, Role::kInline},    {"script", Tag::kOther, Role::kDropped},
    {"select", Tag::kOther, Role::kDropped}, {"small", Tag::kOther, Role::kInline},
    {"span", Tag::kOther, Role::kInline},    {"strike", Tag::kOther, Role::kInline},
    {"strong", Tag::kOther, Role::kInline},  {"style", Tag::kOther, Role::kDropped},
    {"sub", Tag::kOther, Role::kInline},     {"sup", Tag::kOther, Role::kInline},
    {"svg", Tag::kOther, Role::kDropped},    {"td", Tag::kOther, Role::kKept},
    {"template", Tag::kOther, Role::kDropped},
    {"textarea", Tag::kOther, Role::kDropped},
    {"th", Tag::kOther, Role::kKept},        {"time", Tag::kTime, Role::kInline},
    {"title", Tag::kTitle, Role::kTitle},    {"tt", Tag::kOther, Role::kInline},
    {"u", Tag::kOther, Role::kInline},       {"var", Tag::kOther, Role::kInline},
    {"video", Tag::kOther, Role::kDropped},  {"wbr", Tag::kOther, Role::kInline},
};

static_assert(std::is_sorted(std::begin(kTags), std::end(kTags),
                             [](const TagInfo& a, const TagInfo& b) { return a.name < b.name; }));

// `name` as libxml2 reports it: lower case.
TagInfo Classify(std::string_view name) {
  const TagInfo* it = std::lower_bound(std::begin(kTags), std::end(kTags), name,
                                       [](const TagInfo& t, std::string_view n) { return t.name < n; });
  if (it != std::end(kTags) && it->name == name) return *it;
  return {name, Tag::kOther, Role::kContainer};
}

// The value of attribute `name` in libxml2's name/value list, or nullptr (also for an
// attribute without a value).
const char* Attr(const xmlChar** atts, std::string_view name) {
  if (!atts) return nullptr;
  for (size_t i = 0; atts[i]; i += 2)
    if (name == reinterpret_cast<const char*>(atts[i])) return reinterpret_cast<const char*>(atts[i + 1]);
  return nullptr;
}

// Candidate publication dates: priority 0 article:published_time, 1 other meta
// names (date, pubdate, datePublished...), 2 <time datetime> in document order.
int MetaDatePriority(const xmlChar** atts) {
  const char* keys[] = {Attr(atts, "property"), Attr(atts, "name"), Attr(atts, "itemprop")};
  int best = -1;
  for (const char* k : keys) {
    if (!k) continue;
    std::string_view v(k);
    if (EqualsIgnoreCase(v, "article:published_time")) return 0;
    static constexpr std::string_view kOther[] = {"date", "pubdate", "publishdate", "publish-date",
                                                  "datepublished", "dc.date", "dc.date.issued",
                                                  "og:published_time"};
    for (std::string_view o : kOther)
      if (EqualsIgnoreCase(v, o)) best = 1;
  }
  return best;
}

// ------------------------------------------------------------- text builder

// Windows-1252's characters for the C1 code points 0x80-0x9F (0 where it has none), as
// HTML reads numeric references to them.
constexpr char16_t kWindows1252C1[32] = {
    0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0,      0x017D, 0,      0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178};

// The bytes Append looks at one by one: ASCII white space and 0xC2.
constexpr auto kSpecialByte = [] {
  std::array<bool, 256> t{};
  for (unsigned char c : {' ', '\t', '\n', '\r', '\f'}) t[c] = true;
  t[0xC2] = true;
  return t;
}();

// Sixteen bytes at a time: Bytes16 answers a per-byte test for 16 bytes as a mask, bit k for
// byte k. With SSE2 (every x86-64) a compare and a movemask; elsewhere two 64-bit words
// tested SWAR-style (the high bit of each byte that passes, exact per byte: no carry
// crosses bytes), their high bits then gathered into 8 mask bits each.
#if defined(__SSE2__)
class Bytes16 {
 public:
  explicit Bytes16(const char* p) : v_(_mm_loadu_si128(reinterpret_cast<const __m128i*>(p))) {}
  uint32_t Equal(unsigned char c) const { return Mask(_mm_cmpeq_epi8(v_, Splat(c))); }
  // Bytes at most c (unsigned): min(v, c) == v.
  uint32_t AtMost(unsigned char c) const { return Mask(_mm_cmpeq_epi8(_mm_min_epu8(v_, Splat(c)), v_)); }
  // UTF-8 continuation bytes, 0x80-0xBF: as signed bytes, those below (signed) 0xC0.
  uint32_t Continuation() const { return Mask(_mm_cmplt_epi8(v_, Splat(0xC0))); }

 private:
  static __m128i Splat(unsigned char c) { return _mm_set1_epi8(static_cast<char>(c)); }
  static uint32_t Mask(__m128i m) { return static_cast<uint32_t>(_mm_movemask_epi8(m)); }
  __m128i v_;
};
#else
class Bytes16 {
 public:
  explicit Bytes16(const char* p) {
    std::memcpy(w_, p, 16);
    if constexpr (std::endian::native == std::endian::big) w_[0] = __builtin_bswap64(w_[0]), w_[1] = __builtin_bswap64(w_[1]);
  }
  uint32_t Equal(unsigned char c) const {
    return Both([c](uint64_t x) {
      const uint64_t z = x ^ (kOnes * c);  // zero where equal: no high bit, no carry from + 0x7F
      return ~(((z & ~kHighs) + ~kHighs) | z) & kHighs;
    });
  }
  uint32_t AtMost(unsigned char c) const {  // c below 0x80: no high bit, low bits + 0x7F - c below 0x80
    return Both([c](uint64_t x) { return ~(((x & ~kHighs) + kOnes * (0x7Fu - c)) | x) & kHighs; });
  }
  uint32_t Continuation() const {  // 10xxxxxx: bit 7 set, bit 6 (shifted up into bit 7) clear
    return Both([](uint64_t x) { return x & ~(x << 1) & kHighs; });
  }

 private:
  static constexpr uint64_t kOnes = 0x0101010101010101ull, kHighs = kOnes * 0x80;
  // The high bits of the 8 bytes of m as bits 0-7 (the multiply moves bit 8k+7 to 56+k and
  // nothing else reaches the top byte).
  static uint32_t Gather(uint64_t m) { return static_cast<uint32_t>(((m >> 7) * 0x0102040810204080ull) >> 56); }
  template <class F>
  uint32_t Both(F test) const { return Gather(test(w_[0])) | Gather(test(w_[1])) << 8; }
  uint64_t w_[2];
};
#endif

// Accumulates one block with collapsed whitespace, and emits finished blocks.
class BlockWriter {
 public:
  // Everything needed to go back to an earlier point (see Restore).
  struct Mark {
    size_t blocks = 0;
    std::string cur;
    bool cur_kept = false, pending_space = false;
    size_t chars = 0, link_chars = 0;
  };

  // Appends text; `in_pre` keeps it verbatim, `in_link` counts it as link text.
  void Append(std::string_view s, bool kept, bool in_pre, bool in_link) {
    if (cur_.empty() && !pending_space_) cur_kept_ = kept;
    // A kept block is emitted whatever it holds (Flush), so the eight-byte scan below counts
    // characters only for the others; chars_ then matters no more until the block ends.
    const bool count = !cur_kept_;
    const size_t n = s.size();
    size_t i = 0;
    while (i < n) {
      // Bytes that are neither white space nor 0xC2 (the lead of U+00A0 and of the C1
      // controls) go in as they are, a run at a time. Outside <pre> a single ' ' between
      // two such bytes stays in the run: collapsing would write that same space (the run
      // so far ends the block in neither '\n' nor nothing) and it counts no character.
      size_t j = i, chars = 0;
      while (j < n) {
        if (j + 16 < n) {
          // The next sixteen bytes at once. A byte may end the run when it is at most ' '
          // or 0xC2 (a superset of kSpecialByte), except a space that the rule above
          // keeps: not in <pre>, not the run's first byte, and followed by a byte that is
          // neither. Up to the first byte that may end it the run goes on for sure; that
          // byte is then looked at alone below.
          const Bytes16 x(s.data() + j);
          const uint32_t space = x.Equal(' ');
          const uint32_t low = x.AtMost(0x20) | x.Equal(0xC2);
          const unsigned char after = static_cast<unsigned char>(s[j + 16]);
          const uint32_t low_next = (low >> 1) | (after <= 0x20 || after == 0xC2 ? 1u << 15 : 0);
          uint32_t stop = (low & ~space) | (space & low_next);
          if (in_pre) stop |= space;
          if (j == i) stop |= space & 1;
          if (stop == 0) {
            if (count) chars += 16 - static_cast<unsigned>(std::popcount(x.Continuation()));
            j += 16;
            continue;
          }
          const unsigned k = static_cast<unsigned>(std::countr_zero(stop));  // bytes before it
          if (count) chars += k - static_cast<unsigned>(std::popcount(x.Continuation() & ((1u << k) - 1)));
          j += k;
        }
        const unsigned char b = static_cast<unsigned char>(s[j]);
        if (!kSpecialByte[b]) {
          chars += (b & 0xC0) != 0x80;
          ++j;
        } else if (b == ' ' && !in_pre && j > i && j + 1 < n && !kSpecialByte[static_cast<unsigned char>(s[j + 1])]) {
          ++j;
        } else {
          break;
        }
      }
      if (j > i) {
        AddRun(s.substr(i, j - i), chars, in_link);
        i = j;
        continue;
      }
      unsigned char c = static_cast<unsigned char>(s[i]);
      if (c == 0xC2) {
        unsigned char next = i + 1 < n ? static_cast<unsigned char>(s[i + 1]) : 0;
        if (next >= 0x80 && next < 0xA0) {
          AddWindows1252(kWindows1252C1[next - 0x80], in_link);
        } else if (next == 0xA0 && !in_pre) {
          Space();
        } else {
          AddRun(s.substr(i, next ? 2 : 1), 1, in_link);
        }
        i += next ? 2 : 1;
        continue;
      }
      ++i;
      if (!in_pre) {
        Space();
      } else if (c == '\n') {
        Break();
      } else if (c != '\r') {
        AddRun(s.substr(i - 1, 1), 0, in_link);  // kept, but not counted as a character
      }
    }
  }

  // A <br> (or a line end in <pre>): a line break, at most two in a row.
  void Break() {
    constexpr int kMaxNewlines = 2;
    pending_space_ = false;
    if (cur_.empty()) return;
    int run = 0;
    for (size_t k = cur_.size(); k > 0 && cur_[k - 1] == '\n'; --k) ++run;
    if (run < kMaxNewlines) cur_.push_back('\n');
  }

  // Ends the current block: kept blocks are always emitted, bare text runs only when
  // long enough and mostly not links.
  void Flush() {
    pending_space_ = false;
    size_t b = 0, e = cur_.size();
    while (b < e && (cur_[b] == '\n' || cur_[b] == ' ')) ++b;
    while (e > b && (cur_[e - 1] == '\n' || cur_[e - 1] == ' ')) --e;
    if (e > b && (cur_kept_ || (chars_ >= kMinRunChars && link_chars_ * 2 < chars_))) {
      if (joined_ == nullptr) {
        blocks_.emplace_back(cur_, b, e - b);
      } else {
        if (!joined_->empty()) joined_->append("\n\n");
        joined_->append(cur_, b, e - b);
      }
    }
    cur_.clear();
    chars_ = link_chars_ = 0;
  }

  Mark Save() const { return {blocks_.size(), cur_, cur_kept_, pending_space_, chars_, link_chars_}; }

  // Forgets everything written since `m` was saved.
  void Restore(Mark&& m) {
    blocks_.resize(m.blocks);
    cur_ = std::move(m.cur);
    cur_kept_ = m.cur_kept;
    pending_space_ = m.pending_space;
    chars_ = m.chars;
    link_chars_ = m.link_chars;
  }

  std::vector<std::string>& blocks() { return blocks_; }

  // From now on finished blocks go straight into *out, a blank line between two, instead
  // of into blocks() (for a writer that is never restored to a mark).
  void JoinInto(std::string* out) { joined_ = out; }

 private:
  // Text after which a space is due, unless the block is empty or at a line start.
  void Space() {
    if (!cur_.empty() && cur_.back() != '\n') pending_space_ = true;
  }

  // `run` verbatim, holding `chars` characters (white space not counted).
  void AddRun(std::string_view run, size_t chars, bool in_link) {
    if (pending_space_) cur_.push_back(' ');
    pending_space_ = false;
    cur_.append(run);
    chars_ += chars;
    if (in_link) link_chars_ += chars;
  }

  // A C1 control read as the Windows-1252 character `u` (dropped when there is none).
  void AddWindows1252(char16_t u, bool in_link) {
    if (u == 0) return;
    char buf[3];
    size_t len = 0;
    if (u < 0x800) {
      buf[len++] = static_cast<char>(0xC0 | (u >> 6));
    } else {
      buf[len++] = static_cast<char>(0xE0 | (u >> 12));
      buf[len++] = static_cast<char>(0x80 | ((u >> 6) & 0x3F));
    }
    buf[len++] = static_cast<char>(0x80 | (u & 0x3F));
    AddRun(std::string_view(buf, len), 1, in_link);
  }

  std::string cur_;
  bool cur_kept_ = false;
  bool pending_space_ = false;
  size_t chars_ = 0, link_chars_ = 0;  // characters (not white space) of the block, of links; see Append
  std::vector<std::string> blocks_;
  std::string* joined_ = nullptr;  // see JoinInto
};

std::string CollapsedText(std::string_view raw) {
  BlockWriter w;
  w.Append(raw, true, false, false);
  w.Flush();
  return w.blocks().empty() ? std::string() : std::move(w.blocks()[0]);
}

// ------------------------------------------------------------- the walk

// An element whose end tags do not reach past it (HTML's "scope" boundaries).
bool IsScopeBoundary(std::string_view name) {
  static constexpr std::string_view kBoundaries[] = {"applet", "caption", "html",     "marquee",
                                                     "object", "table",   "template", "td", "th"};
  return std::find(std::begin(kBoundaries), std::end(kBoundaries), name) != std::end(kBoundaries);
}

// The character HTML reads for "&name" written without its ';' (the Latin-1 names and
// amp, lt, gt, quot), for the longest such name that starts `s`; 0 when none does.
// *len is set to that name's length.
int LegacyEntity(std::string_view s, size_t* len) {
  constexpr size_t kLongest = 6;  // "middot", "plusmn"...
  char buf[kLongest + 1];
  for (size_t n = std::min(s.size(), kLongest); n >= 2; --n) {
    std::memcpy(buf, s.data(), n);
    buf[n] = '\0';
    const htmlEntityDesc* e = htmlEntityLookup(reinterpret_cast<const xmlChar*>(buf));
    if (!e) continue;
    std::string_view name(buf, n);
    if ((e->value >= 0xA0 && e->value <= 0xFF) || name == "amp" || name == "lt" || name == "gt" || name == "quot") {
      *len = n;
      return static_cast<int>(e->value);
    }
  }
  return 0;
}

// Receives libxml2's SAX events for one page and builds its text, title and dates.
class Walker {
 public:
  Walker(htmlParserCtxtPtr ctxt, bool want_dates) : ctxt_(ctxt), want_dates_(want_dates) {}

  void StartElement(const char* name, const xmlChar** atts) {
    if (stopped_) return;
    FlushAmpersand();
    SyncTo(ctxt_->nameNr - 1);  // the parser has pushed this element already
    skip_to_gt_ = false;
    TagInfo info = Classify(name);
    Role role = info.role;
    bool implied = info.tag == Tag::kP && !AtEndOfStartTag();
    if (implied) role = Role::kContainer;

    // Dates are read even inside dropped parts (a page header often holds the date).
    if (want_dates_) {
      if (info.tag == Tag::kMeta) {
        int pri = MetaDatePriority(atts);
        const char* content = Attr(atts, "content");
        if (pri >= 0 && content) dates_.emplace_back(pri, content);
      } else if (info.tag == Tag::kTime) {
        if (const char* dt = Attr(atts, "datetime")) dates_.emplace_back(2, dt);
      }
    }
    for (FormTrial& t : trials_) {
      if (info.tag == Tag::kArticle || info.tag == Tag::kMain || info.tag == Tag::kH1) t.wraps = true;
      if (info.tag == Tag::kP && !implied && ++t.paragraphs >= 3) t.wraps = true;
    }

    Frame f{name, info.tag, role};
    if (drop_depth_ == 0 && title_depth_ == 0) {
      if (role == Role::kDropped && info.tag == Tag::kHeader && article_depth_ > 0) role = Role::kContainer;
      if (role == Role::kDropped && info.tag == Tag::kForm) {  // kept on trial (see the top)
        role = Role::kContainer;
        trials_.push_back({writer_.Save(), have_title_});
        f.trial = true;
      }
      f.role = role;
      f.live = true;
      switch (role) {
        case Role::kTitle:
          ++title_depth_;
          capturing_title_ = !have_title_;
          have_title_ = true;
          break;
        case Role::kBreak:
          writer_.Break();
          f.live = false;
          break;
        case Role::kKept:
          writer_.Flush();
          ++kept_depth_;
          if (info.tag == Tag::kPre) ++pre_depth_;
          break;
        case Role::kContainer:
          writer_.Flush();
          if (info.tag == Tag::kArticle || info.tag == Tag::kMain) ++article_depth_;
          break;
        case Role::kInline:
          if (info.tag == Tag::kA) ++link_depth_;
          break;
        case Role::kDropped:
          ++drop_depth_;
          break;
      }
    }
    stack_.push_back(f);
    if (stack_.size() > kMaxNesting) {
      stopped_ = true;
      xmlStopParser(ctxt_);
    }
  }

  void EndElement() {
    if (stopped_) return;
    FlushAmpersand();
    SyncTo(ctxt_->nameNr);  // the parser pops this element after the event
    if (!stack_.empty() && stack_.size() == static_cast<size_t>(ctxt_->nameNr)) {
      Leave(stack_.back());
      stack_.pop_back();
    }
  }

  void Text(std::string_view s) {
    if (stopped_) return;
    SyncTo(ctxt_->nameNr);
    if (skip_to_gt_) {
      size_t gt = s.find('>');
      if (gt == std::string_view::npos) return;
      skip_to_gt_ = false;
      s.remove_prefix(gt + 1);
    } else if (s == "<" && ctxt_->input && ctxt_->input->cur[0] == '<' && ctxt_->input->cur[1] == '!') {
      skip_to_gt_ = true;  // libxml2 hands on "<!" that opens no comment as text
      return;
    }
    // An entity libxml2 could not read comes as "&", then its name, then the rest
    // (a "&" alone may also be a decoded &amp;).
    if (ampersand_pending_) {
      ampersand_pending_ = false;
      size_t len = 0;
      int u = JustReadAmpersandAnd(s) ? LegacyEntity(s, &len) : 0;
      if (u != 0) {
        char buf[2] = {static_cast<char>(u), 0};
        if (u >= 0x80) {
          buf[0] = static_cast<char>(0xC0 | (u >> 6));
          buf[1] = static_cast<char>(0x80 | (u & 0x3F));
        }
        Route(std::string_view(buf, u >= 0x80 ? 2 : 1));
        s.remove_prefix(len);
      } else {
        Route("&");
      }
    }
    if (s == "&") {
      ampersand_pending_ = true;
      return;
    }
    Route(s);
  }

  // A </br> that closes nothing: a line break, as <br>.
  void StrayBreak() {
    if (stopped_) return;
    FlushAmpersand();
    if (drop_depth_ == 0 && title_depth_ == 0) writer_.Break();
  }

  // An end tag for an open element that libxml2 ignored because a "stronger" element
  // (a div, a table part) is open inside it, as in <nav><div>...</nav>. Browsers close
  // everything down to it unless a table or cell lies between; so does the walk,
  // leaving the parser's elements in place but without effect.
  void EndTagIgnored(const char* name) {
    if (stopped_) return;
    FlushAmpersand();
    SyncTo(ctxt_->nameNr);
    std::string_view n(name);
    if (n == "html" || n == "body" || n == "head") return;
    size_t k = stack_.size();
    while (k > 0 && n != stack_[k - 1].name) {
      if (IsScopeBoundary(stack_[k - 1].name)) return;
      --k;
    }
    if (k == 0) return;
    for (size_t i = stack_.size(); i >= k; --i) Leave(stack_[i - 1]);
  }

  // Ends every element still open and returns the text; the title and the dates
  // (best first) go to the out-parameters.
  std::string Finish(std::string* title_out, std::vector<std::string>* dates) {
    FlushAmpersand();
    SyncTo(0);
    writer_.Flush();
    std::string text = title_;
    for (const std::string& b : writer_.blocks()) {
      if (!text.empty()) text += "\n\n";
      text += b;
    }
    if (title_out) *title_out = std::move(title_);
    if (dates) {
      std::stable_sort(dates_.begin(), dates_.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
      dates->clear();
      for (auto& candidate : dates_) dates->push_back(std::move(candidate.second));
    }
    return text;
  }

 private:
  struct Frame {
    const char* name;  // the parser's copy, valid while it runs
    Tag tag;
    Role role;
    bool live = false;   // entered outside dropped parts and titles, not yet left: leaving undoes its effect
    bool trial = false;  // a form kept on trial: trials_.back() while live
  };
  struct FormTrial {
    BlockWriter::Mark mark;  // the writer as it was before the form
    bool had_title;
    int paragraphs = 0;
    bool wraps = false;
  };

  // True when the parser stands at the end of the start tag it just reported; false
  // for an element it opened by itself (the <p> around stray text).
  bool AtEndOfStartTag() const {
    if (!ctxt_->input || !ctxt_->input->cur) return false;
    const xmlChar* cur = ctxt_->input->cur;
    return cur[0] == '>' || (cur[0] == '/' && cur[1] == '>');
  }

  // True when the input just read is "&" followed by `s`.
  bool JustReadAmpersandAnd(std::string_view s) const {
    const xmlParserInputPtr in = ctxt_->input;
    if (!in || !in->cur || !in->base || static_cast<size_t>(in->cur - in->base) <= s.size()) return false;
    const xmlChar* start = in->cur - s.size();
    return start[-1] == '&' && std::memcmp(start, s.data(), s.size()) == 0;
  }

  // Text where it belongs: the title, nowhere (dropped), or the current block.
  void Route(std::string_view s) {
    if (title_depth_ > 0) {
      if (capturing_title_) title_raw_.append(s);
      return;
    }
    if (drop_depth_ == 0) writer_.Append(s, kept_depth_ > 0, pre_depth_ > 0, link_depth_ > 0);
  }

  void FlushAmpersand() {
    if (!ampersand_pending_) return;
    ampersand_pending_ = false;
    Route("&");
  }

  // Leaves elements the parser has closed without an end event.
  void SyncTo(int depth) {
    size_t want = depth < 0 ? 0 : static_cast<size_t>(depth);
    while (stack_.size() > want) {
      Leave(stack_.back());
      stack_.pop_back();
    }
  }

  // Undoes what entering `f` did (once: `f` is inert afterwards).
  void Leave(Frame& f) {
    if (!f.live) return;
    f.live = false;
    switch (f.role) {
      case Role::kDropped:
        --drop_depth_;
        break;
      case Role::kTitle:
        --title_depth_;
        if (capturing_title_) {
          title_ = CollapsedText(title_raw_);
          title_raw_.clear();
          capturing_title_ = false;
        }
        break;
      case Role::kKept:
        writer_.Flush();
        --kept_depth_;
        if (f.tag == Tag::kPre) --pre_depth_;
        break;
      case Role::kContainer:
        if (f.trial) {
          FormTrial t = std::move(trials_.back());
          trials_.pop_back();
          if (!t.wraps) {
            writer_.Restore(std::move(t.mark));
            if (!t.had_title) {
              have_title_ = false;
              title_.clear();
            }
            break;
          }
        }
        writer_.Flush();
        if (f.tag == Tag::kArticle || f.tag == Tag::kMain) --article_depth_;
        break;
      case Role::kInline:
        if (f.tag == Tag::kA) --link_depth_;
        break;
      case Role::kBreak:
        break;
    }
  }

  htmlParserCtxtPtr ctxt_;
  bool want_dates_;
  bool stopped_ = false;            // nesting passed kMaxNesting: later events are ignored
  bool skip_to_gt_ = false;         // inside "<!...>" that libxml2 reports as text
  bool ampersand_pending_ = false;  // a lone "&" came: an unread entity's name may follow
  std::vector<Frame> stack_;        // the parser's open elements, as far as events told
  std::vector<FormTrial> trials_;
  int drop_depth_ = 0, kept_depth_ = 0, pre_depth_ = 0, link_depth_ = 0, article_depth_ = 0;
  int title_depth_ = 0;
  bool have_title_ = false, capturing_title_ = false;
  std::string title_raw_, title_;
  std::vector<std::pair<int, std::string>> dates_;
  BlockWriter writer_;
};

// ------------------------------------------------------------- paragraph-only pages

// Pages that are nothing but paragraphs, "<p>text</p>" blocks with blanks between them (as
// text-to-HTML exporters and datasets write them), are read without libxml2: its character
// loop costs some 90 instructions a byte, the scan below a few. The form is checked first;
// any page outside it goes to the parser. Inside the form the parser's events are known,
// and the scan hands BlockWriter the same text in the same blocks:
//   - blanks before the first <p> are skipped, those between blocks reach no block (a block
//     is started and ended by its <p> and </p>), and no title or date can occur;
//   - the text of a paragraph holds no '<' and no character libxml2 drops or rewrites (C0
//     controls other than tab and newline, U+FFFE, U+FFFF); the input is valid UTF-8 with
//     no NUL already (RepairedUtf8);
//   - '&' is allowed only before an ASCII byte that cannot start an entity name or a
//     character reference (not a letter, '_', ':' or '#'): libxml2 then reports the '&'
//     as text, and the walk, finding no legacy entity name after it, keeps it as it is;
//   - BlockWriter::Append does not depend on where the parser cut a paragraph's text into
//     chunks (the parser cuts between characters), so the whole paragraph goes in at once.
// html_test.cc checks this against the parser on pages of this form.
bool ParagraphPageText(std::string_view html, std::string* text) {
  // Bytes that end or may disqualify a run of paragraph text.
  static constexpr auto kStop = [] {
    std::array<bool, 256> t{};
    for (int c = 0; c < 0x20; ++c) t[c] = c != '\t' && c != '\n';
    t['<'] = t['&'] = t[0xEF] = true;
    return t;
  }();
  auto is_blank = [](char c) { return c == ' ' || c == '\t' || c == '\n'; };
  BlockWriter w;
  text->clear();
  w.JoinInto(text);  // on failure the caller drops *text
  const size_t n = html.size();
  size_t i = 0;
  while (true) {
    while (i < n && is_blank(html[i])) ++i;
    if (i == n) break;
    if (html.compare(i, 3, "<p>") != 0) return false;
    i += 3;
    const size_t begin = i;
    while (true) {
      while (i < n) {
        if (i + 16 <= n) {
          // Sixteen bytes at once up to the first that may stop: a C0 control (tab and
          // newline included, which the table then lets through), '<', '&' or 0xEF.
          const Bytes16 x(html.data() + i);
          const uint32_t stop = x.AtMost(0x1F) | x.Equal('<') | x.Equal('&') | x.Equal(0xEF);
          if (stop == 0) {
            i += 16;
            continue;
          }
          i += static_cast<unsigned>(std::countr_zero(stop));
        }
        if (kStop[static_cast<unsigned char>(html[i])]) break;
        ++i;
      }
      if (i == n) return false;
      const unsigned char c = static_cast<unsigned char>(html[i]);
      if (c == '<') break;
      if (c == 0xEF) {  // U+FFFE and U+FFFF are EF BF BE and EF BF BF
        if (i + 2 < n && static_cast<unsigned char>(html[i + 1]) == 0xBF &&
            static_cast<unsigned char>(html[i + 2]) >= 0xBE)
          return false;
        ++i;
        continue;
      }
      if (c != '&' || i + 1 >= n) return false;
      const unsigned char next = static_cast<unsigned char>(html[i + 1]);
      if (next >= 0x80 || static_cast<unsigned>((next | 32) - 'a') < 26u || next == '_' || next == ':' ||
          next == '#')
        return false;
      ++i;
    }
    if (html.compare(i, 4, "</p>") != 0) return false;
    w.Append(html.substr(begin, i - begin), true, false, false);
    w.Flush();
    i += 4;
  }
  return true;
}

// ------------------------------------------------------------- SAX glue

Walker* WalkerOf(void* ctx) { return static_cast<Walker*>(static_cast<htmlParserCtxtPtr>(ctx)->_private); }

void OnStartElement(void* ctx, const xmlChar* name, const xmlChar** atts) {
  WalkerOf(ctx)->StartElement(reinterpret_cast<const char*>(name), atts);
}
void OnEndElement(void* ctx, const xmlChar*) { WalkerOf(ctx)->EndElement(); }
void OnText(void* ctx, const xmlChar* s, int len) {
  WalkerOf(ctx)->Text(std::string_view(reinterpret_cast<const char*>(s), static_cast<size_t>(len)));
}
// Broken markup is normal and not reported. Two errors tell of end tags libxml2
// dropped where browsers act: one for an open element behind a div or table part
// (see Walker::EndTagIgnored), and a stray </br>, which browsers read as <br>.
void OnError(void* ctx, xmlErrorPtr e) {
  if (!e || e->code != XML_ERR_TAG_NAME_MISMATCH || !e->str1) return;
  if (e->str2) {
    WalkerOf(ctx)->EndTagIgnored(e->str1);  // "Opening and ending tag mismatch: str1 and str2"
  } else if (std::strcmp(e->str1, "br") == 0) {
    WalkerOf(ctx)->StrayBreak();  // "Unexpected end tag : br"
  }
}

htmlSAXHandler MakeHandler() {
  htmlSAXHandler h;
  std::memset(&h, 0, sizeof h);
  h.startElement = OnStartElement;
  h.endElement = OnEndElement;
  h.characters = OnText;
  h.ignorableWhitespace = OnText;  // blanks still separate words
  h.cdataBlock = OnText;           // script and style content: inside dropped elements
  h.initialized = XML_SAX2_MAGIC;  // so that errors go to serror, not to stderr
  h.serror = OnError;
  return h;
}

// The page's text through libxml2; `html` is repaired UTF-8, not empty, at most INT_MAX bytes.
std::string ParsedText(std::string_view html, std::string* title_out, std::vector<std::string>* dates) {
  static std::once_flag init_once;
  std::call_once(init_once, [] { xmlInitParser(); });
  static const htmlSAXHandler kHandler = MakeHandler();

  // The context copies the bytes; the handler is swapped in before parsing starts.
  htmlParserCtxtPtr ctxt = htmlCreateMemoryParserCtxt(html.data(), static_cast<int>(html.size()));
  if (!ctxt) return std::string();  // out of memory
  Walker walker(ctxt, dates != nullptr);
  *ctxt->sax = kHandler;
  ctxt->userData = ctxt;
  ctxt->_private = &walker;
  htmlCtxtUseOptions(ctxt, HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
                               HTML_PARSE_NONET | HTML_PARSE_IGNORE_ENC);
  xmlSwitchEncoding(ctxt, XML_CHAR_ENCODING_UTF8);  // also skips a byte order mark
  if (!ctxt->encoding) ctxt->encoding = xmlStrdup(BAD_CAST "UTF-8");  // no guessing from the first bytes
  htmlParseDocument(ctxt);
  std::string text = walker.Finish(title_out, dates);
  htmlFreeParserCtxt(ctxt);
  return text;
}

// HtmlToTextAndDates, with or without the paragraph-only reading.
std::string HtmlText(std::string_view html, std::string* title_out, std::vector<std::string>* dates,
                     bool allow_paragraph_page) {
  if (title_out) title_out->clear();
  if (dates) dates->clear();
  std::string repaired;
  html = RepairedUtf8(html, &repaired);
  if (html.size() > static_cast<size_t>(INT_MAX)) html = html.substr(0, INT_MAX);  // the parser counts in int
  if (html.empty()) return std::string();
  if (std::string text; allow_paragraph_page && ParagraphPageText(html, &text)) return text;
  return ParsedText(html, title_out, dates);
}

}  // namespace

namespace input_internal {

std::string HtmlToTextAndDates(std::string_view html, std::string* title_out,
                               std::vector<std::string>* dates) {
  return HtmlText(html, title_out, dates, true);
}

std::string HtmlToTextAndDatesParsed(std::string_view html, std::string* title_out,
                                     std::vector<std::string>* dates) {
  return HtmlText(html, title_out, dates, false);
}

}  // namespace input_internal

std::string HtmlToText(std::string_view html, std::string* title) {
  return input_internal::HtmlToTextAndDates(html, title, nullptr);
}

}  // namespace sitrep
