#include "store/sqlite_store.h"

#include <gtest/gtest.h>
#include <signal.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <random>
#include <set>
#include <thread>

#include "store/merge.h"
#include "store/postgres_store.h"
#include "store/store_test_util.h"

namespace sitrep::store {
namespace {

using testing::Corpus;
using testing::Doc;
using testing::Shelling;
using testing::TempDir;

std::unique_ptr<Store> OpenOrDie(const std::string& path, StoreOptions options = {}) {
  auto s = Store::Open(path, options);
  EXPECT_TRUE(s.ok()) << s.status().ToString();
  return s.ok() ? std::move(*s) : nullptr;
}

void IngestOrDie(Store& store, const std::vector<DocumentRecords>& batch) {
  auto st = store.Ingest(batch);
  ASSERT_TRUE(st.ok()) << st.status().ToString();
  EXPECT_TRUE(st->problems.empty()) << st->problems[0];
}

// Every merged event as JSON, in query order: the whole visible state of a store.
std::vector<std::string> Dump(Store& store) {
  QueryFilter all;
  all.include_background = true;
  auto events = store.Query(all);
  EXPECT_TRUE(events.ok()) << events.status().ToString();
  std::vector<std::string> out;
  if (events.ok())
    for (const MergedEvent& e : *events) out.push_back(ToJson(e));
  return out;
}

// Raw SQL on the file, for checks the API does not offer.
std::vector<std::string> Sql(const std::string& path, const std::string& sql) {
  sqlite3* db = nullptr;
  std::vector<std::string> rows;
  EXPECT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  sqlite3_busy_timeout(db, 30000);
  sqlite3_stmt* s = nullptr;
  EXPECT_EQ(sqlite3_prepare_v2(db, sql.c_str(), -1, &s, nullptr), SQLITE_OK) << sqlite3_errmsg(db);
  while (s && sqlite3_step(s) == SQLITE_ROW) {
    std::string row;
    for (int i = 0; i < sqlite3_column_count(s); ++i) {
      const unsigned char* t = sqlite3_column_text(s, i);
      row += (i ? "|" : "") + std::string(t ? reinterpret_cast<const char*>(t) : "NULL");
    }
    rows.push_back(row);
  }
  sqlite3_finalize(s);
  sqlite3_close(db);
  return rows;
}

std::string SqlOne(const std::string& path, const std::string& sql) {
  auto rows = Sql(path, sql);
  return rows.empty() ? "" : rows[0];
}

std::vector<std::string> TableDump(const std::string& path) {
  std::vector<std::string> out;
  for (const char* t : {"documents", "records", "evidence", "events", "event_sources"})
    for (auto& row : Sql(path, std::string("SELECT * FROM ") + t + " ORDER BY 1, 2")) out.push_back(t + (":" + row));
  return out;
}

// The invariants a store keeps after any crash: whole documents, every record in one event.
void ExpectConsistent(const std::string& path) {
  EXPECT_EQ(SqlOne(path, "PRAGMA integrity_check"), "ok");
  EXPECT_EQ(SqlOne(path, "SELECT count(*) FROM documents d WHERE num_records != "
                         "(SELECT count(*) FROM records r WHERE r.doc_id = d.doc_id)"), "0");
  EXPECT_EQ(SqlOne(path, "SELECT count(*) FROM records r WHERE "
                         "(SELECT count(*) FROM event_sources s WHERE s.record = r.id) != 1"), "0");
  EXPECT_EQ(SqlOne(path, "SELECT count(*) FROM events e WHERE num_mentions != "
                         "(SELECT count(*) FROM event_sources s WHERE s.event_id = e.event_id)"), "0");
}

TEST(StoreOpen, CreatesVersionedWalFile) {
  TempDir dir;
  auto store = OpenOrDie(dir.File("s.db"));
  ASSERT_TRUE(store);
  EXPECT_EQ(SqlOne(dir.File("s.db"), "PRAGMA journal_mode"), "wal");
  EXPECT_EQ(SqlOne(dir.File("s.db"), "SELECT value FROM meta WHERE key='schema_version'"),
            std::to_string(kSqliteSchemaVersion));
  auto stats = store->Stats();
  ASSERT_TRUE(stats.ok());
  EXPECT_EQ(stats->documents, 0u);
}

TEST(StoreOpen, RefusesNewerSchemaAndForeignFiles) {
  TempDir dir;
  { ASSERT_TRUE(OpenOrDie(dir.File("s.db"))); }
  Sql(dir.File("s.db"), "UPDATE meta SET value='99' WHERE key='schema_version'");
  auto newer = Store::Open(dir.File("s.db"));
  ASSERT_FALSE(newer.ok());
  EXPECT_EQ(newer.status().code(), Status::Code::kUnsupported);
  EXPECT_NE(newer.status().message().find("schema version 99 is newer"), std::string::npos) << newer.status().message();
  EXPECT_NE(newer.status().message().find(dir.File("s.db")), std::string::npos);

  Sql(dir.File("other.db"), "CREATE TABLE t(x)");
  auto foreign = Store::Open(dir.File("other.db"));
  ASSERT_FALSE(foreign.ok());
  EXPECT_NE(foreign.status().message().find("not a sitrep store"), std::string::npos);

  StoreOptions no_create;
  no_create.create_if_missing = false;
  auto missing = Store::Open(dir.File("missing.db"), no_create);
  EXPECT_EQ(missing.status().code(), Status::Code::kNotFound);

  // A URL goes to the PostgreSQL backend: refused when not built, else a connection error (port 1).
  auto pg = Store::Open("postgresql://127.0.0.1:1/sitrep");
  ASSERT_FALSE(pg.ok());
  EXPECT_EQ(pg.status().code(), PostgresBuiltIn() ? Status::Code::kIOError : Status::Code::kUnsupported)
      << pg.status().ToString();
}

TEST(StoreIngest, SameDocumentTwiceChangesNothing) {
  TempDir dir;
  auto store = OpenOrDie(dir.File("s.db"));
  auto doc = Doc("doc-a", "Shelling killed five in Sarmin.", {Shelling("", "e1", "2024-03-05", 35.9, 36.72, 5)});
  auto first = store->Ingest({doc});
  ASSERT_TRUE(first.ok());
  EXPECT_EQ(first->documents_added, 1u);
  EXPECT_EQ(first->records_added, 1u);
  auto before = TableDump(dir.File("s.db"));
  ASSERT_FALSE(before.empty());

  auto again = store->IngestDocument(doc.doc, doc.records);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->documents_added, 0u);
  EXPECT_EQ(again->documents_unchanged, 1u);
  EXPECT_EQ(again->events_changed, 0u);
  EXPECT_EQ(TableDump(dir.File("s.db")), before);

  auto twice_in_batch = store->Ingest({Doc("doc-b", "x", {}), Doc("doc-b", "x", {})});
  ASSERT_TRUE(twice_in_batch.ok());
  EXPECT_EQ(twice_in_batch->documents_added, 1u);
  EXPECT_EQ(twice_in_batch->documents_unchanged, 1u);

  auto changed = Doc("doc-a", "A different text under the same id.", {});
  auto conflict = store->Ingest({changed});
  ASSERT_TRUE(conflict.ok());
  ASSERT_EQ(conflict->problems.size(), 1u);
  EXPECT_NE(conflict->problems[0].find("doc-a: already stored with a different text"), std::string::npos);
}

TEST(StoreIngest, BadDocumentsAreSkippedNotFatal) {
  TempDir dir;
  auto store = OpenOrDie(dir.File("s.db"));
  auto no_id = Doc("", "text", {});
  auto dup = Doc("doc-dup", "text", {Shelling("", "e1", "2024-03-05"), Shelling("", "e1", "2024-03-05")});
  auto good = Doc("doc-good", "text", {Shelling("", "e1", "2024-03-05")});
  auto st = store->Ingest({no_id, dup, good});
  ASSERT_TRUE(st.ok()) << st.status().ToString();
  EXPECT_EQ(st->documents_added, 1u);
  EXPECT_EQ(st->problems.size(), 2u);
  EXPECT_EQ(store->Stats()->records, 1u);
}

TEST(StoreMerge, TwoReportsOfOneShellingBecomeOneEvent) {
  TempDir dir;
  auto store = OpenOrDie(dir.File("s.db"));
  EventRecord r1 = Shelling("", "e1", "2024-03-05", 35.9044, 36.7233, 5);
  r1.source = "Syrian Observatory for Human Rights";
  EventRecord r2 = Shelling("", "e1", "2024-03-05", 35.9314, 36.7233, 8);  // 3 km north
  IngestOrDie(*store, {Doc("doc-a", "Regime shelling killed five people in Sarmin, SOHR said.", {r1}, "Wire A")});
  IngestOrDie(*store, {Doc("doc-b", "Eight people died when shells hit Sarmin.", {r2}, "Wire B")});

  auto events = store->Query(QueryFilter{});
  ASSERT_TRUE(events.ok()) << events.status().ToString();
  ASSERT_EQ(events->size(), 1u);
  const MergedEvent& e = (*events)[0];
  EXPECT_EQ(e.event.event_id, MergedEventId("e1", "doc-a"));
  EXPECT_EQ(e.num_mentions, 2);
  EXPECT_EQ(e.num_sources, 2);
  EXPECT_EQ(e.event.fatalities, 5);
  EXPECT_EQ(e.event.fatalities_low, 5);
  EXPECT_EQ(e.event.fatalities_high, 8);
  EXPECT_EQ(e.event.source, "Syrian Observatory for Human Rights; Wire B");
  ASSERT_EQ(e.sources.size(), 2u);
  EXPECT_EQ(e.sources[0].doc_id, "doc-a");
  EXPECT_EQ(e.sources[0].publisher, "Wire A");
  EXPECT_EQ(e.sources[0].attribution, "Syrian Observatory for Human Rights");
  EXPECT_EQ(e.sources[0].fatalities, 5);
  EXPECT_EQ(e.sources[0].sentence, "Regime shelling killed five people in Sarmin, SOHR said.");
  EXPECT_EQ(e.sources[0].evidence.roles.size(), 2u);
  EXPECT_EQ(e.sources[1].doc_id, "doc-b");
  EXPECT_EQ(e.sources[1].fatalities, 8);
  EXPECT_EQ(e.sources[1].url, "https://example.org/doc-b");
  EXPECT_EQ(e.notes, e.sources[0].sentence);
  EXPECT_EQ(e.event.evidence.sentence.end, e.sources[0].evidence.sentence.end);

  auto text = store->DocumentText("doc-b");
  ASSERT_TRUE(text.ok());
  EXPECT_EQ(text->substr(0, 9), "Eight peo");
  EXPECT_EQ(store->DocumentText("nope").status().code(), Status::Code::kNotFound);

  auto stats = store->Stats();
  EXPECT_EQ(stats->documents, 2u);
  EXPECT_EQ(stats->records, 2u);
  EXPECT_EQ(stats->events, 1u);
}

TEST(StoreMerge, LaterReportJoinsTwoEarlierEventsWhenItBridgesThem) {
  // Two day-precise reports from one document stay apart; a week-precise report from
  // another document matches one of them and the merge follows.
  TempDir dir;
  auto store = OpenOrDie(dir.File("s.db"));
  IngestOrDie(*store, {Doc("doc-a", "s", {Shelling("", "e1", "2024-03-05"), Shelling("", "e2", "2024-03-07")})});
  EXPECT_EQ(store->Stats()->events, 2u);
  EventRecord week = Shelling("", "w", "2024-03-06");
  week.time_precision = 2;
  IngestOrDie(*store, {Doc("doc-b", "s", {week})});
  auto events = store->Query(QueryFilter{});
  ASSERT_TRUE(events.ok());
  ASSERT_EQ(events->size(), 2u);
  EXPECT_EQ((*events)[0].num_mentions + (*events)[1].num_mentions, 3);
}

TEST(StoreMerge, IndependentOfIngestionOrderAndBatching) {
  TempDir dir;
  auto corpus = Corpus(48);
  auto forward = OpenOrDie(dir.File("forward.db"));
  for (size_t i = 0; i < corpus.size(); i += 7)
    IngestOrDie(*forward, {corpus.begin() + i, corpus.begin() + std::min(corpus.size(), i + 7)});
  auto backward = OpenOrDie(dir.File("backward.db"));
  for (size_t i = corpus.size(); i-- > 0;) IngestOrDie(*backward, {corpus[i]});
  auto shuffled = OpenOrDie(dir.File("shuffled.db"));
  auto order = corpus;
  std::shuffle(order.begin(), order.end(), std::mt19937(11));
  for (size_t i = 0; i < order.size(); i += 3)
    IngestOrDie(*shuffled, {order.begin() + i, order.begin() + std::min(order.size(), i + 3)});

  auto expected = Dump(*forward);
  EXPECT_GT(expected.size(), 10u);
  EXPECT_LT(expected.size(), corpus.size() * 3);
  EXPECT_EQ(Dump(*backward), expected);
  EXPECT_EQ(Dump(*shuffled), expected);

  // And equal to the brute-force reference over all records.
  std::vector<Member> members;
  for (const auto& d : corpus)
    for (const auto& r : d.records) members.push_back(MakeMember(r, 0, d.doc.source));
  std::multiset<std::string> reference, stored;
  for (const Cluster& c : MergeAll(members))
    reference.insert(ToJson(c.merged.event) + std::to_string(c.merged.num_sources));
  auto events = forward->Query(QueryFilter{});
  ASSERT_TRUE(events.ok());
  for (const MergedEvent& e : *events)
    stored.insert(ToJson(e.event) + std::to_string(e.num_sources));
  EXPECT_EQ(stored, reference);
}

TEST(StoreQuery, Filters) {
  TempDir dir;
  auto store = OpenOrDie(dir.File("s.db"));
  EventRecord battle = Shelling("", "b1", "2024-04-10", 36.2, 37.15);  // Aleppo
  battle.event_type = "Battles";
  battle.sub_event_type = "Armed clash";
  battle.actor1 = testing::kHts;
  battle.admin1 = "Aleppo";
  battle.location = "Aleppo";
  EventRecord recalled = Shelling("", "old", "2020-03-05");
  recalled.background = true;
  IngestOrDie(*store, {Doc("doc-a", "Shells fell on Sarmin market.", {Shelling("", "s1", "2024-03-05")}),
                       Doc("doc-b", "Clashes with HTS fighters near Aleppo.", {battle, recalled})});
  auto ids = [&](QueryFilter f) {
    std::vector<std::string> out;
    auto events = store->Query(f);
    EXPECT_TRUE(events.ok()) << events.status().ToString();
    if (events.ok())
      for (const auto& e : *events) out.push_back(e.sources[0].event_id);
    return out;
  };
  using V = std::vector<std::string>;
  EXPECT_EQ(ids({}), (V{"s1", "b1"}));
  QueryFilter f;
  f.include_background = true;
  EXPECT_EQ(ids(f), (V{"old", "s1", "b1"}));
  f = {};
  f.since = "2024-04-01";
  EXPECT_EQ(ids(f), V{"b1"});
  f = {};
  f.until = "2024-03-05";
  EXPECT_EQ(ids(f), V{"s1"});
  f = {};
  f.country = "syr";
  EXPECT_EQ(ids(f).size(), 2u);
  f.admin1 = "idlib";
  EXPECT_EQ(ids(f), V{"s1"});
  f = {};
  f.event_type = "Battles";
  EXPECT_EQ(ids(f), V{"b1"});
  f.sub_event_type = "Air/drone strike";
  EXPECT_TRUE(ids(f).empty());
  f = {};
  f.actor = "tahrir";
  EXPECT_EQ(ids(f), V{"b1"});
  f.actor = "civilians (syria)";
  EXPECT_EQ(ids(f).size(), 2u);
  f = {};
  f.near_lat = 35.92, f.near_lon = 36.72, f.near_km = 5;
  EXPECT_EQ(ids(f), V{"s1"});
  f.near_km = 200;
  EXPECT_EQ(ids(f).size(), 2u);
  f = {};
  f.text = "SARMIN  market";
  EXPECT_EQ(ids(f), V{"s1"});
  f.text = "sarmin clashes";
  EXPECT_TRUE(ids(f).empty());
  f = {};
  f.limit = 1;
  EXPECT_EQ(ids(f).size(), 1u);

  f = {};
  f.since = "2024-02-30";
  auto bad = store->Query(f);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().code(), Status::Code::kInvalidArgument);
}

TEST(StoreConcurrency, TwoWriterThreadsOnOneFile) {
  TempDir dir;
  auto corpus = Corpus(60);
  std::vector<Status> results(2);
  auto writer = [&](int w) {
    auto store = Store::Open(dir.File("s.db"));
    if (!store.ok()) return void(results[w] = store.status());
    for (size_t i = w; i < corpus.size(); i += 2) {
      auto st = (*store)->Ingest({corpus[i]});
      if (!st.ok()) return void(results[w] = st.status());
    }
  };
  std::thread a(writer, 0), b(writer, 1);
  a.join();
  b.join();
  EXPECT_TRUE(results[0].ok()) << results[0].ToString();
  EXPECT_TRUE(results[1].ok()) << results[1].ToString();

  auto clean = OpenOrDie(dir.File("clean.db"));
  IngestOrDie(*clean, corpus);
  auto shared = OpenOrDie(dir.File("s.db"));
  EXPECT_EQ(shared->Stats()->documents, corpus.size());
  EXPECT_EQ(Dump(*shared), Dump(*clean));
  ExpectConsistent(dir.File("s.db"));
}

TEST(StoreConcurrency, TwoWriterProcessesOnOneFile) {
  TempDir dir;
  auto corpus = Corpus(60);
  std::vector<pid_t> children;
  for (int w = 0; w < 2; ++w) {
    pid_t pid = fork();
    ASSERT_GE(pid, 0);
    if (pid == 0) {
      auto store = Store::Open(dir.File("s.db"));
      if (!store.ok()) _exit(3);
      for (size_t i = w; i < corpus.size(); i += 2)
        if (!(*store)->Ingest({corpus[i]}).ok()) _exit(4);
      _exit(0);
    }
    children.push_back(pid);
  }
  for (pid_t pid : children) {
    int status = 0;
    ASSERT_EQ(waitpid(pid, &status, 0), pid);
    EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << "writer exit status " << status;
  }
  auto clean = OpenOrDie(dir.File("clean.db"));
  IngestOrDie(*clean, corpus);
  auto shared = OpenOrDie(dir.File("s.db"));
  EXPECT_EQ(shared->Stats()->documents, corpus.size());
  EXPECT_EQ(Dump(*shared), Dump(*clean));
  ExpectConsistent(dir.File("s.db"));
}

TEST(StoreCrash, KillNineLeavesWholeDocumentsAndReingestConverges) {
  TempDir dir;
  const std::string path = dir.File("s.db");
  auto corpus = Corpus(3000);
  { ASSERT_TRUE(OpenOrDie(path)); }  // created before the child starts
  pid_t pid = fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) {
    auto store = Store::Open(path);
    if (!store.ok()) _exit(3);
    for (size_t i = 0; i < corpus.size(); i += 2)  // two documents per transaction
      if (!(*store)->Ingest({corpus[i], corpus[i + 1]}).ok()) _exit(4);
    _exit(0);
  }
  // Kill the writer once it is well under way (most of its time is spent inside transactions).
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  while (std::chrono::steady_clock::now() < deadline) {
    std::string n = SqlOne(path, "SELECT count(*) FROM documents");
    if (!n.empty() && std::stoi(n) >= 100) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  ASSERT_EQ(kill(pid, SIGKILL), 0);
  int status = 0;
  ASSERT_EQ(waitpid(pid, &status, 0), pid);
  EXPECT_TRUE(WIFSIGNALED(status)) << "the writer finished before it was killed";

  auto store = OpenOrDie(path);
  ASSERT_TRUE(store);
  ExpectConsistent(path);
  size_t stored = store->Stats()->documents;
  EXPECT_GE(stored, 100u);
  EXPECT_LT(stored, corpus.size());
  EXPECT_EQ(stored % 2, 0u) << "a batch was committed in part";

  // Running the ingest again (the stored prefix and more) reaches the state of a clean ingest.
  size_t prefix = std::min(corpus.size(), stored + 100);
  std::vector<DocumentRecords> again(corpus.begin(), corpus.begin() + prefix);
  for (size_t i = 0; i < again.size(); i += 50)
    IngestOrDie(*store, {again.begin() + i, again.begin() + std::min(again.size(), i + 50)});
  auto clean = OpenOrDie(dir.File("clean.db"));
  IngestOrDie(*clean, again);
  EXPECT_EQ(Dump(*store), Dump(*clean));
  ExpectConsistent(path);
}

}  // namespace
}  // namespace sitrep::store
