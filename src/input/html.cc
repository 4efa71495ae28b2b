// HTML → main text with gumbo.
//
// The walk is iterative (no recursion on the tree), so nesting depth costs heap, not
// stack. gumbo itself frees its tree recursively, so a page nested absurdly deep is
// cut before parsing where its nesting passes kMaxNesting (see NestingSafeLength).
//
// What is kept, in document order, one block each (blank line between blocks):
//   - the <title> (also returned through the out-parameter), always first;
//   - h1-h6, p, li, dt, dd, td, th, caption, blockquote, figcaption, pre;
//   - outside those, the direct text runs of a div (or section, article, body...)
//     when a run is at least kMinRunChars characters and mostly not link text:
//     many news pages put paragraphs in bare divs, and menus are short or all links.
// What is dropped with everything inside: script, style, noscript, template, nav,
// header (unless inside article or main: that one holds the headline), footer, aside,
// form (unless it wraps the whole page, as ASP.NET sites do), button, select, iframe,
// svg, math, and media fallbacks (video, audio, canvas, object).
// Inside a block whitespace collapses to one space (U+00A0 included), <br> is a line
// break (at most two in a row), and <pre> keeps its lines and spaces.
#include <gumbo.h>

#include <algorithm>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include "sitrep/document.h"

namespace sitrep {
namespace input_internal {
// Shared with document_reader.cc: the text, the title, and publication-date
// candidates (raw attribute values, best first) found in meta and time elements.
std::string HtmlToTextAndDates(std::string_view html, std::string* title,
                               std::vector<std::string>* dates);
}  // namespace input_internal

namespace {

constexpr size_t kMinRunChars = 40;  // shortest bare div text run worth keeping
constexpr int kMaxNesting = 5000;    // estimated element depth where parsing stops

bool IsAsciiSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }
bool IsAsciiAlpha(char c) { return (c | 0x20) >= 'a' && (c | 0x20) <= 'z'; }
bool IsAsciiAlnum(char c) { return IsAsciiAlpha(c) || (c >= '0' && c <= '9'); }

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    char x = a[i], y = b[i];
    if (x >= 'A' && x <= 'Z') x = static_cast<char>(x + 32);
    if (y >= 'A' && y <= 'Z') y = static_cast<char>(y + 32);
    if (x != y) return false;
  }
  return true;
}

// ------------------------------------------------------------- nesting guard

// Elements that do not nest (void) or that the HTML5 parser closes by itself when a
// sibling opens; the estimate does not count them.
bool IsFlatTag(std::string_view name) {
  static constexpr std::string_view kFlat[] = {
      "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
      "source", "track", "wbr", "p", "li", "dt", "dd", "td", "th", "tr", "option", "keygen"};
  for (std::string_view f : kFlat)
    if (EqualsIgnoreCase(name, f)) return true;
  return false;
}

bool IsRawTextTag(std::string_view name) {
  return EqualsIgnoreCase(name, "script") || EqualsIgnoreCase(name, "style") ||
         EqualsIgnoreCase(name, "textarea") || EqualsIgnoreCase(name, "title") ||
         EqualsIgnoreCase(name, "xmp");
}

// How much of `html` can be handed to gumbo: all of it, unless a rough tag count
// (open tags pushed, end tags popping to the nearest match among the top 64) says the
// tree gets deeper than kMaxNesting; then the prefix before that tag. Real pages stay
// far below; the guard exists for hostile input, which would otherwise overflow the
// stack in gumbo's recursive free.
size_t NestingSafeLength(std::string_view h) {
  std::vector<std::string> open;
  size_t i = 0;
  const size_t n = h.size();
  while (true) {
    size_t lt = h.find('<', i);
    if (lt == std::string_view::npos || lt + 1 >= n) return n;
    if (h.compare(lt, 4, "<!--") == 0) {
      size_t end = h.find("-->", lt + 4);
      if (end == std::string_view::npos) return n;
      i = end + 3;
      continue;
    }
    bool closing = h[lt + 1] == '/';
    size_t s = lt + 1 + (closing ? 1 : 0), p = s;
    if (p >= n || !IsAsciiAlpha(h[p])) {
      i = lt + 1;
      continue;
    }
    while (p < n && (IsAsciiAlnum(h[p]) || h[p] == '-' || h[p] == ':')) ++p;
    std::string_view name = h.substr(s, p - s);
    size_t gt = h.find('>', p);
    if (gt == std::string_view::npos) return n;
    i = gt + 1;
    if (closing) {
      size_t limit = open.size() > 64 ? open.size() - 64 : 0;
      for (size_t k = open.size(); k > limit; --k) {
        if (EqualsIgnoreCase(open[k - 1], name)) {
          open.resize(k - 1);
          break;
        }
      }
      continue;
    }
    if (IsRawTextTag(name)) {  // its content is text, not tags
      std::string end_tag = "</" + std::string(name);
      size_t e = i;
      while (true) {
        e = h.find("</", e);
        if (e == std::string_view::npos) return n;
        if (EqualsIgnoreCase(h.substr(e, end_tag.size()), end_tag)) break;
        e += 2;
      }
      i = e;
      continue;
    }
    if (h[gt - 1] == '/' || IsFlatTag(name)) continue;
    if (open.size() >= static_cast<size_t>(kMaxNesting)) return lt;
    open.emplace_back(name);
  }
}

// ------------------------------------------------------------- element classes

enum class Role { kInline, kBreak, kKept, kDropped, kTitle, kContainer };

Role RoleOf(GumboTag tag) {
  switch (tag) {
    case GUMBO_TAG_H1: case GUMBO_TAG_H2: case GUMBO_TAG_H3: case GUMBO_TAG_H4:
    case GUMBO_TAG_H5: case GUMBO_TAG_H6: case GUMBO_TAG_P: case GUMBO_TAG_LI:
    case GUMBO_TAG_DT: case GUMBO_TAG_DD: case GUMBO_TAG_TD: case GUMBO_TAG_TH:
    case GUMBO_TAG_CAPTION: case GUMBO_TAG_BLOCKQUOTE: case GUMBO_TAG_FIGCAPTION:
    case GUMBO_TAG_PRE:
      return Role::kKept;
    case GUMBO_TAG_SCRIPT: case GUMBO_TAG_STYLE: case GUMBO_TAG_NOSCRIPT:
    case GUMBO_TAG_TEMPLATE: case GUMBO_TAG_NAV: case GUMBO_TAG_HEADER:
    case GUMBO_TAG_FOOTER: case GUMBO_TAG_ASIDE: case GUMBO_TAG_FORM:
    case GUMBO_TAG_BUTTON: case GUMBO_TAG_SELECT: case GUMBO_TAG_IFRAME:
    case GUMBO_TAG_SVG: case GUMBO_TAG_MATH: case GUMBO_TAG_VIDEO: case GUMBO_TAG_AUDIO:
    case GUMBO_TAG_CANVAS: case GUMBO_TAG_OBJECT: case GUMBO_TAG_TEXTAREA:
      return Role::kDropped;
    case GUMBO_TAG_TITLE:
      return Role::kTitle;
    case GUMBO_TAG_BR:
      return Role::kBreak;
    case GUMBO_TAG_A: case GUMBO_TAG_ABBR: case GUMBO_TAG_B: case GUMBO_TAG_BDI:
    case GUMBO_TAG_BDO: case GUMBO_TAG_BIG: case GUMBO_TAG_CITE: case GUMBO_TAG_CODE:
    case GUMBO_TAG_DATA: case GUMBO_TAG_DEL: case GUMBO_TAG_DFN: case GUMBO_TAG_EM:
    case GUMBO_TAG_FONT: case GUMBO_TAG_I: case GUMBO_TAG_IMG: case GUMBO_TAG_INS:
    case GUMBO_TAG_KBD: case GUMBO_TAG_LABEL: case GUMBO_TAG_MARK: case GUMBO_TAG_NOBR:
    case GUMBO_TAG_Q: case GUMBO_TAG_RP: case GUMBO_TAG_RT: case GUMBO_TAG_RUBY:
    case GUMBO_TAG_S: case GUMBO_TAG_SAMP: case GUMBO_TAG_SMALL: case GUMBO_TAG_SPAN:
    case GUMBO_TAG_STRIKE: case GUMBO_TAG_STRONG: case GUMBO_TAG_SUB: case GUMBO_TAG_SUP:
    case GUMBO_TAG_TIME: case GUMBO_TAG_TT: case GUMBO_TAG_U: case GUMBO_TAG_VAR:
    case GUMBO_TAG_WBR:
      return Role::kInline;
    default:
      return Role::kContainer;  // div, section, article, body, table, ul, unknown tags...
  }
}

const char* Attr(const GumboElement& e, const char* name) {
  const GumboAttribute* a = gumbo_get_attribute(&e.attributes, name);
  return a ? a->value : nullptr;
}

// A <form> that wraps real content (a whole ASP.NET page) is walked, not dropped.
bool FormWrapsContent(const GumboNode* form) {
  int paragraphs = 0;
  std::vector<const GumboNode*> todo{form};
  while (!todo.empty()) {
    const GumboNode* n = todo.back();
    todo.pop_back();
    if (n->type != GUMBO_NODE_ELEMENT) continue;
    GumboTag t = n->v.element.tag;
    if (n != form && (t == GUMBO_TAG_ARTICLE || t == GUMBO_TAG_MAIN || t == GUMBO_TAG_H1)) return true;
    if (t == GUMBO_TAG_P && ++paragraphs >= 3) return true;
    const GumboVector& kids = n->v.element.children;
    for (unsigned k = 0; k < kids.length; ++k) todo.push_back(static_cast<const GumboNode*>(kids.data[k]));
  }
  return false;
}

// Candidate publication dates: priority 0 article:published_time, 1 other meta
// names (date, pubdate, datePublished...), 2 <time datetime> in document order.
int MetaDatePriority(const GumboElement& e) {
  const char* keys[] = {Attr(e, "property"), Attr(e, "name"), Attr(e, "itemprop")};
  int best = -1;
  for (const char* k : keys) {
    if (!k) continue;
    std::string_view v(k);
    if (EqualsIgnoreCase(v, "article:published_time")) return 0;
    static constexpr std::string_view kOther[] = {"date", "pubdate", "publishdate", "publish-date",
                                                  "datepublished", "dc.date", "dc.date.issued",
                                                  "og:published_time"};
    for (std::string_view o : kOther)
      if (EqualsIgnoreCase(v, o)) best = 1;
  }
  return best;
}

// ------------------------------------------------------------- text builder

// Accumulates one block with collapsed whitespace, and emits finished blocks.
class BlockWriter {
 public:
  // Appends text; `in_pre` keeps it verbatim, `in_link` counts it as link text.
  void Append(std::string_view s, bool kept, bool in_pre, bool in_link) {
    if (cur_.empty() && !pending_space_) cur_kept_ = kept;
    for (size_t i = 0; i < s.size(); ++i) {
      unsigned char c = static_cast<unsigned char>(s[i]);
      bool nbsp = c == 0xC2 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0xA0;
      if (in_pre) {
        if (c == '\r') continue;
        if (c == '\n') {
          Break();
          continue;
        }
      } else if (IsAsciiSpace(static_cast<char>(c)) || nbsp) {
        if (!cur_.empty() && cur_.back() != '\n') pending_space_ = true;
        if (nbsp) ++i;
        continue;
      }
      if (pending_space_) cur_.push_back(' ');
      pending_space_ = false;
      cur_.push_back(static_cast<char>(c));
      if ((c & 0xC0) != 0x80 && !IsAsciiSpace(static_cast<char>(c))) {
        ++chars_;
        if (in_link) ++link_chars_;
      }
    }
  }

  // A <br> (or a line end in <pre>): a line break, at most two in a row.
  void Break() {
    constexpr int kMaxNewlines = 2;
    pending_space_ = false;
    if (cur_.empty()) return;
    int run = 0;
    for (size_t k = cur_.size(); k > 0 && cur_[k - 1] == '\n'; --k) ++run;
    if (run < kMaxNewlines) cur_.push_back('\n');
  }

  // Ends the current block: kept blocks are always emitted, bare text runs only when
  // long enough and mostly not links.
  void Flush() {
    pending_space_ = false;
    size_t b = 0, e = cur_.size();
    while (b < e && (cur_[b] == '\n' || cur_[b] == ' ')) ++b;
    while (e > b && (cur_[e - 1] == '\n' || cur_[e - 1] == ' ')) --e;
    if (e > b && (cur_kept_ || (chars_ >= kMinRunChars && link_chars_ * 2 < chars_)))
      blocks_.emplace_back(cur_, b, e - b);
    cur_.clear();
    chars_ = link_chars_ = 0;
  }

  std::vector<std::string>& blocks() { return blocks_; }

 private:
  std::string cur_;
  bool cur_kept_ = false;
  bool pending_space_ = false;
  size_t chars_ = 0, link_chars_ = 0;
  std::vector<std::string> blocks_;
};

std::string CollapsedText(const GumboNode* node) {
  BlockWriter w;
  const GumboVector& kids = node->v.element.children;
  for (unsigned k = 0; k < kids.length; ++k) {
    const GumboNode* c = static_cast<const GumboNode*>(kids.data[k]);
    if (c->type == GUMBO_NODE_TEXT || c->type == GUMBO_NODE_WHITESPACE || c->type == GUMBO_NODE_CDATA)
      w.Append(c->v.text.text, true, false, false);
  }
  w.Flush();
  return w.blocks().empty() ? std::string() : std::move(w.blocks()[0]);
}

}  // namespace

namespace input_internal {

std::string HtmlToTextAndDates(std::string_view html, std::string* title_out,
                               std::vector<std::string>* dates) {
  html = html.substr(0, NestingSafeLength(html));
  GumboOptions options = kGumboDefaultOptions;
  options.max_errors = 0;  // the error list is not used; do not grow it
  GumboOutput* out = gumbo_parse_with_options(&options, html.data(), html.size());

  std::string title;
  bool have_title = false;
  std::vector<std::pair<int, std::string>> date_candidates;
  BlockWriter writer;

  struct Frame {
    const GumboNode* node;
    unsigned next_child;
    Role role;
    bool dropped;  // this element started a dropped subtree
  };
  std::vector<Frame> stack;
  int drop_depth = 0, kept_depth = 0, pre_depth = 0, link_depth = 0, article_depth = 0;

  auto enter = [&](const GumboNode* node) {
    if (node->type == GUMBO_NODE_TEXT || node->type == GUMBO_NODE_WHITESPACE ||
        node->type == GUMBO_NODE_CDATA) {
      if (drop_depth == 0) writer.Append(node->v.text.text, kept_depth > 0, pre_depth > 0, link_depth > 0);
      return;
    }
    if (node->type != GUMBO_NODE_ELEMENT && node->type != GUMBO_NODE_TEMPLATE) return;
    const GumboElement& e = node->v.element;
    Role role = node->type == GUMBO_NODE_TEMPLATE ? Role::kDropped : RoleOf(e.tag);

    // Dates are read even inside dropped parts (a page header often holds the date).
    if (dates) {
      if (e.tag == GUMBO_TAG_META) {
        int pri = MetaDatePriority(e);
        const char* content = Attr(e, "content");
        if (pri >= 0 && content) date_candidates.emplace_back(pri, content);
      } else if (e.tag == GUMBO_TAG_TIME) {
        const char* dt = Attr(e, "datetime");
        if (dt) date_candidates.emplace_back(2, dt);
      }
    }
    if (role == Role::kDropped && drop_depth == 0) {
      if (e.tag == GUMBO_TAG_HEADER && article_depth > 0) role = Role::kContainer;
      if (e.tag == GUMBO_TAG_FORM && FormWrapsContent(node)) role = Role::kContainer;
    }
    bool starts_drop = role == Role::kDropped && drop_depth == 0;
    if (drop_depth == 0) {
      switch (role) {
        case Role::kTitle:
          if (!have_title && e.tag_namespace == GUMBO_NAMESPACE_HTML) {
            title = CollapsedText(node);
            have_title = true;
          }
          return;  // its text is not part of the body
        case Role::kBreak:
          writer.Break();
          return;
        case Role::kKept:
          writer.Flush();
          ++kept_depth;
          if (e.tag == GUMBO_TAG_PRE) ++pre_depth;
          break;
        case Role::kContainer:
          writer.Flush();
          if (e.tag == GUMBO_TAG_ARTICLE || e.tag == GUMBO_TAG_MAIN) ++article_depth;
          break;
        case Role::kInline:
          if (e.tag == GUMBO_TAG_A) ++link_depth;
          break;
        case Role::kDropped:
          break;
      }
    }
    if (starts_drop) ++drop_depth;
    if (drop_depth > 0 && !starts_drop && !dates) return;  // nothing more to learn inside
    stack.push_back({node, 0, role, starts_drop});
  };

  auto leave = [&](const Frame& f) {
    if (f.dropped) {
      --drop_depth;
      return;
    }
    if (drop_depth > 0) return;
    const GumboElement& e = f.node->v.element;
    switch (f.role) {
      case Role::kKept:
        writer.Flush();
        --kept_depth;
        if (e.tag == GUMBO_TAG_PRE) --pre_depth;
        break;
      case Role::kContainer:
        writer.Flush();
        if (e.tag == GUMBO_TAG_ARTICLE || e.tag == GUMBO_TAG_MAIN) --article_depth;
        break;
      case Role::kInline:
        if (e.tag == GUMBO_TAG_A) --link_depth;
        break;
      default:
        break;
    }
  };

  const GumboVector& top = out->document->v.document.children;
  for (unsigned k = 0; k < top.length; ++k) {
    enter(static_cast<const GumboNode*>(top.data[k]));
    while (!stack.empty()) {
      Frame& f = stack.back();
      const GumboVector& kids = f.node->v.element.children;
      if (f.next_child < kids.length) {
        const GumboNode* child = static_cast<const GumboNode*>(kids.data[f.next_child++]);
        enter(child);  // may push: `f` is not used after this
      } else {
        Frame done = f;
        stack.pop_back();
        leave(done);
      }
    }
  }
  writer.Flush();
  gumbo_destroy_output(&options, out);

  std::string text;
  if (!title.empty()) text = title;
  for (const std::string& b : writer.blocks()) {
    if (!text.empty()) text += "\n\n";
    text += b;
  }
  if (title_out) *title_out = std::move(title);
  if (dates) {
    std::stable_sort(date_candidates.begin(), date_candidates.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
    dates->clear();
    for (auto& candidate : date_candidates) dates->push_back(std::move(candidate.second));
  }
  return text;
}

}  // namespace input_internal

std::string HtmlToText(std::string_view html, std::string* title) {
  return input_internal::HtmlToTextAndDates(html, title, nullptr);
}

}  // namespace sitrep
