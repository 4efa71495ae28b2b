// sitrep/store.h — the event store: every document kept, reports of one event merged.
//
// A Store keeps each ingested document (its normalised text, so evidence spans can
// be shown later), the event records extracted from it with their evidence spans,
// and the *merged events*: records from different documents that describe the same
// event, each with all its sources side by side.
//
// Ingestion is idempotent and atomic: a document is keyed by its id (a content hash
// when the input gave none) and the hash of its text; ingesting it again changes
// nothing. A document, its records and the merge they cause are committed in one
// transaction (Ingest() commits a whole batch in one), so a crash or kill -9 leaves
// only whole documents and a merge that matches them.
//
// Merging (doc/store.md states the rule exactly): two records are reports of the
// same event when they come from different documents, have the same event_type,
// dates within their time_precision's uncertainty (day ±0, week ±3, month ±15 days),
// places within their geo_precision's reach (town ≤ 10 km, near a town ≤ 30 km,
// region: same country and admin1), compatible actors (actor1 equal, or one actor1
// empty, or actor1/actor2 swapped) and neither is background. The merged events are
// a deterministic function of the set of stored records, whatever the order or
// batching of ingestion, and so are their ids.
//
// Backends: a path opens (or creates) an SQLite file in WAL mode; several processes
// may read and write one file at once (writers wait up to busy_timeout_ms for each
// other). A "postgresql://..." (or "postgres://...") URL opens a PostgreSQL database
// (libpq's URL; the database must exist, the tables are created on first use) with the
// same tables and the same merged events; several processes may write it at once (the
// merge step is serialised by an advisory lock). Built only with libpqxx: otherwise Open
// returns Unsupported. The store carries a schema version; one written by a newer sitrep
// is refused with a message that says so.
//
// Thread rule: a Store may be shared between threads; every call takes an internal
// lock, so calls are serialised. For parallel writes, open one Store per thread or
// process: SQLite (and PostgreSQL's merge lock) serialise their transactions; writers
// do not block readers.
#ifndef SITREP_STORE_H_
#define SITREP_STORE_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "sitrep/document.h"
#include "sitrep/record.h"
#include "sitrep/status.h"

namespace sitrep {

struct StoreOptions {
  // How long a writer waits for another writer's transaction before giving up
  // (PostgreSQL: lock_timeout). PostgreSQL ignores cache_mb and sync_every_commit (the
  // server's settings rule) and reads create_if_missing as "create the tables".
  int busy_timeout_ms = 30000;
  // Documents per transaction for callers that batch (the `sitrep ingest` command).
  size_t batch_size = 64;
  // Create the store when the file does not exist (false: Open returns NotFound).
  bool create_if_missing = true;
  // Keep each document's normalised text (needed to show evidence; most of the file's size).
  bool store_text = true;
  // SQLite's page cache per open store, in MiB (the merge reads back recent records).
  size_t cache_mb = 64;
  // fsync on every commit (SQLite synchronous=FULL). Off: WAL's NORMAL, which survives
  // a killed process but may lose the last commits on power loss.
  bool sync_every_commit = false;
};

// One document and the records extracted from it (records' doc_id is set to doc.id).
struct DocumentRecords {
  Document doc;
  std::vector<EventRecord> records;
};

struct IngestStats {
  size_t documents_added = 0;
  size_t documents_unchanged = 0;  // already stored with the same text: nothing done
  size_t records_added = 0;
  size_t events_changed = 0;       // merged events written (new, or their reports changed)
  // Documents skipped, one message each ("doc-1: already stored with a different text").
  std::vector<std::string> problems;
  IngestStats& operator+=(const IngestStats& o);
};

// What to select. Empty strings and absent values select everything.
struct QueryFilter {
  std::string since, until;  // YYYY-MM-DD, inclusive; events without a date never match a bound
  std::string country;       // country name or ISO alpha-3, case-insensitive
  std::string admin1;        // case-insensitive
  std::string event_type, sub_event_type;  // exact, ACLED spelling
  std::string actor;         // case-insensitive substring of actor1, actor2 or an associated actor
  std::optional<double> near_lat, near_lon;
  double near_km = 0;        // with near_lat/near_lon: within this many km (events without a point never match)
  std::string text;          // words (space-separated); each must occur, case-insensitively, in a source's evidence sentence
  bool include_background = false;  // also events the articles only recall
  size_t limit = 0;          // at most this many events (0: no limit)
};

// One report of a merged event: which document, who it attributes the claim to, its figures.
struct EventSource {
  std::string doc_id;
  std::string event_id;      // the record's id within its document
  std::string publisher;     // Document::source, may be empty
  std::string url, published, title;
  std::string attribution;   // the record's `source`: "Syrian Observatory for Human Rights", else the publisher
  std::optional<int64_t> fatalities, fatalities_low, fatalities_high;
  Evidence evidence;         // spans into the document's normalised text (Store::DocumentText)
  std::string sentence;      // the evidence sentence's text ("" when texts are not stored)
};

struct MergedEvent {
  // The merged record: the most precise report's fields (date, place, actors), id
  // "mev-" + 16 hex digits (a hash of the smallest member (event_id, doc_id)),
  // fatalities by ACLED's conservative rule (the lowest figure any source reports),
  // fatalities_low/high the spread of the reported figures, source the distinct
  // attributions joined by "; ". doc_id and evidence are the chosen report's.
  EventRecord event;
  std::vector<EventSource> sources;  // ordered by (event_date, event_id, doc_id)
  int num_mentions = 0;              // reports (records) merged
  int num_sources = 0;               // distinct publishers (documents without one count apart)
  std::string notes;                 // the chosen report's evidence sentence, "" when unknown
};

struct StoreStats {
  uint64_t documents = 0, records = 0, events = 0;
};

class Store {
 public:
  // Opens `path_or_url`: a file path (SQLite) or "postgresql://..." (PostgreSQL, when built with libpqxx).
  // Errors name the path: "sitrep.db: schema version 3 is newer than this sitrep reads (1)".
  static StatusOr<std::unique_ptr<Store>> Open(const std::string& path_or_url, const StoreOptions& options = {});
  virtual ~Store() = default;

  // Stores one document and its records, then re-merges the events they touch; one transaction.
  StatusOr<IngestStats> IngestDocument(const Document& doc, const std::vector<EventRecord>& records);
  // The same for many documents in one transaction (faster). A document that cannot be
  // stored (same id, different text) is skipped with a message in stats.problems;
  // a database error rolls the whole batch back and is returned.
  virtual StatusOr<IngestStats> Ingest(const std::vector<DocumentRecords>& batch) = 0;

  // Merged events matching `filter`, ordered by (event_date, event_id), read from one
  // snapshot; `on_event` returns false to stop early and must not call this Store.
  // Returns InvalidArgument for a bad filter (bad date, point out of range).
  virtual Status Query(const QueryFilter& filter, const std::function<bool(MergedEvent&&)>& on_event) = 0;
  StatusOr<std::vector<MergedEvent>> Query(const QueryFilter& filter);

  // The stored normalised text of a document (NotFound when unknown or not stored).
  virtual StatusOr<std::string> DocumentText(const std::string& doc_id) = 0;
  virtual StatusOr<StoreStats> Stats() = 0;
  // The path or URL given to Open.
  virtual const std::string& name() const = 0;
};

// ---------------------------------------------------------------- exports

enum class ExportFormat { kJsonl, kCsv, kGeoJson, kTsv };
// "jsonl", "csv", "geojson", "tsv"; false for anything else.
bool ParseExportFormat(std::string_view name, ExportFormat* out);

// One merged event as one JSON object (no newline): the contract v1 record fields
// (ToJson of MergedEvent::event), then num_mentions, num_sources, notes and sources.
std::string ToJson(const MergedEvent& e);

// Writes merged events in one format: JSON lines; CSV with ACLED's columns in ACLED's
// order (RFC 4180); a GeoJSON FeatureCollection of Point features (null geometry
// when the event has no point) whose properties are the JSON fields; GDELT-style TSV
// (header line, GDELT's column names). The header is written by the constructor,
// the GeoJSON closing by Finish() (also called by the destructor).
//
// Thread rule: one writer per stream, used from one thread.
class EventWriter {
 public:
  EventWriter(ExportFormat format, std::ostream& out);
  ~EventWriter();
  void Write(const MergedEvent& e);
  void Finish();

 private:
  ExportFormat format_;
  std::ostream& out_;
  size_t count_ = 0;
  bool finished_ = false;
};

// The column names of the CSV (ACLED) and TSV (GDELT) exports, in order.
const std::vector<std::string>& AcledColumns();
const std::vector<std::string>& GdeltColumns();

}  // namespace sitrep

#endif  // SITREP_STORE_H_
