// Merging reports of one event: the same-event relation and the deterministic split.
#include "store/merge.h"

#include <xxhash.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <numbers>
#include <numeric>
#include <set>
#include <tuple>

namespace sitrep::store {

namespace {

bool IsDigits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

int DaysFromCivil(int y, unsigned m, unsigned d) {  // H. Hinnant's algorithm
  y -= m <= 2;
  const int era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int>(doe) - 719468;
}

bool EqualFold(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    char x = a[i], y = b[i];
    if (x >= 'A' && x <= 'Z') x += 32;
    if (y >= 'A' && y <= 'Z') y += 32;
    if (x != y) return false;
  }
  return true;
}

std::string AsciiLower(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c += 32;
  return out;
}

bool SameCountry(const EventRecord& a, const EventRecord& b) {
  return EqualFold(a.iso3.empty() ? a.country : a.iso3, b.iso3.empty() ? b.country : b.iso3);
}

bool SamePlace(const EventRecord& a, const EventRecord& b) {
  int precision = std::max(a.geo_precision, b.geo_precision);
  bool same_region = SameCountry(a, b) && EqualFold(a.admin1, b.admin1);
  if (precision >= 3) return same_region;
  if (a.latitude && a.longitude && b.latitude && b.longitude)
    return DistanceKm(*a.latitude, *a.longitude, *b.latitude, *b.longitude) <= kMaxMergeKm[precision <= 1 ? 0 : 1];
  return same_region && !a.location.empty() && EqualFold(a.location, b.location);
}

bool SameActors(const EventRecord& a, const EventRecord& b) {
  return a.actor1 == b.actor1 || a.actor1.empty() || b.actor1.empty() ||
         (a.actor1 == b.actor2 && a.actor2 == b.actor1);
}

// Sort key of members: (day, event_id, doc_id); records without a date last.
bool MemberLess(const Member& a, const Member& b) {
  auto day = [](const Member& m) { return m.day == kNoDay ? INT_MAX : m.day; };
  return std::forward_as_tuple(day(a), a.record.event_id, a.record.doc_id) <
         std::forward_as_tuple(day(b), b.record.event_id, b.record.doc_id);
}

// The report whose fields lead: the most precise date, then place, then the most confident.
bool BetterRepresentative(const Member& a, const Member& b) {
  return std::make_tuple(a.record.time_precision, a.record.geo_precision, -a.record.confidence, a.record.event_id,
                         a.record.doc_id) < std::make_tuple(b.record.time_precision, b.record.geo_precision,
                                                            -b.record.confidence, b.record.event_id, b.record.doc_id);
}

void AppendUnique(std::vector<std::string>* list, const std::vector<std::string>& more) {
  for (const auto& s : more)
    if (!s.empty() && std::find(list->begin(), list->end(), s) == list->end()) list->push_back(s);
}

std::optional<int64_t> MinOpt(std::optional<int64_t> a, std::optional<int64_t> b) {
  if (!a) return b;
  if (!b) return a;
  return std::min(*a, *b);
}

std::optional<int64_t> MaxOpt(std::optional<int64_t> a, std::optional<int64_t> b) {
  if (!a) return b;
  if (!b) return a;
  return std::max(*a, *b);
}

MergedEvent BuildMerged(const std::vector<Member>& all, const std::vector<size_t>& members, size_t rep) {
  MergedEvent m;
  EventRecord& ev = m.event;
  ev = all[rep].record;
  const Member* smallest = nullptr;
  for (size_t i : members) {
    const Member& x = all[i];
    if (!smallest || std::tie(x.record.event_id, x.record.doc_id) <
                         std::tie(smallest->record.event_id, smallest->record.doc_id))
      smallest = &x;
  }
  ev.event_id = MergedEventId(smallest->record.event_id, smallest->record.doc_id);

  // Fields the leading report lacks come from the others, in member order.
  for (size_t i : members) {
    const EventRecord& r = all[i].record;
    if (ev.actor1.empty() && !r.actor1.empty() && r.actor1 != ev.actor2) {
      ev.actor1 = r.actor1, ev.actor1_code = r.actor1_code, ev.inter1 = r.inter1;
    }
    if (ev.actor2.empty() && !r.actor2.empty() && r.actor2 != ev.actor1) {
      ev.actor2 = r.actor2, ev.actor2_code = r.actor2_code, ev.inter2 = r.inter2;
    }
    if (ev.sub_event_type.empty()) ev.sub_event_type = r.sub_event_type;
    if (ev.cameo_code.empty()) ev.cameo_code = r.cameo_code, ev.quad_class = r.quad_class, ev.goldstein = r.goldstein;
    if (ev.country.empty() && ev.iso3.empty()) ev.country = r.country, ev.iso3 = r.iso3;
    if (ev.admin1.empty() && SameCountry(ev, r)) ev.admin1 = r.admin1;
    if (ev.admin2.empty() && SameCountry(ev, r) && EqualFold(ev.admin1, r.admin1)) ev.admin2 = r.admin2;
    if (!ev.latitude && r.latitude && r.longitude) {
      ev.latitude = r.latitude, ev.longitude = r.longitude, ev.geonameid = r.geonameid;
      ev.geo_precision = r.geo_precision;
      if (!r.location.empty()) ev.location = r.location;
    }
    if (ev.location.empty()) ev.location = r.location;
  }
  ev.assoc_actor_1.clear();
  ev.assoc_actor_2.clear();
  AppendUnique(&ev.assoc_actor_1, all[rep].record.assoc_actor_1);
  AppendUnique(&ev.assoc_actor_2, all[rep].record.assoc_actor_2);

  // ACLED's conservative rule: the lowest figure any source reports; low/high the spread.
  ev.fatalities = ev.fatalities_low = ev.fatalities_high = ev.civilian_fatalities = std::nullopt;
  std::vector<std::string> attributions;
  std::set<std::string> publishers;
  ev.confidence = 0;
  ev.background = true;
  for (size_t i : members) {
    const Member& x = all[i];
    const EventRecord& r = x.record;
    AppendUnique(&ev.assoc_actor_1, r.assoc_actor_1);
    AppendUnique(&ev.assoc_actor_2, r.assoc_actor_2);
    ev.fatalities = MinOpt(ev.fatalities, r.fatalities);
    ev.fatalities_low = MinOpt(ev.fatalities_low, r.fatalities_low ? r.fatalities_low : r.fatalities);
    ev.fatalities_high = MaxOpt(ev.fatalities_high, r.fatalities_high ? r.fatalities_high : r.fatalities);
    ev.civilian_fatalities = MinOpt(ev.civilian_fatalities, r.civilian_fatalities);
    ev.confidence = std::max(ev.confidence, r.confidence);
    ev.background = ev.background && r.background;
    attributions.push_back(!r.source.empty() ? r.source : x.source.publisher);
    publishers.insert(x.source.publisher.empty() ? "\x01" + r.doc_id : x.source.publisher);
    m.sources.push_back(x.source);
  }
  std::sort(attributions.begin(), attributions.end());
  attributions.erase(std::unique(attributions.begin(), attributions.end()), attributions.end());
  ev.source.clear();
  for (const auto& a : attributions) {
    if (a.empty()) continue;
    if (!ev.source.empty()) ev.source += "; ";
    ev.source += a;
  }
  m.num_mentions = static_cast<int>(members.size());
  m.num_sources = static_cast<int>(publishers.size());
  m.notes = all[rep].source.sentence;
  return m;
}

}  // namespace

std::string RegionKey(const EventRecord& r) {
  return AsciiLower(r.iso3.empty() ? r.country : r.iso3) + "|" + AsciiLower(r.admin1);
}

int DayNumber(std::string_view s) {
  if (s.size() < 10 || s[4] != '-' || s[7] != '-') return kNoDay;
  if (s.size() > 10 && s[10] != 'T' && s[10] != ' ') return kNoDay;
  std::string_view ys = s.substr(0, 4), ms = s.substr(5, 2), ds = s.substr(8, 2);
  if (!IsDigits(ys) || !IsDigits(ms) || !IsDigits(ds)) return kNoDay;
  int y = std::stoi(std::string(ys)), m = std::stoi(std::string(ms)), d = std::stoi(std::string(ds));
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (y < 1 || m < 1 || m > 12 || d < 1) return kNoDay;
  bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  if (d > kDays[m - 1] + (m == 2 && leap)) return kNoDay;
  return DaysFromCivil(y, static_cast<unsigned>(m), static_cast<unsigned>(d));
}

std::string IsoDate(int z) {
  z += 719468;
  const int era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  const int y = static_cast<int>(yoe) + era * 400 + (m <= 2);
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", y, m, d);
  return buf;
}

double DistanceKm(double lat1, double lon1, double lat2, double lon2) {
  constexpr double kRad = std::numbers::pi / 180, kEarthKm = 6371.0088;
  double dlat = (lat2 - lat1) * kRad, dlon = (lon2 - lon1) * kRad;
  double h = std::sin(dlat / 2) * std::sin(dlat / 2) +
             std::cos(lat1 * kRad) * std::cos(lat2 * kRad) * std::sin(dlon / 2) * std::sin(dlon / 2);
  return 2 * kEarthKm * std::asin(std::min(1.0, std::sqrt(h)));
}

int DateToleranceDays(int time_precision) {
  return time_precision <= 1 ? 0 : time_precision == 2 ? 3 : kMaxDateToleranceDays;
}

Member MakeMember(EventRecord record, int64_t id, std::string publisher) {
  Member m;
  m.day = DayNumber(record.event_date);
  m.id = id;
  m.source.doc_id = record.doc_id;
  m.source.event_id = record.event_id;
  m.source.publisher = std::move(publisher);
  m.source.attribution = record.source.empty() ? m.source.publisher : record.source;
  m.source.fatalities = record.fatalities;
  m.source.fatalities_low = record.fatalities_low;
  m.source.fatalities_high = record.fatalities_high;
  m.source.evidence = record.evidence;
  m.record = std::move(record);
  return m;
}

bool SameEvent(const Member& x, const Member& y) {
  const EventRecord &a = x.record, &b = y.record;
  if (a.doc_id == b.doc_id || a.background || b.background) return false;
  if (x.day == kNoDay || y.day == kNoDay || a.event_type.empty() || a.event_type != b.event_type) return false;
  int tolerance = std::max(DateToleranceDays(a.time_precision), DateToleranceDays(b.time_precision));
  if (std::abs(x.day - y.day) > tolerance) return false;
  return SamePlace(a, b) && SameActors(a, b);
}

std::vector<Cluster> MergeComponent(const std::vector<Member>& all) {
  std::vector<size_t> order(all.size());
  std::iota(order.begin(), order.end(), 0);
  std::sort(order.begin(), order.end(), [&](size_t a, size_t b) { return MemberLess(all[a], all[b]); });
  // Groups open in day order, so the ones whose first member is too old for the current
  // member (and so for every later one) form a prefix that is never looked at again.
  std::vector<std::vector<size_t>> groups;
  size_t live = 0;
  for (size_t i : order) {
    const int day = all[i].day;
    auto fits = [&](const std::vector<size_t>& g) {
      return std::all_of(g.begin(), g.end(), [&](size_t j) { return SameEvent(all[i], all[j]); });
    };
    if (day != kNoDay)
      while (live < groups.size() && all[groups[live].front()].day < day - kMaxDateToleranceDays) ++live;
    auto it = day == kNoDay ? groups.end() : std::find_if(groups.begin() + live, groups.end(), fits);
    if (it != groups.end()) it->push_back(i); else groups.push_back({i});
  }
  std::vector<Cluster> out;
  out.reserve(groups.size());
  for (auto& g : groups) {
    Cluster c;
    c.representative = *std::min_element(g.begin(), g.end(), [&](size_t a, size_t b) {
      return BetterRepresentative(all[a], all[b]);
    });
    c.merged = BuildMerged(all, g, c.representative);
    c.members = std::move(g);
    out.push_back(std::move(c));
  }
  return out;
}

std::vector<Cluster> MergeAll(const std::vector<Member>& all) {
  std::vector<size_t> parent(all.size());
  std::iota(parent.begin(), parent.end(), 0);
  auto find = [&](size_t x) {
    while (parent[x] != x) x = parent[x] = parent[parent[x]];
    return x;
  };
  for (size_t i = 0; i < all.size(); ++i)
    for (size_t j = i + 1; j < all.size(); ++j)
      if (SameEvent(all[i], all[j])) parent[find(i)] = find(j);
  std::map<size_t, std::vector<size_t>> components;
  for (size_t i = 0; i < all.size(); ++i) components[find(i)].push_back(i);
  std::vector<Cluster> out;
  for (const auto& [root, idx] : components) {
    std::vector<Member> sub;
    for (size_t i : idx) sub.push_back(all[i]);
    for (Cluster& c : MergeComponent(sub)) {
      for (size_t& k : c.members) k = idx[k];
      c.representative = idx[c.representative];
      out.push_back(std::move(c));
    }
  }
  std::sort(out.begin(), out.end(),
            [](const Cluster& a, const Cluster& b) { return a.merged.event.event_id < b.merged.event.event_id; });
  return out;
}

std::string MergedEventId(std::string_view event_id, std::string_view doc_id) {
  std::string key(event_id);
  key.push_back('\0');
  key.append(doc_id);
  char buf[24];
  std::snprintf(buf, sizeof buf, "mev-%016llx", static_cast<unsigned long long>(XXH3_64bits(key.data(), key.size())));
  return buf;
}

}  // namespace sitrep::store
