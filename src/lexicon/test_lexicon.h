// For tests: the compiled world lexicon, shared by every test of the binary.
// $SITREP_LEXICON, else the one this build compiled (SITREP_TEST_LEXICON); tests
// GTEST_SKIP when neither exists.
#ifndef SITREP_LEXICON_TEST_LEXICON_H_
#define SITREP_LEXICON_TEST_LEXICON_H_

#include <cstdlib>
#include <fstream>
#include <memory>

#include "sitrep/lexicon.h"

namespace sitrep::testing_lexicon {

inline const char* LexiconPath() {
  const char* p = std::getenv("SITREP_LEXICON");
  if (p && *p) return p;
  static const char* built = SITREP_TEST_LEXICON;
  std::ifstream probe(built);
  return probe ? built : nullptr;
}

inline std::shared_ptr<const Lexicon> World() {
  static std::shared_ptr<const Lexicon> lex = [] {
    const char* p = LexiconPath();
    if (!p) return std::shared_ptr<const Lexicon>();
    auto l = Lexicon::Load(p);
    return l.ok() ? *l : std::shared_ptr<const Lexicon>();
  }();
  return lex;
}

}  // namespace sitrep::testing_lexicon

#endif  // SITREP_LEXICON_TEST_LEXICON_H_
