// libFuzzer target: HtmlToText (libxml2's HTML parser, the SAX walk, the block writer).
//
// Invariants: the title, when there is one, is the first block; blocks are trimmed
// and never separated by more than one blank line.
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "sitrep/document.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view html(reinterpret_cast<const char*>(data), size);
  std::string title;
  std::string text = sitrep::HtmlToText(html, &title);
  if (!title.empty() && text.compare(0, title.size(), title) != 0) std::abort();
  if (text.find("\n\n\n") != std::string::npos) std::abort();
  if (!text.empty()) {
    char first = text.front(), last = text.back();
    if (first == ' ' || first == '\n' || last == ' ' || last == '\n') std::abort();
  }
  if (sitrep::HtmlToText(html) != text) std::abort();  // deterministic
  return 0;
}
