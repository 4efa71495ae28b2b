// The compiled lexicon's on-disk layout (doc/lexicon-format.md). Internal to src/lexicon.
//
// All integers little-endian; every section starts 8-byte aligned. Records refer to
// strings by StrRef into the strings section; Load() checks once that every StrRef of
// every record table lies inside that section (and refuses the file otherwise), so
// accessors read them without a check and a damaged file that slipped past its
// checksums still cannot make a reader go out of bounds.
#ifndef SITREP_LEXICON_FORMAT_H_
#define SITREP_LEXICON_FORMAT_H_

#include <cstdint>

#include "sitrep/text.h"

namespace sitrep::lexfmt {

inline constexpr char kMagic[8] = {'S', 'I', 'T', 'R', 'E', 'P', 'L', 'X'};
// 2: the place-keys section (name keys of every place's name and admin areas).
// 3: places carry their prior (PlaceRec::prior, 64-byte records), and place entries of a country
//    (feature code PCLI) the flag kCountryPlace.
// 4: Slot::info bit 30 (kNamesOnlyBit), and entry counts in bits 0..29; slots keyed by the slot
//    hash chain below (a one-token phrase by its token's key itself).
inline constexpr uint32_t kVersion = 4;

enum SectionId : uint32_t {
  kStrings = 1,
  kSlots = 2,
  kEntries = 3,
  kPlaces = 4,
  kActors = 5,
  kAgents = 6,
  kModifiers = 7,
  kCountries = 8,
  kSources = 9,
  kEvents = 10,
  kOptions = 11,
  kSelfTest = 12,
  kPlaceKeys = 13,
  kNumSectionIds = 14,
};

struct Header {
  char magic[8];
  uint32_t version;
  uint32_t num_sections;
  uint64_t source_hash;
  uint64_t file_size;
  uint64_t table_checksum;  // XXH3 of the section table
  uint64_t reserved[3];
};
static_assert(sizeof(Header) == 64);

struct SectionRec {
  uint32_t id;
  uint32_t record_size;  // bytes per record (1 for byte sections)
  uint64_t offset;
  uint64_t size;
  uint64_t checksum;     // XXH3 of the section's bytes
};
static_assert(sizeof(SectionRec) == 32);

struct StrRef {
  uint32_t off;
  uint32_t len;
};

// Hash table slot: open addressing, linear probing, hash 0 = empty.
struct Slot {
  uint64_t hash;
  uint32_t first_entry;
  // Bit 31 (kPrefixBit): a longer phrase continues this one. Bit 30 (kNamesOnlyBit): the slot has
  // entries and every one of them is flagged kNeedsCapital without kNeedsAllCaps (a proper name
  // that a lower-case first token refuses). Bits 0..29 (kCountMask): the number of entries.
  uint32_t info;
};
inline constexpr uint32_t kPrefixBit = 0x80000000u;
inline constexpr uint32_t kNamesOnlyBit = 0x40000000u;
inline constexpr uint32_t kCountMask = 0x3FFFFFFFu;

// The slot hash of a phrase, over the keys of its non-skippable tokens (Token::key): a one-token
// phrase's is its key itself (KeyHash output, well mixed; 0, an empty key, mapped to 1 as slot
// hash 0 marks an empty slot), so that Lexicon::Match looks a first token up without hashing; each
// further token mixes in by PhraseHashStep (sitrep/text.h) with the hash so far rotated, which keeps
// the order of the keys ("Khan Sheikhoun" is not "Sheikhoun Khan": h ^ key alone is symmetric).
inline uint64_t FirstSlotHash(uint64_t key) { return key == 0 ? 1 : key; }
inline uint64_t NextSlotHash(uint64_t h, uint64_t key) { return PhraseHashStep(h << 1 | h >> 63, key); }

struct EntryRec {
  uint32_t index;
  uint8_t kind;
  uint8_t flags;
  uint16_t reserved;
  StrRef phrase;  // as written in its source
};

struct PlaceRec {
  uint32_t geonameid;
  float latitude, longitude;
  uint32_t population;
  StrRef name, admin1, admin2, feature_code;
  char country[2];
  char feature_class;
  uint8_t origin;
  uint32_t reserved;  // 0
  double prior;       // Place::prior (sitrep/lexicon.h), computed by the compiler
};

// Parallel to the places: KeyHash(NameKey(...)) of the place's name, admin1 and admin2
// (0 for an empty one), so that matching admin names against a document costs no folding.
struct PlaceKeysRec {
  uint64_t name, admin1, admin2;
};

struct ActorRec { StrRef name, code, country, inter, allies; };
struct AgentRec { StrRef words, templ, sector; };
struct ModifierRec { StrRef words, meaning, country; };
struct CountryRec {
  StrRef iso2, iso3, name, military, police, government;
  float latitude, longitude;
};
struct SourceRec { StrRef name, kind, country; };
struct EventRec {
  StrRef pattern, pos, event_type, sub_event_type, cameo, roles;
  int32_t strength, quad_class;
  float goldstein;
  uint32_t discard;
};

}  // namespace sitrep::lexfmt

#endif  // SITREP_LEXICON_FORMAT_H_
