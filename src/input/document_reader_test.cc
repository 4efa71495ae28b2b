#include <gtest/gtest.h>
#include <unistd.h>
#include <zlib.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "sitrep/document.h"

namespace sitrep {
namespace {

namespace fs = std::filesystem;

// Everything one read produced.
struct Collected {
  std::vector<Document> docs;
  std::vector<Problem> problems;
  Status status;

  DocumentCallback on_doc() {
    return [this](Document&& d) { docs.push_back(std::move(d)); };
  }
  ProblemCallback on_problem() {
    return [this](const Problem& p) { problems.push_back(p); };
  }
  std::string ProblemList() const {
    std::string out;
    for (const Problem& p : problems) out += p.where + ": " + p.message + (p.fatal ? " (fatal)" : "") + "\n";
    return out;
  }
};

Collected Buffer(std::string_view bytes, std::string_view kind, ReadOptions options = {}) {
  Collected c;
  c.status = ReadBuffer(bytes, kind, "buf", options, c.on_doc(), c.on_problem());
  return c;
}

Collected Inputs(const std::vector<std::string>& paths, ReadOptions options = {}) {
  Collected c;
  c.status = ReadInputs(paths, options, c.on_doc(), c.on_problem());
  return c;
}

// A fresh directory under the test temp dir, removed afterwards.
class TempDir {
 public:
  TempDir() {
    const auto* info = testing::UnitTest::GetInstance()->current_test_info();
    path_ = fs::path(testing::TempDir()) /
            ("sitrep_input_" + std::string(info->name()) + "_" + std::to_string(::getpid()));
    fs::remove_all(path_);
    fs::create_directories(path_);
  }
  ~TempDir() { fs::remove_all(path_); }
  // Writes `bytes` to `rel` (creating directories) and returns the full path.
  std::string Write(const std::string& rel, std::string_view bytes) const {
    fs::path p = path_ / rel;
    fs::create_directories(p.parent_path());
    std::ofstream(p, std::ios::binary).write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    return p.string();
  }
  std::string WriteGzip(const std::string& rel, std::string_view bytes) const {
    fs::path p = path_ / rel;
    fs::create_directories(p.parent_path());
    gzFile gz = gzopen(p.c_str(), "wb");
    EXPECT_NE(gz, nullptr);
    EXPECT_EQ(gzwrite(gz, bytes.data(), static_cast<unsigned>(bytes.size())), static_cast<int>(bytes.size()));
    gzclose(gz);
    return p.string();
  }
  std::string path() const { return path_.string(); }

 private:
  fs::path path_;
};

std::string ReadFileBytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

std::string GzipInMemory(std::string_view bytes) {
  z_stream zs{};
  EXPECT_EQ(deflateInit2(&zs, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY), Z_OK);
  std::string out(deflateBound(&zs, bytes.size()) + 32, '\0');
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(bytes.data()));
  zs.avail_in = static_cast<uInt>(bytes.size());
  zs.next_out = reinterpret_cast<Bytef*>(out.data());
  zs.avail_out = static_cast<uInt>(out.size());
  EXPECT_EQ(deflate(&zs, Z_FINISH), Z_STREAM_END);
  out.resize(zs.total_out);
  deflateEnd(&zs);
  return out;
}

constexpr char kReport[] =
    "Two rockets struck an industrial area on the edge of Zaporizhzhia late on Tuesday,\n"
    "the regional administration said. No casualties were reported.\n";

// ------------------------------------------------------------------ ids and plain text

TEST(InputContentId, SixteenHexDigitsStableAndTextDependent) {
  std::string id = ContentId("Airstrike reported near the port.");
  ASSERT_EQ(id.size(), 20u);
  EXPECT_EQ(id.substr(0, 4), "doc-");
  EXPECT_EQ(id.find_first_not_of("0123456789abcdef", 4), std::string::npos);
  EXPECT_EQ(id, ContentId("Airstrike reported near the port."));
  EXPECT_NE(id, ContentId("Airstrike reported near the port!"));
}

TEST(InputText, OneDocumentWithContentIdAndDefaultDate) {
  ReadOptions o;
  o.default_published = "2024-05-01";
  Collected c = Buffer(kReport, "txt", o);
  ASSERT_TRUE(c.status.ok());
  ASSERT_EQ(c.docs.size(), 1u) << c.ProblemList();
  EXPECT_EQ(c.docs[0].text, kReport);
  EXPECT_EQ(c.docs[0].id, ContentId(kReport));
  EXPECT_EQ(c.docs[0].published, "2024-05-01");
  EXPECT_EQ(c.docs[0].origin, "buf");
  EXPECT_TRUE(c.problems.empty());
}

TEST(InputText, ByteOrderMarkIsDropped) {
  Collected c = Buffer(std::string("\xEF\xBB\xBF") + kReport, "txt");
  ASSERT_EQ(c.docs.size(), 1u);
  EXPECT_EQ(c.docs[0].text, kReport);
}

TEST(InputText, EmptyOrBlankDocumentIsSkipped) {
  Collected c = Buffer(" \n\t\r\n ", "txt");
  EXPECT_TRUE(c.status.ok());
  EXPECT_TRUE(c.docs.empty());
  ASSERT_EQ(c.problems.size(), 1u);
  EXPECT_EQ(c.problems[0].where, "buf");
  EXPECT_EQ(c.problems[0].message, "empty document skipped");
  EXPECT_FALSE(c.problems[0].fatal);
}

TEST(InputText, LargerThanMaxDocumentBytesIsSkipped) {
  ReadOptions o;
  o.max_document_bytes = 50;
  Collected c = Buffer(kReport, "txt", o);
  EXPECT_TRUE(c.docs.empty());
  ASSERT_EQ(c.problems.size(), 1u);
  EXPECT_NE(c.problems[0].message.find("max_document_bytes"), std::string::npos);
}

TEST(InputBuffer, UnknownKindIsAnError) {
  Collected c = Buffer(kReport, "docx");
  EXPECT_EQ(c.status.code(), Status::Code::kInvalidArgument);
  EXPECT_TRUE(c.docs.empty());
}

// ------------------------------------------------------------------ HTML

TEST(InputHtml, TextTitleAndPublishedTime) {
  const char* page =
      "<html><head><title>Curfew extended</title>"
      "<meta property=\"article:published_time\" content=\"2023-11-19T21:04:00+02:00\"></head>"
      "<body><nav><a href=/>Home</a></nav><h1>Curfew extended after protests</h1>"
      "<p>Authorities extended the night curfew by a week after two days of protests.</p>"
      "<script>track()</script></body></html>";
  ReadOptions o;
  o.default_published = "2000-01-01";
  Collected c = Buffer(page, "html", o);
  ASSERT_EQ(c.docs.size(), 1u) << c.ProblemList();
  const Document& d = c.docs[0];
  EXPECT_EQ(d.title, "Curfew extended");
  EXPECT_EQ(d.published, "2023-11-19");
  EXPECT_EQ(d.text,
            "Curfew extended\n\nCurfew extended after protests\n\n"
            "Authorities extended the night curfew by a week after two days of protests.");
  EXPECT_EQ(d.id, ContentId(d.text));
}

TEST(InputHtml, DateFromMetaNameOrTimeElementElseDefault) {
  ReadOptions o;
  o.default_published = "2000-01-01";
  Collected a = Buffer("<meta name=\"date\" content=\"2022-08-14\"><p>Roadside bomb hits patrol.</p>", "html", o);
  ASSERT_EQ(a.docs.size(), 1u);
  EXPECT_EQ(a.docs[0].published, "2022-08-14");

  Collected b = Buffer("<article><time datetime=\"2021-06-30T10:00\">June 30</time>"
                       "<p>Protesters blocked the highway.</p></article>", "html", o);
  ASSERT_EQ(b.docs.size(), 1u);
  EXPECT_EQ(b.docs[0].published, "2021-06-30");

  Collected c = Buffer("<time datetime=\"yesterday\"></time><p>Gunfire was heard overnight.</p>", "html", o);
  ASSERT_EQ(c.docs.size(), 1u);
  EXPECT_EQ(c.docs[0].published, "2000-01-01");
}

TEST(InputHtml, PageWithoutTextIsEmpty) {
  Collected c = Buffer("<html><body><nav><a href=/>Home</a></nav><script>x()</script></body></html>", "html");
  EXPECT_TRUE(c.docs.empty());
  ASSERT_EQ(c.problems.size(), 1u);
  EXPECT_EQ(c.problems[0].message, "empty document skipped");
}

// ------------------------------------------------------------------ JSON lines

TEST(InputJsonl, FieldsIdsAndOrigins) {
  std::string jsonl =
      R"({"id": "afp-001", "text": "Clashes erupted in the old city.", "published": "2024-02-11T09:00:00Z", "title": "Clashes", "source": "Example Agency", "url": "https://example.org/a"})"
      "\n"
      R"({"id": 4711, "text": "A convoy was shelled on the coastal road."})"
      "\r\n\n   \n"
      R"({"html": "<title>Raid</title><p>Police raided a warehouse &amp; seized weapons.</p>"})"
      "\n"
      R"({"text": "Text wins.", "html": "<p>Not this.</p>", "id": 2.5})";
  ReadOptions o;
  o.default_published = "2024-01-01";
  Collected c = Buffer(jsonl, "jsonl", o);
  ASSERT_TRUE(c.status.ok());
  EXPECT_TRUE(c.problems.empty()) << c.ProblemList();
  ASSERT_EQ(c.docs.size(), 4u);

  EXPECT_EQ(c.docs[0].id, "afp-001");
  EXPECT_EQ(c.docs[0].text, "Clashes erupted in the old city.");
  EXPECT_EQ(c.docs[0].published, "2024-02-11");
  EXPECT_EQ(c.docs[0].title, "Clashes");
  EXPECT_EQ(c.docs[0].source, "Example Agency");
  EXPECT_EQ(c.docs[0].url, "https://example.org/a");
  EXPECT_EQ(c.docs[0].origin, "buf:1");

  EXPECT_EQ(c.docs[1].id, "4711");
  EXPECT_EQ(c.docs[1].published, "2024-01-01");
  EXPECT_EQ(c.docs[1].origin, "buf:2");

  EXPECT_EQ(c.docs[2].text, "Raid\n\nPolice raided a warehouse & seized weapons.");
  EXPECT_EQ(c.docs[2].title, "Raid");
  EXPECT_EQ(c.docs[2].id, ContentId(c.docs[2].text));
  EXPECT_EQ(c.docs[2].origin, "buf:5");

  EXPECT_EQ(c.docs[3].text, "Text wins.");
  EXPECT_EQ(c.docs[3].id, "2.5");
  EXPECT_EQ(c.docs[3].origin, "buf:6");
}

TEST(InputJsonl, MalformedLineIsReportedWithItsLineOthersStillRead) {
  std::string jsonl =
      "{\"text\": \"Artillery fire near the dam.\"}\n"
      "{\"text\": \"Missing comma\" \"id\": 3}\n"
      "[1, 2, 3]\n"
      "{\"title\": \"No body here\"}\n"
      "{\"text\": \"Mortar rounds landed in a schoolyard.\"}\n";
  Collected c = Buffer(jsonl, "jsonl");
  ASSERT_TRUE(c.status.ok());
  ASSERT_EQ(c.docs.size(), 2u);
  EXPECT_EQ(c.docs[0].text, "Artillery fire near the dam.");
  EXPECT_EQ(c.docs[1].text, "Mortar rounds landed in a schoolyard.");
  EXPECT_EQ(c.docs[1].origin, "buf:5");
  ASSERT_EQ(c.problems.size(), 3u) << c.ProblemList();
  EXPECT_EQ(c.problems[0].where, "buf:2");
  // The missing comma is noticed at the second key's opening quote, byte 25 of the line.
  EXPECT_EQ(c.problems[0].message.rfind("invalid JSON at byte 25: ", 0), 0u) << c.problems[0].message;
  EXPECT_FALSE(c.problems[0].fatal);
  EXPECT_EQ(c.problems[1].where, "buf:3");
  EXPECT_EQ(c.problems[1].message, "invalid JSON at byte 0: expected an object, found an array");
  EXPECT_EQ(c.problems[2].where, "buf:4");
  EXPECT_EQ(c.problems[2].message, "no 'text' or 'html' field");
}

TEST(InputJsonl, ErrorOffsetsPointAtTheFault) {
  struct Case {
    const char* line;
    const char* prefix;
  } cases[] = {
      {"{\"text\": \"unterminated}", "invalid JSON at byte 9: "},
      {"{\"text\": tru}", "invalid JSON at byte 9: "},
      {"{\"text\": \"ok\",}", "invalid JSON at byte 14: "},
      {"{\"text\": \"bad \\q escape\"}", "invalid JSON at byte 14: "},
      {"{\"text\": \"x\"} trailing", "invalid JSON at byte 14: "},
      {"{\"text\": 01}", "invalid JSON at byte 10: "},
  };
  for (const Case& k : cases) {
    Collected c = Buffer(k.line, "jsonl");
    ASSERT_EQ(c.problems.size(), 1u) << k.line;
    EXPECT_EQ(c.problems[0].message.rfind(k.prefix, 0), 0u) << k.line << " → " << c.problems[0].message;
  }
}

TEST(InputJsonl, BadPublishedDateIsReportedAndTheDocumentKept) {
  std::string jsonl =
      "{\"id\": \"a\", \"text\": \"Strike on a bridge.\", \"published\": \"2023-02-30\"}\n"
      "{\"id\": \"b\", \"text\": \"Strike on a depot.\", \"published\": \"last Tuesday\"}\n"
      "{\"id\": \"c\", \"text\": \"Strike on a rail yard.\", \"published\": \"2024-02-29\"}\n"
      "{\"id\": \"d\", \"text\": \"Strike on a school.\", \"published\": 20240301}\n";
  ReadOptions o;
  o.default_published = "2024-03-15";
  Collected c = Buffer(jsonl, "jsonl", o);
  ASSERT_EQ(c.docs.size(), 4u);
  EXPECT_EQ(c.docs[0].published, "2024-03-15");
  EXPECT_EQ(c.docs[1].published, "2024-03-15");
  EXPECT_EQ(c.docs[2].published, "2024-02-29");  // a leap day is a real day
  EXPECT_EQ(c.docs[3].published, "2024-03-15");
  ASSERT_EQ(c.problems.size(), 3u) << c.ProblemList();
  EXPECT_EQ(c.problems[0].where, "buf:1");
  EXPECT_EQ(c.problems[0].message, "bad published date '2023-02-30'");
  EXPECT_EQ(c.problems[1].message, "bad published date 'last Tuesday'");
  EXPECT_EQ(c.problems[2].where, "buf:4");
  EXPECT_FALSE(c.problems[0].fatal);
}

TEST(InputJsonl, OverlongLineIsSkipped) {
  ReadOptions o;
  o.max_document_bytes = 60;
  std::string jsonl = "{\"text\": \"short one\"}\n{\"text\": \"" + std::string(200, 'x') +
                      "\"}\n{\"text\": \"short two\"}";
  Collected c = Buffer(jsonl, "jsonl", o);
  ASSERT_EQ(c.docs.size(), 2u);
  EXPECT_EQ(c.docs[1].origin, "buf:3");
  ASSERT_EQ(c.problems.size(), 1u);
  EXPECT_EQ(c.problems[0].where, "buf:2");
  EXPECT_NE(c.problems[0].message.find("longer than max_document_bytes"), std::string::npos);
}

TEST(InputJsonl, ManyLinesAcrossReadChunks) {
  // More than one 64 KiB read: lines split across chunk boundaries keep their numbers.
  TempDir dir;
  std::string jsonl;
  for (int i = 1; i <= 3000; ++i)
    jsonl += "{\"id\": \"r" + std::to_string(i) + "\", \"text\": \"Report " + std::to_string(i) +
             ": shelling continued along the front line overnight.\"}\n";
  std::string plain = dir.Write("many.jsonl", jsonl);
  std::string gz = dir.WriteGzip("many.jsonl.gz", jsonl);
  for (const std::string& path : {plain, gz}) {
    Collected c = Inputs({path});
    ASSERT_EQ(c.docs.size(), 3000u) << path << "\n" << c.ProblemList();
    EXPECT_TRUE(c.problems.empty()) << c.ProblemList();
    EXPECT_EQ(c.docs[2999].id, "r3000");
    EXPECT_EQ(c.docs[2999].origin, path + ":3000");
    EXPECT_EQ(c.docs[1234].id, "r1235");
  }
  // From memory the bytes after the sniffed head are taken at once, without chunks; the
  // line the head cut still reads whole, and an overlong line there is still skipped.
  Collected m = Buffer(jsonl, "jsonl");
  ASSERT_EQ(m.docs.size(), 3000u) << m.ProblemList();
  EXPECT_TRUE(m.problems.empty()) << m.ProblemList();
  EXPECT_EQ(m.docs[2999].origin, "buf:3000");
  EXPECT_EQ(m.docs[2999].text, "Report 3000: shelling continued along the front line overnight.");
  for (size_t i = 0; i < m.docs.size(); ++i) ASSERT_EQ(m.docs[i].id, "r" + std::to_string(i + 1));
  ReadOptions o;
  o.max_document_bytes = 100;
  const std::string overlong = "{\"text\": \"" + std::string(5000, 'x') + "\"}\n";
  const std::string lines = jsonl.substr(0, jsonl.rfind('\n', 4000) + 1);  // whole lines, ending in the head
  Collected skipped = Buffer(lines + overlong + "{\"text\": \"after\"}\n", "jsonl", o);
  ASSERT_FALSE(skipped.docs.empty());
  EXPECT_EQ(skipped.docs.back().text, "after");
  ASSERT_EQ(skipped.problems.size(), 1u) << skipped.ProblemList();
  EXPECT_NE(skipped.problems[0].message.find("longer than max_document_bytes"), std::string::npos);
}

TEST(InputJson, ArrayOfObjects) {
  TempDir dir;
  std::string path = dir.Write("batch.json",
                               "[\n  {\"id\": \"x1\", \"text\": \"Ambush on a supply convoy.\"},\n"
                               "  \"not an object\",\n"
                               "  {\"id\": \"x2\", \"html\": \"<p>Border post overrun.</p>\"}\n]\n");
  Collected c = Inputs({path});
  ASSERT_EQ(c.docs.size(), 2u) << c.ProblemList();
  EXPECT_EQ(c.docs[0].id, "x1");
  EXPECT_EQ(c.docs[1].text, "Border post overrun.");
  EXPECT_EQ(c.docs[1].origin, path + "[2]");
  ASSERT_EQ(c.problems.size(), 1u);
  EXPECT_EQ(c.problems[0].where, path + "[1]");
}

TEST(InputJson, JsonLinesInADotJsonFile) {
  TempDir dir;
  std::string path = dir.Write("lines.json", "{\"text\": \"One.\"}\n{\"text\": \"Two.\"}\n");
  Collected c = Inputs({path});
  ASSERT_EQ(c.docs.size(), 2u) << c.ProblemList();
  EXPECT_EQ(c.docs[1].origin, path + ":2");
}

// ------------------------------------------------------------------ sniffing and binary

TEST(InputSniff, BuffersOfUnknownKind) {
  Collected j = Buffer("\xEF\xBB\xBF  \n{\"text\": \"Sniffed as JSON lines.\"}\n{\"text\": \"Second.\"}", "");
  ASSERT_EQ(j.docs.size(), 2u) << j.ProblemList();
  EXPECT_EQ(j.docs[0].text, "Sniffed as JSON lines.");

  for (const char* html : {"<!DOCTYPE html><p>Sniffed as HTML.</p>", "\n <HTML><body><p>Sniffed as HTML.</p>",
                           "<div><p>Sniffed as HTML.</p></div>", "<article><p>Sniffed as HTML.</p></article>",
                           "<P>Sniffed as HTML."}) {
    Collected h = Buffer(html, "");
    ASSERT_EQ(h.docs.size(), 1u) << html;
    EXPECT_EQ(h.docs[0].text, "Sniffed as HTML.") << html;
  }

  Collected t = Buffer("<3 to all the medics. Rebels shelled the hospital.", "");
  ASSERT_EQ(t.docs.size(), 1u);
  EXPECT_EQ(t.docs[0].text, "<3 to all the medics. Rebels shelled the hospital.");

  Collected a = Buffer("[{\"text\": \"An array.\"}]", "");
  ASSERT_EQ(a.docs.size(), 1u);
  EXPECT_EQ(a.docs[0].text, "An array.");

  Collected g = Buffer(GzipInMemory("{\"text\": \"Compressed JSON line.\"}\n"), "");
  ASSERT_EQ(g.docs.size(), 1u) << g.ProblemList();
  EXPECT_EQ(g.docs[0].text, "Compressed JSON line.");
}

TEST(InputBinary, NulByteOrControlBytesSkipTheInput) {
  std::string with_nul = std::string("PK\x03\x04", 4) + std::string(1, '\0') + "rest";
  Collected a = Buffer(with_nul, "txt");
  EXPECT_TRUE(a.docs.empty());
  ASSERT_EQ(a.problems.size(), 1u);
  EXPECT_EQ(a.problems[0].message, "binary file skipped (NUL byte at offset 4)");
  EXPECT_FALSE(a.problems[0].fatal);

  std::string noisy = "abc\x01\x02\x03\x04\x05\x06\x07\x08 defghij";
  Collected b = Buffer(noisy, "");
  EXPECT_TRUE(b.docs.empty());
  ASSERT_EQ(b.problems.size(), 1u);
  EXPECT_NE(b.problems[0].message.find("binary file skipped"), std::string::npos);

  ReadOptions keep;
  keep.skip_binary = false;
  Collected c = Buffer(noisy, "txt", keep);
  EXPECT_EQ(c.docs.size(), 1u);

  // Tabs, form feeds and line ends are text.
  Collected d = Buffer("Col1\tCol2\fpage\r\nline\n", "txt");
  EXPECT_EQ(d.docs.size(), 1u);
}

// ------------------------------------------------------------------ files and directories

TEST(InputDirectory, RecursiveSortedAndFilteredByExtension) {
  TempDir dir;
  dir.Write("b_report.txt", "Second file: a checkpoint came under fire.");
  dir.Write("a/z_page.html", "<p>First file: a drone was shot down.</p>");
  dir.Write("a/notes.md", "ignored");
  dir.Write("a/image.png", std::string("\x89PNG\r\n\x1a\n", 8));
  dir.Write("c/d/feed.ndjson", "{\"id\": \"f1\", \"text\": \"Third file, line one.\"}\n"
                                "{\"id\": \"f2\", \"text\": \"Third file, line two.\"}\n");
  dir.WriteGzip("c/e.TXT.gz", "Fourth file: compressed text.");
  dir.Write("c/f.htm", "<h2>Fifth file.</h2>");
  Collected c = Inputs({dir.path()});
  ASSERT_TRUE(c.status.ok()) << c.status.ToString();
  EXPECT_TRUE(c.problems.empty()) << c.ProblemList();
  std::vector<std::string> texts;
  for (const Document& d : c.docs) texts.push_back(d.text);
  EXPECT_EQ(texts, (std::vector<std::string>{"First file: a drone was shot down.", "Second file: a checkpoint came under fire.",
                                             "Third file, line one.", "Third file, line two.",
                                             "Fourth file: compressed text.", "Fifth file."}));
  EXPECT_EQ(c.docs[0].origin, (fs::path(dir.path()) / "a/z_page.html").string());
  EXPECT_EQ(c.docs[3].origin, (fs::path(dir.path()) / "c/d/feed.ndjson").string() + ":2");
}

TEST(InputFiles, ExplicitFileWithUnknownExtensionIsSniffed) {
  TempDir dir;
  std::string a = dir.Write("story.dat", "<html><body><p>Sniffed HTML file.</p></body></html>");
  std::string b = dir.Write("feed", "{\"text\": \"Sniffed JSON lines file.\"}\n");
  Collected c = Inputs({a, b});
  ASSERT_EQ(c.docs.size(), 2u) << c.ProblemList();
  EXPECT_EQ(c.docs[0].text, "Sniffed HTML file.");
  EXPECT_EQ(c.docs[1].text, "Sniffed JSON lines file.");
}

TEST(InputFiles, MissingFileIsFatalAfterTheOtherInputsAreRead) {
  TempDir dir;
  std::string first = dir.Write("first.txt", "Sappers cleared mines from the road.");
  std::string missing = (fs::path(dir.path()) / "nope.jsonl").string();
  std::string last = dir.Write("last.txt", "The airport reopened after the attack.");
  std::string also_missing = (fs::path(dir.path()) / "gone.txt").string();
  Collected c = Inputs({first, missing, last, also_missing});
  ASSERT_EQ(c.docs.size(), 2u);
  EXPECT_EQ(c.docs[1].text, "The airport reopened after the attack.");
  EXPECT_EQ(c.status.code(), Status::Code::kNotFound);
  EXPECT_NE(c.status.message().find(missing), std::string::npos) << c.status.message();
  EXPECT_EQ(c.status.message().find("gone.txt"), std::string::npos);
  ASSERT_EQ(c.problems.size(), 2u);
  EXPECT_EQ(c.problems[0].where, missing);
  EXPECT_EQ(c.problems[0].message, "cannot open: No such file or directory");
  EXPECT_TRUE(c.problems[0].fatal);
  EXPECT_EQ(c.problems[1].where, also_missing);
}

TEST(InputFiles, StandardInputIsSniffed) {
  TempDir dir;
  std::string path = dir.Write("stdin.txt", "{\"text\": \"Piped in.\"}\nnot json\n");
  ASSERT_NE(std::freopen(path.c_str(), "rb", stdin), nullptr);
  Collected c = Inputs({"-"});
  ASSERT_EQ(c.docs.size(), 1u);
  EXPECT_EQ(c.docs[0].origin, "<stdin>:1");
  ASSERT_EQ(c.problems.size(), 1u);
  EXPECT_EQ(c.problems[0].where, "<stdin>:2");
}

// ------------------------------------------------------------------ gzip

TEST(InputGzip, JsonlGzFile) {
  TempDir dir;
  std::string path = dir.WriteGzip("wire.jsonl.gz", "{\"id\": \"g1\", \"text\": \"Compressed report one.\"}\n"
                                                    "{\"id\": \"g2\", \"text\": \"Compressed report two.\"}\n");
  Collected c = Inputs({path});
  ASSERT_TRUE(c.status.ok());
  ASSERT_EQ(c.docs.size(), 2u) << c.ProblemList();
  EXPECT_EQ(c.docs[1].id, "g2");
  EXPECT_EQ(c.docs[1].origin, path + ":2");
}

TEST(InputGzip, ConcatenatedMembersTrailingBytesAndMisnamedFiles) {
  TempDir dir;
  std::string two = GzipInMemory("{\"text\": \"First member.\"}\n") + GzipInMemory("{\"text\": \"Second member.\"}");
  std::string a = dir.Write("two.jsonl.gz", two);
  std::string b = dir.Write("trailing.jsonl.gz", two + "JUNK");
  std::string c = dir.Write("really_gzip.txt", GzipInMemory("Plain text that was gzipped under a .txt name."));
  Collected got = Inputs({a, b, c});
  ASSERT_EQ(got.docs.size(), 5u) << got.ProblemList();
  EXPECT_EQ(got.docs[1].text, "Second member.");
  EXPECT_EQ(got.docs[3].text, "Second member.");
  EXPECT_EQ(got.docs[4].text, "Plain text that was gzipped under a .txt name.");
  ASSERT_EQ(got.problems.size(), 1u);
  EXPECT_EQ(got.problems[0].where, b);
  EXPECT_EQ(got.problems[0].message, "trailing data after gzip stream at byte " + std::to_string(two.size()) + " ignored");
}

TEST(InputGzip, CorruptStreamKeepsEarlierDocumentsAndNamesTheOffset) {
  TempDir dir;
  std::string jsonl;
  for (int i = 1; i <= 400; ++i)
    jsonl += "{\"id\": \"c" + std::to_string(i) + "\", \"text\": \"Incident " + std::to_string(i * 7919) +
             " logged by monitors in sector " + std::to_string(i * 31 % 97) + ".\"}\n";
  std::string good = dir.WriteGzip("good.jsonl.gz", jsonl);
  std::string bytes = ReadFileBytes(good);
  ASSERT_GT(bytes.size(), 2000u);

  // Damage the middle of the deflate stream.
  std::string damaged = bytes;
  for (size_t i = bytes.size() / 2; i < bytes.size() / 2 + 64; ++i) damaged[i] = static_cast<char>(damaged[i] ^ 0x5A);
  std::string bad = dir.Write("bad.jsonl.gz", damaged);
  Collected c = Inputs({bad});
  EXPECT_TRUE(c.status.ok());
  ASSERT_FALSE(c.problems.empty());
  const Problem& last = c.problems.back();
  EXPECT_EQ(last.where, bad);
  EXPECT_NE(last.message.find("gzip data at byte "), std::string::npos) << last.message;
  EXPECT_FALSE(last.fatal);
  // Lines before the damage come out intact and in order. (Deflate has no checksum
  // before the end of a member, so damaged data may decode to a few plausible lines
  // before zlib notices; those are not checked.)
  ASSERT_GT(c.docs.size(), 100u);
  for (size_t i = 0; i < 100; ++i) EXPECT_EQ(c.docs[i].id, "c" + std::to_string(i + 1));

  // Cut short: the lines before the cut are delivered, the cut one is not.
  std::string cut = dir.Write("cut.jsonl.gz", bytes.substr(0, bytes.size() * 2 / 3));
  Collected t = Inputs({cut});
  ASSERT_FALSE(t.problems.empty());
  EXPECT_EQ(t.problems.back().message.rfind("truncated gzip data at byte ", 0), 0u) << t.problems.back().message;
  EXPECT_GT(t.docs.size(), 0u);
  EXPECT_LT(t.docs.size(), 400u);
  for (size_t i = 0; i < t.docs.size(); ++i) EXPECT_EQ(t.docs[i].id, "c" + std::to_string(i + 1));

  // Not gzip at all.
  std::string fake = dir.Write("plain.txt.gz", "This was never compressed.");
  Collected f = Inputs({fake});
  EXPECT_TRUE(f.docs.empty());
  ASSERT_EQ(f.problems.size(), 1u);
  EXPECT_EQ(f.problems[0].message, "corrupt gzip data at byte 2: incorrect header check");
}

}  // namespace
}  // namespace sitrep
