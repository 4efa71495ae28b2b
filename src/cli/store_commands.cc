// sitrep ingest: documents in, events stored and merged. sitrep query: merged events out.
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <optional>
#include <thread>

#include "cli/commands.h"
#include "sitrep/document.h"
#include "sitrep/extract.h"
#include "sitrep/store.h"
#include "sitrep/text.h"

namespace sitrep::cli {

namespace {

std::string CheckDate(const std::string& s) {
  Date d;
  return ParseIsoDate(s, &d) ? std::string() : "not a valid date YYYY-MM-DD: " + s;
}

// "LAT,LON,KM" → the three numbers; false when malformed or out of range.
bool ParseNear(const std::string& s, double* lat, double* lon, double* km) {
  char* end = nullptr;
  const char* p = s.c_str();
  double v[3];
  for (int i = 0; i < 3; ++i) {
    v[i] = std::strtod(p, &end);
    if (end == p || !std::isfinite(v[i]) || *end != (i < 2 ? ',' : '\0')) return false;
    p = end + (i < 2);
  }
  *lat = v[0], *lon = v[1], *km = v[2];
  return std::abs(*lat) <= 90 && std::abs(*lon) <= 180 && *km >= 0;
}

// How many documents the inputs hold, when that is cheap to know (for an ETA): plain
// files count one, JSON lines one a non-empty line; compressed files and stdin: unknown.
std::optional<size_t> CountDocuments(const std::vector<std::string>& inputs) {
  namespace fs = std::filesystem;
  size_t total = 0;
  auto count_file = [&](const fs::path& p) -> bool {
    std::string ext = p.extension().string();
    std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return std::tolower(c); });
    if (ext == ".gz") return false;
    if (ext != ".jsonl") return ++total, true;
    std::ifstream in(p, std::ios::binary);
    for (std::string line; std::getline(in, line);) total += line.find_first_not_of(" \t\r") != std::string::npos;
    return true;
  };
  for (const std::string& in : inputs) {
    std::error_code ec;
    if (in == "-") return std::nullopt;
    if (fs::is_directory(in, ec)) {
      for (auto it = fs::recursive_directory_iterator(in, ec); !ec && it != fs::recursive_directory_iterator();
           it.increment(ec)) {
        if (!it->is_regular_file(ec)) continue;
        std::string ext = it->path().extension().string();
        if (ext == ".txt" || ext == ".html" || ext == ".htm" || ext == ".jsonl" || ext == ".gz")
          if (!count_file(it->path())) return std::nullopt;
      }
    } else if (fs::is_regular_file(in, ec) && !count_file(in)) {
      return std::nullopt;
    }
  }
  return total;
}

std::string Clock(double secs) {
  long s = std::lround(std::max(0.0, secs));
  char buf[32];
  if (s >= 3600) std::snprintf(buf, sizeof buf, "%ld:%02ld:%02ld", s / 3600, s / 60 % 60, s % 60);
  else std::snprintf(buf, sizeof buf, "%ld:%02ld", s / 60, s % 60);
  return buf;
}

}  // namespace

Runner AddIngest(CLI::App& app) {
  auto* cmd = app.add_subcommand("ingest", "Extract events from documents and store them, merging reports of one event");
  struct Args {
    std::vector<std::string> inputs;
    std::string db = "sitrep.db", published, lexicon;
    unsigned threads = std::max(1u, std::thread::hardware_concurrency());
    size_t batch = StoreOptions{}.batch_size;
    bool no_text = false;
  };
  auto a = std::make_shared<Args>();
  cmd->add_option("inputs", a->inputs, "Files or folders ('-' or none: standard input)");
  cmd->add_option("--db", a->db, "The store: an SQLite file (created when missing)")->capture_default_str();
  cmd->add_option("--published", a->published, "Publication date YYYY-MM-DD for documents that carry none")
      ->check(CheckDate);
  cmd->add_option("-t,--threads", a->threads, "Extraction threads (default: all cores)")->check(CLI::Range(1u, 256u));
  cmd->add_option("--lexicon", a->lexicon, "Compiled lexicon (default: the built one)");
  cmd->add_option("--batch", a->batch, "Documents per transaction")->check(CLI::Range(size_t{1}, size_t{100000}))
      ->capture_default_str();
  cmd->add_flag("--no-text", a->no_text, "Do not keep the documents' text (evidence cannot be shown then)");
  return [a] {
    auto lex = LoadLexiconOrReport(a->lexicon.empty() ? DefaultLexiconPath() : a->lexicon);
    if (!lex) return kExitError;
    StoreOptions so;
    so.batch_size = a->batch;
    so.store_text = !a->no_text;
    auto store = Store::Open(a->db, so);
    if (!store.ok()) {
      std::fprintf(stderr, "sitrep ingest: %s\n", store.status().ToString().c_str());
      return kExitError;
    }
    ExtractOptions eo;
    eo.default_published = a->published;
    Extractor extractor(lex, eo);
    ReadOptions ro;
    ro.default_published = a->published;
    std::vector<std::string> inputs = a->inputs.empty() ? std::vector<std::string>{"-"} : a->inputs;
    const bool tty = isatty(2);
    const std::optional<size_t> total = tty ? CountDocuments(inputs) : std::nullopt;

    const auto t0 = std::chrono::steady_clock::now();
    auto elapsed = [&] { return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count(); };
    size_t docs = 0, records = 0, problems = 0;
    IngestStats totals;
    Status store_error;
    std::vector<Document> batch;
    auto progress = [&] {
      double secs = elapsed(), rate = secs > 0 ? docs / secs : 0;
      std::string line = "sitrep ingest: " + std::to_string(docs) + (total ? "/" + std::to_string(*total) : "") +
                         " documents, " + std::to_string(static_cast<long>(rate)) + " docs/s, " +
                         std::to_string(records) + " events";
      if (total && rate > 0 && *total > docs) line += ", ETA " + Clock((*total - docs) / rate);
      std::fprintf(stderr, "\r\033[K%s", line.c_str());
    };
    // Each batch is extracted by a pool of workers, then stored in one transaction.
    auto flush = [&] {
      if (batch.empty() || !store_error.ok()) return batch.clear();
      std::vector<DocumentRecords> items(batch.size());
      std::vector<std::string> errors(batch.size());
      std::atomic<size_t> next{0};
      auto work = [&] {
        for (size_t i; (i = next.fetch_add(1)) < batch.size();) {
          auto res = extractor.Extract(batch[i]);
          if (!res.ok()) {
            errors[i] = res.status().ToString();
            continue;
          }
          items[i].records = std::move(res->records);
        }
      };
      unsigned n = std::min<unsigned>(a->threads, static_cast<unsigned>(batch.size()));
      std::vector<std::thread> pool;
      for (unsigned t = 1; t < n; ++t) pool.emplace_back(work);
      work();
      for (auto& t : pool) t.join();
      std::vector<DocumentRecords> ok;
      for (size_t i = 0; i < batch.size(); ++i) {
        if (!errors[i].empty()) {
          ++problems;
          std::fprintf(stderr, "%ssitrep ingest: %s: %s\n", tty ? "\r\033[K" : "", batch[i].origin.c_str(),
                       errors[i].c_str());
          continue;
        }
        records += items[i].records.size();
        items[i].doc = std::move(batch[i]);
        ok.push_back(std::move(items[i]));
      }
      docs += batch.size();
      batch.clear();
      auto st = (*store)->Ingest(ok);
      if (!st.ok()) return void(store_error = st.status());
      for (const std::string& p : st->problems)
        std::fprintf(stderr, "%ssitrep ingest: %s\n", tty ? "\r\033[K" : "", p.c_str());
      problems += st->problems.size();
      totals += *st;
      if (tty) progress();
    };
    Status read = ReadInputs(
        inputs, ro,
        [&](Document&& d) {
          batch.push_back(std::move(d));
          if (batch.size() >= a->batch) flush();
        },
        [&](const Problem& p) {
          ++problems;
          std::fprintf(stderr, "%ssitrep ingest: %s: %s\n", tty ? "\r\033[K" : "", p.where.c_str(), p.message.c_str());
        });
    flush();
    if (tty) std::fprintf(stderr, "\r\033[K");
    if (!store_error.ok()) {
      std::fprintf(stderr, "sitrep ingest: %s (documents before this batch are stored)\n",
                   store_error.ToString().c_str());
      return kExitError;
    }
    auto stats = (*store)->Stats();
    double secs = elapsed();
    std::fprintf(stderr,
                 "sitrep ingest: %zu documents (%zu new, %zu unchanged), %zu records, %zu problems; "
                 "%s holds %llu events from %llu documents; %.1f s, %.1f docs/s\n",
                 docs, totals.documents_added, totals.documents_unchanged, records, problems, a->db.c_str(),
                 stats.ok() ? static_cast<unsigned long long>(stats->events) : 0ull,
                 stats.ok() ? static_cast<unsigned long long>(stats->documents) : 0ull, secs,
                 secs > 0 ? docs / secs : 0.0);
    return read.ok() ? 0 : kExitError;
  };
}

Runner AddQuery(CLI::App& app) {
  auto* cmd = app.add_subcommand("query", "Select merged events from a store and export them");
  struct Args {
    std::string db = "sitrep.db", near, format = "jsonl";
    QueryFilter filter;
  };
  auto a = std::make_shared<Args>();
  QueryFilter& f = a->filter;
  cmd->add_option("--db", a->db, "The store (an SQLite file)")->capture_default_str();
  cmd->add_option("--since", f.since, "Events on or after this date (YYYY-MM-DD)")->check(CheckDate);
  cmd->add_option("--until", f.until, "Events on or before this date (YYYY-MM-DD)")->check(CheckDate);
  cmd->add_option("--country", f.country, "Country name or ISO alpha-3 code");
  cmd->add_option("--admin1", f.admin1, "First-level region (governorate, oblast, state...)");
  cmd->add_option("--type", f.event_type, "ACLED event type, e.g. 'Explosions/Remote violence'");
  cmd->add_option("--sub-type", f.sub_event_type, "ACLED sub-event type, e.g. 'Air/drone strike'");
  cmd->add_option("--actor", f.actor, "Part of an actor's name (case-insensitive)");
  cmd->add_option("--near", a->near, "LAT,LON,KM: events within KM km of a point")->check([](const std::string& s) {
    double lat, lon, km;
    return ParseNear(s, &lat, &lon, &km) ? std::string() : "expected LAT,LON,KM (e.g. 36.2,37.15,25): " + s;
  });
  cmd->add_option("--text", f.text, "Words that must all occur in a source's evidence sentence");
  cmd->add_option("--limit", f.limit, "At most this many events (0: all)");
  cmd->add_flag("--background", f.include_background, "Also events the articles only recall");
  cmd->add_option("--format", a->format, "jsonl, csv (ACLED columns), geojson or tsv (GDELT columns)")
      ->check(CLI::IsMember({"jsonl", "csv", "geojson", "tsv"}))
      ->capture_default_str();
  return [a] {
    QueryFilter filter = a->filter;
    if (!a->near.empty()) {
      double lat, lon, km;
      ParseNear(a->near, &lat, &lon, &km);
      filter.near_lat = lat, filter.near_lon = lon, filter.near_km = km;
    }
    ExportFormat format;
    if (!ParseExportFormat(a->format, &format)) {
      std::fprintf(stderr, "sitrep query: unknown format %s\n", a->format.c_str());
      return kExitUsage;
    }
    StoreOptions so;
    so.create_if_missing = false;
    auto store = Store::Open(a->db, so);
    if (!store.ok()) {
      std::fprintf(stderr, "sitrep query: %s\n", store.status().ToString().c_str());
      return kExitError;
    }
    std::ios::sync_with_stdio(false);
    EventWriter writer(format, std::cout);
    Status s = (*store)->Query(filter, [&](MergedEvent&& e) {
      writer.Write(e);
      return static_cast<bool>(std::cout);
    });
    writer.Finish();
    if (!s.ok()) {
      std::fprintf(stderr, "sitrep query: %s\n", s.ToString().c_str());
      return s.code() == Status::Code::kInvalidArgument ? kExitUsage : kExitError;
    }
    return 0;
  };
}

}  // namespace sitrep::cli
