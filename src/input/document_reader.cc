// Files, directories, buffers and standard input → Documents.
//
// Every input goes through one pipeline: a byte source (file, memory, stdin),
// optionally gunzipped, whose first 4 KiB are checked for binary content and sniffed
// when the kind is not known from the extension; then one of three readers:
//   - single documents (.txt, .html) are read whole, up to max_document_bytes;
//   - JSON lines are streamed line by line, so a file of any size needs memory only
//     for its longest line;
//   - .json files are read whole (up to 8 × max_document_bytes) and hold JSON lines,
//     one array of objects, or one object.
// Problems name the input ("docs.jsonl:17", "page.html") and a byte offset where one
// is known; only an input that cannot be opened or read at all is fatal.
#include <simdjson.h>
#include <xxhash.h>
#include <zlib.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <system_error>
#include <vector>

#include "sitrep/document.h"

namespace sitrep {
namespace input_internal {
// Defined in html.cc: the text, the <title>, and raw publication-date candidates
// (meta article:published_time, other date metas, <time datetime>), best first.
std::string HtmlToTextAndDates(std::string_view html, std::string* title,
                               std::vector<std::string>* dates);
}  // namespace input_internal

namespace {

namespace fs = std::filesystem;

constexpr size_t kHeadBytes = 4096;         // sniffed and checked for binary content
constexpr size_t kChunkBytes = 64u << 10;   // read size for streams
constexpr size_t kMaxJsonDepth = 1024;      // as simdjson's default
constexpr size_t kQuoteBytes = 60;          // longest field value quoted in a message

enum class Kind { kSniff, kText, kHtml, kJsonl, kJson };

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
  return out;
}

std::string_view StripBom(std::string_view s) {
  return s.substr(0, 3) == "\xEF\xBB\xBF" ? s.substr(3) : s;
}

std::string_view SkipBomAndSpace(std::string_view s) {
  s = StripBom(s);
  size_t i = 0;
  while (i < s.size() && IsSpace(s[i])) ++i;
  return s.substr(i);
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && IsSpace(s.front())) s.remove_prefix(1);
  while (!s.empty() && IsSpace(s.back())) s.remove_suffix(1);
  return s;
}

bool IsBlank(std::string_view s) { return Trim(s).empty(); }

std::string Quote(std::string_view s) {
  if (s.size() <= kQuoteBytes) return std::string(s);
  size_t cut = kQuoteBytes;
  while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;
  return std::string(s.substr(0, cut)) + "...";
}

// ------------------------------------------------------------------ dates

// "2024-03-05", "2024-03-05T08:00:00Z" → "2024-03-05"; "" unless `s` starts with a
// real calendar day (month 1-12, day within the month, leap years counted).
std::string IsoDay(std::string_view s) {
  s = Trim(s);
  if (s.size() < 10) return "";
  auto digit = [&](size_t i) { return s[i] >= '0' && s[i] <= '9'; };
  for (size_t i : {0, 1, 2, 3, 5, 6, 8, 9})
    if (!digit(i)) return "";
  if (s[4] != '-' || s[7] != '-') return "";
  if (s.size() > 10 && s[10] >= '0' && s[10] <= '9') return "";  // "2024-03-051"
  int y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
  int m = (s[5] - '0') * 10 + (s[6] - '0');
  int d = (s[8] - '0') * 10 + (s[9] - '0');
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (y < 1 || m < 1 || m > 12 || d < 1) return "";
  bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  int max_day = kDays[m - 1] + (m == 2 && leap ? 1 : 0);
  if (d > max_day) return "";
  return std::string(s.substr(0, 10));
}

// ------------------------------------------------------------------ sniffing

// Why `head` looks binary, or nullopt for text.
std::optional<std::string> BinaryReason(std::string_view head) {
  head = head.substr(0, kHeadBytes);
  size_t nul = head.find('\0');
  if (nul != std::string_view::npos) return "NUL byte at offset " + std::to_string(nul);
  size_t controls = 0;
  for (char ch : head) {
    unsigned char c = static_cast<unsigned char>(ch);
    if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f') || c == 0x7F) ++controls;
  }
  if (controls * 10 > head.size())
    return std::to_string(controls) + " of the first " + std::to_string(head.size()) +
           " bytes are control characters";
  return std::nullopt;
}

Kind Sniff(std::string_view head) {
  std::string_view v = SkipBomAndSpace(head);
  if (v.empty()) return Kind::kText;
  if (v[0] == '{') return Kind::kJsonl;
  if (v[0] == '[') {
    std::string_view w = SkipBomAndSpace(v.substr(1));
    if (!w.empty() && w[0] == '{') return Kind::kJson;  // one array of objects
  }
  if (v[0] == '<' && v.size() > 1) {
    char c = static_cast<char>(v[1] | 0x20);
    if ((c >= 'a' && c <= 'z') || v[1] == '!' || v[1] == '?') return Kind::kHtml;
  }
  return Kind::kText;
}

// The kind a file name announces, and whether it ends in ".gz". Unknown → kSniff.
Kind KindFromName(const fs::path& path, bool* gzipped, bool* known) {
  std::string name = Lower(path.filename().string());
  *gzipped = name.size() > 3 && name.ends_with(".gz");
  if (*gzipped) name.resize(name.size() - 3);
  *known = true;
  size_t dot = name.rfind('.');
  std::string ext = dot == std::string::npos ? "" : name.substr(dot);
  if (ext == ".txt" || ext == ".text") return Kind::kText;
  if (ext == ".html" || ext == ".htm") return Kind::kHtml;
  if (ext == ".jsonl" || ext == ".ndjson") return Kind::kJsonl;
  if (ext == ".json") return Kind::kJson;
  *known = false;
  return Kind::kSniff;
}

// ------------------------------------------------------------------ JSON error offsets

// The byte offset at which `s` stops being one JSON value between optional
// whitespace (s.size() when it ends too early), or npos when the syntax is valid.
// simdjson says what is wrong; this says where.
size_t FindJsonSyntaxError(std::string_view s) {
  const size_t n = s.size();
  size_t i = 0;
  std::vector<char> stack;  // '{' or '['
  auto ws = [&] {
    while (i < n && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r')) ++i;
  };
  auto hex = [](char c) {
    return (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'f');
  };
  // A string starting at s[i] == '"'; npos when valid (i past it), else the offset.
  auto string = [&]() -> size_t {
    size_t open = i++;
    while (i < n) {
      unsigned char c = static_cast<unsigned char>(s[i]);
      if (c == '"') {
        ++i;
        return std::string_view::npos;
      }
      if (c < 0x20) return i;
      if (c == '\\') {
        if (i + 1 >= n) return open;
        char e = s[i + 1];
        if (e == 'u') {
          for (size_t k = 2; k < 6; ++k)
            if (i + k >= n || !hex(s[i + k])) return i;
          i += 6;
        } else if (std::strchr("\"\\/bfnrt", e) && e != '\0') {
          i += 2;
        } else {
          return i;
        }
        continue;
      }
      if (c < 0x80) {
        ++i;
        continue;
      }
      // UTF-8: no overlongs, no surrogates, at most U+10FFFF.
      size_t len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC2 ? 2 : 0;
      if (len == 0 || c > 0xF4 || i + len > n) return i;
      unsigned char c1 = static_cast<unsigned char>(s[i + 1]);
      if ((c == 0xE0 && c1 < 0xA0) || (c == 0xED && c1 > 0x9F) || (c == 0xF0 && c1 < 0x90) ||
          (c == 0xF4 && c1 > 0x8F))
        return i;
      for (size_t k = 1; k < len; ++k)
        if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return i;
      i += len;
    }
    return open;  // unclosed
  };
  auto number = [&]() -> size_t {
    auto digits = [&] {
      size_t start = i;
      while (i < n && s[i] >= '0' && s[i] <= '9') ++i;
      return i > start;
    };
    if (s[i] == '-') ++i;
    if (i < n && s[i] == '0') {
      ++i;
    } else if (!digits()) {
      return i;
    }
    if (i < n && s[i] == '.') {
      ++i;
      if (!digits()) return i;
    }
    if (i < n && (s[i] == 'e' || s[i] == 'E')) {
      ++i;
      if (i < n && (s[i] == '+' || s[i] == '-')) ++i;
      if (!digits()) return i;
    }
    return std::string_view::npos;
  };
  // An object key and its colon; npos when valid.
  auto key = [&]() -> size_t {
    ws();
    if (i >= n) return n;
    if (s[i] != '"') return i;
    if (size_t e = string(); e != std::string_view::npos) return e;
    ws();
    if (i >= n) return n;
    if (s[i] != ':') return i;
    ++i;
    return std::string_view::npos;
  };

  bool want_value = true;
  while (true) {
    ws();
    if (want_value) {
      if (i >= n) return n;
      char c = s[i];
      if (c == '{' || c == '[') {
        if (stack.size() >= kMaxJsonDepth) return i;
        stack.push_back(c);
        ++i;
        ws();
        if (i < n && s[i] == (c == '{' ? '}' : ']')) {
          ++i;
          stack.pop_back();
          want_value = false;
          continue;
        }
        if (c == '{')
          if (size_t e = key(); e != std::string_view::npos) return e;
        continue;
      }
      size_t e = std::string_view::npos;
      if (c == '"') {
        e = string();
      } else if (c == '-' || (c >= '0' && c <= '9')) {
        e = number();
      } else {
        bool matched = false;
        for (std::string_view lit : {"true", "false", "null"}) {
          if (s.substr(i, lit.size()) == lit) {
            i += lit.size();
            matched = true;
            break;
          }
        }
        if (!matched) return i;
      }
      if (e != std::string_view::npos) return e;
      want_value = false;
      continue;
    }
    if (stack.empty()) return i < n ? i : std::string_view::npos;
    if (i >= n) return n;
    char close = stack.back() == '{' ? '}' : ']';
    if (s[i] == close) {
      ++i;
      stack.pop_back();
    } else if (s[i] == ',') {
      ++i;
      want_value = true;
      if (stack.back() == '{')
        if (size_t e = key(); e != std::string_view::npos) return e;
    } else {
      return i;
    }
  }
}

// ------------------------------------------------------------------ byte sources

// A stream of bytes. Read() returns 0 at the end or after an error; error() then
// says what went wrong (empty at a clean end: the data read is complete). note()
// is a remark about complete data, such as ignored trailing bytes.
class ByteSource {
 public:
  virtual ~ByteSource() = default;
  virtual size_t Read(char* buf, size_t cap) = 0;
  // All the bytes not read yet, at once and without a copy, when the source holds them in
  // memory (valid as long as that memory); false, with nothing taken, otherwise.
  virtual bool TakeRest(std::string_view* /*rest*/) { return false; }
  bool failed() const { return !error_.empty(); }
  const std::string& error() const { return error_; }
  bool fatal() const { return fatal_; }
  const std::string& note() const { return note_; }

 protected:
  std::string error_;
  bool fatal_ = false;
  std::string note_;
};

class MemorySource : public ByteSource {
 public:
  explicit MemorySource(std::string_view bytes) : bytes_(bytes) {}
  size_t Read(char* buf, size_t cap) override {
    size_t n = std::min(cap, bytes_.size());
    std::memcpy(buf, bytes_.data(), n);
    bytes_.remove_prefix(n);
    return n;
  }
  bool TakeRest(std::string_view* rest) override {
    *rest = bytes_;
    bytes_ = {};
    return true;
  }

 private:
  std::string_view bytes_;
};

class FileSource : public ByteSource {
 public:
  explicit FileSource(FILE* f) : f_(f) {}
  size_t Read(char* buf, size_t cap) override {
    if (failed()) return 0;
    size_t n = std::fread(buf, 1, cap, f_);
    if (n == 0 && std::ferror(f_)) {
      error_ = std::string("read error: ") + std::strerror(errno);
      fatal_ = true;
    }
    return n;
  }

 private:
  FILE* f_;
};

// Bytes already taken from `rest` (to sniff them), then the rest.
class PrefixedSource : public ByteSource {
 public:
  PrefixedSource(std::string prefix, ByteSource& rest) : prefix_(std::move(prefix)), rest_(rest) {}
  size_t Read(char* buf, size_t cap) override {
    if (pos_ < prefix_.size()) {
      size_t n = std::min(cap, prefix_.size() - pos_);
      std::memcpy(buf, prefix_.data() + pos_, n);
      pos_ += n;
      return n;
    }
    size_t n = rest_.Read(buf, cap);
    if (n == 0 && rest_.failed()) {
      error_ = rest_.error();
      fatal_ = rest_.fatal();
    }
    return n;
  }
  bool TakeRest(std::string_view* rest) override { return pos_ == prefix_.size() && rest_.TakeRest(rest); }

 private:
  std::string prefix_;
  size_t pos_ = 0;
  ByteSource& rest_;
};

// gzip (or zlib) data, several concatenated members allowed. A corrupt or truncated
// stream yields what decompressed cleanly before the damage, then an error naming
// the compressed byte offset.
class GzipSource : public ByteSource {
 public:
  explicit GzipSource(ByteSource& raw) : raw_(raw), in_(kChunkBytes) {
    if (inflateInit2(&zs_, 15 + 32) != Z_OK) error_ = "cannot initialise zlib";
  }
  ~GzipSource() override { inflateEnd(&zs_); }
  GzipSource(const GzipSource&) = delete;
  GzipSource& operator=(const GzipSource&) = delete;

  size_t Read(char* buf, size_t cap) override {
    if (done_ || failed() || cap == 0) return 0;
    zs_.next_out = reinterpret_cast<Bytef*>(buf);
    zs_.avail_out = static_cast<uInt>(std::min<size_t>(cap, 1u << 30));
    const uInt want = zs_.avail_out;
    while (zs_.avail_out > 0) {
      if (zs_.avail_in == 0 && !raw_eof_) {
        consumed_ += in_len_;
        in_len_ = raw_.Read(in_.data(), in_.size());
        zs_.next_in = reinterpret_cast<Bytef*>(in_.data());
        zs_.avail_in = static_cast<uInt>(in_len_);
        if (in_len_ == 0) {
          raw_eof_ = true;
          if (raw_.failed()) {
            error_ = raw_.error();
            fatal_ = raw_.fatal();
            break;
          }
        }
      }
      if (member_start_) {
        if (zs_.avail_in == 0) {
          if (raw_eof_) {
            done_ = true;  // clean end after the last member (or an empty file)
            break;
          }
          continue;
        }
        if (members_ > 0 && zs_.next_in[0] != 0x1F) {
          note_ = "trailing data after gzip stream at byte " + std::to_string(Offset()) + " ignored";
          done_ = true;
          break;
        }
        member_start_ = false;
        ++members_;
      }
      int rc = inflate(&zs_, Z_NO_FLUSH);
      if (rc == Z_STREAM_END) {
        inflateReset(&zs_);
        member_start_ = true;
        continue;
      }
      if (rc == Z_OK) continue;
      if (rc == Z_BUF_ERROR && zs_.avail_in == 0) {
        if (!raw_eof_) continue;
        error_ = "truncated gzip data at byte " + std::to_string(Offset()) + ": unexpected end of input";
        break;
      }
      error_ = "corrupt gzip data at byte " + std::to_string(Offset()) + ": " +
               (zs_.msg ? zs_.msg : zError(rc));
      break;
    }
    return want - zs_.avail_out;
  }

 private:
  uint64_t Offset() const { return consumed_ + (in_len_ - zs_.avail_in); }

  ByteSource& raw_;
  z_stream zs_{};
  std::vector<char> in_;
  size_t in_len_ = 0;
  uint64_t consumed_ = 0;  // compressed bytes in buffers before the current one
  bool raw_eof_ = false;
  bool member_start_ = true;
  int members_ = 0;
  bool done_ = false;
};

// Appends from `src` to `out` until `out` holds at least `limit` bytes or the
// source ends. Returns false when it stopped at the limit with more to come.
bool ReadUpTo(ByteSource& src, size_t limit, std::string* out) {
  while (out->size() < limit) {
    size_t want = std::min(kChunkBytes, limit - out->size());
    size_t old = out->size();
    out->resize(old + want);
    size_t got = src.Read(out->data() + old, want);
    out->resize(old + got);
    if (got == 0) return true;
  }
  char probe;
  size_t got = src.Read(&probe, 1);
  if (got == 0) return true;
  out->push_back(probe);
  return false;
}

// ------------------------------------------------------------------ the reader

class Reader {
 public:
  Reader(const ReadOptions& options, const DocumentCallback& on_document,
         const ProblemCallback& on_problem)
      : options_(options), on_document_(on_document), on_problem_(on_problem) {}

  const Status& status() const { return status_; }

  void ReadPath(const std::string& path) {
    if (path == "-") {
      FileSource in(stdin);
      ReadStream(in, Kind::kSniff, false, "<stdin>");
      return;
    }
    std::error_code ec;
    if (fs::is_directory(fs::path(path), ec)) {
      ReadDirectory(path);
      return;
    }
    bool gz = false, known = false;
    Kind kind = KindFromName(fs::path(path), &gz, &known);
    ReadFile(path, kind, gz);
  }

  // Reads one input of `kind` from `src`; `gzipped` decompresses it first.
  void ReadStream(ByteSource& src, Kind kind, bool gzipped, const std::string& name) {
    ByteSource* in = &src;
    std::unique_ptr<PrefixedSource> prefixed;
    std::unique_ptr<GzipSource> gunzip;
    if (!gzipped) {  // gzip is recognised by its magic bytes whatever the name says
      std::string magic;
      ReadUpTo(src, 2, &magic);  // may take a third byte: replayed all the same
      gzipped = magic.substr(0, 2) == "\x1F\x8B";
      prefixed = std::make_unique<PrefixedSource>(std::move(magic), src);
      in = prefixed.get();
    }
    if (gzipped) {
      gunzip = std::make_unique<GzipSource>(*in);
      in = gunzip.get();
    }
    std::string head;
    ReadUpTo(*in, kHeadBytes, &head);
    if (options_.skip_binary && !(in->failed() && head.empty())) {
      if (auto why = BinaryReason(head)) {
        Report(name, "binary file skipped (" + *why + ")");
        return;
      }
    }
    if (kind == Kind::kSniff) kind = Sniff(head);
    switch (kind) {
      case Kind::kText:
      case Kind::kHtml:
      case Kind::kSniff:
        ReadSingle(std::move(head), *in, kind == Kind::kHtml, name);
        break;
      case Kind::kJsonl: {
        std::string_view first = head;
        ReadJsonLines(first, in, name);
        break;
      }
      case Kind::kJson:
        ReadJsonFile(std::move(head), *in, name);
        break;
    }
    if (in->failed()) Report(name, in->error(), in->fatal(), Status::Code::kIOError);
    if (!in->note().empty()) Report(name, in->note());
  }

 private:
  void Report(const std::string& where, std::string message, bool fatal = false,
              Status::Code code = Status::Code::kOk) {
    Problem p{where, std::move(message), fatal};
    if (fatal && status_.ok()) {
      std::string m = where + ": " + p.message;
      status_ = code == Status::Code::kNotFound ? Status::NotFound(m) : Status::IOError(m);
    }
    if (on_problem_) on_problem_(p);
  }

  void Deliver(Document&& d, const std::string& where) {
    if (IsBlank(d.text)) {
      Report(where, "empty document skipped");
      return;
    }
    if (d.id.empty()) d.id = ContentId(d.text);
    if (d.published.empty()) d.published = options_.default_published;
    if (d.origin.empty()) d.origin = where;
    if (on_document_) on_document_(std::move(d));
  }

  void ReadFile(const std::string& path, Kind kind, bool gzipped) {
    FILE* f = std::fopen(path.c_str(), "rb");
    if (!f) {
      int err = errno;
      Report(path, std::string("cannot open: ") + std::strerror(err), true,
             err == ENOENT || err == ENOTDIR ? Status::Code::kNotFound : Status::Code::kIOError);
      return;
    }
    FileSource in(f);
    ReadStream(in, kind, gzipped, path);
    std::fclose(f);
  }

  // Every accepted file under `dir`, sorted by path, then read in that order.
  void ReadDirectory(const std::string& dir) {
    std::vector<fs::path> files;
    CollectFiles(fs::path(dir), &files);
    std::sort(files.begin(), files.end());
    for (const fs::path& p : files) {
      bool gz = false, known = false;
      Kind kind = KindFromName(p, &gz, &known);
      ReadFile(p.string(), kind, gz);
    }
  }

  void CollectFiles(const fs::path& dir, std::vector<fs::path>* out) {
    std::error_code ec;
    fs::directory_iterator it(dir, ec);
    if (ec) {
      Report(dir.string(), "cannot open: " + ec.message(), true,
             ec == std::errc::no_such_file_or_directory ? Status::Code::kNotFound
                                                        : Status::Code::kIOError);
      return;
    }
    for (; it != fs::directory_iterator(); it.increment(ec)) {
      if (ec) {
        Report(dir.string(), "cannot list: " + ec.message(), true, Status::Code::kIOError);
        return;
      }
      std::error_code ec2;
      fs::file_status st = it->symlink_status(ec2);
      bool link = fs::is_symlink(st);
      if (link) st = it->status(ec2);
      if (fs::is_directory(st)) {
        if (!link) CollectFiles(it->path(), out);  // symlinked directories could loop
        continue;
      }
      bool gz = false, known = false;
      KindFromName(it->path(), &gz, &known);
      if (known && (fs::is_regular_file(st) || link)) out->push_back(it->path());
    }
  }

  // .txt and .html: one document, read whole.
  void ReadSingle(std::string content, ByteSource& in, bool html, const std::string& name) {
    if (!ReadUpTo(in, options_.max_document_bytes, &content) || content.size() > options_.max_document_bytes) {
      Report(name, "document of more than " + std::to_string(options_.max_document_bytes) +
                       " bytes skipped (max_document_bytes)");
      return;
    }
    if (in.failed()) return;  // the damage is reported by the caller; no partial document
    Document d;
    if (html) {
      std::vector<std::string> dates;
      d.text = input_internal::HtmlToTextAndDates(content, &d.title, &dates);
      for (const std::string& raw : dates) {
        d.published = IsoDay(raw);
        if (!d.published.empty()) break;
      }
    } else {
      std::string_view body = StripBom(content);
      if (body.size() != content.size()) content.erase(0, 3);
      d.text = std::move(content);
    }
    Deliver(std::move(d), name);
  }

  // JSON lines, streamed: `head` first, then the rest of `in` (if any).
  void ReadJsonLines(std::string_view head, ByteSource* in, const std::string& name) {
    std::string pending;     // the start of a line split across chunks
    size_t line_bytes = 0;   // bytes of the current line so far
    bool too_long = false;   // the current line passed max_document_bytes
    size_t line_no = 0;

    // `readable`: the bytes from line.data() on that may be read (the line and what follows
    // it in the same buffer).
    auto finish_line = [&](std::string_view line, size_t readable) {
      ++line_no;
      std::string where = name + ":" + std::to_string(line_no);
      if (too_long) {
        Report(where, "line of " + std::to_string(line_bytes) + " bytes is longer than max_document_bytes (" +
                          std::to_string(options_.max_document_bytes) + "); skipped");
      } else {
        HandleJsonLine(line, line_no, where, readable);
      }
      pending.clear();
      line_bytes = 0;
      too_long = false;
    };
    auto feed = [&](std::string_view chunk) {
      size_t pos = 0;
      while (pos < chunk.size()) {
        size_t nl = chunk.find('\n', pos);
        std::string_view part = chunk.substr(pos, nl == std::string_view::npos ? std::string_view::npos : nl - pos);
        line_bytes += part.size();
        if (!too_long && line_bytes > options_.max_document_bytes) {
          too_long = true;
          std::string().swap(pending);
        }
        bool ends = nl != std::string_view::npos;
        if (!too_long && (!ends || !pending.empty())) pending.append(part);
        if (!ends) break;
        if (pending.empty()) {
          finish_line(part, chunk.size() - pos);
        } else {
          finish_line(pending, pending.size());
        }
        pos = nl + 1;
      }
    };

    feed(head);
    if (std::string_view rest; in && in->TakeRest(&rest)) {
      feed(rest);  // bytes in memory: whole lines, no copy to a chunk buffer
    } else if (in) {
      std::vector<char> buf(kChunkBytes);
      while (size_t n = in->Read(buf.data(), buf.size())) feed(std::string_view(buf.data(), n));
      if (in->failed()) return;  // a line cut by damaged input is not a document
    }
    if (line_bytes > 0) finish_line(pending, pending.size());
  }

  void HandleJsonLine(std::string_view line, size_t line_no, const std::string& where, size_t readable) {
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    size_t bom = 0;
    if (line_no == 1) {
      bom = line.size() - StripBom(line).size();
      line.remove_prefix(bom);
    }
    if (IsBlank(line)) return;
    simdjson::dom::element root;
    if (!Parse(line, where, &root, bom, readable - bom)) return;
    simdjson::dom::object obj;
    if (root.get_object().get(obj) != simdjson::SUCCESS) {
      size_t at = line.size() - SkipBomAndSpace(line).size();
      Report(where, "invalid JSON at byte " + std::to_string(at) + ": expected an object, found " + TypeName(root));
      return;
    }
    Document d;
    if (ObjectToDocument(obj, where, &d)) Deliver(std::move(d), where);
  }

  // Parses `json` into `root` (valid while the parser is not reused); reports and
  // returns false when it is not valid JSON.
  // Error offsets are counted from `base` (the bytes before `json` in its input).
  // `readable`: the bytes from json.data() on that may be read. simdjson reads up to
  // SIMDJSON_PADDING bytes past the end, whatever they hold; when that many follow `json`
  // in its buffer it is parsed where it is, else from a padded copy.
  bool Parse(std::string_view json, const std::string& where, simdjson::dom::element* root,
             size_t base = 0, size_t readable = 0) {
    const char* data = json.data();
    if (readable < json.size() + simdjson::SIMDJSON_PADDING) {
      padded_.resize(json.size() + simdjson::SIMDJSON_PADDING);
      std::memcpy(padded_.data(), json.data(), json.size());
      data = padded_.data();
    }
    auto err = parser_.parse(data, json.size(), false).get(*root);
    if (err == simdjson::SUCCESS) return true;
    size_t at = FindJsonSyntaxError(json);
    if (at == std::string_view::npos) at = 0;  // valid syntax simdjson refuses (e.g. a huge number)
    Report(where, "invalid JSON at byte " + std::to_string(base + at) + ": " + simdjson::error_message(err));
    return false;
  }

  static std::string TypeName(simdjson::dom::element e) {
    switch (e.type()) {
      case simdjson::dom::element_type::ARRAY: return "an array";
      case simdjson::dom::element_type::OBJECT: return "an object";
      case simdjson::dom::element_type::STRING: return "a string";
      case simdjson::dom::element_type::BOOL: return "a boolean";
      case simdjson::dom::element_type::NULL_VALUE: return "null";
      default: return "a number";
    }
  }

  static std::string NumberText(simdjson::dom::element v) {
    if (v.is_int64()) return std::to_string(v.get_int64().value_unsafe());
    if (v.is_uint64()) return std::to_string(v.get_uint64().value_unsafe());
    char buf[32];
    auto res = std::to_chars(buf, buf + sizeof buf, v.get_double().value_unsafe());
    return std::string(buf, res.ptr);
  }

  // Fills `d` from one JSON object; reports and returns false when it has no text.
  bool ObjectToDocument(simdjson::dom::object obj, const std::string& where, Document* d) {
    std::string_view text, html, published;
    bool have_text = false, have_html = false, have_published = false, have_id = false;
    bool have_title = false, have_source = false, have_url = false;
    for (simdjson::dom::key_value_pair field : obj) {
      std::string_view key = field.key;
      simdjson::dom::element v = field.value;
      std::string_view str;
      bool is_string = v.get_string().get(str) == simdjson::SUCCESS;
      if (key == "id" && !have_id) {
        if (is_string) {
          d->id = std::string(str);
          have_id = true;
        } else if (v.is_number()) {
          d->id = NumberText(v);
          have_id = true;
        }
      } else if (key == "text" && !have_text && is_string) {
        text = str;
        have_text = true;
      } else if (key == "html" && !have_html && is_string) {
        html = str;
        have_html = true;
      } else if (key == "published" && !have_published && !v.is_null()) {
        have_published = true;
        if (is_string) {
          published = str;
        } else {
          Report(where, "bad published date '" + Quote(simdjson::minify(v)) + "': expected a string YYYY-MM-DD");
        }
      } else if (key == "title" && !have_title && is_string) {
        d->title = std::string(str);
        have_title = true;
      } else if (key == "source" && !have_source && is_string) {
        d->source = std::string(str);
        have_source = true;
      } else if (key == "url" && !have_url && is_string) {
        d->url = std::string(str);
        have_url = true;
      }
    }
    if (!have_text && !have_html) {
      Report(where, "no 'text' or 'html' field");
      return false;
    }
    std::vector<std::string> html_dates;
    if (have_text) {
      d->text = std::string(text);
    } else {
      std::string html_title;
      d->text = input_internal::HtmlToTextAndDates(html, &html_title, &html_dates);
      if (d->title.empty()) d->title = std::move(html_title);
    }
    if (!Trim(published).empty()) {
      d->published = IsoDay(published);
      if (d->published.empty()) Report(where, "bad published date '" + Quote(published) + "'");
    } else if (!have_published) {
      for (const std::string& raw : html_dates) {
        d->published = IsoDay(raw);
        if (!d->published.empty()) break;
      }
    }
    d->origin = where;
    return true;
  }

  // A .json file: JSON lines, one array of objects, or one object.
  void ReadJsonFile(std::string content, ByteSource& in, const std::string& name) {
    size_t cap = options_.max_document_bytes > SIZE_MAX / 8 ? SIZE_MAX : options_.max_document_bytes * 8;
    if (!ReadUpTo(in, cap, &content) || content.size() > cap) {
      Report(name, "JSON file of more than " + std::to_string(cap) + " bytes skipped (8 x max_document_bytes)");
      return;
    }
    if (in.failed()) return;
    bool lines = true;  // every non-blank line starts with '{'
    for (size_t pos = 0; pos < content.size();) {
      size_t nl = content.find('\n', pos);
      std::string_view line = std::string_view(content).substr(pos, nl == std::string::npos ? std::string::npos : nl - pos);
      if (pos == 0) line = StripBom(line);
      line = Trim(line);
      if (!line.empty() && line[0] != '{') {
        lines = false;
        break;
      }
      if (nl == std::string::npos) break;
      pos = nl + 1;
    }
    if (lines) {
      ReadJsonLines(content, nullptr, name);
      return;
    }
    std::string_view json = StripBom(content);
    simdjson::dom::element root;
    if (!Parse(json, name, &root, content.size() - json.size())) return;
    if (simdjson::dom::array arr; root.get_array().get(arr) == simdjson::SUCCESS) {
      size_t index = 0;
      for (simdjson::dom::element e : arr) {
        std::string where = name + "[" + std::to_string(index++) + "]";
        simdjson::dom::object obj;
        if (e.get_object().get(obj) != simdjson::SUCCESS) {
          Report(where, "expected an object, found " + TypeName(e));
          continue;
        }
        Document d;
        if (ObjectToDocument(obj, where, &d)) Deliver(std::move(d), where);
      }
      return;
    }
    simdjson::dom::object obj;
    if (root.get_object().get(obj) != simdjson::SUCCESS) {
      Report(name, "expected an array of objects or an object, found " + TypeName(root));
      return;
    }
    Document d;
    if (ObjectToDocument(obj, name, &d)) Deliver(std::move(d), name);
  }

  const ReadOptions& options_;
  const DocumentCallback& on_document_;
  const ProblemCallback& on_problem_;
  Status status_;
  simdjson::dom::parser parser_;
  std::vector<char> padded_;
};

bool ParseKind(std::string_view kind, Kind* out, bool* gzipped) {
  std::string k = Lower(kind);
  *gzipped = false;
  if (k == "gz") {
    *gzipped = true;
    *out = Kind::kSniff;
    return true;
  }
  if (k.ends_with(".gz")) {
    *gzipped = true;
    k.resize(k.size() - 3);
  }
  if (k.empty()) *out = Kind::kSniff;
  else if (k == "txt" || k == "text") *out = Kind::kText;
  else if (k == "html" || k == "htm") *out = Kind::kHtml;
  else if (k == "jsonl" || k == "ndjson") *out = Kind::kJsonl;
  else if (k == "json") *out = Kind::kJson;
  else return false;
  return true;
}

}  // namespace

Status ReadInputs(const std::vector<std::string>& paths, const ReadOptions& options,
                  const DocumentCallback& on_document, const ProblemCallback& on_problem) {
  Reader reader(options, on_document, on_problem);
  for (const std::string& path : paths) reader.ReadPath(path);
  return reader.status();
}

Status ReadBuffer(std::string_view bytes, std::string_view kind, std::string_view name,
                  const ReadOptions& options, const DocumentCallback& on_document,
                  const ProblemCallback& on_problem) {
  Kind k;
  bool gzipped;
  if (!ParseKind(kind, &k, &gzipped))
    return Status::InvalidArgument(std::string(name) + ": unknown input kind '" + std::string(kind) +
                                   "' (expected txt, html, jsonl, json, their .gz forms, or \"\" to sniff)");
  Reader reader(options, on_document, on_problem);
  MemorySource in(bytes);
  reader.ReadStream(in, k, gzipped, std::string(name));
  return reader.status();
}

std::string ContentId(std::string_view text) {
  static constexpr char kHex[] = "0123456789abcdef";
  uint64_t h = XXH3_64bits(text.data(), text.size());
  std::string id = "doc-";
  for (int shift = 60; shift >= 0; shift -= 4) id.push_back(kHex[(h >> shift) & 0xF]);
  return id;
}

}  // namespace sitrep
