// Micro-benchmarks of the compiled lexicon: Lexicon::Match over the sentences of a news
// paragraph, and Find of single phrases. The lexicon is loaded once from $SITREP_LEXICON or a
// build*/sitrep.lex (see paragraph.h); without one the benchmarks report an error and skip.
// Run: cmake -DSITREP_BUILD_BENCH=ON ... && sitrep_microbench --benchmark_filter=Lexicon
#include <benchmark/benchmark.h>

#include <memory>
#include <string>
#include <vector>

#include "paragraph.h"
#include "sitrep/lexicon.h"
#include "sitrep/text.h"

namespace {

// The lexicon, loaded on first use; null (with the reason in *error) when there is none.
std::shared_ptr<const sitrep::Lexicon> SharedLexicon(std::string* error) {
  static std::string load_error;
  static std::shared_ptr<const sitrep::Lexicon> lex = [] {
    std::string path = sitrep::bench::FindLexicon();
    if (path.empty()) {
      load_error = "no lexicon: set SITREP_LEXICON or build one (build*/sitrep.lex)";
      return std::shared_ptr<const sitrep::Lexicon>();
    }
    auto l = sitrep::Lexicon::Load(path);
    if (!l.ok()) {
      load_error = l.status().ToString();
      return std::shared_ptr<const sitrep::Lexicon>();
    }
    return *l;
  }();
  *error = load_error;
  return lex;
}

// Every dictionary phrase in every sentence of the paragraph (tokens analysed beforehand).
void BM_LexiconMatch(benchmark::State& state) {
  std::string error;
  auto lex = SharedLexicon(&error);
  if (!lex) {
    state.SkipWithError(error.c_str());
    return;
  }
  auto t = sitrep::AnalyzeText(sitrep::bench::kParagraph);
  if (!t.ok()) {
    state.SkipWithError(t.status().ToString().c_str());
    return;
  }
  std::vector<sitrep::LexMatch> out;
  size_t matches = 0;
  for (auto _ : state) {
    for (const sitrep::Sentence& s : t->sentences) {
      out.clear();
      lex->Match(*t, s.token_begin, s.token_end, &out);
      matches += out.size();
    }
    benchmark::DoNotOptimize(out.data());
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * t->text.size()));
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * t->tokens.size()));
  state.counters["matches"] = static_cast<double>(matches) / std::max<int64_t>(1, state.iterations());
}
BENCHMARK(BM_LexiconMatch);

// Find of a single phrase, as `sitrep lookup` and the self-test use it.
void BM_LexiconFind(benchmark::State& state) {
  std::string error;
  auto lex = SharedLexicon(&error);
  if (!lex) {
    state.SkipWithError(error.c_str());
    return;
  }
  const char* phrases[] = {"Aleppo", "Hayat Tahrir al-Sham", "Maarat al-Numan", "Syrian Observatory for Human Rights"};
  for (auto _ : state)
    for (const char* p : phrases) benchmark::DoNotOptimize(lex->Find(p));
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * std::size(phrases)));
}
BENCHMARK(BM_LexiconFind);

}  // namespace
