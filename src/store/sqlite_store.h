// The SQLite backend of sitrep::Store (internal). The file's tables:
//
//   meta(key, value)             schema_version, created_by, text_hash ("xxh3-128")
//   documents(doc_id, text_hash, published, title, publisher, url, origin, text, num_records, ingested_at)
//   records(id, doc_id, event_id, component, day, sentence, <record fields>)   one per extracted record
//   evidence(record, ord, role, begin, end)   ord 0 the sentence span, 1 the trigger, then the roles
//   events(event_id, component, day, doc_id, rep_record, <record fields>, num_mentions, num_sources, updated_at)
//   event_sources(event_id, ord, record)      the reports of each merged event, in member order
//
// `component` is the connected component of the same-event relation (store/merge.h),
// named by its smallest record id; an ingest unites the components its new records
// touch and recomputes the merged events of exactly those. Records are never deleted.
#ifndef SITREP_STORE_SQLITE_STORE_H_
#define SITREP_STORE_SQLITE_STORE_H_

#include <memory>
#include <string>

#include "sitrep/store.h"

namespace sitrep::store {

inline constexpr int kSqliteSchemaVersion = 1;

StatusOr<std::unique_ptr<Store>> OpenSqliteStore(const std::string& path, const StoreOptions& options);

}  // namespace sitrep::store

#endif  // SITREP_STORE_SQLITE_STORE_H_
