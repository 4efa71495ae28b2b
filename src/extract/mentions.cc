#include "extract/mentions.h"

#include <algorithm>

namespace sitrep {
namespace {

int KindPriority(EntryKind k) {
  switch (k) {
    case EntryKind::kActor: return 7;
    case EntryKind::kSource: return 6;
    case EntryKind::kAgent: return 5;
    case EntryKind::kCountry: return 4;
    case EntryKind::kEvent: return 3;
    case EntryKind::kModifier: return 2;
    case EntryKind::kPlace: return 1;
  }
  return 0;
}

// Whether the match ends in a lower-case town designator ("city", "town", "village") where the
// phrase has a capitalised word: "Salem city" against the phrase "Salem City" (in Virginia).
// Admin designators ("Sagaing region", "Okara district") name the admin area and stay.
bool LowercaseDesignatorForName(const Text& text, const LexMatch& m, std::string_view phrase) {
  static constexpr std::string_view kWords[] = {"city", "town", "village"};
  std::string_view last = text.token_text(m.token_end - 1);
  bool designator = false;
  for (auto w : kWords) designator |= last == w;
  if (!designator) return false;
  size_t space = phrase.find_last_of(' ');
  return space != std::string_view::npos && space + 1 < phrase.size() && phrase[space + 1] >= 'A' && phrase[space + 1] <= 'Z';
}

// Whether the match without its last word is a place name that is not a country's: "Salem"
// for "Salem city", but not "Kuwait" for "Kuwait city".
bool ShorterMatchIsATown(const Lexicon& lex, const std::vector<LexMatch>& matches, const LexMatch& m) {
  bool place = false;
  for (const LexMatch& o : matches) {
    if (o.token_begin != m.token_begin || o.token_end + 1 != m.token_end) continue;
    for (uint32_t k = 0; k < o.entry_count; ++k) {
      EntryKind kind = lex.entry(o.entry_begin + k).kind;
      if (kind == EntryKind::kCountry) return false;
      place |= kind == EntryKind::kPlace;
    }
  }
  return place;
}

bool EqualsAsciiCaseless(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    unsigned char x = static_cast<unsigned char>(a[i]), y = static_cast<unsigned char>(b[i]);
    if (x == y) continue;
    if ((x | 0x20) != (y | 0x20) || (x | 0x20) < 'a' || (x | 0x20) > 'z') return false;
  }
  return true;
}

}  // namespace

std::vector<Mention> FindMentions(const Lexicon& lex, const Text& text, const Sentence& s, uint32_t sentence_index,
                                  const SentenceGrammar& g, const std::vector<bool>& claimed) {
  // Scratch buffers reused across calls on this thread (FindMentions runs once per sentence).
  struct Cand {
    LexMatch m;
    uint32_t first, count;  // the entries kept, in `kept`
    int priority;
    uint32_t len;
  };
  thread_local std::vector<LexMatch> matches;
  thread_local std::vector<Entry> kept;
  thread_local std::vector<uint8_t> kept_exact;  // per kept entry: its phrase is spelled as the text
  thread_local std::vector<Cand> cands;
  thread_local std::vector<int> owner;
  matches.clear(), kept.clear(), kept_exact.clear(), cands.clear();
  lex.Match(text, s.token_begin, s.token_end, &matches);
  // Keep the entries whose capitalisation fits; drop single stopwords as names.
  for (const LexMatch& m : matches) {
    bool blocked = false;
    for (uint32_t i = m.token_begin; i < m.token_end; ++i) blocked |= claimed[i - s.token_begin];
    if (blocked) continue;  // dates and figures are never names or triggers ("in March 2022")
    Cand c{m, static_cast<uint32_t>(kept.size()), 0, 0, m.token_end - m.token_begin};
    std::string written;  // the matched words folded, for places only
    for (uint32_t k = 0; k < m.entry_count; ++k) {
      Entry e = lex.entry(m.entry_begin + k);
      if (!Lexicon::CaseOk(text, m, e)) continue;
      bool name = e.kind == EntryKind::kPlace || e.kind == EntryKind::kActor || e.kind == EntryKind::kCountry ||
                  e.kind == EntryKind::kSource;
      // (An acronym matched in capitals is a name even when its letters spell a function word: "IS".)
      if (name && c.len == 1 && (g.cls(m.token_begin) & kStopword) && !(e.flags & kNeedsAllCaps)) continue;
      // "Salem city" is Salem and a noun, not the place named "Salem City".
      if (e.kind == EntryKind::kPlace && c.len > 1 && LowercaseDesignatorForName(text, m, lex.EntryPhrase(m.entry_begin + k)) &&
          ShorterMatchIsATown(lex, matches, m))
        continue;
      // A one-word proper name at the start of a sentence may just be a capitalised word.
      if (e.kind == EntryKind::kPlace && c.len == 1 && m.token_begin == s.token_begin &&
          (e.flags & kAltName))
        continue;
      // A country whose name opens with an article is not reached without it: "Salvador" is the
      // Brazilian city, "El Salvador" the country (the matcher skips a free-standing "el").
      bool country_place = e.kind == EntryKind::kPlace && lex.place(e.index).feature_code == "PCLI";
      if ((e.kind == EntryKind::kCountry && !(e.flags & kDemonym)) || country_place) {
        std::string name = FoldText(country_place ? lex.place(e.index).name : lex.country(e.index).name);
        std::string said = FoldText(text.span(text.tokens[m.token_begin].begin, text.tokens[m.token_end - 1].end));
        if (name == "el " + said || name == "al " + said) continue;
      }
      kept.push_back(e);  // a discard sense of an event still claims its words
      bool exact = true;
      if (e.kind == EntryKind::kPlace) {
        std::string_view raw = text.span(text.tokens[m.token_begin].begin, text.tokens[m.token_end - 1].end);
        std::string_view phrase = lex.EntryPhrase(m.entry_begin + k);
        exact = EqualsAsciiCaseless(raw, phrase);  // the common case, without folding
        if (!exact) {
          if (written.empty()) written = FoldText(raw);
          exact = FoldText(phrase) == written;
        }
      }
      kept_exact.push_back(exact);
      c.priority = std::max(c.priority, KindPriority(e.kind));
    }
    c.count = static_cast<uint32_t>(kept.size()) - c.first;
    if (c.count > 0) cands.push_back(c);
  }
  // Longest first, then by kind priority, then leftmost; a token belongs to one mention.
  std::stable_sort(cands.begin(), cands.end(), [](const Cand& a, const Cand& b) {
    if (a.len != b.len) return a.len > b.len;
    if (a.priority != b.priority) return a.priority > b.priority;
    return a.m.token_begin < b.m.token_begin;
  });
  owner.assign(s.token_end - s.token_begin, -1);
  std::vector<Mention> out;
  for (const Cand& c : cands) {
    bool free = true;
    for (uint32_t i = c.m.token_begin; i < c.m.token_end; ++i) free &= owner[i - s.token_begin] < 0;
    if (!free) continue;
    for (uint32_t i = c.m.token_begin; i < c.m.token_end; ++i) owner[i - s.token_begin] = static_cast<int>(out.size());
    const Entry* entries = kept.data() + c.first;
    const Entry* entries_end = entries + c.count;
    Mention mn{};
    mn.token_begin = c.m.token_begin;
    mn.token_end = c.m.token_end;
    mn.text = text.span(text.tokens[mn.token_begin].begin, text.tokens[mn.token_end - 1].end);
    mn.sentence = sentence_index;
    // The kind: the highest priority entry; places kept as candidates of a country or place mention.
    EntryKind best = EntryKind::kPlace;
    int bp = -1;
    for (const Entry* e = entries; e != entries_end; ++e)
      if (KindPriority(e->kind) > bp) { bp = KindPriority(e->kind); best = e->kind; }
    bool discard = false;
    for (const Entry* ep = entries; ep != entries_end; ++ep) {
      const Entry& e = *ep;
      if (e.kind == EntryKind::kPlace) {
        mn.places.push_back(e.index);
        mn.place_exact.push_back(kept_exact[static_cast<size_t>(ep - kept.data())]);
      }
      // A weapon that is also an agent ("artillery", "drones") is both: it names who and what happened.
      if (e.kind == EntryKind::kEvent && best == EntryKind::kAgent && !lex.event(e.index).discard)
        mn.events.push_back(e.index);
      if (e.kind == best) {
        switch (e.kind) {
          case EntryKind::kActor: if (mn.actor < 0) mn.actor = static_cast<int>(e.index); break;
          case EntryKind::kAgent: if (mn.agent < 0) mn.agent = static_cast<int>(e.index); break;
          case EntryKind::kCountry:
            if (mn.country < 0) { mn.country = static_cast<int>(e.index); mn.demonym = e.flags & kDemonym; }
            break;
          case EntryKind::kSource: if (mn.source < 0) mn.source = static_cast<int>(e.index); break;
          case EntryKind::kEvent:
            if (lex.event(e.index).discard) discard = true;
            else mn.events.push_back(e.index);
            break;
          case EntryKind::kModifier: mn.modifier = lex.modifier(e.index).meaning; break;
          default: break;
        }
      }
    }
    switch (best) {
      case EntryKind::kActor: mn.kind = MentionKind::kActor; break;
      case EntryKind::kSource: mn.kind = MentionKind::kSource; break;
      case EntryKind::kAgent: mn.kind = MentionKind::kAgent; break;
      case EntryKind::kCountry: mn.kind = MentionKind::kCountry; break;
      case EntryKind::kEvent: mn.kind = MentionKind::kTrigger; break;
      case EntryKind::kModifier: mn.kind = MentionKind::kAgent; mn.agent = -2; break;  // a bare modifier: glued below
      case EntryKind::kPlace: mn.kind = MentionKind::kPlace; break;
    }
    if (discard && mn.events.empty()) continue;  // claimed its words, yields nothing
    if (mn.kind == MentionKind::kTrigger && mn.events.empty()) continue;
    out.push_back(std::move(mn));
  }
  std::sort(out.begin(), out.end(), [](const Mention& a, const Mention& b) { return a.token_begin < b.token_begin; });
  // Parenthesised mentions: "(Goma, Nord-Kivu)" gives context, not the event's place.
  int depth = 0;
  size_t mi = 0;
  for (uint32_t i = s.token_begin; i < s.token_end; ++i) {
    std::string_view w = text.token_text(i);
    if (w == "(") ++depth;
    else if (w == ")" && depth > 0) --depth;
    while (mi < out.size() && out[mi].token_begin == i) out[mi++].in_parentheses = depth > 0;
  }
  // A place or actor name that is only a piece of a longer capitalised name is no mention of it:
  // "Used Car Dealers", "Daw U Khu Ward", "General Union of ... Workers".
  auto capital_word = [&](uint32_t i) {
    const Token& t = text.tokens[i];
    return t.kind == TokenKind::kWord && t.has(kCapitalized) && !(g.cls(i) & kStopword) && !t.has(kSkippable);
  };
  auto designator = [&](uint32_t i) {
    static constexpr std::string_view kWords[] = {"City", "Province", "Governorate", "District", "Region", "State",
                                                  "Oblast", "County", "Township", "Village", "Town", "Municipality",
                                                  "Department", "Prefecture", "Division", "Raion", "Area", "Camp"};
    std::string_view w = text.token_text(i);
    for (auto k : kWords)
      if (w == k) return true;
    return false;
  };
  // Name particles inside Arabic, Spanish, Portuguese and similar place names: "Ghadir al Bostan",
  // "Villa de Reyes", "Ras el Ain", "Kafr bin Hassan".
  auto particle = [&](uint32_t i) {
    static constexpr std::string_view kWords[] = {"al", "el", "ad", "ar", "as", "ash", "at", "az", "an", "adh", "ath",
                                                  "ed", "er", "es", "en", "ez", "bin", "ibn", "de", "del", "la",
                                                  "los", "las", "do", "da", "dos", "das", "di", "du"};
    std::string_view w = text.token_text(i);
    for (auto k : kWords)
      if (w == k) return true;
    return false;
  };
  out.erase(std::remove_if(out.begin(), out.end(), [&](const Mention& m) {
              if (m.kind != MentionKind::kPlace) return false;
              bool before = m.token_begin > s.token_begin && capital_word(m.token_begin - 1) &&
                            !text.tokens[m.token_begin - 1].has(kAbbrev);
              bool after = m.token_end < s.token_end && capital_word(m.token_end) && !designator(m.token_end) &&
                           text.tokens[m.token_end].has(kSpaceBefore);
              // One word heading an "X of Y" name: "University of Vermont", "Bank of Ghana".
              after |= m.token_end == m.token_begin + 1 && m.token_end + 1 < s.token_end &&
                       text.token_text(m.token_end) == "of" && capital_word(m.token_end + 1);
              // Joined through a lower-case particle to a capitalised word: the piece of a longer name.
              before |= m.token_begin >= s.token_begin + 3 && particle(m.token_begin - 1) &&
                        capital_word(m.token_begin - 2) && text.tokens[m.token_begin - 1].has(kSpaceBefore);
              after |= m.token_end + 1 < s.token_end && particle(m.token_end) && capital_word(m.token_end + 1) &&
                       !designator(m.token_end + 1) && text.tokens[m.token_end].has(kSpaceBefore) &&
                       text.tokens[m.token_end + 1].has(kSpaceBefore);
              if (m.token_begin > s.token_begin && m.token_begin - 1 == s.token_begin) before = false;  // "Police in ..."
              return before || after;
            }),
            out.end());
  // Countries named as the subject of a report rather than its place: after a war or diplomacy noun
  // ("the war in Ukraine", "the invasion of Ukraine", "solidarity with Ukraine", "the Russian embassy",
  // "the Russian invasion") or after "against".
  auto topic_noun = [&](uint32_t i) {
    static constexpr std::string_view kWords[] = {
        "war", "invasion", "aggression", "occupation", "conflict", "crisis", "offensive", "embassy", "embassies",
        "consulate", "solidarity", "support", "sanctions", "annexation", "people", "government", "regime",
        "president", "leader", "flag", "flags", "products", "goods", "gas", "oil", "refugees", "victims"};
    std::string_view w = text.token_text(i);
    for (auto k : kWords)
      if (w == k) return true;
    return false;
  };
  for (Mention& m : out) {
    if (m.kind != MentionKind::kCountry) continue;
    if (m.demonym) {
      uint32_t j = m.token_end;
      m.topic = j < s.token_end && topic_noun(j) && text.token_text(j) != "people" && text.token_text(j) != "refugees";
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
      m.topic = topic_noun(k);
    }
  }
  // Compose agents with the modifiers and demonyms right before them: "Syrian government troops",
  // "pro-Russian separatists", "unknown gunmen", "regime forces".
  std::vector<Mention> composed;
  for (size_t k = 0; k < out.size(); ++k) {
    Mention m = out[k];
    if (m.kind == MentionKind::kAgent && m.agent == -2) {
      // A modifier glues to the agent that follows within two tokens; else it is dropped.
      if (k + 1 < out.size() && out[k + 1].kind == MentionKind::kAgent && out[k + 1].agent >= 0 &&
          out[k + 1].token_begin <= m.token_end + 1) {
        out[k + 1].token_begin = m.token_begin;
        if (out[k + 1].modifier.empty()) out[k + 1].modifier = m.modifier;
        for (auto it = composed.rbegin(); it != composed.rend(); ++it) {
          // An earlier demonym glued to the modifier: "Syrian regime forces".
          if (it->kind == MentionKind::kCountry && it->demonym && it->token_end + 1 >= m.token_begin &&
              it->token_end <= m.token_begin) {
            out[k + 1].country = it->country;
            out[k + 1].token_begin = it->token_begin;
            composed.erase(std::next(it).base());
          }
          break;
        }
      }
      continue;
    }
    // Apposition: "the jihadist group Hayat Tahrir al-Sham" is the named group.
    if (m.kind == MentionKind::kActor && !composed.empty() && composed.back().kind == MentionKind::kAgent &&
        composed.back().token_end == m.token_begin) {
      m.token_begin = composed.back().token_begin;
      composed.pop_back();
    }
    // A named group or an agent followed by a generic noun is one mention: "JNIM militants",
    // "Houthi forces", "army forces", "security forces personnel".
    if (m.kind == MentionKind::kAgent && m.agent >= 0 && !composed.empty() && composed.back().token_end == m.token_begin &&
        !composed.back().in_parentheses &&
        (composed.back().kind == MentionKind::kActor || (composed.back().kind == MentionKind::kAgent && composed.back().agent >= 0))) {
      Mention& prev = composed.back();
      prev.token_end = m.token_end;
      if (prev.kind == MentionKind::kAgent) {
        if (prev.country < 0) prev.country = m.country;
        prev.agent = m.agent;  // the head noun decides: "government forces" are forces
      }
      if (!m.events.empty() && prev.events.empty()) prev.events = m.events;
      continue;
    }
    if (m.kind == MentionKind::kAgent && !composed.empty()) {
      Mention& prev = composed.back();
      if ((prev.kind == MentionKind::kCountry) && prev.token_end + 1 >= m.token_begin && !prev.in_parentheses) {
        // "Syrian troops", "Russia's army", "Turkish-backed" fighters.
        if (m.country < 0) m.country = prev.country;
        m.token_begin = prev.token_begin;
        composed.pop_back();
      }
    }
    composed.push_back(std::move(m));
  }
  return composed;
}

}  // namespace sitrep
