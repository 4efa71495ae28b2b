// The PostgreSQL backend against a real server: initdb + postgres from the PostgreSQL
// packages, run as the `postgres` user (or as ourselves when not root) in a temporary
// directory, listening on 127.0.0.1 at a free port and on a socket in that directory.
// One server per test process, started by the first Postgres* test and stopped when the
// tests end (a gtest Environment), at exit, or — when the process dies — by the server
// itself (PR_SET_PDEATHSIG). Without the server binaries the tests are skipped; set
// SITREP_PG_BINDIR to use binaries elsewhere.
#include "store/postgres_store.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <grp.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <pwd.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <thread>

#include "store/merge.h"
#include "store/store_test_util.h"

namespace sitrep::store {
namespace {

using testing::Corpus;
using testing::Doc;
using testing::Shelling;
using testing::TempDir;
namespace fs = std::filesystem;

// The newest /usr/lib/postgresql/<version>/bin holding initdb and postgres ("" when none).
std::string FindPgBinDir() {
  if (const char* env = std::getenv("SITREP_PG_BINDIR")) return env;
  std::string best;
  int best_version = -1;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator("/usr/lib/postgresql", ec)) {
    fs::path bin = entry.path() / "bin";
    if (!fs::exists(bin / "initdb") || !fs::exists(bin / "postgres")) continue;
    int version = std::atoi(entry.path().filename().c_str());
    if (version > best_version) best_version = version, best = bin.string();
  }
  return best;
}

std::string ReadFile(const std::string& path) {
  std::ifstream in(path);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

int FreePort() {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t len = sizeof addr;
  int port = 0;
  if (bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0 &&
      getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) == 0)
    port = ntohs(addr.sin_port);
  close(fd);
  return port;
}

class PgServer {
 public:
  // Starts the server; on failure `error` says why and `skip` whether to skip (no binaries).
  bool Start(std::string* error, bool* skip) {
    *skip = false;
    if (!PostgresBuiltIn()) return *skip = true, *error = "sitrep built without libpqxx", false;
    bin_ = FindPgBinDir();
    if (bin_.empty())
      return *skip = true, *error = "PostgreSQL server binaries not found (apt-get install postgresql)", false;
    if (geteuid() == 0) {  // postgres refuses to run as root: use the package's system user
      if (!getpwnam("postgres")) std::system("useradd --system --no-create-home --shell /usr/sbin/nologin postgres");
      const passwd* pw = getpwnam("postgres");
      if (!pw) return *error = "running as root and no user postgres could be made", false;
      uid_ = pw->pw_uid, gid_ = pw->pw_gid;
    } else {
      uid_ = geteuid(), gid_ = getegid();
    }
    std::string tmpl = (fs::temp_directory_path() / "sitrep-pg-XXXXXX").string();
    if (!mkdtemp(tmpl.data())) return *error = "mkdtemp failed", false;
    dir_ = tmpl;
    if (chown(dir_.c_str(), uid_, gid_) != 0) return *error = "cannot chown " + dir_, false;
    std::string log = dir_ + "/initdb.log";
    int rc = Run({bin_ + "/initdb", "-D", dir_ + "/data", "-A", "trust", "-U", "postgres", "-E", "UTF8",
                  "--locale=C", "--no-sync"},
                 log, false);
    if (rc != 0) return *error = "initdb failed (exit " + std::to_string(rc) + "): " + ReadFile(log), false;
    for (int attempt = 0; attempt < 3; ++attempt) {
      port_ = FreePort();
      log = dir_ + "/postgres.log";
      pid_ = Spawn({bin_ + "/postgres", "-D", dir_ + "/data", "-p", std::to_string(port_), "-k", dir_, "-c",
                    "listen_addresses=127.0.0.1", "-c", "fsync=off", "-c", "synchronous_commit=off", "-c",
                    "full_page_writes=off", "-c", "max_connections=40", "-c", "shared_buffers=16MB"},
                   log, true);
      auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
      while (std::chrono::steady_clock::now() < deadline) {
        if (PostgresReachable(Url("postgres"))) return true;
        int status = 0;
        if (waitpid(pid_, &status, WNOHANG) == pid_) {
          pid_ = -1;
          break;  // exited (the port was taken?): try another
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
      }
      Stop(false);
    }
    *error = "postgres did not start: " + ReadFile(log);
    return false;
  }

  // Fast shutdown, then the directory goes.
  void Stop(bool remove = true) {
    if (pid_ > 0) {
      kill(pid_, SIGINT);
      int status = 0;
      for (int i = 0; i < 200 && waitpid(pid_, &status, WNOHANG) == 0; ++i)
        std::this_thread::sleep_for(std::chrono::milliseconds(25));
      if (waitpid(pid_, &status, WNOHANG) == 0) {
        kill(pid_, SIGKILL);
        waitpid(pid_, &status, 0);
      }
      pid_ = -1;
    }
    if (remove && !dir_.empty()) {
      std::error_code ec;
      fs::remove_all(dir_, ec);
      dir_.clear();
    }
  }

  std::string Url(const std::string& db) const {
    return "postgresql://postgres@127.0.0.1:" + std::to_string(port_) + "/" + db;
  }

  // A new empty database; its URL.
  std::string NewDatabase() {
    std::string name = "t" + std::to_string(++databases_);
    Status s = PostgresExec(Url("postgres"), "CREATE DATABASE " + name);
    EXPECT_TRUE(s.ok()) << s.ToString();
    return Url(name);
  }

 private:
  // fork + exec as the server's user, output to `log`; the child dies with us when `tie`.
  pid_t Spawn(const std::vector<std::string>& argv, const std::string& log, bool tie) {
    pid_t parent = getpid();
    pid_t pid = fork();
    if (pid != 0) return pid;
    int fd = open(log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (fd >= 0) {
      if (fchown(fd, uid_, gid_) != 0) _exit(126);
      dup2(fd, 1), dup2(fd, 2), close(fd);
    }
    if (getuid() != uid_) {
      if (setgroups(0, nullptr) != 0 || setgid(gid_) != 0 || setuid(uid_) != 0) _exit(126);
    }
    if (tie) {
      prctl(PR_SET_PDEATHSIG, SIGINT);  // after setuid, which clears it
      if (getppid() != parent) _exit(0);
    }
    std::vector<char*> args;
    for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    execv(args[0], args.data());
    _exit(127);
  }
  int Run(const std::vector<std::string>& argv, const std::string& log, bool tie) {
    pid_t pid = Spawn(argv, log, tie);
    int status = 0;
    if (pid < 0 || waitpid(pid, &status, 0) != pid) return -1;
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  }

  std::string bin_, dir_;
  uid_t uid_ = 0;
  gid_t gid_ = 0;
  int port_ = 0;
  pid_t pid_ = -1;
  int databases_ = 0;
};

// The process's server, started on first use.
struct Shared {
  PgServer server;
  bool tried = false, running = false, skip = false;
  std::string error;
};
Shared& TheServer() {
  static Shared* shared = new Shared;
  return *shared;
}
void StopServer() {
  Shared& s = TheServer();
  if (s.running) s.server.Stop();
  s.running = false;
}

class StopAtEnd : public ::testing::Environment {
 public:
  void TearDown() override { StopServer(); }
};
[[maybe_unused]] ::testing::Environment* const kStopAtEnd = ::testing::AddGlobalTestEnvironment(new StopAtEnd);

class PostgresTest : public ::testing::Test {
 protected:
  void SetUp() override {
    Shared& s = TheServer();
    if (!s.tried) {
      s.tried = true;
      auto t0 = std::chrono::steady_clock::now();
      s.running = s.server.Start(&s.error, &s.skip);
      if (s.running) std::atexit(StopServer);
      std::printf("[ postgres ] %s in %.2f s\n", s.running ? "started" : "not started",
                  std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());
    }
    if (!s.running) {
      if (s.skip) GTEST_SKIP() << s.error;
      FAIL() << s.error;
    }
  }
  std::string NewDatabase() { return TheServer().server.NewDatabase(); }
};

std::unique_ptr<Store> OpenOrDie(const std::string& url, StoreOptions options = {}) {
  auto s = Store::Open(url, options);
  EXPECT_TRUE(s.ok()) << s.status().ToString();
  return s.ok() ? std::move(*s) : nullptr;
}

void IngestOrDie(Store& store, const std::vector<DocumentRecords>& batch) {
  auto st = store.Ingest(batch);
  ASSERT_TRUE(st.ok()) << st.status().ToString();
  EXPECT_TRUE(st->problems.empty()) << st->problems[0];
}

std::vector<std::string> Dump(Store& store, QueryFilter filter = {}) {
  filter.include_background = true;
  auto events = store.Query(filter);
  EXPECT_TRUE(events.ok()) << events.status().ToString();
  std::vector<std::string> out;
  if (events.ok())
    for (const MergedEvent& e : *events) out.push_back(ToJson(e));
  return out;
}

using PostgresIngest = PostgresTest;
using PostgresMerge = PostgresTest;
using PostgresConcurrency = PostgresTest;
using PostgresQuery = PostgresTest;
using PostgresOpen = PostgresTest;

TEST_F(PostgresOpen, CreatesVersionedSchemaAndRefusesNewerOrForeign) {
  std::string url = NewDatabase();
  { ASSERT_TRUE(OpenOrDie(url)); }
  { ASSERT_TRUE(OpenOrDie(url)); }  // reopens
  ASSERT_TRUE(PostgresExec(url, "UPDATE meta SET value='7' WHERE key='schema_version'").ok());
  auto newer = Store::Open(url);
  ASSERT_FALSE(newer.ok());
  EXPECT_NE(newer.status().ToString().find("schema version 7 is newer"), std::string::npos)
      << newer.status().ToString();

  std::string foreign = NewDatabase();
  ASSERT_TRUE(PostgresExec(foreign, "CREATE TABLE something(x INTEGER)").ok());
  EXPECT_FALSE(Store::Open(foreign).ok());
  StoreOptions no_create;
  no_create.create_if_missing = false;
  EXPECT_EQ(Store::Open(NewDatabase(), no_create).status().code(), Status::Code::kNotFound);
  EXPECT_FALSE(Store::Open("postgresql://postgres@127.0.0.1:1/nothing").ok());
}

TEST_F(PostgresIngest, SameDocumentTwiceChangesNothing) {
  auto store = OpenOrDie(NewDatabase());
  ASSERT_TRUE(store);
  auto doc = Doc("doc-a", "Shelling killed five in Sarmin.", {Shelling("", "e1", "2024-03-05", 35.9, 36.72, 5)});
  auto first = store->Ingest({doc});
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  EXPECT_EQ(first->documents_added, 1u);
  EXPECT_EQ(first->records_added, 1u);
  EXPECT_EQ(first->events_changed, 1u);
  auto before = Dump(*store);
  ASSERT_EQ(before.size(), 1u);

  auto again = store->IngestDocument(doc.doc, doc.records);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->documents_added, 0u);
  EXPECT_EQ(again->documents_unchanged, 1u);
  EXPECT_EQ(again->events_changed, 0u);
  EXPECT_EQ(Dump(*store), before);
  EXPECT_EQ(store->Stats()->records, 1u);

  auto twice_in_batch = store->Ingest({Doc("doc-b", "x", {}), Doc("doc-b", "x", {})});
  ASSERT_TRUE(twice_in_batch.ok());
  EXPECT_EQ(twice_in_batch->documents_added, 1u);
  EXPECT_EQ(twice_in_batch->documents_unchanged, 1u);

  auto conflict = store->Ingest({Doc("doc-a", "A different text under the same id.", {})});
  ASSERT_TRUE(conflict.ok());
  ASSERT_EQ(conflict->problems.size(), 1u);
  EXPECT_NE(conflict->problems[0].find("doc-a: already stored with a different text"), std::string::npos);

  auto bad = store->Ingest({Doc("", "text", {}),
                            Doc("doc-dup", "t", {Shelling("", "e1", "2024-03-05"), Shelling("", "e1", "2024-03-05")})});
  ASSERT_TRUE(bad.ok());
  EXPECT_EQ(bad->problems.size(), 2u);
  EXPECT_EQ(store->Stats()->documents, 2u);
}

TEST_F(PostgresMerge, TwoReportsOfOneShellingBecomeOneEvent) {
  auto store = OpenOrDie(NewDatabase());
  ASSERT_TRUE(store);
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
  EXPECT_EQ(e.sources[0].sentence, "Regime shelling killed five people in Sarmin, SOHR said.");
  EXPECT_EQ(e.sources[0].evidence.roles.size(), 2u);
  EXPECT_EQ(e.sources[1].doc_id, "doc-b");
  EXPECT_EQ(e.sources[1].fatalities, 8);
  EXPECT_EQ(e.sources[1].url, "https://example.org/doc-b");
  EXPECT_EQ(e.notes, e.sources[0].sentence);
  EXPECT_EQ(e.event.evidence.sentence.end, e.sources[0].evidence.sentence.end);
  EXPECT_DOUBLE_EQ(*e.event.latitude, 35.9044);

  auto text = store->DocumentText("doc-b");
  ASSERT_TRUE(text.ok()) << text.status().ToString();
  EXPECT_EQ(text->substr(0, 9), "Eight peo");
  EXPECT_EQ(store->DocumentText("nope").status().code(), Status::Code::kNotFound);
  auto stats = store->Stats();
  ASSERT_TRUE(stats.ok());
  EXPECT_EQ(stats->documents, 2u);
  EXPECT_EQ(stats->records, 2u);
  EXPECT_EQ(stats->events, 1u);
}

TEST_F(PostgresMerge, IndependentOfIngestionOrderAndBatching) {
  auto corpus = Corpus(48);
  auto forward = OpenOrDie(NewDatabase());
  auto backward = OpenOrDie(NewDatabase());
  auto shuffled = OpenOrDie(NewDatabase());
  ASSERT_TRUE(forward && backward && shuffled);
  for (size_t i = 0; i < corpus.size(); i += 7)
    IngestOrDie(*forward, {corpus.begin() + i, corpus.begin() + std::min(corpus.size(), i + 7)});
  for (size_t i = corpus.size(); i-- > 0;) IngestOrDie(*backward, {corpus[i]});
  auto order = corpus;
  std::shuffle(order.begin(), order.end(), std::mt19937(11));
  for (size_t i = 0; i < order.size(); i += 3)
    IngestOrDie(*shuffled, {order.begin() + i, order.begin() + std::min(order.size(), i + 3)});

  auto expected = Dump(*forward);
  EXPECT_GT(expected.size(), 10u);
  EXPECT_LT(expected.size(), corpus.size() * 3);
  EXPECT_EQ(Dump(*backward), expected);
  EXPECT_EQ(Dump(*shuffled), expected);

  std::vector<Member> members;
  for (const auto& d : corpus)
    for (const auto& r : d.records) members.push_back(MakeMember(r, 0, d.doc.source));
  std::multiset<std::string> reference, stored;
  for (const Cluster& c : MergeAll(members)) reference.insert(ToJson(c.merged.event) + std::to_string(c.merged.num_sources));
  auto events = forward->Query(QueryFilter{});
  ASSERT_TRUE(events.ok());
  for (const MergedEvent& e : *events) stored.insert(ToJson(e.event) + std::to_string(e.num_sources));
  EXPECT_EQ(stored, reference);
}

TEST_F(PostgresConcurrency, ThreeWriterProcessesReachTheResultOfOne) {
  auto corpus = Corpus(90);
  const std::string shared = NewDatabase();
  { ASSERT_TRUE(OpenOrDie(shared)); }  // the schema exists before the writers start
  std::vector<pid_t> children;
  for (int w = 0; w < 3; ++w) {
    pid_t pid = fork();
    ASSERT_GE(pid, 0);
    if (pid == 0) {
      auto store = Store::Open(shared);
      if (!store.ok()) _exit(3);
      // Each writer its third, in batches of two, plus every tenth document (written by all three).
      std::vector<DocumentRecords> mine;
      for (size_t i = 0; i < corpus.size(); ++i)
        if (i % 3 == static_cast<size_t>(w) || i % 10 == 0) mine.push_back(corpus[i]);
      for (size_t i = 0; i < mine.size(); i += 2) {
        auto st = (*store)->Ingest({mine.begin() + i, mine.begin() + std::min(mine.size(), i + 2)});
        if (!st.ok()) {
          std::fprintf(stderr, "writer %d: %s\n", w, st.status().ToString().c_str());
          _exit(4);
        }
        if (!st->problems.empty()) _exit(5);
      }
      _exit(0);
    }
    children.push_back(pid);
  }
  for (pid_t pid : children) {
    int status = 0;
    ASSERT_EQ(waitpid(pid, &status, 0), pid);
    EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << "writer exit status " << status;
  }
  auto one = OpenOrDie(NewDatabase());
  ASSERT_TRUE(one);
  IngestOrDie(*one, corpus);
  auto store = OpenOrDie(shared);
  ASSERT_TRUE(store);
  EXPECT_EQ(store->Stats()->documents, corpus.size());
  EXPECT_EQ(store->Stats()->records, corpus.size() * 3);
  auto expected = Dump(*one);
  EXPECT_GT(expected.size(), 20u);
  EXPECT_EQ(Dump(*store), expected);
  // Every record is in exactly one merged event.
  EXPECT_EQ(store->Stats()->events, expected.size());
}

TEST_F(PostgresQuery, ResultsEqualSqlite) {
  TempDir dir;
  auto lite = OpenOrDie(dir.File("s.db"));
  auto pg = OpenOrDie(NewDatabase());
  ASSERT_TRUE(lite && pg);
  auto corpus = Corpus(40);
  EventRecord battle = Shelling("", "b1", "2024-04-10", 36.2, 37.15);  // Aleppo
  battle.event_type = "Battles";
  battle.sub_event_type = "Armed clash";
  battle.actor1 = testing::kHts;
  battle.admin1 = "Aleppo";
  battle.location = "Aleppo";
  battle.assoc_actor_1 = {"Ansar al-Tawhid", "Jaysh al-Izza"};
  EventRecord recalled = Shelling("", "old", "2020-03-05");
  recalled.background = true;
  EventRecord region = Shelling("", "r1", "2024-03-05");
  region.geo_precision = 3;
  region.latitude.reset(), region.longitude.reset();
  region.fatalities_low = 3, region.fatalities_high = 7;
  corpus.push_back(Doc("doc-x", "Shells fell on Sarmin market; ÉTAT islamique “fighters” fled.",
                       {Shelling("", "s1", "2024-03-05", 35.9, 36.72, 2), region}, "Agence"));
  corpus.push_back(Doc("doc-y", "Clashes with HTS fighters near Aleppo.", {battle, recalled}, ""));
  for (size_t i = 0; i < corpus.size(); i += 5) {
    std::vector<DocumentRecords> batch(corpus.begin() + i, corpus.begin() + std::min(corpus.size(), i + 5));
    IngestOrDie(*lite, batch);
    IngestOrDie(*pg, batch);
  }
  auto all = Dump(*lite);
  ASSERT_GT(all.size(), 10u);
  EXPECT_EQ(Dump(*pg), all);

  std::vector<QueryFilter> filters(12);
  filters[0].since = "2024-01-03", filters[0].until = "2024-01-06";
  filters[1].country = "SYR";
  filters[2].country = "syria", filters[2].admin1 = "IDLIB";
  filters[3].event_type = "Battles";
  filters[4].sub_event_type = "Shelling/artillery/missile attack";
  filters[5].actor = "TAWHID";
  filters[6].actor = "military forces";
  filters[7].near_lat = 35.92, filters[7].near_lon = 36.72, filters[7].near_km = 25;
  filters[8].text = "SARMIN  market";
  filters[9].text = "killing 3";
  filters[10].limit = 7;
  filters[11].include_background = true;
  for (size_t i = 0; i < filters.size(); ++i) {
    QueryFilter f = filters[i];
    auto a = lite->Query(f);
    auto b = pg->Query(f);
    ASSERT_TRUE(a.ok() && b.ok()) << i;
    std::vector<std::string> ja, jb;
    for (const auto& e : *a) ja.push_back(ToJson(e));
    for (const auto& e : *b) jb.push_back(ToJson(e));
    EXPECT_EQ(jb, ja) << "filter " << i;
    EXPECT_FALSE(ja.empty()) << "filter " << i << " selects nothing: a weak test";
  }
  QueryFilter bad;
  bad.since = "2024-02-30";
  EXPECT_EQ(pg->Query(bad).status().code(), Status::Code::kInvalidArgument);
  auto pg_text = pg->DocumentText("doc-x");
  auto lite_text = lite->DocumentText("doc-x");
  ASSERT_TRUE(pg_text.ok() && lite_text.ok());
  EXPECT_EQ(*pg_text, *lite_text);
}

}  // namespace
}  // namespace sitrep::store
