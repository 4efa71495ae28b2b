#include "lexicon/builder.h"

#include <xxhash.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>

namespace sitrep {

using namespace lexfmt;

StrRef LexiconBuilder::Str(std::string_view s) {
  if (s.empty()) return {0, 0};
  auto it = string_ids_.find(std::string(s));
  if (it != string_ids_.end()) return it->second;
  StrRef r{static_cast<uint32_t>(strings_.size()), static_cast<uint32_t>(s.size())};
  strings_.append(s);
  string_ids_.emplace(std::string(s), r);
  return r;
}

static bool IsFreeArticle(std::string_view w) {
  static constexpr std::string_view kArticles[] = {"an", "as", "ash", "az", "ad", "at", "ar", "ath", "adh", "ed",
                                                   "es", "ez", "en", "er", "el", "al", "ul", "ur", "un", "dh"};
  std::string f = FoldText(w);
  for (auto a : kArticles)
    if (f == a) return true;
  return false;
}

bool LexiconBuilder::AddPhrase(std::string_view phrase, EntryKind kind, uint32_t index, uint8_t flags,
                               bool drop_articles) {
  auto t = AnalyzeText(phrase);
  if (!t.ok()) return false;
  std::vector<uint64_t> keys, keys_no_articles;
  bool any_article = false;
  for (size_t i = 0; i < t->tokens.size(); ++i) {
    const Token& tok = t->tokens[i];
    if (tok.has(kSkippable)) continue;
    keys.push_back(tok.key);
    if (drop_articles && tok.kind == TokenKind::kWord && i > 0 && IsFreeArticle(t->token_text(i))) {
      any_article = true;
      continue;
    }
    keys_no_articles.push_back(tok.key);
  }
  if (keys.empty()) return false;
  EntryRec e{index, static_cast<uint8_t>(kind), flags, 0, Str(phrase)};
  AddKeys(keys, e);
  if (any_article && !keys_no_articles.empty()) AddKeys(keys_no_articles, e);
  return true;
}

void LexiconBuilder::AddKeys(const std::vector<uint64_t>& keys, const EntryRec& e) {
  uint64_t h = 0;
  for (size_t i = 0; i < keys.size(); ++i) {
    h = i == 0 ? FirstSlotHash(keys[0]) : NextSlotHash(h, keys[i]);
    KeyData& d = keys_[h];
    if (i + 1 < keys.size()) {
      d.prefix = true;
    } else {
      for (const EntryRec& x : d.entries)
        if (x.kind == e.kind && x.index == e.index) return;  // same record by another spelling
      d.entries.push_back(e);
    }
  }
}

void LexiconBuilder::AddSelfTest(std::string_view phrase, EntryKind kind, uint32_t index) {
  self_test_.append(phrase);
  self_test_ += '\t' + std::to_string(static_cast<int>(kind)) + '\t' + std::to_string(index) + '\n';
}

namespace {

struct Section {
  uint32_t id;
  uint32_t record_size;
  std::string bytes;
};

template <typename T>
Section Pack(uint32_t id, const std::vector<T>& v) {
  Section s{id, sizeof(T), std::string(reinterpret_cast<const char*>(v.data()), v.size() * sizeof(T))};
  return s;
}

}  // namespace

Status LexiconBuilder::Write(const std::string& path, uint64_t source_hash, std::string_view options,
                             LexiconStats* stats) {
  // Hash table: keys in hash order so that the same sources give the same bytes.
  std::vector<uint64_t> hashes;
  hashes.reserve(keys_.size());
  for (const auto& [h, d] : keys_) hashes.push_back(h);
  std::sort(hashes.begin(), hashes.end());
  uint32_t nslots = 16;
  while (nslots < hashes.size() * 2) nslots <<= 1;
  std::vector<Slot> slots(nslots, Slot{0, 0, 0});
  std::vector<EntryRec> entries;
  for (uint64_t h : hashes) {
    const KeyData& d = keys_[h];
    // (Lexicon::Match tests kNamesOnlyBit instead of every entry's flags.)
    bool names_only = !d.entries.empty();
    for (const EntryRec& e : d.entries) names_only &= (e.flags & (kNeedsCapital | kNeedsAllCaps)) == kNeedsCapital;
    Slot s{h, static_cast<uint32_t>(entries.size()),
           static_cast<uint32_t>(d.entries.size()) | (d.prefix ? kPrefixBit : 0) | (names_only ? kNamesOnlyBit : 0)};
    entries.insert(entries.end(), d.entries.begin(), d.entries.end());
    uint32_t i = static_cast<uint32_t>(h) & (nslots - 1);
    while (slots[i].hash != 0) i = (i + 1) & (nslots - 1);
    slots[i] = s;
  }
  std::vector<Section> sections;
  sections.push_back({kStrings, 1, strings_});
  sections.push_back(Pack(kSlots, slots));
  sections.push_back(Pack(kEntries, entries));
  sections.push_back(Pack(kPlaces, places_));
  std::vector<PlaceKeysRec> place_keys;
  place_keys.reserve(places_.size());
  auto key = [&](StrRef r) { return r.len == 0 ? 0 : KeyHash(NameKey(StrView(r))); };
  for (const PlaceRec& p : places_) place_keys.push_back({key(p.name), key(p.admin1), key(p.admin2)});
  sections.push_back(Pack(kPlaceKeys, place_keys));
  sections.push_back(Pack(kActors, actors_));
  sections.push_back(Pack(kAgents, agents_));
  sections.push_back(Pack(kModifiers, modifiers_));
  sections.push_back(Pack(kCountries, countries_));
  sections.push_back(Pack(kSources, sources_));
  sections.push_back(Pack(kEvents, events_));
  sections.push_back({kOptions, 1, std::string(options)});
  sections.push_back({kSelfTest, 1, self_test_});

  std::vector<SectionRec> table;
  uint64_t offset = sizeof(Header) + sections.size() * sizeof(SectionRec);
  for (const Section& s : sections) {
    offset = (offset + 7) & ~uint64_t{7};
    table.push_back({s.id, s.record_size, offset, s.bytes.size(), XXH3_64bits(s.bytes.data(), s.bytes.size())});
    offset += s.bytes.size();
  }
  Header h{};
  std::memcpy(h.magic, kMagic, 8);
  h.version = kVersion;
  h.num_sections = static_cast<uint32_t>(table.size());
  h.source_hash = source_hash;
  h.file_size = offset;
  h.table_checksum = XXH3_64bits(table.data(), table.size() * sizeof(SectionRec));

  std::string tmp = path + ".tmp";
  FILE* f = std::fopen(tmp.c_str(), "wb");
  if (!f) return Status::IOError(tmp + ": cannot write: " + std::strerror(errno));
  bool ok = std::fwrite(&h, sizeof h, 1, f) == 1 &&
            std::fwrite(table.data(), sizeof(SectionRec), table.size(), f) == table.size();
  uint64_t pos = sizeof(Header) + table.size() * sizeof(SectionRec);
  static const char kZeros[8] = {};
  for (size_t i = 0; ok && i < sections.size(); ++i) {
    if (table[i].offset > pos) ok = std::fwrite(kZeros, 1, table[i].offset - pos, f) == table[i].offset - pos;
    ok = ok && std::fwrite(sections[i].bytes.data(), 1, sections[i].bytes.size(), f) == sections[i].bytes.size();
    pos = table[i].offset + sections[i].bytes.size();
  }
  ok = (std::fclose(f) == 0) && ok;
  if (!ok || std::rename(tmp.c_str(), path.c_str()) != 0) {
    std::remove(tmp.c_str());
    return Status::IOError(path + ": cannot write lexicon: " + std::strerror(errno));
  }
  if (stats) {
    stats->keys = hashes.size();
    stats->entries = entries.size();
    stats->places = places_.size();
    stats->actors = actors_.size();
    stats->agents = agents_.size();
    stats->modifiers = modifiers_.size();
    stats->countries = countries_.size();
    stats->sources = sources_.size();
    stats->events = events_.size();
    stats->bytes = offset;
  }
  return Status::Ok();
}

}  // namespace sitrep
