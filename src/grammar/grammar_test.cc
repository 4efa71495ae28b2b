// Tests of the grammar stage: word classes, clause numbering, passives, negation and
// hypotheticals, on sentences written for these tests. No lexicon needed.
//
// Tests named DISABLED_* pin behaviour the grammar does not have yet (the owner's to-do
// list); they keep their expectations.
#include <gtest/gtest.h>

#include <string>
#include <string_view>

#include "sitrep/grammar.h"
#include "sitrep/text.h"

namespace sitrep {
namespace {

// One analysed sentence and a way to find its words.
struct Parsed {
  Text text;
  SentenceGrammar g;

  // Index of the n-th token (0-based) whose text is `word`; fails the test when absent.
  uint32_t At(std::string_view word, int nth = 0) const {
    for (uint32_t i = 0; i < text.tokens.size(); ++i)
      if (text.token_text(i) == word && nth-- == 0) return i;
    ADD_FAILURE() << "no token '" << word << "' in: " << text.text;
    return 0;
  }
  bool Passive(std::string_view word) const { return IsPassive(text, g, At(word)); }
  bool Negated(std::string_view word) const { return IsNegatedOrHypothetical(text, g, At(word)); }
  uint16_t Clause(std::string_view word, int nth = 0) const { return g.clause_of(At(word, nth)); }
  uint32_t Classes(std::string_view word) const { return g.cls(At(word)); }
};

Parsed Parse(std::string_view sentence) {
  Parsed p;
  auto t = AnalyzeText(sentence);
  EXPECT_TRUE(t.ok());
  p.text = std::move(*t);
  EXPECT_EQ(p.text.sentences.size(), 1u) << sentence;
  p.g = AnalyzeSentence(p.text, p.text.sentences[0]);
  return p;
}

// ---------------------------------------------------------------- word classes

TEST(GrammarWordClasses, ClosedListsByMatchingKey) {
  Parsed p = Parse("The Army said gunmen killed two Civilians and wounded others near Aleppo, but did not use drones.");
  EXPECT_TRUE(p.Classes("The") & kDeterminer);
  EXPECT_TRUE(p.Classes("said") & kSpeech);
  EXPECT_TRUE(p.Classes("killed") & kDeath);
  EXPECT_TRUE(p.Classes("wounded") & kInjury);
  EXPECT_FALSE(p.Classes("wounded") & kDeath);
  // Case does not matter: "Civilians" is found by its key.
  EXPECT_TRUE(p.Classes("Civilians") & kPerson);
  EXPECT_TRUE(p.Classes("Civilians") & kCivilian);
  EXPECT_TRUE(p.Classes("gunmen") & kPerson);
  EXPECT_FALSE(p.Classes("gunmen") & kCivilian);
  EXPECT_TRUE(p.Classes("near") & kLocPrep);
  EXPECT_TRUE(p.Classes("and") & kConjunction);
  EXPECT_TRUE(p.Classes("not") & kNegation);
  EXPECT_TRUE(p.Classes("drones") & kAir);
  EXPECT_TRUE(p.Classes("Army") & kArmed);
  EXPECT_EQ(p.Classes("Aleppo"), 0u);
}

TEST(GrammarWordClasses, PunctuationAndNumbersHaveNoClass) {
  Parsed p = Parse("Troops killed 12 fighters; 3 others fled.");
  EXPECT_EQ(p.Classes(";"), 0u);
  EXPECT_EQ(p.Classes("12"), 0u);
  EXPECT_EQ(p.Classes("."), 0u);
}

TEST(GrammarWordClasses, ModalsAndSubsets) {
  Parsed p = Parse("The militia vowed to retake the town, and 30 people died, including four women.");
  EXPECT_TRUE(p.Classes("vowed") & kModal);
  EXPECT_TRUE(p.Classes("including") & kSubset);
  EXPECT_TRUE(p.Classes("women") & kCivilian);
  EXPECT_TRUE(p.Classes("died") & kDeath);
}

// ---------------------------------------------------------------- clauses

TEST(GrammarClauses, NumberingStartsAtZeroAndNeverDecreases) {
  Parsed p = Parse("Rebels shelled the base; soldiers returned fire while civilians fled, which the UN condemned.");
  ASSERT_EQ(p.g.classes.size(), p.text.tokens.size());
  ASSERT_EQ(p.g.clause.size(), p.text.tokens.size());
  EXPECT_EQ(p.g.token_begin, 0u);
  EXPECT_EQ(p.g.clause[0], 0);
  for (size_t k = 1; k < p.g.clause.size(); ++k) EXPECT_LE(p.g.clause[k - 1], p.g.clause[k]) << k;
}

TEST(GrammarClauses, SemicolonAndDashBreak) {
  Parsed p = Parse("Rebels shelled the base; soldiers returned fire \xE2\x80\x94 nobody was hurt.");
  EXPECT_EQ(p.Clause("Rebels"), p.Clause("shelled"));
  EXPECT_EQ(p.Clause("shelled"), p.Clause("base"));
  EXPECT_NE(p.Clause("base"), p.Clause("soldiers"));
  EXPECT_EQ(p.Clause("soldiers"), p.Clause("fire"));
  EXPECT_NE(p.Clause("fire"), p.Clause("nobody"));
}

// Hyphens and en dashes fold to the em dash's key; only the em dash breaks a clause.
TEST(GrammarClauses, HyphensAndEnDashesDoNotBreak) {
  Parsed p = Parse("Turkish-backed fighters held the road from Afrin \xE2\x80\x93 Azaz - for a week.");
  EXPECT_EQ(p.Clause("Turkish"), p.Clause("backed"));
  EXPECT_EQ(p.Clause("Afrin"), p.Clause("Azaz"));
  EXPECT_EQ(p.Clause("Azaz"), p.Clause("week"));
}

TEST(GrammarClauses, SubordinatorsOpenAClause) {
  Parsed p = Parse("Soldiers returned fire while civilians fled to the hills.");
  EXPECT_EQ(p.Clause("Soldiers"), p.Clause("fire"));
  EXPECT_NE(p.Clause("fire"), p.Clause("while"));
  EXPECT_EQ(p.Clause("while"), p.Clause("fled"));
}

TEST(GrammarClauses, ParenthesesAreAClauseOfTheirOwn) {
  Parsed p = Parse("Gunmen attacked Naka (Gwer West, Benue) and killed seven farmers.");
  EXPECT_NE(p.Clause("attacked"), p.Clause("Gwer"));
  EXPECT_EQ(p.Clause("Gwer"), p.Clause("Benue"));
  EXPECT_NE(p.Clause("Benue"), p.Clause("killed"));
}

// A relative clause set off by commas ends at its closing comma: the main verb after it
// is not in the relative clause.
TEST(GrammarClauses, DISABLED_RelativeClauseEndsAtItsComma) {
  Parsed p = Parse("The rebels, who had not fought in months, attacked an army base near Kidal.");
  EXPECT_NE(p.Clause("fought"), p.Clause("attacked"));
}

// ---------------------------------------------------------------- passive

TEST(GrammarPassive, FormsOfBeBeforeTheParticiple) {
  EXPECT_TRUE(Parse("Four soldiers were killed by militants.").Passive("killed"));
  EXPECT_TRUE(Parse("The market was shelled overnight.").Passive("shelled"));
  EXPECT_TRUE(Parse("Two journalists have been arrested in Minsk.").Passive("arrested"));
  EXPECT_TRUE(Parse("The convoy is being attacked near Gao.").Passive("attacked"));
  EXPECT_TRUE(Parse("Three protesters got arrested on Friday.").Passive("arrested"));
}

TEST(GrammarPassive, AdverbsBetweenAuxAndParticiple) {
  EXPECT_TRUE(Parse("Five villagers were reportedly killed by gunmen.").Passive("killed"));
  EXPECT_TRUE(Parse("The town was heavily shelled on Monday.").Passive("shelled"));
}

TEST(GrammarPassive, ActiveVoiceIsNotPassive) {
  EXPECT_FALSE(Parse("Militants killed four soldiers near Gao.").Passive("killed"));
  EXPECT_FALSE(Parse("Russian forces shelled Kharkiv on Monday.").Passive("shelled"));
  // "have/had" + participle is a perfect tense, not a passive.
  EXPECT_FALSE(Parse("Rebels had attacked the base twice.").Passive("attacked"));
  EXPECT_FALSE(Parse("The army has recaptured the town.").Passive("recaptured"));
  // The first word of a sentence has nothing before it.
  EXPECT_FALSE(Parse("Killed were four soldiers.").Passive("Killed"));
}

// ---------------------------------------------------------------- negation and hypotheticals

TEST(GrammarNegation, NegatedTriggers) {
  EXPECT_TRUE(Parse("Police did not attack the marchers.").Negated("attack"));
  EXPECT_TRUE(Parse("The army denied shelling the village.").Negated("shelling"));
  EXPECT_TRUE(Parse("The rebels never captured the airport.").Negated("captured"));
  EXPECT_TRUE(Parse("Officials said no clashes were reported.").Negated("clashes"));
}

// "didn't", "haven't": a contracted negation negates like "not".
TEST(GrammarNegation, DISABLED_ContractedNegation) {
  EXPECT_TRUE(Parse("Troops didn't fire on the crowd.").Negated("fire"));
  EXPECT_TRUE(Parse("The rebels haven't captured the airport.").Negated("captured"));
}

TEST(GrammarNegation, ThreatsPlansAndPossibilities) {
  EXPECT_TRUE(Parse("Al-Shabaab threatened to storm the town.").Negated("storm"));
  EXPECT_TRUE(Parse("France plans to withdraw its troops from Niger.").Negated("withdraw"));
  EXPECT_TRUE(Parse("Russia could strike the capital again.").Negated("strike"));
  EXPECT_TRUE(Parse("The junta vowed to retake Kidal.").Negated("retake"));
  EXPECT_TRUE(Parse("The army launched an offensive to recapture the town.").Negated("recapture"));
  EXPECT_TRUE(Parse("Rebels may attack the convoy.").Negated("attack"));
}

TEST(GrammarNegation, ReportedFactsAreNotNegated) {
  EXPECT_FALSE(Parse("Militants attacked an army base near Kidal.").Negated("attacked"));
  EXPECT_FALSE(Parse("Troops managed to capture the bridge.").Negated("capture"));
  EXPECT_FALSE(Parse("The garrison was forced to withdraw from the town.").Negated("withdraw"));
  EXPECT_FALSE(Parse("Rebels began to shell the airport at dawn.").Negated("shell"));
  EXPECT_FALSE(Parse("Gunmen killed five villagers.").Negated("killed"));
}

TEST(GrammarNegation, NegationStaysInItsClause) {
  Parsed p = Parse("Police said they did not know who was behind it; gunmen attacked the village.");
  EXPECT_FALSE(p.Negated("attacked"));
  EXPECT_TRUE(p.Negated("know"));
}

// The negation of a relative clause set off by commas does not reach the main verb.
TEST(GrammarNegation, NegatedRelativeClauseLeavesMainVerb) {
  Parsed p = Parse("The rebels, who had not fought in months, attacked an army base near Kidal.");
  EXPECT_TRUE(p.Negated("fought"));
  EXPECT_FALSE(p.Negated("attacked"));
}

// A negation far before the trigger in a long clause is about something else.
TEST(GrammarNegation, DistantNegationInALongClause) {
  Parsed p = Parse("Despite not having any heavy weapons the fighters of the local militia attacked the base.");
  EXPECT_FALSE(p.Negated("attacked"));
}

}  // namespace
}  // namespace sitrep
