#include "extract/mentions.h"

#include <algorithm>
#include <array>
#include <cstring>

namespace sitrep {
namespace {

// Which kind a phrase names when it reaches several: actor 7, source 6, agent 5, country 4,
// event 3, modifier 2, place 1 (a table by EntryKind value; 0 for none).
constexpr int8_t kPriority[8] = {0, /*place*/ 1, /*actor*/ 7, /*agent*/ 5, /*modifier*/ 2,
                                 /*country*/ 4, /*source*/ 6, /*event*/ 3};

// The highest priority among the kinds of a set (bit k: EntryKind k), 0 for none: a table of the
// 256 sets.
int KindsPriority(uint32_t kinds) {
  static constexpr auto kTable = [] {
    std::array<int8_t, 256> t{};
    for (uint32_t set = 0; set < 256; ++set)
      for (uint32_t k = 0; k < 8; ++k)
        if (set & (1u << k)) t[set] = std::max(t[set], kPriority[k]);
    return t;
  }();
  return kTable[kinds & 255];
}

// The kind of a priority (1..7): one kind per priority.
EntryKind KindOfPriority(int priority) {
  static constexpr auto kTable = [] {
    std::array<EntryKind, 8> t{};
    for (uint32_t k = 1; k < 8; ++k) t[static_cast<size_t>(kPriority[k])] = static_cast<EntryKind>(k);
    return t;
  }();
  return kTable[static_cast<size_t>(priority) & 7];
}

// Whether a match ends in a lower-case town designator ("city", "town", "village"), and a phrase's
// last word is capitalised (after a space): together, "Salem city" against the phrase "Salem City"
// (in Virginia). Admin designators ("Sagaing region", "Okara district") name the admin area and stay.
// (The first is asked once per match, the second per place entry of such a match.)
bool EndsInLowercaseDesignator(const Text& text, const LexMatch& m) {
  static constexpr std::string_view kWords[] = {"city", "town", "village"};
  std::string_view last = text.token_text(m.token_end - 1);
  bool designator = false;
  for (auto w : kWords) designator |= last == w;
  return designator;
}
bool LastWordCapitalised(std::string_view phrase) {
  size_t space = phrase.find_last_of(' ');
  return space != std::string_view::npos && space + 1 < phrase.size() && phrase[space + 1] >= 'A' && phrase[space + 1] <= 'Z';
}

// Whether the match without its last word is a place name that is not a country's: "Salem"
// for "Salem city", but not "Kuwait" for "Kuwait city". `matches` are the sentence's matches,
// which leave out lower-case words that only spell names (Match's skip_lowercase_names): when m
// opens with such a word, the shorter match is looked up again without the skip (a rare path:
// only a place entry that takes a lower-case first word gets here).
bool ShorterMatchIsATown(const Lexicon& lex, const Text& text, const std::vector<LexMatch>& matches, const LexMatch& m) {
  const std::vector<LexMatch>* list = &matches;
  thread_local std::vector<LexMatch> again;
  if (!Lexicon::FirstCapitalOk(text, m)) {
    again.clear();
    lex.Match(text, m.token_begin, m.token_end - 1, &again);
    list = &again;
  }
  bool place = false;
  for (const LexMatch& o : *list) {
    if (o.token_begin != m.token_begin || o.token_end + 1 != m.token_end) continue;
    for (uint32_t k = 0; k < o.entry_count; ++k) {
      EntryKind kind = lex.entry(o.entry_begin + k).kind;
      if (kind == EntryKind::kCountry) return false;
      place |= kind == EntryKind::kPlace;
    }
  }
  return place;
}

// Short strings are read as a few machine words, the last one overlapping the previous ones, instead
// of byte by byte (most names are under 16 bytes): Word<N>(p) is the N bytes at p.
template <typename W>
W Word(const char* p) {
  W w;
  std::memcpy(&w, p, sizeof(W));
  return w;
}

// Whether the n bytes at a and at b are equal.
bool SameBytes(const char* a, const char* b, size_t n) {
  if (n >= 8) {
    for (size_t i = 0; i + 8 <= n; i += 8)
      if (Word<uint64_t>(a + i) != Word<uint64_t>(b + i)) return false;
    return Word<uint64_t>(a + n - 8) == Word<uint64_t>(b + n - 8);
  }
  if (n >= 4) return Word<uint32_t>(a) == Word<uint32_t>(b) && Word<uint32_t>(a + n - 4) == Word<uint32_t>(b + n - 4);
  if (n >= 2) return Word<uint16_t>(a) == Word<uint16_t>(b) && Word<uint16_t>(a + n - 2) == Word<uint16_t>(b + n - 2);
  return n == 0 || a[0] == b[0];
}

bool EqualsAsciiCaseless(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  if (SameBytes(a.data(), b.data(), a.size())) return true;  // the common case
  for (size_t i = 0; i < a.size(); ++i) {
    unsigned char x = static_cast<unsigned char>(a[i]), y = static_cast<unsigned char>(b[i]);
    if (x == y) continue;
    if ((x | 0x20) != (y | 0x20) || (x | 0x20) < 'a' || (x | 0x20) > 'z') return false;
  }
  return true;
}

// Whether every byte of `s` is ASCII: its words' high bits or-ed together (as in SameBytes).
bool IsAscii(std::string_view s) {
  const char* p = s.data();
  const size_t n = s.size();
  uint64_t any = 0;
  if (n >= 8) {
    for (size_t i = 0; i + 8 <= n; i += 8) any |= Word<uint64_t>(p + i);
    any |= Word<uint64_t>(p + n - 8);
  } else if (n >= 4) {
    any = Word<uint32_t>(p) | Word<uint32_t>(p + n - 4);
  } else if (n >= 2) {
    any = Word<uint16_t>(p) | Word<uint16_t>(p + n - 2);
  } else if (n == 1) {
    any = static_cast<unsigned char>(p[0]);
  }
  return (any & 0x8080808080808080ull) == 0;
}

// The fold (FoldText) of an ASCII byte: A-Z lowered, '`' an apostrophe; an ASCII string folds
// byte for byte.
char AsciiFold(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : (c == '`' ? '\'' : c); }

// Whether `folded` is FoldText(ascii) for an ASCII `ascii`.
bool AsciiFoldsTo(std::string_view ascii, std::string_view folded) {
  if (ascii.size() != folded.size()) return false;
  for (size_t i = 0; i < ascii.size(); ++i)
    if (AsciiFold(ascii[i]) != folded[i]) return false;
  return true;
}

// FoldText(phrase) of a lexicon phrase, through a small per-thread cache: the same names recur
// document after document. Direct-mapped by the phrase's address (64 entries, a bounded cache);
// an entry is used only when its phrase is the one asked about, byte for byte.
const std::string& FoldedPhrase(std::string_view phrase) {
  struct Entry {
    std::string phrase, folded;  // (an empty phrase folds to the empty string: no "filled" flag)
  };
  thread_local Entry cache[64];
  Entry& e = cache[(reinterpret_cast<uintptr_t>(phrase.data()) >> 3) % 64];
  if (e.phrase != phrase) {
    e.phrase.assign(phrase);
    FoldTextTo(phrase, &e.folded);
  }
  return e.folded;
}

// Whether `raw` and `phrase` (a lexicon phrase) fold to the same text (FoldText, sitrep/text.h),
// without allocating in the common cases: strings equal up to ASCII case, two ASCII strings, and
// an ASCII phrase (most gazetteer names) against a folded `raw`. Otherwise `raw` is folded into
// `raw_folded` (once per `raw`: kept while non-empty) and compared with FoldedPhrase(phrase).
// (Out of line: FindMentions calls it for a few of its matches.)
[[gnu::noinline]] bool FoldsEqual(std::string_view raw, std::string_view phrase, std::string* raw_folded) {
  if (EqualsAsciiCaseless(raw, phrase)) return true;
  const bool phrase_ascii = IsAscii(phrase);
  if (phrase_ascii && IsAscii(raw)) {
    if (raw.size() != phrase.size()) return false;
    for (size_t i = 0; i < raw.size(); ++i)
      if (AsciiFold(raw[i]) != AsciiFold(phrase[i])) return false;
    return true;
  }
  if (raw_folded->empty()) FoldTextTo(raw, raw_folded);
  if (phrase_ascii) return AsciiFoldsTo(phrase, *raw_folded);
  return FoldedPhrase(phrase) == *raw_folded;
}

// Whether a country's main name is "El <said>" or "Al <said>" (folded): "El Salvador" when the
// text says "Salvador". Only a name starting with e, a or a non-ASCII byte can fold to that,
// so the others are answered without folding.
bool NameIsArticlePlus(std::string_view name, std::string_view said, std::string* a, std::string* b) {
  if (name.empty()) return false;
  unsigned char c0 = static_cast<unsigned char>(name[0]);
  if (c0 < 0x80 && (c0 | 0x20) != 'e' && (c0 | 0x20) != 'a') return false;
  FoldTextTo(name, a);
  if (a->size() < 3 || (a->compare(0, 3, "el ") != 0 && a->compare(0, 3, "al ") != 0)) return false;
  FoldTextTo(said, b);
  return a->size() == b->size() + 3 && a->compare(3, std::string::npos, *b) == 0;
}

// A short list of (non-empty) words, grouped by first byte, with the range of the words of each
// first byte: a word asked about is compared only with those that start as it does (most with
// none), not with the whole list. Built at compile time (a list not grouped by first byte does
// not compile: the constructor throws).
template <size_t N>
class WordSet {
 public:
  constexpr explicit WordSet(const std::string_view (&words)[N]) {
    for (size_t i = 0; i < N; ++i) {
      words_[i] = words[i];
      const auto c = static_cast<uint8_t>(words[i][0]);
      if (end_[c] == 0) begin_[c] = static_cast<uint8_t>(i);
      else if (end_[c] != i) throw "WordSet: words not grouped by first byte";
      end_[c] = static_cast<uint8_t>(i + 1);
    }
  }
  bool Has(std::string_view w) const {
    if (w.empty()) return false;
    const auto c = static_cast<uint8_t>(w[0]);
    for (size_t i = begin_[c]; i < end_[c]; ++i)
      if (words_[i].size() == w.size() && std::memcmp(words_[i].data(), w.data(), w.size()) == 0) return true;
    return false;
  }

 private:
  std::string_view words_[N] = {};
  uint8_t begin_[256] = {}, end_[256] = {};
};

// Name particles inside Arabic, Spanish, Portuguese and similar place names: "Ghadir al Bostan",
// "Villa de Reyes", "Ras el Ain", "Kafr bin Hassan".
bool IsParticle(std::string_view w) {
  static constexpr std::string_view kList[] = {"ad", "adh", "al", "an", "ar", "as", "ash", "at", "ath", "az",
                                                "bin", "da", "das", "de", "del", "di", "do", "dos", "du", "ed",
                                                "el", "en", "er", "es", "ez", "ibn", "la", "las", "los"};
  static constexpr WordSet kWords(kList);
  return w.size() >= 2 && w.size() <= 3 && kWords.Has(w);
}

// Capitalised words that end a place's name as its designator: "Idlib Province", "Gaza City".
bool IsDesignator(std::string_view w) {
  static constexpr std::string_view kList[] = {"Area", "Camp", "City", "County", "Department", "District",
                                                "Division", "Governorate", "Municipality", "Oblast", "Prefecture",
                                                "Province", "Raion", "Region", "State", "Town", "Township", "Village"};
  static constexpr WordSet kWords(kList);
  return w.size() >= 4 && w.size() <= 12 && kWords.Has(w);
}

// War and diplomacy nouns after which a country is the subject of a report, not its place.
bool IsTopicNoun(std::string_view w) {
  static constexpr std::string_view kList[] = {
      "aggression", "annexation", "conflict", "consulate", "crisis", "embassies", "embassy", "flag", "flags",
      "gas", "goods", "government", "invasion", "leader", "occupation", "offensive", "oil", "people",
      "president", "products", "refugees", "regime", "sanctions", "solidarity", "support", "victims", "war"};
  static constexpr WordSet kWords(kList);
  return w.size() >= 3 && w.size() <= 10 && kWords.Has(w);
}

// Whether a token is "(" or ")" (1 or -1), else 0.
int Paren(const Text& text, uint32_t i) {
  const Token& t = text.tokens[i];
  if (t.end != t.begin + 1) return 0;
  char c = text.text[t.begin];
  return c == '(' ? 1 : c == ')' ? -1 : 0;
}

// Whether any of the n bytes at p is non-zero, 8 at a time.
bool AnyNonZero(const uint8_t* p, size_t n) {
  uint64_t any = 0;
  size_t i = 0;
  for (; i + 8 <= n; i += 8) any |= Word<uint64_t>(reinterpret_cast<const char*>(p + i));
  for (; i < n; ++i) any |= p[i];
  return any != 0;
}

// Takes bits [b, e) of the bit set `bits` (b < e) when none of them is set yet, and says whether it
// did: the token span of a candidate, against those taken already.
bool TakeTokens(uint64_t* bits, uint32_t b, uint32_t e) {
  const uint32_t w = b / 64;
  if ((e - 1) / 64 == w) {  // within one word, as most spans are: their bits as one mask
    const uint64_t mask = ((uint64_t{2} << (e - 1 - b)) - 1) << (b % 64);
    if (bits[w] & mask) return false;
    bits[w] |= mask;
    return true;
  }
  for (uint32_t i = b; i < e; ++i)
    if (bits[i / 64] >> (i % 64) & 1) return false;
  for (uint32_t i = b; i < e; ++i) bits[i / 64] |= uint64_t{1} << (i % 64);
  return true;
}

}  // namespace

size_t FindMentions(const Lexicon& lex, const Text& text, const Sentence& s, uint32_t sentence_index,
                  const SentenceGrammar& g, const std::vector<uint8_t>& claimed, std::vector<Mention>* out_mentions) {
  // A phrase match whose entries passed the checks below (kept[first, first + count)).
  struct Cand {
    uint32_t token_begin, token_end;
    uint32_t first, count;
    int priority;         // the highest priority of its entries' kinds (KindsPriority)
    uint32_t num_places;  // place entries among them
    bool won;             // it took its tokens and yields a pick
  };
  // A candidate that won its tokens and yields a mention (small: picks are kept in text order and filtered).
  struct Pick {
    uint32_t token_begin, token_end;
    uint32_t first, count, num_places;
    EntryKind best;
    bool in_parentheses;
  };
  // A pick that survived the filters, with its Mention fields read from its entries: agents are
  // composed on these light records, and only the mentions that remain are written to `out` (no
  // Mention is built, moved or dropped on the way).
  struct Part {
    uint32_t token_begin, token_end;  // the mention's tokens (composition widens them)
    uint32_t own_begin, own_end;      // the pick's own tokens (Mention::text, Mention::key)
    uint32_t first, count, num_places;  // its entries: kept[first, first + count)
    // The Mention fields of the same names.
    MentionKind kind;
    bool in_parentheses, demonym, topic;
    int actor, agent, country, source;
    std::string_view modifier;
    // The trigger senses the mention carries: the non-discard event entries of kept[events_first,
    // + events_count) (its own, or those of an agent noun merged into it), when has_events.
    bool has_events;
    uint32_t events_first, events_count;
    // Made empty (parts.emplace_back() zeroes no field): the pick loop below writes every one.
    Part() {}
  };
  // Scratch buffers reused across calls on this thread (FindMentions runs once per sentence).
  thread_local std::vector<LexMatch> matches;
  struct Kept {
    Entry e;
    bool exact;  // a place whose phrase is spelled as the text
  };
  // kept, cands, orders and picks only grow: their first num_kept, num_cands and num_picks (below)
  // elements are this sentence's (written through a pointer, without push_back's capacity test).
  thread_local std::vector<Kept> kept;
  thread_local std::vector<Cand> cands;
  thread_local std::vector<uint64_t> orders;  // the candidates' selection orders (below)
  thread_local std::vector<Pick> picks;
  thread_local std::vector<Part> parts;
  thread_local std::vector<uint64_t> owned;  // bit i: token s.token_begin + i is taken by a candidate
  thread_local std::string fold_a, fold_b, written;
  matches.clear(), parts.clear();
  uint32_t num_kept = 0, num_cands = 0;
  // (Half the matches would be lower-case words that only proper names spell, "police" a town in
  // Poland: Match leaves them out, as their entries' capitalisation flags alone refuse them all.)
  lex.Match(text, s.token_begin, s.token_end, &matches, /*skip_lowercase_names=*/true);
  // The text of tokens [b, e) (Text::span without its bounds check: tokens lie in the text).
  auto words = [&text](uint32_t b, uint32_t e) {
    const uint32_t from = text.tokens[b].begin;
    return std::string_view(text.text.data() + from, text.tokens[e - 1].end - from);
  };
  // Keep the entries whose capitalisation fits; drop single stopwords as names.
  // (Most sentences claim no token: their matches are not checked token by token.)
  const bool any_claimed = AnyNonZero(claimed.data(), claimed.size());
  if (cands.size() < matches.size()) cands.resize(matches.size()), orders.resize(matches.size());
  size_t kept_size = kept.size();
  for (const LexMatch& m : matches) {
    if (any_claimed) {
      uint8_t blocked = 0;
      for (uint32_t i = m.token_begin; i < m.token_end; ++i) blocked |= claimed[i - s.token_begin];
      if (blocked) continue;  // dates and figures are never names or triggers ("in March 2022")
    }
    // Lexicon::CaseOk depends on the entry's capitalisation flags only: kNeedsCapital asks whether
    // the first token is capitalised (or no word), answered here once per match (FirstCapitalOk);
    // kNeedsAllCaps (which CaseOk tests first) reads every word, asked once per match when an entry needs it.
    const bool capital_ok = Lexicon::FirstCapitalOk(text, m);
    const uint32_t len = m.token_end - m.token_begin;
    Cand c{m.token_begin, m.token_end, num_kept, 0, 0, 0, false};
    if (kept_size < num_kept + m.entry_count)
      kept.resize(std::max<size_t>(2 * kept_size, num_kept + m.entry_count)), kept_size = kept.size();
    Kept* const kept_out = kept.data();
    // The match's words (asked only for places and countries: most matches have none left).
    auto raw = [&words, &m] { return words(m.token_begin, m.token_end); };
    // The last place phrase compared with `raw`, and the answer. (`written` is `raw` folded, for
    // places only, when first needed: emptied at the match's first phrase.)
    std::string_view last_phrase;
    bool last_exact = true;
    int8_t all_caps_ok = -1;  // unknown, no, yes
    // The match's own conditions of the checks below, asked once: one word that is a function word;
    // one word that opens the sentence; several words, the last a lower-case town designator.
    const bool lone_stopword = len == 1 && (g.cls(m.token_begin) & kStopword);
    const bool lone_opener = len == 1 && m.token_begin == s.token_begin;
    const bool lowercase_designator = len > 1 && EndsInLowercaseDesignator(text, m);
    uint32_t kinds = 0;  // bit k: an entry of EntryKind k is kept
    for (uint32_t k = 0; k < m.entry_count; ++k) {
      Entry e = lex.entry(m.entry_begin + k);
      if (e.flags & kNeedsAllCaps) {
        if (all_caps_ok < 0) all_caps_ok = Lexicon::CaseOk(text, m, e);
        if (!all_caps_ok) continue;
      } else if ((e.flags & kNeedsCapital) && !capital_ok) {
        continue;
      }
      // (The checks are filters: each drops the entry or lets it on, whatever their order.)
      // (An acronym matched in capitals is a name even when its letters spell a function word: "IS".)
      const bool stopword_name = lone_stopword && !(e.flags & kNeedsAllCaps);
      bool exact = true;
      if (e.kind == EntryKind::kPlace) {
        if (stopword_name) continue;
        // "Salem city" is Salem and a noun, not the place named "Salem City".
        if (lowercase_designator && LastWordCapitalised(lex.EntryPhrase(m.entry_begin + k)) &&
            ShorterMatchIsATown(lex, text, matches, m))
          continue;
        // A one-word proper name at the start of a sentence may just be a capitalised word.
        if (lone_opener && (e.flags & kAltName)) continue;
        // A country whose name opens with an article is not reached without it: "Salvador" is the
        // Brazilian city, "El Salvador" the country (the matcher skips a free-standing "el").
        if ((e.flags & kCountryPlace) && NameIsArticlePlus(lex.place(e.index).name, raw(), &fold_a, &fold_b))
          continue;
        // Whether a place's name is spelled as written (up to case and diacritics). The places of
        // one name share its phrase string in the lexicon: compare each phrase once.
        std::string_view phrase = lex.EntryPhrase(m.entry_begin + k);
        if (phrase.data() != last_phrase.data() || phrase.size() != last_phrase.size()) {
          if (last_phrase.data() == nullptr) written.clear();
          last_phrase = phrase;
          last_exact = FoldsEqual(raw(), phrase, &written);
        }
        exact = last_exact;
        ++c.num_places;
      } else {
        if (stopword_name && (e.kind == EntryKind::kActor || e.kind == EntryKind::kCountry || e.kind == EntryKind::kSource))
          continue;
        if (e.kind == EntryKind::kCountry && !(e.flags & kDemonym) &&
            NameIsArticlePlus(lex.country_name(e.index), raw(), &fold_a, &fold_b))
          continue;
      }
      // (A discard sense of an event is kept too: it still claims its words.)
      kept_out[num_kept++] = {e, exact};
      kinds |= 1u << static_cast<uint8_t>(e.kind);
    }
    c.priority = KindsPriority(kinds);
    c.count = num_kept - c.first;
    if (c.count == 0) continue;
    // Its selection order as one number (larger first): length, priority, then the leftmost, told
    // by its index (the candidates come in the matches' order, by first token: of two with the
    // same length, the one of the smaller index starts first), which the number also gives back.
    orders[num_cands] = uint64_t{len} << 40 | uint64_t(c.priority) << 32 | ~num_cands;
    cands[num_cands++] = c;
  }
  // Longest first, then by kind priority, then leftmost; a token belongs to one mention. (Match
  // finds one phrase per token span, so no two candidates tie: any sort orders them as a stable
  // sort would.) A candidate's fate depends only on those it overlaps, and theirs on those they
  // overlap: the candidates, in text order, fall into clusters linked by overlaps, each decided on
  // its own. A lone candidate (most of them) takes its tokens without a sort or a test; a cluster's
  // few orders are sorted by insertion and its tokens taken in a bit set.
  // The outcome of a candidate that took its tokens: a trigger whose senses are all discards
  // claimed its words and yields nothing; any other kind (the highest priority entry's) wins.
  auto take = [&](Cand& c) {
    if (KindOfPriority(c.priority) == EntryKind::kEvent) {
      bool any = false;
      for (uint32_t k = c.first; k < c.first + c.count && !any; ++k)
        any = kept[k].e.kind == EntryKind::kEvent && !lex.event_discard(kept[k].e.index);
      if (!any) return;
    }
    c.won = true;
  };
  uint64_t* const order_of = orders.data();
  bool owned_clear = false;  // (the clusters' token ranges are disjoint: one bit set serves all)
  for (uint32_t a = 0; a < num_cands;) {
    uint32_t b = a + 1, cluster_end = cands[a].token_end;
    for (; b < num_cands && cands[b].token_begin < cluster_end; ++b) cluster_end = std::max(cluster_end, cands[b].token_end);
    if (b == a + 1) {
      take(cands[a]);
      a = b;
      continue;
    }
    for (uint32_t i = a + 1; i < b; ++i) {
      const uint64_t x = order_of[i];
      uint32_t j = i;
      for (; j > a && order_of[j - 1] < x; --j) order_of[j] = order_of[j - 1];
      order_of[j] = x;
    }
    if (!owned_clear) owned.assign((s.token_end - s.token_begin + 63) / 64, 0), owned_clear = true;
    for (uint32_t oi = a; oi < b; ++oi) {
      Cand& c = cands[~static_cast<uint32_t>(order_of[oi])];
      if (TakeTokens(owned.data(), c.token_begin - s.token_begin, c.token_end - s.token_begin)) take(c);
    }
    a = b;
  }
  // The picks in text order: the winners in the candidates' order (they do not overlap).
  if (picks.size() < num_cands) picks.resize(num_cands);
  Pick* const pick_out = picks.data();
  uint32_t num_picks = 0;
  for (uint32_t ci = 0; ci < num_cands; ++ci)
    if (const Cand& c = cands[ci]; c.won)
      pick_out[num_picks++] = {c.token_begin, c.token_end, c.first, c.count, c.num_places, KindOfPriority(c.priority), false};
  // Parenthesised mentions: "(Goma, Nord-Kivu)" gives context, not the event's place.
  // (Most sentences hold no parenthesis: their bytes say so faster than their tokens.)
  auto has_parenthesis = [&] {
    const uint32_t b = text.tokens[s.token_begin].begin, e = text.tokens[s.token_end - 1].end;
    return std::memchr(text.text.data() + b, '(', e - b) != nullptr;
  };
  if (num_picks > 0 && has_parenthesis()) {
    // (Each pick starts at its own token, in order: the next one's start is the one to watch.)
    int depth = 0;
    size_t pi = 0;
    uint32_t next = picks[0].token_begin;
    for (uint32_t i = s.token_begin; i < s.token_end; ++i) {
      int p = Paren(text, i);
      if (p > 0) ++depth;
      else if (p < 0 && depth > 0) --depth;
      if (i == next) {
        picks[pi++].in_parentheses = depth > 0;
        if (pi == num_picks) break;
        next = picks[pi].token_begin;
      }
    }
  }
  // A place or actor name that is only a piece of a longer capitalised name is no mention of it:
  // "Used Car Dealers", "Daw U Khu Ward", "General Union of ... Workers".
  auto capital_word = [&](uint32_t i) {
    const Token& t = text.tokens[i];
    return t.kind == TokenKind::kWord && t.has(kCapitalized) && !(g.cls(i) & kStopword) && !t.has(kSkippable);
  };
  auto word = [&](uint32_t i) {  // Text::token_text without its bounds check (tokens lie in the text)
    const Token& t = text.tokens[i];
    return std::string_view(text.text.data() + t.begin, t.end - t.begin);
  };
  // (Cheap token flags are tested before the word lists.)
  auto piece_of_longer_name = [&](const Pick& m) {
    if (m.best != EntryKind::kPlace) return false;
    const uint32_t b = m.token_begin, e = m.token_end;
    const auto& tok = text.tokens;
    // A capitalised word before, unless it opens the sentence ("Police in ...").
    if (b > s.token_begin + 1) {
      if (capital_word(b - 1) && !tok[b - 1].has(kAbbrev)) return true;
      // Joined through a lower-case particle to a capitalised word: the piece of a longer name.
      if (b >= s.token_begin + 3 && capital_word(b - 2) && tok[b - 1].has(kSpaceBefore) && IsParticle(word(b - 1)))
        return true;
    }
    if (e < s.token_end && capital_word(e) && tok[e].has(kSpaceBefore) && !IsDesignator(word(e))) return true;
    // One word heading an "X of Y" name: "University of Vermont", "Bank of Ghana".
    if (e == b + 1 && e + 1 < s.token_end && capital_word(e + 1) && word(e) == "of") return true;
    return e + 1 < s.token_end && capital_word(e + 1) && tok[e].has(kSpaceBefore) && tok[e + 1].has(kSpaceBefore) &&
           !IsDesignator(word(e + 1)) && IsParticle(word(e));
  };
  // The Mention fields of each other pick, from its entries.
  for (uint32_t pi = 0; pi < num_picks; ++pi) {
    const Pick& pick = pick_out[pi];
    if (piece_of_longer_name(pick)) continue;
    const EntryKind best = pick.best;
    Part& p = parts.emplace_back();
    p.token_begin = p.own_begin = pick.token_begin;
    p.token_end = p.own_end = pick.token_end;
    p.first = pick.first, p.count = pick.count, p.num_places = pick.num_places;
    p.in_parentheses = pick.in_parentheses;
    p.demonym = p.topic = false;
    p.actor = p.agent = p.country = p.source = -1;
    p.modifier = {};
    p.has_events = false;
    p.events_first = p.first, p.events_count = p.count;
    // (A place reads nothing here: its entries' kinds fill none of these fields, and it carries no
    // trigger. Most picks are places, many with a long list of candidates.)
    for (uint32_t k = p.first; best != EntryKind::kPlace && k < p.first + p.count; ++k) {
      const Entry& e = kept[k].e;
      // A weapon that is also an agent ("artillery", "drones") is both: it names who and what happened.
      if (e.kind == EntryKind::kEvent && (best == EntryKind::kAgent || best == EntryKind::kEvent) && !p.has_events &&
          !lex.event_discard(e.index))
        p.has_events = true;
      if (e.kind == best) {
        switch (e.kind) {
          case EntryKind::kActor: if (p.actor < 0) p.actor = static_cast<int>(e.index); break;
          case EntryKind::kAgent: if (p.agent < 0) p.agent = static_cast<int>(e.index); break;
          case EntryKind::kCountry:
            if (p.country < 0) { p.country = static_cast<int>(e.index); p.demonym = e.flags & kDemonym; }
            break;
          case EntryKind::kSource: if (p.source < 0) p.source = static_cast<int>(e.index); break;
          case EntryKind::kModifier: p.modifier = lex.modifier(e.index).meaning; break;
          default: break;
        }
      }
    }
    switch (best) {
      case EntryKind::kActor: p.kind = MentionKind::kActor; break;
      case EntryKind::kSource: p.kind = MentionKind::kSource; break;
      case EntryKind::kAgent: p.kind = MentionKind::kAgent; break;
      case EntryKind::kCountry: p.kind = MentionKind::kCountry; break;
      case EntryKind::kEvent: p.kind = MentionKind::kTrigger; break;
      case EntryKind::kModifier: p.kind = MentionKind::kAgent; p.agent = -2; break;  // a bare modifier: glued below
      case EntryKind::kPlace: p.kind = MentionKind::kPlace; break;
    }
  }
  // Compose agents with the modifiers and demonyms right before them: "Syrian government troops",
  // "pro-Russian separatists", "unknown gunmen", "regime forces". In place: the composed parts
  // are parts[0, n), a stack that never reaches past the part being read (parts[k], k >= n).
  // (A country's tokens are never widened here, and its topic below reads only them.)
  size_t n = 0;
  for (size_t k = 0; k < parts.size(); ++k) {
    Part& m = parts[k];
    if (m.kind == MentionKind::kAgent && m.agent == -2) {
      // A modifier glues to the agent that follows within two tokens; else it is dropped.
      if (k + 1 < parts.size() && parts[k + 1].kind == MentionKind::kAgent && parts[k + 1].agent >= 0 &&
          parts[k + 1].token_begin <= m.token_end + 1) {
        parts[k + 1].token_begin = m.token_begin;
        if (parts[k + 1].modifier.empty()) parts[k + 1].modifier = m.modifier;
        // An earlier demonym glued to the modifier: "Syrian regime forces".
        if (n > 0) {
          const Part& last = parts[n - 1];
          if (last.kind == MentionKind::kCountry && last.demonym && last.token_end + 1 >= m.token_begin &&
              last.token_end <= m.token_begin) {
            parts[k + 1].country = last.country;
            parts[k + 1].token_begin = last.token_begin;
            --n;
          }
        }
      }
      continue;
    }
    // Apposition: "the jihadist group Hayat Tahrir al-Sham" is the named group.
    if (m.kind == MentionKind::kActor && n > 0 && parts[n - 1].kind == MentionKind::kAgent &&
        parts[n - 1].token_end == m.token_begin) {
      m.token_begin = parts[n - 1].token_begin;
      --n;
    }
    // A named group or an agent followed by a generic noun is one mention: "JNIM militants",
    // "Houthi forces", "army forces", "security forces personnel".
    if (m.kind == MentionKind::kAgent && m.agent >= 0 && n > 0 && parts[n - 1].token_end == m.token_begin &&
        !parts[n - 1].in_parentheses &&
        (parts[n - 1].kind == MentionKind::kActor || (parts[n - 1].kind == MentionKind::kAgent && parts[n - 1].agent >= 0))) {
      Part& prev = parts[n - 1];
      prev.token_end = m.token_end;
      if (prev.kind == MentionKind::kAgent) {
        if (prev.country < 0) prev.country = m.country;
        prev.agent = m.agent;  // the head noun decides: "government forces" are forces
      }
      if (m.has_events && !prev.has_events)
        prev.has_events = true, prev.events_first = m.events_first, prev.events_count = m.events_count;
      continue;
    }
    if (m.kind == MentionKind::kAgent && n > 0) {
      Part& prev = parts[n - 1];
      if ((prev.kind == MentionKind::kCountry) && prev.token_end + 1 >= m.token_begin && !prev.in_parentheses) {
        // "Syrian troops", "Russia's army", "Turkish-backed" fighters.
        if (m.country < 0) m.country = prev.country;
        m.token_begin = prev.token_begin;
        --n;
      }
    }
    if (n != k) parts[n] = m;
    ++n;
  }
  parts.resize(n);
  // Countries named as the subject of a report rather than its place: after a war or diplomacy noun
  // ("the war in Ukraine", "the invasion of Ukraine", "solidarity with Ukraine", "the Russian embassy",
  // "the Russian invasion") or after "against".
  for (Part& m : parts) {
    if (m.kind != MentionKind::kCountry) continue;
    if (m.demonym) {
      uint32_t j = m.token_end;
      m.topic = j < s.token_end && IsTopicNoun(text.token_text(j)) && text.token_text(j) != "people" &&
                text.token_text(j) != "refugees";
      continue;
    }
    uint32_t j = m.token_begin;
    while (j > s.token_begin && (g.cls(j - 1) & kDeterminer)) --j;
    if (j == s.token_begin) continue;
    std::string_view prep = text.token_text(j - 1);
    if (prep == "against" || prep == "Against") m.topic = true;
    else if ((g.cls(j - 1) & kPreposition) && j - 1 > s.token_begin) {
      uint32_t k = j - 2;
      if (text.token_text(k) == "'s" || text.token_text(k) == "\xE2\x80\x99s") continue;
      m.topic = IsTopicNoun(text.token_text(k));
    }
  }
  // The mentions. The vector's elements are reused, every field written, and it never shrinks: their
  // lists keep their storage, and no Mention is constructed or destroyed for most sentences.
  std::vector<Mention>& out = *out_mentions;
  if (out.size() < parts.size()) out.resize(parts.size());
  for (size_t pi = 0; pi < parts.size(); ++pi) {
    const Part& p = parts[pi];
    Mention& mn = out[pi];
    mn.kind = p.kind;
    mn.token_begin = p.token_begin;
    mn.token_end = p.token_end;
    mn.sentence = sentence_index;
    uint32_t* places = mn.places.Overwrite(p.num_places);
    uint8_t* place_exact = mn.place_exact.Overwrite(p.num_places);
    if (p.num_places > 0)
      for (uint32_t k = p.first; k < p.first + p.count; ++k)
        if (kept[k].e.kind == EntryKind::kPlace) *places++ = kept[k].e.index, *place_exact++ = kept[k].exact;
    mn.actor = p.actor;
    mn.agent = p.agent;
    mn.country = p.country;
    mn.modifier = p.modifier;
    mn.source = p.source;
    mn.events.clear();
    if (p.has_events)
      for (uint32_t k = p.events_first; k < p.events_first + p.events_count; ++k)
        if (kept[k].e.kind == EntryKind::kEvent && !lex.event_discard(kept[k].e.index)) mn.events.push_back(kept[k].e.index);
    mn.in_parentheses = p.in_parentheses;
    mn.demonym = p.demonym;
    mn.topic = p.topic;
    mn.text = words(p.own_begin, p.own_end);
    // (Place and country mentions keep their own tokens: the key of their one word is theirs.)
    mn.key = 0;
    if ((p.kind == MentionKind::kPlace || p.kind == MentionKind::kCountry) && p.own_end == p.own_begin + 1 &&
        text.tokens[p.own_begin].kind == TokenKind::kWord)
      mn.key = text.tokens[p.own_begin].key;
  }
  return parts.size();
}

}  // namespace sitrep
