// Document readers: txt, md with front matter, HTML (gumbo), JSONL.
#include <gumbo.h>
#include <rapidjson/document.h>
#include <rapidjson/error/en.h>

#include <algorithm>
#include <filesystem>

#include "ingest/ingest.h"

namespace kg {

namespace {

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string Extension(const std::string& path) {
  return Lower(std::filesystem::path(path).extension().string());
}

std::string DocId(const std::string& path) {
  return std::filesystem::path(path).stem().string();
}

// "2025-01-27", "2025-01-27T10:00:00Z" -> "2025-01-27"; anything else -> "".
std::string IsoDatePrefix(std::string_view s) {
  s = Trim(s);
  if (s.size() >= 10 && IsIsoDate(s.substr(0, 10))) return std::string(s.substr(0, 10));
  return "";
}

void ParseText(const std::string& path, std::string text, Article& a) {
  // A short first line without a full stop is the headline.
  std::string_view first = Trim(std::string_view(text).substr(0, text.find('\n')));
  if (!first.empty() && first.size() < 200 && !first.ends_with('.')) a.title = first;
  a.text = std::move(text);
  (void)path;
}

void ParseMarkdown(const std::string& path, std::string text, Article& a,
                   const ProblemFn& problem) {
  std::string_view t = text;
  if (t.starts_with("---\n") || t.starts_with("---\r\n")) {
    size_t pos = t.find('\n') + 1;
    int line = 1;
    while (pos < t.size()) {
      size_t nl = t.find('\n', pos);
      std::string_view l =
          Trim(t.substr(pos, nl == std::string_view::npos ? t.npos : nl - pos));
      ++line;
      pos = nl == std::string_view::npos ? t.size() : nl + 1;
      if (l == "---") {
        a.text = std::string(t.substr(pos));
        return;
      }
      size_t colon = l.find(':');
      if (colon == std::string_view::npos) continue;
      std::string key = Lower(Trim(l.substr(0, colon)));
      std::string_view value = Trim(l.substr(colon + 1));
      if (value.size() >= 2 && (value.front() == '"' || value.front() == '\'') &&
          value.back() == value.front())
        value = value.substr(1, value.size() - 2);
      if (key == "title")
        a.title = value;
      else if (key == "source")
        a.source = value;
      else if (key == "url" && !value.empty())
        a.uri = value;  // else the path
      else if (key == "date") {
        a.date = IsoDatePrefix(value);
        if (a.date.empty() && !value.empty())
          problem(path + ":" + std::to_string(line),
                  "date \"" + std::string(value) + "\" is not YYYY-MM-DD; left unknown",
                  false);
      }
    }
    problem(path, "front matter has no closing ---; read as plain text", false);
  }
  a.text = std::move(text);
}

// --- HTML ---------------------------------------------------------------------

bool Skipped(GumboTag tag) {
  switch (tag) {
    case GUMBO_TAG_SCRIPT:
    case GUMBO_TAG_STYLE:
    case GUMBO_TAG_NAV:
    case GUMBO_TAG_NOSCRIPT:
    case GUMBO_TAG_HEADER:
    case GUMBO_TAG_FOOTER:
    case GUMBO_TAG_ASIDE:
    case GUMBO_TAG_FORM:
    case GUMBO_TAG_TEMPLATE:
    case GUMBO_TAG_IFRAME:
    case GUMBO_TAG_SVG:
    case GUMBO_TAG_HEAD:
    case GUMBO_TAG_BUTTON:
    case GUMBO_TAG_SELECT:
      return true;
    default:
      return false;
  }
}

bool Block(GumboTag tag) {
  switch (tag) {
    case GUMBO_TAG_P:
    case GUMBO_TAG_DIV:
    case GUMBO_TAG_BR:
    case GUMBO_TAG_LI:
    case GUMBO_TAG_H1:
    case GUMBO_TAG_H2:
    case GUMBO_TAG_H3:
    case GUMBO_TAG_H4:
    case GUMBO_TAG_H5:
    case GUMBO_TAG_H6:
    case GUMBO_TAG_TR:
    case GUMBO_TAG_BLOCKQUOTE:
    case GUMBO_TAG_ARTICLE:
    case GUMBO_TAG_SECTION:
    case GUMBO_TAG_TITLE:
    case GUMBO_TAG_FIGCAPTION:
    case GUMBO_TAG_PRE:
    case GUMBO_TAG_TD:
      return true;
    default:
      return false;
  }
}

const char* Attr(const GumboNode* n, const char* name) {
  const GumboAttribute* a = gumbo_get_attribute(&n->v.element.attributes, name);
  return a ? a->value : nullptr;
}

// Walks iteratively (an explicit stack), so 10,000 nested tags cannot
// overflow the call stack.
void WalkHtml(const GumboNode* root, Article& a, std::string& body) {
  struct Item {
    const GumboNode* node;
    bool closing;
  };
  std::vector<Item> stack = {{root, false}};
  while (!stack.empty()) {
    Item it = stack.back();
    stack.pop_back();
    const GumboNode* n = it.node;
    if (n->type == GUMBO_NODE_TEXT || n->type == GUMBO_NODE_CDATA ||
        n->type == GUMBO_NODE_WHITESPACE) {
      std::string_view s = n->v.text.text;
      if (!body.empty() && body.back() != ' ' && body.back() != '\n') body += ' ';
      // Collapse inner whitespace; lines come from block elements.
      bool space = false;
      for (char c : s) {
        if (c == ' ' || c == '\n' || c == '\t' || c == '\r') {
          space = true;
        } else {
          if (space && !body.empty() && body.back() != ' ' && body.back() != '\n')
            body += ' ';
          space = false;
          body += c;
        }
      }
      continue;
    }
    if (n->type != GUMBO_NODE_ELEMENT && n->type != GUMBO_NODE_DOCUMENT) continue;
    if (n->type == GUMBO_NODE_ELEMENT) {
      GumboTag tag = n->v.element.tag;
      if (it.closing) {
        if (Block(tag) && !body.empty() && body.back() != '\n') {
          while (!body.empty() && body.back() == ' ') body.pop_back();
          body += '\n';
        }
        continue;
      }
      if (tag == GUMBO_TAG_TITLE && a.title.empty() && n->v.element.children.length > 0) {
        auto* c = static_cast<const GumboNode*>(n->v.element.children.data[0]);
        if (c->type == GUMBO_NODE_TEXT) a.title = Trim(c->v.text.text);
      }
      if (tag == GUMBO_TAG_META && a.date.empty()) {
        const char* key = Attr(n, "property");
        if (!key) key = Attr(n, "name");
        if (!key) key = Attr(n, "itemprop");
        const char* content = Attr(n, "content");
        if (key && content) {
          std::string k = Lower(key);
          if (k == "article:published_time" || k == "date" || k == "pubdate" ||
              k == "datepublished" || k == "dc.date" || k == "publish-date" ||
              k == "og:published_time" || k == "sailthru.date")
            a.date = IsoDatePrefix(content);
        }
      }
      if (tag == GUMBO_TAG_TIME && a.date.empty()) {
        if (const char* dt = Attr(n, "datetime")) a.date = IsoDatePrefix(dt);
      }
      if (Skipped(tag)) continue;
      stack.push_back({n, true});
    }
    const GumboVector& kids =
        n->type == GUMBO_NODE_DOCUMENT ? n->v.document.children : n->v.element.children;
    for (unsigned i = kids.length; i-- > 0;)
      stack.push_back({static_cast<const GumboNode*>(kids.data[i]), false});
  }
}

void ParseHtml(std::string text, Article& a) {
  // No error list: each error copies the stack of open elements, which makes
  // memory quadratic in the nesting depth (1 GB for 10,000 unclosed <div>s).
  GumboOptions options = kGumboDefaultOptions;
  options.max_errors = 0;
  GumboOutput* out = gumbo_parse_with_options(&options, text.data(), text.size());
  std::string body;
  // <head> is skipped for text but holds the title and meta tags.
  const GumboNode* root = out->root;
  for (unsigned i = 0; i < root->v.element.children.length; ++i) {
    auto* c = static_cast<const GumboNode*>(root->v.element.children.data[i]);
    if (c->type == GUMBO_NODE_ELEMENT && c->v.element.tag == GUMBO_TAG_HEAD) {
      for (unsigned j = 0; j < c->v.element.children.length; ++j) {
        std::string ignored;
        WalkHtml(static_cast<const GumboNode*>(c->v.element.children.data[j]), a,
                 ignored);
      }
    }
  }
  WalkHtml(out->document, a, body);
  gumbo_destroy_output(&options, out);
  // gumbo decodes an overlong numeric reference ("&#x4DDDDDDDDD;") to bytes
  // that are not UTF-8.
  SanitizeUtf8(&body);
  SanitizeUtf8(&a.title);
  a.text = std::move(body);
}

// --- JSONL ----------------------------------------------------------------------

// `first_line`: the number of lines of the file before `content`.
void ParseJsonl(const std::string& path, const std::string& content,
                const std::function<void(Article&&)>& on_article,
                const ProblemFn& problem, int first_line = 0) {
  size_t pos = 0;
  int line_no = first_line;
  while (pos < content.size()) {
    size_t nl = content.find('\n', pos);
    size_t end = nl == std::string::npos ? content.size() : nl;
    std::string_view line(content.data() + pos, end - pos);
    pos = end + 1;
    ++line_no;
    if (Trim(line).empty()) continue;
    std::string where = path + ":" + std::to_string(line_no);
    rapidjson::Document d;
    d.Parse(line.data(), line.size());
    if (d.HasParseError()) {
      problem(where, std::string("invalid JSON: ") + GetParseError_En(d.GetParseError()),
              true);
      continue;
    }
    if (!d.IsObject()) {
      problem(where, "expected a JSON object", true);
      continue;
    }
    auto str = [&](const char* k) -> std::optional<std::string> {
      auto it = d.FindMember(k);
      if (it == d.MemberEnd() || it->value.IsNull()) return std::string();
      if (!it->value.IsString()) return std::nullopt;
      return std::string(it->value.GetString(), it->value.GetStringLength());
    };
    Article a;
    bool ok = true;
    for (auto [key, field] : {std::pair{"text", &a.text},
                              {"title", &a.title},
                              {"url", &a.uri},
                              {"source", &a.source},
                              {"date", &a.date},
                              {"id", &a.doc_id}}) {
      auto v = str(key);
      if (!v) {
        problem(where, std::string("\"") + key + "\" must be a string", true);
        ok = false;
        break;
      }
      *field = std::move(*v);
      // RapidJSON decodes a lone low surrogate ("\udc00") to bytes that are
      // not UTF-8.
      if (SanitizeUtf8(field) > 0)
        problem(where,
                std::string("\"") + key +
                    "\" has an invalid \\u escape; "
                    "replaced with U+FFFD",
                false);
    }
    if (!ok) continue;
    if (Trim(a.text).empty()) {
      // kg extract's lines, or another tool's triples: one message, not one
      // per line.
      if (d.HasMember("predicate") || d.HasMember("kind")) {
        problem(path,
                "this looks like triples, not articles: use kg ingest --triples " + path,
                true);
        return;
      }
      problem(where, "no \"text\"", true);
      continue;
    }
    std::string raw_date = a.date;
    a.date = IsoDatePrefix(raw_date);
    if (a.date.empty() && !raw_date.empty())
      problem(where, "date \"" + raw_date + "\" is not YYYY-MM-DD; left unknown", false);
    if (a.doc_id.empty()) a.doc_id = DocId(path) + "-" + std::to_string(line_no);
    if (a.uri.empty()) a.uri = path + "#" + a.doc_id;
    a.hash = ContentHash(line);
    on_article(std::move(a));
  }
}

bool Supported(const std::string& ext) {
  return ext == ".txt" || ext == ".md" || ext == ".markdown" || ext == ".html" ||
         ext == ".htm" || ext == ".jsonl";
}

// A JSON-lines file, read and parsed in pieces: memory holds one piece.
void ReadJsonlFile(Env& env, const std::string& path,
                   const std::function<void(Article&&)>& on_article,
                   const ProblemFn& problem) {
  int lines = 0;
  bool first = true, binary = false;
  env.ReadChunks(path, 4 << 20, [&](std::string&& chunk) {
    if (binary) return;
    if (chunk.find('\0') != std::string::npos) {
      problem(path, "binary file (NUL bytes); skipped", true);
      binary = true;
      return;
    }
    if (int bad = SanitizeUtf8(&chunk); bad > 0)
      problem(path,
              std::to_string(bad) + " invalid UTF-8 byte sequence" +
                  (bad == 1 ? "" : "s") + " replaced with U+FFFD",
              false);
    if (first && chunk.starts_with("\xEF\xBB\xBF")) chunk.erase(0, 3);
    first = false;
    ParseJsonl(path, chunk, on_article, problem, lines);
    lines += static_cast<int>(std::count(chunk.begin(), chunk.end(), '\n'));
  });
}

}  // namespace

void ParseArticles(const std::string& path, std::string content,
                   const std::function<void(Article&&)>& on_article,
                   const ProblemFn& problem) {
  std::string ext = Extension(path);
  if (content.find('\0') != std::string::npos) {
    problem(path, "binary file (NUL bytes); skipped", true);
    return;
  }
  if (int bad = SanitizeUtf8(&content); bad > 0)
    problem(path,
            std::to_string(bad) + " invalid UTF-8 byte sequence" + (bad == 1 ? "" : "s") +
                " replaced with U+FFFD",
            false);
  if (content.starts_with("\xEF\xBB\xBF")) content.erase(0, 3);
  if (ext == ".jsonl") {
    ParseJsonl(path, content, on_article, problem);
    return;
  }
  if (Trim(content).empty()) {
    problem(path, "empty file; skipped", true);
    return;
  }
  Article a;
  a.uri = path;
  a.doc_id = DocId(path);
  a.hash = ContentHash(content);
  if (ext == ".md" || ext == ".markdown") {
    ParseMarkdown(path, std::move(content), a, problem);
  } else if (ext == ".html" || ext == ".htm") {
    ParseHtml(std::move(content), a);
  } else {
    ParseText(path, std::move(content), a);
  }
  if (Trim(a.text).empty()) {
    problem(path, "no text; skipped", true);
    return;
  }
  a.uri_is_file = a.uri == path;
  on_article(std::move(a));
}

void ReadArticles(Env& env, const std::vector<std::string>& paths,
                  const std::function<void(Article&&)>& on_article,
                  const ProblemFn& on_problem) {
  for (const std::string& p : paths) {
    if (p == "-") {
      std::string content = env.ReadFile("-");
      std::string_view head = Trim(std::string_view(content).substr(0, 512));
      const char* name = head.starts_with("{")     ? "<stdin>.jsonl"
                         : head.starts_with("<")   ? "<stdin>.html"
                         : head.starts_with("---") ? "<stdin>.md"
                                                   : "<stdin>.txt";
      ParseArticles(
          name, std::move(content),
          [&](Article&& a) {
            if (a.uri.rfind("<stdin>.", 0) == 0) a.uri = "<stdin>";
            a.uri_is_file = false;
            a.doc_id = a.doc_id.rfind("<stdin>", 0) == 0 ? "stdin" : a.doc_id;
            on_article(std::move(a));
          },
          on_problem);
      continue;
    }
    std::vector<std::string> files;
    if (env.IsDirectory(p)) {
      for (auto& f : env.ListFilesRecursive(p))
        if (Supported(Extension(f))) files.push_back(std::move(f));
    } else {
      files.push_back(p);
    }
    for (const std::string& f : files) {
      try {
        if (Extension(f) == ".jsonl") {
          ReadJsonlFile(env, f, on_article, on_problem);
          continue;
        }
        std::string content = env.ReadFile(f);
        ParseArticles(f, std::move(content), on_article, on_problem);
      } catch (const Error& e) {
        on_problem(f, "cannot read file", true);
      }
    }
  }
}

}  // namespace kg
