// sitrep/text.h — the text stage: normalise, tokenise, segment, and read numbers and times.
//
// AnalyzeText() takes raw document bytes and returns a Text: the normalised text
// (valid UTF-8, NFC, line ends as '\n', control characters as spaces) plus tokens
// and sentences whose byte spans [begin, end) point into Text::text. Every later
// evidence span points into that same string.
//
// Invalid UTF-8 never fails the call: each bad sequence becomes U+FFFD and a
// Warning names its byte offset in the *raw* input.
//
// Typographic quotes, apostrophes and dashes (’ “ ” – —) are kept in the text;
// their tokens match as the ASCII forms because matching uses Token::key, the hash
// of NameKey() of the token.
//
// FindQuantities() and FindTimes() read numbers (with hedges, vague counts, ranges
// and units) and time expressions (resolved against a publication date) from a
// token range, usually one sentence.
//
// Thread rule: all functions here are pure and may run concurrently; a Text is a
// value owned by its caller.
#ifndef SITREP_TEXT_H_
#define SITREP_TEXT_H_

#include <cassert>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "sitrep/status.h"

namespace sitrep {

struct TextOptions {
  // Documents longer than this many bytes are cut there (with a warning).
  size_t max_bytes = 32u << 20;
};

enum class TokenKind : uint8_t {
  kWord,    // letters, possibly with internal apostrophes or dots ("U.S.", "Ma'arrat")
  kNumber,  // starts with a digit: "300", "1,200", "3.5", "5:00", "2022-02-23", "20-30", "23rd"
  kPunct,   // . , ; : ! ? ( ) [ ] " ' — – - … and the like
  kSymbol,  // anything else (%, $, €, emoji, U+FFFD)
};

enum TokenFlag : uint8_t {
  kSpaceBefore = 1,    // whitespace (or start of text) precedes the token
  kCapitalized = 2,    // first letter upper case
  kAllCaps = 4,        // two or more letters, all upper case ("HTS", "ALEPPO")
  kSkippable = 8,      // Arabic article joined by a hyphen ("al-", "el-", "ash-"), a bare "al"/"el", a joining
                       // hyphen or a possessive "'s":
                       // transparent to dictionary matching
  kNewlineBefore = 16, // a line break precedes the token
  kAbbrev = 32,        // a word that ended with an abbreviation's period ("Gen.", "U.S.")
};

// The default constructor sets nothing (`Token t;` and `Token t{}` alike leave every field
// unset): whoever makes a Token sets every field. So the tokenizer grows a text's vector of
// tokens by resize without writing each new element twice, and Tokens copy as plain memory.
struct Token {
  Token() {}  // NOLINT: deliberately not `= default`, which `Token t{}` would zero
  uint32_t begin;  // byte span in Text::text
  uint32_t end;
  uint64_t key;    // KeyHash(NameKey(token)) for words and numbers, KeyHash(FoldText(token)) otherwise
  TokenKind kind;
  uint8_t flags;
  // Internal to the text stage: set by AnalyzeText from a word's key (every number token carries
  // both anchor bits, text_internal::kNumberReaderBits, which the readers' anchor walk relies on),
  // read by FindTimes and FindQuantities to pass over words that cannot start or anchor what they read.
  uint8_t reader_bits;
  bool has(TokenFlag f) const { return flags & f; }
};

struct Sentence {
  uint32_t begin = 0, end = 0;              // byte span in Text::text
  uint32_t token_begin = 0, token_end = 0;  // token index range [token_begin, token_end)
};

struct Warning {
  uint64_t offset = 0;  // byte offset in the raw input
  std::string message;
};

struct Text {
  std::string text;  // normalised text: every span points here
  std::vector<Token> tokens;
  std::vector<Sentence> sentences;
  std::vector<Warning> warnings;

  // The text of a token, and of a byte span [begin, end) of `text` (begin <= end <= text.size(),
  // as every span that AnalyzeText makes; not checked: these run for most tokens of most stages).
  std::string_view token_text(size_t i) const {
    assert(tokens[i].begin <= tokens[i].end && tokens[i].end <= text.size());
    return std::string_view(text.data() + tokens[i].begin, tokens[i].end - tokens[i].begin);
  }
  std::string_view span(uint32_t begin, uint32_t end) const {
    assert(begin <= end && end <= text.size());
    return std::string_view(text.data() + begin, end - begin);
  }
};

// Normalises, tokenises and segments `raw`. Fails only when raw is larger than
// 4 GiB (spans are 32-bit); all other problems become warnings.
StatusOr<Text> AnalyzeText(std::string_view raw, const TextOptions& options = {});

// Normalisation alone: valid UTF-8 (bad bytes → U+FFFD, with warnings), NFC,
// "\r\n" and '\r' → '\n', other control characters except '\t' → ' '.
std::string NormalizeUtf8(std::string_view raw, std::vector<Warning>* warnings);

// Case-folded, diacritics stripped, typographic quotes/dashes as ASCII:
// "Ḥalab" → "halab", "Assad’s" → "assad's".
std::string FoldText(std::string_view s);

// FoldText into *out (its previous contents replaced); `s` must not point into *out.
// Reusing one string across calls avoids an allocation per call for folds longer than the
// small-string buffer.
void FoldTextTo(std::string_view s, std::string* out);

// Diacritics and transliteration marks removed, case kept: "Ḩajjah" → "Hajjah",
// "Ma’rib" → "Marib", "São Paulo" → "Sao Paulo" (ACLED writes names in ASCII).
std::string StripDiacritics(std::string_view s);

// The matching key of one token: FoldText, then apostrophes dropped and press
// spellings of Arabic and similar names brought together (doubled letters single,
// ou→u, ei/ey/ai→ay, q→k, final -eh/-ah→-a, tel/tell/tall→tal):
// "Sheikhoun" → "shaykhun", "Ma'arrat" → "marat", "Raqqah" → "raka".
std::string NameKey(std::string_view token);

// NameKey into *out (its previous contents replaced); `token` must not point into *out.
void NameKeyTo(std::string_view token, std::string* out);

// KeyHash(NameKey(token)), without allocating for short ASCII words.
uint64_t TokenKeyHash(std::string_view token);

// Hash of a key (never 0 for a non-empty key).
uint64_t KeyHash(std::string_view key);

// Combines the keys of consecutive tokens into a phrase key; the order matters.
inline uint64_t PhraseHashStep(uint64_t h, uint64_t token_key) {
  uint64_t x = (h ^ token_key) * 0x9E3779B97F4A7C15ull;
  x ^= x >> 29;
  return x == 0 ? 1 : x;
}

// Splits a phrase the way AnalyzeText splits text and returns its phrase hash over
// the non-skippable tokens ("Maarat al-Numan" → hash of marat, numan): two spellings with
// the same PhraseHash have the same sequence of token keys, so the lexicon matches them
// alike. (The lexicon's own slot hash, lexfmt::FirstSlotHash and NextSlotHash since format
// 4, is another function of the same keys.) Returns 0 for a phrase with no matchable token.
uint64_t PhraseHash(std::string_view phrase);

// ---------------------------------------------------------------- quantities

enum class Unit : uint8_t {
  kNone,      // a count: "300", "three hundred", "dozens"
  kDistance,  // km, kilometres, miles, metres, m
  kPercent,
  kMoney,     // $, dollars, euros, pounds...
  kDuration,  // hours, days, weeks, months, years (as "for three days")
  kWeight,    // kg, tonnes
  kOrdinal,   // "23rd", "third"
  kYear,      // a bare four-digit year 1900..2099 read as a year
  kOther,     // any other unit word that makes the number not a head count
};

struct Quantity {
  uint32_t token_begin = 0, token_end = 0;  // tokens covered, hedge and unit included
  uint32_t begin = 0, end = 0;              // byte span
  int64_t value = 0;  // best figure (ACLED's conservative reading: "over 300" → 300)
  int64_t low = 0;    // lower bound
  int64_t high = 0;   // upper bound (== value when exact; see doc/numbers-and-times.md)
  bool vague = false;  // "dozens", "hundreds", "several": a fixed convention, not a stated figure
  bool approximate = false;  // "about", "approximately", "nearly", "around"
  Unit unit = Unit::kNone;
};

// All quantities in tokens [token_begin, token_end) of `text`, in order. `text` is as
// AnalyzeText made it: the readers skip words by their Token::key.
std::vector<Quantity> FindQuantities(const Text& text, uint32_t token_begin, uint32_t token_end);

// ---------------------------------------------------------------- times

struct Date {
  int year = 0, month = 0, day = 0;  // 0 = unknown
  bool valid() const { return year > 0 && month >= 1 && month <= 12 && day >= 1 && day <= 31; }
  std::string ToIso() const;  // "2024-11-27"
  bool operator==(const Date&) const = default;
};

// Parses "YYYY-MM-DD" (also "YYYY-MM-DDThh:mm..." prefixes); false on a bad date.
bool ParseIsoDate(std::string_view s, Date* out);

// ACLED's time precision: 1 the day, 2 the week or a few days, 3 the month or vaguer.
enum class TimePrecision : uint8_t { kDay = 1, kWeek = 2, kMonth = 3, kYear = 4, kUnknown = 9 };

enum class TimeKind : uint8_t {
  kDate,      // a day, explicit or relative: "23 February 2022", "on Wednesday", "yesterday"
  kPeriod,    // a week/month/year: "last week", "earlier this month", "in March", "in 2020"
  kSince,     // "since 2011", "since the start of the offensive" (resolved when dated)
  kUntil,     // "through the weekend", "until Sunday"
  kClock,     // "5:00 PM local time", "at dawn"
};

struct TimeExpr {
  uint32_t token_begin = 0, token_end = 0;
  uint32_t begin = 0, end = 0;  // byte span
  TimeKind kind = TimeKind::kDate;
  Date date;                    // resolved start (day 0/month 0 when coarser)
  TimePrecision precision = TimePrecision::kUnknown;
  bool resolved = false;        // false when a relative expression had no publication date
  int clock_minutes = -1;       // minutes after midnight for kClock, else -1
};

// All time expressions in tokens [token_begin, token_end) of `text`, each resolved
// against `published` (invalid Date = none: relative ones stay unresolved). `text` is as
// AnalyzeText made it (token keys included), as for FindQuantities.
std::vector<TimeExpr> FindTimes(const Text& text, uint32_t token_begin, uint32_t token_end,
                                const Date& published);

// FindTimes and FindQuantities of one token range, into *times and *quantities (cleared
// first, so that their storage is reused): the same results, with the tokens walked and
// lowered once for both readers.
void FindTimesAndQuantities(const Text& text, uint32_t token_begin, uint32_t token_end, const Date& published,
                            std::vector<TimeExpr>* times, std::vector<Quantity>* quantities);

// Calendar helpers used by the resolver and by later stages.
int DaysFromCivil(const Date& d);     // days since 1970-01-01
Date CivilFromDays(int days);
int Weekday(const Date& d);            // 0 = Monday .. 6 = Sunday

}  // namespace sitrep

#endif  // SITREP_TEXT_H_
