// The PostgreSQL backend of sitrep::Store (internal), built when libpqxx is found
// (SITREP_WITH_POSTGRES). The tables are those of the SQLite backend (store/sqlite_store.h),
// in the database's current schema, with PostgreSQL types (BIGINT, DOUBLE PRECISION,
// an identity column for records.id); evidence's "begin"/"end" columns are quoted.
//
// Concurrency: every ingest batch is one READ COMMITTED transaction. Documents and
// records are inserted without a global lock (documents by INSERT ... ON CONFLICT DO
// NOTHING, so two writers of one document agree on who stored it); then the transaction
// takes the store's merge lock (pg_advisory_xact_lock, held until commit) and only then
// searches for candidates and reclusters. Merges are thus serialised, and each sees every
// record committed before it, so concurrent writers reach the merge of a single writer.
// A deadlock or serialisation failure (two batches that share documents) retries the batch.
#ifndef SITREP_STORE_POSTGRES_STORE_H_
#define SITREP_STORE_POSTGRES_STORE_H_

#include <memory>
#include <string>

#include "sitrep/store.h"

namespace sitrep::store {

inline constexpr int kPostgresSchemaVersion = 1;

// True when this sitrep was built with libpqxx.
bool PostgresBuiltIn();

// Opens a "postgresql://..." (or "postgres://...") URL; Unsupported when not built in.
StatusOr<std::unique_ptr<Store>> OpenPostgresStore(const std::string& url, const StoreOptions& options);

// For tests and tools: true when a server accepts connections at `url`.
bool PostgresReachable(const std::string& url);
// Runs one statement outside a transaction (e.g. CREATE DATABASE) on `url`.
Status PostgresExec(const std::string& url, const std::string& sql);

}  // namespace sitrep::store

#endif  // SITREP_STORE_POSTGRES_STORE_H_
