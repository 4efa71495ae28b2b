// libFuzzer target: JSON lines through ReadBuffer (line splitting, simdjson, the
// error locator, field handling, dates, embedded HTML).
//
// Besides not crashing, every delivered document must have an id, a non-blank text,
// an origin naming its line, and a published date that is empty or YYYY-MM-DD.
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "sitrep/document.h"

namespace {

bool IsIsoDayShape(std::string_view s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
  for (size_t i : {0, 1, 2, 3, 5, 6, 8, 9})
    if (s[i] < '0' || s[i] > '9') return false;
  return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  sitrep::ReadOptions options;
  options.max_document_bytes = 1u << 16;
  options.default_published = "2024-01-01";
  options.skip_binary = false;  // let NUL and control bytes reach the JSON parser
  auto on_document = [](sitrep::Document&& d) {
    if (d.id.empty() || d.origin.rfind("fuzz:", 0) != 0) std::abort();
    if (d.text.find_first_not_of(" \t\n\r\f\v") == std::string::npos) std::abort();
    if (!d.published.empty() && !IsIsoDayShape(d.published)) std::abort();
  };
  auto on_problem = [](const sitrep::Problem& p) {
    if (p.where.empty() || p.message.empty() || p.fatal) std::abort();
  };
  sitrep::Status s = sitrep::ReadBuffer(bytes, "jsonl", "fuzz", options, on_document, on_problem);
  if (!s.ok()) std::abort();
  return 0;
}
