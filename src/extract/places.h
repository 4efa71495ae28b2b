// Place resolution: a place mention's candidates → one gazetteer entry, by context.
// Internal to src/extract.
#ifndef SITREP_EXTRACT_PLACES_H_
#define SITREP_EXTRACT_PLACES_H_

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "extract/mentions.h"
#include "sitrep/lexicon.h"

namespace sitrep {

// What the whole document says about where it is.
struct PlaceContext {
  std::string focus_country;                  // ISO alpha-2 of the country the document is about, or ""
  bool focus_from_places = false;             // a place or a named group of that country is mentioned
  // Name keys (KeyHash of NameKey) of every place mentioned (admin context), each with the
  // mention that named it (nullptr when several did).
  // (Sorted by key, one entry per key.)
  std::vector<std::pair<uint64_t, const Mention*>> names;
  // A filter over `names` for NamedBesides: bit (key >> 56) of the 256 is set for every key in it.
  // Most keys asked about (candidates' admin areas) are not named, and leave at their bit.
  uint64_t name_bits[4] = {};
  std::vector<std::pair<double, double>> anchors;  // points of unambiguous places
  std::vector<uint32_t> admin1_areas;  // first-level admin areas the document names ("Kherson", "Ituri")

  // Caches of the functions below, filled by BuildPlaceContext: the gazetteer entry of every candidate
  // of a place or country mention is read once per document, not once per question asked of it.
  // A PlaceContext belongs to one Extract call on one thread; the lazily filled answers are `mutable`
  // for that reason (the context is not shared between threads).
  struct MentionPlaces {
    const Mention* mention = nullptr;
    uint32_t first = 0;        // the mention's candidates: candidates[first + k] is lex.place(m.places[k])
                               // (shared by the mentions of one kind with the same candidate list)
    bool compass = false;      // CompassWord(FoldText(m.text))
    bool in_focus = false;     // some candidate lies in focus_country
    mutable int resolved = -2;   // ResolvePlace's answer, -2 until asked
    mutable int8_t strong = -1;  // StrongPlace's answer, -1 until asked
  };
  std::vector<MentionPlaces> mention_places;  // place and country mentions, by Mention address
  std::vector<Place> candidates;
  std::vector<double> anchor_cos;  // per anchor: the cosine of its latitude
  // The cache entry of a mention, or nullptr when BuildPlaceContext did not see it.
  const MentionPlaces* Of(const Mention& m) const;
  // Empties the context, keeping the storage of its vectors.
  void Clear();
};

PlaceContext BuildPlaceContext(const Lexicon& lex, const std::vector<const Mention*>& mentions);
// The same into *ctx, which is cleared first (a caller that builds one context per document can
// reuse one PlaceContext and its storage).
void BuildPlaceContext(const Lexicon& lex, const std::vector<const Mention*>& mentions, PlaceContext* ctx);

// The best candidate (index into Lexicon places) for a place mention, or -1.
int ResolvePlace(const Lexicon& lex, const Mention& m, const PlaceContext& ctx);

// When the document names first-level admin areas of the resolved place's country but none
// that contains it, the place is a namesake of a village the gazetteer lacks ("Dobrianka,
// Kherson" reaching the Dobrianka of Chernihiv): the named area instead (its index), else `place`.
// Also, unless the mention is `strong` (StrongPlace), a place outside the document's country
// when the document names an admin area of that country ("Kale ..., Sagaing region").
int PreferNamedAdminArea(const Lexicon& lex, int place, const PlaceContext& ctx, bool strong);

// A bare compass word ("Nord", "East", "Sud") as a place name: admin areas of several countries.
bool CompassWord(std::string_view folded);
// CompassWord(FoldText(m.text)) of a place mention, from the context's cache when it has one.
bool CompassMention(const Mention& m, const PlaceContext& ctx);
// Whether some candidate of a place mention lies in ctx.focus_country.
bool InFocus(const Lexicon& lex, const Mention& m, const PlaceContext& ctx);

// Whether a place mention names a town of 50,000 or more by its own name (not a look-alike
// spelling), or a place whose admin area the document names too: a place an event "in" it is placed at even when the document is mostly about
// another country ("demonstrated in Ulm against the war in Ukraine").
bool StrongPlace(const Lexicon& lex, const Mention& m, const PlaceContext& ctx);

// ACLED's geo precision for a resolved place: 1 a town, 2 near it or a district, 3 a region or country.
int GeoPrecision(const Place& p, bool near);

double DistanceKm(double lat1, double lon1, double lat2, double lon2);

}  // namespace sitrep

#endif  // SITREP_EXTRACT_PLACES_H_
