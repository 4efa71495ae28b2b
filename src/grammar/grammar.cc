// Closed word lists and clause splitting.
#include "sitrep/grammar.h"

#include <cstring>
#include <string_view>
#include <unordered_map>

namespace sitrep {
namespace {

struct WordList {
  uint32_t bits;
  std::initializer_list<std::string_view> words;
};

// What AnalyzeSentence must look at more closely, in the upper half of a table entry (the lower
// half is the word's classes): the rare tokens that may start or end a clause.
enum ClauseMark : uint64_t {
  kOpener = uint64_t{1} << 32,      // a subordinator: opens a clause (not as the first token)
  kSince = uint64_t{1} << 33,       // "since": opens one before a noun phrase or a pronoun
  kBreak = uint64_t{1} << 34,       // ";", ":", "(", ")": a clause ends around it
  kMaybeBreak = uint64_t{1} << 35,  // the key of "-", "–" and "—": only the em dash breaks a clause
};

// The word lists as an open-addressing table of (key, classes): token keys are already hashes, so
// their bits pick the slot. Key 0 marks an empty slot (KeyHash never gives 0 for a word).
// A slot is two cells of 8 bytes, the key and then its classes (with the ClauseMarks above),
// and a slot is named by the index of its first cell, an even number: the key's bits 1..12,
// one AND, which x86-64 addressing scales by 8 with no shift (the probe runs for every token
// of every sentence).
// Besides the words, the table holds the keys of the marks that break clauses (the hash of
// their fold), with no classes: a mark's key is never a word's (a word's key is made of
// letters), so looking up every token's key gives words their classes and marks none. (In
// AnalyzeText's NFC text the only mark that folds to ";", ":", "(" or ")" is that character.)
struct ClassTable {
  // A power of two, about eight times the number of words and marks: at a quarter full, a token that is
  // not in the table (most of them) went on to another slot half the time, as linear probing clusters.
  static constexpr size_t kSlots = 4096;
  static constexpr size_t kCellMask = (kSlots - 1) << 1;  // the first cells of the slots
  uint64_t cells[2 * kSlots] = {};
  uint64_t& operator[](uint64_t key) {
    size_t c = key & kCellMask;
    while (cells[c] != 0 && cells[c] != key) c = (c + 2) & kCellMask;
    cells[c] = key;
    return cells[c + 1];
  }
  // The classes of `key` (low half) and its ClauseMarks (high half); 0 when it is not in the table.
  // Key 0 (not a word) needs no test of its own: it stops at the first empty slot, whose entry is 0.
  uint64_t find(uint64_t key) const {
    for (size_t c = key & kCellMask;; c = (c + 2) & kCellMask) {
      if (cells[c] == key) return cells[c + 1];
      if (cells[c] == 0) return 0;
    }
  }
};

// The table, made once (BuildTable) on first use; Table() inlines into AnalyzeSentence.
const ClassTable* BuildTable();
inline const ClassTable& Table() {
  static const ClassTable* const table = BuildTable();
  return *table;
}

[[gnu::noinline]] const ClassTable* BuildTable() {
  static const WordList kLists[] = {
      {kDeterminer | kStopword, {"the", "a", "an", "this", "that", "these", "those", "their", "its", "his", "her",
                                 "our", "some", "any", "each", "every", "another", "other", "such"}},
      {kPreposition | kStopword, {"of", "by", "with", "against", "for", "from", "to", "on", "onto", "over", "under",
                                  "during", "amid", "among", "between", "through", "toward", "towards", "about",
                                  "via", "per", "without", "upon", "after", "before", "since", "until"}},
      {kPreposition | kLocPrep | kStopword, {"in", "at", "near", "outside", "inside", "around", "into", "across",
                                             "within", "nearby", "throughout", "along", "off", "outskirts", "vicinity",
                                             "countryside", "environs"}},
      {kLocPrep, {"from", "on", "to", "toward", "towards", "of"}},
      {kAux | kStopword, {"was", "were", "is", "are", "be", "been", "being", "am", "has", "have", "had", "got",
                          "gets", "get", "getting"}},
      {kNegation | kStopword, {"not", "never", "neither", "nor", "n't"}},
      {kNegation, {"denied", "denies", "deny", "denying", "refuted", "rejected", "dismissed", "false", "foiled",
                   "thwarted", "averted", "prevented"}},
      {kModal | kStopword, {"will", "would", "could", "may", "might", "should", "can", "must", "shall"}},
      {kModal, {"threatened", "threatens", "threaten", "threatening", "plan", "plans", "planned", "planning",
                "intend", "intends", "intended", "vowed", "vows", "vow", "warned", "warns", "prepare", "prepares",
                "preparing", "preparations", "preparation", "possible", "potential", "if", "unless", "attempt",
                "attempted", "attempts", "tried", "try", "trying", "sought", "seeks", "aims", "aimed",
                "ready", "readiness", "fear", "fears", "feared", "risk", "likely", "expected", "would-be"}},
      {kSpeech, {"said", "says", "say", "saying", "reported", "reports", "report", "reporting", "claimed", "claims",
                 "claim", "announced", "announces", "stated", "states", "told", "tells", "confirmed", "confirms",
                 "according", "indicated", "indicate", "indicates", "suggest", "suggests", "suggested", "added",
                 "noted", "acknowledged", "alleged", "alleges", "cited", "quoted", "tweeted", "posted"}},
      {kDeath, {"killed", "kill", "kills", "killing", "dead", "died", "die", "dies", "dying", "death", "deaths",
                "fatalities", "fatality", "fatally", "lives", "bodies", "body", "corpses", "toll", "perished",
                "slain", "murdered", "executed", "massacred", "fallen", "lost", "lynched", "beheaded",
                "succumbed"}},
      {kInjury, {"wounded", "wounding", "injured", "injuring", "injuries", "injury", "hurt", "casualties",
                 "casualty", "wounds", "hospitalised", "hospitalized", "maimed"}},
      {kPerson, {"people", "persons", "person", "individuals", "individual", "soldiers", "soldier", "troops",
                 "fighters", "fighter", "militants", "militant", "men", "man", "women", "woman", "children",
                 "child", "civilians", "civilian", "residents", "resident", "villagers", "villager", "policemen",
                 "policeman", "officers", "officer", "members", "member", "rebels", "rebel", "insurgents",
                 "insurgent", "gunmen", "gunman", "attackers", "attacker", "assailants", "militiamen",
                 "militiaman", "combatants", "combatant", "boys", "boy", "girls", "girl", "students", "student",
                 "farmers", "farmer", "worker", "workers", "protesters", "protester", "demonstrators",
                 "demonstrator", "others", "personnel", "servicemen", "jihadists", "jihadist", "terrorists",
                 "terrorist", "bandits", "bandit", "passengers", "passenger", "pilgrims", "worshippers",
                 "displaced", "refugees", "migrants", "teachers", "doctors", "journalists", "journalist",
                 "family", "relatives", "infants", "babies", "elderly", "youths", "youth", "guards", "guard",
                 "recruits", "conscripts", "mercenaries", "staff", "employees", "miners", "herders", "fishermen",
                 "traders", "drivers", "driver", "pedestrians", "inmates", "prisoners", "detainees",
                 "suspects", "suspect", "pastoralists", "pastoralist", "traffickers", "trafficker", "guerrillas",
                 "separatists", "separatist", "teenagers", "teenager", "victims", "victim", "bodyguards",
                 "bodyguard", "commanders", "commander", "leader", "leaders", "monk", "monks", "officials",
                 "official", "gendarmes", "mayor", "chief", "administrator", "husband", "wife", "son",
                 "daughter", "brother", "shopkeeper", "businessman", "co-driver"}},
      {kCivilian, {"civilians", "civilian", "residents", "resident", "villagers", "villager", "women", "woman",
                   "children", "child", "boys", "boy", "girls", "girl", "students", "student", "farmers",
                   "farmer", "passengers", "passenger", "pilgrims", "worshippers", "displaced", "refugees",
                   "migrants", "teachers", "doctors", "journalists", "journalist", "family", "relatives",
                   "infants", "babies", "elderly", "pedestrians", "herders", "fishermen", "traders", "miners",
                   "worker", "workers"}},
      {kSubordinator | kStopword, {"while", "whereas", "although", "though", "because", "which", "who", "whom",
                                   "whose", "where", "when", "whilst", "unless", "once", "as", "that"}},
      {kConjunction | kStopword, {"and", "or", "but", "yet", "so"}},
      {kAir, {"warplanes", "warplane", "jets", "jet", "aircraft", "aircrafts", "helicopter", "helicopters",
              "drone", "drones", "uav", "uavs", "aerial", "airstrike", "airstrikes", "air", "airborne", "bombers",
              "bomber", "fighter-jets", "gunship", "gunships", "planes", "plane", "sorties", "sortie", "airpower",
              "kamikaze", "shahed", "loitering", "quadcopter", "quadcopters"}},
      {kArmed, {"soldiers", "soldier", "troops", "fighters", "fighter", "militants", "militant", "rebels",
                "rebel", "insurgents", "insurgent", "forces", "army", "military", "position", "positions",
                "base", "bases", "checkpoint", "checkpoints", "post", "posts", "outpost", "outposts", "convoy",
                "convoys", "patrol", "patrols", "barracks", "militia", "militias", "militiamen", "police",
                "policemen", "gendarmes", "gendarmerie", "jihadists", "combatants", "units", "unit", "garrison",
                "tanks", "tank", "vehicle", "vehicles", "trenches", "fortifications", "mercenaries", "guards",
                "camp", "headquarters", "battalion", "brigade", "regiment", "squad", "personnel", "servicemen"}},
      {kSubset, {"including", "among", "included", "whom"}},
      {kPronoun | kStopword, {"he", "she", "it", "they", "we", "i", "you", "them", "him", "us", "me", "itself",
                              "themselves", "himself", "herself"}},
      // Intervention by the authorities in a demonstration: these alone say so...
      {kIntervention, {"dispersed", "disperse", "dispersing", "teargas", "tear-gas", "tear", "cannon", "cannons",
                       "batons", "baton", "rubber", "pellets", "intervened", "intervene", "cordoned", "kettled"}},
      // ...these only next to police or troops ("police arrested 12 protesters").
      {kWeakIntervention, {"arrested", "arrest", "arrests", "detained", "detain", "beat", "beaten", "charged",
                           "stopped", "prevented", "removed", "evicted", "broke", "obstructed"}},
      {kNoCount, {"no", "none", "nobody", "zero", "without"}},
      {kStopword, {"there", "here", "then", "also", "just", "only", "very", "more", "most", "all", "both", "new",
                   "what", "how", "why", "if", "than", "not", "no", "yes", "one", "two", "first", "last",
                   "said", "says", "is", "are", "on", "up", "down", "out", "over", "back", "now", "today"}},
  };
  auto* t = new ClassTable();
  for (const auto& l : kLists)
    for (std::string_view w : l.words) (*t)[KeyHash(NameKey(w))] |= l.bits;
  for (const auto& l : kLists)
    if (l.bits & kSubordinator)
      for (std::string_view w : l.words) (*t)[KeyHash(NameKey(w))] |= kOpener;
  (*t)[KeyHash(NameKey("since"))] |= kSince;
  // Marks by the keys Tokenize gives them (KeyHash(FoldText(mark))).
  for (std::string_view mark : {";", ":", "(", ")"}) (*t)[KeyHash(FoldText(mark))] |= kBreak;
  (*t)[KeyHash(FoldText("\xE2\x80\x94" /* — */))] |= kMaybeBreak;
  return t;
}

}  // namespace

uint32_t WordClassesOf(const Token& t) { return static_cast<uint32_t>(Table().find(t.key)); }

SentenceGrammar AnalyzeSentence(const Text& text, const Sentence& s) {
  SentenceGrammar g;
  AnalyzeSentence(text, s, &g);
  return g;
}

void AnalyzeSentence(const Text& text, const Sentence& s, SentenceGrammar* out) {
  SentenceGrammar& g = *out;
  const ClassTable& table = Table();
  g.token_begin = s.token_begin;
  const uint32_t n = s.token_end - s.token_begin;
  g.classes.resize(n);
  g.clause.resize(n);
  uint16_t clause = 0;
  uint32_t any = 0;
  const Token* toks = text.tokens.data() + s.token_begin;
  uint32_t* classes = g.classes.data();
  uint16_t* clauses = g.clause.data();
  for (uint32_t k = 0; k < n; ++k) {
    const Token& t = toks[k];
    // One lookup for every token: words get their classes, and the few tokens that may open or
    // break a clause (subordinators, "since", ";", dashes...) a ClauseMark, looked at below.
    const uint64_t entry = table.find(t.key);
    const uint32_t c = static_cast<uint32_t>(entry);
    classes[k] = c;
    any |= c;
    if (__builtin_expect((entry >> 32) == 0, 1)) {
      clauses[k] = clause;
      continue;
    }
    // "which", "while", "as" and the like open a new clause; so does ", and" before a new subject.
    bool opens = (entry & kOpener) && k > 0;
    // "since a truce was agreed in 2020": "since" before a noun phrase or a pronoun starts a clause of its own.
    if (!opens && (entry & kSince) && t.end - t.begin == 5 && k > 0 && k + 1 < n &&
        std::memcmp(text.text.data() + t.begin, "since", 5) == 0) {
      const Token& nx = toks[k + 1];
      opens = nx.kind == TokenKind::kWord && (table.find(nx.key) & (kDeterminer | kPronoun));
    }
    // ";", ":", "(", ")" and the em dash (not a hyphen or an en dash, which have its key).
    const bool brk = (entry & kBreak) || ((entry & kMaybeBreak) && t.end - t.begin == 3 &&
                                          std::memcmp(text.text.data() + t.begin, "\xE2\x80\x94", 3) == 0);
    if (brk || opens) ++clause;
    clauses[k] = clause;
    if (brk) ++clause;
  }
  g.any_classes = any;
}

bool IsPassive(const Text& text, const SentenceGrammar& g, uint32_t trigger) {
  // Walk back over adverbs ("were reportedly killed") to an auxiliary of be.
  for (uint32_t k = trigger, steps = 0; k > g.token_begin && steps < 3; ++steps) {
    --k;
    uint32_t c = g.cls(k);
    if (c & kAux) {
      std::string_view w = text.token_text(k);
      char f = w.empty() ? 0 : static_cast<char>(w[0] | 32);
      return f == 'w' || f == 'i' || f == 'b' || f == 'a' || f == 'g';  // was/were/is/are/been/being/be/got
    }
    std::string_view w = text.token_text(k);
    bool adverb = w.size() > 3 && w.substr(w.size() - 2) == "ly";
    if (!adverb && !(c & kNegation)) return false;
  }
  return false;
}

bool IsNegatedOrHypothetical(const Text& text, const SentenceGrammar& g, uint32_t trigger, bool purpose_counts) {
  // "a counter-offensive to reclaim", "vowed to retake": an infinitive is a purpose or a plan,
  // unless a verb of doing carries it ("managed to capture", "were forced to withdraw").
  if (purpose_counts && trigger > g.token_begin + 1 && text.token_text(trigger - 1) == "to") {
    static const std::unordered_map<uint64_t, bool>* kDoing = [] {
      auto* m = new std::unordered_map<uint64_t, bool>();
      for (std::string_view w : {"began", "begun", "begin", "begins", "started", "start", "starts", "managed",
                                 "forced", "went", "moved", "proceeded", "resorted", "used", "able", "obliged",
                                 "compelled", "decided", "chose", "opted", "had"})
        (*m)[KeyHash(NameKey(w))] = true;
      return m;
    }();
    if (!kDoing->count(text.tokens[trigger - 2].key)) return true;
  }
  // Look back within the clause for a negation or modal word: auxiliaries ("could", "will", "not")
  // right before the verb group, verbs of intent ("threatened", "plans", "denied") a little further.
  // (By index in the sentence, over its arrays: the eight tokens before the trigger, or fewer at
  // the sentence's start, nearest first.)
  const uint32_t at = trigger - g.token_begin;
  const uint16_t* clauses = g.clause.data();
  const uint32_t* classes = g.classes.data();
  const uint16_t clause = clauses[at];
  for (uint32_t r = at, stop = at > 8 ? at - 8 : 0; r > stop;) {
    --r;
    if (clauses[r] != clause) break;
    const uint32_t c = classes[r];
    if (!(c & (kNegation | kModal))) continue;
    if (c & kStopword) {
      // A capitalised "May" or "Will" inside a sentence is a month or a name, not a modal.
      if (r != 0 && text.tokens[g.token_begin + r].has(kCapitalized)) continue;
      if (at - r > 3) continue;  // an auxiliary only right before the verb group: 3 tokens back at most
    }
    return true;
  }
  std::string_view w = text.token_text(trigger > g.token_begin ? trigger - 1 : trigger);
  return w == "no" || w == "No";
}

}  // namespace sitrep
