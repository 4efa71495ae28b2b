#include <gtest/gtest.h>

#include <string>
#include <thread>
#include <vector>

#include "sitrep/document.h"

namespace sitrep {
namespace input_internal {
std::string HtmlToTextAndDates(std::string_view html, std::string* title, std::vector<std::string>* dates);
std::string HtmlToTextAndDatesParsed(std::string_view html, std::string* title,
                                     std::vector<std::string>* dates);
}  // namespace input_internal
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

// ------------------------------------------------------------- libxml2's reading
// (what the switch from an HTML5 parser to libxml2's HTML 4 rules had to decide)

TEST(HtmlToText, InputIsUtf8WhateverThePageDeclares) {
  EXPECT_EQ(HtmlToText("<meta charset=windows-1252><p>Caf\u00e9 \u2019s</p>"), "Caf\u00e9 \u2019s");
  EXPECT_EQ(HtmlToText("<meta http-equiv=\"Content-Type\" content=\"text/html; charset=iso-8859-1\">"
                       "<p>Caf\u00e9 \u2019s</p>"),
            "Caf\u00e9 \u2019s");
}

TEST(HtmlToText, BytesThatAreNotUtf8BecomeReplacementCharacters) {
  // One U+FFFD per bad sequence; the text after it is still read as UTF-8.
  EXPECT_EQ(HtmlToText("<p>bad \xff byte, cut \xe2\x80 sequence, then Caf\xc3\xa9</p>"),
            "bad \uFFFD byte, cut \uFFFD sequence, then Caf\u00e9");
  EXPECT_EQ(HtmlToText(std::string("<p>nul\0byte</p>", 15)), "nul byte");
  EXPECT_EQ(HtmlToText("\xEF\xBB\xBF<p>After a byte order mark.</p>"), "After a byte order mark.");
}

TEST(HtmlToText, NamedNumericAndUnterminatedEntities) {
  EXPECT_EQ(HtmlToText("<p>&eacute;t&eacute; &#8217; &#x2019; &rsquo; &hellip; &laquo;x&raquo;</p>"),
            "\u00e9t\u00e9 \u2019 \u2019 \u2019 \u2026 \u00abx\u00bb");
  // Browsers read the Latin-1 names and amp, lt, gt, quot without their ';' too.
  EXPECT_EQ(HtmlToText("<p>&copy 2024 Tom &amp Jerry &nbspx &eacutet&eacute;</p>"),
            "\u00a9 2024 Tom & Jerry x \u00e9t\u00e9");
  // Not an entity: left as written, also after a decoded &amp;.
  EXPECT_EQ(HtmlToText("<p>AT&T &amp;copy; &lpar;x&rpar; a & b</p>"), "AT&T &copy; &lpar;x&rpar; a & b");
  // Windows-1252 characters written as C1 code points.
  EXPECT_EQ(HtmlToText("<p>1990&#150;1995, it&#146;s &#128;5</p>"), "1990\u20131995, it\u2019s \u20ac5");
}

TEST(HtmlToText, ScriptAndStyleHoldNoMarkup) {
  EXPECT_EQ(HtmlToText("<body><script>if (a</b) document.write('</div></p><p>fake</p>');</script>"
                       "<style>p::after { content: '</p>' }</style><p>Real text.</p></body>"),
            "Real text.");
}

TEST(HtmlToText, UpperCaseTagsAndUnquotedAttributes) {
  EXPECT_EQ(HtmlToText("<HTML><BODY><NAV><A HREF=/>Home</A></NAV><P CLASS=lead>Shells hit the port.</P>"
                       "<SCRIPT>x()</SCRIPT></BODY></HTML>"),
            "Shells hit the port.");
}

TEST(HtmlToText, CommentsAndBogusCommentsAreSkipped) {
  EXPECT_EQ(HtmlToText("<!-- <p>hidden</p> --><p>One.</p><![if !IE]><p>Two.</p><![endif]>"
                       "<![CDATA[not text]]><p>Three.</p><?php echo 1 ?>"),
            "One.\n\nTwo.\n\nThree.");
}

TEST(HtmlToText, ImpliedEndsAndStrayEndTags) {
  EXPECT_EQ(HtmlToText("<p>one<p>two<ul><li>three<li>four</ul>"), "one\n\ntwo\n\nthree\n\nfour");
  EXPECT_EQ(HtmlToText("<p>a</p></div></div></span><p>b</p>"), "a\n\nb");
  EXPECT_EQ(HtmlToText("<p>First line</br>second line</p>"), "First line\nsecond line");
}

TEST(HtmlToText, EndTagClosesAnElementWithAnUnclosedDivInside) {
  // libxml2 alone would keep the nav open, and drop the story with it.
  EXPECT_EQ(HtmlToText("<nav><div><a href=/>Home</a></nav><p>Story after the menu.</p>"),
            "Story after the menu.");
  EXPECT_EQ(HtmlToText("<article><div>Body</article><header><h1>Site name</h1></header><p>x</p>"),
            "x");
  // Not across a table cell: the aside stays open, as in a browser.
  EXPECT_EQ(HtmlToText("<aside><table><tr><td>cell</aside><p>Still in the aside.</p></table></aside>"
                       "<p>After.</p>"),
            "After.");
}

TEST(HtmlToText, StrayTextOutsideTheBodyIsABareRun) {
  EXPECT_EQ(HtmlToText("Skip to content<p>Para.</p>"), "Para.");
  EXPECT_EQ(HtmlToText("<html><head><title>T</title></head>Text between head and body, long enough to keep."
                       "<body><p>Para.</p></body></html>"),
            "T\n\nText between head and body, long enough to keep.\n\nPara.");
}

TEST(HtmlToText, FormWrappingAnArticleIsKept) {
  EXPECT_EQ(HtmlToText("<form><div class=page><article><p>Wrapped story.</p></article></div></form>"),
            "Wrapped story.");
  // Two paragraphs are not enough; the text around a dropped form stays one run.
  EXPECT_EQ(HtmlToText("<div>Text before the search form, long enough to keep, <form><p>Search</p>"
                       "<p>Go</p></form>and after it.</div>"),
            "Text before the search form, long enough to keep, and after it.");
  // A title inside a dropped form is not the page's title.
  std::string title;
  EXPECT_EQ(HtmlToText("<form><title>Form title</title><p>x</p></form><title>Page</title><p>Body.</p>", &title),
            "Page\n\nBody.");
  EXPECT_EQ(title, "Page");
}

TEST(HtmlToText, DeepButLegalNestingKeepsItsText) {
  // Deeper than libxml2's tree limit of 256, far below kMaxNesting.
  std::string html = "<body>";
  for (int i = 0; i < 1000; ++i) html += "<div>";
  html += "<p>Deep paragraph.</p>";
  for (int i = 0; i < 1000; ++i) html += "</div>";
  html += "<p>After.</p></body>";
  EXPECT_EQ(HtmlToText(html), "Deep paragraph.\n\nAfter.");
}

TEST(HtmlToText, SameResultOnManyThreads) {
  std::string title;
  const std::string expected = HtmlToText(kStoryPage, &title);
  std::vector<std::thread> threads;
  std::vector<int> mismatches(4, 0);
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 50; ++i) {
        std::string tt;
        if (HtmlToText(kStoryPage, &tt) != expected || tt != title) ++mismatches[t];
      }
    });
  }
  for (std::thread& th : threads) th.join();
  for (int t = 0; t < 4; ++t) EXPECT_EQ(mismatches[t], 0) << "thread " << t;
}

// Paragraph-only pages are read without libxml2 (see ParagraphPageText): the result must be
// the parser's, whatever the paragraphs hold. Pages near that form (an entity, a stray tag,
// a control character) go to the parser and must come out the same as well.
TEST(HtmlToText, ParagraphOnlyPagesReadAsTheParserReadsThem) {
  const std::vector<std::string> pieces = {
      "Militants", " ", "attacked", "  ", "\t", "\n", " \n ", "a > b", ",", ".", "\"q\"", "'",
      "\xC2\xA0", "\xC2\x96", "\xC2\x81", "\xC2\xA9", "\xC3\xA9", "\xE2\x80\x99", "\xEF\xBC\x81",
      "\xF0\x9F\x98\x80", "& ", "&;", "&1", "&(b)", "&-", "&", "AT&T", "&amp", "&amp;", "&#150;", "&nbsp",
      "\r", "\f", "\x01", "\xEF\xBF\xBE", "\xEF\xBF\xBF", "\xEF\xBF\xBD", "</b>", "<br>", ">", "]]>"};
  uint64_t seed = 12345;
  auto next = [&seed](uint64_t n) {
    seed = seed * 6364136223846793005ull + 1442695040888963407ull;
    return (seed >> 33) % n;
  };
  int pages = 0;
  for (int round = 0; round < 3000; ++round) {
    std::string html = next(3) == 0 ? " \n" : "";
    const int paragraphs = static_cast<int>(next(5));
    for (int p = 0; p < paragraphs; ++p) {
      html += "<p>";
      // Mostly plain pieces, sometimes one from the tricky end of the list; now and then
      // a paragraph longer than the parser's 1000-byte text chunks.
      const int count = next(10) == 0 ? 400 : static_cast<int>(next(12));
      for (int k = 0; k < count; ++k)
        html += pieces[next(8) == 0 ? next(pieces.size()) : next(20)];
      html += "</p>";
      if (next(2)) html += next(2) ? " " : "\n\n";
    }
    std::string fast_title, parsed_title;
    std::vector<std::string> fast_dates, parsed_dates;
    const std::string fast = input_internal::HtmlToTextAndDates(html, &fast_title, &fast_dates);
    const std::string parsed = input_internal::HtmlToTextAndDatesParsed(html, &parsed_title, &parsed_dates);
    ASSERT_EQ(fast, parsed) << "page: " << html;
    EXPECT_EQ(fast_title, parsed_title);
    EXPECT_EQ(fast_dates, parsed_dates);
    ++pages;
  }
  EXPECT_EQ(pages, 3000);
  EXPECT_EQ(HtmlToText("<p>One &amp; two</p> <p> three\xC2\xA0 four </p>\n"), "One & two\n\nthree four");
}

// Whitespace collapsing (BlockWriter::Append, which scans eight bytes at a time) against a
// plain model: outside <pre> every run of white space and U+00A0 is one space and the ends
// are trimmed; inside <pre> spaces stay as written. Pieces of odd lengths put white space at
// every offset of the eight-byte words, and next to the end of the text. (No form feed:
// libxml2 drops it, so that it separates nothing.)
TEST(HtmlToText, WhitespaceCollapsesAtEveryOffset) {
  const std::vector<std::string> words = {"a", "ab", "abc", "attacked", "Militants,", "\xC3\xA9t\xC3\xA9", "x.y"};
  const std::vector<std::string> blanks = {" ", " ", " ", "  ", "\t", "\n", " \n ", "\r\n", "\xC2\xA0", " \xC2\xA0"};
  uint64_t seed = 777;
  auto next = [&seed](uint64_t n) {
    seed = seed * 6364136223846793005ull + 1442695040888963407ull;
    return (seed >> 33) % n;
  };
  for (int round = 0; round < 2000; ++round) {
    std::string text, expected, pre, pre_expected;
    const int count = static_cast<int>(next(30));
    for (int k = 0; k < count; ++k) {
      const std::string& w = words[next(words.size())];
      if (next(3) == 0) {
        text += blanks[next(blanks.size())];
        if (!expected.empty() && expected.back() != ' ') expected += ' ';
      }
      text += w;
      expected += w;
      const std::string spaces(next(3), ' ');
      pre += spaces + w;
      pre_expected += (pre_expected.empty() ? "" : spaces) + w;
    }
    if (next(2)) text += blanks[next(blanks.size())];
    if (!expected.empty() && expected.back() == ' ') expected.pop_back();
    if (next(2)) pre += " ";
    ASSERT_EQ(HtmlToText("<p>" + text + "</p>"), expected) << "text: " << text;
    ASSERT_EQ(input_internal::HtmlToTextAndDatesParsed("<div><p>" + text + "</p></div>", nullptr, nullptr), expected)
        << "text: " << text;
    ASSERT_EQ(HtmlToText("<pre>" + pre + "</pre>"), pre_expected) << "pre: " << pre;
  }
}

}  // namespace
}  // namespace sitrep
