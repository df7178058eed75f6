// graph: the versioned store. Everything that reaches the store arrives as a
// ChangeSet and is applied by Store::Apply in one transaction that also writes
// the revision row (LevelDB's VersionEdit/VersionSet is the model). Every row
// knows the revision that added it and the one that retired it, so the graph
// at any revision can be read back.
#ifndef KG_GRAPH_GRAPH_H_
#define KG_GRAPH_GRAPH_H_

#include <cstdint>
#include <functional>
#include <map>
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

// The eleven entity types, in schema order (Place came last, in 2026-12).
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
  // The names the article used for it ("U.S.", "US" for United States) and
  // how often; forms that fold like `name` are left out.
  std::map<std::string, int> forms;
  // Names a lexicon gives it ("USA", "America"), used or not.
  std::vector<std::string> aliases;
};

struct DocumentInput {
  std::string uri;  // path or URL: the document's identity across runs
  std::string title, source;
  std::string date;  // YYYY-MM-DD from the article itself, or "" (never today)
  std::string hash;  // content hash of the raw input
  // Extractor::fingerprint() of the extractor that made `facts` and
  // `mentions`; "" for facts made elsewhere (kg ingest --triples), which are
  // never re-extracted. A live document with the same hash and extractor is
  // unchanged and its facts are not looked at again; the same hash with
  // another extractor is a re-extraction (ApplyResult::docs_reextracted).
  std::string extractor;
  // `uri` is the path of the file the text was read from (Article), so kg
  // ingest may read it again to re-extract the document. Otherwise the uri
  // is data, never a path kg opens.
  bool uri_is_file = false;
  std::vector<Fact> facts;
  std::vector<Mention> mentions;  // facts' subjects and objects count already
  // Its place in the input of its run, counting the documents of every
  // shard (kg ingest --shard); -1 when unknown. Store::Merge follows it.
  int64_t position = -1;
};

// A VersionEdit: the whole of one revision's input.
struct ChangeSet {
  std::string kind;  // "ingest", "ingest --triples", ...
  std::string message;
  std::vector<DocumentInput> documents;
  std::vector<std::string> forget;  // uris of documents to retire (--sync)
};

struct ApplyResult {
  int64_t revision = 0;  // 0: nothing changed and no revision was written
  int docs_new = 0, docs_changed = 0, docs_unchanged = 0, docs_removed = 0;
  // Same content, another extractor: only the facts and mentions that differ
  // changed (not counted in docs_changed).
  int docs_reextracted = 0;
  int entities_added = 0, entities_retired = 0;  // nodes that came or went
  int triples_added = 0, triples_retired = 0;
  int evidence_added = 0, evidence_retired = 0;
  int facts_skipped = 0;   // facts with an empty name or a self-loop
  int revert_skipped = 0;  // Revert: changes made again later, left alone
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
  // Its other names: names curated or given by a lexicon, and every name an
  // article used for it, most used first (then alphabetically); not the
  // name. alias_mentions[i] is how often articles used aliases[i] (0: never).
  std::vector<std::string> aliases;
  std::vector<int> alias_mentions;
  int mentions = 0;
  int degree = 0;
  std::string first_seen, last_seen;  // article dates; "" when all undated
  std::vector<std::string> dates;     // distinct dates of articles mentioning it, sorted
};

struct Edge {
  int64_t id = 0;
  int64_t source = 0, target = 0;
  std::string predicate;
  int weight = 0;         // distinct live documents supporting it: always >= 1
  double confidence = 0;  // the highest of its evidence
  int evidence_count = 0;
  std::string first_seen, last_seen;
  std::vector<std::string> dates;  // distinct dated supporting articles, sorted
  Evidence best;                   // highest confidence, then latest date
  int undated_evidence = 0;        // sentences from undated articles (see as_of_date)
};

// Which part of the graph to read. Revision 0 means the latest.
struct GraphFilter {
  GraphFilter() = default;
  // Implicit, so that {rev} still reads as "at revision rev".
  GraphFilter(int64_t revision) : as_of_revision(revision) {}  // NOLINT
  int64_t as_of_revision = 0;
  // YYYY-MM-DD or "": the graph as articles dated up to then reported it.
  // Undated articles count too (their evidence has no date, and
  // Edge::undated_evidence counts it).
  std::string as_of_date;
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
  // Every evidence sentence of an edge ForEachEdge reported, oldest date
  // first (undated last). This default has the best one only; the store's
  // views read them all.
  virtual std::vector<Evidence> EdgeEvidence(const Edge& edge) { return {edge.best}; }
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

  // Where a streaming ingest puts its documents.
  class DocumentSink {
   public:
    virtual ~DocumentSink() = default;
    virtual void Write(const DocumentInput& doc) = 0;
    virtual void Forget(const std::string& uri) = 0;
    // What the documents written so far changed (ApplyResult::revision is
    // still 0: the revision is not committed yet).
    virtual const ApplyResult& result() const = 0;
    // Replaces the revision's message (once the producer knows what it did).
    virtual void SetMessage(const std::string& message) = 0;
  };
  // Apply, one document at a time: `produce` writes documents into the sink
  // as they are extracted, so memory holds one batch whatever the corpus
  // size. Still one revision and one transaction: if `produce` throws,
  // nothing is written.
  ApplyResult ApplyStream(const std::string& kind, const std::string& message,
                          const std::function<void(DocumentSink&)>& produce);

  // Writes the live documents of `sources` (shards: kg ingest --shard) into
  // this store as one revision, as their content was extracted, in the order
  // one ingest of all their inputs would have met them (revision, then
  // DocumentInput::position, then uri). Shards built by one run each over
  // the same inputs merge into exactly the graph that one run builds. A uri
  // in two sources: the later source's content wins. Curation (kg alias,
  // kg merge) done in a source is not carried over.
  ApplyResult Merge(const std::vector<Store*>& sources, const std::string& message);

  // Live nodes (entities with a live mention), in id order, and edges, in
  // the order their best evidence was written (read_scan.cc); both read
  // every table once, for exports.
  void ForEachNode(const GraphFilter& filter, const std::function<void(const Node&)>& fn);
  void ForEachEdge(const GraphFilter& filter, const std::function<void(const Edge&)>& fn);
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

  // --- Query reads (query helper) -------------------------------------------
  // Index lookups for queries that answer without reading the whole graph
  // (query/); implemented in read_query.cc. They read the graph a
  // GraphFilter selects exactly as ForEachNode and ForEachEdge do, as_of_date
  // included; "the slice" below is that graph.
  struct EntityRef {
    int64_t id = 0;
    std::string name, type;
  };
  // The positions of a triple that are fixed; unset ones match anything.
  struct TriplePattern {
    std::optional<int64_t> subject, object;
    std::optional<std::string> predicate;
  };
  // Repeated lookups against one slice. Keeps its prepared statements, so a
  // search can afford thousands of calls; not thread-safe.
  class Lookup {
   public:
    virtual ~Lookup() = default;
    // Triples of the slice matching `pattern`, in triple id order, until
    // `fn` returns false.
    virtual void Triples(const TriplePattern& pattern,
                         const std::function<bool(const TripleEnds&)>& fn) = 0;
    // Name and type of any entity ever stored, in the slice or not.
    virtual std::optional<EntityRef> Entity(int64_t id) = 0;
    // The entity whose live alias folds like `name` (FoldKey), if the entity
    // is in the slice.
    virtual std::optional<int64_t> FindEntity(std::string_view name) = 0;
    // Distinct documents supporting a triple in the slice; 0 when it is not
    // in the slice.
    virtual int Weight(int64_t triple_id) = 0;
    // The triple as ForEachEdge reports it, cut to the slice. `all`, when
    // given, receives every evidence row, oldest date first (undated last).
    virtual std::optional<Edge> GetEdge(int64_t triple_id,
                                        std::vector<Evidence>* all = nullptr) = 0;
    // The node as ForEachNode reports it, cut to the slice.
    virtual std::optional<Node> GetNode(int64_t entity_id) = 0;
  };
  // Valid while the store lives.
  std::unique_ptr<Lookup> NewLookup(const GraphFilter& filter);
  // --- End of query reads ----------------------------------------------------

  // --- History and curation (versioning) -------------------------------------
  // Implemented in store.cc, curate.cc and versions.cc; graph/writer.h has
  // the rules every write follows. Each write is one revision, or none when
  // it would change nothing (result.revision == 0).

  // Open(kReadWrite) takes the store's writer lock (PATH.lock, flock(2),
  // holding the writer's pid) for the life of the Store and fails with
  // "store is being written by process N" when another writer holds it;
  // this waits for it instead. Readers never lock (WAL).
  static std::unique_ptr<Store> OpenWriter(const std::string& path, Env& env, bool wait);

  // Retires the live documents with these uris and their evidence. Throws
  // Error, before writing anything, for an uri that names no live document.
  ApplyResult Forget(const std::vector<std::string>& uris, const std::string& message);
  // Makes `alias` a name of the entity `canonical` names. When `alias`
  // already names another entity, that entity is merged into it (*merged
  // gets its id, else 0). An unknown `canonical` is an Error unless
  // `type_if_new` is given: then it is created.
  ApplyResult Alias(std::string_view alias, std::string_view canonical,
                    const std::string& message, int64_t* merged = nullptr,
                    std::string_view type_if_new = "");
  // Moves entity `from` onto `into`: every name of it, and with them its
  // triples, evidence and mentions. Later ingests land on `into` too.
  ApplyResult Merge(int64_t into, int64_t from, const std::string& message);
  // A new revision that undoes `revision`: the documents and names it changed
  // go back to what they were before it, except where a later revision has
  // changed them again (counted in revert_skipped). Throws Error for a
  // revision that does not exist. `message` "" is "revert N: its message".
  ApplyResult Revert(int64_t revision, const std::string& message = "");

  struct Revision {
    int64_t id = 0;
    std::string time, kind, message;
    int64_t docs_new = 0, docs_changed = 0, docs_removed = 0, docs_reextracted = 0;
    int64_t entities_added = 0, entities_retired = 0;
    int64_t triples_added = 0, triples_retired = 0;
    int64_t evidence_added = 0, evidence_retired = 0;
  };
  std::vector<Revision> Log();  // newest first
  std::optional<Revision> GetRevision(int64_t id);

  struct DiffEntity {
    std::string name, type;
  };
  struct DiffTriple {
    std::string subject, predicate, object;
  };
  struct GraphDiff {
    int64_t from = 0, to = 0;
    std::vector<DiffEntity> entities_added, entities_retired;  // sorted
    std::vector<DiffTriple> triples_added, triples_retired;    // sorted
  };
  // How the graph changed from revision `from` to `to` (0: the empty store
  // before the first revision): the nodes and triples that came and went.
  GraphDiff Diff(int64_t from, int64_t to);
  // Uris of live documents that start with `prefix`, sorted.
  std::vector<std::string> DocumentUris(std::string_view prefix);
  // A live document an extractor other than the current one made.
  struct StaleDocument {
    std::string uri, hash, extractor;
    bool uri_is_file = false;  // DocumentInput::uri_is_file
  };
  // Live documents whose extractor (DocumentInput::extractor) is not "" and
  // not `fingerprint`, sorted by uri: the next kg ingest re-extracts them.
  // Reads through the writer's transaction when called inside ApplyStream.
  std::vector<StaleDocument> StaleDocuments(const std::string& fingerprint);
  // Curated names (kg alias, kg merge) as Extractor lexicon lines:
  // TYPE<TAB>CANONICAL<TAB>ALIAS.
  std::string CuratedLexicon();
  // --- End of history and curation ------------------------------------------

 private:
  Store(std::string path, std::unique_ptr<SQLite::Database> db, Env& env);
  int64_t Rev(const GraphFilter& filter);

  std::string path_;
  std::unique_ptr<SQLite::Database> db_;
  Env& env_;
  int lock_fd_ = -1;  // the writer lock, when opened for writing
};

}  // namespace kg

#endif  // KG_GRAPH_GRAPH_H_
