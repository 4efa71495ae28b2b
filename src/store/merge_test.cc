#include "store/merge.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>

#include "store/store_test_util.h"

namespace sitrep::store {
namespace {

using testing::Shelling;

TEST(MergeDates, DayNumberRoundTrips) {
  EXPECT_EQ(DayNumber("1970-01-01"), 0);
  EXPECT_EQ(DayNumber("2024-03-01") - DayNumber("2024-02-28"), 2);  // leap year
  EXPECT_EQ(DayNumber("2024-03-05T10:00:00Z"), DayNumber("2024-03-05"));
  for (const char* d : {"2000-02-29", "2024-12-31", "1999-01-01"}) EXPECT_EQ(IsoDate(DayNumber(d)), d);
  for (const char* bad : {"", "2023-02-29", "2024-13-01", "2024-1-05", "20240305", "2024-03-05x", "2024-00-10"})
    EXPECT_EQ(DayNumber(bad), kNoDay) << bad;
}

TEST(MergeRule, DistanceIsGreatCircle) {
  EXPECT_NEAR(DistanceKm(35.9044, 36.7233, 35.9314, 36.7233), 3.0, 0.05);  // 0.027 degrees of latitude
  EXPECT_NEAR(DistanceKm(0, 0, 0, 1), 111.2, 0.1);
}

TEST(MergeRule, SameEventConditions) {
  Member a = MakeMember(Shelling("d1", "e1", "2024-03-05"));
  Member b = MakeMember(Shelling("d2", "e2", "2024-03-05", 35.9314, 36.7233));  // 3 km north
  EXPECT_TRUE(SameEvent(a, b));
  EXPECT_TRUE(SameEvent(b, a));

  Member same_doc = MakeMember(Shelling("d1", "e9", "2024-03-05"));
  EXPECT_FALSE(SameEvent(a, same_doc)) << "two records of one document are two events";

  Member next_day = MakeMember(Shelling("d2", "e2", "2024-03-06"));
  EXPECT_FALSE(SameEvent(a, next_day)) << "day precision: same day only";
  next_day.record.time_precision = 2;
  EXPECT_TRUE(SameEvent(a, next_day)) << "week precision: within 3 days";
  Member far_day = MakeMember(Shelling("d2", "e2", "2024-03-09"));
  far_day.record.time_precision = 2;
  EXPECT_FALSE(SameEvent(a, far_day));
  far_day.record.time_precision = 3;
  far_day.record.geo_precision = 3;
  EXPECT_TRUE(SameEvent(a, far_day)) << "month precision and region: same admin1 within 15 days";

  Member far = MakeMember(Shelling("d2", "e2", "2024-03-05", 36.0, 36.7233));  // about 10.6 km
  EXPECT_FALSE(SameEvent(a, far));
  far.record.geo_precision = 2;
  EXPECT_TRUE(SameEvent(a, far));

  Member other_type = b;
  other_type.record.event_type = "Battles";
  EXPECT_FALSE(SameEvent(a, other_type));

  Member background = b;
  background.record.background = true;
  EXPECT_FALSE(SameEvent(a, background));

  Member other_actor = b;
  other_actor.record.actor1 = testing::kHts;
  EXPECT_FALSE(SameEvent(a, other_actor));
  other_actor.record.actor1.clear();
  EXPECT_TRUE(SameEvent(a, other_actor)) << "an unknown actor1 is compatible";
  Member swapped = b;
  std::swap(swapped.record.actor1, swapped.record.actor2);
  EXPECT_TRUE(SameEvent(a, swapped));

  Member undated = b;
  undated.record.event_date.clear();
  undated.day = kNoDay;
  EXPECT_FALSE(SameEvent(a, undated));
}

TEST(MergeComponent, TwoReportsOfOneShelling) {
  EventRecord r1 = Shelling("d1", "e1", "2024-03-05", 35.9044, 36.7233, 5);
  r1.source = "Syrian Observatory for Human Rights";
  EventRecord r2 = Shelling("d2", "e2", "2024-03-05", 35.9314, 36.7233, 8);
  r2.geo_precision = 2;
  r2.assoc_actor_1 = {"Military Forces of Russia (2000-)"};
  std::vector<Member> members = {MakeMember(r1, 1, "Wire A"), MakeMember(r2, 2, "Wire B")};
  auto clusters = MergeComponent(members);
  ASSERT_EQ(clusters.size(), 1u);
  const MergedEvent& m = clusters[0].merged;
  EXPECT_EQ(m.event.event_id, MergedEventId("e1", "d1"));
  EXPECT_EQ(m.event.doc_id, "d1") << "the more precise report leads";
  EXPECT_EQ(m.event.fatalities, 5);
  EXPECT_EQ(m.event.fatalities_low, 5);
  EXPECT_EQ(m.event.fatalities_high, 8);
  EXPECT_EQ(m.num_mentions, 2);
  EXPECT_EQ(m.num_sources, 2);
  EXPECT_EQ(m.event.source, "Syrian Observatory for Human Rights; Wire B");
  EXPECT_EQ(m.event.assoc_actor_1, std::vector<std::string>{"Military Forces of Russia (2000-)"});
  ASSERT_EQ(m.sources.size(), 2u);
  EXPECT_EQ(m.sources[0].fatalities, 5);
  EXPECT_EQ(m.sources[1].fatalities, 8);
}

TEST(MergeComponent, FiguresWithoutAnyReportStayNull) {
  std::vector<Member> members = {MakeMember(Shelling("d1", "e1", "2024-03-05")),
                                 MakeMember(Shelling("d2", "e2", "2024-03-05"))};
  auto clusters = MergeComponent(members);
  ASSERT_EQ(clusters.size(), 1u);
  EXPECT_FALSE(clusters[0].merged.event.fatalities);
  EXPECT_FALSE(clusters[0].merged.event.fatalities_high);
}

TEST(MergeComponent, NoChainingThroughAMiddleReport) {
  // a~b (8 km), b~c (8 km), but a and c are 16 km apart: complete linkage keeps them apart.
  std::vector<Member> members = {MakeMember(Shelling("d1", "e1", "2024-03-05", 35.90, 36.72)),
                                 MakeMember(Shelling("d2", "e2", "2024-03-05", 35.972, 36.72)),
                                 MakeMember(Shelling("d3", "e3", "2024-03-05", 36.044, 36.72))};
  ASSERT_TRUE(SameEvent(members[0], members[1]));
  ASSERT_TRUE(SameEvent(members[1], members[2]));
  ASSERT_FALSE(SameEvent(members[0], members[2]));
  auto clusters = MergeComponent(members);
  ASSERT_EQ(clusters.size(), 2u);
  EXPECT_EQ(clusters[0].members.size(), 2u);
  EXPECT_EQ(clusters[1].members.size(), 1u);
}

TEST(MergeComponent, IndependentOfInputOrder) {
  std::vector<Member> members;
  std::mt19937 rng(7);
  for (int i = 0; i < 40; ++i) {
    EventRecord r = Shelling("d" + std::to_string(i % 13), "e" + std::to_string(i), "2024-03-0" + std::to_string(1 + i % 4),
                             35.9 + 0.02 * (i % 5), 36.72, i % 7);
    r.time_precision = 1 + i % 3;
    r.geo_precision = 1 + i % 2;
    if (i % 6 == 0) r.actor1.clear();
    members.push_back(MakeMember(r, i));
  }
  auto dump = [](std::vector<Cluster> cs) {
    std::vector<std::string> out;
    for (const Cluster& c : cs) out.push_back(ToJson(c.merged));
    std::sort(out.begin(), out.end());
    return out;
  };
  auto expected = dump(MergeAll(members));
  EXPECT_GT(expected.size(), 3u);
  EXPECT_LT(expected.size(), 40u);
  for (int round = 0; round < 5; ++round) {
    std::shuffle(members.begin(), members.end(), rng);
    EXPECT_EQ(dump(MergeAll(members)), expected);
  }
}

}  // namespace
}  // namespace sitrep::store
