// Helpers shared by the SQLite and PostgreSQL backends: how lists, points and
// texts are stored. Internal to src/store.
#ifndef SITREP_STORE_BACKEND_UTIL_H_
#define SITREP_STORE_BACKEND_UTIL_H_

#include <xxhash.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <numbers>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "sitrep/record.h"
#include "store/merge.h"

namespace sitrep::store {

// Lists are stored joined by '|' (names never contain one).
inline std::string JoinList(const std::vector<std::string>& v) {
  std::string s;
  for (size_t i = 0; i < v.size(); ++i) s += (i ? "|" : "") + v[i];
  return s;
}

inline std::vector<std::string> SplitList(std::string_view s) {
  std::vector<std::string> out;
  while (!s.empty()) {
    size_t bar = s.find('|');
    out.emplace_back(s.substr(0, bar));
    if (bar == std::string_view::npos) break;
    s.remove_prefix(bar + 1);
  }
  return out;
}

// Half-degree grid cells (row * 1000 + column), to find the records within
// kMaxMergeKm of a point through an index.
constexpr double kCellDegrees = 0.5;
constexpr int64_t kCellColumns = 720;

inline int64_t CellRow(double lat) { return static_cast<int64_t>(std::floor((std::clamp(lat, -90.0, 90.0) + 90) / kCellDegrees)); }
inline int64_t CellColumn(double lon) {
  return std::clamp<int64_t>(static_cast<int64_t>(std::floor((lon + 180) / kCellDegrees)), 0, kCellColumns - 1);
}

// Matched by region rather than by distance: geo_precision 3 or no point.
inline bool IsCoarse(const EventRecord& r) { return r.geo_precision >= 3 || !r.latitude || !r.longitude; }

inline std::optional<int64_t> CellOf(const EventRecord& r) {
  if (!r.latitude || !r.longitude) return std::nullopt;
  return CellRow(*r.latitude) * 1000 + CellColumn(*r.longitude);
}

// Ranges [first, last] of cells that hold every point within kMaxMergeKm[1] of (lat, lon).
inline std::vector<std::pair<int64_t, int64_t>> NearbyCells(double lat, double lon) {
  const double dlat = kMaxMergeKm[1] / 111.0 + 0.01;
  const double c = std::cos(std::min(90.0, std::abs(lat) + dlat) * std::numbers::pi / 180);
  const double dlon = c > 1e-6 ? kMaxMergeKm[1] / (111.0 * c) + 0.01 : 360;
  std::vector<std::pair<int64_t, int64_t>> columns;
  if (dlon >= 180) columns = {{0, kCellColumns - 1}};
  else if (lon - dlon < -180) columns = {{CellColumn(lon - dlon + 360), kCellColumns - 1}, {0, CellColumn(lon + dlon)}};
  else if (lon + dlon >= 180) columns = {{CellColumn(lon - dlon), kCellColumns - 1}, {0, CellColumn(lon + dlon - 360)}};
  else columns = {{CellColumn(lon - dlon), CellColumn(lon + dlon)}};
  std::vector<std::pair<int64_t, int64_t>> out;
  for (int64_t row = CellRow(lat - dlat); row <= CellRow(lat + dlat); ++row)
    for (auto [first, last] : columns) out.emplace_back(row * 1000 + first, row * 1000 + last);
  return out;
}

inline std::string TextHash(std::string_view text) {
  XXH128_hash_t h = XXH3_128bits(text.data(), text.size());
  char buf[40];
  std::snprintf(buf, sizeof buf, "%016llx%016llx", static_cast<unsigned long long>(h.high64),
                static_cast<unsigned long long>(h.low64));
  return buf;
}

inline std::string AsciiLower(std::string s) {
  for (char& c : s)
    if (c >= 'A' && c <= 'Z') c += 32;
  return s;
}

}  // namespace sitrep::store

#endif  // SITREP_STORE_BACKEND_UTIL_H_
