// sitrep/grammar.h — the grammar stage: closed-class word classes and clauses.
//
// A deliberately small, deterministic grammar: each token of a sentence gets a set
// of word-class bits from closed word lists (determiners, prepositions, auxiliaries,
// negations, modals, speech verbs, death and injury words, person nouns...) and a
// clause number; clauses break at ';', dashes, subordinating conjunctions and
// relative pronouns. Event frames ask it whether a trigger is passive ("were killed
// by"), negated ("did not attack", "denied"), or hypothetical ("threatened to",
// "plans to", "could"), and where its clause begins and ends.
//
// Thread rule: pure functions over immutable static tables.
#ifndef SITREP_GRAMMAR_H_
#define SITREP_GRAMMAR_H_

#include <cstdint>
#include <memory>
#include <utility>
#include <vector>

#include "sitrep/text.h"

namespace sitrep {

enum WordClass : uint32_t {
  kDeterminer = 1u << 0,   // the, a, an, this, these, their...
  kPreposition = 1u << 1,  // in, on, at, near, from, by, with, against...
  kLocPrep = 1u << 2,      // prepositions that introduce where: in, at, near, outside, around, into, across...
  kAux = 1u << 3,          // be/have forms: was, were, been, is, are, has, had...
  kNegation = 1u << 4,     // not, no, never, denied, refuted...
  kModal = 1u << 5,        // will, would, could, may, might, threatened, plans, vowed, intends...
  kSpeech = 1u << 6,       // said, says, reported, claimed, announced, according...
  kDeath = 1u << 7,        // killed, dead, died, deaths, fatalities, lives, bodies...
  kInjury = 1u << 8,       // wounded, injured, hurt, casualties (ambiguous: counted as injury)...
  kPerson = 1u << 9,       // people, persons, individuals, soldiers, fighters, civilians, men...
  kCivilian = 1u << 10,    // civilians, residents, villagers, women, children...
  kSubordinator = 1u << 11,  // while, as, after, before, when, because, although, which, who...
  kConjunction = 1u << 12,   // and, or, but
  kAir = 1u << 13,           // aircraft words: warplanes, jets, helicopters, drones, aerial, air raid...
  kArmed = 1u << 14,         // armed targets: soldiers, troops, fighters, militants, position, base, checkpoint...
  kSubset = 1u << 15,        // "including", "among them", "of whom": what follows is part of a previous count
  kPronoun = 1u << 16,       // he, she, they, it, we...
  kStopword = 1u << 17,      // function words that are never names on their own
  kIntervention = 1u << 18,  // dispersed, tear gas, water cannon, rubber bullets (protest with intervention cues)
  kNoCount = 1u << 19,       // "no", "none", "nobody": "no fatalities", "no one was killed"
  kWeakIntervention = 1u << 20,  // arrested, detained, beat: intervention only when police or troops are named
};

// An allocator whose resize() leaves new elements of a trivial type unset (default-initialised,
// not zeroed): for vectors that AnalyzeSentence resizes and then writes whole.
template <typename T>
struct UninitializedAllocator : std::allocator<T> {
  template <typename U>
  struct rebind {
    using other = UninitializedAllocator<U>;
  };
  UninitializedAllocator() = default;
  template <typename U>
  UninitializedAllocator(const UninitializedAllocator<U>&) noexcept {}  // NOLINT: as std::allocator
  template <typename U>
  void construct(U* p) noexcept {
    ::new (static_cast<void*>(p)) U;  // default-initialised: nothing written
  }
  template <typename U, typename... Args>
  void construct(U* p, Args&&... args) {
    ::new (static_cast<void*>(p)) U(std::forward<Args>(args)...);
  }
};

// Note: resizing `classes` or `clause` leaves new elements unset (UninitializedAllocator);
// AnalyzeSentence writes every element it makes.
struct SentenceGrammar {
  std::vector<uint32_t, UninitializedAllocator<uint32_t>> classes;  // per token of the sentence (index - token_begin)
  std::vector<uint16_t, UninitializedAllocator<uint16_t>> clause;    // clause number per token
  uint32_t token_begin = 0;
  uint32_t any_classes = 0;        // the union of `classes`: which classes occur in the sentence at all
  uint32_t cls(uint32_t token) const { return classes[token - token_begin]; }
  uint16_t clause_of(uint32_t token) const { return clause[token - token_begin]; }
};

// Word classes of one token (by its matching key).
uint32_t WordClassesOf(const Token& t);

SentenceGrammar AnalyzeSentence(const Text& text, const Sentence& s);
// The same into *g, reusing the storage of its vectors (for a caller that analyses sentence after
// sentence into the same SentenceGrammar).
void AnalyzeSentence(const Text& text, const Sentence& s, SentenceGrammar* g);

// "were killed", "was shelled", "have been arrested": an auxiliary of be precedes
// the trigger (adverbs allowed between).
bool IsPassive(const Text& text, const SentenceGrammar& g, uint32_t trigger);

// The trigger is negated or only threatened/planned/possible: "did not attack",
// "denied shelling", "threatened to storm", "could strike", "plans to withdraw".
// With purpose_counts false, an infinitive of purpose does not make the trigger
// hypothetical: "gathered to protest" reports a protest.
bool IsNegatedOrHypothetical(const Text& text, const SentenceGrammar& g, uint32_t trigger, bool purpose_counts = true);

}  // namespace sitrep

#endif  // SITREP_GRAMMAR_H_
