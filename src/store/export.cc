// Merged events out: JSON lines, ACLED-style CSV, GeoJSON, GDELT-style TSV.
#include <cstdio>
#include <string>

#include "sitrep/store.h"

namespace sitrep {

namespace {

std::string Fixed(double v, int digits) {
  char buf[48];
  std::snprintf(buf, sizeof buf, "%.*f", digits, v);
  return buf;
}

std::string OptText(const std::optional<int64_t>& v) { return v ? std::to_string(*v) : std::string(); }

void AppendOptInt(std::string* out, const std::optional<int64_t>& v) { out->append(v ? std::to_string(*v) : "null"); }

void AppendSpan(std::string* out, const Span& s) {
  out->append("[" + std::to_string(s.begin) + "," + std::to_string(s.end) + "]");
}

std::string Join(const std::vector<std::string>& v, const char* sep) {
  std::string s;
  for (const auto& x : v) s += (s.empty() ? "" : sep) + x;
  return s;
}

// ACLED's disorder type of an event type.
std::string DisorderType(const EventRecord& e) {
  if (e.sub_event_type == "Excessive force against protesters") return "Political violence; Demonstrations";
  if (e.event_type == "Protests" || e.event_type == "Riots") return "Demonstrations";
  if (e.event_type == "Strategic developments") return "Strategic developments";
  if (e.event_type.empty()) return "";
  return "Political violence";
}

// ACLED's interaction code: the two inter codes, smaller first ("12"); one actor alone: "10".
std::string Interaction(int a, int b) {
  if (a == 0 && b == 0) return "";
  if (a == 0 || b == 0) return std::to_string((a ? a : b) * 10);
  return std::to_string(std::min(a, b) * 10 + std::max(a, b));
}

void CsvField(std::string* out, std::string_view v) {
  if (v.find_first_of(",\"\r\n") == std::string_view::npos) {
    out->append(v);
    return;
  }
  out->push_back('"');
  for (char c : v) {
    if (c == '"') out->push_back('"');
    out->push_back(c);
  }
  out->push_back('"');
}

std::string TsvField(std::string_view v) {
  std::string s(v);
  for (char& c : s)
    if (c == '\t' || c == '\n' || c == '\r') c = ' ';
  return s;
}

std::string CsvRow(const MergedEvent& m) {
  const EventRecord& e = m.event;
  bool civilians = e.inter2 == 7 || e.actor2.starts_with("Civilians");
  std::vector<std::string> v = {
      e.event_id, e.event_date, e.event_date.size() >= 4 ? e.event_date.substr(0, 4) : "",
      std::to_string(e.time_precision), DisorderType(e), e.event_type, e.sub_event_type, e.actor1,
      Join(e.assoc_actor_1, "; "), std::to_string(e.inter1), e.actor2, Join(e.assoc_actor_2, "; "),
      std::to_string(e.inter2), Interaction(e.inter1, e.inter2), civilians ? "Civilian targeting" : "",
      "" /* iso: ACLED's numeric code, not known */, "" /* region */, e.country, e.admin1, e.admin2, "" /* admin3 */,
      e.location, e.latitude ? Fixed(*e.latitude, 4) : "", e.longitude ? Fixed(*e.longitude, 4) : "",
      std::to_string(e.geo_precision), e.source, "" /* source_scale */, m.notes, OptText(e.fatalities),
      "" /* tags */, "" /* timestamp */};
  std::string out;
  for (size_t i = 0; i < v.size(); ++i) {
    if (i) out.push_back(',');
    CsvField(&out, v[i]);
  }
  out.push_back('\n');
  return out;
}

std::string TsvRow(const MergedEvent& m) {
  const EventRecord& e = m.event;
  std::string date;
  for (char c : e.event_date.substr(0, 10))
    if (c != '-') date.push_back(c);
  std::string place;
  for (const std::string* p : {&e.location, &e.admin1, &e.country})
    if (!p->empty() && place.find(*p) == std::string::npos) place += (place.empty() ? "" : ", ") + *p;
  std::string url;
  for (const EventSource& s : m.sources)
    if (url.empty()) url = s.url;
  std::vector<std::string> v = {e.event_id, date, e.actor1, e.actor1_code, e.actor2, e.actor2_code, e.cameo_code,
                                std::to_string(e.quad_class), Fixed(e.goldstein, 1), std::to_string(m.num_mentions),
                                std::to_string(m.num_sources), place, e.iso3,
                                e.latitude ? Fixed(*e.latitude, 4) : "", e.longitude ? Fixed(*e.longitude, 4) : "",
                                url};
  std::string out;
  for (size_t i = 0; i < v.size(); ++i) out += (i ? "\t" : "") + TsvField(v[i]);
  out.push_back('\n');
  return out;
}

}  // namespace

bool ParseExportFormat(std::string_view name, ExportFormat* out) {
  if (name == "jsonl") *out = ExportFormat::kJsonl;
  else if (name == "csv") *out = ExportFormat::kCsv;
  else if (name == "geojson") *out = ExportFormat::kGeoJson;
  else if (name == "tsv") *out = ExportFormat::kTsv;
  else return false;
  return true;
}

const std::vector<std::string>& AcledColumns() {
  static const std::vector<std::string> kColumns = {
      "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
      "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction", "civilian_targeting",
      "iso", "region", "country", "admin1", "admin2", "admin3", "location", "latitude", "longitude",
      "geo_precision", "source", "source_scale", "notes", "fatalities", "tags", "timestamp"};
  return kColumns;
}

const std::vector<std::string>& GdeltColumns() {
  static const std::vector<std::string> kColumns = {
      "GlobalEventID", "SQLDATE", "Actor1Name", "Actor1Code", "Actor2Name", "Actor2Code", "EventCode", "QuadClass",
      "GoldsteinScale", "NumMentions", "NumSources", "ActionGeo_FullName", "ActionGeo_CountryCode", "ActionGeo_Lat",
      "ActionGeo_Long", "SOURCEURL"};
  return kColumns;
}

std::string ToJson(const MergedEvent& m) {
  std::string out = ToJson(m.event);
  out.pop_back();  // the closing brace
  out += ",\"num_mentions\":" + std::to_string(m.num_mentions) + ",\"num_sources\":" + std::to_string(m.num_sources);
  out += ",\"notes\":";
  AppendJsonString(&out, m.notes);
  out += ",\"sources\":[";
  for (size_t i = 0; i < m.sources.size(); ++i) {
    const EventSource& s = m.sources[i];
    if (i) out.push_back(',');
    out += "{";
    auto str = [&](const char* key, std::string_view v, bool comma = true) {
      if (comma) out.push_back(',');
      AppendJsonString(&out, key);
      out.push_back(':');
      AppendJsonString(&out, v);
    };
    str("doc_id", s.doc_id, false);
    str("event_id", s.event_id);
    str("publisher", s.publisher);
    str("url", s.url);
    str("published", s.published);
    str("title", s.title);
    str("attribution", s.attribution);
    out += ",\"fatalities\":";
    AppendOptInt(&out, s.fatalities);
    out += ",\"fatalities_low\":";
    AppendOptInt(&out, s.fatalities_low);
    out += ",\"fatalities_high\":";
    AppendOptInt(&out, s.fatalities_high);
    out += ",\"evidence\":{\"sentence\":";
    AppendSpan(&out, s.evidence.sentence);
    out += ",\"trigger\":";
    AppendSpan(&out, s.evidence.trigger);
    for (const auto& [role, span] : s.evidence.roles) {
      out.push_back(',');
      AppendJsonString(&out, role);
      out.push_back(':');
      AppendSpan(&out, span);
    }
    out += "}";
    str("sentence", s.sentence);
    out += "}";
  }
  out += "]}";
  return out;
}

EventWriter::EventWriter(ExportFormat format, std::ostream& out) : format_(format), out_(out) {
  auto header = [&](const std::vector<std::string>& cols, char sep) {
    std::string h;
    for (size_t i = 0; i < cols.size(); ++i) h += (i ? std::string(1, sep) : "") + cols[i];
    out_ << h << '\n';
  };
  if (format_ == ExportFormat::kCsv) header(AcledColumns(), ',');
  else if (format_ == ExportFormat::kTsv) header(GdeltColumns(), '\t');
  else if (format_ == ExportFormat::kGeoJson) out_ << "{\"type\":\"FeatureCollection\",\"features\":[\n";
}

EventWriter::~EventWriter() { Finish(); }

void EventWriter::Write(const MergedEvent& e) {
  switch (format_) {
    case ExportFormat::kJsonl: out_ << ToJson(e) << '\n'; break;
    case ExportFormat::kCsv: out_ << CsvRow(e); break;
    case ExportFormat::kTsv: out_ << TsvRow(e); break;
    case ExportFormat::kGeoJson: {
      std::string f = count_ ? ",\n" : "";
      f += "{\"type\":\"Feature\",\"id\":";
      AppendJsonString(&f, e.event.event_id);
      f += ",\"geometry\":";
      if (e.event.latitude && e.event.longitude)
        f += "{\"type\":\"Point\",\"coordinates\":[" + Fixed(*e.event.longitude, 5) + "," + Fixed(*e.event.latitude, 5) +
             "]}";
      else
        f += "null";
      f += ",\"properties\":" + ToJson(e) + "}";
      out_ << f;
      break;
    }
  }
  ++count_;
}

void EventWriter::Finish() {
  if (finished_) return;
  finished_ = true;
  if (format_ == ExportFormat::kGeoJson) out_ << (count_ ? "\n" : "") << "]}\n";
  out_.flush();
}

}  // namespace sitrep
