// The fuzz entries: one function per input surface, each taking one input of
// arbitrary bytes. fuzz/fuzz_target.cc wraps each in a libFuzzer target, and
// tests/fuzz_regression_test.cc replays fuzz/regressions/<entry>/* (and the
// seeds in fuzz/corpus/<entry>/*) through the same functions, so that a crash
// once found stays fixed.
//
// Contract: an entry returns normally for every input. kg::Error is caught
// where the surface documents it; any other exception, a sanitizer report or
// a broken invariant (thrown as std::logic_error) is a bug.
//
// Header-only, so that the gcc test build uses it without a CMake change.
#ifndef KG_FUZZ_ENTRIES_H_
#define KG_FUZZ_ENTRIES_H_

#include <unistd.h>

#include <cctype>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <iterator>
#include <map>
#include <memory>
#include <set>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "base/base.h"
#include "graph/graph.h"
#include "ingest/ingest.h"
#include "ingest/lexicon.h"
#include "ingest/text.h"
#include "query/query.h"

namespace kg::fuzz {

// --- Invariants -------------------------------------------------------------

// Throws std::logic_error (never kg::Error) when `ok` is false.
inline void Expect(bool ok, const std::string& what) {
  if (!ok) throw std::logic_error("fuzz invariant broken: " + what);
}

inline bool ValidUtf8(std::string s) { return SanitizeUtf8(&s) == 0; }

inline bool IsSnakeCase(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s)
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) return false;
  return true;
}

// --- Document readers -------------------------------------------------------

// ParseArticles on data[1:], the path's extension chosen by data[0] % 8:
// '0' .txt, '1' .md, '2' .markdown, '3' .html, '4' .htm, '5' .jsonl,
// '6' .HTML, '7' none (read as text).
inline void FuzzReaders(std::string_view data) {
  static constexpr const char* kExtensions[] = {".txt", ".md",    ".markdown", ".html",
                                                ".htm", ".jsonl", ".HTML",     ""};
  if (data.empty()) return;
  const std::string path =
      std::string("in/doc") +
      kExtensions[static_cast<unsigned char>(data[0]) % std::size(kExtensions)];
  data.remove_prefix(1);
  ParseArticles(
      path, std::string(data),
      [&](Article&& a) {
        Expect(!Trim(a.text).empty(), "an article has text");
        Expect(!a.uri.empty() && !a.doc_id.empty(), "an article has a uri and an id");
        Expect(a.date.empty() || IsIsoDate(a.date), "a date is YYYY-MM-DD or empty");
        Expect(a.hash.size() == 16, "an article has a content hash");
        for (auto [field, s] : {std::pair{"text", &a.text},
                                {"title", &a.title},
                                {"source", &a.source},
                                {"uri", &a.uri},
                                {"id", &a.doc_id}})
          Expect(ValidUtf8(*s),
                 std::string("the article's ") + field + " is valid UTF-8");
      },
      [&](const std::string& where, const std::string& what, bool) {
        Expect(where.rfind(path, 0) == 0, "a problem names its input: " + where);
        Expect(!what.empty(), "a problem says what is wrong");
      });
}

// --- Extractor ----------------------------------------------------------------

// Extractor::Extract on the bytes as an article's text.
inline void FuzzExtract(std::string_view data) {
  static const Extractor extractor;
  Article article;
  article.uri = "in/doc.txt";
  article.doc_id = "doc";
  article.text = std::string(data);
  SanitizeUtf8(&article.text);  // as every reader does: Article::text is UTF-8
  DocumentInput doc = extractor.Extract(article);
  Expect(doc.uri == article.uri, "the document keeps the article's uri");
  for (const Fact& f : doc.facts) {
    Expect(!Trim(f.subject).empty() && !Trim(f.object).empty(), "facts name both ends");
    Expect(IsEntityType(f.subject_type) && IsEntityType(f.object_type),
           "facts have schema entity types");
    Expect(IsSnakeCase(f.predicate), "predicates are lower_snake_case: " + f.predicate);
    Expect(f.confidence >= 0 && f.confidence <= 1, "confidence is in [0, 1]");
    Expect(ValidUtf8(f.subject) && ValidUtf8(f.object) && ValidUtf8(f.sentence),
           "facts are valid UTF-8");
    Expect(f.start >= 0 && f.start <= f.end &&
               f.end <= static_cast<int64_t>(article.text.size()),
           "evidence offsets lie in the text");
    Expect(article.text.compare(static_cast<size_t>(f.start),
                                static_cast<size_t>(f.end - f.start), f.sentence) == 0,
           "evidence offsets are the evidence sentence's bytes in the text");
  }
  for (const Mention& m : doc.mentions) {
    Expect(!Trim(m.name).empty() && ValidUtf8(m.name), "mentions have names");
    Expect(IsEntityType(m.type), "mentions have schema entity types");
    Expect(m.count >= 1, "mentions are counted");
  }
}

// --- --triples JSONL ----------------------------------------------------------

// ReadTriplesJsonl; kg::Error naming FILE:LINE is the documented failure.
inline void FuzzTriples(std::string_view data) {
  const std::string name = "in/triples.jsonl";
  ChangeSet cs;
  try {
    cs = ReadTriplesJsonl(data, name);
  } catch (const Error& e) {
    Expect(std::string_view(e.what()).rfind(name + ":", 0) == 0,
           std::string("errors name FILE:LINE: ") + e.what());
    return;
  }
  for (const DocumentInput& d : cs.documents) {
    Expect(!Trim(d.uri).empty(), "documents have a uri");
    Expect(d.date.empty() || IsIsoDate(d.date), "a date is YYYY-MM-DD or empty");
    Expect(d.hash.size() == 16, "documents have a content hash");
    for (const std::string* s : {&d.uri, &d.title, &d.source})
      Expect(ValidUtf8(*s), "document fields are valid UTF-8");
    for (const Fact& f : d.facts) {
      Expect(!Trim(f.subject).empty() && !Trim(f.object).empty() &&
                 !Trim(f.sentence).empty(),
             "facts have both ends and evidence");
      Expect(IsSnakeCase(f.predicate), "predicates are lower_snake_case");
      for (const std::string* t : {&f.subject_type, &f.object_type})
        Expect(t->empty() || IsEntityType(*t), "types are schema types or empty");
      Expect(f.confidence >= 0 && f.confidence <= 1, "confidence is in [0, 1]");
      Expect(f.start <= f.end, "start is not after end");
      for (const std::string* s : {&f.subject, &f.object, &f.sentence})
        Expect(ValidUtf8(*s), "facts are valid UTF-8");
    }
    for (const Mention& m : d.mentions) {
      Expect(!Trim(m.name).empty() && ValidUtf8(m.name), "mentions have valid names");
      Expect(m.type.empty() || IsEntityType(m.type), "types are schema types or empty");
    }
  }
}

// --- A small store for name resolution and matching ---------------------------

// A store of a dozen triples in three revisions, in a temporary folder that
// lives as long as the process. Built on first use.
class SmallStore {
 public:
  static SmallStore& Get() {
    static SmallStore instance;
    return instance;
  }
  Store& store() { return *store_; }
  // FoldKeys of every live alias at the latest revision.
  const std::set<std::string>& keys() const { return keys_; }
  // The filters the entries try: latest, revision 1, a date between.
  const std::vector<GraphFilter>& filters() const { return filters_; }

  ~SmallStore() {
    store_.reset();
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
  }

 private:
  SmallStore() {
    dir_ = std::filesystem::temp_directory_path() /
           ("kg-fuzz-" + std::to_string(getpid()) + "-" +
            std::to_string(reinterpret_cast<uintptr_t>(this) & 0xFFFFFF));
    std::filesystem::create_directories(dir_);
    store_ =
        Store::Open((dir_ / "kg.db").string(), Store::Mode::kReadWrite, Env::Default());
    store_->Apply(ReadTriplesJsonl(
        Fact("a", "2024-05-01", "United States", "Country", "sanctions", "Huawei",
             "Company") +
            Fact("a", "2024-05-01", "Huawei", "Company", "manufactures", "Ascend 910B",
                 "Chip") +
            Fact("a", "2024-05-01", "Huawei", "Company", "based_in", "China", "Country") +
            Fact("a", "2024-05-01", "Nvidia", "Company", "manufactures", "H800", "Chip") +
            Fact("a", "2024-05-01", "DeepSeek", "Company", "trained_on", "H800", "Chip") +
            Fact("a", "2024-05-01", "Moor Insights & Strategy", "Organization",
                 "competes_with", "\\\"Quoted\\\" <Name>", "Company"),
        "a.jsonl"));
    store_->Apply(ReadTriplesJsonl(
        Fact("b", "2025-01-27", "United States", "Country", "sanctions", "Nvidia",
             "Company") +
            Fact("b", "2025-01-27", "\\u00dcn\\u00efc\\u00f6d\\u00e9 AG", "Company",
                 "partners_with", "\\u83ef\\u70ba", "Company") +
            Fact("b", "2025-01-27", "O'Brien's Lab", "Organization", "partners_with",
                 "DeepSeek", "Company") +
            Fact("b", "2025-01-27", "AT&T", "Company", "competes_with", "Nvidia",
                 "Company") +
            Fact("b", "2025-01-27", "the Commerce Department", "GovernmentBody",
                 "restricts_export_of", "H800", "Chip") +
            Fact("b", "", "DeepSeek", "Company", "trained_on", "Nvidia", "Company") +
            "{\"doc\": \"b\", \"kind\": \"entity\", \"name\": \"Qwen\", \"type\": "
            "\"AIModel\"}\n",
        "b.jsonl"));
    store_->Alias("U.S.", "United States", "alias");
    for (const NameEntry& e : store_->Names({})) keys_.insert(e.key);
    filters_ = {GraphFilter(), GraphFilter(1), GraphFilter()};
    filters_[2].as_of_date = "2024-12-31";
  }

  static std::string Fact(const std::string& doc, const std::string& date,
                          const std::string& s, const std::string& st,
                          const std::string& p, const std::string& o,
                          const std::string& ot) {
    return "{\"doc\": \"" + doc + "\", \"subject\": \"" + s + "\", \"subject_type\": \"" +
           st + "\", \"predicate\": \"" + p + "\", \"object\": \"" + o +
           "\", \"object_type\": \"" + ot + "\", \"evidence\": \"" + s + " " + p + " " +
           o + ".\"" + (date.empty() ? "" : ", \"date\": \"" + date + "\"") + "}\n";
  }

  std::filesystem::path dir_;
  std::unique_ptr<Store> store_;
  std::set<std::string> keys_;
  std::vector<GraphFilter> filters_;
};

// --- Name resolution ------------------------------------------------------------

// FoldKey, and ResolveEntity against the small store; data[0] % 3 picks the
// filter. "unknown entity" is a kg::Error.
inline void FuzzResolve(std::string_view data) {
  const std::string key = FoldKey(data);
  Expect(ValidUtf8(key), "keys are valid UTF-8");
  Expect(key.empty() || (key.front() != ' ' && key.back() != ' '),
         "keys have no outer spaces: \"" + key + "\"");
  Expect(key.find("  ") == std::string::npos, "keys have no double spaces");
  SmallStore& small = SmallStore::Get();
  const GraphFilter& filter =
      small.filters()[data.empty()
                          ? 0
                          : static_cast<unsigned char>(data[0]) % small.filters().size()];
  try {
    int64_t id = ResolveEntity(small.store(), data, filter);
    Expect(small.store().GetNode(id, filter).has_value(),
           "a resolved entity is in the graph asked about");
  } catch (const Error& e) {
    Expect(filter.as_of_revision != 0 || !filter.as_of_date.empty() ||
               !small.keys().count(key),
           "a live alias resolves: \"" + key + "\"");
    Expect(std::string_view(e.what()).rfind("unknown entity", 0) == 0,
           std::string("resolution fails only as unknown: ") + e.what());
  }
}

// --- match patterns -------------------------------------------------------------

// Up to three patterns, one a line, through ParseMatchPattern and then Match
// against the small store, whose answer must equal a brute-force join.
inline void FuzzMatch(std::string_view data) {
  std::vector<MatchPattern> patterns;
  for (const std::string& line : Split(data, '\n')) {
    if (patterns.size() == 3) break;
    MatchPattern p;
    try {
      p = ParseMatchPattern(line);
    } catch (const Error& e) {
      Expect(e.kind() == Error::Kind::kUsage, "a bad pattern is a usage error");
      Expect(std::string_view(e.what()).rfind("pattern \"", 0) == 0,
             "a bad pattern is quoted");
      return;
    }
    Expect(p.source == line, "a pattern keeps its source");
    for (const MatchTerm* t : {&p.subject, &p.predicate, &p.object}) {
      if (!t->variable) continue;
      Expect(!t->text.empty(), "variables are named");
      for (char c : t->text)
        Expect(std::isalnum(static_cast<unsigned char>(c)) || c == '_',
               "variable names are word characters");
      Expect(t->type.empty() || IsEntityType(t->type), "variable types are schema types");
    }
    Expect(p.predicate.variable || IsSnakeCase(p.predicate.text),
           "predicates are lower_snake_case");
    patterns.push_back(std::move(p));
  }
  if (patterns.empty()) return;

  SmallStore& small = SmallStore::Get();
  MatchOptions options;
  options.limit = 0;
  MatchResult result;
  try {
    result = Match(small.store(), patterns, options);
  } catch (const Error&) {
    return;  // an unknown name, or a variable used two ways
  }
  Expect(result.variables.size() == result.predicate_variable.size(),
         "every variable is marked entity or predicate");

  // The brute-force answer: every assignment of triples to patterns under
  // which variables agree, constants hold and typed variables have the type.
  std::map<std::string, size_t> var_index;
  for (size_t i = 0; i < result.variables.size(); ++i) var_index[result.variables[i]] = i;
  auto lookup = small.store().NewLookup(options.filter);
  std::vector<TripleEnds> triples = small.store().Triples(options.filter);
  using Answer = std::pair<std::vector<std::string>, std::vector<int64_t>>;
  std::set<Answer> expected;
  std::vector<int64_t> chosen(patterns.size());
  std::vector<std::string> values(result.variables.size());
  std::vector<char> bound(result.variables.size(), 0);
  auto bind = [&](const MatchTerm& term, const std::string& value,
                  std::vector<size_t>& newly) {
    if (!term.variable) return true;  // constants are checked by the caller
    auto it = var_index.find(term.text);
    Expect(it != var_index.end(), "every variable is reported");
    size_t v = it->second;
    if (bound[v]) return values[v] == value;
    values[v] = value;
    bound[v] = 1;
    newly.push_back(v);
    return true;
  };
  auto type_of = [&](int64_t id) {
    auto ref = lookup->Entity(id);
    return ref ? ref->type : std::string();
  };
  auto constant_ok = [&](const MatchTerm& term, int64_t id) {
    if (term.variable) return true;
    auto found = lookup->FindEntity(term.text);
    return found && *found == id;
  };
  // A type given to a variable anywhere holds everywhere.
  std::vector<std::string> var_type(result.variables.size());
  for (const MatchPattern& p : patterns)
    for (const MatchTerm* t : {&p.subject, &p.object})
      if (t->variable && !t->type.empty()) var_type[var_index.at(t->text)] = t->type;
  std::function<void(size_t)> join = [&](size_t i) {
    if (expected.size() > 100000) return;
    if (i == patterns.size()) {
      expected.insert({values, chosen});
      return;
    }
    const MatchPattern& p = patterns[i];
    for (const TripleEnds& t : triples) {
      if (!constant_ok(p.subject, t.subject) || !constant_ok(p.object, t.object))
        continue;
      if (!p.predicate.variable && p.predicate.text != t.predicate) continue;
      std::vector<size_t> newly;
      auto entity = [&](const MatchTerm& term, int64_t id) {
        if (term.variable) {
          const std::string& type = var_type[var_index.at(term.text)];
          if (!type.empty() && type != type_of(id)) return false;
        }
        return bind(term, std::to_string(id), newly);
      };
      if (entity(p.subject, t.subject) && bind(p.predicate, t.predicate, newly) &&
          entity(p.object, t.object)) {
        chosen[i] = t.id;
        join(i + 1);
      }
      for (size_t v : newly) bound[v] = 0;
    }
  };
  join(0);

  std::set<Answer> got;
  for (const MatchResult::Row& row : result.rows) {
    Expect(row.values.size() == result.variables.size(), "a row binds every variable");
    Expect(row.triples.size() == patterns.size(), "a row has a triple per pattern");
    Answer a;
    for (size_t v = 0; v < row.values.size(); ++v)
      a.first.push_back(result.predicate_variable[v]
                            ? row.values[v].predicate
                            : std::to_string(row.values[v].entity));
    a.second = row.triples;
    Expect(got.insert(a).second, "rows are distinct");
  }
  if (expected.size() <= 100000)
    Expect(got == expected, "match finds exactly the brute-force join (" +
                                std::to_string(got.size()) + " rows, expected " +
                                std::to_string(expected.size()) + ")");
}

// --- Lexicon files ----------------------------------------------------------------

// Lexicon::Load (kg::Error naming NAME:LINE is the documented failure), then
// the longest-match and fuzzy lookups over a fixed text and the input.
inline void FuzzLexicon(std::string_view data) {
  const std::string name = "in/lexicon.tsv";
  Lexicon lexicon;
  try {
    lexicon.Load(data, name);
  } catch (const Error& e) {
    Expect(std::string_view(e.what()).rfind(name + ":", 0) == 0,
           std::string("errors name FILE:LINE: ") + e.what());
  }
  for (size_t i = 0; i < lexicon.size(); ++i) {
    const Lexicon::Entry& e = lexicon.entry(static_cast<int>(i));
    Expect(IsEntityType(e.type) && !e.canonical.empty(), "entries are typed and named");
    Expect(lexicon.FindCanonical(e.canonical) == static_cast<int>(i),
           "canonical names find their entry");
  }
  static const std::string kText =
      "The U.S. Commerce Department said Nvidia's H800s and Huawei Ascend chips, "
      "made by TSMC for the People's Republic, reached DeepSeek in China.";
  const std::string input(data.substr(0, 512));
  for (const std::string* text : {&kText, &input}) {
    std::vector<Token> tokens = SurfaceTokens(*text);
    for (size_t i = 0; i < tokens.size(); ++i) {
      Lexicon::Match m = lexicon.LongestAt(tokens, i);
      if (m.length == 0) continue;
      Expect(m.entry >= 0 && static_cast<size_t>(m.entry) < lexicon.size(),
             "a match names an entry");
      Expect(i + static_cast<size_t>(m.length) <= tokens.size(),
             "a match lies in the text");
    }
  }
  int fuzzy = lexicon.FuzzyFind(input.substr(0, input.find('\t')));
  Expect(fuzzy >= -1 && fuzzy < static_cast<int>(lexicon.size()),
         "a fuzzy find names an entry or none");
}

// --- The table --------------------------------------------------------------------

using EntryFn = void (*)(std::string_view);

struct Entry {
  const char* name;  // as in fuzz/corpus/<name>/ and fuzz/regressions/<name>/
  EntryFn fn;
};

inline const std::vector<Entry>& Entries() {
  static const std::vector<Entry> entries = {
      {"readers", FuzzReaders}, {"extract", FuzzExtract}, {"triples", FuzzTriples},
      {"resolve", FuzzResolve}, {"match", FuzzMatch},     {"lexicon", FuzzLexicon},
  };
  return entries;
}

// nullptr when no entry has that name.
inline EntryFn FindEntry(std::string_view name) {
  for (const Entry& e : Entries())
    if (name == e.name) return e.fn;
  return nullptr;
}

}  // namespace kg::fuzz

#endif  // KG_FUZZ_ENTRIES_H_
