// sitrep bench: named speed workloads over a corpus, as leveldb's db_bench does.
//
//   sitrep bench [WORKLOAD...] [--corpus FILE | --shared] [--record]
//
// Workloads (all of them when none is named, or "all"):
//   extract-1t     the whole pipeline as `sitrep extract` runs it (JSON lines read, batches of
//                  256 documents, records serialised), on 1 thread
//   extract-nt     the same on --threads workers (default: all cores)
//   lexicon-load   Lexicon::Load with checksums and self-test, repeated; median milliseconds
//   lookup         Lexicon::Match over every sentence of the corpus (texts analysed beforehand)
//   text           AnalyzeText alone over every document
//   ingest-sqlite  Store::Ingest of the extracted documents into a new temporary SQLite file
//                  (records extracted beforehand), StoreOptions' batch size
//   ingest-postgres the same into a new database on the PostgreSQL server of --postgres URL
//                  (made and dropped by each run; skipped without --postgres)
//   query          Store::Query over the stored corpus (a SQLite file, not timed): a mix of six
//                  filters (all, one country, one month, 50 km around a place, evidence words,
//                  one actor); the notes give queries/s and the events returned
//
// The corpus: JSON lines documents from --corpus, or --shared (the ACLED notes and HRDsAttack
// articles of ../shared/eval turned into documents by score.py), or by default a generated
// one: deterministic pseudo-random conflict reports built from a small template set, about
// --generated-mb megabytes, so that the benchmarks run anywhere and compare across commits.
//
// MB counts the documents' text (HTML already reduced), the same bytes for every workload
// except lexicon-load (whose MB/s is the lexicon file over the load time). Rates are over the
// median wall time of --runs runs; the notes also give the CPU time (user + system, all
// threads) per run, which a busy machine inflates less than wall time, and the load average
// when it exceeds the core count. Each workload runs in its own forked process so that its
// peak RSS (getrusage ru_maxrss: the corpus held in memory included) is its own; --no-fork
// runs them in this process (for profilers: under valgrind --tool=callgrind
// --collect-atstart=no only the timed extract runs are collected). With --record each
// result line is appended as JSON to bench/results/results.jsonl with the git commit, the
// date, the CPU model, the core count and the load average.
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <map>
#include <random>
#include <sstream>
#include <thread>

#include "cli/commands.h"
#include "cli/extract_pipeline.h"
#include "sitrep/document.h"
#include "sitrep/extract.h"
#include "sitrep/record.h"
#include "sitrep/text.h"

#if __has_include("sitrep/store.h")
#include "sitrep/store.h"
#include "store/postgres_store.h"
#define SITREP_BENCH_HAS_STORE 1
#else
#define SITREP_BENCH_HAS_STORE 0
#endif

#if __has_include(<valgrind/callgrind.h>)
#include <valgrind/callgrind.h>
#define SITREP_BENCH_TOGGLE_COLLECT() CALLGRIND_TOGGLE_COLLECT
#else
#define SITREP_BENCH_TOGGLE_COLLECT() ((void)0)
#endif

namespace sitrep::cli {
namespace {

namespace fs = std::filesystem;

// ---------------------------------------------------------------- the corpus

struct Corpus {
  std::string name;             // "generated", "shared", or the --corpus file's name
  std::string jsonl;            // the documents as JSON lines: what the extract workloads read
  std::vector<Document> docs;   // the same, read once
  uint64_t text_bytes = 0, sentences = 0, tokens = 0;
};

// A region of the generated world: its places, the armed actors active there and who reports.
struct Region {
  const char* country;
  std::vector<const char*> places, actors, sources;
};

const std::vector<Region>& Regions() {
  static const std::vector<Region> kRegions = {
      {"Syria",
       {"Aleppo", "Idlib", "Saraqib", "Maarat al-Numan", "Deir ez-Zor", "Raqqa", "Homs", "Hama", "Khan Sheikhoun",
        "al-Bab", "Manbij", "Daraa"},
       {"Syrian government forces", "Hayat Tahrir al-Sham fighters", "Russian warplanes", "Islamic State militants",
        "the Syrian Democratic Forces", "Turkish-backed factions", "regime troops"},
       {"the Syrian Observatory for Human Rights", "the state news agency SANA", "local activists"}},
      {"Ukraine",
       {"Kharkiv", "Mariupol", "Bakhmut", "Kherson", "Zaporizhzhia", "Izium", "Sievierodonetsk", "Avdiivka"},
       {"Russian forces", "Ukrainian troops", "Russian artillery", "Ukrainian drones", "pro-Russian separatists"},
       {"the Ukrainian General Staff", "the regional governor", "the Russian Defence Ministry"}},
      {"Nigeria",
       {"Maiduguri", "Gwoza", "Zamfara", "Kaduna", "Katsina", "Damboa", "Bama"},
       {"Boko Haram insurgents", "bandits", "the Nigerian Army", "ISWAP fighters", "gunmen", "vigilantes"},
       {"a police spokesman", "local residents", "the state government"}},
      {"Somalia",
       {"Mogadishu", "Baidoa", "Kismayo", "Beledweyne", "Afgoye", "Jowhar"},
       {"al-Shabaab militants", "Somali National Army troops", "African Union forces", "clan militiamen"},
       {"a military official", "witnesses", "the information ministry"}},
      {"Mali",
       {"Gao", "Mopti", "Menaka", "Timbuktu", "Segou", "Kidal"},
       {"JNIM militants", "Malian soldiers", "Wagner Group mercenaries", "Dozo hunters", "suspected jihadists"},
       {"the army", "a local official", "a security source"}},
      {"Yemen",
       {"Marib", "Taiz", "Hodeidah", "Sanaa", "Aden", "Saada"},
       {"Houthi rebels", "Saudi-led coalition aircraft", "government forces", "the Southern Transitional Council"},
       {"the coalition", "medical sources", "Houthi-run Al-Masirah TV"}},
      {"Sudan",
       {"Khartoum", "El Fasher", "Omdurman", "Nyala", "El Geneina", "Wad Madani"},
       {"the Rapid Support Forces", "the Sudanese Armed Forces", "Arab militias", "army aircraft"},
       {"the Sudan Doctors Network", "residents", "the United Nations"}},
      {"Democratic Republic of Congo",
       {"Goma", "Beni", "Rutshuru", "Bunia", "Butembo", "Sake"},
       {"M23 rebels", "ADF militants", "the Congolese army", "CODECO fighters", "Mai-Mai militiamen"},
       {"civil society leaders", "the army spokesman", "MONUSCO"}},
      {"Myanmar",
       {"Sagaing", "Mandalay", "Myawaddy", "Lashio", "Hpakant", "Loikaw"},
       {"the Myanmar military", "People's Defence Force fighters", "junta troops", "the Arakan Army"},
       {"local media", "a resistance spokesman", "residents"}},
      {"Afghanistan",
       {"Kabul", "Kandahar", "Jalalabad", "Kunduz", "Herat", "Mazar-i-Sharif"},
       {"Taliban fighters", "Islamic State Khorasan militants", "unidentified gunmen", "the National Resistance Front"},
       {"a Taliban spokesman", "hospital officials", "the interior ministry"}},
  };
  return kRegions;
}

// Conflict-report sentences. Slots: {A} and {B} actors, {P} and {Q} places, {C} the country,
// {N} and {M} numbers (digits or words), {D} a date or day, {S} a reporting source.
const std::vector<const char*>& Templates() {
  static const std::vector<const char*> kTemplates = {
      "On {D}, {A} shelled the outskirts of {P}, killing {N} civilians, according to {S}.",
      "{A} launched an attack on positions held by {B} near {P} {D}.",
      "At least {N} people were killed when an airstrike hit a crowded market in {P}, {S} said.",
      "{A} took control of {P} after two days of heavy clashes with {B}.",
      "Clashes between {A} and {B} in {P} left {N} fighters dead and {M} wounded, {S} reported.",
      "A roadside bomb exploded near a military vehicle in {P} {D}, wounding {N} soldiers.",
      "Hundreds of residents protested in {P} {D} against rising fuel prices and power cuts.",
      "Police fired tear gas and live rounds to disperse protesters in {P}, killing {N}.",
      "{A} abducted {N} villagers from a farm outside {P} late on {D}, {S} said.",
      "The death toll from last week's fighting in {P} rose to {N}, {S} said {D}.",
      "{A} withdrew from {P} as {B} advanced from the north.",
      "Authorities imposed a curfew in {P} following the unrest, {S} announced.",
      "A suicide bomber blew himself up at a checkpoint in {P}, killing {N} people, including {M} children.",
      "{A} said they had repelled an attack by {B} near {P} and killed dozens of assailants.",
      "Drones struck a base used by {B} in {P} overnight, {S} reported.",
      "Over {N} people have been displaced from {P} and {Q} since the offensive began.",
      "{A} ambushed a convoy of {B} on the road between {P} and {Q} {D}.",
      "Armed men on motorbikes stormed {P}, looted shops and set fire to homes.",
      "{A} arrested {N} suspected members of {B} in a raid on {P}.",
      "Mortar rounds fired by {B} landed in a residential district of {P}, wounding {M} civilians.",
      "The conflict in {C}, which has killed tens of thousands of people, shows no sign of ending.",
      "Aid agencies warned that the humanitarian situation in {P} was deteriorating rapidly.",
      "Talks on a ceasefire between {A} and {B} are expected to resume next week.",
      "In {D}'s attack, about {N} gunmen opened fire on worshippers at a mosque in {P}.",
      "Residents of {Q} said they heard explosions and heavy gunfire throughout the night.",
      "{S} said {N} members of {A} were killed in the fighting around {P} on {D}.",
      "The army said it had recaptured {P} from {B} after an operation that lasted three days.",
      "Hundreds of students marched peacefully through the centre of {P} demanding the release of detainees.",
  };
  return kTemplates;
}

class CorpusGenerator {
 public:
  explicit CorpusGenerator(uint64_t seed) : rng_(seed) {}

  // One document: a headline-like first sentence, then 3..13 sentences in paragraphs.
  Document Next(size_t index) {
    const Region& r = Regions()[Pick(Regions().size())];
    Document d;
    char id[32];
    std::snprintf(id, sizeof id, "gen-%06zu", index);
    d.id = id;
    char date[16];
    std::snprintf(date, sizeof date, "%04d-%02d-%02d", 2022 + static_cast<int>(Pick(3)), 1 + static_cast<int>(Pick(12)),
                  1 + static_cast<int>(Pick(28)));
    d.published = date;
    d.source = "Generated Wire";
    size_t n = 4 + Pick(11);
    for (size_t i = 0; i < n; ++i) {
      if (i > 0) d.text += (i % 3 == 0) ? "\n\n" : " ";
      d.text += Fill(Templates()[Pick(Templates().size())], r);
    }
    return d;
  }

 private:
  size_t Pick(size_t n) { return static_cast<size_t>(rng_() % n); }
  const char* PickOf(const std::vector<const char*>& v) { return v[Pick(v.size())]; }

  std::string Number() {
    static const char* kWords[] = {"two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
                                   "a dozen", "dozens of", "scores of", "more than 20", "about 15", "nearly 40"};
    if (Pick(3) == 0) return kWords[Pick(std::size(kWords))];
    return std::to_string(1 + Pick(Pick(4) == 0 ? 300 : 30));
  }

  std::string Day() {
    static const char* kDays[] = {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
                                  "yesterday", "Sunday night", "early Friday"};
    static const char* kMonths[] = {"January", "February", "March", "April", "May", "June", "July",
                                    "August", "September", "October", "November", "December"};
    if (Pick(3) == 0) return std::to_string(1 + Pick(28)) + " " + kMonths[Pick(12)];
    return kDays[Pick(std::size(kDays))];
  }

  std::string Fill(const char* templ, const Region& r) {
    std::string out;
    const char* a = PickOf(r.actors);
    const char* b = PickOf(r.actors);
    for (int guard = 0; b == a && guard < 4; ++guard) b = PickOf(r.actors);
    const char* p = PickOf(r.places);
    const char* q = PickOf(r.places);
    bool start = true;
    for (const char* c = templ; *c; ++c) {
      if (c[0] == '{' && c[1] && c[2] == '}') {
        std::string v;
        switch (c[1]) {
          case 'A': v = a; break;
          case 'B': v = b; break;
          case 'P': v = p; break;
          case 'Q': v = q; break;
          case 'C': v = r.country; break;
          case 'N':
          case 'M': v = Number(); break;
          case 'D': v = Day(); break;
          case 'S': v = PickOf(r.sources); break;
        }
        if (start && !v.empty()) v[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(v[0])));
        out += v;
        c += 2;
      } else {
        out.push_back(*c);
      }
      start = false;
    }
    return out;
  }

  std::mt19937_64 rng_;  // its output sequence is fixed by the standard: the corpus is the same everywhere
};

void AppendDocumentJson(const Document& d, std::string* out) {
  out->append("{\"id\":");
  AppendJsonString(out, d.id);
  out->append(",\"published\":");
  AppendJsonString(out, d.published);
  out->append(",\"source\":");
  AppendJsonString(out, d.source);
  out->append(",\"text\":");
  AppendJsonString(out, d.text);
  out->append("}\n");
}

std::string GenerateJsonl(double megabytes) {
  CorpusGenerator gen(20241130);
  std::string jsonl;
  const uint64_t target = static_cast<uint64_t>(megabytes * 1e6);
  uint64_t text = 0;
  for (size_t i = 0; text < target; ++i) {
    Document d = gen.Next(i);
    text += d.text.size();
    AppendDocumentJson(d, &jsonl);
  }
  return jsonl;
}

// Runs a command and returns its standard output; false when it cannot run or fails.
bool RunCapture(const std::string& command, std::string* out) {
  FILE* p = popen(command.c_str(), "r");
  if (!p) return false;
  char buf[1 << 16];
  for (size_t n; (n = std::fread(buf, 1, sizeof buf, p)) > 0;) out->append(buf, n);
  return pclose(p) == 0;
}

std::string ShellQuote(const std::string& s) {
  std::string q = "'";
  for (char c : s) q += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return q + "'";
}

fs::path ExeDir() {
  std::error_code ec;
  auto self = fs::read_symlink("/proc/self/exe", ec);
  return ec ? fs::path() : self.parent_path();
}

// ../shared: --shared-dir, else $SITREP_SHARED_DIR, else ../shared from here, else beside the
// source tree of the binary (build-x/sitrep → ../../shared). Empty when none has eval/score.py.
std::string FindSharedDir(const std::string& given) {
  std::vector<fs::path> candidates;
  if (!given.empty()) candidates.push_back(given);
  else {
    if (const char* env = std::getenv("SITREP_SHARED_DIR"); env && *env) candidates.push_back(env);
    candidates.push_back("../shared");
    if (auto exe = ExeDir(); !exe.empty()) candidates.push_back(exe.parent_path().parent_path() / "shared");
  }
  for (const auto& c : candidates) {
    std::error_code ec;
    if (fs::exists(c / "eval" / "score.py", ec)) return c.string();
  }
  return "";
}

// The shared corpus: score.py's documents for both ACLED sets and all HRDsAttack articles.
bool BuildSharedJsonl(const std::string& shared, std::string* jsonl) {
  const std::string eval = shared + "/eval";
  const std::pair<const char*, const char*> sets[] = {{"acled", "acled/global-2022h1-dev.csv"},
                                                      {"acled", "acled/syria-battles-dev.csv"},
                                                      {"hrds", "articles/dev.json"},
                                                      {"hrds", "articles/train.json"}};
  for (const auto& [kind, file] : sets) {
    std::string cmd = "python3 " + ShellQuote(eval + "/score.py") + " docs " + kind + " " + ShellQuote(eval + "/" + file);
    if (!RunCapture(cmd, jsonl)) {
      std::fprintf(stderr, "sitrep bench: could not run: %s\n", cmd.c_str());
      return false;
    }
  }
  return true;
}

// Reads the JSON lines into documents and counts their text, sentences and tokens.
bool FinishCorpus(Corpus* c) {
  size_t problems = 0;
  Status s = ReadBuffer(
      c->jsonl, "jsonl", c->name, ReadOptions{}, [&](Document&& d) { c->docs.push_back(std::move(d)); },
      [&](const Problem& p) {
        if (++problems <= 5) std::fprintf(stderr, "sitrep bench: %s: %s\n", p.where.c_str(), p.message.c_str());
      });
  if (!s.ok()) {
    std::fprintf(stderr, "sitrep bench: %s\n", s.ToString().c_str());
    return false;
  }
  if (c->docs.empty()) {
    std::fprintf(stderr, "sitrep bench: corpus %s holds no documents\n", c->name.c_str());
    return false;
  }
  for (const Document& d : c->docs) {
    c->text_bytes += d.text.size();
    auto t = AnalyzeText(d.text);
    if (!t.ok()) continue;
    c->sentences += t->sentences.size();
    c->tokens += t->tokens.size();
  }
  return true;
}

// ---------------------------------------------------------------- workloads

struct Options {
  std::vector<std::string> workloads;
  std::string corpus, shared_dir, lexicon, results;
  std::string postgres;  // ingest-postgres: a server URL where this user may create databases
  bool shared = false, record = false, no_fork = false, list = false;
  double generated_mb = 5.0;
  unsigned threads = std::max(1u, std::thread::hardware_concurrency());
  int runs = 0;  // 0: the workload's default
};

// What one workload run measured (sent from the forked child through a pipe, so plain data).
struct Measure {
  bool ok = false;
  double seconds = 0;  // median over the runs
  int runs = 0;
  bool skipped = false;  // the workload cannot run here (error says why); not a failure
  uint64_t count = 0;  // records (extract), matches (lookup), tokens (text), documents stored (ingest), events (query)
  uint64_t queries = 0;  // query: queries per run
  uint64_t work_bytes = 0;  // lexicon-load: the file's size; extract: the JSON lines written
  double cpu_seconds = 0;  // user + system time of all threads over the timed runs, per run
  long peak_rss_kb = 0;
  unsigned threads = 1;
  char error[200] = {0};
};

struct Workload {
  const char* name;
  const char* what;
  int default_runs;
};

const std::vector<Workload>& Workloads() {
  static const std::vector<Workload> kWorkloads = {
      {"extract-1t", "the extract pipeline on 1 thread (median)", 3},
      {"extract-nt", "the extract pipeline on --threads workers (median)", 3},
      {"lexicon-load", "Lexicon::Load with checksums and self-test (median)", 10},
      {"lookup", "Lexicon::Match over every sentence (median)", 3},
      {"text", "AnalyzeText alone (median)", 3},
#if SITREP_BENCH_HAS_STORE
      {"ingest-sqlite", "Store::Ingest into a new SQLite file", 1},
      {"ingest-postgres", "Store::Ingest into a new PostgreSQL database (needs --postgres URL)", 1},
      {"query", "Store::Query, a mix of 6 filters over the stored corpus (median)", 5},
#endif
  };
  return kWorkloads;
}

double Median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  if (v.empty()) return 0;
  return v.size() % 2 ? v[v.size() / 2] : (v[v.size() / 2 - 1] + v[v.size() / 2]) / 2;
}

using Clock = std::chrono::steady_clock;
double Since(Clock::time_point t0) { return std::chrono::duration<double>(Clock::now() - t0).count(); }

double CpuSeconds() {
  struct rusage ru {};
  getrusage(RUSAGE_SELF, &ru);
  return ru.ru_utime.tv_sec + ru.ru_stime.tv_sec + (ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e6;
}

// Wall time of each timed run, and the process's CPU time spent inside them.
struct Timer {
  std::vector<double> wall;
  double cpu = 0;
  Clock::time_point t0;
  double c0 = 0;
  void Start() { c0 = CpuSeconds(), t0 = Clock::now(); }
  void Stop() { wall.push_back(Since(t0)), cpu += CpuSeconds() - c0; }
};

void Fail(Measure* m, const std::string& message) {
  m->ok = false;
  std::snprintf(m->error, sizeof m->error, "%s", message.c_str());
}

// A workload that cannot run here (not a failure): the reason is printed instead of rates.
void Skip(Measure* m, const std::string& reason) {
  Fail(m, reason);
  m->skipped = true;
}

// `sitrep extract` without its file reading and writing: JSON lines parsed from memory and
// coded by the same pipeline (cli/extract_pipeline.h), each record serialised. Returns the
// records found; *output_bytes is the size of their JSON lines.
uint64_t RunExtract(const Extractor& extractor, const Corpus& corpus, unsigned threads, uint64_t* output_bytes) {
  PipelineResult done;
  RunExtractPipeline(
      extractor, threads,
      [&](const DocumentCallback& deliver) {
        return ReadBuffer(corpus.jsonl, "jsonl", corpus.name, ReadOptions{}, deliver, [](const Problem&) {});
      },
      [](const Document&, const std::string&, const std::string&) {}, &done);
  *output_bytes = done.output_bytes;
  return done.records;
}

std::shared_ptr<const Lexicon> LoadForBench(const Options& o, Measure* m) {
  std::string path = o.lexicon.empty() ? DefaultLexiconPath() : o.lexicon;
  auto lex = Lexicon::Load(path);
  if (!lex.ok()) {
    Fail(m, lex.status().ToString());
    return nullptr;
  }
  return *lex;
}

#if SITREP_BENCH_HAS_STORE
// The records of every corpus document, extracted on `threads` workers (the store
// workloads time the store, not extraction).
std::vector<DocumentRecords> ExtractAll(std::shared_ptr<const Lexicon> lex, const Corpus& corpus, unsigned threads) {
  Extractor extractor(std::move(lex), ExtractOptions{});
  std::vector<DocumentRecords> items(corpus.docs.size());
  std::atomic<size_t> next{0};
  auto work = [&] {
    for (size_t i; (i = next.fetch_add(1)) < items.size();) {
      items[i].doc = corpus.docs[i];
      if (auto res = extractor.Extract(corpus.docs[i]); res.ok()) items[i].records = std::move(res->records);
    }
  };
  std::vector<std::thread> pool;
  for (unsigned t = 1; t < threads; ++t) pool.emplace_back(work);
  work();
  for (auto& t : pool) t.join();
  return items;
}

// A store made for one run and removed after it: a SQLite file in a temporary folder, or
// a new database on a PostgreSQL server.
struct ScratchStore {
  std::string location;   // what Store::Open takes
  std::string error;      // why it could not be made
  std::string temp_dir;   // SQLite: the folder to remove
  std::string admin_url;  // PostgreSQL: the server URL to drop the database from
  std::string database;

  void Drop() {
    std::error_code ec;
    if (!temp_dir.empty()) fs::remove_all(temp_dir, ec);
    if (!database.empty()) (void)store::PostgresExec(admin_url, "DROP DATABASE IF EXISTS " + database);
  }
};

ScratchStore ScratchSqlite() {
  ScratchStore s;
  char tmpl[] = "/tmp/sitrep-bench-XXXXXX";
  if (!mkdtemp(tmpl)) return s.error = "cannot make a temporary folder in /tmp", s;
  s.temp_dir = tmpl;
  s.location = s.temp_dir + "/bench.db";
  return s;
}

// `url` names a server and a database this user may connect to and create databases from
// ("postgresql://postgres@127.0.0.1:5432/postgres"); each run gets a database of its own.
ScratchStore ScratchPostgres(const std::string& url, int run) {
  ScratchStore s;
  const size_t query = url.find('?');
  const std::string base = url.substr(0, query);
  const std::string params = query == std::string::npos ? "" : url.substr(query);
  const size_t scheme = base.find("://");
  const size_t slash = base.find('/', scheme == std::string::npos ? 0 : scheme + 3);
  if (scheme == std::string::npos) return s.error = url + ": not a postgresql:// URL", s;
  s.admin_url = url;
  s.database = "sitrep_bench_" + std::to_string(getpid()) + "_" + std::to_string(run);
  s.location = (slash == std::string::npos ? base : base.substr(0, slash)) + "/" + s.database + params;
  if (Status st = store::PostgresExec(url, "CREATE DATABASE " + s.database); !st.ok()) {
    s.error = st.ToString();
    s.database.clear();
  }
  return s;
}

// Store::Ingest of `items` into `location`, StoreOptions' batch size; m->count = documents added.
void IngestAll(const std::string& location, const std::vector<DocumentRecords>& items, Measure* m) {
  auto store = Store::Open(location);
  if (!store.ok()) return Fail(m, store.status().ToString());
  const size_t batch = StoreOptions{}.batch_size;
  uint64_t stored = 0;
  for (size_t i = 0; i < items.size(); i += batch) {
    std::vector<DocumentRecords> part(items.begin() + i, items.begin() + std::min(items.size(), i + batch));
    auto st = (*store)->Ingest(part);
    if (!st.ok()) return Fail(m, st.status().ToString());
    stored += st->documents_added;
  }
  m->count = stored;
}

// The `query` workload: the corpus stored in a SQLite file (not timed), then per run a fixed
// mix of the queries an analyst's page makes: everything, one country, one month, 50 km
// around a place, two words in the evidence, one actor. m->count = events returned per run,
// m->queries = queries per run.
void RunQueries(const std::vector<DocumentRecords>& items, int runs, Timer* timer, Measure* m) {
  ScratchStore target = ScratchSqlite();
  if (!target.error.empty()) return Fail(m, target.error);
  IngestAll(target.location, items, m);
  auto store = Store::Open(target.location);
  if (m->ok && !store.ok()) Fail(m, store.status().ToString());
  if (!m->ok) return target.Drop();
  // The filters take their values from the stored events, so every query has answers.
  std::vector<QueryFilter> mix(1);  // everything
  auto all = (*store)->Query(QueryFilter{});
  if (all.ok() && !all->empty()) {
    std::map<std::string, int> countries, actors;
    const EventRecord* placed = nullptr;
    for (const MergedEvent& e : *all) {
      ++countries[e.event.country];
      if (!e.event.actor1.empty()) ++actors[e.event.actor1];
      if (!placed && e.event.latitude) placed = &e.event;
    }
    auto top = [](const std::map<std::string, int>& counts) {
      return std::max_element(counts.begin(), counts.end(), [](auto& a, auto& b) { return a.second < b.second; })->first;
    };
    QueryFilter f;
    f.country = top(countries);
    mix.push_back(f);
    f = {};
    const std::string& date = all->front().event.event_date;
    if (date.size() >= 7) {  // the month of the first stored event
      int y = std::atoi(date.substr(0, 4).c_str()), mo = std::atoi(date.substr(5, 2).c_str());
      static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
      int last = mo >= 1 && mo <= 12 ? kDays[mo - 1] : 28;
      if (mo == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0)) last = 29;
      f.since = date.substr(0, 7) + "-01";
      f.until = date.substr(0, 7) + "-" + std::to_string(last);
      mix.push_back(f);
    }
    if (placed) {
      f = {};
      f.near_lat = *placed->latitude, f.near_lon = *placed->longitude, f.near_km = 50;
      mix.push_back(f);
    }
    f = {};
    f.text = "killed forces";
    mix.push_back(f);
    if (!actors.empty()) {
      f = {};
      f.actor = top(actors);
      mix.push_back(f);
    }
  }
  m->queries = mix.size();
  for (int r = 0; r < runs && m->ok; ++r) {
    uint64_t events = 0;
    timer->Start();
    for (const QueryFilter& f : mix) {
      Status st = (*store)->Query(f, [&](MergedEvent&&) { return ++events, true; });
      if (!st.ok()) {
        Fail(m, st.ToString());
        break;
      }
    }
    timer->Stop();
    m->count = events;
  }
  store->reset();
  target.Drop();
}
#endif

Measure RunWorkload(const std::string& name, const Corpus& corpus, const Options& o) {
  Measure m;
  m.ok = true;
  int runs = o.runs;
  for (const auto& w : Workloads())
    if (name == w.name && runs <= 0) runs = w.default_runs;
  m.runs = runs;
  Timer timer;

  if (name == "lexicon-load") {
    std::string path = o.lexicon.empty() ? DefaultLexiconPath() : o.lexicon;
    std::error_code ec;
    m.work_bytes = fs::file_size(path, ec);
    for (int r = 0; r < runs; ++r) {
      timer.Start();
      auto lex = Lexicon::Load(path);
      if (!lex.ok()) {
        Fail(&m, lex.status().ToString());
        return m;
      }
      lex->reset();
      timer.Stop();
    }
  } else if (name == "extract-1t" || name == "extract-nt") {
    auto lex = LoadForBench(o, &m);
    if (!lex) return m;
    Extractor extractor(lex, ExtractOptions{});
    m.threads = name == "extract-1t" ? 1 : o.threads;
    for (int r = 0; r < runs; ++r) {
      timer.Start();
      SITREP_BENCH_TOGGLE_COLLECT();
      m.count = RunExtract(extractor, corpus, m.threads, &m.work_bytes);
      SITREP_BENCH_TOGGLE_COLLECT();
      timer.Stop();
    }
  } else if (name == "lookup") {
    auto lex = LoadForBench(o, &m);
    if (!lex) return m;
    std::vector<Text> texts;
    for (const Document& d : corpus.docs)
      if (auto t = AnalyzeText(d.text); t.ok()) texts.push_back(std::move(*t));
    std::vector<LexMatch> out;
    for (int r = 0; r < runs; ++r) {
      uint64_t matches = 0;
      timer.Start();
      for (const Text& t : texts)
        for (const Sentence& s : t.sentences) {
          out.clear();
          lex->Match(t, s.token_begin, s.token_end, &out);
          matches += out.size();
        }
      timer.Stop();
      m.count = matches;
    }
  } else if (name == "text") {
    for (int r = 0; r < runs; ++r) {
      uint64_t tokens = 0;
      timer.Start();
      for (const Document& d : corpus.docs)
        if (auto t = AnalyzeText(d.text); t.ok()) tokens += t->tokens.size();
      timer.Stop();
      m.count = tokens;
    }
#if SITREP_BENCH_HAS_STORE
  } else if (name == "ingest-sqlite" || name == "ingest-postgres" || name == "query") {
    if (name == "ingest-postgres" && o.postgres.empty()) {
      Skip(&m, "give --postgres URL (a server where this user may create databases)");
      return m;
    }
    auto lex = LoadForBench(o, &m);
    if (!lex) return m;
    const std::vector<DocumentRecords> items = ExtractAll(lex, corpus, o.threads);  // not timed
    if (name == "query") {
      RunQueries(items, runs, &timer, &m);
    } else {
      for (int r = 0; r < runs && m.ok; ++r) {
        ScratchStore target = name == "ingest-postgres" ? ScratchPostgres(o.postgres, r) : ScratchSqlite();
        if (!target.error.empty()) {
          Fail(&m, target.error);
          return m;
        }
        timer.Start();
        IngestAll(target.location, items, &m);
        timer.Stop();
        target.Drop();
      }
      if (!m.ok) return m;
    }
#endif
  } else {
    Fail(&m, "unknown workload " + name);
    return m;
  }
  m.seconds = Median(timer.wall);
  m.cpu_seconds = timer.wall.empty() ? 0 : timer.cpu / timer.wall.size();
  struct rusage ru {};
  getrusage(RUSAGE_SELF, &ru);
  m.peak_rss_kb = ru.ru_maxrss;
  return m;
}

// Runs the workload in a forked child so that ru_maxrss is its own.
Measure RunIsolated(const std::string& name, const Corpus& corpus, const Options& o) {
  if (o.no_fork) return RunWorkload(name, corpus, o);
  Measure m;
  int fds[2];
  if (pipe(fds) != 0) {
    Fail(&m, "pipe failed");
    return m;
  }
  std::fflush(stdout);
  std::fflush(stderr);
  pid_t pid = fork();
  if (pid < 0) {
    close(fds[0]);
    close(fds[1]);
    Fail(&m, "fork failed");
    return m;
  }
  if (pid == 0) {
    close(fds[0]);
    Measure r = RunWorkload(name, corpus, o);
    const char* p = reinterpret_cast<const char*>(&r);
    for (size_t left = sizeof r; left > 0;) {
      ssize_t n = write(fds[1], p, left);
      if (n <= 0) break;
      p += n, left -= static_cast<size_t>(n);
    }
    close(fds[1]);
    _exit(0);
  }
  close(fds[1]);
  size_t got = 0;
  char* p = reinterpret_cast<char*>(&m);
  while (got < sizeof m) {
    ssize_t n = read(fds[0], p + got, sizeof m - got);
    if (n <= 0) break;
    got += static_cast<size_t>(n);
  }
  close(fds[0]);
  int status = 0;
  waitpid(pid, &status, 0);
  if (got != sizeof m) {
    m = Measure{};
    Fail(&m, WIFSIGNALED(status) ? "the workload died of signal " + std::to_string(WTERMSIG(status))
                                 : std::string("the workload ended without a result"));
  }
  return m;
}

// ---------------------------------------------------------------- reporting

std::string Trim(std::string s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) s.pop_back();
  return s;
}

std::string CpuModel() {
  std::ifstream in("/proc/cpuinfo");
  for (std::string line; std::getline(in, line);)
    if (line.rfind("model name", 0) == 0)
      if (auto colon = line.find(':'); colon != std::string::npos) {
        std::string v = Trim(line.substr(colon + 1));
        v.erase(0, std::min(v.size(), v.find_first_not_of(" \t")));
        return v;
      }
  return "unknown";
}

// The 1-minute load average: above the core count the wall times are not to be trusted.
double LoadAverage() {
  double one = 0;
  if (std::FILE* f = std::fopen("/proc/loadavg", "r")) {
    if (std::fscanf(f, "%lf", &one) != 1) one = 0;
    std::fclose(f);
  }
  return one;
}

std::string DateUtc() {
  std::time_t now = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&now, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

std::string DefaultResultsPath() {
  if (auto exe = ExeDir(); !exe.empty()) {
    auto beside = exe.parent_path() / "bench" / "results";
    std::error_code ec;
    if (fs::is_directory(beside, ec)) return (beside / "results.jsonl").string();
  }
  return "bench/results/results.jsonl";
}

struct GitInfo {
  std::string commit = "unknown";
  bool dirty = false;
};

GitInfo Git(const std::string& dir) {
  GitInfo g;
  std::string out;
  if (RunCapture("git -C " + ShellQuote(dir) + " rev-parse --short HEAD 2>/dev/null", &out) && !Trim(out).empty())
    g.commit = Trim(out);
  out.clear();
  if (RunCapture("git -C " + ShellQuote(dir) + " status --porcelain --untracked-files=no 2>/dev/null", &out))
    g.dirty = !Trim(out).empty();
  return g;
}

struct Row {
  double mb = 0, seconds = 0, mb_s = 0, docs_s = 0, sent_s = 0, ms = 0, rss_mb = 0;
};

Row Rates(const std::string& name, const Corpus& c, const Measure& m) {
  Row r;
  r.seconds = m.seconds;
  r.rss_mb = m.peak_rss_kb / 1024.0;
  if (name == "lexicon-load") {
    r.mb = m.work_bytes / 1e6;
    r.ms = m.seconds * 1e3;
    r.mb_s = m.seconds > 0 ? r.mb / m.seconds : 0;
    return r;
  }
  r.mb = c.text_bytes / 1e6;
  if (m.seconds > 0 && name != "query") {
    r.mb_s = r.mb / m.seconds;
    r.docs_s = c.docs.size() / m.seconds;
    r.sent_s = c.sentences / m.seconds;
  }
  return r;
}

std::string Num(double v, int decimals) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
  return buf;
}

}  // namespace

Runner AddBench(CLI::App& app) {
  auto* cmd = app.add_subcommand("bench", "Run named speed workloads (extract-1t, extract-nt, lexicon-load, lookup, text, "
                                          "ingest-sqlite, ingest-postgres, query) and optionally keep the results");
  auto o = std::make_shared<Options>();
  std::vector<std::string> names = {"all"};
  for (const auto& w : Workloads()) names.push_back(w.name);
  cmd->add_option("workloads", o->workloads, "Workloads to run (default: all)")->check(CLI::IsMember(names));
  auto* corpus_opt = cmd->add_option("--corpus", o->corpus, "JSON lines documents to run on (default: a generated corpus)");
  cmd->add_flag("--shared", o->shared, "Run on the documents of ../shared/eval (ACLED notes and HRDsAttack articles)")
      ->excludes(corpus_opt);
  cmd->add_option("--shared-dir", o->shared_dir, "The shared folder (default: $SITREP_SHARED_DIR, else ../shared)");
  cmd->add_option("--generated-mb", o->generated_mb, "Size of the generated corpus in MB of text")
      ->check(CLI::Range(0.01, 1000.0))
      ->capture_default_str();
  cmd->add_option("--postgres", o->postgres, "ingest-postgres: a server URL where this user may create databases "
                                             "(each run makes and drops its own)");
  cmd->add_option("-t,--threads", o->threads, "Workers for extract-nt and the store workloads' extraction (default: all cores)")
      ->check(CLI::Range(1u, 256u));
  cmd->add_option("--runs", o->runs, "Runs per workload, the median is kept (default: 10 lexicon-load, 1 ingest-*, "
                                     "5 query, else 3)")
      ->check(CLI::Range(1, 1000));
  cmd->add_option("--lexicon", o->lexicon, "Compiled lexicon (default: the built one)");
  cmd->add_flag("--record", o->record, "Append each result as a JSON line to the results file");
  cmd->add_option("--results", o->results, "Results file for --record (default: bench/results/results.jsonl)");
  cmd->add_flag("--no-fork", o->no_fork, "Run workloads in this process (for profilers; peak RSS is then cumulative)");
  cmd->add_flag("--list", o->list, "List the workloads and exit");
  return [o] {
    if (o->list) {
      for (const auto& w : Workloads()) std::printf("%-16s %s\n", w.name, w.what);
      return 0;
    }
    std::vector<std::string> run;
    for (const auto& n : o->workloads) {
      if (n == "all") {
        for (const auto& w : Workloads()) run.push_back(w.name);
      } else {
        run.push_back(n);
      }
    }
    if (run.empty())
      for (const auto& w : Workloads()) run.push_back(w.name);

    Corpus corpus;
    auto t0 = Clock::now();
    if (!o->corpus.empty()) {
      std::ifstream in(o->corpus, std::ios::binary);
      if (!in) {
        std::fprintf(stderr, "sitrep bench: %s: cannot open\n", o->corpus.c_str());
        return kExitError;
      }
      std::ostringstream ss;
      ss << in.rdbuf();
      corpus.jsonl = ss.str();
      corpus.name = fs::path(o->corpus).filename().string();
    } else if (o->shared) {
      std::string dir = FindSharedDir(o->shared_dir);
      if (dir.empty()) {
        std::fprintf(stderr, "sitrep bench: ../shared/eval not found (give --shared-dir): shared corpus skipped\n");
        return 0;
      }
      corpus.name = "shared";
      if (!BuildSharedJsonl(dir, &corpus.jsonl)) return kExitError;
    } else {
      corpus.name = "generated";
      corpus.jsonl = GenerateJsonl(o->generated_mb);
    }
    if (!FinishCorpus(&corpus)) return kExitError;
    std::fprintf(stderr, "sitrep bench: corpus %s: %zu documents, %.2f MB of text, %llu sentences, %llu tokens (%.1f s to prepare)\n",
                 corpus.name.c_str(), corpus.docs.size(), corpus.text_bytes / 1e6, (unsigned long long)corpus.sentences,
                 (unsigned long long)corpus.tokens, Since(t0));

    const std::string results = o->results.empty() ? DefaultResultsPath() : o->results;
    std::FILE* rec = nullptr;
    GitInfo git;
    std::string cpu = CpuModel(), date = DateUtc();
    const unsigned cores = std::max(1u, std::thread::hardware_concurrency());
    if (o->record) {
      rec = std::fopen(results.c_str(), "a");
      if (!rec) {
        std::fprintf(stderr, "sitrep bench: %s: cannot open for appending\n", results.c_str());
        return kExitError;
      }
      auto dir = fs::path(results).parent_path();
      git = Git(dir.empty() ? "." : dir.string());
    }

    std::printf("%-16s %-12s %8s %9s %10s %10s %11s %9s  %s\n", "workload", "corpus", "MB", "seconds", "MB/s", "docs/s",
                "sentences/s", "peak RSS", "notes");
    int failures = 0;
    for (const std::string& name : run) {
      Measure m = RunIsolated(name, corpus, *o);
      if (!m.ok) {
        std::printf("%-16s %-12s %s: %s\n", name.c_str(), corpus.name.c_str(), m.skipped ? "skipped" : "failed", m.error);
        std::fflush(stdout);
        failures += !m.skipped;
        continue;
      }
      Row r = Rates(name, corpus, m);
      std::string notes;
      if (name == "lexicon-load") notes = "median " + Num(r.ms, 1) + " ms of " + std::to_string(m.runs);
      else if (name.rfind("extract", 0) == 0) notes = std::to_string(m.threads) + " thread(s), " + std::to_string(m.count) + " records";
      else if (name == "lookup") notes = std::to_string(m.count) + " matches";
      else if (name == "text") notes = std::to_string(m.count) + " tokens";
      else if (name.rfind("ingest", 0) == 0) notes = std::to_string(m.count) + " documents stored";
      else if (name == "query")
        notes = std::to_string(m.queries) + " queries (" + Num(m.seconds > 0 ? m.queries / m.seconds : 0, 1) +
                "/s), " + std::to_string(m.count) + " events returned";
      if (m.runs > 1 && name != "lexicon-load") notes += ", median of " + std::to_string(m.runs);
      notes += ", cpu " + Num(m.cpu_seconds, 3) + " s";
      const double load = LoadAverage();
      if (load > cores) notes += ", load " + Num(load, 1) + " > " + std::to_string(cores) + " cores";
      // Corpus rates mean nothing for a load or a query mix (their notes say what was done).
      bool rates = name != "lexicon-load" && name != "query";
      std::printf("%-16s %-12s %8.2f %9.3f %10s %10s %11s %6.0f MB  %s\n", name.c_str(), corpus.name.c_str(), r.mb,
                  r.seconds, name == "query" ? "-" : Num(r.mb_s, 2).c_str(), rates ? Num(r.docs_s, 0).c_str() : "-",
                  rates ? Num(r.sent_s, 0).c_str() : "-",
                  r.rss_mb, notes.c_str());
      std::fflush(stdout);
      if (rec) {
        std::string j = "{\"workload\":";
        AppendJsonString(&j, name);
        j += ",\"corpus\":";
        AppendJsonString(&j, corpus.name);
        j += ",\"mb\":" + Num(r.mb, 3) + ",\"documents\":" + std::to_string(corpus.docs.size()) +
             ",\"sentences\":" + std::to_string(corpus.sentences) + ",\"threads\":" + std::to_string(m.threads) +
             ",\"runs\":" + std::to_string(m.runs) + ",\"seconds\":" + Num(r.seconds, 4) + ",\"mb_s\":" + Num(r.mb_s, 3);
        if (rates)
          j += ",\"docs_s\":" + Num(r.docs_s, 1) + ",\"sentences_s\":" + Num(r.sent_s, 1);
        if (m.queries)
          j += ",\"queries\":" + std::to_string(m.queries) + ",\"queries_s\":" + Num(m.seconds > 0 ? m.queries / m.seconds : 0, 2);
        else if (name == "lexicon-load")
          j += ",\"ms\":" + Num(r.ms, 2);
        j += ",\"cpu_seconds\":" + Num(m.cpu_seconds, 4) +
             ",\"mb_per_cpu_s\":" + Num(m.cpu_seconds > 0 ? r.mb / m.cpu_seconds : 0, 3) + ",\"count\":" + std::to_string(m.count) +
             ",\"peak_rss_mb\":" + Num(r.rss_mb, 1) + ",\"loadavg\":" + Num(load, 2) + ",\"commit\":";
        AppendJsonString(&j, git.commit);
        j += std::string(",\"dirty\":") + (git.dirty ? "true" : "false") + ",\"date\":";
        AppendJsonString(&j, date);
        j += ",\"cpu\":";
        AppendJsonString(&j, cpu);
        j += ",\"cores\":" + std::to_string(cores) + "}\n";
        std::fputs(j.c_str(), rec);
        std::fflush(rec);
      }
    }
    if (rec) {
      std::fclose(rec);
      std::fprintf(stderr, "sitrep bench: results appended to %s\n", results.c_str());
    }
    return failures ? kExitError : 0;
  };
}

}  // namespace sitrep::cli
