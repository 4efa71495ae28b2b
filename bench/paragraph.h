// The text the micro-benchmarks run on: one news paragraph of the kind sitrep codes,
// with actors, places, dates, figures and a reporting source (written for these
// benchmarks), and where to find a compiled lexicon.
#ifndef SITREP_BENCH_PARAGRAPH_H_
#define SITREP_BENCH_PARAGRAPH_H_

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <string>
#include <system_error>

namespace sitrep::bench {

inline constexpr const char* kParagraph =
    "Syrian government forces withdrew from the northern city of Aleppo on Friday as fighters of "
    "Hayat Tahrir al-Sham advanced into its western districts, the Syrian Observatory for Human Rights "
    "said. The monitor reported that more than 300 people, including about 20 civilians, had been killed "
    "since the offensive began on Wednesday, 27 November. Russian warplanes struck rebel positions near "
    "Saraqib and Maarat al-Numan overnight, killing at least 12 fighters, while Turkish-backed factions "
    "seized several villages north of al-Bab. Authorities imposed a 24-hour curfew in Aleppo and closed "
    "the airport. In Idlib province, a roadside bomb wounded three soldiers near Khan Sheikhoun early on "
    "Saturday. Dozens of residents fled towards Hama, some 140 km to the south, local activists said.";

// The compiled lexicon: $SITREP_LEXICON, else sitrep.lex beside this binary, else the newest
// build*/sitrep.lex under the working directory or the binary's parent. Empty when none.
inline std::string FindLexicon() {
  namespace fs = std::filesystem;
  if (const char* env = std::getenv("SITREP_LEXICON"); env && *env) return env;
  std::error_code ec;
  fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  if (!ec && fs::exists(exe.parent_path() / "sitrep.lex", ec)) return (exe.parent_path() / "sitrep.lex").string();
  fs::path best;
  fs::file_time_type best_time{};
  fs::path roots[2] = {fs::current_path(ec), exe.empty() ? fs::path() : exe.parent_path().parent_path()};
  for (const fs::path& root : roots) {
    if (root.empty()) continue;
    for (fs::directory_iterator it(root, ec), end; !ec && it != end; it.increment(ec)) {
      if (!it->is_directory(ec) || it->path().filename().string().rfind("build", 0) != 0) continue;
      fs::path lex = it->path() / "sitrep.lex";
      if (!fs::exists(lex, ec)) continue;
      auto t = fs::last_write_time(lex, ec);
      if (best.empty() || t > best_time) best = lex, best_time = t;
    }
  }
  return best.string();
}

}  // namespace sitrep::bench

#endif  // SITREP_BENCH_PARAGRAPH_H_
