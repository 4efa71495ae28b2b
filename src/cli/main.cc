// sitrep: news reports of armed conflict in, structured event records out.
#include <cstdio>
#include <vector>

#include "cli/commands.h"

#ifndef SITREP_VERSION
#define SITREP_VERSION "dev"
#endif

int main(int argc, char** argv) {
  CLI::App app{"sitrep: turns news reports of armed conflict into geocoded, source-attributed event records"};
  app.set_version_flag("--version", std::string("sitrep ") + SITREP_VERSION);
  app.require_subcommand(1);
  std::vector<std::pair<CLI::App*, sitrep::cli::Runner>> runners;
  auto add = [&](sitrep::cli::Runner (*f)(CLI::App&)) {
    size_t before = app.get_subcommands({}).size();
    auto r = f(app);
    runners.emplace_back(app.get_subcommands({})[before], std::move(r));
  };
  add(sitrep::cli::AddExtract);
  add(sitrep::cli::AddLookup);
  add(sitrep::cli::AddCompile);
  add(sitrep::cli::AddDump);
  add(sitrep::cli::AddIngest);
  add(sitrep::cli::AddQuery);
  add(sitrep::cli::AddBench);
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    std::fprintf(stderr, "sitrep: %s (see sitrep --help)\n", e.what());
    return sitrep::cli::kExitUsage;
  }
  for (auto& [sub, run] : runners)
    if (sub->parsed()) return run();
  return sitrep::cli::kExitUsage;
}
