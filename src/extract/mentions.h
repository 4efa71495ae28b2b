// Mentions: what the lexicon found in a sentence, after capitalisation checks and
// longest-match selection, with agents composed with their modifiers
// ("Syrian government troops"). Internal to src/extract.
#ifndef SITREP_EXTRACT_MENTIONS_H_
#define SITREP_EXTRACT_MENTIONS_H_

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "sitrep/grammar.h"
#include "sitrep/lexicon.h"
#include "sitrep/text.h"

namespace sitrep {

// A short list of trivially copyable values held in place up to N of them (a mention's
// candidates usually are), spilling all of them to the heap beyond: the part of std::vector's
// interface mentions use (begin/end/size/empty/operator[]/push_back/reserve/clear), and Overwrite.
template <typename T, size_t N>
class SmallVec {
 public:
  SmallVec() = default;
  SmallVec(const SmallVec& o) : size_(o.size_), heap_(o.heap_) { std::copy(o.inline_, o.inline_ + N, inline_); }
  SmallVec(SmallVec&& o) noexcept : size_(o.size_), heap_(std::move(o.heap_)) {
    std::copy(o.inline_, o.inline_ + N, inline_);
    o.size_ = 0;
    o.heap_.clear();
  }
  SmallVec& operator=(const SmallVec& o) {
    if (this != &o) size_ = o.size_, heap_ = o.heap_, std::copy(o.inline_, o.inline_ + N, inline_);
    return *this;
  }
  SmallVec& operator=(SmallVec&& o) noexcept {
    if (this != &o) {
      size_ = o.size_, heap_ = std::move(o.heap_), std::copy(o.inline_, o.inline_ + N, inline_);
      o.size_ = 0;
      o.heap_.clear();
    }
    return *this;
  }

  // Elements live in inline_ while size_ <= N and heap_ is empty, else all in heap_.
  const T* begin() const { return heap_.empty() ? inline_ : heap_.data(); }
  const T* end() const { return begin() + size_; }
  size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  const T& operator[](size_t i) const { return begin()[i]; }
  // Empties the list, keeping any heap storage for the next fill.
  void clear() {
    size_ = 0;
    heap_.clear();
  }
  void reserve(size_t n) {
    if (n > N && heap_.empty()) heap_.reserve(n), heap_.assign(inline_, inline_ + size_);
  }
  // Makes the list n long and returns where its elements are, for the caller to write all n (their
  // values are unspecified until then): a list filled at once, without a test per element.
  T* Overwrite(size_t n) {
    size_ = static_cast<uint32_t>(n);
    if (n <= N && heap_.empty()) return inline_;
    heap_.resize(n);
    return heap_.data();
  }
  void push_back(const T& v) {
    if (heap_.empty() && size_ < N) {
      inline_[size_++] = v;
      return;
    }
    if (heap_.empty()) heap_.assign(inline_, inline_ + size_);
    heap_.push_back(v);
    ++size_;
  }

 private:
  uint32_t size_ = 0;
  T inline_[N] = {};
  std::vector<T> heap_;
};

enum class MentionKind : uint8_t { kPlace, kActor, kAgent, kCountry, kSource, kTrigger };

struct Mention {
  MentionKind kind;
  uint32_t token_begin, token_end;  // the whole mention, modifiers included
  uint32_t sentence;
  // kPlace: GeoNames and other candidates (place indices); kCountry: the country as a place too.
  SmallVec<uint32_t, 4> places;
  // Per candidate: 1 when its name is spelled as written (up to case and diacritics), 0 when
  // only the looser name key matched ("Daman" reaching Dammam).
  SmallVec<uint8_t, 4> place_exact;
  // kActor: actor index. kAgent: agent index, with modifier meaning and country.
  int actor = -1;
  int agent = -1;
  int country = -1;          // kCountry, or the country a demonym gives an agent
  std::string_view modifier;  // kAgent: "state", "rebel", "unidentified", ... (in the lexicon)
  int source = -1;           // kSource
  SmallVec<uint32_t, 2> events;  // kTrigger: event pattern indices
  bool in_parentheses = false;
  bool demonym = false;      // kCountry reached by its demonym ("Syrian")
  // kCountry: what a report is about rather than where it happens ("the invasion of Ukraine",
  // "protested against Russia", "the Russian embassy").
  bool topic = false;
  std::string_view text;     // the mention's words as written (in Text::text: valid while the Text lives)
  // kPlace and kCountry of one word: TokenKeyHash(text), the word's Token::key (sitrep/text.h);
  // 0 for other mentions (compute it from `text`).
  uint64_t key = 0;
};

// Mentions of one sentence, in text order, into (*out)[0, n), n returned. The vector only grows:
// its elements are overwritten, every field, and those past n are left as they were, so that a
// caller that reuses one vector per sentence keeps its Mentions and their lists' storage. `claimed`
// has one byte per token of the sentence, non-zero for tokens already used by time expressions and
// quantities (they are never names).
size_t FindMentions(const Lexicon& lex, const Text& text, const Sentence& s, uint32_t sentence_index,
                  const SentenceGrammar& g, const std::vector<uint8_t>& claimed, std::vector<Mention>* out);

}  // namespace sitrep

#endif  // SITREP_EXTRACT_MENTIONS_H_
