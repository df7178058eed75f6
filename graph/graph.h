// graph: the versioned store. Everything that reaches the store arrives as a
// ChangeSet and is applied by Store::Apply in one transaction that also writes
// the revision row (LevelDB's VersionEdit/VersionSet is the model). Every row
// knows the revision that added it and the one that retired it, so the graph
// at any revision can be read back.
#ifndef KG_GRAPH_GRAPH_H_
#define KG_GRAPH_GRAPH_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/base.h"

namespace SQLite {
class Database;
}

namespace kg {

// --- The vocabulary of ../shared/spec/schema.md ----------------------------

// The ten entity types, in schema order.
const std::vector<std::string>& EntityTypes();
bool IsEntityType(std::string_view type);
// Predicates of the schema; the store also accepts others (open relations).
const std::vector<std::string>& SchemaPredicates();
bool IsSchemaPredicate(std::string_view predicate);
// partners_with, competes_with, meets_with: stored with the lower entity id as
// subject, so "A rivals B" and "B rivals A" are one triple.
bool IsSymmetricPredicate(std::string_view predicate);

// --- What goes in -----------------------------------------------------------

struct Fact {
  std::string subject, subject_type;
  std::string predicate;
  std::string object, object_type;
  double confidence = 1.0;
  std::string sentence;  // the evidence
  int64_t start = -1;    // code-point offsets of `sentence` in the document;
  int64_t end = -1;      // -1 when unknown
};

struct Mention {
  std::string name, type;
  int count = 1;
};

struct DocumentInput {
  std::string uri;  // path or URL: the document's identity across runs
  std::string title, source;
  std::string date;  // YYYY-MM-DD from the article itself, or "" (never today)
  std::string hash;  // content hash: a live document with the same hash is
                     // unchanged and its facts are not looked at again
  std::vector<Fact> facts;
  std::vector<Mention> mentions;  // facts' subjects and objects count already
};

// A VersionEdit: the whole of one revision's input.
struct ChangeSet {
  std::string kind;  // "ingest", "ingest --triples", ...
  std::string message;
  std::vector<DocumentInput> documents;
};

struct ApplyResult {
  int64_t revision = 0;  // 0: nothing changed and no revision was written
  int docs_new = 0, docs_changed = 0, docs_unchanged = 0;
  int entities_added = 0;
  int triples_added = 0, triples_retired = 0;
  int evidence_added = 0, evidence_retired = 0;
  int facts_skipped = 0;  // facts with an empty name or a self-loop
};

// --- What comes out -----------------------------------------------------------

struct Evidence {
  std::string sentence;
  std::string document;  // the document's uri
  std::string title;
  std::string date;  // "" when the document is undated
  double confidence = 0;
  int64_t start = -1, end = -1;
};

struct Node {
  int64_t id = 0;
  std::string name, type;
  std::vector<std::string> aliases;  // other names, sorted; not the name
  int mentions = 0;
  int degree = 0;
  std::string first_seen, last_seen;  // article dates; "" when all undated
  std::vector<std::string> dates;  // distinct dates of articles mentioning it, sorted
};

struct Edge {
  int64_t id = 0;
  int64_t source = 0, target = 0;
  std::string predicate;
  int weight = 0;  // distinct live documents supporting it: always >= 1
  double confidence = 0;  // the highest of its evidence
  int evidence_count = 0;
  std::string first_seen, last_seen;
  std::vector<std::string> dates;  // distinct dated supporting articles, sorted
  Evidence best;  // highest confidence, then latest date
};

// Which part of the graph to read. Revision 0 means the latest.
struct GraphFilter {
  int64_t as_of_revision = 0;
};

struct Stats {
  int64_t documents = 0, entities = 0, triples = 0, evidence = 0, revisions = 0;
  std::vector<std::pair<std::string, int64_t>> entities_by_type;
  std::vector<std::pair<std::string, int64_t>> triples_by_predicate;
};

// A triple without its evidence: what graph algorithms need.
struct TripleEnds {
  int64_t id, subject, object;
  std::string predicate;
};

struct NameEntry {
  std::string key;  // FoldKey of an alias
  std::string alias;
  int64_t entity_id;
};

// What exporters read: nodes and edges, streamed. Store::View gives one over
// the store; tests give one over vectors.
class GraphSource {
 public:
  virtual ~GraphSource() = default;
  virtual void ForEachNode(const std::function<void(const Node&)>& fn) = 0;
  virtual void ForEachEdge(const std::function<void(const Edge&)>& fn) = 0;
};

class Store {
 public:
  enum class Mode { kReadOnly, kReadWrite };
  // Opens (kReadWrite: creates and migrates) the store at `path`.
  // Throws Error naming the path when it cannot be opened or is not a store.
  static std::unique_ptr<Store> Open(const std::string& path, Mode mode, Env& env);
  ~Store();

  // Applies `changes` atomically: either the whole change set and its revision
  // row are written, or nothing is.
  ApplyResult Apply(const ChangeSet& changes);

  // Live nodes (entities with a live mention) and edges, in id order.
  void ForEachNode(const GraphFilter& filter,
                   const std::function<void(const Node&)>& fn);
  void ForEachEdge(const GraphFilter& filter,
                   const std::function<void(const Edge&)>& fn);
  Edge GetEdge(int64_t triple_id, const GraphFilter& filter);
  // Every live triple's ends, in id order; cheap next to ForEachEdge.
  std::vector<TripleEnds> Triples(const GraphFilter& filter);
  std::optional<Node> GetNode(int64_t entity_id, const GraphFilter& filter);

  // Every live alias; a name resolves through FoldKey(name) == key.
  std::vector<NameEntry> Names(const GraphFilter& filter);
  std::optional<int64_t> FindEntity(std::string_view name, const GraphFilter& filter);

  Stats GetStats(const GraphFilter& filter);
  // The graph under `filter` as a GraphSource; valid while the store lives.
  std::unique_ptr<GraphSource> View(const GraphFilter& filter);
  int64_t LatestRevision();
  const std::string& path() const { return path_; }

 private:
  Store(std::string path, std::unique_ptr<SQLite::Database> db, Env& env);
  int64_t Rev(const GraphFilter& filter);

  std::string path_;
  std::unique_ptr<SQLite::Database> db_;
  Env& env_;
};

}  // namespace kg

#endif  // KG_GRAPH_GRAPH_H_
