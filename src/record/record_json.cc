// Contract v1 records as JSON lines.
#include <cmath>
#include <cstdio>

#include "sitrep/record.h"

namespace sitrep {

void AppendJsonString(std::string* out, std::string_view s) {
  out->push_back('"');
  // Runs of characters that need no escape are appended whole.
  size_t run = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c >= 0x20 && c != '"' && c != '\\') continue;
    out->append(s.data() + run, i - run);
    run = i + 1;
    switch (c) {
      case '"': out->append("\\\""); break;
      case '\\': out->append("\\\\"); break;
      case '\n': out->append("\\n"); break;
      case '\r': out->append("\\r"); break;
      case '\t': out->append("\\t"); break;
      default:
        char buf[8];
        std::snprintf(buf, sizeof buf, "\\u%04x", c);
        out->append(buf);
    }
  }
  out->append(s.data() + run, s.size() - run);
  out->push_back('"');
}

namespace {

struct Writer {
  std::string* out;
  bool first = true;
  void Key(const char* k) {  // keys are plain ASCII names: no escaping needed
    if (!first) out->push_back(',');
    first = false;
    out->push_back('"');
    out->append(k);
    out->append("\":");
  }
  void Str(const char* k, std::string_view v) { Key(k); AppendJsonString(out, v); }
  void StrOrNull(const char* k, std::string_view v) {
    Key(k);
    if (v.empty()) out->append("null"); else AppendJsonString(out, v);
  }
  void Int(const char* k, int64_t v) { Key(k); out->append(std::to_string(v)); }
  void Num(const char* k, double v) {
    Key(k);
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.6g", std::isfinite(v) ? v : 0.0);
    out->append(buf);
  }
  void OptInt(const char* k, const std::optional<int64_t>& v) {
    Key(k);
    if (v) out->append(std::to_string(*v)); else out->append("null");
  }
  void OptNum(const char* k, const std::optional<double>& v) {
    Key(k);
    if (!v) { out->append("null"); return; }
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.5f", *v);
    out->append(buf);
  }
  void List(const char* k, const std::vector<std::string>& v) {
    Key(k);
    out->push_back('[');
    for (size_t i = 0; i < v.size(); ++i) {
      if (i) out->push_back(',');
      AppendJsonString(out, v[i]);
    }
    out->push_back(']');
  }
  void SpanVal(const Span& s) {
    out->append("[" + std::to_string(s.begin) + "," + std::to_string(s.end) + "]");
  }
};

}  // namespace

std::string ToJson(const EventRecord& r) {
  std::string out;
  out.reserve(1024);
  out.push_back('{');
  Writer w{&out};
  w.Str("doc_id", r.doc_id);
  w.Str("event_id", r.event_id);
  w.StrOrNull("event_date", r.event_date);
  w.Int("time_precision", r.time_precision);
  w.Str("event_type", r.event_type);
  w.Str("sub_event_type", r.sub_event_type);
  w.Str("cameo_code", r.cameo_code);
  w.Int("quad_class", r.quad_class);
  w.Num("goldstein", r.goldstein);
  w.Str("actor1", r.actor1);
  w.List("assoc_actor_1", r.assoc_actor_1);
  w.Str("actor2", r.actor2);
  w.List("assoc_actor_2", r.assoc_actor_2);
  w.Str("actor1_code", r.actor1_code);
  w.Str("actor2_code", r.actor2_code);
  w.Int("inter1", r.inter1);
  w.Int("inter2", r.inter2);
  w.Str("country", r.country);
  w.Str("iso3", r.iso3);
  w.Str("admin1", r.admin1);
  w.Str("admin2", r.admin2);
  w.Str("location", r.location);
  w.OptNum("latitude", r.latitude);
  w.OptNum("longitude", r.longitude);
  w.Int("geo_precision", r.geo_precision);
  w.Key("geonameid");
  if (r.geonameid) out.append(std::to_string(r.geonameid)); else out.append("null");
  w.OptInt("fatalities", r.fatalities);
  w.OptInt("fatalities_low", r.fatalities_low);
  w.OptInt("fatalities_high", r.fatalities_high);
  w.OptInt("civilian_fatalities", r.civilian_fatalities);
  w.Str("source", r.source);
  w.Key("background");
  out.append(r.background ? "true" : "false");
  w.Key("evidence");
  out.append("{\"sentence\":");
  w.SpanVal(r.evidence.sentence);
  out.append(",\"trigger\":");
  w.SpanVal(r.evidence.trigger);
  for (const auto& [role, span] : r.evidence.roles) {
    out.push_back(',');
    AppendJsonString(&out, role);
    out.push_back(':');
    w.SpanVal(span);
  }
  out.push_back('}');
  w.Num("confidence", r.confidence);
  out.push_back('}');
  return out;
}

}  // namespace sitrep
