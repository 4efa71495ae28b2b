// sitrep ingest and sitrep query, run as the built binary ($SITREP_BIN).
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>

#include "cli/cli_test_util.h"
#include "sitrep/store.h"
#include "store/store_test_util.h"

namespace sitrep::cli {
namespace {

using store::testing::Doc;
using store::testing::Shelling;
using store::testing::TempDir;

TEST(StoreCli, QueryFormatsAndBadFilters) {
  if (Bin().empty()) GTEST_SKIP() << "no sitrep binary";
  TempDir dir;
  const std::string db = dir.File("s.db");
  {
    auto s = Store::Open(db);
    ASSERT_TRUE(s.ok());
    EventRecord a = Shelling("", "e1", "2024-03-05", 35.9044, 36.7233, 5), b = Shelling("", "e1", "2024-03-05", 35.93, 36.72, 8);
    ASSERT_TRUE((*s)->Ingest({Doc("doc-a", "Shelling, \"heavy\", hit Sarmin.", {a}), Doc("doc-b", "Sarmin shelled.", {b})}).ok());
  }
  const std::string q = Bin() + " query --db " + db;
  Output csv = Sh(q + " --format csv");
  EXPECT_EQ(csv.status, 0);
  std::string header;
  for (const auto& c : AcledColumns()) header += (header.empty() ? "" : ",") + c;
  EXPECT_EQ(csv.out.substr(0, csv.out.find('\n')), header);
  EXPECT_NE(csv.out.find("\"Shelling, \"\"heavy\"\", hit Sarmin.\""), std::string::npos) << csv.out;

  Output jsonl = Sh(q + " --country Syria --since 2024-03-01 --until 2024-03-31 --near 35.9,36.72,10");
  EXPECT_EQ(jsonl.status, 0);
  EXPECT_EQ(std::count(jsonl.out.begin(), jsonl.out.end(), '\n'), 1) << jsonl.out;
  EXPECT_NE(jsonl.out.find("\"num_mentions\":2,\"num_sources\":1"), std::string::npos);

  Output geo = Sh(q + " --format geojson --type Battles");
  EXPECT_EQ(geo.status, 0);
  EXPECT_EQ(geo.out, "{\"type\":\"FeatureCollection\",\"features\":[\n]}\n");

  for (const char* bad : {"--since 2024-02-30", "--until soon", "--near 36,37", "--near 95,37,10", "--format xml"})
    EXPECT_EQ(Sh(q + " " + bad + " 2>/dev/null").status, 2) << bad;
  EXPECT_EQ(Sh(Bin() + " query --db " + dir.File("missing.db") + " 2>/dev/null").status, 1);
}

TEST(StoreCli, IngestTwiceStoresOnce) {
  const char* env = std::getenv("SITREP_LEXICON");
  std::string lex = env && *env ? env : Bin().empty() ? "" : (std::filesystem::path(Bin()).parent_path() / "sitrep.lex").string();
  if (Bin().empty() || !std::filesystem::exists(lex)) GTEST_SKIP() << "needs the sitrep binary and a compiled lexicon";
  TempDir dir;
  std::ofstream(dir.File("a.txt")) << "Syrian army artillery shelled Sarmin in Idlib province on Tuesday, killing "
                                      "five civilians, the Syrian Observatory for Human Rights said.\n";
  std::ofstream(dir.File("b.txt")) << "Five people were killed when regime forces shelled Sarmin on Tuesday.\n";
  const std::string ingest = Bin() + " ingest --lexicon " + lex + " --published 2024-03-06 --db " + dir.File("s.db") + " " +
                             dir.File("a.txt") + " " + dir.File("b.txt") + " 2>&1";
  Output first = Sh(ingest);
  EXPECT_EQ(first.status, 0) << first.out;
  EXPECT_NE(first.out.find("2 documents (2 new, 0 unchanged)"), std::string::npos) << first.out;
  EXPECT_NE(first.out.find("docs/s"), std::string::npos) << first.out;
  Output second = Sh(ingest);
  EXPECT_EQ(second.status, 0);
  EXPECT_NE(second.out.find("(0 new, 2 unchanged)"), std::string::npos) << second.out;
  Output missing = Sh(ingest + " " + dir.File("missing.txt"));
  EXPECT_EQ(missing.status, 1);
}

}  // namespace
}  // namespace sitrep::cli
