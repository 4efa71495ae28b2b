// FindQuantities: numbers in a token range, with hedges, vague counts, ranges and units.
//
// The reading follows ACLED's conservative rule: the best figure is the lowest credible
// reading of what the text states ("over 300" → 300, "20 to 30" → 20). The conventions are
// written down in doc/numbers-and-times.md; each rule below names the case it handles.
//
// Work happens on tokens: each token of the range is lowered once into a small fixed buffer
// (no allocation per token) and the grammar compares those short views with literals.
#include <algorithm>
#include <array>
#include <bit>
#include <cstdint>
#include <initializer_list>
#include <span>
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

bool In(string_view w, std::initializer_list<string_view> set) {
  for (string_view s : set)
    if (w == s) return true;
  return false;
}

// ---------------------------------------------------------------- number words

enum class NW : uint8_t {
  kUnit,     // zero..nine
  kTeen,     // ten..nineteen
  kTens,     // twenty..ninety
  kHundred,  // hundred
  kScale,    // thousand, million, billion, trillion
  kDozen,    // dozen
  kOrdUnit,  // first..ninth
  kOrdTeen,  // tenth..nineteenth
  kOrdTens,  // twentieth..ninetieth
  kOrdBig,   // hundredth, thousandth, millionth
};

struct NumWord {
  string_view w;
  int64_t v;
  NW cls;
};

constexpr NumWord kNumWordList[] = {
    {"zero", 0, NW::kUnit},         {"one", 1, NW::kUnit},           {"two", 2, NW::kUnit},
    {"three", 3, NW::kUnit},        {"four", 4, NW::kUnit},          {"five", 5, NW::kUnit},
    {"six", 6, NW::kUnit},          {"seven", 7, NW::kUnit},         {"eight", 8, NW::kUnit},
    {"nine", 9, NW::kUnit},         {"ten", 10, NW::kTeen},          {"eleven", 11, NW::kTeen},
    {"twelve", 12, NW::kTeen},      {"thirteen", 13, NW::kTeen},     {"fourteen", 14, NW::kTeen},
    {"fifteen", 15, NW::kTeen},     {"sixteen", 16, NW::kTeen},      {"seventeen", 17, NW::kTeen},
    {"eighteen", 18, NW::kTeen},    {"nineteen", 19, NW::kTeen},     {"twenty", 20, NW::kTens},
    {"thirty", 30, NW::kTens},      {"forty", 40, NW::kTens},        {"fifty", 50, NW::kTens},
    {"sixty", 60, NW::kTens},       {"seventy", 70, NW::kTens},      {"eighty", 80, NW::kTens},
    {"ninety", 90, NW::kTens},      {"hundred", 100, NW::kHundred},  {"thousand", 1000, NW::kScale},
    {"million", 1000000, NW::kScale}, {"billion", 1000000000, NW::kScale},
    {"trillion", 1000000000000, NW::kScale}, {"dozen", 12, NW::kDozen},
    {"first", 1, NW::kOrdUnit},     {"second", 2, NW::kOrdUnit},     {"third", 3, NW::kOrdUnit},
    {"fourth", 4, NW::kOrdUnit},    {"fifth", 5, NW::kOrdUnit},      {"sixth", 6, NW::kOrdUnit},
    {"seventh", 7, NW::kOrdUnit},   {"eighth", 8, NW::kOrdUnit},     {"ninth", 9, NW::kOrdUnit},
    {"tenth", 10, NW::kOrdTeen},    {"eleventh", 11, NW::kOrdTeen},  {"twelfth", 12, NW::kOrdTeen},
    {"thirteenth", 13, NW::kOrdTeen}, {"fourteenth", 14, NW::kOrdTeen}, {"fifteenth", 15, NW::kOrdTeen},
    {"sixteenth", 16, NW::kOrdTeen}, {"seventeenth", 17, NW::kOrdTeen}, {"eighteenth", 18, NW::kOrdTeen},
    {"nineteenth", 19, NW::kOrdTeen}, {"twentieth", 20, NW::kOrdTens}, {"thirtieth", 30, NW::kOrdTens},
    {"fortieth", 40, NW::kOrdTens}, {"fiftieth", 50, NW::kOrdTens},  {"sixtieth", 60, NW::kOrdTens},
    {"seventieth", 70, NW::kOrdTens}, {"eightieth", 80, NW::kOrdTens}, {"ninetieth", 90, NW::kOrdTens},
    {"hundredth", 100, NW::kOrdBig}, {"thousandth", 1000, NW::kOrdBig}, {"millionth", 1000000, NW::kOrdBig},
};
constexpr auto kNumWords = MapByWord<128>(kNumWordList);
static_assert(kNumWords.size() == std::size(kNumWordList), "each number word once");

// Unit words after a number.
struct UnitWord {
  string_view w;
  Unit unit;
};

constexpr UnitWord kUnitWordList[] = {
    // distance
    {"km", Unit::kDistance}, {"kms", Unit::kDistance}, {"kilometer", Unit::kDistance},
    {"kilometers", Unit::kDistance}, {"kilometre", Unit::kDistance}, {"kilometres", Unit::kDistance},
    {"mile", Unit::kDistance}, {"miles", Unit::kDistance}, {"mi", Unit::kDistance},
    {"meter", Unit::kDistance}, {"meters", Unit::kDistance}, {"metre", Unit::kDistance},
    {"metres", Unit::kDistance}, {"ft", Unit::kDistance}, {"feet", Unit::kDistance},
    {"foot", Unit::kDistance}, {"yards", Unit::kDistance}, {"yard", Unit::kDistance},
    {"mm", Unit::kDistance}, {"cm", Unit::kDistance}, {"nautical", Unit::kDistance},
    // percent
    {"percent", Unit::kPercent}, {"pct", Unit::kPercent}, {"%", Unit::kPercent},
    // money (after the number)
    {"dollars", Unit::kMoney}, {"dollar", Unit::kMoney}, {"usd", Unit::kMoney}, {"euros", Unit::kMoney},
    {"euro", Unit::kMoney}, {"eur", Unit::kMoney}, {"pounds", Unit::kMoney}, {"sterling", Unit::kMoney},
    {"gbp", Unit::kMoney}, {"yuan", Unit::kMoney}, {"yen", Unit::kMoney}, {"rupees", Unit::kMoney},
    {"roubles", Unit::kMoney}, {"rubles", Unit::kMoney}, {"lira", Unit::kMoney}, {"liras", Unit::kMoney},
    {"shillings", Unit::kMoney}, {"naira", Unit::kMoney}, {"dinars", Unit::kMoney}, {"riyals", Unit::kMoney},
    {"rials", Unit::kMoney}, {"dirhams", Unit::kMoney}, {"francs", Unit::kMoney}, {"pesos", Unit::kMoney},
    {"hryvnias", Unit::kMoney}, {"afghanis", Unit::kMoney}, {"birr", Unit::kMoney}, {"cedis", Unit::kMoney},
    // duration
    {"second", Unit::kDuration}, {"seconds", Unit::kDuration}, {"minute", Unit::kDuration},
    {"minutes", Unit::kDuration}, {"hour", Unit::kDuration}, {"hours", Unit::kDuration},
    {"hrs", Unit::kDuration}, {"day", Unit::kDuration}, {"days", Unit::kDuration}, {"night", Unit::kDuration},
    {"nights", Unit::kDuration}, {"week", Unit::kDuration}, {"weeks", Unit::kDuration},
    {"month", Unit::kDuration}, {"months", Unit::kDuration}, {"year", Unit::kDuration},
    {"years", Unit::kDuration}, {"decade", Unit::kDuration}, {"decades", Unit::kDuration},
    // weight
    {"kg", Unit::kWeight}, {"kgs", Unit::kWeight}, {"kilograms", Unit::kWeight},
    {"kilogrammes", Unit::kWeight}, {"tonnes", Unit::kWeight}, {"tonne", Unit::kWeight},
    {"tons", Unit::kWeight}, {"ton", Unit::kWeight}, {"lb", Unit::kWeight}, {"lbs", Unit::kWeight},
    // other measures: not head counts
    {"hectares", Unit::kOther}, {"acres", Unit::kOther}, {"times", Unit::kOther},
    {"degrees", Unit::kOther},
};
constexpr auto kUnitWords = MapByWord<256>(kUnitWordList);
static_assert(kUnitWords.size() == std::size(kUnitWordList), "each unit word once");

constexpr auto kMonths = MakeWordSet<64>({"january", "february", "march", "april", "may", "june", "july",
                                   "august", "september", "october", "november", "december",
                                   "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept",
                                   "oct", "nov", "dec"});

// Words after which a number is a label, not an amount ("Resolution 2254", "No. 5").
constexpr string_view kLabelWordList[] = {"no", "nos", "number", "article", "articles", "resolution", "resolutions",
                                          "route", "highway", "chapter", "section", "paragraph", "para", "clause",
                                          "flight", "room", "page", "pp", "vol", "volume", "#", "hill", "phase",
                                          "level", "category", "platform", "gate", "code", "version", "item", "unit",
                                          "road"};
constexpr auto kLabelWords = MakeWordSet<64>(kLabelWordList);

// Words before a four-digit number that make it a year even before a plural noun
// ("in 2011 protesters", "since 2011").
constexpr string_view kYearContextList[] = {"in", "since", "until", "till", "during", "early", "late", "mid",
                                            "spring", "summer", "autumn", "fall", "winter", "year", "before",
                                            "after", "by", "pre", "post", "circa"};
constexpr auto kYearContext = MakeWordSet<64>(kYearContextList);

// Plural nouns that follow a year rather than a count ("the 2011 elections").
constexpr string_view kYearNounList[] = {"elections", "polls", "talks", "accords", "olympics", "games",
                                         "negotiations", "agreements", "protests", "uprisings"};
constexpr auto kYearNouns = MakeWordSet<32>(kYearNounList);

// Irregular count nouns that do not end in -s.
constexpr string_view kCountNounList[] = {"people", "men", "women", "children", "police", "personnel",
                                          "militia", "militiamen", "staff", "dead", "killed", "wounded",
                                          "injured", "of", "more", "civilian"};
constexpr auto kCountNouns = MakeWordSet<32>(kCountNounList);

// Shares, not counts: "two-thirds", "three quarters", "one half".
constexpr string_view kFractionList[] = {"half",    "halves",   "thirds",  "quarter", "quarters", "fifths",
                                         "sixths",  "sevenths", "eighths", "ninths",  "tenths"};
constexpr auto kFractions = MakeWordSet<32>(kFractionList);

// The words of the sets above that the matcher looks up around a number (units, labels, year
// context, year and count nouns, fractions): a word token whose reader bits lack kQuantityWord
// is none of them and is not looked up (see IsIn).
constexpr auto kLookedUp = [] {
  WordSet<1024> set;
  for (const UnitWord& u : kUnitWordList) set.Insert(u.w);
  using Words = std::span<const string_view>;
  for (Words words : {Words(kLabelWordList), Words(kYearContextList), Words(kYearNounList), Words(kCountNounList),
                      Words(kFractionList)})
    for (string_view w : words) set.Insert(w);
  return set;
}();
static_assert(kLookedUp.size() * 3 < 1024, "keep the set sparse");

// The words that MatchAt compares with the token right after a number's core (ranges, postfix
// hedges, units, ages, clock times, fractions), and the multipliers after digits: a word token
// at that place whose reader bits lack kQuantityAfter (and kTimeAnchor: the months) is none of
// them, and MatchAt passes over those tests at once (see PlainAfter; ParseDigits too).
constexpr auto kAfterCore = [] {
  WordSet<512> set;
  for (const UnitWord& u : kUnitWordList) set.Insert(u.w);
  for (string_view w : kFractionList) set.Insert(w);
  for (string_view w : {"to", "or", "and", "plus", "odd", "of", "hrs", "year", "years", "month", "months", "m", "per",
                        "percentage", "sq", "square", "pounds", "nautical", "second", "am", "pm", "gmt", "utc",
                        "o'clock", "local", "bn", "mn", "mln", "k"})  // (the last: multipliers, see ParseDigits)
    set.Insert(w);
  return set;
}();
static_assert(kAfterCore.size() * 3 < 512, "keep the set sparse");

constexpr string_view kCurrencyBeforeList[] = {"$", "€", "£", "¥", "₹", "₽", "₺", "₦", "₴", "usd",
                                               "eur", "gbp", "rs", "us$", "ksh", "sh"};
constexpr auto kCurrencyBefore = MakeWordSet<32>(kCurrencyBeforeList);

// ---------------------------------------------------------------- number tokens

struct NumTok {
  enum Kind : uint8_t { kBad, kInt, kDecimal, kRange, kTime, kDate, kOrdinal, kOther } kind = kBad;
  int64_t a = 0;         // the value: integer part, first of a range, ordinal, hhmm, yyyymmdd
  int64_t b = 0;         // end of a range
  int64_t mant = 0;      // decimals: a = mant / 10^frac
  int frac = 0;
  bool plain = false;    // digits only ("2011", not "2,011")
};

int64_t Pow10(int n) {
  int64_t p = 1;
  while (n-- > 0) p *= 10;
  return p;
}

// Reads one number token: "300", "1,200", "3.5", "5:00", "20-30", "2022-02-23", "23/02/2022", "23rd".
NumTok ParseNumberToken(string_view s) {
  NumTok r;
  if (s.empty() || s[0] < '0' || s[0] > '9') return r;
  // Plain digits ("25", "2011"), most number tokens: read at once.
  if (s.size() <= 18) {
    int64_t v = 0;
    size_t i = 0;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') v = v * 10 + (s[i++] - '0');
    if (i == s.size()) {
      r.kind = NumTok::kInt;
      r.a = v;
      r.plain = true;
      return r;
    }
  }
  bool ordinal = false;
  const char last = static_cast<char>(s.back() | 32);
  if (s.size() >= 3 && last >= 'a' && last <= 'z') {  // "23rd": the tokenizer keeps st/nd/rd/th
    ordinal = true;
    s.remove_suffix(2);
  }
  // Segments of digits and the separators between them.
  int64_t seg[6];
  int len[6];
  char sep[5];
  int nseg = 0;
  size_t i = 0;
  while (i < s.size()) {
    if (nseg == 6) { r.kind = NumTok::kOther; r.a = seg[0]; return r; }
    int64_t v = 0;
    int n = 0;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') {
      if (n < 18) v = v * 10 + (s[i] - '0');
      ++n;
      ++i;
    }
    if (n == 0 || n > 18) return r;
    seg[nseg] = v;
    len[nseg] = n;
    ++nseg;
    if (i < s.size()) {
      if (nseg > 5) return r;
      sep[nseg - 1] = s[i++];
    }
  }
  if (ordinal) {
    if (nseg != 1) return r;
    r.kind = NumTok::kOrdinal;
    r.a = seg[0];
    return r;
  }
  if (nseg == 1) {
    r.kind = NumTok::kInt;
    r.a = seg[0];
    r.plain = true;
    return r;
  }
  auto all_sep = [&](char c) {
    for (int k = 0; k + 1 < nseg; ++k)
      if (sep[k] != c) return false;
    return true;
  };
  auto groups_of_three = [&](int from, int to) {  // segments [from, to) after the first have 3 digits
    if (len[0] > 3) return false;
    for (int k = from; k < to; ++k)
      if (len[k] != 3) return false;
    return true;
  };
  auto join = [&](int to) {  // segments [0, to) read as one integer
    int64_t v = 0;
    int digits = 0;
    for (int k = 0; k < to; ++k) {
      digits += len[k];
      v = v * Pow10(len[k]) + seg[k];
    }
    return digits <= 18 ? v : -1;
  };
  r.kind = NumTok::kOther;
  r.a = seg[0];
  if (all_sep(',')) {  // thousands separators
    if (groups_of_three(1, nseg) && join(nseg) >= 0) { r.kind = NumTok::kInt; r.a = join(nseg); }
    return r;
  }
  if (all_sep('.')) {
    if (nseg == 2) {  // one dot: a decimal
      if (len[0] + len[1] > 18) return r;
      r.kind = NumTok::kDecimal;
      r.a = seg[0];
      r.mant = seg[0] * Pow10(len[1]) + seg[1];
      r.frac = len[1];
      return r;
    }
    if (groups_of_three(1, nseg) && join(nseg) >= 0) { r.kind = NumTok::kInt; r.a = join(nseg); return r; }
    if (nseg == 3 && len[2] == 4 && seg[0] >= 1 && seg[0] <= 31 && seg[1] >= 1 && seg[1] <= 12) {
      r.kind = NumTok::kDate;  // "23.02.2022"
      r.a = seg[2] * 10000 + seg[1] * 100 + seg[0];
    }
    return r;
  }
  if (nseg >= 3 && sep[nseg - 2] == '.') {  // "1,234.5"
    bool commas = true;
    for (int k = 0; k + 2 < nseg; ++k) commas &= sep[k] == ',';
    if (commas && groups_of_three(1, nseg - 1) && join(nseg - 1) >= 0 && len[nseg - 1] <= 6) {
      int64_t ip = join(nseg - 1);
      if (ip < Pow10(18 - len[nseg - 1])) {
        r.kind = NumTok::kDecimal;
        r.a = ip;
        r.mant = ip * Pow10(len[nseg - 1]) + seg[nseg - 1];
        r.frac = len[nseg - 1];
      }
    }
    return r;
  }
  if (all_sep(':')) {  // "5:00", "17:30", "17:30:05"
    if (nseg <= 3 && seg[0] <= 24 && len[1] == 2 && seg[1] < 60) {
      r.kind = NumTok::kTime;
      r.a = seg[0] * 100 + seg[1];
    }
    return r;
  }
  if (all_sep('-')) {
    if (nseg == 2) {
      if (seg[1] > seg[0]) {  // "20-30", "2011-2014"
        r.kind = NumTok::kRange;
        r.b = seg[1];
      } else if (len[0] == 4 && len[1] == 2 && seg[0] >= 1900 && seg[0] <= 2099 && seg[0] % 100 < seg[1]) {
        r.kind = NumTok::kRange;  // "2011-14"
        r.b = seg[0] - seg[0] % 100 + seg[1];
      }
      return r;
    }
    if (nseg == 3 && len[0] == 4 && seg[1] >= 1 && seg[1] <= 12 && seg[2] >= 1 && seg[2] <= 31) {
      r.kind = NumTok::kDate;  // "2022-02-23"
      r.a = seg[0] * 10000 + seg[1] * 100 + seg[2];
    }
    return r;
  }
  if (all_sep('/') && nseg == 3 && (len[2] == 4 || len[2] == 2)) {  // "23/02/2022", day first
    int64_t y = len[2] == 2 ? 2000 + seg[2] : seg[2];
    int64_t d = seg[0], m = seg[1];
    if (m > 12 && d <= 12) std::swap(d, m);  // "02/23/2022": month first
    if (d >= 1 && d <= 31 && m >= 1 && m <= 12) {
      r.kind = NumTok::kDate;
      r.a = y * 10000 + m * 100 + d;
    }
    return r;
  }
  return r;
}

// ---------------------------------------------------------------- the matcher

enum class Hedge : uint8_t {
  kNone,
  kLower,    // "over", "more than", "at least", "300-plus": the figure is a floor
  kApprox,   // "about", "around", "some", "roughly", "an estimated", "or so"
  kNear,     // "nearly", "almost", "close to", "just under": just short of the figure
  kUpper,    // "up to", "as many as", "fewer than", "under": the figure is a ceiling
  kBetween,  // "between A and B", "from A to B": needs a range
};

struct HedgePhrase {
  string_view w[4];
  uint8_t n;
  Hedge h;
};

constexpr HedgePhrase kHedges[] = {
    {{"more", "than"}, 2, Hedge::kLower},          {{"over"}, 1, Hedge::kLower},
    {{"at", "least"}, 2, Hedge::kLower},           {{"upwards", "of"}, 2, Hedge::kLower},
    {{"upward", "of"}, 2, Hedge::kLower},          {{"in", "excess", "of"}, 3, Hedge::kLower},
    {{"exceeding"}, 1, Hedge::kLower},             {{"above"}, 1, Hedge::kLower},
    {{"no", "fewer", "than"}, 3, Hedge::kLower},   {{"no", "less", "than"}, 3, Hedge::kLower},
    {{"not", "less", "than"}, 3, Hedge::kLower},   {{"not", "fewer", "than"}, 3, Hedge::kLower},
    {{"a", "minimum", "of"}, 3, Hedge::kLower},    {{"well", "over"}, 2, Hedge::kLower},
    {{"well", "above"}, 2, Hedge::kLower},         {{"just", "over"}, 2, Hedge::kLower},
    {{"just", "above"}, 2, Hedge::kLower},         {{"about"}, 1, Hedge::kApprox},
    {{"approximately"}, 1, Hedge::kApprox},        {{"approx"}, 1, Hedge::kApprox},
    {{"around"}, 1, Hedge::kApprox},               {{"some"}, 1, Hedge::kApprox},
    {{"roughly"}, 1, Hedge::kApprox},              {{"an", "estimated"}, 2, Hedge::kApprox},
    {{"estimated"}, 1, Hedge::kApprox},            {{"circa"}, 1, Hedge::kApprox},
    {{"ca"}, 1, Hedge::kApprox},                   {{"an", "approximate"}, 2, Hedge::kApprox},
    {{"nearly"}, 1, Hedge::kNear},                 {{"almost"}, 1, Hedge::kNear},
    {{"close", "to"}, 2, Hedge::kNear},            {{"just", "under"}, 2, Hedge::kNear},
    {{"just", "below"}, 2, Hedge::kNear},          {{"up", "to"}, 2, Hedge::kUpper},
    {{"as", "many", "as"}, 3, Hedge::kUpper},      {{"as", "much", "as"}, 3, Hedge::kUpper},
    {{"as", "high", "as"}, 3, Hedge::kUpper},      {{"at", "most"}, 2, Hedge::kUpper},
    {{"no", "more", "than"}, 3, Hedge::kUpper},    {{"not", "more", "than"}, 3, Hedge::kUpper},
    {{"a", "maximum", "of"}, 3, Hedge::kUpper},    {{"fewer", "than"}, 2, Hedge::kUpper},
    {{"less", "than"}, 2, Hedge::kUpper},          {{"under"}, 1, Hedge::kUpper},
    {{"below"}, 1, Hedge::kUpper},                 {{"between"}, 1, Hedge::kBetween},
    {{"from"}, 1, Hedge::kBetween},
};

// The hedge phrases by their first word: a bit mask of their indices in kHedges.
constexpr auto kHedgesByFirstWord = [] {
  WordMap<64, uint64_t> map;
  static_assert(std::size(kHedges) <= 64, "one bit per phrase");
  for (const HedgePhrase& p : kHedges) {
    uint64_t phrases = 0;
    for (size_t q = 0; q < std::size(kHedges); ++q)
      if (kHedges[q].w[0] == p.w[0]) phrases |= uint64_t{1} << q;
    map.Insert(p.w[0], phrases);
  }
  return map;
}();

// Words that may start a quantity: hedges, number words, vague counts, currency codes, ages.
constexpr auto kStarters = [] {
  WordSet<512> set;
  for (const HedgePhrase& h : kHedges) set.Insert(h.w[0]);
  for (const NumWord& n : kNumWordList) set.Insert(n.w);
  for (string_view c : kCurrencyBeforeList) set.Insert(c);
  for (string_view w : {"a", "an", "half", "aged", "age", "ages", "us", "tens", "scores", "dozens", "hundreds",
                        "thousands", "millions", "billions", "several", "many", "numerous", "multiple", "unknown",
                        "unspecified", "undetermined", "unidentified"})
    set.Insert(w);
  return set;
}();
static_assert(kStarters.size() * 3 < 512, "keep the starter set sparse");

// Words one of which, or a number, the core of every quantity holds (see ParseCore): the
// number words, the vague counts, and the words that make "a"/"an" a count ("a few", "a
// couple", "a handful", "a score of", "a large number of"). The core starts after a hedge
// and a currency, and its anchor is at most two tokens into it ("a large number of"), so a
// start with no number and no anchor within kAnchorReach tokens is skipped before matching.
constexpr uint32_t kLongestHedge = [] {
  uint32_t n = 0;
  for (const HedgePhrase& h : kHedges) n = std::max<uint32_t>(n, h.n);
  return n;
}();
constexpr uint32_t kAnchorReach = kLongestHedge + 2 /* "US $" */ + 2;
constexpr auto kAnchors = [] {
  WordSet<256> set;
  for (const NumWord& n : kNumWordList) set.Insert(n.w);
  for (string_view w : {"tens", "scores", "dozens", "hundreds", "thousands", "millions", "billions", "several",
                        "many", "numerous", "multiple", "unknown", "unspecified", "undetermined", "unidentified",
                        "half", "few", "couple", "handful", "score", "number"})
    set.Insert(w);
  return set;
}();
static_assert(kAnchors.size() * 2 < 256, "keep the anchor set sparse");

// A number before hedges, range and unit: digits, words or a vague count.
struct Core {
  uint32_t begin = 0, end = 0;  // tokens
  int64_t value = 0;
  int64_t high = -1;            // a range inside one token ("20-30")
  int64_t mult = 1;             // the multiplier applied ("3 million": 1000000)
  bool vague = false;
  bool ordinal = false;
  bool label = false;           // a time or date written as one number token: kOther
  bool year_like = false;       // plain four digits 1900..2099, nothing attached
  bool digits = false;          // written in digits
  bool single_one = false;      // the lone word "one"
};

class Matcher {
 public:
  Matcher(const Text& text, uint32_t begin, uint32_t end, const text_internal::LoweredTokens& low,
          text_internal::ReaderAnchors::Cursor anchors)
      : t_(text), b_(begin), e_(end), low_(low), anchors_(anchors) {}
  Matcher(const Matcher&) = delete;
  Matcher& operator=(const Matcher&) = delete;

  void Run(std::vector<Quantity>* out) {
    uint32_t i = b_;
    while (i < e_) {
      // The first number or anchor word at or after i, or e_ (see kAnchors).
      const uint32_t anchor = anchors_.Next(i);
      if (anchor == e_) break;  // no anchor left: nothing more can match
      // Starts more than kAnchorReach before the anchor have none in reach: go to the first
      // start that has.
      if (anchor - i > kAnchorReach) i = anchor - kAnchorReach;
      // Most tokens before the anchor cannot start a quantity by their kind and reader bits
      // alone: passed over here, without the loop's other work for each.
      while (i < anchor && !MayStartByBits(Tok(i))) ++i;
      if (MayStart(i) && (anchor - i <= 2 || CoreReaches(i, anchor))) {
        Quantity q;  // built only for the starts tried
        if (MatchAt(i, &q)) {
          out->push_back(q);
          i = q.token_end;
          continue;
        }
      }
      ++i;
    }
  }

 private:
  string_view L(uint32_t i) const { return low_.L(i); }
  bool Valid(uint32_t i) const { return low_.Valid(i); }
  const Token& Tok(uint32_t i) const { return t_.tokens[i]; }
  bool IsWord(uint32_t i) const { return Valid(i) && Tok(i).kind == TokenKind::kWord; }
  bool IsNum(uint32_t i) const { return Valid(i) && Tok(i).kind == TokenKind::kNumber; }
  bool SpaceBefore(uint32_t i) const { return !Valid(i) || Tok(i).has(kSpaceBefore); }
  bool IsDash(uint32_t i) const { return Valid(i) && Tok(i).kind == TokenKind::kPunct && Is(L(i), "-"); }
  // Whether token i, in the range, may be a word of a set whose words carry `bit` among their
  // reader bits (Token::reader_bits, from the token's key): a word without the bit is none of
  // them, and need not be lowered and looked up; other tokens ("%", "#") may be.
  bool MayBeIn(uint32_t i, uint8_t bit) const {
    const Token& t = Tok(i);
    return t.kind != TokenKind::kWord || (t.reader_bits & bit) != 0;
  }
  // set.Contains(token i lowered), the words of `set` carrying `bit`; false outside the range.
  template <typename Set>
  bool IsIn(const Set& set, uint8_t bit, uint32_t i) const {
    return Valid(i) && MayBeIn(i, bit) && set.Contains(low_.Get(i));
  }
  // (The months are anchors of the time reader: times.cc kAnchors. Inlined: most words fail
  // the bit test, cheaper than a call.)
  [[gnu::always_inline]] bool IsMonth(uint32_t i) const {
    return IsWord(i) && IsIn(kMonths, text_internal::kTimeAnchor, i);
  }
  // The number word (one of kAnchors) or unit word at token i; nullptr if none.
  const NumWord* NumWordAt(uint32_t i) const {
    return Valid(i) && MayBeIn(i, text_internal::kQuantityAnchor) ? kNumWords.Find(low_.Get(i)) : nullptr;
  }
  const UnitWord* UnitWordAt(uint32_t i) const {
    return Valid(i) && MayBeIn(i, text_internal::kQuantityWord) ? kUnitWords.Find(low_.Get(i)) : nullptr;
  }
  // Whether token j, right after a number's core, is certainly none of the words and marks that
  // MatchAt looks for there (the words of kAfterCore, the months, "-", "+", "%", "'s"): the
  // range's end, a number, a word without the kQuantityAfter and kTimeAnchor bits, or a
  // one-byte mark other than - + %. Then the range, postfix hedge, unit, clock, month and
  // fraction tests on it all fail.
  bool PlainAfter(uint32_t j) const {
    if (!Valid(j)) return true;
    const Token& t = Tok(j);
    if (t.kind == TokenKind::kWord) return !(t.reader_bits & (text_internal::kQuantityAfter | text_internal::kTimeAnchor));
    if (t.kind == TokenKind::kNumber) return true;
    const string_view w = L(j);
    return w.size() == 1 && w[0] != '-' && w[0] != '+' && w[0] != '%';
  }
  // A hyphen glued to the tokens on both sides: "three-day", "25-year-old".
  bool GluedDash(uint32_t i) const { return IsDash(i) && !SpaceBefore(i) && !SpaceBefore(i + 1); }

  // Whether the core of a quantity starting at i, after its hedge and currency (as MatchAt
  // reads them), can reach `anchor`, the first anchor at or after i: every core holds an
  // anchor at most two tokens into it (see kAnchors). kAnchorReach is this reach for the
  // longest hedge and currency; most starters ("a", "several", "dozens") have neither.
  bool CoreReaches(uint32_t i, uint32_t anchor) const {
    const HedgePhrase* hedge = MatchHedge(i);
    uint32_t k = i + (hedge != nullptr ? hedge->n : 0);
    k += static_cast<uint32_t>(MatchCurrency(k));
    return anchor <= k + 2;
  }

  // Only numbers, symbols ("$") and starter words can begin a quantity; false for a token that
  // is none of them by its kind and reader bits (true: it may be).
  static bool MayStartByBits(const Token& t) {
    return t.kind == TokenKind::kWord ? (t.reader_bits & text_internal::kQuantityStarter) != 0
                                      : t.kind != TokenKind::kPunct;
  }
  bool MayStart(uint32_t i) const {
    if (!MayStartByBits(Tok(i))) return false;
    if (Tok(i).kind != TokenKind::kWord) return true;
    const Low& l = low_.Get(i);
    return kStarters.Contains(l.v(), l.h);
  }

  // The hedge phrase at i; nullptr if none. (Returned, not written through a pointer: the
  // caller's hedge then need not live in memory. Inlined, as MatchCurrency: -0.4 M instructions
  // for the two.)
  [[gnu::always_inline]] const HedgePhrase* MatchHedge(uint32_t i) const {
    if (!IsWord(i)) return nullptr;
    const uint64_t* phrases = kHedgesByFirstWord.Find(low_.At(i));
    if (phrases == nullptr) return nullptr;
    for (uint64_t rest = *phrases; rest != 0; rest &= rest - 1) {  // lowest bit first: in table order
      const HedgePhrase& p = kHedges[std::countr_zero(rest)];
      bool ok = true;
      for (uint8_t k = 1; k < p.n && ok; ++k) ok = L(i + k) == p.w[k];
      if (ok) return &p;
    }
    return nullptr;
  }

  // Length of a currency sign or code before a number at i: "$", "US$", "USD", "€".
  [[gnu::always_inline]] int MatchCurrency(uint32_t i) const {
    if (!Valid(i)) return 0;
    // Without lowering: every currency sign is a symbol token, and every code (and "us" of
    // "US$") is a starter word (kStarters), which a word's reader bits may rule out. Most calls
    // come after a hedge, at the number itself.
    const Token& t = Tok(i);
    if (t.kind == TokenKind::kWord ? !(t.reader_bits & text_internal::kQuantityStarter)
                                   : t.kind != TokenKind::kSymbol)
      return 0;
    if (Is(L(i), "us") && Is(L(i + 1), "$") && !SpaceBefore(i + 1)) return 2;
    return kCurrencyBefore.Contains(low_.At(i)) ? 1 : 0;
  }

  bool ParseCore(uint32_t k, bool currency, Core* c) const {
    if (!Valid(k)) return false;
    if (IsNum(k)) return ParseDigits(k, currency, c);
    if (!IsWord(k)) return false;
    return ParseVague(k, c) || ParseWords(k, c);
  }

  // Digits, then a multiplier word: "3.5 million", "300 thousand", "$5m", "2 dozen".
  bool ParseDigits(uint32_t k, bool currency, Core* c) const {
    NumTok n = ParseNumberToken(t_.token_text(k));
    if (n.kind == NumTok::kBad) return false;
    c->begin = k;
    c->end = k + 1;
    c->digits = true;
    switch (n.kind) {
      case NumTok::kOrdinal: c->ordinal = true; c->value = n.a; return true;
      case NumTok::kTime: case NumTok::kDate: case NumTok::kOther: c->label = true; c->value = n.a; return true;
      case NumTok::kRange: {
        c->value = n.a;
        c->high = n.b;
        string_view s = t_.token_text(k);
        c->year_like = n.a >= 1900 && n.a <= 2099 && s.size() > 4 && s[4] == '-';
        return true;
      }
      default: break;
    }
    int64_t mult = 1;
    // The next token is lowered only if a word (it is often punctuation) that may be a
    // multiplier: a number word (an anchor) or "bn", "mn", "mln", "m", "k" (words of kAfterCore).
    if (IsWord(k + 1) && (Tok(k + 1).reader_bits & (text_internal::kQuantityAnchor | text_internal::kQuantityAfter))) {
      string_view w = L(k + 1);
      const NumWord* nw = NumWordAt(k + 1);
      if (nw && (nw->cls == NW::kScale || nw->cls == NW::kDozen || (nw->cls == NW::kHundred && n.kind == NumTok::kInt)))
        mult = nw->v;
      else if (!SpaceBefore(k + 1) && Is(w, "bn")) mult = 1000000000;
      else if (Is(w, "mn") || Is(w, "mln") || (!SpaceBefore(k + 1) && Is(w, "m") && currency)) mult = 1000000;
      else if (!SpaceBefore(k + 1) && Is(w, "k")) mult = 1000;
    }
    __int128 v = n.kind == NumTok::kDecimal ? static_cast<__int128>(n.mant) * mult / Pow10(n.frac)
                                            : static_cast<__int128>(n.a) * mult;
    if (v > static_cast<__int128>(INT64_MAX / 4)) return false;
    c->value = static_cast<int64_t>(v);
    c->mult = mult;
    if (mult > 1) c->end = k + 2;
    c->year_like = n.kind == NumTok::kInt && n.plain && mult == 1 && n.a >= 1900 && n.a <= 2099 &&
                   t_.token_text(k).size() == 4;
    return true;
  }

  // Spelled-out numbers: "three hundred and twenty", "twenty-one", "a dozen", "half a million",
  // "two million", "twenty-first".
  bool ParseWords(uint32_t k, Core* c) const {
    enum Last { kStart, kUnitL, kTeenL, kTensL, kHundredL, kScaleL, kAndL };
    uint32_t j = k;
    bool article = false;
    const NumWord* first = NumWordAt(j);
    if (Is(L(j), "a") || Is(L(j), "an")) {
      const NumWord* nx = IsWord(j + 1) ? NumWordAt(j + 1) : nullptr;
      if (!nx || (nx->cls != NW::kHundred && nx->cls != NW::kScale && nx->cls != NW::kDozen)) return false;
      article = true;
      ++j;
    } else if (Is(L(j), "half") && (Is(L(j + 1), "a") || Is(L(j + 1), "an")) && IsWord(j + 2)) {
      const NumWord* nx = NumWordAt(j + 2);
      if (!nx || nx->cls != NW::kScale) return false;
      c->begin = k;
      c->end = j + 3;
      c->value = nx->v / 2;
      return true;
    } else if (!first) {
      return false;
    }
    int64_t total = 0, cur = 0, last_scale = INT64_MAX;
    Last last = kStart;
    bool ordinal = false;
    while (IsWord(j) || IsDash(j)) {
      const NumWord* nw = IsWord(j) ? NumWordAt(j) : nullptr;
      if (!nw) {
        // "and" between hundreds and units, "-" between tens and units.
        bool joiner = (Is(L(j), "and") && (last == kHundredL || last == kScaleL)) ||
                      (GluedDash(j) && last == kTensL);
        if (!joiner) break;
        const NumWord* nx = IsWord(j + 1) ? NumWordAt(j + 1) : nullptr;
        if (!nx) break;
        bool unit_next = nx->cls == NW::kUnit || nx->cls == NW::kOrdUnit;
        if (Is(L(j), "-") ? !unit_next || nx->v == 0
                        : !(unit_next || nx->cls == NW::kTeen || nx->cls == NW::kTens ||
                            nx->cls == NW::kOrdTeen || nx->cls == NW::kOrdTens))
          break;
        last = Is(L(j), "and") ? kAndL : kTensL;
        ++j;
        continue;
      }
      const bool open = last == kStart || last == kHundredL || last == kScaleL || last == kAndL;
      // A hyphen already checked that a unit follows the tens.
      const bool after_tens = last == kTensL && j > k && IsDash(j - 1);
      bool stop = false;
      switch (nw->cls) {
        case NW::kUnit:  // "twenty-one" and "twenty one"
          if (!(open || last == kTensL) || (nw->v == 0 && last != kStart)) { stop = true; break; }
          cur += nw->v;
          last = kUnitL;
          break;
        case NW::kTeen:
        case NW::kTens:
          if (!open) { stop = true; break; }
          cur += nw->v;
          last = nw->cls == NW::kTeen ? kTeenL : kTensL;
          break;
        case NW::kHundred:
          if (!((last == kUnitL || last == kTeenL) && cur > 0 && cur < 100) && !(last == kStart && article)) {
            stop = true;
            break;
          }
          cur = (cur == 0 ? 1 : cur) * 100;
          last = kHundredL;
          break;
        case NW::kScale:
          if ((cur == 0 && !(last == kStart && article)) || nw->v >= last_scale || last == kAndL) {
            stop = true;
            break;
          }
          total += (cur == 0 ? 1 : cur) * nw->v;
          cur = 0;
          last_scale = nw->v;
          last = kScaleL;
          break;
        case NW::kDozen:
          // "a dozen", "two dozen", a bare "dozen"; nothing follows a dozen.
          if (!(last == kStart || ((last == kUnitL || last == kTeenL || last == kTensL) && total == 0))) {
            stop = true;
            break;
          }
          cur = (cur == 0 ? 1 : cur) * 12;
          ++j;
          stop = true;
          last = kUnitL;
          break;
        case NW::kOrdUnit:
        case NW::kOrdTeen:
        case NW::kOrdTens:
        case NW::kOrdBig:
          if (article || !(open || (after_tens && nw->cls == NW::kOrdUnit)) ||
              (nw->cls == NW::kOrdBig && last != kStart)) {
            stop = true;
            break;
          }
          cur += nw->v;
          ordinal = true;
          ++j;
          stop = true;
          last = kUnitL;
          break;
      }
      if (stop) break;
      ++j;
    }
    if (last == kStart || last == kAndL) return false;
    c->begin = k;
    c->end = j;
    c->value = total + cur;
    c->ordinal = ordinal;
    if (total > 0 && cur == 0 && last_scale != INT64_MAX) c->mult = last_scale;
    c->single_one = (j == k + 1 && Is(L(k), "one"));
    return true;
  }

  // Vague counts with fixed values: "dozens" 12, "tens of thousands" 10000, "several" 3,
  // "a few hundred" 300, "a number of" 3.
  bool ParseVague(uint32_t k, Core* c) const {
    string_view w = L(k);
    uint32_t j = k + 1;
    int64_t v = 0;
    bool vague = true;
    auto plural_scale = [](string_view x) -> int64_t {
      if (Is(x, "hundreds")) return 100;
      if (Is(x, "thousands")) return 1000;
      if (Is(x, "millions")) return 1000000;
      if (Is(x, "billions")) return 1000000000;
      return 0;
    };
    if (Is(w, "tens") || Is(w, "scores")) {  // only as "tens of", "scores of"
      if (!Is(L(j), "of")) return false;
      v = Is(w, "tens") ? 10 : 20;
    } else if (Is(w, "dozens")) {
      v = 12;
    } else if (int64_t s = plural_scale(w)) {
      v = s;
    } else if (Is(w, "several") || Is(w, "many") || Is(w, "numerous") || Is(w, "multiple")) {
      if (Is(w, "many") && (Is(L(k - 1), "how") || Is(L(k - 1), "as"))) return false;
      v = 3;
    } else if (Is(w, "a") || Is(w, "an") || Is(w, "unknown") || Is(w, "unspecified") || Is(w, "undetermined") ||
               Is(w, "unidentified")) {
      // "a few", "a couple", "a handful", "a score of", "a number of", "an unknown number of",
      // "unknown number of".
      const bool article = Is(w, "a") || Is(w, "an");
      uint32_t m = article ? k + 1 : k;
      string_view x = L(m);
      if (article && Is(x, "few")) { v = 3; j = m + 1; }
      else if (article && Is(x, "couple")) { v = 2; j = m + 1; }
      else if (article && Is(x, "handful")) { v = 3; j = m + 1; }
      else if (article && Is(x, "score") && Is(L(m + 1), "of")) { v = 20; vague = false; j = m + 1; }
      else {
        static constexpr auto kNumberAdj =
            MakeWordSet<32>({"large", "small", "significant", "great", "growing", "unknown", "unspecified",
                             "undetermined", "unidentified", "unconfirmed", "limited", "certain"});
        if (kNumberAdj.Contains(low_.At(m))) ++m;
        if (!Is(L(m), "number") || !Is(L(m + 1), "of")) return false;
        v = 3;
        j = m + 1;
      }
    } else {
      return false;
    }
    // "several hundred", "a few dozen", "many thousands", "tens of thousands".
    if (IsWord(j)) {
      const NumWord* nw = NumWordAt(j);
      int64_t s = plural_scale(L(j));
      if (!Is(w, "tens") && !Is(w, "dozens") && !Is(w, "scores") && !plural_scale(w) && nw &&
          (nw->cls == NW::kHundred || nw->cls == NW::kScale || nw->cls == NW::kDozen)) {
        v *= nw->v;
        ++j;
      } else if (!Is(w, "tens") && !Is(w, "dozens") && !Is(w, "scores") && !plural_scale(w) && s) {
        v *= s;
        ++j;
      } else if (Is(L(j), "of") && (s = plural_scale(L(j + 1))) != 0 && !(v == 3 || v == 2)) {
        v *= s;  // "tens of thousands", "hundreds of thousands", "dozens of millions"
        j += 2;
      }
    }
    c->begin = k;
    c->end = j;
    c->value = v;
    c->vague = vague;
    return true;
  }

  // A count noun right after a number: "2000 soldiers", "2000 people".
  bool CountNounAt(uint32_t j) const {
    if (!IsWord(j) || Tok(j).has(kCapitalized)) return false;
    string_view w = L(j);
    if (IsIn(kCountNouns, text_internal::kQuantityWord, j)) return true;
    if (IsIn(kYearNouns, text_internal::kQuantityWord, j)) return false;
    return w.size() >= 4 && w.back() == 's' && !w.ends_with("ss") && !w.ends_with("us") && !w.ends_with("is");
  }

  bool MatchAt(uint32_t i, Quantity* q) {
    uint32_t k = i;
    Hedge hedge = Hedge::kNone;
    bool age = false;
    if (IsWord(k) && (Is(L(k), "aged") || Is(L(k), "age") || Is(L(k), "ages")) && IsNum(k + 1)) {
      age = true;
      ++k;
    } else if (Tok(k).kind == TokenKind::kWord) {  // (k = i, in the range; most starts are numbers: no call)
      if (const HedgePhrase* p = MatchHedge(k)) {
        hedge = p->h;
        k += p->n;
      }
    }
    const uint32_t after_hedge = k;
    uint32_t cur_len = IsNum(k) ? 0 : static_cast<uint32_t>(MatchCurrency(k));
    bool currency = cur_len > 0;
    k += cur_len;
    Core c;
    if (!ParseCore(k, currency, &c)) return false;
    if (currency && (c.vague || c.ordinal || c.label)) return false;
    if (c.single_one && (In(L(c.begin - 1), {"no", "any", "each", "every", "which"}) ||
                         Is(L(c.end), "another") || (Is(L(c.end), "by") && Is(L(c.end + 1), "one"))))
      return false;

    int64_t value = c.value, low = c.value, high = c.high >= 0 ? c.high : c.value;
    bool ranged = c.high >= 0;
    uint32_t end = c.end;
    // Most numbers are followed by a word or mark that none of the range, postfix hedge, unit,
    // clock and fraction tests below looks for: these are passed over at once (and `end`, which
    // only they move, stays where it is).
    const bool plain_after = PlainAfter(end);

    // Ranges: "20 to 30", "20 - 30", "20 or 30", "between 20 and 30", "two to three million".
    if (!plain_after && !ranged && !c.vague && !c.ordinal && !c.label) {
      string_view sep = L(end);
      const bool dash = Valid(end) && Tok(end).kind == TokenKind::kPunct && Is(sep, "-");
      bool sep_ok = dash || Is(sep, "to") || Is(sep, "or");
      if (hedge == Hedge::kBetween)  // "between A and B", "from A to B"; also the loose "between A to B"
        sep_ok = dash || Is(sep, "to") || (Is(L(i), "between") && Is(sep, "and"));
      Core c2;
      if (sep_ok && ParseCore(end + 1 + static_cast<uint32_t>(MatchCurrency(end + 1)), currency, &c2) && !c2.vague && !c2.ordinal && !c2.label && c2.high < 0 &&
          c2.digits == c.digits) {
        int64_t a = c.value;
        if (c.mult == 1 && c2.mult > 1 && c.value < c2.value / c2.mult)
          a = c.value * c2.mult;  // "2 to 3 million": the multiplier applies to both
        if (c2.value > a) {
          ranged = true;
          value = low = a;
          high = c2.value;
          end = c2.end;
        }
      }
    }
    if (hedge == Hedge::kBetween && !ranged) {  // "between" without a range: no hedge
      hedge = Hedge::kNone;
      i = after_hedge;
    }

    // Postfix hedges: "300-plus", "300+", "300 or more", "300 or so", "20-odd".
    // (Inlined: out of line, the lambda kept hedge, c and end in memory for the whole of MatchAt.)
    auto postfix = [&](uint32_t* e) __attribute__((always_inline)) {
      const uint32_t p = *e;
      const string_view w = L(p);  // the token is lowered (looked up) once for all the tests
      if ((Is(w, "plus") || Is(w, "odd")) && !c.label) {
        hedge = Is(w, "plus") ? Hedge::kLower : Hedge::kApprox;
        *e = p + 1;
      } else if (Is(w, "-") && GluedDash(p) && (Is(L(p + 1), "plus") || Is(L(p + 1), "odd"))) {
        hedge = Is(L(p + 1), "plus") ? Hedge::kLower : Hedge::kApprox;
        *e = p + 2;
      } else if (Is(w, "+") && !SpaceBefore(p)) {
        hedge = Hedge::kLower;
        *e = p + 1;
      } else if (Is(w, "or") && (Is(L(p + 1), "more") || Is(L(p + 1), "above") || Is(L(p + 1), "so"))) {
        hedge = Is(L(p + 1), "so") ? Hedge::kApprox : Hedge::kLower;
        *e = p + 2;
      } else {
        return false;
      }
      return true;
    };
    bool post = !plain_after && hedge == Hedge::kNone && !c.ordinal && postfix(&end);

    // Units.
    Unit unit = Unit::kNone;
    if (currency) unit = Unit::kMoney;
    if (c.ordinal) unit = Unit::kOrdinal;
    if (c.label) unit = Unit::kOther;
    if (age) unit = Unit::kOther;
    if (!plain_after && (unit == Unit::kNone || unit == Unit::kMoney)) {
      uint32_t u = end;
      if (c.vague && Is(L(u), "of") && IsWord(u + 1)) ++u;  // "hundreds of kilometres"
      bool dash = GluedDash(u);
      if (dash) ++u;
      string_view w = L(u);
      const bool military = Is(w, "hrs") && c.digits && !dash && t_.token_text(c.begin).size() == 4 &&
                            value < 2400 && value % 100 < 60;  // "1700 hrs" is a clock time
      // Ages: "25-year-old", "25 years old", "25 years of age", "a 3-month-old".
      if ((Is(w, "year") || Is(w, "years") || Is(w, "month") || Is(w, "months")) &&
          ((GluedDash(u + 1) && Is(L(u + 2), "old")) || Is(L(u + 1), "old") ||
           (Is(L(u + 1), "of") && Is(L(u + 2), "age")))) {
        unit = Unit::kOther;
        end = Is(L(u + 1), "of") ? u + 3 : (Is(L(u + 1), "old") ? u + 2 : u + 3);
      } else if (Valid(u) && unit == Unit::kNone && !military && (Tok(u).kind == TokenKind::kWord || Is(w, "%"))) {
        const UnitWord* uw = UnitWordAt(u);
        if (Is(w, "m") && c.digits) {
          unit = Unit::kDistance;  // "5 m", "100m": metres (with a currency it was a multiplier)
          end = u + 1;
        } else if (Is(w, "per") && Is(L(u + 1), "cent")) {
          unit = Unit::kPercent;
          end = u + 2;
        } else if (Is(w, "percentage") && Is(L(u + 1), "points")) {
          unit = Unit::kPercent;
          end = u + 2;
        } else if ((Is(w, "sq") || Is(w, "square")) && IsWord(u + 1) && UnitWordAt(u + 1) &&
                   UnitWordAt(u + 1)->unit == Unit::kDistance) {
          unit = Unit::kOther;  // areas
          end = u + 2;
        } else if (Is(w, "pounds") && Is(L(u + 1), "of")) {
          unit = Unit::kWeight;
          end = u + 1;
        } else if (Is(w, "nautical")) {
          if (Is(L(u + 1), "miles") || Is(L(u + 1), "mile")) { unit = Unit::kDistance; end = u + 2; }
        } else if (Is(w, "second") && !c.digits) {
          // "one second" is rare next to "a second attack": leave ordinal words alone.
        } else if (uw && !(uw->unit == Unit::kMoney && (c.ordinal || c.label))) {
          unit = uw->unit;
          end = u + 1;
          if (uw->unit == Unit::kMoney && (Is(L(end), "sterling"))) ++end;
        }
      } else if (Valid(u) && unit == Unit::kMoney && Tok(u).kind == TokenKind::kWord) {
        // "$5 million dollars" is rare; a trailing currency code after a sign is not.
        const UnitWord* uw = UnitWordAt(u);
        if (uw && uw->unit == Unit::kMoney) end = u + 1;
      }
      if (!post && hedge == Hedge::kNone && unit != Unit::kNone) post = postfix(&end);
    }

    // Clock times and dates written around a number: "5 pm", "5:00 PM", "17:00 GMT", "23 February".
    if (!plain_after && c.digits && (unit == Unit::kNone || unit == Unit::kOther)) {
      string_view w = L(end);
      if (IsWord(end) && (Is(w, "am") || Is(w, "pm") || (!ranged && (Is(w, "gmt") || Is(w, "utc") || Is(w, "o'clock") ||
                                                                  (Is(w, "hrs") && value < 2400))))) {
        unit = Unit::kOther;
        ++end;
        if (Is(L(end), "local") && Is(L(end + 1), "time")) end += 2;
      } else if (c.label && Is(w, "local") && Is(L(end + 1), "time")) {
        end += 2;
      }
    }
    // Days of a month: "23 February", "February 23", "23-25 February".
    if (c.digits && unit == Unit::kNone && hedge == Hedge::kNone && value >= 1 && high <= 31 &&
        ((!plain_after && (IsMonth(end) || (Is(L(end), "of") && IsMonth(end + 1)))) || IsMonth(c.begin - 1)))
      unit = Unit::kOther;
    if (c.ordinal &&
        ((!plain_after && (IsMonth(end) || (Is(L(end), "of") && IsMonth(end + 1)))) || IsMonth(c.begin - 1)))
      unit = Unit::kOther;  // "23rd February", "February 23rd": a date, not a rank

    // Fractions: "two-thirds", "three quarters", "a third of", "one half": shares, not counts.
    if (!plain_after && !c.vague && !ranged && hedge == Hedge::kNone &&
        (unit == Unit::kNone || unit == Unit::kOrdinal)) {
      uint32_t f = GluedDash(end) ? end + 1 : end;
      if (!c.ordinal && IsWord(f) && IsIn(kFractions, text_internal::kQuantityWord, f)) {
        unit = Unit::kOther;
        end = f + 1;
      } else if (c.ordinal && !c.digits && Is(L(end), "of") && (Is(L(c.begin - 1), "a") || Is(L(c.begin - 1), "one"))) {
        unit = Unit::kOther;  // "a third of the city"
      }
    }

    // Labels: "Resolution 2254", "No. 5", "F-16", "COVID-19".
    if (c.digits && hedge == Hedge::kNone && !currency && c.begin == i) {
      if (IsIn(kLabelWords, text_internal::kQuantityWord, c.begin - 1) ||
          (IsDash(c.begin - 1) && !SpaceBefore(c.begin) && !SpaceBefore(c.begin - 1) && IsWord(c.begin - 2) &&
           !IsIn(kYearContext, text_internal::kQuantityWord, c.begin - 2)))
        unit = Unit::kOther;
    }

    // Years: a plain four-digit 1900..2099 not followed by a count noun ("since 2011",
    // "a 2020 ceasefire"), decades ("the 1990s"), and year ranges ("2011-2014").
    if (unit == Unit::kNone && (hedge == Hedge::kNone || (hedge == Hedge::kBetween && ranged)) && !currency &&
        c.digits && !post) {
      bool year_range = ranged && c.year_like && high >= 1900 && high <= 2099;
      if (c.year_like && !ranged && (Is(L(end), "s") || Is(L(end), "'s")) && !SpaceBefore(end) && value % 10 == 0) {
        unit = Unit::kYear;  // "1990s", "1990's"
        high = value + 9;
        ++end;
      } else if ((c.year_like && !ranged) || year_range) {
        bool strong = IsIn(kYearContext, text_internal::kQuantityWord, c.begin - 1) || IsMonth(c.begin - 1) ||
                      (Is(L(c.begin - 1), "-") && IsIn(kYearContext, text_internal::kQuantityWord, c.begin - 2));
        if (strong || !CountNounAt(end)) unit = Unit::kYear;
      }
    }

    // Hedge effects (doc/numbers-and-times.md): the figure stays the stated one; the
    // bounds say what the hedge allows.
    // kLower ("over 300"): value = low = high = 300; an open upper bound is not represented.
    // kApprox / kNear ("about 20", "nearly 20"): value = low = high = 20, approximate.
    // kUpper ("up to 20"): value = high = 20, low = 1 for a count (some did happen), else 0.
    bool approximate = false;
    switch (hedge) {
      case Hedge::kApprox:
      case Hedge::kNear: approximate = true; break;
      case Hedge::kUpper:
        approximate = true;
        value = high;
        low = (unit == Unit::kNone && high >= 1) ? 1 : 0;
        break;
      default: break;
    }

    q->token_begin = i;
    q->token_end = end;
    q->begin = Tok(i).begin;
    q->end = Tok(end - 1).end;
    q->value = value;
    q->low = low;
    q->high = high;
    q->vague = c.vague;
    q->approximate = approximate;
    q->unit = unit;
    return true;
  }

  const Text& t_;
  uint32_t b_, e_;
  const text_internal::LoweredTokens& low_;
  text_internal::ReaderAnchors::Cursor anchors_;  // numbers and words whose token key may be one of kAnchors'
};

}  // namespace

std::vector<Quantity> FindQuantities(const Text& text, uint32_t token_begin, uint32_t token_end) {
  std::vector<Quantity> out;
  token_end = std::min<uint32_t>(token_end, static_cast<uint32_t>(text.tokens.size()));
  if (token_begin >= token_end) return out;
  text_internal::LoweredTokens low(text, token_begin, token_end);
  text_internal::ReaderAnchors anchors(text, token_begin, token_end);
  text_internal::ReadQuantities(text, token_begin, token_end, low, anchors.quantities(), &out);
  return out;
}

void text_internal::ReadQuantities(const Text& text, uint32_t begin, uint32_t end, const LoweredTokens& low,
                                   ReaderAnchors::Cursor anchors, std::vector<Quantity>* out) {
  Matcher m(text, begin, end, low, anchors);
  m.Run(out);
}

uint8_t text_internal::QuantityReaderBits(uint64_t token_key) {
  static const KeyBits kBits = [] {
    KeyBits bits(kStarters.size() + kAnchors.size() + kLookedUp.size() + kAfterCore.size());
    bits.Add(kStarters, kQuantityStarter);
    bits.Add(kAnchors, kQuantityAnchor);
    bits.Add(kLookedUp, kQuantityWord);
    bits.Add(kAfterCore, kQuantityAfter);
    return bits;
  }();
  return kBits.Of(token_key);
}

}  // namespace sitrep
