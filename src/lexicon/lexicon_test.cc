// Tests of the compiled world lexicon (built by the build from data/ and the npm
// packages) and of the file format's corruption, version and round-trip checks.
#include <gtest/gtest.h>

#include <cmath>
#include <cstddef>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <optional>
#include <sstream>

#include "lexicon/format.h"
#include "lexicon/test_lexicon.h"
#include "sitrep/lexicon.h"

namespace sitrep {
namespace {

using testing_lexicon::LexiconPath;
using testing_lexicon::World;

std::string ReadFile(const std::string& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

#define NEED_LEXICON()                                          \
  auto lex = World();                                           \
  if (!lex) GTEST_SKIP() << "no compiled lexicon (SITREP_LEXICON)"

// The best place candidate for a name, with the document context a resolver would
// not have: here only population and feature order, as `sitrep lookup` ranks.
std::vector<uint32_t> PlaceIds(const Lexicon& lex, std::string_view name) {
  std::vector<uint32_t> ids;
  for (const Entry& e : lex.Find(name))
    if (e.kind == EntryKind::kPlace) ids.push_back(lex.place(e.index).geonameid);
  return ids;
}

bool HasPlace(const Lexicon& lex, std::string_view name, uint32_t geonameid) {
  for (uint32_t id : PlaceIds(lex, name))
    if (id == geonameid) return true;
  return false;
}

TEST(LexiconWorld, ArabicPressSpellingsResolve) {
  NEED_LEXICON();
  EXPECT_TRUE(HasPlace(*lex, "Halab", 170063));
  EXPECT_TRUE(HasPlace(*lex, "Ḥalab", 170063));
  EXPECT_TRUE(HasPlace(*lex, "Aleppo", 170063));
  EXPECT_TRUE(HasPlace(*lex, "Tal Rifaat", 163476));
  EXPECT_TRUE(HasPlace(*lex, "Khan Sheikhoun", 168325));
  EXPECT_TRUE(HasPlace(*lex, "Maarat al-Numan", 167611));
  EXPECT_TRUE(HasPlace(*lex, "Ma'arrat al-Nu'man", 167611));
}

TEST(LexiconWorld, CitiesOfOtherConflicts) {
  NEED_LEXICON();
  EXPECT_TRUE(HasPlace(*lex, "Bakhmut", 713174));
  EXPECT_TRUE(HasPlace(*lex, "Khartoum", 379252));
  EXPECT_TRUE(HasPlace(*lex, "Goma", 216281));
  EXPECT_TRUE(HasPlace(*lex, "Goma", 1712770));  // the Philippine Goma stays a candidate
}

// The admin-1 area a phrase reaches as an admin area (ADM1) of a country, or nullopt.
std::optional<Place> Admin1(const Lexicon& lex, std::string_view phrase, std::string_view country) {
  for (const Entry& e : lex.Find(phrase)) {
    if (e.kind != EntryKind::kPlace) continue;
    Place p = lex.place(e.index);
    if (p.feature_code == "ADM1" && p.country == country) return p;
  }
  return std::nullopt;
}

// Admin-1 areas are named in records as ACLED names them, and reached by every spelling:
// English, local and transliterated.
TEST(LexiconWorld, AdminAreasKeepEverySpelling) {
  NEED_LEXICON();
  struct Case { const char* phrase; const char* country; const char* name; };
  for (const Case& c : {Case{"Bavaria", "DE", "Bayern"}, Case{"Bayern", "DE", "Bayern"},
                        Case{"Lower Saxony", "DE", "Niedersachsen"}, Case{"Niedersachsen", "DE", "Niedersachsen"},
                        Case{"North Kivu", "CD", "Nord-Kivu"}, Case{"Nord-Kivu", "CD", "Nord-Kivu"},
                        Case{"Idlib", "SY", "Idleb"}, Case{"Idleb", "SY", "Idleb"}, Case{"Raqqa", "SY", "Ar Raqqa"},
                        Case{"Nineveh", "IQ", "Ninewa"}, Case{"Ninewa", "IQ", "Ninewa"},
                        Case{"Zaporizhzhia", "UA", "Zaporizhia"}, Case{"Kyiv Oblast", "UA", "Kyiv"},
                        Case{"Lower Shabelle", "SO", "Lower Shabelle"}, Case{"Lower Shabeelle", "SO", "Lower Shabelle"},
                        Case{"Veracruz", "MX", "Veracruz de Ignacio de la Llave"}}) {
    auto p = Admin1(*lex, c.phrase, c.country);
    ASSERT_TRUE(p.has_value()) << c.phrase;
    EXPECT_EQ(p->name, c.name) << c.phrase;
    EXPECT_EQ(p->admin1, c.name) << c.phrase;
  }
  // Towns carry the area's record name.
  for (const Entry& e : lex->Find("Munich"))
    if (e.kind == EntryKind::kPlace && lex->place(e.index).geonameid == 2867714) {
      EXPECT_EQ(lex->place(e.index).admin1, "Bayern");
    }
}

TEST(LexiconWorld, ActorsAndSources) {
  NEED_LEXICON();
  auto actor_names = [&](std::string_view phrase) {
    std::vector<std::string> out;
    for (const Entry& e : lex->Find(phrase))
      if (e.kind == EntryKind::kActor) out.emplace_back(lex->actor(e.index).name);
    return out;
  };
  auto hts = actor_names("HTS");
  ASSERT_FALSE(hts.empty());
  EXPECT_NE(hts[0].find("Hayat Tahrir al"), std::string::npos) << hts[0];
  auto source_names = [&](std::string_view phrase) {
    std::vector<std::string> out;
    for (const Entry& e : lex->Find(phrase))
      if (e.kind == EntryKind::kSource) out.emplace_back(lex->source(e.index).name);
    return out;
  };
  auto a = source_names("Syrian Observatory for Human Rights");
  auto b = source_names("SOHR");
  ASSERT_FALSE(a.empty());
  ASSERT_FALSE(b.empty());
  EXPECT_EQ(a[0], b[0]);
  int syria = lex->FindCountry("SYR");
  ASSERT_GE(syria, 0);
  EXPECT_EQ(lex->country(syria).iso2, "SY");
  EXPECT_NE(lex->country(syria).military.find("Military Forces of Syria"), std::string_view::npos);
}

TEST(LexiconWorld, AgentsComposeWithDemonyms) {
  NEED_LEXICON();
  bool agent = false, demonym = false;
  for (const Entry& e : lex->Find("warplanes")) agent |= e.kind == EntryKind::kAgent && lex->agent(e.index).templ == "military";
  for (const Entry& e : lex->Find("Russian"))
    demonym |= e.kind == EntryKind::kCountry && (e.flags & kDemonym) && lex->country(e.index).iso3 == "RUS";
  EXPECT_TRUE(agent);
  EXPECT_TRUE(demonym);
}

TEST(LexiconWorld, EventPatternsCoverInflections) {
  NEED_LEXICON();
  for (std::string_view w : {"shelled", "shelling", "shells", "took control of", "airstrikes", "clashed", "kidnapped"}) {
    bool found = false;
    for (const Entry& e : lex->Find(w)) found |= e.kind == EntryKind::kEvent;
    EXPECT_TRUE(found) << w;
  }
}

TEST(LexiconWorld, MatchFindsPhrasesInText) {
  NEED_LEXICON();
  auto t = AnalyzeText("Russian warplanes pounded Maarat al-Numan on Tuesday.");
  ASSERT_TRUE(t.ok());
  std::vector<LexMatch> m;
  lex->Match(*t, 0, static_cast<uint32_t>(t->tokens.size()), &m);
  bool place = false;
  for (const LexMatch& x : m)
    for (uint32_t k = 0; k < x.entry_count; ++k) {
      Entry e = lex->entry(x.entry_begin + k);
      if (e.kind == EntryKind::kPlace && lex->place(e.index).geonameid == 167611) {
        place = true;
        EXPECT_EQ(t->span(t->tokens[x.token_begin].begin, t->tokens[x.token_end - 1].end), "Maarat al-Numan");
      }
    }
  EXPECT_TRUE(place);
}

TEST(LexiconWorld, MatchCanSkipLowerCaseWordsThatOnlyNamesSpell) {
  NEED_LEXICON();
  // "police" reaches agents (no capital needed): it stays. A lower-case word that reaches only
  // capitalised names is left out with skip_lowercase_names, and kept without it.
  auto t = AnalyzeText("police said aleppo was shelled.");
  ASSERT_TRUE(t.ok());
  const uint32_t n = static_cast<uint32_t>(t->tokens.size());
  std::vector<LexMatch> all, named;
  lex->Match(*t, 0, n, &all);
  lex->Match(*t, 0, n, &named, /*skip_lowercase_names=*/true);
  auto only_capitalised = [&](const LexMatch& m) {
    for (uint32_t k = 0; k < m.entry_count; ++k)
      if ((lex->entry(m.entry_begin + k).flags & (kNeedsCapital | kNeedsAllCaps)) != kNeedsCapital) return false;
    return true;
  };
  size_t skipped = 0;
  for (const LexMatch& m : all) {
    const bool lower = t->tokens[m.token_begin].kind == TokenKind::kWord && !t->tokens[m.token_begin].has(kCapitalized);
    const bool left_out = lower && only_capitalised(m);
    skipped += left_out;
    bool found = false;
    for (const LexMatch& x : named) found |= x.token_begin == m.token_begin && x.token_end == m.token_end;
    EXPECT_EQ(found, !left_out) << t->token_text(m.token_begin);
  }
  EXPECT_GT(skipped, 0u);  // "aleppo" at least
  EXPECT_EQ(named.size(), all.size() - skipped);
}

TEST(LexiconWorld, PlacesCarryTheirPriorAndCountryFlag) {
  NEED_LEXICON();
  bool country_place = false, town = false;
  for (const Entry& e : lex->Find("Syria")) {
    if (e.kind != EntryKind::kPlace) continue;
    const Place p = lex->place(e.index);
    EXPECT_EQ((e.flags & kCountryPlace) != 0, p.feature_code == "PCLI");
    if (p.feature_code == "PCLI") {
      country_place = true;
      EXPECT_DOUBLE_EQ(p.prior, std::log10(static_cast<double>(p.population) + 10.0) + 4);
    }
  }
  for (const Entry& e : lex->Find("Aleppo")) {
    if (e.kind != EntryKind::kPlace || lex->place(e.index).geonameid != 170063) continue;
    const Place p = lex->place(e.index);
    EXPECT_EQ(e.flags & kCountryPlace, 0);
    EXPECT_GT(p.prior, 6.0);  // a city of millions, the seat of its governorate
    town = true;
  }
  EXPECT_TRUE(country_place);
  EXPECT_TRUE(town);
}

// --- file format -------------------------------------------------------------

TEST(LexiconFormat, CorruptionIsDetectedNotCrashed) {
  const char* p = LexiconPath();
  if (!p) GTEST_SKIP() << "no compiled lexicon";
  std::string bytes = ReadFile(p);
  ASSERT_GT(bytes.size(), 4096u);
  {  // a flipped byte in a section
    std::string b = bytes;
    b[b.size() / 2] ^= 0x40;
    auto l = Lexicon::FromBytes(b);
    ASSERT_FALSE(l.ok());
    EXPECT_EQ(l.status().code(), Status::Code::kCorruption);
    EXPECT_NE(l.status().message().find("checksum"), std::string::npos);
  }
  {  // truncated
    auto l = Lexicon::FromBytes(bytes.substr(0, bytes.size() - 100));
    ASSERT_FALSE(l.ok());
    EXPECT_EQ(l.status().code(), Status::Code::kCorruption);
  }
  {  // not a lexicon at all
    auto l = Lexicon::FromBytes(std::string(100, 'x'));
    ASSERT_FALSE(l.ok());
    EXPECT_NE(l.status().message().find("magic"), std::string::npos);
  }
  {  // empty
    auto l = Lexicon::FromBytes(std::string());
    ASSERT_FALSE(l.ok());
  }
}

TEST(LexiconFormat, StringReferencePastTheStringsIsRefusedAtLoad) {
  // Readers take StrRefs without a check, trusting Load(): a place whose name points past the
  // strings section must be refused there. Checksums are off so that the reference check itself
  // is what refuses the file (as for damage that slipped past the checksums).
  const char* p = LexiconPath();
  if (!p) GTEST_SKIP() << "no compiled lexicon";
  std::string bytes = ReadFile(p);
  lexfmt::Header h;
  std::memcpy(&h, bytes.data(), sizeof h);
  std::optional<lexfmt::SectionRec> places, strings;
  for (uint32_t i = 0; i < h.num_sections; ++i) {
    lexfmt::SectionRec s;
    std::memcpy(&s, bytes.data() + sizeof h + i * sizeof s, sizeof s);
    if (s.id == lexfmt::kPlaces) places = s;
    if (s.id == lexfmt::kStrings) strings = s;
  }
  ASSERT_TRUE(places && strings && places->size >= 2 * sizeof(lexfmt::PlaceRec));
  LoadOptions no_checksums;
  no_checksums.verify_checksums = false;
  ASSERT_TRUE(Lexicon::FromBytes(bytes, no_checksums).ok());
  // Place 1's name: a range ending one byte past the section.
  lexfmt::StrRef bad{static_cast<uint32_t>(strings->size - 3), 4};
  std::memcpy(bytes.data() + places->offset + sizeof(lexfmt::PlaceRec) + offsetof(lexfmt::PlaceRec, name), &bad, sizeof bad);
  auto l = Lexicon::FromBytes(bytes, no_checksums);
  ASSERT_FALSE(l.ok());
  EXPECT_EQ(l.status().code(), Status::Code::kCorruption);
  EXPECT_NE(l.status().message().find("(places) record 1 has a string reference past the end of the strings section"),
            std::string::npos)
      << l.status().ToString();
  EXPECT_NE(l.status().message().find("sitrep compile"), std::string::npos);
}

TEST(LexiconFormat, NewerVersionIsRefusedWithAMessage) {
  const char* p = LexiconPath();
  if (!p) GTEST_SKIP() << "no compiled lexicon";
  std::string bytes = ReadFile(p);
  lexfmt::Header h;
  std::memcpy(&h, bytes.data(), sizeof h);
  h.version = LexiconFormatVersion() + 1;
  std::memcpy(bytes.data(), &h, sizeof h);
  auto l = Lexicon::FromBytes(bytes);
  ASSERT_FALSE(l.ok());
  EXPECT_EQ(l.status().code(), Status::Code::kUnsupported);
  EXPECT_NE(l.status().message().find("newer"), std::string::npos);
}

TEST(LexiconFormat, DumpRoundTripsThroughRecompilation) {
  // Compiling the same sources twice gives the same bytes, and the dump of the
  // loaded file lists every entry: decompile ∘ compile is stable.
  const char* src = SITREP_TEST_SOURCE_DIR;
  const char* p = LexiconPath();
  if (!src || !p) GTEST_SKIP() << "no source dir or lexicon";
  CompileOptions o;
  o.data_dir = std::string(src) + "/data";
  o.packages_dir = std::string(src) + "/node_modules";
  std::string out = ::testing::TempDir() + "/roundtrip.lex";
  LexiconStats st;
  ASSERT_TRUE(CompileLexicon(o, out, &st).ok());
  EXPECT_EQ(ReadFile(out), ReadFile(p)) << "compilation is not deterministic";
  auto l = Lexicon::Load(out);
  ASSERT_TRUE(l.ok()) << l.status().ToString();
  std::ostringstream dump;
  (*l)->Dump(dump);
  size_t lines = 0;
  for (char c : dump.str()) lines += c == '\n';
  EXPECT_EQ(lines, st.entries + 2);  // two header lines
  EXPECT_EQ((*l)->stats().entries, st.entries);
}

TEST(LexiconFormat, MissingFileIsNotFound) {
  auto l = Lexicon::Load("/nonexistent/sitrep.lex");
  ASSERT_FALSE(l.ok());
  EXPECT_EQ(l.status().code(), Status::Code::kNotFound);
}

}  // namespace
}  // namespace sitrep
