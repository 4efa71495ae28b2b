// Merging reports of one event (internal to the store).
//
// The rule. Two records a, b are *the same event* (SameEvent) when all hold:
//   - they come from different documents and neither is background;
//   - both have a date and the same event_type;
//   - |day(a) - day(b)| <= the larger tolerance of their time_precision
//     (1: 0 days, 2: 3 days, 3 or vaguer: 15 days);
//   - their places agree at the coarser of their geo_precision: 1 within 10 km,
//     2 within 30 km (when either lacks a point: same region and location),
//     3 same region (RegionKey: country by ISO alpha-3, else by name, and admin1);
//   - their actors agree: actor1 equal, or either actor1 empty, or actor1/actor2 swapped.
// The relation is symmetric. Its connected components ("components") only grow as
// records are added, so the store maintains them incrementally. Each component is
// then split deterministically (MergeComponent): members sorted by (day, event_id,
// doc_id), each joins the first cluster all of whose members are the same event as it
// (complete linkage, so no chaining and never two records of one document), else
// starts a new one. A cluster is one merged event. The result depends only on the set
// of records, never on the order they arrived in.
//
// Thread rule: pure functions.
#ifndef SITREP_STORE_MERGE_H_
#define SITREP_STORE_MERGE_H_

#include <climits>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "sitrep/record.h"
#include "sitrep/store.h"

namespace sitrep::store {

inline constexpr int kNoDay = INT_MIN;

// Days since 1970-01-01 of "YYYY-MM-DD" (a longer ISO timestamp is read by its date); kNoDay when invalid.
int DayNumber(std::string_view iso);
// "YYYY-MM-DD" of a day number.
std::string IsoDate(int day);
// Great-circle distance in km.
double DistanceKm(double lat1, double lon1, double lat2, double lon2);
// Uncertainty in days of a time_precision (1: 0, 2: 3, 3+: 15), and the largest there is.
int DateToleranceDays(int time_precision);
inline constexpr int kMaxDateToleranceDays = 15;
// Largest distance between two same-event places given by points: town precision, near a town.
inline constexpr double kMaxMergeKm[2] = {10.0, 30.0};
// Country (ISO alpha-3, else the name) and admin1, lower case: records the rule compares
// by region (geo_precision 3, or no point) are the same event only when these are equal.
std::string RegionKey(const EventRecord& r);

// One stored record with what merging needs of its document.
struct Member {
  EventRecord record;
  int day = kNoDay;       // DayNumber(record.event_date)
  int64_t id = 0;         // the store's row id (opaque here)
  EventSource source;     // doc_id, event_id, publisher... as far as the caller filled it
};
// Fills day and the source fields that come from the record itself.
Member MakeMember(EventRecord record, int64_t id = 0, std::string publisher = {});

bool SameEvent(const Member& a, const Member& b);

struct Cluster {
  MergedEvent merged;            // sources filled from the members' `source`
  std::vector<size_t> members;   // indices into the input, in (day, event_id, doc_id) order
  size_t representative = 0;     // index into the input of the report whose fields lead
};

// Splits one component (or any set of records) into merged events; deterministic in the set.
std::vector<Cluster> MergeComponent(const std::vector<Member>& members);

// Reference: components by brute force over all pairs, then MergeComponent on each;
// clusters ordered by merged event id. For tests (the store does the same incrementally).
std::vector<Cluster> MergeAll(const std::vector<Member>& members);

// "mev-" + 16 hex digits of a hash of the smallest member (event_id, doc_id).
std::string MergedEventId(std::string_view event_id, std::string_view doc_id);

}  // namespace sitrep::store

#endif  // SITREP_STORE_MERGE_H_
