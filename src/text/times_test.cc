// Tests for the calendar helpers and FindTimes (src/text/times.cc); conventions in
// doc/numbers-and-times.md.
#include <gtest/gtest.h>

#include <array>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include "sitrep/text.h"
#include "text/word_table.h"

namespace sitrep {
namespace {

Text Analyze(std::string_view s) {
  StatusOr<Text> t = AnalyzeText(s);
  EXPECT_TRUE(t.ok());
  return std::move(t).value();
}

Date Iso(const char* s) {
  Date d;
  if (s && *s) {
    EXPECT_TRUE(ParseIsoDate(s, &d)) << s;
  }
  return d;
}

std::vector<TimeExpr> All(const Text& t, const Date& published) {
  return FindTimes(t, 0, static_cast<uint32_t>(t.tokens.size()), published);
}

std::string Describe(const Text& t, const std::vector<TimeExpr>& xs) {
  std::string s;
  for (const TimeExpr& x : xs) {
    s += "[" + std::string(t.span(x.begin, x.end)) + "] kind=" + std::to_string(static_cast<int>(x.kind)) +
         " date=" + x.date.ToIso() + " precision=" + std::to_string(static_cast<int>(x.precision)) +
         (x.resolved ? " resolved" : " unresolved") + " clock=" + std::to_string(x.clock_minutes) + "; ";
  }
  return s.empty() ? "(none)" : s;
}

// ---------------------------------------------------------------- calendar

TEST(TimesCalendar, DaysFromCivilKnownValues) {
  EXPECT_EQ(DaysFromCivil(Date{1970, 1, 1}), 0);
  EXPECT_EQ(DaysFromCivil(Date{1970, 1, 2}), 1);
  EXPECT_EQ(DaysFromCivil(Date{1969, 12, 31}), -1);
  EXPECT_EQ(DaysFromCivil(Date{2000, 3, 1}), 11017);
  EXPECT_EQ(DaysFromCivil(Date{2024, 11, 30}), 20057);
  EXPECT_EQ(DaysFromCivil(Date{1900, 1, 1}), -25567);
}

TEST(TimesCalendar, RoundTripEveryDay1900To2100) {
  int prev = DaysFromCivil(Date{1899, 12, 31});
  for (int y = 1900; y <= 2100; ++y) {
    for (int m = 1; m <= 12; ++m) {
      for (int d = 1; d <= 31; ++d) {
        Date probe;
        char buf[16];
        std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
        if (!ParseIsoDate(buf, &probe)) continue;  // days a month does not have
        int z = DaysFromCivil(probe);
        ASSERT_EQ(z, prev + 1) << buf;  // consecutive valid dates are consecutive days
        ASSERT_EQ(CivilFromDays(z), probe) << buf;
        prev = z;
      }
    }
  }
}

TEST(TimesCalendar, RoundTripFarRange) {
  for (int z = -800000; z <= 800000; z += 997) {
    Date d = CivilFromDays(z);
    ASSERT_EQ(DaysFromCivil(d), z) << z;
    ASSERT_GE(d.month, 1);
    ASSERT_LE(d.month, 12);
    ASSERT_GE(d.day, 1);
    ASSERT_LE(d.day, 31);
  }
}

TEST(TimesCalendar, WeekdayOfKnownDates) {
  EXPECT_EQ(Weekday(Date{1970, 1, 1}), 3);    // Thursday
  EXPECT_EQ(Weekday(Date{1969, 12, 31}), 2);  // Wednesday, before the epoch
  EXPECT_EQ(Weekday(Date{2000, 1, 1}), 5);    // Saturday
  EXPECT_EQ(Weekday(Date{2001, 9, 11}), 1);   // Tuesday
  EXPECT_EQ(Weekday(Date{2024, 2, 29}), 3);   // Thursday, leap day
  EXPECT_EQ(Weekday(Date{2024, 11, 27}), 2);  // Wednesday
  EXPECT_EQ(Weekday(Date{2024, 11, 30}), 5);  // Saturday
  EXPECT_EQ(Weekday(Date{2023, 12, 31}), 6);  // Sunday
  EXPECT_EQ(Weekday(Date{2024, 12, 30}), 0);  // Monday
  EXPECT_EQ(Weekday(Date{1900, 1, 1}), 0);    // Monday
}

TEST(TimesCalendar, ParseIsoDateAcceptsDatesAndTimestamps) {
  Date d;
  ASSERT_TRUE(ParseIsoDate("2024-11-30", &d));
  EXPECT_EQ(d, (Date{2024, 11, 30}));
  ASSERT_TRUE(ParseIsoDate("2024-02-29", &d));
  EXPECT_EQ(d, (Date{2024, 2, 29}));
  ASSERT_TRUE(ParseIsoDate("2000-02-29T08:15:00Z", &d));
  EXPECT_EQ(d, (Date{2000, 2, 29}));
  ASSERT_TRUE(ParseIsoDate("2022-06-01 12:00", &d));
  EXPECT_EQ(d, (Date{2022, 6, 1}));
}

TEST(TimesCalendar, ParseIsoDateRejectsBadDates) {
  Date d{1, 2, 3};
  for (const char* s : {"2024-02-30", "2023-02-29", "1900-02-29", "2023-13-01", "2023-00-10", "2023-04-31",
                        "2023-04-00", "0000-01-01", "abcd", "", "2024-1-05", "2024/01/05", "2024-11-30X",
                        "20241130", "2024-11-3"}) {
    EXPECT_FALSE(ParseIsoDate(s, &d)) << s;
  }
  EXPECT_EQ(d, (Date{1, 2, 3}));  // untouched on failure
}

TEST(TimesCalendar, ToIso) {
  EXPECT_EQ((Date{2024, 11, 27}).ToIso(), "2024-11-27");
  EXPECT_EQ((Date{987, 1, 2}).ToIso(), "0987-01-02");
  EXPECT_EQ((Date{2024, 2, 0}).ToIso(), "2024-02");  // month precision
  EXPECT_EQ((Date{2011, 0, 0}).ToIso(), "2011");     // year precision
  EXPECT_EQ((Date{0, 2, 23}).ToIso(), "");           // no year: not printable
  EXPECT_EQ((Date{1, 1, 1}).ToIso(), "0001-01-01");
  EXPECT_EQ((Date{9999, 12, 31}).ToIso(), "9999-12-31");
  EXPECT_EQ((Date{10000, 1, 1}).ToIso(), "");
  EXPECT_EQ((Date{2024, 2, 32}).ToIso(), "2024-02");  // an impossible day: month precision
  EXPECT_EQ((Date{2024, 13, 5}).ToIso(), "2024");     // an impossible month: year precision
  EXPECT_EQ(Date{}.ToIso(), "");
}

// ---------------------------------------------------------------- the resolution table

struct TCase {
  const char* text;
  const char* published;  // "" = none
  const char* span;       // text of the expected expression
  TimeKind kind;
  const char* date;       // Date::ToIso() of the resolved date ("" when unresolved)
  TimePrecision precision;
  bool resolved;
  int clock;              // clock_minutes
};

void PrintTo(const TCase& c, std::ostream* os) { *os << '"' << c.text << "\" published " << c.published; }

using K = TimeKind;
using P = TimePrecision;
constexpr bool R = true, U = false;

const TCase kCases[] = {
    // Weekdays: the most recent such day on or before publication.
    {"Troops shelled the town on Wednesday.", "2024-11-30", "on Wednesday", K::kDate, "2024-11-27", P::kDay, R, -1},
    {"Militants stormed a checkpoint on Saturday.", "2024-11-30", "on Saturday", K::kDate, "2024-11-30", P::kDay, R, -1},
    {"The convoy was ambushed last Saturday.", "2024-11-30", "last Saturday", K::kDate, "2024-11-23", P::kDay, R, -1},
    {"Clashes erupted in the north on Sunday.", "2025-01-01", "on Sunday", K::kDate, "2024-12-29", P::kDay, R, -1},
    {"A drone hit the depot on Thursday.", "2024-03-02", "on Thursday", K::kDate, "2024-02-29", P::kDay, R, -1},
    {"Gunmen raided the bank on Friday.", "2023-01-02", "on Friday", K::kDate, "2022-12-30", P::kDay, R, -1},
    {"Fighting resumed late Tuesday.", "2024-11-30", "late Tuesday", K::kDate, "2024-11-26", P::kDay, R, -1},
    {"Shelling intensified on Wednesday night.", "2024-11-28", "on Wednesday night", K::kDate, "2024-11-27", P::kDay,
     R, -1},
    {"Rockets fell overnight into Thursday.", "2024-11-28", "overnight into Thursday", K::kDate, "2024-11-27",
     P::kDay, R, -1},
    {"The offensive began on Sunday morning.", "2020-03-01", "on Sunday morning", K::kDate, "2020-03-01", P::kDay, R,
     -1},
    {"Talks are set for next Monday.", "2024-12-30", "next Monday", K::kDate, "2025-01-06", P::kDay, R, -1},
    {"The border stays shut until Sunday.", "2024-11-27", "until Sunday", K::kUntil, "2024-12-01", P::kDay, R, -1},
    {"Roads will be closed till Friday.", "2024-11-29", "till Friday", K::kUntil, "2024-11-29", P::kDay, R, -1},
    {"Protests have continued since Wednesday.", "2024-11-30", "since Wednesday", K::kSince, "2024-11-27", P::kDay, R,
     -1},
    {"Police raided the camp on Wednesday, Nov. 27.", "2024-12-05", "on Wednesday, Nov. 27", K::kDate, "2024-11-27",
     P::kDay, R, -1},
    // Relative days.
    {"The strike happened yesterday.", "2024-03-01", "yesterday", K::kDate, "2024-02-29", P::kDay, R, -1},
    {"An aid worker was abducted yesterday.", "2023-03-01", "yesterday", K::kDate, "2023-02-28", P::kDay, R, -1},
    {"A shell hit the school yesterday.", "2025-01-01", "yesterday", K::kDate, "2024-12-31", P::kDay, R, -1},
    {"Residents fled the day before yesterday.", "2024-01-01", "the day before yesterday", K::kDate, "2023-12-30",
     P::kDay, R, -1},
    {"Gunmen opened fire three days ago.", "2024-03-02", "three days ago", K::kDate, "2024-02-28", P::kDay, R, -1},
    {"A car bomb exploded 10 days ago.", "2024-01-05", "10 days ago", K::kDate, "2023-12-26", P::kDay, R, -1},
    {"Militants attacked a village a few days ago.", "2024-11-30", "a few days ago", K::kDate, "2024-11-27", P::kWeek,
     R, -1},
    {"Protesters gathered again today.", "2022-06-15", "today", K::kDate, "2022-06-15", P::kDay, R, -1},
    {"Police said the raid took place this morning.", "2022-06-15", "this morning", K::kDate, "2022-06-15", P::kDay,
     R, -1},
    {"Clashes were reported earlier today.", "2024-07-04", "earlier today", K::kDate, "2024-07-04", P::kDay, R, -1},
    {"Rebels shelled the airport overnight.", "2022-01-01", "overnight", K::kDate, "2021-12-31", P::kDay, R, -1},
    {"Fighting broke out last night near the port.", "2022-03-01", "last night", K::kDate, "2022-02-28", P::kDay, R,
     -1},
    {"A vote is scheduled for tomorrow.", "2023-12-31", "tomorrow", K::kDate, "2024-01-01", P::kDay, R, -1},
    // Absolute days.
    {"On 23 February 2022, forces crossed the border.", "2022-03-10", "On 23 February 2022", K::kDate, "2022-02-23",
     P::kDay, R, -1},
    {"The ceasefire collapsed on February 23, 2022.", "", "on February 23, 2022", K::kDate, "2022-02-23", P::kDay, R,
     -1},
    {"Strikes hit the port on Feb. 23.", "2022-03-10", "on Feb. 23", K::kDate, "2022-02-23", P::kDay, R, -1},
    {"Strikes hit the port on Oct. 23.", "2022-01-10", "on Oct. 23", K::kDate, "2021-10-23", P::kDay, R, -1},
    // A yearless date up to 90 days ahead is this year's: a scheduled event.
    {"The hearing is set for Feb. 23.", "2022-01-10", "Feb. 23", K::kDate, "2022-02-23", P::kDay, R, -1},
    {"Her clients are next due in court on April 20.", "2021-04-09", "on April 20", K::kDate, "2021-04-20", P::kDay,
     R, -1},
    {"Polls open on July 15.", "2024-04-01", "on July 15", K::kDate, "2023-07-15", P::kDay, R, -1},
    // Across New Year only a few days ahead count as next year's.
    {"The next session is on January 2.", "2019-12-28", "on January 2", K::kDate, "2020-01-02", P::kDay, R, -1},
    {"The coup began on February 1.", "2021-12-06", "on February 1", K::kDate, "2021-02-01", P::kDay, R, -1},
    {"The coup began on February 1.", "2021-01-20", "on February 1", K::kDate, "2021-02-01", P::kDay, R, -1},
    // A weekday picks the year: 13 March was a Friday in 2020, a Saturday in 2021.
    {"It happened on Friday, March 13.", "2021-01-15", "on Friday, March 13", K::kDate, "2020-03-13", P::kDay, R,
     -1},
    {"On Friday, December 11th, bandits raided the school.", "2021-02-26", "On Friday, December 11th", K::kDate,
     "2020-12-11", P::kDay, R, -1},
    {"In this Aug. 30, 2019, file photo, migrants wait.", "2020-03-05", "In this Aug. 30, 2019", K::kDate,
     "2019-08-30", P::kDay, R, -1},
    {"Officials met on Dec. 30 to discuss the truce.", "2025-01-02", "on Dec. 30", K::kDate, "2024-12-30", P::kDay, R,
     -1},
    {"Elections are due on Jan. 3.", "2024-12-30", "on Jan. 3", K::kDate, "2025-01-03", P::kDay, R, -1},
    {"Troops entered the town on 29 February.", "2024-03-05", "on 29 February", K::kDate, "2024-02-29", P::kDay, R,
     -1},
    {"Troops entered the town on 29 February.", "2023-03-05", "on 29 February", K::kDate, "2020-02-29", P::kDay, R,
     -1},
    {"The report is dated 23/02/2022.", "2024-01-01", "23/02/2022", K::kDate, "2022-02-23", P::kDay, R, -1},
    {"The meeting on 05/06/2022 was cancelled.", "2024-01-01", "on 05/06/2022", K::kDate, "2022-06-05", P::kDay, R,
     -1},
    {"The memo of 02/23/2022 leaked.", "2024-01-01", "02/23/2022", K::kDate, "2022-02-23", P::kDay, R, -1},
    {"Figures as of 2022-02-23 were used.", "2024-01-01", "2022-02-23", K::kDate, "2022-02-23", P::kDay, R, -1},
    {"Soldiers withdrew on the 23rd.", "2024-11-30", "on the 23rd", K::kDate, "2024-11-23", P::kDay, R, -1},
    {"Soldiers withdrew on the 28th.", "2024-11-10", "on the 28th", K::kDate, "2024-10-28", P::kDay, R, -1},
    {"Soldiers withdrew on the 31st.", "2024-03-10", "on the 31st", K::kDate, "2024-01-31", P::kDay, R, -1},
    {"Soldiers withdrew on the 5th.", "2025-01-03", "on the 5th", K::kDate, "2024-12-05", P::kDay, R, -1},
    {"Aid reached the city on the 3rd of March.", "2024-03-20", "on the 3rd of March", K::kDate, "2024-03-03",
     P::kDay, R, -1},
    {"Fighting raged on 23-25 February 2022.", "2022-03-01", "on 23-25 February 2022", K::kDate, "2022-02-23",
     P::kWeek, R, -1},
    {"The attack of March 8 was condemned.", "2024-11-30", "March 8", K::kDate, "2024-03-08", P::kDay, R, -1},
    // Months.
    {"The siege began in February 2022.", "2024-11-30", "in February 2022", K::kPeriod, "2022-02", P::kMonth, R, -1},
    {"The siege began in February.", "2024-11-30", "in February", K::kPeriod, "2024-02", P::kMonth, R, -1},
    {"The siege began in February.", "2024-01-15", "in February", K::kPeriod, "2023-02", P::kMonth, R, -1},
    {"Talks collapsed last February.", "2024-02-20", "last February", K::kPeriod, "2023-02", P::kMonth, R, -1},
    {"Elections are planned for next March.", "2024-02-20", "next March", K::kPeriod, "2024-03", P::kMonth, R, -1},
    {"Violence escalated in May.", "2023-04-01", "in May", K::kPeriod, "2022-05", P::kMonth, R, -1},
    {"Arrests have continued since March.", "2024-11-30", "since March", K::kSince, "2024-03", P::kMonth, R, -1},
    {"Troops arrived in mid-February.", "2024-11-30", "in mid-February", K::kPeriod, "2024-02", P::kMonth, R, -1},
    // Years.
    {"A ceasefire was established in 2020.", "2024-11-30", "in 2020", K::kPeriod, "2020", P::kYear, R, -1},
    {"A 2020 ceasefire held for months.", "2024-11-30", "2020", K::kPeriod, "2020", P::kYear, R, -1},
    {"The nation has been at war since 2011.", "2024-11-30", "since 2011", K::kSince, "2011", P::kYear, R, -1},
    {"The economy shrank in early 2020.", "2024-11-30", "in early 2020", K::kPeriod, "2020", P::kYear, R, -1},
    {"Troops withdrew in mid-2019.", "2024-11-30", "in mid-2019", K::kPeriod, "2019", P::kYear, R, -1},
    {"The town was razed in the 1990s.", "2024-11-30", "in the 1990s", K::kPeriod, "1990", P::kYear, R, -1},
    {"Turnout fell in the 2024-25 season.", "2024-11-30", "2024-25", K::kPeriod, "2024", P::kYear, R, -1},
    {"The mandate runs until 2026.", "2024-11-30", "until 2026", K::kUntil, "2026", P::kYear, R, -1},
    // Weeks, months and years relative to publication.
    {"Fighting intensified last week.", "2024-01-03", "last week", K::kPeriod, "2023-12-27", P::kWeek, R, -1},
    {"Aid convoys arrived earlier this week.", "2024-11-30", "earlier this week", K::kPeriod, "2024-11-25", P::kWeek,
     R, -1},
    {"Prices doubled this week.", "2024-03-03", "this week", K::kPeriod, "2024-02-26", P::kWeek, R, -1},
    {"The army retook the hill last month.", "2024-01-15", "last month", K::kPeriod, "2023-12", P::kMonth, R, -1},
    {"Curfews began earlier this month.", "2024-02-29", "earlier this month", K::kPeriod, "2024-02", P::kMonth, R,
     -1},
    {"Casualties rose sharply last year.", "2024-01-01", "last year", K::kPeriod, "2023", P::kYear, R, -1},
    {"The envoy will visit next week.", "2024-12-28", "next week", K::kPeriod, "2025-01-04", P::kWeek, R, -1},
    {"Rebels captured the dam two weeks ago.", "2024-01-10", "two weeks ago", K::kPeriod, "2023-12-27", P::kWeek, R,
     -1},
    {"The base was abandoned three months ago.", "2024-02-10", "three months ago", K::kPeriod, "2023-11", P::kMonth,
     R, -1},
    {"Ten people died in the past 24 hours.", "2024-03-01", "in the past 24 hours", K::kPeriod, "2024-02-29",
     P::kDay, R, -1},
    {"Protests have spread since the weekend.", "2024-12-03", "since the weekend", K::kSince, "2024-11-30", P::kWeek,
     R, -1},
    {"A curfew will last through the weekend.", "2024-11-30", "through the weekend", K::kUntil, "2024-12-01",
     P::kWeek, R, -1},
    {"Markets were shut over the weekend.", "2024-12-02", "over the weekend", K::kPeriod, "2024-11-30", P::kWeek, R,
     -1},
    {"Talks broke down last weekend.", "2024-12-01", "last weekend", K::kPeriod, "2024-11-23", P::kWeek, R, -1},
    // Clock times.
    {"The curfew takes effect at 5:00 PM local time.", "2024-11-30", "at 5:00 PM local time", K::kClock, "",
     P::kUnknown, R, 1020},
    {"Sirens sounded at 5 p.m. in the capital.", "2024-11-30", "at 5 p.m.", K::kClock, "", P::kUnknown, R, 1020},
    {"The blast occurred at 17:00.", "2024-11-30", "at 17:00", K::kClock, "", P::kUnknown, R, 1020},
    {"Prayers ended at noon.", "2024-11-30", "at noon", K::kClock, "", P::kUnknown, R, 720},
    {"The truce starts at midnight.", "2024-11-30", "at midnight", K::kClock, "", P::kUnknown, R, 0},
    {"Troops moved in at dawn.", "2024-11-30", "at dawn", K::kClock, "", P::kUnknown, R, 360},
    {"Guards changed at 6 a.m. as usual.", "2024-11-30", "at 6 a.m.", K::kClock, "", P::kUnknown, R, 360},
    {"Shelling began at 1700 GMT.", "2024-11-30", "at 1700 GMT", K::kClock, "", P::kUnknown, R, 1020},
    {"They met at 12 noon.", "2024-11-30", "at 12 noon", K::kClock, "", P::kUnknown, R, 720},
    {"Patrols start at 9:30am daily.", "2024-11-30", "at 9:30am", K::kClock, "", P::kUnknown, R, 570},
    {"The raid ended at 12 a.m.", "2024-11-30", "at 12 a.m.", K::kClock, "", P::kUnknown, R, 0},
    // No publication date: relative expressions stay unresolved, dated ones resolve.
    {"Troops shelled the town on Wednesday.", "", "on Wednesday", K::kDate, "", P::kDay, U, -1},
    {"The strike happened yesterday.", "", "yesterday", K::kDate, "", P::kDay, U, -1},
    {"Strikes hit the port on Feb. 23.", "", "on Feb. 23", K::kDate, "", P::kDay, U, -1},
    {"Fighting intensified last week.", "", "last week", K::kPeriod, "", P::kWeek, U, -1},
    {"The siege began in February.", "", "in February", K::kPeriod, "", P::kMonth, U, -1},
    {"The siege began in February 2022.", "", "in February 2022", K::kPeriod, "2022-02", P::kMonth, R, -1},
    {"The nation has been at war since 2011.", "", "since 2011", K::kSince, "2011", P::kYear, R, -1},
    {"The report is dated 23/02/2022.", "", "23/02/2022", K::kDate, "2022-02-23", P::kDay, R, -1},
};

class TimesTable : public ::testing::TestWithParam<TCase> {};

TEST_P(TimesTable, Resolves) {
  const TCase& c = GetParam();
  Text t = Analyze(c.text);
  std::vector<TimeExpr> xs = All(t, Iso(c.published));
  const TimeExpr* found = nullptr;
  for (const TimeExpr& x : xs)
    if (t.span(x.begin, x.end) == c.span) found = &x;
  ASSERT_NE(found, nullptr) << "no time [" << c.span << "] in: " << Describe(t, xs);
  EXPECT_EQ(found->kind, c.kind) << Describe(t, xs);
  EXPECT_EQ(found->date.ToIso(), c.date) << Describe(t, xs);
  EXPECT_EQ(found->precision, c.precision) << Describe(t, xs);
  EXPECT_EQ(found->resolved, c.resolved) << Describe(t, xs);
  EXPECT_EQ(found->clock_minutes, c.clock) << Describe(t, xs);
  EXPECT_EQ(found->begin, t.tokens[found->token_begin].begin);
  EXPECT_EQ(found->end, t.tokens[found->token_end - 1].end);
}

INSTANTIATE_TEST_SUITE_P(Times, TimesTable, ::testing::ValuesIn(kCases));

// ---------------------------------------------------------------- no time at all

struct NoTimeCase {
  const char* text;
};

void PrintTo(const NoTimeCase& c, std::ostream* os) { *os << '"' << c.text << '"'; }

const NoTimeCase kNoTime[] = {
    {"They may attack the base at any moment."},      // modal "may"
    {"Thousands joined a march on the capital."},     // "march" the noun
    {"The March toward the capital was stopped."},    // capitalised, but nothing dates it
    {"May God protect them, she said."},              // sentence-initial "May"
    {"Sunni clerics condemned the killing."},         // not "Sun."
    {"Over 2000 people were displaced."},             // a count, not a year
    {"2000 soldiers were deployed."},                 // a count, not a year
    {"The text of Resolution 2254 was read out."},    // a label
    {"Fire broke out on the 23rd floor."},            // an ordinal, not a day
    {"They rallied every Friday."},                   // a habit, not a day
    {"Dawn reported the attack."},                    // the newspaper
    {"Protesters met at Sunrise Mall."},              // a name
    {"It was published in Dawn, a daily."},           // the newspaper again
    {"At least 5 people died."},                      // a bare small number is no clock
};

class TimesNone : public ::testing::TestWithParam<NoTimeCase> {};

TEST_P(TimesNone, FindsNothing) {
  Text t = Analyze(GetParam().text);
  std::vector<TimeExpr> xs = All(t, Date{2024, 11, 30});
  EXPECT_TRUE(xs.empty()) << Describe(t, xs);
}

INSTANTIATE_TEST_SUITE_P(Times, TimesNone, ::testing::ValuesIn(kNoTime));

// ---------------------------------------------------------------- whole sentences

// Starter words are skipped by their token key before they are lowered (src/text/word_table.h):
// capitals and dotted abbreviations must still start a time expression.
TEST(TimesSentences, StarterWordsInAnyCase) {
  const Date pub = Iso("2024-11-30");
  for (const char* s : {"since 2011", "Since 2011", "SINCE 2011"}) {
    Text t = Analyze(s);
    std::vector<TimeExpr> xs = All(t, pub);
    ASSERT_EQ(xs.size(), 1u) << s << ": " << Describe(t, xs);
    EXPECT_EQ(xs[0].kind, TimeKind::kSince) << s;
  }
  for (const char* s : {"LAST WEEK", "Yesterday", "on Wed. Nov. 27", "EARLY 2020", "Jan. 5"}) {
    Text t = Analyze(s);
    EXPECT_EQ(All(t, pub).size(), 1u) << s << ": " << Describe(t, All(t, pub));
  }
}

// Starts are tried only near a number or an anchor word (kAnchors): expressions whose
// anchor lies furthest from their first token must still be found.
TEST(TimesSentences, AnchorsAtTheEdgeOfTheReach) {
  const Date pub = Iso("2024-11-30");
  for (const char* s : {"in the past few days", "over the last two weeks", "a couple of days ago",
                        "earlier this month", "the day before yesterday", "in mid-March"}) {
    Text t = Analyze(s);
    std::vector<TimeExpr> xs = All(t, pub);
    ASSERT_EQ(xs.size(), 1u) << s << ": " << Describe(t, xs);
    EXPECT_EQ(xs[0].token_begin, 0u) << s << ": " << Describe(t, xs);
  }
}

// Each starter word tries a match only with an anchor within its own reach (times.cc
// kStarters): the expressions at the end of each reach, after other words (a start that is
// not the range's first token) and ending at the end of the range, must still be found.
TEST(TimesSentences, AnchorsAtTheEdgeOfEachStartersReach) {
  const Date pub = Iso("2024-11-30");
  struct Case {
    const char* text;
    const char* expr;  // the time expression found, whole
  };
  for (const Case& c : {
           Case{"Fighting resumed in a couple of months ago", "in a couple of months ago"},  // prep + "a": 5
           Case{"Fighting resumed a couple of years ago", "a couple of years ago"},        // "a": 4
           Case{"Fighting resumed a few months ago", "a few months ago"},
           Case{"Fighting resumed couple of years ago", "couple of years ago"},           // a count: 3
           Case{"Fighting resumed two weeks ago", "two weeks ago"},  // counts match only before "ago"
           Case{"Fighting resumed in a week ago", "in a week ago"},
           Case{"Fighting resumed over the past few days", "over the past few days"},     // "over the": 4
           Case{"Fighting resumed during the last two weeks", "during the last two weeks"},
           Case{"Fighting resumed the past 24 hours", "the past 24 hours"},               // "the": 3
           Case{"Fighting resumed in mid-2020", "in mid-2020"},                           // a modifier: 2
           Case{"Fighting resumed later this year", "later this year"},
           Case{"Fighting resumed last few days", "last few days"},
           Case{"Fighting resumed earlier today", "earlier today"},
           Case{"Fighting resumed on the 23rd", "on the 23rd"},
           Case{"Fighting resumed over the weekend", "over the weekend"},
           Case{"Fighting resumed at dawn", "at dawn"},
           // "the" reaches past the next token only through a modifier ("the past", "the coming").
           Case{"Fighting resumed the day before yesterday", "the day before yesterday"},
           Case{"Fighting resumed over the coming week", "over the coming week"},
           Case{"Fighting resumed during the last weekend", "during the last weekend"},
           Case{"Fighting resumed in the 1990s", "in the 1990s"},
           Case{"Fighting resumed at the big 2020", "2020"},
       }) {
    Text t = Analyze(c.text);
    std::vector<TimeExpr> xs = All(t, pub);
    ASSERT_EQ(xs.size(), 1u) << c.text << ": " << Describe(t, xs);
    EXPECT_EQ(t.span(xs[0].begin, xs[0].end), c.expr) << c.text << ": " << Describe(t, xs);
    EXPECT_EQ(xs[0].token_end, t.tokens.size()) << c.text;
  }
  // "over" is a preposition only before "the"; nor do starters far from any anchor match.
  for (const char* s : {"Fighting resumed over 300 people", "the town in the north of the country a week",
                        "in the"}) {
    Text t = Analyze(s);
    std::vector<TimeExpr> xs = All(t, pub);
    for (const TimeExpr& x : xs) EXPECT_NE(x.token_begin, 2u) << s << ": " << Describe(t, xs);
  }
}

// A number is tried as a time only when its shape or the words after it allow one of the
// patterns (TimeMatcher::NumberMayMatch): each such case must still match, whole, at the end
// of the range too, and counts must not.
TEST(TimesSentences, NumbersByWhatFollowsThem) {
  const Date pub = Iso("2024-11-30");
  struct Case {
    const char* text;
    const char* expr;  // the time expression found, whole; "" for none
  };
  for (const Case& c : {
           Case{"Sirens sounded 5 pm", "5 pm"},                    // Clock: an hour of one digit
           Case{"Sirens sounded 10 a.m.", "10 a.m."},              // two digits, at most 12
           Case{"Sirens sounded 12 o'clock", "12 o'clock"},
           Case{"Sirens sounded 12 noon", "12 noon"},
           Case{"Sirens sounded 1700 GMT", "1700 GMT"},            // four digits
           Case{"Sirens sounded 13 pm", ""},                       // no such hour
           Case{"Fighting resumed 100 days ago", "100 days ago"},  // Ago: "ago" two tokens on
           Case{"Fighting resumed 1000 days ago", "1000 days ago"},
           Case{"Fighting resumed 23 February", "23 February"},    // DayMonth: a month next
           Case{"Fighting resumed 23 of February", "23 of February"},
           Case{"Fighting resumed 23rd February", "23rd February"},
           Case{"Fighting resumed 2020", "2020"},                  // Year
           Case{"Fighting resumed 2011-2014", "2011-2014"},
           Case{"Fighting resumed 23/02/2022", "23/02/2022"},      // NumericDate
           Case{"Fighting resumed 17:30", "17:30"},                // Clock with a colon
           Case{"Fighting killed 25 people", ""},                  // counts
           Case{"Fighting killed 5 people", ""},
           Case{"Fighting killed 300", ""},
           Case{"Fighting displaced 1,200 families", ""},
       }) {
    Text t = Analyze(c.text);
    std::vector<TimeExpr> xs = All(t, pub);
    if (*c.expr == '\0') {
      EXPECT_TRUE(xs.empty()) << c.text << ": " << Describe(t, xs);
      continue;
    }
    ASSERT_EQ(xs.size(), 1u) << c.text << ": " << Describe(t, xs);
    EXPECT_EQ(t.span(xs[0].begin, xs[0].end), c.expr) << c.text << ": " << Describe(t, xs);
  }
}

TEST(TimesSentences, WeekdayClockAndWeekend) {
  Date pub{2024, 11, 30};
  Text t = Analyze(
      "The offensive that began on Wednesday was led by Hayat Tahrir al-Sham (HTS). Officials ordered a "
      "curfew starting at 5:00 PM local time and running through the weekend.");
  std::vector<TimeExpr> xs = All(t, pub);
  ASSERT_EQ(xs.size(), 3u) << Describe(t, xs);
  EXPECT_EQ(xs[0].kind, TimeKind::kDate);
  EXPECT_EQ(xs[0].date, (Date{2024, 11, 27}));
  EXPECT_EQ(xs[0].precision, TimePrecision::kDay);
  EXPECT_EQ(xs[1].kind, TimeKind::kClock);
  EXPECT_EQ(xs[1].clock_minutes, 17 * 60);
  EXPECT_EQ(xs[2].kind, TimeKind::kUntil);
  EXPECT_EQ(xs[2].date, (Date{2024, 12, 1}));
  EXPECT_EQ(xs[2].precision, TimePrecision::kWeek);
}

TEST(TimesSentences, BackgroundYears) {
  Text t = Analyze(
      "The raid was the air force\xE2\x80\x99s first in the province since 2016, after a long lull "
      "under a ceasefire agreed in 2020.");
  std::vector<TimeExpr> xs = All(t, Date{2024, 11, 30});
  ASSERT_EQ(xs.size(), 2u) << Describe(t, xs);
  EXPECT_EQ(xs[0].kind, TimeKind::kSince);
  EXPECT_EQ(xs[0].date.year, 2016);
  EXPECT_EQ(xs[1].kind, TimeKind::kPeriod);
  EXPECT_EQ(xs[1].date.year, 2020);
  EXPECT_EQ(xs[1].precision, TimePrecision::kYear);
}

TEST(TimesUnresolved, DayMonthKeepsWhatItKnows) {
  Text t = Analyze("Strikes hit the port on Feb. 23.");
  std::vector<TimeExpr> xs = All(t, Date{});
  ASSERT_EQ(xs.size(), 1u);
  EXPECT_FALSE(xs[0].resolved);
  EXPECT_EQ(xs[0].date.year, 0);
  EXPECT_EQ(xs[0].date.month, 2);
  EXPECT_EQ(xs[0].date.day, 23);
}

TEST(TimesUnresolved, InvalidPublicationDateCountsAsNone) {
  Text t = Analyze("Troops shelled the town on Wednesday.");
  for (Date bad : {Date{2023, 2, 29}, Date{2024, 13, 1}, Date{0, 1, 1}}) {
    std::vector<TimeExpr> xs = All(t, bad);
    ASSERT_EQ(xs.size(), 1u);
    EXPECT_FALSE(xs[0].resolved);
  }
}

TEST(TimesRange, OnlyTheGivenTokens) {
  Text t = Analyze("Clashes began on Monday. Talks resumed on Friday.");
  ASSERT_EQ(t.sentences.size(), 2u);
  const Sentence& s = t.sentences[1];
  std::vector<TimeExpr> xs = FindTimes(t, s.token_begin, s.token_end, Date{2024, 11, 30});
  ASSERT_EQ(xs.size(), 1u) << Describe(t, xs);
  EXPECT_EQ(xs[0].date, (Date{2024, 11, 29}));
  EXPECT_TRUE(FindTimes(t, 0, 0, Date{2024, 11, 30}).empty());
  EXPECT_EQ(FindTimes(t, 0, 100000, Date{2024, 11, 30}).size(), 2u);  // clamped
}

TEST(TimesRange, LongRangesBeyondOneSentence) {
  std::string text;
  for (int i = 0; i < 60; ++i) text += "The convoy moved on. ";  // 300 tokens
  text += "It stopped on Wednesday.";
  Text t = Analyze(text);
  ASSERT_GT(t.tokens.size(), 300u);
  std::vector<TimeExpr> xs = All(t, Date{2024, 11, 30});
  ASSERT_EQ(xs.size(), 1u) << Describe(t, xs);
  EXPECT_EQ(xs[0].date, (Date{2024, 11, 27}));
}

// FindTimesAndQuantities reads a range as FindTimes and FindQuantities do, into vectors it clears
// first; long ranges (past the readers' stack buffers) and empty ones included.
TEST(TimesAndQuantities, SameAsTheTwoReaders) {
  std::string lng;
  for (int i = 0; i < 60; ++i) lng += "The convoy of 12 trucks moved on. ";
  lng += "It stopped on Wednesday, 27 November, after some 300 people fled.";
  for (std::string_view text :
       {std::string_view("At dawn on Tuesday, 12 Feb. 2019, a car bomb killed at least 20 people; a second one "
                         "followed at 9:15 a.m., two days ago, wounding dozens."),
        std::string_view("Between 20 and 30 fighters died last week in 2011-2014 clashes 5 km from the town."),
        std::string_view(lng)}) {
    Text t = Analyze(text);
    const Date pub{2019, 2, 14};
    std::vector<TimeExpr> times(3);       // not empty: the call clears it
    std::vector<Quantity> quantities(2);
    auto check = [&](uint32_t b, uint32_t e) {
      FindTimesAndQuantities(t, b, e, pub, &times, &quantities);
      std::vector<TimeExpr> want_times = FindTimes(t, b, e, pub);
      std::vector<Quantity> want_quantities = FindQuantities(t, b, e);
      EXPECT_EQ(Describe(t, times), Describe(t, want_times)) << text;
      ASSERT_EQ(quantities.size(), want_quantities.size()) << text;
      for (size_t i = 0; i < quantities.size(); ++i) {
        EXPECT_EQ(quantities[i].token_begin, want_quantities[i].token_begin);
        EXPECT_EQ(quantities[i].token_end, want_quantities[i].token_end);
        EXPECT_EQ(quantities[i].value, want_quantities[i].value);
        EXPECT_EQ(quantities[i].unit, want_quantities[i].unit);
      }
    };
    check(0, static_cast<uint32_t>(t.tokens.size()));
    for (const Sentence& s : t.sentences) check(s.token_begin, s.token_end);
    check(0, 0);
    EXPECT_TRUE(times.empty());
    EXPECT_TRUE(quantities.empty());
  }
}

// The readers' lowering of ASCII tokens 16 bytes at a time (text_internal::LowerAscii16) gives
// what the byte-by-byte Lower gives, hash included, and leaves periods and other bytes to it.
TEST(WordTable, AsciiLoweringAsTheSlowWay) {
  using text_internal::Low;
  for (std::string_view t : {"Hello", "ABCDEFGHIJKLMNOP", "abcdefghijklmnop", "@AZ[`az{", "Zz", "2022", "o'clock",
                             "-", "%", "x", "MiXeD", "a.m.", "No.", "U.S.", "\xE2\x80\x99s", "\xE1\xB8\xA4" "alab"}) {
    for (TokenKind kind : {TokenKind::kWord, TokenKind::kNumber, TokenKind::kPunct}) {
      char buf[32] = {};  // 16 bytes readable after the token's start, and bytes after it to ignore
      std::memcpy(buf, t.data(), t.size());
      std::memset(buf + t.size(), 'X', sizeof(buf) - t.size());
      Low fast;
      const Low slow = text_internal::Lower(t, kind);
      if (!text_internal::LowerAscii16(std::string_view(buf, t.size()), buf + sizeof(buf), &fast)) {
#if defined(__SSE2__)  // (without SSE2 every token goes the slow way)
        EXPECT_TRUE(t.find('.') != std::string_view::npos || static_cast<unsigned char>(t[0]) >= 0x80) << t;
#endif
        continue;
      }
      EXPECT_EQ(fast.v(), slow.v()) << t;
      EXPECT_EQ(fast.h, slow.h) << t;
      EXPECT_EQ(fast.h, text_internal::HashWord(slow.v())) << t;
    }
  }
}

// HashWord at run time (loads that overlap) gives what it gives at compile time (a loop), at
// every length.
TEST(WordTable, HashWordSameAtRunTime) {
  static constexpr std::string_view kWord = "abcdefghijklmnopqrs";
  static constexpr auto kHashes = [] {
    std::array<uint32_t, kWord.size() + 1> h{};
    for (size_t n = 0; n <= kWord.size(); ++n) h[n] = text_internal::HashWord(kWord.substr(0, n));
    return h;
  }();
  const std::string word(kWord);  // not a constant
  for (size_t n = 0; n <= word.size(); ++n)
    EXPECT_EQ(text_internal::HashWord(std::string_view(word).substr(0, n)), kHashes[n]) << n;
}

// Every number token carries both readers' anchor bits (the walk of ReaderAnchors tests the
// bits alone), short or long, seen before or not; punctuation and symbols carry none.
TEST(WordTable, NumbersCarryTheAnchorBits) {
  for (int pass = 0; pass < 2; ++pass) {  // the second time from the tokenizer's memo
    const Text t = Analyze("On 23rd May, 1,200 (5%) and 12345678901234567890123 people fled; 2022-02-23 $4 - 17:30.");
    int numbers = 0;
    for (const Token& k : t.tokens) {
      if (k.kind == TokenKind::kNumber) {
        ++numbers;
        EXPECT_EQ(k.reader_bits, text_internal::kNumberReaderBits) << t.text.substr(k.begin, k.end - k.begin);
      } else if (k.kind != TokenKind::kWord) {
        EXPECT_EQ(k.reader_bits, 0) << t.text.substr(k.begin, k.end - k.begin);
      }
    }
    EXPECT_EQ(numbers, 7);
  }
}

TEST(TimesOrder, SeveralExpressionsInOneSentence) {
  Text t = Analyze("At dawn on Tuesday, 12 Feb. 2019, a car bomb went off; a second one followed at 9:15 a.m.");
  std::vector<TimeExpr> xs = All(t, Date{2019, 2, 14});
  ASSERT_EQ(xs.size(), 3u) << Describe(t, xs);
  EXPECT_EQ(xs[0].kind, TimeKind::kClock);
  EXPECT_EQ(xs[0].clock_minutes, 360);
  EXPECT_EQ(xs[1].date, (Date{2019, 2, 12}));  // the explicit date after the weekday wins
  EXPECT_EQ(xs[2].clock_minutes, 9 * 60 + 15);
  for (size_t i = 1; i < xs.size(); ++i) EXPECT_GE(xs[i].token_begin, xs[i - 1].token_end);
}

TEST(TimesWeekdays, EveryPublicationDayOfAWeek) {
  // "on Wednesday" from each day of the week of 2024-11-25 (a Monday) to 2024-12-01.
  const char* expected[] = {"2024-11-20", "2024-11-20", "2024-11-27", "2024-11-27",
                            "2024-11-27", "2024-11-27", "2024-11-27"};
  Text t = Analyze("It happened on Wednesday.");
  for (int i = 0; i < 7; ++i) {
    Date pub = CivilFromDays(DaysFromCivil(Date{2024, 11, 25}) + i);
    std::vector<TimeExpr> xs = All(t, pub);
    ASSERT_EQ(xs.size(), 1u);
    EXPECT_EQ(xs[0].date.ToIso(), expected[i]) << "published " << pub.ToIso();
  }
}

}  // namespace
}  // namespace sitrep
