#include <gtest/gtest.h>

#include <string>

#include "sitrep/document.h"

namespace sitrep {
namespace {

// A made-up wire story with the usual page furniture around it.
constexpr char kStoryPage[] = R"(<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>Shelling hits  market in eastern town &ndash; Example Wire</title>
  <meta property="article:published_time" content="2024-03-07T06:15:00Z">
  <style>body { font-family: serif; }</style>
  <script>window.analytics = {page: "<p>not text</p>"};</script>
</head>
<body>
  <header class="site"><a href="/">Example Wire</a> <a href="/world">World</a></header>
  <nav><ul><li><a href="/">Home</a></li><li><a href="/politics">Politics</a></li></ul></nav>
  <main>
    <article>
      <h1>Shelling hits market in eastern town</h1>
      <p>At least   seven civilians were killed when artillery shells struck a crowded
         market in the town of Novoselivka on Wednesday morning, local officials said.</p>
      <p>The regional governor said 14 people were wounded &amp; taken to hospital.</p>
      <blockquote>&ldquo;There was no warning,&rdquo; a stall owner told reporters.</blockquote>
      <ul><li>Two shops were destroyed.</li><li>A bus stop was damaged.</li></ul>
      <figure><img src="x.jpg"><figcaption>Smoke rises over the market square.</figcaption></figure>
    </article>
    <aside><h2>Most read</h2><p>Unrelated story about football.</p></aside>
  </main>
  <form action="/subscribe"><p>Sign up for our newsletter</p><button>Go</button></form>
  <footer><p>&copy; 2024 Example Wire. All rights reserved.</p></footer>
  <noscript><p>Please enable JavaScript.</p></noscript>
</body>
</html>)";

TEST(HtmlToText, KeepsTitleHeadingsParagraphsInOrder) {
  std::string title;
  std::string text = HtmlToText(kStoryPage, &title);
  EXPECT_EQ(title, "Shelling hits market in eastern town \u2013 Example Wire");
  EXPECT_EQ(text,
            "Shelling hits market in eastern town \u2013 Example Wire\n\n"
            "Shelling hits market in eastern town\n\n"
            "At least seven civilians were killed when artillery shells struck a crowded "
            "market in the town of Novoselivka on Wednesday morning, local officials said.\n\n"
            "The regional governor said 14 people were wounded & taken to hospital.\n\n"
            "\u201CThere was no warning,\u201D a stall owner told reporters.\n\n"
            "Two shops were destroyed.\n\n"
            "A bus stop was damaged.\n\n"
            "Smoke rises over the market square.");
}

TEST(HtmlToText, DropsScriptStyleNavFormFooterAside) {
  std::string text = HtmlToText(kStoryPage);
  for (const char* gone : {"analytics", "font-family", "Politics", "newsletter", "Go", "rights reserved",
                           "football", "JavaScript", "Home", "World"}) {
    EXPECT_EQ(text.find(gone), std::string::npos) << gone;
  }
}

TEST(HtmlToText, TitleIsOptional) {
  std::string title = "stale";
  EXPECT_EQ(HtmlToText("<p>Militants attacked a checkpoint near the border.</p>", &title),
            "Militants attacked a checkpoint near the border.");
  EXPECT_EQ(title, "");
}

TEST(HtmlToText, LongBareDivTextIsKeptShortAndLinkOnlyRunsAreNot) {
  const char* html =
      "<body><div class=menu><a href=/a>Africa</a> | <a href=/b>Middle East</a> | <a href=/c>Europe today</a> "
      "| <a href=/d>Asia Pacific</a></div>"
      "<div>Share</div>"
      "<div>Police said two gunmen opened fire on a <a href=/x>bus</a> outside the city on Monday."
      "<br>Three passengers were hurt.<div>Inner note that is much too short.</div></div>"
      "</body>";
  EXPECT_EQ(HtmlToText(html),
            "Police said two gunmen opened fire on a bus outside the city on Monday.\n"
            "Three passengers were hurt.");
}

TEST(HtmlToText, DivTextInsideAKeptBlockIsPartOfThatBlock) {
  EXPECT_EQ(HtmlToText("<li>Ceasefire <div>holds</div> for now</li>"), "Ceasefire\n\nholds\n\nfor now");
  EXPECT_EQ(HtmlToText("<table><tr><td>Casualties: <b>12</b></td><td>Location: Kherson</td></tr></table>"),
            "Casualties: 12\n\nLocation: Kherson");
}

TEST(HtmlToText, NestedBlocksSplitAndBreaksBecomeNewlines) {
  EXPECT_EQ(HtmlToText("<blockquote><p>First line</p><p>Second<br>line<br><br><br>three</p></blockquote>"),
            "First line\n\nSecond\nline\n\nthree");
}

TEST(HtmlToText, EntitiesAndWhitespaceCollapse) {
  EXPECT_EQ(HtmlToText("<p>  Troops&nbsp;moved&#160;&#x31;0&nbsp;km \t\n north &lt;of&gt; the   river  </p>"),
            "Troops moved 10 km north <of> the river");
}

TEST(HtmlToText, PreKeepsLines) {
  EXPECT_EQ(HtmlToText("<pre>Date      Killed\n2024-01-02  3\n\n\n\n2024-01-03  5</pre>"),
            "Date      Killed\n2024-01-02  3\n\n2024-01-03  5");
}

TEST(HtmlToText, ArticleHeaderKeepsTheHeadlinePageHeaderDoesNot) {
  const char* html =
      "<header><h1>Site name</h1></header>"
      "<article><header><h1>Drone strike on fuel depot</h1></header>"
      "<p>A fire burned for hours after the strike.</p></article>";
  EXPECT_EQ(HtmlToText(html), "Drone strike on fuel depot\n\nA fire burned for hours after the strike.");
}

TEST(HtmlToText, PageWideFormIsNotDropped) {
  // ASP.NET pages wrap everything in one form.
  const char* html =
      "<form id=aspnetForm><h1>Clashes reported in the north</h1><p>One.</p><p>Two.</p><p>Three.</p></form>";
  EXPECT_EQ(HtmlToText(html), "Clashes reported in the north\n\nOne.\n\nTwo.\n\nThree.");
}

TEST(HtmlToText, SvgTitleIsNotThePageTitle) {
  std::string title;
  std::string text = HtmlToText("<body><svg><title>icon</title></svg><h2>Convoy ambushed</h2></body>", &title);
  EXPECT_EQ(title, "");
  EXPECT_EQ(text, "Convoy ambushed");
}

TEST(HtmlToText, BrokenHtmlStillYieldsText) {
  EXPECT_EQ(HtmlToText("<p>Unclosed paragraph <b>bold<p>Next one</i>"), "Unclosed paragraph bold\n\nNext one");
  EXPECT_EQ(HtmlToText(""), "");
  EXPECT_EQ(HtmlToText("<<<>>>&&&"), "");
}

TEST(HtmlToText, DeeplyNestedPageDoesNotOverflowTheStack) {
  std::string html = "<p>Start of the report.</p>";
  for (int i = 0; i < 200000; ++i) html += "<div>";
  html += "<p>Lost in the depths.</p>";
  std::string text = HtmlToText(html);
  EXPECT_TRUE(text.starts_with("Start of the report.")) << text.substr(0, 80);
}

}  // namespace
}  // namespace sitrep
