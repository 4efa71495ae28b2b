// The SQLite backend: WAL, one transaction per ingest batch, incremental merge by component.
#include "store/sqlite_store.h"

#include <sqlite3.h>
#include <sys/stat.h>
#include <xxhash.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <ctime>
#include <map>
#include <mutex>
#include <set>
#include <numbers>
#include <unordered_set>

#include "sitrep/text.h"
#include "store/backend_util.h"
#include "store/merge.h"

#ifndef SITREP_VERSION
#define SITREP_VERSION "dev"
#endif

namespace sitrep::store {

namespace {

// The record fields, stored alike in `records` and `events` (BindRecord/ReadRecord keep this order).
constexpr const char* kRecordColumnsDdl =
    "event_date TEXT NOT NULL, time_precision INTEGER NOT NULL, event_type TEXT NOT NULL, "
    "sub_event_type TEXT NOT NULL, cameo_code TEXT NOT NULL, quad_class INTEGER NOT NULL, goldstein REAL NOT NULL, "
    "actor1 TEXT NOT NULL, assoc_actor_1 TEXT NOT NULL, actor2 TEXT NOT NULL, assoc_actor_2 TEXT NOT NULL, "
    "actor1_code TEXT NOT NULL, actor2_code TEXT NOT NULL, inter1 INTEGER NOT NULL, inter2 INTEGER NOT NULL, "
    "country TEXT NOT NULL, iso3 TEXT NOT NULL, admin1 TEXT NOT NULL, admin2 TEXT NOT NULL, location TEXT NOT NULL, "
    "latitude REAL, longitude REAL, geo_precision INTEGER NOT NULL, geonameid INTEGER NOT NULL, "
    "fatalities INTEGER, fatalities_low INTEGER, fatalities_high INTEGER, civilian_fatalities INTEGER, "
    "source TEXT NOT NULL, background INTEGER NOT NULL, confidence REAL NOT NULL";
constexpr const char* kRecordColumns =
    "event_date, time_precision, event_type, sub_event_type, cameo_code, quad_class, goldstein, actor1, "
    "assoc_actor_1, actor2, assoc_actor_2, actor1_code, actor2_code, inter1, inter2, country, iso3, admin1, admin2, "
    "location, latitude, longitude, geo_precision, geonameid, fatalities, fatalities_low, fatalities_high, "
    "civilian_fatalities, source, background, confidence";
constexpr int kNumRecordColumns = 31;

std::string Placeholders(int n) {
  std::string s;
  for (int i = 0; i < n; ++i) s += i ? ",?" : "?";
  return s;
}

// Prefixes every column of kRecordColumns with `alias.`.
std::string Qualified(const char* alias) {
  std::string out, cols = kRecordColumns;
  size_t start = 0;
  while (start < cols.size()) {
    size_t end = cols.find(',', start);
    if (end == std::string::npos) end = cols.size();
    std::string name = cols.substr(start, end - start);
    name.erase(0, name.find_first_not_of(' '));
    out += (out.empty() ? "" : ", ") + std::string(alias) + "." + name;
    start = end + 1;
  }
  return out;
}


struct StmtDeleter {
  void operator()(sqlite3_stmt* s) const { sqlite3_finalize(s); }
};
using StmtPtr = std::unique_ptr<sqlite3_stmt, StmtDeleter>;

// Binds parameters left to right.
class Binder {
 public:
  explicit Binder(sqlite3_stmt* s) : s_(s) { sqlite3_reset(s_), sqlite3_clear_bindings(s_); }
  Binder& Text(std::string_view v) {
    sqlite3_bind_text(s_, i_++, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
    return *this;
  }
  Binder& Int(int64_t v) { sqlite3_bind_int64(s_, i_++, v); return *this; }
  Binder& Real(double v) { sqlite3_bind_double(s_, i_++, std::isfinite(v) ? v : 0.0); return *this; }
  Binder& Null() { sqlite3_bind_null(s_, i_++); return *this; }
  Binder& OptInt(const std::optional<int64_t>& v) { return v ? Int(*v) : Null(); }
  Binder& OptReal(const std::optional<double>& v) { return v && std::isfinite(*v) ? Real(*v) : Null(); }
  Binder& Day(int day) { return day == kNoDay ? Null() : Int(day); }

 private:
  sqlite3_stmt* s_;
  int i_ = 1;
};

// Reads columns left to right from the current row.
class Row {
 public:
  explicit Row(sqlite3_stmt* s, int first = 0) : s_(s), i_(first) {}
  std::string Text() {
    const unsigned char* p = sqlite3_column_text(s_, i_);
    int n = sqlite3_column_bytes(s_, i_++);
    return p ? std::string(reinterpret_cast<const char*>(p), static_cast<size_t>(n)) : std::string();
  }
  int64_t Int() { return sqlite3_column_int64(s_, i_++); }
  double Real() { return sqlite3_column_double(s_, i_++); }
  bool IsNull() const { return sqlite3_column_type(s_, i_) == SQLITE_NULL; }
  std::optional<int64_t> OptInt() {
    if (IsNull()) return ++i_, std::nullopt;
    return Int();
  }
  std::optional<double> OptReal() {
    if (IsNull()) return ++i_, std::nullopt;
    return Real();
  }
  int Day() { return IsNull() ? (++i_, kNoDay) : static_cast<int>(Int()); }

 private:
  sqlite3_stmt* s_;
  int i_;
};

void BindRecord(Binder& b, const EventRecord& r) {
  b.Text(r.event_date).Int(r.time_precision).Text(r.event_type).Text(r.sub_event_type).Text(r.cameo_code)
      .Int(r.quad_class).Real(r.goldstein).Text(r.actor1).Text(JoinList(r.assoc_actor_1)).Text(r.actor2)
      .Text(JoinList(r.assoc_actor_2)).Text(r.actor1_code).Text(r.actor2_code).Int(r.inter1).Int(r.inter2)
      .Text(r.country).Text(r.iso3).Text(r.admin1).Text(r.admin2).Text(r.location).OptReal(r.latitude)
      .OptReal(r.longitude).Int(r.geo_precision).Int(r.geonameid).OptInt(r.fatalities).OptInt(r.fatalities_low)
      .OptInt(r.fatalities_high).OptInt(r.civilian_fatalities).Text(r.source).Int(r.background ? 1 : 0)
      .Real(r.confidence);
}

void ReadRecord(Row& row, EventRecord* r) {
  r->event_date = row.Text();
  r->time_precision = static_cast<int>(row.Int());
  r->event_type = row.Text();
  r->sub_event_type = row.Text();
  r->cameo_code = row.Text();
  r->quad_class = static_cast<int>(row.Int());
  r->goldstein = row.Real();
  r->actor1 = row.Text();
  r->assoc_actor_1 = SplitList(row.Text());
  r->actor2 = row.Text();
  r->assoc_actor_2 = SplitList(row.Text());
  r->actor1_code = row.Text();
  r->actor2_code = row.Text();
  r->inter1 = static_cast<int>(row.Int());
  r->inter2 = static_cast<int>(row.Int());
  r->country = row.Text();
  r->iso3 = row.Text();
  r->admin1 = row.Text();
  r->admin2 = row.Text();
  r->location = row.Text();
  r->latitude = row.OptReal();
  r->longitude = row.OptReal();
  r->geo_precision = static_cast<int>(row.Int());
  r->geonameid = static_cast<uint32_t>(row.Int());
  r->fatalities = row.OptInt();
  r->fatalities_low = row.OptInt();
  r->fatalities_high = row.OptInt();
  r->civilian_fatalities = row.OptInt();
  r->source = row.Text();
  r->background = row.Int() != 0;
  r->confidence = row.Real();
}

class SqliteStore final : public Store {
 public:
  SqliteStore(std::string path, StoreOptions options) : path_(std::move(path)), options_(std::move(options)) {}
  ~SqliteStore() override {
    stmts_.clear();
    if (db_) sqlite3_close_v2(db_);
  }

  Status Init();
  StatusOr<IngestStats> Ingest(const std::vector<DocumentRecords>& batch) override;
  Status Query(const QueryFilter& filter, const std::function<bool(MergedEvent&&)>& on_event) override;
  StatusOr<std::string> DocumentText(const std::string& doc_id) override;
  StatusOr<StoreStats> Stats() override;
  const std::string& name() const override { return path_; }

 private:
  Status Error(std::string_view what) const {
    return Status::IOError(path_ + ": " + std::string(what) + ": " + sqlite3_errmsg(db_));
  }
  Status Exec(const char* sql) {
    char* err = nullptr;
    if (sqlite3_exec(db_, sql, nullptr, nullptr, &err) == SQLITE_OK) return Status::Ok();
    std::string msg = err ? err : sqlite3_errmsg(db_);
    sqlite3_free(err);
    return Status::IOError(path_ + ": " + msg + " (in: " + std::string(sql).substr(0, 60) + ")");
  }
  // A prepared statement, cached by its text.
  StatusOr<sqlite3_stmt*> Prepare(const std::string& sql);
  // Steps once: true for a row, false when done.
  StatusOr<bool> Step(sqlite3_stmt* s);
  Status Run(sqlite3_stmt* s) {
    auto r = Step(s);
    return r.ok() ? Status::Ok() : r.status();
  }

  Status CreateOrCheckSchema();
  Status IngestLocked(const std::vector<DocumentRecords>& batch, IngestStats* stats);
  Status InsertDocument(const DocumentRecords& dr, const std::string& hash, std::vector<Member>* fresh);
  Status Recluster(const std::vector<Member>& fresh, IngestStats* stats);
  // Calls `fn` with the component of every stored record that may be the same event as `m`.
  Status ForEachCandidate(const Member& m, const std::function<void(int64_t component, const Member&)>& fn);
  // Recomputes the merged events of the components in `group` (united under the smallest).
  Status RemergeComponents(const std::vector<int64_t>& group, IngestStats* stats);
  StatusOr<std::vector<Member>> LoadComponent(int64_t component);
  Status ReadSources(const std::string& event_id, int64_t rep_record, MergedEvent* e);

  std::string path_;
  StoreOptions options_;
  sqlite3* db_ = nullptr;
  std::mutex mu_;
  std::map<std::string, StmtPtr> stmts_;
};

StatusOr<sqlite3_stmt*> SqliteStore::Prepare(const std::string& sql) {
  auto it = stmts_.find(sql);
  if (it != stmts_.end()) return it->second.get();
  sqlite3_stmt* s = nullptr;
  if (sqlite3_prepare_v3(db_, sql.c_str(), -1, SQLITE_PREPARE_PERSISTENT, &s, nullptr) != SQLITE_OK)
    return Error("cannot prepare \"" + sql.substr(0, 60) + "\"");
  stmts_.emplace(sql, StmtPtr(s));
  return s;
}

StatusOr<bool> SqliteStore::Step(sqlite3_stmt* s) {
  int rc = sqlite3_step(s);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  Status st = Error(rc == SQLITE_BUSY ? "database busy for longer than busy_timeout_ms" : "statement failed");
  sqlite3_reset(s);
  return st;
}

#define ASSIGN_OR_RETURN(lhs, expr)        \
  auto lhs##_or = (expr);                  \
  if (!lhs##_or.ok()) return lhs##_or.status(); \
  auto lhs = std::move(*lhs##_or)

Status SqliteStore::Init() {
  int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX | (options_.create_if_missing ? SQLITE_OPEN_CREATE : 0);
  struct stat st;
  if (!options_.create_if_missing && stat(path_.c_str(), &st) != 0)
    return Status::NotFound(path_ + ": no such store");
  if (sqlite3_open_v2(path_.c_str(), &db_, flags, nullptr) != SQLITE_OK)
    return Status::IOError(path_ + ": cannot open: " + (db_ ? sqlite3_errmsg(db_) : "out of memory"));
  sqlite3_busy_timeout(db_, options_.busy_timeout_ms);
  sqlite3_extended_result_codes(db_, 1);
  // The switch to WAL needs a moment alone with the file; it may race another opener.
  for (int attempt = 0;; ++attempt) {
    sqlite3_stmt* s = nullptr;
    if (sqlite3_prepare_v2(db_, "PRAGMA journal_mode=WAL", -1, &s, nullptr) != SQLITE_OK) {
      Status e = Error("not an SQLite store");
      sqlite3_finalize(s);
      return e;
    }
    int rc = sqlite3_step(s);
    std::string mode = rc == SQLITE_ROW ? reinterpret_cast<const char*>(sqlite3_column_text(s, 0)) : "";
    sqlite3_finalize(s);
    if (rc == SQLITE_ROW && (mode == "wal" || mode == "memory")) break;
    if (rc == SQLITE_ROW) return Status::IOError(path_ + ": cannot switch to WAL (journal mode stays " + mode + ")");
    if ((rc & 0xff) != SQLITE_BUSY || attempt >= 50) return Error("cannot switch to WAL");
    sqlite3_sleep(20);
  }
  SITREP_RETURN_IF_ERROR(Exec(options_.sync_every_commit ? "PRAGMA synchronous=FULL" : "PRAGMA synchronous=NORMAL"));
  SITREP_RETURN_IF_ERROR(Exec("PRAGMA foreign_keys=ON"));
  SITREP_RETURN_IF_ERROR(Exec(("PRAGMA cache_size=-" + std::to_string(options_.cache_mb * 1024)).c_str()));
  return CreateOrCheckSchema();
}

Status SqliteStore::CreateOrCheckSchema() {
  SITREP_RETURN_IF_ERROR(Exec("BEGIN IMMEDIATE"));
  auto body = [&]() -> Status {
    ASSIGN_OR_RETURN(has_meta, Prepare("SELECT count(*) FROM sqlite_master WHERE type='table' AND name='meta'"));
    Binder{has_meta};
    ASSIGN_OR_RETURN(row, Step(has_meta));
    (void)row;
    bool exists = sqlite3_column_int(has_meta, 0) > 0;
    sqlite3_reset(has_meta);
    if (exists) {
      ASSIGN_OR_RETURN(q, Prepare("SELECT value FROM meta WHERE key='schema_version'"));
      Binder{q};
      ASSIGN_OR_RETURN(found, Step(q));
      std::string v = found ? Row(q).Text() : "";
      sqlite3_reset(q);
      int version = v.empty() ? 0 : std::atoi(v.c_str());
      if (version <= 0) return Status::Corruption(path_ + ": no valid schema_version in table meta");
      if (version > kSqliteSchemaVersion)
        return Status::Unsupported(path_ + ": schema version " + std::to_string(version) +
                                   " is newer than this sitrep reads (" + std::to_string(kSqliteSchemaVersion) +
                                   "); use a newer sitrep");
      return Status::Ok();
    }
    ASSIGN_OR_RETURN(any, Prepare("SELECT count(*) FROM sqlite_master"));
    Binder{any};
    ASSIGN_OR_RETURN(row2, Step(any));
    (void)row2;
    bool empty = sqlite3_column_int(any, 0) == 0;
    sqlite3_reset(any);
    if (!empty) return Status::InvalidArgument(path_ + ": an SQLite file but not a sitrep store (no table meta)");
    std::string cols = kRecordColumnsDdl;
    std::string ddl =
        "CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;"
        "CREATE TABLE documents(doc_id TEXT PRIMARY KEY, text_hash TEXT NOT NULL, published TEXT NOT NULL, "
        "  title TEXT NOT NULL, publisher TEXT NOT NULL, url TEXT NOT NULL, origin TEXT NOT NULL, text TEXT, "
        "  num_records INTEGER NOT NULL, ingested_at INTEGER NOT NULL);"
        "CREATE TABLE records(id INTEGER PRIMARY KEY, doc_id TEXT NOT NULL REFERENCES documents(doc_id), "
        "  event_id TEXT NOT NULL, component INTEGER NOT NULL, day INTEGER, region TEXT NOT NULL, "
        "  coarse INTEGER NOT NULL, cell INTEGER, sentence TEXT NOT NULL, " + cols + ", UNIQUE(doc_id, event_id));"
        "CREATE INDEX records_by_region ON records(event_type, region, coarse, day);"
        "CREATE INDEX records_by_cell ON records(event_type, cell, day);"
        "CREATE INDEX records_by_component ON records(component);"
        "CREATE TABLE evidence(record INTEGER NOT NULL REFERENCES records(id), ord INTEGER NOT NULL, "
        "  role TEXT NOT NULL, begin INTEGER NOT NULL, end INTEGER NOT NULL, PRIMARY KEY(record, ord)) WITHOUT ROWID;"
        "CREATE TABLE events(event_id TEXT PRIMARY KEY, component INTEGER NOT NULL, day INTEGER, "
        "  doc_id TEXT NOT NULL, rep_record INTEGER NOT NULL REFERENCES records(id), " + cols + ", "
        "  num_mentions INTEGER NOT NULL, num_sources INTEGER NOT NULL, updated_at INTEGER NOT NULL);"
        "CREATE INDEX events_by_component ON events(component);"
        "CREATE INDEX events_by_day ON events(day);"
        "CREATE INDEX events_by_country ON events(country, day);"
        "CREATE TABLE event_sources(event_id TEXT NOT NULL REFERENCES events(event_id), ord INTEGER NOT NULL, "
        "  record INTEGER NOT NULL REFERENCES records(id), PRIMARY KEY(event_id, ord)) WITHOUT ROWID;"
        "CREATE INDEX event_sources_by_record ON event_sources(record);"
        "INSERT INTO meta VALUES('schema_version', '" + std::to_string(kSqliteSchemaVersion) + "');"
        "INSERT INTO meta VALUES('created_by', 'sitrep " SITREP_VERSION "');"
        "INSERT INTO meta VALUES('text_hash', 'xxh3-128');";
    return Exec(ddl.c_str());
  };
  Status s = body();
  if (s.ok()) s = Exec("COMMIT");
  if (!s.ok()) Exec("ROLLBACK");
  return s;
}

StatusOr<IngestStats> SqliteStore::Ingest(const std::vector<DocumentRecords>& batch) {
  std::lock_guard<std::mutex> lock(mu_);
  IngestStats stats;
  if (batch.empty()) return stats;
  SITREP_RETURN_IF_ERROR(Exec("BEGIN IMMEDIATE"));
  Status s = IngestLocked(batch, &stats);
  if (s.ok()) s = Exec("COMMIT");
  if (!s.ok()) {
    Exec("ROLLBACK");
    return s;
  }
  return stats;
}

Status SqliteStore::IngestLocked(const std::vector<DocumentRecords>& batch, IngestStats* stats) {
  ASSIGN_OR_RETURN(find_doc, Prepare("SELECT text_hash FROM documents WHERE doc_id=?"));
  std::vector<Member> fresh;
  std::unordered_set<std::string> in_batch;
  for (const DocumentRecords& dr : batch) {
    const Document& d = dr.doc;
    std::string where = d.id.empty() ? (d.origin.empty() ? "<document>" : d.origin) : d.id;
    if (d.id.empty()) {
      stats->problems.push_back(where + ": document without an id: not stored");
      continue;
    }
    std::string hash = TextHash(d.text);
    Binder(find_doc).Text(d.id);
    ASSIGN_OR_RETURN(found, Step(find_doc));
    std::string stored = found ? Row(find_doc).Text() : "";
    sqlite3_reset(find_doc);
    if (!found && in_batch.count(d.id)) found = true, stored = hash;  // twice in one batch
    if (found) {
      if (stored == hash) ++stats->documents_unchanged;
      else stats->problems.push_back(where + ": already stored with a different text: not replaced");
      continue;
    }
    std::set<std::string> ids;
    bool bad = false;
    for (const EventRecord& r : dr.records) bad = bad || r.event_id.empty() || !ids.insert(r.event_id).second;
    if (bad) {
      stats->problems.push_back(where + ": records with an empty or repeated event_id: not stored");
      continue;
    }
    SITREP_RETURN_IF_ERROR(InsertDocument(dr, hash, &fresh));
    in_batch.insert(d.id);
    ++stats->documents_added;
    stats->records_added += dr.records.size();
  }
  return Recluster(fresh, stats);
}

Status SqliteStore::InsertDocument(const DocumentRecords& dr, const std::string& hash, std::vector<Member>* fresh) {
  const Document& d = dr.doc;
  std::string text = NormalizeUtf8(d.text, nullptr);  // evidence spans point into this
  ASSIGN_OR_RETURN(ins_doc, Prepare("INSERT INTO documents VALUES(?,?,?,?,?,?,?,?,?,?)"));
  Binder b(ins_doc);
  b.Text(d.id).Text(hash).Text(d.published).Text(d.title).Text(d.source).Text(d.url).Text(d.origin);
  if (options_.store_text) b.Text(text); else b.Null();
  b.Int(static_cast<int64_t>(dr.records.size())).Int(static_cast<int64_t>(std::time(nullptr)));
  SITREP_RETURN_IF_ERROR(Run(ins_doc));

  ASSIGN_OR_RETURN(ins_rec, Prepare(std::string("INSERT INTO records(doc_id, event_id, component, day, region, coarse, "
                                                "cell, sentence, ") + kRecordColumns + ") VALUES(" +
                                    Placeholders(8 + kNumRecordColumns) + ")"));
  ASSIGN_OR_RETURN(set_comp, Prepare("UPDATE records SET component=id WHERE id=?"));
  ASSIGN_OR_RETURN(ins_ev, Prepare("INSERT INTO evidence VALUES(?,?,?,?,?)"));
  for (const EventRecord& r0 : dr.records) {
    EventRecord r = r0;
    r.doc_id = d.id;
    const Span& sp = r.evidence.sentence;
    std::string sentence = sp.begin < sp.end && sp.end <= text.size() ? text.substr(sp.begin, sp.end - sp.begin) : "";
    Member m = MakeMember(std::move(r), 0, d.source);
    Binder rb(ins_rec);
    rb.Text(d.id).Text(m.record.event_id).Int(0).Day(m.day).Text(RegionKey(m.record)).Int(IsCoarse(m.record))
        .OptInt(CellOf(m.record)).Text(sentence);
    BindRecord(rb, m.record);
    SITREP_RETURN_IF_ERROR(Run(ins_rec));
    m.id = sqlite3_last_insert_rowid(db_);
    Binder(set_comp).Int(m.id);
    SITREP_RETURN_IF_ERROR(Run(set_comp));
    int ord = 0;
    auto evidence = [&](std::string_view role, const Span& s) {
      Binder(ins_ev).Int(m.id).Int(ord++).Text(role).Int(s.begin).Int(s.end);
      return Run(ins_ev);
    };
    SITREP_RETURN_IF_ERROR(evidence("sentence", m.record.evidence.sentence));
    SITREP_RETURN_IF_ERROR(evidence("trigger", m.record.evidence.trigger));
    for (const auto& [role, span] : m.record.evidence.roles) SITREP_RETURN_IF_ERROR(evidence(role, span));
    fresh->push_back(std::move(m));
  }
  return Status::Ok();
}

StatusOr<std::vector<Member>> SqliteStore::LoadComponent(int64_t component) {
  ASSIGN_OR_RETURN(q, Prepare("SELECT r.id, r.doc_id, r.event_id, d.publisher, " + Qualified("r") +
                              " FROM records r JOIN documents d ON d.doc_id=r.doc_id WHERE r.component=?"));
  Binder(q).Int(component);
  std::vector<Member> out;
  for (;;) {
    ASSIGN_OR_RETURN(more, Step(q));
    if (!more) break;
    Row row(q);
    int64_t id = row.Int();
    EventRecord r;
    r.doc_id = row.Text();
    r.event_id = row.Text();
    std::string publisher = row.Text();
    ReadRecord(row, &r);
    out.push_back(MakeMember(std::move(r), id, std::move(publisher)));
  }
  return out;
}

Status SqliteStore::ForEachCandidate(const Member& m,
                                     const std::function<void(int64_t component, const Member&)>& fn) {
  // The rule's date and actor conditions first, in SQL; SameEvent decides.
  const std::string select =
      "SELECT id, component, doc_id, event_id, " + std::string(kRecordColumns) +
      " FROM records WHERE event_type=?1 AND day BETWEEN ?2 - 15 AND ?2 + 15 AND background=0 AND doc_id<>?3"
      " AND abs(day - ?2) <= max(?4, CASE time_precision WHEN 1 THEN 0 WHEN 2 THEN 3 ELSE 15 END)"
      " AND (actor1=?5 OR actor1='' OR ?5='' OR (actor1=?6 AND actor2=?5)) AND ";
  static_assert(kMaxDateToleranceDays == 15);
  ASSIGN_OR_RETURN(by_region, Prepare(select + "region=?7 AND coarse IN (?8, 1)"));
  ASSIGN_OR_RETURN(by_cell, Prepare(select + "cell=?7"));
  std::set<int64_t> seen{m.id};
  auto scan = [&](sqlite3_stmt* q) -> Status {
    for (;;) {
      ASSIGN_OR_RETURN(more, Step(q));
      if (!more) return Status::Ok();
      Row row(q);
      int64_t id = row.Int(), component = row.Int();
      if (!seen.insert(id).second) continue;
      EventRecord r;
      r.doc_id = row.Text();
      r.event_id = row.Text();
      ReadRecord(row, &r);
      Member other = MakeMember(std::move(r), id);
      if (SameEvent(m, other)) fn(component, other);
    }
  };
  auto bind = [&](sqlite3_stmt* q) {
    Binder b(q);
    b.Text(m.record.event_type).Int(m.day).Text(m.record.doc_id).Int(DateToleranceDays(m.record.time_precision))
        .Text(m.record.actor1).Text(m.record.actor2);
    return b;
  };
  // Every record the rule can match shares the region (when either is coarse) or lies within 30 km.
  const bool coarse = IsCoarse(m.record);
  bind(by_region).Text(RegionKey(m.record)).Int(coarse ? 0 : 1);
  SITREP_RETURN_IF_ERROR(scan(by_region));
  if (!coarse)
    for (auto [first, last] : NearbyCells(*m.record.latitude, *m.record.longitude))
      for (int64_t cell = first; cell <= last; ++cell) {  // one index seek a cell, then the days
        bind(by_cell).Int(cell);
        SITREP_RETURN_IF_ERROR(scan(by_cell));
      }
  return Status::Ok();
}

Status SqliteStore::Recluster(const std::vector<Member>& fresh, IngestStats* stats) {
  // The components the new records join, united by union-find over component ids.
  std::map<int64_t, int64_t> parent;
  auto find = [&](int64_t x) {
    if (!parent.count(x)) parent[x] = x;
    while (parent[x] != x) x = parent[x] = parent[parent[x]];
    return x;
  };
  for (const Member& m : fresh) {
    find(m.id);  // a new record's component is its own id until united
    if (m.day == kNoDay || m.record.background || m.record.event_type.empty()) continue;
    SITREP_RETURN_IF_ERROR(ForEachCandidate(m, [&](int64_t component, const Member&) {
      int64_t a = find(m.id), b = find(component);
      if (a != b) parent[std::max(a, b)] = std::min(a, b);
    }));
  }
  std::map<int64_t, std::vector<int64_t>> groups;  // smallest component id -> the components united
  for (const auto& [c, p] : parent) groups[find(c)].push_back(c);
  for (const auto& [root, group] : groups) SITREP_RETURN_IF_ERROR(RemergeComponents(group, stats));
  return Status::Ok();
}

Status SqliteStore::RemergeComponents(const std::vector<int64_t>& group, IngestStats* stats) {
  const int64_t root = *std::min_element(group.begin(), group.end());
  // The merged events stored now, by id, with their member records.
  ASSIGN_OR_RETURN(stored_q, Prepare("SELECT s.event_id, s.record FROM events e JOIN event_sources s "
                                     "ON s.event_id=e.event_id WHERE e.component=? ORDER BY s.event_id, s.ord"));
  ASSIGN_OR_RETURN(relabel_records, Prepare("UPDATE records SET component=? WHERE component=?"));
  ASSIGN_OR_RETURN(relabel_events, Prepare("UPDATE events SET component=? WHERE component=?"));
  std::map<std::string, std::vector<int64_t>> stored;
  for (int64_t c : group) {
    Binder(stored_q).Int(c);
    for (;;) {
      ASSIGN_OR_RETURN(more, Step(stored_q));
      if (!more) break;
      Row row(stored_q);
      std::string id = row.Text();
      stored[id].push_back(row.Int());
    }
    if (c == root) continue;
    Binder(relabel_records).Int(root).Int(c);
    SITREP_RETURN_IF_ERROR(Run(relabel_records));
    Binder(relabel_events).Int(root).Int(c);
    SITREP_RETURN_IF_ERROR(Run(relabel_events));
  }

  ASSIGN_OR_RETURN(del_src, Prepare("DELETE FROM event_sources WHERE event_id=?"));
  ASSIGN_OR_RETURN(del_ev, Prepare("DELETE FROM events WHERE event_id=?"));
  ASSIGN_OR_RETURN(ins_ev, Prepare(std::string("INSERT INTO events(event_id, component, day, doc_id, rep_record, ") +
                                   kRecordColumns + ", num_mentions, num_sources, updated_at) VALUES(" +
                                   Placeholders(5 + kNumRecordColumns + 3) + ")"));
  ASSIGN_OR_RETURN(ins_src, Prepare("INSERT INTO event_sources VALUES(?,?,?)"));
  auto erase = [&](const std::string& event_id) -> Status {
    Binder(del_src).Text(event_id);
    SITREP_RETURN_IF_ERROR(Run(del_src));
    Binder(del_ev).Text(event_id);
    return Run(del_ev);
  };
  const int64_t now = static_cast<int64_t>(std::time(nullptr));
  ASSIGN_OR_RETURN(members, LoadComponent(root));
  for (const Cluster& cl : MergeComponent(members)) {
    const EventRecord& e = cl.merged.event;
    std::vector<int64_t> ids;
    for (size_t k : cl.members) ids.push_back(members[k].id);
    // An event's fields follow from its members, so the same id and members mean no change.
    auto old = stored.find(e.event_id);
    if (old != stored.end()) {
      bool same = old->second == ids;
      stored.erase(old);
      if (same) continue;
      SITREP_RETURN_IF_ERROR(erase(e.event_id));
    }
    Binder b(ins_ev);
    b.Text(e.event_id).Int(root).Day(DayNumber(e.event_date)).Text(e.doc_id).Int(members[cl.representative].id);
    BindRecord(b, e);
    b.Int(cl.merged.num_mentions).Int(cl.merged.num_sources).Int(now);
    SITREP_RETURN_IF_ERROR(Run(ins_ev));
    for (size_t k = 0; k < ids.size(); ++k) {
      Binder(ins_src).Text(e.event_id).Int(static_cast<int64_t>(k)).Int(ids[k]);
      SITREP_RETURN_IF_ERROR(Run(ins_src));
    }
    ++stats->events_changed;
  }
  for (const auto& [event_id, ids] : stored) SITREP_RETURN_IF_ERROR(erase(event_id));
  return Status::Ok();
}

Status SqliteStore::ReadSources(const std::string& event_id, int64_t rep_record, MergedEvent* e) {
  ASSIGN_OR_RETURN(q, Prepare("SELECT r.id, r.doc_id, r.event_id, r.source, r.fatalities, r.fatalities_low, "
                              "r.fatalities_high, r.sentence, d.publisher, d.url, d.published, d.title "
                              "FROM event_sources s JOIN records r ON r.id=s.record "
                              "JOIN documents d ON d.doc_id=r.doc_id WHERE s.event_id=? ORDER BY s.ord"));
  ASSIGN_OR_RETURN(ev, Prepare("SELECT role, begin, end FROM evidence WHERE record=? ORDER BY ord"));
  std::vector<int64_t> ids;
  Binder(q).Text(event_id);
  for (;;) {
    ASSIGN_OR_RETURN(more, Step(q));
    if (!more) break;
    Row row(q);
    EventSource s;
    ids.push_back(row.Int());
    s.doc_id = row.Text();
    s.event_id = row.Text();
    s.attribution = row.Text();
    s.fatalities = row.OptInt();
    s.fatalities_low = row.OptInt();
    s.fatalities_high = row.OptInt();
    s.sentence = row.Text();
    s.publisher = row.Text();
    s.url = row.Text();
    s.published = row.Text();
    s.title = row.Text();
    if (s.attribution.empty()) s.attribution = s.publisher;
    e->sources.push_back(std::move(s));
  }
  for (size_t i = 0; i < ids.size(); ++i) {
    Evidence& evd = e->sources[i].evidence;
    Binder(ev).Int(ids[i]);
    for (int ord = 0;; ++ord) {
      ASSIGN_OR_RETURN(more, Step(ev));
      if (!more) break;
      Row row(ev);
      std::string role = row.Text();
      Span sp{static_cast<uint32_t>(row.Int()), 0};
      sp.end = static_cast<uint32_t>(row.Int());
      if (ord == 0) evd.sentence = sp;
      else if (ord == 1) evd.trigger = sp;
      else evd.roles.emplace_back(std::move(role), sp);
    }
    if (ids[i] == rep_record) {
      e->event.evidence = evd;
      e->notes = e->sources[i].sentence;
    }
  }
  return Status::Ok();
}

Status SqliteStore::Query(const QueryFilter& f, const std::function<bool(MergedEvent&&)>& on_event) {
  std::string sql = "SELECT e.event_id, e.doc_id, e.rep_record, e.num_mentions, e.num_sources, " + Qualified("e") +
                    " FROM events e WHERE 1";
  std::vector<std::string> texts;  // bound in order, after the day bounds
  int since = kNoDay, until = kNoDay;
  if (!f.since.empty() && (since = DayNumber(f.since)) == kNoDay)
    return Status::InvalidArgument("since: not a date YYYY-MM-DD: " + f.since);
  if (!f.until.empty() && (until = DayNumber(f.until)) == kNoDay)
    return Status::InvalidArgument("until: not a date YYYY-MM-DD: " + f.until);
  bool near = f.near_lat && f.near_lon;
  if (near && (std::abs(*f.near_lat) > 90 || std::abs(*f.near_lon) > 180 || !(f.near_km >= 0)))
    return Status::InvalidArgument("near: latitude, longitude or distance out of range");
  if (since != kNoDay) sql += " AND e.day >= " + std::to_string(since);
  if (until != kNoDay) sql += " AND e.day <= " + std::to_string(until);
  if (!f.include_background) sql += " AND e.background = 0";
  auto text_param = [&](const std::string& clause, const std::string& value, int times = 1) {
    sql += clause;
    for (int i = 0; i < times; ++i) texts.push_back(value);
  };
  if (!f.country.empty()) text_param(" AND (lower(e.country)=? OR lower(e.iso3)=?)", AsciiLower(f.country), 2);
  if (!f.admin1.empty()) text_param(" AND lower(e.admin1)=?", AsciiLower(f.admin1));
  if (!f.event_type.empty()) text_param(" AND e.event_type=?", f.event_type);
  if (!f.sub_event_type.empty()) text_param(" AND e.sub_event_type=?", f.sub_event_type);
  if (!f.actor.empty())
    text_param(" AND (instr(lower(e.actor1),?) OR instr(lower(e.actor2),?) OR instr(lower(e.assoc_actor_1),?)"
               " OR instr(lower(e.assoc_actor_2),?))", AsciiLower(f.actor), 4);
  for (size_t at = 0; at < f.text.size();) {
    size_t end = f.text.find_first_of(" \t\n", at);
    if (end == std::string::npos) end = f.text.size();
    if (end > at)
      text_param(" AND EXISTS(SELECT 1 FROM event_sources s JOIN records r ON r.id=s.record"
                 " WHERE s.event_id=e.event_id AND instr(lower(r.sentence),?))",
                 AsciiLower(f.text.substr(at, end - at)));
    at = end + 1;
  }
  if (near) {  // a bounding box first; the exact distance below
    double dlat = f.near_km / 111.0 + 0.01;
    sql += " AND e.latitude BETWEEN " + std::to_string(*f.near_lat - dlat) + " AND " +
           std::to_string(*f.near_lat + dlat);
    double c = std::cos((std::abs(*f.near_lat) + dlat) * std::numbers::pi / 180);
    double dlon = c > 0.01 ? f.near_km / (111.0 * c) + 0.01 : 360;
    if (*f.near_lon - dlon > -180 && *f.near_lon + dlon < 180)
      sql += " AND e.longitude BETWEEN " + std::to_string(*f.near_lon - dlon) + " AND " +
             std::to_string(*f.near_lon + dlon);
  }
  sql += " ORDER BY e.event_date, e.event_id";

  std::lock_guard<std::mutex> lock(mu_);
  // One read transaction: a consistent snapshot even while writers commit.
  SITREP_RETURN_IF_ERROR(Exec("BEGIN"));
  auto body = [&]() -> Status {
    sqlite3_stmt* raw = nullptr;
    if (sqlite3_prepare_v2(db_, sql.c_str(), -1, &raw, nullptr) != SQLITE_OK) return Error("query");
    StmtPtr q(raw);
    Binder b(q.get());
    for (const auto& t : texts) b.Text(t);
    size_t emitted = 0;
    for (;;) {
      ASSIGN_OR_RETURN(more, Step(q.get()));
      if (!more) break;
      Row row(q.get());
      MergedEvent e;
      e.event.event_id = row.Text();
      e.event.doc_id = row.Text();
      int64_t rep = row.Int();
      e.num_mentions = static_cast<int>(row.Int());
      e.num_sources = static_cast<int>(row.Int());
      ReadRecord(row, &e.event);
      if (near && (!e.event.latitude || !e.event.longitude ||
                   DistanceKm(*f.near_lat, *f.near_lon, *e.event.latitude, *e.event.longitude) > f.near_km))
        continue;
      SITREP_RETURN_IF_ERROR(ReadSources(e.event.event_id, rep, &e));
      if (!on_event(std::move(e))) break;
      if (f.limit && ++emitted >= f.limit) break;
    }
    return Status::Ok();
  };
  Status s = body();
  Exec(s.ok() ? "COMMIT" : "ROLLBACK");
  return s;
}

StatusOr<std::string> SqliteStore::DocumentText(const std::string& doc_id) {
  std::lock_guard<std::mutex> lock(mu_);
  ASSIGN_OR_RETURN(q, Prepare("SELECT text FROM documents WHERE doc_id=?"));
  Binder(q).Text(doc_id);
  ASSIGN_OR_RETURN(found, Step(q));
  bool has_text = found && sqlite3_column_type(q, 0) != SQLITE_NULL;
  std::string text = has_text ? Row(q).Text() : "";
  sqlite3_reset(q);
  if (!found) return Status::NotFound(path_ + ": no document " + doc_id);
  if (!has_text) return Status::NotFound(path_ + ": the text of " + doc_id + " was not stored");
  return text;
}

StatusOr<StoreStats> SqliteStore::Stats() {
  std::lock_guard<std::mutex> lock(mu_);
  ASSIGN_OR_RETURN(q, Prepare("SELECT (SELECT count(*) FROM documents), (SELECT count(*) FROM records), "
                              "(SELECT count(*) FROM events)"));
  Binder{q};
  ASSIGN_OR_RETURN(found, Step(q));
  (void)found;
  StoreStats s;
  Row row(q);
  s.documents = static_cast<uint64_t>(row.Int());
  s.records = static_cast<uint64_t>(row.Int());
  s.events = static_cast<uint64_t>(row.Int());
  sqlite3_reset(q);
  return s;
}

}  // namespace

StatusOr<std::unique_ptr<Store>> OpenSqliteStore(const std::string& path, const StoreOptions& options) {
  auto store = std::make_unique<SqliteStore>(path, options);
  SITREP_RETURN_IF_ERROR(store->Init());
  return std::unique_ptr<Store>(std::move(store));
}

}  // namespace sitrep::store
