// Internal to graph/: writing one revision. Store::Apply, the curation
// commands and revert all go through RevisionWriter, which keeps three
// invariants:
//   - rows are only ever inserted (added_rev = this revision) or retired
//     (retired_rev = this revision, from NULL), so every earlier revision
//     reads back exactly as it was;
//   - a document's facts and mentions are stored with the names the
//     document used, and every live row sits on the entity its names
//     resolve to through the live aliases (curation moves rows, never names);
//   - a triple is live exactly while it has live evidence.
// Rows written without the writer (bench/gen_store) may lack names and
// content versions; the entity's name and the document's first hash (with no
// extractor) stand in.
#ifndef KG_GRAPH_WRITER_H_
#define KG_GRAPH_WRITER_H_

#include <SQLiteCpp/SQLiteCpp.h>

#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <tuple>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "graph/graph.h"

namespace kg::internal {

// A fact as its document states it: names, not yet entities.
struct StoredFact {
  std::string subject, subject_type, predicate, object, object_type;
  std::string sentence;
  int64_t start = -1, end = -1;
  double confidence = 1.0;
};

// All mentions of one name (by FoldKey) in a document, facts' names included.
struct StoredMention {
  std::string name, type;
  int count = 0;
  std::map<std::string, int> forms;  // Mention::forms (mention_forms rows)
  // Mention::aliases: written to lexicon_names, never read back (they are
  // names of the lexicon, not of the document).
  std::vector<std::string> aliases;
};

// The forms of the mention row `m` as one text (SQL, for a SELECT list), and
// that column read back (NULL: none).
extern const char* const kFormsOfMention;
std::map<std::string, int> ParseForms(const SQLite::Column& column);

// What a document contributes to the graph.
struct DocState {
  std::string uri, title, source, date, hash;
  std::string extractor;                // DocumentInput::extractor
  bool uri_is_file = false;             // DocumentInput::uri_is_file
  int64_t position = -1;                // DocumentInput::position
  std::vector<StoredFact> facts;        // distinct by FactKey
  std::vector<StoredMention> mentions;  // distinct by FoldKey(name)
};

// A fact's identity within its document: folded names (in order for
// symmetric predicates), predicate, sentence and offsets. It does not depend
// on what the names resolve to, so neither does deduplication.
using FactKey =
    std::tuple<std::string, std::string, std::string, std::string, int64_t, int64_t>;
FactKey KeyOf(const StoredFact& f);

// Facts with a name that folds to nothing or no predicate are dropped and
// counted in *dropped; the rest are deduplicated, and their names counted as
// mentions after the document's own mentions.
DocState ToDocState(const DocumentInput& doc, int* dropped);

struct AliasRow {
  int64_t id = 0;
  std::string key, alias;
  int64_t entity_id = 0;
  bool curated = false;
  int64_t added_rev = 0;
  std::optional<int64_t> retired_rev;
};

// A live or past row of evidence (triple != 0) or loop_evidence (triple ==
// 0), with the entities it sits on; the fact's types are theirs.
struct FactRow {
  int64_t id = 0, doc = 0, triple = 0, subject = 0, object = 0;
  StoredFact fact;
};

// A content version of a document: the content's hash and the extractor
// that read it (DocumentInput::extractor). Two are the same when those are:
// uri_is_file follows from the content and where it was read.
struct Version {
  std::string hash, extractor;
  bool uri_is_file = false;
  bool operator==(const Version& o) const {
    return hash == o.hash && extractor == o.extractor;
  }
};

// Reads documents back as they were written. Holds no transaction, so it
// serves a RevisionWriter and read-only connections alike (Store::Merge).
class DocumentReader {
 public:
  explicit DocumentReader(SQLite::Database& db) : db_(db) {}
  DocumentReader(const DocumentReader&) = delete;
  DocumentReader& operator=(const DocumentReader&) = delete;

  // Document row `doc_id` as it stood at revision `rev`.
  DocState DocumentAt(int64_t doc_id, int64_t rev);
  // The content version of document row `doc_id` at `rev`; nothing when the
  // row was not live then.
  std::optional<Version> VersionAt(int64_t doc_id, int64_t rev);
  // Rows matching the two WHERE clauses (parameters ?1 = a, ?2 = b); an
  // empty clause reads nothing from its table.
  std::vector<FactRow> ReadFacts(const std::string& evidence_where,
                                 const std::string& loop_where, int64_t a, int64_t b);
  // `sql`, prepared once per reader and reset, its bindings cleared.
  SQLite::Statement& Sql(const std::string& sql);
  // Finalizes every statement (they are prepared again when next asked for).
  void Finalize() { statements_.clear(); }

 private:
  SQLite::Database& db_;
  std::map<std::string, std::unique_ptr<SQLite::Statement>> statements_;
};

// One revision in the making: an IMMEDIATE transaction holding the revision
// row. Destroying it without Commit() rolls everything back.
class RevisionWriter {
 public:
  RevisionWriter(SQLite::Database& db, Env& env, const std::string& kind,
                 const std::string& message);
  RevisionWriter(const RevisionWriter&) = delete;
  RevisionWriter& operator=(const RevisionWriter&) = delete;

  int64_t rev() const { return rev_; }
  ApplyResult& result() { return r_; }

  // --- Documents
  struct LiveDoc {
    int64_t id;
    std::string title, source, date;
    Version version;
  };
  std::optional<LiveDoc> FindLiveDocument(const std::string& uri);
  // Makes the live document at `uri` say `target` (nullptr: no document).
  // Unchanged facts and mentions keep their rows. The same content hash from
  // another extractor counts as re-extracted, not changed.
  void WriteDocument(const std::string& uri, const DocState* target);
  DocState DocumentAt(int64_t doc_id, int64_t rev) {
    return reader_.DocumentAt(doc_id, rev);
  }
  std::optional<Version> VersionAt(int64_t doc_id, int64_t rev) {
    return reader_.VersionAt(doc_id, rev);
  }
  // Replaces the message the revision was begun with.
  void SetMessage(const std::string& message);

  // --- Names
  // The entity a folded name resolves to now.
  std::optional<int64_t> KeyEntity(const std::string& key);
  // The entity `name` resolves to, created (type "" is "Unknown") when the
  // name is new. Nothing when it folds to nothing.
  std::optional<int64_t> Resolve(const std::string& name, const std::string& type);
  // Points `key` at `entity` (nothing: at no entity). Rows that resolved
  // through the key move at ReResolve().
  void SetKey(const std::string& key, const std::string& alias,
              std::optional<int64_t> entity, bool curated);
  // Points every live name of `from` at `into`.
  void MoveNames(int64_t into, int64_t from);
  AliasRow LiveAlias(const std::string& key, bool* found);
  std::string EntityName(int64_t id);
  // What the name columns of evidence and mentions hold for `name` given to
  // entity `id`: "" when it is the entity's own name (readers take
  // COALESCE(NULLIF(name, ''), entity name)), which keeps the store small.
  std::string GivenName(int64_t id, const std::string& name);
  // Moves the rows of entities that lost names to where their names lead now.
  // First, an entity whose own name now leads to another entity (a revert
  // can do that) follows it with every name it has left, so that every live
  // name leads to an entity whose own name leads to itself.
  void ReResolve();

  // Retires triples left without evidence, counts the revision and commits.
  // Returns the revision, or 0 (and rolls back) when nothing changed.
  int64_t Commit();

 private:
  SQLite::Statement& Sql(const std::string& sql);
  int64_t InsertDocument(const std::string& uri, const DocState& s);
  void InsertVersion(int64_t doc_id, const DocState& s);
  // Gives the live document `doc_id` the content of `target`, changing only
  // the facts and mentions that differ.
  void UpdateDocument(int64_t doc_id, const DocState& target);
  void UpdateMentions(int64_t doc_id, const std::vector<StoredMention>& target);
  void UpdateFacts(int64_t doc_id, const std::vector<StoredFact>& target);
  void RetireDocument(int64_t doc_id);
  std::vector<FactRow> LiveFactsOfDocument(int64_t doc_id);
  void AddFact(int64_t doc_id, const StoredFact& f);
  void RetireFact(const FactRow& row);
  void AddMention(int64_t doc_id, const StoredMention& m);
  void AddLexiconNames(const StoredMention& m);
  void RetireRow(const char* table, int64_t id);
  std::string EntityType(int64_t id);
  void FollowOwnNames();
  int64_t Triple(int64_t s, const std::string& p, int64_t o);
  // Entities that came into the graph (a first live mention) or left it.
  void CountNodeChanges();

  SQLite::Database& db_;
  SQLite::Transaction tr_;
  int64_t rev_ = 0;
  ApplyResult r_;
  int64_t changes_ = 0;  // rows inserted or retired
  std::unordered_map<std::string, int64_t> key_cache_;
  std::unordered_set<std::string> lexicon_keys_;  // AddLexiconNames, this revision
  std::unordered_map<int64_t, std::string> type_cache_;
  std::unordered_map<int64_t, std::string> name_cache_;  // entity names never change
  std::set<int64_t> touched_triples_, touched_entities_;
  std::set<int64_t> losers_, gainers_;  // entities that lost or gained names
  // Last: it holds every prepared statement, finalized before the
  // transaction ends.
  DocumentReader reader_;
};

// Turns a SQLite failure while writing `path` into an Error.
[[noreturn]] void ThrowWriteError(const std::string& path, const SQLite::Exception& e,
                                  SQLite::Database& db);
// SQLite's message made plain: "disk full (No space left on device)",
// "file size limit reached (File too large)", or SQLite's own words.
std::string DescribeFailure(const SQLite::Exception& e, SQLite::Database* db);

}  // namespace kg::internal

#endif  // KG_GRAPH_WRITER_H_
