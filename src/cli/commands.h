// The sitrep command's subcommands. Each Add* registers one on the CLI11 app and
// returns a function that runs it and gives the exit status.
#ifndef SITREP_CLI_COMMANDS_H_
#define SITREP_CLI_COMMANDS_H_

#include <CLI/CLI.hpp>
#include <functional>
#include <memory>
#include <string>

#include "sitrep/lexicon.h"

namespace sitrep::cli {

using Runner = std::function<int()>;

// Exit statuses: 0 done, 1 some input failed or an error, 2 bad usage.
inline constexpr int kExitError = 1;
inline constexpr int kExitUsage = 2;

Runner AddCompile(CLI::App& app);
Runner AddDump(CLI::App& app);
Runner AddLookup(CLI::App& app);
Runner AddExtract(CLI::App& app);
Runner AddIngest(CLI::App& app);
Runner AddQuery(CLI::App& app);
Runner AddBench(CLI::App& app);

// The lexicon path: --lexicon, else $SITREP_LEXICON, else the one the build wrote
// next to the binary, else the installed one.
std::string DefaultLexiconPath();
// Loads it or prints the error; nullptr on failure.
std::shared_ptr<const Lexicon> LoadLexiconOrReport(const std::string& path);

}  // namespace sitrep::cli

#endif  // SITREP_CLI_COMMANDS_H_
