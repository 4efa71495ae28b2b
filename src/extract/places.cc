#include "extract/places.h"

#include <cmath>
#include <map>

namespace sitrep {

double DistanceKm(double lat1, double lon1, double lat2, double lon2) {
  constexpr double p = M_PI / 180;
  double h = std::pow(std::sin((lat2 - lat1) * p / 2), 2) +
             std::cos(lat1 * p) * std::cos(lat2 * p) * std::pow(std::sin((lon2 - lon1) * p / 2), 2);
  return 12742 * std::asin(std::min(1.0, std::sqrt(h)));
}

namespace {

double Prior(const Place& p) {
  double s = std::log10(static_cast<double>(p.population) + 10.0);
  const std::string_view fc = p.feature_code;
  if (fc == "PPLC") s += 3;
  else if (fc == "PPLA") s += 2;
  else if (fc == "PPLA2") s += 1;
  else if (fc == "ADM1") s += 1.0;
  else if (fc == "ADM2") s += 0.5;
  else if (fc == "PCLI") s += 4;
  if (p.origin == 4) s += 1.5;  // curated: added because reports name it
  if (p.origin == 1) s -= 2.5;  // an admin area's population is the sum of its towns': the town of the same name first
  return s;
}

}  // namespace

PlaceContext BuildPlaceContext(const Lexicon& lex, const std::vector<Mention>& mentions) {
  PlaceContext ctx;
  std::map<std::string, double> votes;
  for (const Mention& m : mentions) {
    if (m.kind == MentionKind::kCountry && m.country >= 0) {
      votes[std::string(lex.country(static_cast<uint32_t>(m.country)).iso2)] += m.demonym ? 1.0 : 2.0;
    }
    if (m.kind == MentionKind::kAgent && m.country >= 0)
      votes[std::string(lex.country(static_cast<uint32_t>(m.country)).iso2)] += 1.0;
    if (m.kind == MentionKind::kActor && m.actor >= 0) {
      // A named group is strong evidence of where a report is: CODECO is in the DRC.
      std::string_view iso3 = lex.actor(static_cast<uint32_t>(m.actor)).country;
      int c = lex.FindCountry(iso3);
      if (c >= 0) votes[std::string(lex.country(static_cast<uint32_t>(c)).iso2)] += 2.0;
    }
    if (m.kind == MentionKind::kPlace || m.kind == MentionKind::kCountry) {
      // The words themselves too: "(Oyam, Northern)" names admin areas the candidates can be checked against.
      ctx.names.insert(FoldText(m.text));
      // And the record name of an admin area it reaches: "Bavaria" in the text names the area
      // whose towns carry admin1 "Bayern".
      for (uint32_t i : m.places) {
        Place p = lex.place(i);
        if (p.origin == 1) ctx.names.insert(FoldText(p.name));
      }
    }
    if (m.kind == MentionKind::kPlace && !m.places.empty()) {
      // Each candidate country gets a share; the most likely candidate more.
      double best = -1e9;
      for (uint32_t i : m.places) best = std::max(best, Prior(lex.place(i)));
      std::map<std::string, double> share;
      for (uint32_t i : m.places) {
        Place p = lex.place(i);
        double w = std::exp(Prior(p) - best);
        share[std::string(p.country)] = std::max(share[std::string(p.country)], w);
      }
      double total = 0;
      for (auto& [c, w] : share) total += w;
      // A big place says more about the country than a village whose name recurs worldwide.
      double weight = best >= 5 ? 1.5 : best >= 4 ? 1.0 : 0.5;
      for (auto& [c, w] : share) votes[c] += weight * w / total;
      if (m.places.size() == 1) {
        Place p = lex.place(m.places[0]);
        ctx.anchors.emplace_back(p.latitude, p.longitude);
      }
    }
  }
  double best = 0;
  for (auto& [c, v] : votes)
    if (v > best) { best = v; ctx.focus_country = c; }
  return ctx;
}

int ResolvePlace(const Lexicon& lex, const Mention& m, const PlaceContext& ctx) {
  int best = -1;
  double best_score = -1e18;
  for (uint32_t i : m.places) {
    Place p = lex.place(i);
    double s = Prior(p);
    if (!ctx.focus_country.empty() && p.country == ctx.focus_country) s += 6;
    // Admin areas named elsewhere in the document: "Goma ... North Kivu".
    if (!p.admin1.empty() && p.admin1 != p.name && ctx.names.count(FoldText(p.admin1))) s += 4;
    if (!p.admin2.empty() && p.admin2 != p.name && ctx.names.count(FoldText(p.admin2))) s += 3;
    for (const auto& [lat, lon] : ctx.anchors) {
      double d = DistanceKm(lat, lon, p.latitude, p.longitude);
      if (d > 0.5 && d < 150) { s += 2; break; }
    }
    if (s > best_score) { best_score = s; best = static_cast<int>(i); }
  }
  return best;
}

int GeoPrecision(const Place& p, bool near) {
  std::string_view fc = p.feature_code;
  if (fc == "PCLI" || fc == "ADM1" || fc == "RGN") return 3;
  if (fc == "ADM2") return 2;
  return near ? 2 : 1;
}

}  // namespace sitrep
