// sitrep extract: documents in, contract v1 records out (JSON lines, in input order).
#include <atomic>
#include <cstdio>
#include <thread>

#include "cli/commands.h"
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

    // Documents are coded in batches by a pool of workers; each batch is written in input order.
    constexpr size_t kBatch = 256;
    std::vector<Document> batch;
    std::vector<std::string> outputs;
    size_t docs = 0, events = 0, problems = 0;
    auto flush = [&] {
      outputs.assign(batch.size(), std::string());
      std::vector<std::string> errors(batch.size());
      std::atomic<size_t> next{0};
      auto work = [&] {
        for (size_t i; (i = next.fetch_add(1)) < batch.size();) {
          auto res = extractor.Extract(batch[i]);
          if (!res.ok()) { errors[i] = res.status().ToString(); continue; }
          for (const Warning& w : res->warnings)
            errors[i] += batch[i].origin + ": byte " + std::to_string(w.offset) + ": " + w.message + "\n";
          std::string& out = outputs[i];
          for (const EventRecord& r : res->records) {
            out += ToJson(r);
            out.push_back('\n');
          }
        }
      };
      unsigned n = std::min<unsigned>(a->threads, static_cast<unsigned>(batch.size()));
      std::vector<std::thread> pool;
      for (unsigned t = 1; t < n; ++t) pool.emplace_back(work);
      work();
      for (auto& t : pool) t.join();
      for (size_t i = 0; i < batch.size(); ++i) {
        if (!errors[i].empty()) std::fprintf(stderr, "sitrep extract: %s: %s", batch[i].origin.c_str(), errors[i].c_str());
        for (char c : outputs[i]) events += c == '\n';
        std::fwrite(outputs[i].data(), 1, outputs[i].size(), stdout);
      }
      docs += batch.size();
      batch.clear();
    };
    Status s = ReadInputs(
        inputs, ro,
        [&](Document&& d) {
          batch.push_back(std::move(d));
          if (batch.size() >= kBatch) flush();
        },
        [&](const Problem& p) {
          ++problems;
          std::fprintf(stderr, "sitrep extract: %s: %s\n", p.where.c_str(), p.message.c_str());
        });
    flush();
    std::fflush(stdout);
    std::fprintf(stderr, "sitrep extract: %zu documents, %zu events, %zu problems\n", docs, events, problems);
    return s.ok() ? 0 : kExitError;
  };
}

}  // namespace sitrep::cli
