// Dates and times: the calendar helpers and FindTimes, which reads time expressions from a
// token range and resolves them against the publication date.
//
// Conventions (doc/numbers-and-times.md): a weekday is the most recent such day on or before
// publication; a day and month without a year is in the publication's year unless that is
// more than kFutureWindowDays ahead (then the year before) or the date is a few days into the
// next year ("January 2" written on December 28); a month without a year is the most recent such month
// not after the publication month; "overnight" is the day before publication (ACLED dates
// overnight events to the day they started). Relative expressions stay unresolved without a
// publication date; expressions that carry their year resolve anyway.
#include <algorithm>
#include <array>
#include <cstdlib>
#include <cstdint>
#include <cstring>
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

#include "sitrep/text.h"
#include "text/word_table.h"
#include "util/literal.h"

namespace sitrep {
namespace {

using std::string_view;
using text_internal::Low;
using text_internal::MakeWordSet;
using text_internal::MapByWord;
using text_internal::WordMap;
using text_internal::WordSet;

// A day-month without a year is the publication year's unless it lies more than this many
// days after publication; then it is the year before's. News omits the year for dates of the
// current year and writes it for other years, so a yearless date a few weeks ahead is a
// scheduled event ("the hearing is set for March 15" in an article of March 1), not last
// year's: on 400 human-rights news articles "the most recent date not after publication + 7
// days" sent 25 such dates a year back.
constexpr int kFutureWindowDays = 90;
// Across New Year only this short look-ahead: "January 2" written on December 28 is next
// year's, "January 23" written on December 20 this year's.
constexpr int kNewYearWindowDays = 7;
// "until Jan. 5" looks forward: the first such date not before publication minus this.
constexpr int kPastWindowDays = 7;

bool IsLeap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int DaysInMonth(int y, int m) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && IsLeap(y) ? 29 : kDays[m - 1];
}

bool ValidDay(int y, int m, int d) { return y > 0 && m >= 1 && m <= 12 && d >= 1 && d <= DaysInMonth(y, m); }

bool In(string_view w, std::initializer_list<string_view> set) {
  for (string_view s : set)
    if (w == s) return true;
  return false;
}

struct NamedNumber {
  string_view w;
  int v;
};

constexpr NamedNumber kMonths[] = {
    {"january", 1}, {"february", 2}, {"march", 3}, {"april", 4}, {"may", 5}, {"june", 6},
    {"july", 7}, {"august", 8}, {"september", 9}, {"october", 10}, {"november", 11}, {"december", 12},
    {"jan", 1}, {"feb", 2}, {"mar", 3}, {"apr", 4}, {"jun", 6}, {"jul", 7}, {"aug", 8},
    {"sep", 9}, {"sept", 9}, {"oct", 10}, {"nov", 11}, {"dec", 12}};

// 0 = Monday .. 6 = Sunday.
constexpr NamedNumber kWeekdays[] = {
    {"monday", 0}, {"tuesday", 1}, {"wednesday", 2}, {"thursday", 3}, {"friday", 4}, {"saturday", 5},
    {"sunday", 6}};
constexpr NamedNumber kWeekdayAbbrevs[] = {{"mon", 0}, {"tue", 1}, {"tues", 1}, {"wed", 2}, {"thu", 3},
                                           {"thur", 3}, {"thurs", 3}, {"fri", 4}, {"sat", 5}, {"sun", 6}};

// Small counts for "two days ago", "the past three weeks".
constexpr NamedNumber kSmallCounts[] = {
    {"one", 1}, {"two", 2}, {"three", 3}, {"four", 4}, {"five", 5}, {"six", 6}, {"seven", 7}, {"eight", 8},
    {"nine", 9}, {"ten", 10}, {"eleven", 11}, {"twelve", 12}, {"fifteen", 15}, {"twenty", 20}, {"thirty", 30},
    {"a", 1}, {"an", 1}, {"couple", 2}, {"few", 3}, {"several", 3}};

// Words that may start a time expression: prepositions, modifiers, relative and clock words,
// months, weekdays, small counts. Each with how far its match may have to look for an
// anchor (kAnchors below, or a number): a start whose nearest anchor is further than that
// cannot match and is skipped before matching (TimeMatcher::MayStart). The reach of a word
// at the core token k (the start, or the token after a preposition), from Core and what it
// calls: "a"/"an" 4 (Ago: "a couple of months ago"), the other small counts 3 ("few of
// days ago"), these two only with "ago" itself in reach (Ago is the only pattern they match),
// "the" 3 (WithMod: "the past few days") but 1 unless "past", "last", "coming" or "next"
// follows it (alone, "the" matches only before a number, "day" or "weekend"), the other
// modifiers 2 ("last three weeks", "mid-2020", "earlier this week"); every other starter is an
// anchor itself or matches nothing (0). A preposition (or "over" before "the") makes the core
// its next token.
enum StartInfo : uint8_t {
  kReachMask = 7,      // the reach of the word as the core token
  kStartPrep = 0x80,   // a preposition: the core is the next token
  kStartOver = 0x40,   // "over": a preposition before "the"
  kStartThe = 0x20,    // "the": the reach is 1 unless a modifier follows (see above)
  kStartAgo = 0x10,    // a small count: "ago" must be 2 tokens on or further, within the reach
};
constexpr auto kStarters = [] {
  WordMap<256, uint8_t> map;
  map.Insert("a", 4 | kStartAgo);
  map.Insert("an", 4 | kStartAgo);
  for (const NamedNumber& c : kSmallCounts) map.Insert(c.w, 3 | kStartAgo);  // "a", "an" kept at 4
  map.Insert("the", 3 | kStartThe);
  for (string_view w : {"last", "next", "coming", "this", "early", "late", "mid", "past", "earlier", "later"})
    map.Insert(w, 2);
  for (string_view w : {"since", "until", "till", "til", "through", "thru", "on", "in", "at", "during"})
    map.Insert(w, kStartPrep);
  map.Insert("over", kStartOver);
  for (const NamedNumber& m : kMonths) map.Insert(m.w, 0);
  for (const NamedNumber& d : kWeekdays) map.Insert(d.w, 0);
  for (const NamedNumber& d : kWeekdayAbbrevs) map.Insert(d.w, 0);
  for (string_view w : {"yesterday", "today", "tonight", "tomorrow", "overnight", "noon", "midday", "midnight",
                        "dawn", "daybreak", "sunrise", "dusk", "sunset", "nightfall"})
    map.Insert(w, 0);
  return map;
}();
static_assert(kStarters.size() * 2 < 256, "keep the starter set sparse");

// Words one of which, or a number, every time expression holds within kAnchorReach tokens of
// its first token (the preposition included): the months, weekdays, day-part and clock words,
// units, "ago". Derived from Core and what it calls: Clock and NumericDate need a number or a
// day-part word at the core token k (the token after a preposition, so at most the start
// plus 1), DayMonth and DayOfMonth a number at k or k + 1, WithMod its month, weekday,
// number or one of these words at the token after the modifier (k + 2 at most), or, for
// "the past few days", a unit one further, and Ago "ago" at k + 4 at most ("a couple of days
// ago"). A start with no number and no anchor that near is skipped before matching.
constexpr uint32_t kAnchorReach = 5;
constexpr auto kAnchors = [] {
  WordSet<256> set;
  for (const NamedNumber& m : kMonths) set.Insert(m.w);
  for (const NamedNumber& d : kWeekdays) set.Insert(d.w);
  for (const NamedNumber& d : kWeekdayAbbrevs) set.Insert(d.w);
  for (string_view w : {"noon", "midday", "midnight", "dawn", "daybreak", "sunrise", "dusk", "sunset",
                        "nightfall", "overnight", "yesterday", "today", "tonight", "tomorrow", "day", "days",
                        "weekend", "night", "evening", "morning", "afternoon", "week", "weeks", "month", "year",
                        "hour", "hours", "ago"})
    set.Insert(w);
  return set;
}();
static_assert(kAnchors.size() * 2 < 256, "keep the anchor set sparse");

// The tables above by word, for one probe per lookup.
constexpr auto kMonthsByWord = MapByWord<64>(kMonths);
constexpr auto kWeekdaysByWord = MapByWord<16>(kWeekdays);
constexpr auto kWeekdayAbbrevsByWord = MapByWord<32>(kWeekdayAbbrevs);
constexpr auto kSmallCountsByWord = MapByWord<64>(kSmallCounts);

// Month number of a lowered month word, 0 if none. `*ambiguous` for words that are also
// common English words ("may", "march", "mar").
int MonthOf(const Low& l, bool* ambiguous, bool* abbrev) {
  const NamedNumber* m = kMonthsByWord.Find(l);
  if (m == nullptr) return 0;
  const string_view w = l.v();
  *ambiguous = Is(w, "may") || Is(w, "march") || Is(w, "mar");
  *abbrev = w.size() <= 4 && !Is(w, "june") && !Is(w, "july") && !Is(w, "may");
  return m->v;
}

// 0 = Monday .. 6 = Sunday, -1 if none. `*abbrev` for "Wed." and the like.
int WeekdayOf(const Low& l, bool* abbrev) {
  if (const NamedNumber* d = kWeekdaysByWord.Find(l)) { *abbrev = false; return d->v; }
  if (const NamedNumber* d = kWeekdayAbbrevsByWord.Find(l)) { *abbrev = true; return d->v; }
  return -1;
}

int SmallCount(const Low& l) {
  const NamedNumber* c = kSmallCountsByWord.Find(l);
  return c ? c->v : 0;
}


// Whole number of a plain digits token ("23", "2011"); -1 otherwise. `*ordinal` for "23rd".
int64_t PlainNumber(string_view s, bool* ordinal) {
  *ordinal = false;
  if (s.empty() || s.size() > 9) return -1;
  size_t n = s.size();
  if (n >= 3 && (s[n - 1] | 32) >= 'a' && (s[n - 1] | 32) <= 'z') {
    *ordinal = true;
    n -= 2;
  }
  int64_t v = 0;
  for (size_t i = 0; i < n; ++i) {
    if (s[i] < '0' || s[i] > '9') return -1;
    v = v * 10 + (s[i] - '0');
  }
  return n == 0 ? -1 : v;
}

enum class Prep : uint8_t { kNone, kPlain, kSince, kUntil };

// Daylight words: capitalised, they may be names ("Dawn" the newspaper, "Sunrise Mall").
constexpr auto kDaylightWords = MakeWordSet<16>({"dawn", "dusk", "daybreak", "sunrise", "sunset", "nightfall"});

// The words before a number that Year reads, each with the lists it is in, for one probe:
// hedges, currencies and labels ("over 2000", "$2000", "Resolution 2254": not a year), the
// clues that make it one ("early 2020", "by 2011"), and the words after which a count noun
// still wins ("a 2000 km drive").
enum BeforeYear : uint8_t { kNotYearAfter = 1, kYearClue = 2, kCountAfter = 4 };
constexpr string_view kNotYearAfterWords[] = {"over", "about", "some", "nearly", "almost", "around", "than",
                                              "approximately", "roughly", "least", "$", "€", "£", "no",
                                              "resolution", "article", "route", "number", "#", "flight"};
constexpr string_view kYearClueWords[] = {"early", "late", "mid", "-", "of", "by", "before", "after", "from",
                                          "spring", "summer", "autumn", "fall", "winter", "year", "a", "the",
                                          "between", "and", ","};
constexpr string_view kCountAfterWords[] = {"a", "the", "of", ","};
constexpr auto kBeforeYear = [] {
  auto bits = [](string_view w) {
    uint8_t b = 0;
    for (string_view x : kNotYearAfterWords) b |= x == w ? kNotYearAfter : 0;
    for (string_view x : kYearClueWords) b |= x == w ? kYearClue : 0;
    for (string_view x : kCountAfterWords) b |= x == w ? kCountAfter : 0;
    return b;
  };
  WordMap<128, uint8_t> map;
  for (string_view w : kNotYearAfterWords) map.Insert(w, bits(w));
  for (string_view w : kYearClueWords) map.Insert(w, bits(w));
  for (string_view w : kCountAfterWords) map.Insert(w, bits(w));
  return map;
}();

// The prepositions that open a time expression (and "over the", checked apart).
constexpr auto kPrepositions = [] {
  WordMap<32, Prep> map;
  map.Insert("since", Prep::kSince);
  for (string_view w : {"until", "till", "til", "through", "thru"}) map.Insert(w, Prep::kUntil);
  for (string_view w : {"on", "in", "at", "during"}) map.Insert(w, Prep::kPlain);
  return map;
}();

enum class Mod : uint8_t { kNone, kThe, kLast, kNext, kThis, kEarly, kLate, kMid, kPast, kEarlierThis };

// What a core pattern found.
struct Res {
  uint32_t end = 0;
  TimeKind kind = TimeKind::kDate;
  Date date;
  TimePrecision precision = TimePrecision::kUnknown;
  bool resolved = true;
  int clock = -1;
};

class TimeMatcher {
 public:
  TimeMatcher(const Text& text, uint32_t begin, uint32_t end, const Date& published,
              const text_internal::LoweredTokens& low, text_internal::ReaderAnchors::Cursor anchors)
      : t_(text), b_(begin), e_(end), pub_(published), low_(low), anchors_(anchors) {
    // A text is read a sentence at a time, all with one publication date: the calling
    // thread remembers the last date's day number and weekday (one entry).
    struct PubDays {
      Date date;
      bool has = false;
      int days = 0, wd = 0;
    };
    static thread_local PubDays last;  // date 0-0-0: not valid, so its has = false is right
    if (!(last.date == published)) {
      last.date = published;
      last.has = ValidDay(published.year, published.month, published.day);
      last.days = last.has ? DaysFromCivil(published) : 0;
      last.wd = last.has ? Weekday(published) : 0;
    }
    has_pub_ = last.has;
    pub_days_ = last.days;
    pub_wd_ = last.wd;
  }
  TimeMatcher(const TimeMatcher&) = delete;
  TimeMatcher& operator=(const TimeMatcher&) = delete;

  void Run(std::vector<TimeExpr>* out) {
    uint32_t i = b_;
    while (i < e_) {
      // The first number or anchor word at or after i, or e_ (see kAnchors).
      const uint32_t anchor = anchors_.Next(i);
      if (anchor == e_) break;  // no anchor left: nothing more can match
      // Starts more than kAnchorReach before the anchor have none in reach: go to the first
      // start that has.
      if (anchor - i > kAnchorReach) i = anchor - kAnchorReach;
      // Most tokens before the anchor cannot start an expression by their kind and reader bits
      // alone: passed over here, without the loop's other work for each.
      while (i < anchor && !MayStartByBits(Tok(i))) ++i;
      TimeExpr x;
      if (MayStart(i, anchor) && MatchAt(i, &x)) {
        out->push_back(x);
        i = x.token_end;
      } else {
        ++i;
      }
    }
  }

 private:
  // ---- tokens
  // Whether a time expression may start at i, whose nearest anchor (at or after i) is at
  // `anchor`: only numbers and starter words can begin one, and only with an anchor in the
  // reach of its core token (see kStarters). `anchor` may be nearer than the first true anchor
  // (reader bits may err that way, never the other), so the test never skips a match.
  // False for a token that cannot start a time expression by its kind and reader bits (only
  // numbers and starter words can); true: it may.
  static bool MayStartByBits(const Token& t) {
    return t.kind == TokenKind::kWord ? (t.reader_bits & text_internal::kTimeStarter) != 0
                                      : t.kind == TokenKind::kNumber;
  }
  bool MayStart(uint32_t i, uint32_t anchor) const {
    const Token& t = Tok(i);
    if (t.kind != TokenKind::kWord) return t.kind == TokenKind::kNumber;
    if (!(t.reader_bits & text_internal::kTimeStarter)) return false;
    const uint8_t* info = kStarters.Find(low_.Get(i));
    if (info == nullptr) return false;
    if (!(*info & (kStartPrep | kStartOver))) return InReach(i, *info, anchor);
    // A preposition: the core is token i + 1 ("over" only before "the", else it is the core).
    const uint32_t k = i + 1;
    if (!Valid(k)) return false;
    const Token& c = Tok(k);
    if (c.kind != TokenKind::kWord) return c.kind == TokenKind::kNumber;  // a number is an anchor
    const uint8_t* core = (c.reader_bits & text_internal::kTimeStarter) ? kStarters.Find(low_.Get(k)) : nullptr;
    if ((*info & kStartOver) && !(core != nullptr && Is(low_.Get(k).v(), "the"))) return anchor <= i;
    return core != nullptr ? InReach(k, *core, anchor) : anchor <= k;
  }
  // Whether `anchor` is in the reach of the starter word at the core token k, whose kStarters
  // entry is `info`. (Inlined into MayStart's two calls: -0.1 M instructions.)
  [[gnu::always_inline]] bool InReach(uint32_t k, uint8_t info, uint32_t anchor) const {
    if (info & kStartAgo) {  // (an "ago" there is an anchor in reach)
      for (uint32_t d = 2; d <= (info & kReachMask); ++d)
        if (IsAgo(k + d)) return true;
      return false;
    }
    if (anchor <= k + 1 || !(info & kStartThe)) return anchor <= k + (info & kReachMask);
    const string_view next = L(k + 1);  // "the": a modifier after it (as ParseMod reads it)?
    return (Is(next, "past") || Is(next, "last") || Is(next, "coming") || Is(next, "next")) &&
           anchor <= k + (info & kReachMask);
  }
  bool Valid(uint32_t i) const { return low_.Valid(i); }
  string_view L(uint32_t i) const { return low_.L(i); }
  const Token& Tok(uint32_t i) const { return t_.tokens[i]; }
  bool IsWord(uint32_t i) const { return Valid(i) && Tok(i).kind == TokenKind::kWord; }
  bool IsNum(uint32_t i) const { return Valid(i) && Tok(i).kind == TokenKind::kNumber; }
  bool Cap(uint32_t i) const { return Valid(i) && Tok(i).has(kCapitalized); }
  bool SpaceBefore(uint32_t i) const { return !Valid(i) || Tok(i).has(kSpaceBefore); }
  bool GluedDash(uint32_t i) const {
    return Valid(i) && Tok(i).kind == TokenKind::kPunct && Is(L(i), "-") && !SpaceBefore(i) && !SpaceBefore(i + 1);
  }

  // Whether word i may be one of kAnchors (the months and weekdays among them), by its reader
  // bits: a word without the bit is none, and is not looked up.
  bool MayBeAnchorWord(uint32_t i) const { return (Tok(i).reader_bits & text_internal::kTimeAnchor) != 0; }
  // Whether token i is "ago" (a word of kAnchors: a word without the bit is not lowered).
  bool IsAgo(uint32_t i) const { return IsWord(i) && MayBeAnchorWord(i) && Is(L(i), "ago"); }
  // Month at token i, with the false-positive guard: "may"/"march" must be capitalised, and
  // abbreviations must be capitalised. The caller checks what surrounds ambiguous ones.
  int MonthAt(uint32_t i, bool* ambiguous) const {
    if (!IsWord(i) || !MayBeAnchorWord(i)) return 0;
    bool abbrev = false;
    int m = MonthOf(low_.At(i), ambiguous, &abbrev);
    if (m == 0) return 0;
    if ((*ambiguous || abbrev) && !Cap(i)) return 0;
    return m;
  }
  int WeekdayAt(uint32_t i) const {
    if (!IsWord(i) || !MayBeAnchorWord(i)) return -1;
    bool abbrev = false;
    int d = WeekdayOf(low_.At(i), &abbrev);
    if (d >= 0 && abbrev && !(Cap(i) && Tok(i).has(kAbbrev))) return -1;  // "Wed." yes, "wed" no
    return d;
  }
  // PlainNumber of token i's text. The last token parsed is remembered: the patterns tried on
  // a number core each parse it.
  int64_t NumberAt(uint32_t i, bool* ordinal) const {
    if (i != number_at_) {
      number_at_ = i;
      number_ = PlainNumber(t_.token_text(i), &number_ordinal_);
    }
    *ordinal = number_ordinal_;
    return number_;
  }
  // Day of month at i: "23", "23rd" (1..31); -1 if none.
  int DayAt(uint32_t i) const {
    if (!IsNum(i)) return -1;
    bool ord = false;
    int64_t v = NumberAt(i, &ord);
    if (v < 1 || v > 31 || t_.token_text(i).size() > 4) return -1;
    return static_cast<int>(v);
  }
  // A plain four-digit year 1900..2099 at i; 0 if none.
  int YearAt(uint32_t i) const {
    if (!IsNum(i) || t_.token_text(i).size() != 4) return 0;
    bool ord = false;
    int64_t v = NumberAt(i, &ord);
    return (!ord && v >= 1900 && v <= 2099) ? static_cast<int>(v) : 0;
  }

  // ---- calendar arithmetic against the publication date
  Date PubPlus(int days) const { return CivilFromDays(pub_days_ + days); }
  static Date MonthOnly(int y, int m) {
    while (m < 1) { m += 12; --y; }
    while (m > 12) { m -= 12; ++y; }
    return Date{y, m, 0};
  }
  // A relative result: resolved only with a publication date.
  void Relative(Res* r, TimeKind kind, TimePrecision p, Date d) const {
    r->kind = kind;
    r->precision = p;
    r->resolved = has_pub_;
    r->date = has_pub_ ? d : Date{};
  }

  // Year of a day-month without a year (see kFutureWindowDays): next year's if at most
  // kNewYearWindowDays ahead, else this year's if at most kFutureWindowDays ahead, else the
  // most recent earlier one. For "until"/"next": the first one not before publication -
  // kPastWindowDays. With a weekday given ("Friday, December 11"), the nearest year around
  // publication, inside those bounds, whose date falls on that weekday.
  bool YearForDayMonth(int m, int d, bool forward, int weekday, Date* out) const {
    auto days_of = [&](int y) { return DaysFromCivil(Date{y, m, d}) - pub_days_; };  // after publication
    auto allowed = [&](int y) {
      if (!ValidDay(y, m, d)) return false;
      int a = days_of(y);
      if (forward) return a >= -kPastWindowDays;
      return y > pub_.year ? a <= kNewYearWindowDays : a <= kFutureWindowDays;
    };
    if (weekday >= 0) {
      int best = -1;
      for (int y = pub_.year - 1; y <= pub_.year + 1; ++y) {
        if (!allowed(y) || Weekday(Date{y, m, d}) != weekday) continue;
        if (best < 0 || std::abs(days_of(y)) < std::abs(days_of(best))) best = y;
      }
      if (best > 0) {
        *out = Date{best, m, d};
        return true;
      }
    }
    if (forward) {
      for (int y = pub_.year - 1; y <= pub_.year + 8; ++y)
        if (allowed(y)) { *out = Date{y, m, d}; return true; }
      return false;
    }
    if (allowed(pub_.year + 1)) {
      *out = Date{pub_.year + 1, m, d};
      return true;
    }
    for (int y = pub_.year; y >= pub_.year - 8; --y)  // Feb 29: back to the last leap year
      if (allowed(y)) { *out = Date{y, m, d}; return true; }
    return false;
  }

  // Year of a month without a year, given the modifier.
  int YearForMonth(int m, Mod mod, Prep prep) const {
    switch (mod) {
      case Mod::kLast: return m < pub_.month ? pub_.year : pub_.year - 1;
      case Mod::kNext: return m > pub_.month ? pub_.year : pub_.year + 1;
      case Mod::kThis: return pub_.year;
      default: break;
    }
    if (prep == Prep::kUntil) return m >= pub_.month ? pub_.year : pub_.year + 1;
    return m <= pub_.month ? pub_.year : pub_.year - 1;
  }

  // Weekday resolution: plain ("on Wednesday") = most recent on or before publication;
  // "last" = strictly before; "next" = strictly after; "until" = on or after.
  Date ResolveWeekday(int wd, Mod mod, Prep prep) const {
    int back = (pub_wd_ - wd + 7) % 7;
    int fwd = (wd - pub_wd_ + 7) % 7;
    if (mod == Mod::kNext) return PubPlus(fwd == 0 ? 7 : fwd);
    if (prep == Prep::kUntil) return PubPlus(fwd);
    if (mod == Mod::kLast) return PubPlus(-(back == 0 ? 7 : back));
    return PubPlus(-back);
  }

  // ---- matching

  Mod ParseMod(uint32_t k, uint32_t* next) const {
    string_view w = L(k);
    *next = k + 1;
    if (Is(w, "last")) return Mod::kLast;
    if (Is(w, "next") || Is(w, "coming")) return Mod::kNext;
    if (Is(w, "this")) return Mod::kThis;
    if (Is(w, "early")) return Mod::kEarly;
    if (Is(w, "late")) return Mod::kLate;
    if (Is(w, "mid")) {
      if (GluedDash(k + 1)) *next = k + 2;
      return Mod::kMid;
    }
    if (Is(w, "past")) return Mod::kPast;
    if ((Is(w, "earlier") || Is(w, "later")) && Is(L(k + 1), "this")) {
      *next = k + 2;
      return Mod::kEarlierThis;
    }
    if (Is(w, "the")) {
      if (Is(L(k + 1), "past") || Is(L(k + 1), "last")) { *next = k + 2; return Mod::kPast; }
      if (Is(L(k + 1), "coming") || Is(L(k + 1), "next")) { *next = k + 2; return Mod::kNext; }
      return Mod::kThe;
    }
    *next = k;
    return Mod::kNone;
  }

  bool MatchAt(uint32_t i, TimeExpr* x) {
    uint32_t k = i;
    Prep prep = Prep::kNone;
    if (IsWord(i)) {  // (the prepositions are words: a number start is not lowered)
      if (const Prep* p = kPrepositions.Find(low_.Get(i))) prep = *p;
      else if (Is(L(i), "over") && Is(L(i + 1), "the")) prep = Prep::kPlain;
    }
    if (prep != Prep::kNone) ++k;
    Res r;
    if (!Core(k, prep, &r)) return false;
    x->token_begin = i;
    x->token_end = r.end;
    x->begin = Tok(i).begin;
    x->end = Tok(r.end - 1).end;
    x->kind = r.kind;
    if (r.kind != TimeKind::kClock) {
      if (prep == Prep::kSince) x->kind = TimeKind::kSince;
      if (prep == Prep::kUntil) x->kind = TimeKind::kUntil;
    }
    x->date = r.date;
    x->precision = r.precision;
    x->resolved = r.resolved;
    x->clock_minutes = r.clock;
    return true;
  }

  bool Core(uint32_t k, Prep prep, Res* r) const {
    if (!Valid(k)) return false;
    // A number (its text starts with a digit, so it equals no word of the patterns): of WithMod
    // only the plain year at the end of its modifier-less branch can match, and DayOfMonth
    // wants "the"; a word: NumericDate wants a number. The patterns that cannot match are not
    // tried; the others in the same order.
    if (IsNum(k))
      return NumberMayMatch(k) &&
             (Clock(k, prep, r) || NumericDate(k, r) || DayMonth(k, prep, r) || Year(k, prep, r) || Ago(k, r));
    // (DayMonth at a word reads only "the" before a number: "the 23rd of February".)
    return Clock(k, prep, r) || (IsNum(k + 1) && DayMonth(k, prep, r)) || WithMod(k, prep, r) || Ago(k, r) ||
           DayOfMonth(k, prep, r);
  }

  // Whether one of the patterns tried on the number at k (Clock, NumericDate, DayMonth, Year,
  // Ago) may match it, from what each needs of the number and the words after it. Most
  // numbers in news are counts ("25 people", "1,200 homes") that match none; this passes
  // them over after a few tests instead of trying the five patterns.
  bool NumberMayMatch(uint32_t k) const {
    const string_view s = t_.token_text(k);
    bool plain = true;  // digits only
    for (char ch : s) {
      if (ch >= '0' && ch <= '9') continue;
      // "5:00" (Clock), "23/02/2022" and "2022-02-23" (NumericDate), "23-25" (DayMonth),
      // "2011-2014" (Year): not sorted out here.
      if (ch == ':' || ch == '/' || ch == '.' || ch == '-') return true;
      plain = false;  // a comma, an ordinal suffix ("23rd"), a digit that is not ASCII
    }
    if (plain && s.size() == 4) return true;  // Year; Clock's "1700 GMT"
    // Left: no Year (four plain digits or a dash) and no NumericDate (a separator). DayMonth wants
    // a month at k + 1 or after "of" at k + 2, Ago a unit word at k + 1 and "ago" at k + 2 (months and
    // "ago" are words of kAnchors), and Clock an hour 0..12 written in at most two plain digits
    // before "am", "pm", "o'clock", "noon" or "midnight" (the last two anchors too).
    if (!IsWord(k + 1)) return false;
    if (MayBeAnchorWord(k + 1) || (IsWord(k + 2) && MayBeAnchorWord(k + 2))) return true;
    if (!plain || s.size() > 2 || (s.size() == 2 && (s[0] - '0') * 10 + (s[1] - '0') > 12)) return false;
    const string_view a = L(k + 1);
    return Is(a, "am") || Is(a, "pm") || Is(a, "o'clock");
  }

  // Clock times: "5:00 PM local time", "5 p.m.", "17:00", "1700 GMT", "noon", "at dawn".
  bool Clock(uint32_t k, Prep prep, Res* r) const {
    int minutes = -1;
    uint32_t j = k + 1;
    if (IsWord(k)) {
      if (!MayBeAnchorWord(k)) return false;  // (the clock words are anchors: kAnchors)
      string_view w = L(k);
      // "Dawn" the newspaper, "Sunrise Mall": capitalised, the daylight words need "at", "before",
      // "after" and the like before them.
      if (Cap(k) && kDaylightWords.Contains(low_.At(k)) &&
          (!In(L(k - 1), {"at", "before", "after", "by", "from", "until", "till", "since"}) ||
           (IsWord(k + 1) && Cap(k + 1))))
        return false;
      if (Is(w, "noon") || Is(w, "midday")) minutes = 720;
      else if (Is(w, "midnight")) minutes = 0;
      else if (Is(w, "dawn") || Is(w, "daybreak") || Is(w, "sunrise")) minutes = 360;
      else if (Is(w, "dusk") || Is(w, "sunset") || Is(w, "nightfall")) minutes = 1080;
      else return false;
    } else if (IsNum(k)) {
      string_view s = t_.token_text(k);
      int h = -1, m = 0;
      bool ord = false;
      bool colon = false;
      if (s.size() >= 4 && s.size() <= 8 && (s[1] == ':' || s[2] == ':')) {  // "5:00", "17:30", "17:30:00"
        size_t c = s.find(':');
        int64_t hh = PlainNumber(s.substr(0, c), &ord);
        int64_t mm = PlainNumber(s.substr(c + 1, 2), &ord);
        if (s.size() - c - 1 != 2 && !(s.size() - c - 1 == 5 && s[c + 3] == ':')) return false;
        if (hh < 0 || hh > 24 || mm < 0 || mm > 59) return false;
        h = static_cast<int>(hh);
        m = static_cast<int>(mm);
        colon = true;
      } else {
        int64_t v = NumberAt(k, &ord);
        if (ord || v < 0) return false;
        if (s.size() <= 2 && v <= 12) {
          h = static_cast<int>(v);
        } else if (s.size() == 4 && v < 2400 && v % 100 < 60 && In(L(k + 1), {"gmt", "utc", "hrs", "hours"}) &&
                   (s[0] == '0' || s[0] == '1' || s[0] == '2')) {
          h = static_cast<int>(v / 100);  // "1700 GMT", "0600 hrs"
          m = static_cast<int>(v % 100);
          colon = true;
        } else {
          return false;
        }
      }
      string_view a = L(j);
      if (IsWord(j) && (a == "am" || a == "pm")) {
        if (h < 1 || h > 12) return false;
        h = h % 12 + (a == "pm" ? 12 : 0);
        ++j;
      } else if (IsWord(j) && a == "o'clock" && !colon) {
        ++j;
      } else if (!colon && Is(L(j), "noon") && h == 12) {
        ++j;
      } else if (!colon && Is(L(j), "midnight") && h == 12) {
        h = 0;
        ++j;
      } else if (!colon) {
        return false;  // a bare small number is not a time
      }
      if (h == 24) h = 0;
      minutes = h * 60 + m;
    } else {
      return false;
    }
    // Time zones: "local time", "GMT", "UTC", "(local time)", "hrs".
    if (Is(L(j), "local") && Is(L(j + 1), "time")) j += 2;
    else if (IsWord(j) && In(L(j), {"gmt", "utc", "hrs", "hours", "est", "edt", "cet", "cest", "eet", "eest",
                                    "msk", "bst", "local"}))
      ++j;
    r->end = j;
    r->kind = TimeKind::kClock;
    r->clock = minutes;
    r->resolved = true;
    r->precision = TimePrecision::kUnknown;
    return true;
  }

  // One-token dates: "2022-02-23", "23/02/2022", "02/23/2022", "23.02.2022".
  bool NumericDate(uint32_t k, Res* r) const {
    if (!IsNum(k)) return false;
    string_view s = t_.token_text(k);
    int y = 0, m = 0, d = 0;
    Date iso;
    if (s.size() == 10 && s[4] == '-' && ParseIsoDate(s, &iso)) {
      y = iso.year; m = iso.month; d = iso.day;
    } else {
      // a/b/yyyy or a.b.yyyy (also two-digit years): day first unless that cannot be.
      char sep = 0;
      int parts[3] = {0, 0, 0};
      int lens[3] = {0, 0, 0};
      int n = 0;
      for (char c : s) {
        if (c >= '0' && c <= '9') {
          if (lens[n] >= 4) return false;
          parts[n] = parts[n] * 10 + (c - '0');
          ++lens[n];
        } else if ((c == '/' || c == '.') && (sep == 0 || sep == c) && n < 2) {
          sep = c;
          ++n;
        } else {
          return false;
        }
      }
      if (n != 2 || lens[0] > 2 || lens[1] > 2 || (lens[2] != 4 && lens[2] != 2)) return false;
      y = lens[2] == 2 ? 2000 + parts[2] : parts[2];
      int a = parts[0], b = parts[1];
      if (a > 12) { d = a; m = b; }        // 23/02/2022: only day first fits
      else if (b > 12) { m = a; d = b; }   // 02/23/2022: only month first fits
      else { d = a; m = b; }               // 05/06/2022: ambiguous, day first (most of the world)
    }
    if (!ValidDay(y, m, d)) return false;
    r->end = k + 1;
    r->kind = TimeKind::kDate;
    r->date = Date{y, m, d};
    r->precision = TimePrecision::kDay;
    r->resolved = true;
    return true;
  }

  // Completes a day and month with an optional year after it ("23 February 2022",
  // "February 23, 2022") and resolves it.
  bool FinishDayMonth(int d, int d_end, int m, uint32_t j, Prep prep, Mod mod, Res* r, int weekday = -1) const {
    int y = YearAt(j);
    if (y) {
      ++j;
    } else if (Is(L(j), ",") && (y = YearAt(j + 1)) != 0) {
      j += 2;
    }
    r->end = j;
    r->kind = TimeKind::kDate;
    r->precision = d_end > d ? TimePrecision::kWeek : TimePrecision::kDay;  // "23-25 February": a few days
    if (y) {
      if (!ValidDay(y, m, d)) return false;
      r->date = Date{y, m, d};
      r->resolved = true;
      return true;
    }
    if (d > 31 || (m == 2 && d > 29) || (d > 30 && (m == 4 || m == 6 || m == 9 || m == 11))) return false;
    if (!has_pub_) {
      r->date = Date{0, m, d};
      r->resolved = false;
      return true;
    }
    r->resolved = YearForDayMonth(m, d, prep == Prep::kUntil || mod == Mod::kNext, weekday, &r->date);
    return r->resolved;
  }

  // "23 February [2022]", "23rd of February", "the 23rd of February", "23-25 February".
  bool DayMonth(uint32_t k, Prep prep, Res* r, int weekday = -1) const {
    uint32_t j = k;
    if (IsNum(j + 1) && IsWord(j) && Is(L(j), "the")) ++j;  // (a number core is not lowered)
    int d = DayAt(j), d_end = d;
    if (d < 0 && IsNum(j)) {  // "23-25"
      string_view s = t_.token_text(j);
      size_t dash = s.find('-');
      bool ord = false;
      if (dash != string_view::npos && dash <= 2 && s.size() <= 5) {
        int64_t a = PlainNumber(s.substr(0, dash), &ord), b = PlainNumber(s.substr(dash + 1), &ord);
        if (a >= 1 && b > a && b <= 31) { d = static_cast<int>(a); d_end = static_cast<int>(b); }
      }
    }
    if (d < 0) return false;
    ++j;
    if (Is(L(j), "of")) ++j;
    bool amb = false;
    int m = MonthAt(j, &amb);
    if (m == 0) return false;
    return FinishDayMonth(d, d_end, m, j + 1, prep, Mod::kNone, r, weekday);
  }

  // Everything that may start with a modifier: months, weekdays, years, weeks, weekends,
  // "yesterday", "last night", "this morning", "the past week", "earlier today".
  bool WithMod(uint32_t k, Prep prep, Res* r) const {
    uint32_t j;
    Mod mod = ParseMod(k, &j);
    if (!Valid(j)) return false;
    string_view w = L(j);

    // Months: "February 23, 2022", "Feb. 23", "in February 2022", "last February", "mid-March".
    bool amb = false;
    if (int m = MonthAt(j, &amb)) {
      if (mod == Mod::kThe || mod == Mod::kPast || mod == Mod::kEarlierThis) return false;
      int d = DayAt(j + 1), d_end = d;
      if (d < 0 && IsNum(j + 1)) {  // "February 23-25"
        string_view s = t_.token_text(j + 1);
        size_t dash = s.find('-');
        bool ord = false;
        if (dash != string_view::npos && dash <= 2 && s.size() <= 5) {
          int64_t a = PlainNumber(s.substr(0, dash), &ord), b = PlainNumber(s.substr(dash + 1), &ord);
          if (a >= 1 && b > a && b <= 31) { d = static_cast<int>(a); d_end = static_cast<int>(b); }
        }
      }
      if (d > 0 && (mod == Mod::kNone || mod == Mod::kThis)) {  // "this Aug. 30, 2019, file photo"
        // "May 5 people" is not a date: a day is not followed by a count noun.
        uint32_t after = j + 2;
        if (!(amb && IsWord(after) && !Cap(after) && L(after).size() > 3 && L(after).back() == 's'))
          return FinishDayMonth(d, d_end, m, after, prep, mod, r);
      }
      int y = YearAt(j + 1);
      // A bare month before a capitalised word is likely a name ("June Almeida").
      if (!y && prep == Prep::kNone && mod == Mod::kNone && Cap(j + 1) && IsWord(j + 1)) return false;
      if (amb && !y) {
        // "may" and "march" need a licensing word before them.
        string_view p = L(k - 1);
        bool licensed = prep != Prep::kNone || mod != Mod::kNone ||
                        In(p, {"of", "by", "from", "before", "after", "between", "and", "to", "in", "since",
                               "until", "during", "through"});
        if (!licensed) return false;
      }
      r->end = y ? j + 2 : j + 1;
      r->kind = TimeKind::kPeriod;
      r->precision = TimePrecision::kMonth;
      if (y) {
        r->date = Date{y, m, 0};
        r->resolved = true;
      } else {
        Relative(r, TimeKind::kPeriod, TimePrecision::kMonth, Date{});
        if (has_pub_) r->date = Date{YearForMonth(m, mod, prep), m, 0};
        else r->date = Date{0, m, 0};
      }
      return true;
    }

    // Weekdays: "on Wednesday", "last Wednesday", "late Tuesday", "Wednesday night",
    // "Wednesday, Nov. 27", "overnight into Thursday".
    int wd = WeekdayAt(j);
    bool overnight_into = false;
    if (wd < 0 && Is(w, "overnight") && mod == Mod::kNone) {
      if (WeekdayAt(j + 1) >= 0) {
        ++j;
      } else if (In(L(j + 1), {"into", "to"}) && WeekdayAt(j + 2) >= 0) {
        j += 2;
        overnight_into = true;
      } else if (Is(L(j + 1), "on") && WeekdayAt(j + 2) >= 0) {
        j += 2;
      }
      wd = WeekdayAt(j);
    }
    if (wd >= 0) {
      if (mod == Mod::kThe || mod == Mod::kPast || mod == Mod::kEarlierThis || mod == Mod::kMid) return false;
      if (In(L(k - 1), {"every", "each"})) return false;
      uint32_t e = j + 1;
      if (In(L(e), {"morning", "afternoon", "evening", "night", "overnight"})) ++e;
      // An explicit date after the weekday wins: "Wednesday, Nov. 27", "Wednesday 27 November".
      Res dr;
      uint32_t dk = Is(L(e), ",") ? e + 1 : e;
      if (Valid(dk) && (DayMonth(dk, prep, &dr, wd) || WithModMonthDay(dk, prep, &dr, wd))) {
        *r = dr;
        return true;
      }
      r->end = e;
      Date d = has_pub_ ? ResolveWeekday(wd, mod, prep) : Date{};
      if (overnight_into && has_pub_) d = CivilFromDays(DaysFromCivil(d) - 1);
      Relative(r, TimeKind::kDate, TimePrecision::kDay, d);
      return true;
    }

    // Years with a modifier: "early 2020", "mid-2020", "late 2019".
    if (int y = YearAt(j); y && (mod == Mod::kEarly || mod == Mod::kLate || mod == Mod::kMid)) {
      r->end = j + 1;
      r->kind = TimeKind::kPeriod;
      r->date = Date{y, 0, 0};
      r->precision = TimePrecision::kYear;
      return true;
    }

    switch (mod) {
      case Mod::kNone:
        if (Is(w, "yesterday")) { r->end = j + 1; Relative(r, TimeKind::kDate, TimePrecision::kDay, PubPlus(-1)); return true; }
        if (Is(w, "today") || Is(w, "tonight")) { r->end = j + 1; Relative(r, TimeKind::kDate, TimePrecision::kDay, PubPlus(0)); return true; }
        if (Is(w, "tomorrow")) { r->end = j + 1; Relative(r, TimeKind::kDate, TimePrecision::kDay, PubPlus(1)); return true; }
        if (Is(w, "overnight")) { r->end = j + 1; Relative(r, TimeKind::kDate, TimePrecision::kDay, PubPlus(-1)); return true; }
        if ((Is(w, "earlier") || Is(w, "later")) && In(L(j + 1), {"today", "tonight"})) {
          r->end = j + 2;
          Relative(r, TimeKind::kDate, TimePrecision::kDay, PubPlus(0));
          return true;
        }
        return Year(j, prep, r);
      case Mod::kThe:
        // "the day before yesterday", "the weekend"
        if (Is(w, "day") && Is(L(j + 1), "before") && Is(L(j + 2), "yesterday")) {
          r->end = j + 3;
          Relative(r, TimeKind::kDate, TimePrecision::kDay, PubPlus(-2));
          return true;
        }
        if (Is(w, "weekend")) return Weekend(j, mod, prep, r);
        if (YearAt(j) && (Is(L(j + 1), "s") || Is(L(j + 1), "'s"))) return Year(j, prep, r);  // "the 1990s"
        return false;
      default:
        break;
    }
    if (Is(w, "weekend")) return Weekend(j, mod, prep, r);
    if (mod == Mod::kLast && In(w, {"night", "evening"})) {
      r->end = j + 1;
      Relative(r, TimeKind::kDate, TimePrecision::kDay, PubPlus(-1));
      return true;
    }
    if (mod == Mod::kThis && In(w, {"morning", "afternoon", "evening"})) {
      r->end = j + 1;
      Relative(r, TimeKind::kDate, TimePrecision::kDay, PubPlus(0));
      return true;
    }
    if (Is(w, "week") || Is(w, "month") || Is(w, "year")) {
      if (mod == Mod::kEarly || mod == Mod::kLate || mod == Mod::kMid) return false;
      r->end = j + 1;
      int delta = mod == Mod::kLast || mod == Mod::kPast ? -1 : (mod == Mod::kNext ? 1 : 0);
      if (Is(w, "week")) {
        // "last week": publication - 7; "this week" / "earlier this week": the Monday of it.
        Date d = has_pub_ ? (delta == 0 ? PubPlus(-pub_wd_) : PubPlus(7 * delta)) : Date{};
        Relative(r, TimeKind::kPeriod, TimePrecision::kWeek, d);
      } else if (Is(w, "month")) {
        Relative(r, TimeKind::kPeriod, TimePrecision::kMonth, MonthOnly(pub_.year, pub_.month + delta));
      } else {
        Relative(r, TimeKind::kPeriod, TimePrecision::kYear, Date{pub_.year + delta, 0, 0});
      }
      return true;
    }
    // "the past few days", "the last three weeks", "the past 24 hours".
    if (mod == Mod::kPast || mod == Mod::kLast) return PastSpan(j, r);
    return false;
  }

  // A month-first date after a weekday: "Nov. 27", "November 27, 2024".
  bool WithModMonthDay(uint32_t k, Prep prep, Res* r, int weekday) const {
    bool amb = false;
    int m = MonthAt(k, &amb);
    int d = DayAt(k + 1);
    if (m == 0 || d < 0) return false;
    return FinishDayMonth(d, d, m, k + 2, prep, Mod::kNone, r, weekday);
  }

  // "the weekend" (the most recent Saturday on or before publication), "last weekend",
  // "next weekend", "through the weekend" / "until the weekend" (the coming Sunday).
  bool Weekend(uint32_t j, Mod mod, Prep prep, Res* r) const {
    if (mod != Mod::kThe && mod != Mod::kThis && mod != Mod::kLast && mod != Mod::kNext && mod != Mod::kPast)
      return false;
    r->end = j + 1;
    Date d;
    if (has_pub_) {
      int back_to_sat = (pub_wd_ - 5 + 7) % 7;
      if (prep == Prep::kUntil) d = PubPlus((6 - pub_wd_ + 7) % 7);  // the coming Sunday
      else if (mod == Mod::kNext) d = PubPlus(7 - back_to_sat);     // the Saturday after this one
      else if (mod == Mod::kLast || mod == Mod::kPast)
        d = PubPlus(-(back_to_sat <= 1 ? back_to_sat + 7 : back_to_sat));
      else d = PubPlus(-back_to_sat);
    }
    Relative(r, TimeKind::kPeriod, TimePrecision::kWeek, d);
    return true;
  }

  // N units after "the past"/"the last": days back from publication.
  bool PastSpan(uint32_t j, Res* r) const {
    int n = 1;
    uint32_t u = j;
    if (IsNum(j)) {
      bool ord = false;
      int64_t v = NumberAt(j, &ord);
      if (ord || v < 1 || v > 1000) return false;
      n = static_cast<int>(v);
      ++u;
    } else if (int c = SmallCount(low_.At(j)); c > 0 && !Is(L(j), "a") && !Is(L(j), "an")) {
      n = c;
      ++u;
    }
    string_view unit = L(u);
    int days;
    TimePrecision p;
    if (unit == "hours" || unit == "hour") { days = (n + 23) / 24; p = TimePrecision::kDay; }
    else if (unit == "days" || unit == "day") { days = n; p = n <= 1 ? TimePrecision::kDay : (n <= 7 ? TimePrecision::kWeek : TimePrecision::kMonth); }
    else if (unit == "weeks" || unit == "week") { days = 7 * n; p = n <= 1 ? TimePrecision::kWeek : TimePrecision::kMonth; }
    else return false;
    r->end = u + 1;
    Relative(r, TimeKind::kPeriod, p, has_pub_ ? PubPlus(-days) : Date{});
    return true;
  }

  // "two days ago", "a week ago", "48 hours ago", "three months ago", "a few days ago".
  bool Ago(uint32_t k, Res* r) const {
    int n = 0;
    uint32_t u = k + 1;
    if (IsNum(k)) {
      bool ord = false;
      int64_t v = NumberAt(k, &ord);
      if (ord || v < 1 || v > 1000) return false;
      n = static_cast<int>(v);
    } else if (IsWord(k)) {
      n = SmallCount(low_.At(k));
      if (n <= 0) return false;  // not a count ("a", "an" are): the words after it need not be lowered
      if ((Is(L(k), "a") || Is(L(k), "an")) && In(L(k + 1), {"few", "couple"})) {
        n = SmallCount(low_.At(k + 1));
        ++u;
      }
      if (Is(L(u), "of")) ++u;  // "a couple of days ago"
    }
    if (n <= 0 || !IsAgo(u + 1)) return false;
    string_view unit = L(u);
    bool vague = In(L(k), {"a", "an", "few", "several", "couple"}) && n > 1;
    r->end = u + 2;
    if (unit == "days" || unit == "day") {
      Relative(r, TimeKind::kDate, vague ? TimePrecision::kWeek : TimePrecision::kDay, PubPlus(-n));
    } else if (unit == "hours" || unit == "hour") {
      Relative(r, TimeKind::kDate, TimePrecision::kDay, PubPlus(-(n / 24)));
    } else if (unit == "weeks" || unit == "week") {
      Relative(r, TimeKind::kPeriod, TimePrecision::kWeek, PubPlus(-7 * n));
    } else if (unit == "months" || unit == "month") {
      Relative(r, TimeKind::kPeriod, TimePrecision::kMonth, MonthOnly(pub_.year, pub_.month - n));
    } else if (unit == "years" || unit == "year") {
      Relative(r, TimeKind::kPeriod, TimePrecision::kYear, Date{pub_.year - n, 0, 0});
    } else {
      return false;
    }
    return true;
  }

  // "on the 23rd": this month, or last month if that day is still to come.
  bool DayOfMonth(uint32_t k, Prep prep, Res* r) const {
    if (prep == Prep::kNone && !Is(L(k - 1), "by")) return false;
    if (!Is(L(k), "the") || !IsNum(k + 1)) return false;
    bool ord = false;
    int64_t d = NumberAt(k + 1, &ord);
    if (!ord || d < 1 || d > 31) return false;
    uint32_t next = k + 2;
    // "on the 23rd floor" is not a date: only punctuation or a few words may follow.
    if (IsWord(next) && !In(L(next), {"when", "as", "and", "after", "at", "with", "but", "while", "in",
                                      "morning", "night", "evening", "afternoon", "before", "amid"}))
      return false;
    r->end = next;
    Date date;
    if (has_pub_) {
      int y = pub_.year, m = pub_.month;
      if (d > pub_.day) --m;
      for (int tries = 0; tries < 3; ++tries, --m) {
        if (m < 1) { m += 12; --y; }
        if (ValidDay(y, m, static_cast<int>(d))) { date = Date{y, m, static_cast<int>(d)}; break; }
      }
    }
    Relative(r, TimeKind::kDate, TimePrecision::kDay, date);
    if (!has_pub_) r->date = Date{0, 0, static_cast<int>(d)};
    return true;
  }

  // Years: "in 2020", "since 2011", "a 2020 ceasefire", "the 1990s", "2011-2014" (kPeriod,
  // year precision). A four-digit number followed by a count noun is a count, not a year.
  bool Year(uint32_t k, Prep prep, Res* r) const {
    if (!IsNum(k)) return false;
    string_view s = t_.token_text(k);
    int y = YearAt(k);
    uint32_t end = k + 1;
    if (!y && (s.size() == 9 || s.size() == 7) && s[4] == '-') {  // "2011-2014", "2024-25"
      bool ord = false;
      int64_t a = PlainNumber(s.substr(0, 4), &ord), b = PlainNumber(s.substr(5), &ord);
      if (s.size() == 7 && b >= 0) b += a - a % 100;
      if (a >= 1900 && a <= 2099 && b > a && b <= 2099) y = static_cast<int>(a);
    }
    if (!y) return false;
    // Not a year after hedges, currencies and labels: "over 2000", "$2000", "Resolution 2254".
    const uint8_t* before_p = kBeforeYear.Find(low_.At(k - 1));
    const uint8_t before = before_p != nullptr ? *before_p : 0;
    if ((before & kNotYearAfter) && prep == Prep::kNone) return false;
    if ((Is(L(end), "s") || Is(L(end), "'s")) && !SpaceBefore(end) && y % 10 == 0) {
      ++end;  // "the 1990s"
    } else if (prep == Prep::kNone && !(before & kYearClue)) {
      // Without a clue before it, the number must not be followed by a count or a unit.
      uint32_t n = end;
      if (IsWord(n) && !Cap(n)) {
        string_view w = L(n);
        if (In(w, {"people", "men", "women", "children", "police", "personnel", "dead", "killed", "km",
                   "percent", "kg", "of", "more", "troops", "soldiers", "civilians", "m"}) ||
            (w.size() >= 4 && w.back() == 's' && !w.ends_with("ss") &&
             !In(w, {"elections", "polls", "talks", "accords", "protests", "games"})))
          return false;
      }
      if (Is(L(n), "%") || Is(L(n), "-") || Is(L(n), "+")) return false;
    } else if (prep == Prep::kNone && (before & kCountAfter)) {
      // "a 2000 km drive", "the 2000 soldiers": a count noun after the number still wins.
      uint32_t n = end;
      if (IsWord(n) && !Cap(n)) {
        string_view w = L(n);
        if (In(w, {"people", "men", "women", "children", "police", "personnel", "km", "percent", "kg",
                   "troops", "soldiers", "civilians"}) ||
            (w.size() >= 4 && w.back() == 's' && !w.ends_with("ss") &&
             !In(w, {"elections", "polls", "talks", "accords", "protests", "games"})))
          return false;
      }
    }
    r->end = end;
    r->kind = TimeKind::kPeriod;
    r->date = Date{y, 0, 0};
    r->precision = TimePrecision::kYear;
    r->resolved = true;
    return true;
  }

  const Text& t_;
  uint32_t b_, e_;
  Date pub_;
  bool has_pub_ = false;
  int pub_days_ = 0;
  int pub_wd_ = 0;
  const text_internal::LoweredTokens& low_;
  text_internal::ReaderAnchors::Cursor anchors_;  // numbers and words whose token key may be one of kAnchors'
  mutable uint32_t number_at_ = UINT32_MAX;  // NumberAt's last token, its value and ordinal flag
  mutable int64_t number_ = 0;
  mutable bool number_ordinal_ = false;
};

}  // namespace

// ---------------------------------------------------------------- reader bits

uint8_t text_internal::TimeReaderBits(uint64_t token_key) {
  static const KeyBits kBits = [] {
    KeyBits bits(kStarters.size() + kAnchors.size());
    bits.Add(kStarters, kTimeStarter);  // the words of the map
    bits.Add(kAnchors, kTimeAnchor);
    return bits;
  }();
  return kBits.Of(token_key);
}

// ---------------------------------------------------------------- calendar

std::string Date::ToIso() const {
  // "2024-11-27"; coarser dates print what is known ("2024-11", "2024"); no year: "".
  // Written two digits at a time: records print dates by the thousand and snprintf is slow.
  if (year <= 0 || year > 9999) return std::string();
  // "00" to "99": two digits copied from a table instead of a division and a remainder each.
  static constexpr auto kTwoDigits = [] {
    std::array<char, 200> t{};
    for (int v = 0; v < 100; ++v) {
      t[2 * v] = static_cast<char>('0' + v / 10);
      t[2 * v + 1] = static_cast<char>('0' + v % 10);
    }
    return t;
  }();
  char buf[10];
  size_t n = 0;
  auto put2 = [&](int v) {  // v in [0, 99] as two digits
    std::memcpy(buf + n, &kTwoDigits[2 * v], 2);
    n += 2;
  };
  put2(year / 100);
  put2(year % 100);
  if (month >= 1 && month <= 12) {
    buf[n++] = '-';
    put2(month);
    if (day >= 1 && day <= 31) {
      buf[n++] = '-';
      put2(day);
    }
  }
  return std::string(buf, n);
}

bool ParseIsoDate(std::string_view s, Date* out) {
  if (s.size() < 10 || s[4] != '-' || s[7] != '-') return false;
  if (s.size() > 10 && s[10] != 'T' && s[10] != 't' && s[10] != ' ') return false;
  // The eight digits, straight-line: a byte minus '0' is below 10 (unsigned) only for a digit.
  unsigned d[8];
  static constexpr int kAt[8] = {0, 1, 2, 3, 5, 6, 8, 9};
  unsigned bad = 0;
#pragma GCC unroll 8
  for (int i = 0; i < 8; ++i) {
    d[i] = static_cast<unsigned>(static_cast<unsigned char>(s[kAt[i]])) - '0';
    bad |= d[i] > 9;
  }
  if (bad) return false;
  const int y = static_cast<int>(d[0] * 1000 + d[1] * 100 + d[2] * 10 + d[3]);
  const int m = static_cast<int>(d[4] * 10 + d[5]), day = static_cast<int>(d[6] * 10 + d[7]);
  if (!ValidDay(y, m, day)) return false;
  *out = Date{y, m, day};
  return true;
}

// Howard Hinnant's days_from_civil / civil_from_days (proleptic Gregorian calendar).
int DaysFromCivil(const Date& d) {
  int y = d.year - (d.month <= 2 ? 1 : 0);
  const int era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned mp = static_cast<unsigned>(d.month + (d.month > 2 ? -3 : 9));
  const unsigned doy = (153 * mp + 2) / 5 + static_cast<unsigned>(d.day) - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int>(doe) - 719468;
}

Date CivilFromDays(int z) {
  z += 719468;
  const int era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int y = static_cast<int>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  return Date{y + (m <= 2 ? 1 : 0), static_cast<int>(m), static_cast<int>(d)};
}

int Weekday(const Date& d) {
  int z = DaysFromCivil(d);  // 1970-01-01 was a Thursday (3)
  return ((z % 7) + 7 + 3) % 7;
}

std::vector<TimeExpr> FindTimes(const Text& text, uint32_t token_begin, uint32_t token_end,
                                const Date& published) {
  std::vector<TimeExpr> out;
  token_end = std::min<uint32_t>(token_end, static_cast<uint32_t>(text.tokens.size()));
  if (token_begin >= token_end) return out;
  text_internal::LoweredTokens low(text, token_begin, token_end);
  text_internal::ReaderAnchors anchors(text, token_begin, token_end);
  text_internal::ReadTimes(text, token_begin, token_end, published, low, anchors.times(), &out);
  return out;
}

void text_internal::ReadTimes(const Text& text, uint32_t begin, uint32_t end, const Date& published,
                              const LoweredTokens& low, ReaderAnchors::Cursor anchors, std::vector<TimeExpr>* out) {
  TimeMatcher m(text, begin, end, published, low, anchors);
  m.Run(out);
}

void FindTimesAndQuantities(const Text& text, uint32_t token_begin, uint32_t token_end, const Date& published,
                            std::vector<TimeExpr>* times, std::vector<Quantity>* quantities) {
  times->clear();
  quantities->clear();
  token_end = std::min<uint32_t>(token_end, static_cast<uint32_t>(text.tokens.size()));
  if (token_begin >= token_end) return;
  // One lowering and one walk for both readers: a token near a number is often read by both.
  // About half the sentences of news hold no number and no anchor word (and more lack one of
  // the two readers' anchors): a reader without anchors finds nothing and is not run.
  text_internal::ReaderAnchors anchors(text, token_begin, token_end);
  if (!anchors.any_times() && !anchors.any_quantities()) return;
  text_internal::LoweredTokens low(text, token_begin, token_end);
  if (anchors.any_times())
    text_internal::ReadTimes(text, token_begin, token_end, published, low, anchors.times(), times);
  if (anchors.any_quantities())
    text_internal::ReadQuantities(text, token_begin, token_end, low, anchors.quantities(), quantities);
}

}  // namespace sitrep
