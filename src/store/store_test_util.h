// Hand-built documents and records for the store and merge tests (no lexicon needed).
#ifndef SITREP_STORE_STORE_TEST_UTIL_H_
#define SITREP_STORE_STORE_TEST_UTIL_H_

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "sitrep/store.h"

namespace sitrep::store::testing {

inline constexpr const char* kSyrianArmy = "Military Forces of Syria (2000-)";
inline constexpr const char* kHts = "Hayat Tahrir al-Sham";

// A shelling report: day precision, town precision, near Sarmin (Idlib) unless moved.
inline EventRecord Shelling(std::string doc_id, std::string event_id, std::string date, double lat = 35.9044,
                            double lon = 36.7233, std::optional<int64_t> fatalities = std::nullopt) {
  EventRecord r;
  r.doc_id = std::move(doc_id);
  r.event_id = std::move(event_id);
  r.event_date = std::move(date);
  r.time_precision = 1;
  r.event_type = "Explosions/Remote violence";
  r.sub_event_type = "Shelling/artillery/missile attack";
  r.cameo_code = "195";
  r.quad_class = 4;
  r.goldstein = -10;
  r.actor1 = kSyrianArmy;
  r.actor1_code = "SYRMIL";
  r.inter1 = 1;
  r.actor2 = "Civilians (Syria)";
  r.actor2_code = "SYRCVL";
  r.inter2 = 7;
  r.country = "Syria";
  r.iso3 = "SYR";
  r.admin1 = "Idlib";
  r.location = "Sarmin";
  r.latitude = lat;
  r.longitude = lon;
  r.geo_precision = 1;
  r.fatalities = fatalities;
  r.confidence = 0.8;
  return r;
}

// A document whose text holds `sentence` at offset 0; records get spans into it.
inline DocumentRecords Doc(std::string id, std::string sentence, std::vector<EventRecord> records,
                           std::string publisher = "Example Wire") {
  DocumentRecords dr;
  dr.doc.id = std::move(id);
  dr.doc.text = sentence + "\n\nOther news followed.";
  dr.doc.published = "2024-03-06";
  dr.doc.title = "Report " + dr.doc.id;
  dr.doc.source = std::move(publisher);
  dr.doc.url = "https://example.org/" + dr.doc.id;
  dr.doc.origin = "test";
  for (EventRecord& r : records) {
    r.doc_id = dr.doc.id;
    r.evidence.sentence = {0, static_cast<uint32_t>(sentence.size())};
    r.evidence.trigger = {0, std::min<uint32_t>(4, static_cast<uint32_t>(sentence.size()))};
    r.evidence.roles = {{"actor1", {0, 2}}, {"location", {2, 3}}};
  }
  dr.records = std::move(records);
  return dr;
}

// n documents with three records each; documents 2j and 2j+1 report the same three
// events (1 km apart), and pairs 60 apart fall on the same days and places, so
// merged events have two or four sources and some components are larger than a cluster.
inline std::vector<DocumentRecords> Corpus(int n) {
  static const char* kDays[] = {"2024-01-01", "2024-01-02", "2024-01-03", "2024-01-04", "2024-01-05",
                                "2024-01-06", "2024-01-07", "2024-01-08", "2024-01-09", "2024-01-10"};
  std::vector<DocumentRecords> docs;
  for (int i = 0; i < n; ++i) {
    std::vector<EventRecord> records;
    int j = i / 2;
    for (int k = 0; k < 3; ++k) {
      EventRecord r = Shelling("", "e" + std::to_string(k), kDays[j % 10], 30 + k + 0.1 * (j % 6), 36 + 0.01 * (i % 2),
                               (i % 5) + k);
      if (i % 2 && k == 2) r.time_precision = 2;
      if (j % 7 == 3) r.actor1.clear();
      records.push_back(r);
    }
    docs.push_back(Doc("doc-" + std::to_string(i), "Shells hit the town, killing " + std::to_string(i % 5) + ", said \"someone\", again.",
                       std::move(records), "Wire " + std::to_string(i % 3)));
  }
  return docs;
}

// A fresh temporary directory, removed at the end of the test.
class TempDir {
 public:
  TempDir() {
    std::string tmpl = (std::filesystem::temp_directory_path() / "sitrep-store-XXXXXX").string();
    path_ = mkdtemp(tmpl.data()) ? tmpl : std::string();
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  std::string File(const std::string& name) const { return path_ + "/" + name; }

 private:
  std::string path_;
};

}  // namespace sitrep::store::testing

#endif  // SITREP_STORE_STORE_TEST_UTIL_H_
