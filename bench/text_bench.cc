// Micro-benchmarks of the text stage: AnalyzeText (normalise, tokenise, segment) on a news
// paragraph and on longer texts, FindQuantities and FindTimes over its sentences, NameKey and
// FoldText over its words.
// Run: cmake -DSITREP_BUILD_BENCH=ON ... && sitrep_microbench --benchmark_filter='Text|Find|Key|Fold'
#include <benchmark/benchmark.h>

#include <string>
#include <vector>

#include "paragraph.h"
#include "sitrep/text.h"

namespace {

using sitrep::bench::kParagraph;

std::string Repeated(int times) {
  std::string s;
  for (int i = 0; i < times; ++i) {
    if (i) s += "\n\n";
    s += kParagraph;
  }
  return s;
}

sitrep::Text Analyzed() {
  auto t = sitrep::AnalyzeText(kParagraph);
  return t.ok() ? std::move(*t) : sitrep::Text{};
}

// AnalyzeText on range(0) copies of the paragraph (one ~800-byte paragraph, then longer documents).
void BM_AnalyzeText(benchmark::State& state) {
  const std::string text = Repeated(static_cast<int>(state.range(0)));
  for (auto _ : state) {
    auto t = sitrep::AnalyzeText(text);
    benchmark::DoNotOptimize(t);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * text.size()));
}
BENCHMARK(BM_AnalyzeText)->Arg(1)->Arg(16)->Arg(256);

void BM_FindQuantities(benchmark::State& state) {
  const sitrep::Text t = Analyzed();
  size_t found = 0;
  for (auto _ : state) {
    for (const sitrep::Sentence& s : t.sentences) {
      auto q = sitrep::FindQuantities(t, s.token_begin, s.token_end);
      found += q.size();
      benchmark::DoNotOptimize(q);
    }
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * t.text.size()));
  state.counters["per_paragraph"] = static_cast<double>(found) / std::max<int64_t>(1, state.iterations());
}
BENCHMARK(BM_FindQuantities);

void BM_FindTimes(benchmark::State& state) {
  const sitrep::Text t = Analyzed();
  sitrep::Date published;
  sitrep::ParseIsoDate("2024-11-30", &published);
  size_t found = 0;
  for (auto _ : state) {
    for (const sitrep::Sentence& s : t.sentences) {
      auto times = sitrep::FindTimes(t, s.token_begin, s.token_end, published);
      found += times.size();
      benchmark::DoNotOptimize(times);
    }
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * t.text.size()));
  state.counters["per_paragraph"] = static_cast<double>(found) / std::max<int64_t>(1, state.iterations());
}
BENCHMARK(BM_FindTimes);

std::vector<std::string> Words() {
  const sitrep::Text t = Analyzed();
  std::vector<std::string> words;
  for (size_t i = 0; i < t.tokens.size(); ++i)
    if (t.tokens[i].kind == sitrep::TokenKind::kWord) words.emplace_back(t.token_text(i));
  return words;
}

// NameKey of every word of the paragraph (what AnalyzeText computes per token).
void BM_NameKey(benchmark::State& state) {
  const std::vector<std::string> words = Words();
  size_t bytes = 0;
  for (const auto& w : words) bytes += w.size();
  for (auto _ : state)
    for (const auto& w : words) benchmark::DoNotOptimize(sitrep::NameKey(w));
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * bytes));
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * words.size()));
}
BENCHMARK(BM_NameKey);

// The same through NameKeyTo into one reused string (no allocation per word).
void BM_NameKeyTo(benchmark::State& state) {
  const std::vector<std::string> words = Words();
  size_t bytes = 0;
  for (const auto& w : words) bytes += w.size();
  std::string key;
  for (auto _ : state) {
    for (const auto& w : words) {
      sitrep::NameKeyTo(w, &key);
      benchmark::DoNotOptimize(key.data());
    }
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * bytes));
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * words.size()));
}
BENCHMARK(BM_NameKeyTo);

// TokenKeyHash of every word (the key AnalyzeText stores, before its memo of recent words).
void BM_TokenKeyHash(benchmark::State& state) {
  const std::vector<std::string> words = Words();
  for (auto _ : state)
    for (const auto& w : words) benchmark::DoNotOptimize(sitrep::TokenKeyHash(w));
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * words.size()));
}
BENCHMARK(BM_TokenKeyHash);

void BM_FoldText(benchmark::State& state) {
  const std::string text = kParagraph;
  for (auto _ : state) benchmark::DoNotOptimize(sitrep::FoldText(text));
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * text.size()));
}
BENCHMARK(BM_FoldText);

}  // namespace
