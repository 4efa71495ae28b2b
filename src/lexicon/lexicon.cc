// Loading, verifying and matching a compiled lexicon.
#include "sitrep/lexicon.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include <xxhash.h>

#include <algorithm>
#include <cerrno>
#include <cstddef>
#include <cstring>
#include <initializer_list>
#include <sstream>
#include <type_traits>

#include "lexicon/format.h"

namespace sitrep {

using namespace lexfmt;

const char* EntryKindName(EntryKind k) {
  switch (k) {
    case EntryKind::kPlace: return "place";
    case EntryKind::kActor: return "actor";
    case EntryKind::kAgent: return "agent";
    case EntryKind::kModifier: return "modifier";
    case EntryKind::kCountry: return "country";
    case EntryKind::kSource: return "source";
    case EntryKind::kEvent: return "event";
  }
  return "unknown";
}

uint32_t LexiconFormatVersion() { return kVersion; }

struct Lexicon::Impl {
  // Exactly one of these holds the bytes.
  void* map = nullptr;
  size_t map_size = 0;
  std::string owned;

  const char* base = nullptr;
  size_t size = 0;
  // Upper-case ISO2 and ISO3 codes (CodeNumber) → country index, built at load: sorted by code, one
  // entry per code (the first country that has it).
  std::vector<std::pair<uint32_t, int>> country_codes;
  std::vector<int> actor_countries;  // per actor: FindCountry of its country code, built at load
  const Header* header = nullptr;
  struct View { const char* data = nullptr; uint64_t size = 0; uint32_t count = 0; };
  View sections[kNumSectionIds];

  template <typename T>
  const T* records(SectionId id) const { return reinterpret_cast<const T*>(sections[id].data); }
  uint32_t count(SectionId id) const { return sections[id].count; }

  // No bounds check: Verify() saw every StrRef of every record table inside the strings section.
  std::string_view str(StrRef r) const { return std::string_view(sections[kStrings].data + r.off, r.len); }

  const Slot* Find(uint64_t h) const {
    uint32_t n = count(kSlots);
    if (n == 0 || h == 0) return nullptr;
    const Slot* slots = records<Slot>(kSlots);
    uint32_t mask = n - 1;
    for (uint32_t i = static_cast<uint32_t>(h) & mask, probes = 0; probes < n; i = (i + 1) & mask, ++probes) {
      if (slots[i].hash == h) return &slots[i];
      if (slots[i].hash == 0) return nullptr;
    }
    return nullptr;
  }

  ~Impl() {
    if (map) munmap(map, map_size);
  }
};

namespace {

// A country code of two or three bytes, upper-cased (a-z only), as one number: its bytes and its length.
uint32_t CodeNumber(std::string_view code) {
  uint32_t n = static_cast<uint32_t>(code.size()) << 24;
  for (size_t i = 0; i < code.size(); ++i) {
    const char c = code[i];
    n |= uint32_t{static_cast<uint8_t>(c >= 'a' && c <= 'z' ? c - 32 : c)} << (8 * i);
  }
  return n;
}

Status Corrupt(const std::string& name, const std::string& what) {
  return Status::Corruption(name + ": " + what + " (rebuild it with `sitrep compile`)");
}

// Whether the given StrRef fields of every record of a table lie inside the strings section
// (Verify: Impl::str() then reads without a check). One pass of adds and compares.
template <typename Rec>
Status CheckStrRefs(const Lexicon::Impl* im, const std::string& name, SectionId id, const char* table,
                    std::initializer_list<StrRef Rec::*> fields) {
  const uint64_t limit = im->sections[kStrings].size;
  const Rec* recs = im->records<Rec>(id);
  const uint32_t n = im->count(id);
  for (uint32_t i = 0; i < n; ++i) {
    bool bad = false;
    for (StrRef Rec::*f : fields) bad |= uint64_t{(recs[i].*f).off} + (recs[i].*f).len > limit;
    if (bad)
      return Corrupt(name, "section " + std::to_string(id) + " (" + table + ") record " + std::to_string(i) +
                               " has a string reference past the end of the strings section");
  }
  return Status::Ok();
}

Status Verify(Lexicon::Impl* im, const std::string& name, const LoadOptions& opt) {
  if (im->size < sizeof(Header)) return Corrupt(name, "file of " + std::to_string(im->size) + " bytes is too short for a lexicon header");
  im->header = reinterpret_cast<const Header*>(im->base);
  const Header& h = *im->header;
  if (std::memcmp(h.magic, kMagic, 8) != 0) return Corrupt(name, "not a sitrep lexicon (bad magic at byte 0)");
  if (h.version > kVersion)
    return Status::Unsupported(name + ": lexicon format version " + std::to_string(h.version) +
                               " is newer than this sitrep reads (up to " + std::to_string(kVersion) +
                               "); upgrade sitrep or recompile the lexicon with this version");
  if (h.version < 1) return Corrupt(name, "format version 0 is invalid");
  if (h.version < kVersion)
    return Status::Unsupported(name + ": lexicon format version " + std::to_string(h.version) +
                               " is older than this sitrep reads (" + std::to_string(kVersion) +
                               "); recompile the lexicon with `sitrep compile`");
  if (h.file_size != im->size)
    return Corrupt(name, "file is " + std::to_string(im->size) + " bytes but its header says " + std::to_string(h.file_size));
  if (h.num_sections > 64 || sizeof(Header) + uint64_t{h.num_sections} * sizeof(SectionRec) > im->size)
    return Corrupt(name, "section table of " + std::to_string(h.num_sections) + " entries runs past the end of the file");
  const auto* table = reinterpret_cast<const SectionRec*>(im->base + sizeof(Header));
  if (XXH3_64bits(table, h.num_sections * sizeof(SectionRec)) != h.table_checksum)
    return Corrupt(name, "section table checksum mismatch at byte 64");
  for (uint32_t i = 0; i < h.num_sections; ++i) {
    const SectionRec& s = table[i];
    if (s.offset > im->size || s.size > im->size - s.offset || s.offset % 8 != 0)
      return Corrupt(name, "section " + std::to_string(s.id) + " at byte " + std::to_string(s.offset) + " runs past the end of the file");
    if (s.id == 0 || s.id >= kNumSectionIds) continue;  // unknown sections of a compatible version are ignored
    if (s.record_size == 0 || s.size % s.record_size != 0)
      return Corrupt(name, "section " + std::to_string(s.id) + " size is not a whole number of records");
    if (opt.verify_checksums && XXH3_64bits(im->base + s.offset, s.size) != s.checksum)
      return Corrupt(name, "section " + std::to_string(s.id) + " checksum mismatch at byte " + std::to_string(s.offset));
    im->sections[s.id] = {im->base + s.offset, s.size, static_cast<uint32_t>(s.size / s.record_size)};
  }
  static constexpr struct { SectionId id; size_t rec; } kExpect[] = {
      {kSlots, sizeof(Slot)},       {kEntries, sizeof(EntryRec)},   {kPlaces, sizeof(PlaceRec)},
      {kActors, sizeof(ActorRec)},  {kAgents, sizeof(AgentRec)},    {kModifiers, sizeof(ModifierRec)},
      {kCountries, sizeof(CountryRec)}, {kSources, sizeof(SourceRec)}, {kEvents, sizeof(EventRec)},
      {kPlaceKeys, sizeof(PlaceKeysRec)}};
  for (const auto& e : kExpect) {
    for (uint32_t i = 0; i < h.num_sections; ++i)
      if (table[i].id == e.id && table[i].record_size != e.rec)
        return Corrupt(name, "section " + std::to_string(e.id) + " has records of " + std::to_string(table[i].record_size) +
                                 " bytes, expected " + std::to_string(e.rec));
  }
  if (im->count(kPlaceKeys) != im->count(kPlaces))
    return Corrupt(name, "place-keys section holds " + std::to_string(im->count(kPlaceKeys)) + " records for " +
                             std::to_string(im->count(kPlaces)) + " places");
  uint32_t nslots = im->count(kSlots);
  if (nslots & (nslots - 1)) return Corrupt(name, "hash table size is not a power of two");
  // Slots must point at entries that exist, entries at records that exist.
  const Slot* slots = im->records<Slot>(kSlots);
  const uint32_t nent = im->count(kEntries);
  bool empty_slot = false;
  for (uint32_t i = 0; i < nslots; ++i) {
    uint32_t c = slots[i].info & kCountMask;
    if (uint64_t{slots[i].first_entry} + c > nent) return Corrupt(name, "hash slot " + std::to_string(i) + " points past the entry table");
    empty_slot |= slots[i].hash == 0;
  }
  // Lookups probe until the phrase's hash or an empty slot (Lexicon::Match relies on one).
  if (nslots > 0 && !empty_slot) return Corrupt(name, "hash table has no empty slot");
  const EntryRec* ents = im->records<EntryRec>(kEntries);
  for (uint32_t i = 0; i < nent; ++i) {
    SectionId sid;
    switch (static_cast<EntryKind>(ents[i].kind)) {
      case EntryKind::kPlace: sid = kPlaces; break;
      case EntryKind::kActor: sid = kActors; break;
      case EntryKind::kAgent: sid = kAgents; break;
      case EntryKind::kModifier: sid = kModifiers; break;
      case EntryKind::kCountry: sid = kCountries; break;
      case EntryKind::kSource: sid = kSources; break;
      case EntryKind::kEvent: sid = kEvents; break;
      default: return Corrupt(name, "entry " + std::to_string(i) + " has unknown kind " + std::to_string(ents[i].kind));
    }
    if (ents[i].index >= im->count(sid)) return Corrupt(name, "entry " + std::to_string(i) + " points past its table");
  }
  // Every string reference lies inside the strings section, so readers need no check per read.
  SITREP_RETURN_IF_ERROR(CheckStrRefs(im, name, kEntries, "entries", {&EntryRec::phrase}));
  SITREP_RETURN_IF_ERROR(CheckStrRefs(im, name, kPlaces, "places",
                                      {&PlaceRec::name, &PlaceRec::admin1, &PlaceRec::admin2, &PlaceRec::feature_code}));
  SITREP_RETURN_IF_ERROR(CheckStrRefs(im, name, kActors, "actors",
                                      {&ActorRec::name, &ActorRec::code, &ActorRec::country, &ActorRec::inter, &ActorRec::allies}));
  SITREP_RETURN_IF_ERROR(CheckStrRefs(im, name, kAgents, "agents", {&AgentRec::words, &AgentRec::templ, &AgentRec::sector}));
  SITREP_RETURN_IF_ERROR(
      CheckStrRefs(im, name, kModifiers, "modifiers", {&ModifierRec::words, &ModifierRec::meaning, &ModifierRec::country}));
  SITREP_RETURN_IF_ERROR(CheckStrRefs(im, name, kCountries, "countries",
                                      {&CountryRec::iso2, &CountryRec::iso3, &CountryRec::name, &CountryRec::military,
                                       &CountryRec::police, &CountryRec::government}));
  SITREP_RETURN_IF_ERROR(CheckStrRefs(im, name, kSources, "sources", {&SourceRec::name, &SourceRec::kind, &SourceRec::country}));
  SITREP_RETURN_IF_ERROR(CheckStrRefs(im, name, kEvents, "events",
                                      {&EventRec::pattern, &EventRec::pos, &EventRec::event_type, &EventRec::sub_event_type,
                                       &EventRec::cameo, &EventRec::roles}));
  return Status::Ok();
}

}  // namespace

Lexicon::Lexicon(std::unique_ptr<Impl> impl)
    : impl_(std::move(impl)),
      entry_recs_(reinterpret_cast<const unsigned char*>(impl_->sections[kEntries].data)),
      place_recs_(reinterpret_cast<const unsigned char*>(impl_->sections[kPlaces].data)),
      place_keys_(reinterpret_cast<const unsigned char*>(impl_->sections[kPlaceKeys].data)),
      strings_(impl_->sections[kStrings].data),
      event_recs_(reinterpret_cast<const unsigned char*>(impl_->sections[kEvents].data)) {
  auto& codes = impl_->country_codes;
  for (uint32_t i = 0; i < num_countries(); ++i) {
    Country c = country(i);
    for (std::string_view code : {c.iso2, c.iso3})
      if (code.size() >= 2 && code.size() <= 3) codes.emplace_back(CodeNumber(code), static_cast<int>(i));
  }
  // By code, then country: the first country of each code stays.
  std::sort(codes.begin(), codes.end());
  codes.erase(std::unique(codes.begin(), codes.end(), [](const auto& a, const auto& b) { return a.first == b.first; }),
              codes.end());
  impl_->actor_countries.reserve(num_actors());
  for (uint32_t i = 0; i < num_actors(); ++i) impl_->actor_countries.push_back(FindCountry(actor(i).country));
}
Lexicon::~Lexicon() = default;

StatusOr<std::shared_ptr<const Lexicon>> Lexicon::Load(const std::string& path, const LoadOptions& options) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return Status::NotFound(path + ": cannot open lexicon: " + std::strerror(errno));
  struct stat st;
  if (fstat(fd, &st) != 0) {
    int e = errno;
    ::close(fd);
    return Status::IOError(path + ": " + std::strerror(e));
  }
  auto im = std::make_unique<Impl>();
  im->size = static_cast<size_t>(st.st_size);
  if (im->size > 0) {
    void* m = mmap(nullptr, im->size, PROT_READ, MAP_PRIVATE | MAP_POPULATE, fd, 0);
    if (m == MAP_FAILED) {
      int e = errno;
      ::close(fd);
      return Status::IOError(path + ": cannot map lexicon: " + std::strerror(e));
    }
    im->map = m;
    im->map_size = im->size;
    im->base = static_cast<const char*>(m);
  }
  ::close(fd);
  SITREP_RETURN_IF_ERROR(Verify(im.get(), path, options));
  std::shared_ptr<const Lexicon> lex(new Lexicon(std::move(im)));
  if (options.run_self_test) SITREP_RETURN_IF_ERROR(lex->SelfTest(path));
  return lex;
}

StatusOr<std::shared_ptr<const Lexicon>> Lexicon::FromBytes(std::string bytes, const LoadOptions& options) {
  auto im = std::make_unique<Impl>();
  // Keep the copy 8-byte aligned: std::string's buffer comes from operator new.
  im->owned = std::move(bytes);
  im->base = im->owned.data();
  im->size = im->owned.size();
  if (reinterpret_cast<uintptr_t>(im->base) % 8 != 0) return Status::Internal("unaligned lexicon buffer");
  SITREP_RETURN_IF_ERROR(Verify(im.get(), "<memory>", options));
  std::shared_ptr<const Lexicon> lex(new Lexicon(std::move(im)));
  if (options.run_self_test) SITREP_RETURN_IF_ERROR(lex->SelfTest("<memory>"));
  return lex;
}

Status Lexicon::SelfTest(const std::string& name) const {
  // Each line: phrase \t kind \t index. The phrase must reach that entry.
  const auto& s = impl_->sections[kSelfTest];
  std::string_view all(s.data ? s.data : "", s.size);
  size_t line = 0;
  while (!all.empty()) {
    size_t nl = all.find('\n');
    std::string_view l = all.substr(0, nl);
    all = nl == std::string_view::npos ? std::string_view() : all.substr(nl + 1);
    ++line;
    size_t t1 = l.find('\t'), t2 = l.rfind('\t');
    if (t1 == std::string_view::npos || t2 == t1) return Corrupt(name, "self-test line " + std::to_string(line) + " is malformed");
    std::string_view phrase = l.substr(0, t1);
    int kind = std::atoi(std::string(l.substr(t1 + 1, t2 - t1 - 1)).c_str());
    uint32_t index = static_cast<uint32_t>(std::strtoul(std::string(l.substr(t2 + 1)).c_str(), nullptr, 10));
    bool found = false;
    for (const Entry& e : Find(phrase)) found |= static_cast<int>(e.kind) == kind && e.index == index;
    if (!found) return Corrupt(name, "self-test failed: '" + std::string(phrase) + "' no longer finds its entry");
  }
  return Status::Ok();
}

void Lexicon::Match(const Text& text, uint32_t begin, uint32_t end, std::vector<LexMatch>* out,
                    bool skip_lowercase_names) const {
  const uint32_t nslots = impl_->count(kSlots);
  if (nslots == 0) return;
  const Token* toks = text.tokens.data();
  end = std::min<uint32_t>(end, static_cast<uint32_t>(text.tokens.size()));
  const Slot* slots = impl_->records<Slot>(kSlots);
  const uint32_t mask = nslots - 1;
  // Impl::Find without its guards: Verify() saw an empty slot, so a probe always ends, and
  // FirstSlotHash and NextSlotHash never give 0 (the empty slot's hash).
  // (Slots walked by their byte offsets, (hash & mask) * sizeof(Slot): a probe's address is an
  // and of the shifted hash, and a step one add and one and.)
  const char* const slot_bytes = reinterpret_cast<const char*>(slots);
  const uint64_t offset_mask = uint64_t{mask} * sizeof(Slot);
  static_assert((sizeof(Slot) & (sizeof(Slot) - 1)) == 0, "(h * size) & (mask * size) is (h & mask) * size");
  auto find = [slot_bytes, offset_mask](uint64_t h) -> const Slot* {
    for (uint64_t off = (h * sizeof(Slot)) & offset_mask;; off = (off + sizeof(Slot)) & offset_mask) {
      const Slot* slot = reinterpret_cast<const Slot*>(slot_bytes + off);
      if (slot->hash == h) return slot;
      if (slot->hash == 0) return nullptr;
    }
  };
  for (uint32_t i = begin; i < end; ++i) {
    if (toks[i].has(kSkippable)) continue;
    uint64_t h = FirstSlotHash(toks[i].key);
    const Slot* s = find(h);
    if (s == nullptr) continue;  // most words start no phrase
    std::ptrdiff_t added = 0;
    for (uint32_t j = i;;) {
      uint32_t c = s->info & kCountMask;
      // (The token test is !FirstCapitalOk of the matches starting here; kNamesOnlyBit says that every
      // entry needs a capitalised first token and none is an acronym, so that CaseOk refuses them all.)
      if (c > 0 && !(skip_lowercase_names && (s->info & kNamesOnlyBit) && toks[i].kind == TokenKind::kWord &&
                     !toks[i].has(kCapitalized)))
        out->push_back({i, j + 1, s->first_entry, c}), ++added;
      if (!(s->info & kPrefixBit)) break;
      do ++j;
      while (j < end && toks[j].has(kSkippable));
      if (j == end) break;
      h = NextSlotHash(h, toks[j].key);
      s = find(h);
      if (s == nullptr) break;
    }
    // Longest first (two matches, the most common case after one, by one swap).
    if (added == 2) std::swap(out->end()[-2], out->end()[-1]);
    else if (added > 2) std::reverse(out->end() - added, out->end());
  }
}

std::vector<Entry> Lexicon::Find(std::string_view phrase) const {
  std::vector<Entry> out;
  // The phrase's tokens as the compiler made them (LexiconBuilder::AddPhrase), and its slot hash.
  auto text = AnalyzeText(phrase);
  if (!text.ok()) return out;
  uint64_t h = 0;
  bool first = true;
  for (const Token& t : text->tokens) {
    if (t.has(kSkippable)) continue;
    h = first ? FirstSlotHash(t.key) : NextSlotHash(h, t.key);
    first = false;
  }
  if (first) return out;  // no token to match
  const Slot* s = impl_->Find(h);
  if (s == nullptr) return out;
  for (uint32_t k = 0; k < (s->info & kCountMask); ++k) out.push_back(entry(s->first_entry + k));
  return out;
}

bool Lexicon::CaseOk(const Text& text, const LexMatch& m, const Entry& e) {
  if (e.flags & kNeedsAllCaps) {
    for (uint32_t i = m.token_begin; i < m.token_end; ++i) {
      const Token& t = text.tokens[i];
      if (t.kind == TokenKind::kWord && !t.has(kSkippable)) {
        std::string_view w = text.token_text(i);
        for (char c : w)
          if (c >= 'a' && c <= 'z') return false;
      }
    }
    return true;
  }
  if (e.flags & kNeedsCapital) return FirstCapitalOk(text, m);
  return true;
}

// Lexicon::entry(), EntryPhrase(), place() and event_discard() (inline in the
// header) decode EntryRec, PlaceRec, PlaceKeysRec, StrRef and EventRec by these offsets.
static_assert(sizeof(EntryRec) == 16 && offsetof(EntryRec, index) == 0 && offsetof(EntryRec, kind) == 4 &&
              offsetof(EntryRec, flags) == 5 && offsetof(EntryRec, phrase) == 8);
static_assert(sizeof(PlaceRec) == 64 && offsetof(PlaceRec, geonameid) == 0 && offsetof(PlaceRec, latitude) == 4 &&
              offsetof(PlaceRec, longitude) == 8 && offsetof(PlaceRec, population) == 12 &&
              offsetof(PlaceRec, name) == 16 && offsetof(PlaceRec, admin1) == 24 && offsetof(PlaceRec, admin2) == 32 &&
              offsetof(PlaceRec, feature_code) == 40 && offsetof(PlaceRec, country) == 48 &&
              offsetof(PlaceRec, feature_class) == 50 && offsetof(PlaceRec, origin) == 51 &&
              offsetof(PlaceRec, prior) == 56);
static_assert(sizeof(float) == 4 && std::is_same_v<decltype(PlaceRec::latitude), float> &&
              sizeof(double) == 8 && std::is_same_v<decltype(PlaceRec::prior), double> &&
              std::is_same_v<decltype(PlaceRec::population), uint32_t> && std::is_same_v<decltype(PlaceRec::geonameid), uint32_t>);
static_assert(sizeof(PlaceKeysRec) == 24 && offsetof(PlaceKeysRec, name) == 0 && offsetof(PlaceKeysRec, admin1) == 8 &&
              offsetof(PlaceKeysRec, admin2) == 16);
static_assert(sizeof(StrRef) == 8 && offsetof(StrRef, off) == 0 && offsetof(StrRef, len) == 4);
static_assert(sizeof(EventRec) == 64 && offsetof(EventRec, discard) == 60 &&
              std::is_same_v<decltype(EventRec::discard), uint32_t>);
uint32_t Lexicon::num_entries() const { return impl_->count(kEntries); }

Actor Lexicon::actor(uint32_t i) const {
  const ActorRec& r = impl_->records<ActorRec>(kActors)[i];
  return {impl_->str(r.name), impl_->str(r.code), impl_->str(r.country), impl_->str(r.inter), impl_->str(r.allies)};
}
Agent Lexicon::agent(uint32_t i) const {
  const AgentRec& r = impl_->records<AgentRec>(kAgents)[i];
  return {impl_->str(r.words), impl_->str(r.templ), impl_->str(r.sector)};
}
Modifier Lexicon::modifier(uint32_t i) const {
  const ModifierRec& r = impl_->records<ModifierRec>(kModifiers)[i];
  return {impl_->str(r.words), impl_->str(r.meaning), impl_->str(r.country)};
}
Country Lexicon::country(uint32_t i) const {
  const CountryRec& r = impl_->records<CountryRec>(kCountries)[i];
  return {impl_->str(r.iso2), impl_->str(r.iso3), impl_->str(r.name), impl_->str(r.military),
          impl_->str(r.police), impl_->str(r.government), r.latitude, r.longitude};
}
std::string_view Lexicon::country_iso2(uint32_t i) const { return impl_->str(impl_->records<CountryRec>(kCountries)[i].iso2); }
std::string_view Lexicon::country_name(uint32_t i) const { return impl_->str(impl_->records<CountryRec>(kCountries)[i].name); }
Source Lexicon::source(uint32_t i) const {
  const SourceRec& r = impl_->records<SourceRec>(kSources)[i];
  return {impl_->str(r.name), impl_->str(r.kind), impl_->str(r.country)};
}
EventPattern Lexicon::event(uint32_t i) const {
  const EventRec& r = impl_->records<EventRec>(kEvents)[i];
  return {impl_->str(r.pattern), impl_->str(r.pos), impl_->str(r.event_type), impl_->str(r.sub_event_type),
          impl_->str(r.cameo), impl_->str(r.roles), r.strength, r.quad_class, r.goldstein, r.discard != 0};
}
uint32_t Lexicon::num_places() const { return impl_->count(kPlaces); }
uint32_t Lexicon::num_actors() const { return impl_->count(kActors); }
uint32_t Lexicon::num_countries() const { return impl_->count(kCountries); }

int Lexicon::FindCountry(std::string_view code) const {
  if (code.size() < 2 || code.size() > 3) return -1;
  const uint32_t n = CodeNumber(code);
  const auto& codes = impl_->country_codes;
  auto it = std::lower_bound(codes.begin(), codes.end(), n, [](const auto& e, uint32_t x) { return e.first < x; });
  return it != codes.end() && it->first == n ? it->second : -1;
}

int Lexicon::actor_country(uint32_t i) const { return impl_->actor_countries[i]; }

int Lexicon::FindActorByName(std::string_view name) const {
  for (const Entry& e : Find(name))
    if (e.kind == EntryKind::kActor && actor(e.index).name == name) return static_cast<int>(e.index);
  for (uint32_t i = 0; i < num_actors(); ++i)
    if (actor(i).name == name) return static_cast<int>(i);
  return -1;
}

uint32_t Lexicon::format_version() const { return impl_->header->version; }
uint64_t Lexicon::source_hash() const { return impl_->header->source_hash; }
std::string_view Lexicon::options_text() const {
  const auto& s = impl_->sections[kOptions];
  return std::string_view(s.data ? s.data : "", s.size);
}

LexiconStats Lexicon::stats() const {
  LexiconStats s;
  for (uint32_t i = 0; i < impl_->count(kSlots); ++i)
    if (impl_->records<Slot>(kSlots)[i].hash != 0) ++s.keys;
  s.entries = impl_->count(kEntries);
  s.places = impl_->count(kPlaces);
  s.actors = impl_->count(kActors);
  s.agents = impl_->count(kAgents);
  s.modifiers = impl_->count(kModifiers);
  s.countries = impl_->count(kCountries);
  s.sources = impl_->count(kSources);
  s.events = impl_->count(kEvents);
  s.bytes = impl_->size;
  return s;
}

void Lexicon::Dump(std::ostream& out) const {
  out << "# sitrep lexicon, format " << format_version() << ", sources " << std::hex << source_hash() << std::dec << "\n";
  out << "# options " << options_text() << "\n";
  // Entries in table order: phrase, kind, flags, and the record it reaches.
  for (uint32_t i = 0; i < num_entries(); ++i) {
    Entry e = entry(i);
    out << EntryPhrase(i) << '\t' << EntryKindName(e.kind) << '\t' << int(e.flags) << '\t';
    switch (e.kind) {
      case EntryKind::kPlace: {
        Place p = place(e.index);
        out << p.geonameid << '\t' << p.name << '\t' << p.country << '\t' << p.admin1 << '\t' << p.admin2 << '\t'
            << p.feature_code << '\t' << p.latitude << ',' << p.longitude << '\t' << p.population << '\t' << p.prior;
        break;
      }
      case EntryKind::kActor: { Actor a = actor(e.index); out << a.name << '\t' << a.code << '\t' << a.country << '\t' << a.inter; break; }
      case EntryKind::kAgent: { Agent a = agent(e.index); out << a.templ << '\t' << a.sector; break; }
      case EntryKind::kModifier: { Modifier m = modifier(e.index); out << m.meaning << '\t' << m.country; break; }
      case EntryKind::kCountry: { Country c = country(e.index); out << c.iso3 << '\t' << c.name; break; }
      case EntryKind::kSource: { Source s = source(e.index); out << s.name << '\t' << s.kind; break; }
      case EntryKind::kEvent: {
        EventPattern p = event(e.index);
        out << p.pattern << '\t' << p.event_type << '\t' << p.sub_event_type << '\t' << p.cameo;
        break;
      }
    }
    out << '\n';
  }
}

}  // namespace sitrep
