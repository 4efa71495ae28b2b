// sitrep::Store: opening by path or URL, and the calls every backend shares.
#include "sitrep/store.h"

#include "store/postgres_store.h"
#include "store/sqlite_store.h"

namespace sitrep {

IngestStats& IngestStats::operator+=(const IngestStats& o) {
  documents_added += o.documents_added;
  documents_unchanged += o.documents_unchanged;
  records_added += o.records_added;
  events_changed += o.events_changed;
  problems.insert(problems.end(), o.problems.begin(), o.problems.end());
  return *this;
}

StatusOr<std::unique_ptr<Store>> Store::Open(const std::string& path_or_url, const StoreOptions& options) {
  if (path_or_url.empty()) return Status::InvalidArgument("store: empty path");
  if (path_or_url.starts_with("postgresql://") || path_or_url.starts_with("postgres://"))
    return store::OpenPostgresStore(path_or_url, options);
  return store::OpenSqliteStore(path_or_url, options);
}

StatusOr<IngestStats> Store::IngestDocument(const Document& doc, const std::vector<EventRecord>& records) {
  return Ingest({DocumentRecords{doc, records}});
}

StatusOr<std::vector<MergedEvent>> Store::Query(const QueryFilter& filter) {
  std::vector<MergedEvent> out;
  Status s = Query(filter, [&](MergedEvent&& e) {
    out.push_back(std::move(e));
    return true;
  });
  if (!s.ok()) return s;
  return out;
}

}  // namespace sitrep
