// Store workloads: ingest speed (documents/s, with merging) and query speed, on
// synthetic records shaped like a news feed: events spread over a year and a few
// hundred places, each reported by one to four documents with differing figures.
// Run: cmake -DSITREP_BUILD_BENCH=ON ... && sitrep_microbench --benchmark_filter=Store
#include <benchmark/benchmark.h>
#include <unistd.h>

#include <cstdio>
#include <random>
#include <string>
#include <vector>

#include "sitrep/store.h"

namespace {

using sitrep::DocumentRecords;
using sitrep::EventRecord;

std::vector<DocumentRecords> Feed(int docs, uint32_t seed) {
  static const char* kTypes[] = {"Battles", "Explosions/Remote violence", "Violence against civilians", "Protests"};
  static const char* kActors[] = {"Military Forces of Syria (2000-)", "Hayat Tahrir al-Sham", "",
                                  "Military Forces of Russia (2000-)", "Islamic State (Syria)"};
  std::mt19937 rng(seed);
  std::vector<DocumentRecords> out;
  for (int i = 0; i < docs; ++i) {
    DocumentRecords d;
    d.doc.id = "bench-" + std::to_string(seed) + "-" + std::to_string(i);
    d.doc.text = "Synthetic report " + d.doc.id + ". Shells hit the town; five were killed, a monitor said.";
    d.doc.source = "Wire " + std::to_string(rng() % 40);
    d.doc.published = "2024-01-01";
    for (int k = 0, n = 1 + rng() % 4; k < n; ++k) {
      // An "event" is drawn from a pool so that several documents report it.
      uint32_t event = rng() % std::max(1, docs / 2);
      std::mt19937 ev(event);
      EventRecord r;
      r.event_id = "r" + std::to_string(k);
      char date[16];
      std::snprintf(date, sizeof date, "2024-%02u-%02u", static_cast<unsigned>(1 + ev() % 12), static_cast<unsigned>(1 + ev() % 28));
      r.event_date = date;
      r.time_precision = 1 + rng() % 3 / 2;
      r.event_type = kTypes[ev() % 4];
      r.actor1 = kActors[ev() % 5];
      r.country = "Syria", r.iso3 = "SYR";
      r.admin1 = "Region " + std::to_string(ev() % 14);
      double place = ev() % 300;
      r.latitude = 33 + place / 100 + (rng() % 100) / 10000.0;
      r.longitude = 36 + (static_cast<int>(place) % 17) / 10.0;
      r.geo_precision = 1 + rng() % 5 / 4;
      r.fatalities = static_cast<int64_t>(ev() % 10 + rng() % 3);
      r.evidence.sentence = {0, static_cast<uint32_t>(d.doc.text.size())};
      d.records.push_back(r);
    }
    out.push_back(std::move(d));
  }
  return out;
}

std::string TempDb() {
  char tmpl[] = "/tmp/sitrep-bench-XXXXXX";
  int fd = mkstemp(tmpl);
  if (fd >= 0) close(fd);
  unlink(tmpl);
  return tmpl;
}

void RemoveDb(const std::string& path) {
  for (const char* suffix : {"", "-wal", "-shm"}) unlink((path + suffix).c_str());
}

// Ingest a feed of range(0) documents, range(1) documents per transaction, into a new store.
void BM_StoreIngest(benchmark::State& state) {
  const int docs = static_cast<int>(state.range(0));
  const size_t batch = static_cast<size_t>(state.range(1));
  auto feed = Feed(docs, 1);
  for (auto _ : state) {
    state.PauseTiming();
    std::string path = TempDb();
    auto store = sitrep::Store::Open(path);
    state.ResumeTiming();
    for (size_t i = 0; i < feed.size(); i += batch) {
      std::vector<DocumentRecords> b(feed.begin() + i, feed.begin() + std::min(feed.size(), i + batch));
      if (!(*store)->Ingest(b).ok()) state.SkipWithError("ingest failed");
    }
    state.PauseTiming();
    store->reset();
    RemoveDb(path);
    state.ResumeTiming();
  }
  state.SetItemsProcessed(state.iterations() * docs);  // items/s = documents/s
}
BENCHMARK(BM_StoreIngest)->Args({2000, 1})->Args({2000, 64})->Args({10000, 64})->Unit(benchmark::kMillisecond);

// One month of events of one type, as JSON, from a store of range(0) documents.
void BM_StoreQueryMonth(benchmark::State& state) {
  std::string path = TempDb();
  auto store = sitrep::Store::Open(path);
  auto feed = Feed(static_cast<int>(state.range(0)), 2);
  for (size_t i = 0; i < feed.size(); i += 256)
    (void)(*store)->Ingest({feed.begin() + i, feed.begin() + std::min(feed.size(), i + 256)});
  sitrep::QueryFilter f;
  f.since = "2024-03-01", f.until = "2024-03-31", f.event_type = "Battles";
  size_t events = 0;
  for (auto _ : state) {
    auto s = (*store)->Query(f, [&](sitrep::MergedEvent&& e) {
      benchmark::DoNotOptimize(sitrep::ToJson(e));
      ++events;
      return true;
    });
    if (!s.ok()) state.SkipWithError("query failed");
  }
  state.SetItemsProcessed(static_cast<int64_t>(events));
  store->reset();
  RemoveDb(path);
}
BENCHMARK(BM_StoreQueryMonth)->Arg(10000)->Unit(benchmark::kMillisecond);

}  // namespace
