// The PostgreSQL backend (libpqxx): one transaction per ingest batch, the merge step
// serialised by an advisory lock, the same incremental merge by component as SQLite.
#include "store/postgres_store.h"

#ifndef SITREP_WITH_POSTGRES

namespace sitrep::store {

bool PostgresBuiltIn() { return false; }

StatusOr<std::unique_ptr<Store>> OpenPostgresStore(const std::string& url, const StoreOptions&) {
  return Status::Unsupported(url + ": PostgreSQL stores are not built into this sitrep (built without libpqxx)");
}

bool PostgresReachable(const std::string&) { return false; }

Status PostgresExec(const std::string& url, const std::string&) {
  return Status::Unsupported(url + ": built without libpqxx");
}

}  // namespace sitrep::store

#else  // SITREP_WITH_POSTGRES

#include <xxhash.h>

#include <algorithm>
#include <charconv>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <ctime>
#include <map>
#include <mutex>
#include <numbers>
#include <optional>
#include <set>
#include <thread>
#include <unordered_set>
#include <vector>

#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wdeprecated-declarations"
#pragma GCC diagnostic ignored "-Wdeprecated-copy"
#include <pqxx/pqxx>
#pragma GCC diagnostic pop

#include "sitrep/text.h"
#include "store/backend_util.h"
#include "store/merge.h"

#ifndef SITREP_VERSION
#define SITREP_VERSION "dev"
#endif

namespace sitrep::store {

namespace {

// The record fields, as in the SQLite backend (BindRecord/ReadRecord keep this order).
constexpr const char* kRecordColumnsDdl =
    "event_date TEXT NOT NULL, time_precision INTEGER NOT NULL, event_type TEXT NOT NULL, "
    "sub_event_type TEXT NOT NULL, cameo_code TEXT NOT NULL, quad_class INTEGER NOT NULL, "
    "goldstein DOUBLE PRECISION NOT NULL, actor1 TEXT NOT NULL, assoc_actor_1 TEXT NOT NULL, actor2 TEXT NOT NULL, "
    "assoc_actor_2 TEXT NOT NULL, actor1_code TEXT NOT NULL, actor2_code TEXT NOT NULL, inter1 INTEGER NOT NULL, "
    "inter2 INTEGER NOT NULL, country TEXT NOT NULL, iso3 TEXT NOT NULL, admin1 TEXT NOT NULL, admin2 TEXT NOT NULL, "
    "location TEXT NOT NULL, latitude DOUBLE PRECISION, longitude DOUBLE PRECISION, geo_precision INTEGER NOT NULL, "
    "geonameid BIGINT NOT NULL, fatalities BIGINT, fatalities_low BIGINT, fatalities_high BIGINT, "
    "civilian_fatalities BIGINT, source TEXT NOT NULL, background INTEGER NOT NULL, "
    "confidence DOUBLE PRECISION NOT NULL";
constexpr const char* kRecordColumns =
    "event_date, time_precision, event_type, sub_event_type, cameo_code, quad_class, goldstein, actor1, "
    "assoc_actor_1, actor2, assoc_actor_2, actor1_code, actor2_code, inter1, inter2, country, iso3, admin1, admin2, "
    "location, latitude, longitude, geo_precision, geonameid, fatalities, fatalities_low, fatalities_high, "
    "civilian_fatalities, source, background, confidence";
constexpr int kNumRecordColumns = 31;

// Advisory lock keys (per database): the merge step, and creating the schema.
constexpr int64_t kMergeLockKey = 0x7369747265700001;   // "sitrep" 1
constexpr int64_t kSchemaLockKey = 0x7369747265700002;  // "sitrep" 2

// "$first,$first+1,..." n placeholders.
std::string Placeholders(int first, int n) {
  std::string s;
  for (int i = 0; i < n; ++i) s += (i ? ",$" : "$") + std::to_string(first + i);
  return s;
}

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

// ASCII lower case in SQL, as SQLite's lower(): independent of the database's locale.
std::string SqlLower(const std::string& expr) {
  return "translate(" + expr + ", 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz')";
}


// "postgresql://user:secret@host/db" -> "postgresql://user:***@host/db", for messages.
std::string Redacted(const std::string& url) {
  size_t scheme = url.find("://");
  size_t at = url.find('@');
  if (scheme == std::string::npos || at == std::string::npos) return url;
  size_t colon = url.find(':', scheme + 3);
  if (colon == std::string::npos || colon > at) return url;
  return url.substr(0, colon + 1) + "***" + url.substr(at);
}

// Statement parameters, left to right, as text (NULL for absent values).
class Params {
 public:
  Params& Text(std::string_view v) { return Add(std::string(v)); }
  Params& Int(int64_t v) { return Add(std::to_string(v)); }
  Params& Real(double v) {
    if (!std::isfinite(v)) v = 0;
    char buf[32];
    auto r = std::to_chars(buf, buf + sizeof buf, v);  // shortest exact form
    return Add(std::string(buf, r.ptr));
  }
  Params& Null() { return Add(std::nullopt); }
  Params& OptInt(const std::optional<int64_t>& v) { return v ? Int(*v) : Null(); }
  Params& OptReal(const std::optional<double>& v) { return v && std::isfinite(*v) ? Real(*v) : Null(); }
  Params& Day(int day) { return day == kNoDay ? Null() : Int(day); }
  int size() const { return static_cast<int>(values_.size()); }

  pqxx::result Exec(pqxx::transaction_base& txn, const std::string& sql) const {
    std::vector<const char*> ptrs;
    ptrs.reserve(values_.size());
    for (const auto& v : values_) ptrs.push_back(v ? v->c_str() : nullptr);
    return txn.exec_params(sql, pqxx::prepare::make_dynamic_params(ptrs));
  }

 private:
  Params& Add(std::optional<std::string> v) {
    values_.push_back(std::move(v));
    return *this;
  }
  std::vector<std::optional<std::string>> values_;
};

// Reads fields left to right from a row.
class Reader {
 public:
  explicit Reader(pqxx::row row, int first = 0) : row_(std::move(row)), i_(first) {}
  bool IsNull() const { return row_[i_].is_null(); }
  std::string Text() {
    pqxx::field f = row_[i_++];
    return f.is_null() ? std::string() : std::string(f.c_str(), f.size());
  }
  int64_t Int() {
    pqxx::field f = row_[i_++];
    int64_t v = 0;
    if (!f.is_null()) std::from_chars(f.c_str(), f.c_str() + f.size(), v);
    return v;
  }
  double Real() {
    pqxx::field f = row_[i_++];
    double v = 0;
    if (!f.is_null()) std::from_chars(f.c_str(), f.c_str() + f.size(), v);
    return v;
  }
  std::optional<int64_t> OptInt() {
    if (IsNull()) return ++i_, std::nullopt;
    return Int();
  }
  std::optional<double> OptReal() {
    if (IsNull()) return ++i_, std::nullopt;
    return Real();
  }

 private:
  pqxx::row row_;  // shares the result
  int i_;
};

void BindRecord(Params& b, const EventRecord& r) {
  b.Text(r.event_date).Int(r.time_precision).Text(r.event_type).Text(r.sub_event_type).Text(r.cameo_code)
      .Int(r.quad_class).Real(r.goldstein).Text(r.actor1).Text(JoinList(r.assoc_actor_1)).Text(r.actor2)
      .Text(JoinList(r.assoc_actor_2)).Text(r.actor1_code).Text(r.actor2_code).Int(r.inter1).Int(r.inter2)
      .Text(r.country).Text(r.iso3).Text(r.admin1).Text(r.admin2).Text(r.location).OptReal(r.latitude)
      .OptReal(r.longitude).Int(r.geo_precision).Int(r.geonameid).OptInt(r.fatalities).OptInt(r.fatalities_low)
      .OptInt(r.fatalities_high).OptInt(r.civilian_fatalities).Text(r.source).Int(r.background ? 1 : 0)
      .Real(r.confidence);
}

void ReadRecord(Reader& row, EventRecord* r) {
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

// A document the batch cannot store (reported in stats.problems, not an error).
struct Skip {};

class PgStore final : public Store {
 public:
  PgStore(std::string url, StoreOptions options) : url_(std::move(url)), options_(std::move(options)) {}

  Status Init();
  StatusOr<IngestStats> Ingest(const std::vector<DocumentRecords>& batch) override;
  Status Query(const QueryFilter& filter, const std::function<bool(MergedEvent&&)>& on_event) override;
  StatusOr<std::string> DocumentText(const std::string& doc_id) override;
  StatusOr<StoreStats> Stats() override;
  const std::string& name() const override { return url_; }

 private:
  Status Failed(const std::exception& e) const {
    std::string what = e.what();
    while (!what.empty() && (what.back() == '\n' || what.back() == ' ')) what.pop_back();
    return Status::IOError(Redacted(url_) + ": " + what);
  }
  // Runs `fn` and turns libpqxx's exceptions into a Status (reconnecting after a lost connection).
  Status Guard(const std::function<Status()>& fn);

  Status CreateOrCheckSchema(pqxx::work& txn);
  void IngestLocked(pqxx::work& txn, const std::vector<DocumentRecords>& batch, IngestStats* stats);
  // `text` is the document's normalised text (the records' sentences are cut from it).
  void InsertDocument(pqxx::work& txn, const DocumentRecords& dr, const std::string& text, std::vector<Member>* fresh);
  void Recluster(pqxx::work& txn, const std::vector<Member>& fresh, IngestStats* stats);
  void ForEachCandidate(pqxx::work& txn, const Member& m, const std::function<void(int64_t component)>& fn);
  void RemergeComponents(pqxx::work& txn, const std::vector<int64_t>& group, IngestStats* stats);
  std::vector<Member> LoadComponent(pqxx::work& txn, int64_t component);
  void ReadSources(pqxx::transaction_base& txn, const std::string& event_id, int64_t rep_record, MergedEvent* e);

  std::string url_;
  StoreOptions options_;
  std::unique_ptr<pqxx::connection> conn_;
  std::mutex mu_;
};

Status PgStore::Guard(const std::function<Status()>& fn) {
  try {
    if (!conn_ || !conn_->is_open()) {
      conn_ = std::make_unique<pqxx::connection>(url_);
      conn_->set_client_encoding("UTF8");
    }
    return fn();
  } catch (const pqxx::broken_connection& e) {
    conn_.reset();
    return Failed(e);
  } catch (const std::exception& e) {
    return Failed(e);
  }
}

Status PgStore::Init() {
  return Guard([&]() -> Status {
    pqxx::work txn(*conn_);
    Status s = CreateOrCheckSchema(txn);
    if (s.ok()) txn.commit();
    return s;
  });
}

Status PgStore::CreateOrCheckSchema(pqxx::work& txn) {
  // Two processes may open a new database at once: one creates, the other then checks.
  txn.exec("SELECT pg_advisory_xact_lock(" + std::to_string(kSchemaLockKey) + ")");
  bool exists = !txn.exec("SELECT to_regclass('meta')")[0][0].is_null();
  if (exists) {
    pqxx::result r = txn.exec("SELECT value FROM meta WHERE key='schema_version'");
    int version = r.empty() ? 0 : std::atoi(r[0][0].c_str());
    if (version <= 0) return Status::Corruption(Redacted(url_) + ": no valid schema_version in table meta");
    if (version > kPostgresSchemaVersion)
      return Status::Unsupported(Redacted(url_) + ": schema version " + std::to_string(version) +
                                 " is newer than this sitrep reads (" + std::to_string(kPostgresSchemaVersion) +
                                 "); use a newer sitrep");
    return Status::Ok();
  }
  int64_t tables = Reader(txn.exec("SELECT count(*) FROM pg_tables WHERE schemaname = current_schema()")[0]).Int();
  if (tables > 0)
    return Status::InvalidArgument(Redacted(url_) + ": a PostgreSQL database but not a sitrep store (no table meta)");
  if (!options_.create_if_missing) return Status::NotFound(Redacted(url_) + ": no such store (no table meta)");
  std::string cols = kRecordColumnsDdl;
  txn.exec(
      "CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);"
      "CREATE TABLE documents(doc_id TEXT PRIMARY KEY, text_hash TEXT NOT NULL, published TEXT NOT NULL, "
      "  title TEXT NOT NULL, publisher TEXT NOT NULL, url TEXT NOT NULL, origin TEXT NOT NULL, text TEXT, "
      "  num_records BIGINT NOT NULL, ingested_at BIGINT NOT NULL);"
      "CREATE TABLE records(id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, "
      "  doc_id TEXT NOT NULL REFERENCES documents(doc_id), event_id TEXT NOT NULL, component BIGINT NOT NULL, "
      "  day INTEGER, region TEXT NOT NULL, coarse INTEGER NOT NULL, cell BIGINT, sentence TEXT NOT NULL, " +
      cols + ", UNIQUE(doc_id, event_id));"
      "CREATE INDEX records_by_region ON records(event_type, region, coarse, day);"
      "CREATE INDEX records_by_cell ON records(event_type, cell, day);"
      "CREATE INDEX records_by_component ON records(component);"
      "CREATE TABLE evidence(record BIGINT NOT NULL REFERENCES records(id), ord INTEGER NOT NULL, "
      "  role TEXT NOT NULL, \"begin\" BIGINT NOT NULL, \"end\" BIGINT NOT NULL, PRIMARY KEY(record, ord));"
      "CREATE TABLE events(event_id TEXT PRIMARY KEY, component BIGINT NOT NULL, day INTEGER, "
      "  doc_id TEXT NOT NULL, rep_record BIGINT NOT NULL REFERENCES records(id), " + cols + ", "
      "  num_mentions INTEGER NOT NULL, num_sources INTEGER NOT NULL, updated_at BIGINT NOT NULL);"
      "CREATE INDEX events_by_component ON events(component);"
      "CREATE INDEX events_by_day ON events(day);"
      "CREATE INDEX events_by_country ON events(country, day);"
      "CREATE TABLE event_sources(event_id TEXT NOT NULL REFERENCES events(event_id), ord INTEGER NOT NULL, "
      "  record BIGINT NOT NULL REFERENCES records(id), PRIMARY KEY(event_id, ord));"
      "CREATE INDEX event_sources_by_record ON event_sources(record);"
      "INSERT INTO meta VALUES('schema_version', '" + std::to_string(kPostgresSchemaVersion) + "');"
      "INSERT INTO meta VALUES('created_by', 'sitrep " SITREP_VERSION "');"
      "INSERT INTO meta VALUES('text_hash', 'xxh3-128');");
  return Status::Ok();
}

StatusOr<IngestStats> PgStore::Ingest(const std::vector<DocumentRecords>& batch) {
  std::lock_guard<std::mutex> lock(mu_);
  IngestStats stats;
  if (batch.empty()) return stats;
  // Two batches sharing documents may deadlock on them (PostgreSQL aborts one): retry that one.
  for (int attempt = 0;; ++attempt) {
    bool retry = false;
    Status s = Guard([&]() -> Status {
      try {
        pqxx::work txn(*conn_);
        // Lock waits (documents another writer is storing, the merge lock) end like SQLite's busy timeout.
        txn.exec("SET LOCAL lock_timeout = " + std::to_string(std::max(1, options_.busy_timeout_ms)));
        stats = IngestStats{};
        IngestLocked(txn, batch, &stats);
        txn.commit();
        return Status::Ok();
      } catch (const pqxx::deadlock_detected& e) {
        if (attempt >= 8) throw;
        retry = true;
      } catch (const pqxx::serialization_failure& e) {
        if (attempt >= 8) throw;
        retry = true;
      }
      return Status::Ok();
    });
    if (!s.ok()) return s;
    if (!retry) return stats;
    std::this_thread::sleep_for(std::chrono::milliseconds(5 << std::min(attempt, 5)));
  }
}

void PgStore::IngestLocked(pqxx::work& txn, const std::vector<DocumentRecords>& batch, IngestStats* stats) {
  std::vector<Member> fresh;
  std::unordered_set<std::string> in_batch;
  const std::string insert_doc = "INSERT INTO documents VALUES(" + Placeholders(1, 10) +
                                 ") ON CONFLICT (doc_id) DO NOTHING RETURNING 1";
  for (const DocumentRecords& dr : batch) {
    const Document& d = dr.doc;
    std::string where = d.id.empty() ? (d.origin.empty() ? "<document>" : d.origin) : d.id;
    if (d.id.empty()) {
      stats->problems.push_back(where + ": document without an id: not stored");
      continue;
    }
    std::string hash = TextHash(d.text);
    if (in_batch.count(d.id)) {  // twice in one batch
      ++stats->documents_unchanged;
      continue;
    }
    std::set<std::string> ids;
    bool bad = false;
    for (const EventRecord& r : dr.records) bad = bad || r.event_id.empty() || !ids.insert(r.event_id).second;
    pqxx::result stored = Params().Text(d.id).Exec(txn, "SELECT text_hash FROM documents WHERE doc_id=$1");
    if (stored.empty() && !bad) {
      // Stored unless another writer stored it first (then its row decides, as if found above).
      std::string text = NormalizeUtf8(d.text, nullptr);  // evidence spans point into this
      Params p;
      p.Text(d.id).Text(hash).Text(d.published).Text(d.title).Text(d.source).Text(d.url).Text(d.origin);
      if (options_.store_text) p.Text(text); else p.Null();
      p.Int(static_cast<int64_t>(dr.records.size())).Int(static_cast<int64_t>(std::time(nullptr)));
      if (!p.Exec(txn, insert_doc).empty()) {
        InsertDocument(txn, dr, text, &fresh);
        in_batch.insert(d.id);
        ++stats->documents_added;
        stats->records_added += dr.records.size();
        continue;
      }
      stored = Params().Text(d.id).Exec(txn, "SELECT text_hash FROM documents WHERE doc_id=$1");
    }
    if (!stored.empty()) {
      if (Reader(stored[0]).Text() == hash) ++stats->documents_unchanged;
      else stats->problems.push_back(where + ": already stored with a different text: not replaced");
      continue;
    }
    stats->problems.push_back(where + ": records with an empty or repeated event_id: not stored");
  }
  if (fresh.empty()) return;
  // From here on, one writer at a time: the candidates include every committed record.
  txn.exec("SELECT pg_advisory_xact_lock(" + std::to_string(kMergeLockKey) + ")");
  Recluster(txn, fresh, stats);
}

void PgStore::InsertDocument(pqxx::work& txn, const DocumentRecords& dr, const std::string& text,
                             std::vector<Member>* fresh) {
  const Document& d = dr.doc;
  // The record's id is also its first component.
  static const std::string ins_rec =
      std::string("INSERT INTO records(id, component, doc_id, event_id, day, region, coarse, cell, sentence, ") +
      kRecordColumns + ") SELECT n.id, n.id, " + Placeholders(1, 7 + kNumRecordColumns) +
      " FROM (SELECT nextval(pg_get_serial_sequence('records', 'id')) AS id) n RETURNING id";
  for (const EventRecord& r0 : dr.records) {
    EventRecord r = r0;
    r.doc_id = d.id;
    const Span& sp = r.evidence.sentence;
    std::string sentence = sp.begin < sp.end && sp.end <= text.size() ? text.substr(sp.begin, sp.end - sp.begin) : "";
    Member m = MakeMember(std::move(r), 0, d.source);
    Params rb;
    rb.Text(d.id).Text(m.record.event_id).Day(m.day).Text(RegionKey(m.record)).Int(IsCoarse(m.record))
        .OptInt(CellOf(m.record)).Text(sentence);
    BindRecord(rb, m.record);
    m.id = Reader(rb.Exec(txn, ins_rec)[0]).Int();
    // The evidence spans in one statement: 0 the sentence, 1 the trigger, then the roles.
    Params ev;
    std::string sql = "INSERT INTO evidence VALUES";
    int ord = 0;
    auto add = [&](std::string_view role, const Span& s) {
      sql += (ord ? ",(" : "(") + Placeholders(ev.size() + 1, 5) + ")";
      ev.Int(m.id).Int(ord++).Text(role).Int(s.begin).Int(s.end);
    };
    add("sentence", m.record.evidence.sentence);
    add("trigger", m.record.evidence.trigger);
    for (const auto& [role, span] : m.record.evidence.roles) add(role, span);
    ev.Exec(txn, sql);
    fresh->push_back(std::move(m));
  }
}

std::vector<Member> PgStore::LoadComponent(pqxx::work& txn, int64_t component) {
  pqxx::result res = Params().Int(component).Exec(
      txn, "SELECT r.id, r.doc_id, r.event_id, d.publisher, " + Qualified("r") +
               " FROM records r JOIN documents d ON d.doc_id=r.doc_id WHERE r.component=$1");
  std::vector<Member> out;
  for (const pqxx::row& row : res) {
    Reader rd(row);
    int64_t id = rd.Int();
    EventRecord r;
    r.doc_id = rd.Text();
    r.event_id = rd.Text();
    std::string publisher = rd.Text();
    ReadRecord(rd, &r);
    out.push_back(MakeMember(std::move(r), id, std::move(publisher)));
  }
  return out;
}

void PgStore::ForEachCandidate(pqxx::work& txn, const Member& m, const std::function<void(int64_t)>& fn) {
  // The rule's date and actor conditions in SQL, then the region or the nearby cells; SameEvent decides.
  static_assert(kMaxDateToleranceDays == 15);
  std::string sql =
      "SELECT id, component, doc_id, event_id, " + std::string(kRecordColumns) +
      " FROM records WHERE event_type=$1 AND day BETWEEN $2::integer - 15 AND $2::integer + 15 AND background=0"
      " AND doc_id<>$3 AND id<>$9::bigint"
      " AND abs(day - $2::integer) <= greatest($4::integer, CASE time_precision WHEN 1 THEN 0 WHEN 2 THEN 3 ELSE 15 END)"
      " AND (actor1=$5::text OR actor1='' OR $5::text='' OR (actor1=$6::text AND actor2=$5::text))"
      " AND ((region=$7 AND coarse IN ($8::integer, 1))";
  const bool coarse = IsCoarse(m.record);
  if (!coarse)
    for (auto [first, last] : NearbyCells(*m.record.latitude, *m.record.longitude))
      sql += " OR cell BETWEEN " + std::to_string(first) + " AND " + std::to_string(last);
  sql += ")";
  Params p;
  p.Text(m.record.event_type).Int(m.day).Text(m.record.doc_id).Int(DateToleranceDays(m.record.time_precision))
      .Text(m.record.actor1).Text(m.record.actor2).Text(RegionKey(m.record)).Int(coarse ? 0 : 1).Int(m.id);
  for (const pqxx::row& row : p.Exec(txn, sql)) {
    Reader rd(row);
    int64_t id = rd.Int(), component = rd.Int();
    EventRecord r;
    r.doc_id = rd.Text();
    r.event_id = rd.Text();
    ReadRecord(rd, &r);
    if (SameEvent(m, MakeMember(std::move(r), id))) fn(component);
  }
}

void PgStore::Recluster(pqxx::work& txn, const std::vector<Member>& fresh, IngestStats* stats) {
  std::map<int64_t, int64_t> parent;
  auto find = [&](int64_t x) {
    if (!parent.count(x)) parent[x] = x;
    while (parent[x] != x) x = parent[x] = parent[parent[x]];
    return x;
  };
  for (const Member& m : fresh) {
    find(m.id);
    if (m.day == kNoDay || m.record.background || m.record.event_type.empty()) continue;
    ForEachCandidate(txn, m, [&](int64_t component) {
      int64_t a = find(m.id), b = find(component);
      if (a != b) parent[std::max(a, b)] = std::min(a, b);
    });
  }
  std::map<int64_t, std::vector<int64_t>> groups;
  for (const auto& [c, p] : parent) groups[find(c)].push_back(c);
  for (const auto& [root, group] : groups) RemergeComponents(txn, group, stats);
}

void PgStore::RemergeComponents(pqxx::work& txn, const std::vector<int64_t>& group, IngestStats* stats) {
  const int64_t root = *std::min_element(group.begin(), group.end());
  std::map<std::string, std::vector<int64_t>> stored;
  std::string others;  // the components relabelled to root
  for (int64_t c : group) {
    pqxx::result res = Params().Int(c).Exec(
        txn, "SELECT s.event_id, s.record FROM events e JOIN event_sources s ON s.event_id=e.event_id "
             "WHERE e.component=$1 ORDER BY s.event_id, s.ord");
    for (const pqxx::row& row : res) {
      Reader rd(row);
      std::string id = rd.Text();
      stored[id].push_back(rd.Int());
    }
    if (c != root) others += (others.empty() ? "" : ",") + std::to_string(c);
  }
  if (!others.empty()) {
    Params().Int(root).Exec(txn, "UPDATE records SET component=$1 WHERE component IN (" + others + ")");
    Params().Int(root).Exec(txn, "UPDATE events SET component=$1 WHERE component IN (" + others + ")");
  }
  auto erase = [&](const std::string& event_id) {
    Params().Text(event_id).Exec(txn, "DELETE FROM event_sources WHERE event_id=$1");
    Params().Text(event_id).Exec(txn, "DELETE FROM events WHERE event_id=$1");
  };
  static const std::string ins_ev = std::string("INSERT INTO events(event_id, component, day, doc_id, rep_record, ") +
                                    kRecordColumns + ", num_mentions, num_sources, updated_at) VALUES(" +
                                    Placeholders(1, 5 + kNumRecordColumns + 3) + ")";
  const int64_t now = static_cast<int64_t>(std::time(nullptr));
  std::vector<Member> members = LoadComponent(txn, root);
  for (const Cluster& cl : MergeComponent(members)) {
    const EventRecord& e = cl.merged.event;
    std::vector<int64_t> ids;
    for (size_t k : cl.members) ids.push_back(members[k].id);
    auto old = stored.find(e.event_id);
    if (old != stored.end()) {
      bool same = old->second == ids;
      stored.erase(old);
      if (same) continue;
      erase(e.event_id);
    }
    Params b;
    b.Text(e.event_id).Int(root).Day(DayNumber(e.event_date)).Text(e.doc_id).Int(members[cl.representative].id);
    BindRecord(b, e);
    b.Int(cl.merged.num_mentions).Int(cl.merged.num_sources).Int(now);
    b.Exec(txn, ins_ev);
    Params src;
    std::string sql = "INSERT INTO event_sources VALUES";
    for (size_t k = 0; k < ids.size(); ++k) {
      sql += (k ? ",(" : "(") + Placeholders(src.size() + 1, 3) + ")";
      src.Text(e.event_id).Int(static_cast<int64_t>(k)).Int(ids[k]);
    }
    src.Exec(txn, sql);
    ++stats->events_changed;
  }
  for (const auto& [event_id, ids] : stored) erase(event_id);
}

void PgStore::ReadSources(pqxx::transaction_base& txn, const std::string& event_id, int64_t rep_record,
                          MergedEvent* e) {
  pqxx::result res = Params().Text(event_id).Exec(
      txn, "SELECT r.id, r.doc_id, r.event_id, r.source, r.fatalities, r.fatalities_low, "
           "r.fatalities_high, r.sentence, d.publisher, d.url, d.published, d.title "
           "FROM event_sources s JOIN records r ON r.id=s.record "
           "JOIN documents d ON d.doc_id=r.doc_id WHERE s.event_id=$1 ORDER BY s.ord");
  std::vector<int64_t> ids;
  std::string id_list;
  for (const pqxx::row& row : res) {
    Reader rd(row);
    EventSource s;
    ids.push_back(rd.Int());
    id_list += (id_list.empty() ? "" : ",") + std::to_string(ids.back());
    s.doc_id = rd.Text();
    s.event_id = rd.Text();
    s.attribution = rd.Text();
    s.fatalities = rd.OptInt();
    s.fatalities_low = rd.OptInt();
    s.fatalities_high = rd.OptInt();
    s.sentence = rd.Text();
    s.publisher = rd.Text();
    s.url = rd.Text();
    s.published = rd.Text();
    s.title = rd.Text();
    if (s.attribution.empty()) s.attribution = s.publisher;
    e->sources.push_back(std::move(s));
  }
  if (ids.empty()) return;
  std::map<int64_t, size_t> index;
  for (size_t i = 0; i < ids.size(); ++i) index[ids[i]] = i;
  pqxx::result spans = txn.exec("SELECT record, ord, role, \"begin\", \"end\" FROM evidence WHERE record IN (" +
                                id_list + ") ORDER BY record, ord");
  for (const pqxx::row& row : spans) {
    Reader rd(row);
    int64_t record = rd.Int();
    int64_t ord = rd.Int();
    std::string role = rd.Text();
    Span sp{static_cast<uint32_t>(rd.Int()), 0};
    sp.end = static_cast<uint32_t>(rd.Int());
    Evidence& evd = e->sources[index[record]].evidence;
    if (ord == 0) evd.sentence = sp;
    else if (ord == 1) evd.trigger = sp;
    else evd.roles.emplace_back(std::move(role), sp);
  }
  for (size_t i = 0; i < ids.size(); ++i)
    if (ids[i] == rep_record) {
      e->event.evidence = e->sources[i].evidence;
      e->notes = e->sources[i].sentence;
    }
}

Status PgStore::Query(const QueryFilter& f, const std::function<bool(MergedEvent&&)>& on_event) {
  std::string sql = "SELECT e.event_id, e.doc_id, e.rep_record, e.num_mentions, e.num_sources, " + Qualified("e") +
                    " FROM events e WHERE true";
  Params params;
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
  auto param = [&](const std::string& value) {
    params.Text(value);
    return "$" + std::to_string(params.size()) + "::text";
  };
  if (!f.country.empty()) {
    std::string p = param(AsciiLower(f.country));
    sql += " AND (" + SqlLower("e.country") + "=" + p + " OR " + SqlLower("e.iso3") + "=" + p + ")";
  }
  if (!f.admin1.empty()) sql += " AND " + SqlLower("e.admin1") + "=" + param(AsciiLower(f.admin1));
  if (!f.event_type.empty()) sql += " AND e.event_type=" + param(f.event_type);
  if (!f.sub_event_type.empty()) sql += " AND e.sub_event_type=" + param(f.sub_event_type);
  if (!f.actor.empty()) {
    std::string p = param(AsciiLower(f.actor));
    sql += " AND (strpos(" + SqlLower("e.actor1") + "," + p + ")>0 OR strpos(" + SqlLower("e.actor2") + "," + p +
           ")>0 OR strpos(" + SqlLower("e.assoc_actor_1") + "," + p + ")>0 OR strpos(" +
           SqlLower("e.assoc_actor_2") + "," + p + ")>0)";
  }
  for (size_t at = 0; at < f.text.size();) {
    size_t end = f.text.find_first_of(" \t\n", at);
    if (end == std::string::npos) end = f.text.size();
    if (end > at)
      sql += " AND EXISTS(SELECT 1 FROM event_sources s JOIN records r ON r.id=s.record WHERE s.event_id=e.event_id"
             " AND strpos(" + SqlLower("r.sentence") + "," + param(AsciiLower(f.text.substr(at, end - at))) + ")>0)";
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
  // Byte order, as SQLite's, whatever the database's collation.
  sql += " ORDER BY e.event_date COLLATE \"C\", e.event_id COLLATE \"C\"";

  std::lock_guard<std::mutex> lock(mu_);
  return Guard([&]() -> Status {
    // One snapshot for the events and their sources, even while writers commit.
    pqxx::transaction<pqxx::repeatable_read, pqxx::read_only> txn(*conn_);
    pqxx::result res = params.Exec(txn, sql);
    size_t emitted = 0;
    for (const pqxx::row& row : res) {
      Reader rd(row);
      MergedEvent e;
      e.event.event_id = rd.Text();
      e.event.doc_id = rd.Text();
      int64_t rep = rd.Int();
      e.num_mentions = static_cast<int>(rd.Int());
      e.num_sources = static_cast<int>(rd.Int());
      ReadRecord(rd, &e.event);
      if (near && (!e.event.latitude || !e.event.longitude ||
                   DistanceKm(*f.near_lat, *f.near_lon, *e.event.latitude, *e.event.longitude) > f.near_km))
        continue;
      ReadSources(txn, e.event.event_id, rep, &e);
      if (!on_event(std::move(e))) break;
      if (f.limit && ++emitted >= f.limit) break;
    }
    txn.commit();
    return Status::Ok();
  });
}

StatusOr<std::string> PgStore::DocumentText(const std::string& doc_id) {
  std::lock_guard<std::mutex> lock(mu_);
  std::optional<std::optional<std::string>> found;
  Status s = Guard([&]() -> Status {
    pqxx::read_transaction txn(*conn_);
    pqxx::result r = Params().Text(doc_id).Exec(txn, "SELECT text FROM documents WHERE doc_id=$1");
    if (!r.empty()) found = r[0][0].is_null() ? std::nullopt : std::optional<std::string>(Reader(r[0]).Text());
    txn.commit();
    return Status::Ok();
  });
  if (!s.ok()) return s;
  if (!found) return Status::NotFound(Redacted(url_) + ": no document " + doc_id);
  if (!*found) return Status::NotFound(Redacted(url_) + ": the text of " + doc_id + " was not stored");
  return std::move(**found);
}

StatusOr<StoreStats> PgStore::Stats() {
  std::lock_guard<std::mutex> lock(mu_);
  StoreStats out;
  Status s = Guard([&]() -> Status {
    pqxx::transaction<pqxx::repeatable_read, pqxx::read_only> txn(*conn_);
    Reader rd(txn.exec("SELECT (SELECT count(*) FROM documents), (SELECT count(*) FROM records), "
                       "(SELECT count(*) FROM events)")[0]);
    out.documents = static_cast<uint64_t>(rd.Int());
    out.records = static_cast<uint64_t>(rd.Int());
    out.events = static_cast<uint64_t>(rd.Int());
    txn.commit();
    return Status::Ok();
  });
  if (!s.ok()) return s;
  return out;
}

}  // namespace

bool PostgresBuiltIn() { return true; }

StatusOr<std::unique_ptr<Store>> OpenPostgresStore(const std::string& url, const StoreOptions& options) {
  auto store = std::make_unique<PgStore>(url, options);
  SITREP_RETURN_IF_ERROR(store->Init());
  return std::unique_ptr<Store>(std::move(store));
}

bool PostgresReachable(const std::string& url) {
  try {
    pqxx::connection c(url);
    return c.is_open();
  } catch (const std::exception&) {
    return false;
  }
}

Status PostgresExec(const std::string& url, const std::string& sql) {
  try {
    pqxx::connection c(url);
    pqxx::nontransaction n(c);
    n.exec(sql);
    return Status::Ok();
  } catch (const std::exception& e) {
    return Status::IOError(Redacted(url) + ": " + e.what());
  }
}

}  // namespace sitrep::store

#endif  // SITREP_WITH_POSTGRES
