#include "extract/places.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <map>

namespace sitrep {

namespace {

constexpr double kRadPerDegree = M_PI / 180;

// DistanceKm with the cosines of both latitudes given (cos(lat * kRadPerDegree)): the same
// arithmetic, so the same result, for callers that measure one point against many.
double DistanceKmCos(double lat1, double lon1, double cos1, double lat2, double lon2, double cos2) {
  constexpr double p = kRadPerDegree;
  double h = std::pow(std::sin((lat2 - lat1) * p / 2), 2) + cos1 * cos2 * std::pow(std::sin((lon2 - lon1) * p / 2), 2);
  return 12742 * std::asin(std::min(1.0, std::sqrt(h)));
}

}  // namespace

double DistanceKm(double lat1, double lon1, double lat2, double lon2) {
  constexpr double p = kRadPerDegree;
  return DistanceKmCos(lat1, lon1, std::cos(lat1 * p), lat2, lon2, std::cos(lat2 * p));
}

const PlaceContext::MentionPlaces* PlaceContext::Of(const Mention& m) const {
  auto it = std::lower_bound(mention_places.begin(), mention_places.end(), &m,
                             [](const MentionPlaces& e, const Mention* x) { return std::less<>()(e.mention, x); });
  return it != mention_places.end() && it->mention == &m ? &*it : nullptr;
}

// A place name for the admin context (by its name key), and the name inside a region phrase
// too: "southern idlib countryside" and "daraa province" also give "idlib" and "daraa".
void AddName(uint64_t key, const Mention* from, PlaceContext* ctx) {
  ctx->names.emplace_back(key, from);  // (gathered; FinishNames makes one entry per key)
}

// Sorts the names gathered by AddName and keeps one entry per key: the mention that named it, or
// nullptr when several did (whatever the order they came in).
void FinishNames(PlaceContext* ctx) {
  auto& names = ctx->names;
  std::sort(names.begin(), names.end(), [](const auto& x, const auto& y) { return x.first < y.first; });
  size_t out = 0;
  for (size_t i = 0; i < names.size();) {
    const uint64_t key = names[i].first;
    const Mention* from = names[i].second;
    for (; i < names.size() && names[i].first == key; ++i)
      if (names[i].second != from) from = nullptr;
    names[out++] = {key, from};
    ctx->name_bits[key >> 62] |= uint64_t{1} << (key >> 56 & 63);
  }
  names.resize(out);
}

void AddContextName(std::string_view name, const Mention* from, PlaceContext* ctx) {
  AddName(TokenKeyHash(name), from, ctx);  // TokenKeyHash(x) == KeyHash(NameKey(x)), without a copy
  static constexpr std::string_view kBefore[] = {"northern ", "southern ", "eastern ", "western ", "north ", "south ",
                                                 "east ", "west ", "rural ", "central "};
  static constexpr std::string_view kAfter[] = {" countryside", " province", " governorate", " district", " region",
                                                " state", " county", " desert", " plain", " area"};
  // Each word above is one word and its space: it can only be the name's first word (with the space
  // after it) or its last (with the space before it), so those two are compared, whole.
  bool changed = false;
  size_t space = name.find(' ');
  if (space != std::string_view::npos && space + 1 < name.size()) {
    const std::string_view first = name.substr(0, space + 1);
    for (std::string_view w : kBefore)
      if (first == w) {
        name.remove_prefix(w.size());
        changed = true;
        break;
      }
  }
  space = name.rfind(' ');
  if (space != std::string_view::npos && space > 0) {
    const std::string_view last = name.substr(space);
    for (std::string_view w : kAfter)
      if (last == w) {
        name.remove_suffix(w.size());
        changed = true;
        break;
      }
  }
  if (changed) AddName(TokenKeyHash(name), from, ctx);
}

namespace {

// Whether a word's first byte may start a folded compass word (CompassWord): c, e, n, o, s, w in
// either case, or a non-ASCII byte.
bool MayStartCompassWord(char c) {
  const unsigned char u = static_cast<unsigned char>(c);
  if (u >= 0x80) return true;
  switch (u | 0x20) {
    case 'c': case 'e': case 'n': case 'o': case 's': case 'w': return true;
    default: return false;
  }
}

// Whether TokenKeyHash(FoldText(w)) == TokenKeyHash(w) for sure: w is ASCII (its fold lowers A-Z
// and turns '`' into an apostrophe, byte for byte, which NameKey does as well) and not a short
// all-capital word (NameKey keeps the spelling of "SSPP"; its fold "sspp" is rewritten): longer than
// six bytes or holding a lower-case letter.
bool FoldedKeyIsKey(std::string_view w) {
  bool lower = w.size() > 6;
  for (char c : w) {
    if (static_cast<unsigned char>(c) >= 0x80 || c == ' ') return false;
    lower |= c >= 'a' && c <= 'z';
  }
  return lower;
}

}  // namespace

// A bare compass word ("Nord", "East", "Sud"): the name of admin areas in several countries
// (Haiti's Nord, Cameroon's East) and a piece of many names ("Sud-Kivu", "East-West Highway").
bool CompassWord(std::string_view folded) {
  // The words by first letter (each starts with c, e, n, o, s or w: most names leave at their first
  // letter, the others meet the few words of theirs).
  static constexpr std::string_view kC[] = {"centre", "center", "central", "centro"};
  static constexpr std::string_view kE[] = {"east", "est", "este", "eastern"};
  static constexpr std::string_view kN[] = {"north", "nord", "norte", "northern", "northeast", "northwest", "nord-est",
                                            "nord-ouest"};
  static constexpr std::string_view kO[] = {"ouest", "oeste"};
  static constexpr std::string_view kS[] = {"south", "sud", "sur", "southern", "southeast", "southwest", "sud-est",
                                            "sud-ouest"};
  static constexpr std::string_view kW[] = {"west", "western"};
  if (folded.empty()) return false;
  auto any = [folded](const auto& words) {
    for (std::string_view w : words)  // (lengths first: few words reach a memcmp)
      if (w.size() == folded.size() && std::memcmp(w.data(), folded.data(), w.size()) == 0) return true;
    return false;
  };
  switch (folded[0]) {
    case 'c': return any(kC);
    case 'e': return any(kE);
    case 'n': return any(kN);
    case 'o': return any(kO);
    case 's': return any(kS);
    case 'w': return any(kW);
    default: return false;
  }
}

// Candidate k of a place mention reached only by the loose name key, not by its spelling.
double LookAlikePenalty(const Mention& m, size_t k) {
  return k < m.place_exact.size() && !m.place_exact[k] ? 2.0 : 0.0;
}

// Whether the document names an admin area of `p` ("Granada (Andalucia)", "Goma ... North Kivu").
// A name of the admin context (by name key: "Dar'a" and "Daraa" agree), told by some mention
// other than `self` ("Homs" reaching the Libyan area around Al Khums must not confirm Al Khums).
// (Its filter test inline, at every call: most keys leave there.)
bool NamedBesidesSearch(uint64_t key, const Mention* self, const PlaceContext& ctx);
[[gnu::always_inline]] inline bool NamedBesides(uint64_t key, const Mention* self, const PlaceContext& ctx) {
  return (ctx.name_bits[key >> 62] >> (key >> 56 & 63) & 1) && NamedBesidesSearch(key, self, ctx);
}
bool NamedBesidesSearch(uint64_t key, const Mention* self, const PlaceContext& ctx) {
  auto it = std::lower_bound(ctx.names.begin(), ctx.names.end(), key,
                             [](const auto& e, uint64_t k) { return e.first < k; });
  return it != ctx.names.end() && it->first == key && (it->second == nullptr || it->second != self);
}

bool AdminNamed(const Place& p, const Mention* self, const PlaceContext& ctx) {
  return (!p.admin1.empty() && p.admin1 != p.name && NamedBesides(p.admin1_key, self, ctx)) ||
         (!p.admin2.empty() && p.admin2 != p.name && NamedBesides(p.admin2_key, self, ctx));
}

namespace {

// Whether two country codes (ISO alpha-2: a few bytes) are the same, compared inline rather than by
// a memcmp call per pair (for the votes and the focus country tests below).
bool SameCode(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  if (a.size() == 2) {  // (an alpha-2 code: its two bytes as one 16-bit load)
    uint16_t x, y;
    std::memcpy(&x, a.data(), 2);
    std::memcpy(&y, b.data(), 2);
    return x == y;
  }
  for (size_t i = 0; i < a.size(); ++i)
    if (a[i] != b[i]) return false;
  return true;
}

// Country order for the (country code, value) lists below: the order of std::pair's operator<
// (codes byte by byte as unsigned chars, a prefix first; then the values), compared inline
// rather than by a memcmp call per comparison.
bool CodeOrder(const std::pair<std::string_view, double>& x, const std::pair<std::string_view, double>& y) {
  const size_t n = std::min(x.first.size(), y.first.size());
  for (size_t i = 0; i < n; ++i) {
    const auto a = static_cast<unsigned char>(x.first[i]), b = static_cast<unsigned char>(y.first[i]);
    if (a != b) return a < b;
  }
  if (x.first.size() != y.first.size()) return x.first.size() < y.first.size();
  return x.second < y.second;
}

// lex.place(i) on conversion to a Place: emplace_back(PlaceOf{lex, i}) lets the compiler make the
// vector's element as the function's result (g++ does; the standard does not promise it, and
// Place is trivially copyable, so a compiler that does not costs a copy, no more), where
// emplace_back(lex.place(i)) would copy a Place made first.
struct PlaceOf {
  const Lexicon& lex;
  uint32_t i;
  operator Place() const { return lex.place(i); }
};

// Adds to a country's vote (votes are few: a flat list, in the order countries first got one).
void Vote(std::vector<std::pair<std::string_view, double>>* votes, std::string_view country, double v) {
  for (auto& c : *votes)
    if (SameCode(c.first, country)) {
      c.second += v;
      return;
    }
  votes->emplace_back(country, 0.0);
  votes->back().second += v;  // (0 + v, as a std::map's default-made entry summed it)
}

// The place and country mentions of a document seen so far, by their kind and candidate list, for
// BuildPlaceContext: a name said again reaches the same candidates, whose decoded places
// are then shared (MentionPlaces::first) rather than decoded again. An open-addressing table of
// indices into PlaceContext::mention_places (plus one; 0 empty), at most half full.
class SamePlaces {
 public:
  // Empties the table for a document of up to `mentions` place and country mentions.
  void Reset(size_t mentions) {
    size_t n = 16;
    while (n < 2 * mentions) n *= 2;
    slots_.assign(n, 0);
  }
  // The entry of an earlier mention of the same kind with the same candidates as the last one of
  // `mp` (its mention has candidates), or nullptr after recording that last one for later asks.
  const PlaceContext::MentionPlaces* Find(const std::vector<PlaceContext::MentionPlaces>& mp) {
    const Mention& m = *mp.back().mention;
    const uint64_t h = (uint64_t{m.places[0]} << 32 | m.places.size() << 3 | static_cast<uint8_t>(m.kind)) *
                       0x9E3779B97F4A7C15ull;
    const size_t mask = slots_.size() - 1;
    for (size_t i = (h >> 40) & mask;; i = (i + 1) & mask) {
      if (slots_[i] == 0) {
        slots_[i] = static_cast<uint32_t>(mp.size());
        return nullptr;
      }
      const PlaceContext::MentionPlaces& o = mp[slots_[i] - 1];
      const Mention& om = *o.mention;
      if (om.kind == m.kind && om.places.size() == m.places.size() &&
          std::equal(m.places.begin(), m.places.end(), om.places.begin()))
        return &o;
    }
  }

 private:
  std::vector<uint32_t> slots_;
};

}  // namespace

void PlaceContext::Clear() {
  focus_country.clear();
  focus_from_places = false;
  names.clear();
  std::fill(std::begin(name_bits), std::end(name_bits), 0);
  anchors.clear();
  admin1_areas.clear();
  mention_places.clear();
  candidates.clear();
  anchor_cos.clear();
}

PlaceContext BuildPlaceContext(const Lexicon& lex, const std::vector<const Mention*>& mentions) {
  PlaceContext ctx;
  BuildPlaceContext(lex, mentions, &ctx);
  return ctx;
}

void BuildPlaceContext(const Lexicon& lex, const std::vector<const Mention*>& mentions, PlaceContext* out) {
  PlaceContext& ctx = *out;
  ctx.Clear();
  // Country (ISO alpha-2, in the lexicon) → vote. Per thread and reused: cleared for each document.
  thread_local std::vector<std::pair<std::string_view, double>> votes;
  votes.clear();
  // The cache entry of mentions[j] (index into ctx.mention_places), -1 for other kinds.
  thread_local std::vector<int> slot;
  slot.assign(mentions.size(), -1);
  // The words of every place and country mention first: "(Oyam, Northern)" names admin areas
  // the candidates can be checked against. Each candidate's gazetteer entry is read here, once.
  size_t num_candidates = 0, num_named = 0;
  for (const Mention* m : mentions)
    if (m->kind == MentionKind::kPlace || m->kind == MentionKind::kCountry) num_candidates += m->places.size(), ++num_named;
  ctx.mention_places.reserve(num_named);
  ctx.candidates.reserve(num_candidates);
  std::string folded;
  thread_local SamePlaces same_places;
  same_places.Reset(num_named);
  for (size_t j = 0; j < mentions.size(); ++j) {
    const Mention& m = *mentions[j];
    if (m.kind != MentionKind::kPlace && m.kind != MentionKind::kCountry) continue;
    slot[j] = static_cast<int>(ctx.mention_places.size());
    PlaceContext::MentionPlaces& e = ctx.mention_places.emplace_back();
    e.mention = &m;
    e.first = static_cast<uint32_t>(ctx.candidates.size());
    if (m.key != 0 && FoldedKeyIsKey(m.text)) {
      // One ASCII word (no space: no region word to strip), whose key is its fold's key.
      AddName(m.key, &m, &ctx);
      e.compass = MayStartCompassWord(m.text[0]) && (FoldTextTo(m.text, &folded), CompassWord(folded));
    } else {
      FoldTextTo(m.text, &folded);
      AddContextName(folded, &m, &ctx);
      e.compass = CompassWord(folded);
    }
    // And the record name of an admin area it reaches: "Bavaria" in the text names the area
    // whose towns carry admin1 "Bayern".
    if (const PlaceContext::MentionPlaces* same = m.places.empty() ? nullptr : same_places.Find(ctx.mention_places)) {
      // The same candidates as an earlier mention of its kind ("Gaza" again): theirs, read and scored once.
      e.first = same->first;
      for (size_t k = 0; k < m.places.size(); ++k) {
        const Place& p = ctx.candidates[e.first + k];
        if (p.origin == 1) AddName(p.name_key, &m, &ctx);
      }
      continue;
    }
    for (uint32_t i : m.places) {
      // (Each candidate's prior score is its Place::prior.) The vector's element is made by
      // lex.place(i) itself, through the conversion of a PlaceOf: no Place is copied.
      const Place& p = ctx.candidates.emplace_back(PlaceOf{lex, i});
      if (p.origin == 1) AddName(p.name_key, &m, &ctx);
    }
  }
  FinishNames(&ctx);
  // The votes of each place mention's candidates, kept for a name said again (per-thread buffers):
  // per candidate offset (MentionPlaces::first), the index of its kept shares or -1.
  struct KeptShares {
    const Mention* mention;  // the mention that voted them (its look-alike flags)
    uint32_t begin, end;     // its votes: kept_votes[begin, end)
    double anchor_cos;       // a single candidate's anchor cosine
  };
  thread_local std::vector<int> shares_by_first;
  thread_local std::vector<KeptShares> shares_of;
  thread_local std::vector<std::pair<std::string_view, double>> kept_votes;
  shares_by_first.assign(ctx.candidates.size(), -1);
  shares_of.clear(), kept_votes.clear();
  for (size_t j = 0; j < mentions.size(); ++j) {
    const Mention& m = *mentions[j];
    if (m.kind == MentionKind::kCountry && m.country >= 0) {
      Vote(&votes, lex.country_iso2(static_cast<uint32_t>(m.country)), m.topic ? 0.25 : m.demonym ? 1.0 : 2.0);
    }
    // An agent's nationality says who acted, which is often not where ("Turkish forces shelled ...").
    if (m.kind == MentionKind::kAgent && m.country >= 0)
      Vote(&votes, lex.country_iso2(static_cast<uint32_t>(m.country)), 0.5);
    if (m.kind == MentionKind::kActor && m.actor >= 0) {
      // A named group is strong evidence of where a report is: CODECO is in the DRC.
      int c = lex.actor_country(static_cast<uint32_t>(m.actor));
      if (c >= 0) Vote(&votes, lex.country_iso2(static_cast<uint32_t>(c)), 2.0);
    }
    if (m.kind == MentionKind::kPlace && !m.places.empty() && !ctx.mention_places[static_cast<size_t>(slot[j])].compass) {
      const uint32_t first = ctx.mention_places[static_cast<size_t>(slot[j])].first;
      for (size_t k = 0; k < m.places.size(); ++k) {
        const Place& p = ctx.candidates[first + k];
        if (p.feature_code == "ADM1" && LookAlikePenalty(m, k) == 0) ctx.admin1_areas.push_back(m.places[k]);
      }
      // A name said again (the same candidates, MentionPlaces::first, and the same look-alike flags)
      // votes as it did the first time: its shares were kept, and are voted again in their order.
      int& shares = shares_by_first[first];
      if (shares >= 0 && std::equal(m.place_exact.begin(), m.place_exact.end(), shares_of[shares].mention->place_exact.begin(),
                                    shares_of[shares].mention->place_exact.end())) {
        const KeptShares& kept = shares_of[shares];
        for (uint32_t v = kept.begin; v < kept.end; ++v) Vote(&votes, kept_votes[v].first, kept_votes[v].second);
        if (m.places.size() == 1) {
          const Place& p = ctx.candidates[first];
          ctx.anchors.emplace_back(p.latitude, p.longitude);
          ctx.anchor_cos.push_back(kept.anchor_cos);
        }
        continue;
      }
      // Each candidate country gets a share; the most likely candidate more, a look-alike
      // spelling less ("Nawa" reaching Naha says little about Japan).
      // (Flat per-thread buffers: a common name has hundreds of candidates in a few countries.)
      thread_local std::vector<std::pair<std::string_view, double>> cand;  // country, prior
      thread_local std::vector<std::pair<std::string_view, double>> share;  // country, best weight
      cand.clear(), share.clear();
      double best = -1e9;
      for (size_t k = 0; k < m.places.size(); ++k) {
        cand.emplace_back(ctx.candidates[first + k].country, ctx.candidates[first + k].prior - LookAlikePenalty(m, k));
        best = std::max(best, cand.back().second);
      }
      size_t last_share = 0;  // the share of the last candidate's country
      for (const auto& c : cand) {  // (no structured binding: clang 14 cannot capture one in a lambda)
        const std::string_view country = c.first;
        // (exp(0) is exactly 1: the best candidate's weight, and a single candidate's, need no call.)
        const double d = c.second - best;
        double w = d == 0 ? 1.0 : std::exp(d);
        // (The candidates of a name come by country, mostly: the country of the last one is asked first.)
        auto it = last_share < share.size() && SameCode(share[last_share].first, country)
                      ? share.begin() + static_cast<std::ptrdiff_t>(last_share)
                      : std::find_if(share.begin(), share.end(), [&](const auto& x) { return SameCode(x.first, country); });
        last_share = static_cast<size_t>(it - share.begin());
        if (it == share.end()) share.emplace_back(country, w);
        else it->second = std::max(it->second, w);
      }
      std::sort(share.begin(), share.end(), CodeOrder);  // country order, as the sums always ran
      double total = 0;
      for (auto& [c, w] : share) total += w;
      // A big place says more about the country than a village whose name recurs worldwide.
      double weight = best >= 5 ? 1.5 : best >= 4 ? 1.0 : 0.5;
      const bool keep = shares < 0;
      if (keep) shares = static_cast<int>(shares_of.size()), shares_of.push_back({&m, static_cast<uint32_t>(kept_votes.size()), 0, 0});
      for (auto& [c, w] : share) {
        const double v = weight * w / total;
        Vote(&votes, c, v);
        if (keep) kept_votes.emplace_back(c, v);
      }
      if (keep) shares_of.back().end = static_cast<uint32_t>(kept_votes.size());
      if (m.places.size() == 1) {
        const Place& p = ctx.candidates[first];
        ctx.anchors.emplace_back(p.latitude, p.longitude);
        ctx.anchor_cos.push_back(std::cos(p.latitude * kRadPerDegree));
        if (keep) shares_of.back().anchor_cos = ctx.anchor_cos.back();
      }
    }
  }
  // A candidate whose admin area the report names as well ("Kale ... Sagaing region", "Salvador (Bahia)")
  // is strong evidence of the country, however often the town's name recurs elsewhere.
  for (size_t j = 0; j < mentions.size(); ++j) {
    const Mention& m = *mentions[j];
    if (m.kind != MentionKind::kPlace) continue;
    // The mention's own name key, folded only when an admin area is named at all.
    uint64_t own = 0;
    bool own_known = false;
    auto named_elsewhere = [&](std::string_view admin, uint64_t key) {
      if (admin.empty() || !NamedBesides(key, &m, ctx)) return false;
      if (!own_known) own = m.key != 0 ? m.key : TokenKeyHash(m.text), own_known = true;
      return key != own;
    };
    std::string_view supported;  // the one country whose candidates are confirmed, if only one
    bool several = false;
    const uint32_t first = ctx.mention_places[static_cast<size_t>(slot[j])].first;
    for (size_t k = 0; k < m.places.size(); ++k) {
      const Place& p = ctx.candidates[first + k];
      if (!named_elsewhere(p.admin1, p.admin1_key) && !named_elsewhere(p.admin2, p.admin2_key)) continue;
      if (supported.empty()) supported = p.country;
      else if (supported != p.country) several = true;
    }
    if (!supported.empty() && !several) Vote(&votes, supported, 3.0);
  }
  std::sort(votes.begin(), votes.end(), CodeOrder);  // country order (the keys are unique), as a std::map ran
  double best = 0;
  for (auto& [c, v] : votes)
    if (v > best) { best = v; ctx.focus_country = std::string(c); }
  // Whether a place or a named group backs the focus, or only the country's name and
  // nationality words ("demonstrated in Volkach against the war in Ukraine").
  for (size_t j = 0; j < mentions.size(); ++j) {
    const Mention& m = *mentions[j];
    if (m.kind == MentionKind::kActor && m.actor >= 0) {
      int c = lex.actor_country(static_cast<uint32_t>(m.actor));
      if (c >= 0 && SameCode(lex.country_iso2(static_cast<uint32_t>(c)), ctx.focus_country)) ctx.focus_from_places = true;
    }
    if (slot[j] < 0) continue;
    PlaceContext::MentionPlaces& e = ctx.mention_places[static_cast<size_t>(slot[j])];
    for (size_t k = 0; k < m.places.size(); ++k) {
      const Place& p = ctx.candidates[e.first + k];
      if (!SameCode(p.country, ctx.focus_country)) continue;
      e.in_focus = true;
      if (m.kind == MentionKind::kPlace && !e.compass && p.origin != 2) ctx.focus_from_places = true;
    }
  }
  std::sort(ctx.mention_places.begin(), ctx.mention_places.end(),
            [](const auto& x, const auto& y) { return std::less<>()(x.mention, y.mention); });
}

int ResolvePlace(const Lexicon& lex, const Mention& m, const PlaceContext& ctx) {
  const PlaceContext::MentionPlaces* cached = ctx.Of(m);
  if (cached && cached->resolved != -2) return cached->resolved;
  int best = -1;
  double best_score = -1e18;
  Place fetched;  // for a mention the context has not seen
  for (size_t k = 0; k < m.places.size(); ++k) {
    const uint32_t i = m.places[k];
    if (!cached) fetched = lex.place(i);
    const Place& p = cached ? ctx.candidates[cached->first + k] : fetched;
    double s = p.prior;
    s -= LookAlikePenalty(m, k);
    if (!ctx.focus_country.empty() && SameCode(p.country, ctx.focus_country)) s += 6;
    // Admin areas named elsewhere in the document: "Goma ... North Kivu".
    if (!p.admin1.empty() && p.admin1 != p.name && NamedBesides(p.admin1_key, &m, ctx)) s += 4;
    if (!p.admin2.empty() && p.admin2 != p.name && NamedBesides(p.admin2_key, &m, ctx)) s += 3;
    double cos_lat = 2;  // (not yet computed)
    for (size_t a = 0; a < ctx.anchors.size(); ++a) {
      const auto [lat, lon] = ctx.anchors[a];
      // The great-circle distance is at least the latitude difference's arc (R·|Δφ|): a candidate
      // more than 151 km north or south of the anchor is not within 150 km of it, whatever the
      // rounding of the full formula. Most candidates of a common name leave here.
      if (std::abs(p.latitude - lat) * kRadPerDegree * 6371.0 > 151.0) continue;
      if (cos_lat > 1) cos_lat = std::cos(p.latitude * kRadPerDegree);
      double d = DistanceKmCos(lat, lon, ctx.anchor_cos[a], p.latitude, p.longitude, cos_lat);
      if (d > 0.5 && d < 150) { s += 2; break; }
    }
    if (s > best_score) { best_score = s; best = static_cast<int>(i); }
  }
  if (cached) cached->resolved = best;
  return best;
}

int PreferNamedAdminArea(const Lexicon& lex, int place, const PlaceContext& ctx, bool strong) {
  if (place < 0 || ctx.admin1_areas.empty()) return place;
  Place p = lex.place(static_cast<uint32_t>(place));
  if (p.admin1.empty() || p.feature_code == "ADM1" || p.feature_code == "PCLI") return place;
  int area = -1, focus_area = -1;
  for (uint32_t a : ctx.admin1_areas) {
    Place q = lex.place(a);
    if (SameCode(q.country, ctx.focus_country) && focus_area < 0) focus_area = static_cast<int>(a);
    if (!SameCode(q.country, p.country)) continue;
    if (q.admin1 == p.admin1) return place;  // it lies in a named area
    if (area < 0) area = static_cast<int>(a);
  }
  if (area >= 0) return area;
  // A place abroad while the document is about a country whose area it names ("Kale town
  // (Kale district, Sagaing region)" reaching a Turkish Kale): the named area.
  if (!strong && !SameCode(p.country, ctx.focus_country) && focus_area >= 0 && ctx.focus_from_places) return focus_area;
  return place;
}

bool StrongPlace(const Lexicon& lex, const Mention& m, const PlaceContext& ctx) {
  const PlaceContext::MentionPlaces* cached = ctx.Of(m);
  if (cached && cached->strong >= 0) return cached->strong != 0;
  bool strong = false;
  std::string written;  // the mention folded, when a big enough candidate asks
  Place fetched;
  for (size_t k = 0; k < m.places.size() && !strong; ++k) {
    if (!cached) fetched = lex.place(m.places[k]);
    const Place& p = cached ? ctx.candidates[cached->first + k] : fetched;
    if (AdminNamed(p, &m, ctx)) strong = true;
    // Spelled as the town's own name: a look-alike ("Daman" for Dammam) proves nothing.
    else if (p.population >= 50000) {
      if (written.empty()) written = FoldText(m.text);
      strong = FoldText(p.name) == written;
    }
  }
  if (cached) cached->strong = strong ? 1 : 0;
  return strong;
}

bool CompassMention(const Mention& m, const PlaceContext& ctx) {
  const PlaceContext::MentionPlaces* cached = ctx.Of(m);
  return cached ? cached->compass : CompassWord(FoldText(m.text));
}

bool InFocus(const Lexicon& lex, const Mention& m, const PlaceContext& ctx) {
  if (const PlaceContext::MentionPlaces* cached = ctx.Of(m)) return cached->in_focus;
  for (uint32_t c : m.places)
    if (SameCode(lex.place(c).country, ctx.focus_country)) return true;
  return false;
}

int GeoPrecision(const Place& p, bool near) {
  std::string_view fc = p.feature_code;
  if (fc == "PCLI" || fc == "ADM1" || fc == "RGN") return 3;
  if (fc == "ADM2") return 2;
  return near ? 2 : 1;
}

}  // namespace sitrep
