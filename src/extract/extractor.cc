// The extraction pipeline: text → mentions → event frames → resolved records.
//
// Per sentence: time expressions and quantities are read first (their tokens are
// never names), then dictionary mentions; the document's place context is built
// from all mentions; then each sentence's triggers become event frames whose roles,
// place, date, fatalities and source are filled from the sentence (and, where the
// sentence says nothing, from the document around it).
#include <xxhash.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <cmath>
#include <cstring>
#include <map>
#include <optional>
#include <span>
#include <tuple>

#include "extract/mentions.h"
#include "extract/places.h"
#include "util/literal.h"
#include "sitrep/extract.h"
#include "sitrep/grammar.h"

namespace sitrep {

using namespace std::string_view_literals;

namespace {
bool Demonstration(std::string_view event_type);  // Protests or Riots (below)
bool Violent(std::string_view event_type);        // Battles, Explosions/..., Violence against civilians (below)
// 1, 2, 3, ...: a number no other Extractor of this process has had.
uint64_t NextExtractorSerial() {
  static std::atomic<uint64_t> last{0};
  return ++last;
}
}  // namespace

struct Extractor::Impl {
  std::shared_ptr<const Lexicon> lex;
  ExtractOptions opt;
  // Looked up once: each country's own place entry (its centroid), and the protest pattern
  // that demonstrators imply.
  std::vector<int> country_place;
  int protest_event = -1;
  // Per country: its state forces' named sub-units ("Military Forces of Turkey (2016-) Gendarmerie"),
  // as (actor index, folded sub-unit words).
  std::vector<std::vector<std::pair<uint32_t, std::string>>> sub_units;
  // A transnational actor's branch in a country: (actor, country index) → branch actor, from rows that
  // share the actor's name up to its parenthesis ("Islamic State (International)" → "Islamic State
  // (Syria)", country SYR). The first row of a country wins, as the files order them.
  std::map<std::pair<uint32_t, int>, uint32_t> branches;
  // Per country: the actor ACLED names unnamed rebels by, "Opposition Rebels (<C>)" (Syria), or -1.
  std::vector<int> opposition_rebels;
  // Per agent: its forms ('|'-separated in Agent::words), folded once here for SubUnit.
  std::vector<std::vector<std::string>> agent_forms;
  // Lexicon::FindCountry of every two-letter upper-case code ("SY" at ('S' - 'A') * 26 + ('Y' - 'A')),
  // asked once here: places name their country so, record after record.
  std::vector<int> country_of_iso2;
  // Per agent: whether its template is police or military (state forces), and whether protesters or
  // rioters; per actor: whether it is a state actor. Read once here for the scans of every sentence.
  std::vector<uint8_t> agent_is_state, agent_is_crowd, actor_is_state;
  // Per event pattern: its strength, and whether it is a territory change (an "@territory..."
  // sub-event type), a demonstration (Protests, Riots or @protest) or violent (Violent): what the
  // choice of a mention's strongest sense and of a sentence's triggers read of each pattern, looked up
  // here once.
  std::vector<int> event_strength;
  std::vector<uint8_t> event_territory, event_demo, event_violent;
  // This Extractor's number, never 0 (set in the constructor's body, after the positional
  // initialisation below): per-thread caches (NamesOfPlace) key their entries by it.
  uint64_t serial = 0;

  int FindCountry(std::string_view code) const {
    if (code.size() == 2 && code[0] >= 'A' && code[0] <= 'Z' && code[1] >= 'A' && code[1] <= 'Z')
      return country_of_iso2[static_cast<size_t>((code[0] - 'A') * 26 + (code[1] - 'A'))];
    return lex->FindCountry(code);
  }
};

Extractor::Extractor(std::shared_ptr<const Lexicon> lexicon, ExtractOptions options)
    : impl_(std::make_unique<Impl>(Impl{std::move(lexicon), std::move(options), {}, -1, {}, {}, {}, {}, {}, {}, {}, {}, {}, {}, {}, {}})) {
  impl_->serial = NextExtractorSerial();
  const Lexicon& lex = *impl_->lex;
  const LexiconStats stats = lex.stats();  // (counts the slot table: read once)
  const uint32_t num_agents = static_cast<uint32_t>(stats.agents);
  for (uint32_t i = 0; i < num_agents; ++i) {
    std::string_view t = lex.agent(i).templ;
    impl_->agent_is_state.push_back(Is(t, "police") || Is(t, "military"));
    impl_->agent_is_crowd.push_back(Is(t, "protesters") || Is(t, "rioters"));
  }
  for (uint32_t i = 0; i < lex.num_actors(); ++i) impl_->actor_is_state.push_back(Is(lex.actor(i).inter, "state"));
  for (uint32_t i = 0; i < stats.events; ++i) {
    const EventPattern p = lex.event(i);
    impl_->event_strength.push_back(p.strength);
    impl_->event_territory.push_back(Is(p.sub_event_type.substr(0, 10), "@territory"));
    impl_->event_demo.push_back(Demonstration(p.event_type) || Is(p.sub_event_type, "@protest"));
    impl_->event_violent.push_back(Violent(p.event_type));
  }
  for (char a = 'A'; a <= 'Z'; ++a)
    for (char b = 'A'; b <= 'Z'; ++b) impl_->country_of_iso2.push_back(lex.FindCountry(std::string{a, b}));
  impl_->agent_forms.resize(num_agents);
  for (uint32_t i = 0; i < impl_->agent_forms.size(); ++i)
    for (std::string_view w = lex.agent(i).words; !w.empty();) {
      size_t bar = w.find('|');
      impl_->agent_forms[i].push_back(FoldText(w.substr(0, bar)));
      w = bar == std::string_view::npos ? std::string_view() : w.substr(bar + 1);
    }
  impl_->country_place.assign(lex.num_countries(), -1);
  for (uint32_t c = 0; c < lex.num_countries(); ++c)
    for (const Entry& e : lex.Find(lex.country(c).name))
      if (e.kind == EntryKind::kPlace && Is(lex.place(e.index).feature_code, "PCLI")) impl_->country_place[c] = static_cast<int>(e.index);
  impl_->sub_units.resize(lex.num_countries());
  for (uint32_t i = 0; i < lex.num_actors(); ++i) {
    Actor a = lex.actor(i);
    if (!Is(a.inter, "state")) continue;
    int c = lex.FindCountry(a.country);
    if (c < 0) continue;
    Country k = lex.country(static_cast<uint32_t>(c));
    for (std::string_view base : {k.military, k.police, k.government}) {
      // The base without its period: a sub-unit row may carry another period than state_forces.tsv.
      std::string_view stem = base.substr(0, base.find(" ("));
      if (a.name.size() <= stem.size() || a.name.substr(0, stem.size()) != stem) continue;
      std::string_view rest = a.name.substr(stem.size());
      if (!rest.empty() && rest[0] == ' ' && rest.size() > 1 && rest[1] == '(') rest = rest.substr(rest.find(')') + 1);
      if (rest.size() < 2 || rest[0] != ' ') continue;
      impl_->sub_units[static_cast<size_t>(c)].emplace_back(i, FoldText(rest.substr(1)));
      break;
    }
  }
  for (uint32_t i = 0; i < lex.num_actors(); ++i) {
    Actor g = lex.actor(i);
    size_t paren = g.name.find(" (");
    if (!Is(g.country, "-") || paren == std::string_view::npos) continue;
    std::string_view stem = g.name.substr(0, paren + 2);
    for (uint32_t j = 0; j < lex.num_actors(); ++j) {
      Actor b = lex.actor(j);
      if (j == i || Is(b.country, "-") || b.name.substr(0, stem.size()) != stem) continue;
      int c = lex.FindCountry(b.country);
      if (c >= 0) impl_->branches.emplace(std::pair{i, c}, j);  // emplace keeps the first row
    }
  }
  impl_->opposition_rebels.assign(lex.num_countries(), -1);
  for (uint32_t i = 0; i < lex.num_actors(); ++i) {
    Actor a = lex.actor(i);
    int c = lex.FindCountry(a.country);
    if (c >= 0 && a.name == "Opposition Rebels (" + std::string(lex.country(static_cast<uint32_t>(c)).name) + ")")
      impl_->opposition_rebels[static_cast<size_t>(c)] = static_cast<int>(i);
  }
  for (const Entry& e : lex.Find("protest"))
    if (e.kind == EntryKind::kEvent && Is(lex.event(e.index).sub_event_type, "@protest")) impl_->protest_event = static_cast<int>(e.index);
}
Extractor::~Extractor() = default;

namespace {

struct SentenceInfo {
  SentenceGrammar g;
  std::vector<TimeExpr> times;
  std::vector<Quantity> quantities;
  std::span<const Mention> mentions;  // the sentence's: the first of mention_slots (see FindMentions)
  std::vector<Mention> mention_slots;
};

int InterCode(std::string_view inter) {
  if (Is(inter, "state")) return 1;
  if (Is(inter, "rebel")) return 2;
  if (Is(inter, "political_militia")) return 3;
  if (Is(inter, "identity_militia")) return 4;
  if (Is(inter, "rioters")) return 5;
  if (Is(inter, "protesters")) return 6;
  if (Is(inter, "civilians")) return 7;
  if (Is(inter, "external")) return 8;
  return 0;
}

struct NamedActor {
  std::string name, code;
  int inter = 0;
  Span span;
  bool armed() const { return inter == 1 || inter == 2 || inter == 3 || inter == 4 || inter == 8; }
};

struct DocContext {
  const Lexicon& lex;
  const std::vector<std::vector<std::pair<uint32_t, std::string>>>& sub_units;
  const std::map<std::pair<uint32_t, int>, uint32_t>& branches;
  const std::vector<int>& opposition_rebels;
  const std::vector<std::vector<std::string>>& agent_forms;
  const Text& text;
  // Per sentence of the text (the first slots of a per-thread pool, see Extract).
  std::span<SentenceInfo> sentences;
  PlaceContext& places;  // (a per-thread context reused likewise, see Extract)
  int main_group = -1;  // the named non-state armed actor the document is most about
  Date published;
  // Signs of criminal violence in the report: 1 drug gangs, cartels, gang members; 2 a drive-by shooting,
  // a body bound or dismembered, a "criminal group" (execution-style killings); 0 none.
  mutable int crime = -1;  // CrimeSigns of the text, computed when first needed (-1: not yet)
};

int CrimeSigns(std::string_view text) {
  // The words of each level; a level-2 word anywhere decides, else any level-1 word gives 1.
  struct Sign {
    std::string_view words;
    int level;
  };
  static constexpr Sign kSigns[] = {
      {"drive-by", 2}, {"drive by shooting", 2}, {"handcuffed", 2}, {"hands tied", 2}, {"tied hands", 2},
      {"decapitated", 2}, {"dismembered", 2}, {"beheaded", 2}, {"criminal group", 2},
      {"criminal organization", 2}, {"criminal organisation", 2}, {"organized crime", 2},
      {"organised crime", 2}, {"drug traffick", 1}, {"drug deal", 1}, {"drug gang", 1}, {"drug lord", 1},
      {"narco", 1}, {"gang member", 1}, {"gangs ", 1}, {"a gang", 1}, {"the gang", 1}, {"rival gang", 1}};
  // One pass over the folded text instead of one search per word: every word is at least 5 bytes, so
  // the 4 bytes at each position are hashed into a 65,536-bit filter of the words' first 4 bytes, and
  // only positions that pass are compared. The result is that of searching each word in turn.
  auto head = [](const char* p) {
    uint32_t x;
    std::memcpy(&x, p, 4);
    return x;
  };
  auto slot = [](uint32_t x) { return (x * 0x9E3779B1u) >> 16; };
  static const std::array<uint64_t, 1024> kFilter = [&] {
    std::array<uint64_t, 1024> f{};
    for (const Sign& s : kSigns) {
      const uint32_t h = slot(head(s.words.data()));
      f[h >> 6] |= uint64_t{1} << (h & 63);
    }
    return f;
  }();
  thread_local std::string t;  // (per thread, reused: as long as the longest text folded)
  FoldTextTo(text, &t);
  int found = 0;
  const std::string_view all(t);
  for (size_t i = 0; i + 5 <= all.size(); ++i) {
    const uint32_t x = head(all.data() + i);
    const uint32_t h = slot(x);
    if (!(kFilter[h >> 6] >> (h & 63) & 1)) continue;
    const std::string_view rest = all.substr(i);
    for (const Sign& s : kSigns)
      if (s.level > found && head(s.words.data()) == x && rest.starts_with(s.words)) {
        if (s.level == 2) return 2;
        found = 1;
      }
  }
  return found;
}

// ACLED's name for armed men the report does not identify. In Mexico, Central America, the Caribbean and
// Brazil, criminal violence is by an "Unidentified Gang (<C>)"; in Brazil execution-style killings (drive-by
// shootings, bound bodies) by "Unidentified Gang and/or Police Militia". Elsewhere, and without signs of
// crime: "Unidentified Armed Group (<C>)".
// `base` followed by " (<country name>)" when the country is known ("Protesters (Kenya)"), written
// into *out in one allocation.
void NameIn(std::string_view base, std::string_view cname, std::string* out) {
  out->reserve(base.size() + (cname.empty() ? 0 : cname.size() + 3));
  out->assign(base);
  if (!cname.empty()) out->append(" (").append(cname).append(")");
}

void UnnamedArmed(const DocContext& d, int country, int* inter, std::string* out) {
  *inter = 3;
  if (country < 0) return NameIn("Unidentified Armed Group", {}, out);
  const Country c = d.lex.country(static_cast<uint32_t>(country));
  static constexpr std::string_view kGangCountries[] = {"MEX", "GTM", "BLZ", "HND", "SLV", "NIC", "CRI", "PAN",
                                                        "HTI", "DOM", "JAM", "TTO", "PRI", "BHS", "BRA"};
  if (std::find(std::begin(kGangCountries), std::end(kGangCountries), c.iso3) == std::end(kGangCountries))
    return NameIn("Unidentified Armed Group", c.name, out);
  if (d.crime < 0) d.crime = CrimeSigns(d.text.text);  // a whole-text scan: only where it can matter
  if (d.crime == 0) return NameIn("Unidentified Armed Group", c.name, out);
  if (Is(c.iso3, "BRA") && d.crime == 2) return NameIn("Unidentified Gang and/or Police Militia", {}, out);
  NameIn("Unidentified Gang", c.name, out);
}

bool Violent(std::string_view t) {
  return Is(t, "Battles") || Is(t, "Explosions/Remote violence") || Is(t, "Violence against civilians");
}
bool Demonstration(std::string_view t) { return Is(t, "Protests") || Is(t, "Riots"); }

Span MentionSpan(const Text& t, const Mention& m) {
  return {t.tokens[m.token_begin].begin, t.tokens[m.token_end - 1].end};
}

std::string CountryName(const Lexicon& lex, int country) {
  return country >= 0 ? std::string(lex.country(static_cast<uint32_t>(country)).name) : std::string();
}

// A state sub-unit ACLED names apart in this country, for an agent mention: "gendarmes" in Turkey are
// "Military Forces of Turkey (2016-) Gendarmerie", "military police" in Brazil "Military Forces of Brazil
// (2019-) Military Police". The mention must end in a form of the agent that is the sub-unit's own
// words or shares their stem ("gendarmes" / "Gendarmerie", "national guardsmen" / "National Guard"),
// and the agent must list the sub-unit's words among its forms. -1 when none.
int SubUnit(const DocContext& d, const Mention& m, uint32_t agent, int country) {
  if (country < 0) return -1;
  const auto& units = d.sub_units[static_cast<size_t>(country)];
  if (units.empty()) return -1;
  std::string said = FoldText(m.text);
  std::string_view form;  // the longest form of the agent the mention ends with
  const std::vector<std::string>& forms = d.agent_forms[agent];
  for (const std::string& f : forms) {
    bool ends = said.size() >= f.size() && said.compare(said.size() - f.size(), f.size(), f) == 0 &&
                (said.size() == f.size() || said[said.size() - f.size() - 1] == ' ');
    if (ends && f.size() > form.size()) form = f;
  }
  if (form.empty()) return -1;
  for (const auto& [actor, words] : units) {
    if (std::find(forms.begin(), forms.end(), words) == forms.end()) continue;
    size_t stem = std::min<size_t>(5, words.size());
    if (form == words || (form.size() >= stem && form.compare(0, stem, words, 0, stem) == 0)) return static_cast<int>(actor);
  }
  return -1;
}

// Names an actor mention in ACLED's style; `country` is the event's country (index) for bare agents.
NamedActor NameActor(const DocContext& d, const Mention& m, int country, bool violent) {
  const Lexicon& lex = d.lex;
  NamedActor a;
  a.span = MentionSpan(d.text, m);
  // A named actor; a transnational group named generically acts through its branch in the event's country.
  auto named = [&](uint32_t id, int in_country) {
    auto branch = d.branches.find({id, in_country});
    Actor x = lex.actor(branch != d.branches.end() ? branch->second : id);
    a.name = std::string(x.name);
    a.code = std::string(x.code);
    a.inter = InterCode(x.inter);
    return x;
  };
  if (m.kind == MentionKind::kActor && m.actor >= 0) {
    Actor x = named(static_cast<uint32_t>(m.actor), country);
    // Myanmar's local People's Defense Forces are named by their township in ACLED: "the Myinmu PDF",
    // "People's Defense Force - Tamu", "People's Defense Force (Kalay)" → "People's Defense Force - Myinmu".
    if (Is(x.name, "PDF: People's Defense Force")) {
      const Text& t = d.text;
      auto town = [&](uint32_t k) {
        if (k >= t.tokens.size() || t.tokens[k].kind != TokenKind::kWord || !t.tokens[k].has(kCapitalized)) return false;
        std::string_view w = t.token_text(k);
        if (w.size() < 3 || Is(w, "The") || Is(w, "Township") || Is(w, "Myanmar") || Is(w, "Joint") || Is(w, "Local"))
          return false;
        for (char ch : w)
          if (ch >= 'a' && ch <= 'z') return true;
        return false;  // an acronym (NUG, KNDF) is another group
      };
      std::string place;
      uint32_t e = m.token_end;
      if (e + 1 < t.tokens.size() && (Is(t.token_text(e), "-") || Is(t.token_text(e), "(")) && town(e + 1) &&
          (Is(t.token_text(e), "-") || (e + 2 < t.tokens.size() && Is(t.token_text(e + 2), ")"))))
        place = std::string(t.token_text(e + 1));
      else if (m.token_begin > 0 && town(m.token_begin - 1) && m.token_begin - 1 > 0 &&
               !Is(t.token_text(m.token_begin - 2), ".") && !t.tokens[m.token_begin - 1].has(kSkippable))
        place = std::string(t.token_text(m.token_begin - 1));
      if (!place.empty()) a.name = "People's Defense Force - " + place;
    }
    return a;
  }
  if (m.kind == MentionKind::kCountry && m.country >= 0) {
    Country c = lex.country(static_cast<uint32_t>(m.country));
    a.name = std::string(violent ? c.military : c.government);
    a.code = std::string(c.iso3) + (violent ? "MIL" : "GOV");
    a.inter = 1;
    return a;
  }
  if (m.kind != MentionKind::kAgent || m.agent < 0) return a;
  Agent ag = lex.agent(static_cast<uint32_t>(m.agent));
  int c = m.country >= 0 ? m.country : country;
  // The country's names are views into the lexicon: the record's strings are built from them directly.
  const Country k = c >= 0 ? lex.country(static_cast<uint32_t>(c)) : Country{};
  const std::string_view cname = k.name;
  std::string_view t = ag.templ;
  a.code.reserve(k.iso3.size() + ag.sector.size());
  a.code.assign(k.iso3).append(ag.sector);
  if (Is(m.modifier, "unidentified") && !Is(t, "civilians") && !Is(t, "protesters") && !Is(t, "rioters")) t = "unidentified";
  if (Is(m.modifier, "rebel") && (Is(t, "military") || Is(t, "militia") || Is(t, "unidentified"))) t = "rebels";
  if (Is(t, "military") || Is(t, "police") || Is(t, "government")) {
    if (c < 0) return a;
    a.name = std::string(Is(t, "military") ? k.military : Is(t, "police") ? k.police : k.government);
    a.inter = 1;
    int sub = SubUnit(d, m, static_cast<uint32_t>(m.agent), c);
    if (sub >= 0) {
      Actor x = lex.actor(static_cast<uint32_t>(sub));
      a.name = std::string(x.name);
      a.code = std::string(x.code);
    }
  } else if (Is(t, "protesters")) {
    NameIn("Protesters", cname, &a.name);
    a.inter = 6;
  } else if (Is(t, "rioters")) {
    NameIn("Rioters", cname, &a.name);
    a.inter = 5;
  } else if (Is(t, "sole_perpetrator")) {
    NameIn("Sole Perpetrator", cname, &a.name);
    a.inter = 3;
  } else if (Is(t, "settlers")) {
    NameIn("Settlers", cname, &a.name);
    a.inter = 4;
  } else if (Is(t, "tribal_militia") || Is(t, "clan_militia") || Is(t, "cult_militia") || Is(t, "islamist_militia") ||
             Is(t, "vigilantes") || Is(t, "private_security")) {
    NameIn(Is(t, "islamist_militia") ? "Islamist Militia" : Is(t, "private_security") ? "Private Security Forces"
           : Is(t, "vigilantes") ? "Vigilante Militia" : "Unidentified Communal Militia", cname, &a.name);
    a.inter = Is(t, "private_security") ? 8 : 4;
  } else if (Is(t, "civilians") || Is(t, "journalists") || Is(t, "refugees") || Is(t, "prisoners") || Is(t, "students") ||
             Is(t, "teachers") || Is(t, "labour") || Is(t, "farmers") || Is(t, "pastoralists") || Is(t, "fishermen") ||
             Is(t, "women") || Is(t, "health_workers") || Is(t, "lawyers") || Is(t, "judges") || Is(t, "aid_workers") ||
             Is(t, "migrants") || Is(t, "miners") || Is(t, "taxi_drivers") || Is(t, "lgbt") || Is(t, "indigenous")) {
    // Social groups: civilians in ACLED's naming (the group itself is an associated actor there).
    NameIn("Civilians", cname, &a.name);
    a.inter = 7;
  } else if (Is(t, "rebels") && d.main_group >= 0) {
    named(static_cast<uint32_t>(d.main_group), c);
  } else if (Is(t, "rebels") && c >= 0 && d.opposition_rebels[static_cast<size_t>(c)] >= 0 &&
             !(m.token_begin > 0 && Is(d.text.token_text(m.token_begin - 1), "former"))) {
    // Where ACLED has a collective name for unnamed rebels (Syria: Opposition Rebels (Syria)); a "former
    // rebel" is no longer one.
    named(static_cast<uint32_t>(d.opposition_rebels[static_cast<size_t>(c)]), c);
  } else if (Is(t, "gang")) {
    NameIn("Unidentified Gang", cname, &a.name);
    a.inter = 3;
  } else if (Is(t, "militia")) {
    NameIn("Unidentified Communal Militia", cname, &a.name);
    a.inter = 4;
  } else {  // unidentified, rebels with no named group, and anything else armed
    UnnamedArmed(d, c, &a.inter, &a.name);
  }
  return a;
}

bool IsActorMention(const Mention& m) {
  return m.kind == MentionKind::kActor || (m.kind == MentionKind::kAgent && m.agent >= 0) ||
         (m.kind == MentionKind::kCountry && !m.demonym);
}

// A country or place after a location preposition is a place, not an actor: "in Syria".
bool PlaceNounBeforeOf(std::string_view w) {
  static constexpr std::string_view kWords[] = {
      "outskirts", "outskirt", "suburbs", "suburb", "vicinity", "environs", "surroundings", "north", "south", "east",
      "west", "northeast", "northwest", "southeast", "southwest", "north-east", "north-west", "south-east",
      "south-west", "northern", "southern", "eastern", "western", "town", "towns", "village", "villages", "city",
      "cities", "province", "region", "district", "governorate", "county", "state", "municipality", "commune",
      "locality", "countryside", "centre", "center", "downtown", "heart", "part", "parts", "area", "areas",
      "capital", "port", "border", "borders", "edge", "neighbourhood", "neighborhood", "island", "coast", "streets",
      "entrance", "gates", "frontline", "frontlines", "front", "road", "roads", "highway", "desert", "axis", "axes",
      "badia", "plain", "plains", "mountains", "hills", "valley", "bank", "banks", "river", "lake", "shore", "camp",
      "market"};
  // Compared without regard to ASCII case: "the Old City of Raqqa". (The word lowered into a
  // buffer, then looked up in the list sorted once.)
  static const std::vector<std::string_view> sorted = [] {
    std::vector<std::string_view> v(std::begin(kWords), std::end(kWords));
    std::sort(v.begin(), v.end());
    return v;
  }();
  char lower[16];
  if (w.size() > sizeof lower) return false;  // longer than any word of the list
  for (size_t i = 0; i < w.size(); ++i) {
    char c = w[i];
    lower[i] = c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c;
  }
  return std::binary_search(sorted.begin(), sorted.end(), std::string_view(lower, w.size()));
}

// Whether two words are the same, lengths first and then byte by byte inline: the words of the lists
// below are short, and a memcmp call per same-length entry cost more than the comparison.
inline bool SameWord(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i)
    if (a[i] != b[i]) return false;
  return true;
}

// Whether w is one of `words` (lengths first: for word lists tested on many tokens).
template <size_t N>
bool OneOf(std::string_view w, const std::string_view (&words)[N]) {
  for (std::string_view x : words)
    if (SameWord(x, w)) return true;
  return false;
}

// The first bytes of a word list's words: most tokens start with none of them and skip the list.
class Initials {
 public:
  template <size_t N>
  explicit Initials(const std::string_view (&words)[N]) {
    for (std::string_view x : words)
      if (!x.empty()) bits_[static_cast<unsigned char>(x[0]) >> 6] |= uint64_t{1} << (x[0] & 63);
  }
  bool MayStart(std::string_view w) const {
    return !w.empty() && (bits_[static_cast<unsigned char>(w[0]) >> 6] >> (w[0] & 63) & 1);
  }

 private:
  uint64_t bits_[4] = {};
};

bool AfterLocPrep(const DocContext& d, const SentenceInfo& si, const Mention& m, bool* near) {
  static constexpr std::string_view kNearWords[] = {
      "near", "outskirts", "outside", "vicinity", "countryside", "around", "north", "south", "east", "west",
      "northeast", "northwest", "southeast", "southwest", "km", "kilometres", "kilometers", "miles", "environs",
      "area", "areas"};
  static constexpr std::string_view kBeforePrep[] = {"km", "kilometres", "kilometers", "miles", "outskirts", "north",
                                                     "south", "east", "west", "outside", "near"};
  static const Initials kNearInitials(kNearWords), kBeforePrepInitials(kBeforePrep);
  uint32_t sb = si.g.token_begin;
  for (uint32_t k = m.token_begin, steps = 0; k > sb && steps < 5; ++steps) {
    --k;
    uint32_t c = si.g.cls(k);
    std::string_view w = d.text.token_text(k);
    if (near && kNearInitials.MayStart(w) && OneOf(w, kNearWords)) *near = true;
    // "at the University of Vermont", "the invasion of Ukraine": "of" ties the name to a noun, not
    // to the event's place, unless the noun is a part or kind of place ("the outskirts of", "the
    // Old City of") or the event's own words ("took control of", "the siege of").
    if (Is(w, "of") && k > sb && !PlaceNounBeforeOf(d.text.token_text(k - 1))) {
      bool trigger_word = false;
      for (const Mention& o : si.mentions)
        trigger_word |= o.kind == MentionKind::kTrigger && o.token_begin <= k - 1 && k - 1 < o.token_end;
      if (!trigger_word) return false;
    }
    if (c & kLocPrep) {
      // "55 kilometres from Gao", "on the outskirts of": distance and edge words just before the preposition.
      for (uint32_t j = k, back = 0; near && j > sb && back < 3; ++back) {
        std::string_view v = d.text.token_text(--j);
        if (kBeforePrepInitials.MayStart(v) && OneOf(v, kBeforePrep)) *near = true;
      }
      return true;
    }
    if (d.text.tokens[k].kind == TokenKind::kPunct && !Is(w, "-") && !Is(w, "'s") && !Is(w, "\xE2\x80\x99s")) return false;
  }
  return false;
}

// Whether a parenthesised mention gives the admin areas of a place the lexicon does not know:
// "in Bhim town (Rajsamand, Rajasthan)", "at Kolwah (Awaran)". The words before "(" are
// capitalised and no mention, after a locative preposition.
bool ParenthesesAfterUnknownPlace(const DocContext& d, const SentenceInfo& si, const Mention& m) {
  const Text& t = d.text;
  uint32_t sb = si.g.token_begin;
  uint32_t k = m.token_begin;
  while (k > sb && !Is(t.token_text(k - 1), "(")) {  // only names and commas inside, before m
    --k;
    if (t.tokens[k].kind == TokenKind::kPunct && !Is(t.token_text(k), ",")) return false;
  }
  if (k == sb) return false;
  --k;  // at "("
  auto covered = [&](uint32_t i) {
    for (const Mention& o : si.mentions)
      if (o.token_begin <= i && i < o.token_end) return true;
    return false;
  };
  uint32_t names = 0;
  while (k > sb) {
    std::string_view w = t.token_text(k - 1);
    if (Is(w, "town") || Is(w, "village") || Is(w, "city") || Is(w, "area") || Is(w, "hill") || Is(w, "camp") ||
        Is(w, "township") || Is(w, "commune") || Is(w, "municipality") || Is(w, "district") || Is(w, "locality") ||
        Is(w, "neighbourhood") || Is(w, "neighborhood")) {
      --k;
      continue;
    }
    break;
  }
  while (k > sb && t.tokens[k - 1].kind == TokenKind::kWord && t.tokens[k - 1].has(kCapitalized)) {
    if (covered(k - 1)) return false;  // a known place: it competes on its own
    --k, ++names;
  }
  if (names == 0 || names > 4) return false;
  for (uint32_t j = k, steps = 0; j > sb && steps < 2; ++steps)
    if (si.g.cls(--j) & kLocPrep) return true;
  return false;
}

// Lethal force in the sentence or the two after it (where an intervention is often told):
// live ammunition or shooting ("fired live bullets", "opened fire on the crowd"), which ACLED
// codes as excessive force against protesters.
bool LethalForce(const DocContext& d, uint32_t si) {
  const Text& t = d.text;
  for (uint32_t x = si; x < t.sentences.size() && x <= si + 2; ++x) {
    const Sentence& s = t.sentences[x];
    for (uint32_t k = s.token_begin; k + 1 < s.token_end; ++k) {
      std::string_view w = t.token_text(k), n = t.token_text(k + 1);
      if ((Is(w, "live") || Is(w, "Live")) && (Is(n, "ammunition") || Is(n, "bullets") || Is(n, "rounds") || Is(n, "fire")))
        return true;
      if ((Is(w, "opened") || Is(w, "open")) && Is(n, "fire")) return true;
    }
  }
  return false;
}

// A cue that ground changed hands without fighting ("unopposed", "no clashes were reported":
// the pos=A rows of data/events.tsv for that sub-type) in sentence `si` or the next one.
bool NonViolenceCue(const Lexicon& lex, const Text& text, uint32_t si) {
  thread_local std::vector<LexMatch> matches;
  for (uint32_t k = si; k < text.sentences.size() && k <= si + 1; ++k) {
    matches.clear();
    lex.Match(text, text.sentences[k].token_begin, text.sentences[k].token_end, &matches);
    for (const LexMatch& m : matches)
      for (uint32_t e = 0; e < m.entry_count; ++e) {
        Entry en = lex.entry(m.entry_begin + e);
        if (en.kind != EntryKind::kEvent) continue;
        const EventPattern& p = lex.event(en.index);
        if (Is(p.pos, "A") && Is(p.sub_event_type, "Non-violent transfer of territory")) return true;
      }
  }
  return false;
}

struct Fatalities {
  std::optional<int64_t> best, low, high, civilians;
  Span span;
  bool stated = false;     // the report's own total: "3 fatalities.", "fatalities coded as 10"
  bool grievance = false;  // the deaths are what a demonstration is about: "protested against the killing of"
};

bool Capitalized(std::string_view w) { return !w.empty() && w[0] >= 'A' && w[0] <= 'Z'; }

// Whether token k is written exactly `w`: token_text(k) == w, lengths first, for the loops that
// test every token of a sentence.
bool TokenIs(const Text& t, uint32_t k, std::string_view w) {
  const Token& tok = t.tokens[k];
  return tok.end - tok.begin == w.size() && std::memcmp(t.text.data() + tok.begin, w.data(), w.size()) == 0;
}

bool In(std::string_view w, std::initializer_list<std::string_view> words) {
  for (std::string_view x : words)
    if (SameWord(x, w)) return true;
  return false;
}

// Past an aside that starts at token k: a parenthesis ("two militants (suspected TTP) were killed") or a
// subset between commas ("four men, including their leader, were killed"). Returns k when there is none.
uint32_t SkipAside(const Text& t, const SentenceGrammar& g, uint32_t k, uint32_t se) {
  std::string_view w = t.token_text(k);
  bool subset = Is(w, ",") && k + 1 < se && (g.cls(k + 1) & kSubset);
  if (!Is(w, "(") && !subset) return k;
  std::string_view close = subset ? "," : ")";
  for (uint32_t j = k + 1; j < se && j < k + 10; ++j)
    if (t.token_text(j) == close) return j + 1;
  return k;
}

// The casualty word a count is the subject of: "five were injured", "two soldiers were later killed",
// "three of them died". Returns 1 for a death, -1 for an injury, 2 when the count is the subject of
// another passive ("four others were arrested"), 0 when none is found; *cue is the word and *aux tells
// whether a be/have form came before it ("were killed").
int PredicateCue(const Text& t, const SentenceGrammar& g, uint32_t qe, uint32_t se, uint32_t* cue, bool* aux) {
  *aux = false;
  for (uint32_t k = qe, steps = 0; k < se && steps < 6; ++k, ++steps) {
    k = SkipAside(t, g, k, se);
    if (k >= se) return 0;
    uint32_t c = g.cls(k);
    if (c & (kDeath | kInjury)) {
      *cue = k;
      return (c & kDeath) ? 1 : -1;
    }
    std::string_view w = t.token_text(k);
    if (c & kAux) { *aux = true; continue; }
    if (t.tokens[k].kind != TokenKind::kWord) return 0;
    bool adverb = w.size() > 3 && w.substr(w.size() - 2) == "ly";
    bool joined = Is(w, "and") && k + 1 < se && (g.cls(k + 1) & (kPerson | kArmed));  // "soldiers and police"
    bool adjective = k + 1 < se && (g.cls(k + 1) & kPerson) && !*aux;                // "four armed men"
    if ((c & (kPerson | kSpeech)) || Capitalized(w) || adverb || joined || adjective ||
        In(w, {"more", "other", "also", "later", "of", "them", "whom", "got", "left", "sustained", "suffered",
               "to", "be"}))
      continue;
    if (!*aux || (c & (kPreposition | kDeterminer))) return 0;
    // Another verb, unless a casualty word follows it: "were tortured and killed", "was burnt to death".
    for (uint32_t j = k + 1; j < se && j < k + 4; ++j)
      if (g.cls(j) & (kDeath | kInjury)) {
        *cue = j;
        return (g.cls(j) & kDeath) ? 1 : -1;
      }
    return 2;
  }
  return 0;
}

// Single people joined to a victim by "and": "a soldier and a militant", "a driver and his co-driver",
// "two officers and a civilian". Counts them from token `k` (just after the first victim's noun).
int64_t JoinedSingles(const Text& t, const SentenceGrammar& g, uint32_t k, uint32_t se) {
  int64_t n = 0;
  while (k + 2 < se && Is(t.token_text(k), "and") &&
         In(t.token_text(k + 1), {"a", "an", "his", "her", "their", "another", "one"})) {
    uint32_t j = k + 2;
    while (j < se && j < k + 5 && !(g.cls(j) & kPerson) && !Is(t.token_text(j), ",") && !Is(t.token_text(j), ".")) ++j;
    std::string_view noun = j < se ? t.token_text(j) : "";
    if (!(g.cls(j) & kPerson) || noun.back() == 's') break;
    ++n;
    k = j + 1;
  }
  return n;
}

// Counts that name no victims: animals ("killed 25 heads of cattle"), unit numbers ("Battalion 101"),
// and the attackers themselves ("two armed men shot and killed", "killed by four gunmen") unless they are
// the ones who died ("two gunmen were killed").
bool NotVictims(const Text& t, const SentenceGrammar& g, const Quantity& q, uint32_t sb, uint32_t se) {
  std::string_view next = q.token_end < se ? t.token_text(q.token_end) : "";
  std::string_view prev = q.token_begin > sb ? t.token_text(q.token_begin - 1) : "";
  // "30 cattle", "a dozen of their livestock"
  for (uint32_t k = q.token_end; k < std::min(se, q.token_end + 3); ++k) {
    if (In(t.token_text(k), {"heads", "head", "cattle", "cows", "goats", "sheep", "camels", "livestock", "animals",
                             "donkeys", "horses", "pigs", "chickens"}))
      return true;
    if (k == q.token_end && !Is(next, "of")) break;
  }
  std::string lower(prev);
  for (char& ch : lower) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  if (In(lower, {"battalion", "brigade", "regiment", "division", "unit", "company", "platoon", "column", "barrio",
                 "squadron", "sector", "block", "ward", "zone"}))
    return true;
  if (q.value > 1 && Is(next, "was")) return true;
  if (Is(prev, "by") || In(next, {"a.m", "p.m", "am", "pm", "hrs", "o'clock"})) return true;
  // The object of another verb: "abducted 2 others", "rescuing 8 civilians".
  bool verb_form = prev.size() > 3 && (prev.substr(prev.size() - 2) == "ed" || prev.substr(prev.size() - 3) == "ing");
  if (verb_form && !Capitalized(prev) && !(g.cls(q.token_begin - 1) & (kDeath | kInjury | kSpeech | kAux | kSubset)))
    return true;
  uint32_t n = q.token_end;
  bool armed = n < se && Is(t.token_text(n), "armed");
  if (armed) ++n;
  bool attacker = armed || In(next, {"gunmen", "gunman", "attackers", "assailants", "perpetrators", "assassins",
                                     "hitmen", "killers"});
  if (!attacker || (q.token_begin > sb && (g.cls(q.token_begin - 1) & kDeath))) return false;  // "killed two gunmen"
  uint32_t cue = 0;
  bool aux = false;
  if (PredicateCue(t, g, q.token_end, se, &cue, &aux) != 1) return true;
  return !(aux || In(t.token_text(cue), {"died", "dead", "perished"}));
}

// Whether a count names people: the noun after it ("20 civilians", "3 killed", "17 IS militants"),
// "three of them", "the death of 4 FACA and 2 gendarmes", or a death word before it ("killing 3",
// "death toll rose to 40").
bool CountsPeople(const Text& t, const SentenceGrammar& g, const Quantity& q, uint32_t sb, uint32_t se,
                  uint32_t last_counted_end, bool* civilian) {
  *civilian = false;
  uint32_t names = 0;
  for (uint32_t k = q.token_end; k < std::min(se, q.token_end + 3); ++k) {
    uint32_t c = g.cls(k);
    if (c & kPerson) { *civilian = c & kCivilian; return true; }
    if (c & (kDeath | kInjury)) return true;
    std::string_view w = t.token_text(k);
    if (names > 0 && (Is(w, "and") || Is(w, ","))) return true;  // "4 FACA and 2 ...": a side named as the noun
    if (Capitalized(w) && t.tokens[k].kind == TokenKind::kWord) { ++names; continue; }
    // A noun of no class counts something else ("six motorcycles seized"), unless it is an adjective
    // before a person noun ("three young men") or the subject of a verb ("two teenagers were killed").
    bool plain = t.tokens[k].kind == TokenKind::kWord && c == 0 && !Is(w, "of");
    if (plain && !(k + 1 < se && (g.cls(k + 1) & (kPerson | kDeath | kInjury | kAux)))) break;
    if (k == q.token_end && Is(w, "of")) {
      for (uint32_t j = k + 1; j < std::min(se, k + 4); ++j) {
        *civilian = g.cls(j) & kCivilian;
        if ((g.cls(j) & kPerson) || Is(t.token_text(j), "them")) return true;
      }
    }
  }
  if (q.token_begin <= sb) return false;
  uint32_t p = q.token_begin - 1;
  std::string_view prev = t.token_text(p);
  if ((g.cls(p) & kDeath) || Is(prev, "to") || Is(prev, "at")) return true;
  if (Is(prev, "of") && p > sb && (g.cls(p - 1) & kDeath)) return true;
  // The second of coordinated counts: "killing 4 FACA and 2 gendarmes".
  return (Is(prev, "and") || Is(prev, ",")) && last_counted_end > 0 && q.token_begin <= last_counted_end + 4;
}

// Deaths told after a word of grievance are what a demonstration is about, not its own toll: "protested
// against the killing of", "demanding justice for", "rioted after the death of".
bool AfterGrievance(const Text& t, uint32_t sb, uint32_t se, Span deaths) {
  static constexpr std::string_view kWords[] = {
      "against", "over", "denounce", "denouncing", "denounced", "demand", "demanding", "demanded", "justice", "after",
      "following", "avenge", "revenge", "mourn", "mourning", "condemn", "condemning", "condemned", "protest",
      "protesting", "protested"};
  static const Initials kInitials(kWords);
  for (uint32_t k = sb; k < se && t.tokens[k].end <= deaths.begin; ++k) {
    std::string_view w = t.token_text(k);
    if (kInitials.MayStart(w) && OneOf(w, kWords)) return true;
  }
  return false;
}

// How many shares a split names when it gives no figure: "between both locations" (2), "evenly
// between Hajin and Hawama" (2), "between Tal Rifaat, Azaz and Mare" (3); 1 when it names none.
int64_t SharesNamed(const Text& t, uint32_t k, uint32_t se) {
  for (uint32_t end = std::min(se, k + 3); k < end && !In(t.token_text(k), {"between", "among", "across"}); ++k)
    if (Is(t.token_text(k), "both")) return 2;
  if (k + 1 >= se) return 1;
  if (Is(t.token_text(k + 1), "both")) return 2;
  int64_t names = 0;
  bool in_name = false;
  for (uint32_t j = k + 1; j < se; ++j) {
    std::string_view w = t.token_text(j);
    if (Capitalized(w)) {
      if (!in_name) ++names;
      in_name = true;
    } else if (Is(w, ",") || Is(w, "and")) {
      in_name = false;
    } else if (!(in_name && (Is(w, "-") || Is(w, "al") || Is(w, "as") || Is(w, "ash") || Is(w, "ar")))) {
      break;
    }
  }
  return names >= 2 ? names : 1;
}

// The figure a report states as its total, which stands over the counts of its sentences: a count
// sentence with no verb ("3 fatalities.", "2 fatalities, 4 injured."), or ACLED's own coding note
// ("Unclear fatalities coded as 10.", "20 fatalities split across 6 events coded as 3.", "Fatalities
// coded as 12 and split between 2 locations." gives 6 to each, "8 civilians were killed, split between
// 2 events." gives 4).
void ReadStatedTotal(const Text& t, const SentenceGrammar& g, const std::vector<Quantity>& qs, uint32_t sb,
                     uint32_t se, Fatalities* f) {
  auto set = [&](int64_t n, const Quantity& q) {
    f->best = f->low = f->high = n;
    if (f->civilians && *f->civilians > n) f->civilians = n;
    f->span = {q.begin, q.end};
    f->stated = true;
  };
  auto death_word = [&](uint32_t k) { return k < se && (g.cls(k) & kDeath); };
  // Most sentences name no death: their words are not compared with the coding words below. (The
  // sentence's class union answers for the death words and the auxiliaries.)
  bool deaths = (g.any_classes & kDeath) != 0;
  const bool verb = (g.any_classes & kAux) != 0;
  for (uint32_t k = sb; k < se && !deaths; ++k) deaths = TokenIs(t, k, "casualties");
  if (!deaths) return;
  static constexpr std::string_view kSplitWords[] = {"split", "spilt", "spread", "divided", "distributed"};
  static const Initials kSplitInitials(kSplitWords);
  uint32_t coded = se, split = se;
  for (uint32_t k = sb; k < se && (coded == se || split == se); ++k) {
    // The words sought are of 5, 6, 7, 9 or 11 bytes: other tokens are passed by their length.
    constexpr uint32_t kLengths = (1u << 5) | (1u << 6) | (1u << 7) | (1u << 9) | (1u << 11);
    const uint32_t n = t.tokens[k].end - t.tokens[k].begin;
    if (n > 11 || !(kLengths >> n & 1)) continue;
    std::string_view w = t.token_text(k);
    bool estimated = Is(w, "estimated") && k + 1 < se && Is(t.token_text(k + 1), "as");
    if ((Is(w, "coded") || Is(w, "Coded") || estimated) && coded == se) coded = k;
    if (split == se && kSplitInitials.MayStart(w) && OneOf(w, kSplitWords)) split = k;
  }
  if (coded == se && split == se) {
    if (!qs.empty() && qs[0].token_begin == sb && qs[0].unit == Unit::kNone && death_word(qs[0].token_end) &&
        !verb && se - sb <= 10)
      set(qs[0].value, qs[0]);
    return;
  }
  const Quantity* code = nullptr;   // "coded as 3", "coded 5 fatalities"
  const Quantity* parts = nullptr;  // "split across 6 events"
  for (const Quantity& q : qs) {
    if (q.unit != Unit::kNone) continue;
    if (!code && coded < se && q.token_begin > coded && q.token_begin <= coded + 3) code = &q;
    bool each = q.token_end < se && Is(t.token_text(q.token_end), "each");  // "split between both, 5 each"
    if (each && split < se && q.token_begin > split) {
      set(q.value, q);
      return;
    }
    if (!parts && split < se && q.token_begin > split && q.token_begin <= split + 4 && q.value > 1) parts = &q;
  }
  int64_t divisor = 1;
  if (parts && (!code || code->token_begin < split)) divisor = parts->value;
  if (split < se && !parts) divisor = SharesNamed(t, split + 1, se);
  auto share = [&](int64_t n) { return (n + divisor / 2) / divisor; };  // to the nearest, as ACLED's notes do
  if (code) {
    set(share(code->value), *code);
  } else if (divisor > 1 && f->best) {
    f->best = f->low = f->high = share(*f->best);
    f->stated = true;
  }
}

Fatalities ReadFatalities(const DocContext& d, const SentenceInfo& si) {
  Fatalities f;
  const Text& t = d.text;
  const SentenceGrammar& g = si.g;
  uint32_t sb = g.token_begin, se = sb + static_cast<uint32_t>(g.classes.size());
  // Every figure below hangs on a death word ("casualties" only in a stated total): most sentences have
  // none and are done here.
  // ("casualties" is a word of the injury class: a sentence with neither class has no such word.)
  if (!(g.any_classes & (kDeath | kInjury))) return f;
  // A death word is in the sentence when its class union says so; else look for "casualties".
  bool death_word = (g.any_classes & kDeath) != 0;
  for (uint32_t k = sb; k < se && !death_word; ++k) death_word = TokenIs(t, k, "casualties");
  if (!death_word) return f;
  int64_t total = 0, low = 0, high = 0, civ = 0;
  bool any = false, any_civ = false;
  uint32_t last_counted_end = 0;
  auto nearest_cue = [&](uint32_t qb, uint32_t qe, uint32_t* death_pos) -> int {  // 1 death, -1 injury, 0 none
    // A count that is the subject of its own casualty verb takes that one: "one died, five were injured".
    bool aux = false;
    if (int own = PredicateCue(t, g, qe, se, death_pos, &aux)) return own;
    int best = 0;
    uint32_t bestd = 99;
    uint32_t lo = qb > sb + 7 ? qb - 7 : sb, hi = std::min(se, qe + 8);
    for (uint32_t k = lo; k < hi; ++k) {
      if (k >= qb && k < qe) continue;
      uint32_t c = g.cls(k);
      if (!(c & (kDeath | kInjury))) continue;
      if (g.clause_of(k) != g.clause_of(qb) && !(k > qe && k - qe <= 3)) continue;
      uint32_t dist = k < qb ? qb - k : k - qe + 1;
      // "killed": death; "killed and wounded": nearest wins; "lost": death only next to lives/soldiers.
      if (dist < bestd) {
        bestd = dist;
        best = (c & kDeath) ? 1 : -1;
        *death_pos = k;
      }
    }
    return best;
  };
  for (const Quantity& q : si.quantities) {
    if (q.unit != Unit::kNone) continue;
    bool subset_of_dead = false;  // "killing 12 people, among them four children"
    if (any)
      for (uint32_t k = q.token_begin > sb + 3 ? q.token_begin - 3 : sb; k < q.token_begin; ++k)
        subset_of_dead |= (g.cls(k) & kSubset) != 0;
    uint32_t pos = 0;
    if (!subset_of_dead && nearest_cue(q.token_begin, q.token_end, &pos) != 1) continue;
    if (NotVictims(t, g, q, sb, se)) continue;
    bool civilian = false;
    if (!CountsPeople(t, g, q, sb, se, last_counted_end, &civilian)) continue;
    bool subset = false;
    for (uint32_t k = q.token_begin > sb + 3 ? q.token_begin - 3 : sb; k < q.token_begin; ++k)
      subset |= (g.cls(k) & kSubset) != 0 || Is(t.token_text(k), "them");
    if (civilian) { civ += q.value; any_civ = true; }
    if (!subset) {
      int64_t joined = 0;  // "two officers and a civilian were killed"
      for (uint32_t k = q.token_end; k < std::min(se, q.token_end + 3) && !joined; ++k)
        if (g.cls(k) & kPerson) joined = JoinedSingles(t, g, k + 1, se);
      total += q.value + joined;
      low += q.low + joined;
      high += q.high + joined;
      if (!any) f.span = {t.tokens[q.token_begin].begin, t.tokens[q.token_end - 1].end};
      any = true;
    }
    last_counted_end = q.token_end;
  }
  if (!any) {
    // "a man was shot dead", "killing a civilian", "one soldier died".
    for (uint32_t k = sb; k + 1 < se; ++k) {
      if (!(TokenIs(t, k, "a") || TokenIs(t, k, "an") || TokenIs(t, k, "A") || TokenIs(t, k, "An"))) continue;
      uint32_t n = k + 1;
      if (n + 1 < se && !(g.cls(n) & kPerson)) ++n;  // one adjective: "a young man"
      if (!(g.cls(n) & kPerson)) continue;
      std::string_view noun = t.token_text(n);
      if (!noun.empty() && noun.back() == 's') continue;
      uint32_t pos = 0;
      if (nearest_cue(k, n + 1, &pos) == 1) {
        total = low = high = 1 + JoinedSingles(t, g, n + 1, se);
        any = true;
        if (g.cls(n) & kCivilian) { civ = 1; any_civ = true; }
        f.span = {t.tokens[k].begin, t.tokens[n].end};
        break;
      }
    }
  }
  if (!any) {
    // "no fatalities", "no one was killed", "without casualties": an explicit zero.
    for (uint32_t k = sb; k + 1 < se; ++k) {
      if (!(g.cls(k) & kNoCount)) continue;
      for (uint32_t j = k + 1; j < std::min(se, k + 4); ++j)
        if (g.cls(j) & kDeath) {
          f.best = f.low = f.high = 0;
          f.span = {t.tokens[k].begin, t.tokens[j].end};
          // "There were no fatalities." closing a report stands over the counts before it; "no one was
          // killed" may be about one strike among others.
          f.stated = j == k + 1 && (k == sb || Is(t.token_text(sb), "There"));
          return f;
        }
    }
  }
  if (!any) {
    // One victim without a number: "a merchant was killed", "killed him", "the commander was shot dead",
    // "the man later died".
    for (uint32_t k = sb; k < se && !any; ++k) {
      if (!(g.cls(k) & kDeath)) continue;
      std::string_view w = t.token_text(k);
      if (Is(w, "death") || Is(w, "deaths") || Is(w, "toll") || Is(w, "fatalities") || Is(w, "lives") || Is(w, "bodies"))
        continue;
      bool one = false;
      // (a) singular passive: "was killed", "was shot and killed", "was found dead".
      for (uint32_t j = k, steps = 0; j > sb && steps < 4 && !one; ++steps) {
        std::string_view v = t.token_text(--j);
        if (Is(v, "was")) one = true;
        if (Is(v, "were") || (g.cls(j) & (kPreposition | kSubordinator))) break;
      }
      // (b) active with a singular object: "killed a merchant", "killing him", "killed the mayor",
      // "killed another guard".
      uint32_t object_end = k + 2;
      if (!one && k + 1 < se) {
        std::string_view v = t.token_text(k + 1);
        one = Is(v, "a") || Is(v, "an") || Is(v, "him") || Is(v, "her") || Is(v, "one") || Is(v, "another");
        for (const Quantity& q : si.quantities) one &= q.token_begin != k + 1;  // "killed a dozen goats"
        for (uint32_t j = k + 2; !one && Is(v, "the") && j < std::min(se, k + 5); ++j) {
          std::string_view noun = t.token_text(j);
          if (g.cls(j) & kPerson) { one = noun.back() != 's'; object_end = j + 1; break; }
          if (t.tokens[j].kind != TokenKind::kWord) break;
        }
      }
      // (c) "the man (later) died".
      if (!one && (Is(w, "died") || Is(w, "dies"))) {
        uint32_t j = k;
        std::string_view adverb = j > sb ? t.token_text(j - 1) : "";
        if (Is(adverb, "later") || (adverb.size() > 2 && adverb.substr(adverb.size() - 2) == "ly")) --j;
        if (j > sb + 1) {
          std::string_view noun = t.token_text(j - 1);
          std::string_view det = t.token_text(j - 2);
          one = !noun.empty() && noun.back() != 's' && (Is(det, "a") || Is(det, "A") || Is(det, "the") || Is(det, "The") ||
                                                        Is(det, "One") || Is(det, "one"));
        }
      }
      if (one) {
        total = low = high = 1 + JoinedSingles(t, g, std::min(object_end, se), se);  // "killed her and her husband"
        any = true;
        f.span = {t.tokens[k].begin, t.tokens[k].end};
      }
    }
  }
  if (any) {
    f.best = total;
    f.low = low;
    f.high = std::max(high, total);
    if (any_civ) f.civilians = civ;
    f.grievance = AfterGrievance(t, sb, se, f.span);
  }
  ReadStatedTotal(t, g, si.quantities, sb, se, &f);
  return f;
}

// Records of these kinds carry a death toll.
bool CarriesFatalities(const EventRecord& r) {
  return Violent(r.event_type) || Is(r.event_type, "Riots") || Is(r.sub_event_type, "Excessive force against protesters") ||
         Is(r.sub_event_type, "Disrupted weapons use");  // a bomb that went off early kills its makers
}

// Writes a sentence's figures into a record, with their evidence (replacing earlier figures).
void SetFatalities(EventRecord& r, const Fatalities& f) {
  std::erase_if(r.evidence.roles, [](const auto& role) { return Is(role.first, "fatalities"); });
  r.fatalities = f.best;
  r.fatalities_low = f.low;
  r.fatalities_high = f.high;
  r.civilian_fatalities = f.civilians;
  r.evidence.roles.emplace_back("fatalities", f.span);
}

// Gives `to` the figures of `from` (another record of the same event), with their evidence.
void CopyFatalities(EventRecord& to, const EventRecord& from) {
  to.fatalities = from.fatalities;
  to.fatalities_low = from.fatalities_low;
  to.fatalities_high = from.fatalities_high;
  to.civilian_fatalities = from.civilian_fatalities;
  for (const auto& role : from.evidence.roles)
    if (Is(role.first, "fatalities")) to.evidence.roles.push_back(role);
}

// A casualty sentence's toll is also that of the records of the same event (same place and date) told in
// the sentences just before (from byte `since`) that have none: "Russian forces fired at Kharkiv.
// Buildings were hit. Four civilians were killed."
void ShareToll(std::vector<EventRecord>& records, const EventRecord& from, uint32_t since) {
  for (EventRecord& e : records)
    if (&e != &from && !e.fatalities && !e.background && CarriesFatalities(e) && e.evidence.sentence.begin >= since &&
        e.event_date == from.event_date && e.location == from.location)
      CopyFatalities(e, from);
}

// Who the sentence attributes its claims to.
std::string ReadSource(const DocContext& d, const SentenceInfo& si, Span* span) {
  const Text& t = d.text;
  for (const Mention& m : si.mentions)
    if (m.kind == MentionKind::kSource) {
      *span = MentionSpan(t, m);
      return std::string(d.lex.source(static_cast<uint32_t>(m.source)).name);
    }
  // "according to X", "X said", "X reported that"
  uint32_t sb = si.g.token_begin;
  for (size_t k = 0; k < si.mentions.size(); ++k) {
    const Mention& m = si.mentions[k];
    if (!IsActorMention(m)) continue;
    bool after_according = m.token_begin >= sb + 2 && Is(t.token_text(m.token_begin - 1), "to") &&
                           (si.g.cls(m.token_begin - 2) & kSpeech);
    bool before_speech = false;
    for (uint32_t j = m.token_end; j < std::min<uint32_t>(m.token_end + 3, sb + static_cast<uint32_t>(si.g.classes.size())); ++j) {
      uint32_t c = si.g.cls(j);
      if (c & kSpeech) { before_speech = true; break; }
      if (!(c & (kAux | kModal))) break;
    }
    if (after_according || before_speech) {
      *span = MentionSpan(t, m);
      std::string_view s = t.span(span->begin, span->end);
      if (s.size() > 4 && (Is(s.substr(0, 4), "The ") || Is(s.substr(0, 4), "the "))) s.remove_prefix(4);
      return std::string(s);
    }
  }
  return {};
}

// An admin area's name as ACLED writes it: ASCII, without the kind of area ("Sagaing Region" → "Sagaing").
std::string AdminNameOf(std::string_view name) {
  static constexpr std::string_view kSuffixes[] = {" Region", " State", " Province", " Department", " Governorate",
                                                   " Division", " Prefecture", " District", " Municipality", " County"};
  std::string s = StripDiacritics(name);
  for (std::string_view suffix : kSuffixes) {
    if (s.size() > suffix.size() + 2 && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0) {
      s.resize(s.size() - suffix.size());
      break;
    }
  }
  return s;
}

// A place's names as records write them: its name without diacritics and its admin areas by
// AdminNameOf. Records name the same places over and over, so the three strings come from a
// per-thread cache, direct-mapped by place index (2048 entries, a bounded cache; a corpus of 6,900
// reports resolves some 5,000 distinct places). An entry is used only when it was filled for this
// place by this Extractor (its serial number, never reused), so another Extractor's lexicon on the
// same thread can never get a wrong answer. The reference is valid until the thread's next call
// (callers copy at once).
struct PlaceNames {
  uint64_t extractor = 0;  // Impl::serial; 0: empty
  uint32_t place = 0;
  std::string location, admin1, admin2;
};
const PlaceNames& NamesOfPlace(uint64_t extractor, uint32_t place, const Place& pl) {
  thread_local PlaceNames cache[2048];
  PlaceNames& e = cache[place % 2048];
  if (e.extractor != extractor || e.place != place) {
    e.extractor = extractor;
    e.place = place;
    e.location = StripDiacritics(pl.name);
    e.admin1 = AdminNameOf(pl.admin1);
    e.admin2 = AdminNameOf(pl.admin2);
  }
  return e;
}

// ACLED's label for a social group named as demonstrators ("teachers" → "Teachers"), or "".
std::string SocialGroup(const Lexicon& lex, const Mention& m) {
  if (m.kind != MentionKind::kAgent || m.agent < 0) return {};
  std::string_view t = lex.agent(static_cast<uint32_t>(m.agent)).templ;
  static constexpr std::pair<std::string_view, std::string_view> kGroups[] = {
      {"students", "Students"}, {"teachers", "Teachers"}, {"labour", "Labor Group"}, {"farmers", "Farmers"},
      {"women", "Women"}, {"health_workers", "Health Workers"}, {"journalists", "Journalists"},
      {"lawyers", "Lawyers"}, {"judges", "Judges"}, {"refugees", "Refugees/IDPs"}, {"migrants", "Migrants"},
      {"prisoners", "Prisoners"}, {"fishermen", "Fishers"}, {"pastoralists", "Pastoralists"},
      {"indigenous", "Indigenous People"}, {"lgbt", "LGBTQ+"}, {"aid_workers", "Aid Workers"}};
  for (const auto& [k, v] : kGroups)
    if (t == k) return std::string(v);
  return {};
}

struct Trigger {
  const Mention* m;
  EventPattern p;
  uint32_t pattern_index;
};

std::string EventId(std::string_view doc_id, uint32_t trigger_begin, std::string_view sub) {
  // XXH3 of doc_id, the trigger's offset (native bytes) and the sub-event type, hashed in one pass
  // over a per-thread buffer (the same hash as streaming the three pieces).
  thread_local std::string bytes;
  bytes.assign(doc_id);
  bytes.append(reinterpret_cast<const char*>(&trigger_begin), sizeof trigger_begin);
  bytes.append(sub);
  uint64_t h = XXH3_64bits(bytes.data(), bytes.size());
  char id[19] = {'e', 'v', '-'};  // "ev-%016llx": all 16 digits, two at a time
  static constexpr auto kHexPairs = [] {
    std::array<char, 512> pairs{};
    for (int b = 0; b < 256; ++b) {
      pairs[2 * b] = "0123456789abcdef"[b >> 4];
      pairs[2 * b + 1] = "0123456789abcdef"[b & 15];
    }
    return pairs;
  }();
  for (int i = 17; i >= 3; i -= 2, h >>= 8) std::memcpy(id + i, &kHexPairs[2 * (h & 255)], 2);
  return std::string(id, sizeof id);
}

}  // namespace

StatusOr<ExtractResult> Extractor::Extract(const Document& doc) const {
  const Lexicon& lex = *impl_->lex;
  auto analyzed = AnalyzeText(doc.text, impl_->opt.text);
  if (!analyzed.ok()) return analyzed.status();
  const Text& text = *analyzed;
  ExtractResult result;
  result.warnings = text.warnings;

  // The sentences' analyses live in a per-thread pool reused from document to document, so that
  // their vectors keep their storage (Extract is not re-entered on a thread; the pool holds at most
  // the analyses of the longest document seen, and each is overwritten before it is read). The pool
  // only grows: a shorter document uses its first slots, so that the slots past them keep their
  // vectors' storage for the next longer document instead of being destroyed and rebuilt.
  thread_local std::vector<SentenceInfo> sentence_pool;
  if (sentence_pool.size() < text.sentences.size()) sentence_pool.resize(text.sentences.size());
  thread_local PlaceContext place_context;  // likewise; rebuilt below before it is read
  DocContext d{lex, impl_->sub_units, impl_->branches, impl_->opposition_rebels, impl_->agent_forms, text,
               std::span<SentenceInfo>(sentence_pool.data(), text.sentences.size()), place_context, -1, {}};
  const std::string& pub = !doc.published.empty() ? doc.published : impl_->opt.default_published;
  if (!pub.empty() && !ParseIsoDate(pub, &d.published)) d.published = Date{};

  // 1. Per sentence: times, quantities, mentions.
  std::vector<const Mention*> all;  // every sentence's mentions (pointers into d.sentences)
  thread_local std::vector<uint8_t> claimed;
  for (uint32_t si = 0; si < text.sentences.size(); ++si) {
    const Sentence& s = text.sentences[si];
    SentenceInfo& info = d.sentences[si];
    AnalyzeSentence(text, s, &info.g);
    FindTimesAndQuantities(text, s.token_begin, s.token_end, d.published, &info.times, &info.quantities);
    claimed.assign(s.token_end - s.token_begin, 0);
    for (const TimeExpr& t : info.times)
      for (uint32_t i = t.token_begin; i < t.token_end; ++i) claimed[i - s.token_begin] = 1;
    for (const Quantity& q : info.quantities)
      for (uint32_t i = q.token_begin; i < q.token_end; ++i)
        if (text.tokens[i].kind == TokenKind::kNumber) claimed[i - s.token_begin] = 1;
    const size_t n = FindMentions(lex, text, s, si, info.g, claimed, &info.mention_slots);
    info.mentions = {info.mention_slots.data(), n};  // (after FindMentions, which may grow the vector)
  }
  size_t num_mentions = 0;
  for (const SentenceInfo& info : d.sentences) num_mentions += info.mentions.size();
  all.reserve(num_mentions);
  for (const SentenceInfo& info : d.sentences)
    for (const Mention& m : info.mentions) all.push_back(&m);
  BuildPlaceContext(lex, all, &d.places);
  {
    std::map<int, int> count;
    for (const Mention* m : all)
      if (m->kind == MentionKind::kActor && m->actor >= 0) {
        std::string_view inter = lex.actor(static_cast<uint32_t>(m->actor)).inter;
        if (Is(inter, "rebel") || Is(inter, "political_militia") || Is(inter, "identity_militia") || Is(inter, "external"))
          ++count[m->actor];
      }
    int best = 0;
    for (auto& [a, n] : count)
      if (n > best) { best = n; d.main_group = a; }
  }
  int focus_country = d.places.focus_country.empty() ? -1 : impl_->FindCountry(d.places.focus_country);

  // 2. Event frames.
  struct Located { int place = -1; bool near = false; Span span; bool in_sentence = false; };
  Located last_place;
  Date running_date;
  TimePrecision running_precision = TimePrecision::kUnknown;
  Span running_date_span;
  bool running_from_lede = false;  // a date in the first sentence dates the whole (short) report
  uint32_t running_sentence = 0;
  int last_violent = -1;  // index into result.records of the last violent event, for casualty follow-ups
  uint32_t last_violent_sentence = 0;

  for (uint32_t si = 0; si < text.sentences.size(); ++si) {
    const SentenceInfo& info = d.sentences[si];
    const Sentence& s = text.sentences[si];
    // The sentence's own date, if it gives one (carried to the following sentences).
    const TimeExpr* sentence_date = nullptr;
    for (const TimeExpr& t : info.times)
      if ((t.kind == TimeKind::kDate || t.kind == TimeKind::kPeriod) && t.resolved) { sentence_date = &t; break; }

    // Triggers that happened (not negated, threatened or planned).
    thread_local std::vector<Trigger> trigger_buffer;  // (reused from sentence to sentence)
    std::vector<Trigger>& triggers = trigger_buffer;
    triggers.clear();
    bool air = false, intervention = false, protester_violence = false;
    air = (info.g.any_classes & kAir) != 0;
    intervention = (info.g.any_classes & kIntervention) != 0;
    bool protesters_present = false, state_present = false;
    bool weak_intervention = (info.g.any_classes & kWeakIntervention) != 0;
    for (const Mention& m : info.mentions) {
      if (m.kind == MentionKind::kAgent && m.agent >= 0) {
        protesters_present |= impl_->agent_is_crowd[static_cast<size_t>(m.agent)] != 0;
        state_present |= impl_->agent_is_state[static_cast<size_t>(m.agent)] != 0;
      }
      if (m.kind == MentionKind::kActor && m.actor >= 0) state_present |= impl_->actor_is_state[static_cast<size_t>(m.actor)] != 0;
      if (m.events.empty()) continue;
      // One look at each pattern: whether any is a territory change or a demonstration, and the
      // strongest (the first of the strongest).
      bool territory = false, demo_word = false;
      uint32_t best = m.events[0];
      for (uint32_t e : m.events) {
        territory |= impl_->event_territory[e] != 0;
        demo_word |= impl_->event_demo[e] != 0;
        if (impl_->event_strength[e] > impl_->event_strength[best]) best = e;
      }
      if (territory && m.token_end < s.token_end && text.tokens[m.token_end].kind == TokenKind::kNumber) continue;
      if (IsNegatedOrHypothetical(text, info.g, m.token_begin, !demo_word)) continue;
      const EventPattern bp = lex.event(best);
      // "demonstrating the urgency", "marched the prisoners": a protest verb with a direct object is
      // another sense of the word.
      if ((Is(bp.sub_event_type, "@protest") || Is(bp.event_type, "Protests")) && Is(bp.pos, "V") &&
          m.token_end == m.token_begin + 1 && m.token_end < s.token_end && (info.g.cls(m.token_end) & kDeterminer))
        continue;
      triggers.push_back({&m, bp, best});
    }
    intervention |= weak_intervention && state_present;
    // ACLED-style reports tell the police's response in the next sentences: "Police intervened,
    // detaining three." / "Six activists were arrested by the police."
    for (uint32_t nx = si + 1; nx < text.sentences.size() && nx <= si + 2 && !intervention; ++nx) {
      const SentenceInfo& ni = d.sentences[nx];
      bool strong = (ni.g.any_classes & kIntervention) != 0, weak = (ni.g.any_classes & kWeakIntervention) != 0;
      bool state = false;
      for (const Mention& m : ni.mentions) {
        if (m.kind == MentionKind::kAgent && m.agent >= 0) state |= impl_->agent_is_state[static_cast<size_t>(m.agent)] != 0;
        if (m.kind == MentionKind::kActor && m.actor >= 0) state |= impl_->actor_is_state[static_cast<size_t>(m.actor)] != 0;
      }
      intervention = strong || (weak && state);
    }
    // Casualty follow-up: "Three people were killed." after an event sentence.
    Fatalities fat = ReadFatalities(d, info);
    // A stated total ("3 fatalities.", "fatalities coded as 10") is the report's figure for its events.
    if (fat.stated)
      for (EventRecord& r : result.records)
        if (!r.background && CarriesFatalities(r)) SetFatalities(r, fat);
    bool has_violent = false, has_demo = false;
    for (const Trigger& t : triggers) {
      has_violent |= impl_->event_violent[t.pattern_index] != 0;
      has_demo |= impl_->event_demo[t.pattern_index] != 0;
    }
    // "Protesters demanded ...": demonstrators named as the subject are a demonstration even with no
    // protest verb.
    if (!has_demo && !has_violent) {
      for (const Mention& m : info.mentions) {
        if (m.kind != MentionKind::kAgent || m.agent < 0) continue;
        std::string_view t = lex.agent(static_cast<uint32_t>(m.agent)).templ;
        if (!Is(t, "protesters")) continue;
        if (impl_->protest_event >= 0) {
          uint32_t e = static_cast<uint32_t>(impl_->protest_event);
          triggers.push_back(Trigger{&m, lex.event(e), e});
        }
        break;
      }
    }
    // Choose the triggers this sentence codes: the strongest violent one; the strongest demonstration one;
    // a strategic development when it is the only thing said.
    const Trigger* best_violent = nullptr;
    const Trigger* best_demo = nullptr;
    const Trigger* best_strategic = nullptr;
    for (const Trigger& t : triggers) {
      bool demo = impl_->event_demo[t.pattern_index] != 0;
      const Trigger** slot = demo ? &best_demo : impl_->event_violent[t.pattern_index] ? &best_violent : &best_strategic;
      // ACLED: a two-sided fight is an armed clash whatever weapons it used ("clashes with shelling").
      // And a demonstration that burned tyres or threw stones is a violent one, whatever word names it first
      // (the bare word "riot" is often a name: "the anniversary of the Capitol riot").
      auto rank = [](const Trigger& x) {
        bool two_sided = Is(x.p.sub_event_type, "Armed clash") && x.p.roles.find("with=actor2") != std::string_view::npos;
        bool riot_cue = Is(x.p.event_type, "Riots") && !Is(x.p.pattern, "riot") && !Is(x.p.pattern, "rioting");
        return x.p.strength + (two_sided && x.p.strength >= 2 ? 2 : 0) + (riot_cue && x.p.strength >= 2 ? 1 : 0);
      };
      if (!*slot || rank(t) > rank(**slot)) *slot = &t;
    }
    // A weapon that is the subject of a verb trigger ("Russian warplanes struck"): the weapon says what
    // kind of event, the verb is where the clause's roles hang.
    std::optional<Trigger> weapon_verb;  // (made only when found: a Trigger is some 140 bytes to clear)
    if (best_violent && best_violent->m->kind == MentionKind::kAgent) {
      for (const Trigger& t : triggers)
        if (t.m->kind == MentionKind::kTrigger && Is(t.p.pos, "V") && t.m->token_begin >= best_violent->m->token_end &&
            t.m->token_begin <= best_violent->m->token_end + 3 &&
            info.g.clause_of(t.m->token_begin) == info.g.clause_of(best_violent->m->token_begin)) {
          best_violent = &weapon_verb.emplace(Trigger{t.m, best_violent->p, best_violent->pattern_index});
          break;
        }
    }
    // Violence a demonstration is about is no violence of the demonstrators: "protested over the killing
    // of a vendor", "families whose children were kidnapped marched", "rallied after gunmen attacked".
    auto grievance = [&](const Trigger& t) {
      if (!best_demo) return false;
      // "clashed with each other during a demonstration": the demonstration is the setting of the violence.
      for (uint32_t k = best_demo->m->token_begin, steps = 0; k > s.token_begin && steps < 3; ++steps)
        if (Is(text.token_text(--k), "during")) return false;
      if (info.g.clause_of(t.m->token_begin) != info.g.clause_of(best_demo->m->token_begin)) return true;
      if (IsPassive(text, info.g, t.m->token_begin)) return true;
      for (uint32_t k = t.m->token_begin, steps = 0; k > s.token_begin && steps < 4; ++steps) {
        std::string_view w = text.token_text(--k);
        if (text.tokens[k].kind == TokenKind::kPunct && !Is(w, "-")) break;
        if (Is(w, "against") || Is(w, "over") || Is(w, "after") || Is(w, "following") || Is(w, "of") || Is(w, "for") ||
            Is(w, "about") || Is(w, "condemn") || Is(w, "condemning") || Is(w, "denounce") || Is(w, "denouncing") ||
            Is(w, "justice"))
          return true;
      }
      return false;
    };
    for (const Trigger& t : triggers)
      if (impl_->event_violent[t.pattern_index] && t.p.strength >= 2 && !grievance(t)) protester_violence = true;
    // Violence or destruction inside a demonstration is the demonstration turning violent, unless the
    // police or troops are the ones named (then it is their intervention).
    bool destruction = best_strategic && Is(best_strategic->p.sub_event_type, "Looting/property destruction");
    if (best_demo && best_violent && grievance(*best_violent)) best_violent = nullptr;
    if (best_demo && ((best_violent && best_violent->p.strength >= 2) || destruction) && !state_present)
      protester_violence = protesters_present = true;
    if (best_demo && destruction && !state_present) best_strategic = nullptr;
    if (best_demo && best_violent && protesters_present) best_violent = nullptr;  // violence inside a demonstration
    if (best_demo && best_strategic && intervention) best_strategic = nullptr;   // arrests of protesters
    // A weapon that was intercepted, defused or seized in the same clause is no attack with it:
    // "shot down a Russian drone", "found and defused an IED".
    // (The weapon is a noun and the cue a verb: a unit's name such as "Air Defence Brigade" is no cue.)
    if (best_violent && best_strategic && Is(best_strategic->p.sub_event_type, "Disrupted weapons use") &&
        Is(best_strategic->p.pos, "V") && Is(best_violent->p.pos, "N") &&
        info.g.clause_of(best_violent->m->token_begin) == info.g.clause_of(best_strategic->m->token_begin))
      best_violent = nullptr;
    const Trigger* chosen_triggers[3];
    size_t num_chosen = 0;
    for (const Trigger* t : {best_violent, best_demo, best_strategic})
      if (t) chosen_triggers[num_chosen++] = t;
    const std::span<const Trigger* const> chosen(chosen_triggers, num_chosen);
    if (chosen.empty()) {
      // A sentence without an event can still set the scene for the next ones: "A tank column tried
      // to cross the river near Bilohorivka, Luhansk region. Ukrainian forces destroyed ...".
      if (last_place.place < 0)
        for (const Mention& m : info.mentions) {
          if (m.kind != MentionKind::kPlace || m.places.empty() || m.in_parentheses) continue;
          bool n = false;
          if (!AfterLocPrep(d, info, m, &n)) continue;
          last_place.place =
              PreferNamedAdminArea(lex, ResolvePlace(lex, m, d.places), d.places, StrongPlace(lex, m, d.places));
          last_place.near = n;
          last_place.span = MentionSpan(text, m);
          break;
        }
      if (fat.best && last_violent >= 0 && si <= last_violent_sentence + 2 &&
          !result.records[static_cast<size_t>(last_violent)].fatalities) {
        EventRecord& r = result.records[static_cast<size_t>(last_violent)];
        SetFatalities(r, fat);
        ShareToll(result.records, r, text.sentences[si >= 2 ? si - 2 : 0].begin);
        // The figures carry their attribution: "SOHR says over 300 have died".
        Span src_span;
        std::string src = ReadSource(d, info, &src_span);
        if (!src.empty()) {
          r.source = src;
          r.evidence.roles.emplace_back("source", src_span);
        }
      }
      if (sentence_date && !(sentence_date->kind == TimeKind::kPeriod)) {
        running_from_lede = si == 0;
        running_sentence = si;
        running_date = sentence_date->date;
        running_precision = sentence_date->precision;
        running_date_span = {sentence_date->begin, sentence_date->end};
      }
      continue;
    }

    for (const Trigger* tr : chosen) {
      const Mention& tm = *tr->m;
      const EventPattern& p = tr->p;
      // The record is built in place (records are big: no move into the vector); a record that is
      // not coded after all is popped again.
      if (result.records.capacity() == 0) result.records.reserve(8);
      EventRecord& r = result.records.emplace_back();
      r.evidence.roles.reserve(6);  // location, actor1, actor2, date, fatalities, source: one allocation
      r.doc_id = doc.id;
      r.event_type.assign(p.event_type);
      r.sub_event_type.assign(p.sub_event_type);
      r.cameo_code.assign(p.cameo);
      r.quad_class = p.quad_class;
      r.goldstein = p.goldstein;
      r.evidence.sentence = {s.begin, s.end};
      r.evidence.trigger = {text.tokens[tm.token_begin].begin, text.tokens[tm.token_end - 1].end};

      // Place: the nearest place after a location preposition, else any named place in the sentence,
      // else the document's last place.
      const Mention* place_m = nullptr;
      bool near = false;
      int place_score = -1000;
      for (const Mention& m : info.mentions) {
        if (m.kind != MentionKind::kPlace && !(m.kind == MentionKind::kCountry && !m.demonym && !m.topic)) continue;
        if (m.kind == MentionKind::kPlace && m.places.empty()) continue;
        bool n = false;
        bool prep = AfterLocPrep(d, info, m, &n);
        bool stand_in = m.in_parentheses && ParenthesesAfterUnknownPlace(d, info, m);
        if (stand_in) prep = n = true;  // "in Bhim town (Rajsamand, Rajasthan)": near the unknown town
        int score = (prep ? 100 : 0) + (m.in_parentheses && !stand_in ? -50 : 0) + (m.kind == MentionKind::kCountry ? -30 : 0);
        // A place that can only be somewhere else than the document's country is probably not this one.
        if (m.kind == MentionKind::kPlace && !d.places.focus_country.empty()) {
          bool in_focus = InFocus(lex, m, d.places);
          // Only look-alike spellings elsewhere ("Kalo" reaching Kallo in Belgium): an unknown village.
          bool all_lookalike = !m.place_exact.empty() &&
                               std::all_of(m.place_exact.begin(), m.place_exact.end(), [](uint8_t e) { return !e; });
          if (!in_focus && all_lookalike) continue;
          if (!in_focus && CompassMention(m, d.places)) continue;  // "Sud" of "Sud-Kivu", not Haiti's Sud
          // A town named after "in" is the place when only the name of another country backs the focus.
          bool weak_focus = !d.places.focus_from_places;
          if (!in_focus && !(prep && (weak_focus || StrongPlace(lex, m, d.places)))) score -= 90;
        }
        int dist = static_cast<int>(m.token_begin) - static_cast<int>(tm.token_end);
        score += dist >= 0 ? 20 - std::min(dist, 20) : 10 - std::min(-dist, 10);
        if (score > place_score) { place_score = score; place_m = &m; near = n; }
      }
      Located loc;
      if (place_m) {
        if (place_m->kind == MentionKind::kCountry) {
          // A country as a place: its capital-less centroid entry, found by name.
          loc.place = impl_->country_place[static_cast<size_t>(place_m->country)];
        } else {
          loc.place = PreferNamedAdminArea(lex, ResolvePlace(lex, *place_m, d.places), d.places,
                                           StrongPlace(lex, *place_m, d.places));
        }
        loc.near = near;
        loc.span = MentionSpan(text, *place_m);
        loc.in_sentence = true;
      } else {
        loc = last_place;
        loc.in_sentence = false;
      }
      if (loc.place < 0 && focus_country >= 0) {
        loc.place = impl_->country_place[static_cast<size_t>(focus_country)];
      }
      int event_country = focus_country;
      if (loc.place >= 0) {
        Place pl = lex.place(static_cast<uint32_t>(loc.place));
        int c = impl_->FindCountry(pl.country);
        if (c >= 0) event_country = c;
        const PlaceNames& names = NamesOfPlace(impl_->serial, static_cast<uint32_t>(loc.place), pl);
        r.location = names.location;
        r.admin1 = names.admin1;
        r.admin2 = names.admin2;
        r.latitude = pl.latitude;
        r.longitude = pl.longitude;
        r.geonameid = pl.geonameid;
        r.geo_precision = GeoPrecision(pl, loc.near);
        if (loc.in_sentence) r.evidence.roles.emplace_back("location", loc.span);
      }
      if (event_country >= 0) {
        Country c = lex.country(static_cast<uint32_t>(event_country));
        r.country.assign(c.name);
        r.iso3.assign(c.iso3);
      }

      // Roles from the clause: who acted (subject, or the by-phrase of a passive) and against whom.
      const bool violent = impl_->event_violent[tr->pattern_index] != 0;
      // A noun trigger inside a prepositional phrase ("killed 12 militants in an ambush") takes its roles
      // from the clause's verb trigger before it.
      const Mention* anchor = &tm;
      if (Is(p.pos, "N")) {
        bool in_pp = false;
        for (uint32_t k = tm.token_begin, steps = 0; k > s.token_begin && steps < 3; ++steps) {
          uint32_t c = info.g.cls(--k);
          if (c & kPreposition) { in_pp = true; break; }
          if (!(c & kDeterminer) && text.tokens[k].kind != TokenKind::kWord) break;
        }
        if (in_pp)
          for (const Trigger& t : triggers)
            if (Is(t.p.pos, "V") && t.m->token_end <= tm.token_begin &&
                info.g.clause_of(t.m->token_begin) == info.g.clause_of(tm.token_begin))
              anchor = t.m;
      }
      bool passive = IsPassive(text, info.g, anchor->token_begin);
      const Mention* left = nullptr;
      const Mention* right = nullptr;
      const Mention* by = nullptr;
      std::vector<const Mention*> assoc;
      uint16_t clause = info.g.clause_of(anchor->token_begin);
      for (const Mention& m : info.mentions) {
        if (!IsActorMention(m) || &m == place_m || &m == &tm) continue;
        if (m.kind == MentionKind::kCountry && AfterLocPrep(d, info, m, nullptr)) continue;
        // The words before the mention, over joined articles ("by al-Shabaab").
        uint32_t b1 = m.token_begin;
        while (b1 > s.token_begin && text.tokens[b1 - 1].has(kSkippable)) --b1;
        std::string_view before = b1 > s.token_begin ? text.token_text(b1 - 1) : "";
        std::string_view before2 = b1 > s.token_begin + 1 ? text.token_text(b1 - 2) : "";
        // Allies named with the actor: "alongside (various allied) factions", "backed by", "together with".
        bool ally = Is(before, "backed") || Is(before, "supported") ||
                    (Is(before, "by") && (Is(before2, "backed") || Is(before2, "supported") || Is(before2, "aided")));
        for (uint32_t k = m.token_begin, steps = 0; k > s.token_begin && steps < 4 && !ally; ++steps) {
          std::string_view w = text.token_text(--k);
          if (Is(w, "alongside") || Is(w, "with") || Is(w, "allied") || Is(w, "joined")) ally = !Is(w, "with") || steps == 1;
          if (info.g.cls(k) & (kPreposition | kSubordinator)) break;
        }
        // An ally named before the trigger follows the side it backs: "regime forces, supported by loyal
        // gunmen, captured ...".
        // ("Turkey-backed Faylaq al Majd ambushed": the group after "-backed" is the actor, not an ally.)
        bool by_phrase = Is(before, "by") || Is(before, "alongside") || Is(before2, "alongside");
        if (ally && (m.token_begin > tm.token_end || (left && by_phrase))) {
          assoc.push_back(&m);
          continue;
        }
        if (m.token_end <= anchor->token_begin) {
          // The object of an earlier verb is no subject: "killed a man and abducted a tailor".
          uint32_t b = m.token_begin;
          while (b > s.token_begin && (info.g.cls(b - 1) & kDeterminer)) --b;
          bool object_of_verb = false;
          for (const Mention& o : info.mentions)
            if (o.kind == MentionKind::kTrigger && o.token_end == b && &o != &tm) object_of_verb = true;
          if (object_of_verb && left) continue;
          if (object_of_verb) continue;
          if (!left || info.g.clause_of(m.token_begin) == clause || info.g.clause_of(left->token_begin) != clause)
            left = &m;
        } else if (m.token_begin >= anchor->token_end) {
          if (Is(before, "by") && !by) by = &m;
          else if (!right && (info.g.clause_of(m.token_begin) == clause || m.token_begin < anchor->token_end + 4)) right = &m;
        }
      }
      const Mention* subj = passive ? by : left;
      const Mention* obj = passive ? left : right;
      if (!passive && !subj && by) subj = by;
      // Two sides joined by "and": "clashes between IS and the QSD", "IS fighters and the SDF clashed".
      auto joined = [&](const Mention* x) -> const Mention* {
        uint32_t k = x->token_end;
        if (k >= s.token_end || !Is(text.token_text(k), "and")) return nullptr;
        for (++k; k < s.token_end && ((info.g.cls(k) & kDeterminer) || text.tokens[k].has(kSkippable));) ++k;
        for (const Mention& m : info.mentions)
          if (m.token_begin == k && IsActorMention(m) && &m != place_m && &m != &tm) return &m;
        return nullptr;
      };
      if (!passive) {
        bool two_sided = p.roles.find("with=actor2") != std::string_view::npos;
        uint32_t rb = right ? right->token_begin : 0;
        while (right && rb > s.token_begin && ((info.g.cls(rb - 1) & kDeterminer) || text.tokens[rb - 1].has(kSkippable))) --rb;
        if (!subj && right && rb > s.token_begin && Is(text.token_text(rb - 1), "between")) {
          if (const Mention* y = joined(right)) { subj = right; obj = y; }
        } else if (subj && subj == left) {
          // "X and Y clashed": two sides; "X and Y clashed with Z", "X and Y attacked Z": Y joins X.
          std::string_view next = anchor->token_end < s.token_end ? text.token_text(anchor->token_end) : "";
          bool sides = two_sided && !obj && !Is(next, "with") && !Is(next, "against");
          for (const Mention& x : info.mentions)
            if (IsActorMention(x) && x.token_end < left->token_begin && joined(&x) == left) {
              subj = &x;
              if (sides) obj = left;
              else assoc.push_back(left);
              break;
            }
        }
      }
      // The pattern's roles: which of subject, object and by-phrase is actor1 and which actor2
      // ("withdraw from": the subject loses ground; "fall to": the object gains it).
      auto role_of = [&](std::string_view slot, std::string_view fallback) -> std::string_view {
        std::string key = std::string(slot) + "=";
        size_t at = 0;
        std::string_view roles = p.roles;
        while ((at = roles.find(key, at)) != std::string_view::npos) {
          if (at == 0 || roles[at - 1] == ' ') {
            std::string_view v = roles.substr(at + key.size());
            return v.substr(0, v.find(' '));
          }
          at += key.size();
        }
        return fallback;
      };
      const Mention* a1 = nullptr;
      const Mention* a2 = nullptr;
      for (auto [slot, m, fallback] : {std::tuple{"subj", subj, "actor1"}, std::tuple{"obj", obj, "actor2"}}) {
        if (!m) continue;
        std::string_view role = role_of(slot, fallback);
        if (Is(role, "actor1") && !a1) a1 = m;
        else if (Is(role, "actor2") && !a2) a2 = m;
      }
      if (!a1 && tm.kind == MentionKind::kAgent) a1 = &tm;  // "Russian drones hit ...": the weapon's owner acted
      NamedActor n1, n2;
      if (a1) n1 = NameActor(d, *a1, event_country, violent);
      if (a2) n2 = NameActor(d, *a2, event_country, violent);
      if (n1.name.empty() && !a1) {
        // No subject: demonstrations are by protesters of the place's country; air strikes by the
        // military of the demonym the sentence names; the document's main group for battles.
        std::string cname = CountryName(lex, event_country);
        if (impl_->event_demo[tr->pattern_index]) {
          if (!cname.empty()) {
            bool riot = Is(p.event_type, "Riots");
            n1.name = (riot ? "Rioters (" : "Protesters (") + cname + ")";
            n1.inter = riot ? 5 : 6;
            n1.code = std::string(lex.country(static_cast<uint32_t>(event_country)).iso3) + (riot ? "RIO" : "OPP");
          }
        } else {
          for (const Mention& m : info.mentions)
            if (m.kind == MentionKind::kCountry && m.demonym && violent && &m != place_m) {
              n1 = NameActor(d, m, event_country, true);
              break;
            }
        }
      }
      // Sub-type classes resolved from the actors and the sentence.
      std::string& sub = r.sub_event_type;
      if (Is(sub, "@territory_gain") && NonViolenceCue(lex, text, si)) {
        // "took control of the town peacefully", "... No clashes were reported."
        sub = "Non-violent transfer of territory";
        r.event_type = "Strategic developments";
      } else if (Is(sub, "@territory_gain")) {
        sub = n1.inter == 1 ? "Government regains territory" : "Non-state actor overtakes territory";
        r.event_type = "Battles";
      } else if (Is(sub, "@territory_loss")) {
        sub = "Non-violent transfer of territory";
        r.event_type = "Strategic developments";
      } else if (Is(sub, "@attack")) {
        bool target_armed = n2.name.empty() ? false : n2.armed();
        if (n2.name.empty()) {
          for (uint32_t k = tm.token_end; k < s.token_end; ++k)
            if ((info.g.cls(k) & kArmed) && info.g.clause_of(k) == clause) { target_armed = true; break; }
        }
        if (target_armed || (n2.name.empty() && n1.inter == 2 && !fat.civilians)) {
          sub = "Armed clash";
          r.event_type = "Battles";
        } else {
          sub = "Attack";
          r.event_type = "Violence against civilians";
        }
      } else if (Is(sub, "@protest")) {
        r.event_type = "Protests";
        sub = "Peaceful protest";
      }
      if (Is(r.event_type, "Protests")) {
        if (protester_violence && protesters_present) { r.event_type = "Riots"; sub = "Violent demonstration"; }
        else if (intervention && !fat.grievance && ((fat.best && *fat.best > 0) || LethalForce(d, si)))
          sub = "Excessive force against protesters";
        else if (intervention && Is(sub, "Peaceful protest")) sub = "Protest with intervention";
      }
      // Violence by a crowd of ordinary people (locals, villagers, a mob) is ACLED's mob violence.
      if ((Is(sub, "Attack") || Is(sub, "Armed clash")) && a1 && a1->kind == MentionKind::kAgent && a1->agent >= 0) {
        std::string_view t = lex.agent(static_cast<uint32_t>(a1->agent)).templ;
        if (Is(t, "rioters") || Is(t, "civilians")) {
          r.event_type = "Riots";
          sub = "Mob violence";
          if (event_country >= 0) {
            n1.name = "Rioters (" + CountryName(lex, event_country) + ")";
            n1.inter = 5;
            n1.code = std::string(lex.country(static_cast<uint32_t>(event_country)).iso3) + "RIO";
          }
        }
      }
      if (air && (Is(r.event_type, "Explosions/Remote violence") || violent || Is(p.pattern, "strike")) &&
          !Is(sub, "Armed clash") && !Is(sub, "Suicide bomb") && !Is(sub, "Remote explosive/landmine/IED") &&
          !Is(sub, "Government regains territory") && !Is(sub, "Non-state actor overtakes territory")) {
        r.event_type = "Explosions/Remote violence";
        sub = "Air/drone strike";
        if (r.cameo_code.empty() || r.cameo_code[0] != '1' || r.cameo_code.size() < 3) r.cameo_code = "195";
        r.cameo_code = "195";
        r.quad_class = 4;
        r.goldstein = -10;
      }
      if (sub.empty() || sub[0] == '@') {  // an unresolved class: nothing to code
        result.records.pop_back();
        continue;
      }
      // ACLED names demonstrators by their country: actor1 is "Protesters (X)" or "Rioters (X)" and a named
      // party, union or group joins as an associated actor. State forces named as the subject are either
      // the ones who intervened (then the other side) or state employees demonstrating ("retired army
      // officers protested"): actor1 is the demonstrators all the same.
      if ((Is(r.event_type, "Protests") || Is(r.event_type, "Riots")) && event_country >= 0) {
        bool riot = Is(r.event_type, "Riots");
        std::string cname = CountryName(lex, event_country);
        if (n1.inter == 1 && n2.name.empty() && !Is(sub, "Peaceful protest")) {
          n2 = n1;
        } else if (!n1.name.empty() && n1.inter != 5 && n1.inter != 6 && n1.inter != 7) {
          r.assoc_actor_1.push_back(n1.name);
        }
        std::string group = a1 ? SocialGroup(lex, *a1) : "";
        if (!group.empty()) r.assoc_actor_1.push_back(group + " (" + cname + ")");
        n1.name = (riot ? "Rioters (" : "Protesters (") + cname + ")";
        n1.inter = riot ? 5 : 6;
        n1.code = std::string(lex.country(static_cast<uint32_t>(event_country)).iso3) + (riot ? "RIO" : "OPP");
      }
      // Explosions and attacks whose author the report does not name.
      if (n1.name.empty() && event_country >= 0 &&
          (Is(r.sub_event_type, "Remote explosive/landmine/IED") || Is(r.sub_event_type, "Attack") ||
           Is(r.sub_event_type, "Grenade") || Is(r.sub_event_type, "Abduction/forced disappearance") ||
           Is(r.sub_event_type, "Suicide bomb"))) {
        UnnamedArmed(d, event_country, &n1.inter, &n1.name);
        n1.code = std::string(lex.country(static_cast<uint32_t>(event_country)).iso3) + "UAF";
      }
      // (The names move into the record: r.actor1 was empty, so it stands for n1.name below.)
      if (!n1.name.empty()) {
        r.actor1 = std::move(n1.name);
        r.actor1_code = std::move(n1.code);
        r.inter1 = n1.inter;
        r.evidence.roles.emplace_back("actor1", n1.span);
      }
      if (!n2.name.empty() && n2.name != r.actor1) {
        r.actor2 = std::move(n2.name);
        r.actor2_code = std::move(n2.code);
        r.inter2 = n2.inter;
        r.evidence.roles.emplace_back("actor2", n2.span);
      }
      // One named side and no initiator: the side we know acted ("the offensive featured HTS").
      if (r.actor1.empty() && !r.actor2.empty() && r.inter2 != 7 && Is(r.event_type, "Battles")) {
        std::swap(r.actor1, r.actor2);
        std::swap(r.actor1_code, r.actor2_code);
        std::swap(r.inter1, r.inter2);
        for (auto& [role, span] : r.evidence.roles)
          if (Is(role, "actor2")) role = "actor1";
      }
      if (Is(r.event_type, "Violence against civilians") && r.actor2.empty() && !r.country.empty()) {
        r.actor2 = "Civilians (" + r.country + ")";
        r.actor2_code = r.iso3 + "CVL";
        r.inter2 = 7;
      }
      for (const Mention* m : assoc) {
        NamedActor a = NameActor(d, *m, event_country, violent);
        if (!a.name.empty() && a.name != r.actor1 &&
            std::find(r.assoc_actor_1.begin(), r.assoc_actor_1.end(), a.name) == r.assoc_actor_1.end())
          r.assoc_actor_1.push_back(a.name);
      }

      // Date: the time expression nearest the trigger, else the running date, else publication.
      const TimeExpr* te = nullptr;
      int te_dist = 1 << 30;
      for (const TimeExpr& t : info.times) {
        if (t.kind == TimeKind::kClock || t.kind == TimeKind::kUntil || !t.resolved) continue;
        // A year or a "since" in another clause dates something else ("the war that began in 2011").
        bool same_clause = info.g.clause_of(t.token_begin) == info.g.clause_of(tm.token_begin);
        if (!same_clause && (t.kind == TimeKind::kSince || t.precision != TimePrecision::kDay)) continue;
        int dist = std::abs(static_cast<int>(t.token_begin) - static_cast<int>(tm.token_begin));
        if (dist < te_dist) { te_dist = dist; te = &t; }
      }
      auto precision = [](TimePrecision p) { return p == TimePrecision::kDay ? 1 : p == TimePrecision::kWeek ? 2 : 3; };
      if (te) {
        Date dt = te->date;
        if (dt.month == 0) dt.month = 1;
        if (dt.day == 0) dt.day = 1;
        r.event_date = dt.ToIso();
        r.time_precision = precision(te->precision);
        r.evidence.roles.emplace_back("date", Span{te->begin, te->end});
        if (d.published.valid()) {
          int age = DaysFromCivil(d.published) - DaysFromCivil(dt);
          if (te->kind == TimeKind::kSince) r.background = true;
          else if (te->precision == TimePrecision::kYear && te->date.year < d.published.year) r.background = true;
          else if (age > 365) r.background = true;
        }
      } else if (running_date.valid() && (running_from_lede || running_sentence + 1 >= si)) {
        r.event_date = running_date.ToIso();
        r.time_precision = precision(running_precision);
        r.evidence.roles.emplace_back("date", running_date_span);
      } else if (d.published.valid()) {
        r.event_date = d.published.ToIso();
        r.time_precision = 2;
      }
      if (te && !r.background && te->precision <= TimePrecision::kDay) {
        running_from_lede = si == 0;
        running_sentence = si;
        running_date = te->date;
        running_precision = te->precision;
        running_date_span = {te->begin, te->end};
      }

      // Fatalities and attribution.
      // The deaths a demonstration is about are not its own ("marched against the killing of a student").
      if ((violent || CarriesFatalities(r)) && fat.best && !(Demonstration(r.event_type) && fat.grievance))
        SetFatalities(r, fat);
      Span src_span;
      r.source = ReadSource(d, info, &src_span);
      if (!r.source.empty()) r.evidence.roles.emplace_back("source", src_span);
      else r.source = doc.source;

      double conf = 0.35 + 0.08 * std::min(p.strength, 3) + (r.actor1.empty() ? 0 : 0.15) +
                    (loc.in_sentence ? 0.1 : 0) + (te ? 0.05 : 0) - 0.015 * std::min<uint32_t>(si, 10);
      if (r.background) conf -= 0.2;
      if (Is(r.event_type, "Strategic developments") && (best_violent || best_demo)) conf -= 0.1;
      r.confidence = std::clamp(conf, 0.05, 0.99);
      r.event_id = EventId(doc.id, tm.token_begin, r.sub_event_type);
      if ((r.background && !impl_->opt.include_background) || r.confidence < impl_->opt.min_confidence) {
        result.records.pop_back();
        continue;
      }
      // "Russian forces shelled the town. One person died.": the casualty sentence has a trigger of its own
      // ("died"), but its toll is the earlier event's when that one has none and happened at the same place
      // and date.
      if (violent && !r.background && r.fatalities && last_violent >= 0 && si > last_violent_sentence &&
          si <= last_violent_sentence + 2)
        ShareToll(result.records, r, text.sentences[si >= 2 ? si - 2 : 0].begin);
      // A mob's violence takes the casualty sentences that follow; a demonstration's may be its grievance.
      if ((violent || Is(r.sub_event_type, "Mob violence")) && !r.background) {
        last_violent = static_cast<int>(result.records.size()) - 1;  // r's own index
        last_violent_sentence = si;
      }
      if (loc.in_sentence && loc.place >= 0 && !r.background) last_place = loc;
    }
  }

  // 3. Mentions of one event within the document become one record.
  // (In place: the records kept are records[0, kept); a record moves only to close a gap.)
  std::vector<EventRecord>& records = result.records;
  size_t kept = 0;
  for (size_t i = 0; i < records.size(); ++i) {
    EventRecord& r = records[i];
    bool absorbed = false;
    for (size_t j = 0; j < kept; ++j) {
      EventRecord& m = records[j];
      if (m.sub_event_type == r.sub_event_type && m.event_date == r.event_date && m.location == r.location &&
          m.background == r.background && (m.actor1 == r.actor1 || r.actor1.empty())) {
        if (!m.fatalities && r.fatalities) {
          CopyFatalities(m, r);
          // The figures keep their attribution.
          if (r.source != doc.source) m.source = r.source;
          for (const auto& role : r.evidence.roles)
            if (Is(role.first, "source")) m.evidence.roles.push_back(role);
        }
        if (m.actor2.empty() && !r.actor2.empty()) { m.actor2 = r.actor2; m.actor2_code = r.actor2_code; m.inter2 = r.inter2; }
        m.confidence = std::min(0.99, std::max(m.confidence, r.confidence) + 0.02);
        absorbed = true;
        break;
      }
    }
    if (absorbed) continue;
    if (i != kept) records[kept] = std::move(r);
    ++kept;
  }
  records.erase(records.begin() + static_cast<std::ptrdiff_t>(kept), records.end());
  return result;
}

}  // namespace sitrep
