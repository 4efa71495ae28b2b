// sitrep compile, sitrep dump, sitrep lookup: building and inspecting the lexicon.
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include "cli/commands.h"
#include "sitrep/record.h"
#include "sitrep/text.h"

namespace sitrep::cli {

std::string DefaultLexiconPath() {
  if (const char* env = std::getenv("SITREP_LEXICON"); env && *env) return env;
  std::error_code ec;
  auto self = std::filesystem::read_symlink("/proc/self/exe", ec);
  if (!ec) {
    auto beside = self.parent_path() / "sitrep.lex";
    if (std::filesystem::exists(beside)) return beside.string();
  }
  return "/usr/local/share/sitrep/sitrep.lex";
}

std::shared_ptr<const Lexicon> LoadLexiconOrReport(const std::string& path) {
  auto lex = Lexicon::Load(path);
  if (!lex.ok()) {
    std::fprintf(stderr, "sitrep: %s\n", lex.status().ToString().c_str());
    return nullptr;
  }
  return *lex;
}

Runner AddCompile(CLI::App& app) {
  auto* cmd = app.add_subcommand("compile", "Compile data/ and the data packages into one lexicon file");
  auto opt = std::make_shared<CompileOptions>();
  auto out = std::make_shared<std::string>("sitrep.lex");
  cmd->add_option("--data", opt->data_dir, "Folder of the human-edited dictionaries")->capture_default_str();
  cmd->add_option("--packages", opt->packages_dir, "Folder holding the npm data packages")->capture_default_str();
  cmd->add_option("--wordnet", opt->wordnet_dir, "WordNet dictionary folder (exception lists)")->capture_default_str();
  cmd->add_option("--min-population", opt->min_population, "Leave out GeoNames places smaller than this")->capture_default_str();
  cmd->add_option("-o,--output", *out, "Lexicon file to write")->capture_default_str();
  return [opt, out] {
    auto t0 = std::chrono::steady_clock::now();
    LexiconStats st;
    Status s = CompileLexicon(*opt, *out, &st);
    if (!s.ok()) {
      std::fprintf(stderr, "sitrep compile: %s\n", s.ToString().c_str());
      return kExitError;
    }
    double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    std::fprintf(stderr,
                 "sitrep compile: %s: %llu keys, %llu entries, %llu places, %llu actors, %llu agents, %llu sources, "
                 "%llu event patterns, %llu countries, %.1f MB in %.1f s\n",
                 out->c_str(), (unsigned long long)st.keys, (unsigned long long)st.entries,
                 (unsigned long long)st.places, (unsigned long long)st.actors, (unsigned long long)st.agents,
                 (unsigned long long)st.sources, (unsigned long long)st.events, (unsigned long long)st.countries,
                 st.bytes / 1e6, secs);
    return 0;
  };
}

Runner AddDump(CLI::App& app) {
  auto* cmd = app.add_subcommand("dump", "Write every key and entry of a compiled lexicon as text");
  auto path = std::make_shared<std::string>();
  cmd->add_option("--lexicon", *path, "Compiled lexicon (default: the built one)");
  return [path] {
    auto lex = LoadLexiconOrReport(path->empty() ? DefaultLexiconPath() : *path);
    if (!lex) return kExitError;
    std::ios::sync_with_stdio(false);
    lex->Dump(std::cout);
    return 0;
  };
}

namespace {

void PrintMatch(const Lexicon& lex, const Text& text, const LexMatch& m, uint32_t entry_index, std::string* out) {
  Entry e = lex.entry(entry_index);
  Span sp{text.tokens[m.token_begin].begin, text.tokens[m.token_end - 1].end};
  out->append("{\"kind\":");
  AppendJsonString(out, EntryKindName(e.kind));
  out->append(",\"text\":");
  AppendJsonString(out, text.span(sp.begin, sp.end));
  out->append(",\"span\":[" + std::to_string(sp.begin) + "," + std::to_string(sp.end) + "]");
  out->append(",\"phrase\":");
  AppendJsonString(out, lex.EntryPhrase(entry_index));
  auto field = [&](const char* k, std::string_view v) {
    out->append(",\"");
    out->append(k);
    out->append("\":");
    AppendJsonString(out, v);
  };
  char buf[64];
  switch (e.kind) {
    case EntryKind::kPlace: {
      Place p = lex.place(e.index);
      out->append(",\"geonameid\":" + std::to_string(p.geonameid));
      field("name", p.name);
      field("country", p.country);
      field("admin1", p.admin1);
      field("admin2", p.admin2);
      std::snprintf(buf, sizeof buf, ",\"latitude\":%.5f,\"longitude\":%.5f", p.latitude, p.longitude);
      out->append(buf);
      out->append(",\"population\":" + std::to_string(p.population));
      field("feature_code", p.feature_code);
      break;
    }
    case EntryKind::kActor: {
      Actor a = lex.actor(e.index);
      field("name", a.name);
      field("code", a.code);
      field("country", a.country);
      field("inter", a.inter);
      break;
    }
    case EntryKind::kAgent: {
      Agent a = lex.agent(e.index);
      field("template", a.templ);
      field("sector", a.sector);
      break;
    }
    case EntryKind::kModifier: {
      Modifier m = lex.modifier(e.index);
      field("meaning", m.meaning);
      field("country", m.country);
      break;
    }
    case EntryKind::kCountry: {
      Country c = lex.country(e.index);
      field("name", c.name);
      field("iso3", c.iso3);
      out->append((e.flags & kDemonym) ? ",\"demonym\":true" : ",\"demonym\":false");
      break;
    }
    case EntryKind::kSource: {
      Source s = lex.source(e.index);
      field("name", s.name);
      field("source_kind", s.kind);
      break;
    }
    case EntryKind::kEvent: {
      EventPattern p = lex.event(e.index);
      field("pattern", p.pattern);
      field("event_type", p.event_type);
      field("sub_event_type", p.sub_event_type);
      field("cameo_code", p.cameo);
      break;
    }
  }
  out->append("}\n");
}

// Candidates best first: places by feature importance and population.
double Rank(const Lexicon& lex, const Entry& e) {
  if (e.kind != EntryKind::kPlace) return 1e18 - static_cast<double>(e.kind);
  Place p = lex.place(e.index);
  double r = static_cast<double>(p.population);
  if (p.feature_code == "PPLC") r += 5e7;
  else if (p.feature_code == "PPLA") r += 1e7;
  else if (p.feature_code == "PCLI") r += 1e8;
  if (!(e.flags & kAltName)) r *= 2;
  return r;
}

}  // namespace

Runner AddLookup(CLI::App& app) {
  auto* cmd = app.add_subcommand("lookup", "Show every dictionary entry that fires on a text (why sitrep matched what)");
  auto words = std::make_shared<std::vector<std::string>>();
  auto path = std::make_shared<std::string>();
  auto file = std::make_shared<std::string>();
  auto all_case = std::make_shared<bool>(false);
  cmd->add_option("text", *words, "Text to look up (or use --file)");
  cmd->add_option("-f,--file", *file, "Read the text from a file ('-' for standard input)");
  cmd->add_option("--lexicon", *path, "Compiled lexicon (default: the built one)");
  cmd->add_flag("--ignore-case", *all_case, "Also show proper-name entries whose capitalisation does not fit");
  return [=] {
    std::string input;
    if (!file->empty()) {
      std::ifstream in(*file == "-" ? "/dev/stdin" : *file, std::ios::binary);
      if (!in) {
        std::fprintf(stderr, "sitrep lookup: %s: cannot open\n", file->c_str());
        return kExitError;
      }
      std::stringstream ss;
      ss << in.rdbuf();
      input = ss.str();
    } else {
      for (size_t i = 0; i < words->size(); ++i) input += (i ? " " : "") + (*words)[i];
    }
    if (input.empty()) {
      std::fprintf(stderr, "sitrep lookup: give a text or --file\n");
      return kExitUsage;
    }
    auto lex = LoadLexiconOrReport(path->empty() ? DefaultLexiconPath() : *path);
    if (!lex) return kExitError;
    auto text = AnalyzeText(input);
    if (!text.ok()) {
      std::fprintf(stderr, "sitrep lookup: %s\n", text.status().ToString().c_str());
      return kExitError;
    }
    std::vector<LexMatch> matches;
    for (const Sentence& s : text->sentences) lex->Match(*text, s.token_begin, s.token_end, &matches);
    std::string out;
    for (const LexMatch& m : matches) {
      std::vector<uint32_t> idx;
      for (uint32_t k = 0; k < m.entry_count; ++k)
        if (*all_case || Lexicon::CaseOk(*text, m, lex->entry(m.entry_begin + k))) idx.push_back(m.entry_begin + k);
      std::stable_sort(idx.begin(), idx.end(), [&](uint32_t a, uint32_t b) {
        return Rank(*lex, lex->entry(a)) > Rank(*lex, lex->entry(b));
      });
      for (uint32_t i : idx) PrintMatch(*lex, *text, m, i, &out);
    }
    std::fwrite(out.data(), 1, out.size(), stdout);
    return 0;
  };
}

}  // namespace sitrep::cli
