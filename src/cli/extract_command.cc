// sitrep extract: documents in, contract v1 records out (JSON lines, in input order).
#include <cstdio>
#include <thread>

#include "cli/commands.h"
#include "cli/extract_pipeline.h"
#include "sitrep/document.h"
#include "sitrep/extract.h"
#include "sitrep/record.h"

namespace sitrep::cli {

Runner AddExtract(CLI::App& app) {
  auto* cmd = app.add_subcommand("extract", "Extract events from documents (.txt .html .jsonl, .gz, folders; stdin when none)");
  struct Args {
    std::vector<std::string> inputs;
    unsigned threads = std::max(1u, std::thread::hardware_concurrency());
    std::string published, lexicon;
    bool no_background = false;
  };
  auto a = std::make_shared<Args>();
  cmd->add_option("inputs", a->inputs, "Files or folders ('-' or none: standard input)");
  cmd->add_option("-t,--threads", a->threads, "Worker threads (default: all cores)")->check(CLI::Range(1u, 256u));
  cmd->add_option("--published", a->published, "Publication date YYYY-MM-DD for documents that carry none")
      ->check([](const std::string& s) {
        Date d;
        return ParseIsoDate(s, &d) ? std::string() : "not a valid date YYYY-MM-DD: " + s;
      });
  cmd->add_option("--lexicon", a->lexicon, "Compiled lexicon (default: the built one)");
  cmd->add_flag("--no-background", a->no_background, "Leave out events the articles only recall");
  return [a] {
    auto lex = LoadLexiconOrReport(a->lexicon.empty() ? DefaultLexiconPath() : a->lexicon);
    if (!lex) return kExitError;
    ExtractOptions eo;
    eo.default_published = a->published;
    eo.include_background = !a->no_background;
    Extractor extractor(lex, eo);
    ReadOptions ro;
    ro.default_published = a->published;
    std::vector<std::string> inputs = a->inputs.empty() ? std::vector<std::string>{"-"} : a->inputs;

    // The reader (this thread) parses the inputs while the workers code documents; records are
    // written in input order (cli/extract_pipeline.h).
    size_t problems = 0;
    PipelineResult done;
    Status s = RunExtractPipeline(
        extractor, a->threads,
        [&](const DocumentCallback& deliver) {
          return ReadInputs(inputs, ro, deliver, [&](const Problem& p) {
            ++problems;
            std::fprintf(stderr, "sitrep extract: %s: %s\n", p.where.c_str(), p.message.c_str());
          });
        },
        [&](const Document&, const std::string& jsonl, const std::string& errors) {
          for (size_t pos = 0; pos < errors.size();) {
            size_t nl = errors.find('\n', pos);
            std::fprintf(stderr, "sitrep extract: %.*s\n", static_cast<int>(nl - pos), errors.data() + pos);
            pos = nl + 1;
          }
          std::fwrite(jsonl.data(), 1, jsonl.size(), stdout);
        },
        &done);
    std::fflush(stdout);
    std::fprintf(stderr, "sitrep extract: %llu documents, %llu events, %zu problems\n",
                 static_cast<unsigned long long>(done.documents), static_cast<unsigned long long>(done.records), problems);
    return s.ok() ? 0 : kExitError;
  };
}

}  // namespace sitrep::cli
