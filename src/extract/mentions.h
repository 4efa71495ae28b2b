// Mentions: what the lexicon found in a sentence, after capitalisation checks and
// longest-match selection, with agents composed with their modifiers
// ("Syrian government troops"). Internal to src/extract.
#ifndef SITREP_EXTRACT_MENTIONS_H_
#define SITREP_EXTRACT_MENTIONS_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "sitrep/grammar.h"
#include "sitrep/lexicon.h"
#include "sitrep/text.h"

namespace sitrep {

enum class MentionKind : uint8_t { kPlace, kActor, kAgent, kCountry, kSource, kTrigger };

struct Mention {
  MentionKind kind;
  uint32_t token_begin, token_end;  // the whole mention, modifiers included
  uint32_t sentence;
  // kPlace: GeoNames and other candidates (place indices); kCountry: the country as a place too.
  std::vector<uint32_t> places;
  // Per candidate: 1 when its name is spelled as written (up to case and diacritics), 0 when
  // only the looser name key matched ("Daman" reaching Dammam).
  std::vector<uint8_t> place_exact;
  // kActor: actor index. kAgent: agent index, with modifier meaning and country.
  int actor = -1;
  int agent = -1;
  int country = -1;          // kCountry, or the country a demonym gives an agent
  std::string_view modifier;  // kAgent: "state", "rebel", "unidentified", ... (in the lexicon)
  int source = -1;           // kSource
  std::vector<uint32_t> events;  // kTrigger: event pattern indices
  bool in_parentheses = false;
  bool demonym = false;      // kCountry reached by its demonym ("Syrian")
  // kCountry: what a report is about rather than where it happens ("the invasion of Ukraine",
  // "protested against Russia", "the Russian embassy").
  bool topic = false;
  std::string_view text;     // the mention's words as written (in Text::text: valid while the Text lives)
};

// Mentions of one sentence, in text order. `claimed` marks tokens already used by
// time expressions and quantities (they are never names).
std::vector<Mention> FindMentions(const Lexicon& lex, const Text& text, const Sentence& s, uint32_t sentence_index,
                                  const SentenceGrammar& g, const std::vector<bool>& claimed);

}  // namespace sitrep

#endif  // SITREP_EXTRACT_MENTIONS_H_
