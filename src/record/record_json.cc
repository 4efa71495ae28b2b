// Contract v1 records as JSON lines.
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstring>

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

// Numbers straight into the output (std::to_chars: no locale, no temporary strings); the
// text is the same as printf's for the formats used ("%.6g", "%.5f", integers).
void AppendInt(std::string* out, int64_t v) {
  char buf[24];
  out->append(buf, std::to_chars(buf, buf + sizeof buf, v).ptr);
}

void AppendDouble(std::string* out, double v, std::chars_format format, int precision) {
  char buf[64];
  auto res = std::to_chars(buf, buf + sizeof buf, v, format, precision);
  if (res.ec == std::errc()) out->append(buf, res.ptr); else out->push_back('0');
}

struct Writer {
  std::string* out;
  bool first = true;
  void Key(std::string_view k) {  // keys are short plain ASCII names: no escaping needed
    char buf[64];
    size_t n = 0;
    if (!first) buf[n++] = ',';
    first = false;
    buf[n++] = '"';
    k = k.substr(0, sizeof buf - 4);
    std::memcpy(buf + n, k.data(), k.size());
    n += k.size();
    buf[n++] = '"';
    buf[n++] = ':';
    out->append(buf, n);
  }
  void Str(const char* k, std::string_view v) { Key(k); AppendJsonString(out, v); }
  void StrOrNull(const char* k, std::string_view v) {
    Key(k);
    if (v.empty()) out->append("null"); else AppendJsonString(out, v);
  }
  void Int(const char* k, int64_t v) { Key(k); AppendInt(out, v); }
  void Num(const char* k, double v) {
    Key(k);
    AppendDouble(out, std::isfinite(v) ? v : 0.0, std::chars_format::general, 6);
  }
  void OptInt(const char* k, const std::optional<int64_t>& v) {
    Key(k);
    if (v) AppendInt(out, *v); else out->append("null");
  }
  void OptNum(const char* k, const std::optional<double>& v) {
    Key(k);
    if (!v) { out->append("null"); return; }
    AppendDouble(out, std::isfinite(*v) ? *v : 0.0, std::chars_format::fixed, 5);
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
    out->push_back('[');
    AppendInt(out, s.begin);
    out->push_back(',');
    AppendInt(out, s.end);
    out->push_back(']');
  }
};

}  // namespace

std::string ToJson(const EventRecord& r) {
  std::string out;
  out.reserve(1024 + r.evidence.roles.size() * 24);
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
  if (r.geonameid) AppendInt(&out, r.geonameid); else out.append("null");
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
