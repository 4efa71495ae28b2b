// The extract pipeline of `sitrep extract` and of the extract benchmarks: documents come
// from a reader (parsing JSON lines and reducing HTML) on the calling thread while a pool
// of workers codes them; each document's JSON lines are delivered in input order.
//
// Thread rule: `read` and `write` run on the calling thread only; Extractor::Extract runs
// on the workers. With threads == 1 everything runs on the calling thread, one document
// after the other (what extract-1t measures).
#ifndef SITREP_CLI_EXTRACT_PIPELINE_H_
#define SITREP_CLI_EXTRACT_PIPELINE_H_

#include <functional>
#include <string>

#include "sitrep/document.h"
#include "sitrep/extract.h"

namespace sitrep::cli {

struct PipelineResult {
  uint64_t documents = 0, records = 0, output_bytes = 0;
};

// `read` is called once with a callback to hand each document to; its Status is returned.
// `write` gets each document (in input order) with its records as JSON lines and the
// warnings or the error of its extraction as "origin: message" lines ("" when none).
Status RunExtractPipeline(const Extractor& extractor, unsigned threads,
                          const std::function<Status(const DocumentCallback&)>& read,
                          const std::function<void(const Document&, const std::string& jsonl,
                                                   const std::string& errors)>& write,
                          PipelineResult* result);

}  // namespace sitrep::cli

#endif  // SITREP_CLI_EXTRACT_PIPELINE_H_
