// Helpers for tests that run the built sitrep binary (internal to src/cli tests).
#ifndef SITREP_CLI_CLI_TEST_UTIL_H_
#define SITREP_CLI_CLI_TEST_UTIL_H_

#include <sys/wait.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>

namespace sitrep::cli {

struct Output {
  int status = -1;
  std::string out;
};

// Runs a shell command line and captures its standard output.
inline Output Sh(const std::string& cmd) {
  Output r;
  FILE* p = popen(cmd.c_str(), "r");
  if (!p) return r;
  char buf[4096];
  for (size_t n; (n = fread(buf, 1, sizeof buf, p)) > 0;) r.out.append(buf, n);
  int st = pclose(p);
  r.status = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
  return r;
}

// $SITREP_BIN, else the sitrep built beside this test binary.
inline std::string Bin() {
  const char* bin = std::getenv("SITREP_BIN");
  if (bin && std::filesystem::exists(bin)) return bin;
  std::error_code ec;
  auto beside = std::filesystem::read_symlink("/proc/self/exe", ec).parent_path() / "sitrep";
  return !ec && std::filesystem::exists(beside) ? beside.string() : "";
}

}  // namespace sitrep::cli

#endif  // SITREP_CLI_CLI_TEST_UTIL_H_
