// LexiconBuilder: the add → compile half of the lexicon's life cycle. Internal.
//
// Add records and the phrases that reach them, then Write() lays out the file
// described in format.h. Single-threaded; not shared.
#ifndef SITREP_LEXICON_BUILDER_H_
#define SITREP_LEXICON_BUILDER_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "lexicon/format.h"
#include "sitrep/lexicon.h"

namespace sitrep {

class LexiconBuilder {
 public:
  lexfmt::StrRef Str(std::string_view s);

  uint32_t AddPlace(const lexfmt::PlaceRec& r) { places_.push_back(r); return static_cast<uint32_t>(places_.size() - 1); }
  uint32_t AddActor(const lexfmt::ActorRec& r) { actors_.push_back(r); return static_cast<uint32_t>(actors_.size() - 1); }
  uint32_t AddAgent(const lexfmt::AgentRec& r) { agents_.push_back(r); return static_cast<uint32_t>(agents_.size() - 1); }
  uint32_t AddModifier(const lexfmt::ModifierRec& r) { modifiers_.push_back(r); return static_cast<uint32_t>(modifiers_.size() - 1); }
  uint32_t AddCountry(const lexfmt::CountryRec& r) { countries_.push_back(r); return static_cast<uint32_t>(countries_.size() - 1); }
  uint32_t AddSource(const lexfmt::SourceRec& r) { sources_.push_back(r); return static_cast<uint32_t>(sources_.size() - 1); }
  uint32_t AddEvent(const lexfmt::EventRec& r) { events_.push_back(r); return static_cast<uint32_t>(events_.size() - 1); }

  std::vector<lexfmt::PlaceRec>& places() { return places_; }
  std::vector<lexfmt::CountryRec>& countries() { return countries_; }
  std::vector<lexfmt::ActorRec>& actors() { return actors_; }
  std::string_view StrView(lexfmt::StrRef r) const { return std::string_view(strings_).substr(r.off, r.len); }

  // Makes `phrase` reach entry (kind, index). Returns false when the phrase has no
  // matchable token. With drop_articles, a variant without free-standing Arabic
  // articles ("Dayr az Zawr" → "Dayr Zawr") is added too.
  bool AddPhrase(std::string_view phrase, EntryKind kind, uint32_t index, uint8_t flags, bool drop_articles = false);

  // A phrase that loading must find again, reaching (kind, index).
  void AddSelfTest(std::string_view phrase, EntryKind kind, uint32_t index);

  Status Write(const std::string& path, uint64_t source_hash, std::string_view options, LexiconStats* stats);

 private:
  struct KeyData {
    std::vector<lexfmt::EntryRec> entries;
    bool prefix = false;
  };
  void AddKeys(const std::vector<uint64_t>& keys, const lexfmt::EntryRec& e);

  std::string strings_;
  std::unordered_map<std::string, lexfmt::StrRef> string_ids_;
  std::unordered_map<uint64_t, KeyData> keys_;
  std::vector<lexfmt::PlaceRec> places_;
  std::vector<lexfmt::ActorRec> actors_;
  std::vector<lexfmt::AgentRec> agents_;
  std::vector<lexfmt::ModifierRec> modifiers_;
  std::vector<lexfmt::CountryRec> countries_;
  std::vector<lexfmt::SourceRec> sources_;
  std::vector<lexfmt::EventRec> events_;
  std::string self_test_;
};

}  // namespace sitrep

#endif  // SITREP_LEXICON_BUILDER_H_
