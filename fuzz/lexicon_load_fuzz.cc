// libFuzzer target: loading a damaged compiled lexicon must fail cleanly or give a
// lexicon that is safe to use. The input is a list of edits (4-byte offset, 1-byte
// value) applied to a small valid lexicon built at start-up, so that the fuzzer
// reaches past the magic and checksums; checksum verification is off so that the
// structural checks are what is tested.
#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>

#include "lexicon/builder.h"
#include "sitrep/lexicon.h"
#include "sitrep/text.h"

namespace {

std::string* valid = nullptr;

std::string BuildSmallLexicon() {
  sitrep::LexiconBuilder b;
  sitrep::lexfmt::PlaceRec p{};
  p.geonameid = 170063;
  p.latitude = 36.2f;
  p.longitude = 37.16f;
  p.population = 1600000;
  p.name = b.Str("Aleppo");
  p.admin1 = b.Str("Aleppo");
  p.feature_code = b.Str("PPLA");
  p.country[0] = 'S';
  p.country[1] = 'Y';
  p.feature_class = 'P';
  uint32_t pi = b.AddPlace(p);
  b.AddPhrase("Aleppo", sitrep::EntryKind::kPlace, pi, sitrep::kNeedsCapital);
  b.AddPhrase("Halab", sitrep::EntryKind::kPlace, pi, sitrep::kNeedsCapital | sitrep::kAltName);
  uint32_t ai = b.AddActor({b.Str("Hayat Tahrir al-Sham"), b.Str("SYRREB"), b.Str("SYR"), b.Str("rebel"), {0, 0}});
  b.AddPhrase("HTS", sitrep::EntryKind::kActor, ai, sitrep::kNeedsAllCaps);
  uint32_t ci = b.AddCountry({b.Str("SY"), b.Str("SYR"), b.Str("Syria"), b.Str("Military Forces of Syria"),
                              b.Str("Police Forces of Syria"), b.Str("Government of Syria"), 35.0f, 38.0f});
  b.AddPhrase("Syrian", sitrep::EntryKind::kCountry, ci, sitrep::kNeedsCapital | sitrep::kDemonym);
  sitrep::lexfmt::EventRec e{};
  e.pattern = b.Str("shell");
  e.pos = b.Str("V");
  e.event_type = b.Str("Explosions/Remote violence");
  e.sub_event_type = b.Str("Shelling/artillery/missile attack");
  e.cameo = b.Str("195");
  e.strength = 2;
  uint32_t ei = b.AddEvent(e);
  b.AddPhrase("shelled", sitrep::EntryKind::kEvent, ei, 0);
  b.AddSelfTest("Halab", sitrep::EntryKind::kPlace, pi);
  std::string path = "/tmp/sitrep-lexicon-fuzz-" + std::to_string(::getpid()) + ".lex";
  if (!b.Write(path, 1, "fuzz", nullptr).ok()) std::abort();
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  std::remove(path.c_str());
  return ss.str();
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  valid = new std::string(BuildSmallLexicon());
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string bytes = *valid;
  for (size_t i = 0; i + 5 <= size; i += 5) {
    uint32_t off = data[i] | (data[i + 1] << 8) | (data[i + 2] << 16) | (uint32_t(data[i + 3]) << 24);
    if (off == 0xFFFFFFFFu) {  // an edit that truncates
      bytes.resize(data[i + 4] * bytes.size() / 256);
      continue;
    }
    if (!bytes.empty()) bytes[off % bytes.size()] = static_cast<char>(data[i + 4]);
  }
  sitrep::LoadOptions opt;
  opt.verify_checksums = false;
  auto lex = sitrep::Lexicon::FromBytes(bytes, opt);
  if (!lex.ok()) return 0;
  // A lexicon that loaded must be safe to use.
  auto text = sitrep::AnalyzeText("Syrian forces shelled Halab; HTS and Aleppo.");
  std::vector<sitrep::LexMatch> m;
  (*lex)->Match(*text, 0, static_cast<uint32_t>(text->tokens.size()), &m);
  for (const auto& x : m)
    for (uint32_t k = 0; k < x.entry_count && x.entry_begin + k < (*lex)->num_entries(); ++k) {
      sitrep::Entry e = (*lex)->entry(x.entry_begin + k);
      (void)(*lex)->EntryPhrase(x.entry_begin + k);
      if (e.kind == sitrep::EntryKind::kPlace) (void)(*lex)->place(e.index).name.size();
    }
  std::ostringstream dump;
  (*lex)->Dump(dump);
  return 0;
}
