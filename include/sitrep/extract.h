// sitrep/extract.h — the extraction engine: documents in, event records out.
//
// An Extractor holds a shared, immutable Lexicon and options; Extract() runs the
// whole pipeline on one document: text stage (AnalyzeText), dictionary matching,
// the grammar (chunks and clauses), event frames, place/date/actor resolution and
// the merging of mentions of one event within the document.
//
// Thread rule: Extract() is const and thread-safe; use one Extractor from any
// number of threads. Each thread that calls it keeps scratch storage (sentence and
// mention buffers, small memos of pure functions such as word keys) in thread_local
// variables that grow to the largest document seen and are reused, so a long-lived
// worker allocates little; memos are checked by key and never change a result.
// Extract() is not re-entrant from within its own callbacks (it has none).
#ifndef SITREP_EXTRACT_H_
#define SITREP_EXTRACT_H_

#include <memory>
#include <string>
#include <vector>

#include "sitrep/document.h"
#include "sitrep/lexicon.h"
#include "sitrep/record.h"
#include "sitrep/status.h"
#include "sitrep/text.h"

namespace sitrep {

struct ExtractOptions {
  // Publication date used when a document has none ("" = none: relative dates stay unresolved).
  std::string default_published;
  // Keep background events (recalled, not current) in the output, flagged.
  bool include_background = true;
  // Drop records below this confidence.
  double min_confidence = 0.0;
  // Text stage options.
  TextOptions text;
};

struct ExtractResult {
  std::vector<EventRecord> records;
  std::vector<Warning> warnings;  // from the text stage (invalid UTF-8 and the like)
};

class Extractor {
 public:
  Extractor(std::shared_ptr<const Lexicon> lexicon, ExtractOptions options = {});
  ~Extractor();
  StatusOr<ExtractResult> Extract(const Document& doc) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace sitrep

#endif  // SITREP_EXTRACT_H_
