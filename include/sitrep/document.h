// sitrep/document.h — the input stage: files, directories and streams in, Documents out.
//
// Readers turn .txt, .html/.htm, .jsonl (one JSON object a line: "id", "text" or
// "html", optional "published", "title", "source", "url"), their .gz forms, whole
// directories (recursively, by extension) and standard input (sniffed: JSON lines,
// HTML or plain text) into Document values. HTML is reduced to its main text with
// libxml2's HTML pull parser (no tree is built): title, headings and paragraphs in order, separated by blank lines; script,
// style, navigation, forms, headers and footers dropped.
//
// A problem with one document (a malformed JSON line, a binary file, an empty
// document) is reported through the `on_problem` callback with the input's name and
// line or byte offset, and reading goes on with the next document. The returned
// Status is non-OK only when an input could not be read at all (missing file,
// unreadable directory); the reader still reads every other input first.
//
// Thread rule: the functions are reentrant; callbacks run on the calling thread,
// in input order.
#ifndef SITREP_DOCUMENT_H_
#define SITREP_DOCUMENT_H_

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "sitrep/status.h"

namespace sitrep {

struct Document {
  std::string id;         // given id, else "sha1-like" content hash (see ContentId)
  std::string text;       // plain text (HTML already reduced), not yet normalised
  std::string published;  // ISO date "YYYY-MM-DD" or empty
  std::string title;
  std::string source;     // publisher
  std::string url;
  std::string origin;     // "file.jsonl:17", "page.html", "<stdin>": for messages
};

struct ReadOptions {
  // Documents (or JSON lines) larger than this are skipped with a problem report.
  size_t max_document_bytes = 64u << 20;
  // Publication date for documents that carry none ("" = none).
  std::string default_published;
  // A file whose first 4 KiB hold a NUL byte or are mostly not text is skipped as binary.
  bool skip_binary = true;
};

struct Problem {
  std::string where;    // "docs.jsonl:17", "page.html", "<stdin>:3"
  std::string message;  // "invalid JSON at byte 42: ...", "binary file skipped"
  bool fatal = false;   // the input as a whole could not be read
};

using DocumentCallback = std::function<void(Document&&)>;
using ProblemCallback = std::function<void(const Problem&)>;

// Reads every path in order (files and directories; "-" is standard input).
// Returns the first fatal problem's status after reading all the others.
Status ReadInputs(const std::vector<std::string>& paths, const ReadOptions& options,
                  const DocumentCallback& on_document, const ProblemCallback& on_problem);

// Reads one buffer as the given kind of input ("txt", "html", "jsonl", or "" to sniff).
// `name` is used in ids and messages.
Status ReadBuffer(std::string_view bytes, std::string_view kind, std::string_view name,
                  const ReadOptions& options, const DocumentCallback& on_document,
                  const ProblemCallback& on_problem);

// The main text of an HTML page (title, headings, paragraphs, list items, table
// cells; blank line between blocks). Never fails: broken HTML is repaired by libxml2's
// HTML 4 rules (src/input/html.cc lists where they differ from a browser's).
std::string HtmlToText(std::string_view html, std::string* title = nullptr);

// A stable id for a document without one: "doc-" + 16 hex digits of a hash of the text.
std::string ContentId(std::string_view text);

}  // namespace sitrep

#endif  // SITREP_DOCUMENT_H_
