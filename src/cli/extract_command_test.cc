// `sitrep extract` as a user runs it: many documents on several workers come out in input
// order and identical to a single-threaded run; a bad line is reported and skipped.
#include <gtest/gtest.h>

#include <fstream>
#include <vector>

#include "cli/cli_test_util.h"
#include "store/store_test_util.h"

namespace sitrep::cli {
namespace {

using store::testing::TempDir;

// The doc_id of every output line, in order.
std::vector<std::string> DocIds(const std::string& jsonl) {
  std::vector<std::string> ids;
  for (size_t pos = 0; (pos = jsonl.find("\"doc_id\":\"", pos)) != std::string::npos;) {
    pos += 10;
    ids.push_back(jsonl.substr(pos, jsonl.find('"', pos) - pos));
  }
  return ids;
}

TEST(ExtractCli, WorkersKeepInputOrder) {
  if (Bin().empty()) GTEST_SKIP() << "no sitrep binary";
  TempDir dir;
  const std::string input = dir.File("docs.jsonl");
  {
    static const char* kTowns[] = {"Goma", "Gao", "Mosul", "Kharkiv", "Idlib", "Marib", "Maiduguri", "Beni"};
    std::ofstream out(input);
    for (int i = 0; i < 300; ++i) {
      char id[16];
      std::snprintf(id, sizeof id, "d%03d", i);
      out << "{\"id\":\"" << id << "\",\"published\":\"2024-05-0" << (1 + i % 9) << "\",\"text\":\"Gunmen killed "
          << (2 + i % 7) << " villagers near " << kTowns[i % 8] << " on Monday. The army said it shelled their "
          << "positions.\"}\n";
      if (i == 150) out << "{not json\n";
    }
  }
  Output one = Sh(Bin() + " extract --threads 1 " + input + " 2>/dev/null");
  Output four = Sh(Bin() + " extract --threads 4 " + input + " 2>/dev/null");
  ASSERT_EQ(one.status, 0);
  ASSERT_EQ(four.status, 0);
  EXPECT_EQ(four.out, one.out);
  std::vector<std::string> ids = DocIds(four.out);
  ASSERT_GE(ids.size(), 300u);
  EXPECT_TRUE(std::is_sorted(ids.begin(), ids.end()));
  EXPECT_EQ(ids.front(), "d000");
  EXPECT_EQ(ids.back(), "d299");
  Output report = Sh(Bin() + " extract --threads 3 " + input + " 2>&1 >/dev/null");
  EXPECT_NE(report.out.find("docs.jsonl:152"), std::string::npos) << report.out;
  EXPECT_NE(report.out.find("300 documents"), std::string::npos) << report.out;
}

}  // namespace
}  // namespace sitrep::cli
