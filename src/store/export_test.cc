#include <gtest/gtest.h>
#include <simdjson.h>

#include <sstream>

#include "sitrep/store.h"
#include "store/merge.h"
#include "store/store_test_util.h"

namespace sitrep::store {
namespace {

using testing::Shelling;

// Two merged events: one with two sources and awkward text, one without a point.
std::vector<MergedEvent> Events() {
  EventRecord a = Shelling("d1", "e1", "2024-03-05", 35.9044, 36.7233, 5);
  a.source = "SOHR";
  a.assoc_actor_1 = {"Military Forces of Russia (2000-)", "Wagner Group"};
  Member ma = MakeMember(a, 1, "Wire A");
  ma.source.sentence = "Shelling \"killed\" five, a monitor said,\nin Sarmin\t(Idlib).";
  ma.source.url = "https://example.org/a";
  Member mb = MakeMember(Shelling("d2", "e1", "2024-03-05", 35.93, 36.7233, 8), 2, "Wire B");
  EventRecord c = Shelling("d3", "e7", "2024-03-09");
  c.latitude.reset();
  c.longitude.reset();
  c.event_type = "Protests";
  c.sub_event_type = "Peaceful protest";
  c.actor2.clear();
  c.inter2 = 0;
  std::vector<MergedEvent> out;
  for (Cluster& cl : MergeComponent({ma, mb, MakeMember(c, 3, "Wire C")})) out.push_back(std::move(cl.merged));
  return out;
}

std::string Export(ExportFormat f) {
  std::ostringstream out;
  {
    EventWriter w(f, out);
    for (const MergedEvent& e : Events()) w.Write(e);
  }
  return out.str();
}

// RFC 4180 records: quoted fields may hold commas, quotes ("") and line breaks.
std::vector<std::vector<std::string>> ParseCsv(const std::string& s) {
  std::vector<std::vector<std::string>> rows(1, std::vector<std::string>(1));
  bool quoted = false;
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (quoted) {
      if (c == '"' && i + 1 < s.size() && s[i + 1] == '"') rows.back().back() += '"', ++i;
      else if (c == '"') quoted = false;
      else rows.back().back() += c;
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      rows.back().emplace_back();
    } else if (c == '\n') {
      rows.emplace_back(1);
    } else {
      rows.back().back() += c;
    }
  }
  if (rows.back().size() == 1 && rows.back()[0].empty()) rows.pop_back();
  return rows;
}

TEST(StoreExport, FormatNames) {
  ExportFormat f;
  EXPECT_TRUE(ParseExportFormat("geojson", &f));
  EXPECT_EQ(f, ExportFormat::kGeoJson);
  EXPECT_FALSE(ParseExportFormat("xml", &f));
}

TEST(StoreExport, CsvHasAcledColumnsAndQuotes) {
  auto rows = ParseCsv(Export(ExportFormat::kCsv));
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[0], AcledColumns());
  EXPECT_EQ(rows[0][0], "event_id_cnty");
  EXPECT_EQ(rows[0].back(), "timestamp");
  auto col = [&](const char* name) {
    return std::find(rows[0].begin(), rows[0].end(), name) - rows[0].begin();
  };
  for (size_t i = 1; i < rows.size(); ++i) ASSERT_EQ(rows[i].size(), AcledColumns().size());
  const auto& shelling = rows[1];
  EXPECT_EQ(shelling[col("event_date")], "2024-03-05");
  EXPECT_EQ(shelling[col("year")], "2024");
  EXPECT_EQ(shelling[col("disorder_type")], "Political violence");
  EXPECT_EQ(shelling[col("assoc_actor_1")], "Military Forces of Russia (2000-); Wagner Group");
  EXPECT_EQ(shelling[col("interaction")], "17");
  EXPECT_EQ(shelling[col("civilian_targeting")], "Civilian targeting");
  EXPECT_EQ(shelling[col("notes")], "Shelling \"killed\" five, a monitor said,\nin Sarmin\t(Idlib).");
  EXPECT_EQ(shelling[col("fatalities")], "5");
  EXPECT_EQ(shelling[col("source")], "SOHR; Wire B");
  EXPECT_EQ(shelling[col("latitude")], "35.9044");
  EXPECT_EQ(rows[2][col("disorder_type")], "Demonstrations");
  EXPECT_EQ(rows[2][col("interaction")], "10");
  EXPECT_EQ(rows[2][col("fatalities")], "");
}

TEST(StoreExport, GeoJsonParses) {
  std::string text = Export(ExportFormat::kGeoJson);
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  ASSERT_EQ(parser.parse(text).get(doc), simdjson::SUCCESS) << text;
  EXPECT_EQ(std::string_view(doc["type"]), "FeatureCollection");
  simdjson::dom::array features = doc["features"];
  ASSERT_EQ(features.size(), 2u);
  simdjson::dom::element first = features.at(0);
  EXPECT_EQ(std::string_view(first["geometry"]["type"]), "Point");
  EXPECT_NEAR(double(first["geometry"]["coordinates"].at(0)), 36.7233, 1e-4);
  EXPECT_EQ(int64_t(first["properties"]["num_sources"]), 2);
  EXPECT_EQ(int64_t(first["properties"]["fatalities_high"]), 8);
  EXPECT_TRUE(features.at(1)["geometry"].is_null());

  std::ostringstream empty;
  { EventWriter w(ExportFormat::kGeoJson, empty); }
  ASSERT_EQ(parser.parse(empty.str()).get(doc), simdjson::SUCCESS);
  EXPECT_EQ(simdjson::dom::array(doc["features"]).size(), 0u);
}

TEST(StoreExport, JsonLinesParse) {
  std::istringstream lines(Export(ExportFormat::kJsonl));
  simdjson::dom::parser parser;
  int n = 0;
  for (std::string line; std::getline(lines, line); ++n) {
    simdjson::dom::element e;
    ASSERT_EQ(parser.parse(line).get(e), simdjson::SUCCESS) << line;
    EXPECT_FALSE(std::string_view(e["event_id"]).empty());
    simdjson::dom::array sources = e["sources"];
    EXPECT_EQ(int64_t(e["num_mentions"]), int64_t(sources.size()));
    for (simdjson::dom::element s : sources) {
      EXPECT_FALSE(std::string_view(s["doc_id"]).empty());
      EXPECT_TRUE(s["evidence"]["sentence"].is_array());
    }
  }
  EXPECT_EQ(n, 2);
}

TEST(StoreExport, TsvHasGdeltColumns) {
  std::istringstream lines(Export(ExportFormat::kTsv));
  std::vector<std::vector<std::string>> rows;
  for (std::string line; std::getline(lines, line);) {
    rows.emplace_back();
    std::istringstream fields(line);
    for (std::string f; std::getline(fields, f, '\t');) rows.back().push_back(f);
    if (line.back() == '\t') rows.back().emplace_back();
  }
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[0], GdeltColumns());
  EXPECT_EQ(rows[1].size(), GdeltColumns().size());
  EXPECT_EQ(rows[1][1], "20240305");
  EXPECT_EQ(rows[1][6], "195");
  EXPECT_EQ(rows[1][9], "2");
  EXPECT_EQ(rows[1][11], "Sarmin, Idlib, Syria");
  EXPECT_EQ(rows[1][15], "https://example.org/a");
}

}  // namespace
}  // namespace sitrep::store
