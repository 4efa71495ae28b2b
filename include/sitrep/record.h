// sitrep/record.h — the event record, contract v1 (../DESIGN.md, doc/record.md).
//
// One EventRecord per event found in a document; ToJson() writes it as one JSON
// object (no newline) with the contract's field names. Optional numbers are
// written as null when absent.
//
// Thread rule: plain values.
#ifndef SITREP_RECORD_H_
#define SITREP_RECORD_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace sitrep {

struct Span {
  uint32_t begin = 0, end = 0;  // [begin, end) bytes into the normalised document text
};

struct Evidence {
  Span sentence;
  Span trigger;
  std::vector<std::pair<std::string, Span>> roles;  // "actor1", "actor2", "location", "date", "fatalities", "source"...
};

struct EventRecord {
  std::string doc_id;
  std::string event_id;
  std::string event_date;         // YYYY-MM-DD, empty when unknown
  int time_precision = 3;         // 1 day, 2 week, 3 month or vaguer
  std::string event_type, sub_event_type;
  std::string cameo_code;
  int quad_class = 0;
  double goldstein = 0;
  std::string actor1, actor2;
  std::vector<std::string> assoc_actor_1, assoc_actor_2;
  std::string actor1_code, actor2_code;
  int inter1 = 0, inter2 = 0;     // ACLED inter codes 1..8, 0 none
  std::string country, iso3, admin1, admin2, location;
  std::optional<double> latitude, longitude;
  int geo_precision = 3;
  uint32_t geonameid = 0;
  std::optional<int64_t> fatalities, fatalities_low, fatalities_high, civilian_fatalities;
  std::string source;
  bool background = false;
  Evidence evidence;
  double confidence = 0;
};

// One JSON object, no trailing newline.
std::string ToJson(const EventRecord& r);

// The same object appended to *out (no trailing newline): for writing many records into one
// buffer without a string per record.
void AppendJson(std::string* out, const EventRecord& r);

// JSON string escaping (control characters, quotes, backslash; UTF-8 kept).
void AppendJsonString(std::string* out, std::string_view s);

}  // namespace sitrep

#endif  // SITREP_RECORD_H_
