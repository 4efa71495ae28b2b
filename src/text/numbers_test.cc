// Tests for FindQuantities (src/text/numbers.cc); conventions in doc/numbers-and-times.md.
#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <vector>

#include "sitrep/text.h"

namespace sitrep {
namespace {

Text Analyze(std::string_view s) {
  StatusOr<Text> t = AnalyzeText(s);
  EXPECT_TRUE(t.ok());
  return std::move(t).value();
}

std::vector<Quantity> All(const Text& t) {
  return FindQuantities(t, 0, static_cast<uint32_t>(t.tokens.size()));
}

const char* UnitName(Unit u) {
  switch (u) {
    case Unit::kNone: return "none";
    case Unit::kDistance: return "distance";
    case Unit::kPercent: return "percent";
    case Unit::kMoney: return "money";
    case Unit::kDuration: return "duration";
    case Unit::kWeight: return "weight";
    case Unit::kOrdinal: return "ordinal";
    case Unit::kYear: return "year";
    case Unit::kOther: return "other";
  }
  return "?";
}

std::string Describe(const Text& t, const std::vector<Quantity>& qs) {
  std::string s;
  for (const Quantity& q : qs) {
    s += "[" + std::string(t.span(q.begin, q.end)) + "] v=" + std::to_string(q.value) +
         " low=" + std::to_string(q.low) + " high=" + std::to_string(q.high) + (q.vague ? " vague" : "") +
         (q.approximate ? " approx" : "") + " " + UnitName(q.unit) + "; ";
  }
  return s.empty() ? "(none)" : s;
}

// ---------------------------------------------------------------- the table

struct QCase {
  const char* text;
  const char* span;  // text of the expected quantity: hedge + number + unit
  int64_t value, low, high;
  bool vague, approximate;
  Unit unit;
};

void PrintTo(const QCase& c, std::ostream* os) { *os << '"' << c.text << '"'; }

constexpr bool V = true, A = true, _ = false;

const QCase kCases[] = {
    // Lower bounds: the stated figure (ACLED's lowest credible reading).
    {"Reports say over 300 people have died.", "over 300", 300, 300, 300, _, _, Unit::kNone},
    {"More than 300 people were killed.", "More than 300", 300, 300, 300, _, _, Unit::kNone},
    {"At least 300 fighters died in the assault.", "At least 300", 300, 300, 300, _, _, Unit::kNone},
    {"The group lost 300-plus fighters.", "300-plus", 300, 300, 300, _, _, Unit::kNone},
    {"Upwards of 300 homes burned.", "Upwards of 300", 300, 300, 300, _, _, Unit::kNone},
    {"The toll is 300 or more.", "300 or more", 300, 300, 300, _, _, Unit::kNone},
    {"Medics counted 20+ wounded.", "20+", 20, 20, 20, _, _, Unit::kNone},
    {"In excess of 1,000 shells fell.", "In excess of 1,000", 1000, 1000, 1000, _, _, Unit::kNone},
    // Approximations.
    {"Among them were approximately 20 civilians.", "approximately 20", 20, 20, 20, _, A, Unit::kNone},
    {"About 45 soldiers surrendered.", "About 45", 45, 45, 45, _, A, Unit::kNone},
    {"Around 1,000 residents fled the district.", "Around 1,000", 1000, 1000, 1000, _, A, Unit::kNone},
    {"Some 70 people were detained.", "Some 70", 70, 70, 70, _, A, Unit::kNone},
    {"Roughly 15 villages were emptied.", "Roughly 15", 15, 15, 15, _, A, Unit::kNone},
    {"An estimated 5,000 troops massed.", "An estimated 5,000", 5000, 5000, 5000, _, A, Unit::kNone},
    {"Nearly 40 prisoners escaped.", "Nearly 40", 40, 40, 40, _, A, Unit::kNone},
    {"Almost 200 families were displaced.", "Almost 200", 200, 200, 200, _, A, Unit::kNone},
    {"Close to 90 fighters defected.", "Close to 90", 90, 90, 90, _, A, Unit::kNone},
    {"The camp held 300 or so detainees.", "300 or so", 300, 300, 300, _, A, Unit::kNone},
    {"A 20-odd strong patrol was hit.", "20-odd", 20, 20, 20, _, A, Unit::kNone},
    // Upper bounds: value is the ceiling, low 1 for a count (something did happen).
    {"Up to 20 people may have died.", "Up to 20", 20, 1, 20, _, A, Unit::kNone},
    {"As many as 150 protesters were held.", "As many as 150", 150, 1, 150, _, A, Unit::kNone},
    {"Fewer than 10 casualties were reported.", "Fewer than 10", 10, 1, 10, _, A, Unit::kNone},
    {"The shells landed up to 20 km away.", "up to 20 km", 20, 0, 20, _, A, Unit::kDistance},
    // Ranges: the lowest figure is the value.
    {"Between 20 and 30 guards were on duty.", "Between 20 and 30", 20, 20, 30, _, _, Unit::kNone},
    {"Witnesses saw 20 to 30 gunmen.", "20 to 30", 20, 20, 30, _, _, Unit::kNone},
    {"Witnesses saw 20-30 gunmen.", "20-30", 20, 20, 30, _, _, Unit::kNone},
    {"Witnesses saw 20\xE2\x80\x93" "30 gunmen.", "20\xE2\x80\x93" "30", 20, 20, 30, _, _, Unit::kNone},
    {"Witnesses saw 20 or 30 gunmen.", "20 or 30", 20, 20, 30, _, _, Unit::kNone},
    {"One or two rockets fell short.", "One or two", 1, 1, 2, _, _, Unit::kNone},
    {"Two to three million people need aid.", "Two to three million", 2000000, 2000000, 3000000, _, _, Unit::kNone},
    {"About 1,000 to 1,500 fighters joined.", "About 1,000 to 1,500", 1000, 1000, 1500, _, A, Unit::kNone},
    {"From 40 to 60 trucks crossed daily.", "From 40 to 60", 40, 40, 60, _, _, Unit::kNone},
    {"Between 12 to 15 herders were shot.", "Between 12 to 15", 12, 12, 15, _, _, Unit::kNone},
    // Vague counts with fixed values.
    {"Dozens of soldiers were captured.", "Dozens", 12, 12, 12, V, _, Unit::kNone},
    {"Tens of people were hurt.", "Tens", 10, 10, 10, V, _, Unit::kNone},
    {"Hundreds of families left.", "Hundreds", 100, 100, 100, V, _, Unit::kNone},
    {"Thousands fled the fighting.", "Thousands", 1000, 1000, 1000, V, _, Unit::kNone},
    {"Tens of thousands of refugees crossed.", "Tens of thousands", 10000, 10000, 10000, V, _, Unit::kNone},
    {"Hundreds of thousands were displaced.", "Hundreds of thousands", 100000, 100000, 100000, V, _, Unit::kNone},
    {"Scores of civilians were buried.", "Scores", 20, 20, 20, V, _, Unit::kNone},
    {"Several soldiers were wounded.", "Several", 3, 3, 3, V, _, Unit::kNone},
    {"Several hundred demonstrators marched.", "Several hundred", 300, 300, 300, V, _, Unit::kNone},
    {"A few houses were hit.", "A few", 3, 3, 3, V, _, Unit::kNone},
    {"A few dozen gunmen attacked.", "A few dozen", 36, 36, 36, V, _, Unit::kNone},
    {"A handful of fighters remained.", "A handful", 3, 3, 3, V, _, Unit::kNone},
    {"A couple of guards were shot.", "A couple", 2, 2, 2, V, _, Unit::kNone},
    {"Numerous soldiers have fallen.", "Numerous", 3, 3, 3, V, _, Unit::kNone},
    {"Clashes left an unknown number of fighters dead.", "an unknown number", 3, 3, 3, V, _, Unit::kNone},
    {"More than a dozen rockets hit the base.", "More than a dozen", 12, 12, 12, _, _, Unit::kNone},
    // Spelled-out numbers.
    {"Three hundred and twenty detainees were freed.", "Three hundred and twenty", 320, 320, 320, _, _, Unit::kNone},
    {"Twenty-one soldiers were killed.", "Twenty-one", 21, 21, 21, _, _, Unit::kNone},
    {"Twenty one soldiers were killed.", "Twenty one", 21, 21, 21, _, _, Unit::kNone},
    {"A dozen rockets were fired.", "A dozen", 12, 12, 12, _, _, Unit::kNone},
    {"A hundred tanks advanced.", "A hundred", 100, 100, 100, _, _, Unit::kNone},
    {"Two dozen vehicles burned.", "Two dozen", 24, 24, 24, _, _, Unit::kNone},
    {"One soldier was killed.", "One", 1, 1, 1, _, _, Unit::kNone},
    {"Half a million people lack water.", "Half a million", 500000, 500000, 500000, _, _, Unit::kNone},
    {"Two hundred fifty thousand were registered.", "Two hundred fifty thousand", 250000, 250000, 250000, _, _,
     Unit::kNone},
    {"THREE HUNDRED prisoners were moved.", "THREE HUNDRED", 300, 300, 300, _, _, Unit::kNone},
    // Digits.
    {"The agency registered 1,200 arrivals.", "1,200", 1200, 1200, 1200, _, _, Unit::kNone},
    {"The UN counts 3.5 million refugees.", "3.5 million", 3500000, 3500000, 3500000, _, _, Unit::kNone},
    {"Officials counted 1,250,000 voters.", "1,250,000", 1250000, 1250000, 1250000, _, _, Unit::kNone},
    {"Some 2000 soldiers were deployed.", "Some 2000", 2000, 2000, 2000, _, A, Unit::kNone},
    {"2000 soldiers were deployed.", "2000", 2000, 2000, 2000, _, _, Unit::kNone},
    // Distances.
    {"Idlib lies just 55 kilometers (34 miles) away.", "55 kilometers", 55, 55, 55, _, _, Unit::kDistance},
    {"Idlib lies just 55 kilometers (34 miles) away.", "34 miles", 34, 34, 34, _, _, Unit::kDistance},
    {"The front ran for 100km along the river.", "100km", 100, 100, 100, _, _, Unit::kDistance},
    {"They dug in 500 metres from the wall.", "500 metres", 500, 500, 500, _, _, Unit::kDistance},
    {"A 10-km stretch of road was closed.", "10-km", 10, 10, 10, _, _, Unit::kDistance},
    // Percent, money, duration, weight.
    {"Turnout fell by 5% this year.", "5%", 5, 5, 5, _, _, Unit::kPercent},
    {"Prices rose 30 per cent.", "30 per cent", 30, 30, 30, _, _, Unit::kPercent},
    {"Inflation reached 12 percent.", "12 percent", 12, 12, 12, _, _, Unit::kPercent},
    {"Donors pledged $5 million in aid.", "$5 million", 5000000, 5000000, 5000000, _, _, Unit::kMoney},
    {"Donors pledged 5 million dollars.", "5 million dollars", 5000000, 5000000, 5000000, _, _, Unit::kMoney},
    {"The fine was 300 euros.", "300 euros", 300, 300, 300, _, _, Unit::kMoney},
    {"A US$5bn loan was agreed.", "US$5bn", 5000000000, 5000000000, 5000000000, _, _, Unit::kMoney},
    {"Fighting raged for three days.", "three days", 3, 3, 3, _, _, Unit::kDuration},
    {"The siege lasted 24 hours.", "24 hours", 24, 24, 24, _, _, Unit::kDuration},
    {"He served 2 years in prison.", "2 years", 2, 2, 2, _, _, Unit::kDuration},
    {"A three-day truce began.", "three-day", 3, 3, 3, _, _, Unit::kDuration},
    {"Police seized 500 kg of explosives.", "500 kg", 500, 500, 500, _, _, Unit::kWeight},
    {"The ship carried 10 tonnes of grain.", "10 tonnes", 10, 10, 10, _, _, Unit::kWeight},
    // Ordinals.
    {"It was the 23rd attack this year.", "23rd", 23, 23, 23, _, _, Unit::kOrdinal},
    {"A third convoy was turned back.", "third", 3, 3, 3, _, _, Unit::kOrdinal},
    {"The 1st battalion withdrew.", "1st", 1, 1, 1, _, _, Unit::kOrdinal},
    {"It was the twenty-first raid.", "twenty-first", 21, 21, 21, _, _, Unit::kOrdinal},
    // Years.
    {"The war has gone on since 2011.", "2011", 2011, 2011, 2011, _, _, Unit::kYear},
    {"A 2020 ceasefire held for months.", "2020", 2020, 2020, 2020, _, _, Unit::kYear},
    {"The town was razed in the 1990s.", "1990s", 1990, 1990, 1999, _, _, Unit::kYear},
    {"The 2011-2014 siege ended.", "2011-2014", 2011, 2011, 2014, _, _, Unit::kYear},
    {"Talks stalled in mid-2019.", "2019", 2019, 2019, 2019, _, _, Unit::kYear},
    {"In 2011 protesters filled the squares.", "2011", 2011, 2011, 2011, _, _, Unit::kYear},
    {"Between 2011 and 2014 the city was besieged.", "Between 2011 and 2014", 2011, 2011, 2014, _, _, Unit::kYear},
    // Not head counts: ages, clock times, dates, labels.
    {"A man aged 25 was arrested.", "aged 25", 25, 25, 25, _, _, Unit::kOther},
    {"A 25-year-old man was arrested.", "25-year-old", 25, 25, 25, _, _, Unit::kOther},
    {"The victim was 25 years old.", "25 years old", 25, 25, 25, _, _, Unit::kOther},
    {"The curfew starts at 5:00 PM local time.", "5:00 PM local time", 500, 500, 500, _, _, Unit::kOther},
    {"The curfew starts at 5 p.m. sharp.", "5 p.m.", 5, 5, 5, _, _, Unit::kOther},
    {"Shelling began at 17:00 GMT.", "17:00 GMT", 1700, 1700, 1700, _, _, Unit::kOther},
    {"The report is dated 2022-02-23.", "2022-02-23", 20220223, 20220223, 20220223, _, _, Unit::kOther},
    {"The report is dated 23/02/2022.", "23/02/2022", 20220223, 20220223, 20220223, _, _, Unit::kOther},
    {"Troops crossed on 23 February.", "23", 23, 23, 23, _, _, Unit::kOther},
    {"Troops crossed on February 23rd.", "23rd", 23, 23, 23, _, _, Unit::kOther},
    {"It breaches Resolution 2254.", "2254", 2254, 2254, 2254, _, _, Unit::kOther},
    {"He cited Article 5 of the treaty.", "5", 5, 5, 5, _, _, Unit::kOther},
    {"Traffic on Route 66 was halted.", "66", 66, 66, 66, _, _, Unit::kOther},
    {"Decree No. 12 was issued.", "12", 12, 12, 12, _, _, Unit::kOther},
    {"Two F-16 jets flew over.", "16", 16, 16, 16, _, _, Unit::kOther},
    {"Rebels hold two-thirds of the city.", "two-thirds", 2, 2, 2, _, _, Unit::kOther},
    {"Rebels hold a third of the city.", "third", 3, 3, 3, _, _, Unit::kOther},
};

class NumbersTable : public ::testing::TestWithParam<QCase> {};

TEST_P(NumbersTable, Reads) {
  const QCase& c = GetParam();
  Text t = Analyze(c.text);
  std::vector<Quantity> qs = All(t);
  const Quantity* found = nullptr;
  for (const Quantity& q : qs)
    if (t.span(q.begin, q.end) == c.span) found = &q;
  ASSERT_NE(found, nullptr) << "no quantity [" << c.span << "] in: " << Describe(t, qs);
  EXPECT_EQ(found->value, c.value) << Describe(t, qs);
  EXPECT_EQ(found->low, c.low) << Describe(t, qs);
  EXPECT_EQ(found->high, c.high) << Describe(t, qs);
  EXPECT_EQ(found->vague, c.vague) << Describe(t, qs);
  EXPECT_EQ(found->approximate, c.approximate) << Describe(t, qs);
  EXPECT_EQ(found->unit, c.unit) << "got " << UnitName(found->unit) << ": " << Describe(t, qs);
  // The token range and the byte span agree.
  EXPECT_EQ(found->begin, t.tokens[found->token_begin].begin);
  EXPECT_EQ(found->end, t.tokens[found->token_end - 1].end);
}

INSTANTIATE_TEST_SUITE_P(Numbers, NumbersTable, ::testing::ValuesIn(kCases));

// ---------------------------------------------------------------- no head count

struct NoCountCase {
  const char* text;
};

void PrintTo(const NoCountCase& c, std::ostream* os) { *os << '"' << c.text << '"'; }

// Sentences with no quantity at all: articles, pronouns, "some of", modal "may".
const NoCountCase kNoQuantity[] = {
    {"A man was shot at a checkpoint."},
    {"No one was hurt in the blast."},
    {"The factions blamed one another."},
    {"Some of the residents returned."},
    {"Nobody knows how many died."},
    {"The number of dead is unclear."},
    {"They may attack the base."},
    {"It lasted as many as possible."},
};

class NumbersNone : public ::testing::TestWithParam<NoCountCase> {};

TEST_P(NumbersNone, FindsNothing) {
  Text t = Analyze(GetParam().text);
  std::vector<Quantity> qs = All(t);
  EXPECT_TRUE(qs.empty()) << Describe(t, qs);
}

INSTANTIATE_TEST_SUITE_P(Numbers, NumbersNone, ::testing::ValuesIn(kNoQuantity));

// ---------------------------------------------------------------- whole sentences

TEST(NumbersSentences, HedgedTollAndCivilianShare) {
  Text t = Analyze(
      "Monitors say over 300 people have been killed since the assault began, among them approximately "
      "20 civilians.");
  std::vector<Quantity> qs = All(t);
  ASSERT_EQ(qs.size(), 2u) << Describe(t, qs);
  EXPECT_EQ(qs[0].value, 300);
  EXPECT_FALSE(qs[0].approximate);
  EXPECT_EQ(qs[0].unit, Unit::kNone);
  EXPECT_EQ(qs[1].value, 20);
  EXPECT_TRUE(qs[1].approximate);
  EXPECT_EQ(qs[1].unit, Unit::kNone);
}

TEST(NumbersSentences, KilometresAndMilesAreTwoDistances) {
  Text t = Analyze("The border town lies 55 kilometers (34 miles) south of the provincial capital.");
  std::vector<Quantity> qs = All(t);
  ASSERT_EQ(qs.size(), 2u) << Describe(t, qs);
  EXPECT_EQ(qs[0].value, 55);
  EXPECT_EQ(qs[0].unit, Unit::kDistance);
  EXPECT_EQ(qs[1].value, 34);
  EXPECT_EQ(qs[1].unit, Unit::kDistance);
  EXPECT_EQ(t.span(qs[0].begin, qs[0].end), "55 kilometers");
  EXPECT_EQ(t.span(qs[1].begin, qs[1].end), "34 miles");
}

TEST(NumbersSentences, BackgroundYearsAreYears) {
  Text t = Analyze(
      "The raid was the air force\xE2\x80\x99s first in the province since 2016. "
      "A truce agreed in 2020 had held until now, but the war that began in 2011 has returned.");
  std::vector<Quantity> qs = All(t);
  std::vector<int64_t> years;
  for (const Quantity& q : qs)
    if (q.unit == Unit::kYear) years.push_back(q.value);
  EXPECT_EQ(years, (std::vector<int64_t>{2016, 2020, 2011})) << Describe(t, qs);
  for (const Quantity& q : qs) EXPECT_NE(q.unit, Unit::kNone) << Describe(t, qs);  // "first" is an ordinal
}

TEST(NumbersSentences, CurfewTimeIsNotACount) {
  Text t = Analyze("Authorities ordered a curfew from 5:00 PM local time until the end of the weekend.");
  std::vector<Quantity> qs = All(t);
  ASSERT_EQ(qs.size(), 1u) << Describe(t, qs);
  EXPECT_EQ(qs[0].unit, Unit::kOther);
}

TEST(NumbersRange, OnlyTheGivenTokens) {
  Text t = Analyze("Dozens died. 300 fled. About 20 stayed.");
  ASSERT_EQ(t.sentences.size(), 3u);
  const Sentence& s = t.sentences[1];
  std::vector<Quantity> qs = FindQuantities(t, s.token_begin, s.token_end);
  ASSERT_EQ(qs.size(), 1u) << Describe(t, qs);
  EXPECT_EQ(qs[0].value, 300);
  EXPECT_GE(qs[0].token_begin, s.token_begin);
  EXPECT_LE(qs[0].token_end, s.token_end);
}

TEST(NumbersRange, EmptyAndOversizedRanges) {
  Text t = Analyze("About 20 stayed.");
  EXPECT_TRUE(FindQuantities(t, 0, 0).empty());
  EXPECT_TRUE(FindQuantities(t, 3, 1).empty());
  std::vector<Quantity> qs = FindQuantities(t, 0, 1000);  // clamped to the token count
  ASSERT_EQ(qs.size(), 1u);
  EXPECT_EQ(qs[0].value, 20);
  Text empty = Analyze("");
  EXPECT_TRUE(All(empty).empty());
}

TEST(NumbersRange, LongRangesBeyondOneSentence) {
  std::string text;
  for (int i = 0; i < 60; ++i) text += "The convoy moved on. ";  // 300 tokens
  text += "About 20 stayed.";
  Text t = Analyze(text);
  ASSERT_GT(t.tokens.size(), 300u);
  std::vector<Quantity> qs = All(t);
  ASSERT_EQ(qs.size(), 1u) << Describe(t, qs);
  EXPECT_EQ(qs[0].value, 20);
  EXPECT_TRUE(qs[0].approximate);
  EXPECT_EQ(t.span(qs[0].begin, qs[0].end), "About 20");
}

TEST(NumbersRange, HedgeOutsideTheRangeIsNotUsed) {
  Text t = Analyze("over 300 died");
  std::vector<Quantity> qs = FindQuantities(t, 1, static_cast<uint32_t>(t.tokens.size()));
  ASSERT_EQ(qs.size(), 1u);
  EXPECT_EQ(qs[0].token_begin, 1u);
  EXPECT_EQ(qs[0].value, 300);
}

TEST(NumbersOrder, QuantitiesComeInTextOrderWithoutOverlap) {
  Text t = Analyze(
      "Between 20 and 30 soldiers and dozens of civilians died over 3 days, 12 km from the 2nd checkpoint, "
      "costing $4 million.");
  std::vector<Quantity> qs = All(t);
  ASSERT_EQ(qs.size(), 6u) << Describe(t, qs);
  for (size_t i = 1; i < qs.size(); ++i) EXPECT_GE(qs[i].token_begin, qs[i - 1].token_end);
  EXPECT_EQ(qs[2].unit, Unit::kDuration);
  EXPECT_EQ(qs[2].value, 3);
  EXPECT_EQ(qs[3].unit, Unit::kDistance);
  EXPECT_EQ(qs[4].unit, Unit::kOrdinal);
  EXPECT_EQ(qs[5].unit, Unit::kMoney);
  EXPECT_EQ(qs[5].value, 4000000);
}

// Starter words are skipped by their token key before they are lowered (src/text/word_table.h):
// capitals, dots and mixed case must not lose a hedge or a number word.
TEST(NumbersSentences, StarterWordsInAnyCase) {
  for (const char* s : {"about 300 people", "About 300 people", "ABOUT 300 PEOPLE", "aBoUt 300 people"}) {
    Text t = Analyze(s);
    std::vector<Quantity> qs = All(t);
    ASSERT_EQ(qs.size(), 1u) << s << ": " << Describe(t, qs);
    EXPECT_EQ(qs[0].value, 300) << s;
    EXPECT_TRUE(qs[0].approximate) << s;
  }
  for (const char* s : {"a dozen fighters", "A DOZEN fighters", "Twenty-One fighters", "SEVERAL HUNDRED fighters"}) {
    Text t = Analyze(s);
    EXPECT_EQ(All(t).size(), 1u) << s << ": " << Describe(t, All(t));
  }
}

// The words looked up around a number (units, months, labels, year context, fractions, number
// words) are passed over by their reader bits when these rule them out: in any case, dotted
// or not, they must still be found.
TEST(NumbersSentences, LookedUpWordsInAnyCase) {
  struct Case {
    const char* text;
    Unit unit;
    int64_t value;
  };
  for (const Case& c : {
           Case{"5 KM from the town", Unit::kDistance, 5}, Case{"5 Km from the town", Unit::kDistance, 5},
           Case{"30 PERCENT of voters", Unit::kPercent, 30}, Case{"3 Million fled", Unit::kNone, 3000000},
           Case{"RESOLUTION 2254 passed", Unit::kOther, 2254}, Case{"No. 5 was hit", Unit::kOther, 5},
           Case{"Highway 5 was cut", Unit::kOther, 5}, Case{"23 FEBRUARY", Unit::kOther, 23},
           Case{"Feb. 23", Unit::kOther, 23}, Case{"two-THIRDS of them", Unit::kOther, 2},
           Case{"SINCE 2011 protesters", Unit::kYear, 2011}, Case{"In 1990 PEOPLE fled", Unit::kYear, 1990},
       }) {
    Text t = Analyze(c.text);
    std::vector<Quantity> qs = All(t);
    ASSERT_EQ(qs.size(), 1u) << c.text << ": " << Describe(t, qs);
    EXPECT_EQ(qs[0].unit, c.unit) << c.text << ": " << Describe(t, qs);
    EXPECT_EQ(qs[0].value, c.value) << c.text << ": " << Describe(t, qs);
  }
}

// After a number's core, MatchAt passes over the range, hedge, unit, clock and fraction tests
// when the next token's reader bits rule out every word they look for (kAfterCore): in any
// case, dotted, with a typographic apostrophe, or a mark, these words must still be found.
TEST(NumbersSentences, WordsAfterANumberInAnyCase) {
  struct Case {
    const char* text;
    Unit unit;
    int64_t value, high;
  };
  for (const Case& c : {
           Case{"20 TO 30 people", Unit::kNone, 20, 30}, Case{"20 Or 30 people", Unit::kNone, 20, 30},
           Case{"5 - 7 dead", Unit::kNone, 5, 7}, Case{"300 PLUS fighters", Unit::kNone, 300, 300},
           Case{"20+ killed", Unit::kNone, 20, 20}, Case{"5 P.M. curfew", Unit::kOther, 5, 5},
           Case{"5 O\xE2\x80\x99" "CLOCK curfew", Unit::kOther, 5, 5}, Case{"1700 GMT curfew", Unit::kOther, 1700, 1700},
           Case{"25 YEARS OLD man", Unit::kOther, 25, 25}, Case{"5 Per Cent rise", Unit::kPercent, 5, 5},
           Case{"30% rise", Unit::kPercent, 30, 30}, Case{"2 SQ KM area", Unit::kOther, 2, 2},
           Case{"5 M wall", Unit::kDistance, 5, 5}, Case{"3 Quarters of them", Unit::kOther, 3, 3},
           Case{"the 1990's wars", Unit::kYear, 1990, 1999}, Case{"5 Nautical Miles out", Unit::kDistance, 5, 5},
           Case{"3 MLN people", Unit::kNone, 3000000, 3000000}, Case{"$5BN aid", Unit::kMoney, 5000000000, 5000000000},
       }) {
    Text t = Analyze(c.text);
    std::vector<Quantity> qs = All(t);
    ASSERT_EQ(qs.size(), 1u) << c.text << ": " << Describe(t, qs);
    EXPECT_EQ(qs[0].unit, c.unit) << c.text << ": " << Describe(t, qs);
    EXPECT_EQ(qs[0].value, c.value) << c.text << ": " << Describe(t, qs);
    EXPECT_EQ(qs[0].high, c.high) << c.text << ": " << Describe(t, qs);
  }
}

// Starts are tried only near a number or an anchor word (kAnchors): the longest hedge, a
// two-token currency and an anchor two tokens into the core must still be reached.
TEST(NumbersSentences, AnchorsAtTheEdgeOfTheReach) {
  for (const char* s : {"no fewer than US$5 million", "a large number of people", "an unknown number of troops",
                        "in excess of several hundred", "half a million", "a couple of fighters"}) {
    Text t = Analyze(s);
    std::vector<Quantity> qs = All(t);
    ASSERT_EQ(qs.size(), 1u) << s << ": " << Describe(t, qs);
    EXPECT_EQ(qs[0].token_begin, 0u) << s << ": " << Describe(t, qs);
  }
}

TEST(NumbersRobust, OddNumberTokensDoNotCrash) {
  // Overlong digit runs, lists and version numbers: no quantity is invented and nothing breaks.
  Text t = Analyze("Call 123456789012345678901234 or see 1.2.3 and 1,2,3 or 99999999999999999 km.");
  std::vector<Quantity> qs = All(t);
  for (const Quantity& q : qs) {
    EXPECT_LE(q.low, q.value);
    EXPECT_LE(q.value, q.high);
  }
}

TEST(NumbersRobust, LowNeverExceedsValueNorValueHigh) {
  const char* texts[] = {"up to 20 km", "nearly 40", "between 5 and 9", "over 300", "300-plus", "fewer than 1",
                         "several dozen", "a few hundred thousand", "2 to 3 million dollars"};
  for (const char* s : texts) {
    Text t = Analyze(s);
    for (const Quantity& q : All(t)) {
      EXPECT_LE(q.low, q.value) << s;
      EXPECT_LE(q.value, q.high) << s;
    }
  }
}

}  // namespace
}  // namespace sitrep
