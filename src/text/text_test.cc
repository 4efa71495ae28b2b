#include <gtest/gtest.h>
#include <utf8proc.h>

#include "sitrep/text.h"

namespace sitrep {
namespace {

Text Analyze(std::string_view s) {
  auto t = AnalyzeText(s);
  EXPECT_TRUE(t.ok());
  return std::move(t).value();
}

std::vector<std::string> Sentences(const Text& t) {
  std::vector<std::string> out;
  for (const auto& s : t.sentences) out.emplace_back(t.span(s.begin, s.end));
  return out;
}

std::vector<std::string> Words(const Text& t) {
  std::vector<std::string> out;
  for (size_t i = 0; i < t.tokens.size(); ++i) out.emplace_back(t.token_text(i));
  return out;
}

TEST(TextNormalize, InvalidUtf8BecomesReplacementWithOffset) {
  std::string raw = "Troops\xff entered \xc3(town.";
  Text t = Analyze(raw);
  EXPECT_EQ(t.text, "Troops\xEF\xBF\xBD entered \xEF\xBF\xBD(town.");
  ASSERT_EQ(t.warnings.size(), 2u);
  EXPECT_EQ(t.warnings[0].offset, 6u);
  EXPECT_EQ(t.warnings[1].offset, 16u);
}

TEST(TextNormalize, OverlongAndSurrogatesAreInvalid) {
  std::vector<Warning> w;
  EXPECT_EQ(NormalizeUtf8("\xc0\xaf", &w), "\xEF\xBF\xBD\xEF\xBF\xBD");
  EXPECT_EQ(NormalizeUtf8("\xed\xa0\x80", &w).substr(0, 3), "\xEF\xBF\xBD");
}

TEST(TextNormalize, NfcAndControls) {
  std::vector<Warning> w;
  // "e" + combining acute → "é"; CRLF → LF; BEL → space.
  EXPECT_EQ(NormalizeUtf8("Caf\x65\xCC\x81\r\nx\ay", &w), "Caf\xC3\xA9\nx y");
  EXPECT_TRUE(w.empty());
}

// Text that is already NFC skips the NFC pass; whatever NFC would change must still be changed.
TEST(TextNormalize, NfcOnlyWhereItChangesSomething) {
  std::vector<Warning> w;
  const std::string stable = "\xE2\x80\x9CG\xC3\xA9n\xC3\xA9ral\xE2\x80\x9D \xE2\x80\x94 \xD0\x9A\xD0\xB8\xD1\x97\xD0\xB2";
  EXPECT_EQ(NormalizeUtf8(stable, &w), stable);  // curly quotes, é, em dash, Cyrillic
  EXPECT_EQ(NormalizeUtf8("\xE2\x84\xAB", &w), "\xC3\x85");                          // Angstrom sign → Å (singleton)
  EXPECT_EQ(NormalizeUtf8("\xE0\xA5\x98", &w), "\xE0\xA4\x95\xE0\xA4\xBC");  // excluded composition: decomposed
  EXPECT_EQ(NormalizeUtf8("\xE1\x84\x80\xE1\x85\xA1", &w), "\xEA\xB0\x80");  // Hangul jamo ᄀ + ᅡ → 가
  EXPECT_EQ(NormalizeUtf8("\xC3\xA9\xCC\xA3", &w), "\xE1\xBA\xB9\xCC\x81");    // é + dot below → ẹ + acute (reordered)
  EXPECT_EQ(NormalizeUtf8("\xE0\xAE\x92\xE0\xAF\x97", &w), "\xE0\xAE\x94");  // Tamil o + au length mark → au
  EXPECT_TRUE(w.empty());
}

// Runs of bytes kept as they are are found 16 bytes at a time (src/text/normalize.cc): a byte
// to change must be changed wherever it falls in or after a block.
TEST(TextNormalize, EveryByteToChangeAtAnyOffset) {
  struct Case {
    std::string in, out;
  };
  const Case cases[] = {{"\r", "\n"}, {"\r\n", "\n"}, {"\x7f", " "}, {"\x01", " "}, {"\x1f", " "},
                        {"\n", "\n"}, {"\t", "\t"}, {"~", "~"}, {" ", " "}, {"\xC3\xA9", "\xC3\xA9"},
                        {"\xff", "\xEF\xBF\xBD"}, {"\xE2\x80\x8B", ""}, {"\xC2\x85", " "}};
  for (size_t len = 0; len <= 40; ++len) {
    for (size_t at = 0; at <= len; ++at) {
      for (const Case& c : cases) {
        std::string in(len, 'a'), want(len, 'a');
        in.insert(at, c.in);
        want.insert(at, c.out);
        std::vector<Warning> w;
        EXPECT_EQ(NormalizeUtf8(in, &w), want) << len << " " << at << " " << c.in;
      }
    }
  }
}

TEST(TextFold, DiacriticsCaseAndTypography) {
  EXPECT_EQ(FoldText("Ḥalab"), "halab");
  EXPECT_EQ(FoldText("Assad’s"), "assad's");
  EXPECT_EQ(FoldText("“Quote” — dash"), "\"quote\" - dash");
  EXPECT_EQ(FoldText("ŁÓDŹ"), "lodz");
}

// ASCII folds 16 bytes at a time (src/text/fold.cc) up to the first other byte, wherever that is.
TEST(TextFold, AsciiAtAnyLengthAndUpToAnyOtherByte) {
  const std::string kAscii = "AbZ`'.-9@[z{ ";
  for (size_t len = 0; len <= 40; ++len) {
    std::string in, folded;
    for (size_t i = 0; i < len; ++i) {
      const char c = kAscii[i % kAscii.size()];
      in += c;
      folded += c == '`' ? '\'' : (c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c);
    }
    EXPECT_EQ(FoldText(in), folded) << in;
    EXPECT_EQ(StripDiacritics(in), in) << in;
    for (size_t at = 0; at <= len; ++at) {
      std::string with = in, want = folded, stripped = in;
      with.insert(at, "\xC3\x89");  // É
      want.insert(at, "e");
      stripped.insert(at, "E");
      EXPECT_EQ(FoldText(with), want) << with;
      EXPECT_EQ(StripDiacritics(with), stripped) << with;
    }
  }
}

TEST(TextFold, NameKeysBringPressSpellingsTogether) {
  EXPECT_EQ(NameKey("Sheikhoun"), NameKey("Shaykhun"));
  EXPECT_EQ(NameKey("Ma'arrat"), NameKey("Maarat"));
  EXPECT_EQ(NameKey("Ma‘arrat"), NameKey("Maarat"));
  EXPECT_EQ(NameKey("Raqqah"), NameKey("Raqqa"));
  EXPECT_EQ(NameKey("Tell"), NameKey("Tal"));
  EXPECT_EQ(NameKey("Tall"), NameKey("Tal"));
  EXPECT_EQ(NameKey("Rifaat"), NameKey("Rif`at"));
  EXPECT_EQ(NameKey("Deir"), NameKey("Dayr"));
  EXPECT_EQ(NameKey("U.S."), NameKey("US"));
  EXPECT_NE(NameKey("Homs"), NameKey("Hama"));
}

// TokenKeyHash takes a shortcut for ASCII tokens of up to 16 bytes (16 at once, and the press
// spellings only when one could apply); NameKey goes a byte at a time. Every word of up to 18
// bytes over an alphabet that makes every rule fire, or nearly, must get the same key both ways.
TEST(TextFold, TokenKeyHashIsTheHashOfTheNameKey) {
  for (std::string_view w : {"Sheikhoun", "Raqqah", "tel", "Tell", "ALEPPO", "SSPP", "HTS", "U.S.", "3.5", "Ma'arrat",
                             "Ma`arrat", "aa", "killed", "abcdefghijklmnop", "abcdefghijklmnopq", "Qatar", "Bakeh",
                             "a", "ab", "abc", "eh", "teh", "ouou", "Deir", "sayy", "x\ty"})
    EXPECT_EQ(TokenKeyHash(w), KeyHash(NameKey(w))) << w;
  const std::string alphabet = "aeiouyqhtlAQEOUY'.`0-";
  uint64_t state = 12345;
  for (int i = 0; i < 200000; ++i) {
    state = state * 6364136223846793005ull + 1442695040888963407ull;
    std::string w(1 + (state >> 33) % 18, ' ');
    for (char& c : w) {
      state = state * 6364136223846793005ull + 1442695040888963407ull;
      c = alphabet[(state >> 33) % alphabet.size()];
    }
    ASSERT_EQ(TokenKeyHash(w), KeyHash(NameKey(w))) << w;
  }
}

// FoldText folds most strings one code point at a time (src/text/fold.cc). That is exact only
// because, once marks are stripped, nothing composes with the character before it except the
// conjoining Hangul jamo: every second part of a canonical decomposition is a mark or a jamo.
TEST(TextFold, OnlyJamoComposeAfterMarks) {
  for (utf8proc_int32_t cp = 0; cp < 0x110000; ++cp) {
    utf8proc_int32_t parts[8];
    int boundclass = 0;
    utf8proc_ssize_t n = utf8proc_decompose_char(cp, parts, 8, UTF8PROC_DECOMPOSE, &boundclass);
    for (utf8proc_ssize_t i = 1; i < n && i < 8; ++i) {
      const utf8proc_category_t cat = utf8proc_category(parts[i]);
      const bool mark = cat == UTF8PROC_CATEGORY_MN || cat == UTF8PROC_CATEGORY_MC || cat == UTF8PROC_CATEGORY_ME;
      EXPECT_TRUE(mark || (parts[i] >= 0x1100 && parts[i] <= 0x11FF)) << "U+" << std::hex << parts[i];
    }
  }
}

TEST(TextFold, NeighboursThatComposeAndExpansions) {
  EXPECT_EQ(FoldText("\xE1\x84\x80\xE1\x85\xA1"), "\xEA\xB0\x80");  // jamo ᄀ + ᅡ compose to 가
  EXPECT_EQ(FoldText("\xEA\xB0\x80\xE1\x86\xA8"), "\xEA\xB0\x81");  // 가 + final ᆨ → 각
  EXPECT_EQ(FoldText("Cafe\xCC\x81 STRASSE \xC3\x9F"), "cafe strasse ss");  // a loose mark, ß
  EXPECT_EQ(FoldText("\xEF\xAC\x83"), "ffi");                              // ligature ﬃ
  EXPECT_EQ(FoldText("\xD5\xA5\xD6\x87"), "\xD5\xA5\xD5\xA5\xD6\x82");  // և → եւ: longer than its input
  EXPECT_EQ(FoldText("bad \xff byte"), "bad \xff byte");                    // invalid UTF-8 stays as it is
  EXPECT_EQ(StripDiacritics("Ma\xCA\xBF" "arrat \xE1\xB8\xA4" "alab"), "Maarrat Halab");
}

TEST(TextFold, IntoAReusedString) {
  std::string out = "previous contents";
  FoldTextTo("Ḥalab’s", &out);
  EXPECT_EQ(out, "halab's");
  NameKeyTo("Sheikhoun", &out);
  EXPECT_EQ(out, NameKey("Sheikhoun"));
  NameKeyTo("", &out);
  EXPECT_EQ(out, "");
  EXPECT_EQ(TokenKeyHash("Raqqah"), KeyHash(NameKey("Raqqah")));
  EXPECT_EQ(TokenKeyHash("Ma’arrat"), KeyHash(NameKey("Ma’arrat")));
}

TEST(TextFold, PhraseHashSkipsArticlesAndJoiningHyphens) {
  EXPECT_EQ(PhraseHash("Maarat al-Numan"), PhraseHash("Ma'arrat an-Nu'man"));
  EXPECT_EQ(PhraseHash("Hayat Tahrir al-Sham"), PhraseHash("Hay’at Tahrir al Sham"));
  EXPECT_EQ(PhraseHash("Turkish-backed factions"), PhraseHash("Turkish backed factions"));
  EXPECT_NE(PhraseHash("Khan Sheikhoun"), PhraseHash("Sheikhoun Khan"));
  EXPECT_EQ(PhraseHash(""), 0u);
}

TEST(TextTokens, EveryTokenSpanEqualsItsText) {
  std::string s = "On Wednesday, HTS’s fighters (about 1,200) took Aleppo’s airport — U.S. officials said 3.5% "
                  "were hit at 5:00 PM; Ḥalab’s “residents” fled 20-30 km.";
  Text t = Analyze(s);
  for (size_t i = 0; i < t.tokens.size(); ++i) {
    const Token& k = t.tokens[i];
    ASSERT_LE(k.begin, k.end);
    ASSERT_LE(k.end, t.text.size());
    EXPECT_EQ(t.token_text(i), t.text.substr(k.begin, k.end - k.begin));
    if (i > 0) {
      EXPECT_GE(k.begin, t.tokens[i - 1].end);
    }
  }
  auto w = Words(t);
  std::vector<std::string> want = {"On", "Wednesday", ",", "HTS", "’s", "fighters", "(", "about", "1,200", ")",
                                   "took", "Aleppo", "’s", "airport", "—", "U.S.", "officials", "said", "3.5",
                                   "%", "were", "hit", "at", "5:00", "PM", ";", "Ḥalab", "’s", "“", "residents",
                                   "”", "fled", "20-30", "km", "."};
  EXPECT_EQ(w, want);
}

// Token keys come through a per-thread memo of recent words (src/text/tokenize.cc): whatever
// it holds, every key must be the one TokenKeyHash (or, for marks, FoldText) gives.
TEST(TextTokens, KeysAreTheKeysOfTheirText) {
  std::string s = "The the THE tHe Ma’arrat Sheikhoun al-Bab 1,200 U.S. — “quoted” extraordinarily-long-words "
                  "Counterinsurgencies counterinsurgencies.";
  for (int i = 0; i < 3000; ++i) s += " w" + std::to_string(i * 7919);  // more words than the memo holds
  s += " The Sheikhoun counterinsurgencies 1,200.";
  for (int pass = 0; pass < 2; ++pass) {
    Text t = Analyze(s);
    for (size_t i = 0; i < t.tokens.size(); ++i) {
      const Token& k = t.tokens[i];
      const std::string_view w = t.token_text(i);
      const uint64_t want = (k.kind == TokenKind::kWord || k.kind == TokenKind::kNumber) ? TokenKeyHash(w)
                                                                                         : KeyHash(FoldText(w));
      ASSERT_EQ(k.key, want) << w;
    }
  }
}

// The memo of word keys tells words apart by their zero-padded bytes alone: a NUL byte
// (possible in a phrase, which is not normalised) must be a token of its own.
TEST(TextTokens, NulIsNeverPartOfAWord) {
  const std::string nul(1, '\0');
  const uint64_t bab = TokenKeyHash("Bab"), mark = KeyHash(FoldText(nul));
  EXPECT_EQ(PhraseHash("Bab"), PhraseHashStep(0, bab));
  EXPECT_EQ(PhraseHash("Bab" + nul), PhraseHashStep(PhraseHashStep(0, bab), mark));
  EXPECT_EQ(PhraseHash("12" + nul), PhraseHashStep(PhraseHashStep(0, TokenKeyHash("12")), mark));
}

TEST(TextTokens, FlagsAndOrdinals) {
  Text t = Analyze("ALEPPO on the 23rd of al-Bab, Gen. Smith");
  auto w = Words(t);
  std::vector<std::string> want = {"ALEPPO", "on", "the", "23rd", "of", "al", "-", "Bab", ",", "Gen.", "Smith"};
  EXPECT_EQ(w, want);
  EXPECT_TRUE(t.tokens[0].has(kAllCaps));
  EXPECT_TRUE(t.tokens[0].has(kCapitalized));
  EXPECT_EQ(t.tokens[3].kind, TokenKind::kNumber);
  EXPECT_TRUE(t.tokens[5].has(kSkippable));
  EXPECT_TRUE(t.tokens[6].has(kSkippable));
  EXPECT_FALSE(t.tokens[7].has(kSkippable));
  EXPECT_TRUE(t.tokens[9].has(kAbbrev));
}

// Words are scanned 16 bytes at a time (src/text/tokenize.cc): a word of any length must end
// where it ends whether that is inside a block, on its last byte, just after it, or at the end
// of the text, and its case flags must see every letter.
TEST(TextTokens, WordsEndWhereTheyEndAtAnyLength) {
  for (size_t len = 1; len <= 40; ++len) {
    for (const char* end : {"", " x", ",", "-y", "\n", "é", "’s", "'s x", "'t", ".", "\xE2\x80\x94"}) {
      for (size_t lead = 0; lead < 3; ++lead) {
        std::string word;
        for (size_t i = 0; i < len; ++i) word += static_cast<char>(i % 3 == 2 ? '0' + i % 10 : 'A' + i % 26);
        const std::string s = std::string(lead, ' ') + word + end;
        const Text t = Analyze(s);
        ASSERT_FALSE(t.tokens.empty()) << s;
        const std::string_view end_sv(end);
        std::string want = word;
        if (end_sv == "é") want += "é";                                          // a letter goes on with the word
        if (end_sv == "'t") want += "'t";                                        // so does an inner apostrophe
        const std::string got(t.token_text(0));
        if (end_sv == ".") {
          // Only an initial ("A.") keeps its period here: the others are no abbreviation.
          EXPECT_EQ(got, len == 1 ? word + "." : word) << s;
          continue;
        }
        EXPECT_EQ(got, want) << s;
        EXPECT_TRUE(t.tokens[0].has(kCapitalized));
        // All capitals: two or more letters (the digits do not count), none lower case.
        EXPECT_EQ(t.tokens[0].has(kAllCaps), len >= 2 && want == word) << s;
        EXPECT_EQ(t.tokens[0].key, TokenKeyHash(got)) << s;
      }
    }
  }
}

TEST(TextTokens, CaseFlagsSeeEveryLetter) {
  // One lower-case letter anywhere, in ASCII or not, spoils all capitals.
  for (size_t len = 2; len <= 40; ++len) {
    for (size_t at = 1; at < len; ++at) {
      std::string w(len, 'Q');
      w[at] = 'q';
      EXPECT_FALSE(Analyze(w).tokens[0].has(kAllCaps)) << w;
      std::string u = w;
      u[at] = 'Q';
      EXPECT_TRUE(Analyze(u).tokens[0].has(kAllCaps)) << u;
      EXPECT_FALSE(Analyze(u.substr(0, at) + "é" + u.substr(at)).tokens[0].has(kAllCaps)) << u;
      EXPECT_TRUE(Analyze(u.substr(0, at) + "É" + u.substr(at)).tokens[0].has(kAllCaps)) << u;
    }
  }
  // A capital and digits only is an initial, and keeps its period; digits are not letters.
  EXPECT_EQ(Words(Analyze("B52. Then")), (std::vector<std::string>{"B52.", "Then"}));
  EXPECT_FALSE(Analyze("B52").tokens[0].has(kAllCaps));
  EXPECT_TRUE(Analyze("B52S").tokens[0].has(kAllCaps));
  EXPECT_FALSE(Analyze("b52S").tokens[0].has(kAllCaps));
}

TEST(TextTokens, WordsFarFromTheEndAsNearIt) {
  // A word with 16 bytes of text from its start takes Tokenize's one-load path when it is
  // shorter than 16 bytes; the same word in the last 15 bytes does not. Both give one token.
  const std::string kFar = std::string(20, 'z');
  for (size_t len = 1; len <= 18; ++len) {
    for (int variant = 0; variant < 4; ++variant) {
      std::string w;
      for (size_t i = 0; i < len; ++i) {
        char c = static_cast<char>('a' + (i * 7) % 26);
        if (variant == 1 || (variant == 2 && i == 0) || (variant == 3 && i != len - 1)) c = static_cast<char>(c - 32);
        if (variant == 3 && i % 4 == 3) c = static_cast<char>('0' + i % 10);
        w += c;
      }
      for (const char* after : {" ", ",", "\n", ")"}) {
        const Text early = Analyze(w + after + kFar);
        const Text late = Analyze(kFar + " " + w + after);
        ASSERT_EQ(Words(early)[0], w);
        ASSERT_EQ(Words(late)[1], w);
        const Token& a = early.tokens[0];
        const Token& b = late.tokens[1];
        EXPECT_EQ(a.key, TokenKeyHash(w)) << w;
        EXPECT_EQ(a.key, b.key) << w;
        EXPECT_EQ(a.reader_bits, b.reader_bits) << w;
        EXPECT_EQ(a.flags & ~kSpaceBefore, b.flags & ~kSpaceBefore) << w;
        EXPECT_EQ(a.has(kCapitalized), w[0] >= 'A' && w[0] <= 'Z') << w;
        EXPECT_EQ(early.tokens[1].has(kSpaceBefore), after[0] == ' ' || after[0] == '\n') << w;
        EXPECT_EQ(early.tokens[1].has(kNewlineBefore), after[0] == '\n') << w;
      }
    }
  }
  // Common words: the same key wherever they stand (the memo is keyed by the word's bytes).
  const Text t = Analyze("the army said the army said the Army said the ARMY said");
  for (size_t i = 0; i < t.tokens.size(); ++i) EXPECT_EQ(t.tokens[i].key, TokenKeyHash(t.token_text(i))) << i;
}

TEST(TextTokens, ApostrophesAcronymsAndHyphensInsideWords) {
  Text t = Analyze("Ma'arrat al-Nu`man’s U.S.-backed a.m. HTS's Qal’at Abcdefghijklmno'pqrst "
                   "Abcdefghijklmnop.Q.");
  std::vector<std::string> want = {"Ma'arrat", "al", "-", "Nu`man", "’s", "U.S.", "-", "backed", "a.m.",
                                   "HTS", "'s", "Qal’at", "Abcdefghijklmno'pqrst", "Abcdefghijklmnop", ".",
                                   "Q."};
  EXPECT_EQ(Words(t), want);
  EXPECT_TRUE(t.tokens[1].has(kSkippable));   // al
  EXPECT_TRUE(t.tokens[2].has(kSkippable));   // -
  EXPECT_TRUE(t.tokens[4].has(kSkippable));   // ’s
  EXPECT_TRUE(t.tokens[5].has(kAbbrev));      // U.S.
  EXPECT_TRUE(t.tokens[6].has(kSkippable));   // - between two words
  EXPECT_FALSE(t.tokens[5].has(kSkippable));  // U.S. is no article
  EXPECT_TRUE(t.tokens[8].has(kAbbrev));      // a.m.
  EXPECT_TRUE(t.tokens[9].has(kAllCaps));     // HTS
  EXPECT_TRUE(t.tokens[10].has(kSkippable));  // 's
  for (size_t i = 0; i < t.tokens.size(); ++i) {
    const Token& k = t.tokens[i];
    if (k.kind == TokenKind::kWord) {
      EXPECT_EQ(k.key, TokenKeyHash(t.token_text(i))) << t.token_text(i);
    }
  }
  // A hyphen with a space on either side joins nothing.
  Text spaced = Analyze("al -Bab al- Bab");
  for (const Token& k : spaced.tokens) EXPECT_EQ(k.has(kSkippable), spaced.text.substr(k.begin, 2) == "al");
}

TEST(TextSentences, AbbreviationsDecimalsAndInitials) {
  Text t = Analyze("Lt. Col. J. Smith met Gen. Ali on Jan. 5 in St. Louis. The U.S. sent 3.5 tonnes, "
                   "worth $1,200.50. No. 10 was hit.");
  auto s = Sentences(t);
  ASSERT_EQ(s.size(), 3u) << ::testing::PrintToString(s);
  EXPECT_EQ(s[0], "Lt. Col. J. Smith met Gen. Ali on Jan. 5 in St. Louis.");
  EXPECT_EQ(s[2], "No. 10 was hit.");
}

TEST(TextSentences, QuotesParenthesesAndEllipses) {
  Text t = Analyze("He said: \"We will return.\" Then he left (briefly.) Others waited... Nobody came!");
  auto s = Sentences(t);
  ASSERT_EQ(s.size(), 4u) << ::testing::PrintToString(s);
  EXPECT_EQ(s[0], "He said: \"We will return.\"");
  EXPECT_EQ(s[1], "Then he left (briefly.)");
  EXPECT_EQ(s[2], "Others waited...");
}

TEST(TextSentences, HeadlinesBulletsAndHardWraps) {
  Text t = Analyze("Rebels advance on city\n\nFighters entered the\nnorthern suburbs overnight.\n- Curfew imposed\n- Roads closed");
  auto s = Sentences(t);
  ASSERT_EQ(s.size(), 4u) << ::testing::PrintToString(s);
  EXPECT_EQ(s[0], "Rebels advance on city");
  EXPECT_EQ(s[1], "Fighters entered the\nnorthern suburbs overnight.");
  EXPECT_EQ(s[2], "- Curfew imposed");
}

TEST(TextSentences, Dateline) {
  Text t = Analyze("ALEPPO, Syria (AP) — Insurgents shelled the city. Two died.");
  auto s = Sentences(t);
  ASSERT_EQ(s.size(), 3u) << ::testing::PrintToString(s);
  EXPECT_EQ(s[0], "ALEPPO, Syria (AP) —");
  EXPECT_EQ(s[1], "Insurgents shelled the city.");
}

TEST(TextSentences, EmptyAndWhitespace) {
  EXPECT_TRUE(Analyze("").sentences.empty());
  EXPECT_TRUE(Analyze(" \n\t ").tokens.empty());
  EXPECT_EQ(Analyze("no punctuation at all").sentences.size(), 1u);
}

TEST(TextSentences, VeryLongSentenceIsCapped) {
  std::string s;
  for (int i = 0; i < 1000; ++i) s += "word ";
  Text t = Analyze(s);
  EXPECT_GE(t.sentences.size(), 4u);
  for (const auto& x : t.sentences) EXPECT_LE(x.token_end - x.token_begin, 250u);
}

TEST(TextAnalyze, MaxBytesCutsAtCharacterBoundary) {
  TextOptions o;
  o.max_bytes = 4;
  auto t = AnalyzeText("abcé", o);  // é is 2 bytes at offset 3..5
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(t->text, "abc");
  EXPECT_FALSE(t->warnings.empty());
}

}  // namespace
}  // namespace sitrep
