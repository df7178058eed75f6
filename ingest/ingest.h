// ingest: from outside input (articles, or triples made elsewhere) to a
// ChangeSet for the store. Nothing here touches the store.
#ifndef KG_INGEST_INGEST_H_
#define KG_INGEST_INGEST_H_

#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "graph/graph.h"

namespace kg {

// Parses the JSON lines that `kg extract` writes (../shared/eval/README.md):
// triple lines and {"kind": "entity"} lines, grouped into one document per
// "doc". Optional per-line fields: title, date (YYYY-MM-DD), source, start,
// end. Throws Error("FILE:LINE: what is wrong") on the first bad line, before
// anything reaches the store.
ChangeSet ReadTriplesJsonl(std::string_view content, const std::string& file_name);

// One article as read from a file, a JSONL line or stdin.
struct Article {
  std::string uri;                  // the file path, a JSONL line's "url", or "<stdin>"
  std::string doc_id;               // the file name without extension (the eval's "doc")
  std::string title, date, source;  // date is YYYY-MM-DD or "" (never today)
  std::string text;                 // valid UTF-8 (the readers replace invalid bytes)
  std::string hash;                 // of the raw input, so a metadata change is a change
  // `uri` is the path of the file the text was read from (not a url from the
  // article's metadata, not stdin, not a JSONL line): kg ingest may read it
  // again to re-extract the document.
  bool uri_is_file = false;
};

// Reports a problem with one input. `failed`: the input was skipped.
using ProblemFn =
    std::function<void(const std::string& where, const std::string& what, bool failed)>;

// Reads articles from files (.txt, .md with front matter, .html/.htm, .jsonl
// with one article a line), folders (recursively, in path order) and "-"
// (stdin, its format sniffed). Calls `on_article` in input order; bad input
// goes to `on_problem` and the rest goes on.
void ReadArticles(Env& env, const std::vector<std::string>& paths,
                  const std::function<void(Article&&)>& on_article,
                  const ProblemFn& on_problem);

// Parses one input whose format is given by `path`'s extension (exposed for
// tests and fuzzing).
void ParseArticles(const std::string& path, std::string content,
                   const std::function<void(Article&&)>& on_article,
                   const ProblemFn& on_problem);

class Analyzer;  // ingest/nlp/analyzer.h
struct AnnotatedDocument;

// The analysis models, loaded once per process from the model file at
// `path` ("": DefaultModelPath, i.e. $KG_MODEL or the checkout's
// models/english.kgm) through `env`. Throws Error naming the file when it is
// missing, truncated, damaged, foreign or of another format version.
std::shared_ptr<const Analyzer> LoadAnalyzer(Env& env, const std::string& path = "");

// Articles to facts. Thread-safe: one Extractor serves every thread.
class Extractor {
 public:
  // The bundled lexicon and patterns, plus users' lexicon files as
  // (name, content) pairs in the same TSV format (later entries win), and
  // the analysis models (null: LoadAnalyzer(Env::Default())). The analysis
  // (tags, trees) runs on the sentences that mention two entities or more,
  // the only ones that can state a fact; `analyse_all` runs it on every
  // sentence (slower, for comparison).
  // Facts with a confidence below `min_confidence` are left out (0: none).
  explicit Extractor(
      const std::vector<std::pair<std::string, std::string>>& lexicons = {},
      std::shared_ptr<const Analyzer> analyzer = nullptr, bool analyse_all = false,
      double min_confidence = 0);
  ~Extractor();
  // The article's metadata and facts; DocumentInput::extractor is
  // fingerprint().
  DocumentInput Extract(const Article& article) const;
  // The analysis the facts are read from: words, tags, lemmas, entity spans,
  // and trees for the sentences that hold two names or more (`parse_all`:
  // for every sentence), as `kg annotate` shows it.
  AnnotatedDocument Annotate(const Article& article, bool parse_all) const;
  // The same for sentences whose words are given (forms normalised, as
  // NormalizeForm in ingest/nlp/analyzer.h writes them): tags, lemmas,
  // entity spans and a tree for every sentence.
  void AnnotateWords(AnnotatedDocument& doc) const;

  // A short stable hash (16 hex digits) of everything that determines what
  // Extract returns: the code version (kExtractorVersion in extract.cc), the
  // bundled data (lexicon, patterns, roles, cues, tokenizer rules), the
  // analysis models, and the users' lexicons given to the constructor (their
  // content, in order, not their names). A stored document with another
  // fingerprint is re-extracted by kg ingest.
  const std::string& fingerprint() const { return fingerprint_; }

  // How many facts each relation frame (ingest/data/frames.tsv) gave so
  // far, most first, one "COUNT<TAB>frames.tsv:LINE PREDICATE TRIGGERS" line
  // each: a frame that fires once, or never, is visible.
  std::string Explain() const;

 private:
  // The fingerprint of this extractor, built with `lexicons`: computed once,
  // at the end of the constructor (extract.cc).
  std::string ComputeFingerprint(
      const std::vector<std::pair<std::string, std::string>>& lexicons) const;

  struct Impl;
  std::unique_ptr<Impl> impl_;
  std::string fingerprint_;
};

struct ExtractStats {
  int documents = 0;  // read and extracted
  int failed = 0;     // inputs skipped (unreadable, binary, malformed)
  int64_t bytes = 0;  // article text extracted
  int64_t read = 0;   // articles read, in every shard: the next position
};

// One of `count` parts of the input, numbered from 1: the documents whose
// uri hashes (64-bit FNV-1a of its bytes) to index - 1 modulo count. The
// hash is fixed, so shards built on different machines never overlap.
struct Shard {
  int index = 1, count = 1;
  // "I/N" with 1 <= I <= N; throws a usage Error otherwise.
  static Shard Parse(std::string_view spec);
  bool Holds(std::string_view uri) const;
};

// Reads `paths` and extracts every article with `jobs` threads (0: all
// cores), in batches so memory stays flat. `on_document` is called on the
// calling thread in input order, so the output does not depend on `jobs`.
// Articles outside `shard` are read but not extracted; every article counts
// for DocumentInput::position.
ExtractStats ExtractArticles(
    Env& env, const Extractor& extractor, const std::vector<std::string>& paths, int jobs,
    const std::function<void(const Article&, DocumentInput&&)>& on_document,
    const ProblemFn& on_problem, const Shard& shard = {});

}  // namespace kg

#endif  // KG_INGEST_INGEST_H_
